//! Databricks SCIM API (Users, Groups, Service Principals, Me) (skeleton; being built).

/// The SCIM API (Users, Groups, Service Principals, Me) handle (work in progress: endpoints are being added).
#[derive(Debug, Clone)]
pub struct UsersApi {
    #[allow(dead_code)]
    client: databricks_core::Client,
}

impl UsersApi {
    /// Creates the handle over a core client.
    pub fn new(client: databricks_core::Client) -> Self {
        Self { client }
    }
}

/// The SCIM API (Users, Groups, Service Principals, Me) handle (work in progress: endpoints are being added).
#[derive(Debug, Clone)]
pub struct GroupsApi {
    #[allow(dead_code)]
    client: databricks_core::Client,
}

impl GroupsApi {
    /// Creates the handle over a core client.
    pub fn new(client: databricks_core::Client) -> Self {
        Self { client }
    }
}

/// The SCIM API (Users, Groups, Service Principals, Me) handle (work in progress: endpoints are being added).
#[derive(Debug, Clone)]
pub struct ServicePrincipalsApi {
    #[allow(dead_code)]
    client: databricks_core::Client,
}

impl ServicePrincipalsApi {
    /// Creates the handle over a core client.
    pub fn new(client: databricks_core::Client) -> Self {
        Self { client }
    }
}

/// The SCIM API (Users, Groups, Service Principals, Me) handle (work in progress: endpoints are being added).
#[derive(Debug, Clone)]
pub struct CurrentUserApi {
    #[allow(dead_code)]
    client: databricks_core::Client,
}

impl CurrentUserApi {
    /// Creates the handle over a core client.
    pub fn new(client: databricks_core::Client) -> Self {
        Self { client }
    }
}
