//! Client-side validation: everything here fails with
//! [`Error::InvalidInput`](databricks_core::Error::InvalidInput) before a request is sent.

use std::collections::{BTreeMap, HashMap, HashSet};

use databricks_core::{Error, Result};
use serde::Serialize;

use crate::model::{
    JobSettings, ListJobs, ListRuns, RepairRun, RunNow, SubmitRun, Task, WebhookNotifications,
};

/// Most tasks in a job (write requests).
pub const MAX_TASKS: usize = 1000;
/// Longest task key, in characters.
pub const MAX_TASK_KEY_LEN: usize = 100;
/// Longest job name, in bytes (UTF-8).
pub const MAX_NAME_BYTES: usize = 4096;
/// Longest job description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 27_700;
/// Most tags on a job.
pub const MAX_TAGS: usize = 25;
/// Largest `max_concurrent_runs`.
pub const MAX_CONCURRENT_RUNS: i32 = 1000;
/// Longest idempotency token, in characters.
pub const MAX_IDEMPOTENCY_TOKEN_LEN: usize = 64;
/// Largest JSON encoding of each of `notebook_params`, `jar_params`, `python_params`,
/// `spark_submit_params`, in bytes.
pub const MAX_PARAMS_JSON_BYTES: usize = 10_000;
/// Most destinations per webhook notification event.
pub const MAX_WEBHOOKS_PER_EVENT: usize = 3;
/// Largest page of `jobs/list`.
pub const MAX_LIST_JOBS_LIMIT: u32 = 100;
/// Largest page of `jobs/runs/list`.
pub const MAX_LIST_RUNS_LIMIT: u32 = 25;

/// How much of a job the settings describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The whole job (create, reset): references must resolve within the settings.
    Whole,
    /// Part of a job (update): tasks and clusters not sent may exist on the service.
    Partial,
}

fn invalid(field: impl Into<String>, message: impl Into<String>) -> Error {
    Error::invalid_input(field, message)
}

