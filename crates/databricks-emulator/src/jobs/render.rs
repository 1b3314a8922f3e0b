//! JSON of jobs, runs, task runs and outputs, in the shape of each API version.

use serde_json::{Map, Value, json};

use super::model::{Job, Outcome, Phase, Run, TaskPhase, TaskRun};
use super::{ARRAY_PAGE, Version, owner_of, paging, settings};

/// Options of a job rendering.
#[derive(Debug, Clone, Copy)]
pub(crate) enum JobView {
    /// `jobs/get`: everything, page `n` of the arrays in 2.2.
    Get(usize),
    /// `jobs/list` without `expand_tasks`.
    List,
    /// `jobs/list` with `expand_tasks`.
    ListExpanded,
}

/// Slices `field` of `map` to page `page`; returns whether later pages have elements.
fn page_array(map: &mut Map<String, Value>, field: &str, page: usize) -> bool {
    let Some(Value::Array(items)) = map.get_mut(field) else {
        return false;
    };
    let start = (page * ARRAY_PAGE).min(items.len());
    let end = (start + ARRAY_PAGE).min(items.len());
    let more = end < items.len();
    let slice: Vec<Value> = items[start..end].to_vec();
    if slice.is_empty() {
        map.remove(field);
    } else {
        *items = slice;
    }
    more
}

/// A job as `jobs/get` or `jobs/list` show it.
pub(crate) fn job(job: &Job, version: Version, view: JobView) -> Value {
    let mut out = Map::new();
    out.insert("job_id".into(), json!(job.job_id));
    out.insert("creator_user_name".into(), json!(job.creator));
    out.insert("created_time".into(), json!(job.created_time));
    let mut settings = if version == Version::V2_0 && job.single_task {
        settings::single_task_view(&job.settings)
    } else {
        let mut s = job.settings.clone();
        s.insert("format".into(), json!("MULTI_TASK"));
        s
    };
    if let Some(policy) = settings.get("budget_policy_id").cloned() {
        out.insert("effective_budget_policy_id".into(), policy);
    }
    match view {
        JobView::Get(page) => {
            out.insert("run_as_user_name".into(), json!(run_as(job)));
            if version == Version::V2_2 {
                let mut more = false;
                for field in ["tasks", "job_clusters", "parameters", "environments"] {
                    more |= page_array(&mut settings, field, page);
                }
                if more {
                    out.insert(
                        "next_page_token".into(),
                        json!(paging::encode("page", page as i64 + 1)),
                    );
                }
            }
        }
        JobView::List => {
            settings.remove("tasks");
            settings.remove("job_clusters");
        }
        JobView::ListExpanded => {
            let mut more = false;
            for field in ["tasks", "job_clusters", "parameters", "environments"] {
                more |= page_array(&mut settings, field, 0);
            }
            if more {
                out.insert("has_more".into(), json!(true));
            }
        }
    }
    out.insert("settings".into(), Value::Object(settings));
    Value::Object(out)
}

/// The identity runs of a job use: its `run_as`, else its owner.
pub(crate) fn run_as(job: &Job) -> String {
    let run_as = job.settings.get("run_as");
    run_as
        .and_then(|r| {
            r.get("user_name")
                .or_else(|| r.get("service_principal_name"))
        })
        .and_then(Value::as_str)
        .or_else(|| owner_of(job))
        .unwrap_or(&job.creator)
        .to_owned()
}

fn run_life(run: &Run) -> &str {
    match run.phase {
        Phase::Queued => "QUEUED",
        Phase::Pending => "PENDING",
        Phase::Running => "RUNNING",
        Phase::Terminating => "TERMINATING",
        Phase::Done => run
            .outcome
            .as_ref()
            .map_or("TERMINATED", |o| o.life.as_str()),
    }
}

