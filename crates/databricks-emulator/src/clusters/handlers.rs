//! The handlers of the Clusters API and the cluster permissions endpoints.

use serde_json::{Map, Value, json};

use super::model::{
    self, Cluster, Effect, Event, PENDING, RESIZING, RESTARTING, RUNNING, Scheduled, TERMINATED,
    TERMINATING,
};
use super::{
    BodyCtx, CAN_ATTACH_TO, CAN_MANAGE, CAN_RESTART, LEVELS, catalog, invalid_state, level_of,
    render, require, spec,
};
use crate::error::{ApiError, ApiResult, json_ok};
use crate::jobs::{with_state, with_state_read};
use crate::permissions;
use crate::request::{Ctx, Params};
use crate::token;

/// Clusters terminated longer ago than this leave `list` (unless pinned).
const LIST_RETENTION_MS: i64 = 30 * 24 * 3600 * 1000;
/// Default and largest `list` page.
const LIST_PAGE_SIZE: usize = 100;
/// Default events page.
const EVENTS_PAGE_SIZE: i64 = 50;
/// Largest events page.
const EVENTS_MAX_PAGE_SIZE: i64 = 500;

fn ok() -> ApiResult {
    Ok(json_ok(json!({})))
}

/// Libraries marked for removal go at a restart.
pub(super) fn drop_uninstalled_libraries(cluster: &mut Cluster) {
    cluster.libraries.retain(|l| !l.uninstall_on_restart);
}

