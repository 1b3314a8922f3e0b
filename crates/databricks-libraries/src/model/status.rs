//! Install requests and statuses.

use databricks_clusters::ClusterId;
use serde::{Deserialize, Serialize};

use super::library::Library;

databricks_core::open_enum! {
    /// The install status of a library on a cluster (`LibraryInstallStatus`).
    pub enum LibraryInstallStatus {
        /// Some step failed; see the messages. Terminal.
        Failed = "FAILED",
        /// Installed. Terminal.
        Installed = "INSTALLED",
        /// Being installed on the nodes.
        Installing = "INSTALLING",
        /// Nothing done yet (also while the cluster is not running).
        Pending = "PENDING",
        /// Fetching metadata from the repository.
        Resolving = "RESOLVING",
        /// Restored (newer, undocumented value; treated as terminal).
        Restored = "RESTORED",
        /// Skipped, e.g. for a Scala version mismatch. Terminal.
        Skipped = "SKIPPED",
        /// Marked for removal; disappears at the next restart. Terminal until then.
        UninstallOnRestart = "UNINSTALL_ON_RESTART",
    }
}

impl LibraryInstallStatus {
    /// Whether the install is still in progress (`PENDING`, `RESOLVING`, `INSTALLING`).
    ///
    /// ```
    /// use databricks_libraries::LibraryInstallStatus;
    ///
    /// assert!(LibraryInstallStatus::Installing.is_in_progress());
    /// assert!(!LibraryInstallStatus::Installed.is_in_progress());
    /// ```
    pub fn is_in_progress(&self) -> bool {
        matches!(self, Self::Pending | Self::Resolving | Self::Installing)
    }
}

/// The body of `install`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InstallLibraries {
    /// The cluster.
    pub cluster_id: ClusterId,
    /// The libraries to install.
    pub libraries: Vec<Library>,
}

impl InstallLibraries {
    /// Install `libraries` on `cluster_id`.
    pub fn new(
        cluster_id: impl Into<ClusterId>,
        libraries: impl IntoIterator<Item = Library>,
    ) -> Self {
        Self {
            cluster_id: cluster_id.into(),
            libraries: libraries.into_iter().collect(),
        }
    }
}

/// The body of `uninstall`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UninstallLibraries {
    /// The cluster.
    pub cluster_id: ClusterId,
    /// The libraries to remove at the next restart.
    pub libraries: Vec<Library>,
}

impl UninstallLibraries {
    /// Uninstall `libraries` from `cluster_id` (at its next restart).
    pub fn new(
        cluster_id: impl Into<ClusterId>,
        libraries: impl IntoIterator<Item = Library>,
    ) -> Self {
        Self {
            cluster_id: cluster_id.into(),
            libraries: libraries.into_iter().collect(),
        }
    }
}

/// The libraries of one cluster and their statuses (response of `cluster-status`).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClusterLibraryStatuses {
    /// The cluster.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub cluster_id: ClusterId,
    /// Libraries to install (in the order they were added), then those marked for removal.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub library_statuses: Vec<LibraryFullStatus>,
}

/// One library on a cluster.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LibraryFullStatus {
    /// Installed through the legacy "install on all clusters".
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub is_library_for_all_clusters: bool,
    /// The library.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub library: Library,
    /// Information, warnings and errors (e.g. why it failed).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub messages: Vec<String>,
    /// Its status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LibraryInstallStatus>,
}

impl ClusterLibraryStatuses {
    /// The libraries that failed to install.
    ///
    /// ```
    /// use databricks_libraries::ClusterLibraryStatuses;
    ///
    /// let s: ClusterLibraryStatuses = serde_json::from_value(serde_json::json!({
    ///     "cluster_id": "c1",
    ///     "library_statuses": [
    ///         {"library": {"pypi": {"package": "a"}}, "status": "INSTALLED"},
    ///         {"library": {"pypi": {"package": "b"}}, "status": "FAILED", "messages": ["no such package"]}
    ///     ]
    /// })).unwrap();
    /// assert_eq!(s.failed().count(), 1);
    /// ```
    pub fn failed(&self) -> impl Iterator<Item = &LibraryFullStatus> {
        self.library_statuses
            .iter()
            .filter(|s| s.status == Some(LibraryInstallStatus::Failed))
    }

    /// The status of `library` on this cluster, if it is listed.
    pub fn status_of(&self, library: &Library) -> Option<&LibraryFullStatus> {
        self.library_statuses.iter().find(|s| &s.library == library)
    }
}

#[derive(Deserialize)]
pub(crate) struct AllClusterStatuses {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub(crate) statuses: Vec<ClusterLibraryStatuses>,
}
