//! The route table: every family's routes, the 404 for unknown endpoints, and the middleware
//! stack (request log, then faults, then auth, then the handler).

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use http::HeaderValue;

use crate::error::ApiError;
use crate::workspace::AppState;
use crate::{admin, auth, faults, oauth, request_log, secrets, token_management, tokens};

/// Builds the application. A new API family adds its `routes()` here.
pub(crate) fn build(ws: AppState) -> Router {
    Router::new()
        .merge(tokens::routes())
        .merge(token_management::routes())
        .merge(secrets::routes())
        .merge(crate::scim::routes())
        .merge(crate::groups::routes())
        .merge(crate::dbfs::routes())
        .merge(crate::files::routes())
        .merge(crate::workspace_api::routes())
        .merge(crate::clusters::routes())
        .merge(crate::libraries::routes())
        .merge(crate::instance_profiles::routes())
        .merge(crate::jobs::routes())
        .merge(oauth::routes())
        .merge(admin::routes())
        .fallback(endpoint_not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(ws.clone(), auth::middleware))
        .layer(from_fn_with_state(ws.clone(), faults::middleware))
        .layer(from_fn_with_state(ws.clone(), request_log::middleware))
        .layer(from_fn_with_state(ws.clone(), org_id_header))
        .with_state(ws)
}

/// Every workspace response names the workspace in `x-databricks-org-id` (SDKs read it, e.g.
/// to build SQL warehouse HTTP paths).
async fn org_id_header(State(ws): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let org_id = ws.read(|s| s.workspace_id);
    if let Ok(value) = HeaderValue::from_str(&org_id.to_string()) {
        response.headers_mut().insert("x-databricks-org-id", value);
    }
    response
}

/// Unknown path: 404 `ENDPOINT_NOT_FOUND` ("No API found for 'GET /x'").
async fn endpoint_not_found(req: Request) -> Response {
    ApiError::endpoint_not_found(req.method().as_str(), req.uri().path()).into_response()
}

/// A known path with the wrong method: HTTP 405, with the body the service sends for it
/// (`ENDPOINT_NOT_FOUND`, "No API found for 'GET /x'": it routes on method and path together),
/// so clients that branch on `error_code` see what they would see against a workspace.
async fn method_not_allowed(req: Request) -> Response {
    let mut response =
        ApiError::endpoint_not_found(req.method().as_str(), req.uri().path()).into_response();
    *response.status_mut() = http::StatusCode::METHOD_NOT_ALLOWED;
    response
}
