//! Workspace SCIM (`/api/2.0/preview/scim/v2/`): Users, Groups, ServicePrincipals and Me,
//! over the one identity store ([`crate::identity`]) that authentication and the legacy Groups
//! API use too.
//!
//! SCIM semantics (RFC 7643/7644 as Databricks serves them): numeric-string ids,
//! `schemas` and `meta.resourceType` (`User`, `ServicePrincipal`, `WorkspaceGroup`), 201 on
//! create, 200 with the resource on PUT and PATCH, 204 on DELETE; PATCH `add` / `remove` /
//! `replace` with paths such as `members`, `members[value eq "..."]`, `active`,
//! `displayName`, `entitlements`, `groups`, `roles`, `name.givenName`, or without a path;
//! filters (see [`filter`]); 1-based `startIndex` and `count` paging with `totalResults` and
//! `itemsPerPage`; `sortBy` / `sortOrder`; `attributes` / `excludedAttributes`. Errors have the
//! SCIM shape `{"schemas": [Error URN], "detail", "status", "scimType"}`: 404 unknown id, 409
//! `uniqueness` (userName, group displayName, applicationId), 400 `invalidFilter`,
//! `invalidSyntax`, `invalidPath`, `invalidValue`, `noTarget`, `mutability`, 403 for
//! non-admin writes. Reads are open to every user; `userName`, `emails` and `applicationId`
//! changes through PUT and PATCH are ignored, as the service does. Responses are
//! `application/scim+json` when the client accepts it, else `application/json`.
//!
//! Names: neither the docs nor the SDKs document a length limit on `userName`,
//! `displayName` or `applicationId`, nor that a user name must be an e-mail address, so none
//! is imposed (a non-empty `userName` is required; names are unique).

mod filter;
mod render;
mod write;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::{HeaderValue, StatusCode, header};
use serde_json::{Map, Value, json};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::identity::{Identity, PrincipalKind};
use crate::request::read_body;
use crate::workspace::{AppState, Workspace};

use render::{ERROR_SCHEMA, LIST_SCHEMA};

/// The base path.
const BASE: &str = "/api/2.0/preview/scim/v2";
/// The most resources one page returns (also the default `count`).
pub(crate) const MAX_COUNT: usize = 10_000;

/// A SCIM resource type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `/Users`.
    User,
    /// `/Groups`.
    Group,
    /// `/ServicePrincipals`.
    ServicePrincipal,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Self::User => "User",
            Self::Group => "Group",
            Self::ServicePrincipal => "Service principal",
        }
    }

    fn collection(self) -> &'static str {
        match self {
            Self::User => "Users",
            Self::Group => "Groups",
            Self::ServicePrincipal => "ServicePrincipals",
        }
    }

    fn principal_kind(self) -> Option<PrincipalKind> {
        match self {
            Self::User => Some(PrincipalKind::User),
            Self::ServicePrincipal => Some(PrincipalKind::ServicePrincipal),
            Self::Group => None,
        }
    }
}

/// An error answered in the SCIM shape.
#[derive(Debug, Clone)]
pub(crate) struct ScimError {
    status: StatusCode,
    scim_type: Option<&'static str>,
    detail: String,
}

impl ScimError {
    fn new(status: StatusCode, scim_type: Option<&'static str>, detail: impl Into<String>) -> Self {
        Self {
            status,
            scim_type,
            detail: detail.into(),
        }
    }

    /// 400 with a `scimType`.
    pub(crate) fn bad_request(scim_type: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, Some(scim_type), detail)
    }

    /// 404.
    pub(crate) fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, None, detail)
    }

    /// 409 `uniqueness`.
    pub(crate) fn conflict(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, Some("uniqueness"), detail)
    }

    /// 403.
    fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, None, detail)
    }
}

impl From<ApiError> for ScimError {
    fn from(e: ApiError) -> Self {
        let scim_type = (e.status == StatusCode::BAD_REQUEST).then_some("invalidSyntax");
        Self::new(e.status, scim_type, e.message)
    }
}

impl IntoResponse for ScimError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "schemas": [ERROR_SCHEMA],
            "detail": self.detail,
            "status": self.status.as_u16().to_string(),
        });
        if let Some(t) = self.scim_type {
            body["scimType"] = json!(t);
        }
        respond(self.status, &body, true)
    }
}

