//! Wire tests for the run waiters.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::*;
use databricks_core::{Error, TimeoutKind};
use databricks_jobs::{RepairRun, Run, RunNow, RunResultState, SubmitRun, Task};
use serde_json::{Value, json};
use wiremock::MockServer;
use wiremock::matchers::{body_json, query_param};

const FAST: Duration = Duration::from_millis(2);

fn run(id: i64, life: &str, result: Option<&str>, message: &str) -> Value {
    let mut state = json!({ "life_cycle_state": life, "state_message": message });
    if let Some(result) = result {
        state["result_state"] = json!(result);
    }
    json!({ "run_id": id, "job_id": 42, "state": state })
}

/// `runs/get?run_id=id` answers each of `states` once, in order, then the last one forever.
async fn script(server: &MockServer, id: i64, states: Vec<Value>) {
    let last = states.len() - 1;
    for (i, body) in states.into_iter().enumerate() {
        let mock = endpoint("GET", "/api/2.2/jobs/runs/get")
            .and(query_param("run_id", id.to_string().as_str()))
            .respond_with(ok_json(body));
        let mock = if i < last {
            mock.up_to_n_times(1)
        } else {
            mock
        };
        mock.mount(server).await;
    }
}

#[tokio::test]
async fn wait_for_run_returns_the_successful_run() {
    let (server, api) = setup().await;
    script(
        &server,
        7,
        vec![
            run(7, "QUEUED", None, ""),
            run(7, "PENDING", None, ""),
            run(7, "RUNNING", None, ""),
            run(7, "TERMINATING", None, ""),
            run(7, "TERMINATED", Some("SUCCESS"), ""),
        ],
    )
    .await;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = seen.clone();
    let done = api
        .wait_for_run(7)
        .poll_interval(FAST, FAST)
        .on_progress(move |_: &Run, state: &str| sink.lock().unwrap().push(state.to_string()))
        .await
        .unwrap();
    assert_eq!(done.result_state(), Some(&RunResultState::Success));
    assert_eq!(
        *seen.lock().unwrap(),
        ["QUEUED", "PENDING", "RUNNING", "TERMINATING"]
    );
}

#[tokio::test]
async fn a_failed_run_is_a_wait_error_carrying_the_run_and_its_message() {
    let (server, api) = setup().await;
    script(
        &server,
        8,
        vec![
            run(8, "RUNNING", None, ""),
            run(
                8,
                "TERMINATED",
                Some("FAILED"),
                "Task ingest failed with message: boom",
            ),
        ],
    )
    .await;
    let err = api
        .wait_for_run(8)
        .poll_interval(FAST, FAST)
        .await
        .unwrap_err();
    let Error::Wait(failed) = err else {
        panic!("{err:?}")
    };
    assert_eq!(failed.state(), "FAILED");
    assert_eq!(failed.message(), "Task ingest failed with message: boom");
    assert_eq!(failed.what(), "run 8");
    assert_eq!(failed.last::<Run>().unwrap().run_id.get(), 8);
}

