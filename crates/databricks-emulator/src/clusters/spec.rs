//! Validation of a cluster spec (the body of `create`, `edit`, the result of an `update`, the
//! settings a `resize` leads to).
//!
//! Every integer field is an int32 (`shared/api/clusters.md`); a value outside its documented
//! bounds, or outside the int32 range, is 400 `INVALID_PARAMETER_VALUE` "`<field>` must be
//! between `<min>` and `<max>`, got `<value>`." (a non-integer is `MALFORMED_REQUEST`). Bounds:
//! `num_workers`, `autoscale.min_workers` and every size, count and throughput >= 0;
//! `autoscale.max_workers` > `min_workers`; `autotermination_minutes` 0 or 10..=10000;
//! `aws_attributes.ebs_volume_count` <= 10, `ebs_volume_size` 100..=4096 GiB (500..=4096 for
//! `THROUGHPUT_OPTIMIZED_HDD`) when volumes are attached, `spot_bid_price_percent` <= 10000;
//! `azure_attributes.spot_bid_max_price` -1 or > 0.

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
/// The largest int32.
const INT32_MAX: i64 = i32::MAX as i64;
/// Smallest and largest general purpose SSD EBS volume (GiB).
const GP_SSD_SIZES: (i64, i64) = (100, 4096);
/// Smallest and largest throughput optimized HDD EBS volume (GiB).
const HDD_SIZES: (i64, i64) = (500, 4096);
/// Largest `spot_bid_price_percent`.
const MAX_SPOT_BID_PERCENT: i64 = 10_000;
/// Bounds of a non-zero `autotermination_minutes`.
pub(crate) const AUTOTERMINATION_MINUTES: (i64, i64) = (10, 10_000);

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

/// An integer field, widened so that any JSON integer (beyond i64 too) keeps its sign and
/// order: absent, or its value and its text as sent.
fn integer(obj: &Map<String, Value>, field: &str, path: &str) -> ApiResult<Option<(i128, String)>> {
    let n = match obj.get(field) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n,
        Some(_) => return Err(wrong_type(path, "an integer")),
    };
    let value = if let Some(v) = n.as_i64() {
        i128::from(v)
    } else if let Some(v) = n.as_u64() {
        i128::from(v)
    } else {
        // A float: integral ones (1e300) are integers out of range, others are not integers.
        match n.as_f64() {
            Some(f) if f.is_finite() && f.fract() == 0.0 => {
                if f >= 0.0 {
                    i128::MAX
                } else {
                    i128::MIN
                }
            }
            _ => return Err(wrong_type(path, "an integer")),
        }
    };
    Ok(Some((value, n.to_string())))
}

fn out_of_range(path: &str, min: i64, max: i64, text: &str) -> ApiError {
    ApiError::invalid_parameter_value(format!(
        "{path} must be between {min} and {max}, got {text}."
    ))
}

/// An int32 field of `obj` within `min..=max` (`path` names it in errors).
fn int_in(
    obj: &Map<String, Value>,
    field: &str,
    path: &str,
    (min, max): (i64, i64),
) -> ApiResult<Option<i64>> {
    match integer(obj, field, path)? {
        None => Ok(None),
        Some((v, text)) => match i64::try_from(v) {
            Ok(v) if (min..=max).contains(&v) => Ok(Some(v)),
            _ => Err(out_of_range(path, min, max, &text)),
        },
    }
}

/// A non-negative int32 field.
fn count(obj: &Map<String, Value>, field: &str, path: &str) -> ApiResult<Option<i64>> {
    int_in(obj, field, path, (0, INT32_MAX))
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
    let workers = count(spec, "num_workers", "num_workers")?;
    let autoscale = object(spec, "autoscale")?;
    if workers.is_some() && autoscale.is_some() {
        return Err(ApiError::invalid_parameter_value(
            "Only one of num_workers and autoscale may be set.",
        ));
    }
    if let Some(a) = autoscale {
        let min = count(a, "min_workers", "autoscale.min_workers")?.unwrap_or(0);
        let max = count(a, "max_workers", "autoscale.max_workers")?
            .ok_or_else(|| ApiError::missing_field("autoscale.max_workers"))?;
        if max <= min {
            return Err(ApiError::invalid_parameter_value(format!(
                "autoscale.max_workers ({max}) must be greater than autoscale.min_workers ({min})."
            )));
        }
    }
    if let Some((m, text)) = integer(spec, "autotermination_minutes", "autotermination_minutes")? {
        let (low, high) = AUTOTERMINATION_MINUTES;
        if m != 0 && !(i128::from(low)..=i128::from(high)).contains(&m) {
            return Err(ApiError::invalid_parameter_value(format!(
                "autotermination_minutes must be 0 or between {low} and {high}, got {text}."
            )));
        }
    }
    for field in ["remote_disk_throughput", "total_initial_remote_disk_size"] {
        count(spec, field, field)?;
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
        aws_numbers(aws)?;
        if let Some(arn) = string(aws, "instance_profile_arn")? {
            if !state.instance_profiles.is_registered(arn) {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Instance profile {arn} has not been registered; add it with the Instance \
                     Profiles API first."
                )));
            }
        }
    }
    if let Some(azure) = object(spec, "azure_attributes")? {
        count(azure, "first_on_demand", "azure_attributes.first_on_demand")?;
        match azure.get("spot_bid_max_price") {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) => {
                let price = n.as_f64().unwrap_or(f64::NAN);
                if !(price == -1.0 || price > 0.0) {
                    return Err(ApiError::invalid_parameter_value(format!(
                        "azure_attributes.spot_bid_max_price must be -1 or greater than 0, got {n}."
                    )));
                }
            }
            Some(_) => {
                return Err(wrong_type(
                    "azure_attributes.spot_bid_max_price",
                    "a number",
                ));
            }
        }
    }
    if let Some(gcp) = object(spec, "gcp_attributes")? {
        for field in ["boot_disk_size", "first_on_demand", "local_ssd_count"] {
            count(gcp, field, &format!("gcp_attributes.{field}"))?;
        }
    }
    for field in ["docker_image", "workload_type", "cluster_log_conf"] {
        object(spec, field)?;
    }
    Ok(())
}

