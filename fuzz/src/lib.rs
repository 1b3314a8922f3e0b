//! The fuzz targets' bodies, shared by the libFuzzer entry points (`cargo fuzz run <target>`)
//! and the stable replay binaries (`cargo run --bin <target> [FILES or DIRS...]`).
//!
//! - [`error_parser`]: `ApiError::from_response` on arbitrary status, method, path, headers
//!   and body: never panics; status and method kept; the query never reaches the path or
//!   Display; raw messages bounded.
//! - [`model_decode`]: `serde_json::from_slice` into the SDK's response types (and their list
//!   wrappers): never panics, and whatever decodes re-encodes to JSON that decodes to the same
//!   value (no field lost or changed by a round trip).
//! - [`emulator_request`]: one HTTP request, built from the input, sent to an in-process
//!   emulator over TCP: it must answer (no hang, no dropped connection) and never with 500.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Duration;

use databricks::ApiError;
use serde::Serialize;
use serde::de::DeserializeOwned;

// ---------------------------------------------------------------------------------------------
// error_parser

const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "get", ""];
const QUERY_MARKER: &str = "QQSECRETQQ";
/// `MAX_RAW_MESSAGE` of databricks-core plus the `...` it appends.
const MAX_RAW_MESSAGE: usize = 1024 + 3;

/// Splits `data` at the first `n - 1` newlines.
fn fields(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = data.splitn(n, |b| *b == b'\n').collect();
    out.resize(n, &[]);
    out
}

/// Input: `status(2) method(1) flags(1) path \n retry-after \n x-request-id \n body`.
pub fn error_parser(data: &[u8]) {
    if data.len() < 4 {
        return;
    }
    let status = u16::from_be_bytes([data[0], data[1]]);
    let method = METHODS[usize::from(data[2]) % METHODS.len()];
    let with_query = data[3] & 1 == 1;
    let parts = fields(&data[4..], 4);
    let (path, retry_after, request_id, body) = (parts[0], parts[1], parts[2], parts[3]);
    let mut path = String::from_utf8_lossy(path).into_owned();
    let base_path = path.split(['?', '#']).next().unwrap_or_default().to_owned();
    if with_query {
        path.push_str("?token=");
        path.push_str(QUERY_MARKER);
    }
    let mut headers = http::HeaderMap::new();
    if let Ok(v) = http::HeaderValue::from_bytes(retry_after) {
        headers.insert(http::header::RETRY_AFTER, v);
    }
    if let Ok(v) = http::HeaderValue::from_bytes(request_id) {
        headers.insert("x-request-id", v);
    }
    let e = ApiError::from_response(method, &path, status, &headers, body);
    assert_eq!(e.status(), status);
    assert_eq!(e.method(), method);
    assert_eq!(
        e.path(),
        base_path,
        "path must lose exactly its query and fragment"
    );
    let shown = e.to_string();
    let debug = format!("{e:?}");
    let leaked = |text: &str| text.contains(QUERY_MARKER);
    let in_input = leaked(&String::from_utf8_lossy(data));
    if with_query && !in_input {
        assert!(!leaked(&shown), "query in Display: {shown}");
        assert!(!leaked(&debug), "query in Debug: {debug}");
    }
    let is_object = matches!(
        serde_json::from_slice::<serde_json::Value>(body),
        Ok(serde_json::Value::Object(_))
    );
    if !is_object {
        assert!(
            e.message().len() <= MAX_RAW_MESSAGE,
            "raw message of {} bytes",
            e.message().len()
        );
    }
    let _ = (
        e.error_code().as_str(),
        e.error_code_from_body(),
        e.request_id(),
    );
    let _ = (e.retry_after(), e.details().len(), e.is_not_found());
    let _ = (
        e.is_already_exists(),
        e.is_conflict(),
        e.is_invalid_parameter(),
    );
    let _ = (
        e.is_permission_denied(),
        e.is_unauthenticated(),
        e.is_rate_limited(),
    );
    let _ = (e.is_server_error(), e.is_retryable());
    for d in e.details() {
        let _ = (d.type_url(), format!("{d:?}"));
    }
    let err = databricks::Error::from(e);
    assert_eq!(err.status(), Some(status));
    let _ = (err.to_string(), err.is_retryable(), err.is_not_found());
}

