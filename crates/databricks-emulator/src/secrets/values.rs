//! `secrets/put`, `secrets/delete`, `secrets/list`, `secrets/get`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::{
    AclPermission, BACKEND_AZURE_KEYVAULT, MAX_NAME_LEN, MAX_SECRETS_PER_SCOPE, MAX_VALUE_BYTES,
    Scope, Secret,
};
use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::request::Ctx;

/// Secret keys: `[A-Za-z0-9_.-]`, 1 to 128 characters.
fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_NAME_LEN
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn check_key(key: &str) -> ApiResult<()> {
    if valid_key(key) {
        Ok(())
    } else {
        Err(ApiError::invalid_parameter_value(format!(
            "Invalid secret key '{key}': it must consist of alphanumeric characters, dashes, \
             underscores, and periods, and may not exceed {MAX_NAME_LEN} characters."
        )))
    }
}

fn read_only_backend(scope: &Scope) -> ApiResult<()> {
    if scope.backend_type == BACKEND_AZURE_KEYVAULT {
        Err(ApiError::bad_request(format!(
            "Scope {} is backed by Azure Key Vault and is read-only through this API.",
            scope.name
        )))
    } else {
        Ok(())
    }
}

pub(super) async fn put(ctx: Ctx) -> ApiResult {
    let p = &ctx.params;
    let scope_name = p.str_req("scope")?;
    let key = p.str_req("key")?;
    check_key(&key)?;
    let value = match (p.str_opt("string_value")?, p.str_opt("bytes_value")?) {
        (Some(text), None) => text.into_bytes(),
        (None, Some(encoded)) => STANDARD.decode(encoded.trim()).map_err(|e| {
            ApiError::malformed_request(format!(
                "Could not parse request object: bytes_value is not valid base64: {e}"
            ))
        })?,
        _ => {
            return Err(ApiError::invalid_parameter_value(
                "Exactly one of string_value or bytes_value must be specified.",
            ));
        }
    };
    if value.len() > MAX_VALUE_BYTES {
        return Err(ApiError::invalid_parameter_value(format!(
            "Secret value is {} bytes; the maximum allowed size is {MAX_VALUE_BYTES} bytes (128 KB).",
            value.len()
        )));
    }
    let now = ctx.ws.clock.now_ms();
    ctx.ws.update(|s| {
        let scope = s.secrets.scope_mut(&scope_name)?;
        scope.require(&ctx.caller, AclPermission::Write)?;
        read_only_backend(scope)?;
        if !scope.secrets.contains_key(&key) && scope.secrets.len() >= MAX_SECRETS_PER_SCOPE {
            return Err(ApiError::resource_limit_exceeded(format!(
                "Cannot store more than {MAX_SECRETS_PER_SCOPE} secrets in scope {}.",
                scope.name
            )));
        }
        scope.secrets.insert(
            key.clone(),
            Secret {
                value,
                last_updated_timestamp: now,
            },
        );
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

pub(super) async fn delete(ctx: Ctx) -> ApiResult {
    let scope_name = ctx.params.str_req("scope")?;
    let key = ctx.params.str_req("key")?;
    ctx.ws.update(|s| {
        let scope = s.secrets.scope_mut(&scope_name)?;
        scope.require(&ctx.caller, AclPermission::Write)?;
        read_only_backend(scope)?;
        if scope.secrets.remove(&key).is_none() {
            return Err(ApiError::resource_does_not_exist(format!(
                "Secret {key} does not exist in scope {}.",
                scope.name
            )));
        }
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

pub(super) async fn list(ctx: Ctx) -> ApiResult {
    let scope_name = ctx.params.str_req("scope")?;
    let items: Vec<Value> = ctx.ws.read(|s| -> ApiResult<Vec<Value>> {
        let scope = s.secrets.scope(&scope_name)?;
        scope.require(&ctx.caller, AclPermission::Read)?;
        Ok(scope
            .secrets
            .iter()
            .map(|(key, secret)| {
                json!({ "key": key, "last_updated_timestamp": secret.last_updated_timestamp })
            })
            .collect())
    })?;
    Ok(json_ok(list_body("secrets", items)))
}

pub(super) async fn get(ctx: Ctx) -> ApiResult {
    let scope_name = ctx.params.str_req("scope")?;
    let key = ctx.params.str_req("key")?;
    let value = ctx.ws.read(|s| -> ApiResult<String> {
        let scope = s.secrets.scope(&scope_name)?;
        scope.require(&ctx.caller, AclPermission::Read)?;
        scope
            .secrets
            .get(&key)
            .map(|secret| STANDARD.encode(&secret.value))
            .ok_or_else(|| {
                ApiError::resource_does_not_exist(format!(
                    "Secret {key} does not exist in scope {}.",
                    scope.name
                ))
            })
    })?;
    Ok(json_ok(json!({ "key": key, "value": value })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert!(valid_key("db-password_1.txt"));
        assert!(!valid_key("a@b"));
        assert!(!valid_key(""));
        assert!(!valid_key(&"k".repeat(129)));
    }
}
