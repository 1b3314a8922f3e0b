//! Job settings: the single-task shape of API 2.0, validation, `jobs/update` merging.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::{Version, triggers};
use crate::error::{ApiError, ApiResult};

/// Fields of the 2.0 single-task shape that belong to the task.
pub(crate) const SINGLE_TASK_FIELDS: [&str; 12] = [
    "existing_cluster_id",
    "new_cluster",
    "notebook_task",
    "spark_jar_task",
    "spark_python_task",
    "spark_submit_task",
    "pipeline_task",
    "python_wheel_task",
    "libraries",
    "max_retries",
    "min_retry_interval_millis",
    "retry_on_timeout",
];

/// Task types of the 2.0 single-task shape.
const SINGLE_TASK_TYPES: [&str; 6] = [
    "notebook_task",
    "spark_jar_task",
    "spark_python_task",
    "spark_submit_task",
    "pipeline_task",
    "python_wheel_task",
];

/// Every task type of the multi-task shape.
pub(crate) const TASK_TYPES: [&str; 20] = [
    "ai_runtime_task",
    "alert_task",
    "clean_rooms_notebook_task",
    "condition_task",
    "dashboard_task",
    "dbt_cloud_task",
    "dbt_platform_task",
    "dbt_task",
    "for_each_task",
    "gen_ai_compute_task",
    "notebook_task",
    "pipeline_task",
    "power_bi_task",
    "python_operator_task",
    "python_wheel_task",
    "run_job_task",
    "spark_jar_task",
    "spark_python_task",
    "spark_submit_task",
    "sql_task",
];

const RUN_IF: [&str; 6] = [
    "ALL_SUCCESS",
    "AT_LEAST_ONE_SUCCESS",
    "NONE_FAILED",
    "ALL_DONE",
    "AT_LEAST_ONE_FAILED",
    "ALL_FAILED",
];

const MAX_TASKS: usize = 1000;
const MAX_NAME_BYTES: usize = 4096;
const MAX_DESCRIPTION_CHARS: usize = 27_700;
const MAX_TAGS: usize = 25;
const MAX_CONCURRENT_RUNS: i64 = 1000;

pub(super) fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::invalid_parameter_value(message)
}

/// Whether a body uses the 2.0 single-task shape (task fields at the top, no `tasks`).
pub(crate) fn is_single_task(body: &Map<String, Value>) -> bool {
    !body.contains_key("tasks") && SINGLE_TASK_TYPES.iter().any(|k| body.contains_key(*k))
}

/// A task key from a job or run name: letters, digits, `_` and `-` kept, the rest `_`.
pub(crate) fn key_from_name(name: Option<&str>) -> String {
    let key: String = name
        .unwrap_or("")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if key.is_empty() {
        "Untitled".to_owned()
    } else {
        key
    }
}

/// Moves the task fields of a 2.0 single-task body into one task (in place).
pub(crate) fn lift_single_task(body: &mut Map<String, Value>, name_field: &str) {
    let mut task = Map::new();
    let key = key_from_name(body.get(name_field).and_then(Value::as_str));
    task.insert("task_key".into(), json!(key));
    for field in SINGLE_TASK_FIELDS {
        if let Some(v) = body.remove(field) {
            task.insert(field.into(), v);
        }
    }
    body.insert("tasks".into(), Value::Array(vec![Value::Object(task)]));
}

/// The settings of a body for create or reset: the 2.0 single-task shape lifted, the 2.1+
/// refusal of it, `format` dropped (it is computed), 2.2's queueing default.
pub(crate) fn for_write(
    mut body: Map<String, Value>,
    version: Version,
    creating: bool,
) -> ApiResult<(Map<String, Value>, bool)> {
    body.remove("access_control_list");
    body.remove("format");
    let single = is_single_task(&body);
    if single {
        if version != Version::V2_0 {
            return Err(invalid(format!(
                "Task settings ({}) at the top level of the job settings are the API 2.0 \
                 single-task format; API {} needs them in `tasks`.",
                SINGLE_TASK_TYPES
                    .iter()
                    .filter(|k| body.contains_key(**k))
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", "),
                version.as_str()
            )));
        }
        lift_single_task(&mut body, "name");
    }
    if creating && version == Version::V2_2 && !body.contains_key("queue") {
        body.insert("queue".into(), json!({ "enabled": true }));
    }
    validate(&body)?;
    triggers::normalize(&mut body);
    Ok((body, single))
}