// ---------------------------------------------------------------------------------------------
// model_decode

macro_rules! list_wrapper {
    ($name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        /// A list response as the service sends it.
        #[derive(Debug, serde::Serialize, serde::Deserialize)]
        #[serde(default)]
        #[derive(Default)]
        pub struct $name { $(pub $field: $ty),* }
    };
}

list_wrapper!(ScopesList { scopes: Vec<databricks::secrets::SecretScope> });
list_wrapper!(SecretsList { secrets: Vec<databricks::secrets::SecretMetadata> });
list_wrapper!(AclsList { items: Vec<databricks::secrets::AclItem> });
list_wrapper!(TokensList { token_infos: Vec<databricks::tokens::PublicTokenInfo> });
list_wrapper!(TokenManagementList { token_infos: Vec<databricks::tokens::TokenInfo> });
list_wrapper!(JobsList {
    jobs: Vec<databricks::jobs::Job>,
    has_more: bool,
    next_page_token: Option<String>,
});
list_wrapper!(RunsList {
    runs: Vec<databricks::jobs::Run>,
    has_more: bool,
    next_page_token: Option<String>,
});
list_wrapper!(DbfsList { files: Vec<databricks::dbfs::FileInfo> });
list_wrapper!(WorkspaceList { objects: Vec<databricks::workspace::ObjectInfo> });
list_wrapper!(InstanceProfilesList {
    instance_profiles: Vec<databricks::instance_profiles::InstanceProfile>,
});
list_wrapper!(LibraryStatusesList {
    statuses: Vec<databricks::libraries::ClusterLibraryStatuses>,
});

/// Decodes `json` as `T`; when it decodes, the value must survive encode / decode unchanged.
fn round_trip<T: Serialize + DeserializeOwned>(json: &[u8]) {
    let Ok(value) = serde_json::from_slice::<T>(json) else {
        return;
    };
    let first = serde_json::to_value(&value).expect("a decoded value must encode");
    let again: T = serde_json::from_value(first.clone()).unwrap_or_else(|e| {
        panic!(
            "{}: the SDK's own encoding does not decode: {e}\n{first}",
            std::any::type_name::<T>()
        )
    });
    let second = serde_json::to_value(&again).expect("encode");
    assert_eq!(
        first,
        second,
        "{}: round trip changed the value",
        std::any::type_name::<T>()
    );
}

/// Decodes `json` as `T` (types holding secrets have no `Serialize`): must not panic, and
/// `Debug` must not either.
fn decode_only<T: DeserializeOwned + std::fmt::Debug>(json: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(json) {
        let _ = format!("{value:?}");
    }
}

