//! Databricks DBFS API (skeleton; being built).

/// The DBFS API handle (work in progress: endpoints are being added).
#[derive(Debug, Clone)]
pub struct DbfsApi {
    #[allow(dead_code)]
    client: databricks_core::Client,
}

impl DbfsApi {
    /// Creates the handle over a core client.
    pub fn new(client: databricks_core::Client) -> Self {
        Self { client }
    }
}