fn task_life(task: &TaskRun) -> &str {
    match task.phase {
        TaskPhase::Blocked => "BLOCKED",
        TaskPhase::Pending => "PENDING",
        TaskPhase::Running => "RUNNING",
        TaskPhase::Terminating => "TERMINATING",
        TaskPhase::WaitingForRetry => "WAITING_FOR_RETRY",
        TaskPhase::Done => task
            .outcome
            .as_ref()
            .map_or("TERMINATED", |o| o.life.as_str()),
    }
}

/// `(code, type)` of `status.termination_details` for an outcome.
fn termination(outcome: &Outcome) -> (&'static str, &'static str) {
    if outcome.life == "INTERNAL_ERROR" {
        return ("INTERNAL_ERROR", "INTERNAL_ERROR");
    }
    match outcome.result_str() {
        "SUCCESS" => ("SUCCESS", "SUCCESS"),
        "SUCCESS_WITH_FAILURES" => ("SUCCESS_WITH_FAILURES", "SUCCESS"),
        "FAILED" | "TIMEDOUT" => ("RUN_EXECUTION_ERROR", "CLIENT_ERROR"),
        "CANCELED" => ("USER_CANCELED", "SUCCESS"),
        "UPSTREAM_CANCELED" => ("CANCELED", "SUCCESS"),
        "DISABLED" => ("DISABLED", "SUCCESS"),
        "MAXIMUM_CONCURRENT_RUNS_REACHED" => ("MAX_CONCURRENT_RUNS_EXCEEDED", "CLIENT_ERROR"),
        _ => ("SKIPPED", "SUCCESS"),
    }
}

/// `state` and `status` for a life-cycle state and, when terminal, the outcome.
fn state_and_status(
    life: &str,
    outcome: Option<&Outcome>,
    terminal: bool,
    queue_reason: Option<&str>,
    user_stopped: bool,
) -> (Value, Value) {
    let mut state = json!({
        "life_cycle_state": life,
        "state_message": "",
        "user_cancelled_or_timedout": user_stopped,
    });
    let v2 = match life {
        "BLOCKED" => "BLOCKED",
        "PENDING" => "PENDING",
        "QUEUED" => "QUEUED",
        "RUNNING" => "RUNNING",
        "TERMINATING" => "TERMINATING",
        "WAITING_FOR_RETRY" => "WAITING",
        _ => "TERMINATED",
    };
    let mut status = json!({ "state": v2 });
    if let Some(reason) = queue_reason {
        state["queue_reason"] = json!(reason);
        state["state_message"] = json!(reason);
        status["queue_details"] =
            json!({ "code": "MAX_CONCURRENT_RUNS_REACHED", "message": reason });
    }
    if terminal {
        if let Some(o) = outcome {
            if let Some(result) = &o.result {
                state["result_state"] = json!(result);
            }
            state["state_message"] = json!(o.message);
            let (code, kind) = termination(o);
            status["termination_details"] =
                json!({ "code": code, "type": kind, "message": o.message });
        }
    }
    (state, status)
}

fn duration(from: Option<i64>, to: Option<i64>) -> i64 {
    match (from, to) {
        (Some(a), Some(b)) if b >= a => b - a,
        _ => 0,
    }
}

/// A spark context id for a cluster id (numeric, stable).
fn spark_context_id(seed: i64) -> String {
    format!(
        "{}",
        8_000_000_000_000_000_000u64 + (seed.unsigned_abs() % 999_999_999_999_999)
    )
}

fn cluster_instance(task: &TaskRun) -> Option<Value> {
    task.cluster_id
        .as_ref()
        .map(|id| json!({ "cluster_id": id, "spark_context_id": spark_context_id(task.run_id) }))
}

fn page_url(base: &str, workspace_id: i64, job_id: Option<i64>, run_id: i64) -> String {
    match job_id {
        Some(job) => format!("{base}/?o={workspace_id}#job/{job}/run/{run_id}"),
        None => format!("{base}/?o={workspace_id}#job/run/{run_id}"),
    }
}

