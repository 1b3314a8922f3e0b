//! The emulator's own endpoints under `/__emulator/` (documented in the crate docs): fault
//! rules, the request log, reset and the clock. They need a valid bearer token, are never
//! faulted and never logged.

use std::time::Duration;

use axum::Router;
use axum::routing::{delete, get, post};
use serde_json::json;

use crate::error::{ApiError, ApiResult, json_ok};
use crate::faults::FaultRule;
use crate::request::Ctx;
use crate::workspace::AppState;

/// Prefix of the emulator's own endpoints.
pub(crate) const PREFIX: &str = "/__emulator/";

/// Whether a path is one of the emulator's own endpoints.
pub(crate) fn is_admin_path(path: &str) -> bool {
    path.starts_with(PREFIX)
}

/// Routes of the admin endpoints.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/__emulator/faults",
            post(add_fault).get(list_faults).delete(clear_faults),
        )
        .route("/__emulator/faults/{id}", delete(remove_fault))
        .route("/__emulator/faults/seed", post(set_seed))
        .route(
            "/__emulator/requests",
            get(list_requests).delete(clear_requests),
        )
        .route("/__emulator/reset", post(reset))
        .route("/__emulator/clock", get(clock).post(advance_clock))
}

async fn add_fault(ctx: Ctx) -> ApiResult {
    let rule = FaultRule::from_params(&ctx.params)?;
    let id = ctx.ws.faults.add(rule);
    Ok(json_ok(json!({ "id": id })))
}

async fn list_faults(ctx: Ctx) -> ApiResult {
    Ok(json_ok(json!({ "faults": ctx.ws.faults.list() })))
}

async fn clear_faults(ctx: Ctx) -> ApiResult {
    ctx.ws.faults.clear();
    Ok(json_ok(json!({})))
}

async fn remove_fault(ctx: Ctx) -> ApiResult {
    let raw = ctx.path_param("id")?;
    let id = raw
        .parse::<u64>()
        .map_err(|_| ApiError::invalid_parameter_value(format!("Invalid fault id '{raw}'")))?;
    if ctx.ws.faults.remove(id) {
        Ok(json_ok(json!({})))
    } else {
        Err(ApiError::resource_does_not_exist(format!(
            "Fault rule {id} does not exist."
        )))
    }
}

async fn set_seed(ctx: Ctx) -> ApiResult {
    let seed = ctx
        .params
        .i64_opt("seed")?
        .ok_or_else(|| ApiError::missing_field("seed"))?;
    let seed = u64::try_from(seed)
        .map_err(|_| ApiError::invalid_parameter_value("seed must not be negative"))?;
    ctx.ws.faults.set_seed(seed);
    Ok(json_ok(json!({})))
}

async fn list_requests(ctx: Ctx) -> ApiResult {
    Ok(json_ok(json!({ "requests": ctx.ws.log.entries() })))
}

async fn clear_requests(ctx: Ctx) -> ApiResult {
    ctx.ws.log.clear();
    Ok(json_ok(json!({})))
}

async fn reset(ctx: Ctx) -> ApiResult {
    ctx.ws.reset();
    Ok(json_ok(json!({})))
}

async fn clock(ctx: Ctx) -> ApiResult {
    Ok(json_ok(json!({
        "now_ms": ctx.ws.clock.now_ms(),
        "lifecycle_step_ms": u64::try_from(ctx.ws.clock.step().as_millis()).unwrap_or(u64::MAX),
    })))
}

async fn advance_clock(ctx: Ctx) -> ApiResult {
    let ms = ctx
        .params
        .i64_opt("advance_ms")?
        .ok_or_else(|| ApiError::missing_field("advance_ms"))?;
    let ms = u64::try_from(ms)
        .map_err(|_| ApiError::invalid_parameter_value("advance_ms must not be negative"))?;
    ctx.ws.clock.advance(Duration::from_millis(ms));
    Ok(json_ok(json!({ "now_ms": ctx.ws.clock.now_ms() })))
}
