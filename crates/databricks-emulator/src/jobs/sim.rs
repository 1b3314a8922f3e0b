//! The run simulation: a discrete-event model of job runs on the lifecycle clock.
//!
//! Nothing runs in the background. Every jobs request first calls [`tick`], which replays every
//! transition due up to now, in time order: a run's PENDING step, its tasks' PENDING, RUNNING
//! and TERMINATING steps, retries, timeouts, the run's TERMINATING step, and the admission of
//! queued runs when a slot frees. Instantaneous consequences (a task whose dependencies are
//! done starts or is skipped; a run whose tasks are all done terminates; a `run_job` task
//! whose child run ended ends) are applied by [`settle`] at the time they happen. The result
//! is the same whenever, and however often, the state is observed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::model::{
    ClusterUse, Directives, HistoryItem, JobsState, Outcome, Phase, Run, TaskPhase, TaskRun, grow,
};
use super::triggers::Plan;
use crate::files::FilesState;
use crate::ids::Rng;

/// Most events replayed by one tick (a safety net for runs retrying forever under a clock
/// moved far forward); the rest are replayed by the next tick.
const MAX_EVENTS_PER_TICK: usize = 100_000;
/// Most queued runs per job.
pub(crate) const MAX_QUEUED_RUNS: usize = 1000;

/// A source of new run ids.
pub(crate) struct Ids<'a> {
    last: &'a mut i64,
    rng: &'a mut Rng,
}

impl Ids<'_> {
    pub(crate) fn next(&mut self) -> i64 {
        *self.last = grow(*self.last, self.rng, 500_000_000_000_000);
        *self.last
    }
}

/// Follow-ups that need the whole state: runs to start for `run_job` tasks, runs to cancel.
#[derive(Default)]
struct Effects {
    children: Vec<ChildRequest>,
    cancels: Vec<i64>,
    cluster_uses: Vec<ClusterUse>,
}

struct ChildRequest {
    parent_run: i64,
    task_run: i64,
    job_id: i64,
    job_parameters: BTreeMap<String, String>,
}

/// Parameters a run was started with, as the directives and conditions read them.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunParams {
    /// Effective job parameters (defaults overridden by the request).
    pub(crate) job_parameters: BTreeMap<String, String>,
    /// `notebook_params`.
    pub(crate) notebook_params: BTreeMap<String, String>,
    /// `python_named_params`.
    pub(crate) python_named_params: BTreeMap<String, String>,
    /// `sql_params`.
    pub(crate) sql_params: BTreeMap<String, String>,
    /// `python_params`.
    pub(crate) python_params: Vec<String>,
    /// `jar_params`.
    pub(crate) jar_params: Vec<String>,
    /// `spark_submit_params`.
    pub(crate) spark_submit_params: Vec<String>,
}

impl RunParams {
    /// Reads the legacy parameters stored on a run plus its job parameters.
    pub(crate) fn of_run(run: &Run) -> Self {
        let mut params = Self::from_overriding(&run.overriding);
        for p in &run.job_parameters {
            if let (Some(name), Some(value)) = (
                p.get("name").and_then(Value::as_str),
                p.get("value")
                    .or_else(|| p.get("default"))
                    .and_then(Value::as_str),
            ) {
                params
                    .job_parameters
                    .insert(name.to_owned(), value.to_owned());
            }
        }
        params
    }

    /// Reads `notebook_params`, `python_params`... from a request or a run's
    /// `overriding_parameters`.
    pub(crate) fn from_overriding(map: &Map<String, Value>) -> Self {
        Self {
            job_parameters: BTreeMap::new(),
            notebook_params: string_map(map.get("notebook_params")),
            python_named_params: string_map(map.get("python_named_params")),
            sql_params: string_map(map.get("sql_params")),
            python_params: string_list(map.get("python_params")),
            jar_params: string_list(map.get("jar_params")),
            spark_submit_params: string_list(map.get("spark_submit_params")),
        }
    }
}

/// A JSON object of strings as a map (other values are skipped).
pub(crate) fn string_map(value: Option<&Value>) -> BTreeMap<String, String> {
    value
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

/// A JSON array of strings as a list (other values are skipped).
pub(crate) fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn obj<'a>(settings: &'a Map<String, Value>, key: &str) -> Option<&'a Map<String, Value>> {
    settings.get(key).and_then(Value::as_object)
}

/// The `emulator:*` directives of a task, from its own parameters and the run's.
pub(crate) fn directives(task: &Map<String, Value>, params: &RunParams) -> Directives {
    let mut named = params.job_parameters.clone();
    let mut positional: Vec<String> = Vec::new();
    if let Some(nb) = obj(task, "notebook_task") {
        named.extend(string_map(nb.get("base_parameters")));
        named.extend(params.notebook_params.clone());
    }
    if let Some(wheel) = obj(task, "python_wheel_task") {
        named.extend(string_map(wheel.get("named_parameters")));
        named.extend(params.python_named_params.clone());
        positional.extend(string_list(wheel.get("parameters")));
        positional.extend(params.python_params.clone());
    }
    if let Some(sql) = obj(task, "sql_task") {
        named.extend(string_map(sql.get("parameters")));
        named.extend(params.sql_params.clone());
    }
    if let Some(pipeline) = obj(task, "pipeline_task") {
        named.extend(string_map(pipeline.get("parameters")));
    }
    if let Some(py) = obj(task, "spark_python_task") {
        positional.extend(string_list(py.get("parameters")));
        positional.extend(params.python_params.clone());
    }
    if let Some(jar) = obj(task, "spark_jar_task") {
        positional.extend(string_list(jar.get("parameters")));
        positional.extend(params.jar_params.clone());
    }
    if let Some(submit) = obj(task, "spark_submit_task") {
        positional.extend(string_list(submit.get("parameters")));
        positional.extend(params.spark_submit_params.clone());
    }
    for arg in positional {
        let arg = arg.trim_start_matches('-');
        if arg.starts_with("emulator:") {
            let (k, v) = arg.split_once('=').unwrap_or((arg, ""));
            named.insert(k.to_owned(), v.to_owned());
        }
    }
    let get = |k: &str| named.get(k).cloned();
    Directives {
        fail: get("emulator:fail"),
        fail_times: get("emulator:fail-times").and_then(|v| v.trim().parse().ok()),
        hang: get("emulator:hang").is_some_and(|v| v != "false"),
        steps: get("emulator:steps").and_then(|v| v.trim().parse().ok()),
        internal_error: get("emulator:internal-error"),
        result: get("emulator:result"),
        logs: get("emulator:logs"),
        fail_input: get("emulator:fail-input"),
    }
}

