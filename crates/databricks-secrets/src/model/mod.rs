//! Request and response types, split by concept.

mod acls;
mod scopes;
mod secrets;

pub use acls::{AclItem, AclPermission, PutAcl};
pub use scopes::{AzureKeyVaultSecretScopeMetadata, CreateScope, ScopeBackendType, SecretScope};
pub(crate) use secrets::encode_base64;
pub use secrets::{GetSecretResponse, PutSecret, SecretBytes, SecretMetadata, SecretValue};
