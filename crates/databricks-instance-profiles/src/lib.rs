//! # databricks-instance-profiles
//!
//! The Databricks [Instance Profiles API](https://docs.databricks.com/api/workspace/instanceprofiles)
//! (AWS workspaces) for the databricks-rs SDK, through [`InstanceProfilesApi`]: register the
//! IAM instance profiles that clusters may launch with (`aws_attributes.instance_profile_arn`).
//!
//! Most users reach it through the umbrella crate (`databricks::Client::instance_profiles()`,
//! feature `instance-profiles`).
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_instance_profiles::{AddInstanceProfile, InstanceProfile, InstanceProfilesApi};
//!
//! let profiles = InstanceProfilesApi::new(databricks_core::Client::from_env()?);
//! let arn = "arn:aws:iam::123456789012:instance-profile/databricks-s3-access";
//! profiles
//!     .add(AddInstanceProfile {
//!         iam_role_arn: Some("arn:aws:iam::123456789012:role/databricks-s3-access-role".into()),
//!         ..AddInstanceProfile::new(arn)
//!     })
//!     .await?;
//! profiles
//!     .edit(InstanceProfile::new(arn).with_iam_role_arn("arn:aws:iam::123456789012:role/new-role"))
//!     .await?;
//! for p in profiles.list().await? {
//!     println!("{} meta={}", p.instance_profile_arn, p.is_meta());
//! }
//! profiles.remove(arn).await?;
//! # Ok(()) }
//! ```
//!
//! ## Validation
//!
//! Before anything is sent, ARNs are checked with [`validate_arn`]:
//! `arn:<aws|aws-cn|aws-us-gov>:iam::<12-digit account id>:instance-profile/<name>` for
//! `instance_profile_arn`, `...:role/<name>` for `iam_role_arn`. A malformed ARN is an
//! [`Error::InvalidInput`](databricks_core::Error::InvalidInput) naming the field.
//!
//! ## Errors
//!
//! | situation | predicate |
//! |---|---|
//! | not an admin | [`is_permission_denied`](databricks_core::Error::is_permission_denied) |
//! | profile already registered (`add`) | [`is_already_exists`](databricks_core::Error::is_already_exists) |
//! | dry-run validation failed, malformed ARN | [`is_invalid_parameter`](databricks_core::Error::is_invalid_parameter) |
//! | unknown profile (`edit`, `remove`) | [`is_not_found`](databricks_core::Error::is_not_found) or [`is_invalid_parameter`](databricks_core::Error::is_invalid_parameter), depending on the service |
//!
//! `add` is never retried once it may have reached the service; `list`, `edit` and `remove`
//! are retried on transient failures.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod arn;
mod model;

pub use api::InstanceProfilesApi;
pub use arn::validate_arn;
pub use model::{AddInstanceProfile, InstanceProfile};
