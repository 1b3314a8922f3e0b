//! Handlers of the job endpoints (`create`, `list`, `get`, `reset`, `update`, `delete`) and of
//! job permissions.

use serde_json::{Map, Value, json};

use super::model::Job;
use super::paging;
use super::render::{self, JobView};
use super::settings;
use super::sim;
use super::triggers;
use super::{
    BodyCtx, CAN_MANAGE, CAN_VIEW, IS_OWNER, LEVELS, Version, level_of, no_such_job, require,
    with_state, with_state_read,
};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, json_ok};
use crate::identity::PrincipalKind;
use crate::permissions::{self, Grant, Grantee};
use crate::request::{Ctx, Params};

/// Default page size of `jobs/list`.
const DEFAULT_LIMIT: i64 = 20;
/// Largest page of `jobs/list`.
const MAX_LIMIT: i64 = 100;

fn job_id(params: &Params) -> ApiResult<i64> {
    params
        .i64_opt("job_id")?
        .ok_or_else(|| ApiError::missing_field("job_id"))
}

fn caller_grantee(caller: &Caller) -> Grantee {
    match caller.principal.kind {
        PrincipalKind::ServicePrincipal => Grantee::ServicePrincipal(caller.user_name().to_owned()),
        PrincipalKind::User => Grantee::User(caller.user_name().to_owned()),
    }
}

/// Applies an ACL (PUT when `replace`, else PATCH) keeping exactly one `IS_OWNER`.
fn apply_acl(grants: &mut Vec<Grant>, new: Vec<Grant>, replace: bool) -> ApiResult<()> {
    let owners: Vec<Grant> = new
        .iter()
        .filter(|g| g.level == IS_OWNER)
        .cloned()
        .collect();
    if owners.len() > 1 {
        return Err(ApiError::invalid_parameter_value(
            "A job can have only one owner (IS_OWNER).",
        ));
    }
    if owners
        .iter()
        .any(|g| matches!(g.grantee, Grantee::Group(_)))
    {
        return Err(ApiError::invalid_parameter_value(
            "The owner of a job must be a user or a service principal.",
        ));
    }
    let owner = owners
        .into_iter()
        .next()
        .or_else(|| grants.iter().find(|g| g.level == IS_OWNER).cloned());
    let mut base: Vec<Grant> = if replace {
        Vec::new()
    } else {
        grants
            .iter()
            .filter(|g| g.level != IS_OWNER)
            .cloned()
            .collect()
    };
    permissions::patch(
        &mut base,
        new.into_iter().filter(|g| g.level != IS_OWNER).collect(),
    );
    if let Some(owner) = owner {
        base.retain(|g| g.grantee != owner.grantee);
        base.insert(0, owner);
    }
    *grants = base;
    Ok(())
}

/// `POST /jobs/create`.
pub(super) async fn create(b: BodyCtx, v: Version) -> ApiResult {
    let BodyCtx { ctx, body } = b;
    let acl = match ctx.params.get("access_control_list") {
        Some(_) => permissions::parse_acl(&ctx.params, &LEVELS)?,
        None => Vec::new(),
    };
    let (settings, single) = settings::for_write(body, v, true)?;
    let mut grants = vec![Grant {
        grantee: caller_grantee(&ctx.caller),
        level: IS_OWNER.to_owned(),
    }];
    apply_acl(&mut grants, acl, false)?;
    let creator = ctx.caller.user_name().to_owned();
    let max_jobs = ctx.ws.config.max_jobs;
    let id = with_state(&ctx, |s, now| {
        if s.jobs.jobs.len() >= max_jobs {
            return Err(ApiError::quota_exceeded(format!(
                "The workspace has reached its limit of {max_jobs} jobs."
            )));
        }
        let id = s.jobs.new_job_id(&mut s.rng);
        s.jobs.jobs.insert(
            id,
            Job {
                job_id: id,
                creator,
                created_time: now,
                settings,
                single_task: single,
                grants,
                trigger_state: triggers::TriggerState::default(),
            },
        );
        Ok(id)
    })?;
    Ok(json_ok(json!({ "job_id": id })))
}

