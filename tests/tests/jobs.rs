//! Jobs end to end: the umbrella client against the emulator: job CRUD, paging, multi-task
//! runs, waiters, cancellation, repair, timeouts, failures, idempotency, queueing and the
//! API 2.0 single-task shape.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use databricks::Method;
use databricks::clusters::ClusterSpec;
use databricks::jobs::{
    CancelAllRuns, ConditionTask, ConditionTaskOp, CreateJob, ExportRun, ForEachTask, GetRun,
    JobAccessControlRequest, JobCluster, JobParameterDefinition, JobPermissionLevel, JobSettings,
    JobsApi, JobsApiVersion, ListJobs, ListRuns, QueueSettings, RepairRun, Run, RunIf, RunJobTask,
    RunLifeCycleState, RunNow, RunResultState, SparkPythonTask, SubmitRun, Task, TaskDependency,
    UpdateJob, ViewsToExport,
};
use databricks::libraries::Library;
use databricks::{Error, Waiter};
use futures::TryStreamExt;
use serde_json::{Value, json};

/// Polls every few milliseconds (the emulator's lifecycle step is 20 ms).
fn fast<T: Send + Sync + 'static>(w: Waiter<T>) -> Waiter<T> {
    w.poll_interval(Duration::from_millis(5), Duration::from_millis(20))
        .timeout(Duration::from_secs(15))
}

const CLUSTER: &str = "0612-083412-z9a1b2c3";

/// A notebook task on the shared cluster, depending on `deps`.
fn nb(key: &str, deps: &[&str]) -> Task {
    Task {
        existing_cluster_id: Some(CLUSTER.into()),
        depends_on: deps.iter().map(|d| TaskDependency::new(*d)).collect(),
        ..Task::notebook(key, format!("/Repos/etl/{key}"))
    }
}

/// `nb` with notebook parameters (directives such as `emulator:fail`).
fn nb_with(key: &str, deps: &[&str], params: &[(&str, &str)]) -> Task {
    let mut task = nb(key, deps);
    if let Some(notebook) = task.notebook_task.as_mut() {
        for (k, v) in params {
            notebook.base_parameters.insert((*k).into(), (*v).into());
        }
    }
    task
}

fn settings(name: &str, tasks: Vec<Task>) -> JobSettings {
    JobSettings {
        name: Some(name.into()),
        tasks,
        ..Default::default()
    }
}

async fn create(jobs: &JobsApi, name: &str, tasks: Vec<Task>) -> databricks::jobs::JobId {
    jobs.create(settings(name, tasks)).await.unwrap()
}

fn result(run: &Run) -> Option<RunResultState> {
    run.result_state().cloned()
}

fn task_result(run: &Run, key: &str) -> Option<RunResultState> {
    run.task(key).unwrap().result_state().cloned()
}