/// Where links point.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Links<'a> {
    /// The emulator's URL.
    pub(crate) base: &'a str,
    /// The workspace id.
    pub(crate) workspace_id: i64,
}

/// A task run as an element of `tasks` (or `iterations`).
pub(crate) fn task(task: &TaskRun, run: &Run, links: Links<'_>) -> Value {
    let mut out = task.settings.clone();
    let terminal = task.phase == TaskPhase::Done;
    let user_stopped = terminal
        && task
            .outcome
            .as_ref()
            .is_some_and(|o| matches!(o.result_str(), "CANCELED" | "TIMEDOUT"));
    let (state, status) = state_and_status(
        task_life(task),
        task.outcome.as_ref(),
        terminal,
        None,
        user_stopped,
    );
    out.insert("run_id".into(), json!(task.run_id));
    out.insert("attempt_number".into(), json!(task.attempt_number));
    out.insert("state".into(), state);
    out.insert("status".into(), status);
    out.insert("start_time".into(), json!(task.start_time.unwrap_or(0)));
    out.insert("end_time".into(), json!(task.end_time.unwrap_or(0)));
    out.insert(
        "setup_duration".into(),
        json!(duration(task.start_time, task.running_start)),
    );
    out.insert(
        "execution_duration".into(),
        json!(duration(task.running_start, task.running_end)),
    );
    out.insert(
        "cleanup_duration".into(),
        json!(duration(task.running_end, task.end_time)),
    );
    out.insert(
        "run_duration".into(),
        json!(duration(task.start_time, task.end_time)),
    );
    if let Some(ci) = cluster_instance(task) {
        out.insert("cluster_instance".into(), ci);
    }
    out.insert(
        "run_page_url".into(),
        json!(page_url(
            links.base,
            links.workspace_id,
            run.job_id,
            task.run_id
        )),
    );
    if let (Some(outcome), Some(Value::Object(cond))) =
        (&task.condition_outcome, out.get_mut("condition_task"))
    {
        cond.insert("outcome".into(), json!(outcome));
    }
    if !task.iterations.is_empty() {
        if let Some(Value::Object(fe)) = out.get_mut("for_each_task") {
            let count =
                |f: &dyn Fn(&TaskRun) -> bool| task.iterations.iter().filter(|i| f(i)).count();
            let done = |i: &TaskRun| i.phase == TaskPhase::Done;
            let ok = |i: &TaskRun| {
                i.outcome
                    .as_ref()
                    .is_some_and(|o| o.result_str() == "SUCCESS")
            };
            fe.insert(
                "stats".into(),
                json!({ "task_run_stats": {
                    "total_iterations": task.iterations.len(),
                    "scheduled_iterations": task.iterations.len(),
                    "active_iterations": count(&|i| !done(i)),
                    "completed_iterations": count(&done),
                    "succeeded_iterations": count(&ok),
                    "failed_iterations": count(&|i| done(i) && !ok(i)),
                } }),
            );
        }
    }
    Value::Object(out)
}

/// Options of a run rendering.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RunView {
    /// API version.
    pub(crate) version: Version,
    /// Include `tasks` and `job_clusters` (always for `runs/get`).
    pub(crate) tasks: bool,
    /// Include `repair_history`.
    pub(crate) history: bool,
    /// 2.2 `runs/get`: page of the arrays. `None`: `runs/list` (truncate and mark `has_more`).
    pub(crate) page: Option<usize>,
}

/// `state`/`status` of a run.
fn run_state(run: &Run) -> (Value, Value) {
    let terminal = run.phase == Phase::Done;
    state_and_status(
        run_life(run),
        run.outcome.as_ref(),
        terminal,
        (run.phase == Phase::Queued)
            .then_some(run.queue_reason.as_deref())
            .flatten(),
        terminal && (run.cancelled || run.timed_out),
    )
}

