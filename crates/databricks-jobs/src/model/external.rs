//! Types owned by other family crates and reused here: the cluster specification of the
//! Clusters API (`new_cluster`) and the library specification of the Libraries API.

pub use databricks_clusters::ClusterSpec;
pub use databricks_libraries::Library;
