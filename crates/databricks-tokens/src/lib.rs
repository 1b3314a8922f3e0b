//! # databricks-tokens
//!
//! The Databricks [Token API](https://docs.databricks.com/api/workspace/tokens) (a user's own
//! personal access tokens, [`TokensApi`]) and the
//! [Token Management API](https://docs.databricks.com/api/workspace/tokenmanagement)
//! (workspace admins managing everyone's tokens and token permissions,
//! [`TokenManagementApi`]), for the databricks-rs SDK.
//!
//! Both handles wrap a [`databricks_core::Client`], which provides authentication, retries
//! and typed errors. Most users reach them through the umbrella crate
//! (`databricks::Client::tokens()`); this crate is for minimal dependency trees.
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_core::{Client, ExposeSecret};
//! use databricks_tokens::{CreateTokenRequest, TokenManagementApi, TokensApi};
//!
//! let client = Client::from_env()?;
//! let tokens = TokensApi::new(client.clone());
//!
//! // Create a token valid for one hour. The secret is a `SecretString`: it never appears in
//! // `Debug` output and has to be exposed explicitly.
//! let created = tokens
//!     .create(CreateTokenRequest {
//!         comment: Some("ci-pipeline".into()),
//!         lifetime_seconds: Some(3600),
//!         ..Default::default()
//!     })
//!     .await?;
//! let value: &str = created.token_value.expose_secret();
//! # let _ = value;
//!
//! // List and revoke.
//! for token in tokens.list().await? {
//!     println!("{} {:?}", token.token_id, token.comment);
//! }
//! tokens.delete(&created.token_info.token_id).await?;
//!
//! // Admins: everyone's tokens.
//! let admin = TokenManagementApi::new(client);
//! let all = admin.list(Default::default()).await?;
//! println!("{} tokens in the workspace", all.len());
//! # Ok(()) }
//! ```
//!
//! ## Conventions
//!
//! - Methods are named after the REST endpoints and are plain `async fn`s.
//! - Request types have public fields and `Default`; response types are `#[non_exhaustive]`,
//!   list fields are `Vec` (empty when absent), unknown fields are ignored.
//! - Enums ([`AutoscopeState`], [`TokenPermissionLevel`]) keep values this version does not
//!   know in an `Unrecognized(String)` variant.
//! - Token values are [`SecretString`](databricks_core::SecretString)s and the response types
//!   carrying them do not implement `Serialize`.
//! - Obviously invalid input (an empty token ID or update mask) is rejected with
//!   [`Error::InvalidInput`](databricks_core::Error::InvalidInput) before anything is sent.
//! - Creates are never retried once they may have reached the service; reads, deletes,
//!   updates and permission changes are retried on transient failures (a delete retried after
//!   an attempt that did succeed reports not-found).
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod model;

pub use api::{TokenManagementApi, TokensApi};
pub use model::{
    AutoscopeState, CreateOboTokenRequest, CreateOboTokenResponse, CreateTokenRequest,
    CreateTokenResponse, ListTokenManagementRequest, NO_EXPIRY, PublicTokenInfo,
    TokenAccessControlRequest, TokenAccessControlResponse, TokenId, TokenInfo, TokenPermission,
    TokenPermissionLevel, TokenPermissions, TokenPermissionsDescription, TokenPermissionsRequest,
    TokenUpdate, UpdateTokenManagementRequest, UpdateTokenRequest,
};
