//! Jobs API (`/api/2.0/jobs/*`, `/api/2.1/jobs/*`, `/api/2.2/jobs/*`, all 16 endpoints) and job
//! permissions (`/api/2.0/permissions/jobs/{job_id}`), after `shared/api/jobs.md`.
//!
//! # Versions
//!
//! - 2.1 and 2.2 take and return the multi-task shape (`tasks`, `job_clusters`). 2.2 pages the
//!   arrays of `jobs/get` (`tasks`, `job_clusters`, `parameters`, `environments`) and
//!   `runs/get` (`tasks`, `job_clusters`, `job_parameters`, `repair_history`, `iterations`) by
//!   100 with `next_page_token`, and truncates them in `list` with `expand_tasks` (item
//!   `has_more`); 2.1 refuses to read a job or run with more than 100 tasks. Jobs created
//!   through 2.2 queue by default (`queue.enabled` set to `true` when absent).
//! - 2.0 also accepts the single-task shape (task fields such as `notebook_task`,
//!   `existing_cluster_id`, `libraries`, `max_retries` at the top level of the settings or of
//!   `runs/submit`); such jobs and runs are presented in it by 2.0 (`format: SINGLE_TASK`,
//!   runs with a `task` and `cluster_spec`, `runs/get-output` on the run itself) and in the
//!   multi-task shape by 2.1 and 2.2, where the task's key is the job's name with characters
//!   other than letters, digits, `_` and `-` replaced by `_` (`Untitled` when unnamed).
//!   2.1 and 2.2 refuse the single-task shape.
//!
//! # Lists
//!
//! `jobs/list` (by job id, ascending) and `runs/list` (newest first, by run id) page with
//! opaque `page_token`s (`next_page_token`, `prev_page_token`, `has_more`) in 2.1 and 2.2,
//! and with `offset`/`limit`/`has_more` in 2.0 (a 2.0 `jobs/list` without either returns
//! every job). The tokens name the last item seen, so jobs and runs created while a client
//! pages are never listed twice. `limit`: 1..=100 (default 20) for jobs, 1..=25 (default
//! 20, 0 = 25) for runs in 2.1/2.2, 1..=1000 for runs in 2.0; beyond that 400
//! `INVALID_PARAMETER_VALUE`.
//!
//! # Runs
//!
//! Ids grow: job ids and run ids (task runs and repairs included) are 15-digit integers,
//! each larger than the last. A run is `QUEUED` while its job has `max_concurrent_runs`
//! active runs and queueing is on (without queueing it ends at once `SKIPPED` with
//! `MAXIMUM_CONCURRENT_RUNS_REACHED`; `max_concurrent_runs: 0` skips every run), then
//! `PENDING` for one lifecycle step, `RUNNING` while its tasks execute, `TERMINATING` for
//! one step and `TERMINATED`. Each task run has its own `run_id` and goes `BLOCKED` until its
//! dependencies are done, then (per its `run_if`, and the `outcome` of condition tasks it
//! depends on) `PENDING`, `RUNNING` and `TERMINATING` for a step each, or ends `SKIPPED` as
//! `UPSTREAM_FAILED`, `UPSTREAM_CANCELED`, `EXCLUDED` or `DISABLED`. Failed tasks are retried
//! (`max_retries`, `min_retry_interval_millis`, `retry_on_timeout`; each attempt a new run id,
//! `WAITING_FOR_RETRY` between). The run's result: `SUCCESS`; `SUCCESS_WITH_FAILURES` when
//! tasks failed but every leaf task succeeded; `FAILED` (with the first failed task's message);
//! `TIMEDOUT` after the run's `timeout_seconds` (a task's own `timeout_seconds` times out that
//! task); `CANCELED` after `runs/cancel` or `runs/cancel-all`, which are asynchronous (the run
//! goes through `TERMINATING`). Condition tasks compare their operands (`{{job.parameters.X}}`
//! is resolved); `run_job` tasks start a run of the other job and end with it; for-each tasks
//! run one iteration per input (`iterations` of the for-each task run). `runs/repair` re-runs
//! the chosen tasks of a finished run with new task run ids, keeping the others' results, and
//! records the repair history; `latest_repair_id` must name the latest repair.
//! `idempotency_token` (run-now, submit) returns the run it first started; if that run was
//! deleted, 400 `INVALID_STATE`. At most 2000 task runs are active in the workspace (more:
//! 429 `REQUEST_LIMIT_EXCEEDED`) and at most 12,000 jobs are saved (more: 400 `QUOTA_EXCEEDED`;
//! `EmulatorBuilder::max_jobs` changes the limit).
//!
//! `runs/get-output` answers for a task run: the notebook's exit value (`notebook_output`),
//! logs of Python, JAR and wheel tasks, `error`/`error_trace` of a failed task,
//! `run_job_output`, and `metadata`; for a job run with tasks it answers 400
//! `INVALID_PARAMETER_VALUE` (except 2.0 single-task runs). `runs/export` exports notebook
//! task runs.
//!
//! # Triggers
//!
//! A job has at most one of `schedule`, `continuous` and `trigger` (`triggers`, the preview
//! list, combines with none of them); `pause_status` defaults to `UNPAUSED`.
//! `schedule.quartz_cron_expression` is checked with Quartz's rules (6 or 7 fields, `* ? - , /`,
//! names, `L`, `W`, `LW`, `#`, `?` in exactly one of day-of-month and day-of-week) and
//! `timezone_id` must be a Java time-zone id (tz database names, Java's three-letter ids,
//! `GMT+hh:mm`); `trigger` takes one kind (`periodic` needs `interval` >= 1 and a `unit`,
//! `file_arrival` a `url`, `table_update` `table_names`; their `min_time_between_triggers_seconds`
//! and `wait_after_last_change_seconds` are >= 60). Violations: 400 `INVALID_PARAMETER_VALUE`.
//!
//! Unpaused triggers start runs on the lifecycle clock, as part of the same lazy replay as run
//! transitions (every jobs request catches up to now): a schedule at each fire time in its
//! zone (trigger `PERIODIC`, the run carries the `schedule`; at least 10 s apart; daylight
//! saving gaps fire at the first time after the gap, folds once), a periodic trigger every
//! `interval` from when it was set (trigger `PERIODIC`), a continuous job whenever it has no
//! active run, at the moment the last one ended (trigger `CONTINUOUS`). Only fire times after
//! the trigger was set, changed or resumed count; paused triggers start nothing (active runs go
//! on). Each trigger starts at most one run per catch-up: when the clock jumped over several
//! fire times, the run starts at the latest and the others are skipped, as the service does
//! after an outage; a continuous job that restarted once in a catch-up starts its next run at
//! the catch-up's time. Scheduled runs obey `max_concurrent_runs` and queueing like manual
//! ones (skipped, or queued when `queue.enabled`). A `file_arrival` trigger on a volume path
//! (`/Volumes/<catalog>/<schema>/<volume>/...`, recursively) looks for files written or
//! rewritten through the Files API every minute from when it was set, and starts a run
//! (trigger `FILE_ARRIVAL`) at the first look that finds new ones, no sooner than
//! `min_time_between_triggers_seconds` after its last run and, with
//! `wait_after_last_change_seconds`, only once no file changed for that long; files that
//! arrive later start later runs, even within one catch-up. On cloud URLs (`s3://`, ...; there
//! is no external storage) it never fires. `table_update` and the other event triggers never
//! fire (the emulator has no tables), nor do continuous jobs with `max_concurrent_runs: 0`;
//! continuous jobs restart without the service's backoff after failures. `jobs/get` with
//! `include_trigger_state` shows `trigger_state.pause_status` (and
//! `file_arrival.using_file_events: false` for file arrival triggers).
//!
//! # Failure injection
//!
//! Parameters named `emulator:*` steer a task run. They are read from the task's own
//! parameters (`notebook_task.base_parameters`, `python_wheel_task.named_parameters`,
//! `sql_task.parameters`, `pipeline_task.parameters`, and `emulator:KEY=VALUE` arguments in
//! `parameters` of Python, JAR, spark-submit and wheel tasks), from the run's `job_parameters`
//! (all tasks), and from `notebook_params`, `python_named_params`, `sql_params`,
//! `python_params`, `jar_params`, `spark_submit_params` of `run-now` and `repair`:
//!
//! | parameter | effect |
//! |---|---|
//! | `emulator:fail` = message | the task ends `FAILED` with this state message |
//! | `emulator:fail-times` = N | only the first N executions fail (retries and repairs count) |
//! | `emulator:hang` | the task stays `RUNNING` until cancelled or timed out |
//! | `emulator:steps` = N | the task stays `RUNNING` N lifecycle steps (default 1) |
//! | `emulator:internal-error` = message | the task (and the run) end `INTERNAL_ERROR` |
//! | `emulator:result` = text | the notebook's exit value in `runs/get-output` |
//! | `emulator:logs` = text | the logs in `runs/get-output` |
//! | `emulator:fail-input` = value | for-each iterations with this input fail |
//!
//! # Permissions
//!
//! `CAN_VIEW` reads a job and its runs, `CAN_MANAGE_RUN` runs, cancels and repairs, `CAN_MANAGE`
//! changes and deletes the job and its permissions; the creator is `IS_OWNER` (exactly one
//! owner; granting `IS_OWNER` moves it). Admins can do everything. `jobs/list` only shows jobs
//! the caller can view; one-time runs are visible to their creator and admins.