/// Validates `limit` and `offset` of a list.
pub(super) fn list_limits(
    params: &Params,
    default: i64,
    zero: i64,
    max: i64,
) -> ApiResult<(usize, Option<usize>)> {
    let limit = match params.i64_opt("limit")? {
        None => default,
        Some(0) => zero,
        Some(n) if (1..=max).contains(&n) => n,
        Some(n) => {
            return Err(ApiError::invalid_parameter_value(format!(
                "limit must be between 1 and {max}, got {n}."
            )));
        }
    };
    let offset = match params.i64_opt("offset")? {
        None => None,
        Some(n) if n >= 0 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
        Some(n) => {
            return Err(ApiError::invalid_parameter_value(format!(
                "offset must not be negative, got {n}."
            )));
        }
    };
    Ok((usize::try_from(limit).unwrap_or(20), offset))
}

/// `GET /jobs/list`.
pub(super) async fn list(ctx: Ctx, v: Version) -> ApiResult {
    let p = &ctx.params;
    let (limit, offset) = list_limits(p, DEFAULT_LIMIT, DEFAULT_LIMIT, MAX_LIMIT)?;
    let unpaged_2_0 = v == Version::V2_0 && p.get("limit").is_none() && p.get("offset").is_none();
    let token = p.str_opt("page_token")?;
    let name = p.str_opt("name")?.map(|n| n.to_lowercase());
    let expand = p.bool_opt("expand_tasks")?.unwrap_or(false);
    let view = if expand {
        JobView::ListExpanded
    } else {
        JobView::List
    };
    let body = with_state_read(&ctx, |s, _| {
        let visible: Vec<&Job> = s
            .jobs
            .jobs
            .values()
            .filter(|j| level_of(j, &ctx.caller).is_some())
            .filter(|j| {
                name.as_ref().is_none_or(|n| {
                    j.settings
                        .get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|jn| jn.to_lowercase() == *n)
                })
            })
            .collect();
        let mut body = Map::new();
        let page: Vec<&Job> = if v == Version::V2_0 {
            let start = if unpaged_2_0 { 0 } else { offset.unwrap_or(0) };
            let end = if unpaged_2_0 {
                visible.len()
            } else {
                (start + limit).min(visible.len())
            };
            let start = start.min(visible.len());
            body.insert("has_more".into(), json!(end < visible.len()));
            visible[start..end].to_vec()
        } else {
            let ids: Vec<i64> = visible.iter().map(|j| j.job_id).collect();
            let page =
                paging::token_page(&ids, false, limit, token.as_deref(), offset.unwrap_or(0))?;
            body.insert("has_more".into(), json!(page.next.is_some()));
            if let Some(next) = page.next {
                body.insert("next_page_token".into(), json!(next));
            }
            if let Some(prev) = page.prev {
                body.insert("prev_page_token".into(), json!(prev));
            }
            page.items
                .iter()
                .filter_map(|id| s.jobs.jobs.get(id))
                .collect()
        };
        if !page.is_empty() {
            let jobs: Vec<Value> = page.iter().map(|j| render::job(j, v, view)).collect();
            body.insert("jobs".into(), Value::Array(jobs));
        }
        Ok(Value::Object(body))
    })?;
    Ok(json_ok(body))
}

/// `GET /jobs/get`.
pub(super) async fn get(ctx: Ctx, v: Version) -> ApiResult {
    let id = job_id(&ctx.params)?;
    let page = if v == Version::V2_2 {
        paging::array_page(ctx.params.str_opt("page_token")?.as_deref())?
    } else {
        0
    };
    let trigger_state = ctx
        .params
        .bool_opt("include_trigger_state")?
        .unwrap_or(false);
    let body = with_state_read(&ctx, |s, _| {
        let job = s.jobs.jobs.get(&id).ok_or_else(|| no_such_job(id))?;
        require(job, &ctx.caller, CAN_VIEW)?;
        let tasks = job
            .settings
            .get("tasks")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if v != Version::V2_2 && tasks > super::ARRAY_PAGE {
            return Err(ApiError::invalid_parameter_value(
                "Resources with more than 100 tasks can only be handled by API 2.2 and above.",
            ));
        }
        let mut body = render::job(job, v, JobView::Get(page));
        if let Some(state) = triggers::render_state(job).filter(|_| trigger_state) {
            body["trigger_state"] = state;
        }
        Ok(body)
    })?;
    Ok(json_ok(body))
}

