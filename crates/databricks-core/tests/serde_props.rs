//! Property tests: the public serde types of core that model API objects (the Permissions API
//! shape shared by every family, and `Timestamp`) decode documents generated from the API
//! reference's shapes (with fields and enum values the SDK does not know) and encode back what
//! they said. See `databricks_testkit::serde_props` for the template language.
//!
//! The permissions types are generic over the level enum; they are checked here with an open
//! enum holding every generic `PermissionLevel` value of the reference (README, "Permissions
//! objects"), each family crate checking its own levels.
//!
//! Not covered:
//! - `PermissionsApi`: an API handle (no serde);
//! - the `{ "permission_levels": [...] }` answer of `permissionLevels`: private (the API
//!   returns `Vec<PermissionsDescription>`); its items are covered by `permissions_description`.

use databricks_core::Timestamp;
use databricks_core::permissions::{
    AccessControlList, AccessControlRequest, AccessControlResponse, ObjectPermissions, Permission,
    PermissionsDescription,
};
use databricks_testkit::serde_props::round_trip;
use serde_json::{Value, json};

databricks_core::open_enum! {
    /// The generic `PermissionLevel` of the reference (its 20 values).
    pub enum Level {
        /// `CAN_ATTACH_TO`.
        CanAttachTo = "CAN_ATTACH_TO",
        /// `CAN_BIND`.
        CanBind = "CAN_BIND",
        /// `CAN_CREATE`.
        CanCreate = "CAN_CREATE",
        /// `CAN_CREATE_APP`.
        CanCreateApp = "CAN_CREATE_APP",
        /// `CAN_EDIT`.
        CanEdit = "CAN_EDIT",
        /// `CAN_EDIT_METADATA`.
        CanEditMetadata = "CAN_EDIT_METADATA",
        /// `CAN_MANAGE`.
        CanManage = "CAN_MANAGE",
        /// `CAN_MANAGE_PRODUCTION_VERSIONS`.
        CanManageProductionVersions = "CAN_MANAGE_PRODUCTION_VERSIONS",
        /// `CAN_MANAGE_RUN`.
        CanManageRun = "CAN_MANAGE_RUN",
        /// `CAN_MANAGE_STAGING_VERSIONS`.
        CanManageStagingVersions = "CAN_MANAGE_STAGING_VERSIONS",
        /// `CAN_MONITOR`.
        CanMonitor = "CAN_MONITOR",
        /// `CAN_MONITOR_ONLY`.
        CanMonitorOnly = "CAN_MONITOR_ONLY",
        /// `CAN_QUERY`.
        CanQuery = "CAN_QUERY",
        /// `CAN_READ`.
        CanRead = "CAN_READ",
        /// `CAN_RESTART`.
        CanRestart = "CAN_RESTART",
        /// `CAN_RUN`.
        CanRun = "CAN_RUN",
        /// `CAN_USE`.
        CanUse = "CAN_USE",
        /// `CAN_VIEW`.
        CanView = "CAN_VIEW",
        /// `CAN_VIEW_METADATA`.
        CanViewMetadata = "CAN_VIEW_METADATA",
        /// `IS_OWNER`.
        IsOwner = "IS_OWNER",
    }
}

const LEVEL: &str = "@enum:CAN_ATTACH_TO|CAN_BIND|CAN_CREATE|CAN_CREATE_APP|CAN_EDIT|\
CAN_EDIT_METADATA|CAN_MANAGE|CAN_MANAGE_PRODUCTION_VERSIONS|CAN_MANAGE_RUN|\
CAN_MANAGE_STAGING_VERSIONS|CAN_MONITOR|CAN_MONITOR_ONLY|CAN_QUERY|CAN_READ|CAN_RESTART|\
CAN_RUN|CAN_USE|CAN_VIEW|CAN_VIEW_METADATA|IS_OWNER";

/// An `AccessControlRequest`: exactly one principal (user, group or service principal) and a
/// level.
fn access_control_request() -> Value {
    json!({ "@oneof": [
        { "user_name": "alice@example.com", "permission_level": LEVEL },
        { "group_name": "data-eng", "permission_level": LEVEL },
        { "service_principal_name": "app-id", "permission_level": LEVEL },
    ]})
}

/// A `Permission`: direct or inherited.
fn permission() -> Value {
    json!({
        "inherited": true,
        "inherited_from_object": ["/clusters/"],
        "permission_level": LEVEL,
    })
}

/// An `AccessControlResponse`: one principal, its display name and its permissions.
fn access_control_response() -> Value {
    json!({ "@oneof": [
        { "user_name": "alice@example.com", "display_name": "Alice", "all_permissions": [permission()] },
        { "group_name": "data-eng", "display_name": "data-eng", "all_permissions": [permission()] },
        { "service_principal_name": "app-id", "display_name": "etl", "all_permissions": [permission()] },
    ]})
}

#[test]
fn access_control_request_round_trips() {
    round_trip::<AccessControlRequest<Level>>(access_control_request());
}

#[test]
fn access_control_list() {
    // The body of a set (PUT) or update (PATCH).
    round_trip::<AccessControlList<Level>>(json!({
        "access_control_list": [access_control_request()],
    }));
}

#[test]
fn object_permissions() {
    round_trip::<ObjectPermissions<Level>>(json!({
        "access_control_list": [access_control_response()],
        "object_id": "/clusters/0923-164208-meows279",
        "object_type": "cluster",
    }));
}

#[test]
fn access_control_response_round_trips() {
    round_trip::<AccessControlResponse<Level>>(access_control_response());
}

#[test]
fn permission_round_trips() {
    round_trip::<Permission<Level>>(permission());
}

#[test]
fn permissions_description() {
    // One item of `{ "permission_levels": [...] }`.
    round_trip::<PermissionsDescription<Level>>(json!({
        "description": "Can restart",
        "permission_level": LEVEL,
    }));
}

#[test]
fn timestamp() {
    // Epoch milliseconds (int64), up to 2100-01-01 either side of the epoch: the service
    // also sends negative values (a token's `expiry_time` is -1 when it never expires).
    round_trip::<Timestamp>(json!(-4_102_444_800_000_i64));
}