pub(super) fn as_object<'a>(value: &'a Value, field: &str) -> ApiResult<&'a Map<String, Value>> {
    value.as_object().ok_or_else(|| {
        ApiError::malformed_request(format!(
            "Could not parse request object: expected an object for field '{field}'"
        ))
    })
}

pub(super) fn as_array<'a>(value: &'a Value, field: &str) -> ApiResult<&'a Vec<Value>> {
    value.as_array().ok_or_else(|| {
        ApiError::malformed_request(format!(
            "Could not parse request object: expected an array for field '{field}'"
        ))
    })
}

pub(super) fn opt_str<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    field: &str,
) -> ApiResult<Option<&'a str>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::malformed_request(format!(
            "Could not parse request object: expected a string for field '{field}'"
        ))),
    }
}

pub(super) fn opt_i64(map: &Map<String, Value>, key: &str, field: &str) -> ApiResult<Option<i64>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_i64().map(Some).ok_or_else(|| {
            ApiError::malformed_request(format!(
                "Could not parse request object: expected an integer for field '{field}'"
            ))
        }),
    }
}

pub(super) fn required_str(map: &Map<String, Value>, key: &str, field: &str) -> ApiResult<String> {
    match opt_str(map, key, field)? {
        Some(s) if !s.is_empty() => Ok(s.to_owned()),
        _ => Err(ApiError::missing_field(field)),
    }
}

/// Validates complete job settings (multi-task shape).
pub(crate) fn validate(s: &Map<String, Value>) -> ApiResult<()> {
    if let Some(name) = opt_str(s, "name", "name")? {
        if name.len() > MAX_NAME_BYTES {
            return Err(invalid(format!(
                "The job name must be at most {MAX_NAME_BYTES} bytes."
            )));
        }
    }
    if let Some(d) = opt_str(s, "description", "description")? {
        if d.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(invalid(format!(
                "The description must be at most {MAX_DESCRIPTION_CHARS} characters."
            )));
        }
    }
    if let Some(tags) = s.get("tags") {
        if as_object(tags, "tags")?.len() > MAX_TAGS {
            return Err(invalid(format!("A job can have at most {MAX_TAGS} tags.")));
        }
    }
    if let Some(n) = opt_i64(s, "max_concurrent_runs", "max_concurrent_runs")? {
        if !(0..=MAX_CONCURRENT_RUNS).contains(&n) {
            return Err(invalid(format!(
                "max_concurrent_runs must be between 0 and {MAX_CONCURRENT_RUNS}, got {n}."
            )));
        }
    }
    if let Some(n) = opt_i64(s, "timeout_seconds", "timeout_seconds")? {
        if n < 0 {
            return Err(invalid("timeout_seconds must not be negative."));
        }
    }
    triggers::validate(s)?;
    if let Some(webhooks) = s.get("webhook_notifications") {
        webhook_limits(as_object(webhooks, "webhook_notifications")?)?;
    }
    let mut cluster_keys = BTreeSet::new();
    if let Some(clusters) = s.get("job_clusters") {
        for (i, c) in as_array(clusters, "job_clusters")?.iter().enumerate() {
            let c = as_object(c, "job_clusters")?;
            let key = required_str(
                c,
                "job_cluster_key",
                &format!("job_clusters[{i}].job_cluster_key"),
            )?;
            if !cluster_keys.insert(key.clone()) {
                return Err(invalid(format!(
                    "The job cluster key {key} is used more than once."
                )));
            }
        }
    }
    let mut env_keys = BTreeSet::new();
    if let Some(envs) = s.get("environments") {
        for (i, e) in as_array(envs, "environments")?.iter().enumerate() {
            let e = as_object(e, "environments")?;
            let key = required_str(
                e,
                "environment_key",
                &format!("environments[{i}].environment_key"),
            )?;
            if !env_keys.insert(key.clone()) {
                return Err(invalid(format!(
                    "The environment key {key} is used more than once."
                )));
            }
        }
    }
    let tasks = match s.get("tasks") {
        Some(t) => as_array(t, "tasks")?.clone(),
        None => Vec::new(),
    };
    validate_tasks(&tasks, Some(&cluster_keys), Some(&env_keys))
}

