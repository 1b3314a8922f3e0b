//! Client-side checks, run before anything is sent.

use databricks_core::{Error, Result};

use crate::model::{CreateScope, PutAcl, PutSecret, ScopeBackendType};

/// The longest scope name the service accepts, in characters.
pub const MAX_SCOPE_NAME_LEN: usize = 128;
/// The longest secret key the service accepts, in characters.
pub const MAX_KEY_LEN: usize = 128;
/// The largest secret value the service accepts: 128 KiB of raw bytes (before base64).
pub const MAX_VALUE_BYTES: usize = 128 * 1024;

/// A name of 1 to `max` characters from `[A-Za-z0-9_.-]`, plus `@` when `allow_at`.
fn name(field: &str, value: &str, max: usize, allow_at: bool) -> Result<()> {
    non_empty(field, value)?;
    let len = value.chars().count();
    if len > max {
        return Err(Error::invalid_input(
            field,
            format!("must be at most {max} characters (got {len})"),
        ));
    }
    let allowed = |c: char| {
        c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') || (allow_at && c == '@')
    };
    if let Some(bad) = value.chars().find(|c| !allowed(*c)) {
        let set = if allow_at {
            "letters, digits, '_', '-', '.' and '@'"
        } else {
            "letters, digits, '_', '-' and '.'"
        };
        return Err(Error::invalid_input(
            field,
            format!("contains {bad:?}; only {set} are allowed"),
        ));
    }
    Ok(())
}

pub(crate) fn non_empty(field: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    Ok(())
}

pub(crate) fn create_scope(request: &CreateScope) -> Result<()> {
    name("scope", &request.scope, MAX_SCOPE_NAME_LEN, true)?;
    if let Some(kv) = &request.backend_azure_keyvault {
        non_empty("backend_azure_keyvault.resource_id", &kv.resource_id)?;
        non_empty("backend_azure_keyvault.dns_name", &kv.dns_name)?;
    } else if request.scope_backend_type == Some(ScopeBackendType::AzureKeyvault) {
        return Err(Error::invalid_input(
            "backend_azure_keyvault",
            "is required when scope_backend_type is AZURE_KEYVAULT",
        ));
    }
    Ok(())
}

pub(crate) fn put_secret(request: &PutSecret) -> Result<()> {
    non_empty("scope", &request.scope)?;
    name("key", &request.key, MAX_KEY_LEN, false)?;
    let size = request.value.len();
    if size > MAX_VALUE_BYTES {
        return Err(Error::invalid_input(
            request.value.wire_field(),
            format!("the value is {size} bytes; at most {MAX_VALUE_BYTES} (128 KiB) are allowed"),
        ));
    }
    Ok(())
}

pub(crate) fn put_acl(request: &PutAcl) -> Result<()> {
    non_empty("scope", &request.scope)?;
    non_empty("principal", &request.principal)?;
    non_empty("permission", request.permission.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use databricks_core::InvalidInputError;

    fn rejected(result: Result<()>) -> InvalidInputError {
        match result {
            Err(Error::InvalidInput(e)) => e,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn scope_names() {
        for ok in [
            "a",
            "etl-credentials",
            "A.b_c-9",
            "team@example.com",
            &"s".repeat(128),
        ] {
            assert!(create_scope(&CreateScope::new(ok)).is_ok(), "{ok}");
        }
        assert_eq!(
            rejected(create_scope(&CreateScope::new(""))).field(),
            "scope"
        );
        let e = rejected(create_scope(&CreateScope::new("s".repeat(129))));
        assert_eq!(e.field(), "scope");
        assert!(e.message().contains("128"), "{}", e.message());
        for bad in ["has space", "slash/", "colon:", "é", "star*"] {
            assert_eq!(
                rejected(create_scope(&CreateScope::new(bad))).field(),
                "scope",
                "{bad}"
            );
        }
    }

    #[test]
    fn keys_do_not_allow_at() {
        assert!(put_secret(&PutSecret::string("s", "a-b_c.D9", "v")).is_ok());
        assert_eq!(
            rejected(put_secret(&PutSecret::string("s", "a@b", "v"))).field(),
            "key"
        );
        assert_eq!(
            rejected(put_secret(&PutSecret::string("s", "", "v"))).field(),
            "key"
        );
        assert_eq!(
            rejected(put_secret(&PutSecret::string("s", "k".repeat(129), "v"))).field(),
            "key"
        );
        assert!(put_secret(&PutSecret::string("s", "k".repeat(128), "v")).is_ok());
        assert_eq!(
            rejected(put_secret(&PutSecret::string("", "k", "v"))).field(),
            "scope"
        );
    }

    #[test]
    fn value_size_is_measured_on_raw_bytes() {
        let at_limit = vec![0u8; MAX_VALUE_BYTES];
        assert!(put_secret(&PutSecret::bytes("s", "k", at_limit)).is_ok());
        let e = rejected(put_secret(&PutSecret::bytes(
            "s",
            "k",
            vec![0u8; MAX_VALUE_BYTES + 1],
        )));
        assert_eq!(e.field(), "bytes_value");
        // 'é' is two bytes: 65_536 of them are exactly the limit, one more is over.
        assert!(
            put_secret(&PutSecret::string(
                "s",
                "k",
                "é".repeat(MAX_VALUE_BYTES / 2)
            ))
            .is_ok()
        );
        let e = rejected(put_secret(&PutSecret::string(
            "s",
            "k",
            "é".repeat(MAX_VALUE_BYTES / 2) + "x",
        )));
        assert_eq!(e.field(), "string_value");
        assert!(!e.message().contains('é'));
    }

    #[test]
    fn keyvault_scopes_need_metadata() {
        let mut request = CreateScope::new("kv");
        request.scope_backend_type = Some(ScopeBackendType::AzureKeyvault);
        assert_eq!(
            rejected(create_scope(&request)).field(),
            "backend_azure_keyvault"
        );
        request.backend_azure_keyvault = Some(Default::default());
        assert_eq!(
            rejected(create_scope(&request)).field(),
            "backend_azure_keyvault.resource_id"
        );
    }

    #[test]
    fn acls_need_scope_principal_and_permission() {
        use crate::model::AclPermission;
        assert!(put_acl(&PutAcl::new("s", "users", AclPermission::Read)).is_ok());
        assert_eq!(
            rejected(put_acl(&PutAcl::new("", "users", AclPermission::Read))).field(),
            "scope"
        );
        assert_eq!(
            rejected(put_acl(&PutAcl::new("s", "", AclPermission::Read))).field(),
            "principal"
        );
        assert_eq!(
            rejected(put_acl(&PutAcl::new(
                "s",
                "users",
                AclPermission::default()
            )))
            .field(),
            "permission"
        );
    }
}