#[tokio::test]
async fn job_crud_reset_update_permissions_and_delete() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let mut spec = ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 2);
    spec.custom_tags.insert("team".into(), "etl".into());
    let id = jobs
        .create(CreateJob {
            settings: JobSettings {
                name: Some("nightly-etl".into()),
                description: Some("Loads sales".into()),
                tags: [("team".to_string(), "analytics".to_string())].into(),
                job_clusters: vec![JobCluster::new("etl", spec.clone())],
                parameters: vec![JobParameterDefinition::new("env", "prod")],
                tasks: vec![
                    Task {
                        job_cluster_key: Some("etl".into()),
                        libraries: vec![Library::pypi("pyarrow==15.0.2")],
                        ..Task::notebook("ingest", "/Repos/etl/ingest")
                    },
                    Task {
                        depends_on: vec![TaskDependency::new("ingest")],
                        job_cluster_key: Some("etl".into()),
                        spark_python_task: Some(SparkPythonTask::new("dbfs:/jobs/agg.py")),
                        ..Task::new("aggregate")
                    },
                ],
                ..Default::default()
            },
            access_control_list: vec![JobAccessControlRequest::group(
                "users",
                JobPermissionLevel::CanView,
            )],
        })
        .await
        .unwrap();

    let job = jobs.get(id).await.unwrap();
    assert_eq!(job.job_id, id);
    assert_eq!(job.settings.name.as_deref(), Some("nightly-etl"));
    assert_eq!(job.settings.tasks.len(), 2);
    assert_eq!(
        job.settings.job_clusters[0].new_cluster.as_ref(),
        Some(&spec)
    );
    assert_eq!(
        job.settings.tasks[0].libraries,
        vec![Library::pypi("pyarrow==15.0.2")]
    );
    // Created through 2.2: queueing on by default.
    assert_eq!(job.settings.queue, Some(QueueSettings::enabled(true)));
    assert!(job.created_time.is_some());

    // update: merge a task by key, add one, remove a field.
    jobs.update(UpdateJob {
        new_settings: Some(JobSettings {
            max_concurrent_runs: Some(3),
            tasks: vec![nb("report", &["aggregate"])],
            ..Default::default()
        }),
        fields_to_remove: vec!["description".into()],
        ..UpdateJob::new(id)
    })
    .await
    .unwrap();
    let job = jobs.get(id).await.unwrap();
    assert_eq!(job.settings.max_concurrent_runs, Some(3));
    assert_eq!(job.settings.description, None);
    let keys: Vec<&str> = job
        .settings
        .tasks
        .iter()
        .map(|t| t.task_key.as_str())
        .collect();
    assert_eq!(keys, ["ingest", "aggregate", "report"]);

    // The service validates too: an unknown dependency through update is refused.
    let err = jobs
        .update(UpdateJob {
            new_settings: Some(JobSettings {
                tasks: vec![nb("bad", &["ghost"])],
                ..Default::default()
            }),
            ..UpdateJob::new(id)
        })
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");

    // reset: read, change, send back; nothing is lost.
    let mut changed = job.settings.clone();
    changed.timeout_seconds = Some(3600);
    jobs.reset(id, changed.clone()).await.unwrap();
    let after = jobs.get(id).await.unwrap();
    assert_eq!(after.settings, changed);

    // Permissions: the creator owns it; the create-time grant is there; levels are listed.
    let acl = jobs.get_permissions(id).await.unwrap();
    let levels: Vec<(Option<String>, Option<JobPermissionLevel>)> = acl
        .access_control_list
        .iter()
        .map(|e| {
            (
                e.user_name.clone().or(e.group_name.clone()),
                e.all_permissions[0].permission_level.clone(),
            )
        })
        .collect();
    assert!(levels.contains(&(Some("users".into()), Some(JobPermissionLevel::CanView))));
    assert!(
        levels
            .iter()
            .any(|(_, l)| *l == Some(JobPermissionLevel::IsOwner))
    );
    jobs.update_permissions(
        id,
        &[JobAccessControlRequest::group(
            "analysts",
            JobPermissionLevel::CanManageRun,
        )],
    )
    .await
    .unwrap();
    let acl = jobs
        .set_permissions(
            id,
            &[JobAccessControlRequest::group(
                "analysts",
                JobPermissionLevel::CanView,
            )],
        )
        .await
        .unwrap();
    assert!(
        acl.access_control_list
            .iter()
            .all(|e| e.group_name.as_deref() != Some("users"))
    );
    assert!(
        acl.access_control_list
            .iter()
            .any(|e| e.all_permissions[0].permission_level == Some(JobPermissionLevel::IsOwner))
    );
    assert_eq!(jobs.get_permission_levels(id).await.unwrap().len(), 4);

    jobs.delete(id).await.unwrap();
    assert!(jobs.get(id).await.unwrap_err().is_not_found());
    assert!(jobs.delete(id).await.unwrap_err().is_invalid_parameter());
}

