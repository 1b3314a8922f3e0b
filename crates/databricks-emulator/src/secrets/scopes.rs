//! `secrets/scopes/create`, `secrets/scopes/delete`, `secrets/scopes/list`.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{
    AclPermission, BACKEND_AZURE_KEYVAULT, BACKEND_DATABRICKS, MAX_NAME_LEN, MAX_SCOPES, Scope,
};
use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::identity::USERS_GROUP;
use crate::request::Ctx;

/// Scope names: `[A-Za-z0-9_.@-]`, 1 to 128 characters.
pub(super) fn valid_scope_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '@'))
}

pub(super) async fn create(ctx: Ctx) -> ApiResult {
    let p = &ctx.params;
    let name = p.str_req("scope")?;
    if !valid_scope_name(&name) {
        return Err(ApiError::invalid_parameter_value(format!(
            "Scope name '{name}' is invalid: it must consist of alphanumeric characters, \
             dashes, underscores, '@', and periods, and may not exceed {MAX_NAME_LEN} characters."
        )));
    }
    let backend = p
        .str_opt("scope_backend_type")?
        .unwrap_or_else(|| BACKEND_DATABRICKS.to_owned());
    p.raw_object_opt("backend_azure_keyvault")?;
    match backend.as_str() {
        BACKEND_DATABRICKS => {}
        BACKEND_AZURE_KEYVAULT => {
            // Key Vault scopes need an Azure AD user token, which the emulator never has.
            return Err(ApiError::bad_request(
                "Scope with Azure KeyVault must have userAADToken defined!",
            ));
        }
        other => {
            return Err(ApiError::invalid_parameter_value(format!(
                "Invalid scope_backend_type '{other}'; expected DATABRICKS or AZURE_KEYVAULT"
            )));
        }
    }
    let manager = match p.str_opt("initial_manage_principal")? {
        None => ctx.caller.user_name().to_owned(),
        Some(principal) if principal == USERS_GROUP => principal,
        Some(other) => {
            return Err(ApiError::invalid_parameter_value(format!(
                "initial_manage_principal must be '{USERS_GROUP}' or omitted; got '{other}'"
            )));
        }
    };
    ctx.ws.update(|s| {
        let key = name.to_lowercase();
        if s.secrets.scopes.contains_key(&key) {
            return Err(ApiError::resource_already_exists(format!(
                "Scope {name} already exists!"
            )));
        }
        if s.secrets.scopes.len() >= MAX_SCOPES {
            return Err(ApiError::resource_limit_exceeded(format!(
                "Cannot create more than {MAX_SCOPES} scopes in this workspace."
            )));
        }
        s.secrets.scopes.insert(
            key,
            Scope {
                name: name.clone(),
                backend_type: backend,
                keyvault_metadata: None,
                secrets: BTreeMap::new(),
                acls: BTreeMap::from([(manager, AclPermission::Manage)]),
            },
        );
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

pub(super) async fn delete(ctx: Ctx) -> ApiResult {
    let name = ctx.params.str_req("scope")?;
    ctx.ws.update(|s| {
        s.secrets
            .scope(&name)?
            .require(&ctx.caller, AclPermission::Manage)?;
        s.secrets.scopes.remove(&name.to_lowercase());
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

pub(super) async fn list(ctx: Ctx) -> ApiResult {
    let scopes: Vec<Value> = ctx.ws.read(|s| {
        s.secrets
            .scopes
            .values()
            .map(|scope| {
                let mut item = json!({ "name": scope.name, "backend_type": scope.backend_type });
                if let Some(meta) = &scope.keyvault_metadata {
                    item["keyvault_metadata"] = meta.clone();
                }
                item
            })
            .collect()
    });
    Ok(json_ok(list_body("scopes", scopes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_names() {
        assert!(valid_scope_name("a"));
        assert!(valid_scope_name("Team.a-b_c@corp"));
        assert!(valid_scope_name(&"x".repeat(128)));
        assert!(!valid_scope_name(&"x".repeat(129)));
        assert!(!valid_scope_name(""));
        assert!(!valid_scope_name("a b"));
        assert!(!valid_scope_name("a/b"));
        assert!(!valid_scope_name("é"));
    }
}
