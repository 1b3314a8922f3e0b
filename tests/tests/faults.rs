//! Fault injection end to end: the SDK absorbs what it should, reports the rest, and nothing
//! is lost or duplicated.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use databricks::Error;
use databricks::secrets::{CreateScope, PutSecret};
use databricks_emulator::FaultRule;

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_and_the_scope_created_once() {
    let (emu, client) = common::start().await;
    emu.faults().add(
        FaultRule::new("POST", "/api/2.0/secrets/scopes/create")
            .status(429)
            .error_code("REQUEST_LIMIT_EXCEEDED")
            .retry_after_secs(1)
            .times(1),
    );
    let started = Instant::now();
    client
        .secrets()
        .create_scope(CreateScope::new("s"))
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(900));
    assert_eq!(
        common::count_requests(&emu, "POST", "/api/2.0/secrets/scopes/create"),
        2
    );
    assert_eq!(client.secrets().list_scopes().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_burst_of_503s_is_absorbed() {
    let (emu, client) = common::start().await;
    client
        .secrets()
        .create_scope(CreateScope::new("s"))
        .await
        .unwrap();
    emu.faults().add(
        FaultRule::new("POST", "/api/2.0/secrets/put")
            .status(503)
            .times(4),
    );
    client
        .secrets()
        .put_secret(PutSecret::string("s", "k", "v"))
        .await
        .unwrap();
    assert_eq!(
        common::count_requests(&emu, "POST", "/api/2.0/secrets/put"),
        5
    );
    assert_eq!(client.secrets().list_secrets("s").await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_dropped_connection_on_an_idempotent_get_is_retried() {
    let (emu, client) = common::start().await;
    client
        .secrets()
        .create_scope(CreateScope::new("s"))
        .await
        .unwrap();
    emu.faults().add(
        FaultRule::new("GET", "/api/2.0/secrets/scopes/list")
            .drop_connection()
            .times(2),
    );
    let scopes = client.secrets().list_scopes().await.unwrap();
    assert_eq!(scopes.len(), 1);
    let log = emu.requests();
    assert_eq!(log.iter().filter(|r| r.dropped).count(), 2);
}

#[tokio::test]
async fn a_dropped_create_is_reported_not_repeated() {
    // The server may have acted on a POST whose connection broke: the SDK must not retry a
    // non-idempotent create, and must say what happened.
    let (emu, client) = common::start().await;
    emu.faults().add(
        FaultRule::new("POST", "/api/2.0/secrets/scopes/create")
            .drop_connection()
            .times(1),
    );
    let err = client
        .secrets()
        .create_scope(CreateScope::new("s"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(
        common::count_requests(&emu, "POST", "/api/2.0/secrets/scopes/create"),
        1
    );
    // The caller decides: here the emulator dropped it before acting, so a retry succeeds once.
    client
        .secrets()
        .create_scope(CreateScope::new("s"))
        .await
        .unwrap();
    assert_eq!(client.secrets().list_scopes().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_500_on_a_create_is_not_retried() {
    let (emu, client) = common::start().await;
    emu.faults().add(
        FaultRule::new("POST", "/api/2.0/secrets/scopes/create")
            .status(500)
            .times(1),
    );
    let err = client
        .secrets()
        .create_scope(CreateScope::new("s"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(
        common::count_requests(&emu, "POST", "/api/2.0/secrets/scopes/create"),
        1
    );
    assert!(client.secrets().list_scopes().await.unwrap().is_empty());
}

#[tokio::test]
async fn latency_is_added_and_requests_still_succeed() {
    let (emu, client) = common::start().await;
    emu.faults().add(
        FaultRule::new("GET", "/api/2.0/secrets/scopes/list").latency(Duration::from_millis(200)),
    );
    let started = Instant::now();
    client.secrets().list_scopes().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(190));
}