#[tokio::test]
async fn paging_across_hundreds_of_jobs_stays_exact_while_jobs_are_created() {
    let (emu, client) = common::start().await;
    let jobs = client.jobs();
    let mut ids = Vec::new();
    for i in 0..230 {
        ids.push(create(&jobs, &format!("job-{i:03}"), vec![nb("t", &[])]).await);
    }
    // Ids grow.
    assert!(ids.windows(2).all(|w| w[0] < w[1]));

    let mut pages = jobs.list(ListJobs::default()).page_size(100).pages();
    let mut seen = Vec::new();
    let first = pages.try_next().await.unwrap().unwrap();
    assert_eq!(first.len(), 100);
    seen.extend(first.iter().map(|j| j.job_id));
    // Jobs created while paging come after the ones already listed and are listed once.
    let late = create(&jobs, "late", vec![nb("t", &[])]).await;
    while let Some(page) = pages.try_next().await.unwrap() {
        seen.extend(page.iter().map(|j| j.job_id));
    }
    let unique: HashSet<_> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no job listed twice");
    assert_eq!(seen.len(), 231);
    assert_eq!(*seen.last().unwrap(), late);
    assert_eq!(common::count_requests(&emu, "GET", "/api/2.2/jobs/list"), 3);

    // Name filter (exact, case-insensitive) and the default page size.
    let named = jobs
        .list(ListJobs {
            name: Some("JOB-007".into()),
            ..Default::default()
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(named.len(), 1);
    assert_eq!(named[0].job_id, ids[7]);
    assert!(
        named[0].settings.tasks.is_empty(),
        "no tasks without expand_tasks"
    );

    // The limits are the service's: 100 for jobs, 25 for runs.
    let raw = client
        .core()
        .request(Method::GET, "/api/2.2/jobs/list")
        .query("limit", 101)
        .send::<Value>()
        .await
        .unwrap_err();
    assert!(raw.is_invalid_parameter(), "{raw}");
    let raw = client
        .core()
        .request(Method::GET, "/api/2.2/jobs/runs/list")
        .query("limit", 26)
        .send::<Value>()
        .await
        .unwrap_err();
    assert!(raw.is_invalid_parameter(), "{raw}");
}

#[tokio::test]
async fn paging_across_hundreds_of_runs() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let id = jobs
        .create(JobSettings {
            max_concurrent_runs: Some(0), // every run is skipped at once
            ..settings("skipper", vec![nb("t", &[])])
        })
        .await
        .unwrap();
    let mut started = Vec::new();
    for _ in 0..110 {
        started.push(jobs.run_now(RunNow::new(id)).await.unwrap().run_id);
    }
    let mut pages = jobs.list_runs(ListRuns::job(id)).page_size(25).pages();
    let mut seen = Vec::new();
    seen.extend(
        pages
            .try_next()
            .await
            .unwrap()
            .unwrap()
            .iter()
            .map(|r| r.run_id),
    );
    // Runs started while paging are newer: they are not listed by this listing.
    jobs.run_now(RunNow::new(id)).await.unwrap();
    while let Some(page) = pages.try_next().await.unwrap() {
        assert!(page.len() <= 25);
        seen.extend(page.iter().map(|r| r.run_id));
    }
    started.reverse(); // newest first
    assert_eq!(seen, started);
    let skipped = jobs.get_run(started[0]).await.unwrap();
    assert_eq!(skipped.life_cycle_state(), Some(RunLifeCycleState::Skipped));
    assert_eq!(
        result(&skipped),
        Some(RunResultState::MaximumConcurrentRunsReached)
    );
}

#[tokio::test]
async fn large_jobs_are_paged_by_2_2_and_merged_by_the_sdk() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let tasks: Vec<Task> = (0..250).map(|i| nb(&format!("t{i:03}"), &[])).collect();
    let id = create(&jobs, "big", tasks).await;

    let raw: Value = client
        .core()
        .request(Method::GET, "/api/2.2/jobs/get")
        .query("job_id", id)
        .send()
        .await
        .unwrap();
    assert_eq!(raw["settings"]["tasks"].as_array().unwrap().len(), 100);
    assert!(raw["next_page_token"].is_string());

    let job = jobs.get(id).await.unwrap();
    assert_eq!(job.settings.tasks.len(), 250);
    assert_eq!(job.settings.tasks[249].task_key, "t249");

    let listed = jobs
        .list(ListJobs {
            expand_tasks: Some(true),
            ..Default::default()
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(listed[0].settings.tasks.len(), 250);
    assert!(!listed[0].has_more);

    let old = client.jobs().with_api_version(JobsApiVersion::V2_1);
    let err = old.get(id).await.unwrap_err();
    assert!(err.to_string().contains("2.2"), "{err}");
}

#[tokio::test]
async fn multi_task_runs_follow_dependencies_with_their_own_run_ids() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let id = create(
        &jobs,
        "diamond",
        vec![
            nb_with("a", &[], &[("emulator:result", "rows=42")]),
            nb("b", &["a"]),
            nb("c", &["a"]),
            nb("d", &["b", "c"]),
        ],
    )
    .await;
    let run = fast(jobs.run_now_and_wait(RunNow::new(id))).await.unwrap();
    assert_eq!(result(&run), Some(RunResultState::Success));
    assert_eq!(run.tasks.len(), 4);
    let ids: HashSet<_> = run.tasks.iter().map(|t| t.run_id).collect();
    assert_eq!(ids.len(), 4);
    assert!(!ids.contains(&run.run_id));
    let end = |k: &str| run.task(k).unwrap().end_time.unwrap();
    let start = |k: &str| run.task(k).unwrap().start_time.unwrap();
    assert!(start("b") >= end("a") && start("c") >= end("a"));
    assert!(start("d") >= end("b") && start("d") >= end("c"));

    // Output of a task run; not of the job run.
    let output = jobs
        .get_run_output(run.task("a").unwrap().run_id)
        .await
        .unwrap();
    assert_eq!(
        output.notebook_output.unwrap().result.as_deref(),
        Some("rows=42")
    );
    assert_eq!(output.metadata.unwrap().job_run_id, Some(run.run_id));
    let err = jobs.get_run_output(run.run_id).await.unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");

    // A task run can be read on its own, and exported.
    let task_run = jobs.get_run(run.task("d").unwrap().run_id).await.unwrap();
    assert_eq!(task_run.job_run_id, Some(run.run_id));
    let views = jobs
        .export_run(ExportRun {
            views_to_export: Some(ViewsToExport::Code),
            ..ExportRun::from(run.task("d").unwrap().run_id)
        })
        .await
        .unwrap();
    assert_eq!(views.len(), 1);
    assert!(
        views[0]
            .content
            .as_deref()
            .unwrap()
            .contains("/Repos/etl/d")
    );

    // runs/list: completed only, expanded.
    let listed = jobs
        .list_runs(ListRuns {
            completed_only: Some(true),
            expand_tasks: Some(true),
            ..ListRuns::job(id)
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].tasks.len(), 4);
    let active = jobs
        .list_runs(ListRuns {
            active_only: Some(true),
            ..ListRuns::job(id)
        })
        .collect_all()
        .await
        .unwrap();
    assert!(active.is_empty());
}

#[tokio::test]
async fn failures_surface_the_state_message_and_skip_downstream_tasks() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let id = create(
        &jobs,
        "fails",
        vec![
            nb("ingest", &[]),
            nb_with(
                "transform",
                &["ingest"],
                &[("emulator:fail", "ZeroDivisionError: division by zero")],
            ),
            nb("publish", &["transform"]),
            Task {
                run_if: Some(RunIf::AllDone),
                ..nb("cleanup", &["transform"])
            },
        ],
    )
    .await;
    let err = fast(jobs.run_now_and_wait(RunNow::new(id)))
        .await
        .unwrap_err();
    let Error::Wait(failed) = err else {
        panic!("{err:?}")
    };
    assert_eq!(failed.state(), "FAILED");
    assert!(
        failed.message().contains("ZeroDivisionError"),
        "{}",
        failed.message()
    );
    let run = failed.last::<Run>().unwrap();
    assert_eq!(task_result(run, "ingest"), Some(RunResultState::Success));
    assert_eq!(task_result(run, "transform"), Some(RunResultState::Failed));
    assert_eq!(
        task_result(run, "publish"),
        Some(RunResultState::UpstreamFailed)
    );
    assert_eq!(task_result(run, "cleanup"), Some(RunResultState::Success));

    // The failed task's output carries the error.
    let output = jobs
        .get_run_output(run.task("transform").unwrap().run_id)
        .await
        .unwrap();
    assert!(output.error.unwrap().contains("ZeroDivisionError"));

    // wait_for_run_finished hands back the failed run instead of an error.
    let finished = fast(jobs.wait_for_run_finished(run.run_id)).await.unwrap();
    assert_eq!(result(&finished), Some(RunResultState::Failed));
    assert!(finished.status.unwrap().termination_details.is_some());
}