/// A decoder: the type's name and the function feeding it.
type Decoder = (&'static str, fn(&[u8]));

/// The decoders, by the selector byte.
const DECODERS: &[Decoder] = &[
    (
        "secrets::SecretScope",
        round_trip::<databricks::secrets::SecretScope>,
    ),
    ("ScopesList", round_trip::<ScopesList>),
    ("SecretsList", round_trip::<SecretsList>),
    ("AclsList", round_trip::<AclsList>),
    (
        "secrets::AclItem",
        round_trip::<databricks::secrets::AclItem>,
    ),
    ("TokensList", round_trip::<TokensList>),
    ("TokenManagementList", round_trip::<TokenManagementList>),
    (
        "tokens::TokenInfo",
        round_trip::<databricks::tokens::TokenInfo>,
    ),
    (
        "tokens::CreateTokenResponse",
        decode_only::<databricks::tokens::CreateTokenResponse>,
    ),
    (
        "secrets::GetSecretResponse",
        decode_only::<databricks::secrets::GetSecretResponse>,
    ),
    (
        "clusters::ClusterDetails",
        round_trip::<databricks::clusters::ClusterDetails>,
    ),
    (
        "clusters::ListClustersResponse",
        round_trip::<databricks::clusters::ListClustersResponse>,
    ),
    (
        "clusters::GetEventsResponse",
        round_trip::<databricks::clusters::GetEventsResponse>,
    ),
    (
        "clusters::ClusterSpec",
        round_trip::<databricks::clusters::ClusterSpec>,
    ),
    ("jobs::Job", round_trip::<databricks::jobs::Job>),
    ("JobsList", round_trip::<JobsList>),
    (
        "jobs::JobSettings",
        round_trip::<databricks::jobs::JobSettings>,
    ),
    ("jobs::Run", round_trip::<databricks::jobs::Run>),
    ("RunsList", round_trip::<RunsList>),
    ("dbfs::FileInfo", round_trip::<databricks::dbfs::FileInfo>),
    ("DbfsList", round_trip::<DbfsList>),
    (
        "workspace::ObjectInfo",
        round_trip::<databricks::workspace::ObjectInfo>,
    ),
    ("WorkspaceList", round_trip::<WorkspaceList>),
    ("scim::User", round_trip::<databricks::scim::User>),
    ("scim::Group", round_trip::<databricks::scim::Group>),
    (
        "scim::ServicePrincipal",
        round_trip::<databricks::scim::ServicePrincipal>,
    ),
    ("InstanceProfilesList", round_trip::<InstanceProfilesList>),
    ("LibraryStatusesList", round_trip::<LibraryStatusesList>),
];

/// Input: `selector(1) json`.
pub fn model_decode(data: &[u8]) {
    let Some((selector, json)) = data.split_first() else {
        return;
    };
    let (_, decode) = DECODERS[usize::from(*selector) % DECODERS.len()];
    decode(json);
}

// ---------------------------------------------------------------------------------------------
// emulator_request

/// Endpoints the selector byte picks from (every family's; some may not exist yet).
const PATHS: &[&str] = &[
    "/api/2.0/secrets/scopes/create",
    "/api/2.0/secrets/scopes/delete",
    "/api/2.0/secrets/scopes/list",
    "/api/2.0/secrets/put",
    "/api/2.0/secrets/get",
    "/api/2.0/secrets/list",
    "/api/2.0/secrets/delete",
    "/api/2.0/secrets/acls/put",
    "/api/2.0/secrets/acls/get",
    "/api/2.0/secrets/acls/list",
    "/api/2.0/secrets/acls/delete",
    "/api/2.0/token/create",
    "/api/2.0/token/list",
    "/api/2.0/token/delete",
    "/api/2.0/token-management/tokens",
    "/api/2.0/token-management/tokens/",
    "/api/2.0/token-management/on-behalf-of/tokens",
    "/api/2.0/permissions/authorization/tokens",
    "/api/2.0/dbfs/create",
    "/api/2.0/dbfs/add-block",
    "/api/2.0/dbfs/close",
    "/api/2.0/dbfs/put",
    "/api/2.0/dbfs/read",
    "/api/2.0/dbfs/get-status",
    "/api/2.0/dbfs/list",
    "/api/2.0/dbfs/mkdirs",
    "/api/2.0/dbfs/move",
    "/api/2.0/dbfs/delete",
    "/api/2.1/clusters/create",
    "/api/2.1/clusters/edit",
    "/api/2.1/clusters/get",
    "/api/2.1/clusters/list",
    "/api/2.1/clusters/delete",
    "/api/2.1/clusters/start",
    "/api/2.1/clusters/resize",
    "/api/2.1/clusters/events",
    "/api/2.0/clusters/get",
    "/api/2.0/libraries/install",
    "/api/2.0/libraries/cluster-status",
    "/api/2.0/instance-profiles/add",
    "/api/2.0/instance-profiles/list",
    "/api/2.2/jobs/create",
    "/api/2.2/jobs/get",
    "/api/2.2/jobs/list",
    "/api/2.2/jobs/reset",
    "/api/2.2/jobs/update",
    "/api/2.2/jobs/run-now",
    "/api/2.2/jobs/runs/submit",
    "/api/2.2/jobs/runs/list",
    "/api/2.2/jobs/runs/get",
    "/api/2.1/jobs/list",
    "/api/2.0/workspace/import",
    "/api/2.0/workspace/export",
    "/api/2.0/workspace/list",
    "/api/2.0/workspace/get-status",
    "/api/2.0/workspace/mkdirs",
    "/api/2.0/workspace/delete",
    "/api/2.0/groups/create",
    "/api/2.0/groups/add-member",
    "/api/2.0/groups/list-members",
    "/api/2.0/preview/scim/v2/Users",
    "/api/2.0/preview/scim/v2/Groups",
    "/api/2.0/preview/scim/v2/ServicePrincipals",
    "/api/2.0/preview/scim/v2/Me",
    "/oidc/v1/token",
    "/.well-known/databricks-config",
];

const REQUEST_METHODS: &[&str] = &[
    "GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS", "BREW",
];

struct Target {
    addr: SocketAddr,
    token: String,
}

fn emulator() -> &'static Target {
    static TARGET: OnceLock<Target> = OnceLock::new();
    TARGET.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("tokio");
            rt.block_on(async move {
                let emulator = databricks_emulator::Emulator::builder()
                    .lifecycle_step(Duration::from_millis(5))
                    .max_body_bytes(256 * 1024)
                    .start()
                    .await
                    .expect("emulator");
                tx.send(Target {
                    addr: emulator.addr(),
                    token: emulator.token(),
                })
                .expect("send");
                std::future::pending::<()>().await;
            });
        });
        rx.recv().expect("the emulator did not start")
    })
}

