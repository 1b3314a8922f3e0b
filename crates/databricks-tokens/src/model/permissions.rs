//! Types of the token permissions endpoints (`/api/2.0/permissions/authorization/tokens`):
//! who may create and use personal access tokens.

use databricks_core::permissions::{
    AccessControlList, AccessControlRequest, AccessControlResponse, ObjectPermissions, Permission,
    PermissionsDescription,
};

use databricks_core::open_enum;

open_enum! {
    /// A permission level on the workspace's tokens object. Values the service adds later are
    /// kept in `Unrecognized`.
    pub enum TokenPermissionLevel {
        /// `CAN_USE`: may create and use personal access tokens. The only level that can be
        /// granted.
        CanUse = "CAN_USE",
        /// `CAN_MANAGE`: reported for workspace admins (the `admins` group); not documented as
        /// grantable, the service rejects it in set/update requests.
        CanManage = "CAN_MANAGE",
    }
}

/// One grant to set: exactly one principal and a level. Built with
/// [`user`](databricks_core::permissions::AccessControlRequest::user),
/// [`group`](databricks_core::permissions::AccessControlRequest::group) or
/// [`service_principal`](databricks_core::permissions::AccessControlRequest::service_principal).
///
/// ```
/// use databricks_tokens::{TokenAccessControlRequest, TokenPermissionLevel};
///
/// let grant = TokenAccessControlRequest::group("data-engineers", TokenPermissionLevel::CanUse);
/// assert_eq!(
///     serde_json::to_value(&grant).unwrap(),
///     serde_json::json!({ "group_name": "data-engineers", "permission_level": "CAN_USE" }),
/// );
/// ```
pub type TokenAccessControlRequest = AccessControlRequest<TokenPermissionLevel>;

/// Body of `PUT` (replace all direct grants) and `PATCH` (add or change grants) on the token
/// permissions. The list is always sent, so an empty list with `PUT` removes every direct
/// grant.
pub type TokenPermissionsRequest = AccessControlList<TokenPermissionLevel>;

/// The permissions on the workspace's tokens object.
pub type TokenPermissions = ObjectPermissions<TokenPermissionLevel>;

/// A principal's permissions on the tokens object, direct and inherited.
pub type TokenAccessControlResponse = AccessControlResponse<TokenPermissionLevel>;

/// One permission held by a principal.
pub type TokenPermission = Permission<TokenPermissionLevel>;

/// A permission level that can be granted on the tokens object, with its description.
pub type TokenPermissionsDescription = PermissionsDescription<TokenPermissionLevel>;
