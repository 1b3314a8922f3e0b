//! Authentication: every `/api/` and `/__emulator/` request needs `Authorization: Bearer <token>`
//! with a configured token, a live personal access token or a live OAuth access token.
//! The caller's identity is attached to the request for handlers ([`Caller`]).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, header};

use crate::error::ApiError;
use crate::identity::{ADMINS_GROUP, Principal, USERS_GROUP};
use crate::workspace::{AppState, Workspace};

/// One day in milliseconds (token `last_used_day` precision).
const DAY_MS: i64 = 86_400_000;

/// The authenticated principal of a request.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    /// The principal.
    pub(crate) principal: Principal,
    /// Every group the principal belongs to, directly or through nested groups (`users`
    /// included), resolved when the request was authenticated.
    pub(crate) groups: Vec<String>,
}

impl Caller {
    /// The caller `principal`, with its group memberships resolved through nesting.
    pub(crate) fn resolve(identity: &crate::identity::Identity, principal: &Principal) -> Self {
        Self {
            principal: principal.clone(),
            groups: identity.effective_groups(principal),
        }
    }

    /// Numeric id.
    pub(crate) fn id(&self) -> i64 {
        self.principal.id
    }

    /// User name (or application id).
    pub(crate) fn user_name(&self) -> &str {
        &self.principal.user_name
    }

    /// Whether the caller is a workspace admin.
    pub(crate) fn is_admin(&self) -> bool {
        self.principal.is_admin() || self.groups.iter().any(|g| g == ADMINS_GROUP)
    }

    /// Whether an ACL entry for `principal` (user, service principal or group name) applies to
    /// the caller.
    pub(crate) fn is(&self, principal: &str) -> bool {
        principal == self.principal.user_name
            || principal == USERS_GROUP
            || self.groups.iter().any(|g| g == principal)
    }

    /// Fails with `PERMISSION_DENIED` unless the caller is an admin.
    pub(crate) fn require_admin(&self) -> Result<(), ApiError> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ApiError::permission_denied(format!(
                "Only workspace admins ({ADMINS_GROUP}) can use this API; {} is not an admin.",
                self.user_name()
            )))
        }
    }
}

/// Whether a path needs authentication.
fn needs_auth(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || crate::admin::is_admin_path(path)
}

/// The bearer token of a request, if it sent one.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// Resolves a bearer token to the caller.
pub(crate) fn authenticate(ws: &Workspace, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let token = bearer(headers).ok_or_else(|| {
        ApiError::unauthenticated(
            "Credential was not sent or was of an unsupported type for this API.",
        )
    })?;
    let now = ws.clock.now_ms();
    let invalid = || ApiError::unauthenticated("Invalid access token.");

    if let Some(boot) = ws
        .config
        .bootstrap_tokens
        .iter()
        .find(|b| crate::ids::constant_time_eq(&b.value, token))
    {
        return ws
            .read(|s| {
                s.identity
                    .by_name(&boot.user_name)
                    .map(|p| Caller::resolve(&s.identity, p))
            })
            .ok_or_else(invalid);
    }

    enum Found {
        Pat {
            id: String,
            owner: i64,
            stale_day: bool,
        },
        OAuth {
            owner: i64,
        },
        Expired,
    }
    let found = ws.read(|s| {
        if let Some(t) = s.tokens.by_value(token) {
            if t.is_expired(now) {
                return Some(Found::Expired);
            }
            let today = now - now.rem_euclid(DAY_MS);
            return Some(Found::Pat {
                id: t.token_id.clone(),
                owner: t.owner_id,
                stale_day: t.last_used_day != Some(today),
            });
        }
        s.oauth
            .tokens
            .iter()
            .find(|(value, _)| crate::ids::constant_time_eq(value, token))
            .map(|(_, t)| {
                if now >= t.expires_at_ms {
                    Found::Expired
                } else {
                    Found::OAuth {
                        owner: t.principal_id,
                    }
                }
            })
    });
    let owner = match found {
        None => return Err(invalid()),
        Some(Found::Expired) => {
            return Err(ApiError::unauthenticated(
                "Invalid access token: the token has expired.",
            ));
        }
        Some(Found::Pat {
            id,
            owner,
            stale_day,
        }) => {
            if stale_day {
                let today = now - now.rem_euclid(DAY_MS);
                ws.write(|s| s.tokens.touch(&id, today));
            }
            owner
        }
        Some(Found::OAuth { owner }) => owner,
    };
    ws.read(|s| {
        s.identity
            .by_id(owner)
            .map(|p| Caller::resolve(&s.identity, p))
    })
    .ok_or_else(invalid)
}

/// Middleware: authenticates `/api/` and `/__emulator/` requests and attaches the [`Caller`].
pub(crate) async fn middleware(
    State(ws): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if !needs_auth(req.uri().path()) {
        return next.run(req).await;
    }
    match authenticate(&ws, req.headers()) {
        Ok(caller) => {
            req.extensions_mut().insert(caller);
            next.run(req).await
        }
        Err(err) => err.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn bearer_parsing() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer abc"),
        );
        assert_eq!(bearer(&h), Some("abc"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer  xyz "),
        );
        assert_eq!(bearer(&h), Some("xyz"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&h), None);
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer "));
        assert_eq!(bearer(&h), None);
    }

    #[test]
    fn paths_needing_auth() {
        assert!(needs_auth("/api/2.0/token/list"));
        assert!(needs_auth("/__emulator/faults"));
        assert!(!needs_auth("/oidc/v1/token"));
        assert!(!needs_auth("/apix"));
    }
}
