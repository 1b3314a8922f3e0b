//! The [`ClustersApi`] handle: one method per endpoint.

use std::sync::{Arc, Mutex};

use databricks_core::paginate::{Cursor, Page};
use databricks_core::permissions::{
    AccessControlRequest, ObjectPermissions, PermissionsApi, PermissionsDescription,
};
use databricks_core::{Client, Method, Paginator, Result};

use crate::model::{
    ChangeClusterOwner, ClusterDetails, ClusterEvent, ClusterId, ClusterIdBody,
    ClusterPermissionLevel, CreateCluster, CreateClusterResponse, EditCluster, GetEvents,
    GetEventsResponse, ListAvailableZonesResponse, ListClustersRequest, ListClustersResponse,
    NodeType, NodeTypesResponse, ResizeCluster, RestartCluster, SparkVersion,
    SparkVersionsResponse, UpdateCluster,
};
use crate::validate;

/// The base path of the Clusters API (version 2.1; 2.0 is the legacy alias).
pub(crate) const BASE: &str = "/api/2.1/clusters";

/// The Clusters API: create, start, resize, terminate and describe clusters, with waiters
/// for the long-running operations and helpers to pick a runtime version and a node type.
///
/// Cheap to clone (it holds a [`Client`], an `Arc` inside).
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use std::time::Duration;
/// use databricks_clusters::{ClusterSpec, ClustersApi, NodeTypeRequest, SparkVersionRequest};
///
/// let clusters = ClustersApi::new(databricks_core::Client::from_env()?);
/// let version = clusters.select_spark_version(SparkVersionRequest::latest_lts()).await?;
/// let node_type = clusters.select_node_type(NodeTypeRequest { local_disk: true, ..Default::default() }).await?;
/// let cluster = clusters
///     .create_and_wait(ClusterSpec {
///         cluster_name: Some("etl-nightly".into()),
///         autotermination_minutes: Some(30),
///         ..ClusterSpec::new(version, node_type, 2)
///     })
///     .timeout(Duration::from_secs(30 * 60))
///     .await?;
/// println!("{} is {:?}", cluster.cluster_id, cluster.state);
/// clusters.delete_and_wait(cluster.cluster_id).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ClustersApi {
    pub(crate) client: Client,
}

impl ClustersApi {
    /// Creates the handle over a core client.
    ///
    /// ```no_run
    /// # fn demo() -> databricks_core::Result<()> {
    /// let clusters = databricks_clusters::ClustersApi::new(databricks_core::Client::from_env()?);
    /// # let _ = clusters; Ok(()) }
    /// ```
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The core client this handle uses.
    pub fn client(&self) -> &Client {
        &self.client
    }

    async fn post_action<B: serde::Serialize + ?Sized>(
        &self,
        endpoint: &str,
        body: &B,
        idempotent: bool,
    ) -> Result<()> {
        self.client
            .request(Method::POST, format!("{BASE}/{endpoint}"))
            .json(body)
            .idempotent(idempotent)
            .send_empty()
            .await
    }

