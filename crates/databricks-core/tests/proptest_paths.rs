//! Property tests of what the SDK puts in URLs: `request::encode_path_segment` (ids and names
//! inside paths) and `RequestBuilder::query_struct` (GET parameters flattened the way the
//! official SDKs do it), observed on the wire through wiremock.
//!
//! Case counts are small (CI runs them on every push); raise them locally with
//! `PROPTEST_CASES=10000 cargo test -p databricks-core --test proptest_paths`.
#![allow(clippy::unwrap_used)]

use databricks_core::request::encode_path_segment;
use databricks_core::{Client, ConfigSources, Method, RetryPolicy};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde::Serialize;
use wiremock::matchers::any as any_request;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

proptest! {
    #![proptest_config(config(256))]

    /// The output holds only unreserved characters and upper-case `%XX` escapes, escapes
    /// exactly the reserved bytes, and decodes back to the input.
    #[test]
    fn path_segment_is_unreserved_or_escaped(s in prop_oneof![
        ".{0,40}",
        "[a-zA-Z0-9._~-]{0,40}",
        "[/?#%&=+ :@!$'()*,;\\[\\]]{0,20}",
        "\\PC{0,20}",
        Just("..".to_owned()),
        Just("../../etc/passwd".to_owned()),
        Just("a\u{0}b".to_owned()),
    ]) {
        let encoded = encode_path_segment(&s);
        let bytes = encoded.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = &bytes[i + 1..i + 3];
                prop_assert!(
                    hex.iter().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(b)),
                    "bad escape in {encoded:?}"
                );
                let decoded = u8::from_str_radix(std::str::from_utf8(hex).unwrap(), 16).unwrap();
                prop_assert!(!is_unreserved(decoded), "needless escape of {decoded:#x}");
                i += 3;
            } else {
                prop_assert!(is_unreserved(bytes[i]), "raw {:?} in {encoded:?}", bytes[i] as char);
                i += 1;
            }
        }
        prop_assert_eq!(percent_decode(&encoded), Some(s.clone()));
        // Never a path separator, query or fragment start: the segment stays one segment.
        prop_assert!(!encoded.contains(['/', '?', '#']));
        // Unreserved input is left alone; otherwise every byte costs at most three.
        if s.bytes().all(is_unreserved) {
            prop_assert_eq!(&encoded, &s);
        }
        prop_assert!(encoded.len() <= 3 * s.len());
    }
}

#[derive(Debug, Clone, Serialize)]
struct FilterBy {
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    states: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
struct ListParams {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// Not skipped: a `None` here serializes as `null`, which must be dropped too.
    page_token: Option<String>,
    ids: Vec<i64>,
    active_only: bool,
    tags: Vec<String>,
    filter_by: FilterBy,
}

impl ListParams {
    /// The pairs the official SDKs would send: `None`/`null` skipped, arrays repeated, nested
    /// objects dotted.
    fn expected(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let pair = |k: &str, v: String| (k.to_owned(), v);
        if let Some(n) = &self.name {
            out.push(pair("name", n.clone()));
        }
        if let Some(t) = &self.page_token {
            out.push(pair("page_token", t.clone()));
        }
        out.extend(self.ids.iter().map(|i| pair("ids", i.to_string())));
        out.push(pair("active_only", self.active_only.to_string()));
        out.extend(self.tags.iter().map(|t| pair("tags", t.clone())));
        if let Some(o) = &self.filter_by.owner {
            out.push(pair("filter_by.owner", o.clone()));
        }
        out.extend(
            self.filter_by
                .states
                .iter()
                .map(|s| pair("filter_by.states", s.clone())),
        );
        if let Some(l) = self.filter_by.limit {
            out.push(pair("filter_by.limit", l.to_string()));
        }
        out.sort();
        out
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![".{0,20}", "[&=+%# ?/]{0,8}", "[a-z]{0,8}"]
}

fn list_params() -> impl Strategy<Value = ListParams> {
    let filter = (
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..4),
        proptest::option::of(any::<u32>()),
    )
        .prop_map(|(owner, states, limit)| FilterBy {
            owner,
            states,
            limit,
        });
    (
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::collection::vec(any::<i64>(), 0..4),
        any::<bool>(),
        proptest::collection::vec(text(), 0..4),
        filter,
    )
        .prop_map(
            |(name, page_token, ids, active_only, tags, filter_by)| ListParams {
                name,
                page_token,
                ids,
                active_only,
                tags,
                filter_by,
            },
        )
}

/// Whatever the values (reserved characters, unicode, empty strings), the query the server
/// receives decodes to exactly the flattened pairs.
#[test]
fn query_struct_flattens_and_encodes_exactly() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = rt.block_on(MockServer::start());
    rt.block_on(
        Mock::given(any_request())
            .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
            .mount(&server),
    );
    let client = Client::builder()
        .host(server.uri())
        .token("dapi-test")
        .sources(ConfigSources::empty())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    // 64 cases unless PROPTEST_CASES says otherwise (each case is one HTTP round trip).
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&list_params(), |params| {
            let received = rt.block_on(async {
                client
                    .request(Method::GET, "/api/2.1/jobs/list")
                    .query_struct(&params)
                    .send_empty()
                    .await
                    .unwrap();
                let requests = server.received_requests().await.unwrap();
                let last = requests.last().unwrap();
                prop_assert_eq!(last.url.path(), "/api/2.1/jobs/list");
                let mut pairs: Vec<(String, String)> = last
                    .url
                    .query_pairs()
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                pairs.sort();
                Ok(pairs)
            })?;
            prop_assert_eq!(received, params.expected());
            Ok(())
        })
        .unwrap();
}
