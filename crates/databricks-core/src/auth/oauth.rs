//! OAuth machine-to-machine (client credentials) against the workspace's OIDC endpoints.
//!
//! The token endpoint is discovered from `{host}/oidc/.well-known/oauth-authorization-server`.
//! Tokens are requested with `grant_type=client_credentials&scope=all-apis` and the client id
//! and secret as HTTP Basic credentials, cached, and refreshed shortly before they expire.
//! Concurrent requests that find the token stale share a single refresh.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method, header};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tokio::sync::{Mutex, RwLock};
use tokio::time::Instant;
use url::Url;

use crate::config::AuthType;
use crate::error::{AuthError, Error, Result};
use crate::transport::{Incoming, OutBody, Outgoing, Transport};

/// Refresh this long before the token's stated expiry.
const EXPIRY_MARGIN: Duration = Duration::from_secs(40);

const AUTH_TYPE: &str = "oauth-m2m";

#[derive(Debug)]
pub(crate) struct OAuthM2m {
    host: Url,
    client_id: String,
    client_secret: SecretString,
    transport: Arc<Transport>,
    cached: RwLock<Option<CachedToken>>,
    token_endpoint: Mutex<Option<Url>>,
    refresh: Mutex<()>,
}

#[derive(Debug, Clone)]
struct CachedToken {
    header: HeaderValue,
    refresh_at: Instant,
}

#[derive(Deserialize)]
struct Discovery {
    token_endpoint: String,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: SecretString,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl OAuthM2m {
    pub(crate) fn new(
        host: Url,
        client_id: String,
        client_secret: SecretString,
        transport: Arc<Transport>,
    ) -> Self {
        Self {
            host,
            client_id,
            client_secret,
            transport,
            cached: RwLock::new(None),
            token_endpoint: Mutex::new(None),
            refresh: Mutex::new(()),
        }
    }

    /// A valid `Bearer` header, refreshing the cached token when it is (nearly) expired.
    pub(crate) async fn authorization(&self) -> Result<HeaderValue> {
        if let Some(v) = self.fresh().await {
            return Ok(v);
        }
        // One refresher at a time; the others wait here and then find the new token.
        let _guard = self.refresh.lock().await;
        if let Some(v) = self.fresh().await {
            return Ok(v);
        }
        let token = self.fetch_token().await?;
        let header = token.header.clone();
        *self.cached.write().await = Some(token);
        Ok(header)
    }

    pub(crate) async fn invalidate(&self) {
        *self.cached.write().await = None;
    }

    async fn fresh(&self) -> Option<HeaderValue> {
        let cached = self.cached.read().await;
        cached
            .as_ref()
            .filter(|c| Instant::now() < c.refresh_at)
            .map(|c| c.header.clone())
    }

    /// Sends an unauthenticated request. Boxed: the transport calls back into this provider
    /// for authenticated requests, so the future types would otherwise be infinite.
    fn send<'a>(
        &'a self,
        req: &'a Outgoing,
    ) -> Pin<Box<dyn Future<Output = Result<Incoming>> + Send + 'a>> {
        Box::pin(self.transport.execute(req, None))
    }

    async fn endpoint(&self) -> Result<Url> {
        let mut slot = self.token_endpoint.lock().await;
        if let Some(url) = slot.as_ref() {
            return Ok(url.clone());
        }
        let path = "/oidc/.well-known/oauth-authorization-server";
        let url = self
            .host
            .join(path)
            .map_err(|e| auth_error(e.to_string()))?;
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let req = Outgoing {
            method: Method::GET,
            url,
            path: path.to_owned(),
            headers,
            body: OutBody::Empty,
            idempotent: true,
        };
        let resp = self.send(&req).await.map_err(|e| {
            auth_error("discovery of the OAuth token endpoint failed").with_source(e)
        })?;
        let discovery: Discovery = serde_json::from_slice(&resp.body).map_err(|e| {
            auth_error(format!(
                "the OAuth discovery document at {path} is invalid: {e}"
            ))
        })?;
        let endpoint = Url::parse(&discovery.token_endpoint)
            .or_else(|_| self.host.join(&discovery.token_endpoint))
            .map_err(|e| auth_error(format!("invalid token_endpoint in discovery: {e}")))?;
        *slot = Some(endpoint.clone());
        Ok(endpoint)
    }

    async fn fetch_token(&self) -> Result<CachedToken> {
        let url = self.endpoint().await?;
        let basic = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            self.client_id,
            self.client_secret.expose_secret()
        ));
        let mut authorization = HeaderValue::from_str(&format!("Basic {basic}"))
            .map_err(|_| auth_error("the client id or secret is not valid in an HTTP header"))?;
        authorization.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, authorization);
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let req = Outgoing {
            method: Method::POST,
            path: url.path().to_owned(),
            url,
            headers,
            body: OutBody::Bytes(Bytes::from_static(
                b"grant_type=client_credentials&scope=all-apis",
            )),
            // Asking for a token twice is harmless.
            idempotent: true,
        };
        let requested_at = Instant::now();
        let resp = self
            .send(&req)
            .await
            .map_err(|e: Error| auth_error("the OAuth token request failed").with_source(e))?;
        let token: TokenResponse = serde_json::from_slice(&resp.body)
            .map_err(|e| auth_error(format!("the OAuth token response is invalid: {e}")))?;
        if let Some(t) = token.token_type.as_deref() {
            if !t.eq_ignore_ascii_case("bearer") {
                return Err(auth_error(format!("unsupported token_type {t:?}")).into());
            }
        }
        let lifetime = Duration::from_secs(token.expires_in.unwrap_or(3600));
        let header = crate::auth::bearer(&token.access_token, AuthType::OAuthM2m)?;
        tracing::debug!(target: crate::transport::TRACE_TARGET,
            expires_in_s = lifetime.as_secs(), "obtained an OAuth access token");
        Ok(CachedToken {
            header,
            // Refresh 40 s early, or halfway through very short lifetimes.
            refresh_at: requested_at + lifetime.saturating_sub(EXPIRY_MARGIN.min(lifetime / 2)),
        })
    }
}

fn auth_error(message: impl Into<String>) -> AuthError {
    AuthError::new(AUTH_TYPE, message)
}
