//! Hostile input against the emulator, through raw HTTP on a TCP socket: oversized bodies,
//! deep JSON nesting, invalid UTF-8, malformed JSON and wrong types, huge numbers, negative
//! offsets and lengths, path traversal in DBFS and workspace paths (`..`, `.`, `//`, NUL,
//! relative), odd methods, headers and framing.
//!
//! Every request must get an answer (no hang: each read has a deadline), a 4xx status (never a
//! 5xx) and, from the application, a JSON error body; the server must keep serving afterwards.
//! Every family is served, so every case reaches a real handler. Two emulator bugs these tests
//! found are fixed (deeply nested SCIM filters overflowing the stack; stalled bodies holding a
//! connection forever) and their tests run like the rest.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use databricks_emulator::Emulator;

/// Longest an answer may take (generous: debug builds on a loaded 2-core machine).
const DEADLINE: Duration = Duration::from_secs(20);
/// The body limit of the test emulator (small, so oversized bodies stay cheap).
const MAX_BODY: usize = 64 * 1024;

/// One HTTP answer.
#[derive(Debug)]
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body[..self.body.len().min(400)]).into_owned()
    }

    /// A Databricks (`error_code`) or SCIM (`detail`, `status`) JSON error body.
    fn is_error_body(&self) -> bool {
        match serde_json::from_slice::<serde_json::Value>(&self.body) {
            Ok(v) => {
                v.get("error_code")
                    .is_some_and(serde_json::Value::is_string)
                    || (v.get("detail").is_some() && v.get("status").is_some())
            }
            Err(_) => false,
        }
    }
}

async fn start() -> Emulator {
    Emulator::builder()
        .lifecycle_step(Duration::from_millis(20))
        .max_body_bytes(MAX_BODY)
        .start()
        .await
        .unwrap()
}

/// Sends `wire` on a fresh connection and reads the whole answer (`Connection: close`).
fn exchange(addr: SocketAddr, wire: &[u8], half_close: bool) -> Result<Answer, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream.set_write_timeout(Some(DEADLINE)).unwrap();
    // The server may answer (413) and close before the whole body is written: not an error.
    let _ = stream.write_all(wire);
    if half_close {
        let _ = stream.shutdown(std::net::Shutdown::Write);
    }
    let started = Instant::now();
    let mut response = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => response.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(format!(
                    "no complete answer after {:?} (got {} bytes)",
                    started.elapsed(),
                    response.len()
                ));
            }
            // A reset after the answer (the server closed with unread input): keep what came.
            Err(_) => break,
        }
    }
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| {
            format!(
                "no HTTP answer: {:?}",
                String::from_utf8_lossy(&response[..response.len().min(200)])
            )
        })?;
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line in {head:?}"))?;
    let mut body = response[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    Ok(Answer { status, head, body })
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&data[..eol]).unwrap_or("0"), 16)
            .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}