/// A job run or one-time run as `runs/get` and `runs/list` show it.
pub(crate) fn run(run: &Run, view: RunView, links: Links<'_>, now: i64) -> Value {
    let mut out = Map::new();
    if let Some(job_id) = run.job_id {
        out.insert("job_id".into(), json!(job_id));
    }
    out.insert("run_id".into(), json!(run.run_id));
    out.insert("number_in_job".into(), json!(run.run_id));
    out.insert("original_attempt_run_id".into(), json!(run.run_id));
    out.insert("attempt_number".into(), json!(0));
    out.insert("creator_user_name".into(), json!(run.creator));
    out.insert("run_name".into(), json!(run.run_name));
    out.insert("run_type".into(), json!(run.run_type));
    out.insert("trigger".into(), json!(run.trigger));
    if let Some(parent) = run.parent_task_run {
        out.insert("trigger_info".into(), json!({ "run_id": parent }));
    }
    if let Some(schedule) = &run.schedule {
        out.insert("schedule".into(), schedule.clone());
    }
    let (state, status) = run_state(run);
    out.insert("state".into(), state);
    out.insert("status".into(), status);
    out.insert("start_time".into(), json!(run.created));
    out.insert("end_time".into(), json!(run.end_time.unwrap_or(0)));
    let queued_until = run.admitted.or(run.end_time).unwrap_or(now);
    out.insert(
        "queue_duration".into(),
        json!((queued_until - run.created).max(0)),
    );
    out.insert(
        "run_duration".into(),
        json!(duration(Some(run.created), run.end_time)),
    );
    out.insert(
        "run_page_url".into(),
        json!(page_url(
            links.base,
            links.workspace_id,
            run.job_id,
            run.run_id
        )),
    );
    if !run.job_parameters.is_empty() {
        out.insert(
            "job_parameters".into(),
            Value::Array(run.job_parameters.clone()),
        );
    }
    if !run.overriding.is_empty() {
        out.insert(
            "overriding_parameters".into(),
            Value::Object(run.overriding.clone()),
        );
    }
    if let Some(git) = &run.git_source {
        out.insert("git_source".into(), git.clone());
    }
    let single = view.version == Version::V2_0 && run.single_task && run.tasks.len() == 1;
    if single {
        // The 2.0 single-task shape: the task's settings and timings on the run itself.
        out.insert("format".into(), json!("SINGLE_TASK"));
        let t = &run.tasks[0];
        let mut task = Map::new();
        let mut spec = Map::new();
        for (k, v) in &t.settings {
            if settings::TASK_TYPES.contains(&k.as_str()) {
                task.insert(k.clone(), v.clone());
            }
            if matches!(
                k.as_str(),
                "existing_cluster_id" | "new_cluster" | "libraries"
            ) {
                spec.insert(k.clone(), v.clone());
            }
        }
        out.insert("task".into(), Value::Object(task));
        out.insert("cluster_spec".into(), Value::Object(spec));
        if let Some(ci) = cluster_instance(t) {
            out.insert("cluster_instance".into(), ci);
        }
        out.insert(
            "setup_duration".into(),
            json!(duration(t.start_time, t.running_start)),
        );
        out.insert(
            "execution_duration".into(),
            json!(duration(t.running_start, t.running_end)),
        );
        out.insert(
            "cleanup_duration".into(),
            json!(duration(t.running_end, t.end_time)),
        );
        return Value::Object(out);
    }
    out.insert("format".into(), json!("MULTI_TASK"));
    out.insert("setup_duration".into(), json!(0));
    out.insert("execution_duration".into(), json!(0));
    out.insert("cleanup_duration".into(), json!(0));
    if view.tasks {
        let tasks: Vec<Value> = run.tasks.iter().map(|t| task(t, run, links)).collect();
        if !tasks.is_empty() {
            out.insert("tasks".into(), Value::Array(tasks));
        }
        if !run.job_clusters.is_empty() {
            out.insert(
                "job_clusters".into(),
                Value::Array(run.job_clusters.clone()),
            );
        }
    }
    if view.history {
        out.insert("repair_history".into(), Value::Array(history(run)));
    }
    paginate_run(&mut out, view);
    Value::Object(out)
}

