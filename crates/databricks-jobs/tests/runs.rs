//! Wire tests for the run endpoints (`/api/2.2/jobs/run-now`, `/api/2.2/jobs/runs/*`).
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_core::Timestamp;
use databricks_jobs::{
    CancelAllRuns, ExportRun, GetRun, JobsApi, ListRuns, PipelineParams, QueueSettings, RepairId,
    RepairRun, RunId, RunLifeCycleState, RunNow, RunResultState, RunType, SparkJarTask, SubmitRun,
    Task, TaskDependency, ViewType, ViewsToExport,
};
use serde_json::json;
use wiremock::matchers::{body_json, query_param};

const RUN_GET: &str = include_str!("fixtures/run_get.json");
const RUN_OUTPUT: &str = include_str!("fixtures/run_output.json");

#[tokio::test]
async fn run_now_sends_every_parameter_kind() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/run-now")
        .and(no_query)
        .and(body_json(json!({
            "job_id": 754210933871025_i64,
            "idempotency_token": "b2f0d7c4-run-2024-06-12",
            "job_parameters": { "env": "staging" },
            "notebook_params": { "date": "2024-06-12" },
            "python_params": ["--x"],
            "python_named_params": { "name": "task" },
            "spark_submit_params": ["--class", "A"],
            "sql_params": { "k": "v" },
            "dbt_commands": ["dbt run"],
            "pipeline_params": { "full_refresh": true },
            "only": ["ingest+"],
            "queue": { "enabled": true },
            "performance_target": "PERFORMANCE_OPTIMIZED"
        })))
        .respond_with(ok_json(
            json!({ "run_id": 455644833, "number_in_job": 455644833 }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let started = api
        .run_now(RunNow {
            idempotency_token: Some("b2f0d7c4-run-2024-06-12".into()),
            job_parameters: [("env".to_string(), "staging".to_string())].into(),
            notebook_params: [("date".to_string(), "2024-06-12".to_string())].into(),
            python_params: vec!["--x".into()],
            python_named_params: [("name".to_string(), "task".to_string())].into(),
            spark_submit_params: vec!["--class".into(), "A".into()],
            sql_params: [("k".to_string(), "v".to_string())].into(),
            dbt_commands: vec!["dbt run".into()],
            pipeline_params: Some(PipelineParams {
                full_refresh: Some(true),
                ..Default::default()
            }),
            only: vec!["ingest+".into()],
            queue: Some(QueueSettings::enabled(true)),
            performance_target: Some(databricks_jobs::PerformanceTarget::PerformanceOptimized),
            ..RunNow::new(754210933871025)
        })
        .await
        .unwrap();
    assert_eq!(started.run_id, RunId::new(455644833));
    assert_eq!(started.number_in_job, Some(455644833));
}

#[tokio::test]
async fn run_now_with_a_token_is_retried_and_without_is_not() {
    let server = wiremock::MockServer::start().await;
    let api = JobsApi::new(retrying_client(&server));
    endpoint("POST", "/api/2.2/jobs/run-now")
        .and(body_json(json!({ "job_id": 1, "idempotency_token": "t" })))
        .respond_with(api_error(500, "INTERNAL_ERROR", "flaky"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.2/jobs/run-now")
        .and(body_json(json!({ "job_id": 1, "idempotency_token": "t" })))
        .respond_with(ok_json(json!({ "run_id": 9 })))
        .expect(1)
        .mount(&server)
        .await;
    let started = api
        .run_now(RunNow {
            idempotency_token: Some("t".into()),
            ..RunNow::new(1)
        })
        .await
        .unwrap();
    assert_eq!(started.run_id.get(), 9);

    endpoint("POST", "/api/2.2/jobs/run-now")
        .and(body_json(json!({ "job_id": 2 })))
        .respond_with(api_error(500, "INTERNAL_ERROR", "flaky"))
        .expect(1)
        .mount(&server)
        .await;
    assert!(api.run_now(RunNow::new(2)).await.is_err());
}

#[tokio::test]
async fn run_now_validates_parameters() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    let token = RunNow {
        idempotency_token: Some("x".repeat(65)),
        ..RunNow::new(1)
    };
    assert_invalid(api.run_now(token).await, "idempotency_token");
    let both = RunNow {
        notebook_params: [("a".to_string(), "b".to_string())].into(),
        jar_params: vec!["x".into()],
        ..RunNow::new(1)
    };
    assert_invalid(api.run_now(both).await, "jar_params");
    let big = RunNow {
        notebook_params: [("a".to_string(), "b".repeat(10_000))].into(),
        ..RunNow::new(1)
    };
    assert_invalid(api.run_now(big).await, "notebook_params");
    let non_ascii = RunNow {
        python_params: vec!["café".into()],
        ..RunNow::new(1)
    };
    assert_invalid(api.run_now(non_ascii).await, "python_params");
}

#[tokio::test]
async fn run_now_rate_limited_is_reported() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/run-now")
        .respond_with(api_error(
            429,
            "REQUEST_LIMIT_EXCEEDED",
            "Too many concurrent runs",
        ))
        .expect(1)
        .mount(&server)
        .await;
    assert!(
        api.run_now(RunNow::new(1))
            .await
            .unwrap_err()
            .is_rate_limited()
    );
}

#[tokio::test]
async fn submit_sends_tasks_and_returns_the_run_id() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/runs/submit")
        .and(body_json(json!({
            "run_name": "adhoc-backfill", "timeout_seconds": 3600,
            "idempotency_token": "backfill-2024-06-01",
            "tasks": [ { "task_key": "backfill", "existing_cluster_id": "0612-083412-z9a1b2c3",
                         "spark_jar_task": { "main_class_name": "com.example.Backfill", "parameters": ["2024-06-01"] } },
                       { "task_key": "report", "depends_on": [ { "task_key": "backfill" } ],
                         "existing_cluster_id": "0612-083412-z9a1b2c3",
                         "notebook_task": { "notebook_path": "/r" } } ]
        })))
        .respond_with(ok_json(json!({ "run_id": 455650001 })))
        .expect(1)
        .mount(&server)
        .await;
    let run_id = api
        .submit(SubmitRun {
            run_name: Some("adhoc-backfill".into()),
            timeout_seconds: Some(3600),
            idempotency_token: Some("backfill-2024-06-01".into()),
            tasks: vec![
                Task {
                    existing_cluster_id: Some("0612-083412-z9a1b2c3".into()),
                    spark_jar_task: Some(SparkJarTask::new("com.example.Backfill", ["2024-06-01"])),
                    ..Task::new("backfill")
                },
                Task {
                    depends_on: vec![TaskDependency::new("backfill")],
                    existing_cluster_id: Some("0612-083412-z9a1b2c3".into()),
                    ..Task::notebook("report", "/r")
                },
            ],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(run_id.get(), 455650001);
}

#[tokio::test]
async fn submit_rejects_job_clusters_and_bad_graphs() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    let job_cluster = SubmitRun {
        tasks: vec![Task {
            job_cluster_key: Some("c".into()),
            ..Task::notebook("a", "/a")
        }],
        ..Default::default()
    };
    assert_invalid(api.submit(job_cluster).await, "tasks[0].job_cluster_key");
    let unknown = SubmitRun {
        tasks: vec![Task {
            depends_on: vec![TaskDependency::new("ghost")],
            ..Task::notebook("a", "/a")
        }],
        ..Default::default()
    };
    assert_invalid(api.submit(unknown).await, "tasks[0].depends_on[0].task_key");
}

#[tokio::test]
async fn get_run_decodes_states_tasks_and_unknown_values() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/runs/get")
        .and(exact_query(&[
            ("run_id", "455644833"),
            ("include_history", "true"),
            ("include_resolved_values", "true"),
        ]))
        .and(no_body)
        .respond_with(ok_json(fixture(RUN_GET)))
        .expect(1)
        .mount(&server)
        .await;
    let run = api
        .get_run(GetRun {
            include_history: Some(true),
            include_resolved_values: Some(true),
            ..GetRun::new(455644833)
        })
        .await
        .unwrap();
    assert_eq!(run.run_type, Some(RunType::JobRun));
    assert_eq!(run.life_cycle_state(), Some(RunLifeCycleState::Terminated));
    assert_eq!(run.result_state(), Some(&RunResultState::Failed));
    assert_eq!(run.state_message(), "1 of 2 tasks failed");
    assert!(!run.is_success());
    assert_eq!(run.start_time, Some(Timestamp::from_millis(1718181000000)));
    assert_eq!(run.tasks.len(), 3);
    let aggregate = run.task("aggregate").unwrap();
    assert_eq!(aggregate.run_id.get(), 455644841);
    assert_eq!(aggregate.state_message(), "ZeroDivisionError");
    assert_eq!(aggregate.task.depends_on[0].task_key, "ingest");
    let check = run.task("check").unwrap();
    assert_eq!(
        check.life_cycle_state(),
        Some(RunLifeCycleState::Unrecognized("SOMETHING_NEW".into()))
    );
    assert_eq!(
        check
            .task
            .condition_task
            .as_ref()
            .unwrap()
            .outcome
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        run.tasks[0]
            .cluster_instance
            .as_ref()
            .unwrap()
            .spark_context_id
            .as_deref(),
        Some("8734983498349834123")
    );
    assert_eq!(run.repair_history.len(), 1);
    assert_eq!(run.job_parameters[0].value.as_deref(), Some("staging"));
}

#[tokio::test]
async fn get_run_merges_task_pages_of_a_job_run() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/runs/get")
        .and(exact_query(&[("run_id", "1")]))
        .respond_with(ok_json(json!({
            "run_id": 1, "next_page_token": "p2",
            "tasks": (0..100).map(|i| json!({ "task_key": format!("t{i}"), "run_id": 1000 + i })).collect::<Vec<_>>(),
            "job_clusters": [ { "job_cluster_key": "a" } ],
            "job_parameters": [ { "name": "x", "value": "1" } ],
            "repair_history": [ { "type": "ORIGINAL" } ]
        })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.2/jobs/runs/get")
        .and(exact_query(&[("run_id", "1"), ("page_token", "p2")]))
        .respond_with(ok_json(json!({
            "run_id": 1,
            "tasks": (100..130).map(|i| json!({ "task_key": format!("t{i}"), "run_id": 1000 + i })).collect::<Vec<_>>(),
            "job_clusters": [ { "job_cluster_key": "b" } ],
            "job_parameters": [ { "name": "y", "value": "2" } ],
            "repair_history": [ { "type": "REPAIR", "id": 5 } ]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let run = api.get_run(1).await.unwrap();
    assert_eq!(run.tasks.len(), 130);
    assert_eq!(run.tasks[129].run_id.get(), 1129);
    assert_eq!(run.job_clusters.len(), 2);
    assert_eq!(run.job_parameters.len(), 2);
    assert_eq!(run.repair_history.len(), 2);
    assert_eq!(run.repair_history[1].id, Some(RepairId::new(5)));
}

#[tokio::test]
async fn get_run_merges_iteration_pages_of_a_for_each_task_run() {
    let (server, api) = setup().await;
    let for_each = json!({ "task_key": "loop", "run_id": 7,
        "for_each_task": { "inputs": "[1]", "task": { "task_key": "inner" } } });
    endpoint("GET", "/api/2.2/jobs/runs/get")
        .and(exact_query(&[("run_id", "7")]))
        .respond_with(ok_json(json!({
            "run_id": 7, "next_page_token": "i2", "tasks": [ for_each.clone() ],
            "iterations": (0..100).map(|i| json!({ "task_key": "inner", "run_id": 100 + i })).collect::<Vec<_>>()
        })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.2/jobs/runs/get")
        .and(exact_query(&[("run_id", "7"), ("page_token", "i2")]))
        .respond_with(ok_json(json!({
            "run_id": 7, "tasks": [ for_each ],
            "iterations": (100..120).map(|i| json!({ "task_key": "inner", "run_id": 100 + i })).collect::<Vec<_>>()
        })))
        .expect(1)
        .mount(&server)
        .await;
    let run = api.get_run(7).await.unwrap();
    assert_eq!(run.iterations.len(), 120);
    assert_eq!(run.tasks.len(), 1, "the for-each task is not repeated");
}

#[tokio::test]
async fn get_run_of_a_missing_run_is_not_found() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/runs/get")
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            "Run 123 does not exist.",
        ))
        .mount(&server)
        .await;
    assert!(api.get_run(123).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn get_run_output_decodes_outputs() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/runs/get-output")
        .and(exact_query(&[("run_id", "455644840")]))
        .and(no_body)
        .respond_with(ok_json(fixture(RUN_OUTPUT)))
        .expect(1)
        .mount(&server)
        .await;
    let output = api.get_run_output(455644840).await.unwrap();
    assert_eq!(
        output.notebook_output.unwrap().result.as_deref(),
        Some("rows_written=120394")
    );
    assert_eq!(output.logs.as_deref(), Some("INFO starting\nINFO done"));
    let metadata = output.metadata.unwrap();
    assert_eq!(metadata.job_run_id, Some(RunId::new(455644833)));
    assert_eq!(
        output.run_job_output.unwrap().run_id,
        Some(RunId::new(455644999))
    );
    let query = output.sql_output.unwrap().query_output.unwrap();
    assert_eq!(query.sql_statements[0].lookup_key.as_deref(), Some("k1"));
}

#[tokio::test]
async fn get_run_output_of_a_multi_task_run_is_invalid_parameter() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/runs/get-output")
        .respond_with(api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            "Retrieving the output of runs with multiple tasks is not supported. Please retrieve the output of each individual task run instead.",
        ))
        .mount(&server)
        .await;
    let err = api.get_run_output(1).await.unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    assert!(!err.is_not_found());
}

#[tokio::test]
async fn list_runs_sends_filters_and_follows_tokens() {
    let (server, api) = setup().await;
    let base = [
        ("job_id", "42"),
        ("completed_only", "true"),
        ("expand_tasks", "false"),
        ("limit", "25"),
        ("run_type", "JOB_RUN"),
        ("start_time_from", "1700000000000"),
        ("start_time_to", "1800000000000"),
    ];
    endpoint("GET", "/api/2.2/jobs/runs/list")
        .and(exact_query(&base))
        .respond_with(ok_json(json!({
            "runs": [ { "run_id": 3, "state": { "life_cycle_state": "TERMINATED", "result_state": "SUCCESS" } },
                      { "run_id": 2 } ],
            "has_more": true, "next_page_token": "tok2"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let mut second = base.to_vec();
    second.push(("page_token", "tok2"));
    endpoint("GET", "/api/2.2/jobs/runs/list")
        .and(exact_query(&second))
        .respond_with(ok_json(
            json!({ "runs": [ { "run_id": 1 } ], "has_more": false }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let runs = api
        .list_runs(ListRuns {
            completed_only: Some(true),
            expand_tasks: Some(false),
            run_type: Some(RunType::JobRun),
            start_time_from: Some(Timestamp::from_millis(1_700_000_000_000)),
            start_time_to: Some(Timestamp::from_millis(1_800_000_000_000)),
            ..ListRuns::job(42)
        })
        .page_size(1000)
        .collect_all()
        .await
        .unwrap();
    let ids: Vec<i64> = runs.iter().map(|r| r.run_id.get()).collect();
    assert_eq!(ids, [3, 2, 1]);
}

#[tokio::test]
async fn list_runs_expand_tasks_completes_truncated_runs() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/runs/list")
        .and(exact_query(&[("expand_tasks", "true"), ("active_only", "true")]))
        .respond_with(ok_json(json!({ "runs": [
            { "run_id": 5, "has_more": true, "tasks": [ { "task_key": "t0", "run_id": 50 } ] } ] })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.2/jobs/runs/get")
        .and(exact_query(&[("run_id", "5")]))
        .respond_with(ok_json(json!({ "run_id": 5,
            "tasks": [ { "task_key": "t0", "run_id": 50 }, { "task_key": "t1", "run_id": 51 } ],
            "repair_history": [ { "type": "ORIGINAL" } ] })))
        .expect(1)
        .mount(&server)
        .await;
    let runs = api
        .list_runs(ListRuns {
            expand_tasks: Some(true),
            active_only: Some(true),
            ..Default::default()
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(runs[0].tasks.len(), 2);
    assert_eq!(runs[0].repair_history.len(), 1);
    assert!(!runs[0].has_more);
}

#[tokio::test]
async fn list_runs_validates_before_sending() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    let both = ListRuns {
        active_only: Some(true),
        completed_only: Some(true),
        ..Default::default()
    };
    assert_invalid(api.list_runs(both).collect_all().await, "completed_only");
    let too_big = ListRuns {
        limit: Some(26),
        ..Default::default()
    };
    assert_invalid(api.list_runs(too_big).collect_all().await, "limit");
}

#[tokio::test]
async fn cancel_cancel_all_and_delete_send_their_bodies() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/runs/cancel")
        .and(body_json(json!({ "run_id": 455644833 })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.2/jobs/runs/cancel-all")
        .and(body_json(json!({ "job_id": 42 })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.2/jobs/runs/cancel-all")
        .and(body_json(json!({ "all_queued_runs": true })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.2/jobs/runs/delete")
        .and(body_json(json!({ "run_id": 455644833 })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.cancel_run(455644833).await.unwrap();
    api.cancel_all_runs(CancelAllRuns::job(42)).await.unwrap();
    api.cancel_all_runs(CancelAllRuns {
        all_queued_runs: Some(true),
        ..Default::default()
    })
    .await
    .unwrap();
    api.delete_run(455644833).await.unwrap();
}

#[tokio::test]
async fn cancel_all_needs_a_job_or_all_queued_runs() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(
        api.cancel_all_runs(CancelAllRuns::default()).await,
        "job_id",
    );
}

#[tokio::test]
async fn delete_of_an_active_run_is_invalid_state() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/runs/delete")
        .respond_with(api_error(
            400,
            "INVALID_STATE",
            "Run 1 is active and cannot be deleted",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api.delete_run(1).await.unwrap_err();
    assert_eq!(err.error_code().map(|c| c.as_str()), Some("INVALID_STATE"));
    assert!(err.is_invalid_parameter());
}

#[tokio::test]
async fn export_sends_the_views_and_decodes_them() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/runs/export")
        .and(exact_query(&[
            ("run_id", "455644840"),
            ("views_to_export", "ALL"),
        ]))
        .and(no_body)
        .respond_with(ok_json(json!({ "views": [
            { "content": "<html>code</html>", "name": "ingest", "type": "NOTEBOOK" },
            { "content": "<html>dash</html>", "name": "Dash", "type": "DASHBOARD" } ] })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.2/jobs/runs/export")
        .and(exact_query(&[("run_id", "1")]))
        .respond_with(ok_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let views = api
        .export_run(ExportRun {
            views_to_export: Some(ViewsToExport::All),
            ..ExportRun::from(RunId::new(455644840))
        })
        .await
        .unwrap();
    assert_eq!(views.len(), 2);
    assert_eq!(views[1].view_type, Some(ViewType::Dashboard));
    assert!(api.export_run(RunId::new(1)).await.unwrap().is_empty());
}

#[tokio::test]
async fn repair_sends_the_body_and_returns_the_repair_id() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/runs/repair")
        .and(body_json(json!({
            "run_id": 455644833, "rerun_tasks": ["aggregate"], "rerun_dependent_tasks": true,
            "latest_repair_id": 734650698524279_i64, "job_parameters": { "env": "prod" }
        })))
        .respond_with(ok_json(json!({ "repair_id": 734650698524280_i64 })))
        .expect(1)
        .mount(&server)
        .await;
    let repair_id = api
        .repair_run(RepairRun {
            rerun_tasks: vec!["aggregate".into()],
            rerun_dependent_tasks: Some(true),
            latest_repair_id: Some(RepairId::new(734650698524279)),
            job_parameters: [("env".to_string(), "prod".to_string())].into(),
            ..RepairRun::new(455644833)
        })
        .await
        .unwrap();
    assert_eq!(repair_id.get(), 734650698524280);
}

#[tokio::test]
async fn repair_validates_exclusive_options() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    let both = RepairRun {
        rerun_all_failed_tasks: Some(true),
        rerun_tasks: vec!["a".into()],
        ..RepairRun::new(1)
    };
    assert_invalid(api.repair_run(both).await, "rerun_tasks");
}

#[tokio::test]
async fn repair_of_a_running_run_is_reported() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.2/jobs/runs/repair")
        .respond_with(api_error(
            400,
            "INVALID_STATE",
            "Run 1 is still in progress and cannot be repaired",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let err = api
        .repair_run(RepairRun {
            rerun_all_failed_tasks: Some(true),
            ..RepairRun::new(1)
        })
        .await
        .unwrap_err();
    assert!(err.to_string().contains("in progress"), "{err}");
}

#[tokio::test]
async fn list_runs_page_size_is_sent_as_the_limit() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.2/jobs/runs/list")
        .and(query_param("limit", "1"))
        .respond_with(ok_json(json!({ "runs": [ { "run_id": 1 } ] })))
        .expect(1)
        .mount(&server)
        .await;
    let runs = api
        .list_runs(ListRuns::default())
        .page_size(1)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(runs.len(), 1);
}
