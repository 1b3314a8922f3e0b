//! OAuth machine-to-machine: the workspace OIDC discovery document, the client-credentials
//! token endpoint, and the host metadata document SDKs read at start-up. Issued access tokens authenticate `/api/` calls until they expire, as the
//! OAuth client's service principal (a workspace admin).

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::request::read_body;
use crate::workspace::{AppState, Workspace};

/// The scope issued when the client asks for none.
const DEFAULT_SCOPE: &str = "all-apis";

/// An issued OAuth access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct OAuthToken {
    /// The client it was issued to.
    pub(crate) client_id: String,
    /// The client's service principal id.
    pub(crate) principal_id: i64,
    /// Epoch ms after which it no longer authenticates.
    pub(crate) expires_at_ms: i64,
}

/// Issued OAuth access tokens, by value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct OAuthState {
    /// Tokens by access-token value.
    pub(crate) tokens: BTreeMap<String, OAuthToken>,
}

/// Routes of the OIDC endpoints (not under `/api/`, so no bearer token is needed).
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/oidc/.well-known/oauth-authorization-server",
            get(discovery),
        )
        .route("/oidc/v1/token", post(token))
        .route("/.well-known/databricks-config", get(host_metadata))
}

/// The base URL clients used to reach us (from `Host`), falling back to the bound address.
fn base_url(ws: &Workspace, headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty())
        .map(|h| format!("http://{h}"))
        .unwrap_or_else(|| ws.url())
}

async fn discovery(State(ws): State<AppState>, headers: HeaderMap) -> Response {
    let base = base_url(&ws, &headers);
    axum::Json(json!({
        "issuer": format!("{base}/oidc"),
        "authorization_endpoint": format!("{base}/oidc/v1/authorize"),
        "token_endpoint": format!("{base}/oidc/v1/token"),
        "jwks_uri": format!("{base}/oidc/v1/keys"),
        "grant_types_supported": ["client_credentials", "authorization_code", "refresh_token"],
        "response_types_supported": ["code"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "scopes_supported": ["all-apis", "offline_access"],
        "code_challenge_methods_supported": ["S256"],
    }))
    .into_response()
}

/// Host metadata the current SDKs probe at start-up (`/.well-known/databricks-config`).
async fn host_metadata(State(ws): State<AppState>, headers: HeaderMap) -> Response {
    let base = base_url(&ws, &headers);
    let workspace_id = ws.read(|s| s.workspace_id);
    axum::Json(json!({
        "oidc_endpoint": format!("{base}/oidc"),
        "workspace_id": workspace_id.to_string(),
        "cloud": "AWS",
    }))
    .into_response()
}

/// An OAuth error (`{"error", "error_description"}`, RFC 6749 section 5.2).
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let mut response = (
        status,
        axum::Json(json!({ "error": error, "error_description": description })),
    )
        .into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            http::HeaderValue::from_static("Basic realm=\"oidc\""),
        );
    }
    response
}

/// `client_id:client_secret` from HTTP Basic auth.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// Whether a sent credential equals the configured one, raw or form-decoded (RFC 6749 2.3.1
/// form-encodes Basic credentials; many clients do not).
fn same_credential(configured: &str, sent: &str) -> bool {
    configured == sent
        || url::form_urlencoded::parse(format!("v={sent}").as_bytes())
            .next()
            .is_some_and(|(_, decoded)| decoded == configured)
}

async fn token(State(ws): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let bytes = match read_body(&headers, body, ws.config.max_body_bytes).await {
        Ok(bytes) => bytes,
        Err(err) => return err.into_response(),
    };
    let form: BTreeMap<String, String> = url::form_urlencoded::parse(&bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let credentials = basic_credentials(&headers).or_else(|| {
        Some((
            form.get("client_id")?.clone(),
            form.get("client_secret")?.clone(),
        ))
    });
    let Some((client_id, client_secret)) = credentials else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed: no client credentials were sent.",
        );
    };
    let client = ws
        .config
        .oauth_clients
        .iter()
        .find(|c| same_credential(&c.id, &client_id) && same_credential(&c.secret, &client_secret))
        .map(|c| c.id.clone());
    let Some(client_id) = client else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed: unknown client or wrong secret.",
        );
    };
    match form.get("grant_type").map(String::as_str) {
        Some("client_credentials") => {}
        Some(other) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                &format!("Grant type '{other}' is not supported; use client_credentials."),
            );
        }
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Missing grant_type.",
            );
        }
    }
    let scope = form
        .get("scope")
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .unwrap_or_else(|| DEFAULT_SCOPE.to_owned());
    let lifetime = ws.config.oauth_token_lifetime;
    let now = ws.clock.now_ms();
    let expires_at_ms = now.saturating_add(i64::try_from(lifetime.as_millis()).unwrap_or(i64::MAX));
    let issuer = format!("{}/oidc", base_url(&ws, &headers));
    let access_token = ws.write(|s| {
        s.oauth.tokens.retain(|_, t| t.expires_at_ms > now);
        let principal_id = s
            .identity
            .by_name(&client_id)
            .map(|p| p.id)
            .unwrap_or_default();
        let claims = json!({
            "iss": issuer,
            "sub": client_id,
            "aud": client_id,
            "client_id": client_id,
            "scope": scope,
            "iat": now / 1000,
            "exp": expires_at_ms / 1000,
            "jti": s.rng.hex(32),
        });
        let value = pseudo_jwt(&claims, &s.rng.hex(64));
        s.oauth.tokens.insert(
            value.clone(),
            OAuthToken {
                client_id: client_id.clone(),
                principal_id,
                expires_at_ms,
            },
        );
        value
    });
    let mut response = axum::Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": lifetime.as_secs(),
        "scope": scope,
    }))
    .into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    response
}

/// A JWT-shaped token (header.claims.signature, base64url) like the real service issues. The
/// signature is random: the emulator looks tokens up, it never verifies them.
fn pseudo_jwt(claims: &serde_json::Value, signature: &str) -> String {
    let header = json!({ "alg": "RS256", "kid": "emulator", "typ": "at+jwt" });
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn basic_auth() {
        let mut h = HeaderMap::new();
        let encoded = STANDARD.encode("my-id:s3cr%3At");
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Basic {encoded}")).unwrap(),
        );
        let (id, secret) = basic_credentials(&h).unwrap();
        assert_eq!(id, "my-id");
        assert!(same_credential("s3cr:t", &secret));
        assert!(same_credential("s3cr%3At", &secret));
        assert!(!same_credential("other", &secret));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic !!!"));
        assert_eq!(basic_credentials(&h), None);
    }

    #[test]
    fn jwt_shape() {
        let t = pseudo_jwt(&json!({ "a": 1 }), "sig");
        assert_eq!(t.split('.').count(), 3);
        assert!(t.starts_with("eyJ"));
    }
}