/// The repair history: the original run and each repair.
fn history(run: &Run) -> Vec<Value> {
    let last = run.history.len().saturating_sub(1);
    run.history
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let current = i == last;
            let (life, outcome, terminal) = if current {
                (
                    run_life(run).to_owned(),
                    run.outcome.as_ref(),
                    run.phase == Phase::Done,
                )
            } else {
                let life = item
                    .outcome
                    .as_ref()
                    .map_or("TERMINATED", |o| o.life.as_str());
                (life.to_owned(), item.outcome.as_ref(), true)
            };
            let (state, status) = state_and_status(&life, outcome, terminal, None, false);
            let mut v = json!({
                "type": if item.id.is_some() { "REPAIR" } else { "ORIGINAL" },
                "start_time": item.start_time,
                "end_time": item.end_time.unwrap_or(0),
                "state": state,
                "status": status,
                "task_run_ids": item.task_run_ids,
            });
            if let Some(id) = item.id {
                v["id"] = json!(id);
            }
            v
        })
        .collect()
}

/// 2.2 paging of `tasks`, `job_clusters`, `job_parameters`, `repair_history`, `iterations`.
fn paginate_run(out: &mut Map<String, Value>, view: RunView) {
    let fields = [
        "tasks",
        "job_clusters",
        "job_parameters",
        "repair_history",
        "iterations",
    ];
    match (view.version, view.page) {
        (Version::V2_2, Some(page)) => {
            let mut more = false;
            for field in fields {
                more |= page_array(out, field, page);
            }
            if more {
                out.insert(
                    "next_page_token".into(),
                    json!(paging::encode("page", page as i64 + 1)),
                );
            }
        }
        (_, None) if view.tasks => {
            let mut more = false;
            for field in fields {
                more |= page_array(out, field, 0);
            }
            if more {
                out.insert("has_more".into(), json!(true));
            }
        }
        _ => {}
    }
}

