//! Databricks Libraries API (skeleton; being built).

/// The Libraries API handle (work in progress: endpoints are being added).
#[derive(Debug, Clone)]
pub struct LibrariesApi {
    #[allow(dead_code)]
    client: databricks_core::Client,
}

impl LibrariesApi {
    /// Creates the handle over a core client.
    pub fn new(client: databricks_core::Client) -> Self {
        Self { client }
    }
}
