//! The [`GroupsApi`] handle.

use std::fmt;

use databricks_core::{Client, Error, Method, Result};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::model::Principal;

const CREATE: &str = "/api/2.0/groups/create";
const ADD_MEMBER: &str = "/api/2.0/groups/add-member";
const REMOVE_MEMBER: &str = "/api/2.0/groups/remove-member";
const LIST: &str = "/api/2.0/groups/list";
const LIST_MEMBERS: &str = "/api/2.0/groups/list-members";
const LIST_PARENTS: &str = "/api/2.0/groups/list-parents";
const DELETE: &str = "/api/2.0/groups/delete";

/// The legacy Groups API (`/api/2.0/groups/`): groups and their members, by name.
///
/// Databricks labels this API legacy and recommends SCIM (the `databricks-scim` crate), but it
/// is simpler when names are all you have. Every endpoint needs a workspace admin. Cheap to
/// clone; holds a clone of the [`Client`].
///
/// Before anything is sent, the methods reject empty names and
/// [`Principal::Unrecognized`] with [`Error::InvalidInput`].
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
/// use databricks_groups::{GroupsApi, Principal};
///
/// let groups = GroupsApi::new(Client::from_env()?);
/// groups.create("reporting-team").await?;
/// groups.add_member("reporting-team", Principal::user("alice@example.com")).await?;
/// groups.add_member("reporting-team", Principal::group("contractors")).await?;
/// for member in groups.list_members("reporting-team").await? {
///     println!("{member}");
/// }
/// let parents = groups.list_parents(Principal::user("alice@example.com")).await?;
/// assert!(parents.contains(&"reporting-team".to_string()));
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct GroupsApi {
    client: Client,
}

impl fmt::Debug for GroupsApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GroupsApi").finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct CreateResponse {
    #[serde(default)]
    group_name: Option<String>,
}

#[derive(Deserialize)]
struct GroupNames {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    group_names: Vec<String>,
}

#[derive(Deserialize)]
struct Members {
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    members: Vec<Principal>,
}

fn require_name(field: &str, name: &str) -> Result<()> {
    if name.trim().is_empty() {
        Err(Error::invalid_input(field, "must not be empty"))
    } else {
        Ok(())
    }
}

/// The principal's wire field and name, validated.
fn principal_field(principal: &Principal) -> Result<(&'static str, &str)> {
    let (field, name) = principal.field().ok_or_else(|| {
        Error::invalid_input(
            "user_name",
            "the principal must be a user (user_name) or a group (group_name)",
        )
    })?;
    require_name(field, name)?;
    Ok((field, name))
}

/// `{"user_name"|"group_name": name, "parent_name": parent}`.
fn member_body(parent_name: &str, member: &Principal) -> Result<Value> {
    require_name("parent_name", parent_name)?;
    let (field, name) = principal_field(member)?;
    let mut body = Map::new();
    body.insert(field.to_owned(), Value::String(name.to_owned()));
    body.insert(
        "parent_name".to_owned(),
        Value::String(parent_name.to_owned()),
    );
    Ok(Value::Object(body))
}

