//! Databricks Groups API (legacy 2.0) (skeleton; being built).

/// The Groups API (legacy 2.0) handle (work in progress: endpoints are being added).
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