mod cron;
mod handlers;
mod model;
mod paging;
mod render;
mod run_handlers;
mod runs;
mod settings;
mod sim;
mod triggers;

use axum::Router;
use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::routing::{get, post};
use http::StatusCode;
use serde_json::{Map, Value};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::permissions::Grantee;
use crate::request::{Ctx, read_body};
use crate::state::State;
use crate::workspace::AppState;

pub(crate) use model::JobsState;
use model::{Job, Run};

/// Permission levels on a job, lowest first.
pub(crate) const LEVELS: [&str; 4] = ["CAN_VIEW", "CAN_MANAGE_RUN", "CAN_MANAGE", "IS_OWNER"];
/// Read the job and its runs.
pub(crate) const CAN_VIEW: &str = "CAN_VIEW";
/// Run, cancel and repair.
pub(crate) const CAN_MANAGE_RUN: &str = "CAN_MANAGE_RUN";
/// Change, delete, set permissions.
pub(crate) const CAN_MANAGE: &str = "CAN_MANAGE";
/// The owner.
pub(crate) const IS_OWNER: &str = "IS_OWNER";
/// Most active task runs in a workspace.
pub(crate) const MAX_ACTIVE_TASK_RUNS: usize = 2000;
/// Elements per page of the array properties of 2.2 `get` and `runs/get`.
pub(crate) const ARRAY_PAGE: usize = 100;

