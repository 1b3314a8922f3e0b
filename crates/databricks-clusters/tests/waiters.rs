//! Wire tests: waiters poll `clusters/get` until the target state, and fail with the reason.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_clusters::{
    ClusterDetails, ClusterSpec, ClustersApi, EditCluster, ResizeCluster, RestartCluster, State,
    TerminationReasonCode, UpdateCluster,
};
use databricks_core::Error;
use serde_json::{Value, json};
use wiremock::MockServer;
use wiremock::matchers::{body_json, query_param};

const ID: &str = "0612-083412-z9a1b2c3";

async fn setup() -> (MockServer, ClustersApi) {
    let server = MockServer::start().await;
    let api = ClustersApi::new(client(&server));
    (server, api)
}

fn state(s: &str) -> Value {
    json!({ "cluster_id": ID, "state": s, "spark_version": "15.4.x-scala2.12", "num_workers": 2 })
}

fn failed(s: &str) -> Value {
    json!({
        "cluster_id": ID, "state": s, "state_message": "Spark failed to start",
        "termination_reason": { "code": "SPARK_STARTUP_FAILURE", "type": "CLIENT_ERROR",
                                "parameters": { "databricks_error_message": "boom" } }
    })
}

async fn gets(server: &MockServer, states: Vec<Value>, expect: impl Into<wiremock::Times>) {
    endpoint("GET", "/api/2.1/clusters/get")
        .and(query_param("cluster_id", ID))
        .respond_with(Sequence::json(states))
        .expect(expect)
        .mount(server)
        .await;
}

async fn action(server: &MockServer, name: &str, times: u64) {
    endpoint("POST", &format!("/api/2.1/clusters/{name}"))
        .respond_with(ok_empty())
        .expect(times)
        .mount(server)
        .await;
}

#[tokio::test]
async fn wait_until_running_polls_until_running() {
    let (server, api) = setup().await;
    gets(
        &server,
        vec![state("PENDING"), state("PENDING"), state("RUNNING")],
        3,
    )
    .await;
    let mut seen = Vec::new();
    let states = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let progress = states.clone();
    let c = fast(api.wait_until_running(ID))
        .on_progress(move |_: &ClusterDetails, s: &str| progress.lock().unwrap().push(s.to_owned()))
        .await
        .unwrap();
    seen.extend(states.lock().unwrap().iter().cloned());
    assert_eq!(c.state, Some(State::Running));
    assert_eq!(seen, ["PENDING", "PENDING"]);
}

#[tokio::test]
async fn running_waits_fail_on_terminated_and_error_with_the_reason() {
    for bad in ["TERMINATED", "ERROR"] {
        let (server, api) = setup().await;
        gets(&server, vec![state("PENDING"), failed(bad)], 2).await;
        let err = fast(api.wait_until_running(ID)).await.unwrap_err();
        let Error::Wait(w) = err else {
            panic!("{err:?}")
        };
        assert_eq!(w.state(), bad);
        assert_eq!(w.what(), format!("cluster {ID}"));
        assert_eq!(
            w.message(),
            "Spark failed to start (termination reason: SPARK_STARTUP_FAILURE, type CLIENT_ERROR, databricks_error_message=boom)"
        );
        let last = w.last::<ClusterDetails>().unwrap();
        assert_eq!(
            last.termination_reason.as_ref().unwrap().code,
            Some(TerminationReasonCode::SparkStartupFailure)
        );
    }
}

#[tokio::test]
async fn unknown_and_new_states_keep_a_running_wait_going() {
    let (server, api) = setup().await;
    gets(
        &server,
        vec![state("UNKNOWN"), state("HIBERNATING"), state("RUNNING")],
        3,
    )
    .await;
    fast(api.wait_until_running(ID)).await.unwrap();
}

