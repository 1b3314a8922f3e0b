//! The SCIM [`GroupsApi`] handle.

use std::fmt;

use databricks_core::{Client, Paginator, Result};

use super::require;
use crate::filter::Filter;
use crate::model::{GetRequest, Group, GroupId, ListRequest, ListResponse, PatchRequest};

/// Workspace groups through SCIM (`/api/2.0/preview/scim/v2/Groups`).
///
/// Members are referenced by id (users, groups and service principals alike); the legacy,
/// name-based Groups API is the `databricks-groups` crate. Cheap to clone; holds a clone of
/// the [`Client`].
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
/// use databricks_scim::{Group, GroupsApi, Patch};
///
/// let groups = GroupsApi::new(Client::from_env()?);
/// let team = groups.create(Group::new("reporting-team")).await?;
/// let id = team.id.clone().expect("the service assigns an id");
/// groups.patch(&id, Patch::add_members(["5301847720154433"])).await?;
/// groups.patch(&id, Patch::remove_member("5301847720154433")).await?;
/// groups.delete(&id).await?;
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

impl GroupsApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `POST /Groups`: creates a group and returns it with its id.
    ///
    /// `displayName` is required; `members` sets the initial direct members (by id). The core
    /// group schema is added when `schemas` is empty. Not retried once it may have reached
    /// the service.
    ///
    /// Errors: a group with this name exists (`SCIM_409`,
    /// [`is_already_exists`](databricks_core::Error::is_already_exists)); an unknown member
    /// (`SCIM_404` or `SCIM_400`).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_scim::GroupsApi) -> databricks_core::Result<()> {
    /// use databricks_scim::{ComplexValue, Entitlement, Group};
    ///
    /// let analysts = groups
    ///     .create(Group {
    ///         members: vec![ComplexValue::new("5301847720154433")],
    ///         entitlements: vec![ComplexValue::entitlement(Entitlement::DatabricksSqlAccess)],
    ///         ..Group::new("analysts")
    ///     })
    ///     .await?;
    /// # let _ = analysts; Ok(()) }
    /// ```
    pub async fn create(&self, group: Group) -> Result<Group> {
        require("displayName", group.display_name.as_deref())?;
        super::create(&self.client, group).await
    }

    /// `GET /Groups/{id}`: one group with its direct members.
    ///
    /// Errors: no such group (`SCIM_404`, [`is_not_found`](databricks_core::Error::is_not_found)).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_scim::GroupsApi) -> databricks_core::Result<()> {
    /// let group = groups.get(&"811574390275099".into()).await?;
    /// for member in &group.members {
    ///     println!("{:?} ({:?})", member.display, member.reference);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &GroupId) -> Result<Group> {
        self.get_with(id, &GetRequest::default()).await
    }

    /// `GET /Groups/{id}` with `attributes` / `excludedAttributes`.
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_scim::GroupsApi) -> databricks_core::Result<()> {
    /// use databricks_scim::GetRequest;
    /// let members_only = groups
    ///     .get_with(&"811574390275099".into(), &GetRequest::new().attributes(["members"]))
    ///     .await?;
    /// # let _ = members_only; Ok(()) }
    /// ```
    pub async fn get_with(&self, id: &GroupId, options: &GetRequest) -> Result<Group> {
        super::get(&self.client, id.as_str(), options).await
    }

    /// `GET /Groups`: every group matching `request`, as a lazy [`Paginator`] (SCIM
    /// `startIndex`/`count` paging, de-duplicated by id; see
    /// [`UsersApi::list`](crate::UsersApi::list)).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_scim::GroupsApi) -> databricks_core::Result<()> {
    /// use databricks_scim::{Filter, ListRequest};
    /// let data_groups = groups
    ///     .list(ListRequest::new().filter(Filter::sw("displayName", "data-")))
    ///     .collect_all()
    ///     .await?;
    /// # let _ = data_groups; Ok(()) }
    /// ```
    pub fn list(&self, request: ListRequest) -> Paginator<Group> {
        super::list(&self.client, request)
    }

    /// `GET /Groups`: one page as the service returns it.
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_scim::GroupsApi) -> databricks_core::Result<()> {
    /// use databricks_scim::ListRequest;
    /// let page = groups.list_page(&ListRequest::new().count(10)).await?;
    /// println!("{:?} groups", page.total_results);
    /// # Ok(()) }
    /// ```
    pub async fn list_page(&self, request: &ListRequest) -> Result<ListResponse<Group>> {
        super::list_page(&self.client, request, request.start_index, request.count).await
    }

    /// The group with this `displayName`, if any (a `displayName eq "..."` listing).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_scim::GroupsApi) -> databricks_core::Result<()> {
    /// let admins = groups.find_by_name("admins").await?;
    /// # let _ = admins; Ok(()) }
    /// ```
    pub async fn find_by_name(&self, display_name: &str) -> Result<Option<Group>> {
        require("displayName", Some(display_name))?;
        let request = ListRequest::new().filter(Filter::eq("displayName", display_name));
        let page = self.list_page(&request).await?;
        Ok(page.resources.into_iter().next())
    }

    /// `PUT /Groups/{id}`: replaces the group (name, members, entitlements, roles) with
    /// `group`. Returns the group when the service sends it back. Retried on transient
    /// failures.
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_scim::GroupsApi) -> databricks_core::Result<()> {
    /// let id = "811574390275099".into();
    /// let mut group = groups.get(&id).await?;
    /// group.members.retain(|m| m.value.as_deref() != Some("5301847720154433"));
    /// groups.replace(&id, group).await?;
    /// # Ok(()) }
    /// ```
    pub async fn replace(&self, id: &GroupId, group: Group) -> Result<Option<Group>> {
        super::replace(&self.client, id.as_str(), group).await
    }

    /// `PATCH /Groups/{id}`: adds or removes members, entitlements and roles, renames.
    ///
    /// Validated and answered as [`UsersApi::patch`](crate::UsersApi::patch).
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_scim::GroupsApi) -> databricks_core::Result<()> {
    /// use databricks_scim::Patch;
    /// groups
    ///     .patch(
    ///         &"811574390275099".into(),
    ///         vec![Patch::add_members(["5301847720154433"]), Patch::remove_member("42")],
    ///     )
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn patch(
        &self,
        id: &GroupId,
        patch: impl Into<PatchRequest>,
    ) -> Result<Option<Group>> {
        super::patch(&self.client, id.as_str(), patch.into()).await
    }

    /// `DELETE /Groups/{id}`: deletes the group (its members are not deleted). The built-in
    /// `admins` and `users` groups cannot be deleted.
    ///
    /// ```no_run
    /// # async fn demo(groups: databricks_scim::GroupsApi) -> databricks_core::Result<()> {
    /// groups.delete(&"811574390275099".into()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, id: &GroupId) -> Result<()> {
        super::delete::<Group>(&self.client, id.as_str()).await
    }
}