/// A new task run in `BLOCKED`.
pub(crate) fn new_task_run(
    run_id: i64,
    settings: Map<String, Value>,
    params: &RunParams,
    execution: u32,
    now: i64,
) -> TaskRun {
    let task_key = settings
        .get("task_key")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let directives = directives(&settings, params);
    TaskRun {
        run_id,
        task_key,
        settings,
        attempt_number: 0,
        original_attempt_run_id: run_id,
        execution,
        phase: TaskPhase::Blocked,
        since: now,
        start_time: None,
        running_start: None,
        running_end: None,
        end_time: None,
        outcome: None,
        condition_outcome: None,
        child_run: None,
        iterations: Vec::new(),
        input: None,
        cluster_id: None,
        directives,
        repair_id: None,
    }
}

/// What a new run needs.
pub(crate) struct NewRun {
    pub(crate) job_id: Option<i64>,
    pub(crate) run_type: &'static str,
    pub(crate) run_name: String,
    pub(crate) creator: String,
    pub(crate) trigger: &'static str,
    /// For runs a schedule starts: the schedule.
    pub(crate) schedule: Option<Value>,
    pub(crate) parent_task_run: Option<i64>,
    pub(crate) single_task: bool,
    pub(crate) tasks: Vec<Map<String, Value>>,
    pub(crate) job_clusters: Vec<Value>,
    pub(crate) git_source: Option<Value>,
    pub(crate) timeout_seconds: i64,
    pub(crate) job_parameters: Vec<Value>,
    pub(crate) overriding: Map<String, Value>,
    pub(crate) idempotency_token: Option<String>,
    /// For job runs: `max_concurrent_runs` and whether runs queue.
    pub(crate) concurrency: Option<(i64, bool)>,
}

/// Creates a run at `now`: `PENDING`, `QUEUED` (concurrency limit reached, queueing on) or
/// `SKIPPED` (limit reached, queueing off). Returns its id.
pub(crate) fn create_run(jobs: &mut JobsState, rng: &mut Rng, new: NewRun, now: i64) -> i64 {
    let JobsState {
        last_run_id, runs, ..
    } = jobs;
    let mut ids = Ids {
        last: last_run_id,
        rng,
    };
    let run_id = ids.next();
    let mut run = Run {
        run_id,
        job_id: new.job_id,
        run_type: new.run_type.to_owned(),
        run_name: new.run_name,
        creator: new.creator,
        trigger: new.trigger.to_owned(),
        schedule: new.schedule,
        parent_task_run: new.parent_task_run,
        single_task: new.single_task,
        job_clusters: new.job_clusters,
        git_source: new.git_source,
        timeout_seconds: new.timeout_seconds,
        job_parameters: new.job_parameters,
        overriding: new.overriding,
        idempotency_token: new.idempotency_token,
        created: now,
        phase: Phase::Pending,
        since: now,
        admitted: None,
        active_since: now,
        end_time: None,
        outcome: None,
        cancelled: false,
        timed_out: false,
        queue_reason: None,
        tasks: Vec::new(),
        previous: Vec::new(),
        history: Vec::new(),
    };
    let params = RunParams::of_run(&run);
    for settings in new.tasks {
        let id = ids.next();
        run.tasks.push(new_task_run(id, settings, &params, 0, now));
    }
    run.history.push(HistoryItem {
        id: None,
        start_time: now,
        end_time: None,
        outcome: None,
        task_run_ids: run.tasks.iter().map(|t| t.run_id).collect(),
    });
    match new.concurrency {
        None => admit(&mut run, now),
        Some((max, queue)) => {
            let job_id = new.job_id;
            let active = runs
                .values()
                .filter(|r| r.job_id == job_id && r.holds_slot())
                .count() as i64;
            let queued = runs
                .values()
                .filter(|r| r.job_id == job_id && r.phase == Phase::Queued)
                .count();
            if max > 0 && active < max && queued == 0 {
                admit(&mut run, now);
            } else if max > 0 && queue && queued < MAX_QUEUED_RUNS {
                run.phase = Phase::Queued;
                run.queue_reason = Some(format!(
                    "Queued due to reaching maximum concurrent runs of {max}."
                ));
            } else {
                let message = if max > 0 && queue {
                    format!(
                        "Skipping this run because the queue of {MAX_QUEUED_RUNS} runs is full."
                    )
                } else {
                    format!(
                        "Skipping this run because the limit of {max} maximum concurrent runs has been reached."
                    )
                };
                skip_run(&mut run, now, message);
            }
        }
    }
    runs.insert(run_id, run);
    run_id
}

fn admit(run: &mut Run, now: i64) {
    run.phase = Phase::Pending;
    run.since = now;
    run.admitted = Some(now);
    run.active_since = now;
    run.queue_reason = None;
    if let Some(first) = run.history.first_mut() {
        first.start_time = now;
    }
}

fn skip_run(run: &mut Run, now: i64, message: String) {
    let outcome = Outcome::skipped("MAXIMUM_CONCURRENT_RUNS_REACHED", message.clone());
    for task in &mut run.tasks {
        task.phase = TaskPhase::Done;
        task.since = now;
        task.end_time = Some(now);
        task.outcome = Some(Outcome {
            life: "SKIPPED".into(),
            result: None,
            message: message.clone(),
        });
    }
    run.phase = Phase::Done;
    run.since = now;
    run.end_time = Some(now);
    run.outcome = Some(outcome.clone());
    if let Some(item) = run.history.last_mut() {
        item.end_time = Some(now);
        item.outcome = Some(outcome);
    }
}

/// Replays every transition due up to `now`, and the runs the jobs' triggers start on the
/// way (see [`super::triggers`]; file arrival triggers watch `files`); whether anything
/// changed.
pub(crate) fn tick(
    jobs: &mut JobsState,
    rng: &mut Rng,
    now: i64,
    step: i64,
    files: &FilesState,
) -> bool {
    let step = step.max(1);
    let mut changed = false;
    let mut triggers = Plan::new(jobs, now, files);
    for _ in 0..MAX_EVENTS_PER_TICK {
        let next_run = jobs.runs.values().filter_map(|r| next_due(r, step)).min();
        let next = next_run.into_iter().chain(triggers.next_due(jobs)).min();
        let Some(t) = next.filter(|t| *t <= now) else {
            return changed;
        };
        if next_run.is_some_and(|r| r <= t) {
            changed = true;
            replay(jobs, rng, t, step);
        }
        // After the runs' transitions at `t`: a run ending at `t` frees its slot.
        changed |= triggers.fire(jobs, rng, t);
    }
    changed
}

