//! The cluster event log: [`GetEvents`], [`ClusterEvent`].

use databricks_core::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::details::{ClusterId, TerminationReason};
use super::enums::{
    DataPlaneEventDetailsEventType, EventDetailsCause, EventType, GetEventsOrder,
    InitScriptExecutionStatus,
};
use super::spec::{AutoScale, ClusterSpec, InitScriptInfo};

/// The body of `events`: which events of a cluster to list.
///
/// [`ClustersApi::events`](crate::ClustersApi::events) pages with `page_token` (the paginator
/// sets it); the deprecated `offset`/`limit` paging is followed too when `offset` is set.
///
/// ```
/// use databricks_clusters::{EventType, GetEvents, GetEventsOrder};
///
/// let req = GetEvents {
///     order: Some(GetEventsOrder::Asc),
///     event_types: vec![EventType::Running, EventType::Terminating],
///     ..GetEvents::new("0612-083412-z9a1b2c3")
/// };
/// assert_eq!(serde_json::to_value(&req).unwrap()["event_types"][0], "RUNNING");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GetEvents {
    /// The cluster.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub cluster_id: ClusterId,
    /// Only events up to this time (required with `offset` in DESC order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    /// Only events of these types.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub event_types: Vec<EventType>,
    /// Deprecated: events per page with `offset` (default 50, at most 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Deprecated: where to start (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    /// `DESC` (newest first, the default) or `ASC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<GetEventsOrder>,
    /// Events per page, 0..=500. [`Paginator::page_size`](databricks_core::Paginator::page_size)
    /// overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
    /// Where to start; the paginator sets it for the following pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
    /// Only events from this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
}

impl GetEvents {
    /// All events of `cluster_id`, newest first.
    pub fn new(cluster_id: impl Into<ClusterId>) -> Self {
        Self {
            cluster_id: cluster_id.into(),
            ..Default::default()
        }
    }
}

/// One page of `events`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GetEventsResponse {
    /// The events of this page.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub events: Vec<ClusterEvent>,
    /// Deprecated: the request for the next page (offset paging); absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page: Option<GetEvents>,
    /// Token of the next page; empty or absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// Token of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_page_token: Option<String>,
    /// Deprecated: total number of events (0 with page tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
}

/// One event of a cluster's log.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ClusterEvent {
    /// The cluster.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub cluster_id: ClusterId,
    /// Data-plane details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_plane_event_details: Option<DataPlaneEventDetails>,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<EventDetails>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Timestamp>,
    /// Its type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<EventType>,
}

/// The attributes of a cluster in an event (`ClusterAttributes`): a [`ClusterSpec`] without
/// the size fields.
pub type ClusterAttributes = ClusterSpec;

/// Details of a [`ClusterEvent`].
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EventDetails {
    /// The cluster's attributes after an edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<ClusterAttributes>,
    /// What caused the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<EventDetailsCause>,
    /// The size after a resize.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_size: Option<ClusterSize>,
    /// Current number of vCPUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_num_vcpus: Option<i32>,
    /// Current number of workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_num_workers: Option<i32>,
    /// Why a disk did not expand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_not_expand_reason: Option<String>,
    /// Disk size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_size: Option<i64>,
    /// The driver's state message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver_state_message: Option<String>,
    /// Whether nodes on the block list lead to termination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_termination_for_node_blocklisted: Option<bool>,
    /// Free disk space in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_space: Option<i64>,
    /// Init script outcomes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init_scripts: Option<InitScriptEventDetails>,
    /// The instance concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// The job run that used the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_run_name: Option<String>,
    /// The cluster's attributes before an edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_attributes: Option<ClusterAttributes>,
    /// The size before a resize.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_cluster_size: Option<ClusterSize>,
    /// Disk size before an expansion, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_disk_size: Option<i64>,
    /// The termination reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<TerminationReason>,
    /// Target number of vCPUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_num_vcpus: Option<i32>,
    /// Target number of workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_num_workers: Option<i32>,
    /// The user who caused the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Fields this version of the SDK does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The size of a cluster.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClusterSize {
    /// Autoscale range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autoscale: Option<AutoScale>,
    /// Fixed size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_workers: Option<i32>,
}

/// A data-plane event.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DataPlaneEventDetails {
    /// Its type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<DataPlaneEventDetailsEventType>,
    /// Number of executor failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executor_failures: Option<i32>,
    /// The host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_id: Option<String>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Timestamp>,
}

/// Init script outcomes of an event.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct InitScriptEventDetails {
    /// Cluster-scoped scripts.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub cluster: Vec<InitScriptInfoAndExecutionDetails>,
    /// Global scripts.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub global: Vec<InitScriptInfoAndExecutionDetails>,
    /// The node that reported them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_for_node: Option<String>,
}

/// One init script and how it ran.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct InitScriptInfoAndExecutionDetails {
    /// The script's location.
    #[serde(flatten)]
    pub script: InitScriptInfo,
    /// Error message, when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// How long it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_duration_seconds: Option<i32>,
    /// Its outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InitScriptExecutionStatus>,
    /// Its standard error (truncated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr: Option<String>,
}
