//! Types of the Token Management API (`/api/2.0/token-management/`): workspace admins
//! managing everyone's tokens.

use databricks_core::{SecretString, Timestamp};
use serde::{Deserialize, Serialize};

use super::tokens::{
    AutoscopeState, TokenId, TokenUpdate, add_to_mask, deserialize_secret, expires_at,
};

/// Filters of `GET /api/2.0/token-management/tokens` (query parameters). Unset filters are
/// not sent; with none set, every token of the workspace is listed.
///
/// ```
/// use databricks_tokens::ListTokenManagementRequest;
///
/// let by_alice = ListTokenManagementRequest {
///     created_by_username: Some("alice@example.com".into()),
///     ..Default::default()
/// };
/// # let _ = by_alice;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListTokenManagementRequest {
    /// Only tokens created by this user ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_id: Option<i64>,
    /// Only tokens created by this user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_username: Option<String>,
}

impl ListTokenManagementRequest {
    /// No filters: every token of the workspace.
    pub fn new() -> Self {
        Self::default()
    }
}

/// A token as the Token Management API describes it (admin view, any user's token). Never
/// contains the secret.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInfo {
    /// The token's ID.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub token_id: TokenId,
    /// Comment given at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// ID of the user who created the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_id: Option<i64>,
    /// Name of the user who created the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_username: Option<String>,
    /// ID of the user or service principal that owns the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i64>,
    /// When the token was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<Timestamp>,
    /// When the token expires; [`NO_EXPIRY`](crate::NO_EXPIRY) (-1) when it never does. See
    /// [`expires_at`](Self::expires_at).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_time: Option<Timestamp>,
    /// The day the token was last used (midnight, epoch milliseconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_day: Option<Timestamp>,
    /// The workspace the token belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<i64>,
    /// API scopes the token is restricted to.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub scopes: Vec<String>,
    /// Scopes inferred from the token's use (autoscoping).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub inferred_scopes: Vec<String>,
    /// Scopes backfilled by autoscoping.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub backfill_scopes: Vec<String>,
    /// State of autoscoping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autoscope_state: Option<AutoscopeState>,
}

impl TokenInfo {
    /// The expiry time, or `None` when the token never expires (or none was reported).
    pub fn expires_at(&self) -> Option<Timestamp> {
        expires_at(self.expiry_time)
    }
}

/// Body of `POST /api/2.0/token-management/on-behalf-of/tokens`: create a token for a
/// service principal.
///
/// ```
/// use databricks_tokens::CreateOboTokenRequest;
///
/// let request = CreateOboTokenRequest {
///     lifetime_seconds: Some(3600),
///     comment: Some("deploy bot".into()),
///     ..CreateOboTokenRequest::new("9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b")
/// };
/// # let _ = request;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateOboTokenRequest {
    /// Application ID of the service principal the token is for.
    pub application_id: String,
    /// Free-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Lifetime in seconds, subject to the workspace's maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_seconds: Option<i64>,
    /// API scopes restricting the token. Empty means unrestricted (not sent).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub scopes: Vec<String>,
    /// Let the token collect inferred scopes while it is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autoscope_enabled: Option<bool>,
}

impl CreateOboTokenRequest {
    /// A request for the service principal with this application ID.
    pub fn new(application_id: impl Into<String>) -> Self {
        Self {
            application_id: application_id.into(),
            ..Self::default()
        }
    }
}

/// Response of the on-behalf-of create: the secret token and its metadata.
///
/// `Debug` never shows the value; read it with
/// [`ExposeSecret::expose_secret`](databricks_core::ExposeSecret::expose_secret). This type
/// deliberately does not implement `Serialize`.
#[non_exhaustive]
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CreateOboTokenResponse {
    /// The secret token (`dapi...`). Empty only if the service omitted it.
    #[serde(default, deserialize_with = "deserialize_secret")]
    pub token_value: SecretString,
    /// Metadata of the new token.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub token_info: TokenInfo,
}

/// Request of `PATCH /api/2.0/token-management/tokens/{token_id}`: an admin changing the
/// comment or scopes of any token.
///
/// ```
/// use databricks_tokens::UpdateTokenManagementRequest;
///
/// let request = UpdateTokenManagementRequest::new("3f9c")
///     .with_comment("owned by platform team")
///     .with_scopes(["clusters", "jobs"]);
/// assert_eq!(request.update_mask, "comment,scopes");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateTokenManagementRequest {
    /// The token to update (sent in the path, not the body).
    #[serde(skip)]
    pub token_id: TokenId,
    /// The new values.
    pub token: TokenUpdate,
    /// Comma-separated names of the fields of `token` to apply (`comment,scopes`).
    pub update_mask: String,
}

impl UpdateTokenManagementRequest {
    /// An update of `token_id` that changes nothing yet; add fields with the `with_*` helpers
    /// (or set `token` and `update_mask` directly).
    pub fn new(token_id: impl Into<TokenId>) -> Self {
        Self {
            token_id: token_id.into(),
            ..Self::default()
        }
    }

    /// Sets the comment and adds `comment` to the update mask.
    pub fn with_comment(mut self, comment: impl Into<String>) -> Self {
        self.token.comment = Some(comment.into());
        add_to_mask(&mut self.update_mask, "comment");
        self
    }

    /// Sets the scopes and adds `scopes` to the update mask.
    pub fn with_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.token.scopes = Some(scopes.into_iter().map(Into::into).collect());
        add_to_mask(&mut self.update_mask, "scopes");
        self
    }
}
