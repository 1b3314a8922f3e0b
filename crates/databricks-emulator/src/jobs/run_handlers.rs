//! Handlers of the run endpoints (`run-now`, `runs/*`).

use std::collections::{BTreeMap, BTreeSet};

use http::StatusCode;
use serde_json::{Map, Value, json};

use super::handlers::list_limits;
use super::model::{JobsState, Run};
use super::paging;
use super::render::{self, Links, RunView};
use super::runs::{self, Found, Trigger};
use super::settings;
use super::sim::{self, NewRun, RunParams};
use super::{
    BodyCtx, CAN_MANAGE_RUN, CAN_VIEW, MAX_ACTIVE_TASK_RUNS, Version, invalid_state, no_such_job,
    no_such_run, require, require_run, with_state, with_state_read,
};
use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::request::{Ctx, Params};
use crate::state::State;

/// Longest idempotency token.
const MAX_TOKEN_LEN: usize = 64;
/// Largest JSON of each legacy parameter list or map.
const MAX_PARAMS_BYTES: usize = 10_000;
/// The legacy parameters of run-now and repair.
const LEGACY_PARAMS: [&str; 8] = [
    "notebook_params",
    "python_params",
    "jar_params",
    "spark_submit_params",
    "python_named_params",
    "sql_params",
    "dbt_commands",
    "pipeline_params",
];

fn run_id(params: &Params) -> ApiResult<i64> {
    params
        .i64_opt("run_id")?
        .ok_or_else(|| ApiError::missing_field("run_id"))
}

fn links(ctx: &Ctx, s: &State) -> (String, i64) {
    (ctx.ws.url(), s.workspace_id)
}

/// `job_parameters` as a string map.
fn job_parameters(body: &Map<String, Value>) -> ApiResult<BTreeMap<String, String>> {
    match body.get("job_parameters") {
        None | Some(Value::Null) => Ok(BTreeMap::new()),
        Some(Value::Object(m)) => m
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => Ok((k.clone(), s.clone())),
                other => Ok((k.clone(), other.to_string())),
            })
            .collect(),
        Some(_) => Err(ApiError::malformed_request(
            "Could not parse request object: expected an object for field 'job_parameters'",
        )),
    }
}

/// The legacy parameters of a request, checked: not `notebook_params` with `jar_params`, at
/// most 10,000 bytes each, Python and spark-submit arguments in ASCII.
fn legacy_params(body: &Map<String, Value>) -> ApiResult<Map<String, Value>> {
    let mut out = Map::new();
    for key in LEGACY_PARAMS {
        if let Some(v) = body.get(key).filter(|v| !v.is_null()) {
            out.insert(key.into(), v.clone());
        }
    }
    if out.contains_key("notebook_params") && out.contains_key("jar_params") {
        return Err(ApiError::invalid_parameter_value(
            "notebook_params and jar_params cannot be used together.",
        ));
    }
    for key in [
        "notebook_params",
        "jar_params",
        "python_params",
        "spark_submit_params",
    ] {
        if let Some(v) = out.get(key) {
            if v.to_string().len() > MAX_PARAMS_BYTES {
                return Err(ApiError::invalid_parameter_value(format!(
                    "The JSON of {key} must be at most {MAX_PARAMS_BYTES} bytes."
                )));
            }
        }
    }
    for key in ["python_params", "spark_submit_params"] {
        if out
            .get(key)
            .is_some_and(|v| !sim::string_list(Some(v)).iter().all(|s| s.is_ascii()))
        {
            return Err(ApiError::invalid_parameter_value(format!(
                "{key} must contain only ASCII characters."
            )));
        }
    }
    Ok(out)
}

fn idempotency_token(params: &Params) -> ApiResult<Option<String>> {
    let token = params.str_opt("idempotency_token")?;
    if token
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_TOKEN_LEN)
    {
        return Err(ApiError::invalid_parameter_value(format!(
            "idempotency_token must be at most {MAX_TOKEN_LEN} characters."
        )));
    }
    Ok(token)
}

