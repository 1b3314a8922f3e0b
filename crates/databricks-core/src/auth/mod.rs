//! Credential providers: a personal access token, or OAuth machine-to-machine.

mod oauth;

use std::sync::Arc;

use http::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

use crate::config::{AuthType, Credentials};
use crate::error::{AuthError, Result};
use crate::transport::Transport;

pub(crate) use oauth::OAuthM2m;

/// Supplies the `Authorization` header of each attempt.
#[derive(Debug)]
pub(crate) enum AuthProvider {
    /// `Authorization: Bearer <pat>`, fixed.
    Pat(HeaderValue),
    /// OAuth client credentials, token cached and refreshed.
    OAuthM2m(Box<OAuthM2m>),
}

impl AuthProvider {
    /// Builds the provider for `credentials` against `host`.
    pub(crate) fn new(
        credentials: &Credentials,
        host: &url::Url,
        transport: Arc<Transport>,
    ) -> Result<Self> {
        match credentials {
            Credentials::Pat { token } => Ok(AuthProvider::Pat(bearer(token, AuthType::Pat)?)),
            Credentials::OAuthM2m {
                client_id,
                client_secret,
            } => Ok(AuthProvider::OAuthM2m(Box::new(OAuthM2m::new(
                host.clone(),
                client_id.clone(),
                client_secret.clone(),
                transport,
            )))),
        }
    }

    /// The header value for the next attempt (marked sensitive so hyper never logs it).
    pub(crate) async fn authorization(&self) -> Result<HeaderValue> {
        match self {
            AuthProvider::Pat(v) => Ok(v.clone()),
            AuthProvider::OAuthM2m(o) => o.authorization().await,
        }
    }

    /// Whether a 401 may be cured by fetching fresh credentials.
    pub(crate) fn can_refresh(&self) -> bool {
        matches!(self, AuthProvider::OAuthM2m(_))
    }

    /// Drops cached credentials so that the next call fetches new ones.
    pub(crate) async fn invalidate(&self) {
        if let AuthProvider::OAuthM2m(o) = self {
            o.invalidate().await;
        }
    }
}

/// `Bearer <token>` as a sensitive header value.
pub(crate) fn bearer(token: &SecretString, auth_type: AuthType) -> Result<HeaderValue> {
    let mut value =
        HeaderValue::from_str(&format!("Bearer {}", token.expose_secret())).map_err(|_| {
            AuthError::new(
                auth_type.as_str(),
                "the token contains characters that are not allowed in an HTTP header",
            )
        })?;
    value.set_sensitive(true);
    Ok(value)
}
