//! Validation of a cluster spec (the body of `create`, `edit`, the result of an `update`).

use serde_json::{Map, Value};

use super::catalog;
use crate::error::{ApiError, ApiResult};
use crate::state::State;

/// Most custom tags.
pub(crate) const MAX_CUSTOM_TAGS: usize = 45;
/// Most SSH keys.
pub(crate) const MAX_SSH_KEYS: usize = 10;
/// Most EBS volumes per instance.
pub(crate) const MAX_EBS_VOLUMES: i64 = 10;

/// Fields of a request body that are not settings.
const NOT_SETTINGS: [&str; 2] = ["cluster_id", "clone_from"];

/// The settings of a request body: everything but `cluster_id` and `clone_from`.
pub(crate) fn settings_of(body: &Map<String, Value>) -> Map<String, Value> {
    body.iter()
        .filter(|(k, v)| !NOT_SETTINGS.contains(&k.as_str()) && !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn wrong_type(field: &str, expected: &str) -> ApiError {
    ApiError::malformed_request(format!(
        "Could not parse request object: expected {expected} for field '{field}'"
    ))
}

fn int(spec: &Map<String, Value>, field: &str) -> ApiResult<Option<i64>> {
    match spec.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| wrong_type(field, "an integer")),
        Some(_) => Err(wrong_type(field, "an integer")),
    }
}

fn string<'a>(spec: &'a Map<String, Value>, field: &str) -> ApiResult<Option<&'a str>> {
    match spec.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(wrong_type(field, "a string")),
    }
}

fn string_map(spec: &Map<String, Value>, field: &str) -> ApiResult<usize> {
    match spec.get(field) {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Object(m)) => {
            if m.values().all(Value::is_string) {
                Ok(m.len())
            } else {
                Err(wrong_type(field, "a map of strings"))
            }
        }
        Some(_) => Err(wrong_type(field, "a map of strings")),
    }
}

fn object<'a>(
    spec: &'a Map<String, Value>,
    field: &str,
) -> ApiResult<Option<&'a Map<String, Value>>> {
    match spec.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(_) => Err(wrong_type(field, "an object")),
    }
}

/// Checks a spec against the service's rules and the workspace's catalogues.
pub(crate) fn validate(spec: &Map<String, Value>, state: &State) -> ApiResult<()> {
    let version =
        string(spec, "spark_version")?.ok_or_else(|| ApiError::missing_field("spark_version"))?;
    if !catalog::is_spark_version(version) {
        return Err(ApiError::invalid_parameter_value(format!(
            "Invalid spark version {version}."
        )));
    }
    string(spec, "cluster_name")?;
    let node = string(spec, "node_type_id")?;
    for (field, value) in [
        ("node_type_id", node),
        ("driver_node_type_id", string(spec, "driver_node_type_id")?),
    ] {
        if let Some(id) = value {
            if catalog::node_type(id).is_none() {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Node type {id} is not supported ({field}). Supported node types: {}",
                    catalog::NODE_TYPES
                        .iter()
                        .map(|n| n.id)
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
    }
    if node.is_none()
        && string(spec, "instance_pool_id")?.is_none()
        && string(spec, "policy_id")?.is_none()
    {
        return Err(ApiError::missing_field("node_type_id"));
    }
    let workers = int(spec, "num_workers")?;
    let autoscale = object(spec, "autoscale")?;
    if workers.is_some() && autoscale.is_some() {
        return Err(ApiError::invalid_parameter_value(
            "Only one of num_workers and autoscale may be set.",
        ));
    }
    if let Some(n) = workers {
        if n < 0 {
            return Err(ApiError::invalid_parameter_value(format!(
                "num_workers must be non-negative, got {n}."
            )));
        }
    }
    if let Some(a) = autoscale {
        let min = int(a, "min_workers")?.unwrap_or(0);
        let max = int(a, "max_workers")?
            .ok_or_else(|| ApiError::missing_field("autoscale.max_workers"))?;
        if min < 0 || max <= min {
            return Err(ApiError::invalid_parameter_value(format!(
                "autoscale.max_workers ({max}) must be greater than autoscale.min_workers ({min}), \
                 and min_workers non-negative."
            )));
        }
    }
    if let Some(m) = int(spec, "autotermination_minutes")? {
        if m != 0 && !(10..=10_000).contains(&m) {
            return Err(ApiError::invalid_parameter_value(format!(
                "autotermination_minutes must be 0 or between 10 and 10000, got {m}."
            )));
        }
    }
    if string_map(spec, "custom_tags")? > MAX_CUSTOM_TAGS {
        return Err(ApiError::invalid_parameter_value(format!(
            "The number of custom tags exceeds the limit of {MAX_CUSTOM_TAGS}."
        )));
    }
    string_map(spec, "spark_conf")?;
    string_map(spec, "spark_env_vars")?;
    match spec.get("ssh_public_keys") {
        None | Some(Value::Null) => {}
        Some(Value::Array(keys)) if keys.len() > MAX_SSH_KEYS => {
            return Err(ApiError::invalid_parameter_value(format!(
                "At most {MAX_SSH_KEYS} SSH public keys are allowed."
            )));
        }
        Some(Value::Array(_)) => {}
        Some(_) => return Err(wrong_type("ssh_public_keys", "an array of strings")),
    }
    if let Some(aws) = object(spec, "aws_attributes")? {
        if let Some(n) = int(aws, "ebs_volume_count")? {
            if !(0..=MAX_EBS_VOLUMES).contains(&n) {
                return Err(ApiError::invalid_parameter_value(format!(
                    "aws_attributes.ebs_volume_count must be between 0 and {MAX_EBS_VOLUMES}, got {n}."
                )));
            }
        }
        if let Some(arn) = string(aws, "instance_profile_arn")? {
            if !state.instance_profiles.is_registered(arn) {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Instance profile {arn} has not been registered; add it with the Instance \
                     Profiles API first."
                )));
            }
        }
    }
    for field in [
        "azure_attributes",
        "gcp_attributes",
        "docker_image",
        "workload_type",
        "cluster_log_conf",
    ] {
        object(spec, field)?;
    }
    Ok(())
}