/// The run an idempotency token already started, or 400 `INVALID_STATE` if it was deleted.
fn existing_run(jobs: &JobsState, token: Option<&str>) -> ApiResult<Option<i64>> {
    let Some(token) = token else { return Ok(None) };
    match jobs.tokens.get(token) {
        None => Ok(None),
        Some(id) if jobs.runs.contains_key(id) => Ok(Some(*id)),
        Some(id) => Err(invalid_state(format!(
            "The run {id} started with idempotency token {token} was deleted."
        ))),
    }
}

fn check_capacity(jobs: &JobsState, new_tasks: usize) -> ApiResult<()> {
    if runs::active_task_runs(jobs) + new_tasks > MAX_ACTIVE_TASK_RUNS {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "REQUEST_LIMIT_EXCEEDED",
            format!(
                "The workspace has reached its limit of {MAX_ACTIVE_TASK_RUNS} concurrently \
                 running tasks."
            ),
        ));
    }
    Ok(())
}

/// `POST /jobs/run-now`.
pub(super) async fn run_now(b: BodyCtx, _v: Version) -> ApiResult {
    let BodyCtx { ctx, body } = b;
    let p = &ctx.params;
    let id = p
        .i64_opt("job_id")?
        .ok_or_else(|| ApiError::missing_field("job_id"))?;
    let token = idempotency_token(p)?;
    let overrides = job_parameters(&body)?;
    let overriding = legacy_params(&body)?;
    let only = p.str_list_opt("only")?.unwrap_or_default();
    let queue = body
        .get("queue")
        .and_then(|q| q.get("enabled"))
        .and_then(Value::as_bool);
    let creator = ctx.caller.user_name().to_owned();
    let run_id = with_state(&ctx, |s, now| {
        let job = s.jobs.jobs.get(&id).ok_or_else(|| no_such_job(id))?;
        require(job, &ctx.caller, CAN_MANAGE_RUN)?;
        if let Some(existing) = existing_run(&s.jobs, token.as_deref())? {
            return Ok(existing);
        }
        let tasks = job
            .settings
            .get("tasks")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        check_capacity(&s.jobs, tasks)?;
        let trigger = Trigger::OneTime {
            creator,
            job_parameters: overrides,
            overriding,
            only,
            queue,
            token: token.clone(),
        };
        let run_id = runs::start_job_run(&mut s.jobs, &mut s.rng, id, trigger, now)
            .map_err(ApiError::invalid_parameter_value)?;
        if let Some(token) = token {
            s.jobs.tokens.insert(token, run_id);
        }
        Ok(run_id)
    })?;
    Ok(json_ok(
        json!({ "run_id": run_id, "number_in_job": run_id }),
    ))
}

