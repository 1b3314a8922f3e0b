//! Property tests: every model type decodes documents generated from the API reference's
//! shapes (with fields and enum values the SDK does not know) and encodes back what they
//! said. See `databricks_testkit::serde_props` for the template language.
//!
//! `ObjectType` and `Language` are covered through `ObjectInfo`, and
//! `WorkspaceObjectPermissionLevel` through the permissions types of `databricks_core` as the
//! workspace API uses them. `ExportFormat` and `ImportFormat` are only held by requests that
//! are never decoded, so they are checked on their own.
//!
//! Not covered:
//! - `ListRequest`, `Import`, `ExportRequest`, `Delete`: request types that only derive
//!   `Serialize` (the SDK sends them, never reads them), so there is nothing to decode;
//! - `WorkspaceObjectType`: the object type as written in a permissions URL (no serde);
//! - `WorkspaceApi`, `Upload`, `UploadSource`, `Download`: API handles and builders (no serde).
//!
//! The `{ "objects": [ObjectInfo] }` list response is private (the API returns a stream of
//! `ObjectInfo`); its content is covered by `object_info`.

use databricks_core::permissions::{
    AccessControlList, AccessControlRequest, ObjectPermissions, PermissionsDescription,
};
use databricks_testkit::serde_props::{decode_only, round_trip};
use databricks_workspace::{
    DirectoryInfo, ExportFormat, ExportResponse, ImportFormat, ObjectId, ObjectInfo,
    WorkspaceObjectPermissionLevel,
};
use serde_json::{Value, json};

const OBJECT_TYPE: &str = "@enum:DASHBOARD|DIRECTORY|FILE|LIBRARY|NOTEBOOK|REPO";
const LANGUAGE: &str = "@enum:PYTHON|R|SCALA|SQL";
const FORMAT: &str = "@enum:AUTO|DBC|HTML|JUPYTER|RAW|R_MARKDOWN|SOURCE";
const PERMISSION_LEVEL: &str = "@enum:CAN_EDIT|CAN_MANAGE|CAN_READ|CAN_RUN";
/// Epoch milliseconds up to 2100-01-01.
const EPOCH_MS: u64 = 4_102_444_800_000;
/// Bytes: a workspace file of up to 1 TiB.
const FILE_SIZE: u64 = 1 << 40;
/// Object ids are int64 (`2106587442156732` in the reference's examples).
const OBJECT_ID: i64 = i64::MAX;

fn directory_info() -> Value {
    json!({ "is_git_folder": true })
}

/// An `AccessControlRequest`: exactly one principal and a level.
fn access_control_request() -> Value {
    json!({ "@oneof": [
        { "user_name": "alice@example.com", "permission_level": PERMISSION_LEVEL },
        { "group_name": "data-eng", "permission_level": PERMISSION_LEVEL },
        { "service_principal_name": "app-id", "permission_level": PERMISSION_LEVEL },
    ]})
}

/// An `AccessControlResponse`: one principal, its display name and its permissions.
fn access_control_response() -> Value {
    let all_permissions = json!([{
        "inherited": true,
        "inherited_from_object": ["/directories/"],
        "permission_level": PERMISSION_LEVEL,
    }]);
    json!({ "@oneof": [
        { "user_name": "alice@example.com", "display_name": "Alice", "all_permissions": all_permissions },
        { "group_name": "data-eng", "display_name": "data-eng", "all_permissions": all_permissions },
        { "service_principal_name": "app-id", "display_name": "etl", "all_permissions": all_permissions },
    ]})
}

#[test]
fn directory_info_round_trips() {
    round_trip::<DirectoryInfo>(directory_info());
}

#[test]
fn object_info() {
    round_trip::<ObjectInfo>(json!({
        "created_at": EPOCH_MS,
        "directory_info": directory_info(),
        "language": LANGUAGE,
        "modified_at": EPOCH_MS,
        "object_id": OBJECT_ID,
        "object_type": OBJECT_TYPE,
        "path": "/Users/alice@example.com/etl",
        "resource_id": "2106587442156732",
        "size": FILE_SIZE,
    }));
}

#[test]
fn object_id() {
    round_trip::<ObjectId>(json!(OBJECT_ID));
}

#[test]
fn export_response() {
    // No `Serialize`: the response is only ever received (its content is decoded on the way
    // in), so only decoding is checked.
    decode_only::<ExportResponse>(json!({ "content": "@b64", "file_type": "py" }));
}

#[test]
fn export_format() {
    round_trip::<ExportFormat>(json!(FORMAT));
}

#[test]
fn import_format() {
    round_trip::<ImportFormat>(json!(FORMAT));
}

#[test]
fn object_permissions() {
    round_trip::<ObjectPermissions<WorkspaceObjectPermissionLevel>>(json!({
        "access_control_list": [access_control_response()],
        "object_id": "/notebooks/2106587442156733",
        "object_type": "notebook",
    }));
}

#[test]
fn access_control_list() {
    // The body of a permissions set (PUT) or update (PATCH).
    round_trip::<AccessControlList<WorkspaceObjectPermissionLevel>>(json!({
        "access_control_list": [access_control_request()],
    }));
}

#[test]
fn access_control_request_round_trips() {
    round_trip::<AccessControlRequest<WorkspaceObjectPermissionLevel>>(access_control_request());
}

#[test]
fn permissions_description() {
    // One item of `{ "permission_levels": [...] }`.
    round_trip::<PermissionsDescription<WorkspaceObjectPermissionLevel>>(json!({
        "description": "Can run",
        "permission_level": PERMISSION_LEVEL,
    }));
}