#[tokio::test]
async fn submit_and_wait_with_retries_conditions_and_internal_errors() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let run = fast(jobs.submit_and_wait(SubmitRun {
        run_name: Some("adhoc".into()),
        tasks: vec![
            Task {
                max_retries: Some(2),
                ..nb_with("flaky", &[], &[("emulator:fail-times", "2")])
            },
            Task {
                depends_on: vec![TaskDependency::new("flaky")],
                condition_task: Some(ConditionTask::new("5", ConditionTaskOp::GreaterThan, "3")),
                ..Task::new("check")
            },
            Task {
                depends_on: vec![TaskDependency::on_outcome("check", true)],
                ..nb("if_true", &[])
            },
            Task {
                depends_on: vec![TaskDependency::on_outcome("check", false)],
                ..nb("if_false", &[])
            },
        ],
        ..Default::default()
    }))
    .await
    .unwrap();
    assert_eq!(result(&run), Some(RunResultState::Success));
    assert_eq!(run.run_name.as_deref(), Some("adhoc"));
    assert_eq!(run.task("flaky").unwrap().attempt_number, Some(2));
    assert_eq!(
        run.task("check")
            .unwrap()
            .task
            .condition_task
            .as_ref()
            .unwrap()
            .outcome
            .as_deref(),
        Some("true")
    );
    assert_eq!(task_result(&run, "if_true"), Some(RunResultState::Success));
    assert_eq!(
        task_result(&run, "if_false"),
        Some(RunResultState::Excluded)
    );

    let err = fast(jobs.submit_and_wait(SubmitRun {
        tasks: vec![nb_with(
            "boom",
            &[],
            &[("emulator:internal-error", "cluster vanished")],
        )],
        ..Default::default()
    }))
    .await
    .unwrap_err();
    let Error::Wait(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.state(), "INTERNAL_ERROR");
    assert!(e.message().contains("cluster vanished"));
}

