//! The [`UsersApi`] handle.

use std::fmt;

use databricks_core::{Client, Paginator, Result};

use super::require;
use crate::filter::Filter;
use crate::model::{GetRequest, ListRequest, ListResponse, PatchRequest, User, UserId};

/// Workspace users (`/api/2.0/preview/scim/v2/Users`).
///
/// Cheap to clone; holds a clone of the [`Client`]. Creating, changing and deleting users
/// needs a workspace admin.
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
/// use databricks_scim::{Filter, ListRequest, Patch, User, UsersApi};
///
/// let users = UsersApi::new(Client::from_env()?);
/// let bob = users.create(User::new("bob@example.com")).await?;
/// let id = bob.id.clone().expect("the service assigns an id");
/// users.patch(&id, Patch::set_active(false)).await?;
///
/// let inactive = users
///     .list(ListRequest::new().filter(Filter::eq("active", false)))
///     .collect_all()
///     .await?;
/// # let _ = inactive;
/// users.delete(&id).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct UsersApi {
    client: Client,
}

impl fmt::Debug for UsersApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsersApi").finish_non_exhaustive()
    }
}

impl UsersApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `POST /Users`: creates a user (also added to the account) and returns it with its id.
    ///
    /// `userName` is required. The core user schema is added when `schemas` is empty. `groups`
    /// adds the new user to those groups. Not retried once it may have reached the service.
    ///
    /// Errors: a user with this `userName` exists (`SCIM_409`,
    /// [`is_already_exists`](databricks_core::Error::is_already_exists)); invalid payload
    /// (`SCIM_400`).
    ///
    /// ```no_run
    /// # async fn demo(users: databricks_scim::UsersApi) -> databricks_core::Result<()> {
    /// use databricks_scim::{ComplexValue, Entitlement, User};
    ///
    /// let alice = users
    ///     .create(User {
    ///         display_name: Some("Alice Example".into()),
    ///         entitlements: vec![ComplexValue::entitlement(Entitlement::AllowClusterCreate)],
    ///         ..User::new("alice@example.com")
    ///     })
    ///     .await?;
    /// println!("created {:?}", alice.id);
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, user: User) -> Result<User> {
        require("userName", user.user_name.as_deref())?;
        super::create(&self.client, user).await
    }

    /// `GET /Users/{id}`: one user.
    ///
    /// Errors: no such user (`SCIM_404`, [`is_not_found`](databricks_core::Error::is_not_found)).
    ///
    /// ```no_run
    /// # async fn demo(users: databricks_scim::UsersApi) -> databricks_core::Result<()> {
    /// let user = users.get(&"7429163885512347".into()).await?;
    /// println!("{:?} in {} groups", user.user_name, user.groups.len());
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &UserId) -> Result<User> {
        self.get_with(id, &GetRequest::default()).await
    }

    /// `GET /Users/{id}` with `attributes` / `excludedAttributes`.
    ///
    /// ```no_run
    /// # async fn demo(users: databricks_scim::UsersApi) -> databricks_core::Result<()> {
    /// use databricks_scim::GetRequest;
    /// let slim = users
    ///     .get_with(&"7429163885512347".into(), &GetRequest::new().excluded_attributes(["groups"]))
    ///     .await?;
    /// # let _ = slim; Ok(()) }
    /// ```
    pub async fn get_with(&self, id: &UserId, options: &GetRequest) -> Result<User> {
        super::get(&self.client, id.as_str(), options).await
    }

    /// `GET /Users`: every user matching `request`, as a lazy [`Paginator`].
    ///
    /// Pages with `startIndex` (1-based) and `count` (the paginator's
    /// [`page_size`](Paginator::page_size), else `request.count`, else the service's
    /// default), until a page is empty or `totalResults` is reached. Users are de-duplicated
    /// by id, so one that shifts to the next page while the list changes is yielded once.
    ///
    /// ```no_run
    /// # async fn demo(users: databricks_scim::UsersApi) -> databricks_core::Result<()> {
    /// use databricks_scim::{Filter, ListRequest};
    /// use futures_util::TryStreamExt;
    ///
    /// let mut stream = users
    ///     .list(ListRequest::new().filter(Filter::co("userName", "@example.com")).sort_by("userName"))
    ///     .page_size(100);
    /// while let Some(user) = stream.try_next().await? {
    ///     println!("{:?}", user.user_name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self, request: ListRequest) -> Paginator<User> {
        super::list(&self.client, request)
    }

    /// `GET /Users`: one page as the service returns it (`totalResults`, `itemsPerPage`,
    /// `startIndex`, `Resources`), at `request.start_index` with `request.count` items.
    ///
    /// ```no_run
    /// # async fn demo(users: databricks_scim::UsersApi) -> databricks_core::Result<()> {
    /// use databricks_scim::ListRequest;
    /// let page = users.list_page(&ListRequest::new().count(1).attributes(["id"])).await?;
    /// println!("{:?} users in the workspace", page.total_results);
    /// # Ok(()) }
    /// ```
    pub async fn list_page(&self, request: &ListRequest) -> Result<ListResponse<User>> {
        super::list_page(&self.client, request, request.start_index, request.count).await
    }

    /// The user with this `userName`, if any (a `userName eq "..."` listing).
    ///
    /// ```no_run
    /// # async fn demo(users: databricks_scim::UsersApi) -> databricks_core::Result<()> {
    /// if let Some(user) = users.find_by_user_name("bob@example.com").await? {
    ///     println!("bob is {:?}", user.id);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn find_by_user_name(&self, user_name: &str) -> Result<Option<User>> {
        require("userName", Some(user_name))?;
        let request = ListRequest::new().filter(Filter::eq("userName", user_name));
        let page = self.list_page(&request).await?;
        Ok(page.resources.into_iter().next())
    }

    /// `PUT /Users/{id}`: replaces the user's attributes with `user` (read it, change it, send
    /// it back). `userName` and `emails` cannot be changed this way (the service ignores
    /// changes).
    ///
    /// Returns the user when the service sends it back, `None` on an empty answer. Retried on
    /// transient failures (replacing twice has the same effect).
    ///
    /// ```no_run
    /// # async fn demo(users: databricks_scim::UsersApi) -> databricks_core::Result<()> {
    /// let id = "7429163885512347".into();
    /// let mut user = users.get(&id).await?;
    /// user.display_name = Some("Robert Example".into());
    /// users.replace(&id, user).await?;
    /// # Ok(()) }
    /// ```
    pub async fn replace(&self, id: &UserId, user: User) -> Result<Option<User>> {
        super::replace(&self.client, id.as_str(), user).await
    }

    /// `PATCH /Users/{id}`: applies SCIM patch operations (`add`, `remove`, `replace`).
    ///
    /// Takes one [`Patch`](crate::Patch), a `Vec` or an array of them, or a [`PatchRequest`].
    /// Rejected before sending: no operations, a `remove` without a path, an `add` or
    /// `replace` without a value. Returns the user when the service sends it back (200),
    /// `None` on 204. Not retried once it may have reached the service.
    ///
    /// ```no_run
    /// # async fn demo(users: databricks_scim::UsersApi) -> databricks_core::Result<()> {
    /// use databricks_scim::{Entitlement, Patch};
    ///
    /// users
    ///     .patch(
    ///         &"7429163885512347".into(),
    ///         [
    ///             Patch::add_entitlements([Entitlement::DatabricksSqlAccess]),
    ///             Patch::remove_entitlement(Entitlement::AllowClusterCreate),
    ///             Patch::set_active(true),
    ///         ],
    ///     )
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn patch(&self, id: &UserId, patch: impl Into<PatchRequest>) -> Result<Option<User>> {
        super::patch(&self.client, id.as_str(), patch.into()).await
    }

    /// `DELETE /Users/{id}`: deletes the user (objects associated with the user are removed
    /// as well).
    ///
    /// Retried on transient failures; a retry after an attempt that did succeed reports
    /// not-found.
    ///
    /// ```no_run
    /// # async fn demo(users: databricks_scim::UsersApi) -> databricks_core::Result<()> {
    /// users.delete(&"7429163885512347".into()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, id: &UserId) -> Result<()> {
        super::delete::<User>(&self.client, id.as_str()).await
    }
}
