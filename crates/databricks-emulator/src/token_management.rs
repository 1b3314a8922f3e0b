//! Token Management API (`/api/2.0/token-management/*`) and token permissions
//! (`/api/2.0/permissions/authorization/tokens`): admins manage everyone's tokens.

use axum::Router;
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::identity::PrincipalKind;
use crate::permissions;
use crate::request::Ctx;
use crate::tokens::{CAN_USE, NewToken, TokenRecord, expiry_time};
use crate::workspace::AppState;

const PERMISSIONS_OBJECT_ID: &str = "authorization/tokens";
const PERMISSIONS_OBJECT_TYPE: &str = "tokens";
const ADMIN_LEVEL: &str = "CAN_MANAGE";

/// Routes of the Token Management API and the token permissions endpoints.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/2.0/token-management/tokens", get(list))
        .route(
            "/api/2.0/token-management/tokens/{token_id}",
            get(get_token).delete(delete).patch(update),
        )
        .route(
            "/api/2.0/token-management/on-behalf-of/tokens",
            post(create_obo),
        )
        .route(
            "/api/2.0/permissions/authorization/tokens",
            get(get_permissions)
                .put(set_permissions)
                .patch(update_permissions),
        )
        .route(
            "/api/2.0/permissions/authorization/tokens/permissionLevels",
            get(permission_levels),
        )
}

fn no_such_token(token_id: &str) -> ApiError {
    ApiError::resource_does_not_exist(format!("Token with ID {token_id} does not exist."))
}

async fn list(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let by_id = ctx.params.i64_opt("created_by_id")?;
    let by_name = ctx.params.str_opt("created_by_username")?;
    let now = ctx.ws.clock.now_ms();
    let infos: Vec<Value> = ctx.ws.read(|s| {
        s.tokens
            .tokens
            .values()
            .filter(|t| !t.is_expired(now))
            .filter(|t| by_id.is_none_or(|id| t.created_by_id == id))
            .filter(|t| {
                by_name
                    .as_deref()
                    .is_none_or(|name| t.created_by_username == name)
            })
            .map(|t| t.info(s.workspace_id))
            .collect()
    });
    Ok(json_ok(list_body("token_infos", infos)))
}

async fn get_token(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let token_id = ctx.path_param("token_id")?;
    let now = ctx.ws.clock.now_ms();
    let info = ctx
        .ws
        .read(|s| {
            s.tokens
                .live(&token_id, now)
                .map(|t| t.info(s.workspace_id))
        })
        .ok_or_else(|| no_such_token(&token_id))?;
    Ok(json_ok(json!({ "token_info": info })))
}

async fn delete(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let token_id = ctx.path_param("token_id")?;
    let now = ctx.ws.clock.now_ms();
    ctx.ws.update(|s| {
        if s.tokens.live(&token_id, now).is_none() {
            return Err(no_such_token(&token_id));
        }
        s.tokens.tokens.remove(&token_id);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

async fn update(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let token_id = ctx.path_param("token_id")?;
    let now = ctx.ws.clock.now_ms();
    let info = ctx.ws.update(|s| {
        let mut updated: TokenRecord = s
            .tokens
            .live(&token_id, now)
            .cloned()
            .ok_or_else(|| no_such_token(&token_id))?;
        crate::tokens::TokensState::apply_update(&mut updated, &ctx.params)?;
        let info = updated.info(s.workspace_id);
        s.tokens.tokens.insert(token_id.clone(), updated);
        Ok(info)
    })?;
    Ok(json_ok(info))
}

async fn create_obo(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let application_id = ctx.params.str_req("application_id")?;
    if application_id.trim().is_empty() {
        return Err(ApiError::invalid_parameter_value(
            "application_id must not be empty",
        ));
    }
    let now = ctx.ws.clock.now_ms();
    let mut new = NewToken::from_params(&ctx.params, 0, &ctx.caller)?;
    expiry_time(new.lifetime_seconds, now)?;
    let (record, workspace_id) = ctx.ws.update(|s| {
        let existing = s.identity.by_name(&application_id);
        if existing.is_some_and(|p| p.kind != PrincipalKind::ServicePrincipal) {
            return Err(ApiError::invalid_parameter_value(format!(
                "{application_id} is not a service principal application id."
            )));
        }
        // Until SCIM service principals exist, an unknown application id registers one.
        new.owner_id = s.identity.ensure(
            &application_id,
            PrincipalKind::ServicePrincipal,
            false,
            None,
            &mut s.rng,
        );
        let record = s.tokens.issue(&mut s.rng, new, now)?;
        Ok((record, s.workspace_id))
    })?;
    Ok(json_ok(json!({
        "token_value": record.value,
        "token_info": record.info(workspace_id),
    })))
}

async fn get_permissions(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    Ok(json_ok(render(&ctx)))
}

async fn set_permissions(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let grants = permissions::parse_acl(&ctx.params, &[CAN_USE])?;
    ctx.ws
        .write(|s| permissions::put(&mut s.tokens.permissions, grants));
    Ok(json_ok(render(&ctx)))
}

async fn update_permissions(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let grants = permissions::parse_acl(&ctx.params, &[CAN_USE])?;
    ctx.ws
        .write(|s| permissions::patch(&mut s.tokens.permissions, grants));
    Ok(json_ok(render(&ctx)))
}

async fn permission_levels(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    Ok(json_ok(permissions::levels(&[(
        CAN_USE,
        "Permission to use tokens",
    )])))
}

fn render(ctx: &Ctx) -> Value {
    ctx.ws.read(|s| {
        permissions::render(
            PERMISSIONS_OBJECT_ID,
            PERMISSIONS_OBJECT_TYPE,
            &s.tokens.permissions,
            ADMIN_LEVEL,
            &s.identity,
        )
    })
}