#[tokio::test]
async fn cancel_and_cancel_all_end_runs_canceled() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let id = jobs
        .create(JobSettings {
            max_concurrent_runs: Some(5),
            ..settings(
                "hangs",
                vec![
                    nb_with("wait", &[], &[("emulator:hang", "true")]),
                    nb("after", &["wait"]),
                ],
            )
        })
        .await
        .unwrap();
    let run_id = jobs.run_now(RunNow::new(id)).await.unwrap().run_id;
    let canceled = fast(jobs.cancel_run_and_wait(run_id)).await.unwrap();
    assert_eq!(result(&canceled), Some(RunResultState::Canceled));
    assert_eq!(
        task_result(&canceled, "wait"),
        Some(RunResultState::Canceled)
    );
    assert!(canceled.state.unwrap().user_cancelled_or_timedout.unwrap());

    // wait_for_run reports a cancelled run as a failure.
    let err = fast(jobs.wait_for_run(run_id)).await.unwrap_err();
    assert!(
        matches!(&err, Error::Wait(e) if e.state() == "CANCELED"),
        "{err:?}"
    );

    let a = jobs.run_now(RunNow::new(id)).await.unwrap().run_id;
    let b = jobs.run_now(RunNow::new(id)).await.unwrap().run_id;
    let active = jobs
        .list_runs(ListRuns {
            active_only: Some(true),
            ..ListRuns::job(id)
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(active.len(), 2);
    jobs.cancel_all_runs(CancelAllRuns::job(id)).await.unwrap();
    for run_id in [a, b] {
        let run = fast(jobs.wait_for_run_finished(run_id)).await.unwrap();
        assert_eq!(result(&run), Some(RunResultState::Canceled));
    }

    // Only finished runs can be deleted.
    let c = jobs.run_now(RunNow::new(id)).await.unwrap().run_id;
    let err = jobs.delete_run(c).await.unwrap_err();
    assert_eq!(err.error_code().map(|e| e.as_str()), Some("INVALID_STATE"));
    fast(jobs.cancel_run_and_wait(c)).await.unwrap();
    jobs.delete_run(c).await.unwrap();
    assert!(jobs.get_run(c).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn repair_reruns_failed_tasks_and_records_history() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let id = create(
        &jobs,
        "repairable",
        vec![
            nb("extract", &[]),
            nb_with(
                "load",
                &["extract"],
                &[("emulator:fail-times", "1"), ("emulator:fail", "disk full")],
            ),
            nb("report", &["load"]),
        ],
    )
    .await;
    let run = fast(jobs.run_now_and_wait(RunNow::new(id)))
        .await
        .unwrap_err();
    let Error::Wait(e) = run else {
        panic!("{run:?}")
    };
    let failed = e.last::<Run>().unwrap().clone();
    let extract_id = failed.task("extract").unwrap().run_id;
    let load_id = failed.task("load").unwrap().run_id;

    let err = jobs
        .repair_run(RepairRun {
            rerun_tasks: vec!["nope".into()],
            ..RepairRun::new(failed.run_id)
        })
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter());

    let repaired = fast(jobs.repair_run_and_wait(RepairRun {
        rerun_all_failed_tasks: Some(true),
        ..RepairRun::new(failed.run_id)
    }))
    .await
    .unwrap();
    assert_eq!(result(&repaired), Some(RunResultState::Success));
    assert_eq!(repaired.task("extract").unwrap().run_id, extract_id, "kept");
    assert_ne!(repaired.task("load").unwrap().run_id, load_id, "re-run");
    assert_eq!(
        task_result(&repaired, "report"),
        Some(RunResultState::Success)
    );

    let with_history = jobs
        .get_run(GetRun {
            include_history: Some(true),
            ..GetRun::new(failed.run_id)
        })
        .await
        .unwrap();
    assert_eq!(with_history.repair_history.len(), 2);
    let repair_id = with_history.repair_history[1].id.unwrap();

    // A second repair must name the latest one.
    let err = jobs
        .repair_run(RepairRun {
            rerun_tasks: vec!["report".into()],
            ..RepairRun::new(failed.run_id)
        })
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    let second = jobs
        .repair_run(RepairRun {
            rerun_tasks: vec!["report".into()],
            latest_repair_id: Some(repair_id),
            ..RepairRun::new(failed.run_id)
        })
        .await
        .unwrap();
    // Repairing a run in progress is refused.
    let err = jobs
        .repair_run(RepairRun {
            rerun_tasks: vec!["report".into()],
            latest_repair_id: Some(second),
            ..RepairRun::new(failed.run_id)
        })
        .await
        .unwrap_err();
    assert_eq!(err.error_code().map(|e| e.as_str()), Some("INVALID_STATE"));
    fast(jobs.wait_for_run(failed.run_id)).await.unwrap();
}

#[tokio::test]
async fn timeouts_end_runs_timedout() {
    let (emu, client) = common::start().await;
    let jobs = client.jobs();
    let id = jobs
        .create(JobSettings {
            timeout_seconds: Some(60),
            ..settings(
                "slow",
                vec![nb_with("forever", &[], &[("emulator:hang", "")])],
            )
        })
        .await
        .unwrap();
    let run_id = jobs.run_now(RunNow::new(id)).await.unwrap().run_id;
    let run = jobs.get_run(run_id).await.unwrap();
    assert!(!run.is_terminal());
    emu.clock().advance(Duration::from_secs(61));
    let err = fast(jobs.wait_for_run(run_id)).await.unwrap_err();
    let Error::Wait(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.state(), "TIMEDOUT");
    let run = e.last::<Run>().unwrap();
    assert_eq!(task_result(run, "forever"), Some(RunResultState::Timedout));

    // A task's own timeout, without retry_on_timeout.
    let run_id = jobs
        .submit(SubmitRun {
            tasks: vec![Task {
                timeout_seconds: Some(5),
                ..nb_with("slow_task", &[], &[("emulator:hang", "")])
            }],
            ..Default::default()
        })
        .await
        .unwrap();
    emu.clock().advance(Duration::from_secs(6));
    let run = fast(jobs.wait_for_run_finished(run_id)).await.unwrap();
    assert_eq!(
        task_result(&run, "slow_task"),
        Some(RunResultState::Timedout)
    );
    assert_eq!(result(&run), Some(RunResultState::Failed));
}

#[tokio::test]
async fn idempotency_tokens_return_the_same_run() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let id = create(&jobs, "once", vec![nb("t", &[])]).await;
    let request = RunNow {
        idempotency_token: Some("deploy-2024-06-12".into()),
        ..RunNow::new(id)
    };
    let first = jobs.run_now(request.clone()).await.unwrap();
    let second = jobs.run_now(request.clone()).await.unwrap();
    assert_eq!(first.run_id, second.run_id);
    let runs = jobs
        .list_runs(ListRuns::job(id))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(runs.len(), 1);

    let submit = SubmitRun {
        idempotency_token: Some("backfill-1".into()),
        tasks: vec![nb("t", &[])],
        ..Default::default()
    };
    let a = jobs.submit(submit.clone()).await.unwrap();
    assert_eq!(jobs.submit(submit).await.unwrap(), a);

    // Reusing the token of a deleted run is refused.
    fast(jobs.wait_for_run(first.run_id)).await.unwrap();
    jobs.delete_run(first.run_id).await.unwrap();
    let err = jobs.run_now(request).await.unwrap_err();
    assert_eq!(err.error_code().map(|e| e.as_str()), Some("INVALID_STATE"));
}