/// Validates a task list: keys, one type each, dependencies, cycles, cluster references.
/// `cluster_keys` is `None` for one-time runs (no job clusters allowed).
pub(crate) fn validate_tasks(
    tasks: &[Value],
    cluster_keys: Option<&BTreeSet<String>>,
    env_keys: Option<&BTreeSet<String>>,
) -> ApiResult<()> {
    if tasks.len() > MAX_TASKS {
        return Err(invalid(format!(
            "A job can have at most {MAX_TASKS} tasks, got {}.",
            tasks.len()
        )));
    }
    let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, task) in tasks.iter().enumerate() {
        let task = as_object(task, "tasks")?;
        let key = required_str(task, "task_key", &format!("tasks[{i}].task_key"))?;
        validate_task(task, &key, cluster_keys, env_keys, false)?;
        let mut deps = Vec::new();
        if let Some(d) = task.get("depends_on") {
            for dep in as_array(d, "depends_on")? {
                let dep = as_object(dep, "depends_on")?;
                deps.push(required_str(
                    dep,
                    "task_key",
                    &format!("tasks[{i}].depends_on.task_key"),
                )?);
            }
        }
        if keys.insert(key.clone(), deps).is_some() {
            return Err(invalid(format!(
                "The task key {key} is used by more than one task; task keys must be unique."
            )));
        }
    }
    for (key, deps) in &keys {
        for dep in deps {
            if !keys.contains_key(dep) {
                return Err(invalid(format!(
                    "Task {key} depends on {dep}, which is not a task of this job."
                )));
            }
        }
    }
    if let Some(cycle) = find_cycle(&keys) {
        return Err(invalid(format!(
            "The task dependencies contain a cycle: {}.",
            cycle.join(" -> ")
        )));
    }
    Ok(())
}

fn validate_task(
    task: &Map<String, Value>,
    key: &str,
    cluster_keys: Option<&BTreeSet<String>>,
    env_keys: Option<&BTreeSet<String>>,
    nested: bool,
) -> ApiResult<()> {
    if key.is_empty()
        || key.chars().count() > 100
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(invalid(format!(
            "Invalid task key '{key}': 1 to 100 characters among letters, digits, '_' and '-'."
        )));
    }
    let types: Vec<&str> = task
        .keys()
        .map(String::as_str)
        .filter(|k| TASK_TYPES.contains(k) || (k.ends_with("_task") && *k != "for_each_task_run"))
        .collect();
    match types.as_slice() {
        [] => {
            return Err(invalid(format!(
                "Task {key} needs a task type (notebook_task, spark_python_task, ...)."
            )));
        }
        [_] => {}
        many => {
            return Err(invalid(format!(
                "Task {key} has several task types ({}); set exactly one.",
                many.join(", ")
            )));
        }
    }
    let f = |name: &str| format!("tasks.{key}.{name}");
    let sub = |name: &str| task.get(name).map(|v| as_object(v, name)).transpose();
    if let Some(nb) = sub("notebook_task")? {
        required_str(nb, "notebook_path", &f("notebook_task.notebook_path"))?;
    }
    if let Some(py) = sub("spark_python_task")? {
        required_str(py, "python_file", &f("spark_python_task.python_file"))?;
    }
    if let Some(wheel) = sub("python_wheel_task")? {
        required_str(wheel, "package_name", &f("python_wheel_task.package_name"))?;
        required_str(wheel, "entry_point", &f("python_wheel_task.entry_point"))?;
    }
    if let Some(sql) = sub("sql_task")? {
        required_str(sql, "warehouse_id", &f("sql_task.warehouse_id"))?;
    }
    if let Some(p) = sub("pipeline_task")? {
        required_str(p, "pipeline_id", &f("pipeline_task.pipeline_id"))?;
    }
    if let Some(rj) = sub("run_job_task")? {
        if opt_i64(rj, "job_id", &f("run_job_task.job_id"))?.is_none() {
            return Err(ApiError::missing_field(&f("run_job_task.job_id")));
        }
    }
    if let Some(cond) = sub("condition_task")? {
        required_str(cond, "op", &f("condition_task.op"))?;
        for side in ["left", "right"] {
            if opt_str(cond, side, &f(&format!("condition_task.{side}")))?.is_none() {
                return Err(ApiError::missing_field(&f(&format!(
                    "condition_task.{side}"
                ))));
            }
        }
    }
    if let Some(dbt) = sub("dbt_task")? {
        let commands = dbt
            .get("commands")
            .map(|c| as_array(c, "dbt_task.commands"))
            .transpose()?
            .cloned()
            .unwrap_or_default();
        if !(1..=10).contains(&commands.len())
            || commands.iter().any(|c| {
                !c.as_str()
                    .is_some_and(|c| c.trim_start().starts_with("dbt"))
            })
        {
            return Err(invalid(format!(
                "Task {key}: dbt_task.commands needs 1 to 10 commands, each starting with 'dbt'."
            )));
        }
    }
    if let Some(fe) = sub("for_each_task")? {
        if nested {
            return Err(invalid(format!(
                "Task {key}: a for-each task cannot contain another for-each task."
            )));
        }
        required_str(fe, "inputs", &f("for_each_task.inputs"))?;
        let inner = fe
            .get("task")
            .ok_or_else(|| ApiError::missing_field(&f("for_each_task.task")))?;
        let inner = as_object(inner, "for_each_task.task")?;
        let inner_key = required_str(inner, "task_key", &f("for_each_task.task.task_key"))?;
        validate_task(inner, &inner_key, cluster_keys, env_keys, true)?;
    }
    if let Some(run_if) = opt_str(task, "run_if", &f("run_if"))? {
        if !RUN_IF.contains(&run_if) {
            return Err(invalid(format!(
                "Task {key}: unknown run_if value {run_if}."
            )));
        }
    }
    if let Some(n) = opt_i64(task, "timeout_seconds", &f("timeout_seconds"))? {
        if n < 0 {
            return Err(invalid(format!(
                "Task {key}: timeout_seconds must not be negative."
            )));
        }
    }
    if let Some(webhooks) = task.get("webhook_notifications") {
        webhook_limits(as_object(webhooks, "webhook_notifications")?)?;
    }
    if let Some(cluster) = opt_str(task, "job_cluster_key", &f("job_cluster_key"))? {
        match cluster_keys {
            None => {
                return Err(invalid(format!(
                    "Task {key}: one-time runs have no job clusters; use new_cluster or \
                     existing_cluster_id."
                )));
            }
            Some(keys) if !keys.contains(cluster) => {
                return Err(invalid(format!(
                    "Task {key} uses the job cluster {cluster}, which is not defined in job_clusters."
                )));
            }
            Some(_) => {}
        }
    }
    if let (Some(env), Some(keys)) = (
        opt_str(task, "environment_key", &f("environment_key"))?,
        env_keys,
    ) {
        if !keys.contains(env) {
            return Err(invalid(format!(
                "Task {key} uses the environment {env}, which is not defined in environments."
            )));
        }
    }
    Ok(())
}

