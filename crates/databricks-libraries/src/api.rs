//! The [`LibrariesApi`] handle.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use databricks_clusters::ClusterId;
use databricks_core::{Client, Method, Poll, Result, Waiter};

use crate::model::{
    AllClusterStatuses, ClusterLibraryStatuses, InstallLibraries, Library, LibraryInstallStatus,
    UninstallLibraries,
};
use crate::validate;

const BASE: &str = "/api/2.0/libraries";

/// How many not-found answers right after a cluster's creation a wait tolerates (the
/// Libraries service may not know a brand-new cluster yet).
const NOT_FOUND_TOLERANCE: u32 = 3;

/// The Libraries API: install and uninstall libraries on clusters and follow their status.
///
/// Cheap to clone (it holds a [`Client`], an `Arc` inside).
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use std::time::Duration;
/// use databricks_libraries::{InstallLibraries, LibrariesApi, Library};
///
/// let libraries = LibrariesApi::new(databricks_core::Client::from_env()?);
/// let statuses = libraries
///     .install_and_wait(InstallLibraries::new(
///         "0923-164208-meows279",
///         [Library::pypi("simplejson==3.19.2"), Library::maven("org.jsoup:jsoup:1.17.2")],
///     ))
///     .timeout(Duration::from_secs(15 * 60))
///     .await?;
/// for s in statuses.library_statuses {
///     println!("{}: {:?}", s.library, s.status);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct LibrariesApi {
    client: Client,
}

impl LibrariesApi {
    /// Creates the handle over a core client.
    ///
    /// ```no_run
    /// # fn demo() -> databricks_core::Result<()> {
    /// let libraries = databricks_libraries::LibrariesApi::new(databricks_core::Client::from_env()?);
    /// # let _ = libraries; Ok(()) }
    /// ```
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// `GET /api/2.0/libraries/all-cluster-statuses`: the libraries of every cluster.
    ///
    /// ```no_run
    /// # async fn demo(libraries: databricks_libraries::LibrariesApi) -> databricks_core::Result<()> {
    /// for cluster in libraries.all_cluster_statuses().await? {
    ///     println!("{}: {} libraries", cluster.cluster_id, cluster.library_statuses.len());
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn all_cluster_statuses(&self) -> Result<Vec<ClusterLibraryStatuses>> {
        let response: AllClusterStatuses = self
            .client
            .request(Method::GET, format!("{BASE}/all-cluster-statuses"))
            .idempotent(true)
            .send()
            .await?;
        Ok(response.statuses)
    }

