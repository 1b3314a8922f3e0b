//! The API handles: [`TokensApi`] (a user's own tokens) and [`TokenManagementApi`] (admins).

use std::fmt;

use databricks_core::permissions::PermissionsApi;
use databricks_core::request::encode_path_segment;
use databricks_core::{Client, Error, Method, Result};
use serde::Deserialize;

use crate::model::{
    CreateOboTokenRequest, CreateOboTokenResponse, CreateTokenRequest, CreateTokenResponse,
    ListTokenManagementRequest, PublicTokenInfo, TokenId, TokenInfo, TokenPermissionLevel,
    TokenPermissions, TokenPermissionsDescription, TokenPermissionsRequest,
    UpdateTokenManagementRequest, UpdateTokenRequest,
};

const TOKEN_CREATE: &str = "/api/2.0/token/create";
const TOKEN_LIST: &str = "/api/2.0/token/list";
const TOKEN_DELETE: &str = "/api/2.0/token/delete";
const TOKEN_BASE: &str = "/api/2.0/token";
const MANAGEMENT_TOKENS: &str = "/api/2.0/token-management/tokens";
const MANAGEMENT_OBO: &str = "/api/2.0/token-management/on-behalf-of/tokens";
/// The tokens object lives at `/api/2.0/permissions/authorization/tokens`.
const TOKENS_OBJECT_TYPE: &str = "authorization";
const TOKENS_OBJECT_ID: &str = "tokens";

/// The Token API (`/api/2.0/token/`): create, list, update and revoke the caller's own
/// personal access tokens.
///
/// Cheap to clone; holds a clone of the [`Client`].
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::{Client, ExposeSecret};
/// use databricks_tokens::{CreateTokenRequest, TokensApi};
///
/// let tokens = TokensApi::new(Client::from_env()?);
/// let created = tokens
///     .create(CreateTokenRequest {
///         comment: Some("ci-pipeline".into()),
///         lifetime_seconds: Some(3600),
///         ..Default::default()
///     })
///     .await?;
/// let secret: &str = created.token_value.expose_secret();
/// # let _ = secret;
/// tokens.delete(&created.token_info.token_id).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct TokensApi {
    client: Client,
}

impl fmt::Debug for TokensApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokensApi").finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct ListTokensResponse<T> {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    token_infos: Vec<T>,
}

#[derive(Deserialize)]
struct GetTokenResponse {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    token_info: TokenInfo,
}

impl TokensApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `POST /api/2.0/token/create`: creates a token for the caller.
    ///
    /// The secret value is returned only here, as a [`SecretString`](databricks_core::SecretString).
    /// Not retried after the request may have reached the service (a retry could create a
    /// second token).
    ///
    /// Errors: `QUOTA_EXCEEDED` (too many tokens), `INVALID_PARAMETER_VALUE` (lifetime above
    /// the workspace maximum), `PERMISSION_DENIED` (tokens disabled for the caller).
    ///
    /// ```no_run
    /// # async fn demo(tokens: databricks_tokens::TokensApi) -> databricks_core::Result<()> {
    /// use databricks_tokens::CreateTokenRequest;
    ///
    /// let created = tokens
    ///     .create(CreateTokenRequest { comment: Some("laptop".into()), ..Default::default() })
    ///     .await?;
    /// println!("created {}", created.token_info.token_id);
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, request: CreateTokenRequest) -> Result<CreateTokenResponse> {
        self.client
            .request(Method::POST, TOKEN_CREATE)
            .json(&request)
            .idempotent(false)
            .send()
            .await
    }

    /// `GET /api/2.0/token/list`: the caller's valid tokens (metadata only, never secrets).
    /// Not paged: returns every token.
    ///
    /// ```no_run
    /// # async fn demo(tokens: databricks_tokens::TokensApi) -> databricks_core::Result<()> {
    /// for token in tokens.list().await? {
    ///     println!("{} {:?} expires {:?}", token.token_id, token.comment, token.expires_at());
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Vec<PublicTokenInfo>> {
        let response: ListTokensResponse<PublicTokenInfo> = self
            .client
            .request(Method::GET, TOKEN_LIST)
            .idempotent(true)
            .send()
            .await?;
        Ok(response.token_infos)
    }

    /// `POST /api/2.0/token/delete`: revokes one of the caller's tokens.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST` ([`Error::is_not_found`]) for an unknown ID. An empty
    /// ID is rejected before sending.
    ///
    /// ```no_run
    /// # async fn demo(tokens: databricks_tokens::TokensApi) -> databricks_core::Result<()> {
    /// for token in tokens.list().await? {
    ///     if token.comment.as_deref() == Some("laptop") {
    ///         tokens.delete(&token.token_id).await?;
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, token_id: impl Into<TokenId>) -> Result<()> {
        let token_id = token_id.into();
        require_token_id(&token_id)?;
        self.client
            .request(Method::POST, TOKEN_DELETE)
            .json(&serde_json::json!({ "token_id": token_id }))
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `PATCH /api/2.0/token/{token_id}`: changes the comment or scopes of one of the caller's
    /// tokens. Only the fields named in `update_mask` are applied.
    ///
    /// Errors: `NOT_FOUND` ([`Error::is_not_found`]) for an unknown ID,
    /// `INVALID_PARAMETER_VALUE` for a bad mask. An empty ID or mask is rejected before sending.
    ///
    /// ```no_run
    /// # async fn demo(tokens: databricks_tokens::TokensApi) -> databricks_core::Result<()> {
    /// use databricks_tokens::UpdateTokenRequest;
    ///
    /// tokens
    ///     .update(UpdateTokenRequest::new("3f9c2a7e").with_comment("ci-pipeline (rotated)"))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(&self, request: UpdateTokenRequest) -> Result<()> {
        require_token_id(&request.token_id)?;
        require_mask(&request.update_mask)?;
        let path = format!(
            "{TOKEN_BASE}/{}",
            encode_path_segment(request.token_id.as_str())
        );
        self.client
            .request(Method::PATCH, path)
            .json(&request)
            .idempotent(true)
            .send_empty()
            .await
    }
}