/// Applies the run transitions due at `t`.
fn replay(jobs: &mut JobsState, rng: &mut Rng, t: i64, step: i64) {
    let fx = {
        let JobsState {
            last_run_id, runs, ..
        } = &mut *jobs;
        let mut ids = Ids {
            last: last_run_id,
            rng: &mut *rng,
        };
        let mut fx = Effects::default();
        for run in runs.values_mut().filter(|r| r.is_active()) {
            if next_due(run, step).is_some_and(|d| d <= t) {
                advance(run, t, step, &mut ids, &mut fx);
            }
        }
        fx
    };
    apply_cancels(&mut jobs.runs, &fx.cancels, t);
    jobs.cluster_uses.extend(fx.cluster_uses);
    start_children(jobs, rng, fx.children, t);
    settle(jobs, t);
}

/// When the next transition of a run is due.
fn next_due(run: &Run, step: i64) -> Option<i64> {
    let mut due = match run.phase {
        Phase::Queued | Phase::Done => return None,
        Phase::Pending | Phase::Terminating => Some(run.since + step),
        Phase::Running => run.tasks.iter().filter_map(|t| task_due(t, step)).min(),
    };
    if matches!(run.phase, Phase::Pending | Phase::Running) && !run.timed_out && !run.cancelled {
        if let Some(deadline) = run_deadline(run) {
            due = Some(due.map_or(deadline, |d| d.min(deadline)));
        }
    }
    due
}

fn run_deadline(run: &Run) -> Option<i64> {
    (run.timeout_seconds > 0).then(|| run.active_since + run.timeout_seconds * 1000)
}

fn setting_i64(task: &TaskRun, key: &str) -> Option<i64> {
    task.settings.get(key).and_then(Value::as_i64)
}