    /// `GET /api/2.0/libraries/cluster-status`: the libraries of one cluster: those to install
    /// (in the order they were added), then those marked for removal.
    ///
    /// ```no_run
    /// # async fn demo(libraries: databricks_libraries::LibrariesApi) -> databricks_core::Result<()> {
    /// let status = libraries.cluster_status("0923-164208-meows279").await?;
    /// for lib in status.failed() {
    ///     eprintln!("{} failed: {:?}", lib.library, lib.messages);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn cluster_status(
        &self,
        cluster_id: impl Into<ClusterId>,
    ) -> Result<ClusterLibraryStatuses> {
        let cluster_id = cluster_id.into();
        validate::cluster_id(&cluster_id)?;
        let mut status: ClusterLibraryStatuses = self
            .client
            .request(Method::GET, format!("{BASE}/cluster-status"))
            .query("cluster_id", &cluster_id)
            .idempotent(true)
            .send()
            .await?;
        if status.cluster_id.as_str().is_empty() {
            status.cluster_id = cluster_id;
        }
        Ok(status)
    }

    /// `POST /api/2.0/libraries/install`: queues libraries for installation. They install
    /// asynchronously once the cluster runs (on a terminated cluster, at its next start); see
    /// [`install_and_wait`](Self::install_and_wait).
    ///
    /// Validated before sending: a cluster id, at least one library, each with exactly one
    /// kind, non-empty values, Maven coordinates `group:artifact:version`, `requirements` an
    /// absolute workspace or `/Volumes/` path. Installing a library already on the cluster
    /// changes nothing, so the call is retried on transient failures.
    ///
    /// ```no_run
    /// # async fn demo(libraries: databricks_libraries::LibrariesApi) -> databricks_core::Result<()> {
    /// use databricks_libraries::{InstallLibraries, Library};
    ///
    /// libraries
    ///     .install(InstallLibraries::new(
    ///         "0923-164208-meows279",
    ///         [Library::whl("/Workspace/Shared/wheels/etl_lib-0.3.0-py3-none-any.whl")],
    ///     ))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn install(&self, request: InstallLibraries) -> Result<()> {
        validate::cluster_id(&request.cluster_id)?;
        validate::libraries(&request.libraries)?;
        self.client
            .request(Method::POST, format!("{BASE}/install"))
            .json(&request)
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/libraries/uninstall`: marks libraries for removal; they stay installed
    /// (`UNINSTALL_ON_RESTART`) until the cluster restarts. Libraries not on the cluster are
    /// ignored by the service. Validated like [`install`](Self::install).
    ///
    /// ```no_run
    /// # async fn demo(libraries: databricks_libraries::LibrariesApi) -> databricks_core::Result<()> {
    /// use databricks_libraries::{Library, UninstallLibraries};
    ///
    /// libraries
    ///     .uninstall(UninstallLibraries::new("0923-164208-meows279", [Library::pypi("simplejson==3.19.2")]))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn uninstall(&self, request: UninstallLibraries) -> Result<()> {
        validate::cluster_id(&request.cluster_id)?;
        validate::libraries(&request.libraries)?;
        self.client
            .request(Method::POST, format!("{BASE}/uninstall"))
            .json(&request)
            .idempotent(true)
            .send_empty()
            .await
    }

    /// Waits until no library of the cluster is in progress (`PENDING`, `RESOLVING`,
    /// `INSTALLING`), ignoring legacy all-cluster libraries. Ends with the statuses when every
    /// library is `INSTALLED`, `SKIPPED`, `UNINSTALL_ON_RESTART` or `RESTORED`; fails with
    /// [`Error::Wait`](databricks_core::Error::Wait) (state `FAILED`) naming each failed library
    /// and its messages, [`WaitError::last`](databricks_core::WaitError::last) giving the
    /// [`ClusterLibraryStatuses`].
    ///
    /// Libraries install only on a running cluster: on a terminated one they stay `PENDING`
    /// and the wait runs until its timeout (default 20 minutes; the official SDKs use 30).
    /// Start the cluster first (e.g. with `ClustersApi::ensure_running`). The first few
    /// not-found answers are tolerated (a brand-new cluster may not be known yet).
    ///
    /// ```no_run
    /// # async fn demo(libraries: databricks_libraries::LibrariesApi) -> databricks_core::Result<()> {
    /// use std::time::Duration;
    ///
    /// let done = libraries
    ///     .wait_until_installed("0923-164208-meows279")
    ///     .timeout(Duration::from_secs(30 * 60))
    ///     .await?;
    /// println!("{} libraries ready", done.library_statuses.len());
    /// # Ok(()) }
    /// ```
    pub fn wait_until_installed(
        &self,
        cluster_id: impl Into<ClusterId>,
    ) -> Waiter<ClusterLibraryStatuses> {
        self.waiter(cluster_id.into(), None, None)
    }

    /// [`install`](Self::install), then waits like
    /// [`wait_until_installed`](Self::wait_until_installed) for the libraries of this request
    /// only. The request is sent on the first poll, so the waiter's timeout covers it.
    ///
    /// ```no_run
    /// # async fn demo(libraries: databricks_libraries::LibrariesApi) -> databricks_core::Result<()> {
    /// use databricks_core::Error;
    /// use databricks_libraries::{ClusterLibraryStatuses, InstallLibraries, Library};
    ///
    /// let request = InstallLibraries::new("0923-164208-meows279", [Library::pypi("nope==0.0")]);
    /// match libraries.install_and_wait(request).await {
    ///     Err(Error::Wait(e)) => eprintln!("{}", e.message()),
    ///     other => { other?; }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn install_and_wait(&self, request: InstallLibraries) -> Waiter<ClusterLibraryStatuses> {
        let id = request.cluster_id.clone();
        let only = request.libraries.clone();
        self.waiter(id, Some(only), Some(request))
    }

    fn waiter(
        &self,
        cluster_id: ClusterId,
        only: Option<Vec<Library>>,
        install: Option<InstallLibraries>,
    ) -> Waiter<ClusterLibraryStatuses> {
        let api = self.clone();
        let mut install = install;
        let not_found = Arc::new(AtomicU32::new(0));
        Waiter::new(format!("libraries of cluster {cluster_id}"), move || {
            let api = api.clone();
            let cluster_id = cluster_id.clone();
            let only = only.clone();
            let install = install.take();
            let not_found = not_found.clone();
            async move {
                if let Some(request) = install {
                    api.install(request).await?;
                }
                let status = match api.cluster_status(cluster_id.clone()).await {
                    Ok(status) => status,
                    Err(e)
                        if e.is_not_found()
                            && not_found.fetch_add(1, Ordering::SeqCst) < NOT_FOUND_TOLERANCE =>
                    {
                        let empty = ClusterLibraryStatuses {
                            cluster_id,
                            library_statuses: Vec::new(),
                        };
                        return Ok(Poll::pending("RESOURCE_DOES_NOT_EXIST", empty));
                    }
                    Err(e) => return Err(e),
                };
                Ok(classify(status, only.as_deref()))
            }
        })
    }
}

