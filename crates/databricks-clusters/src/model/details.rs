//! A cluster as the service describes it: [`ClusterDetails`].

use std::collections::BTreeMap;

use databricks_core::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::enums::{
    ClusterSource, DataSecurityMode, DependencyMode, Kind, RuntimeEngine, State,
    TerminationReasonCode, TerminationReasonType,
};
use super::spec::{
    AutoScale, AwsAttributes, AzureAttributes, ClusterLogConf, ClusterSpec, DockerImage,
    GcpAttributes, InitScriptInfo, NodeTypeFlexibility, WorkloadType,
};

databricks_core::string_id! {
    /// A cluster's id, e.g. `0923-164208-meows279`.
    pub struct ClusterId;
}

/// A cluster: its settings and its runtime state (response of `get`, items of `list`; the
/// `ClusterInfo` of older docs).
///
/// Unknown fields are kept in [`extra`](Self::extra). To change the settings, turn it into an
/// edit with [`ClusterDetails::to_edit`], which keeps every setting this SDK does not model.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ClusterDetails {
    /// Autoscaling range; mutually exclusive with `num_workers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autoscale: Option<AutoScale>,
    /// Idle minutes before the cluster terminates (0: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autotermination_minutes: Option<i32>,
    /// AWS-only settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_attributes: Option<AwsAttributes>,
    /// Azure-only settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azure_attributes: Option<AzureAttributes>,
    /// Number of cores of the cluster (may be fractional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_cores: Option<f64>,
    /// The cluster's id.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub cluster_id: ClusterId,
    /// Log delivery destination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_log_conf: Option<ClusterLogConf>,
    /// Log delivery status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_log_status: Option<LogSyncStatus>,
    /// Total memory in MB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_memory_mb: Option<i64>,
    /// The cluster's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    /// Who created the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_source: Option<ClusterSource>,
    /// The creator (absent if the creator was deleted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_user_name: Option<String>,
    /// Extra tags on the cloud resources.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub custom_tags: BTreeMap<String, String>,
    /// Access mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_security_mode: Option<DataSecurityMode>,
    /// Tags Databricks always adds (`Vendor`, `Creator`, `ClusterName`, `ClusterId`, `Name`).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub default_tags: BTreeMap<String, String>,
    /// Dependency configuration mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependency_mode: Option<DependencyMode>,
    /// Databricks Container Services image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_image: Option<DockerImage>,
    /// The driver node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver: Option<SparkNode>,
    /// Instance pool of the driver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver_instance_pool_id: Option<String>,
    /// Fallback node types for the driver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver_node_type_flexibility: Option<NodeTypeFlexibility>,
    /// Node type of the driver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver_node_type_id: Option<String>,
    /// Autoscaling local storage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_elastic_disk: Option<bool>,
    /// Encrypted local disks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_local_disk_encryption: Option<bool>,
    /// The worker nodes currently up.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub executors: Vec<SparkNode>,
    /// GCP-only settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gcp_attributes: Option<GcpAttributes>,
    /// Init scripts.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub init_scripts: Vec<InitScriptInfo>,
    /// Instance pool of the workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_pool_id: Option<String>,
    /// Single-node cluster (with `kind = CLASSIC_PREVIEW`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_single_node: Option<bool>,
    /// Spark JDBC port on the driver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jdbc_port: Option<i32>,
    /// The kind of compute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// When the cluster last started or restarted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_restarted_time: Option<Timestamp>,
    /// When the driver last lost its state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_state_loss_time: Option<Timestamp>,
    /// Node type of the workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_type_id: Option<String>,
    /// The target number of workers (see `executors` for the nodes actually up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_workers: Option<i32>,
    /// Cluster policy id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_id: Option<String>,
    /// Remote disk throughput in Mb/s (GCP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_disk_throughput: Option<i32>,
    /// `STANDARD` or `PHOTON`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_engine: Option<RuntimeEngine>,
    /// The user of a single-user cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_user_name: Option<String>,
    /// Spark configuration.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub spark_conf: BTreeMap<String, String>,
    /// Changes on every driver restart; `(cluster_id, spark_context_id)` is globally unique.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spark_context_id: Option<i64>,
    /// Environment variables.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub spark_env_vars: BTreeMap<String, String>,
    /// Runtime version key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spark_version: Option<String>,
    /// The spec as the user last supplied it (not included in list responses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<ClusterSpec>,
    /// SSH public keys.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub ssh_public_keys: Vec<String>,
    /// When the create request was received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    /// Current lifecycle state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// Why the cluster is in its state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_message: Option<String>,
    /// When the cluster terminated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminated_time: Option<Timestamp>,
    /// Why it terminated (in `TERMINATING` / `TERMINATED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_reason: Option<TerminationReason>,
    /// Initial remote disk size in GB (GCP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_initial_remote_disk_size: Option<i32>,
    /// ML runtime flavour (with `kind = CLASSIC_PREVIEW`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_ml_runtime: Option<bool>,
    /// Fallback node types for the workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker_node_type_flexibility: Option<NodeTypeFlexibility>,
    /// Which kinds of clients may use the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload_type: Option<WorkloadType>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ClusterDetails {
    /// The state, `UNKNOWN` when absent.
    ///
    /// ```
    /// use databricks_clusters::{ClusterDetails, State};
    ///
    /// let c: ClusterDetails = serde_json::from_str(r#"{"cluster_id":"c1","state":"RUNNING"}"#).unwrap();
    /// assert_eq!(c.state(), State::Running);
    /// ```
    pub fn state(&self) -> State {
        self.state.clone().unwrap_or(State::Unknown)
    }

    /// Whether the cluster is `RUNNING`.
    pub fn is_running(&self) -> bool {
        self.state == Some(State::Running)
    }

    /// The settings of this cluster as a [`ClusterSpec`], for an edit or to create a similar
    /// cluster.
    ///
    /// Uses the `spec` snapshot when the service sent one (it is what the user supplied,
    /// including fields this SDK does not model); otherwise rebuilds the spec from the
    /// settings fields of the description, carrying over every field this SDK does not model.
    ///
    /// ```
    /// use databricks_clusters::ClusterDetails;
    ///
    /// let c: ClusterDetails = serde_json::from_value(serde_json::json!({
    ///     "cluster_id": "c1", "state": "RUNNING", "spark_version": "15.4.x-scala2.12",
    ///     "num_workers": 2, "future_setting": {"x": 1}
    /// })).unwrap();
    /// let spec = c.to_spec();
    /// assert_eq!(spec.num_workers, Some(2));
    /// assert_eq!(spec.extra["future_setting"]["x"], 1);
    /// ```
    pub fn to_spec(&self) -> ClusterSpec {
        if let Some(spec) = &self.spec {
            return spec.clone();
        }
        ClusterSpec {
            apply_policy_default_values: None,
            autoscale: self.autoscale,
            autotermination_minutes: self.autotermination_minutes,
            aws_attributes: self.aws_attributes.clone(),
            azure_attributes: self.azure_attributes.clone(),
            cluster_log_conf: self.cluster_log_conf.clone(),
            cluster_name: self.cluster_name.clone(),
            custom_tags: self.custom_tags.clone(),
            data_security_mode: self.data_security_mode.clone(),
            dependency_mode: self.dependency_mode.clone(),
            docker_image: self.docker_image.clone(),
            driver_instance_pool_id: self.driver_instance_pool_id.clone(),
            driver_node_type_flexibility: self.driver_node_type_flexibility.clone(),
            driver_node_type_id: self.driver_node_type_id.clone(),
            enable_elastic_disk: self.enable_elastic_disk,
            enable_local_disk_encryption: self.enable_local_disk_encryption,
            gcp_attributes: self.gcp_attributes.clone(),
            init_scripts: self.init_scripts.clone(),
            instance_pool_id: self.instance_pool_id.clone(),
            is_single_node: self.is_single_node,
            kind: self.kind.clone(),
            node_type_id: self.node_type_id.clone(),
            // With autoscale, `num_workers` is the current size, not a setting.
            num_workers: if self.autoscale.is_some() {
                None
            } else {
                self.num_workers
            },
            policy_id: self.policy_id.clone(),
            remote_disk_throughput: self.remote_disk_throughput,
            runtime_engine: self.runtime_engine.clone(),
            single_user_name: self.single_user_name.clone(),
            spark_conf: self.spark_conf.clone(),
            spark_env_vars: self.spark_env_vars.clone(),
            spark_version: self.spark_version.clone(),
            ssh_public_keys: self.ssh_public_keys.clone(),
            total_initial_remote_disk_size: self.total_initial_remote_disk_size,
            use_ml_runtime: self.use_ml_runtime,
            worker_node_type_flexibility: self.worker_node_type_flexibility.clone(),
            workload_type: self.workload_type,
            extra: self.extra.clone(),
        }
    }

    /// An [`EditCluster`](crate::EditCluster) that sets this cluster's current settings:
    /// change what you need and send it with
    /// [`ClustersApi::edit`](crate::ClustersApi::edit). Settings this SDK does not model are
    /// kept (see [`to_spec`](Self::to_spec)).
    ///
    /// ```
    /// use databricks_clusters::ClusterDetails;
    ///
    /// let c: ClusterDetails = serde_json::from_str(
    ///     r#"{"cluster_id":"c1","spark_version":"15.4.x-scala2.12","num_workers":2}"#,
    /// ).unwrap();
    /// let mut edit = c.to_edit();
    /// edit.spec.num_workers = Some(4);
    /// assert_eq!(edit.cluster_id.as_str(), "c1");
    /// ```
    pub fn to_edit(&self) -> crate::EditCluster {
        crate::EditCluster::new(self.cluster_id.clone(), self.to_spec())
    }

    /// A one-line explanation of the state: the state message and, when terminated, the
    /// termination reason with its parameters.
    ///
    /// ```
    /// use databricks_clusters::ClusterDetails;
    ///
    /// let c: ClusterDetails = serde_json::from_value(serde_json::json!({
    ///     "cluster_id": "c1", "state": "TERMINATED", "state_message": "Init script failed",
    ///     "termination_reason": {"code": "INIT_SCRIPT_FAILURE", "type": "CLIENT_ERROR"}
    /// })).unwrap();
    /// assert_eq!(
    ///     c.state_explanation(),
    ///     "Init script failed (termination reason: INIT_SCRIPT_FAILURE, type CLIENT_ERROR)"
    /// );
    /// ```
    pub fn state_explanation(&self) -> String {
        let message = self.state_message.clone().unwrap_or_default();
        match &self.termination_reason {
            None => message,
            Some(reason) => {
                let reason = reason.to_string();
                if message.is_empty() {
                    format!("termination reason: {reason}")
                } else {
                    format!("{message} (termination reason: {reason})")
                }
            }
        }
    }
}