/// Applies an `update_mask` to `spec`: each comma-separated path takes its value from
/// `cluster` (or is removed when `cluster` lacks it); `*` replaces everything.
pub(crate) fn apply_mask(
    spec: &Map<String, Value>,
    cluster: &Map<String, Value>,
    mask: &str,
) -> ApiResult<Map<String, Value>> {
    if mask.trim() == "*" {
        return Ok(settings_of(cluster));
    }
    let mut out = spec.clone();
    for path in mask.split(',') {
        let path = path.trim();
        if path.is_empty() {
            return Err(ApiError::invalid_parameter_value(format!(
                "Invalid update_mask '{mask}': empty field path."
            )));
        }
        let parts: Vec<&str> = path.split('.').collect();
        let source = lookup(cluster, &parts).cloned();
        set_path(&mut out, &parts, source);
    }
    Ok(out)
}

fn lookup<'a>(map: &'a Map<String, Value>, parts: &[&str]) -> Option<&'a Value> {
    let (first, rest) = parts.split_first()?;
    let value = map.get(*first)?;
    if rest.is_empty() {
        return Some(value);
    }
    lookup(value.as_object()?, rest)
}

fn set_path(map: &mut Map<String, Value>, parts: &[&str], value: Option<Value>) {
    let Some((first, rest)) = parts.split_first() else {
        return;
    };
    if rest.is_empty() {
        match value {
            Some(v) => {
                map.insert((*first).to_owned(), v);
            }
            None => {
                map.remove(*first);
            }
        }
        return;
    }
    let child = map
        .entry((*first).to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if !child.is_object() {
        *child = Value::Object(Map::new());
    }
    if let Some(child) = child.as_object_mut() {
        set_path(child, rest, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn masks() {
        let spec = map(json!({"num_workers": 1, "spark_conf": {"a": "1", "b": "2"}, "x": 1}));
        let cluster = map(json!({"num_workers": 3, "spark_conf": {"a": "9"}}));
        let out = apply_mask(&spec, &cluster, "num_workers,spark_conf.b").unwrap();
        assert_eq!(out["num_workers"], 3);
        assert_eq!(out["spark_conf"], json!({"a": "1"}));
        assert_eq!(out["x"], 1);
        let all = apply_mask(&spec, &cluster, "*").unwrap();
        assert!(all.get("x").is_none());
    }

    #[test]
    fn rules() {
        let state = State::default();
        let ok = map(
            json!({"spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge", "num_workers": 1}),
        );
        assert!(validate(&ok, &state).is_ok());
        let mut bad = ok.clone();
        bad.insert(
            "autoscale".into(),
            json!({"min_workers": 1, "max_workers": 2}),
        );
        assert_eq!(
            validate(&bad, &state).unwrap_err().code,
            "INVALID_PARAMETER_VALUE"
        );
        let mut bad = ok.clone();
        bad.insert("spark_version".into(), json!("1.0.x-scala2.10"));
        assert!(validate(&bad, &state).is_err());
        let mut bad = ok.clone();
        bad.insert("node_type_id".into(), json!("x.huge"));
        assert!(validate(&bad, &state).is_err());
        let mut bad = ok;
        bad.insert("autotermination_minutes".into(), json!(5));
        assert!(validate(&bad, &state).is_err());
    }
}
