//! Secret scopes: creating and listing them.

use serde::{Deserialize, Serialize};

use databricks_core::open_enum;

open_enum! {
    /// Where a scope keeps its secrets (`scope_backend_type`, `backend_type`).
    pub enum ScopeBackendType {
        /// `DATABRICKS`: stored by Databricks (the default).
        Databricks = "DATABRICKS",
        /// `AZURE_KEYVAULT`: backed by an Azure Key Vault (read-only through this API).
        AzureKeyvault = "AZURE_KEYVAULT",
    }
}

/// The Azure Key Vault behind a scope (`backend_azure_keyvault`, `keyvault_metadata`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AzureKeyVaultSecretScopeMetadata {
    /// ARM resource ID of the vault
    /// (`/subscriptions/.../providers/Microsoft.KeyVault/vaults/<name>`).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub resource_id: String,
    /// The vault URI, e.g. `https://my-vault.vault.azure.net/`.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub dns_name: String,
}

impl AzureKeyVaultSecretScopeMetadata {
    /// Metadata for the vault with this resource ID and URI.
    pub fn new(resource_id: impl Into<String>, dns_name: impl Into<String>) -> Self {
        Self {
            resource_id: resource_id.into(),
            dns_name: dns_name.into(),
        }
    }
}

/// Body of `POST /api/2.0/secrets/scopes/create`.
///
/// The scope name is checked before sending: 1 to 128 characters from letters, digits, `_`,
/// `-`, `.` and `@`.
///
/// ```
/// use databricks_secrets::CreateScope;
///
/// let everyone_manages = CreateScope {
///     initial_manage_principal: Some("users".into()),
///     ..CreateScope::new("etl-credentials")
/// };
/// assert_eq!(
///     serde_json::to_value(&everyone_manages).unwrap(),
///     serde_json::json!({ "scope": "etl-credentials", "initial_manage_principal": "users" }),
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateScope {
    /// The scope's name: unique in the workspace (case-insensitively).
    pub scope: String,
    /// The principal that gets `MANAGE` on the new scope. The only supported value is `users`
    /// (every workspace user; required on non-Premium workspaces). Unset: the caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_manage_principal: Option<String>,
    /// The backend; the service defaults to `DATABRICKS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_backend_type: Option<ScopeBackendType>,
    /// The vault, required for an `AZURE_KEYVAULT` backend (which needs an Azure AD token,
    /// not a personal access token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_azure_keyvault: Option<AzureKeyVaultSecretScopeMetadata>,
}

impl CreateScope {
    /// A Databricks-backed scope with this name; the caller gets `MANAGE`.
    pub fn new(scope: impl Into<String>) -> Self {
        Self {
            scope: scope.into(),
            ..Self::default()
        }
    }

    /// A scope backed by an Azure Key Vault.
    ///
    /// ```
    /// use databricks_secrets::{AzureKeyVaultSecretScopeMetadata, CreateScope};
    ///
    /// let request = CreateScope::azure_keyvault(
    ///     "kv-prod",
    ///     AzureKeyVaultSecretScopeMetadata::new(
    ///         "/subscriptions/0f1e/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-prod",
    ///         "https://kv-prod.vault.azure.net/",
    ///     ),
    /// );
    /// assert_eq!(serde_json::to_value(&request).unwrap()["scope_backend_type"], "AZURE_KEYVAULT");
    /// ```
    pub fn azure_keyvault(
        scope: impl Into<String>,
        keyvault: AzureKeyVaultSecretScopeMetadata,
    ) -> Self {
        Self {
            scope: scope.into(),
            scope_backend_type: Some(ScopeBackendType::AzureKeyvault),
            backend_azure_keyvault: Some(keyvault),
            ..Self::default()
        }
    }
}

/// A secret scope (items of `GET /api/2.0/secrets/scopes/list`).
#[non_exhaustive]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretScope {
    /// The scope's name.
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub name: String,
    /// The backend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend_type: Option<ScopeBackendType>,
    /// The vault, for Azure Key Vault-backed scopes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyvault_metadata: Option<AzureKeyVaultSecretScopeMetadata>,
}
