//! Clusters API (`/api/2.1/clusters/*`, and the legacy `/api/2.0/clusters/*` alias) and
//! cluster permissions (`/api/2.0/permissions/clusters/{cluster_id}`).
//!
//! The state machine of `shared/api/clusters.md`, driven by the lifecycle clock (one step per
//! transition): `create` and `start` go `PENDING` → `RUNNING`; `restart` and an `edit` or
//! `update` of a running cluster go `RESTARTING` → `RUNNING`; `resize` goes `RESIZING` →
//! `RUNNING`; `delete` goes `TERMINATING` → `TERMINATED`; `permanent-delete` removes the
//! cluster. Operations not allowed in the current state answer 400 `INVALID_STATE`
//! (`edit`/`update` outside `RUNNING`/`TERMINATED`, `resize` outside `RUNNING`, `start`
//! outside `TERMINATED`, `change-owner` outside `TERMINATED`); `restart` of a cluster that is
//! not running changes nothing, as documented; `delete` of a terminated cluster is a no-op.
//! Unknown ids answer 400 `INVALID_PARAMETER_VALUE` "Cluster ... does not exist", as the
//! service does. Numbers are int32 within their documented bounds (see `spec`).
//!
//! Idle auto-termination (see `idle`): a `RUNNING` cluster with `autotermination_minutes` > 0
//! that has been idle that long goes `TERMINATING` → `TERMINATED` with `termination_reason`
//! `INACTIVITY` (`SUCCESS`, `inactivity_duration_min`) and a `TERMINATING` event. It is idle
//! from its last activity: coming up (start, restart, edit), a resize, or the end of the last
//! job task run on it (`existing_cluster_id`); it never idles while a job run on it is
//! active. `last_activity_time` shows that time once the cluster has come up. Every read and
//! write replays the job run simulation first, so runs and clusters agree.
//!
//! A job task run that begins on a `TERMINATED` all-purpose cluster (`existing_cluster_id`)
//! starts it at that moment, as the service does: a `STARTING` event by the run's creator,
//! `PENDING` → `RUNNING` on the clock (the task does not wait for it). Runs on cluster ids that
//! do not exist go on as if the cluster were there.
//!
//! Every transition and change records an event (`CREATING`, `STARTING`, `RESTARTING`,
//! `RUNNING`, `RESIZING`, `UPSIZE_COMPLETED`, `EDITED`, `TERMINATING`, `PINNED`, `UNPINNED`),
//! served by `events` newest first by default, paged by `page_token` (2.1) or `offset`/`limit`
//! with `next_page` and `total_count`.
//!
//! Catalogues: `spark-versions` (LTS, ML, GPU ML, Photon, Graviton, Scala 2.13, Beta),
//! `list-node-types` (AWS types with memory, cores, GPUs and local disks) and `list-zones`.
//! `create`/`edit` check `spark_version` and node types against them.
//!
//! Failure injection: a cluster whose `custom_tags` has `emulator:fail-start` fails every
//! start (create, start, restart, edit of a running cluster): `PENDING` → `TERMINATING` →
//! `TERMINATED` with `termination_reason.code` = the tag's value (e.g.
//! `SPARK_STARTUP_FAILURE`, `CLOUD_PROVIDER_LAUNCH_FAILURE`) and the message of the
//! `emulator:fail-message` tag, or, when the value is `ERROR`, `PENDING` → `ERROR`. Remove the
//! tag with an edit to make the cluster start again.
//!
//! Permissions: admins and the cluster's owner have `CAN_MANAGE`; others need a grant
//! (`CAN_ATTACH_TO` to read, `CAN_RESTART` to start, restart and terminate, `CAN_MANAGE` to
//! edit, resize, delete permanently, install libraries and change permissions). `pin`,
//! `unpin` and `change-owner` are for admins.

mod catalog;
mod handlers;
mod idle;
pub(crate) mod model;
mod render;
mod spec;

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::routing::{get, post};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::auth::Caller;
use crate::clock::LifecycleClock;
use crate::error::{ApiError, ApiResult};
use crate::jobs::JobsState;
use crate::request::{Ctx, read_body};
use crate::state::State;
use crate::workspace::AppState;

pub(crate) use model::Cluster;

/// Permission levels on a cluster, lowest first.
pub(crate) const LEVELS: [&str; 3] = ["CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"];
/// Attach notebooks, read.
pub(crate) const CAN_ATTACH_TO: &str = "CAN_ATTACH_TO";
/// Start, restart, terminate.
pub(crate) const CAN_RESTART: &str = "CAN_RESTART";
/// Everything.
pub(crate) const CAN_MANAGE: &str = "CAN_MANAGE";

