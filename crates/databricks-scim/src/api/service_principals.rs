//! The [`ServicePrincipalsApi`] handle.

use std::fmt;

use databricks_core::{Client, Paginator, Result};

use super::require;
use crate::filter::Filter;
use crate::model::{
    GetRequest, ListRequest, ListResponse, PatchRequest, ServicePrincipal, ServicePrincipalId,
};

/// Service principals (`/api/2.0/preview/scim/v2/ServicePrincipals`): identities for
/// automation.
///
/// Cheap to clone; holds a clone of the [`Client`].
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
/// use databricks_scim::{Patch, ServicePrincipal, ServicePrincipalsApi};
///
/// let sps = ServicePrincipalsApi::new(Client::from_env()?);
/// let bot = sps.create(ServicePrincipal::new("ci-bot")).await?;
/// println!("application id {:?}", bot.application_id);
/// let id = bot.id.clone().expect("the service assigns an id");
/// sps.patch(&id, Patch::set_active(false)).await?;
/// sps.delete(&id).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ServicePrincipalsApi {
    client: Client,
}

impl fmt::Debug for ServicePrincipalsApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServicePrincipalsApi")
            .finish_non_exhaustive()
    }
}

impl ServicePrincipalsApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `POST /ServicePrincipals`: creates a service principal and returns it with its id
    /// (and, where Databricks assigns it, its `applicationId`).
    ///
    /// The core schema is added when `schemas` is empty. Not retried once it may have reached
    /// the service. Errors: the `applicationId` is taken (`SCIM_409`,
    /// [`is_already_exists`](databricks_core::Error::is_already_exists)).
    ///
    /// ```no_run
    /// # async fn demo(sps: databricks_scim::ServicePrincipalsApi) -> databricks_core::Result<()> {
    /// use databricks_scim::ServicePrincipal;
    /// let bot = sps
    ///     .create(ServicePrincipal {
    ///         application_id: Some("9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b".into()),
    ///         active: Some(true),
    ///         ..ServicePrincipal::new("ci-bot")
    ///     })
    ///     .await?;
    /// # let _ = bot; Ok(()) }
    /// ```
    pub async fn create(&self, service_principal: ServicePrincipal) -> Result<ServicePrincipal> {
        super::create(&self.client, service_principal).await
    }

    /// `GET /ServicePrincipals/{id}`: one service principal.
    ///
    /// Errors: no such service principal (`SCIM_404`,
    /// [`is_not_found`](databricks_core::Error::is_not_found)).
    ///
    /// ```no_run
    /// # async fn demo(sps: databricks_scim::ServicePrincipalsApi) -> databricks_core::Result<()> {
    /// let sp = sps.get(&"6254217395012234".into()).await?;
    /// # let _ = sp; Ok(()) }
    /// ```
    pub async fn get(&self, id: &ServicePrincipalId) -> Result<ServicePrincipal> {
        self.get_with(id, &GetRequest::default()).await
    }

    /// `GET /ServicePrincipals/{id}` with `attributes` / `excludedAttributes`.
    ///
    /// ```no_run
    /// # async fn demo(sps: databricks_scim::ServicePrincipalsApi) -> databricks_core::Result<()> {
    /// use databricks_scim::GetRequest;
    /// let sp = sps
    ///     .get_with(&"6254217395012234".into(), &GetRequest::new().attributes(["applicationId"]))
    ///     .await?;
    /// # let _ = sp; Ok(()) }
    /// ```
    pub async fn get_with(
        &self,
        id: &ServicePrincipalId,
        options: &GetRequest,
    ) -> Result<ServicePrincipal> {
        super::get(&self.client, id.as_str(), options).await
    }

    /// `GET /ServicePrincipals`: every service principal matching `request`, as a lazy
    /// [`Paginator`] (SCIM paging, de-duplicated by id; see
    /// [`UsersApi::list`](crate::UsersApi::list)).
    ///
    /// ```no_run
    /// # async fn demo(sps: databricks_scim::ServicePrincipalsApi) -> databricks_core::Result<()> {
    /// use databricks_scim::{Filter, ListRequest};
    /// let active = sps
    ///     .list(ListRequest::new().filter(Filter::eq("active", true)))
    ///     .collect_all()
    ///     .await?;
    /// # let _ = active; Ok(()) }
    /// ```
    pub fn list(&self, request: ListRequest) -> Paginator<ServicePrincipal> {
        super::list(&self.client, request)
    }

    /// `GET /ServicePrincipals`: one page as the service returns it.
    ///
    /// ```no_run
    /// # async fn demo(sps: databricks_scim::ServicePrincipalsApi) -> databricks_core::Result<()> {
    /// use databricks_scim::ListRequest;
    /// let page = sps.list_page(&ListRequest::new().count(50)).await?;
    /// # let _ = page; Ok(()) }
    /// ```
    pub async fn list_page(&self, request: &ListRequest) -> Result<ListResponse<ServicePrincipal>> {
        super::list_page(&self.client, request, request.start_index, request.count).await
    }

    /// The service principal with this `applicationId`, if any.
    ///
    /// ```no_run
    /// # async fn demo(sps: databricks_scim::ServicePrincipalsApi) -> databricks_core::Result<()> {
    /// let sp = sps.find_by_application_id("9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b").await?;
    /// # let _ = sp; Ok(()) }
    /// ```
    pub async fn find_by_application_id(
        &self,
        application_id: &str,
    ) -> Result<Option<ServicePrincipal>> {
        require("applicationId", Some(application_id))?;
        let request = ListRequest::new().filter(Filter::eq("applicationId", application_id));
        let page = self.list_page(&request).await?;
        Ok(page.resources.into_iter().next())
    }

    /// `PUT /ServicePrincipals/{id}`: replaces the service principal with `service_principal`.
    /// Returns it when the service sends it back. Retried on transient failures.
    ///
    /// ```no_run
    /// # async fn demo(sps: databricks_scim::ServicePrincipalsApi) -> databricks_core::Result<()> {
    /// let id = "6254217395012234".into();
    /// let mut sp = sps.get(&id).await?;
    /// sp.display_name = Some("release-bot".into());
    /// sps.replace(&id, sp).await?;
    /// # Ok(()) }
    /// ```
    pub async fn replace(
        &self,
        id: &ServicePrincipalId,
        service_principal: ServicePrincipal,
    ) -> Result<Option<ServicePrincipal>> {
        super::replace(&self.client, id.as_str(), service_principal).await
    }

    /// `PATCH /ServicePrincipals/{id}`: applies SCIM patch operations. Validated and
    /// answered as [`UsersApi::patch`](crate::UsersApi::patch).
    ///
    /// ```no_run
    /// # async fn demo(sps: databricks_scim::ServicePrincipalsApi) -> databricks_core::Result<()> {
    /// use databricks_scim::{Entitlement, Patch};
    /// sps.patch(&"6254217395012234".into(), Patch::add_entitlements([Entitlement::AllowClusterCreate]))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn patch(
        &self,
        id: &ServicePrincipalId,
        patch: impl Into<PatchRequest>,
    ) -> Result<Option<ServicePrincipal>> {
        super::patch(&self.client, id.as_str(), patch.into()).await
    }

    /// `DELETE /ServicePrincipals/{id}`: deletes the service principal.
    ///
    /// ```no_run
    /// # async fn demo(sps: databricks_scim::ServicePrincipalsApi) -> databricks_core::Result<()> {
    /// sps.delete(&"6254217395012234".into()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, id: &ServicePrincipalId) -> Result<()> {
        super::delete::<ServicePrincipal>(&self.client, id.as_str()).await
    }
}
