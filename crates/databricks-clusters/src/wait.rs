//! Waiters and helpers for the long-running cluster operations.
//!
//! Every method returns a [`Waiter`]: nothing happens until it is awaited; set its deadline
//! with [`Waiter::timeout`] (default 20 minutes), its polling with [`Waiter::poll_interval`]
//! and follow progress with [`Waiter::on_progress`]. The `*_and_wait` helpers send their
//! request on the first poll, so the deadline covers the request too, and a request error
//! (including client-side validation) is returned as is.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use databricks_core::{Error, ErrorCode, Poll, Result, Waiter};

use crate::api::ClustersApi;
use crate::model::{
    ClusterDetails, ClusterId, CreateCluster, EditCluster, ResizeCluster, RestartCluster, State,
    UpdateCluster,
};

/// What a wait ends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// `RUNNING`; `ERROR` and `TERMINATED` fail.
    Running,
    /// `TERMINATED`; `ERROR` fails.
    Terminated,
    /// Whatever the state is now (an edit of a terminated cluster).
    Current,
}

fn classify(target: Target, cluster: ClusterDetails) -> Poll<ClusterDetails> {
    let state = cluster.state();
    match (target, &state) {
        (Target::Current, _) => Poll::Done(cluster),
        (Target::Running, State::Running) | (Target::Terminated, State::Terminated) => {
            Poll::Done(cluster)
        }
        (Target::Running, State::Error | State::Terminated)
        | (Target::Terminated, State::Error) => {
            let message = cluster.state_explanation();
            Poll::failed(state.as_str(), message, cluster)
        }
        _ => Poll::pending(state.as_str(), cluster),
    }
}

fn describe(id: &ClusterId) -> String {
    format!("cluster {id}")
}

fn is_invalid_state(e: &Error) -> bool {
    e.error_code() == Some(&ErrorCode::from("INVALID_STATE"))
}

impl ClustersApi {
    fn waiter(&self, id: ClusterId, target: Target) -> Waiter<ClusterDetails> {
        let api = self.clone();
        Waiter::new(describe(&id), move || {
            let api = api.clone();
            let id = id.clone();
            async move { Ok(classify(target, api.get(id).await?)) }
        })
    }

    /// Sends `action` on the first poll (it returns the cluster id and what to wait for),
    /// then polls the cluster.
    fn action_then_wait<A, Fut>(&self, what: String, action: A) -> Waiter<ClusterDetails>
    where
        A: FnOnce(ClustersApi) -> Fut + Send + 'static,
        Fut: Future<Output = Result<(ClusterId, Target)>> + Send + 'static,
    {
        let api = self.clone();
        let mut action = Some(action);
        let after: Arc<Mutex<Option<(ClusterId, Target)>>> = Arc::default();
        Waiter::new(what, move || {
            let api = api.clone();
            let action = action.take();
            let after = after.clone();
            async move {
                if let Some(action) = action {
                    let done = action(api.clone()).await?;
                    *after.lock().unwrap_or_else(PoisonError::into_inner) = Some(done);
                }
                let current = after.lock().unwrap_or_else(PoisonError::into_inner).clone();
                let Some((id, target)) = current else {
                    return Err(Error::invalid_input(
                        "cluster_id",
                        "the operation did not complete",
                    ));
                };
                Ok(classify(target, api.get(id).await?))
            }
        })
    }

    /// Waits until the cluster is `RUNNING`. Fails with [`Error::Wait`] on `ERROR` or
    /// `TERMINATED`, its message being the state message and the termination reason;
    /// [`WaitError::last`](databricks_core::WaitError::last) gives the [`ClusterDetails`].
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use std::time::Duration;
    /// use databricks_clusters::ClusterDetails;
    /// use databricks_core::Error;
    ///
    /// match clusters
    ///     .wait_until_running("0923-164208-meows279")
    ///     .timeout(Duration::from_secs(600))
    ///     .on_progress(|_c: &ClusterDetails, state: &str| eprintln!("still {state}"))
    ///     .await
    /// {
    ///     Ok(c) => println!("running since {:?}", c.last_restarted_time),
    ///     Err(Error::Wait(e)) => {
    ///         let c = e.last::<ClusterDetails>();
    ///         eprintln!("failed: {} ({:?})", e.message(), c.and_then(|c| c.termination_reason.clone()));
    ///     }
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn wait_until_running(&self, cluster_id: impl Into<ClusterId>) -> Waiter<ClusterDetails> {
        self.waiter(cluster_id.into(), Target::Running)
    }