#[tokio::test]
async fn timeouts_are_per_waiter_and_carry_the_last_state() {
    let (server, api) = setup().await;
    gets(&server, vec![state("PENDING")], 1..).await;
    let err = api
        .wait_until_running(ID)
        .poll_interval(
            std::time::Duration::from_millis(2),
            std::time::Duration::from_millis(2),
        )
        .timeout(std::time::Duration::from_millis(30))
        .await
        .unwrap_err();
    let Error::Timeout(t) = err else {
        panic!("{err:?}")
    };
    assert_eq!(t.last_state(), Some("PENDING"));
}

#[tokio::test]
async fn wait_until_terminated() {
    let (server, api) = setup().await;
    gets(&server, vec![state("TERMINATING"), state("TERMINATED")], 2).await;
    let c = fast(api.wait_until_terminated(ID)).await.unwrap();
    assert_eq!(c.state, Some(State::Terminated));
    let (server, api) = setup().await;
    gets(&server, vec![failed("ERROR")], 1).await;
    assert!(matches!(
        fast(api.wait_until_terminated(ID)).await,
        Err(Error::Wait(_))
    ));
}

#[tokio::test]
async fn create_and_wait_creates_once_then_polls() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/create")
        .respond_with(ok_json(json!({ "cluster_id": ID })))
        .expect(1)
        .mount(&server)
        .await;
    gets(&server, vec![state("PENDING"), state("RUNNING")], 2).await;
    let c = fast(api.create_and_wait(ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 2)))
        .await
        .unwrap();
    assert_eq!(c.cluster_id.as_str(), ID);
}

#[tokio::test]
async fn nothing_is_sent_until_a_waiter_is_awaited() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    let waiter = api.create_and_wait(ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 2));
    drop(waiter);
    drop(api.delete_and_wait(ID));
}