/// All clusters, by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct ClustersState {
    /// Clusters by id.
    pub(crate) clusters: BTreeMap<String, Cluster>,
}

impl ClustersState {
    /// The cluster, or 400 `INVALID_PARAMETER_VALUE` "Cluster ... does not exist".
    pub(crate) fn get(&self, id: &str) -> ApiResult<&Cluster> {
        self.clusters.get(id).ok_or_else(|| no_such_cluster(id))
    }

    /// The cluster, mutable.
    pub(crate) fn get_mut(&mut self, id: &str) -> ApiResult<&mut Cluster> {
        self.clusters.get_mut(id).ok_or_else(|| no_such_cluster(id))
    }
}

/// Validates `spec`, creates a cluster from it and starts it (`PENDING` → `RUNNING`, or the
/// injected failure); returns the new id. `source` is the `ClusterSource` (`API`, or `JOB` for
/// the job clusters of runs, which cannot be edited or started).
pub(crate) fn launch(
    state: &mut State,
    clock: &LifecycleClock,
    spec: Map<String, Value>,
    creator: &str,
    source: &str,
    libraries: Vec<model::LibraryEntry>,
) -> ApiResult<String> {
    spec::validate(&spec, state)?;
    let now = clock.now_ms();
    let mut id = model::cluster_id(now, &mut state.rng);
    while state.clusters.clusters.contains_key(&id) {
        id = model::cluster_id(now, &mut state.rng);
    }
    let mut cluster = Cluster {
        cluster_id: id.clone(),
        spec,
        creator: creator.to_owned(),
        source: source.to_owned(),
        start_time: now,
        state: model::PENDING.to_owned(),
        state_message: String::new(),
        pinned: false,
        current_workers: 0,
        running_since: None,
        last_restarted_time: None,
        last_activity_ms: None,
        terminated_time: None,
        termination_reason: None,
        spark_context_id: None,
        scheduled: Vec::new(),
        events: Vec::new(),
        next_event_seq: 0,
        grants: Vec::new(),
        libraries,
    };
    let stages = cluster.start_stages(clock, now, model::PENDING, "CREATING", creator);
    cluster.schedule(now, stages);
    state.clusters.clusters.insert(id.clone(), cluster);
    Ok(id)
}

/// Settles a cluster to `now`: the stages of its lifecycle, then idle auto-termination
/// (which the job runs of `jobs` hold off). Returns its last activity (`last_activity_time`).
pub(crate) fn settle(
    cluster: &mut Cluster,
    jobs: &JobsState,
    clock: &LifecycleClock,
    now: i64,
) -> Option<i64> {
    cluster.settle(now);
    idle::settle(cluster, jobs, clock, now)
}

/// A copy of a cluster settled by [`settle`], its `last_activity_ms` set to its last
/// activity: what reads show.
pub(crate) fn settled(
    cluster: &Cluster,
    jobs: &JobsState,
    clock: &LifecycleClock,
    now: i64,
) -> Cluster {
    let mut copy = cluster.clone();
    copy.last_activity_ms = settle(&mut copy, jobs, clock, now);
    copy
}

/// Terminates a cluster for `reason` (a `TerminationReason`): `TERMINATING` now, `TERMINATED`
/// one step later. Does nothing to a cluster already terminating or terminated.
pub(crate) fn terminate(
    cluster: &mut Cluster,
    clock: &LifecycleClock,
    now: i64,
    reason: Value,
    user: Option<&str>,
    message: &str,
) {
    cluster.settle(now);
    if matches!(
        cluster.state.as_str(),
        model::TERMINATED | model::TERMINATING
    ) {
        return;
    }
    let stages = Cluster::terminate_stages(clock, now, reason, user, message);
    cluster.schedule(now, stages);
}

/// Starts the terminated all-purpose clusters that job task runs began on (the
/// `cluster_uses` the last job replay collected), each at the time its task began, as the
/// service starts an existing cluster for a run: a `STARTING` event by the run's creator, then
/// `RUNNING` one step later (the task does not wait for it). Unknown clusters, job clusters
/// and clusters that are up or on their way are left alone. Whether any cluster changed.
pub(crate) fn start_for_jobs(state: &mut State, clock: &LifecycleClock) -> bool {
    let uses = std::mem::take(&mut state.jobs.cluster_uses);
    let mut changed = false;
    for u in uses {
        let Some(cluster) = state.clusters.clusters.get_mut(&u.cluster_id) else {
            continue;
        };
        settle(cluster, &state.jobs, clock, u.at);
        if cluster.state != model::TERMINATED || cluster.source == "JOB" {
            continue;
        }
        let user = state
            .jobs
            .runs
            .get(&u.run_id)
            .map_or("", |run| run.creator.as_str());
        handlers::drop_uninstalled_libraries(cluster);
        let stages = cluster.start_stages(clock, u.at, model::PENDING, "STARTING", user);
        cluster.schedule(u.at, stages);
        changed = true;
    }
    changed
}

