//! The cluster specification shared by create, edit, update and Jobs' `new_cluster`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::enums::{
    AwsAvailability, AzureAvailability, ConfidentialComputeType, DataSecurityMode, DependencyMode,
    EbsVolumeType, GcpAvailability, Kind, RuntimeEngine,
};

/// The settings of a cluster: the body of `create` (see [`CreateCluster`](crate::CreateCluster)),
/// of `edit` (see [`EditCluster`](crate::EditCluster)), the cluster of an `update`, and the
/// `new_cluster` of a Jobs task or job cluster. The `NewCluster` object of older docs.
///
/// Every field is optional on the wire; in practice a cluster needs `spark_version`, a node type
/// (or an instance pool) and `num_workers` or `autoscale`. Fields the service added after this
/// version of the SDK are kept in [`extra`](Self::extra), so a spec read from the service and
/// sent back (read-modify-write) never loses them.
///
/// ```
/// use databricks_clusters::{AutoScale, ClusterSpec};
///
/// let spec = ClusterSpec {
///     cluster_name: Some("etl-nightly".into()),
///     spark_version: Some("15.4.x-scala2.12".into()),
///     node_type_id: Some("i3.xlarge".into()),
///     autoscale: Some(AutoScale::new(2, 8)),
///     autotermination_minutes: Some(60),
///     ..Default::default()
/// };
/// let json = serde_json::to_value(&spec).unwrap();
/// assert_eq!(json["autoscale"]["max_workers"], 8);
/// assert!(json.get("num_workers").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ClusterSpec {
    /// With a policy: `true` applies the policy's fixed and default values to omitted fields,
    /// `false` only its fixed values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply_policy_default_values: Option<bool>,
    /// Autoscaling range; mutually exclusive with `num_workers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autoscale: Option<AutoScale>,
    /// Idle minutes before the cluster terminates: 10..=10000, or 0 to disable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autotermination_minutes: Option<i32>,
    /// AWS-only settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_attributes: Option<AwsAttributes>,
    /// Azure-only settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azure_attributes: Option<AzureAttributes>,
    /// Where driver, executor and init-script logs are delivered (every 5 minutes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_log_conf: Option<ClusterLogConf>,
    /// Free-text name; not unique.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    /// Extra tags on the cloud resources (at most 45).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub custom_tags: BTreeMap<String, String>,
    /// Access mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_security_mode: Option<DataSecurityMode>,
    /// Dependency configuration mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependency_mode: Option<DependencyMode>,
    /// Databricks Container Services image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_image: Option<DockerImage>,
    /// Instance pool of the driver (defaults to `instance_pool_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver_instance_pool_id: Option<String>,
    /// Fallback node types for the driver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver_node_type_flexibility: Option<NodeTypeFlexibility>,
    /// Node type of the driver (defaults to `node_type_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver_node_type_id: Option<String>,
    /// Autoscaling local storage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_elastic_disk: Option<bool>,
    /// Encrypt local disks (LUKS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_local_disk_encryption: Option<bool>,
    /// GCP-only settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gcp_attributes: Option<GcpAttributes>,
    /// Init scripts, run in order; each entry sets exactly one destination.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub init_scripts: Vec<InitScriptInfo>,
    /// Instance pool of the workers (and of the driver unless `driver_instance_pool_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_pool_id: Option<String>,
    /// Single-node cluster; only with `kind = CLASSIC_PREVIEW`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_single_node: Option<bool>,
    /// The kind of compute; `CLASSIC_PREVIEW` enables `is_single_node` and `use_ml_runtime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Node type of the workers (and default of the driver), from `list-node-types`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_type_id: Option<String>,
    /// Fixed number of workers (0: driver only); mutually exclusive with `autoscale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_workers: Option<i32>,
    /// Cluster policy id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_id: Option<String>,
    /// Remote disk throughput in Mb/s (GCP `HYPERDISK_BALANCED` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_disk_throughput: Option<i32>,
    /// `STANDARD` or `PHOTON`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_engine: Option<RuntimeEngine>,
    /// The user of a single-user (dedicated) cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_user_name: Option<String>,
    /// Spark configuration.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub spark_conf: BTreeMap<String, String>,
    /// Environment variables on the driver and workers.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub spark_env_vars: BTreeMap<String, String>,
    /// Runtime version key from `spark-versions`, e.g. `15.4.x-scala2.12`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spark_version: Option<String>,
    /// SSH public keys (at most 10); user `ubuntu`, port 2200.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub ssh_public_keys: Vec<String>,
    /// Initial remote disk size in GB (GCP `HYPERDISK_BALANCED` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_initial_remote_disk_size: Option<i32>,
    /// ML runtime flavour; only with `kind = CLASSIC_PREVIEW`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_ml_runtime: Option<bool>,
    /// Fallback node types for the workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_node_type_flexibility: Option<NodeTypeFlexibility>,
    /// Which kinds of clients may use the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload_type: Option<WorkloadType>,
    /// Fields this version of the SDK does not model, kept as sent by the service so that
    /// read-modify-write never drops them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ClusterSpec {
    /// A spec with the runtime version, node type and a fixed number of workers.
    ///
    /// ```
    /// use databricks_clusters::ClusterSpec;
    ///
    /// let spec = ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 2);
    /// assert_eq!(spec.num_workers, Some(2));
    /// ```
    pub fn new(
        spark_version: impl Into<String>,
        node_type_id: impl Into<String>,
        num_workers: i32,
    ) -> Self {
        Self {
            spark_version: Some(spark_version.into()),
            node_type_id: Some(node_type_id.into()),
            num_workers: Some(num_workers),
            ..Default::default()
        }
    }

    /// A single-node cluster (driver only) in the classic convention: `num_workers: 0`, the
    /// single-node Spark profile and the `ResourceClass: SingleNode` tag.
    ///
    /// ```
    /// use databricks_clusters::ClusterSpec;
    ///
    /// let spec = ClusterSpec::single_node("15.4.x-scala2.12", "i3.xlarge");
    /// assert_eq!(spec.num_workers, Some(0));
    /// assert_eq!(spec.custom_tags["ResourceClass"], "SingleNode");
    /// ```
    pub fn single_node(spark_version: impl Into<String>, node_type_id: impl Into<String>) -> Self {
        let mut spec = Self::new(spark_version, node_type_id, 0);
        spec.spark_conf.insert(
            "spark.databricks.cluster.profile".into(),
            "singleNode".into(),
        );
        spec.spark_conf
            .insert("spark.master".into(), "local[*]".into());
        spec.custom_tags
            .insert("ResourceClass".into(), "SingleNode".into());
        spec
    }
}

