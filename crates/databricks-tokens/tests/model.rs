//! Model serde tests: fixtures decode and round-trip, enums stay open, secrets stay hidden.

use databricks_core::ExposeSecret;
use databricks_tokens::{
    AutoscopeState, CreateOboTokenResponse, CreateTokenRequest, CreateTokenResponse,
    PublicTokenInfo, TokenAccessControlRequest, TokenId, TokenInfo, TokenPermissionLevel,
    TokenPermissions, TokenPermissionsDescription, TokenUpdate, UpdateTokenRequest,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn decode<T: DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).expect("decodes")
}

/// Decode, encode, decode again: the two decoded values are equal.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &Value) -> T {
    let first: T = decode(value);
    let encoded = serde_json::to_value(&first).expect("encodes");
    let second: T = decode(&encoded);
    assert_eq!(first, second);
    first
}

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

#[test]
fn token_list_fixture_round_trips() {
    let list = fixture(include_str!("fixtures/token_list.json"));
    for item in list["token_infos"].as_array().expect("array") {
        round_trip::<PublicTokenInfo>(item);
    }
}

#[test]
fn known_fields_encode_back_to_the_same_json() {
    let json = json!({
        "token_id": "abc",
        "comment": "ci",
        "creation_time": 1718181234000_i64,
        "expiry_time": -1,
        "scopes": ["clusters"],
        "inferred_scopes": ["jobs"],
        "backfill_scopes": ["sql"],
        "autoscope_state": "AUTOSCOPE_STATE_USER_SELECTED"
    });
    let info: PublicTokenInfo = decode(&json);
    assert_eq!(serde_json::to_value(&info).expect("encodes"), json);
}

#[test]
fn management_fixtures_round_trip() {
    let list = fixture(include_str!("fixtures/token_management_list.json"));
    for item in list["token_infos"].as_array().expect("array") {
        round_trip::<TokenInfo>(item);
    }
    let get = fixture(include_str!("fixtures/token_management_get.json"));
    let info = round_trip::<TokenInfo>(&get["token_info"]);
    assert_eq!(info.created_by_id, Some(7_429_163_885_512_347));
    round_trip::<TokenInfo>(&fixture(include_str!(
        "fixtures/token_management_update.json"
    )));
}

#[test]
fn permissions_fixtures_round_trip() {
    let permissions =
        round_trip::<TokenPermissions>(&fixture(include_str!("fixtures/token_permissions.json")));
    assert_eq!(permissions.access_control_list.len(), 4);
    let levels = fixture(include_str!("fixtures/token_permission_levels.json"));
    for item in levels["permission_levels"].as_array().expect("array") {
        round_trip::<TokenPermissionsDescription>(item);
    }
}

#[test]
fn empty_objects_decode_to_defaults() {
    let info: TokenInfo = decode(&json!({}));
    assert_eq!(info, TokenInfo::default());
    assert!(info.scopes.is_empty());
    let info: PublicTokenInfo = decode(&json!({}));
    assert_eq!(info.token_id, TokenId::default());
    let created: CreateTokenResponse = decode(&json!({}));
    assert_eq!(created.token_value.expose_secret(), "");
}

#[test]
fn nulls_are_tolerated_for_optional_fields() {
    let info: PublicTokenInfo =
        decode(&json!({ "token_id": "a", "comment": null, "autoscope_state": null }));
    assert_eq!(info.comment, None);
    assert_eq!(info.autoscope_state, None);
    let info: TokenInfo =
        decode(&json!({ "token_id": null, "scopes": null, "inferred_scopes": null }));
    assert_eq!(info, TokenInfo::default());
    let permissions: TokenPermissions = decode(&json!({ "access_control_list": null }));
    assert!(permissions.access_control_list.is_empty());
    let created: CreateTokenResponse = decode(&json!({ "token_value": null }));
    assert_eq!(created.token_value.expose_secret(), "");
}

#[test]
fn ids_are_i64_not_f64() {
    // Beyond 2^53: must not lose precision.
    let info: TokenInfo = decode(&json!({ "owner_id": 9_007_199_254_740_993_i64 }));
    assert_eq!(info.owner_id, Some(9_007_199_254_740_993));
}