/// The numbers of `aws_attributes`.
fn aws_numbers(aws: &Map<String, Value>) -> ApiResult<()> {
    let volumes = int_in(
        aws,
        "ebs_volume_count",
        "aws_attributes.ebs_volume_count",
        (0, MAX_EBS_VOLUMES),
    )?;
    let sizes = match string(aws, "ebs_volume_type")? {
        Some("THROUGHPUT_OPTIMIZED_HDD") => HDD_SIZES,
        _ => GP_SSD_SIZES,
    };
    // The documented sizes apply to the volumes attached; without any, a size only has to be
    // a size.
    let sizes = if volumes.unwrap_or(0) > 0 {
        sizes
    } else {
        (0, INT32_MAX)
    };
    int_in(
        aws,
        "ebs_volume_size",
        "aws_attributes.ebs_volume_size",
        sizes,
    )?;
    for field in [
        "ebs_volume_iops",
        "ebs_volume_throughput",
        "first_on_demand",
    ] {
        count(aws, field, &format!("aws_attributes.{field}"))?;
    }
    int_in(
        aws,
        "spot_bid_price_percent",
        "aws_attributes.spot_bid_price_percent",
        (0, MAX_SPOT_BID_PERCENT),
    )?;
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

    /// `base` with `extra` merged in, validated: the error code and message.
    fn refused(extra: Value) -> (String, String) {
        let mut spec =
            map(json!({"spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge"}));
        let fixed_size = extra.get("autoscale").is_none();
        spec.extend(map(extra));
        if fixed_size {
            spec.entry("num_workers").or_insert(json!(1));
        }
        let err = validate(&spec, &State::default()).unwrap_err();
        (err.code, err.message)
    }

    fn accepted(extra: Value) -> bool {
        let mut spec =
            map(json!({"spark_version": "15.4.x-scala2.12", "node_type_id": "i3.xlarge"}));
        spec.extend(map(extra));
        validate(&spec, &State::default()).is_ok()
    }

    #[test]
    fn numbers_stay_within_int32_and_documented_bounds() {
        let cases = [
            (
                json!({"num_workers": 2_147_483_648_i64}),
                "num_workers must be between 0 and 2147483647, got 2147483648.",
            ),
            (
                json!({"num_workers": -1}),
                "num_workers must be between 0 and 2147483647, got -1.",
            ),
            (
                json!({"num_workers": 18_446_744_073_709_551_615_u64}),
                "num_workers must be between 0 and 2147483647, got 18446744073709551615.",
            ),
            (
                json!({"num_workers": 1e300}),
                "num_workers must be between 0 and 2147483647, got 1e+300.",
            ),
            (
                json!({"autoscale": {"min_workers": -2, "max_workers": 4}}),
                "autoscale.min_workers must be between 0 and 2147483647, got -2.",
            ),
            (
                json!({"autoscale": {"min_workers": 1, "max_workers": 4_294_967_296_i64}}),
                "autoscale.max_workers must be between 0 and 2147483647, got 4294967296.",
            ),
            (
                json!({"autoscale": {"min_workers": 5, "max_workers": 2}}),
                "autoscale.max_workers (2) must be greater than autoscale.min_workers (5).",
            ),
            (
                json!({"autoscale": {"min_workers": 3, "max_workers": 3}}),
                "autoscale.max_workers (3) must be greater than autoscale.min_workers (3).",
            ),
            (
                json!({"autotermination_minutes": 9}),
                "autotermination_minutes must be 0 or between 10 and 10000, got 9.",
            ),
            (
                json!({"autotermination_minutes": 10_001}),
                "autotermination_minutes must be 0 or between 10 and 10000, got 10001.",
            ),
            (
                json!({"autotermination_minutes": -10}),
                "autotermination_minutes must be 0 or between 10 and 10000, got -10.",
            ),
            (
                json!({"autotermination_minutes": 9_223_372_036_854_775_807_i64}),
                "autotermination_minutes must be 0 or between 10 and 10000, got 9223372036854775807.",
            ),
            (
                json!({"remote_disk_throughput": -5}),
                "remote_disk_throughput must be between 0 and 2147483647, got -5.",
            ),
            (
                json!({"total_initial_remote_disk_size": 2_147_483_648_i64}),
                "total_initial_remote_disk_size must be between 0 and 2147483647, got 2147483648.",
            ),
            (
                json!({"aws_attributes": {"ebs_volume_count": 11}}),
                "aws_attributes.ebs_volume_count must be between 0 and 10, got 11.",
            ),
            (
                json!({"aws_attributes": {"ebs_volume_count": 1, "ebs_volume_size": 99}}),
                "aws_attributes.ebs_volume_size must be between 100 and 4096, got 99.",
            ),
            (
                json!({"aws_attributes": {"ebs_volume_count": 1, "ebs_volume_size": 4097}}),
                "aws_attributes.ebs_volume_size must be between 100 and 4096, got 4097.",
            ),
            (
                json!({"aws_attributes": {"ebs_volume_count": 2, "ebs_volume_size": 499,
                    "ebs_volume_type": "THROUGHPUT_OPTIMIZED_HDD"}}),
                "aws_attributes.ebs_volume_size must be between 500 and 4096, got 499.",
            ),
            (
                json!({"aws_attributes": {"ebs_volume_size": -1}}),
                "aws_attributes.ebs_volume_size must be between 0 and 2147483647, got -1.",
            ),
            (
                json!({"aws_attributes": {"ebs_volume_iops": 2_147_483_648_i64}}),
                "aws_attributes.ebs_volume_iops must be between 0 and 2147483647, got 2147483648.",
            ),
            (
                json!({"aws_attributes": {"ebs_volume_throughput": -1}}),
                "aws_attributes.ebs_volume_throughput must be between 0 and 2147483647, got -1.",
            ),
            (
                json!({"aws_attributes": {"first_on_demand": -1}}),
                "aws_attributes.first_on_demand must be between 0 and 2147483647, got -1.",
            ),
            (
                json!({"aws_attributes": {"spot_bid_price_percent": 10_001}}),
                "aws_attributes.spot_bid_price_percent must be between 0 and 10000, got 10001.",
            ),
            (
                json!({"azure_attributes": {"first_on_demand": 2_147_483_648_i64}}),
                "azure_attributes.first_on_demand must be between 0 and 2147483647, got 2147483648.",
            ),
            (
                json!({"azure_attributes": {"spot_bid_max_price": 0}}),
                "azure_attributes.spot_bid_max_price must be -1 or greater than 0, got 0.",
            ),
            (
                json!({"azure_attributes": {"spot_bid_max_price": -2.5}}),
                "azure_attributes.spot_bid_max_price must be -1 or greater than 0, got -2.5.",
            ),
            (
                json!({"gcp_attributes": {"boot_disk_size": -1}}),
                "gcp_attributes.boot_disk_size must be between 0 and 2147483647, got -1.",
            ),
            (
                json!({"gcp_attributes": {"local_ssd_count": 2_147_483_648_i64}}),
                "gcp_attributes.local_ssd_count must be between 0 and 2147483647, got 2147483648.",
            ),
            (
                json!({"gcp_attributes": {"first_on_demand": -3}}),
                "gcp_attributes.first_on_demand must be between 0 and 2147483647, got -3.",
            ),
        ];
        for (extra, message) in cases {
            assert_eq!(
                refused(extra.clone()),
                ("INVALID_PARAMETER_VALUE".to_owned(), message.to_owned()),
                "{extra}"
            );
        }
        // Not integers at all.
        for extra in [json!({"num_workers": 1.5}), json!({"num_workers": "2"})] {
            assert_eq!(refused(extra).0, "MALFORMED_REQUEST");
        }
        // The bounds themselves are fine.
        for extra in [
            json!({"num_workers": 2_147_483_647}),
            json!({"num_workers": 0}),
            json!({"autoscale": {"min_workers": 0, "max_workers": 2_147_483_647}}),
            json!({"num_workers": 1, "autotermination_minutes": 0}),
            json!({"num_workers": 1, "autotermination_minutes": 10}),
            json!({"num_workers": 1, "autotermination_minutes": 10_000}),
            json!({"num_workers": 1, "aws_attributes": {"ebs_volume_count": 10,
                "ebs_volume_size": 4096, "spot_bid_price_percent": 10_000, "first_on_demand": 0}}),
            json!({"num_workers": 1, "aws_attributes": {"ebs_volume_count": 0, "ebs_volume_size": 0}}),
            json!({"num_workers": 1, "azure_attributes": {"spot_bid_max_price": -1}}),
            json!({"num_workers": 1, "azure_attributes": {"spot_bid_max_price": 0.5}}),
        ] {
            assert!(accepted(extra.clone()), "{extra}");
        }
    }
}