/// The API version of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    /// `/api/2.0/jobs`.
    V2_0,
    /// `/api/2.1/jobs`.
    V2_1,
    /// `/api/2.2/jobs`.
    V2_2,
}

impl Version {
    fn as_str(self) -> &'static str {
        match self {
            Self::V2_0 => "2.0",
            Self::V2_1 => "2.1",
            Self::V2_2 => "2.2",
        }
    }
}

/// 400 `INVALID_PARAMETER_VALUE` "Job ... does not exist." (SDKs remap it for `jobs/get`).
pub(crate) fn no_such_job(id: i64) -> ApiError {
    ApiError::invalid_parameter_value(format!("Job {id} does not exist."))
}

/// 400 `INVALID_PARAMETER_VALUE` "Run ... does not exist." (SDKs remap it for `runs/get`).
pub(crate) fn no_such_run(id: i64) -> ApiError {
    ApiError::invalid_parameter_value(format!("Run {id} does not exist."))
}

/// 400 `INVALID_STATE`.
pub(crate) fn invalid_state(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "INVALID_STATE", message)
}

/// The caller's level on a job (index into [`LEVELS`]); admins count as owners.
pub(crate) fn level_of(job: &Job, caller: &Caller) -> Option<usize> {
    if caller.is_admin() {
        return Some(LEVELS.len() - 1);
    }
    job.grants
        .iter()
        .filter(|g| g.grantee.applies_to(caller))
        .filter_map(|g| LEVELS.iter().position(|l| *l == g.level))
        .max()
}

/// Fails with 403 `PERMISSION_DENIED` unless the caller has at least `needed` on the job.
pub(crate) fn require(job: &Job, caller: &Caller, needed: &str) -> ApiResult<()> {
    let rank = LEVELS.iter().position(|l| *l == needed).unwrap_or(0);
    if level_of(job, caller).is_some_and(|l| l >= rank) {
        Ok(())
    } else {
        Err(ApiError::permission_denied(format!(
            "User {} does not have {needed} permission on job {}.",
            caller.user_name(),
            job.job_id
        )))
    }
}

/// Fails with 403 unless the caller has `needed` on the run's job (one-time runs: their
/// creator or an admin).
pub(crate) fn require_run(
    state: &State,
    run: &Run,
    caller: &Caller,
    needed: &str,
) -> ApiResult<()> {
    match run.job_id.and_then(|id| state.jobs.jobs.get(&id)) {
        Some(job) => require(job, caller, needed),
        None if caller.is_admin() || run.creator == caller.user_name() => Ok(()),
        None => Err(ApiError::permission_denied(format!(
            "User {} does not have {needed} permission on run {}.",
            caller.user_name(),
            run.run_id
        ))),
    }
}