fn webhook_limits(w: &Map<String, Value>) -> ApiResult<()> {
    for (event, list) in w {
        if list.as_array().is_some_and(|l| l.len() > 3) {
            return Err(invalid(format!(
                "At most 3 notification destinations per event ({event})."
            )));
        }
    }
    Ok(())
}

fn find_cycle(graph: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Active,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, Vec<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Active) => {
                let from = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[from..].to_vec();
                cycle.push(node.to_owned());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_owned(), Mark::Active);
        path.push(node.to_owned());
        for dep in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(dep, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(node, graph, &mut marks, &mut path) {
            return Some(cycle);
        }
    }
    None
}

/// `jobs/update`: top-level fields replaced, `tasks` and `job_clusters` merged by key,
/// `fields_to_remove` removed (`tasks/<key>`, `job_clusters/<key>` remove one element).
pub(crate) fn merge_update(
    settings: &mut Map<String, Value>,
    mut new: Map<String, Value>,
    fields_to_remove: &[String],
) -> ApiResult<()> {
    new.remove("format");
    for (field, key_name) in [("tasks", "task_key"), ("job_clusters", "job_cluster_key")] {
        let Some(incoming) = new.remove(field) else {
            continue;
        };
        let incoming = as_array(&incoming, field)?.clone();
        let mut current = settings
            .get(field)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for item in incoming {
            let key = item
                .get(key_name)
                .and_then(Value::as_str)
                .map(str::to_owned);
            match current
                .iter_mut()
                .find(|c| c.get(key_name).and_then(Value::as_str) == key.as_deref())
            {
                Some(existing) => *existing = item,
                None => current.push(item),
            }
        }
        settings.insert(field.into(), Value::Array(current));
    }
    for (k, v) in new {
        settings.insert(k, v);
    }
    for field in fields_to_remove {
        match field.split_once('/') {
            Some((list @ ("tasks" | "job_clusters"), key)) => {
                let key_name = if list == "tasks" {
                    "task_key"
                } else {
                    "job_cluster_key"
                };
                let Some(items) = settings.get_mut(list).and_then(Value::as_array_mut) else {
                    return Err(invalid(format!("Cannot remove {field}: no such element.")));
                };
                let before = items.len();
                items.retain(|i| i.get(key_name).and_then(Value::as_str) != Some(key));
                if items.len() == before {
                    return Err(invalid(format!("Cannot remove {field}: no such element.")));
                }
            }
            Some(_) => return Err(invalid(format!("Cannot remove {field}."))),
            None => {
                settings.remove(field);
            }
        }
    }
    Ok(())
}

