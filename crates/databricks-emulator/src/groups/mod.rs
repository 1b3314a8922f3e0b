//! The legacy Groups API (`/api/2.0/groups/*`): groups and members by name, over the same
//! identity store as SCIM ([`crate::identity`]), so membership changes show through both.
//!
//! Every endpoint needs a workspace admin (403 `PERMISSION_DENIED`). Errors: an existing
//! group on create is 400 `RESOURCE_ALREADY_EXISTS` (legacy endpoints answer 400); an unknown
//! group, user or membership is 404 `RESOURCE_DOES_NOT_EXIST`; a missing name, both or
//! neither of `user_name` / `group_name`, a cycle, deleting or leaving a built-in group are
//! 400 `INVALID_PARAMETER_VALUE`. `list-members` and `list-parents` are not recursive; every
//! user and service principal is a member of `users`. Service principals appear as
//! `user_name` (their application id). GET parameters come from the query string or a JSON
//! body. No group name length limit is documented, so none is imposed.

use axum::Router;
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::identity::{Group, Identity, MemberRef, USERS_GROUP, is_builtin_group};
use crate::request::Ctx;

/// Routes of the legacy Groups API.
pub(crate) fn routes() -> Router<crate::workspace::AppState> {
    Router::new()
        .route("/api/2.0/groups/create", post(create))
        .route("/api/2.0/groups/add-member", post(add_member))
        .route("/api/2.0/groups/remove-member", post(remove_member))
        .route("/api/2.0/groups/list", get(list))
        .route("/api/2.0/groups/list-members", get(list_members))
        .route("/api/2.0/groups/list-parents", get(list_parents))
        .route("/api/2.0/groups/delete", post(delete))
}

fn no_group(name: &str) -> ApiError {
    ApiError::resource_does_not_exist(format!("Group {name} does not exist."))
}

/// A required, non-empty name parameter.
fn name_param(ctx: &Ctx, field: &str) -> ApiResult<String> {
    let name = ctx.params.str_req(field)?;
    if name.trim().is_empty() {
        return Err(ApiError::invalid_parameter_value(format!(
            "{field} must not be empty"
        )));
    }
    Ok(name)
}

/// Exactly one of `user_name` / `group_name`.
enum Named {
    User(String),
    Group(String),
}

fn named(ctx: &Ctx) -> ApiResult<Named> {
    let user = ctx.params.str_opt("user_name")?;
    let group = ctx.params.str_opt("group_name")?;
    match (user, group) {
        (Some(u), None) if !u.trim().is_empty() => Ok(Named::User(u)),
        (None, Some(g)) if !g.trim().is_empty() => Ok(Named::Group(g)),
        (Some(_), Some(_)) => Err(ApiError::invalid_parameter_value(
            "Exactly one of user_name or group_name must be given, not both.",
        )),
        _ => Err(ApiError::invalid_parameter_value(
            "Exactly one of user_name or group_name must be given.",
        )),
    }
}

/// The member a name refers to, or 404.
fn resolve(identity: &Identity, named: &Named) -> ApiResult<MemberRef> {
    match named {
        Named::User(name) => identity
            .by_name(name)
            .map(|p| MemberRef::Principal(p.id))
            .ok_or_else(|| {
                ApiError::resource_does_not_exist(format!("User {name} does not exist."))
            }),
        Named::Group(name) => identity
            .group_by_name(name)
            .map(|g| MemberRef::Group(g.id))
            .ok_or_else(|| no_group(name)),
    }
}

async fn create(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let name = name_param(&ctx, "group_name")?;
    ctx.ws.update(|s| {
        s.identity.ensure_builtin_groups();
        if s.identity
            .groups
            .iter()
            .any(|g| g.display_name.eq_ignore_ascii_case(&name))
        {
            return Err(ApiError::resource_already_exists(format!(
                "Group with name {name} already exists."
            )));
        }
        let id = s.identity.fresh_id(&mut s.rng);
        s.identity.groups.push(Group::new(id, &name));
        Ok(())
    })?;
    Ok(json_ok(json!({ "group_name": name })))
}

async fn add_member(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let member = named(&ctx)?;
    let parent = name_param(&ctx, "parent_name")?;
    ctx.ws.update(|s| {
        let identity = &mut s.identity;
        identity.ensure_builtin_groups();
        if identity.group_by_name(&parent).is_none() {
            return Err(no_group(&parent));
        }
        let member_ref = resolve(identity, &member)?;
        if let Named::Group(child) = &member {
            if identity.would_cycle(child, &parent) {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Adding group {child} to group {parent} would create a cycle."
                )));
            }
        }
        identity.add_membership(member_ref, &parent);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

async fn remove_member(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let member = named(&ctx)?;
    let parent = name_param(&ctx, "parent_name")?;
    ctx.ws.update(|s| {
        let identity = &mut s.identity;
        if identity.group_by_name(&parent).is_none() {
            return Err(no_group(&parent));
        }
        let member_ref = resolve(identity, &member)?;
        if parent == USERS_GROUP && matches!(member_ref, MemberRef::Principal(_)) {
            return Err(ApiError::invalid_parameter_value(
                "Every user and service principal is a member of the users group.",
            ));
        }
        if !identity.remove_membership(member_ref, &parent) {
            let who = match &member {
                Named::User(n) | Named::Group(n) => n,
            };
            return Err(ApiError::resource_does_not_exist(format!(
                "{who} is not a member of group {parent}."
            )));
        }
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

async fn list(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let names: Vec<Value> = ctx.ws.read(|s| {
        s.identity
            .groups
            .iter()
            .map(|g| Value::String(g.display_name.clone()))
            .collect()
    });
    Ok(json_ok(list_body("group_names", names)))
}

async fn list_members(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let name = name_param(&ctx, "group_name")?;
    let members = ctx.ws.read(|s| {
        let identity = &s.identity;
        identity
            .group_by_name(&name)
            .ok_or_else(|| no_group(&name))?;
        Ok::<_, ApiError>(
            identity
                .members_of(&name)
                .into_iter()
                .filter_map(|m| match m {
                    MemberRef::Principal(id) => identity
                        .by_id(id)
                        .map(|p| json!({ "user_name": p.user_name })),
                    MemberRef::Group(id) => identity
                        .group_by_id(id)
                        .map(|g| json!({ "group_name": g.display_name })),
                })
                .collect::<Vec<_>>(),
        )
    })?;
    Ok(json_ok(list_body("members", members)))
}

async fn list_parents(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let member = named(&ctx)?;
    let parents = ctx.ws.read(|s| {
        let identity = &s.identity;
        let names = match resolve(identity, &member)? {
            MemberRef::Principal(id) => identity
                .by_id(id)
                .map(|p| identity.parents_of_principal(p))
                .unwrap_or_default(),
            MemberRef::Group(id) => identity
                .group_by_id(id)
                .map(|g| g.groups.clone())
                .unwrap_or_default(),
        };
        Ok::<_, ApiError>(names.into_iter().map(Value::String).collect::<Vec<_>>())
    })?;
    Ok(json_ok(list_body("group_names", parents)))
}

async fn delete(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let name = name_param(&ctx, "group_name")?;
    ctx.ws.update(|s| {
        let id = s
            .identity
            .group_by_name(&name)
            .map(|g| g.id)
            .ok_or_else(|| no_group(&name))?;
        if is_builtin_group(&name) {
            return Err(ApiError::invalid_parameter_value(format!(
                "The built-in group {name} cannot be deleted."
            )));
        }
        s.identity.delete_group(id);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}
