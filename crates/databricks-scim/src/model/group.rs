//! Groups.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{ComplexValue, GroupId, GroupSchema, ResourceMeta, has_value};

/// A workspace group (`/Groups`), as read from the service and as sent to create or replace
/// one.
///
/// `members` holds the ids of the direct members (users, groups or service principals);
/// `groups` the groups this group belongs to.
///
/// ```
/// use databricks_scim::{ComplexValue, Group};
///
/// let team = Group {
///     members: vec![ComplexValue::new("5301847720154433")],
///     ..Group::new("reporting-team")
/// };
/// assert!(team.has_member("5301847720154433"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// Schema URNs; [`Group::new`] sets the core group schema, and the API fills it in when
    /// empty.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub schemas: Vec<GroupSchema>,
    /// The id Databricks assigned. Ignored on create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<GroupId>,
    /// The group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Direct members (`value` = principal id, `display` = name, `$ref` = `Users/<id>`,
    /// `Groups/<id>` or `ServicePrincipals/<id>`).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub members: Vec<ComplexValue>,
    /// Groups this group belongs to (`value` = group id).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub groups: Vec<ComplexValue>,
    /// Entitlements granted to the group's members.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub entitlements: Vec<ComplexValue>,
    /// Roles (AWS instance profile ARNs) granted to the group.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub roles: Vec<ComplexValue>,
    /// The identity provider's id for the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Resource metadata: `resourceType` is `WorkspaceGroup` for a workspace-local group and
    /// `Group` for an account group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<ResourceMeta>,
    /// Fields this version of the SDK does not model, kept as sent by the service.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Group {
    /// A new group with this name and the core group schema.
    ///
    /// ```
    /// let group = databricks_scim::Group::new("reporting-team");
    /// assert_eq!(group.display_name.as_deref(), Some("reporting-team"));
    /// ```
    pub fn new(display_name: impl Into<String>) -> Self {
        Self {
            schemas: vec![GroupSchema::Core],
            display_name: Some(display_name.into()),
            ..Self::default()
        }
    }

    /// Whether the principal with this id is a direct member.
    pub fn has_member(&self, principal_id: &str) -> bool {
        has_value(&self.members, principal_id)
    }

    /// Whether the group holds the entitlement directly.
    pub fn has_entitlement(&self, entitlement: &str) -> bool {
        has_value(&self.entitlements, entitlement)
    }
}
