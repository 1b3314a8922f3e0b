//! The types of the Instance Profiles API.

use serde::{Deserialize, Serialize};

/// The body of `add`: register an instance profile.
///
/// ```
/// use databricks_instance_profiles::AddInstanceProfile;
///
/// let add = AddInstanceProfile {
///     iam_role_arn: Some("arn:aws:iam::123456789012:role/databricks-s3-access-role".into()),
///     ..AddInstanceProfile::new("arn:aws:iam::123456789012:instance-profile/databricks-s3-access")
/// };
/// let json = serde_json::to_value(&add).unwrap();
/// assert_eq!(json["instance_profile_arn"], "arn:aws:iam::123456789012:instance-profile/databricks-s3-access");
/// assert!(json.get("skip_validation").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AddInstanceProfile {
    /// The role's ARN; needed only when the role name differs from the instance profile name
    /// and the profile is used with Databricks SQL Serverless.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iam_role_arn: Option<String>,
    /// `arn:aws:iam::<account>:instance-profile/<name>`.
    pub instance_profile_arn: String,
    /// A meta instance profile, for credential passthrough (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_meta_instance_profile: Option<bool>,
    /// Skip the AWS dry-run validation (for failures not related to IAM, e.g. an instance type
    /// unavailable in the zone). Default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_validation: Option<bool>,
}

impl AddInstanceProfile {
    /// Register `instance_profile_arn`.
    pub fn new(instance_profile_arn: impl Into<String>) -> Self {
        Self {
            instance_profile_arn: instance_profile_arn.into(),
            ..Default::default()
        }
    }
}

/// A registered instance profile (list element; the body of `edit`).
///
/// ```
/// use databricks_instance_profiles::InstanceProfile;
///
/// let edit = InstanceProfile::new("arn:aws:iam::123456789012:instance-profile/etl")
///     .with_iam_role_arn("arn:aws:iam::123456789012:role/etl-role");
/// assert_eq!(edit.iam_role_arn.as_deref(), Some("arn:aws:iam::123456789012:role/etl-role"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InstanceProfile {
    /// The role's ARN (the only field `edit` changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iam_role_arn: Option<String>,
    /// The instance profile's ARN: the identity of the registration.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub instance_profile_arn: String,
    /// A meta instance profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_meta_instance_profile: Option<bool>,
}

impl InstanceProfile {
    /// The registration of `instance_profile_arn`.
    pub fn new(instance_profile_arn: impl Into<String>) -> Self {
        Self {
            instance_profile_arn: instance_profile_arn.into(),
            ..Default::default()
        }
    }

    /// With the role's ARN.
    pub fn with_iam_role_arn(mut self, iam_role_arn: impl Into<String>) -> Self {
        self.iam_role_arn = Some(iam_role_arn.into());
        self
    }

    /// Whether this is a meta instance profile (`false` when the service leaves it out).
    pub fn is_meta(&self) -> bool {
        self.is_meta_instance_profile.unwrap_or(false)
    }
}

#[derive(Serialize)]
pub(crate) struct RemoveInstanceProfile<'a> {
    pub(crate) instance_profile_arn: &'a str,
}

#[derive(Deserialize)]
pub(crate) struct ListInstanceProfilesResponse {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub(crate) instance_profiles: Vec<InstanceProfile>,
}
