//! Libraries API (`/api/2.0/libraries/*`): libraries live on the clusters of
//! [`crate::clusters`] and progress with them.
//!
//! A library installs only while its cluster is up: from the later of the time it was added
//! and the time the cluster became `RUNNING`, it is `PENDING` for one lifecycle step,
//! `INSTALLING` for one, then `INSTALLED`. On a cluster that is not running it stays
//! `PENDING` (it installs at the next start). After a restart every library installs again.
//! `uninstall` marks libraries `UNINSTALL_ON_RESTART`; they disappear when the cluster next
//! starts or restarts. Unknown libraries in `uninstall` are ignored; installing a library
//! already on the cluster changes nothing.
//!
//! Failure injection: a library whose spec contains `emulator-fail` anywhere (e.g.
//! `{"pypi": {"package": "emulator-fail==1.0"}}`) ends `FAILED` with a message instead of
//! `INSTALLED`. Eggs fail on DBR 14.0 and later, as on the service.
//!
//! Unknown clusters answer 400 `INVALID_PARAMETER_VALUE` "Cluster ... does not exist";
//! malformed specs (no or several library kinds, Maven coordinates that are not
//! `group:artifact:version`, a `requirements` path that is not absolute) 400
//! `INVALID_PARAMETER_VALUE`. Installing and uninstalling need `CAN_MANAGE` on the cluster,
//! reading statuses `CAN_ATTACH_TO`.

use axum::Router;
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::clock::LifecycleClock;
use crate::clusters::model::LibraryEntry;
use crate::clusters::{CAN_ATTACH_TO, CAN_MANAGE, Cluster, level_of, require, settled};
use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::jobs::with_state_read;
use crate::request::{Ctx, Params};
use crate::workspace::AppState;

/// The marker that makes a library fail to install.
pub(crate) const FAIL_MARKER: &str = "emulator-fail";
/// The library kinds of the service.
const KINDS: [&str; 7] = ["jar", "egg", "whl", "pypi", "maven", "cran", "requirements"];

/// Validates one library spec (`libraries[i]`).
fn validate(p: &Params, i: usize) -> ApiResult<()> {
    let set: Vec<&str> = KINDS
        .iter()
        .copied()
        .filter(|k| p.get(k).is_some())
        .collect();
    if set.len() != 1 {
        return Err(ApiError::invalid_parameter_value(format!(
            "libraries[{i}] must set exactly one of {} (got {})",
            KINDS.join(", "),
            if set.is_empty() {
                "none".to_owned()
            } else {
                set.join(", ")
            }
        )));
    }
    let bad = |message: String| Err(ApiError::invalid_parameter_value(message));
    match set[0] {
        kind @ ("jar" | "egg" | "whl") if p.str_req(kind)?.trim().is_empty() => {
            return bad(format!("libraries[{i}].{kind} must not be empty"));
        }
        "requirements" => {
            let path = p.str_req("requirements")?;
            if !path.starts_with('/') {
                return bad(format!(
                    "libraries[{i}].requirements must be a workspace or /Volumes/ path, got {path:?}"
                ));
            }
        }
        "pypi" | "cran" => {
            let kind = set[0];
            let inner = p
                .object_opt(kind)?
                .ok_or_else(|| ApiError::missing_field(kind))?;
            if inner.str_req("package")?.trim().is_empty() {
                return bad(format!("libraries[{i}].{kind}.package must not be empty"));
            }
            inner.str_opt("repo")?;
        }
        "maven" => {
            let inner = p
                .object_opt("maven")?
                .ok_or_else(|| ApiError::missing_field("maven"))?;
            let coordinates = inner.str_req("coordinates")?;
            let parts: Vec<&str> = coordinates.split(':').collect();
            if parts.len() < 3 || parts.iter().any(|s| s.trim().is_empty()) {
                return bad(format!(
                    "libraries[{i}].maven.coordinates must be group:artifact:version, got {coordinates:?}"
                ));
            }
            inner.str_list_opt("exclusions")?;
            inner.str_opt("repo")?;
        }
        _ => {}
    }
    Ok(())
}