/// Autoscaling range of a cluster (`AutoScale`).
///
/// ```
/// use databricks_clusters::AutoScale;
///
/// let a = AutoScale::new(1, 4);
/// assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"max_workers":4,"min_workers":1}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct AutoScale {
    /// Upper bound; must be greater than `min_workers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_workers: Option<i32>,
    /// Lower bound and initial size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_workers: Option<i32>,
}

impl AutoScale {
    /// A range from `min_workers` to `max_workers`.
    pub fn new(min_workers: i32, max_workers: i32) -> Self {
        Self {
            max_workers: Some(max_workers),
            min_workers: Some(min_workers),
        }
    }
}

/// Another name of [`AutoScale`].
pub type Autoscale = AutoScale;

/// AWS-only settings of a cluster.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AwsAttributes {
    /// Availability of the nodes after the first `first_on_demand`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<AwsAvailability>,
    /// EBS volumes per instance (at most 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ebs_volume_count: Option<i32>,
    /// IOPS per EBS volume (gp3 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ebs_volume_iops: Option<i32>,
    /// GiB per EBS volume: 100..=4096 (SSD), 500..=4096 (HDD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ebs_volume_size: Option<i32>,
    /// Throughput per EBS volume in MiB/s (gp3 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ebs_volume_throughput: Option<i32>,
    /// EBS volume type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ebs_volume_type: Option<EbsVolumeType>,
    /// The first N nodes (driver first) are on-demand. Immutable after creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_on_demand: Option<i32>,
    /// Instance profile ARN, registered with the Instance Profiles API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_profile_arn: Option<String>,
    /// Spot bid as a percentage of the on-demand price (default 100, at most 10000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot_bid_price_percent: Option<i32>,
    /// Availability zone (`us-west-2a`) or `auto`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone_id: Option<String>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Azure-only settings of a cluster.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AzureAttributes {
    /// Availability of the nodes after the first `first_on_demand`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<AzureAvailability>,
    /// Capacity reservation group resource id (VNet-injected workspaces only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_reservation_group: Option<String>,
    /// The first N nodes are on-demand (should be > 0 so the driver is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_on_demand: Option<i32>,
    /// Log Analytics agent settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_analytics_info: Option<LogAnalyticsInfo>,
    /// Maximum spot price: -1 (evict on capacity only) or > 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot_bid_max_price: Option<f64>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Log Analytics agent settings (Azure). `Debug` never shows the primary key.
