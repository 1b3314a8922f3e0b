//! The catalogues a workspace offers: runtime versions, node types (AWS) and zones.

use serde_json::{Value, json};

/// `(key, name)` of every runtime version served by `spark-versions`: several LTS lines with
/// their ML, GPU ML, Photon and Graviton flavours, recent non-LTS versions, Scala 2.13 builds
/// and a Beta.
pub(crate) const SPARK_VERSIONS: &[(&str, &str)] = &[
    (
        "17.1.x-scala2.13",
        "17.1 Beta (includes Apache Spark 4.0.0, Scala 2.13)",
    ),
    (
        "17.0.x-scala2.13",
        "17.0 (includes Apache Spark 4.0.0, Scala 2.13)",
    ),
    (
        "17.0.x-cpu-ml-scala2.13",
        "17.0 ML (includes Apache Spark 4.0.0, Scala 2.13)",
    ),
    (
        "16.4.x-scala2.12",
        "16.4 LTS (includes Apache Spark 3.5.2, Scala 2.12)",
    ),
    (
        "16.4.x-scala2.13",
        "16.4 LTS (includes Apache Spark 3.5.2, Scala 2.13)",
    ),
    (
        "16.4.x-cpu-ml-scala2.12",
        "16.4 LTS ML (includes Apache Spark 3.5.2, Scala 2.12)",
    ),
    (
        "16.4.x-gpu-ml-scala2.12",
        "16.4 LTS ML (includes Apache Spark 3.5.2, GPU, Scala 2.12)",
    ),
    (
        "16.4.x-aarch64-scala2.12",
        "16.4 LTS aarch64 (includes Apache Spark 3.5.2, Scala 2.12)",
    ),
    (
        "16.3.x-scala2.12",
        "16.3 (includes Apache Spark 3.5.2, Scala 2.12)",
    ),
    (
        "16.2.x-scala2.12",
        "16.2 (includes Apache Spark 3.5.2, Scala 2.12)",
    ),
    (
        "15.4.x-scala2.12",
        "15.4 LTS (includes Apache Spark 3.5.0, Scala 2.12)",
    ),
    (
        "15.4.x-cpu-ml-scala2.12",
        "15.4 LTS ML (includes Apache Spark 3.5.0, Scala 2.12)",
    ),
    (
        "15.4.x-gpu-ml-scala2.12",
        "15.4 LTS ML (includes Apache Spark 3.5.0, GPU, Scala 2.12)",
    ),
    (
        "15.4.x-photon-scala2.12",
        "15.4 LTS Photon (includes Apache Spark 3.5.0, Scala 2.12)",
    ),
    (
        "15.4.x-aarch64-scala2.12",
        "15.4 LTS aarch64 (includes Apache Spark 3.5.0, Scala 2.12)",
    ),
    (
        "14.3.x-scala2.12",
        "14.3 LTS (includes Apache Spark 3.5.0, Scala 2.12)",
    ),
    (
        "14.3.x-cpu-ml-scala2.12",
        "14.3 LTS ML (includes Apache Spark 3.5.0, Scala 2.12)",
    ),
    (
        "14.3.x-gpu-ml-scala2.12",
        "14.3 LTS ML (includes Apache Spark 3.5.0, GPU, Scala 2.12)",
    ),
    (
        "14.3.x-photon-scala2.12",
        "14.3 LTS Photon (includes Apache Spark 3.5.0, Scala 2.12)",
    ),
    (
        "13.3.x-scala2.12",
        "13.3 LTS (includes Apache Spark 3.4.1, Scala 2.12)",
    ),
    (
        "13.3.x-cpu-ml-scala2.12",
        "13.3 LTS ML (includes Apache Spark 3.4.1, Scala 2.12)",
    ),
    (
        "12.2.x-scala2.12",
        "12.2 LTS (includes Apache Spark 3.3.2, Scala 2.12)",
    ),
    (
        "11.3.x-scala2.12",
        "11.3 LTS (includes Apache Spark 3.3.0, Scala 2.12)",
    ),
    (
        "10.4.x-scala2.12",
        "10.4 LTS (includes Apache Spark 3.2.1, Scala 2.12)",
    ),
];

/// An AWS node type of the catalogue.
pub(crate) struct NodeSpec {
    /// `node_type_id` (and instance type).
    pub(crate) id: &'static str,
    /// Category.
    pub(crate) category: &'static str,
    /// Cores.
    pub(crate) cores: f64,
    /// Memory in MB.
    pub(crate) memory_mb: i64,
    /// GPUs.
    pub(crate) gpus: i64,
    /// Local disks (count, GB each); NVMe disks on the `d` / `i` families.
    pub(crate) disks: (i64, i64),
    /// Graviton (ARM).
    pub(crate) graviton: bool,
    /// Deprecated.
    pub(crate) deprecated: bool,
    /// Photon-capable.
    pub(crate) photon: bool,
}

const fn node(
    id: &'static str,
    category: &'static str,
    cores: f64,
    memory_mb: i64,
    gpus: i64,
    disks: (i64, i64),
) -> NodeSpec {
    NodeSpec {
        id,
        category,
        cores,
        memory_mb,
        gpus,
        disks,
        graviton: false,
        deprecated: false,
        photon: true,
    }
}