/// Job settings in the 2.0 single-task shape: the task's fields at the top.
pub(crate) fn single_task_view(settings: &Map<String, Value>) -> Map<String, Value> {
    let mut out = settings.clone();
    let task = out
        .remove("tasks")
        .and_then(|t| t.as_array().and_then(|a| a.first().cloned()));
    out.remove("job_clusters");
    if let Some(Value::Object(task)) = task {
        for field in SINGLE_TASK_FIELDS {
            if let Some(v) = task.get(field) {
                out.insert(field.into(), v.clone());
            }
        }
    }
    out.insert("format".into(), json!("SINGLE_TASK"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn single_task_bodies_are_lifted_and_viewed_back() {
        let body = map(json!({ "name": "My job!", "existing_cluster_id": "c",
            "notebook_task": { "notebook_path": "/n" }, "max_retries": 1, "timeout_seconds": 60 }));
        let (s, single) = for_write(body, Version::V2_0, true).unwrap();
        assert!(single);
        assert_eq!(s["tasks"][0]["task_key"], "My_job_");
        assert_eq!(s["tasks"][0]["existing_cluster_id"], "c");
        assert_eq!(s["timeout_seconds"], 60);
        let view = single_task_view(&s);
        assert_eq!(view["notebook_task"]["notebook_path"], "/n");
        assert_eq!(view["format"], "SINGLE_TASK");
        assert!(!view.contains_key("tasks"));
        let body = map(json!({ "notebook_task": { "notebook_path": "/n" } }));
        assert!(for_write(body, Version::V2_1, true).is_err());
    }

    #[test]
    fn validation_catches_graph_errors() {
        let ok = map(json!({ "tasks": [
            { "task_key": "a", "notebook_task": { "notebook_path": "/a" } },
            { "task_key": "b", "depends_on": [{ "task_key": "a" }], "notebook_task": { "notebook_path": "/b" } } ] }));
        validate(&ok).unwrap();
        let cycle = map(json!({ "tasks": [
            { "task_key": "a", "depends_on": [{ "task_key": "b" }], "notebook_task": { "notebook_path": "/a" } },
            { "task_key": "b", "depends_on": [{ "task_key": "a" }], "notebook_task": { "notebook_path": "/b" } } ] }));
        assert!(validate(&cycle).unwrap_err().message.contains("cycle"));
        let dup = map(json!({ "tasks": [
            { "task_key": "a", "notebook_task": { "notebook_path": "/a" } },
            { "task_key": "a", "notebook_task": { "notebook_path": "/b" } } ] }));
        assert!(validate(&dup).unwrap_err().message.contains("unique"));
        let unknown = map(json!({ "tasks": [
            { "task_key": "a", "depends_on": [{ "task_key": "x" }], "notebook_task": { "notebook_path": "/a" } } ] }));
        assert!(validate(&unknown).is_err());
        let no_type = map(json!({ "tasks": [ { "task_key": "a" } ] }));
        assert!(validate(&no_type).is_err());
    }

    #[test]
    fn update_merges_by_key_and_removes() {
        let mut s = map(json!({ "name": "x", "schedule": {},
            "tasks": [ { "task_key": "a", "notebook_task": { "notebook_path": "/a" } },
                       { "task_key": "b", "notebook_task": { "notebook_path": "/b" } } ] }));
        merge_update(
            &mut s,
            map(json!({ "max_concurrent_runs": 2, "tasks": [
                { "task_key": "b", "notebook_task": { "notebook_path": "/b2" } },
                { "task_key": "c", "notebook_task": { "notebook_path": "/c" } } ] })),
            &["schedule".into(), "tasks/a".into()],
        )
        .unwrap();
        assert_eq!(s["max_concurrent_runs"], 2);
        assert!(!s.contains_key("schedule"));
        let keys: Vec<&str> = s["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["task_key"].as_str().unwrap())
            .collect();
        assert_eq!(keys, ["b", "c"]);
        assert_eq!(s["tasks"][0]["notebook_task"]["notebook_path"], "/b2");
        assert!(merge_update(&mut s, Map::new(), &["tasks/zz".into()]).is_err());
    }
}