#[tokio::test]
async fn concurrency_limits_queue_or_skip_runs() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let queued_job = create(
        &jobs,
        "queued",
        vec![nb_with("t", &[], &[("emulator:steps", "3")])],
    )
    .await;
    let first = jobs.run_now(RunNow::new(queued_job)).await.unwrap().run_id;
    let second = jobs.run_now(RunNow::new(queued_job)).await.unwrap().run_id;
    let waiting = jobs.get_run(second).await.unwrap();
    assert_eq!(waiting.life_cycle_state(), Some(RunLifeCycleState::Queued));
    assert!(waiting.status.unwrap().queue_details.is_some());
    let second_done = fast(jobs.wait_for_run(second)).await.unwrap();
    let first_done = jobs.get_run(first).await.unwrap();
    assert!(second_done.task("t").unwrap().start_time >= first_done.end_time);
    assert!(second_done.queue_duration.unwrap() > 0);

    // Without queueing the second run is skipped.
    let skipping = jobs
        .create(JobSettings {
            queue: Some(QueueSettings::enabled(false)),
            ..settings(
                "skipping",
                vec![nb_with("t", &[], &[("emulator:hang", "")])],
            )
        })
        .await
        .unwrap();
    let running = jobs.run_now(RunNow::new(skipping)).await.unwrap().run_id;
    let err = fast(jobs.run_now_and_wait(RunNow::new(skipping)))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Wait(e) if e.state() == "MAXIMUM_CONCURRENT_RUNS_REACHED"),
        "{err:?}"
    );
    fast(jobs.cancel_run_and_wait(running)).await.unwrap();
}

#[tokio::test]
async fn run_job_and_for_each_tasks() {
    let (_emu, client) = common::start().await;
    let jobs = client.jobs();
    let child = create(&jobs, "child", vec![nb("inner", &[])]).await;
    let inputs: Vec<String> = (0..150).map(|i| format!("\"r{i}\"")).collect();
    let parent = create(
        &jobs,
        "parent",
        vec![
            Task {
                run_job_task: Some(RunJobTask::new(child)),
                ..Task::new("trigger_child")
            },
            Task {
                depends_on: vec![TaskDependency::new("trigger_child")],
                for_each_task: Some(ForEachTask {
                    inputs: format!("[{}]", inputs.join(",")),
                    concurrency: Some(10),
                    task: Box::new(nb("per_region", &[])),
                    ..Default::default()
                }),
                ..Task::new("loop")
            },
        ],
    )
    .await;
    let run = fast(jobs.run_now_and_wait(RunNow::new(parent)))
        .await
        .unwrap();
    let output = jobs
        .get_run_output(run.task("trigger_child").unwrap().run_id)
        .await
        .unwrap();
    let child_run = output.run_job_output.unwrap().run_id.unwrap();
    let child_run = jobs.get_run(child_run).await.unwrap();
    assert_eq!(child_run.job_id, Some(child));
    assert_eq!(result(&child_run), Some(RunResultState::Success));

    // The for-each task run has 150 iterations: 2.2 pages them, the SDK merges.
    let for_each = jobs
        .get_run(run.task("loop").unwrap().run_id)
        .await
        .unwrap();
    assert_eq!(for_each.iterations.len(), 150);
    let stats = for_each.tasks[0]
        .task
        .for_each_task
        .as_ref()
        .unwrap()
        .stats
        .as_ref()
        .unwrap();
    assert_eq!(
        stats.task_run_stats.as_ref().unwrap().succeeded_iterations,
        Some(150)
    );
}

