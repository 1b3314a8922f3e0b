//! The [`CurrentUserApi`] handle.

use std::fmt;

use databricks_core::{Client, Method, Result};

use super::{BASE, request, with_attributes};
use crate::model::{GetRequest, User};

/// The caller's own user record (`/api/2.0/preview/scim/v2/Me`). Any user may call it.
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_core::Client;
/// use databricks_scim::CurrentUserApi;
///
/// let me = CurrentUserApi::new(Client::from_env()?).me().await?;
/// println!("signed in as {:?}", me.user_name);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct CurrentUserApi {
    client: Client,
}

impl fmt::Debug for CurrentUserApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CurrentUserApi").finish_non_exhaustive()
    }
}

impl CurrentUserApi {
    /// A handle using `client` for transport, authentication and retries.
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The client this handle sends requests through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `GET /Me`: the user (or service principal acting as a user) the credentials belong
    /// to, with its groups and entitlements.
    ///
    /// ```no_run
    /// # async fn demo(me: databricks_scim::CurrentUserApi) -> databricks_core::Result<()> {
    /// let user = me.me().await?;
    /// let admin = user.groups.iter().any(|g| g.display.as_deref() == Some("admins"));
    /// println!("{:?} admin: {admin}", user.user_name);
    /// # Ok(()) }
    /// ```
    pub async fn me(&self) -> Result<User> {
        self.me_with(&GetRequest::default()).await
    }

    /// `GET /Me` with `attributes` / `excludedAttributes`.
    ///
    /// ```no_run
    /// # async fn demo(me: databricks_scim::CurrentUserApi) -> databricks_core::Result<()> {
    /// use databricks_scim::GetRequest;
    /// let user = me.me_with(&GetRequest::new().attributes(["userName"])).await?;
    /// # let _ = user; Ok(()) }
    /// ```
    pub async fn me_with(&self, options: &GetRequest) -> Result<User> {
        let path = format!("{BASE}/Me");
        with_attributes(
            request(&self.client, Method::GET, &path),
            &options.attributes,
            &options.excluded_attributes,
        )
        .idempotent(true)
        .send()
        .await
    }
}