#[tokio::test]
async fn action_helpers_send_their_request_then_wait() {
    let (server, api) = setup().await;
    action(&server, "start", 1).await;
    gets(&server, vec![state("PENDING"), state("RUNNING")], 2).await;
    fast(api.start_and_wait(ID)).await.unwrap();

    let (server, api) = setup().await;
    action(&server, "restart", 1).await;
    gets(&server, vec![state("RESTARTING"), state("RUNNING")], 2).await;
    fast(api.restart_and_wait(RestartCluster::new(ID)))
        .await
        .unwrap();

    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/resize")
        .and(body_json(json!({ "cluster_id": ID, "num_workers": 5 })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    gets(&server, vec![state("RESIZING"), state("RUNNING")], 2).await;
    fast(api.resize_and_wait(ResizeCluster::workers(ID, 5)))
        .await
        .unwrap();

    let (server, api) = setup().await;
    action(&server, "delete", 1).await;
    gets(&server, vec![state("TERMINATING"), state("TERMINATED")], 2).await;
    let c = fast(api.delete_and_wait(ID)).await.unwrap();
    assert_eq!(c.state, Some(State::Terminated));
}

#[tokio::test]
async fn edit_and_wait_waits_for_a_running_cluster_to_come_back() {
    let (server, api) = setup().await;
    action(&server, "edit", 1).await;
    // Before the edit, then while restarting, then running again.
    gets(
        &server,
        vec![state("RUNNING"), state("RESTARTING"), state("RUNNING")],
        3,
    )
    .await;
    let c = fast(api.edit_and_wait(EditCluster::new(
        ID,
        ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 3),
    )))
    .await
    .unwrap();
    assert_eq!(c.state, Some(State::Running));
}

#[tokio::test]
async fn edit_and_wait_of_a_terminated_cluster_ends_at_once() {
    let (server, api) = setup().await;
    action(&server, "update", 1).await;
    gets(&server, vec![state("TERMINATED"), state("TERMINATED")], 2).await;
    let c = fast(api.update_and_wait(UpdateCluster::new(
        ID,
        ClusterSpec {
            num_workers: Some(1),
            ..Default::default()
        },
        ["num_workers"],
    )))
    .await
    .unwrap();
    assert_eq!(c.state, Some(State::Terminated));
}

#[tokio::test]
async fn an_action_error_ends_the_wait_at_once() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/start")
        .respond_with(api_error(
            400,
            "INVALID_STATE",
            "Cluster is in unexpected state Running.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = fast(api.start_and_wait(ID)).await.unwrap_err();
    assert_eq!(err.error_code().unwrap().as_str(), "INVALID_STATE");
}

#[tokio::test]
async fn ensure_running_when_running_does_nothing() {
    let (server, api) = setup().await;
    gets(&server, vec![state("RUNNING")], 1).await;
    action(&server, "start", 0).await;
    fast(api.ensure_running(ID)).await.unwrap();
}

#[tokio::test]
async fn ensure_running_when_terminated_starts() {
    let (server, api) = setup().await;
    gets(
        &server,
        vec![state("TERMINATED"), state("PENDING"), state("RUNNING")],
        3,
    )
    .await;
    action(&server, "start", 1).await;
    fast(api.ensure_running(ID)).await.unwrap();
}

#[tokio::test]
async fn ensure_running_when_terminating_waits_then_starts() {
    let (server, api) = setup().await;
    gets(
        &server,
        vec![
            state("TERMINATING"),
            state("TERMINATING"),
            state("TERMINATED"),
            state("PENDING"),
            state("RUNNING"),
        ],
        5,
    )
    .await;
    action(&server, "start", 1).await;
    fast(api.ensure_running(ID)).await.unwrap();
}

#[tokio::test]
async fn ensure_running_when_in_transition_waits() {
    for s in ["PENDING", "RESIZING", "RESTARTING"] {
        let (server, api) = setup().await;
        gets(&server, vec![state(s), state("RUNNING")], 2).await;
        action(&server, "start", 0).await;
        fast(api.ensure_running(ID)).await.unwrap();
    }
}

#[tokio::test]
async fn ensure_running_fails_on_error_and_unknown() {
    for s in ["ERROR", "UNKNOWN"] {
        let (server, api) = setup().await;
        gets(&server, vec![failed(s)], 1).await;
        action(&server, "start", 0).await;
        let err = fast(api.ensure_running(ID)).await.unwrap_err();
        let Error::Wait(w) = err else {
            panic!("{err:?}")
        };
        assert_eq!(w.state(), s);
    }
}

#[tokio::test]
async fn ensure_running_tolerates_losing_the_start_race() {
    let (server, api) = setup().await;
    gets(
        &server,
        vec![state("TERMINATED"), state("PENDING"), state("RUNNING")],
        3,
    )
    .await;
    endpoint("POST", "/api/2.1/clusters/start")
        .respond_with(api_error(
            400,
            "INVALID_STATE",
            "Cluster is in unexpected state Pending.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    fast(api.ensure_running(ID)).await.unwrap();
}

#[tokio::test]
async fn ensure_running_does_not_restart_a_cluster_that_fails_to_start() {
    let (server, api) = setup().await;
    gets(
        &server,
        vec![state("TERMINATED"), state("PENDING"), failed("TERMINATED")],
        3,
    )
    .await;
    action(&server, "start", 1).await;
    let err = fast(api.ensure_running(ID)).await.unwrap_err();
    let Error::Wait(w) = err else {
        panic!("{err:?}")
    };
    assert!(
        w.message().contains("SPARK_STARTUP_FAILURE"),
        "{}",
        w.message()
    );
}

#[tokio::test]
async fn ensure_running_propagates_other_start_errors() {
    let (server, api) = setup().await;
    gets(&server, vec![state("TERMINATED")], 1).await;
    endpoint("POST", "/api/2.1/clusters/start")
        .respond_with(api_error(403, "PERMISSION_DENIED", "no"))
        .expect(1)
        .mount(&server)
        .await;
    let err = fast(api.ensure_running(ID)).await.unwrap_err();
    assert!(err.is_permission_denied(), "{err}");
}