/// A task run as a run of its own (`runs/get` and `get-output` metadata with a task run id).
pub(crate) fn task_as_run(
    t: &TaskRun,
    run: &Run,
    version: Version,
    page: Option<usize>,
    links: Links<'_>,
) -> Value {
    let element = task(t, run, links);
    let mut out = Map::new();
    if let Some(job_id) = run.job_id {
        out.insert("job_id".into(), json!(job_id));
    }
    out.insert("run_id".into(), json!(t.run_id));
    out.insert("job_run_id".into(), json!(run.run_id));
    out.insert("number_in_job".into(), json!(t.run_id));
    out.insert(
        "original_attempt_run_id".into(),
        json!(t.original_attempt_run_id),
    );
    out.insert("creator_user_name".into(), json!(run.creator));
    out.insert("run_name".into(), json!(t.task_key));
    out.insert("task_key".into(), json!(t.task_key));
    out.insert("run_type".into(), json!(run.run_type));
    out.insert("trigger".into(), json!(run.trigger));
    for key in [
        "attempt_number",
        "state",
        "status",
        "start_time",
        "end_time",
        "setup_duration",
        "execution_duration",
        "cleanup_duration",
        "run_duration",
        "cluster_instance",
        "run_page_url",
    ] {
        if let Some(v) = element.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    let mut spec = Map::new();
    for key in [
        "existing_cluster_id",
        "new_cluster",
        "job_cluster_key",
        "libraries",
    ] {
        if let Some(v) = t.settings.get(key) {
            spec.insert(key.into(), v.clone());
        }
    }
    if !spec.is_empty() {
        out.insert("cluster_spec".into(), Value::Object(spec));
    }
    out.insert("tasks".into(), json!([element]));
    if !t.iterations.is_empty() {
        let iterations: Vec<Value> = t.iterations.iter().map(|i| task(i, run, links)).collect();
        out.insert("iterations".into(), Value::Array(iterations));
    }
    let view = RunView {
        version,
        tasks: true,
        history: false,
        page,
    };
    paginate_run(&mut out, view);
    Value::Object(out)
}

fn has(t: &TaskRun, kind: &str) -> bool {
    t.settings.contains_key(kind)
}

/// The body of `runs/get-output` for a task run.
pub(crate) fn output(t: &TaskRun, run: &Run, version: Version, links: Links<'_>) -> Value {
    let mut out = Map::new();
    let metadata = if version == Version::V2_0 && run.single_task && run.tasks.len() == 1 {
        self::run(
            run,
            RunView {
                version,
                tasks: true,
                history: false,
                page: None,
            },
            links,
            0,
        )
    } else {
        task_as_run(t, run, version, None, links)
    };
    out.insert("metadata".into(), metadata);
    let done = t.phase == TaskPhase::Done;
    if has(t, "notebook_task") && done {
        let mut nb = Map::new();
        if let Some(result) = &t.directives.result {
            nb.insert("result".into(), json!(result));
            nb.insert("truncated".into(), json!(false));
        }
        out.insert("notebook_output".into(), Value::Object(nb));
    }
    if ["spark_python_task", "spark_jar_task", "python_wheel_task"]
        .iter()
        .any(|k| has(t, k))
        && t.running_start.is_some()
    {
        let logs = t.directives.logs.clone().unwrap_or_else(|| {
            format!(
                "[emulator] task {} (run {}) started\n{}",
                t.task_key,
                t.run_id,
                if done {
                    format!("[emulator] task {} finished\n", t.task_key)
                } else {
                    String::new()
                }
            )
        });
        out.insert("logs".into(), json!(logs));
        out.insert("logs_truncated".into(), json!(false));
    }
    if let Some(child) = t.child_run {
        out.insert("run_job_output".into(), json!({ "run_id": child }));
    }
    if let Some(sql) = t.settings.get("sql_task").filter(|_| done) {
        let warehouse = sql.get("warehouse_id").cloned().unwrap_or(Value::Null);
        out.insert(
            "sql_output".into(),
            json!({ "query_output": {
                "warehouse_id": warehouse,
                "query_text": "SELECT 1",
                "output_link": format!("{}/sql/history?queryId=emulator-{}", links.base, t.run_id),
                "sql_statements": [ { "lookup_key": format!("emulator-{}", t.run_id) } ],
            } }),
        );
    }
    if has(t, "dbt_task") && done {
        out.insert(
            "dbt_output".into(),
            json!({ "artifacts_link": format!("{}/emulator/dbt/{}.tar.gz", links.base, t.run_id),
                    "artifacts_headers": {} }),
        );
    }
    if let Some(o) = t.outcome.as_ref().filter(|_| done) {
        let failed = o.life == "INTERNAL_ERROR" || matches!(o.result_str(), "FAILED" | "TIMEDOUT");
        if failed {
            out.insert("error".into(), json!(o.message));
            out.insert(
                "error_trace".into(),
                json!(format!(
                    "Traceback (most recent call last):\n  File \"<emulator>\", line 1, in <module>\nException: {}",
                    o.message
                )),
            );
        }
    }
    Value::Object(out)
}

/// `runs/export` views of a notebook task run.
pub(crate) fn export(t: &TaskRun, views: &str) -> Option<Vec<Value>> {
    let path = t
        .settings
        .get("notebook_task")
        .and_then(|nb| nb.get("notebook_path"))
        .and_then(Value::as_str)?;
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut out = Vec::new();
    if matches!(views, "CODE" | "ALL") {
        out.push(json!({
            "name": name,
            "type": "NOTEBOOK",
            "content": format!(
                "<!DOCTYPE html><html><head><title>{name}</title></head><body><h1>{path}</h1>\
                 <p>Run {} of task {}.</p></body></html>",
                t.run_id, t.task_key
            ),
        }));
    }
    Some(out)
}
