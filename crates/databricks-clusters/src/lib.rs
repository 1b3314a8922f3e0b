//! Databricks Clusters API (skeleton; being built).

/// The Clusters API handle (work in progress: endpoints are being added).
#[derive(Debug, Clone)]
pub struct ClustersApi {
    #[allow(dead_code)]
    client: databricks_core::Client,
}

impl ClustersApi {
    /// Creates the handle over a core client.
    pub fn new(client: databricks_core::Client) -> Self {
        Self { client }
    }
}