///
/// ```
/// use databricks_clusters::LogAnalyticsInfo;
///
/// let info = LogAnalyticsInfo {
///     log_analytics_primary_key: Some("s3cr3t-key".into()),
///     log_analytics_workspace_id: Some("ws-1".into()),
/// };
/// let shown = format!("{info:?}");
/// assert!(!shown.contains("s3cr3t") && shown.contains("ws-1"));
/// ```
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LogAnalyticsInfo {
    /// The workspace's primary key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_analytics_primary_key: Option<String>,
    /// The workspace id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_analytics_workspace_id: Option<String>,
}

/// GCP-only settings of a cluster.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GcpAttributes {
    /// Preemptible or on-demand nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<GcpAvailability>,
    /// Boot disk size in GB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_disk_size: Option<i32>,
    /// Confidential computing (`SEV_SNP` on N2D types only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidential_compute_type: Option<ConfidentialComputeType>,
    /// The first N nodes are on-demand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_on_demand: Option<i32>,
    /// Service account email the cluster impersonates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google_service_account: Option<String>,
    /// Local SSDs per node (375 GB each).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_ssd_count: Option<i32>,
    /// Older flag, superseded by `availability`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_preemptible_executors: Option<bool>,
    /// `HA` (default), `AUTO` or a GCP zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone_id: Option<String>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Where cluster logs are delivered: exactly one of `dbfs`, `s3`, `volumes`.
///
/// ```
/// use databricks_clusters::ClusterLogConf;
///
/// let conf = ClusterLogConf::dbfs("dbfs:/cluster-logs");
/// assert_eq!(
///     serde_json::to_string(&conf).unwrap(),
///     r#"{"dbfs":{"destination":"dbfs:/cluster-logs"}}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ClusterLogConf {
    /// A DBFS location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dbfs: Option<DbfsStorageInfo>,
    /// An S3 location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3: Option<S3StorageInfo>,
    /// A Unity Catalog volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volumes: Option<VolumesStorageInfo>,
    /// Destinations this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ClusterLogConf {
    /// Logs delivered to a DBFS destination.
    pub fn dbfs(destination: impl Into<String>) -> Self {
        Self {
            dbfs: Some(DbfsStorageInfo::new(destination)),
            ..Default::default()
        }
    }

    /// Logs delivered to a Unity Catalog volume.
    pub fn volumes(destination: impl Into<String>) -> Self {
        Self {
            volumes: Some(VolumesStorageInfo::new(destination)),
            ..Default::default()
        }
    }

    /// Logs delivered to S3.
    pub fn s3(info: S3StorageInfo) -> Self {
        Self {
            s3: Some(info),
            ..Default::default()
        }
    }
}

/// One init script: exactly one destination kind.
///
/// ```
/// use databricks_clusters::InitScriptInfo;
///
/// let script = InitScriptInfo::workspace("/Users/ops@example.com/init/setup.sh");
/// assert_eq!(
///     serde_json::to_string(&script).unwrap(),
///     r#"{"workspace":{"destination":"/Users/ops@example.com/init/setup.sh"}}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct InitScriptInfo {
    /// An ADLS Gen2 file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abfss: Option<Adlsgen2Info>,
    /// A DBFS file (legacy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dbfs: Option<DbfsStorageInfo>,
    /// A file on the node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<LocalFileInfo>,
    /// A Google Cloud Storage file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gcs: Option<GcsStorageInfo>,
    /// An S3 file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3: Option<S3StorageInfo>,
    /// A Unity Catalog volume file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volumes: Option<VolumesStorageInfo>,
    /// A workspace file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<WorkspaceStorageInfo>,
    /// Destinations this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl InitScriptInfo {
    /// A workspace file script.
    pub fn workspace(destination: impl Into<String>) -> Self {
        Self {
            workspace: Some(WorkspaceStorageInfo::new(destination)),
            ..Default::default()
        }
    }

    /// A Unity Catalog volume script.
    pub fn volumes(destination: impl Into<String>) -> Self {
        Self {
            volumes: Some(VolumesStorageInfo::new(destination)),
            ..Default::default()
        }
    }

    /// A DBFS script (legacy).
    pub fn dbfs(destination: impl Into<String>) -> Self {
        Self {
            dbfs: Some(DbfsStorageInfo::new(destination)),
            ..Default::default()
        }
    }

    /// A script already on the node.
    pub fn file(destination: impl Into<String>) -> Self {
        Self {
            file: Some(LocalFileInfo::new(destination)),
            ..Default::default()
        }
    }

    /// A Google Cloud Storage script.
    pub fn gcs(destination: impl Into<String>) -> Self {
        Self {
            gcs: Some(GcsStorageInfo::new(destination)),
            ..Default::default()
        }
    }

    /// An ADLS Gen2 script.
    pub fn abfss(destination: impl Into<String>) -> Self {
        Self {
            abfss: Some(Adlsgen2Info::new(destination)),
            ..Default::default()
        }
    }

    /// An S3 script.
    pub fn s3(info: S3StorageInfo) -> Self {
        Self {
            s3: Some(info),
            ..Default::default()
        }
    }
}