/// `POST /jobs/runs/submit`.
pub(super) async fn submit(b: BodyCtx, v: Version) -> ApiResult {
    let BodyCtx { ctx, mut body } = b;
    let token = idempotency_token(&ctx.params)?;
    let single = settings::is_single_task(&body);
    if single {
        if v != Version::V2_0 {
            return Err(ApiError::invalid_parameter_value(
                "Task settings at the top level of runs/submit are the API 2.0 single-task \
                 format; use `tasks`.",
            ));
        }
        settings::lift_single_task(&mut body, "run_name");
    }
    let tasks: Vec<Value> = match body.get("tasks") {
        Some(Value::Array(t)) => t.clone(),
        None | Some(Value::Null) => Vec::new(),
        Some(_) => {
            return Err(ApiError::malformed_request(
                "Could not parse request object: expected an array for field 'tasks'",
            ));
        }
    };
    if tasks.is_empty() {
        return Err(ApiError::invalid_parameter_value(
            "A one-time run needs at least one task.",
        ));
    }
    let env_keys: BTreeSet<String> = body
        .get("environments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("environment_key")?.as_str().map(str::to_owned))
        .collect();
    settings::validate_tasks(&tasks, None, Some(&env_keys))?;
    let timeout = ctx.params.i64_opt("timeout_seconds")?.unwrap_or(0);
    if timeout < 0 {
        return Err(ApiError::invalid_parameter_value(
            "timeout_seconds must not be negative.",
        ));
    }
    let run_name = ctx
        .params
        .str_opt("run_name")?
        .unwrap_or_else(|| "Untitled".to_owned());
    let new = NewRun {
        job_id: None,
        run_type: "SUBMIT_RUN",
        run_name,
        creator: ctx.caller.user_name().to_owned(),
        trigger: "ONE_TIME",
        schedule: None,
        parent_task_run: None,
        single_task: single,
        tasks: tasks
            .iter()
            .filter_map(|t| t.as_object().cloned())
            .collect(),
        job_clusters: Vec::new(),
        git_source: body.get("git_source").cloned(),
        timeout_seconds: timeout,
        job_parameters: Vec::new(),
        overriding: Map::new(),
        idempotency_token: token.clone(),
        concurrency: None,
    };
    let run_id = with_state(&ctx, |s, now| {
        if let Some(existing) = existing_run(&s.jobs, token.as_deref())? {
            return Ok(existing);
        }
        check_capacity(&s.jobs, new.tasks.len())?;
        let run_id = sim::create_run(&mut s.jobs, &mut s.rng, new, now);
        sim::settle(&mut s.jobs, now);
        if let Some(token) = token {
            s.jobs.tokens.insert(token, run_id);
        }
        Ok(run_id)
    })?;
    Ok(json_ok(json!({ "run_id": run_id })))
}

/// `GET /jobs/runs/list`.
pub(super) async fn list(ctx: Ctx, v: Version) -> ApiResult {
    let p = &ctx.params;
    let (limit, offset) = if v == Version::V2_0 {
        list_limits(p, 20, 20, 1000)?
    } else {
        list_limits(p, 20, 25, 25)?
    };
    let job_id = p.i64_opt("job_id")?;
    let active_only = p.bool_opt("active_only")?.unwrap_or(false);
    let completed_only = p.bool_opt("completed_only")?.unwrap_or(false);
    if active_only && completed_only {
        return Err(ApiError::invalid_parameter_value(
            "active_only and completed_only cannot both be true.",
        ));
    }
    let expand = p.bool_opt("expand_tasks")?.unwrap_or(false);
    let run_type = p.str_opt("run_type")?;
    if let Some(t) = &run_type {
        if !matches!(t.as_str(), "JOB_RUN" | "SUBMIT_RUN" | "WORKFLOW_RUN") {
            return Err(ApiError::invalid_parameter_value(format!(
                "Unknown run_type {t}."
            )));
        }
    }
    let from = p.i64_opt("start_time_from")?;
    let to = p.i64_opt("start_time_to")?;
    let token = p.str_opt("page_token")?;
    let body = with_state_read(&ctx, |s, now| {
        if let Some(id) = job_id {
            let job = s.jobs.jobs.get(&id).ok_or_else(|| no_such_job(id))?;
            require(job, &ctx.caller, CAN_VIEW)?;
        }
        let selected: Vec<&Run> = s
            .jobs
            .runs
            .values()
            .rev()
            .filter(|r| job_id.is_none() || r.job_id == job_id)
            .filter(|r| !active_only || r.is_active())
            .filter(|r| !completed_only || !r.is_active())
            .filter(|r| run_type.as_ref().is_none_or(|t| &r.run_type == t))
            .filter(|r| from.is_none_or(|f| r.created >= f))
            .filter(|r| to.is_none_or(|t| r.created <= t))
            .filter(|r| require_run(s, r, &ctx.caller, CAN_VIEW).is_ok())
            .collect();
        let (url, workspace_id) = links(&ctx, s);
        let links = Links {
            base: &url,
            workspace_id,
        };
        let view = RunView {
            version: v,
            tasks: expand,
            history: false,
            page: None,
        };
        let mut body = Map::new();
        let page: Vec<&Run> = if v == Version::V2_0 {
            let start = offset.unwrap_or(0).min(selected.len());
            let end = (start + limit).min(selected.len());
            body.insert("has_more".into(), json!(end < selected.len()));
            selected[start..end].to_vec()
        } else {
            let ids: Vec<i64> = selected.iter().map(|r| r.run_id).collect();
            let page =
                paging::token_page(&ids, true, limit, token.as_deref(), offset.unwrap_or(0))?;
            body.insert("has_more".into(), json!(page.next.is_some()));
            if let Some(next) = page.next {
                body.insert("next_page_token".into(), json!(next));
            }
            if let Some(prev) = page.prev {
                body.insert("prev_page_token".into(), json!(prev));
            }
            page.items
                .iter()
                .filter_map(|id| s.jobs.runs.get(id))
                .collect()
        };
        if !page.is_empty() {
            let runs: Vec<Value> = page
                .iter()
                .map(|r| render::run(r, view, links, now))
                .collect();
            body.insert("runs".into(), Value::Array(runs));
        }
        Ok(Value::Object(body))
    })?;
    Ok(json_ok(body))
}

/// `GET /jobs/runs/get`: a job run, a one-time run or a task run.
pub(super) async fn get(ctx: Ctx, v: Version) -> ApiResult {
    let id = run_id(&ctx.params)?;
    let history = ctx.params.bool_opt("include_history")?.unwrap_or(false);
    let page = if v == Version::V2_2 {
        paging::array_page(ctx.params.str_opt("page_token")?.as_deref())?
    } else {
        0
    };
    let body = with_state_read(&ctx, |s, now| {
        let (url, workspace_id) = links(&ctx, s);
        let links = Links {
            base: &url,
            workspace_id,
        };
        match runs::find(&s.jobs, id) {
            None => Err(no_such_run(id)),
            Some(Found::Run(run)) => {
                require_run(s, run, &ctx.caller, CAN_VIEW)?;
                if v != Version::V2_2 && run.tasks.len() > super::ARRAY_PAGE {
                    return Err(ApiError::invalid_parameter_value(
                        "Resources with more than 100 tasks can only be handled by API 2.2 and above.",
                    ));
                }
                let view = RunView {
                    version: v,
                    tasks: true,
                    history,
                    page: Some(page),
                };
                Ok(render::run(run, view, links, now))
            }
            Some(Found::Task(run, task)) => {
                require_run(s, run, &ctx.caller, CAN_VIEW)?;
                Ok(render::task_as_run(task, run, v, Some(page), links))
            }
        }
    })?;
    Ok(json_ok(body))
}

const MULTI_TASK_OUTPUT: &str = "Retrieving the output of runs with multiple tasks is not \
    supported. Please retrieve the output of each individual task run instead.";

/// `GET /jobs/runs/get-output`: the output of a task run (or of a 2.0 single-task run).
pub(super) async fn get_output(ctx: Ctx, v: Version) -> ApiResult {
    let id = run_id(&ctx.params)?;
    let body = with_state_read(&ctx, |s, _| {
        let (url, workspace_id) = links(&ctx, s);
        let links = Links {
            base: &url,
            workspace_id,
        };
        match runs::find(&s.jobs, id) {
            None => Err(no_such_run(id)),
            Some(Found::Run(run)) => {
                require_run(s, run, &ctx.caller, CAN_VIEW)?;
                match run.tasks.as_slice() {
                    [only] if v == Version::V2_0 && run.single_task => {
                        Ok(render::output(only, run, v, links))
                    }
                    _ => Err(ApiError::invalid_parameter_value(MULTI_TASK_OUTPUT)),
                }
            }
            Some(Found::Task(run, task)) => {
                require_run(s, run, &ctx.caller, CAN_VIEW)?;
                Ok(render::output(task, run, v, links))
            }
        }
    })?;
    Ok(json_ok(body))
}

/// `GET /jobs/runs/export`.
pub(super) async fn export(ctx: Ctx, v: Version) -> ApiResult {
    let id = run_id(&ctx.params)?;
    let views = ctx
        .params
        .str_opt("views_to_export")?
        .unwrap_or_else(|| "CODE".to_owned());
    if !matches!(views.as_str(), "CODE" | "DASHBOARDS" | "ALL") {
        return Err(ApiError::invalid_parameter_value(format!(
            "Unknown views_to_export {views}."
        )));
    }
    let body = with_state_read(&ctx, |s, _| {
        let (run, task) = match runs::find(&s.jobs, id) {
            None => return Err(no_such_run(id)),
            Some(Found::Run(run)) => match run.tasks.as_slice() {
                [only] if v == Version::V2_0 && run.single_task => (run, only),
                _ => {
                    return Err(ApiError::invalid_parameter_value(
                        "Exporting runs with multiple tasks is not supported. Please export \
                         each individual task run instead.",
                    ));
                }
            },
            Some(Found::Task(run, task)) => (run, task),
        };
        require_run(s, run, &ctx.caller, CAN_VIEW)?;
        let views = render::export(task, &views).ok_or_else(|| {
            ApiError::invalid_parameter_value(format!(
                "Run {id} is not a notebook task run; only notebook runs can be exported."
            ))
        })?;
        Ok(list_body("views", views))
    })?;
    Ok(json_ok(body))
}

/// `POST /jobs/runs/cancel`: a job run, one-time run or task run.
pub(super) async fn cancel(ctx: Ctx) -> ApiResult {
    let id = run_id(&ctx.params)?;
    with_state(&ctx, |s, now| {
        let parent = match runs::find(&s.jobs, id) {
            None => return Err(no_such_run(id)),
            Some(Found::Run(run)) => {
                require_run(s, run, &ctx.caller, CAN_MANAGE_RUN)?;
                None
            }
            Some(Found::Task(run, _)) => {
                require_run(s, run, &ctx.caller, CAN_MANAGE_RUN)?;
                Some(run.run_id)
            }
        };
        let children = match parent {
            None => s
                .jobs
                .runs
                .get_mut(&id)
                .map(|run| sim::cancel_run(run, now))
                .unwrap_or_default(),
            Some(parent) => s
                .jobs
                .runs
                .get_mut(&parent)
                .map(|run| sim::cancel_task(run, id, now))
                .unwrap_or_default(),
        };
        sim::cancel_runs(&mut s.jobs, &children, now);
        sim::settle(&mut s.jobs, now);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

/// `POST /jobs/runs/cancel-all`.
pub(super) async fn cancel_all(ctx: Ctx) -> ApiResult {
    let job_id = ctx.params.i64_opt("job_id")?;
    let queued = ctx.params.bool_opt("all_queued_runs")?.unwrap_or(false);
    if job_id.is_none() && !queued {
        return Err(ApiError::invalid_parameter_value(
            "Provide job_id, or all_queued_runs to cancel the queued runs of every job.",
        ));
    }
    with_state(&ctx, |s, now| {
        if let Some(id) = job_id {
            let job = s.jobs.jobs.get(&id).ok_or_else(|| no_such_job(id))?;
            require(job, &ctx.caller, CAN_MANAGE_RUN)?;
        }
        let targets: Vec<i64> = s
            .jobs
            .runs
            .values()
            .filter(|r| r.is_active())
            .filter(|r| match job_id {
                Some(id) => r.job_id == Some(id) && (r.holds_slot() || queued),
                None => r.phase == super::model::Phase::Queued,
            })
            .filter(|r| require_run(s, r, &ctx.caller, CAN_MANAGE_RUN).is_ok())
            .map(|r| r.run_id)
            .collect();
        sim::cancel_runs(&mut s.jobs, &targets, now);
        sim::settle(&mut s.jobs, now);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

/// `POST /jobs/runs/delete`: only runs that are not active.
pub(super) async fn delete(ctx: Ctx) -> ApiResult {
    let id = run_id(&ctx.params)?;
    with_state(&ctx, |s, _| {
        let run = match runs::find(&s.jobs, id) {
            None => return Err(no_such_run(id)),
            Some(Found::Task(run, _)) => {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Run {id} is a task run of run {}; delete the job run instead.",
                    run.run_id
                )));
            }
            Some(Found::Run(run)) => run,
        };
        require_run(s, run, &ctx.caller, CAN_MANAGE_RUN)?;
        if run.is_active() {
            return Err(invalid_state(format!(
                "Run {id} is active and cannot be deleted; cancel it first."
            )));
        }
        s.jobs.runs.remove(&id);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

/// Whether a task's result calls for a repair.
fn needs_repair(task: &super::model::TaskRun) -> bool {
    task.outcome.as_ref().is_some_and(|o| {
        o.life == "INTERNAL_ERROR"
            || matches!(
                o.result_str(),
                "FAILED"
                    | "TIMEDOUT"
                    | "CANCELED"
                    | "UPSTREAM_FAILED"
                    | "UPSTREAM_CANCELED"
                    | "MAXIMUM_CONCURRENT_RUNS_REACHED"
            )
    }) || task
        .outcome
        .as_ref()
        .is_some_and(|o| o.life == "SKIPPED" && o.result.is_none())
}

/// `POST /jobs/runs/repair`.
pub(super) async fn repair(b: BodyCtx, _v: Version) -> ApiResult {
    let BodyCtx { ctx, body } = b;
    let p = &ctx.params;
    let id = run_id(p)?;
    let latest = p.i64_opt("latest_repair_id")?;
    let rerun_tasks = p.str_list_opt("rerun_tasks")?.unwrap_or_default();
    let all_failed = p.bool_opt("rerun_all_failed_tasks")?.unwrap_or(false);
    let dependents = p.bool_opt("rerun_dependent_tasks")?.unwrap_or(false);
    if all_failed && !rerun_tasks.is_empty() {
        return Err(ApiError::invalid_parameter_value(
            "rerun_tasks and rerun_all_failed_tasks cannot be used together.",
        ));
    }
    if !all_failed && rerun_tasks.is_empty() {
        return Err(ApiError::invalid_parameter_value(
            "Provide rerun_tasks or rerun_all_failed_tasks.",
        ));
    }
    let overrides = job_parameters(&body)?;
    let overriding = legacy_params(&body)?;
    let repair_id = with_state(&ctx, |s, now| {
        let run = match s.jobs.runs.get(&id) {
            Some(run) => run,
            None => {
                return Err(match runs::parent_of_task(&s.jobs, id) {
                    Some(parent) => ApiError::invalid_parameter_value(format!(
                        "Run {id} is a task run; repair its job run {parent}."
                    )),
                    None => no_such_run(id),
                });
            }
        };
        require_run(s, run, &ctx.caller, CAN_MANAGE_RUN)?;
        if run.is_active() {
            return Err(invalid_state(format!(
                "Run {id} is still in progress; only finished runs can be repaired."
            )));
        }
        let last_repair = run.history.iter().filter_map(|h| h.id).next_back();
        match (last_repair, latest) {
            (Some(last), Some(given)) if last != given => {
                return Err(ApiError::invalid_parameter_value(format!(
                    "latest_repair_id {given} is not the latest repair of run {id} ({last})."
                )));
            }
            (Some(last), None) => {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Run {id} was repaired before: latest_repair_id ({last}) is required."
                )));
            }
            (None, Some(given)) => {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Run {id} has no repair {given}."
                )));
            }
            _ => {}
        }
        let mut keys: BTreeSet<String> = BTreeSet::new();
        if all_failed {
            keys.extend(
                run.tasks
                    .iter()
                    .filter(|t| needs_repair(t))
                    .map(|t| t.task_key.clone()),
            );
            if keys.is_empty() {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Run {id} has no failed tasks to repair."
                )));
            }
        }
        for key in &rerun_tasks {
            if !run.tasks.iter().any(|t| &t.task_key == key) {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Task {key} is not a task of run {id}."
                )));
            }
            keys.insert(key.clone());
        }
        if dependents {
            let deps: BTreeMap<String, Vec<String>> = run
                .tasks
                .iter()
                .map(|t| {
                    let deps = t
                        .settings
                        .get("depends_on")
                        .and_then(Value::as_array)
                        .map(|d| {
                            d.iter()
                                .filter_map(|x| x.get("task_key")?.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default();
                    (t.task_key.clone(), deps)
                })
                .collect();
            let roots: Vec<String> = keys.iter().cloned().collect();
            keys.extend(runs::downstream(&deps, &roots));
        }
        let params = RunParams {
            job_parameters: overrides,
            ..RunParams::default()
        };
        let repair_id = sim::repair(&mut s.jobs, &mut s.rng, id, &keys, params, overriding, now);
        sim::settle(&mut s.jobs, now);
        Ok(repair_id)
    })?;
    Ok(json_ok(json!({ "repair_id": repair_id })))
}