/// Decides a poll from the statuses, considering only `only` when given.
fn classify(
    mut status: ClusterLibraryStatuses,
    only: Option<&[Library]>,
) -> Poll<ClusterLibraryStatuses> {
    status
        .library_statuses
        .retain(|s| !s.is_library_for_all_clusters);
    if let Some(only) = only {
        status
            .library_statuses
            .retain(|s| only.contains(&s.library));
        if only.iter().any(|l| status.status_of(l).is_none()) {
            // Not listed yet: the install has not been registered.
            return Poll::pending("PENDING", status);
        }
    }
    if let Some(busy) = status
        .library_statuses
        .iter()
        .find_map(|s| s.status.as_ref().filter(|st| st.is_in_progress()))
    {
        let state = busy.as_str().to_owned();
        return Poll::pending(state, status);
    }
    let failed: Vec<String> = status
        .failed()
        .map(|s| {
            if s.messages.is_empty() {
                s.library.to_string()
            } else {
                format!("{} ({})", s.library, s.messages.join("; "))
            }
        })
        .collect();
    if failed.is_empty() {
        Poll::Done(status)
    } else {
        let message = format!(
            "{} of {} libraries failed to install: {}",
            failed.len(),
            status.library_statuses.len(),
            failed.join(", ")
        );
        Poll::failed(LibraryInstallStatus::Failed.as_str(), message, status)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn statuses(v: serde_json::Value) -> ClusterLibraryStatuses {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn classification() {
        let s = statuses(serde_json::json!({"cluster_id": "c", "library_statuses": [
            {"library": {"pypi": {"package": "a"}}, "status": "INSTALLED"},
            {"library": {"jar": "/b.jar"}, "status": "INSTALLING"},
            {"library": {"jar": "/all.jar"}, "status": "PENDING", "is_library_for_all_clusters": true}
        ]}));
        assert_eq!(classify(s.clone(), None).state(), Some("INSTALLING"));
        let only = [Library::pypi("a")];
        assert!(matches!(classify(s.clone(), Some(&only)), Poll::Done(_)));
        let missing = [Library::pypi("zzz")];
        assert_eq!(classify(s, Some(&missing)).state(), Some("PENDING"));

        let s = statuses(serde_json::json!({"library_statuses": [
            {"library": {"pypi": {"package": "a"}}, "status": "SKIPPED"},
            {"library": {"maven": {"coordinates": "g:a:1"}}, "status": "FAILED", "messages": ["boom"]},
            {"library": {"jar": "/old.jar"}, "status": "UNINSTALL_ON_RESTART"},
            {"library": {"jar": "/new.jar"}, "status": "SOMETHING_NEW"}
        ]}));
        match classify(s, None) {
            Poll::Failed { state, message, .. } => {
                assert_eq!(state, "FAILED");
                assert_eq!(
                    message,
                    "1 of 4 libraries failed to install: maven g:a:1 (boom)"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
