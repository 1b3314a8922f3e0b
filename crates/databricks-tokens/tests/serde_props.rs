//! Property tests: every model type decodes documents generated from the API reference's
//! shapes (with fields and enum values the SDK does not know) and encodes back what they
//! said. See `databricks_testkit::serde_props` for the template language.
//!
//! Sources: `/work/shared/api/tokens.md` (Token API), the Token Management section of
//! `extras.md` and the shared permissions objects of the API `README.md` (token
//! permissions). The open enums [`AutoscopeState`](databricks_tokens::AutoscopeState) and
//! [`TokenPermissionLevel`](databricks_tokens::TokenPermissionLevel) are covered through the
//! fields holding them.
//!
//! Not covered:
//! - `TokensApi` and `TokenManagementApi`, because they are API handles, not wire types;
//! - the list and get response wrappers (`{"token_infos": [..]}`, `{"token_info": ..}`),
//!   because they are private to the crate (the API returns the `Vec` and the item); their
//!   items are covered here and the wrappers by the wire tests;
//! - the `token_id` path parameter of the update requests, because it is not part of the
//!   body (`#[serde(skip)]`).

use databricks_testkit::serde_props::{decode_only, round_trip};
use databricks_tokens::{
    CreateOboTokenRequest, CreateOboTokenResponse, CreateTokenRequest, CreateTokenResponse,
    ListTokenManagementRequest, PublicTokenInfo, TokenAccessControlRequest,
    TokenAccessControlResponse, TokenId, TokenInfo, TokenPermission, TokenPermissions,
    TokenPermissionsDescription, TokenPermissionsRequest, TokenUpdate,
    UpdateTokenManagementRequest, UpdateTokenRequest,
};
use serde_json::{Value, json};

const AUTOSCOPE_STATE: &str = "@enum:AUTOSCOPE_STATE_API_NOT_COVERED|AUTOSCOPE_STATE_BACKFILLED|\
AUTOSCOPE_STATE_COMPLETED|AUTOSCOPE_STATE_DISABLED|AUTOSCOPE_STATE_RUNNING|\
AUTOSCOPE_STATE_USER_SELECTED";
/// extras.md: "Token permission level: `CAN_USE` (1 values)".
const PERMISSION_LEVEL: &str = "@enum:CAN_USE";
/// Epoch milliseconds (2100-01-01).
const TIME: u64 = 4_102_444_800_000;
/// An int64 ID (user, workspace): IDs exceed 2^53, so the whole `i64` range.
const ID: i64 = i64::MAX;
/// A lifetime in seconds (int64): a century.
const LIFETIME: u64 = 3_153_600_000;

/// `expiry_time`: epoch ms, or -1 when the token does not expire.
fn expiry() -> Value {
    json!({ "@oneof": [-1, TIME] })
}

/// `PublicTokenInfo` (tokens.md).
fn public_token_info() -> Value {
    json!({
        "autoscope_state": AUTOSCOPE_STATE,
        "backfill_scopes": ["scope"],
        "comment": "comment",
        "creation_time": TIME,
        "expiry_time": expiry(),
        "inferred_scopes": ["scope"],
        "scopes": ["scope"],
        "token_id": "id",
    })
}

/// `TokenInfo` (extras.md, Token Management).
fn token_info() -> Value {
    json!({
        "autoscope_state": AUTOSCOPE_STATE,
        "backfill_scopes": ["scope"],
        "comment": "comment",
        "created_by_id": ID,
        "created_by_username": "name",
        "creation_time": TIME,
        "expiry_time": expiry(),
        "inferred_scopes": ["scope"],
        "last_used_day": TIME,
        "owner_id": ID,
        "scopes": ["scope"],
        "token_id": "id",
        "workspace_id": ID,
    })
}

