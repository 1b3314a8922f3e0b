//! Databricks Workspace API (skeleton; being built).

/// The Workspace API handle (work in progress: endpoints are being added).
#[derive(Debug, Clone)]
pub struct WorkspaceApi {
    #[allow(dead_code)]
    client: databricks_core::Client,
}

impl WorkspaceApi {
    /// Creates the handle over a core client.
    pub fn new(client: databricks_core::Client) -> Self {
        Self { client }
    }
}
