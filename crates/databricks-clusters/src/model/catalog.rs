//! The catalogues: node types, runtime versions, availability zones.

use serde::{Deserialize, Serialize};

use super::enums::CloudProviderNodeStatus;

/// A node (instance) type, from `list-node-types`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NodeType {
    /// Category, e.g. `General Purpose`, `Memory Optimized`, `GPU Accelerated`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub category: String,
    /// Human description.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub description: String,
    /// Sort order in the UI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_order: Option<i32>,
    /// The cloud's instance type id.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub instance_type_id: String,
    /// Deprecated type (still usable, not recommended).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub is_deprecated: bool,
    /// Traffic between nodes is encrypted.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub is_encrypted_in_transit: bool,
    /// AWS Graviton (ARM) type.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub is_graviton: bool,
    /// Hidden from the UI.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub is_hidden: bool,
    /// Disk cache (IO cache) enabled by default.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub is_io_cache_enabled: bool,
    /// Memory in MB.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub memory_mb: i32,
    /// Availability with the cloud provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_info: Option<CloudProviderNodeInfo>,
    /// Local disks of the instance type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_instance_type: Option<NodeInstanceType>,
    /// The value to use as `node_type_id`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub node_type_id: String,
    /// Number of cores (may be fractional).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub num_cores: f64,
    /// Number of GPUs.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub num_gpus: i32,
    /// Can run a Photon driver.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub photon_driver_capable: bool,
    /// Can run Photon workers.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub photon_worker_capable: bool,
    /// Supports cluster tags.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub support_cluster_tags: bool,
    /// Supports EBS volumes.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub support_ebs_volumes: bool,
    /// Supports port forwarding.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub support_port_forwarding: bool,
}

impl NodeType {
    /// Number of local disks (plain and NVMe) of the instance type.
    pub fn local_disks(&self) -> i32 {
        self.node_instance_type
            .as_ref()
            .map(|t| t.local_disks.unwrap_or(0) + t.local_nvme_disks.unwrap_or(0))
            .unwrap_or(0)
    }

    /// Total local disk size in GB (plain and NVMe).
    pub fn local_disk_size_gb(&self) -> i32 {
        self.node_instance_type
            .as_ref()
            .map(|t| t.local_disk_size_gb.unwrap_or(0) + t.local_nvme_disk_size_gb.unwrap_or(0))
            .unwrap_or(0)
    }

    /// Whether the cloud provider reports the type as unavailable (not in the region, or not
    /// enabled on the subscription).
    pub fn is_unavailable(&self) -> bool {
        self.node_info.as_ref().is_some_and(|i| {
            i.status.iter().any(|s| {
                matches!(
                    s,
                    CloudProviderNodeStatus::NotAvailableInRegion
                        | CloudProviderNodeStatus::NotEnabledOnSubscription
                )
            })
        })
    }
}

/// Local disks of an instance type.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NodeInstanceType {
    /// The cloud's instance type id.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub instance_type_id: String,
    /// Size of each local disk in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_disk_size_gb: Option<i32>,
    /// Number of local disks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_disks: Option<i32>,
    /// Size of each local NVMe disk in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_nvme_disk_size_gb: Option<i32>,
    /// Number of local NVMe disks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_nvme_disks: Option<i32>,
}

/// Availability of a node type with the cloud provider.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CloudProviderNodeInfo {
    /// Reasons the type is unavailable (empty when available).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub status: Vec<CloudProviderNodeStatus>,
}

/// A runtime version, from `spark-versions`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SparkVersion {
    /// The value to use as `spark_version`, e.g. `15.4.x-scala2.12`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub key: String,
    /// Display name, e.g. `15.4 LTS (includes Apache Spark 3.5.0, Scala 2.12)`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub name: String,
}

/// The response of `list-zones`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListAvailableZonesResponse {
    /// The zone used when none is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_zone: Option<String>,
    /// The usable availability zones.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub zones: Vec<String>,
}

#[derive(Deserialize)]
pub(crate) struct NodeTypesResponse {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub(crate) node_types: Vec<NodeType>,
}

#[derive(Deserialize)]
pub(crate) struct SparkVersionsResponse {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub(crate) versions: Vec<SparkVersion>,
}
