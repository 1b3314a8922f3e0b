//! Model tests: realistic bodies decode, unknown fields and enum values survive round trips.
#![allow(clippy::unwrap_used)]

use databricks_jobs::{
    ConditionTaskOp, GitProvider, Job, JobSettings, PauseStatus, Run, RunIf, RunLifeCycleState,
    RunOutput, RunResultState, RunStatusState, Source, TerminationCode, TerminationType,
};
use serde_json::{Value, json};

const JOB_GET: &str = include_str!("fixtures/job_get.json");
const RUN_GET: &str = include_str!("fixtures/run_get.json");
const RUN_OUTPUT: &str = include_str!("fixtures/run_output.json");

fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn job_settings_round_trip_exactly() {
    let original = value(JOB_GET)["settings"].clone();
    let settings: JobSettings = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(serde_json::to_value(&settings).unwrap(), original);
}

#[test]
fn job_decodes_every_task_type() {
    let job: Job = serde_json::from_str(JOB_GET).unwrap();
    let s = &job.settings;
    assert_eq!(job.created_time.unwrap().as_millis(), 1718100000000);
    assert_eq!(
        s.schedule.as_ref().unwrap().pause_status,
        Some(PauseStatus::Unpaused)
    );
    assert_eq!(
        s.git_source.as_ref().unwrap().git_provider,
        Some(GitProvider::GitHub)
    );
    let types: Vec<Option<&str>> = s.tasks.iter().map(|t| t.task_type()).collect();
    assert_eq!(
        types,
        [
            Some("notebook_task"),
            Some("spark_python_task"),
            Some("condition_task"),
            Some("run_job_task"),
            Some("for_each_task"),
            Some("dbt_task"),
            Some("sql_task"),
            Some("pipeline_task"),
            Some("python_wheel_task"),
            Some("spark_submit_task"),
            None,
        ]
    );
    let notebook = s.tasks[0].notebook_task.as_ref().unwrap();
    assert_eq!(notebook.source, Some(Source::Workspace));
    assert_eq!(s.tasks[0].libraries.len(), 2);
    assert_eq!(
        s.tasks[2].condition_task.as_ref().unwrap().op,
        Some(ConditionTaskOp::GreaterThan)
    );
    assert_eq!(
        s.tasks[3].run_job_task.as_ref().unwrap().job_id.get(),
        912345678901234
    );
    let for_each = s.tasks[4].for_each_task.as_ref().unwrap();
    assert_eq!(for_each.task.task_key, "per_region_iteration");
    assert_eq!(s.tasks[4].depends_on[0].outcome.as_deref(), Some("true"));
    assert!(s.tasks[10].extra.contains_key("brand_new_task"));
    assert_eq!(
        s.tasks[1].run_if.as_ref().unwrap().as_str(),
        "SOME_FUTURE_RUN_IF"
    );
    assert_eq!(s.job_clusters[0].job_cluster_key, "etl_cluster");
    assert!(s.job_clusters[0].new_cluster.is_some());
}

#[test]
fn run_decodes_states_and_keeps_unknown_task_fields() {
    let run: Run = serde_json::from_str(RUN_GET).unwrap();
    assert_eq!(run.life_cycle_state(), Some(RunLifeCycleState::Terminated));
    let status = run.status.as_ref().unwrap();
    assert_eq!(status.state, Some(RunStatusState::Terminated));
    let details = status.termination_details.as_ref().unwrap();
    assert_eq!(details.code, Some(TerminationCode::RunExecutionError));
    assert_eq!(details.termination_type, Some(TerminationType::ClientError));
    assert_eq!(
        run.tasks[2].result_state(),
        Some(&RunResultState::UpstreamFailed)
    );
    // Round trip keeps the task-run fields and the task settings together.
    let back = serde_json::to_value(&run).unwrap();
    assert_eq!(back["tasks"][0]["run_id"], 455644840);
    assert_eq!(
        back["tasks"][0]["notebook_task"]["notebook_path"],
        "/Repos/analytics/etl/ingest"
    );
    assert_eq!(back["tasks"][2]["condition_task"]["outcome"], "true");
}

