//! Types of the Token API (`/api/2.0/token/`): a user's own personal access tokens.

use std::fmt;

use databricks_core::{SecretString, Timestamp};
use serde::{Deserialize, Deserializer, Serialize};

use databricks_core::open_enum;

/// The opaque ID of a personal access token (64 hex characters, the SHA-256 of the token).
///
/// It identifies a token for [`delete`](crate::TokensApi::delete) and
/// [`update`](crate::TokensApi::update); it is not the secret itself.
///
/// ```
/// use databricks_tokens::TokenId;
///
/// let id = TokenId::from("3f9c2a7e");
/// assert_eq!(id.as_str(), "3f9c2a7e");
/// assert_eq!(id.to_string(), "3f9c2a7e");
/// assert_eq!(serde_json::to_string(&id).unwrap(), "\"3f9c2a7e\"");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TokenId(String);

impl TokenId {
    /// Wraps a token ID.
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// The ID as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Unwraps the ID.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Display for TokenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for TokenId {
    fn from(id: String) -> Self {
        Self(id)
    }
}

impl From<&str> for TokenId {
    fn from(id: &str) -> Self {
        Self(id.to_owned())
    }
}

impl From<&String> for TokenId {
    fn from(id: &String) -> Self {
        Self(id.clone())
    }
}

impl From<&TokenId> for TokenId {
    fn from(id: &TokenId) -> Self {
        id.clone()
    }
}

impl From<TokenId> for String {
    fn from(id: TokenId) -> Self {
        id.0
    }
}

impl AsRef<str> for TokenId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

open_enum! {
    /// How far automatic scoping of a token has progressed (`autoscope_state`).
    pub enum AutoscopeState {
        /// `AUTOSCOPE_STATE_API_NOT_COVERED`
        ApiNotCovered = "AUTOSCOPE_STATE_API_NOT_COVERED",
        /// `AUTOSCOPE_STATE_BACKFILLED`
        Backfilled = "AUTOSCOPE_STATE_BACKFILLED",
        /// `AUTOSCOPE_STATE_COMPLETED`
        Completed = "AUTOSCOPE_STATE_COMPLETED",
        /// `AUTOSCOPE_STATE_DISABLED`
        Disabled = "AUTOSCOPE_STATE_DISABLED",
        /// `AUTOSCOPE_STATE_RUNNING`
        Running = "AUTOSCOPE_STATE_RUNNING",
        /// `AUTOSCOPE_STATE_USER_SELECTED`
        UserSelected = "AUTOSCOPE_STATE_USER_SELECTED",
    }
}

/// The `expiry_time` the service sends for a token that never expires.
pub const NO_EXPIRY: Timestamp = Timestamp::from_millis(-1);

/// Body of `POST /api/2.0/token/create`. Every field is optional.
///
/// ```
/// use databricks_tokens::CreateTokenRequest;
///
/// let request = CreateTokenRequest {
///     comment: Some("ci-pipeline".into()),
///     lifetime_seconds: Some(90 * 24 * 3600),
///     ..Default::default()
/// };
/// assert_eq!(
///     serde_json::to_value(&request).unwrap(),
///     serde_json::json!({ "comment": "ci-pipeline", "lifetime_seconds": 7776000 }),
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateTokenRequest {
    /// Free-text description shown in the UI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Lifetime in seconds. When omitted the service applies its default (no expiry on older
    /// workspaces, two years on current ones), capped by the workspace's `maxTokenLifetimeDays`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_seconds: Option<i64>,
    /// API scopes restricting what the token may call. Empty means unrestricted (not sent).
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

impl CreateTokenRequest {
    /// A request with every field unset (service defaults).
    pub fn new() -> Self {
        Self::default()
    }
}

/// Response of `POST /api/2.0/token/create`: the new token's secret value and its metadata.
///
/// The value is returned only once. It is a [`SecretString`]: `Debug` never shows it, and it
/// is read with [`ExposeSecret::expose_secret`](databricks_core::ExposeSecret::expose_secret).
/// This type deliberately does not implement `Serialize`.
///
/// ```
/// use databricks_core::ExposeSecret;
/// use databricks_tokens::CreateTokenResponse;
///
/// let body = r#"{ "token_value": "dapi0123", "token_info": { "token_id": "3f9c" } }"#;
/// let created: CreateTokenResponse = serde_json::from_str(body).unwrap();
/// assert_eq!(created.token_value.expose_secret(), "dapi0123");
/// assert_eq!(created.token_info.token_id.as_str(), "3f9c");
/// assert!(!format!("{created:?}").contains("dapi0123"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CreateTokenResponse {
    /// The secret token (`dapi...`). Empty only if the service omitted it.
    #[serde(default, deserialize_with = "deserialize_secret")]
    pub token_value: SecretString,
    /// Metadata of the new token.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub token_info: PublicTokenInfo,
}

/// Metadata of one of the caller's tokens (items of `GET /api/2.0/token/list`). Never
/// contains the secret.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicTokenInfo {
    /// The token's ID, used by delete and update.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub token_id: TokenId,
    /// Comment given at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// When the token was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_time: Option<Timestamp>,
    /// When the token expires; [`NO_EXPIRY`] (-1) when it never does. See
    /// [`expires_at`](Self::expires_at).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_time: Option<Timestamp>,
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

impl PublicTokenInfo {
    /// The expiry time, or `None` when the token never expires (or none was reported).
    ///
    /// ```
    /// use databricks_tokens::PublicTokenInfo;
    ///
    /// let info: PublicTokenInfo = serde_json::from_str(r#"{ "expiry_time": -1 }"#).unwrap();
    /// assert_eq!(info.expires_at(), None);
    /// ```
    pub fn expires_at(&self) -> Option<Timestamp> {
        expires_at(self.expiry_time)
    }
}

/// The fields of a token that an update can change. Only the fields named in the request's
/// `update_mask` are applied; unset fields are not sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenUpdate {
    /// New comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// New scopes (`Some(vec![])` clears them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
}

/// Request of `PATCH /api/2.0/token/{token_id}`: change the comment or scopes of one of the
/// caller's tokens.
///
/// The `with_*` helpers set a field and add it to `update_mask`:
///
/// ```
/// use databricks_tokens::UpdateTokenRequest;
///
/// let request = UpdateTokenRequest::new("3f9c").with_comment("ci-pipeline (rotated)");
/// assert_eq!(request.update_mask, "comment");
/// assert_eq!(
///     serde_json::to_value(&request).unwrap(),
///     serde_json::json!({ "token": { "comment": "ci-pipeline (rotated)" }, "update_mask": "comment" }),
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateTokenRequest {
    /// The token to update (sent in the path, not the body).
    #[serde(skip)]
    pub token_id: TokenId,
    /// The new values.
    pub token: TokenUpdate,
    /// Comma-separated names of the fields of `token` to apply (`comment,scopes`; `*` = all).
    pub update_mask: String,
}

impl UpdateTokenRequest {
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

pub(crate) fn add_to_mask(mask: &mut String, field: &str) {
    if mask.split(',').any(|f| f == field || f == "*") {
        return;
    }
    if !mask.is_empty() {
        mask.push(',');
    }
    mask.push_str(field);
}

pub(crate) fn expires_at(expiry_time: Option<Timestamp>) -> Option<Timestamp> {
    expiry_time.filter(|t| t.as_millis() >= 0)
}

pub(crate) fn deserialize_secret<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<SecretString, D::Error> {
    let value: Option<String> = Option::deserialize(deserializer)?;
    Ok(SecretString::from(value.unwrap_or_default()))
}
