//! Request and small response bodies of the cluster endpoints.

use serde::{Deserialize, Serialize};

use super::details::ClusterId;
use super::enums::{ClusterSource, ListClustersSortByDirection, ListClustersSortByField, State};
use super::spec::{AutoScale, ClusterSpec};

/// The body of `create`: a [`ClusterSpec`] and optionally a cluster to clone libraries from.
///
/// [`ClustersApi::create`](crate::ClustersApi::create) takes anything that converts into it,
/// so a plain [`ClusterSpec`] works.
///
/// ```
/// use databricks_clusters::{CloneCluster, ClusterSpec, CreateCluster};
///
/// let req = CreateCluster {
///     clone_from: Some(CloneCluster::new("0923-164208-meows279")),
///     ..CreateCluster::from(ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 1))
/// };
/// let json = serde_json::to_value(&req).unwrap();
/// assert_eq!(json["spark_version"], "15.4.x-scala2.12");
/// assert_eq!(json["clone_from"]["source_cluster_id"], "0923-164208-meows279");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CreateCluster {
    /// The cluster's settings (flattened into the body).
    #[serde(flatten)]
    pub spec: ClusterSpec,
    /// Clone the libraries of an existing cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clone_from: Option<CloneCluster>,
}

impl From<ClusterSpec> for CreateCluster {
    fn from(spec: ClusterSpec) -> Self {
        Self {
            spec,
            clone_from: None,
        }
    }
}

/// Clone the libraries of an existing cluster at creation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CloneCluster {
    /// The cluster whose libraries are copied.
    pub source_cluster_id: ClusterId,
}

impl CloneCluster {
    /// Clone from `source_cluster_id`.
    pub fn new(source_cluster_id: impl Into<ClusterId>) -> Self {
        Self {
            source_cluster_id: source_cluster_id.into(),
        }
    }
}

/// The response of `create`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CreateClusterResponse {
    /// The new cluster's id.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub cluster_id: ClusterId,
}

/// The body of `edit`: the cluster's id and its complete new settings (fields left out revert
/// to their defaults). Build one from the current settings with
/// [`ClusterDetails::to_edit`](crate::ClusterDetails::to_edit) so nothing is lost.
///
/// ```
/// use databricks_clusters::{ClusterSpec, EditCluster};
///
/// let edit = EditCluster::new("0923-164208-meows279", ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 4));
/// let json = serde_json::to_value(&edit).unwrap();
/// assert_eq!(json["cluster_id"], "0923-164208-meows279");
/// assert_eq!(json["num_workers"], 4);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EditCluster {
    /// The cluster to edit.
    pub cluster_id: ClusterId,
    /// The new settings (flattened into the body); `spark_version` is required.
    #[serde(flatten)]
    pub spec: ClusterSpec,
}

impl EditCluster {
    /// An edit of `cluster_id` to `spec`.
    pub fn new(cluster_id: impl Into<ClusterId>, spec: ClusterSpec) -> Self {
        Self {
            cluster_id: cluster_id.into(),
            spec,
        }
    }
}

/// The partial cluster of an `update` (`UpdateClusterResource`): a [`ClusterSpec`] without
/// `apply_policy_default_values`, which must be left `None`.
pub type UpdateClusterResource = ClusterSpec;

/// The body of `update`: change only the fields named in `update_mask`.
///
/// ```
/// use databricks_clusters::{ClusterSpec, UpdateCluster};
///
/// let update = UpdateCluster::new(
///     "0923-164208-meows279",
///     ClusterSpec { num_workers: Some(8), ..Default::default() },
///     ["num_workers"],
/// );
/// let json = serde_json::to_value(&update).unwrap();
/// assert_eq!(json["update_mask"], "num_workers");
/// assert_eq!(json["cluster"]["num_workers"], 8);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UpdateCluster {
    /// The new values of the fields named in `update_mask`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<UpdateClusterResource>,
    /// The cluster to update.
    pub cluster_id: ClusterId,
    /// Comma-separated field paths of `cluster` to update (no spaces), or `*` for all.
    pub update_mask: String,
}

impl UpdateCluster {
    /// An update of the `fields` of `cluster_id` to their values in `cluster`.
    pub fn new<I, S>(
        cluster_id: impl Into<ClusterId>,
        cluster: UpdateClusterResource,
        fields: I,
    ) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mask: Vec<String> = fields.into_iter().map(|f| f.as_ref().to_owned()).collect();
        Self {
            cluster: Some(cluster),
            cluster_id: cluster_id.into(),
            update_mask: mask.join(","),
        }
    }
}