#[tokio::test]
async fn api_2_0_single_task_shape() {
    let (_emu, client) = common::start().await;
    let core = client.core();
    let created: Value = core
        .request(Method::POST, "/api/2.0/jobs/create")
        .json(&json!({
            "name": "legacy job",
            "existing_cluster_id": CLUSTER,
            "notebook_task": { "notebook_path": "/Users/me/legacy",
                               "base_parameters": { "emulator:result": "legacy-ok" } },
            "libraries": [ { "jar": "dbfs:/libs/legacy.jar" } ],
            "max_retries": 1,
            "timeout_seconds": 3600
        }))
        .send()
        .await
        .unwrap();
    let job_id = created["job_id"].as_i64().unwrap();

    // 2.0 presents it in the single-task shape...
    let legacy: Value = core
        .request(Method::GET, "/api/2.0/jobs/get")
        .query("job_id", job_id)
        .send()
        .await
        .unwrap();
    assert_eq!(legacy["settings"]["format"], "SINGLE_TASK");
    assert_eq!(
        legacy["settings"]["notebook_task"]["notebook_path"],
        "/Users/me/legacy"
    );
    assert_eq!(legacy["settings"]["existing_cluster_id"], CLUSTER);
    assert!(legacy["settings"].get("tasks").is_none());

    // ... and the typed 2.2 SDK in the multi-task shape.
    let jobs = client.jobs();
    let job = jobs.get(job_id).await.unwrap();
    assert_eq!(job.settings.tasks.len(), 1);
    assert_eq!(job.settings.tasks[0].task_key, "legacy_job");
    assert_eq!(job.settings.tasks[0].max_retries, Some(1));
    assert_eq!(job.settings.timeout_seconds, Some(3600));

    // 2.0 run-now, then the 2.0 run shape and output on the run itself.
    let started: Value = core
        .request(Method::POST, "/api/2.0/jobs/run-now")
        .json(&json!({ "job_id": job_id }))
        .send()
        .await
        .unwrap();
    let run_id = started["run_id"].as_i64().unwrap();
    fast(jobs.wait_for_run(run_id)).await.unwrap();
    let run: Value = core
        .request(Method::GET, "/api/2.0/jobs/runs/get")
        .query("run_id", run_id)
        .send()
        .await
        .unwrap();
    assert_eq!(
        run["task"]["notebook_task"]["notebook_path"],
        "/Users/me/legacy"
    );
    assert_eq!(run["cluster_spec"]["existing_cluster_id"], CLUSTER);
    assert_eq!(run["state"]["result_state"], "SUCCESS");
    assert!(run.get("tasks").is_none());
    let output: Value = core
        .request(Method::GET, "/api/2.0/jobs/runs/get-output")
        .query("run_id", run_id)
        .send()
        .await
        .unwrap();
    assert_eq!(output["notebook_output"]["result"], "legacy-ok");

    // 2.0 runs/submit in the single-task shape.
    let submitted: Value = core
        .request(Method::POST, "/api/2.0/jobs/runs/submit")
        .json(&json!({
            "run_name": "legacy adhoc",
            "existing_cluster_id": CLUSTER,
            "spark_python_task": { "python_file": "dbfs:/x.py", "parameters": ["emulator:logs=hello"] }
        }))
        .send()
        .await
        .unwrap();
    let adhoc = submitted["run_id"].as_i64().unwrap();
    fast(jobs.wait_for_run(adhoc)).await.unwrap();
    let output: Value = core
        .request(Method::GET, "/api/2.0/jobs/runs/get-output")
        .query("run_id", adhoc)
        .send()
        .await
        .unwrap();
    assert_eq!(output["logs"], "hello");

    // 2.0 lists page by offset/limit/has_more.
    let page: Value = core
        .request(Method::GET, "/api/2.0/jobs/runs/list")
        .query("limit", 1)
        .query("offset", 0)
        .send()
        .await
        .unwrap();
    assert_eq!(page["runs"].as_array().unwrap().len(), 1);
    assert_eq!(page["has_more"], true);
    let all: Value = core
        .request(Method::GET, "/api/2.0/jobs/list")
        .send()
        .await
        .unwrap();
    assert_eq!(all["jobs"].as_array().unwrap().len(), 1);

    // 2.1 refuses the single-task shape.
    let err = core
        .request(Method::POST, "/api/2.1/jobs/create")
        .json(&json!({ "name": "x", "notebook_task": { "notebook_path": "/x" } }))
        .send::<Value>()
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
}

