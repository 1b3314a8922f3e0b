use std::time::{Duration, Instant};

use databricks_emulator::{Emulator, FaultRule};
use serde_json::{Value, json};

use crate::common::{Client, start};

const LIST: &str = "/api/2.0/secrets/scopes/list";

#[tokio::test]
async fn status_with_retry_after_for_n_times_then_normal() {
    let (emu, client) = start().await;
    let id = emu.faults().add(
        FaultRule::new("GET", LIST)
            .status(503)
            .retry_after_secs(2)
            .times(2),
    );
    for _ in 0..2 {
        let r = client.get(LIST).await;
        r.err(503, "TEMPORARILY_UNAVAILABLE");
        assert_eq!(r.headers["retry-after"], "2");
    }
    client.get(LIST).await.ok();
    // Other methods and paths are untouched.
    client.create_scope("s").await;

    let log = emu.requests();
    let statuses: Vec<_> = log.iter().map(|r| (r.status, r.fault)).collect();
    assert_eq!(
        statuses,
        vec![
            (Some(503), Some(id)),
            (Some(503), Some(id)),
            (Some(200), None),
            (Some(200), None)
        ]
    );
    let info = &emu.faults().list()[0];
    assert_eq!((info.fired, info.remaining), (2, Some(0)));
}

#[tokio::test]
async fn custom_code_message_and_raw_body() {
    let (emu, client) = start().await;
    emu.faults().add(
        FaultRule::any_method("/api/2.0/secrets/*")
            .status(429)
            .error_code("REQUEST_LIMIT_EXCEEDED")
            .message("slow down")
            .times(1),
    );
    let r = client.get(LIST).await;
    r.err(429, "REQUEST_LIMIT_EXCEEDED");
    assert_eq!(r.message(), "slow down");
    emu.faults().add(
        FaultRule::any_method("*")
            .status(502)
            .body("<html><pre>Bad gateway.</pre></html>")
            .times(1),
    );
    let r = client.get(LIST).await;
    assert_eq!(r.status, 502);
    assert_eq!(r.text, "<html><pre>Bad gateway.</pre></html>");
}

async fn pattern(seed: u64) -> Vec<u16> {
    let emu = Emulator::builder().fault_seed(seed).start().await.unwrap();
    let client = Client::new(&emu);
    emu.faults()
        .add(FaultRule::any_method(LIST).status(500).probability(0.5));
    let mut statuses = Vec::new();
    for _ in 0..24 {
        statuses.push(client.get(LIST).await.status);
    }
    statuses
}

#[tokio::test]
async fn probability_reproduces_with_a_seed() {
    let a = pattern(42).await;
    assert_eq!(a, pattern(42).await);
    assert!(a.contains(&500) && a.contains(&200), "{a:?}");
    assert_ne!(a, pattern(43).await);
}