type ScimResult<T = Response> = Result<T, ScimError>;

/// Parsed attribute paths of `attributes` and `excludedAttributes`.
type Projection = (Vec<Vec<String>>, Vec<Vec<String>>);

/// A JSON response with the SCIM or plain JSON media type.
fn respond(status: StatusCode, body: &Value, scim_media_type: bool) -> Response {
    let media = if scim_media_type {
        "application/scim+json"
    } else {
        "application/json"
    };
    let mut response = (status, body.to_string()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    response
}

/// What a SCIM handler needs: the workspace, the caller, the parameters (query over a JSON
/// body's fields), the raw JSON body and the path id.
pub(crate) struct ScimCtx {
    ws: Arc<Workspace>,
    caller: Caller,
    params: Map<String, Value>,
    body: Value,
    id: Option<String>,
    scim_media_type: bool,
}

impl ScimCtx {
    fn param(&self, name: &str) -> Option<String> {
        match filter::get_ci(&self.params, name) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::Bool(b)) => Some(b.to_string()),
            _ => None,
        }
    }

    fn int_param(&self, name: &str) -> ScimResult<Option<i64>> {
        self.param(name)
            .map(|v| {
                v.trim().parse::<i64>().map_err(|_| {
                    ScimError::bad_request("invalidValue", format!("{name} must be an integer"))
                })
            })
            .transpose()
    }

    fn ok(&self, status: StatusCode, body: &Value) -> Response {
        respond(status, body, self.scim_media_type)
    }

    fn require_admin(&self) -> ScimResult<()> {
        if self.caller.is_admin() {
            Ok(())
        } else {
            Err(ScimError::forbidden(format!(
                "Only workspace admins can change users, groups and service principals; {} is \
                 not an admin.",
                self.caller.user_name()
            )))
        }
    }

    fn path_id(&self) -> &str {
        self.id.as_deref().unwrap_or_default()
    }

    fn projection(&self) -> ScimResult<Projection> {
        let bad = |e: String| ScimError::bad_request("invalidValue", e);
        let attributes =
            filter::attribute_list(self.param("attributes").as_deref()).map_err(bad)?;
        let excluded =
            filter::attribute_list(self.param("excludedAttributes").as_deref()).map_err(bad)?;
        Ok((attributes, excluded))
    }
}

impl FromRequest<AppState> for ScimCtx {
    type Rejection = ScimError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body): (_, Body) = req.into_parts();
        let id = match RawPathParams::from_request_parts(&mut parts, state).await {
            Ok(raw) => raw
                .iter()
                .find(|(k, _)| *k == "id")
                .map(|(_, v)| v.to_owned()),
            Err(_) => None,
        };
        let caller = parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| ScimError::new(StatusCode::UNAUTHORIZED, None, "Unauthenticated"))?;
        let scim_media_type = parts
            .headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/scim+json"));
        let bytes = read_body(&parts.headers, body, state.config.max_body_bytes).await?;
        let body = parse_body(&bytes)?;
        let mut params = match &body {
            Value::Object(map) if parts.method == http::Method::GET => map.clone(),
            _ => Map::new(),
        };
        if let Some(query) = parts.uri.query() {
            for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
                params.insert(k.into_owned(), Value::String(v.into_owned()));
            }
        }
        Ok(Self {
            ws: state.clone(),
            caller,
            params,
            body,
            id,
            scim_media_type,
        })
    }
}

fn parse_body(bytes: &[u8]) -> ScimResult<Value> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| ScimError::bad_request("invalidSyntax", "The request body is not UTF-8"))?;
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(v @ (Value::Object(_) | Value::Null)) => Ok(v),
        Ok(_) => Err(ScimError::bad_request(
            "invalidSyntax",
            "The request body must be a JSON object",
        )),
        Err(e) => Err(ScimError::bad_request(
            "invalidSyntax",
            format!("Invalid JSON in the request body: {e}"),
        )),
    }
}