/// Validates settings for create/reset (`Scope::Whole`) or update (`Scope::Partial`).
pub(crate) fn settings(s: &JobSettings, prefix: &str, scope: Scope) -> Result<()> {
    let field = |name: &str| format!("{prefix}{name}");
    if let Some(name) = &s.name {
        if name.len() > MAX_NAME_BYTES {
            return Err(invalid(
                field("name"),
                format!("must be at most {MAX_NAME_BYTES} bytes, got {}", name.len()),
            ));
        }
    }
    if let Some(description) = &s.description {
        let chars = description.chars().count();
        if chars > MAX_DESCRIPTION_CHARS {
            return Err(invalid(
                field("description"),
                format!("must be at most {MAX_DESCRIPTION_CHARS} characters, got {chars}"),
            ));
        }
    }
    if s.tags.len() > MAX_TAGS {
        return Err(invalid(
            field("tags"),
            format!("at most {MAX_TAGS} tags, got {}", s.tags.len()),
        ));
    }
    if let Some(n) = s.max_concurrent_runs {
        if !(0..=MAX_CONCURRENT_RUNS).contains(&n) {
            return Err(invalid(
                field("max_concurrent_runs"),
                format!("must be between 0 and {MAX_CONCURRENT_RUNS}, got {n}"),
            ));
        }
    }
    non_negative(&field("timeout_seconds"), s.timeout_seconds)?;
    if s.schedule.is_some() && s.continuous.is_some() {
        return Err(invalid(
            field("continuous"),
            "`schedule` and `continuous` are mutually exclusive",
        ));
    }
    if !s.triggers.is_empty()
        && (s.schedule.is_some() || s.trigger.is_some() || s.continuous.is_some())
    {
        return Err(invalid(
            field("triggers"),
            "cannot be combined with `schedule`, `trigger` or `continuous`",
        ));
    }
    if let Some(webhooks) = &s.webhook_notifications {
        webhook_limits(&field("webhook_notifications"), webhooks)?;
    }
    let mut cluster_keys = HashSet::new();
    for (i, cluster) in s.job_clusters.iter().enumerate() {
        let f = field(&format!("job_clusters[{i}].job_cluster_key"));
        if cluster.job_cluster_key.is_empty() {
            return Err(invalid(f, "must not be empty"));
        }
        if !cluster_keys.insert(cluster.job_cluster_key.as_str()) {
            return Err(invalid(
                f,
                format!("duplicate job cluster key {:?}", cluster.job_cluster_key),
            ));
        }
    }
    let mut env_keys = HashSet::new();
    for (i, env) in s.environments.iter().enumerate() {
        let f = field(&format!("environments[{i}].environment_key"));
        if env.environment_key.is_empty() {
            return Err(invalid(f, "must not be empty"));
        }
        if !env_keys.insert(env.environment_key.as_str()) {
            return Err(invalid(
                f,
                format!("duplicate environment key {:?}", env.environment_key),
            ));
        }
    }
    tasks(&s.tasks, prefix, scope, true)?;
    if scope == Scope::Whole {
        for (i, task) in s.tasks.iter().enumerate() {
            if let Some(key) = &task.job_cluster_key {
                if !cluster_keys.contains(key.as_str()) {
                    return Err(invalid(
                        field(&format!("tasks[{i}].job_cluster_key")),
                        format!("no job cluster with key {key:?} in `job_clusters`"),
                    ));
                }
            }
            if let Some(key) = &task.environment_key {
                if !env_keys.contains(key.as_str()) {
                    return Err(invalid(
                        field(&format!("tasks[{i}].environment_key")),
                        format!("no environment with key {key:?} in `environments`"),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Validates a task list: unique keys, known dependencies (for a whole job), no cycles, one
/// task type per task, and the per-task limits.
pub(crate) fn tasks(
    tasks: &[Task],
    prefix: &str,
    scope: Scope,
    job_clusters_allowed: bool,
) -> Result<()> {
    if tasks.len() > MAX_TASKS {
        return Err(invalid(
            format!("{prefix}tasks"),
            format!("at most {MAX_TASKS} tasks, got {}", tasks.len()),
        ));
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, task) in tasks.iter().enumerate() {
        let f = format!("{prefix}tasks[{i}]");
        task_fields(task, &f, job_clusters_allowed)?;
        if index.insert(task.task_key.as_str(), i).is_some() {
            return Err(invalid(
                format!("{f}.task_key"),
                format!("duplicate task key {:?}", task.task_key),
            ));
        }
    }
    for (i, task) in tasks.iter().enumerate() {
        for (j, dep) in task.depends_on.iter().enumerate() {
            let f = format!("{prefix}tasks[{i}].depends_on[{j}].task_key");
            if dep.task_key.is_empty() {
                return Err(invalid(f, "must not be empty"));
            }
            if dep.task_key == task.task_key {
                return Err(invalid(
                    f,
                    format!("task {:?} depends on itself", task.task_key),
                ));
            }
            if scope == Scope::Whole && !index.contains_key(dep.task_key.as_str()) {
                return Err(invalid(
                    f,
                    format!(
                        "task {:?} depends on {:?}, which is not a task of this job",
                        task.task_key, dep.task_key
                    ),
                ));
            }
        }
    }
    if let Some(cycle) = find_cycle(tasks, &index) {
        return Err(invalid(
            format!("{prefix}tasks"),
            format!("dependency cycle: {}", cycle.join(" -> ")),
        ));
    }
    Ok(())
}

/// The checks of one task that do not involve the others.
fn task_fields(task: &Task, f: &str, job_clusters_allowed: bool) -> Result<()> {
    task_key(&format!("{f}.task_key"), &task.task_key)?;
    let types = task.task_types();
    if types.len() > 1 {
        return Err(invalid(
            f.to_owned(),
            format!(
                "task {:?} sets several task types ({}); set exactly one",
                task.task_key,
                types.join(", ")
            ),
        ));
    }
    if !job_clusters_allowed && task.job_cluster_key.is_some() {
        return Err(invalid(
            format!("{f}.job_cluster_key"),
            "one-time runs have no job clusters: use `new_cluster` or `existing_cluster_id`",
        ));
    }
    non_negative(&format!("{f}.timeout_seconds"), task.timeout_seconds)?;
    if let Some(retries) = task.max_retries {
        if retries < -1 {
            return Err(invalid(
                format!("{f}.max_retries"),
                "must be -1 (retry forever) or more",
            ));
        }
    }
    if let Some(dbt) = &task.dbt_task {
        let n = dbt.commands.len();
        if !(1..=10).contains(&n) {
            return Err(invalid(
                format!("{f}.dbt_task.commands"),
                format!("between 1 and 10 commands, got {n}"),
            ));
        }
        if let Some((j, _)) = dbt
            .commands
            .iter()
            .enumerate()
            .find(|(_, c)| !c.trim_start().starts_with("dbt"))
        {
            return Err(invalid(
                format!("{f}.dbt_task.commands[{j}]"),
                "each command must start with `dbt`",
            ));
        }
    }
    if let Some(webhooks) = &task.webhook_notifications {
        webhook_limits(&format!("{f}.webhook_notifications"), webhooks)?;
    }
    if let Some(for_each) = &task.for_each_task {
        let nested = &for_each.task;
        let nf = format!("{f}.for_each_task.task");
        if nested.for_each_task.is_some() {
            return Err(invalid(nf, "a for-each task cannot contain another one"));
        }
        task_fields(nested, &nf, job_clusters_allowed)?;
        if let Some(concurrency) = for_each.concurrency {
            if concurrency < 1 {
                return Err(invalid(
                    format!("{f}.for_each_task.concurrency"),
                    "must be at least 1",
                ));
            }
        }
    }
    Ok(())
}

/// A task key: 1 to 100 characters among `A-Z a-z 0-9 _ -`.
fn task_key(field: &str, key: &str) -> Result<()> {
    if key.is_empty() {
        return Err(invalid(field, "must not be empty"));
    }
    if key.chars().count() > MAX_TASK_KEY_LEN {
        return Err(invalid(
            field,
            format!("must be at most {MAX_TASK_KEY_LEN} characters"),
        ));
    }
    if let Some(c) = key
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Err(invalid(
            field,
            format!("{key:?} contains {c:?}; only letters, digits, `_` and `-` are allowed"),
        ));
    }
    Ok(())
}

/// A cycle among the tasks (through dependencies within the list), as task keys, first key
/// repeated at the end.
fn find_cycle<'a>(tasks: &'a [Task], index: &HashMap<&'a str, usize>) -> Option<Vec<&'a str>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut marks = vec![Mark::New; tasks.len()];
    for start in 0..tasks.len() {
        if marks[start] != Mark::New {
            continue;
        }
        // Iterative DFS: (task, next dependency to look at).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        marks[start] = Mark::Active;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let deps = &tasks[node].depends_on;
            if *next < deps.len() {
                let dep = deps[*next].task_key.as_str();
                *next += 1;
                let Some(&to) = index.get(dep) else { continue };
                match marks[to] {
                    Mark::New => {
                        marks[to] = Mark::Active;
                        stack.push((to, 0));
                    }
                    Mark::Active => {
                        let from = stack.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let mut cycle: Vec<&str> = stack[from..]
                            .iter()
                            .map(|(n, _)| tasks[*n].task_key.as_str())
                            .collect();
                        cycle.push(tasks[to].task_key.as_str());
                        return Some(cycle);
                    }
                    Mark::Done => {}
                }
            } else {
                marks[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    None
}

fn non_negative(field: &str, value: Option<i32>) -> Result<()> {
    match value {
        Some(v) if v < 0 => Err(invalid(field, format!("must not be negative, got {v}"))),
        _ => Ok(()),
    }
}

fn webhook_limits(field: &str, w: &WebhookNotifications) -> Result<()> {
    let events = [
        (
            "on_duration_warning_threshold_exceeded",
            w.on_duration_warning_threshold_exceeded.len(),
        ),
        ("on_failure", w.on_failure.len()),
        ("on_start", w.on_start.len()),
        (
            "on_streaming_backlog_exceeded",
            w.on_streaming_backlog_exceeded.len(),
        ),
        ("on_success", w.on_success.len()),
    ];
    for (event, n) in events {
        if n > MAX_WEBHOOKS_PER_EVENT {
            return Err(invalid(
                format!("{field}.{event}"),
                format!("at most {MAX_WEBHOOKS_PER_EVENT} destinations, got {n}"),
            ));
        }
    }
    Ok(())
}

fn idempotency_token(token: Option<&str>) -> Result<()> {
    if let Some(token) = token {
        let n = token.chars().count();
        if n > MAX_IDEMPOTENCY_TOKEN_LEN {
            return Err(invalid(
                "idempotency_token",
                format!("must be at most {MAX_IDEMPOTENCY_TOKEN_LEN} characters, got {n}"),
            ));
        }
    }
    Ok(())
}

fn json_size<T: Serialize + ?Sized>(field: &str, value: &T) -> Result<()> {
    let n = serde_json::to_vec(value).map(|v| v.len()).unwrap_or(0);
    if n > MAX_PARAMS_JSON_BYTES {
        return Err(invalid(
            field,
            format!("JSON encoding must be at most {MAX_PARAMS_JSON_BYTES} bytes, got {n}"),
        ));
    }
    Ok(())
}

fn ascii(field: &str, values: &[String]) -> Result<()> {
    if values.iter().any(|v| !v.is_ascii()) {
        return Err(invalid(field, "only ASCII characters are allowed"));
    }
    Ok(())
}

/// The parameter checks shared by run-now and repair.
fn parameters(
    notebook: &BTreeMap<String, String>,
    jar: &[String],
    python: &[String],
    spark_submit: &[String],
) -> Result<()> {
    if !notebook.is_empty() && !jar.is_empty() {
        return Err(invalid(
            "jar_params",
            "`notebook_params` and `jar_params` cannot be combined",
        ));
    }
    if !notebook.is_empty() {
        json_size("notebook_params", notebook)?;
    }
    if !jar.is_empty() {
        json_size("jar_params", jar)?;
    }
    if !python.is_empty() {
        json_size("python_params", python)?;
        ascii("python_params", python)?;
    }
    if !spark_submit.is_empty() {
        json_size("spark_submit_params", spark_submit)?;
        ascii("spark_submit_params", spark_submit)?;
    }
    Ok(())
}

pub(crate) fn run_now(r: &RunNow) -> Result<()> {
    idempotency_token(r.idempotency_token.as_deref())?;
    parameters(
        &r.notebook_params,
        &r.jar_params,
        &r.python_params,
        &r.spark_submit_params,
    )
}

pub(crate) fn repair(r: &RepairRun) -> Result<()> {
    if r.rerun_all_failed_tasks == Some(true) && !r.rerun_tasks.is_empty() {
        return Err(invalid(
            "rerun_tasks",
            "`rerun_tasks` and `rerun_all_failed_tasks` cannot be combined",
        ));
    }
    parameters(
        &r.notebook_params,
        &r.jar_params,
        &r.python_params,
        &r.spark_submit_params,
    )
}

pub(crate) fn submit(r: &SubmitRun) -> Result<()> {
    idempotency_token(r.idempotency_token.as_deref())?;
    if let Some(name) = &r.run_name {
        if name.len() > MAX_NAME_BYTES {
            return Err(invalid(
                "run_name",
                format!("must be at most {MAX_NAME_BYTES} bytes"),
            ));
        }
    }
    non_negative("timeout_seconds", r.timeout_seconds)?;
    if let Some(webhooks) = &r.webhook_notifications {
        webhook_limits("webhook_notifications", webhooks)?;
    }
    tasks(&r.tasks, "", Scope::Whole, false)?;
    let env_keys: HashSet<&str> = r
        .environments
        .iter()
        .map(|e| e.environment_key.as_str())
        .collect();
    for (i, task) in r.tasks.iter().enumerate() {
        if let Some(key) = &task.environment_key {
            if !env_keys.contains(key.as_str()) {
                return Err(invalid(
                    format!("tasks[{i}].environment_key"),
                    format!("no environment with key {key:?} in `environments`"),
                ));
            }
        }
    }
    Ok(())
}

pub(crate) fn list_jobs(r: &ListJobs) -> Result<()> {
    if let Some(limit) = r.limit {
        if !(1..=MAX_LIST_JOBS_LIMIT).contains(&limit) {
            return Err(invalid(
                "limit",
                format!("must be between 1 and {MAX_LIST_JOBS_LIMIT}, got {limit}"),
            ));
        }
    }
    Ok(())
}

pub(crate) fn list_runs(r: &ListRuns) -> Result<()> {
    if r.active_only == Some(true) && r.completed_only == Some(true) {
        return Err(invalid(
            "completed_only",
            "`active_only` and `completed_only` cannot both be set",
        ));
    }
    if let Some(limit) = r.limit {
        if limit > MAX_LIST_RUNS_LIMIT {
            return Err(invalid(
                "limit",
                format!("must be at most {MAX_LIST_RUNS_LIMIT}, got {limit}"),
            ));
        }
    }
    if let (Some(from), Some(to)) = (r.start_time_from, r.start_time_to) {
        if from > to {
            return Err(invalid(
                "start_time_from",
                "must not be after `start_time_to`",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::model::TaskDependency;

    fn task(key: &str, deps: &[&str]) -> Task {
        Task {
            depends_on: deps.iter().map(|d| TaskDependency::new(*d)).collect(),
            ..Task::notebook(key, "/n")
        }
    }

    fn field_of(e: Error) -> String {
        match e {
            Error::InvalidInput(e) => e.field().to_owned(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_dag_is_fine() {
        let t = vec![
            task("a", &[]),
            task("b", &["a"]),
            task("c", &["a"]),
            task("d", &["b", "c"]),
        ];
        tasks(&t, "", Scope::Whole, true).unwrap();
    }

    #[test]
    fn duplicates_unknown_and_self_references_are_rejected() {
        let e = tasks(&[task("a", &[]), task("a", &[])], "", Scope::Whole, true).unwrap_err();
        assert_eq!(field_of(e), "tasks[1].task_key");
        let e = tasks(&[task("a", &["zz"])], "", Scope::Whole, true).unwrap_err();
        assert_eq!(field_of(e), "tasks[0].depends_on[0].task_key");
        tasks(&[task("a", &["zz"])], "", Scope::Partial, true).unwrap();
        let e = tasks(&[task("a", &["a"])], "", Scope::Partial, true).unwrap_err();
        assert_eq!(field_of(e), "tasks[0].depends_on[0].task_key");
    }

    #[test]
    fn cycles_are_found_and_named() {
        let t = vec![
            task("a", &[]),
            task("b", &["a", "d"]),
            task("c", &["b"]),
            task("d", &["c"]),
        ];
        let e = tasks(&t, "new_settings.", Scope::Whole, true).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("new_settings.tasks"), "{text}");
        assert!(text.contains("b -> d -> c -> b"), "{text}");
    }

    #[test]
    fn task_keys_are_checked() {
        for bad in ["", "has space", "dot.ted", &"x".repeat(101)] {
            assert!(task_key("f", bad).is_err(), "{bad:?}");
        }
        for good in ["a", "A_b-9", &"x".repeat(100)] {
            task_key("f", good).unwrap();
        }
    }

    #[test]
    fn cluster_references_resolve_for_whole_jobs() {
        let settings = JobSettings {
            tasks: vec![Task {
                job_cluster_key: Some("missing".into()),
                ..task("a", &[])
            }],
            ..Default::default()
        };
        let e = super::settings(&settings, "", Scope::Whole).unwrap_err();
        assert_eq!(field_of(e), "tasks[0].job_cluster_key");
        super::settings(&settings, "", Scope::Partial).unwrap();
    }
}