impl GroupsApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `POST /api/2.0/groups/create`: creates a group and returns its name.
    ///
    /// Not retried once it may have reached the service. Errors: the group exists
    /// (`RESOURCE_ALREADY_EXISTS`, [`is_already_exists`](Error::is_already_exists)); in an
    /// identity-federated workspace, no account group has this name
    /// (`RESOURCE_DOES_NOT_EXIST`).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_groups::GroupsApi) -> databricks_core::Result<()> {
    /// match groups.create("reporting-team").await {
    ///     Err(e) if e.is_already_exists() => {} // fine, it is there
    ///     other => { other?; }
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, group_name: &str) -> Result<String> {
        require_name("group_name", group_name)?;
        let response: CreateResponse = self
            .client
            .request(Method::POST, CREATE)
            .json(&json!({ "group_name": group_name }))
            .idempotent(false)
            .send()
            .await?;
        Ok(response.group_name.unwrap_or_else(|| group_name.to_owned()))
    }

    /// `POST /api/2.0/groups/add-member`: adds a user or a group (nesting) to `parent_name`.
    ///
    /// Not retried once it may have reached the service. Errors: the member or the parent
    /// does not exist (`RESOURCE_DOES_NOT_EXIST`); account groups in identity-federated
    /// workspaces (`MALFORMED_REQUEST`).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_groups::GroupsApi) -> databricks_core::Result<()> {
    /// use databricks_groups::Principal;
    /// groups.add_member("analytics-readers", Principal::group("reporting-team")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn add_member(&self, parent_name: &str, member: Principal) -> Result<()> {
        let body = member_body(parent_name, &member)?;
        self.client
            .request(Method::POST, ADD_MEMBER)
            .json(&body)
            .idempotent(false)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/groups/remove-member`: removes a user or a group from `parent_name`.
    ///
    /// Not retried once it may have reached the service. Errors: the member, the parent or
    /// the membership does not exist (`RESOURCE_DOES_NOT_EXIST`).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_groups::GroupsApi) -> databricks_core::Result<()> {
    /// use databricks_groups::Principal;
    /// groups.remove_member("reporting-team", Principal::user("alice@example.com")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn remove_member(&self, parent_name: &str, member: Principal) -> Result<()> {
        let body = member_body(parent_name, &member)?;
        self.client
            .request(Method::POST, REMOVE_MEMBER)
            .json(&body)
            .idempotent(false)
            .send_empty()
            .await
    }

    /// `GET /api/2.0/groups/list`: the names of every group in the workspace.
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_groups::GroupsApi) -> databricks_core::Result<()> {
    /// let names = groups.list().await?;
    /// assert!(names.iter().any(|n| n == "admins"));
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Vec<String>> {
        let response: GroupNames = self
            .client
            .request(Method::GET, LIST)
            .idempotent(true)
            .send()
            .await?;
        Ok(response.group_names)
    }

    /// `GET /api/2.0/groups/list-members`: the direct members of a group (not recursive).
    ///
    /// Errors: no such group (`RESOURCE_DOES_NOT_EXIST`).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_groups::GroupsApi) -> databricks_core::Result<()> {
    /// for member in groups.list_members("reporting-team").await? {
    ///     if let Some(user) = member.as_user() {
    ///         println!("user {user}");
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list_members(&self, group_name: &str) -> Result<Vec<Principal>> {
        require_name("group_name", group_name)?;
        let response: Members = self
            .client
            .request(Method::GET, LIST_MEMBERS)
            .query("group_name", group_name)
            .idempotent(true)
            .send()
            .await?;
        Ok(response.members)
    }

    /// `GET /api/2.0/groups/list-parents`: the names of the groups that directly contain a
    /// user or a group (not recursive).
    ///
    /// Errors: no such user or group (`RESOURCE_DOES_NOT_EXIST`).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_groups::GroupsApi) -> databricks_core::Result<()> {
    /// use databricks_groups::Principal;
    /// let parents = groups.list_parents(Principal::group("reporting-team")).await?;
    /// # let _ = parents; Ok(()) }
    /// ```
    pub async fn list_parents(&self, principal: Principal) -> Result<Vec<String>> {
        let (field, name) = principal_field(&principal)?;
        let response: GroupNames = self
            .client
            .request(Method::GET, LIST_PARENTS)
            .query(field, name)
            .idempotent(true)
            .send()
            .await?;
        Ok(response.group_names)
    }

    /// `POST /api/2.0/groups/delete`: deletes a group (its members are not deleted). The
    /// built-in `admins` and `users` groups cannot be deleted.
    ///
    /// Retried on transient failures; a retry after an attempt that did succeed reports
    /// not-found. Errors: no such group (`RESOURCE_DOES_NOT_EXIST`).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_groups::GroupsApi) -> databricks_core::Result<()> {
    /// groups.delete("reporting-team").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, group_name: &str) -> Result<()> {
        require_name("group_name", group_name)?;
        self.client
            .request(Method::POST, DELETE)
            .json(&json!({ "group_name": group_name }))
            .idempotent(true)
            .send_empty()
            .await
    }
}