/// Routes of the SCIM API.
pub(crate) fn routes() -> Router<AppState> {
    let mut router = Router::new().route(&format!("{BASE}/Me"), get(me));
    for kind in [Kind::User, Kind::Group, Kind::ServicePrincipal] {
        router = router
            .route(
                &format!("{BASE}/{}", kind.collection()),
                get(move |ctx: ScimCtx| list(ctx, kind))
                    .post(move |ctx: ScimCtx| create(ctx, kind)),
            )
            .route(
                &format!("{BASE}/{}/{{id}}", kind.collection()),
                get(move |ctx: ScimCtx| get_one(ctx, kind))
                    .put(move |ctx: ScimCtx| replace(ctx, kind))
                    .patch(move |ctx: ScimCtx| patch(ctx, kind))
                    .delete(move |ctx: ScimCtx| delete(ctx, kind)),
            );
    }
    router
}

/// The rendered resource with this id, or 404.
fn render_one(identity: &Identity, kind: Kind, id: &str) -> ScimResult<Value> {
    let not_found = || ScimError::not_found(format!("{} {id} not found.", kind.noun()));
    let numeric: i64 = id.parse().map_err(|_| not_found())?;
    match kind.principal_kind() {
        Some(pk) => {
            let p = identity
                .by_id(numeric)
                .filter(|p| p.kind == pk)
                .ok_or_else(not_found)?;
            Ok(match pk {
                PrincipalKind::User => render::user(identity, p),
                PrincipalKind::ServicePrincipal => render::service_principal(identity, p),
            })
        }
        None => identity
            .group_by_id(numeric)
            .map(|g| render::group(identity, g))
            .ok_or_else(not_found),
    }
}

/// Every resource of a kind, rendered, in creation order.
fn render_all(identity: &Identity, kind: Kind) -> Vec<Value> {
    match kind {
        Kind::User => identity
            .principals
            .iter()
            .filter(|p| p.kind == PrincipalKind::User)
            .map(|p| render::user(identity, p))
            .collect(),
        Kind::ServicePrincipal => identity
            .principals
            .iter()
            .filter(|p| p.kind == PrincipalKind::ServicePrincipal)
            .map(|p| render::service_principal(identity, p))
            .collect(),
        Kind::Group => identity
            .groups
            .iter()
            .map(|g| render::group(identity, g))
            .collect(),
    }
}

async fn list(ctx: ScimCtx, kind: Kind) -> ScimResult {
    let invalid_filter = |e: String| ScimError::bad_request("invalidFilter", e);
    let parsed = ctx
        .param("filter")
        .filter(|f| !f.trim().is_empty())
        .map(|f| filter::parse(&f))
        .transpose()
        .map_err(invalid_filter)?;
    let (attributes, excluded) = ctx.projection()?;
    let sort_by = ctx
        .param("sortBy")
        .filter(|s| !s.trim().is_empty())
        .map(|s| filter::parse_attr_path(s.trim()))
        .transpose()
        .map_err(|e| ScimError::bad_request("invalidValue", e))?;
    let descending = match ctx
        .param("sortOrder")
        .as_deref()
        .map(str::to_ascii_lowercase)
    {
        None => false,
        Some(order) if order == "ascending" || order.is_empty() => false,
        Some(order) if order == "descending" => true,
        Some(other) => {
            return Err(ScimError::bad_request(
                "invalidValue",
                format!("sortOrder must be ascending or descending, not {other}"),
            ));
        }
    };
    let start_index = ctx.int_param("startIndex")?.unwrap_or(1).max(1);
    let count = ctx.int_param("count")?.map_or(MAX_COUNT, |c| {
        usize::try_from(c.max(0)).unwrap_or(0).min(MAX_COUNT)
    });

    let mut resources = ctx.ws.read(|s| render_all(&s.identity, kind));
    if let Some(f) = &parsed {
        let mut kept = Vec::with_capacity(resources.len());
        for r in resources {
            if f.matches(&r).map_err(invalid_filter)? {
                kept.push(r);
            }
        }
        resources = kept;
    }
    if let Some(path) = &sort_by {
        filter::sort(&mut resources, path, descending);
    }
    let total = resources.len();
    let skip = usize::try_from(start_index - 1).unwrap_or(usize::MAX);
    let page: Vec<Value> = resources
        .into_iter()
        .skip(skip)
        .take(count)
        .map(|r| filter::project(r, &attributes, &excluded))
        .collect();
    let mut body = json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start_index,
        "itemsPerPage": page.len(),
    });
    if !page.is_empty() {
        body["Resources"] = Value::Array(page);
    }
    Ok(ctx.ok(StatusCode::OK, &body))
}

