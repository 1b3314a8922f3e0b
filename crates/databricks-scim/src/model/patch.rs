//! SCIM PATCH requests (RFC 7644 §3.5.2).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{ComplexValue, Entitlement, PatchSchema};
use crate::filter::Filter;

databricks_core::open_enum! {
    /// The operation of one [`Patch`].
    pub enum PatchOp {
        /// Adds values (to a multi-valued attribute) or sets an attribute.
        Add = "add",
        /// Removes an attribute or the values matching a filtered path.
        Remove = "remove",
        /// Replaces an attribute's value.
        Replace = "replace",
    }
}

/// One operation of a [`PatchRequest`]: `{op, path, value}`.
///
/// The constructors cover the common changes; [`Patch::add`], [`Patch::replace`] and
/// [`Patch::remove`] take any path and JSON value.
///
/// ```
/// use databricks_scim::Patch;
/// use serde_json::json;
///
/// assert_eq!(
///     serde_json::to_value(Patch::remove_member("5301847720154433")).unwrap(),
///     json!({ "op": "remove", "path": "members[value eq \"5301847720154433\"]" })
/// );
/// assert_eq!(
///     serde_json::to_value(Patch::set_active(false)).unwrap(),
///     json!({ "op": "replace", "path": "active", "value": false })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Patch {
    /// The operation.
    pub op: PatchOp,
    /// The attribute path, e.g. `members`, `members[value eq "123"]`, `active`. Without a
    /// path, `value` is an object of attributes to add or replace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The value: an array of values, a boolean, a string, an object...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

impl Patch {
    /// `add` at `path`.
    ///
    /// ```
    /// use databricks_scim::Patch;
    /// let p = Patch::add("entitlements", serde_json::json!([{ "value": "workspace-access" }]));
    /// assert_eq!(p.path.as_deref(), Some("entitlements"));
    /// ```
    pub fn add(path: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::op(PatchOp::Add, Some(path.into()), Some(value.into()))
    }

    /// `replace` at `path`.
    ///
    /// ```
    /// use databricks_scim::Patch;
    /// let p = Patch::replace("displayName", "Bob Example");
    /// assert_eq!(p.value, Some(serde_json::json!("Bob Example")));
    /// ```
    pub fn replace(path: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::op(PatchOp::Replace, Some(path.into()), Some(value.into()))
    }

    /// `remove` at `path` (e.g. `roles`, or `members[value eq "123"]`).
    ///
    /// ```
    /// use databricks_scim::{Patch, PatchOp};
    /// let p = Patch::remove("roles");
    /// assert_eq!(p.op, PatchOp::Remove);
    /// assert!(p.value.is_none());
    /// ```
    pub fn remove(path: impl Into<String>) -> Self {
        Self::op(PatchOp::Remove, Some(path.into()), None)
    }

    /// An operation with any op, path and value.
    pub fn op(op: PatchOp, path: Option<String>, value: Option<Value>) -> Self {
        Self { op, path, value }
    }

    /// Adds direct members (users, groups or service principals, by id) to a group.
    ///
    /// ```
    /// use databricks_scim::Patch;
    /// assert_eq!(
    ///     serde_json::to_value(Patch::add_members(["1", "2"])).unwrap(),
    ///     serde_json::json!({ "op": "add", "path": "members",
    ///                         "value": [{ "value": "1" }, { "value": "2" }] })
    /// );
    /// ```
    pub fn add_members<I, S>(ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Self::add("members", values(ids))
    }

    /// Removes one direct member from a group: `remove` at `members[value eq "<id>"]`.
    pub fn remove_member(id: impl AsRef<str>) -> Self {
        Self::remove(filtered_path("members", id.as_ref()))
    }

    /// Grants entitlements.
    ///
    /// ```
    /// use databricks_scim::{Entitlement, Patch};
    /// let p = Patch::add_entitlements([Entitlement::DatabricksSqlAccess]);
    /// assert_eq!(p.value, Some(serde_json::json!([{ "value": "databricks-sql-access" }])));
    /// ```
    pub fn add_entitlements<I, E>(entitlements: I) -> Self
    where
        I: IntoIterator<Item = E>,
        E: Into<Entitlement>,
    {
        Self::add(
            "entitlements",
            values(
                entitlements
                    .into_iter()
                    .map(|e| e.into().as_str().to_owned()),
            ),
        )
    }