/// A driver or worker node.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SparkNode {
    /// Private IP of the host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_private_ip: Option<String>,
    /// Cloud instance id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// AWS attributes of the node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_aws_attributes: Option<SparkNodeAwsAttributes>,
    /// Databricks node id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
    /// Private IP of the Spark container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<String>,
    /// Public DNS name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_dns: Option<String>,
    /// When the node started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_timestamp: Option<Timestamp>,
}

/// AWS attributes of a node.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SparkNodeAwsAttributes {
    /// Whether the node is a spot instance.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub is_spot: bool,
}

/// Log delivery status.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LogSyncStatus {
    /// When delivery was last attempted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_attempted: Option<Timestamp>,
    /// The last failure, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_exception: Option<String>,
}

/// Why a cluster terminated.
///
/// ```
/// use databricks_clusters::{TerminationReason, TerminationReasonCode};
///
/// let r: TerminationReason = serde_json::from_str(
///     r#"{"code":"INACTIVITY","type":"SUCCESS","parameters":{"inactivity_duration_min":"60"}}"#,
/// ).unwrap();
/// assert_eq!(r.code, Some(TerminationReasonCode::Inactivity));
/// assert_eq!(r.to_string(), "INACTIVITY, type SUCCESS, inactivity_duration_min=60");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TerminationReason {
    /// Machine-readable reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<TerminationReasonCode>,
    /// Details, e.g. `username`, `databricks_error_message`, `inactivity_duration_min`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub parameters: BTreeMap<String, String>,
    /// Coarse category.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<TerminationReasonType>,
}

impl TerminationReason {
    /// A reason with a code and a type (handy in tests and emulators).
    pub fn new(code: TerminationReasonCode, r#type: TerminationReasonType) -> Self {
        Self {
            code: Some(code),
            parameters: BTreeMap::new(),
            r#type: Some(r#type),
        }
    }
}

impl std::fmt::Display for TerminationReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.code {
            Some(code) => f.write_str(code.as_str())?,
            None => f.write_str("no code")?,
        }
        if let Some(t) = &self.r#type {
            write!(f, ", type {t}")?;
        }
        for (k, v) in &self.parameters {
            write!(f, ", {k}={v}")?;
        }
        Ok(())
    }
}

impl From<&ClusterId> for ClusterId {
    fn from(id: &ClusterId) -> Self {
        id.clone()
    }
}