async fn get_one(ctx: ScimCtx, kind: Kind) -> ScimResult {
    let (attributes, excluded) = ctx.projection()?;
    let resource = ctx
        .ws
        .read(|s| render_one(&s.identity, kind, ctx.path_id()))?;
    Ok(ctx.ok(
        StatusCode::OK,
        &filter::project(resource, &attributes, &excluded),
    ))
}

async fn me(ctx: ScimCtx) -> ScimResult {
    let (attributes, excluded) = ctx.projection()?;
    let id = ctx.caller.id();
    let resource = ctx
        .ws
        .read(|s| s.identity.by_id(id).map(|p| render::user(&s.identity, p)))
        .ok_or_else(|| ScimError::not_found(format!("User {id} not found.")))?;
    Ok(ctx.ok(
        StatusCode::OK,
        &filter::project(resource, &attributes, &excluded),
    ))
}

fn body_object(ctx: &ScimCtx) -> ScimResult<&Map<String, Value>> {
    ctx.body.as_object().ok_or_else(|| {
        ScimError::bad_request("invalidSyntax", "The request needs a JSON object body")
    })
}

async fn create(ctx: ScimCtx, kind: Kind) -> ScimResult {
    ctx.require_admin()?;
    let body = body_object(&ctx)?;
    let id = ctx.ws.update_with(|s| {
        let mut draft = s.identity.clone();
        draft.ensure_builtin_groups();
        let id = write::create(&mut draft, &mut s.rng, kind, body)?;
        s.identity = draft;
        if let Some(principal) = s.identity.by_id(id) {
            let now = ctx.ws.clock.now_ms();
            s.workspace_objects
                .ensure_home(&principal.user_name, now, &mut s.rng);
        }
        Ok(id)
    })?;
    let resource = ctx
        .ws
        .read(|s| render_one(&s.identity, kind, &id.to_string()))?;
    let mut response = ctx.ok(StatusCode::CREATED, &resource);
    let location = format!("{}{BASE}/{}/{id}", ctx.ws.url(), kind.collection());
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

async fn replace(ctx: ScimCtx, kind: Kind) -> ScimResult {
    ctx.require_admin()?;
    let body = body_object(&ctx)?;
    let id = ctx.path_id().to_owned();
    let resource = ctx.ws.update_with(|s| {
        render_one(&s.identity, kind, &id)?;
        let mut draft = s.identity.clone();
        draft.ensure_builtin_groups();
        write::replace(&mut draft, kind, &id, body)?;
        s.identity = draft;
        render_one(&s.identity, kind, &id)
    })?;
    Ok(ctx.ok(StatusCode::OK, &resource))
}

async fn patch(ctx: ScimCtx, kind: Kind) -> ScimResult {
    ctx.require_admin()?;
    let body = body_object(&ctx)?;
    let id = ctx.path_id().to_owned();
    let resource = ctx.ws.update_with(|s| {
        render_one(&s.identity, kind, &id)?;
        let mut draft = s.identity.clone();
        draft.ensure_builtin_groups();
        write::patch(&mut draft, kind, &id, body)?;
        s.identity = draft;
        render_one(&s.identity, kind, &id)
    })?;
    Ok(ctx.ok(StatusCode::OK, &resource))
}

async fn delete(ctx: ScimCtx, kind: Kind) -> ScimResult {
    ctx.require_admin()?;
    let id = ctx.path_id().to_owned();
    ctx.ws.update_with(|s| {
        render_one(&s.identity, kind, &id)?;
        write::delete(&mut s.identity, kind, &id)
    })?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `Workspace::update` for SCIM errors: the change is kept only when `f` succeeds.
trait UpdateWith {
    fn update_with<T>(
        &self,
        f: impl FnOnce(&mut crate::state::State) -> ScimResult<T>,
    ) -> ScimResult<T>;
}

impl UpdateWith for Workspace {
    fn update_with<T>(
        &self,
        f: impl FnOnce(&mut crate::state::State) -> ScimResult<T>,
    ) -> ScimResult<T> {
        let mut outcome = None;
        let result = self.update(|s| match f(s) {
            Ok(v) => Ok(v),
            Err(e) => {
                outcome = Some(e);
                Err(ApiError::bad_request("scim"))
            }
        });
        match (result, outcome) {
            (Ok(v), _) => Ok(v),
            (Err(_), Some(e)) => Err(e),
            (Err(e), None) => Err(e.into()),
        }
    }
}