/// The `libraries` of a request, validated, as sent.
fn libraries_of(ctx: &Ctx) -> ApiResult<Vec<Value>> {
    let items = ctx
        .params
        .object_list_opt("libraries")?
        .ok_or_else(|| ApiError::missing_field("libraries"))?;
    let raw: Vec<Value> = match ctx.params.get("libraries") {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    for (i, p) in items.iter().enumerate() {
        validate(p, i)?;
    }
    Ok(raw)
}

/// The major runtime version of a spark_version key (`15` for `15.4.x-scala2.12`).
fn runtime_major(cluster: &Cluster) -> Option<u32> {
    cluster
        .spec_str("spark_version")?
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// `LibraryFullStatus` of one library of a settled cluster.
fn status_of(cluster: &Cluster, entry: &LibraryEntry, clock: &LifecycleClock) -> Value {
    let mut out = json!({
        "library": entry.library,
        "is_library_for_all_clusters": false,
    });
    if entry.uninstall_on_restart {
        out["status"] = json!("UNINSTALL_ON_RESTART");
        out["messages"] = json!(["Library will be uninstalled when the cluster restarts."]);
        return out;
    }
    let running_since = if cluster.is_up() {
        cluster.running_since
    } else {
        None
    };
    let Some(since) = running_since else {
        out["status"] = json!("PENDING");
        return out;
    };
    let start = since.max(entry.added_ms);
    let stage = clock.steps_since(start);
    let status = match stage {
        0 => "PENDING",
        1 => "INSTALLING",
        _ => {
            let text = entry.library.to_string();
            let egg_too_new = entry.library.get("egg").is_some()
                && runtime_major(cluster).is_some_and(|m| m >= 14);
            if text.contains(FAIL_MARKER) {
                out["messages"] = json!([format!(
                    "Library installation failed for library due to user error. Error messages:\n\
                     Library resolution failed. Cause: {FAIL_MARKER}: injected failure for {text}"
                )]);
                "FAILED"
            } else if egg_too_new {
                out["messages"] = json!([
                    "Library installation failed: Python eggs are not supported on Databricks Runtime 14.0 and above."
                ]);
                "FAILED"
            } else {
                "INSTALLED"
            }
        }
    };
    out["status"] = json!(status);
    out
}

/// `ClusterLibraryStatuses` of a settled cluster: to install (in add order), then to remove.
fn statuses(cluster: &Cluster, clock: &LifecycleClock) -> Value {
    let mut items: Vec<Value> = cluster
        .libraries
        .iter()
        .filter(|l| !l.uninstall_on_restart)
        .map(|l| status_of(cluster, l, clock))
        .collect();
    items.extend(
        cluster
            .libraries
            .iter()
            .filter(|l| l.uninstall_on_restart)
            .map(|l| status_of(cluster, l, clock)),
    );
    let mut body = list_body("library_statuses", items);
    body["cluster_id"] = json!(cluster.cluster_id);
    body
}

async fn all_cluster_statuses(ctx: Ctx) -> ApiResult {
    let clock = &ctx.ws.clock;
    let items: Vec<Value> = with_state_read(&ctx, |s, now| {
        Ok(s.clusters
            .clusters
            .values()
            .filter(|c| !c.libraries.is_empty() && level_of(c, &ctx.caller).is_some())
            .map(|c| statuses(&settled(c, &s.jobs, clock, now), clock))
            .collect())
    })?;
    Ok(json_ok(list_body("statuses", items)))
}

async fn cluster_status(ctx: Ctx) -> ApiResult {
    let id = ctx.params.str_req("cluster_id")?;
    let clock = &ctx.ws.clock;
    let body = with_state_read(&ctx, |s, now| -> ApiResult<Value> {
        let cluster = s.clusters.get(&id)?;
        require(cluster, &ctx.caller, CAN_ATTACH_TO)?;
        Ok(statuses(&settled(cluster, &s.jobs, clock, now), clock))
    })?;
    Ok(json_ok(body))
}

async fn install(ctx: Ctx) -> ApiResult {
    let id = ctx.params.str_req("cluster_id")?;
    let libraries = libraries_of(&ctx)?;
    let now = ctx.ws.clock.now_ms();
    ctx.ws.update(|s| {
        let cluster = s.clusters.get_mut(&id)?;
        require(cluster, &ctx.caller, CAN_MANAGE)?;
        cluster.settle(now);
        for library in libraries {
            match cluster.libraries.iter_mut().find(|l| l.library == library) {
                Some(existing) => existing.uninstall_on_restart = false,
                None => cluster.libraries.push(LibraryEntry {
                    library,
                    added_ms: now,
                    uninstall_on_restart: false,
                }),
            }
        }
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

async fn uninstall(ctx: Ctx) -> ApiResult {
    let id = ctx.params.str_req("cluster_id")?;
    let libraries = libraries_of(&ctx)?;
    let now = ctx.ws.clock.now_ms();
    ctx.ws.update(|s| {
        let cluster = s.clusters.get_mut(&id)?;
        require(cluster, &ctx.caller, CAN_MANAGE)?;
        cluster.settle(now);
        for library in libraries {
            if let Some(existing) = cluster.libraries.iter_mut().find(|l| l.library == library) {
                existing.uninstall_on_restart = true;
            }
        }
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

/// Routes of the Libraries API.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/2.0/libraries/all-cluster-statuses",
            get(all_cluster_statuses),
        )
        .route("/api/2.0/libraries/cluster-status", get(cluster_status))
        .route("/api/2.0/libraries/install", post(install))
        .route("/api/2.0/libraries/uninstall", post(uninstall))
}
