//! # databricks-groups
//!
//! The Databricks legacy [Groups API](https://docs.databricks.com/dev-tools/api/latest/groups.html)
//! (`/api/2.0/groups/`) for the databricks-rs SDK, through [`GroupsApi`]: create and delete
//! groups, add and remove members, list groups, members and parents, all by **name** (a
//! user's name is its email, a group's name its display name). Members and parents are
//! [`Principal`]s: a user or a group.
//!
//! Databricks recommends the SCIM API (`databricks-scim`, by id) for new code; both manage the
//! same users and groups. Most users reach this crate through the umbrella crate
//! (`databricks::Client::groups()`).
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_core::Client;
//! use databricks_groups::{GroupsApi, Principal};
//!
//! let groups = GroupsApi::new(Client::from_env()?);
//! groups.create("analytics-readers").await?;
//! groups.create("reporting-team").await?;
//! groups.add_member("analytics-readers", Principal::group("reporting-team")).await?;
//! groups.add_member("reporting-team", Principal::user("alice@example.com")).await?;
//!
//! assert_eq!(
//!     groups.list_parents(Principal::group("reporting-team")).await?,
//!     vec!["analytics-readers".to_string()]
//! );
//! groups.delete("reporting-team").await?;
//! # Ok(()) }
//! ```
//!
//! ## Conventions
//!
//! - Methods are named after the REST endpoints and are plain `async fn`s; GET parameters go
//!   in the query string.
//! - `list_members` and `list_parents` are not recursive: only direct relations.
//! - Errors are the standard ones: `RESOURCE_DOES_NOT_EXIST`
//!   ([`is_not_found`](databricks_core::Error::is_not_found)), `RESOURCE_ALREADY_EXISTS`
//!   ([`is_already_exists`](databricks_core::Error::is_already_exists), whatever the HTTP
//!   status), `PERMISSION_DENIED` for non-admins.
//! - Creating a group and changing members are never retried once they may have reached the
//!   service; reads and deletes are retried on transient failures.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod model;

pub use api::GroupsApi;
pub use model::Principal;
