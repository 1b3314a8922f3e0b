//! Users.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{ComplexValue, Name, ResourceMeta, UserId, UserSchema, has_value};

/// A workspace user (`/Users`), as read from the service and as sent to create or replace one.
///
/// Build one with [`User::new`] and struct-update syntax. Fields the service sends that this
/// version does not model are kept in [`extra`](Self::extra) and sent back by
/// [`UsersApi::replace`](crate::UsersApi::replace).
///
/// ```
/// use databricks_scim::{ComplexValue, Entitlement, Name, User};
///
/// let bob = User {
///     display_name: Some("Bob Example".into()),
///     name: Some(Name::new("Bob", "Example")),
///     entitlements: vec![ComplexValue::entitlement(Entitlement::AllowClusterCreate)],
///     ..User::new("bob@example.com")
/// };
/// assert_eq!(
///     serde_json::to_value(&bob).unwrap()["userName"],
///     serde_json::json!("bob@example.com")
/// );
/// assert!(bob.has_entitlement("allow-cluster-create"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Schema URNs; [`User::new`] sets the core user schema, and the API fills it in when
    /// empty.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub schemas: Vec<UserSchema>,
    /// The id Databricks assigned. Ignored on create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<UserId>,
    /// The login name (an email address). Cannot be changed once created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// A human-readable name, e.g. `Bob Example`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Whether the user is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Given and family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name>,
    /// Email addresses (`{value, type, primary}`). Cannot be changed once created.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub emails: Vec<ComplexValue>,
    /// Entitlements granted directly (`{"value": "allow-cluster-create"}`).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub entitlements: Vec<ComplexValue>,
    /// Groups the user belongs to (`value` = group id, `display` = group name, `type` =
    /// `direct` or `indirect`). On create, the groups to add the user to.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub groups: Vec<ComplexValue>,
    /// Roles (AWS instance profile ARNs) granted directly.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub roles: Vec<ComplexValue>,
    /// The identity provider's id for the user (reserved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Resource metadata, as returned by the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<ResourceMeta>,
    /// Fields this version of the SDK does not model, kept as sent by the service.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl User {
    /// A new user with this login name and the core user schema.
    ///
    /// ```
    /// let user = databricks_scim::User::new("alice@example.com");
    /// assert_eq!(user.user_name.as_deref(), Some("alice@example.com"));
    /// ```
    pub fn new(user_name: impl Into<String>) -> Self {
        Self {
            schemas: vec![UserSchema::Core],
            user_name: Some(user_name.into()),
            ..Self::default()
        }
    }

    /// Whether the user holds the entitlement directly.
    pub fn has_entitlement(&self, entitlement: &str) -> bool {
        has_value(&self.entitlements, entitlement)
    }

    /// Whether the user is a member (directly or not, as reported) of the group with this id.
    pub fn is_member_of(&self, group_id: &str) -> bool {
        has_value(&self.groups, group_id)
    }

    /// The primary email address, else the first one.
    pub fn primary_email(&self) -> Option<&str> {
        self.emails
            .iter()
            .find(|e| e.primary == Some(true))
            .or_else(|| self.emails.first())
            .and_then(|e| e.value.as_deref())
    }
}
