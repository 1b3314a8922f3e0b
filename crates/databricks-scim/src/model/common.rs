//! Types shared by users, groups and service principals.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

databricks_core::string_id! {
    /// A user's id: the numeric string Databricks assigns, e.g. `"7429163885512347"`.
    pub struct UserId;
}

databricks_core::string_id! {
    /// A group's id: the numeric string Databricks assigns, e.g. `"811574390275012"`.
    pub struct GroupId;
}

databricks_core::string_id! {
    /// A service principal's id: the numeric string Databricks assigns (not its
    /// `applicationId`).
    pub struct ServicePrincipalId;
}

/// One value of a multi-valued SCIM attribute: an email, an entitlement, a role, a group
/// membership or a group member.
///
/// `value` holds the payload: the email address, the entitlement name, the role ARN, or the
/// id of the member / group. Unknown fields are kept in [`extra`](Self::extra) so that a
/// resource read, changed and sent back loses nothing.
///
/// ```
/// use databricks_scim::{ComplexValue, Entitlement};
///
/// let email = ComplexValue::email("alice@example.com");
/// assert_eq!(email.primary, Some(true));
/// let sql = ComplexValue::entitlement(Entitlement::DatabricksSqlAccess);
/// assert_eq!(sql.value.as_deref(), Some("databricks-sql-access"));
/// let member = ComplexValue::new("5301847720154433");
/// assert_eq!(
///     serde_json::to_value(&member).unwrap(),
///     serde_json::json!({ "value": "5301847720154433" })
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ComplexValue {
    /// A display string: the member's or group's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Whether this is the primary value (emails).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
    /// A relative reference to the resource, e.g. `Users/1234` (`$ref` on the wire).
    #[serde(rename = "$ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// A sub-type, e.g. `work` for emails, `direct` or `indirect` for group memberships.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// The value: a principal id, an entitlement name, a role ARN or an email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Fields this version of the SDK does not model, kept as sent by the service.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ComplexValue {
    /// A value with only `value` set: a member or group id, an entitlement name, a role ARN.
    ///
    /// ```
    /// let group = databricks_scim::ComplexValue::new("811574390275099");
    /// assert_eq!(group.value.as_deref(), Some("811574390275099"));
    /// ```
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: Some(value.into()),
            ..Self::default()
        }
    }

    /// A primary work email.
    ///
    /// ```
    /// let email = databricks_scim::ComplexValue::email("bob@example.com");
    /// assert_eq!(email.r#type.as_deref(), Some("work"));
    /// ```
    pub fn email(address: impl Into<String>) -> Self {
        Self {
            value: Some(address.into()),
            r#type: Some("work".to_owned()),
            primary: Some(true),
            ..Self::default()
        }
    }

    /// An entitlement grant, e.g. `{"value": "allow-cluster-create"}`.
    ///
    /// ```
    /// use databricks_scim::{ComplexValue, Entitlement};
    /// let grant = ComplexValue::entitlement(Entitlement::AllowClusterCreate);
    /// assert_eq!(grant.value.as_deref(), Some("allow-cluster-create"));
    /// ```
    pub fn entitlement(entitlement: impl Into<Entitlement>) -> Self {
        Self::new(entitlement.into().as_str())
    }

    /// The `value`, or `""` when absent.
    pub fn value_str(&self) -> &str {
        self.value.as_deref().unwrap_or_default()
    }
}

/// A user's name parts.
///
/// ```
/// let name = databricks_scim::Name::new("Alice", "Example");
/// assert_eq!(
///     serde_json::to_value(&name).unwrap(),
///     serde_json::json!({ "givenName": "Alice", "familyName": "Example" })
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Name {
    /// Given (first) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Family (last) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// Fields this version of the SDK does not model, kept as sent by the service.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Name {
    /// A name from its given and family parts.
    pub fn new(given_name: impl Into<String>, family_name: impl Into<String>) -> Self {
        Self {
            given_name: Some(given_name.into()),
            family_name: Some(family_name.into()),
            extra: Map::new(),
        }
    }
}

/// The `meta` attribute of a resource, as the service returns it.
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceMeta {
    /// The resource type, e.g. `User`, `ServicePrincipal`, `WorkspaceGroup` (a
    /// workspace-local group) or `Group` (an account group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// Fields this version of the SDK does not model (`created`, `location`...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

databricks_core::open_enum! {
    /// A workspace entitlement, granted to users, groups and service principals.
    pub enum Entitlement {
        /// Access to the Data Science & Engineering workspace.
        WorkspaceAccess = "workspace-access",
        /// Access to Databricks SQL.
        DatabricksSqlAccess = "databricks-sql-access",
        /// May create clusters.
        AllowClusterCreate = "allow-cluster-create",
        /// May create instance pools.
        AllowInstancePoolCreate = "allow-instance-pool-create",
    }
}

databricks_core::open_enum! {
    /// The order of a sorted listing (`sortOrder`).
    pub enum SortOrder {
        /// Smallest first (the default).
        Ascending = "ascending",
        /// Largest first.
        Descending = "descending",
    }
}

databricks_core::open_enum! {
    /// A schema URN of a user resource.
    pub enum UserSchema {
        /// `urn:ietf:params:scim:schemas:core:2.0:User`.
        Core = "urn:ietf:params:scim:schemas:core:2.0:User",
        /// `urn:ietf:params:scim:schemas:extension:workspace:2.0:User`.
        WorkspaceExtension = "urn:ietf:params:scim:schemas:extension:workspace:2.0:User",
    }
}

databricks_core::open_enum! {
    /// A schema URN of a group resource.
    pub enum GroupSchema {
        /// `urn:ietf:params:scim:schemas:core:2.0:Group`.
        Core = "urn:ietf:params:scim:schemas:core:2.0:Group",
    }
}

databricks_core::open_enum! {
    /// A schema URN of a service principal resource.
    pub enum ServicePrincipalSchema {
        /// `urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal`.
        Core = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal",
    }
}

databricks_core::open_enum! {
    /// The schema URN of a list response.
    pub enum ListResponseSchema {
        /// `urn:ietf:params:scim:api:messages:2.0:ListResponse`.
        ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse",
    }
}

databricks_core::open_enum! {
    /// The schema URN of a patch request.
    pub enum PatchSchema {
        /// `urn:ietf:params:scim:api:messages:2.0:PatchOp`.
        PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp",
    }
}

/// Whether `values` holds one whose `value` is `wanted`.
pub(crate) fn has_value(values: &[ComplexValue], wanted: &str) -> bool {
    values.iter().any(|v| v.value.as_deref() == Some(wanted))
}
