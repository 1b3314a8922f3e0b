//! The SCIM resource types and request/response shapes.

mod common;
mod group;
mod list;
mod patch;
mod service_principal;
mod user;

pub use common::{
    ComplexValue, Entitlement, GroupId, GroupSchema, ListResponseSchema, Name, PatchSchema,
    ResourceMeta, ServicePrincipalId, ServicePrincipalSchema, SortOrder, UserId, UserSchema,
};
pub use group::Group;
pub use list::{GetRequest, ListRequest, ListResponse};
pub use patch::{Patch, PatchOp, PatchRequest};
pub use service_principal::ServicePrincipal;
pub use user::User;

pub(crate) use list::join;