macro_rules! destination_info {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
        pub struct $name {
            /// The location.
            #[serde(default, deserialize_with = "databricks_core::serde_util::null_default")]
            pub destination: String,
        }

        impl $name {
            /// A location.
            pub fn new(destination: impl Into<String>) -> Self {
                Self { destination: destination.into() }
            }
        }
    };
}

destination_info! {
    /// A DBFS location, e.g. `dbfs:/cluster-logs`.
    DbfsStorageInfo
}
destination_info! {
    /// A workspace file, e.g. `/Users/ops@example.com/init.sh`.
    WorkspaceStorageInfo
}
destination_info! {
    /// A Unity Catalog volume path, e.g. `/Volumes/main/default/logs`.
    VolumesStorageInfo
}
destination_info! {
    /// A file on the node, e.g. `file:/my/local/file.sh`.
    LocalFileInfo
}
destination_info! {
    /// A Google Cloud Storage location, e.g. `gs://bucket/init.sh`.
    GcsStorageInfo
}
destination_info! {
    /// An ADLS Gen2 location, e.g. `abfss://container@account.dfs.core.windows.net/init.sh`.
    Adlsgen2Info
}

/// An S3 location, for logs or init scripts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct S3StorageInfo {
    /// Canned ACL, e.g. `bucket-owner-full-control`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canned_acl: Option<String>,
    /// `s3://bucket/prefix`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub destination: String,
    /// Server-side encryption (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_encryption: Option<bool>,
    /// `sse-s3` (default) or `sse-kms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_type: Option<String>,
    /// S3 endpoint, e.g. `https://s3-us-west-2.amazonaws.com` (wins over `region`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// KMS key for `sse-kms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key: Option<String>,
    /// AWS region; one of `region` and `endpoint` is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl S3StorageInfo {
    /// A location in a region.
    ///
    /// ```
    /// use databricks_clusters::S3StorageInfo;
    ///
    /// let s3 = S3StorageInfo::new("s3://logs/clusters", "us-west-2");
    /// assert_eq!(s3.region.as_deref(), Some("us-west-2"));
    /// ```
    pub fn new(destination: impl Into<String>, region: impl Into<String>) -> Self {
        Self {
            destination: destination.into(),
            region: Some(region.into()),
            ..Default::default()
        }
    }
}

/// A Databricks Container Services image.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DockerImage {
    /// Registry credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic_auth: Option<DockerBasicAuth>,
    /// Image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Registry credentials of a [`DockerImage`].
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DockerBasicAuth {
    /// Password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// User name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

impl std::fmt::Debug for LogAnalyticsInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogAnalyticsInfo")
            .field(
                "log_analytics_primary_key",
                &self
                    .log_analytics_primary_key
                    .as_ref()
                    .map(|_| "[REDACTED]"),
            )
            .field(
                "log_analytics_workspace_id",
                &self.log_analytics_workspace_id,
            )
            .finish()
    }
}

impl std::fmt::Debug for DockerBasicAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DockerBasicAuth")
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

/// Which kinds of clients may use a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct WorkloadType {
    /// The allowed clients.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub clients: ClientsTypes,
}

/// Client kinds of a [`WorkloadType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ClientsTypes {
    /// Jobs may run on the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jobs: Option<bool>,
    /// Notebooks may attach to the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notebooks: Option<bool>,
}

/// Fallback node types.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct NodeTypeFlexibility {
    /// Node types to use when the preferred one is unavailable.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub alternate_node_type_ids: Vec<String>,
}