/// The `token` of an update request. The reference types it as the whole token object
/// (`PublicTokenInfo`, `TokenInfo`), but the endpoints' purpose is "Update comment/scopes"
/// (tokens.md #4, extras.md #4) and the update mask names the fields to apply; the SDK's
/// `TokenUpdate` holds exactly those two fields on purpose, so the read-only fields
/// (`token_id`, times, owner, inferred scopes...) are left out of this template.
fn token_update() -> Value {
    json!({ "comment": "comment", "scopes": ["scope"] })
}

/// `AccessControlRequest` (README.md, permissions objects).
fn access_control_request() -> Value {
    json!({
        "group_name": "group",
        "permission_level": PERMISSION_LEVEL,
        "service_principal_name": "application-id",
        "user_name": "user",
    })
}

/// `Permission` (README.md).
fn permission() -> Value {
    json!({
        "inherited": true,
        "inherited_from_object": ["/authorization/tokens"],
        "permission_level": PERMISSION_LEVEL,
    })
}

/// `AccessControlResponse` (README.md).
fn access_control_response() -> Value {
    json!({
        "all_permissions": [permission()],
        "display_name": "name",
        "group_name": "group",
        "service_principal_name": "application-id",
        "user_name": "user",
    })
}

#[test]
fn token_id() {
    round_trip::<TokenId>(json!("id"));
}

#[test]
fn create_token_request() {
    round_trip::<CreateTokenRequest>(json!({
        "autoscope_enabled": true,
        "comment": "comment",
        "lifetime_seconds": LIFETIME,
        "scopes": ["scope"],
    }));
}

#[test]
fn create_token_response() {
    decode_only::<CreateTokenResponse>(json!({
        "token_info": public_token_info(),
        "token_value": "dapi",
    }));
}

#[test]
fn public_token_info_round_trip() {
    round_trip::<PublicTokenInfo>(public_token_info());
}

#[test]
fn token_update_round_trip() {
    round_trip::<TokenUpdate>(token_update());
}

#[test]
fn update_token_request() {
    round_trip::<UpdateTokenRequest>(json!({
        "token!": token_update(),
        "update_mask!": "comment,scopes",
    }));
}

#[test]
fn list_token_management_request() {
    round_trip::<ListTokenManagementRequest>(json!({
        "created_by_id": ID,
        "created_by_username": "name",
    }));
}

#[test]
fn token_info_round_trip() {
    round_trip::<TokenInfo>(token_info());
}

#[test]
fn create_obo_token_request() {
    round_trip::<CreateOboTokenRequest>(json!({
        "application_id!": "application-id",
        "autoscope_enabled": true,
        "comment": "comment",
        "lifetime_seconds": LIFETIME,
        "scopes": ["scope"],
    }));
}

#[test]
fn create_obo_token_response() {
    decode_only::<CreateOboTokenResponse>(json!({
        "token_info": token_info(),
        "token_value": "dapi",
    }));
}

#[test]
fn update_token_management_request() {
    round_trip::<UpdateTokenManagementRequest>(json!({
        "token!": token_update(),
        "update_mask!": "comment,scopes",
    }));
}

#[test]
fn token_access_control_request() {
    round_trip::<TokenAccessControlRequest>(access_control_request());
}

#[test]
fn token_permissions_request() {
    round_trip::<TokenPermissionsRequest>(json!({
        "access_control_list": [access_control_request()],
    }));
}

#[test]
fn token_permissions() {
    round_trip::<TokenPermissions>(json!({
        "access_control_list": [access_control_response()],
        "object_id": "authorization/tokens",
        "object_type": "tokens",
    }));
}

#[test]
fn token_access_control_response() {
    round_trip::<TokenAccessControlResponse>(access_control_response());
}

#[test]
fn token_permission() {
    round_trip::<TokenPermission>(permission());
}

#[test]
fn token_permissions_description() {
    round_trip::<TokenPermissionsDescription>(json!({
        "description": "description",
        "permission_level": PERMISSION_LEVEL,
    }));
}