    /// Waits until the cluster is `TERMINATED`; fails with [`Error::Wait`] on `ERROR`.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// let c = clusters.wait_until_terminated("0923-164208-meows279").await?;
    /// println!("{}", c.state_explanation());
    /// # Ok(()) }
    /// ```
    pub fn wait_until_terminated(
        &self,
        cluster_id: impl Into<ClusterId>,
    ) -> Waiter<ClusterDetails> {
        self.waiter(cluster_id.into(), Target::Terminated)
    }

    /// [`create`](Self::create), then [`wait_until_running`](Self::wait_until_running).
    ///
    /// If the wait times out, the cluster keeps starting; to keep its id in that case, call
    /// `create` and `wait_until_running` yourself.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use std::time::Duration;
    /// use databricks_clusters::ClusterSpec;
    ///
    /// let cluster = clusters
    ///     .create_and_wait(ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 2))
    ///     .timeout(Duration::from_secs(45 * 60))
    ///     .await?;
    /// println!("{} is running", cluster.cluster_id);
    /// # Ok(()) }
    /// ```
    pub fn create_and_wait(&self, request: impl Into<CreateCluster>) -> Waiter<ClusterDetails> {
        let request = request.into();
        let what = match &request.spec.cluster_name {
            Some(name) => format!("new cluster {name:?}"),
            None => "new cluster".to_owned(),
        };
        self.action_then_wait(what, move |api| async move {
            let created = api.create(request).await?;
            Ok((created.cluster_id, Target::Running))
        })
    }

    /// [`start`](Self::start), then [`wait_until_running`](Self::wait_until_running).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// clusters.start_and_wait("0923-164208-meows279").await?;
    /// # Ok(()) }
    /// ```
    pub fn start_and_wait(&self, cluster_id: impl Into<ClusterId>) -> Waiter<ClusterDetails> {
        let id = cluster_id.into();
        self.action_then_wait(describe(&id), move |api| async move {
            api.start(id.clone()).await?;
            Ok((id, Target::Running))
        })
    }

    /// [`restart`](Self::restart), then [`wait_until_running`](Self::wait_until_running).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::RestartCluster;
    ///
    /// clusters.restart_and_wait(RestartCluster::new("0923-164208-meows279")).await?;
    /// # Ok(()) }
    /// ```
    pub fn restart_and_wait(&self, request: RestartCluster) -> Waiter<ClusterDetails> {
        self.action_then_wait(describe(&request.cluster_id), move |api| async move {
            let id = request.cluster_id.clone();
            api.restart(request).await?;
            Ok((id, Target::Running))
        })
    }

    /// [`resize`](Self::resize), then [`wait_until_running`](Self::wait_until_running).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::ResizeCluster;
    ///
    /// let c = clusters.resize_and_wait(ResizeCluster::workers("0923-164208-meows279", 8)).await?;
    /// assert_eq!(c.num_workers, Some(8));
    /// # Ok(()) }
    /// ```
    pub fn resize_and_wait(&self, request: ResizeCluster) -> Waiter<ClusterDetails> {
        self.action_then_wait(describe(&request.cluster_id), move |api| async move {
            let id = request.cluster_id.clone();
            api.resize(request).await?;
            Ok((id, Target::Running))
        })
    }

    /// [`edit`](Self::edit), then: a cluster that was running restarts, and the wait ends
    /// when it is `RUNNING` again; a terminated cluster stays terminated, and the wait ends
    /// at once with its new description.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// let mut edit = clusters.get("0923-164208-meows279").await?.to_edit();
    /// edit.spec.num_workers = Some(4);
    /// let c = clusters.edit_and_wait(edit).await?;
    /// println!("{:?}", c.state);
    /// # Ok(()) }
    /// ```
    pub fn edit_and_wait(&self, request: EditCluster) -> Waiter<ClusterDetails> {
        self.action_then_wait(describe(&request.cluster_id), move |api| async move {
            let id = request.cluster_id.clone();
            let before = api.get(id.clone()).await?;
            api.edit(request).await?;
            Ok((id, target_after_change(&before)))
        })
    }