    /// Revokes one entitlement: `remove` at `entitlements[value eq "<name>"]`.
    pub fn remove_entitlement(entitlement: impl Into<Entitlement>) -> Self {
        Self::remove(filtered_path("entitlements", entitlement.into().as_str()))
    }

    /// Grants roles (AWS instance profile ARNs).
    pub fn add_roles<I, S>(roles: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Self::add("roles", values(roles))
    }

    /// Revokes one role: `remove` at `roles[value eq "<arn>"]`.
    pub fn remove_role(role: impl AsRef<str>) -> Self {
        Self::remove(filtered_path("roles", role.as_ref()))
    }

    /// Adds a user or service principal to groups (by group id), through its `groups`
    /// attribute.
    pub fn add_to_groups<I, S>(group_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Self::add("groups", values(group_ids))
    }

    /// Removes a user or service principal from one group: `remove` at
    /// `groups[value eq "<group id>"]`.
    pub fn remove_from_group(group_id: impl AsRef<str>) -> Self {
        Self::remove(filtered_path("groups", group_id.as_ref()))
    }

    /// Enables or disables a user or service principal: `replace` at `active`.
    pub fn set_active(active: bool) -> Self {
        Self::replace("active", active)
    }

    /// Renames: `replace` at `displayName`.
    pub fn set_display_name(display_name: impl Into<String>) -> Self {
        Self::replace("displayName", display_name.into())
    }
}

/// `[{"value": v}, ...]`.
fn values<I, S>(items: I) -> Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    Value::Array(
        items
            .into_iter()
            .map(|v| complex_json(&ComplexValue::new(v.as_ref())))
            .collect(),
    )
}

/// A complex value as JSON (its serialization cannot fail: every key is a string).
pub(crate) fn complex_json(value: &ComplexValue) -> Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// `attr[value eq "<value>"]`, quoted and escaped.
fn filtered_path(attr: &str, value: &str) -> String {
    Filter::value_path(attr, Filter::eq("value", value)).to_string()
}

/// A SCIM PATCH body: `{"schemas": [PatchOp URN], "Operations": [...]}`.
///
/// Every `patch` method takes `impl Into<PatchRequest>`, so a single [`Patch`] or a
/// `Vec<Patch>` can be passed directly.
///
/// ```
/// use databricks_scim::{Patch, PatchRequest};
/// use serde_json::json;
///
/// let request = PatchRequest::new([Patch::set_active(false), Patch::remove("roles")]);
/// assert_eq!(
///     serde_json::to_value(&request).unwrap(),
///     json!({
///         "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
///         "Operations": [
///             { "op": "replace", "path": "active", "value": false },
///             { "op": "remove", "path": "roles" }
///         ]
///     })
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchRequest {
    /// Schema URNs; [`PatchRequest::new`] sets the PatchOp URN, and the API fills it in when
    /// empty.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub schemas: Vec<PatchSchema>,
    /// The operations, applied in order.
    #[serde(
        rename = "Operations",
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub operations: Vec<Patch>,
}

impl PatchRequest {
    /// A patch request of these operations with the PatchOp schema.
    pub fn new(operations: impl IntoIterator<Item = Patch>) -> Self {
        Self {
            schemas: vec![PatchSchema::PatchOp],
            operations: operations.into_iter().collect(),
        }
    }
}

impl From<Patch> for PatchRequest {
    fn from(patch: Patch) -> Self {
        Self::new([patch])
    }
}

impl From<Vec<Patch>> for PatchRequest {
    fn from(patches: Vec<Patch>) -> Self {
        Self::new(patches)
    }
}

impl<const N: usize> From<[Patch; N]> for PatchRequest {
    fn from(patches: [Patch; N]) -> Self {
        Self::new(patches)
    }
}
