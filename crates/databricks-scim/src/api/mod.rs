//! The API handles and the plumbing they share.

mod groups;
mod me;
mod service_principals;
mod users;

use std::sync::Arc;

use databricks_core::error::DecodeError;
use databricks_core::paginate::{Cursor, Page, PageRequest};
use databricks_core::request::encode_path_segment;
use databricks_core::{Client, Error, Method, Paginator, RequestBuilder, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use groups::GroupsApi;
pub use me::CurrentUserApi;
pub use service_principals::ServicePrincipalsApi;
pub use users::UsersApi;

use crate::model::{
    GetRequest, Group, GroupSchema, ListRequest, ListResponse, PatchOp, PatchRequest, PatchSchema,
    ServicePrincipal, ServicePrincipalSchema, User, UserSchema, join,
};

/// The base path of the workspace SCIM API.
pub(crate) const BASE: &str = "/api/2.0/preview/scim/v2";

/// The media type the official SDKs send and accept on SCIM endpoints.
const JSON: &str = "application/json";

/// What the generic plumbing needs to know about a resource type.
pub(crate) trait Resource: Serialize + DeserializeOwned + Send + 'static {
    /// The collection under [`BASE`]: `Users`, `Groups`, `ServicePrincipals`.
    const COLLECTION: &'static str;
    /// The id, if known.
    fn id_str(&self) -> Option<&str>;
    /// Sets the default schema URN when none is set.
    fn fill_schema(&mut self);
}

impl Resource for User {
    const COLLECTION: &'static str = "Users";
    fn id_str(&self) -> Option<&str> {
        self.id.as_ref().map(|id| id.as_str())
    }
    fn fill_schema(&mut self) {
        if self.schemas.is_empty() {
            self.schemas.push(UserSchema::Core);
        }
    }
}

impl Resource for Group {
    const COLLECTION: &'static str = "Groups";
    fn id_str(&self) -> Option<&str> {
        self.id.as_ref().map(|id| id.as_str())
    }
    fn fill_schema(&mut self) {
        if self.schemas.is_empty() {
            self.schemas.push(GroupSchema::Core);
        }
    }
}

impl Resource for ServicePrincipal {
    const COLLECTION: &'static str = "ServicePrincipals";
    fn id_str(&self) -> Option<&str> {
        self.id.as_ref().map(|id| id.as_str())
    }
    fn fill_schema(&mut self) {
        if self.schemas.is_empty() {
            self.schemas.push(ServicePrincipalSchema::Core);
        }
    }
}

fn collection_path<T: Resource>() -> String {
    format!("{BASE}/{}", T::COLLECTION)
}

fn resource_path<T: Resource>(id: &str) -> Result<String> {
    if id.trim().is_empty() {
        return Err(Error::invalid_input("id", "must not be empty"));
    }
    Ok(format!(
        "{BASE}/{}/{}",
        T::COLLECTION,
        encode_path_segment(id)
    ))
}

/// A request with the SCIM `Accept` header.
fn request(client: &Client, method: Method, path: &str) -> RequestBuilder {
    client.request(method, path).header("accept", JSON)
}

/// Adds `attributes` / `excludedAttributes`.
fn with_attributes(
    builder: RequestBuilder,
    attributes: &[String],
    excluded: &[String],
) -> RequestBuilder {
    builder
        .query_opt("attributes", join(attributes))
        .query_opt("excludedAttributes", join(excluded))
}

/// Decodes the body of a PUT or PATCH: `None` when the service sent no resource (204, an
/// empty body or `{}`).
fn decode_optional<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &[u8],
) -> Result<Option<T>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| DecodeError::new(method, path, "", e.to_string(), body))?;
    if value.as_object().is_some_and(serde_json::Map::is_empty) {
        return Ok(None);
    }
    serde_json::from_value(value)
        .map(Some)
        .map_err(|e| DecodeError::new(method, path, "", e.to_string(), body).into())
}

pub(crate) async fn create<T: Resource>(client: &Client, mut resource: T) -> Result<T> {
    resource.fill_schema();
    request(client, Method::POST, &collection_path::<T>())
        .json(&resource)
        .idempotent(false)
        .send()
        .await
}

pub(crate) async fn get<T: Resource>(client: &Client, id: &str, options: &GetRequest) -> Result<T> {
    let path = resource_path::<T>(id)?;
    with_attributes(
        request(client, Method::GET, &path),
        &options.attributes,
        &options.excluded_attributes,
    )
    .idempotent(true)
    .send()
    .await
}

