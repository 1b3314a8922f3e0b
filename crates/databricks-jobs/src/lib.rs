//! Databricks Jobs API (skeleton; being built).

/// The Jobs API handle (work in progress: endpoints are being added).
#[derive(Debug, Clone)]
pub struct JobsApi {
    #[allow(dead_code)]
    client: databricks_core::Client,
}

impl JobsApi {
    /// Creates the handle over a core client.
    pub fn new(client: databricks_core::Client) -> Self {
        Self { client }
    }
}