fn setting_bool(task: &TaskRun, key: &str) -> bool {
    task.settings
        .get(key)
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

fn task_deadline(task: &TaskRun) -> Option<i64> {
    let timeout = setting_i64(task, "timeout_seconds").filter(|t| *t > 0)?;
    Some(task.start_time? + timeout * 1000)
}

fn is_run_job(task: &TaskRun) -> bool {
    task.settings.contains_key("run_job_task")
}

fn running_due(task: &TaskRun, step: i64) -> Option<i64> {
    if task.directives.hang || is_run_job(task) {
        return None;
    }
    let steps = i64::from(task.directives.steps.unwrap_or(1).max(1));
    Some(task.since + steps * step)
}

fn task_due(task: &TaskRun, step: i64) -> Option<i64> {
    let due = match task.phase {
        TaskPhase::Blocked | TaskPhase::Done => None,
        TaskPhase::Pending | TaskPhase::Terminating => Some(task.since + step),
        TaskPhase::Running => running_due(task, step),
        TaskPhase::WaitingForRetry => {
            let interval = setting_i64(task, "min_retry_interval_millis").unwrap_or(0);
            Some(task.since + interval.max(step))
        }
    };
    match (task.phase, task_deadline(task)) {
        (TaskPhase::Pending | TaskPhase::Running, Some(deadline)) => {
            Some(due.map_or(deadline, |d| d.min(deadline)))
        }
        _ => due,
    }
}

/// Applies the transitions of `run` due at or before `t`.
fn advance(run: &mut Run, t: i64, step: i64, ids: &mut Ids<'_>, fx: &mut Effects) {
    if matches!(run.phase, Phase::Pending | Phase::Running)
        && !run.timed_out
        && !run.cancelled
        && run_deadline(run).is_some_and(|d| d <= t)
    {
        time_out(run, t, fx);
    }
    match run.phase {
        Phase::Pending if run.since + step <= t => {
            run.phase = Phase::Running;
            run.since = t;
        }
        Phase::Terminating if run.since + step <= t => finish_run(run, t),
        Phase::Running => {
            let params = RunParams::of_run(run);
            for i in 0..run.tasks.len() {
                advance_task(run, i, t, step, ids, fx, &params);
            }
        }
        _ => {}
    }
}

#[allow(clippy::too_many_arguments)]
fn advance_task(
    run: &mut Run,
    i: usize,
    t: i64,
    step: i64,
    ids: &mut Ids<'_>,
    fx: &mut Effects,
    params: &RunParams,
) {
    let run_id = run.run_id;
    let task = &mut run.tasks[i];
    if matches!(task.phase, TaskPhase::Pending | TaskPhase::Running) {
        if let Some(deadline) = task_deadline(task) {
            let normal = match task.phase {
                TaskPhase::Pending => Some(task.since + step),
                _ => running_due(task, step),
            };
            if deadline <= t && normal.is_none_or(|n| deadline < n) {
                let timeout = setting_i64(task, "timeout_seconds").unwrap_or(0);
                terminate_task(
                    task,
                    t,
                    Outcome::terminated(
                        "TIMEDOUT",
                        format!("Task {} timed out after {timeout} seconds.", task.task_key),
                    ),
                    fx,
                );
                return;
            }
        }
    }
    match task.phase {
        TaskPhase::Pending if task.since + step <= t => {
            task.phase = TaskPhase::Running;
            task.since = t;
            task.running_start = Some(t);
            task.cluster_id = Some(cluster_of(task, run_id));
            if let Some(id) = task
                .settings
                .get("existing_cluster_id")
                .and_then(Value::as_str)
            {
                fx.cluster_uses.push(ClusterUse {
                    cluster_id: id.to_owned(),
                    at: t,
                    run_id,
                });
            }
            start_task(task, run_id, t, ids, fx, params);
        }
        TaskPhase::Running if running_due(task, step).is_some_and(|d| d <= t) => {
            let outcome = decide(task, params, t);
            task.phase = TaskPhase::Terminating;
            task.since = t;
            task.running_end = Some(t);
            task.outcome = Some(outcome);
        }
        TaskPhase::Terminating if task.since + step <= t => {
            task.phase = TaskPhase::Done;
            task.since = t;
            task.end_time = Some(t);
            maybe_retry(run, i, t, ids);
        }
        TaskPhase::WaitingForRetry if task_due(task, step).is_some_and(|d| d <= t) => {
            task.phase = TaskPhase::Pending;
            task.since = t;
            task.start_time = Some(t);
        }
        _ => {}
    }
}

/// The cluster a task runs on: its existing cluster, or a job cluster of the run.
fn cluster_of(task: &TaskRun, run_id: i64) -> String {
    if let Some(id) = task
        .settings
        .get("existing_cluster_id")
        .and_then(Value::as_str)
    {
        return id.to_owned();
    }
    let key = task
        .settings
        .get("job_cluster_key")
        .and_then(Value::as_str)
        .unwrap_or(&task.task_key);
    // A stable, cluster-id-looking name per run and job cluster.
    let mut hash: u64 = 1469598103934665603;
    for b in key.bytes().chain(run_id.to_le_bytes()) {
        hash = (hash ^ u64::from(b)).wrapping_mul(1099511628211);
    }
    format!("0101-000000-job{:010x}", hash & 0xff_ffff_ffff)
}

/// What happens when a task starts executing: `run_job` tasks start their child run; for-each
/// tasks create their iterations.
fn start_task(
    task: &mut TaskRun,
    run_id: i64,
    t: i64,
    ids: &mut Ids<'_>,
    fx: &mut Effects,
    params: &RunParams,
) {
    if let Some(rj) = obj(&task.settings, "run_job_task") {
        let job_id = rj.get("job_id").and_then(Value::as_i64).unwrap_or(0);
        let mut job_parameters = string_map(rj.get("job_parameters"));
        // Directives of the parent run reach the child too.
        for (k, v) in &params.job_parameters {
            if k.starts_with("emulator:") {
                job_parameters.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        fx.children.push(ChildRequest {
            parent_run: run_id,
            task_run: task.run_id,
            job_id,
            job_parameters,
        });
    }
    if let Some(fe) = obj(&task.settings, "for_each_task") {
        let inputs = fe
            .get("inputs")
            .and_then(Value::as_str)
            .and_then(|s| serde_json::from_str::<Value>(s).ok())
            .and_then(|v| v.as_array().cloned());
        let nested = fe
            .get("task")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        if let Some(inputs) = inputs {
            if let Some(id) = nested.get("existing_cluster_id").and_then(Value::as_str) {
                fx.cluster_uses.push(ClusterUse {
                    cluster_id: id.to_owned(),
                    at: t,
                    run_id,
                });
            }
            for input in inputs {
                let id = ids.next();
                let mut iteration = new_task_run(id, nested.clone(), params, 0, t);
                iteration.input = Some(match &input {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                });
                iteration.phase = TaskPhase::Running;
                iteration.start_time = Some(t);
                iteration.running_start = Some(t);
                iteration.since = t;
                task.iterations.push(iteration);
            }
        }
    }
}

/// How a task that finished executing ended.
fn decide(task: &mut TaskRun, params: &RunParams, t: i64) -> Outcome {
    let d = &task.directives;
    if let Some(message) = &d.internal_error {
        return Outcome::internal_error(message.clone());
    }
    let fails = match (d.fail_times, &d.fail) {
        (Some(n), _) => task.execution < n,
        (None, Some(_)) => true,
        _ => false,
    };
    if fails {
        let message = d
            .fail
            .clone()
            .unwrap_or_else(|| "Task failed (emulator:fail-times).".to_owned());
        return Outcome::terminated("FAILED", message);
    }
    if let Some(cond) = obj(&task.settings, "condition_task") {
        return match evaluate_condition(cond, params) {
            Ok(value) => {
                task.condition_outcome = Some(value.to_string());
                Outcome::terminated("SUCCESS", "")
            }
            Err(message) => Outcome::terminated("FAILED", message),
        };
    }
    if obj(&task.settings, "for_each_task").is_some() {
        if task.iterations.is_empty() && !inputs_are_array(task) {
            return Outcome::terminated(
                "FAILED",
                "The inputs of the for-each task are not a JSON array.",
            );
        }
        let fail_input = task.directives.fail_input.clone();
        let mut failed = 0;
        for it in &mut task.iterations {
            let it_fails = it.directives.fail.is_some()
                || it.directives.internal_error.is_some()
                || fail_input.is_some() && fail_input == it.input;
            it.phase = TaskPhase::Done;
            it.since = t;
            it.running_end = Some(t);
            it.end_time = Some(t);
            it.outcome = Some(if it_fails {
                failed += 1;
                Outcome::terminated(
                    "FAILED",
                    it.directives
                        .fail
                        .clone()
                        .unwrap_or_else(|| format!("Iteration failed for input {:?}", it.input)),
                )
            } else {
                Outcome::terminated("SUCCESS", "")
            });
        }
        return if failed > 0 {
            Outcome::terminated(
                "FAILED",
                format!("{failed} of {} iterations failed.", task.iterations.len()),
            )
        } else {
            Outcome::terminated("SUCCESS", "")
        };
    }
    Outcome::terminated("SUCCESS", "")
}

fn inputs_are_array(task: &TaskRun) -> bool {
    obj(&task.settings, "for_each_task")
        .and_then(|fe| fe.get("inputs"))
        .and_then(Value::as_str)
        .and_then(|s| serde_json::from_str::<Value>(s).ok())
        .is_some_and(|v| v.is_array())
}

/// Replaces `{{job.parameters.<name>}}` references.
fn resolve(text: &str, params: &RunParams) -> String {
    let mut out = text.to_owned();
    for (name, value) in &params.job_parameters {
        out = out.replace(&format!("{{{{job.parameters.{name}}}}}"), value);
        out = out.replace(&format!("{{{{job.parameters.[{name}]}}}}"), value);
    }
    out
}

/// Evaluates `left op right`: string comparison for `EQUAL_TO`/`NOT_EQUAL`, numeric otherwise.
fn evaluate_condition(cond: &Map<String, Value>, params: &RunParams) -> Result<bool, String> {
    let side = |k: &str| resolve(cond.get(k).and_then(Value::as_str).unwrap_or(""), params);
    let (left, right) = (side("left"), side("right"));
    let op = cond.get("op").and_then(Value::as_str).unwrap_or("EQUAL_TO");
    match op {
        "EQUAL_TO" => Ok(left == right),
        "NOT_EQUAL" => Ok(left != right),
        _ => {
            let (Ok(l), Ok(r)) = (left.trim().parse::<f64>(), right.trim().parse::<f64>()) else {
                return Err(format!(
                    "Condition operands must be numbers for {op}: {left:?}, {right:?}."
                ));
            };
            match op {
                "GREATER_THAN" => Ok(l > r),
                "GREATER_THAN_OR_EQUAL" => Ok(l >= r),
                "LESS_THAN" => Ok(l < r),
                "LESS_THAN_OR_EQUAL" => Ok(l <= r),
                other => Err(format!("Unknown condition operator {other}.")),
            }
        }
    }
}

/// Starts the next attempt of a failed task, if it has retries left.
fn maybe_retry(run: &mut Run, i: usize, t: i64, ids: &mut Ids<'_>) {
    if run.cancelled || run.timed_out {
        return;
    }
    let task = &run.tasks[i];
    let Some(outcome) = &task.outcome else { return };
    let retryable = outcome.life == "TERMINATED"
        && match outcome.result_str() {
            "FAILED" => true,
            "TIMEDOUT" => setting_bool(task, "retry_on_timeout"),
            _ => false,
        };
    if !retryable {
        return;
    }
    let max = setting_i64(task, "max_retries").unwrap_or(0);
    if !(max == -1 || task.attempt_number < max) {
        return;
    }
    let old = run.tasks[i].clone();
    run.previous.push(old);
    let task = &mut run.tasks[i];
    task.run_id = ids.next();
    task.attempt_number += 1;
    task.execution += 1;
    task.phase = TaskPhase::WaitingForRetry;
    task.since = t;
    task.start_time = None;
    task.running_start = None;
    task.running_end = None;
    task.end_time = None;
    task.outcome = None;
    task.condition_outcome = None;
    task.child_run = None;
    task.iterations.clear();
    task.cluster_id = None;
    if let Some(item) = run.history.last_mut() {
        item.task_run_ids.push(run.tasks[i].run_id);
    }
}

/// A task stops: `TERMINATING` with `outcome` (or done at once if it never started).
fn terminate_task(task: &mut TaskRun, t: i64, outcome: Outcome, fx: &mut Effects) {
    match task.phase {
        TaskPhase::Pending | TaskPhase::Running => {
            if task.phase == TaskPhase::Running {
                task.running_end = Some(t);
            }
            task.phase = TaskPhase::Terminating;
            task.since = t;
            task.outcome = Some(outcome);
            for it in &mut task.iterations {
                if it.phase != TaskPhase::Done {
                    it.phase = TaskPhase::Done;
                    it.end_time = Some(t);
                    it.outcome = Some(Outcome::terminated("CANCELED", "Cancelled."));
                }
            }
            if let Some(child) = task.child_run {
                fx.cancels.push(child);
            }
        }
        TaskPhase::Blocked | TaskPhase::WaitingForRetry => {
            task.phase = TaskPhase::Done;
            task.since = t;
            task.end_time = Some(t);
            task.outcome = Some(outcome);
        }
        TaskPhase::Terminating | TaskPhase::Done => {}
    }
}

fn time_out(run: &mut Run, t: i64, fx: &mut Effects) {
    run.timed_out = true;
    let message = format!("Run timed out after {} seconds.", run.timeout_seconds);
    for task in &mut run.tasks {
        let outcome = match task.phase {
            TaskPhase::Pending | TaskPhase::Running => {
                Outcome::terminated("TIMEDOUT", message.clone())
            }
            _ => Outcome::terminated("CANCELED", message.clone()),
        };
        terminate_task(task, t, outcome, fx);
    }
    if run.phase == Phase::Pending {
        run.phase = Phase::Terminating;
        run.since = t;
        run.outcome = Some(run_outcome(run));
    }
}

/// Cancels a run at `t` (asynchronous like the service: it goes through `TERMINATING`).
/// Returns whether anything changed.
pub(crate) fn cancel_run(run: &mut Run, t: i64) -> Vec<i64> {
    let mut fx = Effects::default();
    match run.phase {
        Phase::Done => {}
        Phase::Queued => {
            run.cancelled = true;
            for task in &mut run.tasks {
                terminate_task(
                    task,
                    t,
                    Outcome::terminated("CANCELED", "Run cancelled."),
                    &mut fx,
                );
            }
            run.outcome = Some(run_outcome(run));
            finish_run(run, t);
        }
        _ => {
            run.cancelled = true;
            for task in &mut run.tasks {
                terminate_task(
                    task,
                    t,
                    Outcome::terminated("CANCELED", "Run cancelled."),
                    &mut fx,
                );
            }
            if run.phase == Phase::Pending {
                run.phase = Phase::Terminating;
                run.since = t;
                run.outcome = Some(run_outcome(run));
            }
        }
    }
    fx.cancels
}

/// Cancels one task run of `run` at `t`; returns child runs to cancel.
pub(crate) fn cancel_task(run: &mut Run, task_run_id: i64, t: i64) -> Vec<i64> {
    let mut fx = Effects::default();
    if let Some(task) = run.tasks.iter_mut().find(|x| x.run_id == task_run_id) {
        terminate_task(
            task,
            t,
            Outcome::terminated("CANCELED", "Task cancelled."),
            &mut fx,
        );
    }
    fx.cancels
}

fn apply_cancels(runs: &mut BTreeMap<i64, Run>, cancels: &[i64], t: i64) {
    let mut pending: Vec<i64> = cancels.to_vec();
    let mut seen = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(run) = runs.get_mut(&id) {
            pending.extend(cancel_run(run, t));
        }
    }
}

/// Cancels runs (and the child runs of their `run_job` tasks) at `t`.
pub(crate) fn cancel_runs(jobs: &mut JobsState, ids: &[i64], t: i64) {
    apply_cancels(&mut jobs.runs, ids, t);
}

fn finish_run(run: &mut Run, t: i64) {
    run.phase = Phase::Done;
    run.since = t;
    run.end_time = Some(t);
    if let Some(item) = run.history.last_mut() {
        item.end_time = Some(t);
        item.outcome = run.outcome.clone();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DepClass {
    Success,
    Failed,
    Canceled,
    Excluded,
}

fn classify(dep: &TaskRun, wanted_outcome: Option<&str>) -> DepClass {
    let Some(outcome) = &dep.outcome else {
        return DepClass::Excluded;
    };
    if outcome.life == "INTERNAL_ERROR" {
        return DepClass::Failed;
    }
    match outcome.result_str() {
        "SUCCESS" | "SUCCESS_WITH_FAILURES" => match wanted_outcome {
            Some(wanted) if dep.condition_outcome.as_deref() != Some(wanted) => DepClass::Excluded,
            _ => DepClass::Success,
        },
        "FAILED" | "TIMEDOUT" | "UPSTREAM_FAILED" | "MAXIMUM_CONCURRENT_RUNS_REACHED" => {
            DepClass::Failed
        }
        "CANCELED" | "UPSTREAM_CANCELED" => DepClass::Canceled,
        _ => DepClass::Excluded,
    }
}

/// For a blocked task whose dependencies are done: `None` to run it, or why it is skipped.
fn run_if_decision(task: &TaskRun, deps: &[DepClass]) -> Option<Outcome> {
    if setting_bool(task, "disabled") {
        return Some(Outcome::skipped("DISABLED", "This task is disabled."));
    }
    let any = |c: DepClass| deps.contains(&c);
    let all = |c: DepClass| !deps.is_empty() && deps.iter().all(|d| *d == c);
    let upstream_failed = || {
        Some(Outcome::skipped(
            "UPSTREAM_FAILED",
            "Upstream task(s) failed.",
        ))
    };
    let upstream_canceled = || {
        Some(Outcome::skipped(
            "UPSTREAM_CANCELED",
            "Upstream task(s) were cancelled.",
        ))
    };
    let excluded = || {
        Some(Outcome::skipped(
            "EXCLUDED",
            "The task was excluded: its run_if condition was not met.",
        ))
    };
    if deps.is_empty() {
        return None;
    }
    let run_if = task
        .settings
        .get("run_if")
        .and_then(Value::as_str)
        .unwrap_or("ALL_SUCCESS");
    match run_if {
        "ALL_DONE" => None,
        "AT_LEAST_ONE_SUCCESS" => {
            if any(DepClass::Success) {
                None
            } else if any(DepClass::Failed) {
                upstream_failed()
            } else if any(DepClass::Canceled) {
                upstream_canceled()
            } else {
                excluded()
            }
        }
        "NONE_FAILED" => {
            if any(DepClass::Failed) {
                upstream_failed()
            } else if any(DepClass::Canceled) {
                upstream_canceled()
            } else {
                None
            }
        }
        "AT_LEAST_ONE_FAILED" => {
            if any(DepClass::Failed) {
                None
            } else {
                excluded()
            }
        }
        "ALL_FAILED" => {
            if all(DepClass::Failed) {
                None
            } else {
                excluded()
            }
        }
        _ => {
            if any(DepClass::Failed) {
                upstream_failed()
            } else if any(DepClass::Canceled) {
                upstream_canceled()
            } else if all(DepClass::Success) {
                None
            } else {
                excluded()
            }
        }
    }
}

fn dependencies(task: &TaskRun) -> Vec<(String, Option<String>)> {
    task.settings
        .get("depends_on")
        .and_then(Value::as_array)
        .map(|deps| {
            deps.iter()
                .filter_map(|d| {
                    let key = d.get("task_key")?.as_str()?.to_owned();
                    let outcome = d.get("outcome").and_then(Value::as_str).map(str::to_owned);
                    Some((key, outcome))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Applies the instantaneous transitions at `t` everywhere until nothing changes.
pub(crate) fn settle(jobs: &mut JobsState, t: i64) {
    for _ in 0..10_000 {
        let mut changed = false;
        let children: BTreeMap<i64, bool> =
            jobs.runs
                .values()
                .filter(|r| r.parent_task_run.is_some() && r.phase == Phase::Done)
                .map(|r| {
                    let ok = r.outcome.as_ref().is_some_and(|o| {
                        matches!(o.result_str(), "SUCCESS" | "SUCCESS_WITH_FAILURES")
                    });
                    (r.run_id, ok)
                })
                .collect();
        for run in jobs.runs.values_mut().filter(|r| r.phase == Phase::Running) {
            changed |= settle_run(run, t, &children);
        }
        changed |= admit_queued(jobs, t);
        if !changed {
            return;
        }
    }
}

fn settle_run(run: &mut Run, t: i64, children: &BTreeMap<i64, bool>) -> bool {
    let mut changed = false;
    loop {
        let mut progressed = false;
        for i in 0..run.tasks.len() {
            let task = &run.tasks[i];
            match task.phase {
                TaskPhase::Blocked => {
                    let deps = dependencies(task);
                    let mut classes = Vec::new();
                    let mut ready = true;
                    for (key, wanted) in &deps {
                        match run.tasks.iter().find(|x| &x.task_key == key) {
                            None => {} // not part of this run (`only`)
                            Some(dep) if dep.phase == TaskPhase::Done => {
                                classes.push(classify(dep, wanted.as_deref()));
                            }
                            Some(_) => ready = false,
                        }
                    }
                    if !ready {
                        continue;
                    }
                    let decision = run_if_decision(task, &classes);
                    let task = &mut run.tasks[i];
                    match decision {
                        None => {
                            task.phase = TaskPhase::Pending;
                            task.since = t;
                            task.start_time = Some(t);
                        }
                        Some(outcome) => {
                            task.phase = TaskPhase::Done;
                            task.since = t;
                            task.end_time = Some(t);
                            task.outcome = Some(outcome);
                        }
                    }
                    progressed = true;
                }
                TaskPhase::Running if is_run_job(task) => {
                    let Some(child) = task.child_run else {
                        continue;
                    };
                    let Some(ok) = children.get(&child) else {
                        continue;
                    };
                    let outcome = if *ok {
                        Outcome::terminated("SUCCESS", "")
                    } else {
                        Outcome::terminated(
                            "FAILED",
                            format!("The run {child} of the triggered job did not succeed."),
                        )
                    };
                    let task = &mut run.tasks[i];
                    task.phase = TaskPhase::Terminating;
                    task.since = t;
                    task.running_end = Some(t);
                    task.outcome = Some(outcome);
                    progressed = true;
                }
                _ => {}
            }
        }
        if !progressed {
            break;
        }
        changed = true;
    }
    if run.tasks.iter().all(|x| x.phase == TaskPhase::Done) {
        run.phase = Phase::Terminating;
        run.since = t;
        run.outcome = Some(run_outcome(run));
        changed = true;
    }
    changed
}

/// Admits queued runs into free slots of their jobs, oldest first.
fn admit_queued(jobs: &mut JobsState, t: i64) -> bool {
    let mut changed = false;
    let queued: Vec<(i64, i64)> = jobs
        .runs
        .values()
        .filter(|r| r.phase == Phase::Queued)
        .filter_map(|r| Some((r.job_id?, r.run_id)))
        .collect();
    for (job_id, run_id) in queued {
        let max = jobs
            .jobs
            .get(&job_id)
            .and_then(|j| j.settings.get("max_concurrent_runs"))
            .and_then(Value::as_i64)
            .unwrap_or(1);
        let active = jobs
            .runs
            .values()
            .filter(|r| r.job_id == Some(job_id) && r.holds_slot())
            .count() as i64;
        if active < max {
            if let Some(run) = jobs.runs.get_mut(&run_id) {
                admit(run, t);
                changed = true;
            }
        }
    }
    changed
}

/// Starts the runs of `run_job` tasks; a missing job fails the task.
fn start_children(jobs: &mut JobsState, rng: &mut Rng, children: Vec<ChildRequest>, t: i64) {
    for child in children {
        let result = super::runs::start_job_run(
            jobs,
            rng,
            child.job_id,
            super::runs::Trigger::RunJobTask {
                parent_task_run: child.task_run,
                job_parameters: child.job_parameters,
            },
            t,
        );
        let Some(run) = jobs.runs.get_mut(&child.parent_run) else {
            continue;
        };
        let Some(task) = run.tasks.iter_mut().find(|x| x.run_id == child.task_run) else {
            continue;
        };
        match result {
            Ok(child_id) => task.child_run = Some(child_id),
            Err(message) => {
                task.phase = TaskPhase::Terminating;
                task.since = t;
                task.running_end = Some(t);
                task.outcome = Some(Outcome::terminated("FAILED", message));
            }
        }
    }
}

/// The outcome of a run whose tasks are all done.
pub(crate) fn run_outcome(run: &Run) -> Outcome {
    if run.timed_out {
        return Outcome::terminated(
            "TIMEDOUT",
            format!("Run timed out after {} seconds.", run.timeout_seconds),
        );
    }
    if run.cancelled {
        return Outcome::terminated("CANCELED", "Run cancelled.");
    }
    if let Some(task) = run.tasks.iter().find(|x| {
        x.outcome
            .as_ref()
            .is_some_and(|o| o.life == "INTERNAL_ERROR")
    }) {
        let message = task
            .outcome
            .as_ref()
            .map(|o| o.message.clone())
            .unwrap_or_default();
        return Outcome::internal_error(format!(
            "Task {} failed with an internal error: {message}",
            task.task_key
        ));
    }
    let result = |x: &TaskRun| {
        x.outcome
            .as_ref()
            .map(|o| o.result_str().to_owned())
            .unwrap_or_default()
    };
    let ok = |r: &str| {
        matches!(
            r,
            "SUCCESS" | "SUCCESS_WITH_FAILURES" | "EXCLUDED" | "DISABLED" | ""
        )
    };
    if run.tasks.iter().all(|x| ok(&result(x))) {
        return Outcome::terminated("SUCCESS", "");
    }
    let depended: BTreeSet<String> = run
        .tasks
        .iter()
        .flat_map(|x| dependencies(x).into_iter().map(|(k, _)| k))
        .collect();
    let leaves_ok = run
        .tasks
        .iter()
        .filter(|x| !depended.contains(&x.task_key))
        .all(|x| ok(&result(x)));
    let failed = run
        .tasks
        .iter()
        .find(|x| matches!(result(x).as_str(), "FAILED" | "TIMEDOUT"));
    if leaves_ok {
        let key = failed.map(|x| x.task_key.clone()).unwrap_or_default();
        return Outcome::terminated(
            "SUCCESS_WITH_FAILURES",
            format!("Task {key} failed, but all leaf tasks succeeded."),
        );
    }
    if let Some(task) = failed {
        let message = task
            .outcome
            .as_ref()
            .map(|o| o.message.as_str())
            .unwrap_or("");
        let text = if message.is_empty() {
            format!("Task {} failed.", task.task_key)
        } else {
            format!("Task {} failed with message: {message}.", task.task_key)
        };
        return Outcome::terminated(
            "FAILED",
            format!("{text} This caused all downstream tasks to get skipped."),
        );
    }
    if run.tasks.iter().any(|x| result(x) == "UPSTREAM_FAILED") {
        return Outcome::terminated("FAILED", "Upstream task(s) failed.");
    }
    Outcome::terminated("CANCELED", "Some tasks were cancelled.")
}

/// Repairs a finished run at `t`: the tasks `keys` get new task runs (`BLOCKED`, a new
/// execution) with `params`, the others keep their results, and the run starts again.
pub(crate) fn repair(
    jobs: &mut JobsState,
    rng: &mut Rng,
    run_id: i64,
    keys: &BTreeSet<String>,
    params: RunParams,
    overriding: Map<String, Value>,
    t: i64,
) -> i64 {
    let JobsState {
        last_run_id, runs, ..
    } = jobs;
    let mut ids = Ids {
        last: last_run_id,
        rng,
    };
    let repair_id = ids.next();
    let Some(run) = runs.get_mut(&run_id) else {
        return repair_id;
    };
    if !overriding.is_empty() {
        for (k, v) in overriding {
            run.overriding.insert(k, v);
        }
    }
    if !params.job_parameters.is_empty() {
        for p in &mut run.job_parameters {
            if let Some(name) = p.get("name").and_then(Value::as_str).map(str::to_owned) {
                if let Some(v) = params.job_parameters.get(&name) {
                    p["value"] = json!(v);
                }
            }
        }
    }
    let run_params = RunParams::of_run(run);
    let mut started = Vec::new();
    for i in 0..run.tasks.len() {
        if !keys.contains(&run.tasks[i].task_key) {
            continue;
        }
        let old = run.tasks[i].clone();
        let execution = old.execution + 1;
        run.previous.push(old.clone());
        let id = ids.next();
        let mut fresh = new_task_run(id, old.settings, &run_params, execution, t);
        fresh.repair_id = Some(repair_id);
        started.push(id);
        run.tasks[i] = fresh;
    }
    run.history.push(HistoryItem {
        id: Some(repair_id),
        start_time: t,
        end_time: None,
        outcome: None,
        task_run_ids: started,
    });
    run.phase = Phase::Pending;
    run.since = t;
    run.active_since = t;
    run.end_time = None;
    run.outcome = None;
    run.cancelled = false;
    run.timed_out = false;
    repair_id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(key: &str, deps: &[&str], extra: Value) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("task_key".into(), json!(key));
        m.insert("notebook_task".into(), json!({ "notebook_path": "/n" }));
        if !deps.is_empty() {
            let deps: Vec<Value> = deps.iter().map(|d| json!({ "task_key": d })).collect();
            m.insert("depends_on".into(), Value::Array(deps));
        }
        if let Value::Object(extra) = extra {
            m.extend(extra);
        }
        m
    }

    fn submit(
        jobs: &mut JobsState,
        rng: &mut Rng,
        tasks: Vec<Map<String, Value>>,
        now: i64,
    ) -> i64 {
        create_run(
            jobs,
            rng,
            NewRun {
                job_id: None,
                run_type: "SUBMIT_RUN",
                run_name: "t".into(),
                creator: "me".into(),
                trigger: "ONE_TIME",
                schedule: None,
                parent_task_run: None,
                single_task: false,
                tasks,
                job_clusters: Vec::new(),
                git_source: None,
                timeout_seconds: 0,
                job_parameters: Vec::new(),
                overriding: Map::new(),
                idempotency_token: None,
                concurrency: None,
            },
            now,
        )
    }

    #[test]
    fn tasks_run_in_dependency_order_and_upstream_failures_skip() {
        let mut jobs = JobsState::default();
        let mut rng = Rng::new(1);
        let id = submit(
            &mut jobs,
            &mut rng,
            vec![
                task("a", &[], json!({})),
                task(
                    "b",
                    &["a"],
                    json!({ "notebook_task": { "notebook_path": "/n",
                    "base_parameters": { "emulator:fail": "boom" } } }),
                ),
                task("c", &["b"], json!({})),
                task("d", &["b"], json!({ "run_if": "ALL_DONE" })),
            ],
            0,
        );
        tick(&mut jobs, &mut rng, 10, 10, &FilesState::default());
        let run = &jobs.runs[&id];
        assert_eq!(run.phase, Phase::Running);
        assert_eq!(run.tasks[0].phase, TaskPhase::Pending);
        assert_eq!(run.tasks[1].phase, TaskPhase::Blocked);
        tick(&mut jobs, &mut rng, 10_000, 10, &FilesState::default());
        let run = &jobs.runs[&id];
        assert_eq!(run.phase, Phase::Done);
        let results: Vec<&str> = run
            .tasks
            .iter()
            .map(|x| x.outcome.as_ref().unwrap().result_str())
            .collect();
        assert_eq!(results, ["SUCCESS", "FAILED", "UPSTREAM_FAILED", "SUCCESS"]);
        // c, a leaf, did not run: the run failed, naming the failed task.
        let outcome = run.outcome.as_ref().unwrap();
        assert_eq!(outcome.result_str(), "FAILED");
        assert!(
            outcome.message.contains("Task b failed with message: boom"),
            "{}",
            outcome.message
        );
        // a starts at 10 (run PENDING 0..10), b after a's 3 steps.
        assert_eq!(run.tasks[0].start_time, Some(10));
        assert_eq!(run.tasks[1].start_time, Some(40));
        assert!(run.tasks[3].start_time.unwrap() >= run.tasks[1].end_time.unwrap());
    }

    #[test]
    fn success_with_failures_when_every_leaf_succeeded() {
        let mut jobs = JobsState::default();
        let mut rng = Rng::new(5);
        let id = submit(
            &mut jobs,
            &mut rng,
            vec![
                task(
                    "a",
                    &[],
                    json!({ "notebook_task": { "notebook_path": "/n",
                    "base_parameters": { "emulator:fail": "boom" } } }),
                ),
                task("b", &["a"], json!({ "run_if": "ALL_DONE" })),
            ],
            0,
        );
        tick(&mut jobs, &mut rng, 10_000, 10, &FilesState::default());
        let outcome = jobs.runs[&id].outcome.clone().unwrap();
        assert_eq!(outcome.result_str(), "SUCCESS_WITH_FAILURES");
    }

    #[test]
    fn retries_then_success_and_timeouts() {
        let mut jobs = JobsState::default();
        let mut rng = Rng::new(2);
        let id = submit(
            &mut jobs,
            &mut rng,
            vec![task(
                "a",
                &[],
                json!({ "max_retries": 2, "notebook_task": { "notebook_path": "/n",
                    "base_parameters": { "emulator:fail-times": "2" } } }),
            )],
            0,
        );
        tick(&mut jobs, &mut rng, 100_000, 10, &FilesState::default());
        let run = &jobs.runs[&id];
        assert_eq!(run.outcome.as_ref().unwrap().result_str(), "SUCCESS");
        assert_eq!(run.tasks[0].attempt_number, 2);
        assert_eq!(run.previous.len(), 2);

        let timed = submit(
            &mut jobs,
            &mut rng,
            vec![task(
                "h",
                &[],
                json!({ "notebook_task": { "notebook_path": "/n",
                "base_parameters": { "emulator:hang": "true" } } }),
            )],
            0,
        );
        jobs.runs.get_mut(&timed).unwrap().timeout_seconds = 1;
        tick(&mut jobs, &mut rng, 100_000, 10, &FilesState::default());
        let run = &jobs.runs[&timed];
        assert_eq!(run.outcome.as_ref().unwrap().result_str(), "TIMEDOUT");
        assert_eq!(
            run.tasks[0].outcome.as_ref().unwrap().result_str(),
            "TIMEDOUT"
        );
    }

    #[test]
    fn conditions_gate_downstream_tasks() {
        let mut jobs = JobsState::default();
        let mut rng = Rng::new(3);
        let mut cond = Map::new();
        cond.insert("task_key".into(), json!("check"));
        cond.insert(
            "condition_task".into(),
            json!({ "left": "1", "op": "GREATER_THAN", "right": "2" }),
        );
        let mut yes = task("yes", &[], json!({}));
        yes.insert(
            "depends_on".into(),
            json!([{ "task_key": "check", "outcome": "true" }]),
        );
        let mut no = task("no", &[], json!({}));
        no.insert(
            "depends_on".into(),
            json!([{ "task_key": "check", "outcome": "false" }]),
        );
        let id = submit(&mut jobs, &mut rng, vec![cond, yes, no], 0);
        tick(&mut jobs, &mut rng, 10_000, 10, &FilesState::default());
        let run = &jobs.runs[&id];
        assert_eq!(run.tasks[0].condition_outcome.as_deref(), Some("false"));
        assert_eq!(
            run.tasks[1].outcome.as_ref().unwrap().result_str(),
            "EXCLUDED"
        );
        assert_eq!(
            run.tasks[2].outcome.as_ref().unwrap().result_str(),
            "SUCCESS"
        );
        assert_eq!(run.outcome.as_ref().unwrap().result_str(), "SUCCESS");
    }

    #[test]
    fn state_survives_a_persistence_round_trip() {
        let mut jobs = JobsState::default();
        let mut rng = Rng::new(6);
        let id = submit(
            &mut jobs,
            &mut rng,
            vec![task("a", &[], json!({})), task("b", &["a"], json!({}))],
            0,
        );
        tick(&mut jobs, &mut rng, 35, 10, &FilesState::default());
        let text = serde_json::to_string(&jobs).unwrap();
        let mut back: JobsState = serde_json::from_str(&text).unwrap();
        assert_eq!(back, jobs);
        tick(&mut back, &mut rng, 10_000, 10, &FilesState::default());
        assert_eq!(
            back.runs[&id].outcome.as_ref().unwrap().result_str(),
            "SUCCESS"
        );
    }

    #[test]
    fn cancel_goes_through_terminating() {
        let mut jobs = JobsState::default();
        let mut rng = Rng::new(4);
        let id = submit(&mut jobs, &mut rng, vec![task("a", &[], json!({}))], 0);
        tick(&mut jobs, &mut rng, 15, 10, &FilesState::default());
        let run = jobs.runs.get_mut(&id).unwrap();
        cancel_run(run, 15);
        assert_eq!(run.tasks[0].phase, TaskPhase::Terminating);
        tick(&mut jobs, &mut rng, 1000, 10, &FilesState::default());
        let run = &jobs.runs[&id];
        assert_eq!(run.phase, Phase::Done);
        assert_eq!(run.outcome.as_ref().unwrap().result_str(), "CANCELED");
    }
}