/// Percent-encodes what cannot appear raw in a request target (keeps `%` so that escapes,
/// valid or not, reach the server).
fn target_bytes(raw: &[u8]) -> String {
    let mut out = String::new();
    for &b in raw {
        if (0x21..=0x7e).contains(&b) && b != b'#' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Input: `method/flags(1) path-selector(1) path-suffix \n query \n body`.
///
/// Flags (high bits of byte 0): 0x08 no `Authorization`; 0x10 chunked body; 0x20
/// `Content-Type: application/json`; 0x40 multipart content type; 0x80 a `Content-Length`
/// that lies (one more than sent, so the server must time the body out or refuse it).
pub fn emulator_request(data: &[u8]) {
    if data.len() < 2 {
        return;
    }
    let (flags, selector) = (data[0], data[1]);
    let method = REQUEST_METHODS[usize::from(flags & 7)];
    let parts = fields(&data[2..], 3);
    let (suffix, query, body) = (parts[0], parts[1], parts[2]);
    let base = PATHS.get(usize::from(selector)).copied().unwrap_or("");
    let mut path = format!("{base}{}", target_bytes(suffix));
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    if path.starts_with("/__emulator") {
        // The admin API reconfigures the emulator (faults, reset): not a hostile-input surface.
        return;
    }
    let query = target_bytes(query);
    let target = emulator();
    let mut head = format!("{method} {path}");
    if !query.is_empty() {
        head.push('?');
        head.push_str(&query);
    }
    head.push_str(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if flags & 0x08 == 0 {
        head.push_str(&format!("Authorization: Bearer {}\r\n", target.token));
    }
    if flags & 0x20 != 0 {
        head.push_str("Content-Type: application/json\r\n");
    }
    if flags & 0x40 != 0 {
        head.push_str("Content-Type: multipart/form-data; boundary=XyZ\r\n");
    }
    let lying = flags & 0x80 != 0 && flags & 0x10 == 0;
    let mut wire = Vec::new();
    if flags & 0x10 != 0 {
        head.push_str("Transfer-Encoding: chunked\r\n\r\n");
        wire.extend_from_slice(head.as_bytes());
        if !body.is_empty() {
            wire.extend_from_slice(format!("{:x}\r\n", body.len()).as_bytes());
            wire.extend_from_slice(body);
            wire.extend_from_slice(b"\r\n");
        }
        wire.extend_from_slice(b"0\r\n\r\n");
    } else {
        let declared = body.len() + usize::from(lying);
        head.push_str(&format!("Content-Length: {declared}\r\n\r\n"));
        wire.extend_from_slice(head.as_bytes());
        wire.extend_from_slice(body);
    }
    let describe = || {
        format!(
            "{method} {path}?{query} flags={flags:#04x} body={:?}",
            String::from_utf8_lossy(&body[..body.len().min(200)])
        )
    };
    let mut stream = TcpStream::connect(target.addr).expect("connect to the emulator");
    stream
        .set_read_timeout(Some(Duration::from_secs(if lying { 60 } else { 10 })))
        .expect("timeout");
    stream.write_all(&wire).expect("send");
    if lying {
        // Half-close: the server sees the body end early.
        let _ = stream.shutdown(std::net::Shutdown::Write);
    }
    let mut response = Vec::new();
    // A reset after a complete answer is fine; without one, the status check below fails.
    if let Err(e) = stream.read_to_end(&mut response)
        && matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        )
    {
        panic!("emulator hang (no complete answer in time): {}", describe());
    }
    if lying && response.is_empty() {
        // A short body with a half-closed socket: closing without an answer is acceptable.
        return;
    }
    let status_line = response.split(|b| *b == b'\n').next().unwrap_or_default();
    let status: u16 = std::str::from_utf8(status_line)
        .ok()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "no HTTP answer ({} bytes: {:?}) to {}",
                response.len(),
                String::from_utf8_lossy(&response[..response.len().min(200)]),
                describe()
            )
        });
    assert!(
        status != 500 && status != 502,
        "HTTP {status} for {}: {}",
        describe(),
        String::from_utf8_lossy(&response[..response.len().min(600)])
    );
}