#[test]
fn newer_status_alone_gives_the_life_cycle() {
    let run: Run = serde_json::from_value(json!({ "run_id": 1,
        "status": { "state": "QUEUED", "queue_details": { "code": "MAX_CONCURRENT_RUNS_REACHED", "message": "waiting" } } }))
    .unwrap();
    assert_eq!(run.life_cycle_state(), Some(RunLifeCycleState::Queued));
    assert!(!run.is_terminal());
    let done: Run = serde_json::from_value(json!({ "run_id": 1,
        "status": { "state": "TERMINATED", "termination_details": { "code": "SUCCESS", "type": "SUCCESS" } } }))
    .unwrap();
    assert!(done.is_terminal() && done.is_success());
}

#[test]
fn run_output_decodes() {
    let output: RunOutput = serde_json::from_str(RUN_OUTPUT).unwrap();
    assert_eq!(output.logs_truncated, Some(false));
    assert_eq!(
        output.dbt_output.unwrap().artifacts_link.as_deref(),
        Some("https://example.com/a.tgz")
    );
}

#[test]
fn every_enum_value_round_trips_and_unknown_values_survive() {
    for v in [
        "BLOCKED",
        "INTERNAL_ERROR",
        "PENDING",
        "QUEUED",
        "RUNNING",
        "SKIPPED",
        "TERMINATED",
        "TERMINATING",
        "WAITING_FOR_RETRY",
    ] {
        let s = RunLifeCycleState::from(v);
        assert!(!matches!(s, RunLifeCycleState::Unrecognized(_)), "{v}");
        assert_eq!(serde_json::to_value(&s).unwrap(), v);
    }
    for v in [
        "CANCELED",
        "DISABLED",
        "EXCLUDED",
        "FAILED",
        "MAXIMUM_CONCURRENT_RUNS_REACHED",
        "SUCCESS",
        "SUCCESS_WITH_FAILURES",
        "TIMEDOUT",
        "UPSTREAM_CANCELED",
        "UPSTREAM_FAILED",
    ] {
        assert!(
            !matches!(RunResultState::from(v), RunResultState::Unrecognized(_)),
            "{v}"
        );
    }
    for v in [
        "ALL_DONE",
        "ALL_FAILED",
        "ALL_SUCCESS",
        "AT_LEAST_ONE_FAILED",
        "AT_LEAST_ONE_SUCCESS",
        "NONE_FAILED",
    ] {
        assert!(!matches!(RunIf::from(v), RunIf::Unrecognized(_)), "{v}");
    }
    let unknown: RunResultState = serde_json::from_value(json!("EVICTED")).unwrap();
    assert_eq!(unknown, RunResultState::Unrecognized("EVICTED".into()));
    assert_eq!(serde_json::to_value(&unknown).unwrap(), "EVICTED");
    assert_eq!(
        TerminationCode::from("USER_CANCELED"),
        TerminationCode::UserCanceled
    );
}

#[test]
fn nulls_decode_as_empty_values() {
    // The service may send `null` for an empty list, map, string or id.
    let run: Run = serde_json::from_value(json!({
        "run_id": null,
        "has_more": null,
        "tasks": null,
        "job_parameters": null,
        "overriding_parameters": { "jar_params": null, "notebook_params": null },
    }))
    .unwrap();
    assert_eq!(run.run_id.get(), 0);
    assert!(run.tasks.is_empty() && run.job_parameters.is_empty());

    let settings: JobSettings = serde_json::from_value(json!({
        "tags": null,
        "tasks": [{
            "task_key": "fan_out",
            "depends_on": null,
            "libraries": null,
            "for_each_task": { "inputs": "[1,2]", "task": null },
        }],
    }))
    .unwrap();
    // Empty values are not sent back, and neither is the empty nested task.
    assert_eq!(
        serde_json::to_value(&settings).unwrap(),
        json!({ "tasks": [{ "task_key": "fan_out", "for_each_task": { "inputs": "[1,2]" } }] })
    );
}
