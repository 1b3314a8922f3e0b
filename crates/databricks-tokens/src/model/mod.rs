//! Request and response types, split by API.

mod management;
mod permissions;
mod tokens;

pub use management::{
    CreateOboTokenRequest, CreateOboTokenResponse, ListTokenManagementRequest, TokenInfo,
    UpdateTokenManagementRequest,
};
pub use permissions::{
    TokenAccessControlRequest, TokenAccessControlResponse, TokenPermission, TokenPermissionLevel,
    TokenPermissions, TokenPermissionsDescription, TokenPermissionsRequest,
};
pub use tokens::{
    AutoscopeState, CreateTokenRequest, CreateTokenResponse, NO_EXPIRY, PublicTokenInfo, TokenId,
    TokenUpdate, UpdateTokenRequest,
};
