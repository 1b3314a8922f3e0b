//! # databricks-scim
//!
//! The Databricks workspace [SCIM API](https://docs.databricks.com/api/workspace/users)
//! (`/api/2.0/preview/scim/v2/`) for the databricks-rs SDK: users ([`UsersApi`]), groups
//! ([`GroupsApi`]), service principals ([`ServicePrincipalsApi`]) and the caller's own record
//! ([`CurrentUserApi`], `Me`).
//!
//! The handles wrap a [`databricks_core::Client`], which provides authentication, retries and
//! typed errors. Most users reach them through the umbrella crate (`client.users()`,
//! `client.scim_groups()`, `client.service_principals()`, `client.current_user()`).
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_core::Client;
//! use databricks_scim::{
//!     CurrentUserApi, Filter, Group, GroupsApi, ListRequest, Patch, User, UsersApi,
//! };
//!
//! let client = Client::from_env()?;
//! let users = UsersApi::new(client.clone());
//! let groups = GroupsApi::new(client.clone());
//!
//! let me = CurrentUserApi::new(client).me().await?;
//! println!("signed in as {:?}", me.user_name);
//!
//! let bob = match users.create(User::new("bob@example.com")).await {
//!     Ok(bob) => bob,
//!     Err(e) if e.is_already_exists() => users
//!         .find_by_user_name("bob@example.com")
//!         .await?
//!         .expect("it exists"),
//!     Err(e) => return Err(e),
//! };
//! let team = groups.create(Group::new("reporting-team")).await?;
//! let (team_id, bob_id) = (team.id.expect("id"), bob.id.expect("id"));
//! groups.patch(&team_id, Patch::add_members([bob_id.as_str()])).await?;
//!
//! let filter = Filter::co("userName", "@example.com").and(Filter::eq("active", true));
//! let everyone = users.list(ListRequest::new().filter(filter)).collect_all().await?;
//! println!("{} active users", everyone.len());
//! # Ok(()) }
//! ```
//!
//! ## SCIM on the wire
//!
//! - Attribute names are camelCase (`userName`, `displayName`); the Rust fields are
//!   snake_case and renamed. Lists arrive under `Resources`, patches go under `Operations`.
//! - Requests carry `Content-Type: application/json` and `Accept: application/json`, as the
//!   official SDKs send them (the service also accepts `application/scim+json`).
//! - `create`, `replace` and `patch` fill in the right `schemas` URN when none is set.
//! - Errors arrive in the SCIM shape (`{"detail", "status", "scimType"}`) and are parsed by
//!   core into an [`ApiError`](databricks_core::ApiError) with code `SCIM_<status>`
//!   (`SCIM_404`, `SCIM_409`...): use [`Error::is_not_found`](databricks_core::Error::is_not_found)
//!   and [`Error::is_already_exists`](databricks_core::Error::is_already_exists).
//!
//! ## Listing
//!
//! `list` returns a [`Paginator`](databricks_core::Paginator) that pages with the 1-based
//! `startIndex` and `count`, stops on an empty page or at `totalResults`, and yields each
//! resource once (de-duplicated by id, since SCIM index paging shifts when the list changes
//! while it is read). `list_page` returns one raw page with `totalResults`.
//!
//! ## Filters
//!
//! [`Filter`] builds filter strings with correct quoting and precedence; a raw string works
//! too:
//!
//! ```
//! use databricks_scim::{Filter, ListRequest};
//!
//! let typed = ListRequest::new().filter(Filter::eq("userName", "a@b.com"));
//! let raw = ListRequest::new().filter(r#"userName eq "a@b.com""#);
//! assert_eq!(typed, raw);
//! ```
//!
//! ## Patches
//!
//! [`Patch`] builds RFC 7644 operations: [`Patch::add_members`], [`Patch::remove_member`]
//! (`members[value eq "<id>"]`), [`Patch::add_entitlements`], [`Patch::set_active`]... or any
//! path and value with [`Patch::add`], [`Patch::replace`], [`Patch::remove`].
//!
//! ## Conventions
//!
//! - Methods are named after the REST endpoints and are plain `async fn`s.
//! - [`User`], [`Group`] and [`ServicePrincipal`] are both what you read and what you send:
//!   public fields, `Default`, `new(...)`, unknown fields kept in `extra` so a read-modify-
//!   `replace` cycle drops nothing. Lists are `Vec` (empty when absent).
//! - Enums keep values this version does not know in an `Unrecognized(String)` variant.
//! - Creates and patches are never retried once they may have reached the service; reads,
//!   replaces and deletes are retried on transient failures.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod filter;
mod model;

pub use api::{CurrentUserApi, GroupsApi, ServicePrincipalsApi, UsersApi};
pub use filter::{Filter, FilterValue};
pub use model::{
    ComplexValue, Entitlement, GetRequest, Group, GroupId, GroupSchema, ListRequest, ListResponse,
    ListResponseSchema, Name, Patch, PatchOp, PatchRequest, PatchSchema, ResourceMeta,
    ServicePrincipal, ServicePrincipalId, ServicePrincipalSchema, SortOrder, User, UserId,
    UserSchema,
};
