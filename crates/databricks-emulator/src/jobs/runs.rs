//! Starting job runs (run-now, `run_job` tasks) and finding runs and task runs.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::model::{JobsState, Run, TaskPhase, TaskRun};
use super::sim::{self, NewRun};
use crate::ids::Rng;

/// Why a job run starts.
pub(crate) enum Trigger {
    /// `run-now`.
    OneTime {
        /// Who asked.
        creator: String,
        /// `job_parameters` overrides.
        job_parameters: BTreeMap<String, String>,
        /// `notebook_params`, `python_params`... as sent.
        overriding: Map<String, Value>,
        /// `only`: the task keys to run (empty: all).
        only: Vec<String>,
        /// `queue.enabled` override.
        queue: Option<bool>,
        /// `idempotency_token`.
        token: Option<String>,
    },
    /// The job's own trigger: its schedule or periodic trigger (`PERIODIC`, with the
    /// schedule for cron schedules) or its continuous setting (`CONTINUOUS`).
    Scheduled {
        /// `PERIODIC` or `CONTINUOUS`.
        trigger: &'static str,
        /// The cron schedule that fired, shown on the run.
        schedule: Option<Value>,
    },
    /// A `run_job` task of another run.
    RunJobTask {
        /// The task run that triggers it.
        parent_task_run: i64,
        /// `run_job_task.job_parameters`.
        job_parameters: BTreeMap<String, String>,
    },
}