pub(super) async fn create(req: BodyCtx) -> ApiResult {
    let BodyCtx { ctx, body } = req;
    let settings = spec::settings_of(&body);
    let clone_from = ctx
        .params
        .object_opt("clone_from")?
        .map(|c| c.str_req("source_cluster_id"))
        .transpose()?;
    let now = ctx.ws.clock.now_ms();
    let clock = &ctx.ws.clock;
    let user = ctx.caller.user_name().to_owned();
    let id = ctx.ws.update(|s| {
        let libraries = match &clone_from {
            Some(source) => {
                let source = s.clusters.get(source)?;
                require(source, &ctx.caller, CAN_ATTACH_TO)?;
                source
                    .libraries
                    .iter()
                    .filter(|l| !l.uninstall_on_restart)
                    .map(|l| model::LibraryEntry {
                        library: l.library.clone(),
                        added_ms: now,
                        uninstall_on_restart: false,
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        super::launch(s, clock, settings, &user, "API", libraries)
    })?;
    Ok(json_ok(json!({ "cluster_id": id })))
}

/// Replaces the settings of a running or terminated cluster (a running one restarts).
fn change_settings(
    ctx: &Ctx,
    id: &str,
    new_spec: impl FnOnce(&Cluster) -> ApiResult<Map<String, Value>>,
) -> ApiResult {
    let clock = &ctx.ws.clock;
    let user = ctx.caller.user_name().to_owned();
    with_state(ctx, |s, now| {
        let cluster = s.clusters.get(id)?;
        require(cluster, &ctx.caller, CAN_MANAGE)?;
        let mut cluster = cluster.clone();
        super::settle(&mut cluster, &s.jobs, clock, now);
        if cluster.source == "JOB" {
            return Err(ApiError::invalid_parameter_value(format!(
                "Cluster {id} is a job cluster; job clusters cannot be edited."
            )));
        }
        if !matches!(cluster.state.as_str(), RUNNING | TERMINATED) {
            return Err(invalid_state(&cluster));
        }
        let settings = new_spec(&cluster)?;
        spec::validate(&settings, s)?;
        let previous = std::mem::replace(&mut cluster.spec, settings.clone());
        cluster.record(
            now,
            "EDITED",
            json!({ "attributes": settings, "previous_attributes": previous, "user": user }),
        );
        if cluster.state == RUNNING {
            drop_uninstalled_libraries(&mut cluster);
            let stages = cluster.start_stages(clock, now, RESTARTING, "RESTARTING", &user);
            cluster.schedule(now, stages);
        }
        s.clusters.clusters.insert(id.to_owned(), cluster);
        Ok(())
    })?;
    ok()
}

pub(super) async fn edit(req: BodyCtx) -> ApiResult {
    let BodyCtx { ctx, body } = req;
    let id = ctx.params.str_req("cluster_id")?;
    let settings = spec::settings_of(&body);
    change_settings(&ctx, &id, |_| Ok(settings))
}

pub(super) async fn update(req: BodyCtx) -> ApiResult {
    let BodyCtx { ctx, body } = req;
    let id = ctx.params.str_req("cluster_id")?;
    let mask = ctx.params.str_req("update_mask")?;
    if mask.trim().is_empty() {
        return Err(ApiError::invalid_parameter_value(
            "update_mask must not be empty.",
        ));
    }
    ctx.params.object_opt("cluster")?;
    let partial = body
        .get("cluster")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if partial.contains_key("apply_policy_default_values") {
        return Err(ApiError::invalid_parameter_value(
            "cluster.apply_policy_default_values cannot be updated.",
        ));
    }
    change_settings(&ctx, &id, |c| spec::apply_mask(&c.spec, &partial, &mask))
}

pub(super) async fn start(ctx: Ctx) -> ApiResult {
    let id = ctx.params.str_req("cluster_id")?;
    let clock = &ctx.ws.clock;
    let user = ctx.caller.user_name().to_owned();
    with_state(&ctx, |s, now| {
        let cluster = s.clusters.get_mut(&id)?;
        require(cluster, &ctx.caller, CAN_RESTART)?;
        super::settle(cluster, &s.jobs, clock, now);
        if cluster.source == "JOB" {
            return Err(ApiError::invalid_parameter_value(format!(
                "Cluster {id} is a job cluster; job clusters cannot be started."
            )));
        }
        if cluster.state != TERMINATED {
            return Err(invalid_state(cluster));
        }
        drop_uninstalled_libraries(cluster);
        let stages = cluster.start_stages(clock, now, PENDING, "STARTING", &user);
        cluster.schedule(now, stages);
        Ok(())
    })?;
    ok()
}

pub(super) async fn restart(ctx: Ctx) -> ApiResult {
    let id = ctx.params.str_req("cluster_id")?;
    ctx.params.str_opt("restart_user")?;
    let clock = &ctx.ws.clock;
    let user = ctx.caller.user_name().to_owned();
    with_state(&ctx, |s, now| {
        let cluster = s.clusters.get_mut(&id)?;
        require(cluster, &ctx.caller, CAN_RESTART)?;
        super::settle(cluster, &s.jobs, clock, now);
        // Documented: a restart of a cluster that is not running does nothing.
        if cluster.state == RUNNING {
            drop_uninstalled_libraries(cluster);
            let stages = cluster.start_stages(clock, now, RESTARTING, "RESTARTING", &user);
            cluster.schedule(now, stages);
        }
        Ok(())
    })?;
    ok()
}

pub(super) async fn resize(req: BodyCtx) -> ApiResult {
    let BodyCtx { ctx, body } = req;
    let id = ctx.params.str_req("cluster_id")?;
    let workers = ctx.params.i64_opt("num_workers")?;
    let autoscale = ctx.params.object_opt("autoscale")?;
    let clock = &ctx.ws.clock;
    let user = ctx.caller.user_name().to_owned();
    with_state(&ctx, |s, now| {
        let cluster = s.clusters.get(&id)?;
        require(cluster, &ctx.caller, CAN_MANAGE)?;
        let mut cluster = cluster.clone();
        super::settle(&mut cluster, &s.jobs, clock, now);
        if cluster.state != RUNNING {
            return Err(invalid_state(&cluster));
        }
        let mut settings = cluster.spec.clone();
        match (workers, &autoscale) {
            (Some(_), Some(_)) => {
                return Err(ApiError::invalid_parameter_value(
                    "Only one of num_workers and autoscale may be set.",
                ));
            }
            (None, None) => {
                return Err(ApiError::invalid_parameter_value(
                    "One of num_workers or autoscale must be set.",
                ));
            }
            (Some(n), None) => {
                settings.remove("autoscale");
                settings.insert("num_workers".into(), json!(n));
            }
            (None, Some(_)) => {
                settings.remove("num_workers");
                settings.insert(
                    "autoscale".into(),
                    body.get("autoscale").cloned().unwrap_or(Value::Null),
                );
            }
        }
        spec::validate(&settings, s)?;
        let previous_size = size_of(&cluster.spec);
        cluster.spec = settings;
        let target = cluster.target_workers();
        let current = cluster.current_workers;
        let done_event = (target > current).then(|| {
            (
                "UPSIZE_COMPLETED".to_owned(),
                json!({ "current_num_workers": target, "target_num_workers": target }),
            )
        });
        let stages = vec![
            Scheduled {
                at_ms: now,
                state: RESIZING.to_owned(),
                message: "Resizing cluster".to_owned(),
                event: Some((
                    RESIZING.to_owned(),
                    json!({
                        "current_num_workers": current,
                        "target_num_workers": target,
                        "cluster_size": size_of(&cluster.spec),
                        "previous_cluster_size": previous_size,
                        "user": user,
                    }),
                )),
                effect: Effect::None,
            },
            Scheduled {
                at_ms: clock.stage_reached_at(now, 1),
                state: RUNNING.to_owned(),
                message: String::new(),
                event: done_event,
                effect: Effect::Resized { workers: target },
            },
        ];
        cluster.schedule(now, stages);
        s.clusters.clusters.insert(id.clone(), cluster);
        Ok(())
    })?;
    ok()
}

fn size_of(spec: &Map<String, Value>) -> Value {
    let mut size = Map::new();
    for field in ["num_workers", "autoscale"] {
        if let Some(v) = spec.get(field) {
            size.insert(field.to_owned(), v.clone());
        }
    }
    Value::Object(size)
}

pub(super) async fn delete(ctx: Ctx) -> ApiResult {
    let id = ctx.params.str_req("cluster_id")?;
    let clock = &ctx.ws.clock;
    let user = ctx.caller.user_name().to_owned();
    with_state(&ctx, |s, now| {
        let cluster = s.clusters.get_mut(&id)?;
        require(cluster, &ctx.caller, CAN_RESTART)?;
        super::settle(cluster, &s.jobs, clock, now);
        if matches!(cluster.state.as_str(), TERMINATED | TERMINATING) {
            return Ok(());
        }
        let reason = json!({
            "code": "USER_REQUEST",
            "type": "SUCCESS",
            "parameters": { "username": user },
        });
        let message = format!("Termination requested by {user}");
        super::terminate(cluster, clock, now, reason, Some(&user), &message);
        Ok(())
    })?;
    ok()
}

pub(super) async fn permanent_delete(ctx: Ctx) -> ApiResult {
    let id = ctx.params.str_req("cluster_id")?;
    ctx.ws.update(|s| {
        let cluster = s.clusters.get(&id)?;
        require(cluster, &ctx.caller, CAN_MANAGE)?;
        s.clusters.clusters.remove(&id);
        Ok(())
    })?;
    ok()
}

pub(super) async fn get(ctx: Ctx) -> ApiResult {
    let id = ctx.params.str_req("cluster_id")?;
    let clock = &ctx.ws.clock;
    let body = with_state_read(&ctx, |s, now| -> ApiResult<Value> {
        let cluster = s.clusters.get(&id)?;
        require(cluster, &ctx.caller, CAN_ATTACH_TO)?;
        Ok(render::details(
            &super::settled(cluster, &s.jobs, clock, now),
            true,
        ))
    })?;
    Ok(json_ok(body))
}

/// The clusters `list` shows the caller, settled: pinned, active, and terminated in the last
/// 30 days.
fn visible(ctx: &Ctx) -> ApiResult<Vec<Cluster>> {
    let clock = &ctx.ws.clock;
    with_state_read(ctx, |s, now| {
        Ok(s.clusters
            .clusters
            .values()
            .filter(|c| level_of(c, &ctx.caller).is_some())
            .map(|c| super::settled(c, &s.jobs, clock, now))
            .filter(|c| {
                c.pinned
                    || c.state != TERMINATED
                    || c.terminated_time
                        .is_none_or(|t| now.saturating_sub(t) <= LIST_RETENTION_MS)
            })
            .collect())
    })
}

/// A list filter or sort field, from `filter_by.<name>` query keys or a nested JSON object.
fn nested(p: &Params, parent: &str, name: &str) -> ApiResult<Option<Value>> {
    if let Some(obj) = p.object_opt(parent)? {
        if let Some(v) = obj.get(name) {
            return Ok(Some(v.clone()));
        }
    }
    Ok(p.get(&format!("{parent}.{name}")).cloned())
}

fn strings(value: Option<Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// Sort rank of states: active ones first.
fn state_rank(state: &str) -> usize {
    [
        RUNNING,
        PENDING,
        RESIZING,
        RESTARTING,
        TERMINATING,
        "ERROR",
        "UNKNOWN",
        TERMINATED,
    ]
    .iter()
    .position(|s| *s == state)
    .unwrap_or(usize::MAX)
}

fn encode_token(value: &Value) -> String {
    token::encode(&value.to_string())
}

fn decode_token(token: &str) -> ApiResult<Value> {
    token::decode(token)
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .filter(Value::is_object)
        .ok_or_else(|| ApiError::invalid_parameter_value(format!("Invalid page token: {token}")))
}

pub(super) async fn list(ctx: Ctx) -> ApiResult {
    let p = &ctx.params;
    let states = strings(nested(p, "filter_by", "cluster_states")?);
    let sources = strings(nested(p, "filter_by", "cluster_sources")?);
    let pinned = match nested(p, "filter_by", "is_pinned")? {
        None => None,
        Some(Value::Bool(b)) => Some(b),
        Some(Value::String(s)) if s == "true" || s == "false" => Some(s == "true"),
        Some(_) => {
            return Err(ApiError::malformed_request(
                "Could not parse request object: expected a boolean for field 'filter_by.is_pinned'",
            ));
        }
    };
    let policy = nested(p, "filter_by", "policy_id")?.and_then(|v| v.as_str().map(str::to_owned));
    let field = nested(p, "sort_by", "field")?.and_then(|v| v.as_str().map(str::to_owned));
    let direction = nested(p, "sort_by", "direction")?.and_then(|v| v.as_str().map(str::to_owned));
    let page_size = match p.i64_opt("page_size")? {
        None | Some(0) => LIST_PAGE_SIZE,
        Some(n) if n < 0 => {
            return Err(ApiError::invalid_parameter_value(
                "page_size must not be negative.",
            ));
        }
        Some(n) => usize::try_from(n)
            .unwrap_or(LIST_PAGE_SIZE)
            .min(LIST_PAGE_SIZE),
    };
    let offset = match p.str_opt("page_token")?.filter(|t| !t.is_empty()) {
        None => 0,
        Some(token) => decode_token(&token)?
            .get("offset")
            .and_then(Value::as_u64)
            .and_then(|o| usize::try_from(o).ok())
            .ok_or_else(|| {
                ApiError::invalid_parameter_value(format!("Invalid page token: {token}"))
            })?,
    };
    let mut clusters: Vec<Cluster> = visible(&ctx)?
        .into_iter()
        .filter(|c| states.is_empty() || states.contains(&c.state))
        .filter(|c| sources.is_empty() || sources.contains(&c.source))
        .filter(|c| pinned.is_none_or(|p| p == c.pinned))
        .filter(|c| {
            policy
                .as_deref()
                .is_none_or(|p| c.spec_str("policy_id") == Some(p))
        })
        .collect();
    let name = |c: &Cluster| c.spec_str("cluster_name").unwrap_or("").to_lowercase();
    match field.as_deref() {
        Some("CLUSTER_NAME") => {
            clusters.sort_by(|a, b| name(a).cmp(&name(b)).then(a.cluster_id.cmp(&b.cluster_id)))
        }
        _ => clusters.sort_by(|a, b| {
            state_rank(&a.state)
                .cmp(&state_rank(&b.state))
                .then(b.pinned.cmp(&a.pinned))
                .then(name(a).cmp(&name(b)))
                .then(a.cluster_id.cmp(&b.cluster_id))
        }),
    }
    if direction.as_deref() == Some("DESC") {
        clusters.reverse();
    }
    let total = clusters.len();
    let page: Vec<Value> = clusters
        .iter()
        .skip(offset)
        .take(page_size)
        .map(|c| render::details(c, false))
        .collect();
    let mut body = Map::new();
    if !page.is_empty() {
        body.insert("clusters".into(), Value::Array(page));
    }
    if offset + page_size < total {
        body.insert(
            "next_page_token".into(),
            json!(encode_token(&json!({ "offset": offset + page_size }))),
        );
    }
    if offset > 0 {
        let prev = offset.saturating_sub(page_size);
        body.insert(
            "prev_page_token".into(),
            json!(encode_token(&json!({ "offset": prev }))),
        );
    }
    Ok(json_ok(Value::Object(body)))
}

/// 2.0 `list`: every cluster in one response (`can_use_client` is accepted).
pub(super) async fn list_v20(ctx: Ctx) -> ApiResult {
    if let Some(client) = ctx.params.str_opt("can_use_client")? {
        if !matches!(client.as_str(), "NOTEBOOKS" | "JOBS") {
            return Err(ApiError::invalid_parameter_value(format!(
                "Invalid can_use_client '{client}': expected NOTEBOOKS or JOBS."
            )));
        }
    }
    let mut clusters = visible(&ctx)?;
    clusters.sort_by(|a, b| {
        state_rank(&a.state)
            .cmp(&state_rank(&b.state))
            .then(a.cluster_id.cmp(&b.cluster_id))
    });
    let items: Vec<Value> = clusters.iter().map(|c| render::details(c, false)).collect();
    Ok(json_ok(crate::error::list_body("clusters", items)))
}

pub(super) async fn list_node_types(_ctx: Ctx) -> ApiResult {
    Ok(json_ok(catalog::node_types_body()))
}

pub(super) async fn list_zones(_ctx: Ctx) -> ApiResult {
    Ok(json_ok(catalog::zones_body()))
}

pub(super) async fn spark_versions(_ctx: Ctx) -> ApiResult {
    Ok(json_ok(catalog::spark_versions_body()))
}

fn render_event(cluster_id: &str, e: &Event) -> Value {
    json!({
        "cluster_id": cluster_id,
        "timestamp": e.timestamp,
        "type": e.r#type,
        "details": e.details,
    })
}

pub(super) async fn events(ctx: Ctx) -> ApiResult {
    events_page(&ctx, false)
}

/// 2.0 `events`: `offset`/`limit` paging only.
pub(super) async fn events_v20(ctx: Ctx) -> ApiResult {
    events_page(&ctx, true)
}

fn events_page(ctx: &Ctx, v20: bool) -> ApiResult {
    let p = &ctx.params;
    let id = p.str_req("cluster_id")?;
    let start_time = p.i64_opt("start_time")?;
    let end_time = p.i64_opt("end_time")?;
    let types = p.str_list_opt("event_types")?.unwrap_or_default();
    let order = p.str_opt("order")?.unwrap_or_else(|| "DESC".to_owned());
    if !matches!(order.as_str(), "ASC" | "DESC") {
        return Err(ApiError::invalid_parameter_value(format!(
            "Invalid order '{order}': expected ASC or DESC."
        )));
    }
    let offset = p.i64_opt("offset")?;
    let limit = p.i64_opt("limit")?;
    let page_size = p.i64_opt("page_size")?;
    let page_token = p.str_opt("page_token")?.filter(|t| !t.is_empty());
    let clock = &ctx.ws.clock;
    let mut events: Vec<Event> = with_state_read(ctx, |s, now| -> ApiResult<Vec<Event>> {
        let cluster = s.clusters.get(&id)?;
        require(cluster, &ctx.caller, CAN_ATTACH_TO)?;
        Ok(super::settled(cluster, &s.jobs, clock, now).events)
    })?;
    events.retain(|e| {
        start_time.is_none_or(|t| e.timestamp >= t)
            && end_time.is_none_or(|t| e.timestamp <= t)
            && (types.is_empty() || types.contains(&e.r#type))
    });
    events.sort_by_key(|e| e.seq);
    let desc = order == "DESC";
    if desc {
        events.reverse();
    }
    let mut body = Map::new();
    if page_token.is_none() && (v20 || offset.is_some() || limit.is_some()) {
        let offset = offset.unwrap_or(0);
        let limit = limit.unwrap_or(EVENTS_PAGE_SIZE);
        if offset < 0 {
            return Err(ApiError::invalid_parameter_value(
                "offset must not be negative.",
            ));
        }
        if !(1..=EVENTS_MAX_PAGE_SIZE).contains(&limit) {
            return Err(ApiError::invalid_parameter_value(format!(
                "limit must be between 1 and {EVENTS_MAX_PAGE_SIZE}, got {limit}."
            )));
        }
        let start = usize::try_from(offset).unwrap_or(usize::MAX);
        let take = usize::try_from(limit).unwrap_or(0);
        let page: Vec<Value> = events
            .iter()
            .skip(start)
            .take(take)
            .map(|e| render_event(&id, e))
            .collect();
        if !page.is_empty() {
            body.insert("events".into(), Value::Array(page));
        }
        body.insert("total_count".into(), json!(events.len()));
        if start.saturating_add(take) < events.len() {
            let mut next = Map::new();
            next.insert("cluster_id".into(), json!(id));
            if let Some(t) = start_time {
                next.insert("start_time".into(), json!(t));
            }
            if let Some(t) = end_time {
                next.insert("end_time".into(), json!(t));
            }
            if !types.is_empty() {
                next.insert("event_types".into(), json!(types));
            }
            next.insert("order".into(), json!(order));
            next.insert("offset".into(), json!(offset + limit));
            next.insert("limit".into(), json!(limit));
            body.insert("next_page".into(), Value::Object(next));
        }
        return Ok(json_ok(Value::Object(body)));
    }
    let size = match page_size {
        None | Some(0) => EVENTS_PAGE_SIZE,
        Some(n) => n.clamp(1, EVENTS_MAX_PAGE_SIZE),
    };
    let size = usize::try_from(size).unwrap_or(50);
    // Tokens name an event by its sequence number, so new events never shift pages.
    let before = |e: &Event, seq: u64| if desc { e.seq > seq } else { e.seq < seq };
    let (start, end) = match &page_token {
        None => (0, size.min(events.len())),
        Some(token) => {
            let t = decode_token(token)?;
            let seq = t.get("seq").and_then(Value::as_u64);
            let dir = t.get("dir").and_then(Value::as_str);
            let token_order = t.get("order").and_then(Value::as_str);
            let (Some(seq), Some(dir)) = (seq, dir) else {
                return Err(ApiError::invalid_parameter_value(format!(
                    "Invalid page token: {token}"
                )));
            };
            if token_order != Some(order.as_str()) {
                return Err(ApiError::invalid_parameter_value(
                    "The page token was issued for another order.",
                ));
            }
            if dir == "prev" {
                let end = events.iter().take_while(|e| before(e, seq)).count();
                (end.saturating_sub(size), end)
            } else {
                let start = events
                    .iter()
                    .take_while(|e| before(e, seq) || e.seq == seq)
                    .count();
                (start, start.saturating_add(size).min(events.len()))
            }
        }
    };
    let page = &events[start.min(events.len())..end.min(events.len())];
    if !page.is_empty() {
        body.insert(
            "events".into(),
            Value::Array(page.iter().map(|e| render_event(&id, e)).collect()),
        );
    }
    if let Some(last) = page.last() {
        if end < events.len() {
            body.insert(
                "next_page_token".into(),
                json!(encode_token(
                    &json!({ "seq": last.seq, "dir": "next", "order": order })
                )),
            );
        }
    }
    if let Some(first) = page.first() {
        if start > 0 {
            body.insert(
                "prev_page_token".into(),
                json!(encode_token(
                    &json!({ "seq": first.seq, "dir": "prev", "order": order })
                )),
            );
        }
    }
    Ok(json_ok(Value::Object(body)))
}

fn set_pinned(ctx: &Ctx, pinned: bool) -> ApiResult {
    ctx.caller.require_admin()?;
    let id = ctx.params.str_req("cluster_id")?;
    let clock = &ctx.ws.clock;
    let user = ctx.caller.user_name().to_owned();
    with_state(ctx, |s, now| {
        let cluster = s.clusters.get_mut(&id)?;
        super::settle(cluster, &s.jobs, clock, now);
        if cluster.pinned != pinned {
            cluster.pinned = pinned;
            let kind = if pinned { "PINNED" } else { "UNPINNED" };
            cluster.record(now, kind, json!({ "user": user }));
        }
        Ok(())
    })?;
    ok()
}

pub(super) async fn pin(ctx: Ctx) -> ApiResult {
    set_pinned(&ctx, true)
}

pub(super) async fn unpin(ctx: Ctx) -> ApiResult {
    set_pinned(&ctx, false)
}

pub(super) async fn change_owner(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let id = ctx.params.str_req("cluster_id")?;
    let owner = ctx.params.str_req("owner_username")?;
    if owner.trim().is_empty() {
        return Err(ApiError::invalid_parameter_value(
            "owner_username must not be empty.",
        ));
    }
    let clock = &ctx.ws.clock;
    with_state(&ctx, |s, now| {
        let cluster = s.clusters.get_mut(&id)?;
        super::settle(cluster, &s.jobs, clock, now);
        if cluster.state != TERMINATED {
            return Err(invalid_state(cluster));
        }
        cluster.creator = owner;
        Ok(())
    })?;
    ok()
}

fn render_permissions(ctx: &Ctx, id: &str) -> ApiResult<Value> {
    ctx.ws.read(|s| {
        let cluster = s.clusters.get(id)?;
        Ok(permissions::render(
            &format!("/clusters/{id}"),
            "cluster",
            &cluster.grants,
            CAN_MANAGE,
            &s.identity,
        ))
    })
}

pub(super) async fn get_permissions(ctx: Ctx) -> ApiResult {
    let id = ctx.path_param("cluster_id")?;
    ctx.ws
        .read(|s| -> ApiResult<()> { require(s.clusters.get(&id)?, &ctx.caller, CAN_MANAGE) })?;
    Ok(json_ok(render_permissions(&ctx, &id)?))
}

fn change_permissions(ctx: &Ctx, replace: bool) -> ApiResult {
    let id = ctx.path_param("cluster_id")?;
    let grants = permissions::parse_acl(&ctx.params, &LEVELS)?;
    ctx.ws.update(|s| {
        let cluster = s.clusters.get_mut(&id)?;
        require(cluster, &ctx.caller, CAN_MANAGE)?;
        if replace {
            permissions::put(&mut cluster.grants, grants);
        } else {
            permissions::patch(&mut cluster.grants, grants);
        }
        Ok(())
    })?;
    Ok(json_ok(render_permissions(ctx, &id)?))
}

pub(super) async fn set_permissions(ctx: Ctx) -> ApiResult {
    change_permissions(&ctx, true)
}

pub(super) async fn update_permissions(ctx: Ctx) -> ApiResult {
    change_permissions(&ctx, false)
}

pub(super) async fn permission_levels(ctx: Ctx) -> ApiResult {
    let id = ctx.path_param("cluster_id")?;
    ctx.ws
        .read(|s| -> ApiResult<()> { require(s.clusters.get(&id)?, &ctx.caller, CAN_MANAGE) })?;
    Ok(json_ok(permissions::levels(&[
        (CAN_ATTACH_TO, "Can attach notebooks to the cluster"),
        (CAN_RESTART, "Can start, restart and terminate the cluster"),
        (CAN_MANAGE, "Can manage the cluster"),
    ])))
}