fn new_settings(
    body: &Map<String, Value>,
    required: bool,
) -> ApiResult<Option<Map<String, Value>>> {
    match body.get("new_settings") {
        None | Some(Value::Null) if required => Err(ApiError::missing_field("new_settings")),
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m.clone())),
        Some(_) => Err(ApiError::malformed_request(
            "Could not parse request object: expected an object for field 'new_settings'",
        )),
    }
}

/// `POST /jobs/reset`.
pub(super) async fn reset(b: BodyCtx, v: Version) -> ApiResult {
    let BodyCtx { ctx, body } = b;
    let id = job_id(&ctx.params)?;
    let new = new_settings(&body, true)?.unwrap_or_default();
    let (settings, single) = settings::for_write(new, v, false)?;
    with_state(&ctx, |s, now| {
        let job = s.jobs.jobs.get_mut(&id).ok_or_else(|| no_such_job(id))?;
        require(job, &ctx.caller, CAN_MANAGE)?;
        triggers::settings_changed(&mut job.trigger_state, &job.settings, &settings, now);
        job.settings = settings;
        job.single_task = single;
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

/// `POST /jobs/update`.
pub(super) async fn update(b: BodyCtx, v: Version) -> ApiResult {
    let BodyCtx { ctx, body } = b;
    let id = job_id(&ctx.params)?;
    let mut new = new_settings(&body, false)?.unwrap_or_default();
    let remove = ctx
        .params
        .str_list_opt("fields_to_remove")?
        .unwrap_or_default();
    let lifted = settings::SINGLE_TASK_FIELDS
        .iter()
        .any(|k| new.contains_key(*k));
    if lifted && v != Version::V2_0 {
        return Err(ApiError::invalid_parameter_value(format!(
            "Task settings at the top level of new_settings are the API 2.0 single-task format; \
             API {} needs them in `tasks`.",
            if v == Version::V2_1 { "2.1" } else { "2.2" }
        )));
    }
    with_state(&ctx, |s, now| {
        let job = s.jobs.jobs.get(&id).ok_or_else(|| no_such_job(id))?;
        require(job, &ctx.caller, CAN_MANAGE)?;
        let mut merged = job.settings.clone();
        if lifted {
            // 2.0: single-task fields change the job's only task.
            let mut task = merged
                .get("tasks")
                .and_then(Value::as_array)
                .and_then(|t| t.first())
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_else(|| {
                    let mut t = Map::new();
                    t.insert(
                        "task_key".into(),
                        json!(settings::key_from_name(
                            merged.get("name").and_then(Value::as_str)
                        )),
                    );
                    t
                });
            for field in settings::SINGLE_TASK_FIELDS {
                if let Some(value) = new.remove(field) {
                    task.insert(field.into(), value);
                }
            }
            new.insert("tasks".into(), json!([task]));
        }
        settings::merge_update(&mut merged, new, &remove)?;
        settings::validate(&merged)?;
        triggers::normalize(&mut merged);
        let single = merged
            .get("tasks")
            .and_then(Value::as_array)
            .is_some_and(|t| t.len() == 1);
        let job = s.jobs.jobs.get_mut(&id).ok_or_else(|| no_such_job(id))?;
        job.single_task = job.single_task && single;
        triggers::settings_changed(&mut job.trigger_state, &job.settings, &merged, now);
        job.settings = merged;
        // A larger max_concurrent_runs may admit queued runs.
        sim::settle(&mut s.jobs, now);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

/// `POST /jobs/delete`: the job's runs are cancelled and removed.
pub(super) async fn delete(ctx: Ctx) -> ApiResult {
    let id = job_id(&ctx.params)?;
    with_state(&ctx, |s, now| {
        let job = s.jobs.jobs.get(&id).ok_or_else(|| no_such_job(id))?;
        require(job, &ctx.caller, CAN_MANAGE)?;
        let runs: Vec<i64> = s
            .jobs
            .runs
            .values()
            .filter(|r| r.job_id == Some(id))
            .map(|r| r.run_id)
            .collect();
        sim::cancel_runs(&mut s.jobs, &runs, now);
        for run in &runs {
            s.jobs.runs.remove(run);
        }
        s.jobs.jobs.remove(&id);
        sim::settle(&mut s.jobs, now);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

fn path_job_id(ctx: &Ctx) -> ApiResult<i64> {
    let raw = ctx.path_param("job_id")?;
    raw.parse()
        .map_err(|_| ApiError::resource_does_not_exist(format!("Job {raw} does not exist.")))
}

fn render_acl(s: &crate::state::State, id: i64) -> ApiResult<Value> {
    let job =
        s.jobs.jobs.get(&id).ok_or_else(|| {
            ApiError::resource_does_not_exist(format!("Job {id} does not exist."))
        })?;
    Ok(permissions::render(
        &format!("/jobs/{id}"),
        "job",
        &job.grants,
        CAN_MANAGE,
        &s.identity,
    ))
}

/// `GET /api/2.0/permissions/jobs/{job_id}`.
pub(super) async fn get_permissions(ctx: Ctx) -> ApiResult {
    let id = path_job_id(&ctx)?;
    let body = with_state_read(&ctx, |s, _| {
        let job = s.jobs.jobs.get(&id).ok_or_else(|| {
            ApiError::resource_does_not_exist(format!("Job {id} does not exist."))
        })?;
        require(job, &ctx.caller, CAN_VIEW)?;
        render_acl(s, id)
    })?;
    Ok(json_ok(body))
}

async fn change_permissions(ctx: Ctx, replace: bool) -> ApiResult {
    let id = path_job_id(&ctx)?;
    let acl = permissions::parse_acl(&ctx.params, &LEVELS)?;
    let body = with_state(&ctx, |s, _| {
        let job = s.jobs.jobs.get_mut(&id).ok_or_else(|| {
            ApiError::resource_does_not_exist(format!("Job {id} does not exist."))
        })?;
        require(job, &ctx.caller, CAN_MANAGE)?;
        let mut grants = job.grants.clone();
        apply_acl(&mut grants, acl, replace)?;
        job.grants = grants;
        render_acl(s, id)
    })?;
    Ok(json_ok(body))
}

/// `PUT /api/2.0/permissions/jobs/{job_id}`: replaces the direct grants (the owner stays unless
/// another is named).
pub(super) async fn set_permissions(ctx: Ctx) -> ApiResult {
    change_permissions(ctx, true).await
}

/// `PATCH /api/2.0/permissions/jobs/{job_id}`.
pub(super) async fn update_permissions(ctx: Ctx) -> ApiResult {
    change_permissions(ctx, false).await
}

/// `GET /api/2.0/permissions/jobs/{job_id}/permissionLevels`.
pub(super) async fn permission_levels(ctx: Ctx) -> ApiResult {
    let id = path_job_id(&ctx)?;
    with_state_read(&ctx, |s, _| {
        let job = s.jobs.jobs.get(&id).ok_or_else(|| {
            ApiError::resource_does_not_exist(format!("Job {id} does not exist."))
        })?;
        require(job, &ctx.caller, CAN_VIEW)
    })?;
    Ok(json_ok(permissions::levels(&[
        (super::CAN_VIEW, "Can view the job and its runs"),
        (
            super::CAN_MANAGE_RUN,
            "Can view, run and cancel runs of the job",
        ),
        (super::CAN_MANAGE, "Can manage the job"),
        (super::IS_OWNER, "Is the owner of the job"),
    ])))
}