#[tokio::test]
async fn latency() {
    let (emu, client) = start().await;
    emu.faults().add(
        FaultRule::any_method(LIST)
            .latency(Duration::from_millis(300))
            .times(1),
    );
    let started = Instant::now();
    client.get(LIST).await.ok();
    assert!(started.elapsed() >= Duration::from_millis(300));
    let started = Instant::now();
    client.get(LIST).await.ok();
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn dropped_connection_is_a_client_error_not_a_hang() {
    let (emu, client) = start().await;
    emu.faults().add(
        FaultRule::new("POST", "/api/2.0/secrets/*")
            .drop_connection()
            .times(1),
    );
    let started = Instant::now();
    let result = client
        .http
        .post(format!("{}/api/2.0/secrets/scopes/create", client.base))
        .bearer_auth(client.token.as_deref().unwrap())
        .body(r#"{"scope":"x"}"#)
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    let err = result.expect_err("the connection must be dropped");
    assert!(!err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(1));
    let log = emu.requests();
    assert!(log[0].dropped && log[0].status.is_none());
    // The server carries on.
    client.create_scope("x").await;
}

#[tokio::test]
async fn admin_fault_endpoints() {
    let (emu, client) = start().await;
    let added = client
        .post(
            "/__emulator/faults",
            json!({ "method": "get", "path": LIST, "status": 503, "retry_after": "Wed, 21 Oct 2015 07:28:00 GMT", "times": 1 }),
        )
        .await
        .ok();
    let id = added["id"].as_u64().unwrap();
    let r = client.get(LIST).await;
    r.err(503, "TEMPORARILY_UNAVAILABLE");
    assert_eq!(r.headers["retry-after"], "Wed, 21 Oct 2015 07:28:00 GMT");
    let listed = client.get("/__emulator/faults").await.ok();
    assert_eq!(listed["faults"][0]["id"], id);
    assert_eq!(listed["faults"][0]["method"], "GET");
    assert_eq!(listed["faults"][0]["fired"], 1);
    assert_eq!(listed["faults"][0]["remaining"], 0);

    let second = client
        .post(
            "/__emulator/faults",
            json!({ "path": "*", "latency_ms": 1 }),
        )
        .await
        .ok()["id"]
        .as_u64()
        .unwrap();
    client
        .call(
            "DELETE",
            &format!("/__emulator/faults/{second}"),
            Value::Null,
        )
        .await
        .ok();
    client
        .call(
            "DELETE",
            &format!("/__emulator/faults/{second}"),
            Value::Null,
        )
        .await
        .err(404, "RESOURCE_DOES_NOT_EXIST");
    client
        .call("DELETE", "/__emulator/faults", Value::Null)
        .await
        .ok();
    assert!(emu.faults().list().is_empty());
    client
        .post("/__emulator/faults/seed", json!({ "seed": 7 }))
        .await
        .ok();

    // Invalid rules.
    for bad in [
        json!({}),
        json!({ "path": "/x" }),
        json!({ "path": "/x", "status": 42 }),
        json!({ "path": "/x", "status": 500, "probability": 2.0 }),
        json!({ "path": "/x", "latency_ms": -1 }),
    ] {
        client
            .post("/__emulator/faults", bad)
            .await
            .err(400, "INVALID_PARAMETER_VALUE");
    }
    // Admin endpoints are never faulted.
    emu.faults().add(FaultRule::any_method("*").status(500));
    client.get("/__emulator/faults").await.ok();
}

#[tokio::test]
async fn request_log() {
    let (emu, client) = start().await;
    client.get("/api/2.0/secrets/list?scope=nope").await;
    client.create_scope("s").await;
    let log = client.get("/__emulator/requests").await.ok();
    let log = log["requests"].as_array().unwrap();
    assert_eq!(log.len(), 2, "admin requests are not logged: {log:?}");
    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["path"], "/api/2.0/secrets/list");
    assert_eq!(log[0]["query"], "scope=nope");
    assert_eq!(log[0]["status"], 404);
    assert_eq!(log[1]["status"], 200);
    client
        .call("DELETE", "/__emulator/requests", Value::Null)
        .await
        .ok();
    assert!(emu.requests().is_empty());
    client.get(LIST).await.ok();
    assert_eq!(emu.requests().len(), 1);
    emu.clear_requests();
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn reset() {
    let (emu, client) = start().await;
    client.create_scope("s").await;
    let created = client.post("/api/2.0/token/create", json!({})).await.ok();
    emu.faults()
        .add(FaultRule::any_method("/nothing").status(500));
    emu.reset();
    assert_eq!(client.get(LIST).await.ok(), json!({}));
    assert!(emu.faults().list().is_empty());
    client
        .with_token(created["token_value"].as_str().unwrap())
        .get(LIST)
        .await
        .err(401, "UNAUTHENTICATED");
    client.create_scope("t").await;
    client.post("/__emulator/reset", json!({})).await.ok();
    assert_eq!(client.get(LIST).await.ok(), json!({}));
    assert_eq!(emu.requests().len(), 1, "the log was cleared by the reset");
}

#[tokio::test]
async fn clock_endpoint() {
    let (_emu, client) = start().await;
    let before = client.get("/__emulator/clock").await.ok();
    assert_eq!(before["lifecycle_step_ms"], 1000);
    let after = client
        .post("/__emulator/clock", json!({ "advance_ms": 60000 }))
        .await
        .ok();
    assert!(after["now_ms"].as_i64().unwrap() >= before["now_ms"].as_i64().unwrap() + 60000);
    client
        .post("/__emulator/clock", json!({ "advance_ms": -1 }))
        .await
        .err(400, "INVALID_PARAMETER_VALUE");
}

/// Reads from `stream` until `needle` arrives or `wait` passes; what was read.
async fn read_until(stream: &mut tokio::net::TcpStream, needle: &str, wait: Duration) -> String {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    let deadline = Instant::now() + wait;
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains(needle) {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => got.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

/// A status fault takes the whole request body in before answering, as the service's front
/// end does: answering while the client is still sending would close the connection under
/// it, and the client would see a broken pipe instead of the status (which a non-idempotent
/// request cannot retry). The connection then serves the next request.
#[tokio::test]
async fn a_status_fault_reads_the_body_first_and_keeps_the_connection() {
    use tokio::io::AsyncWriteExt;
    let (emu, _client) = start().await;
    emu.faults().add(
        FaultRule::new("POST", "/api/2.0/dbfs/add-block")
            .status(503)
            .times(1),
    );
    let body = format!("{{\"handle\": 1, \"data\": \"{}\"}}", "A".repeat(64 * 1024));
    let head = format!(
        "POST /api/2.0/dbfs/add-block HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Authorization: Bearer {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        emu.token(),
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(emu.addr()).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body.as_bytes()[..1024]).await.unwrap();
    // Half the body sent: no answer yet.
    let early = read_until(&mut stream, "HTTP/1.1", Duration::from_millis(300)).await;
    assert!(
        early.is_empty(),
        "answered before the body arrived: {early}"
    );
    stream.write_all(&body.as_bytes()[1024..]).await.unwrap();
    let answer = read_until(
        &mut stream,
        "TEMPORARILY_UNAVAILABLE",
        Duration::from_secs(5),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    // The same connection serves the next request.
    let next = format!(
        "GET {LIST} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\n\r\n",
        emu.token()
    );
    stream.write_all(next.as_bytes()).await.unwrap();
    let answer = read_until(&mut stream, "HTTP/1.1 200", Duration::from_secs(5)).await;
    assert!(answer.contains("HTTP/1.1 200"), "{answer}");
}