pub(crate) async fn list_page<T: Resource>(
    client: &Client,
    list: &ListRequest,
    start_index: Option<u64>,
    count: Option<u32>,
) -> Result<ListResponse<T>> {
    with_attributes(
        request(client, Method::GET, &collection_path::<T>()),
        &list.attributes,
        &list.excluded_attributes,
    )
    .query_opt("filter", list.filter.as_deref())
    .query_opt("sortBy", list.sort_by.as_deref())
    .query_opt("sortOrder", list.sort_order.as_ref().map(|o| o.as_str()))
    .query_opt("startIndex", start_index)
    .query_opt("count", count)
    .idempotent(true)
    .send()
    .await
}

/// Pages through a listing: `startIndex` advances by the number of items received until a
/// page is empty or `totalResults` is reached; items are de-duplicated by id.
pub(crate) fn list<T: Resource>(client: &Client, list: ListRequest) -> Paginator<T> {
    let client = client.clone();
    let list = Arc::new(list);
    let mut anonymous = 0u64;
    Paginator::new(move |page: PageRequest| {
        let client = client.clone();
        let list = Arc::clone(&list);
        async move {
            let start = if page.is_first() {
                list.start_index.unwrap_or(1).max(1)
            } else {
                page.start_index()
            };
            let count = page.page_size.or(list.count);
            let response = list_page::<T>(&client, &list, Some(start), count).await?;
            let received = response.resources.len() as u64;
            let next = start.saturating_add(received);
            let more = received > 0 && response.total_results.is_none_or(|total| next <= total);
            Ok(Page::new(
                response.resources,
                more.then_some(Cursor::ScimIndex(next)),
            ))
        }
    })
    .dedup_by_key(move |item: &T| match item.id_str() {
        Some(id) => Ok(id.to_owned()),
        None => {
            anonymous += 1;
            Err(anonymous)
        }
    })
}

pub(crate) async fn replace<T: Resource>(
    client: &Client,
    id: &str,
    mut resource: T,
) -> Result<Option<T>> {
    let path = resource_path::<T>(id)?;
    resource.fill_schema();
    let body = request(client, Method::PUT, &path)
        .json(&resource)
        .idempotent(true)
        .send_bytes()
        .await?;
    decode_optional("PUT", &path, &body)
}

pub(crate) async fn patch<T: Resource>(
    client: &Client,
    id: &str,
    patch: PatchRequest,
) -> Result<Option<T>> {
    let path = resource_path::<T>(id)?;
    let patch = validate_patch(patch)?;
    let body = request(client, Method::PATCH, &path)
        .json(&patch)
        .idempotent(false)
        .send_bytes()
        .await?;
    decode_optional("PATCH", &path, &body)
}

pub(crate) async fn delete<T: Resource>(client: &Client, id: &str) -> Result<()> {
    let path = resource_path::<T>(id)?;
    client
        .request(Method::DELETE, &path)
        .idempotent(true)
        .send_empty()
        .await
}

/// Rejects patches the service would refuse, and fills in the PatchOp schema.
fn validate_patch(mut patch: PatchRequest) -> Result<PatchRequest> {
    if patch.operations.is_empty() {
        return Err(Error::invalid_input(
            "Operations",
            "a patch needs at least one operation",
        ));
    }
    for (i, op) in patch.operations.iter().enumerate() {
        let no_path = op.path.as_deref().is_none_or(|p| p.trim().is_empty());
        match op.op {
            PatchOp::Remove if no_path => {
                return Err(Error::invalid_input(
                    format!("Operations[{i}].path"),
                    "a remove operation needs a path",
                ));
            }
            PatchOp::Add | PatchOp::Replace if op.value.is_none() => {
                return Err(Error::invalid_input(
                    format!("Operations[{i}].value"),
                    format!("a {} operation needs a value", op.op),
                ));
            }
            _ => {}
        }
    }
    if patch.schemas.is_empty() {
        patch.schemas.push(PatchSchema::PatchOp);
    }
    Ok(patch)
}

/// Rejects a missing or empty required string field before sending.
pub(crate) fn require(field: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(()),
        _ => Err(Error::invalid_input(
            field,
            "is required and must not be empty",
        )),
    }
}