/// The tasks `only` selects: `key`, `+key` (and its upstream tasks), `key+` (and downstream).
pub(crate) fn select_only(tasks: &[Value], only: &[String]) -> Result<BTreeSet<String>, String> {
    let deps: BTreeMap<String, Vec<String>> = tasks
        .iter()
        .filter_map(|t| {
            let key = t.get("task_key")?.as_str()?.to_owned();
            let deps = t
                .get("depends_on")
                .and_then(Value::as_array)
                .map(|d| {
                    d.iter()
                        .filter_map(|x| x.get("task_key")?.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            Some((key, deps))
        })
        .collect();
    let mut selected = BTreeSet::new();
    for entry in only {
        let (up, key, down) = match (entry.strip_prefix('+'), entry.strip_suffix('+')) {
            (Some(k), _) => (true, k, false),
            (None, Some(k)) => (false, k, true),
            (None, None) => (false, entry.as_str(), false),
        };
        if !deps.contains_key(key) {
            return Err(format!("Task {key} in `only` is not a task of this job."));
        }
        selected.insert(key.to_owned());
        if up {
            let mut stack = vec![key.to_owned()];
            while let Some(k) = stack.pop() {
                for d in deps.get(&k).into_iter().flatten() {
                    if selected.insert(d.clone()) {
                        stack.push(d.clone());
                    }
                }
            }
        }
        if down {
            selected.extend(downstream(&deps, &[key.to_owned()]));
        }
    }
    Ok(selected)
}

/// Every task downstream of `roots` (not including them unless reachable).
pub(crate) fn downstream(
    deps: &BTreeMap<String, Vec<String>>,
    roots: &[String],
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<String> = roots.to_vec();
    while let Some(k) = stack.pop() {
        for (task, task_deps) in deps {
            if task_deps.contains(&k) && out.insert(task.clone()) {
                stack.push(task.clone());
            }
        }
    }
    out
}

/// Starts a run of job `job_id` at `now`; returns its id, or why it could not start.
pub(crate) fn start_job_run(
    jobs: &mut JobsState,
    rng: &mut Rng,
    job_id: i64,
    trigger: Trigger,
    now: i64,
) -> Result<i64, String> {
    let job = jobs
        .jobs
        .get(&job_id)
        .ok_or_else(|| format!("Job {job_id} does not exist."))?;
    let settings = &job.settings;
    let all_tasks = settings
        .get("tasks")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut run_schedule = None;
    let (creator, overrides, overriding, only, queue, token, trigger_name, parent) = match trigger {
        Trigger::OneTime {
            creator,
            job_parameters,
            overriding,
            only,
            queue,
            token,
        } => (
            creator,
            job_parameters,
            overriding,
            only,
            queue,
            token,
            "ONE_TIME",
            None,
        ),
        Trigger::Scheduled { trigger, schedule } => {
            run_schedule = schedule;
            (
                job.creator.clone(),
                BTreeMap::new(),
                Map::new(),
                Vec::new(),
                None,
                None,
                trigger,
                None,
            )
        }
        Trigger::RunJobTask {
            parent_task_run,
            job_parameters,
        } => (
            job.creator.clone(),
            job_parameters,
            Map::new(),
            Vec::new(),
            None,
            None,
            "RUN_JOB_TASK",
            Some(parent_task_run),
        ),
    };
    let tasks: Vec<Map<String, Value>> = if only.is_empty() {
        all_tasks
            .iter()
            .filter_map(|t| t.as_object().cloned())
            .collect()
    } else {
        let keep = select_only(&all_tasks, &only)?;
        all_tasks
            .iter()
            .filter_map(|t| t.as_object().cloned())
            .filter(|t| {
                t.get("task_key")
                    .and_then(Value::as_str)
                    .is_some_and(|k| keep.contains(k))
            })
            .collect()
    };
    let mut job_parameters: Vec<Value> = Vec::new();
    let mut seen = BTreeSet::new();
    for def in settings
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(name) = def.get("name").and_then(Value::as_str) else {
            continue;
        };
        let default = def.get("default").and_then(Value::as_str).unwrap_or("");
        let value = overrides.get(name).map(String::as_str).unwrap_or(default);
        job_parameters.push(json!({ "name": name, "default": default, "value": value }));
        seen.insert(name.to_owned());
    }
    for (name, value) in &overrides {
        if !seen.contains(name) {
            job_parameters.push(json!({ "name": name, "value": value }));
        }
    }
    let max = settings
        .get("max_concurrent_runs")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let queue = queue.unwrap_or_else(|| {
        settings
            .get("queue")
            .and_then(|q| q.get("enabled"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    });
    let new = NewRun {
        job_id: Some(job_id),
        run_type: "JOB_RUN",
        run_name: settings
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("Untitled")
            .to_owned(),
        creator,
        trigger: trigger_name,
        schedule: run_schedule,
        parent_task_run: parent,
        single_task: job.single_task,
        tasks,
        job_clusters: settings
            .get("job_clusters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        git_source: settings.get("git_source").cloned(),
        timeout_seconds: settings
            .get("timeout_seconds")
            .and_then(Value::as_i64)
            .unwrap_or(0),
        job_parameters,
        overriding,
        idempotency_token: token,
        concurrency: Some((max, queue)),
    };
    let run_id = sim::create_run(jobs, rng, new, now);
    sim::settle(jobs, now);
    Ok(run_id)
}

/// Task runs that hold compute (pending, running, terminating) in the workspace.
pub(crate) fn active_task_runs(jobs: &JobsState) -> usize {
    jobs.runs
        .values()
        .filter(|r| r.is_active())
        .flat_map(|r| r.tasks.iter())
        .filter(|t| {
            matches!(
                t.phase,
                TaskPhase::Pending | TaskPhase::Running | TaskPhase::Terminating
            )
        })
        .count()
}

/// What a run id names.
pub(crate) enum Found<'a> {
    /// A job run or one-time run.
    Run(&'a Run),
    /// A task run (any attempt, or an iteration) of `Run`.
    Task(&'a Run, &'a TaskRun),
}

/// Finds a run or task run by id.
pub(crate) fn find(jobs: &JobsState, id: i64) -> Option<Found<'_>> {
    if let Some(run) = jobs.runs.get(&id) {
        return Some(Found::Run(run));
    }
    jobs.runs
        .values()
        .find_map(|run| run.find_task(id).map(|t| Found::Task(run, t)))
}

/// The id of the run holding task run `id`.
pub(crate) fn parent_of_task(jobs: &JobsState, id: i64) -> Option<i64> {
    jobs.runs
        .values()
        .find(|run| run.find_task(id).is_some())
        .map(|r| r.run_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_selects_upstream_and_downstream() {
        let tasks = vec![
            json!({ "task_key": "a" }),
            json!({ "task_key": "b", "depends_on": [{ "task_key": "a" }] }),
            json!({ "task_key": "c", "depends_on": [{ "task_key": "b" }] }),
            json!({ "task_key": "d" }),
        ];
        let pick = |only: &[&str]| {
            select_only(
                &tasks,
                &only.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            )
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>()
        };
        assert_eq!(pick(&["b"]), ["b"]);
        assert_eq!(pick(&["+b"]), ["a", "b"]);
        assert_eq!(pick(&["b+"]), ["b", "c"]);
        assert!(select_only(&tasks, &["zz".to_string()]).is_err());
    }
}