/// The body of `restart`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RestartCluster {
    /// The cluster to restart.
    pub cluster_id: ClusterId,
    /// The user the restart is attributed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_user: Option<String>,
}

impl RestartCluster {
    /// A restart of `cluster_id`.
    pub fn new(cluster_id: impl Into<ClusterId>) -> Self {
        Self {
            cluster_id: cluster_id.into(),
            restart_user: None,
        }
    }
}

/// The body of `resize`: a new fixed size or a new autoscale range.
///
/// ```
/// use databricks_clusters::{AutoScale, ResizeCluster};
///
/// let fixed = ResizeCluster::workers("c1", 10);
/// assert_eq!(serde_json::to_string(&fixed).unwrap(), r#"{"cluster_id":"c1","num_workers":10}"#);
/// let range = ResizeCluster::autoscale("c1", AutoScale::new(2, 6));
/// assert!(range.num_workers.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResizeCluster {
    /// The new autoscale range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autoscale: Option<AutoScale>,
    /// The cluster to resize.
    pub cluster_id: ClusterId,
    /// The new fixed size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_workers: Option<i32>,
}

impl ResizeCluster {
    /// Resize `cluster_id` to `num_workers` workers.
    pub fn workers(cluster_id: impl Into<ClusterId>, num_workers: i32) -> Self {
        Self {
            autoscale: None,
            cluster_id: cluster_id.into(),
            num_workers: Some(num_workers),
        }
    }

    /// Change the autoscale range of `cluster_id`.
    pub fn autoscale(cluster_id: impl Into<ClusterId>, autoscale: AutoScale) -> Self {
        Self {
            autoscale: Some(autoscale),
            cluster_id: cluster_id.into(),
            num_workers: None,
        }
    }
}

/// The body of `change-owner`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChangeClusterOwner {
    /// The cluster.
    pub cluster_id: ClusterId,
    /// The new owner: a user name or a service principal's application id.
    pub owner_username: String,
}

impl ChangeClusterOwner {
    /// Give `cluster_id` to `owner_username`.
    pub fn new(cluster_id: impl Into<ClusterId>, owner_username: impl Into<String>) -> Self {
        Self {
            cluster_id: cluster_id.into(),
            owner_username: owner_username.into(),
        }
    }
}

/// The body of the single-id actions (`start`, `delete`, `permanent-delete`, `pin`, `unpin`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ClusterIdBody<'a> {
    pub(crate) cluster_id: &'a ClusterId,
}

/// Filters, sorting and page size of [`ClustersApi::list`](crate::ClustersApi::list) (the
/// query parameters of the 2.1 `list`).
///
/// ```
/// use databricks_clusters::{ListClustersFilterBy, ListClustersRequest, State};
///
/// let req = ListClustersRequest {
///     filter_by: Some(ListClustersFilterBy {
///         cluster_states: vec![State::Running, State::Pending],
///         ..Default::default()
///     }),
///     ..Default::default()
/// };
/// # let _ = req;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListClustersRequest {
    /// Filters (sent as `filter_by.<name>` query keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_by: Option<ListClustersFilterBy>,
    /// Clusters per page (the server may cap it). [`Paginator::page_size`](databricks_core::Paginator::page_size)
    /// overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
    /// Where to start; the paginator sets it for the following pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
    /// Sorting (sent as `sort_by.<name>` query keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_by: Option<ListClustersSortBy>,
}

/// Filters of a cluster listing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListClustersFilterBy {
    /// Only clusters created by these sources.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cluster_sources: Vec<ClusterSource>,
    /// Only clusters in these states.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cluster_states: Vec<State>,
    /// Only pinned (or unpinned) clusters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_pinned: Option<bool>,
    /// Only clusters of this policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_id: Option<String>,
}

/// Sorting of a cluster listing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListClustersSortBy {
    /// Direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<ListClustersSortByDirection>,
    /// Field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<ListClustersSortByField>,
}

/// One page of the 2.1 `list`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ListClustersResponse {
    /// The clusters of this page.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub clusters: Vec<super::details::ClusterDetails>,
    /// Token of the next page; empty or absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// Token of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_page_token: Option<String>,
}