#[tokio::test]
async fn service_side_validation_and_missing_objects() {
    let (_emu, client) = common::start().await;
    let core = client.core();
    // A cycle sent raw (bypassing the SDK's own validation) is refused by the emulator too.
    let err = core
        .request(Method::POST, "/api/2.2/jobs/create")
        .json(&json!({ "name": "cyclic", "tasks": [
            { "task_key": "a", "depends_on": [{ "task_key": "b" }], "notebook_task": { "notebook_path": "/a" } },
            { "task_key": "b", "depends_on": [{ "task_key": "a" }], "notebook_task": { "notebook_path": "/b" } } ] }))
        .send::<Value>()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("cycle"), "{err}");
    let jobs = client.jobs();
    assert!(jobs.get_run(123).await.unwrap_err().is_not_found());
    assert!(
        jobs.run_now(RunNow::new(42))
            .await
            .unwrap_err()
            .is_invalid_parameter()
    );

    // Parameters of a run: job parameter defaults and overrides.
    let id = jobs
        .create(JobSettings {
            parameters: vec![JobParameterDefinition::new("env", "prod")],
            ..settings("params", vec![nb("t", &[])])
        })
        .await
        .unwrap();
    let run = fast(jobs.run_now_and_wait(RunNow {
        job_parameters: BTreeMap::from([("env".to_string(), "staging".to_string())]),
        ..RunNow::new(id)
    }))
    .await
    .unwrap();
    assert_eq!(run.job_parameters[0].value.as_deref(), Some("staging"));
    assert_eq!(run.job_parameters[0].default.as_deref(), Some("prod"));
}

#[tokio::test]
async fn the_saved_jobs_quota_refuses_one_more_and_frees_on_delete() {
    let emulator = databricks_emulator::Emulator::builder()
        .max_jobs(3)
        .start()
        .await
        .unwrap();
    let client = common::client_with_token(&emulator, &emulator.token());
    let jobs = client.jobs();
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(create(&jobs, &format!("q{i}"), vec![nb("t", &[])]).await);
    }
    let err = jobs
        .create(settings("one too many", vec![nb("t", &[])]))
        .await
        .unwrap_err();
    assert_eq!(
        err.error_code(),
        Some(&databricks::ErrorCode::QuotaExceeded),
        "{err}"
    );
    assert!(err.to_string().contains("limit of 3 jobs"), "{err}");
    // Nothing half-created: still three jobs; deleting one makes room for one.
    assert_eq!(
        jobs.list(ListJobs::default())
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        3
    );
    jobs.delete(ids[0]).await.unwrap();
    create(&jobs, "fits again", vec![nb("t", &[])]).await;
    assert!(
        jobs.create(settings("full again", vec![nb("t", &[])]))
            .await
            .is_err()
    );
    assert_eq!(databricks_emulator::DEFAULT_MAX_JOBS, 12_000);
}

#[tokio::test]
async fn a_file_arrival_trigger_runs_the_job_when_files_land_in_a_volume() {
    use databricks::jobs::{FileArrivalTriggerConfiguration, TriggerSettings, TriggerType};
    let (emu, client) = common::start().await;
    let jobs = client.jobs();
    let landing = "/Volumes/main/raw/landing/";
    let id = jobs
        .create(JobSettings {
            trigger: Some(TriggerSettings {
                file_arrival: Some(FileArrivalTriggerConfiguration {
                    url: landing.into(),
                    min_time_between_triggers_seconds: Some(60),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..settings("ingest", vec![nb("load", &[])])
        })
        .await
        .unwrap();
    let runs = || async {
        jobs.list_runs(ListRuns::job(id))
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
    };
    emu.clock().advance(Duration::from_secs(180));
    assert!(runs().await.is_empty(), "no files yet");

    client
        .files()
        .upload(
            &format!("{landing}orders/1.csv"),
            b"id\n1\n".to_vec(),
            false,
        )
        .await
        .unwrap();
    emu.clock().advance(Duration::from_secs(61));
    let listed = runs().await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].trigger, Some(TriggerType::FileArrival));
    let run = fast(jobs.wait_for_run(listed[0].run_id)).await.unwrap();
    assert_eq!(result(&run), Some(RunResultState::Success));
}