#[tokio::test]
async fn timedout_canceled_and_internal_error_are_failures() {
    let (server, api) = setup().await;
    script(
        &server,
        1,
        vec![run(1, "TERMINATED", Some("TIMEDOUT"), "timed out")],
    )
    .await;
    script(
        &server,
        2,
        vec![run(2, "TERMINATED", Some("CANCELED"), "cancelled by user")],
    )
    .await;
    script(
        &server,
        3,
        vec![run(3, "INTERNAL_ERROR", None, "service failure")],
    )
    .await;
    for (id, state) in [(1, "TIMEDOUT"), (2, "CANCELED"), (3, "INTERNAL_ERROR")] {
        match api.wait_for_run(id).poll_interval(FAST, FAST).await {
            Err(Error::Wait(e)) => assert_eq!(e.state(), state),
            other => panic!("{id}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn wait_for_run_finished_returns_failed_runs_too() {
    let (server, api) = setup().await;
    script(
        &server,
        9,
        vec![
            run(9, "RUNNING", None, ""),
            run(9, "TERMINATED", Some("FAILED"), "boom"),
        ],
    )
    .await;
    let finished = api
        .wait_for_run_finished(9)
        .poll_interval(FAST, FAST)
        .await
        .unwrap();
    assert_eq!(finished.result_state(), Some(&RunResultState::Failed));
    assert_eq!(finished.state_message(), "boom");
}

#[tokio::test]
async fn waiting_too_long_is_a_timeout_with_the_last_state() {
    let (server, api) = setup().await;
    script(&server, 10, vec![run(10, "RUNNING", None, "")]).await;
    let err = api
        .wait_for_run(10)
        .poll_interval(FAST, FAST)
        .timeout(Duration::from_millis(50))
        .await
        .unwrap_err();
    let Error::Timeout(t) = err else {
        panic!("{err:?}")
    };
    assert_eq!(t.kind(), TimeoutKind::Wait);
    assert_eq!(t.last_state(), Some("RUNNING"));
}

#[tokio::test]
async fn run_now_and_wait_starts_once_and_polls() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/run-now")
        .and(body_json(json!({ "job_id": 42 })))
        .respond_with(ok_json(json!({ "run_id": 11, "number_in_job": 11 })))
        .expect(1)
        .mount(&server)
        .await;
    script(
        &server,
        11,
        vec![
            run(11, "PENDING", None, ""),
            run(11, "RUNNING", None, ""),
            run(11, "TERMINATED", Some("SUCCESS"), ""),
        ],
    )
    .await;
    let done = api
        .run_now_and_wait(RunNow::new(42))
        .poll_interval(FAST, FAST)
        .await
        .unwrap();
    assert_eq!(done.run_id.get(), 11);
}

#[tokio::test]
async fn run_now_and_wait_surfaces_start_errors_and_validation() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/run-now")
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            "Job 404 does not exist.",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.run_now_and_wait(RunNow::new(404)).await.unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    let bad = RunNow {
        idempotency_token: Some("t".repeat(65)),
        ..RunNow::new(1)
    };
    assert_invalid(api.run_now_and_wait(bad).await, "idempotency_token");
}

#[tokio::test]
async fn submit_and_wait_submits_once_and_fails_with_the_message() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/runs/submit")
        .respond_with(ok_json(json!({ "run_id": 12 })))
        .expect(1)
        .mount(&server)
        .await;
    script(
        &server,
        12,
        vec![
            run(12, "RUNNING", None, ""),
            run(
                12,
                "TERMINATED",
                Some("FAILED"),
                "Notebook exited with an exception",
            ),
        ],
    )
    .await;
    let err = api
        .submit_and_wait(SubmitRun {
            run_name: Some("adhoc".into()),
            tasks: vec![Task {
                existing_cluster_id: Some("c".into()),
                ..Task::notebook("a", "/a")
            }],
            ..Default::default()
        })
        .poll_interval(FAST, FAST)
        .await
        .unwrap_err();
    let Error::Wait(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.what(), "one-time run \"adhoc\"");
    assert_eq!(e.message(), "Notebook exited with an exception");
}

#[tokio::test]
async fn cancel_run_and_wait_returns_the_canceled_run() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/runs/cancel")
        .and(body_json(json!({ "run_id": 13 })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    script(
        &server,
        13,
        vec![
            run(13, "TERMINATING", None, ""),
            run(13, "TERMINATED", Some("CANCELED"), "Run cancelled."),
        ],
    )
    .await;
    let canceled = api
        .cancel_run_and_wait(13)
        .poll_interval(FAST, FAST)
        .await
        .unwrap();
    assert_eq!(canceled.result_state(), Some(&RunResultState::Canceled));
}

#[tokio::test]
async fn repair_run_and_wait_repairs_once_and_waits() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/runs/repair")
        .and(body_json(
            json!({ "run_id": 14, "rerun_all_failed_tasks": true }),
        ))
        .respond_with(ok_json(json!({ "repair_id": 99 })))
        .expect(1)
        .mount(&server)
        .await;
    script(
        &server,
        14,
        vec![
            run(14, "RUNNING", None, ""),
            run(14, "TERMINATED", Some("SUCCESS"), ""),
        ],
    )
    .await;
    let repaired = api
        .repair_run_and_wait(RepairRun {
            rerun_all_failed_tasks: Some(true),
            ..RepairRun::new(14)
        })
        .poll_interval(FAST, FAST)
        .await
        .unwrap();
    assert!(repaired.is_success());
}

#[tokio::test]
async fn a_run_that_disappears_ends_the_wait_with_not_found() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/runs/get")
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            "Run 15 does not exist.",
        ))
        .mount(&server)
        .await;
    assert!(api.wait_for_run(15).await.unwrap_err().is_not_found());
}