/// The node types served by `list-node-types`.
pub(crate) const NODE_TYPES: &[NodeSpec] = &[
    node("m5.large", "General Purpose", 2.0, 8192, 0, (0, 0)),
    node("m5.xlarge", "General Purpose", 4.0, 16384, 0, (0, 0)),
    node("m5d.large", "General Purpose", 2.0, 8192, 0, (1, 75)),
    node("m5d.xlarge", "General Purpose", 4.0, 16384, 0, (1, 150)),
    node("m5d.2xlarge", "General Purpose", 8.0, 32768, 0, (1, 300)),
    node("c5d.xlarge", "Compute Optimized", 4.0, 8192, 0, (1, 100)),
    node("r5d.xlarge", "Memory Optimized", 4.0, 32768, 0, (1, 150)),
    node(
        "r5d.4xlarge",
        "Memory Optimized",
        16.0,
        131_072,
        0,
        (2, 300),
    ),
    node("i3.xlarge", "Storage Optimized", 4.0, 31232, 0, (1, 950)),
    node("i3.2xlarge", "Storage Optimized", 8.0, 62464, 0, (1, 1900)),
    node("g4dn.xlarge", "GPU Accelerated", 4.0, 16384, 1, (1, 125)),
    node(
        "g5.12xlarge",
        "GPU Accelerated",
        48.0,
        196_608,
        4,
        (1, 3800),
    ),
    node("p3.2xlarge", "GPU Accelerated", 8.0, 62464, 1, (0, 0)),
    NodeSpec {
        graviton: true,
        ..node("m6gd.large", "General Purpose", 2.0, 8192, 0, (1, 118))
    },
    NodeSpec {
        graviton: true,
        ..node("r6gd.xlarge", "Memory Optimized", 4.0, 32768, 0, (1, 237))
    },
    NodeSpec {
        deprecated: true,
        photon: false,
        ..node("m4.large", "General Purpose", 2.0, 8192, 0, (0, 0))
    },
];

/// Availability zones served by `list-zones`, the first being the default.
pub(crate) const ZONES: &[&str] = &["us-west-2a", "us-west-2b", "us-west-2c"];

/// Whether `key` is a runtime version of the catalogue.
pub(crate) fn is_spark_version(key: &str) -> bool {
    SPARK_VERSIONS.iter().any(|(k, _)| *k == key)
}

/// The node type with this id.
pub(crate) fn node_type(id: &str) -> Option<&'static NodeSpec> {
    NODE_TYPES.iter().find(|n| n.id == id)
}

/// `{"versions": [...]}`.
pub(crate) fn spark_versions_body() -> Value {
    json!({
        "versions": SPARK_VERSIONS
            .iter()
            .map(|(key, name)| json!({ "key": key, "name": name }))
            .collect::<Vec<_>>()
    })
}

/// `{"node_types": [...]}`.
pub(crate) fn node_types_body() -> Value {
    let types: Vec<Value> = NODE_TYPES
        .iter()
        .enumerate()
        .map(|(i, n)| {
            // The service always sends the four disk counts, zero when there are none (the
            // official Python SDK sorts node types on them).
            let nvme = n.disks.0 > 0 && (n.id.starts_with('i') || n.id.contains('d'));
            let (nvme_disks, nvme_size) = if nvme { n.disks } else { (0, 0) };
            let instance = json!({
                "instance_type_id": n.id,
                "local_disks": n.disks.0,
                "local_disk_size_gb": n.disks.1,
                "local_nvme_disks": nvme_disks,
                "local_nvme_disk_size_gb": nvme_size,
            });
            let gpu_text = if n.gpus > 0 {
                format!(", {} GPU", n.gpus)
            } else {
                String::new()
            };
            json!({
                "node_type_id": n.id,
                "instance_type_id": n.id,
                "category": n.category,
                "description": format!("{} ({} cores, {} GB{gpu_text})", n.id, n.cores, n.memory_mb / 1024),
                "memory_mb": n.memory_mb,
                "num_cores": n.cores,
                "num_gpus": n.gpus,
                "display_order": i,
                "is_deprecated": n.deprecated,
                "is_hidden": false,
                "is_graviton": n.graviton,
                "is_encrypted_in_transit": false,
                "is_io_cache_enabled": n.disks.0 > 0,
                "photon_driver_capable": n.photon,
                "photon_worker_capable": n.photon,
                "support_cluster_tags": true,
                "support_ebs_volumes": true,
                "support_port_forwarding": true,
                "node_instance_type": instance,
                "node_info": { "status": [] },
            })
        })
        .collect();
    json!({ "node_types": types })
}

/// `{"zones": [...], "default_zone": ...}`.
pub(crate) fn zones_body() -> Value {
    json!({ "zones": ZONES, "default_zone": ZONES[0] })
}

#[cfg(test)]
mod node_type_shape_tests {
    use super::node_types_body;

    #[test]
    fn every_node_type_sends_all_four_disk_counts() {
        // The official Python SDK sorts node types on these; a missing one breaks
        // `select_node_type` there.
        let body = node_types_body();
        let types = body["node_types"].as_array().unwrap();
        assert!(!types.is_empty());
        for t in types {
            let instance = &t["node_instance_type"];
            for field in [
                "local_disks",
                "local_disk_size_gb",
                "local_nvme_disks",
                "local_nvme_disk_size_gb",
            ] {
                assert!(instance[field].is_u64(), "{field} missing in {t}");
            }
        }
    }
}
