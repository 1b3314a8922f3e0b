//! Scope access control lists.

use serde::{Deserialize, Serialize};

use databricks_core::open_enum;

open_enum! {
    /// A permission on a secret scope. Each level includes the ones before it:
    /// `READ` < `WRITE` < `MANAGE`.
    pub enum AclPermission {
        /// `READ`: read secrets in the scope and list its keys.
        Read = "READ",
        /// `WRITE`: `READ`, plus put and delete secrets.
        Write = "WRITE",
        /// `MANAGE`: `WRITE`, plus change ACLs and delete the scope.
        Manage = "MANAGE",
    }
}

impl Default for AclPermission {
    /// `Unrecognized("")`: what an [`AclItem`] holds when the service sent no permission.
    fn default() -> Self {
        Self::Unrecognized(String::new())
    }
}

/// Body of `POST /api/2.0/secrets/acls/put`: grant (or change) a principal's permission on a
/// scope.
///
/// ```
/// use databricks_secrets::{AclPermission, PutAcl};
///
/// let request = PutAcl::new("etl-credentials", "data-engineers", AclPermission::Read);
/// assert_eq!(
///     serde_json::to_value(&request).unwrap(),
///     serde_json::json!({ "scope": "etl-credentials", "principal": "data-engineers", "permission": "READ" }),
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PutAcl {
    /// The scope.
    pub scope: String,
    /// A user name or group name (`users`, `admins`, `data-scientists`, ...).
    pub principal: String,
    /// The permission to grant.
    pub permission: AclPermission,
}

impl PutAcl {
    /// Grants `permission` on `scope` to `principal`.
    pub fn new(
        scope: impl Into<String>,
        principal: impl Into<String>,
        permission: AclPermission,
    ) -> Self {
        Self {
            scope: scope.into(),
            principal: principal.into(),
            permission,
        }
    }
}

/// A principal's permission on a scope (`acls/get`, items of `acls/list`).
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AclItem {
    /// A user name or group name.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub principal: String,
    /// The permission.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub permission: AclPermission,
}