    /// `POST /api/2.1/clusters/create`: creates a cluster and starts it. Returns at once with
    /// the new id, the cluster in `PENDING`; see [`create_and_wait`](Self::create_and_wait).
    ///
    /// Accepts a [`ClusterSpec`](crate::ClusterSpec) or a [`CreateCluster`] (to clone
    /// libraries). Validated before sending: `spark_version` present, `num_workers` and
    /// `autoscale` exclusive, `autoscale.max_workers > min_workers`,
    /// `autotermination_minutes` 0 or 10..=10000, at most 45 `custom_tags` (see
    /// [crate docs](crate#validation)). Never retried after it may have reached the service.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::ClusterSpec;
    ///
    /// let created = clusters.create(ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 2)).await?;
    /// println!("new cluster {}", created.cluster_id);
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, request: impl Into<CreateCluster>) -> Result<CreateClusterResponse> {
        let request = request.into();
        validate::spark_version_required(&request.spec)?;
        validate::spec("", &request.spec)?;
        if let Some(clone) = &request.clone_from {
            validate::cluster_id("clone_from.source_cluster_id", &clone.source_cluster_id)?;
        }
        self.client
            .request(Method::POST, format!("{BASE}/create"))
            .json(&request)
            .idempotent(false)
            .send()
            .await
    }

    /// `POST /api/2.1/clusters/edit`: replaces the whole configuration of a `RUNNING` or
    /// `TERMINATED` cluster (a running cluster restarts). Omitted fields revert to defaults,
    /// so start from [`ClusterDetails::to_edit`], which keeps every current setting, including
    /// those this SDK does not model.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// let current = clusters.get("0923-164208-meows279").await?;
    /// let mut edit = current.to_edit();
    /// edit.spec.autotermination_minutes = Some(120);
    /// clusters.edit(edit).await?;
    /// # Ok(()) }
    /// ```
    pub async fn edit(&self, request: EditCluster) -> Result<()> {
        validate::cluster_id("cluster_id", &request.cluster_id)?;
        validate::spark_version_required(&request.spec)?;
        validate::spec("", &request.spec)?;
        self.post_action("edit", &request, false).await
    }

    /// `POST /api/2.1/clusters/update`: changes only the fields named in `update_mask` (a
    /// running cluster restarts). Fields not in the mask, including those this SDK does not
    /// model, are untouched.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::{ClusterSpec, UpdateCluster};
    ///
    /// let change = ClusterSpec { autotermination_minutes: Some(60), ..Default::default() };
    /// clusters
    ///     .update(UpdateCluster::new("0923-164208-meows279", change, ["autotermination_minutes"]))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(&self, request: UpdateCluster) -> Result<()> {
        validate::cluster_id("cluster_id", &request.cluster_id)?;
        validate::update_mask(&request.update_mask)?;
        if let Some(cluster) = &request.cluster {
            if cluster.apply_policy_default_values.is_some() {
                return Err(databricks_core::Error::invalid_input(
                    "cluster.apply_policy_default_values",
                    "is not part of an update; leave it None",
                ));
            }
            validate::spec("cluster.", cluster)?;
        }
        self.post_action("update", &request, false).await
    }

    /// `POST /api/2.1/clusters/start`: starts a `TERMINATED` cluster with its last size
    /// (autoscaling clusters start at `min_workers`). See
    /// [`start_and_wait`](Self::start_and_wait) and [`ensure_running`](Self::ensure_running).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// clusters.start("0923-164208-meows279").await?;
    /// # Ok(()) }
    /// ```
    pub async fn start(&self, cluster_id: impl Into<ClusterId>) -> Result<()> {
        let cluster_id = cluster_id.into();
        validate::cluster_id("cluster_id", &cluster_id)?;
        self.post_action(
            "start",
            &ClusterIdBody {
                cluster_id: &cluster_id,
            },
            false,
        )
        .await
    }

    /// `POST /api/2.1/clusters/restart`: restarts a `RUNNING` cluster.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::RestartCluster;
    ///
    /// clusters.restart(RestartCluster::new("0923-164208-meows279")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn restart(&self, request: RestartCluster) -> Result<()> {
        validate::cluster_id("cluster_id", &request.cluster_id)?;
        self.post_action("restart", &request, false).await
    }

    /// `POST /api/2.1/clusters/resize`: changes the size of a `RUNNING` cluster. Exactly one
    /// of `num_workers` and `autoscale` must be set (checked before sending).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::ResizeCluster;
    ///
    /// clusters.resize(ResizeCluster::workers("0923-164208-meows279", 10)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn resize(&self, request: ResizeCluster) -> Result<()> {
        validate::cluster_id("cluster_id", &request.cluster_id)?;
        match (&request.num_workers, &request.autoscale) {
            (Some(_), Some(_)) => {
                return Err(databricks_core::Error::invalid_input(
                    "num_workers",
                    "num_workers and autoscale are mutually exclusive: set only one",
                ));
            }
            (None, None) => {
                return Err(databricks_core::Error::invalid_input(
                    "num_workers",
                    "set num_workers or autoscale",
                ));
            }
            (Some(n), None) if *n < 0 => {
                return Err(databricks_core::Error::invalid_input(
                    "num_workers",
                    format!("must not be negative (got {n})"),
                ));
            }
            (None, Some(a)) => validate::autoscale("autoscale", a)?,
            _ => {}
        }
        self.post_action("resize", &request, false).await
    }

    /// `POST /api/2.1/clusters/delete`: terminates a cluster. Its configuration is kept and it
    /// can be started again. See [`delete_and_wait`](Self::delete_and_wait).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// clusters.delete("0923-164208-meows279").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, cluster_id: impl Into<ClusterId>) -> Result<()> {
        let cluster_id = cluster_id.into();
        validate::cluster_id("cluster_id", &cluster_id)?;
        self.post_action(
            "delete",
            &ClusterIdBody {
                cluster_id: &cluster_id,
            },
            true,
        )
        .await
    }

    /// `POST /api/2.1/clusters/permanent-delete`: terminates a cluster and removes it for good.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// clusters.permanent_delete("0923-164208-meows279").await?;
    /// # Ok(()) }
    /// ```
    pub async fn permanent_delete(&self, cluster_id: impl Into<ClusterId>) -> Result<()> {
        let cluster_id = cluster_id.into();
        validate::cluster_id("cluster_id", &cluster_id)?;
        self.post_action(
            "permanent-delete",
            &ClusterIdBody {
                cluster_id: &cluster_id,
            },
            false,
        )
        .await
    }

    /// `GET /api/2.1/clusters/get`: describes a cluster. An unknown or permanently deleted id
    /// is an error for which [`is_not_found`](databricks_core::Error::is_not_found) holds.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// let c = clusters.get("0923-164208-meows279").await?;
    /// println!("{:?}: {}", c.state, c.state_explanation());
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, cluster_id: impl Into<ClusterId>) -> Result<ClusterDetails> {
        let cluster_id = cluster_id.into();
        validate::cluster_id("cluster_id", &cluster_id)?;
        self.client
            .request(Method::GET, format!("{BASE}/get"))
            .query("cluster_id", &cluster_id)
            .idempotent(true)
            .send()
            .await
    }

    /// `GET /api/2.1/clusters/list`: pinned clusters, active clusters and those terminated in
    /// the last 30 days, page by page (`page_token`), as a lazy stream.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::{ListClustersFilterBy, ListClustersRequest, State};
    ///
    /// let running = clusters
    ///     .list(ListClustersRequest {
    ///         filter_by: Some(ListClustersFilterBy {
    ///             cluster_states: vec![State::Running],
    ///             ..Default::default()
    ///         }),
    ///         ..Default::default()
    ///     })
    ///     .page_size(50)
    ///     .collect_all()
    ///     .await?;
    /// for c in running {
    ///     println!("{} {:?}", c.cluster_id, c.cluster_name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self, request: ListClustersRequest) -> Paginator<ClusterDetails> {
        let client = self.client.clone();
        Paginator::new(move |page| {
            let client = client.clone();
            let mut request = request.clone();
            async move {
                if let Some(size) = page.page_size {
                    request.page_size = Some(i32::try_from(size).unwrap_or(i32::MAX));
                }
                if let Some(token) = page.token() {
                    request.page_token = Some(token.to_owned());
                }
                let response: ListClustersResponse = client
                    .request(Method::GET, format!("{BASE}/list"))
                    .query_struct(&request)
                    .idempotent(true)
                    .send()
                    .await?;
                Ok(Page::token(response.clusters, response.next_page_token))
            }
        })
    }

    /// `GET /api/2.1/clusters/list-node-types`: the node types clusters can use. See
    /// [`select_node_type`](Self::select_node_type).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// for t in clusters.list_node_types().await? {
    ///     println!("{}: {} cores, {} MB", t.node_type_id, t.num_cores, t.memory_mb);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_node_types(&self) -> Result<Vec<NodeType>> {
        let response: NodeTypesResponse = self
            .client
            .request(Method::GET, format!("{BASE}/list-node-types"))
            .idempotent(true)
            .send()
            .await?;
        Ok(response.node_types)
    }

    /// `GET /api/2.1/clusters/list-zones`: the AWS availability zones clusters can use.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// let zones = clusters.list_zones().await?;
    /// println!("{:?} (default {:?})", zones.zones, zones.default_zone);
    /// # Ok(()) }
    /// ```
    pub async fn list_zones(&self) -> Result<ListAvailableZonesResponse> {
        self.client
            .request(Method::GET, format!("{BASE}/list-zones"))
            .idempotent(true)
            .send()
            .await
    }

    /// `GET /api/2.1/clusters/spark-versions`: the available runtime versions. See
    /// [`select_spark_version`](Self::select_spark_version).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// for v in clusters.spark_versions().await? {
    ///     println!("{}: {}", v.key, v.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn spark_versions(&self) -> Result<Vec<SparkVersion>> {
        let response: SparkVersionsResponse = self
            .client
            .request(Method::GET, format!("{BASE}/spark-versions"))
            .idempotent(true)
            .send()
            .await?;
        Ok(response.versions)
    }

    /// `POST /api/2.1/clusters/events`: a cluster's event log (newest first unless `order` is
    /// `ASC`), page by page, as a lazy stream. Pages with `page_token`; when the request sets
    /// the deprecated `offset`, follows the service's `next_page` requests instead.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::{EventType, GetEvents};
    ///
    /// let events = clusters
    ///     .events(GetEvents {
    ///         event_types: vec![EventType::Running, EventType::Terminating],
    ///         ..GetEvents::new("0923-164208-meows279")
    ///     })
    ///     .limit(100)
    ///     .collect_all()
    ///     .await?;
    /// for e in events {
    ///     println!("{:?} {:?}", e.timestamp, e.r#type);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn events(&self, request: GetEvents) -> Paginator<ClusterEvent> {
        if let Err(e) = validate::cluster_id("cluster_id", &request.cluster_id) {
            let mut e = Some(e);
            return Paginator::new(move |_| {
                let e = e.take();
                async move {
                    match e {
                        Some(e) => Err(e),
                        None => Ok(Page::last(Vec::new())),
                    }
                }
            });
        }
        let client = self.client.clone();
        let offset_style = request.offset.is_some();
        // The service's `next_page` request (offset paging), keyed by its offset.
        let next_requests: Arc<Mutex<Option<GetEvents>>> = Arc::default();
        Paginator::new(move |page| {
            let client = client.clone();
            let next_requests = next_requests.clone();
            let mut body = match (&page.cursor, offset_style) {
                (Some(Cursor::Offset(_)), true) => next_requests
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .take()
                    .unwrap_or_else(|| request.clone()),
                _ => request.clone(),
            };
            if let Some(size) = page.page_size {
                if offset_style {
                    body.limit = Some(i64::from(size));
                } else {
                    body.page_size = Some(i32::try_from(size).unwrap_or(i32::MAX));
                }
            }
            if let Some(token) = page.token() {
                body.page_token = Some(token.to_owned());
            }
            async move {
                let response: GetEventsResponse = client
                    .request(Method::POST, format!("{BASE}/events"))
                    .json(&body)
                    .idempotent(true)
                    .send()
                    .await?;
                match (response.next_page_token, response.next_page) {
                    (Some(token), _) if !token.is_empty() => {
                        Ok(Page::token(response.events, Some(token)))
                    }
                    (_, Some(next)) if offset_style && !response.events.is_empty() => {
                        let offset = next.offset.unwrap_or(0).max(0) as u64;
                        *next_requests
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(next);
                        Ok(Page::new(response.events, Some(Cursor::Offset(offset))))
                    }
                    _ => Ok(Page::last(response.events)),
                }
            }
        })
    }

    /// `POST /api/2.1/clusters/pin`: keeps the cluster in the list forever (admins only).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// clusters.pin("0923-164208-meows279").await?;
    /// # Ok(()) }
    /// ```
    pub async fn pin(&self, cluster_id: impl Into<ClusterId>) -> Result<()> {
        let cluster_id = cluster_id.into();
        validate::cluster_id("cluster_id", &cluster_id)?;
        self.post_action(
            "pin",
            &ClusterIdBody {
                cluster_id: &cluster_id,
            },
            true,
        )
        .await
    }

    /// `POST /api/2.1/clusters/unpin`: undoes [`pin`](Self::pin) (admins only).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// clusters.unpin("0923-164208-meows279").await?;
    /// # Ok(()) }
    /// ```
    pub async fn unpin(&self, cluster_id: impl Into<ClusterId>) -> Result<()> {
        let cluster_id = cluster_id.into();
        validate::cluster_id("cluster_id", &cluster_id)?;
        self.post_action(
            "unpin",
            &ClusterIdBody {
                cluster_id: &cluster_id,
            },
            true,
        )
        .await
    }

    /// `POST /api/2.1/clusters/change-owner`: gives a terminated cluster to another user or
    /// service principal (admins only).
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::ChangeClusterOwner;
    ///
    /// clusters
    ///     .change_owner(ChangeClusterOwner::new("0923-164208-meows279", "bob@example.com"))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn change_owner(&self, request: ChangeClusterOwner) -> Result<()> {
        validate::cluster_id("cluster_id", &request.cluster_id)?;
        if request.owner_username.trim().is_empty() {
            return Err(databricks_core::Error::invalid_input(
                "owner_username",
                "must not be empty",
            ));
        }
        self.post_action("change-owner", &request, true).await
    }

    /// The cluster permissions endpoints (`/api/2.0/permissions/clusters/{id}`), typed by
    /// [`ClusterPermissionLevel`].
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::ClusterPermissionLevel;
    /// use databricks_core::permissions::AccessControlRequest;
    ///
    /// let acl = [AccessControlRequest::group("data-eng", ClusterPermissionLevel::CanRestart)];
    /// clusters.permissions().update("0923-164208-meows279", &acl).await?;
    /// # Ok(()) }
    /// ```
    pub fn permissions(&self) -> PermissionsApi<ClusterPermissionLevel> {
        PermissionsApi::new(self.client.clone(), "clusters")
    }

    /// `GET /api/2.0/permissions/clusters/{id}`: the cluster's permissions.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// let acl = clusters.get_permissions("0923-164208-meows279").await?;
    /// println!("{} principals", acl.access_control_list.len());
    /// # Ok(()) }
    /// ```
    pub async fn get_permissions(
        &self,
        cluster_id: impl Into<ClusterId>,
    ) -> Result<ObjectPermissions<ClusterPermissionLevel>> {
        let cluster_id = cluster_id.into();
        validate::cluster_id("cluster_id", &cluster_id)?;
        self.permissions().get(cluster_id.as_str()).await
    }

    /// `PUT /api/2.0/permissions/clusters/{id}`: replaces all direct grants.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::ClusterPermissionLevel;
    /// use databricks_core::permissions::AccessControlRequest;
    ///
    /// let acl = [AccessControlRequest::user("ann@example.com", ClusterPermissionLevel::CanManage)];
    /// clusters.set_permissions("0923-164208-meows279", &acl).await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_permissions(
        &self,
        cluster_id: impl Into<ClusterId>,
        acl: &[AccessControlRequest<ClusterPermissionLevel>],
    ) -> Result<ObjectPermissions<ClusterPermissionLevel>> {
        let cluster_id = cluster_id.into();
        validate::cluster_id("cluster_id", &cluster_id)?;
        self.permissions().set(cluster_id.as_str(), acl).await
    }

    /// `PATCH /api/2.0/permissions/clusters/{id}`: adds or changes grants.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::ClusterPermissionLevel;
    /// use databricks_core::permissions::AccessControlRequest;
    ///
    /// let acl = [AccessControlRequest::group("analysts", ClusterPermissionLevel::CanAttachTo)];
    /// clusters.update_permissions("0923-164208-meows279", &acl).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_permissions(
        &self,
        cluster_id: impl Into<ClusterId>,
        acl: &[AccessControlRequest<ClusterPermissionLevel>],
    ) -> Result<ObjectPermissions<ClusterPermissionLevel>> {
        let cluster_id = cluster_id.into();
        validate::cluster_id("cluster_id", &cluster_id)?;
        self.permissions().update(cluster_id.as_str(), acl).await
    }

    /// `GET /api/2.0/permissions/clusters/{id}/permissionLevels`: the levels a cluster
    /// supports.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// for level in clusters.get_permission_levels("0923-164208-meows279").await? {
    ///     println!("{:?}: {:?}", level.permission_level, level.description);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_permission_levels(
        &self,
        cluster_id: impl Into<ClusterId>,
    ) -> Result<Vec<PermissionsDescription<ClusterPermissionLevel>>> {
        let cluster_id = cluster_id.into();
        validate::cluster_id("cluster_id", &cluster_id)?;
        self.permissions()
            .permission_levels(cluster_id.as_str())
            .await
    }
}
