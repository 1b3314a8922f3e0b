//! Databricks Instance Profiles API (skeleton; being built).

/// The Instance Profiles API handle (work in progress: endpoints are being added).
#[derive(Debug, Clone)]
pub struct InstanceProfilesApi {
    #[allow(dead_code)]
    client: databricks_core::Client,
}

impl InstanceProfilesApi {
    /// Creates the handle over a core client.
    pub fn new(client: databricks_core::Client) -> Self {
        Self { client }
    }
}
