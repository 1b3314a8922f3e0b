//! `ClusterDetails` as the service renders it.

use serde_json::{Map, Value, json};

use super::catalog;
use super::model::{Cluster, RESIZING, RUNNING};

/// A node id / IP derived from the cluster id, so a cluster's nodes look stable.
fn node(cluster: &Cluster, index: usize, start: i64) -> Value {
    let seed: u32 = cluster
        .cluster_id
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    let ip = format!(
        "10.{}.{}.{}",
        (seed >> 16) % 256,
        (seed >> 8) % 256,
        10 + index % 240
    );
    json!({
        "node_id": format!("{:08x}{:04x}", seed, index),
        "instance_id": format!("i-0{:08x}{:07x}", seed, index),
        "private_ip": ip,
        "host_private_ip": ip,
        "public_dns": "",
        "start_timestamp": start,
        "node_aws_attributes": { "is_spot": index > 0 },
    })
}

/// `ClusterDetails` of a settled cluster (see [`super::settled`], which also sets its last
/// activity, rendered as `last_activity_time` once the cluster has come up); `spec` (the
/// user's settings) only for `get`.
pub(crate) fn details(cluster: &Cluster, with_spec: bool) -> Value {
    let mut out: Map<String, Value> = cluster.spec.clone();
    out.remove("apply_policy_default_values");
    out.insert("cluster_id".into(), json!(cluster.cluster_id));
    out.entry("cluster_name").or_insert_with(|| json!(""));
    if !out.contains_key("autoscale") {
        out.entry("num_workers").or_insert_with(|| json!(0));
    }
    let node_type = cluster.spec_str("node_type_id").map(str::to_owned);
    if let Some(node_type) = &node_type {
        out.entry("driver_node_type_id")
            .or_insert_with(|| json!(node_type));
    }
    out.insert("state".into(), json!(cluster.state));
    out.insert("state_message".into(), json!(cluster.state_message));
    out.insert("start_time".into(), json!(cluster.start_time));
    out.insert("creator_user_name".into(), json!(cluster.creator));
    out.insert("cluster_source".into(), json!(cluster.source));
    let name = cluster.spec_str("cluster_name").unwrap_or("");
    out.insert(
        "default_tags".into(),
        json!({
            "Vendor": "Databricks",
            "Creator": cluster.creator,
            "ClusterName": name,
            "ClusterId": cluster.cluster_id,
        }),
    );
    if let Some(t) = cluster.last_restarted_time {
        out.insert("last_restarted_time".into(), json!(t));
    }
    if let Some(t) = cluster.last_activity_ms {
        out.insert("last_activity_time".into(), json!(t));
    }
    if let Some(t) = cluster.terminated_time {
        out.insert("terminated_time".into(), json!(t));
    }
    if let Some(r) = &cluster.termination_reason {
        out.insert("termination_reason".into(), r.clone());
    }
    if let Some(id) = cluster.spark_context_id {
        out.insert("spark_context_id".into(), json!(id));
    }
    let up =
        matches!(cluster.state.as_str(), RUNNING | RESIZING) && cluster.running_since.is_some();
    if up {
        let since = cluster.running_since.unwrap_or(cluster.start_time);
        out.insert("jdbc_port".into(), json!(10000));
        out.insert("driver".into(), node(cluster, 0, since));
        let workers = usize::try_from(cluster.current_workers).unwrap_or(0);
        if workers > 0 {
            let executors: Vec<Value> = (1..=workers).map(|i| node(cluster, i, since)).collect();
            out.insert("executors".into(), Value::Array(executors));
        }
        let driver = cluster
            .spec_str("driver_node_type_id")
            .or(node_type.as_deref())
            .and_then(catalog::node_type);
        let worker = node_type.as_deref().and_then(catalog::node_type);
        let (mut cores, mut memory) = (0.0, 0i64);
        if let Some(d) = driver {
            cores += d.cores;
            memory += d.memory_mb;
        }
        if let Some(w) = worker {
            cores += w.cores * cluster.current_workers as f64;
            memory += w.memory_mb * cluster.current_workers;
        }
        out.insert("cluster_cores".into(), json!(cores));
        out.insert("cluster_memory_mb".into(), json!(memory));
    }
    if with_spec {
        out.insert("spec".into(), Value::Object(cluster.spec.clone()));
    }
    Value::Object(out)
}