/// 400 `INVALID_PARAMETER_VALUE`, as the service answers for unknown cluster ids.
pub(crate) fn no_such_cluster(id: &str) -> ApiError {
    ApiError::invalid_parameter_value(format!("Cluster {id} does not exist"))
}

/// 400 `INVALID_STATE`.
pub(crate) fn invalid_state(cluster: &Cluster) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "INVALID_STATE",
        format!(
            "Cluster {} is in unexpected state {}.",
            cluster.cluster_id,
            title_case(&cluster.state)
        ),
    )
}

fn title_case(state: &str) -> String {
    let lower = state.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The caller's level on a cluster: admins and the owner manage it.
pub(crate) fn level_of(cluster: &Cluster, caller: &Caller) -> Option<usize> {
    if caller.is_admin() || cluster.creator == caller.user_name() {
        return Some(LEVELS.len() - 1);
    }
    cluster
        .grants
        .iter()
        .filter(|g| g.grantee.applies_to(caller))
        .filter_map(|g| LEVELS.iter().position(|l| *l == g.level))
        .max()
}

/// Fails with 403 `PERMISSION_DENIED` unless the caller has at least `needed`.
pub(crate) fn require(cluster: &Cluster, caller: &Caller, needed: &str) -> ApiResult<()> {
    let needed_rank = LEVELS.iter().position(|l| *l == needed).unwrap_or(0);
    if level_of(cluster, caller).is_some_and(|l| l >= needed_rank) {
        Ok(())
    } else {
        Err(ApiError::permission_denied(format!(
            "User {} does not have {needed} permission on cluster {}",
            caller.user_name(),
            cluster.cluster_id
        )))
    }
}

/// A [`Ctx`] plus the JSON body as an object, unknown fields included (create, edit and
/// update keep settings the emulator does not model).
pub(crate) struct BodyCtx {
    /// The usual context.
    pub(crate) ctx: Ctx,
    /// The body as sent (`{}` when empty).
    pub(crate) body: Map<String, Value>,
}

impl FromRequest<AppState> for BodyCtx {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let bytes = read_body(&parts.headers, body, state.config.max_body_bytes).await?;
        let req = Request::from_parts(parts, Body::from(bytes.clone()));
        let ctx = Ctx::from_request(req, state).await?;
        let body = match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        Ok(Self { ctx, body })
    }
}

/// Routes of the Clusters API (2.0 and 2.1) and the cluster permissions endpoints.
pub(crate) fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for version in ["2.0", "2.1"] {
        let p = |name: &str| format!("/api/{version}/clusters/{name}");
        let (list, events) = if version == "2.0" {
            (get(handlers::list_v20), post(handlers::events_v20))
        } else {
            (get(handlers::list), post(handlers::events))
        };
        router = router
            .route(&p("create"), post(handlers::create))
            .route(&p("edit"), post(handlers::edit))
            .route(&p("update"), post(handlers::update))
            .route(&p("start"), post(handlers::start))
            .route(&p("restart"), post(handlers::restart))
            .route(&p("resize"), post(handlers::resize))
            .route(&p("delete"), post(handlers::delete))
            .route(&p("permanent-delete"), post(handlers::permanent_delete))
            .route(&p("get"), get(handlers::get))
            .route(&p("list"), list)
            .route(&p("list-node-types"), get(handlers::list_node_types))
            .route(&p("list-zones"), get(handlers::list_zones))
            .route(&p("spark-versions"), get(handlers::spark_versions))
            .route(&p("events"), events)
            .route(&p("pin"), post(handlers::pin))
            .route(&p("unpin"), post(handlers::unpin))
            .route(&p("change-owner"), post(handlers::change_owner));
    }
    router
        .route(
            "/api/2.0/permissions/clusters/{cluster_id}",
            get(handlers::get_permissions)
                .put(handlers::set_permissions)
                .patch(handlers::update_permissions),
        )
        .route(
            "/api/2.0/permissions/clusters/{cluster_id}/permissionLevels",
            get(handlers::permission_levels),
        )
}