// ---------------------------------------------------------------------------------------------
// seeds and replay

/// Built-in seed inputs for `target`, plus every JSON fixture of the repository for
/// `model_decode` (each with every selector).
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    match target {
        "error_parser" => {
            let bodies: &[&[u8]] = &[
                b"",
                br#"{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Cluster 1 does not exist"}"#,
                br#"{"error_code":"INVALID_PARAMETER_VALUE","message":"Cluster 0612-abc does not exist"}"#,
                br#"{"error_code":404,"message":"m"}"#,
                br#"{"error":"Context ctx-1 does not exist"}"#,
                br#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"null","status":"409","scimType":"uniqueness"}"#,
                b"INVALID_PARAMETER_VALUE: Invalid account id\n",
                b"<html><body><pre>Not Found.</pre></body></html>",
                br#"{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"m","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retry_delay":"1.5s"},{"@type":"type.googleapis.com/google.rpc.RequestInfo","request_id":"r"},{"@type":"type.googleapis.com/google.rpc.BadRequest","field_violations":[{"field":"a","description":"b"}]},{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"x","domain":"d","metadata":{"k":"v"}}]}"#,
                b"\xff\xfe not utf-8 \xc3",
            ];
            let paths: &[&str] = &[
                "/api/2.1/jobs/get",
                "/api/2.0/clusters/get",
                "/api/2.0/x?y=1#f",
            ];
            for (i, body) in bodies.iter().enumerate() {
                for (j, path) in paths.iter().enumerate() {
                    let status: u16 = [400, 404, 429, 503, 500, 409, 999, 0][(i + j) % 8];
                    let mut seed = status.to_be_bytes().to_vec();
                    seed.push((i + j) as u8);
                    seed.push((i % 2) as u8);
                    seed.extend_from_slice(path.as_bytes());
                    seed.extend_from_slice(b"\n");
                    seed.extend_from_slice(
                        [&b"5"[..], b"1.5", b"Wed, 21 Oct 2015 07:28:00 GMT"][i % 3],
                    );
                    seed.extend_from_slice(b"\nreq-1\n");
                    seed.extend_from_slice(body);
                    out.push(seed);
                }
            }
        }
        "model_decode" => {
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            let mut jsons: Vec<Vec<u8>> = Vec::new();
            for dir in ["crates", "tests"] {
                collect_fixtures(&root.join(dir), &mut jsons);
            }
            jsons.push(br#"{"cluster_id":"1","state":"NEW_STATE","spark_conf":{"a":"b"},"x_unknown":{"y":[1,2]}}"#.to_vec());
            jsons.push(br#"{"job_id":1,"settings":{"name":"n","tasks":[{"task_key":"t","notebook_task":{"notebook_path":"/p"}}],"unknown":1}}"#.to_vec());
            for json in &jsons {
                for selector in 0..DECODERS.len() {
                    let mut seed = vec![selector as u8];
                    seed.extend_from_slice(json);
                    out.push(seed);
                }
            }
        }
        "emulator_request" => {
            let cases: &[(u8, u8, &[u8])] = &[
                (0x21, 0, b"\n\n{\"scope\":\"fuzz-scope\"}"),
                (0x21, 3, b"\n\n{\"scope\":\"fuzz-scope\",\"key\":\"k\",\"string_value\":\"v\"}"),
                (0x00, 4, b"\nscope=fuzz-scope&key=k\n"),
                (0x21, 18, b"\n\n{\"path\":\"/fuzz/a\",\"overwrite\":true}"),
                (0x21, 19, b"\n\n{\"handle\":1,\"data\":\"aGVsbG8=\"}"),
                (0x00, 22, b"\npath=/fuzz/a&offset=-1&length=-5\n"),
                (0x00, 22, b"\npath=/../../etc/passwd&offset=99999999999999999999\n"),
                (0x21, 26, b"\n\n{\"source_path\":\"/a/..\",\"destination_path\":\"//\"}"),
                (0x00, 24, b"\npath=/a%00b\n"),
                (0x21, 28, b"\n\n{\"cluster_name\":\"c\",\"spark_version\":\"13.3.x-scala2.12\",\"num_workers\":1e400}"),
                (0x21, 41, b"\n\n{\"name\":\"j\",\"tasks\":[{\"task_key\":\"t\",\"depends_on\":[{\"task_key\":\"t\"}]}]}"),
                (0x00, 43, b"\nlimit=-1&offset=-7&page_token=%FF\n"),
                (0x21, 51, b"\n\n{\"path\":\"/Users/../x\",\"content\":\"!!!\",\"format\":\"SOURCE\"}"),
                (0x01, 60, b"\n\n{\"userName\":\"a@b.c\",\"schemas\":[]}"),
                (0x00, 60, b"\nfilter=userName%20eq%20%22a%22%20or%20(((((\n"),
                (0x29, 2, b"\n\n"),
                (0x31, 0, b"\n\n{\"scope\":\"chunked\"}"),
                (0x61, 21, b"\n\n--XyZ\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n/m\r\n--XyZ--\r\n"),
                (0x21, 0, b"\n\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["),
                (0x21, 0, b"\n\n{\"scope\":\"\xff\xfe\"}"),
                (0x07, 200, b"/api/2.0/../../secrets/scopes/list\n\n"),
            ];
            for (flags, selector, rest) in cases {
                let mut seed = vec![*flags, *selector];
                seed.extend_from_slice(rest);
                out.push(seed);
            }
            // A SCIM filter nested 3,000 levels deep (once overflowed the emulator's stack).
            let scim_users = PATHS
                .iter()
                .position(|p| p.ends_with("scim/v2/Users"))
                .unwrap_or(0) as u8;
            for unit in ["(", "not ("] {
                let mut seed = vec![0x00, scim_users, b'\n'];
                seed.extend_from_slice(b"filter=");
                seed.extend_from_slice(unit.repeat(3_000).as_bytes());
                seed.push(b'\n');
                out.push(seed);
            }
        }
        _ => {}
    }
    out
}

fn collect_fixtures(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            collect_fixtures(&path, out);
        } else if path.extension().is_some_and(|e| e == "json")
            && path.components().any(|c| c.as_os_str() == "fixtures")
            && let Ok(bytes) = std::fs::read(&path)
        {
            out.push(bytes);
        }
    }
}