/// A request with `Host`, `Connection: close`, the token (unless `None`), `headers`, and
/// `body` with its `Content-Length`.
fn http(
    method: &str,
    target: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Vec<u8> {
    let mut wire =
        format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if let Some(t) = token {
        wire.push_str(&format!("Authorization: Bearer {t}\r\n"));
    }
    for (k, v) in headers {
        wire.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers.iter().any(|(k, _)| {
        k.eq_ignore_ascii_case("transfer-encoding") || k.eq_ignore_ascii_case("content-length")
    }) {
        wire.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    wire.push_str("\r\n");
    let mut wire = wire.into_bytes();
    wire.extend_from_slice(body);
    wire
}

/// Sends a raw request from a blocking thread; panics (naming the request) without an answer.
async fn send_wire(emulator: &Emulator, wire: Vec<u8>, half_close: bool) -> Answer {
    let addr = emulator.addr();
    let shown = String::from_utf8_lossy(&wire[..wire.len().min(300)]).into_owned();
    tokio::task::spawn_blocking(move || exchange(addr, &wire, half_close))
        .await
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}\nrequest: {shown:?}"))
}

/// Sends `method target` with `body` (JSON content type) and the admin token.
async fn send(emulator: &Emulator, method: &str, target: &str, body: &[u8]) -> Answer {
    let token = emulator.token();
    let wire = http(
        method,
        target,
        Some(&token),
        &[("Content-Type", "application/json")],
        body,
    );
    send_wire(emulator, wire, false).await
}

/// Asserts a 4xx answer with a JSON error body.
fn expect_client_error(what: &str, answer: &Answer) {
    assert!(
        (400..500).contains(&answer.status),
        "{what}: expected a 4xx, got {}\n{}\n{}",
        answer.status,
        answer.head,
        answer.body_text()
    );
    assert!(
        answer.is_error_body(),
        "{what}: {} without a JSON error body: {:?}",
        answer.status,
        answer.body_text()
    );
}

/// Asserts 4xx; the body may be empty (HTTP-level rejections by the server library, e.g.
/// 414 URI Too Long, 431 headers too large, 400 unparseable request).
fn expect_http_4xx(what: &str, answer: &Answer) {
    assert!(
        (400..500).contains(&answer.status),
        "{what}: expected a 4xx, got {}\n{}\n{}",
        answer.status,
        answer.head,
        answer.body_text()
    );
}

/// The server still answers a normal request.
async fn still_serving(emulator: &Emulator) {
    let answer = send(emulator, "GET", "/api/2.0/secrets/scopes/list", b"").await;
    assert_eq!(answer.status, 200, "{}", answer.body_text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_get_413() {
    let emulator = start().await;
    let big = vec![b' '; MAX_BODY + 1];
    for path in [
        "/api/2.0/secrets/scopes/create",
        "/api/2.0/dbfs/put",
        "/api/2.0/dbfs/add-block",
        "/api/2.2/jobs/create",
        "/api/2.1/clusters/create",
        "/api/2.0/workspace/import",
        "/api/2.0/preview/scim/v2/Users",
    ] {
        // Declared length over the limit.
        let answer = send(&emulator, "POST", path, &big).await;
        assert_eq!(answer.status, 413, "{path}: {}", answer.body_text());
        expect_client_error(path, &answer);
        // Chunked (no declared length): cut off while reading.
        let token = emulator.token();
        let mut wire = http(
            "POST",
            path,
            Some(&token),
            &[("Transfer-Encoding", "chunked")],
            b"",
        );
        for _ in 0..5 {
            wire.extend_from_slice(format!("{:x}\r\n", MAX_BODY / 4).as_bytes());
            wire.extend(std::iter::repeat_n(b'[', MAX_BODY / 4));
            wire.extend_from_slice(b"\r\n");
        }
        wire.extend_from_slice(b"0\r\n\r\n");
        let answer = send_wire(&emulator, wire, false).await;
        assert_eq!(answer.status, 413, "{path} chunked: {}", answer.body_text());
        expect_client_error(path, &answer);
    }
    // A huge declared length with no body: refused at once, not awaited.
    let token = emulator.token();
    for length in [
        "1000000000000000",
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        let wire = http(
            "POST",
            "/api/2.0/secrets/scopes/create",
            Some(&token),
            &[("Content-Length", length)],
            b"",
        );
        let answer = send_wire(&emulator, wire, false).await;
        expect_http_4xx(&format!("Content-Length: {length}"), &answer);
    }
    still_serving(&emulator).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_json_nesting_is_refused() {
    let emulator = start().await;
    let depth = 20_000;
    let arrays = "[".repeat(depth);
    let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    let inside = format!(
        "{{\"scope\":\"s\",\"name\":\"n\",\"path\":\"/p\",\"x\":{}}}",
        "[".repeat(depth)
    );
    for path in [
        "/api/2.0/secrets/scopes/create",
        "/api/2.0/token/create",
        "/api/2.0/dbfs/mkdirs",
        "/api/2.2/jobs/create",
        "/api/2.1/clusters/create",
        "/api/2.0/workspace/mkdirs",
        "/api/2.0/groups/create",
        "/api/2.0/preview/scim/v2/Users",
    ] {
        for (shape, body) in [
            ("arrays", &arrays),
            ("objects", &objects),
            ("inside", &inside),
        ] {
            let answer = send(&emulator, "POST", path, body.as_bytes()).await;
            expect_client_error(&format!("{path} deep {shape}"), &answer);
        }
    }
    // A GET with a deep JSON body (GET parameters may come as a body).
    let answer = send(&emulator, "GET", "/api/2.0/secrets/list", arrays.as_bytes()).await;
    expect_client_error("GET with deep body", &answer);
    still_serving(&emulator).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_utf8_and_malformed_json_are_refused() {
    let emulator = start().await;
    let bodies: &[(&str, &[u8])] = &[
        ("invalid UTF-8 in a string", b"{\"scope\":\"\xff\xfe\"}"),
        ("invalid UTF-8 key", b"{\"\xc3\x28\":1}"),
        ("lone surrogate escape", br#"{"scope":"\ud800"}"#),
        ("truncated", br#"{"scope":"#),
        ("trailing garbage", br#"{"scope":"a"} xyz"#),
        ("array", b"[1,2]"),
        ("string", br#""scope""#),
        ("number", b"42"),
        ("null", b"null"),
        ("NUL bytes", b"\0\0\0\0"),
        (
            "wrong types",
            br#"{"scope": 42, "key": 1, "path": 1, "name": [], "cluster_name": 7,
                 "spark_version": 8, "content": 9, "tasks": "x", "string_value": false}"#,
        ),
        (
            "nested wrong types",
            br#"{"scope": {"a": 1}, "key": [1], "path": {"b": 2}, "tasks": {"c": 3},
                 "cluster_name": {}, "spark_version": [], "content": {}, "name": {"d": 4}}"#,
        ),
    ];
    // Endpoints with required fields (an empty body reads as `{}`, and so does `null`).
    for path in [
        "/api/2.0/secrets/scopes/create",
        "/api/2.0/secrets/put",
        "/api/2.0/dbfs/create",
        "/api/2.2/jobs/create",
        "/api/2.1/clusters/create",
        "/api/2.0/workspace/import",
    ] {
        for (what, body) in bodies {
            if *what == "null" && path.ends_with("jobs/create") {
                // `null` reads as `{}`, and a job with default settings is valid.
                continue;
            }
            let answer = send(&emulator, "POST", path, body).await;
            // `null`, `[]`... may legitimately read as "no parameters": then a missing field.
            expect_client_error(&format!("{path}: {what}"), &answer);
        }
    }
    // Invalid UTF-8 in the query string and in path parameters.
    for target in [
        "/api/2.0/secrets/list?scope=%FF%FE",
        "/api/2.0/secrets/get?scope=%C3%28&key=%80",
        "/api/2.0/dbfs/get-status?path=/%FF",
        "/api/2.0/workspace/get-status?path=/Users/%FF",
        "/api/2.0/token-management/tokens/%FF%FE",
        "/api/2.0/permissions/authorization/%FF",
        "/api/2.1/clusters/get?cluster_id=%FF",
        "/api/2.2/jobs/get?job_id=%FF",
        "/api/2.0/preview/scim/v2/Users/%FF",
    ] {
        let answer = send(&emulator, "GET", target, b"").await;
        expect_client_error(target, &answer);
    }
    // A multipart put that is not multipart.
    let token = emulator.token();
    for content_type in [
        "multipart/form-data",
        "multipart/form-data; boundary=XyZ",
        "multipart/form-data; boundary=",
    ] {
        let wire = http(
            "POST",
            "/api/2.0/dbfs/put",
            Some(&token),
            &[("Content-Type", content_type)],
            b"--XyZ\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n/m\r\n\xff",
        );
        let answer = send_wire(&emulator, wire, false).await;
        expect_client_error(content_type, &answer);
    }
    still_serving(&emulator).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_numbers_are_refused() {
    let emulator = start().await;
    let posts: &[(&str, &str)] = &[
        ("/api/2.0/token/create", r#"{"lifetime_seconds": 1e400}"#),
        (
            "/api/2.0/token/create",
            r#"{"lifetime_seconds": 99999999999999999999999}"#,
        ),
        (
            "/api/2.0/token/create",
            r#"{"lifetime_seconds": 9223372036854775807}"#,
        ),
        (
            "/api/2.0/token/create",
            r#"{"lifetime_seconds": -9223372036854775808}"#,
        ),
        ("/api/2.0/token/create", r#"{"lifetime_seconds": 1.5}"#),
        (
            "/api/2.0/dbfs/add-block",
            r#"{"handle": 1e400, "data": ""}"#,
        ),
        (
            "/api/2.0/dbfs/add-block",
            r#"{"handle": 18446744073709551616, "data": ""}"#,
        ),
        ("/api/2.0/dbfs/close", r#"{"handle": -9223372036854775808}"#),
        (
            "/api/2.1/clusters/create",
            r#"{"cluster_name":"c","spark_version":"13.3.x-scala2.12","node_type_id":"i3.xlarge","num_workers":100000000000000000000}"#,
        ),
        (
            "/api/2.1/clusters/create",
            r#"{"cluster_name":"c","spark_version":"13.3.x-scala2.12","node_type_id":"i3.xlarge","num_workers":1,"autotermination_minutes":9223372036854775807}"#,
        ),
        (
            "/api/2.1/clusters/resize",
            r#"{"cluster_id":"x","num_workers":1e300}"#,
        ),
        ("/api/2.2/jobs/run-now", r#"{"job_id": 1e400}"#),
        (
            "/api/2.2/jobs/run-now",
            r#"{"job_id": 99999999999999999999}"#,
        ),
        ("/api/2.2/jobs/delete", r#"{"job_id": -1.0e-400}"#),
        (
            "/api/2.2/jobs/create",
            r#"{"name":"j","max_concurrent_runs":99999999999999999999}"#,
        ),
        (
            "/api/2.2/jobs/create",
            r#"{"name":"j","timeout_seconds":-9223372036854775808}"#,
        ),
    ];
    for (path, body) in posts {
        let answer = send(&emulator, "POST", path, body.as_bytes()).await;
        expect_client_error(&format!("{path} {body}"), &answer);
    }
    for target in [
        "/api/2.0/dbfs/read?path=/x&offset=99999999999999999999",
        "/api/2.0/dbfs/read?path=/x&length=1e400",
        "/api/2.0/dbfs/read?path=/x&length=9223372036854775807",
        "/api/2.2/jobs/get?job_id=99999999999999999999",
        "/api/2.2/jobs/list?limit=99999999999999999999",
        "/api/2.2/jobs/runs/get?run_id=1e400",
        "/api/2.1/clusters/get?cluster_id=99999999999999999999",
        "/api/2.1/clusters/list?page_size=99999999999999999999",
        "/api/2.0/preview/scim/v2/Users?startIndex=99999999999999999999&count=99999999999999999999",
    ] {
        let answer = send(&emulator, "GET", target, b"").await;
        expect_client_error(target, &answer);
    }
    still_serving(&emulator).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn negative_offsets_and_lengths_are_refused() {
    let emulator = start().await;
    // A real file, so that only the offsets are wrong.
    let answer = send(
        &emulator,
        "POST",
        "/api/2.0/dbfs/put",
        br#"{"path":"/hostile/f.txt","contents":"aGVsbG8=","overwrite":true}"#,
    )
    .await;
    let dbfs = answer.status == 200;
    for target in [
        "/api/2.0/dbfs/read?path=/hostile/f.txt&offset=-1",
        "/api/2.0/dbfs/read?path=/hostile/f.txt&length=-1",
        "/api/2.0/dbfs/read?path=/hostile/f.txt&offset=-9223372036854775808&length=-9223372036854775808",
        "/api/2.0/dbfs/read?path=/hostile/f.txt&length=1048577",
        "/api/2.2/jobs/list?limit=-1",
        "/api/2.2/jobs/list?offset=-1",
        "/api/2.2/jobs/runs/list?limit=-5&offset=-5",
        "/api/2.1/clusters/list?page_size=-1",
        "/api/2.0/workspace/export?path=/Users&offset=-1&direct_download=maybe",
    ] {
        let answer = send(&emulator, "GET", target, b"").await;
        expect_client_error(target, &answer);
    }
    let posts: &[(&str, &str)] = &[
        (
            "/api/2.1/clusters/events",
            r#"{"cluster_id":"x","offset":-1,"limit":-1}"#,
        ),
        (
            "/api/2.1/clusters/create",
            r#"{"cluster_name":"c","spark_version":"13.3.x-scala2.12","node_type_id":"i3.xlarge","num_workers":-1}"#,
        ),
        ("/api/2.0/token/create", r#"{"lifetime_seconds": -2}"#),
        (
            "/api/2.0/dbfs/add-block",
            r#"{"handle": -1, "data": "YQ=="}"#,
        ),
    ];
    for (path, body) in posts {
        let answer = send(&emulator, "POST", path, body.as_bytes()).await;
        expect_client_error(&format!("{path} {body}"), &answer);
    }
    if dbfs {
        // The file is untouched.
        let answer = send(
            &emulator,
            "GET",
            "/api/2.0/dbfs/read?path=/hostile/f.txt",
            b"",
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.body_text());
        assert!(answer.body_text().contains("aGVsbG8="));
    }
    still_serving(&emulator).await;
}

/// Paths that must never name a file: traversal, empty and `.` components, NUL, relative.
const BAD_PATHS: &[&str] = &[
    "/a/../b",
    "/..",
    "/../etc/passwd",
    "/a/./b",
    "//a",
    "/a//b",
    "/a/%00b",
    "a/relative",
    "",
    "dbfs:/../x",
    "/a/..%2F..%2Fb",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dbfs_path_traversal_is_refused() {
    let emulator = start().await;
    for raw in BAD_PATHS {
        // Query strings carry the raw path (%2F and %00 decode in the query).
        let target = format!("/api/2.0/dbfs/get-status?path={raw}");
        expect_client_error(&target, &send(&emulator, "GET", &target, b"").await);
        let target = format!("/api/2.0/dbfs/list?path={raw}");
        expect_client_error(&target, &send(&emulator, "GET", &target, b"").await);
        let target = format!("/api/2.0/dbfs/read?path={raw}");
        expect_client_error(&target, &send(&emulator, "GET", &target, b"").await);
        // JSON bodies carry the decoded path (a real NUL, real slashes).
        let json_path = raw.replace("%00", "\u{0}").replace("%2F", "/");
        let json = |v: serde_json::Value| serde_json::to_vec(&v).unwrap();
        for (path, body) in [
            (
                "/api/2.0/dbfs/mkdirs",
                json(serde_json::json!({"path": json_path})),
            ),
            (
                "/api/2.0/dbfs/create",
                json(serde_json::json!({"path": json_path, "overwrite": true})),
            ),
            (
                "/api/2.0/dbfs/put",
                json(serde_json::json!({"path": json_path, "contents": "YQ==", "overwrite": true})),
            ),
            (
                "/api/2.0/dbfs/delete",
                json(serde_json::json!({"path": json_path, "recursive": true})),
            ),
            (
                "/api/2.0/dbfs/move",
                json(serde_json::json!({"source_path": json_path, "destination_path": "/ok"})),
            ),
            (
                "/api/2.0/dbfs/move",
                json(serde_json::json!({"source_path": "/ok", "destination_path": json_path})),
            ),
        ] {
            let answer = send(&emulator, "POST", path, &body).await;
            expect_client_error(&format!("{path} {json_path:?}"), &answer);
        }
    }
    // The root cannot be deleted, moved or overwritten.
    for (path, body) in [
        ("/api/2.0/dbfs/delete", r#"{"path":"/","recursive":true}"#),
        (
            "/api/2.0/dbfs/move",
            r#"{"source_path":"/","destination_path":"/x"}"#,
        ),
        (
            "/api/2.0/dbfs/put",
            r#"{"path":"/","contents":"","overwrite":true}"#,
        ),
    ] {
        let answer = send(&emulator, "POST", path, body.as_bytes()).await;
        expect_client_error(&format!("{path} {body}"), &answer);
    }
    still_serving(&emulator).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_path_traversal_is_refused() {
    let emulator = start().await;
    for raw in BAD_PATHS {
        for endpoint in ["get-status", "list", "export"] {
            let target = format!("/api/2.0/workspace/{endpoint}?path={raw}");
            expect_client_error(&target, &send(&emulator, "GET", &target, b"").await);
        }
        let json_path = raw.replace("%00", "\u{0}").replace("%2F", "/");
        let json = |v: serde_json::Value| serde_json::to_vec(&v).unwrap();
        for (path, body) in [
            (
                "/api/2.0/workspace/mkdirs",
                json(serde_json::json!({"path": json_path})),
            ),
            (
                "/api/2.0/workspace/import",
                json(serde_json::json!({
                    "path": json_path, "content": "cHJpbnQoMSk=", "format": "SOURCE",
                    "language": "PYTHON", "overwrite": true,
                })),
            ),
            (
                "/api/2.0/workspace/delete",
                json(serde_json::json!({"path": json_path, "recursive": true})),
            ),
        ] {
            let answer = send(&emulator, "POST", path, &body).await;
            expect_client_error(&format!("{path} {json_path:?}"), &answer);
        }
    }
    // Broken base64 and formats.
    for body in [
        r#"{"path":"/Users/x","content":"!!!","format":"SOURCE","language":"PYTHON"}"#,
        r#"{"path":"/Users/x","content":"YQ==","format":"NOPE"}"#,
        r#"{"path":"/Users/x","content":"UEsDBA==","format":"DBC"}"#,
        r#"{"path":"/Users/x","content":"YQ==","format":"JUPYTER"}"#,
    ] {
        let answer = send(
            &emulator,
            "POST",
            "/api/2.0/workspace/import",
            body.as_bytes(),
        )
        .await;
        expect_client_error(body, &answer);
    }
    still_serving(&emulator).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_requests_get_4xx() {
    let emulator = start().await;
    let token = emulator.token();
    // Unknown methods and paths, dot segments in the URL path.
    for (method, target) in [
        ("BREW", "/api/2.0/secrets/scopes/list"),
        ("GET", "/api/2.0/../2.0/secrets/scopes/list/.."),
        ("GET", "/api/2.0/secrets/scopes/list%00"),
        ("GET", "/api/9.9/secrets/scopes/list"),
        ("DELETE", "/api/2.0/token-management/tokens/..%2F..%2F"),
        ("PATCH", "/api/2.0/token/%2e%2e"),
    ] {
        let answer = send(&emulator, method, target, b"").await;
        expect_client_error(&format!("{method} {target}"), &answer);
    }
    // No token, a bad token, a token with bytes that are not text, a non-Bearer scheme.
    for auth in [
        None,
        Some("Bearer nope"),
        Some("Bearer \u{ff}"),
        Some("Basic Zm9vOmJhcg=="),
        Some(""),
    ] {
        let mut headers = vec![];
        if let Some(a) = auth {
            headers.push(("Authorization", a));
        }
        let wire = http("GET", "/api/2.0/secrets/scopes/list", None, &headers, b"");
        let answer = send_wire(&emulator, wire, false).await;
        assert_eq!(answer.status, 401, "{auth:?}: {}", answer.body_text());
        expect_client_error(&format!("auth {auth:?}"), &answer);
    }
    // A 20 KiB URL path or query, 100 KiB of headers: over the emulator's limits, a JSON
    // 414 / 431.
    let long = "a".repeat(20 * 1024);
    for target in [
        format!("/api/2.0/secrets/{long}"),
        format!("/api/2.0/secrets/list?scope={long}"),
    ] {
        let answer = send(&emulator, "GET", &target, b"").await;
        assert_eq!(answer.status, 414, "{}", answer.body_text());
        expect_client_error("20 KiB URL", &answer);
    }
    let many = "c".repeat(10 * 1024);
    let headers: Vec<(String, &str)> = (0..10)
        .map(|i| (format!("X-Many-{i}"), many.as_str()))
        .collect();
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    let wire = http(
        "GET",
        "/api/2.0/secrets/scopes/list",
        Some(&token),
        &headers,
        b"",
    );
    let answer = send_wire(&emulator, wire, false).await;
    assert_eq!(answer.status, 431, "{}", answer.body_text());
    expect_client_error("100 KiB of headers", &answer);
    // A 100 KiB URL path and query, a 1 MiB header: refused by the HTTP layer.
    let long = "a".repeat(100 * 1024);
    for target in [
        format!("/api/2.0/secrets/{long}"),
        format!("/api/2.0/secrets/list?scope={long}"),
    ] {
        let answer = send(&emulator, "GET", &target, b"").await;
        expect_http_4xx("long URL", &answer);
    }
    let big_header = "b".repeat(1024 * 1024);
    let wire = http(
        "GET",
        "/api/2.0/secrets/scopes/list",
        Some(&token),
        &[("X-Big", &big_header)],
        b"",
    );
    expect_http_4xx("1 MiB header", &send_wire(&emulator, wire, false).await);
    // Broken framing: bad chunk sizes, a body shorter than declared (then half-closed),
    // bytes that are not HTTP.
    let mut wire = http(
        "POST",
        "/api/2.0/secrets/scopes/create",
        Some(&token),
        &[("Transfer-Encoding", "chunked")],
        b"",
    );
    wire.extend_from_slice(b"ZZZ\r\nabc\r\n0\r\n\r\n");
    expect_http_4xx("bad chunk size", &send_wire(&emulator, wire, false).await);
    let mut wire = http(
        "POST",
        "/api/2.0/secrets/scopes/create",
        Some(&token),
        &[("Content-Length", "100")],
        b"",
    );
    wire.extend_from_slice(br#"{"scope":"#);
    expect_http_4xx("short body", &send_wire(&emulator, wire, true).await);
    let answer = send_wire(&emulator, b"\x00\x01\x02 GARBAGE\r\n\r\n".to_vec(), false).await;
    expect_http_4xx("garbage", &answer);
    still_serving(&emulator).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scim_filters_that_are_not_filters_are_refused() {
    let emulator = start().await;
    for filter in [
        "userName%20eq",
        "userName%20eq%20%22unterminated",
        "((((userName%20eq%20%22a%22",
        "userName%20eq%20%22a%22))))",
        "%FF%FE",
        "emails%5Btype%20eq%20%22work%22",
        "not%20not%20not",
        // Deep, but within the parser's limits (deeper: `deep_scim_filters_are_refused`).
        &"(".repeat(200),
        &"not%20(".repeat(100),
    ] {
        let target = format!("/api/2.0/preview/scim/v2/Users?filter={filter}");
        let answer = send(&emulator, "GET", &target, b"").await;
        expect_client_error(&target[..target.len().min(120)], &answer);
    }
    still_serving(&emulator).await;
}

/// A filter nested thousands of levels deep, or chaining thousands of terms, is refused with a
/// 4xx instead of overflowing the stack of a worker (which would abort the whole process).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_scim_filters_are_refused() {
    let emulator = start().await;
    let many_terms = vec!["userName%20pr"; 1_000].join("%20and%20");
    for filter in ["(".repeat(10_000), "not%20(".repeat(5_000), many_terms] {
        let target = format!("/api/2.0/preview/scim/v2/Users?filter={filter}");
        let answer = send(&emulator, "GET", &target, b"").await;
        expect_client_error("deep SCIM filter", &answer);
    }
    still_serving(&emulator).await;
}

/// A request whose body stops arriving must not hold its connection forever (slowloris): the
/// emulator answers 408 once the body has stalled for 20 s. (Takes those 20 s.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_requests_time_out() {
    let emulator = start().await;
    let token = emulator.token();
    let addr = emulator.addr();
    let mut wire = http(
        "POST",
        "/api/2.0/secrets/scopes/create",
        Some(&token),
        &[("Content-Length", "100")],
        b"",
    );
    wire.extend_from_slice(br#"{"scope":"#);
    let outcome = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(&wire).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(70)))
            .unwrap();
        let mut buf = [0u8; 1024];
        // Either an answer (408) or a close ends the wait; a timeout is the bug.
        stream.read(&mut buf).map(|n| buf[..n].to_vec())
    })
    .await
    .unwrap();
    assert!(
        outcome.is_ok(),
        "the server neither answered nor closed a stalled request in 70 s"
    );
}

/// Property: whatever path a client sends (segments of `..`, `.`, empty, NUL, encoded slashes,
/// spaces, non-ASCII), DBFS and workspace `get-status` answer below 500 with a JSON error body
/// or 200, and a path with a `.`, `..` or empty component is always refused.
#[test]
fn arbitrary_paths_never_break_path_handling() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let emulator = rt.block_on(start());
    let (addr, token) = (emulator.addr(), emulator.token());
    let segment = prop_oneof![
        Just(".."),
        Just("."),
        Just(""),
        Just("a"),
        Just("Users"),
        Just("%00"),
        Just("%2F"),
        Just("%2e%2e"),
        Just("a%20b"),
        Just("%C3%A9"),
        Just("%FF"),
        Just("~"),
        Just("dbfs:"),
    ];
    let path = proptest::collection::vec(segment, 0..6);
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
        .run(&(path, any::<bool>()), |(segments, leading)| {
            let joined = segments.join("/");
            let raw = if leading {
                format!("/{joined}")
            } else {
                joined
            };
            // What the server sees after decoding the query.
            let decoded_parts: Vec<&str> = raw.split('/').skip(usize::from(leading)).collect();
            let bad_component = leading
                && !raw.is_empty()
                && raw != "/"
                && decoded_parts
                    .iter()
                    .any(|p| matches!(*p, "" | "." | ".." | "%2e%2e"));
            for api in ["dbfs", "workspace"] {
                let target = format!("/api/2.0/{api}/get-status?path={raw}");
                let wire = http("GET", &target, Some(&token), &[], b"");
                let answer = exchange(addr, &wire, false).map_err(TestCaseError::fail)?;
                prop_assert!(
                    answer.status < 500,
                    "{target}: {} {}",
                    answer.status,
                    answer.body_text()
                );
                if answer.status != 200 {
                    prop_assert!(answer.is_error_body(), "{target}: {}", answer.body_text());
                }
                if bad_component && !raw.ends_with('/') {
                    prop_assert!(
                        (400..500).contains(&answer.status),
                        "{target} was accepted: {}",
                        answer.body_text()
                    );
                }
            }
            Ok(())
        })
        .unwrap();
    drop(emulator);
}