    /// [`update`](Self::update), then waits like [`edit_and_wait`](Self::edit_and_wait).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::{ClusterSpec, UpdateCluster};
    ///
    /// let change = ClusterSpec { num_workers: Some(6), ..Default::default() };
    /// clusters
    ///     .update_and_wait(UpdateCluster::new("0923-164208-meows279", change, ["num_workers"]))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn update_and_wait(&self, request: UpdateCluster) -> Waiter<ClusterDetails> {
        self.action_then_wait(describe(&request.cluster_id), move |api| async move {
            let id = request.cluster_id.clone();
            let before = api.get(id.clone()).await?;
            api.update(request).await?;
            Ok((id, target_after_change(&before)))
        })
    }

    /// [`delete`](Self::delete) (terminate), then
    /// [`wait_until_terminated`](Self::wait_until_terminated).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// clusters.delete_and_wait("0923-164208-meows279").await?;
    /// # Ok(()) }
    /// ```
    pub fn delete_and_wait(&self, cluster_id: impl Into<ClusterId>) -> Waiter<ClusterDetails> {
        let id = cluster_id.into();
        self.action_then_wait(describe(&id), move |api| async move {
            api.delete(id.clone()).await?;
            Ok((id, Target::Terminated))
        })
    }

    /// Makes sure the cluster is running, whatever its state, the way the official SDKs'
    /// `ensure_cluster_is_running` does:
    ///
    /// | state | what happens |
    /// |---|---|
    /// | `RUNNING` | done at once |
    /// | `TERMINATED` | started, then waited for |
    /// | `TERMINATING` | waited until `TERMINATED`, then started and waited for |
    /// | `PENDING`, `RESIZING`, `RESTARTING` | waited for |
    /// | `ERROR`, `UNKNOWN` | [`Error::Wait`] |
    ///
    /// A start that loses a race with another starter (`INVALID_STATE`) is fine: the wait
    /// goes on. If the cluster terminates again after being started, the wait fails with
    /// [`Error::Wait`] carrying the termination reason (it is not started over and over).
    /// The whole operation is bounded by the waiter's timeout.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use std::time::Duration;
    ///
    /// let c = clusters
    ///     .ensure_running("0923-164208-meows279")
    ///     .timeout(Duration::from_secs(15 * 60))
    ///     .await?;
    /// assert!(c.is_running());
    /// # Ok(()) }
    /// ```
    pub fn ensure_running(&self, cluster_id: impl Into<ClusterId>) -> Waiter<ClusterDetails> {
        let api = self.clone();
        let id = cluster_id.into();
        let started = Arc::new(std::sync::atomic::AtomicBool::new(false));
        Waiter::new(describe(&id), move || {
            let api = api.clone();
            let id = id.clone();
            let started = started.clone();
            async move {
                let cluster = api.get(id.clone()).await?;
                let state = cluster.state();
                match state {
                    State::Running => Ok(Poll::Done(cluster)),
                    State::Terminated => {
                        if started.swap(true, std::sync::atomic::Ordering::SeqCst) {
                            let message = cluster.state_explanation();
                            return Ok(Poll::failed(state.as_str(), message, cluster));
                        }
                        match api.start(id).await {
                            Ok(()) => {}
                            Err(e) if is_invalid_state(&e) => {
                                // Another client started it first: wait for it all the same.
                                tracing::debug!(cluster_id = %cluster.cluster_id, error = %e, "start lost a race");
                            }
                            Err(e) => return Err(e),
                        }
                        Ok(Poll::pending(state.as_str(), cluster))
                    }
                    State::Error | State::Unknown => {
                        let message = cluster.state_explanation();
                        Ok(Poll::failed(state.as_str(), message, cluster))
                    }
                    _ => Ok(Poll::pending(state.as_str(), cluster)),
                }
            }
        })
    }
}

/// A cluster that was terminated before an edit stays terminated; otherwise it restarts.
fn target_after_change(before: &ClusterDetails) -> Target {
    match before.state() {
        State::Terminated => Target::Current,
        _ => Target::Running,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn cluster(state: &str) -> ClusterDetails {
        serde_json::from_value(serde_json::json!({
            "cluster_id": "c1", "state": state, "state_message": "msg",
            "termination_reason": {"code": "SPARK_STARTUP_FAILURE", "type": "CLIENT_ERROR"}
        }))
        .unwrap()
    }

    #[test]
    fn classification() {
        assert!(matches!(
            classify(Target::Running, cluster("RUNNING")),
            Poll::Done(_)
        ));
        assert!(matches!(
            classify(Target::Running, cluster("PENDING")),
            Poll::Pending { .. }
        ));
        assert!(matches!(
            classify(Target::Running, cluster("UNKNOWN")),
            Poll::Pending { .. }
        ));
        assert!(matches!(
            classify(Target::Running, cluster("NEW_STATE")),
            Poll::Pending { .. }
        ));
        match classify(Target::Running, cluster("TERMINATED")) {
            Poll::Failed { state, message, .. } => {
                assert_eq!(state, "TERMINATED");
                assert!(message.contains("SPARK_STARTUP_FAILURE"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            classify(Target::Terminated, cluster("TERMINATED")),
            Poll::Done(_)
        ));
        assert!(matches!(
            classify(Target::Terminated, cluster("ERROR")),
            Poll::Failed { .. }
        ));
        assert!(matches!(
            classify(Target::Terminated, cluster("TERMINATING")),
            Poll::Pending { .. }
        ));
        assert!(matches!(
            classify(Target::Current, cluster("TERMINATED")),
            Poll::Done(_)
        ));
    }
}