/// The owner of a job, as a user or service principal name.
pub(crate) fn owner_of(job: &Job) -> Option<&str> {
    job.grants
        .iter()
        .find(|g| g.level == IS_OWNER)
        .map(|g| match &g.grantee {
            Grantee::User(n) | Grantee::Group(n) | Grantee::ServicePrincipal(n) => n.as_str(),
        })
}

/// A [`Ctx`] plus the JSON body as an object, unknown fields included (settings keep what
/// the emulator does not model).
pub(crate) struct BodyCtx {
    /// The usual context.
    pub(crate) ctx: Ctx,
    /// The body as sent (`{}` when empty).
    pub(crate) body: Map<String, Value>,
}

impl FromRequest<AppState> for BodyCtx {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let bytes = read_body(&parts.headers, body, state.config.max_body_bytes).await?;
        let req = Request::from_parts(parts, Body::from(bytes.clone()));
        let ctx = Ctx::from_request(req, state).await?;
        let body = match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        Ok(Self { ctx, body })
    }
}

/// The clock's now and lifecycle step, in ms.
pub(crate) fn now_and_step(ctx: &Ctx) -> (i64, i64) {
    let step = i64::try_from(ctx.ws.clock.step().as_millis()).unwrap_or(i64::MAX);
    (ctx.ws.clock.now_ms(), step)
}

/// Runs `f` on the state after replaying the run simulation up to now.
pub(crate) fn with_state<T>(
    ctx: &Ctx,
    f: impl FnOnce(&mut State, i64) -> ApiResult<T>,
) -> ApiResult<T> {
    let (now, step) = now_and_step(ctx);
    ctx.ws.update(|s| {
        sim::tick(&mut s.jobs, &mut s.rng, now, step, &s.files);
        crate::clusters::start_for_jobs(s, &ctx.ws.clock);
        f(s, now)
    })
}

/// Like [`with_state`] for handlers that only read: the state counts as changed (and is
/// persisted) only when the run simulation moved, so reads do not rewrite the state file.
pub(crate) fn with_state_read<T>(
    ctx: &Ctx,
    f: impl FnOnce(&State, i64) -> ApiResult<T>,
) -> ApiResult<T> {
    let (now, step) = now_and_step(ctx);
    ctx.ws.update_tracked(|s| {
        let moved = sim::tick(&mut s.jobs, &mut s.rng, now, step, &s.files)
            | crate::clusters::start_for_jobs(s, &ctx.ws.clock);
        (f(s, now), moved)
    })
}

/// Routes of the Jobs API (2.0, 2.1, 2.2) and the job permissions endpoints.
pub(crate) fn routes() -> Router<AppState> {
    use handlers as h;
    use run_handlers as r;
    let mut router = Router::new();
    for v in [Version::V2_0, Version::V2_1, Version::V2_2] {
        let p = |name: &str| format!("/api/{}/jobs/{name}", v.as_str());
        router = router
            .route(&p("create"), post(move |b: BodyCtx| h::create(b, v)))
            .route(&p("list"), get(move |c: Ctx| h::list(c, v)))
            .route(&p("get"), get(move |c: Ctx| h::get(c, v)))
            .route(&p("reset"), post(move |b: BodyCtx| h::reset(b, v)))
            .route(&p("update"), post(move |b: BodyCtx| h::update(b, v)))
            .route(&p("delete"), post(h::delete))
            .route(&p("run-now"), post(move |b: BodyCtx| r::run_now(b, v)))
            .route(&p("runs/submit"), post(move |b: BodyCtx| r::submit(b, v)))
            .route(&p("runs/list"), get(move |c: Ctx| r::list(c, v)))
            .route(&p("runs/get"), get(move |c: Ctx| r::get(c, v)))
            .route(
                &p("runs/get-output"),
                get(move |c: Ctx| r::get_output(c, v)),
            )
            .route(&p("runs/export"), get(move |c: Ctx| r::export(c, v)))
            .route(&p("runs/cancel"), post(r::cancel))
            .route(&p("runs/cancel-all"), post(r::cancel_all))
            .route(&p("runs/delete"), post(r::delete))
            .route(&p("runs/repair"), post(move |b: BodyCtx| r::repair(b, v)));
    }
    router
        .route(
            "/api/2.0/permissions/jobs/{job_id}",
            get(h::get_permissions)
                .put(h::set_permissions)
                .patch(h::update_permissions),
        )
        .route(
            "/api/2.0/permissions/jobs/{job_id}/permissionLevels",
            get(h::permission_levels),
        )
}