#[test]
fn autoscope_state_is_open() {
    for (wire, known) in [
        (
            "AUTOSCOPE_STATE_API_NOT_COVERED",
            AutoscopeState::ApiNotCovered,
        ),
        ("AUTOSCOPE_STATE_BACKFILLED", AutoscopeState::Backfilled),
        ("AUTOSCOPE_STATE_COMPLETED", AutoscopeState::Completed),
        ("AUTOSCOPE_STATE_DISABLED", AutoscopeState::Disabled),
        ("AUTOSCOPE_STATE_RUNNING", AutoscopeState::Running),
        (
            "AUTOSCOPE_STATE_USER_SELECTED",
            AutoscopeState::UserSelected,
        ),
    ] {
        let decoded: AutoscopeState = decode(&json!(wire));
        assert_eq!(decoded, known);
        assert_eq!(decoded.as_str(), wire);
        assert_eq!(decoded.to_string(), wire);
        assert_eq!(
            serde_json::to_value(&decoded).expect("encodes"),
            json!(wire)
        );
        assert_eq!(wire.parse::<AutoscopeState>(), Ok(known));
    }
    let unknown: AutoscopeState = decode(&json!("AUTOSCOPE_STATE_NEW"));
    assert_eq!(
        unknown,
        AutoscopeState::Unrecognized("AUTOSCOPE_STATE_NEW".into())
    );
    assert_eq!(
        serde_json::to_value(&unknown).expect("encodes"),
        json!("AUTOSCOPE_STATE_NEW")
    );
}

#[test]
fn permission_level_is_open() {
    let known: TokenPermissionLevel = decode(&json!("CAN_USE"));
    assert_eq!(known, TokenPermissionLevel::CanUse);
    let admin: TokenPermissionLevel = decode(&json!("CAN_MANAGE"));
    assert_eq!(admin, TokenPermissionLevel::CanManage);
    let unknown: TokenPermissionLevel = decode(&json!("CAN_ROTATE"));
    assert_eq!(
        unknown,
        TokenPermissionLevel::Unrecognized("CAN_ROTATE".into())
    );
    assert_eq!(unknown.as_str(), "CAN_ROTATE");
    assert_eq!(
        TokenPermissionLevel::from("CAN_USE"),
        TokenPermissionLevel::CanUse
    );
    assert_eq!(
        serde_json::to_value(TokenAccessControlRequest::user("a", unknown)).expect("encodes"),
        json!({ "user_name": "a", "permission_level": "CAN_ROTATE" })
    );
}

#[test]
fn token_id_is_transparent() {
    let id: TokenId = decode(&json!("abc"));
    assert_eq!(id, TokenId::new("abc"));
    assert_eq!(serde_json::to_value(&id).expect("encodes"), json!("abc"));
    assert_eq!(format!("{id}"), "abc");
    assert_eq!(String::from(id.clone()), "abc");
    assert_eq!(id.into_inner(), "abc");
}

#[test]
fn token_values_never_appear_in_debug() {
    let created: CreateTokenResponse = decode(&fixture(include_str!("fixtures/token_create.json")));
    let debug = format!("{created:?} {created:#?}");
    assert!(!debug.contains("dapi0123456789abcdef"), "{debug}");
    assert!(debug.contains("REDACTED"), "{debug}");
    assert_eq!(
        created.token_value.expose_secret(),
        "dapi0123456789abcdef0123456789abcdef"
    );

    let obo: CreateOboTokenResponse =
        decode(&fixture(include_str!("fixtures/token_management_obo.json")));
    let debug = format!("{obo:?} {obo:#?}");
    assert!(!debug.contains("dapiobo"), "{debug}");
    assert_eq!(
        obo.token_value.expose_secret(),
        "dapiobo0123456789abcdef0123456789ab"
    );
}

#[test]
fn create_request_omits_unset_fields_and_keeps_zeros() {
    assert_eq!(
        serde_json::to_value(CreateTokenRequest::default()).expect("encodes"),
        json!({})
    );
    let request = CreateTokenRequest {
        lifetime_seconds: Some(0),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(request).expect("encodes"),
        json!({ "lifetime_seconds": 0 })
    );
}

#[test]
fn update_request_keeps_the_path_id_out_of_the_body() {
    let request = UpdateTokenRequest {
        token_id: "abc".into(),
        token: TokenUpdate {
            comment: Some("c".into()),
            scopes: None,
        },
        update_mask: "*".into(),
    };
    assert_eq!(
        serde_json::to_value(&request).expect("encodes"),
        json!({ "token": { "comment": "c" }, "update_mask": "*" })
    );
    // The wildcard already covers every field.
    assert_eq!(request.with_scopes(["a"]).update_mask, "*");
}