fn inputs_of(path: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    if path.is_dir() {
        if let Ok(entries) = std::fs::read_dir(path) {
            for entry in entries.flatten() {
                inputs_of(&entry.path(), out);
            }
        }
    } else if let Ok(bytes) = std::fs::read(path) {
        out.push((path.to_owned(), bytes));
    }
}

/// The stable entry point: runs `f` over the built-in seeds and every file given on the
/// command line (files or directories), or `fuzz/corpus/<target>` and `fuzz/artifacts/<target>`
/// when none is given. A failing input panics with its file name on stderr.
pub fn replay_main(target: &str, f: fn(&[u8])) -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let dirs = if args.is_empty() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        vec![
            root.join("corpus").join(target),
            root.join("artifacts").join(target),
        ]
    } else {
        args
    };
    let mut inputs: Vec<(PathBuf, Vec<u8>)> = seeds(target)
        .into_iter()
        .enumerate()
        .map(|(i, s)| (PathBuf::from(format!("<seed {i}>")), s))
        .collect();
    for dir in &dirs {
        inputs_of(dir, &mut inputs);
    }
    for (path, data) in &inputs {
        let result = std::panic::catch_unwind(|| f(data));
        if result.is_err() {
            eprintln!("{target}: FAILED on {}", path.display());
            return ExitCode::FAILURE;
        }
    }
    eprintln!("{target}: {} inputs OK", inputs.len());
    ExitCode::SUCCESS
}
