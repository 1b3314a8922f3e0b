//! Service principals.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{
    ComplexValue, ResourceMeta, ServicePrincipalId, ServicePrincipalSchema, has_value,
};

/// A service principal (`/ServicePrincipals`): an identity for automation, as read from the
/// service and as sent to create or replace one.
///
/// ```
/// use databricks_scim::ServicePrincipal;
///
/// let bot = ServicePrincipal {
///     active: Some(true),
///     ..ServicePrincipal::new("ci-bot")
/// };
/// assert_eq!(bot.display_name.as_deref(), Some("ci-bot"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePrincipal {
    /// Schema URNs; [`ServicePrincipal::new`] sets the core schema, and the API fills it in
    /// when empty.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub schemas: Vec<ServicePrincipalSchema>,
    /// The id Databricks assigned. Ignored on create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ServicePrincipalId>,
    /// The application (client) id, a UUID. On Azure, the Microsoft Entra ID application id;
    /// elsewhere assigned by Databricks when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    /// A human-readable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Whether the service principal is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Entitlements granted directly.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub entitlements: Vec<ComplexValue>,
    /// Groups the service principal belongs to (`value` = group id).
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
    /// The identity provider's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Resource metadata, as returned by the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<ResourceMeta>,
    /// Fields this version of the SDK does not model, kept as sent by the service.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ServicePrincipal {
    /// A new service principal with this display name and the core schema.
    ///
    /// ```
    /// let sp = databricks_scim::ServicePrincipal::new("ci-bot");
    /// assert!(sp.application_id.is_none());
    /// ```
    pub fn new(display_name: impl Into<String>) -> Self {
        Self {
            schemas: vec![ServicePrincipalSchema::Core],
            display_name: Some(display_name.into()),
            ..Self::default()
        }
    }

    /// Whether the service principal holds the entitlement directly.
    pub fn has_entitlement(&self, entitlement: &str) -> bool {
        has_value(&self.entitlements, entitlement)
    }

    /// Whether the service principal is reported as a member of the group with this id.
    pub fn is_member_of(&self, group_id: &str) -> bool {
        has_value(&self.groups, group_id)
    }
}