/// The Token Management API (`/api/2.0/token-management/`) and the token permissions
/// endpoints: workspace admins listing, inspecting, updating and revoking anyone's tokens,
/// creating tokens on behalf of service principals, and controlling who may use tokens.
///
/// Non-admin callers get `PERMISSION_DENIED` ([`Error::is_permission_denied`]).
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
/// use databricks_tokens::{ListTokenManagementRequest, TokenManagementApi};
///
/// let admin = TokenManagementApi::new(Client::from_env()?);
/// let filter = ListTokenManagementRequest {
///     created_by_username: Some("alice@example.com".into()),
///     ..Default::default()
/// };
/// for token in admin.list(filter).await? {
///     admin.delete(&token.token_id).await?;
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct TokenManagementApi {
    client: Client,
}

impl fmt::Debug for TokenManagementApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenManagementApi").finish_non_exhaustive()
    }
}

impl TokenManagementApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `GET /api/2.0/token-management/tokens`: every token in the workspace, optionally
    /// filtered by creator. Not paged.
    ///
    /// ```no_run
    /// # async fn demo(admin: databricks_tokens::TokenManagementApi) -> databricks_core::Result<()> {
    /// let all = admin.list(Default::default()).await?;
    /// println!("{} tokens", all.len());
    /// # Ok(()) }
    /// ```
    pub async fn list(&self, request: ListTokenManagementRequest) -> Result<Vec<TokenInfo>> {
        let response: ListTokensResponse<TokenInfo> = self
            .client
            .request(Method::GET, MANAGEMENT_TOKENS)
            .query_opt("created_by_id", request.created_by_id)
            .query_opt("created_by_username", request.created_by_username)
            .idempotent(true)
            .send()
            .await?;
        Ok(response.token_infos)
    }

    /// `GET /api/2.0/token-management/tokens/{token_id}`: one token.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST` ([`Error::is_not_found`]).
    ///
    /// ```no_run
    /// # async fn demo(admin: databricks_tokens::TokenManagementApi) -> databricks_core::Result<()> {
    /// let token = admin.get("3f9c2a7e").await?;
    /// println!("{:?} last used {:?}", token.created_by_username, token.last_used_day);
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, token_id: impl Into<TokenId>) -> Result<TokenInfo> {
        let token_id = token_id.into();
        require_token_id(&token_id)?;
        let response: GetTokenResponse = self
            .client
            .request(Method::GET, token_path(&token_id))
            .idempotent(true)
            .send()
            .await?;
        Ok(response.token_info)
    }

    /// `DELETE /api/2.0/token-management/tokens/{token_id}`: revokes any user's token.
    ///
    /// Errors: `RESOURCE_DOES_NOT_EXIST` ([`Error::is_not_found`]).
    pub async fn delete(&self, token_id: impl Into<TokenId>) -> Result<()> {
        let token_id = token_id.into();
        require_token_id(&token_id)?;
        self.client
            .request(Method::DELETE, token_path(&token_id))
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `PATCH /api/2.0/token-management/tokens/{token_id}`: changes the comment or scopes of
    /// any token and returns the updated token.
    ///
    /// An empty ID or mask is rejected before sending.
    ///
    /// ```no_run
    /// # async fn demo(admin: databricks_tokens::TokenManagementApi) -> databricks_core::Result<()> {
    /// use databricks_tokens::UpdateTokenManagementRequest;
    ///
    /// let updated = admin
    ///     .update(UpdateTokenManagementRequest::new("3f9c2a7e").with_comment("owned by platform"))
    ///     .await?;
    /// # let _ = updated;
    /// # Ok(()) }
    /// ```
    pub async fn update(&self, request: UpdateTokenManagementRequest) -> Result<TokenInfo> {
        require_token_id(&request.token_id)?;
        require_mask(&request.update_mask)?;
        self.client
            .request(Method::PATCH, token_path(&request.token_id))
            .json(&request)
            .idempotent(true)
            .send()
            .await
    }

    /// `POST /api/2.0/token-management/on-behalf-of/tokens`: creates a token for a service
    /// principal. The secret is returned only here. Not retried after the request may have
    /// reached the service.
    ///
    /// An empty `application_id` is rejected before sending.
    ///
    /// ```no_run
    /// # async fn demo(admin: databricks_tokens::TokenManagementApi) -> databricks_core::Result<()> {
    /// use databricks_tokens::CreateOboTokenRequest;
    ///
    /// let created = admin
    ///     .create_obo_token(CreateOboTokenRequest {
    ///         lifetime_seconds: Some(3600),
    ///         ..CreateOboTokenRequest::new("9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b")
    ///     })
    ///     .await?;
    /// println!("token {} for the deploy bot", created.token_info.token_id);
    /// # Ok(()) }
    /// ```
    pub async fn create_obo_token(
        &self,
        request: CreateOboTokenRequest,
    ) -> Result<CreateOboTokenResponse> {
        if request.application_id.is_empty() {
            return Err(Error::invalid_input("application_id", "must not be empty"));
        }
        self.client
            .request(Method::POST, MANAGEMENT_OBO)
            .json(&request)
            .idempotent(false)
            .send()
            .await
    }

    /// `GET /api/2.0/permissions/authorization/tokens`: who may use tokens.
    pub async fn get_permissions(&self) -> Result<TokenPermissions> {
        self.permissions().get(TOKENS_OBJECT_ID).await
    }

    /// `PUT /api/2.0/permissions/authorization/tokens`: replaces every direct grant with
    /// `request` and returns the resulting permissions.
    ///
    /// ```no_run
    /// # async fn demo(admin: databricks_tokens::TokenManagementApi) -> databricks_core::Result<()> {
    /// use databricks_tokens::{TokenAccessControlRequest, TokenPermissionLevel, TokenPermissionsRequest};
    ///
    /// admin
    ///     .set_permissions(TokenPermissionsRequest::new([TokenAccessControlRequest::group(
    ///         "data-engineers",
    ///         TokenPermissionLevel::CanUse,
    ///     )]))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_permissions(
        &self,
        request: TokenPermissionsRequest,
    ) -> Result<TokenPermissions> {
        self.permissions()
            .set(TOKENS_OBJECT_ID, &request.access_control_list)
            .await
    }

    /// `PATCH /api/2.0/permissions/authorization/tokens`: adds or changes the grants in
    /// `request`, keeping the others, and returns the resulting permissions.
    pub async fn update_permissions(
        &self,
        request: TokenPermissionsRequest,
    ) -> Result<TokenPermissions> {
        self.permissions()
            .update(TOKENS_OBJECT_ID, &request.access_control_list)
            .await
    }

    /// `GET /api/2.0/permissions/authorization/tokens/permissionLevels`: the levels that can
    /// be granted.
    pub async fn get_permission_levels(&self) -> Result<Vec<TokenPermissionsDescription>> {
        self.permissions().permission_levels(TOKENS_OBJECT_ID).await
    }

    /// The generic permissions endpoints of the tokens object
    /// (`/api/2.0/permissions/authorization/tokens`).
    fn permissions(&self) -> PermissionsApi<TokenPermissionLevel> {
        PermissionsApi::new(self.client.clone(), TOKENS_OBJECT_TYPE)
    }
}

fn token_path(token_id: &TokenId) -> String {
    format!(
        "{MANAGEMENT_TOKENS}/{}",
        encode_path_segment(token_id.as_str())
    )
}

fn require_token_id(token_id: &TokenId) -> Result<()> {
    if token_id.as_str().is_empty() {
        return Err(Error::invalid_input("token_id", "must not be empty"));
    }
    Ok(())
}

fn require_mask(update_mask: &str) -> Result<()> {
    if update_mask.trim().is_empty() {
        return Err(Error::invalid_input(
            "update_mask",
            "must name at least one field of `token` (e.g. `comment`)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_paths_are_percent_encoded() {
        assert_eq!(
            token_path(&TokenId::from("3f9c-A.b_~")),
            "/api/2.0/token-management/tokens/3f9c-A.b_~"
        );
        assert_eq!(
            token_path(&TokenId::from("a/b c?d#é")),
            "/api/2.0/token-management/tokens/a%2Fb%20c%3Fd%23%C3%A9"
        );
    }

    #[test]
    fn handles_are_send_sync_and_debug_is_opaque() {
        fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
        assert_send_sync::<TokensApi>();
        assert_send_sync::<TokenManagementApi>();
    }
}
