//! # databricks-jobs
//!
//! The Databricks [Jobs API](https://docs.databricks.com/api/workspace/jobs) for the
//! databricks-rs SDK: jobs, runs, their outputs, waiters for runs and job permissions, through
//! [`JobsApi`]. It calls `/api/2.2/jobs/...` like the official SDKs
//! ([`JobsApi::with_api_version`] switches to 2.1).
//!
//! [`JobsApi`] wraps a [`databricks_core::Client`], which provides authentication, retries and
//! typed errors. Most users reach it through the umbrella crate (`databricks::Client::jobs()`,
//! feature `jobs`); this crate is for minimal dependency trees.
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use std::time::Duration;
//! use databricks_core::{Client, Error};
//! use databricks_jobs::{
//!     JobCluster, JobSettings, JobsApi, ListRuns, Run, RunNow, SparkPythonTask, Task,
//!     TaskDependency,
//! };
//!
//! let jobs = JobsApi::new(Client::from_env()?);
//!
//! let job_id = jobs
//!     .create(JobSettings {
//!         name: Some("nightly-etl".into()),
//!         max_concurrent_runs: Some(1),
//!         tasks: vec![
//!             Task {
//!                 existing_cluster_id: Some("0612-083412-z9a1b2c3".into()),
//!                 ..Task::notebook("ingest", "/Repos/etl/ingest")
//!             },
//!             Task {
//!                 depends_on: vec![TaskDependency::new("ingest")],
//!                 existing_cluster_id: Some("0612-083412-z9a1b2c3".into()),
//!                 spark_python_task: Some(SparkPythonTask::new("dbfs:/jobs/aggregate.py")),
//!                 ..Task::new("aggregate")
//!             },
//!         ],
//!         ..Default::default()
//!     })
//!     .await?;
//!
//! match jobs
//!     .run_now_and_wait(RunNow::new(job_id))
//!     .timeout(Duration::from_secs(3600))
//!     .await
//! {
//!     Ok(run) => println!("run {} succeeded", run.run_id),
//!     Err(Error::Wait(failed)) => {
//!         let run = failed.last::<Run>().expect("the failed run");
//!         for task in &run.tasks {
//!             println!("{}: {:?} {}", task.task_key(), task.result_state(), task.state_message());
//!         }
//!     }
//!     Err(other) => return Err(other),
//! }
//!
//! for run in jobs.list_runs(ListRuns::job(job_id)).limit(10).collect_all().await? {
//!     println!("{} {:?}", run.run_id, run.life_cycle_state());
//! }
//! # let _ = JobCluster::default();
//! # Ok(()) }
//! ```
//!
//! ## Endpoints
//!
//! | method | endpoint |
//! |---|---|
//! | [`create`](JobsApi::create) | `POST /jobs/create` |
//! | [`list`](JobsApi::list) | `GET /jobs/list` (a [`Paginator`](databricks_core::Paginator)) |
//! | [`get`](JobsApi::get) | `GET /jobs/get` (2.2 pages merged) |
//! | [`reset`](JobsApi::reset) | `POST /jobs/reset` |
//! | [`update`](JobsApi::update) | `POST /jobs/update` |
//! | [`delete`](JobsApi::delete) | `POST /jobs/delete` |
//! | [`run_now`](JobsApi::run_now) | `POST /jobs/run-now` |
//! | [`submit`](JobsApi::submit) | `POST /jobs/runs/submit` |
//! | [`list_runs`](JobsApi::list_runs) | `GET /jobs/runs/list` (a paginator) |
//! | [`get_run`](JobsApi::get_run) | `GET /jobs/runs/get` (2.2 pages merged) |
//! | [`get_run_output`](JobsApi::get_run_output) | `GET /jobs/runs/get-output` |
//! | [`cancel_run`](JobsApi::cancel_run) | `POST /jobs/runs/cancel` |
//! | [`cancel_all_runs`](JobsApi::cancel_all_runs) | `POST /jobs/runs/cancel-all` |
//! | [`delete_run`](JobsApi::delete_run) | `POST /jobs/runs/delete` |
//! | [`export_run`](JobsApi::export_run) | `GET /jobs/runs/export` |
//! | [`repair_run`](JobsApi::repair_run) | `POST /jobs/runs/repair` |
//! | [`get_permissions`](JobsApi::get_permissions), [`set_permissions`](JobsApi::set_permissions), [`update_permissions`](JobsApi::update_permissions), [`get_permission_levels`](JobsApi::get_permission_levels) | `/api/2.0/permissions/jobs/{job_id}` |
//!
//! ## Waiters
//!
//! [`wait_for_run`](JobsApi::wait_for_run), [`run_now_and_wait`](JobsApi::run_now_and_wait),
//! [`submit_and_wait`](JobsApi::submit_and_wait),
//! [`repair_run_and_wait`](JobsApi::repair_run_and_wait) poll `runs/get` until the run is
//! terminal; a run ending `FAILED`, `TIMEDOUT`, `CANCELED` (or another failed result, or
//! `INTERNAL_ERROR`) is an [`Error::Wait`](databricks_core::Error::Wait) carrying the [`Run`]
//! and its state message. [`wait_for_run_finished`](JobsApi::wait_for_run_finished) and
//! [`cancel_run_and_wait`](JobsApi::cancel_run_and_wait) return the finished run whatever its
//! result.
//!
//! ## Validation
//!
//! Before anything is sent, the methods reject with
//! [`Error::InvalidInput`](databricks_core::Error::InvalidInput), naming the JSON field (e.g.
//! `tasks[2].depends_on[0].task_key`): duplicate or malformed task keys, `depends_on` naming a
//! task that is not in the job, dependency cycles, several task types in one task,
//! `job_cluster_key`/`environment_key` not defined by the job, `job_cluster_key` in one-time
//! runs, and the documented limits (see the `MAX_*` constants).
//!
//! ## Forward compatibility
//!
//! [`JobSettings`], [`Task`] and everything in them keep fields this version does not know in
//! an `extra` map, so [`get`](JobsApi::get), change, [`reset`](JobsApi::reset) never drops a
//! setting. Every enum keeps unknown values in `Unrecognized(String)`.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod model;
mod validate;

pub use api::{JobsApi, JobsApiVersion};
pub use model::*;
pub use validate::{
    MAX_CONCURRENT_RUNS, MAX_DESCRIPTION_CHARS, MAX_IDEMPOTENCY_TOKEN_LEN, MAX_LIST_JOBS_LIMIT,
    MAX_LIST_RUNS_LIMIT, MAX_NAME_BYTES, MAX_PARAMS_JSON_BYTES, MAX_TAGS, MAX_TASK_KEY_LEN,
    MAX_TASKS, MAX_WEBHOOKS_PER_EVENT,
};
