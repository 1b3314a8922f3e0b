//! Picking a runtime version and a node type: [`SparkVersionRequest`], [`NodeTypeRequest`].

use std::cmp::Ordering;

use databricks_core::{Error, Result};

use crate::api::ClustersApi;
use crate::model::{NodeType, SparkVersion};

/// Criteria to pick a runtime version from `spark-versions`, as the official SDKs'
/// `select_spark_version` does.
///
/// Each flag must match exactly: `ml: false` excludes ML runtimes, `ml: true` keeps only them
/// (likewise `gpu`, `photon`, `genomics`, `graviton`, `beta`). `long_term_support` keeps only
/// LTS versions; `spark_version` keeps versions of that Apache Spark release; `scala` keeps
/// keys containing `-scala<scala>` (the default `2.1` matches 2.12 and 2.13). When several
/// versions match, `latest` picks the newest; without it, several matches are an error.
///
/// ```
/// use databricks_clusters::{SparkVersion, SparkVersionRequest};
///
/// let versions: Vec<SparkVersion> = serde_json::from_value(serde_json::json!([
///     {"key": "15.4.x-scala2.12", "name": "15.4 LTS (includes Apache Spark 3.5.0, Scala 2.12)"},
///     {"key": "16.1.x-scala2.12", "name": "16.1 (includes Apache Spark 3.5.0, Scala 2.12)"},
///     {"key": "15.4.x-cpu-ml-scala2.12", "name": "15.4 LTS ML (includes Apache Spark 3.5.0, Scala 2.12)"},
/// ])).unwrap();
/// assert_eq!(SparkVersionRequest::latest_lts().select(&versions).unwrap(), "15.4.x-scala2.12");
/// assert_eq!(SparkVersionRequest::default().select(&versions).unwrap(), "16.1.x-scala2.12");
/// let ml = SparkVersionRequest { ml: true, ..Default::default() };
/// assert_eq!(ml.select(&versions).unwrap(), "15.4.x-cpu-ml-scala2.12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SparkVersionRequest {
    /// Pick the newest of several matches (default `true`).
    pub latest: bool,
    /// Only long-term-support versions.
    pub long_term_support: bool,
    /// Beta versions (only them when `true`, none when `false`).
    pub beta: bool,
    /// ML runtimes (key contains `-ml-`).
    pub ml: bool,
    /// Genomics runtimes (key contains `-hls-`).
    pub genomics: bool,
    /// GPU runtimes (key contains `-gpu-`).
    pub gpu: bool,
    /// Legacy Photon runtimes (key contains `-photon-`); prefer `runtime_engine: PHOTON`.
    pub photon: bool,
    /// Graviton runtimes (key contains `-aarch64-`).
    pub graviton: bool,
    /// Scala version prefix matched against `-scala<scala>` (default `2.1`).
    pub scala: String,
    /// Apache Spark version, matched against `Apache Spark <version>` in the name.
    pub spark_version: Option<String>,
}

impl Default for SparkVersionRequest {
    fn default() -> Self {
        Self {
            latest: true,
            long_term_support: false,
            beta: false,
            ml: false,
            genomics: false,
            gpu: false,
            photon: false,
            graviton: false,
            scala: "2.1".to_owned(),
            spark_version: None,
        }
    }
}

impl SparkVersionRequest {
    /// The newest long-term-support version (the usual choice).
    pub fn latest_lts() -> Self {
        Self {
            long_term_support: true,
            ..Self::default()
        }
    }

    /// Whether `version` meets the criteria.
    pub fn matches(&self, version: &SparkVersion) -> bool {
        let key = version.key.as_str();
        let name = version.name.as_str();
        key.contains(&format!("-scala{}", self.scala))
            && !key.contains("apache-spark-")
            && key.contains("-ml-") == self.ml
            && key.contains("-hls-") == self.genomics
            && key.contains("-gpu-") == self.gpu
            && key.contains("-photon-") == self.photon
            && key.contains("-aarch64-") == self.graviton
            && name.contains("Beta") == self.beta
            && (!self.long_term_support || name.contains("LTS") || key.contains("-esr-"))
            && self
                .spark_version
                .as_deref()
                .is_none_or(|v| name.contains(&format!("Apache Spark {v}")))
    }

    /// Picks the key of the matching version among `versions`. Fails with
    /// [`Error::InvalidInput`] when nothing matches, or when several match and `latest` is
    /// `false`.
    pub fn select(&self, versions: &[SparkVersion]) -> Result<String> {
        let mut keys: Vec<&str> = versions
            .iter()
            .filter(|v| self.matches(v))
            .map(|v| v.key.as_str())
            .collect();
        if keys.is_empty() {
            return Err(Error::invalid_input(
                "spark_version",
                format!(
                    "no runtime version matches {self:?} among {} available versions",
                    versions.len()
                ),
            ));
        }
        if self.latest {
            keys.sort_by(|a, b| compare_runtime(b, a).then_with(|| a.cmp(b)));
            return Ok(keys[0].to_owned());
        }
        let mut distinct: Vec<String> = keys
            .iter()
            .map(|k| k.replace("-scala2.12", "").replace("-scala2.13", ""))
            .collect();
        distinct.sort();
        distinct.dedup();
        if distinct.len() > 1 {
            return Err(Error::invalid_input(
                "spark_version",
                format!(
                    "several runtime versions match ({}); narrow the criteria or set latest",
                    keys.join(", ")
                ),
            ));
        }
        keys.sort_unstable();
        Ok(keys[0].to_owned())
    }
}

/// The `major.minor` of a runtime key such as `15.4.x-scala2.12`.
fn runtime_version(key: &str) -> Option<(u32, u32)> {
    let (version, rest) = key.split_once(".x-")?;
    let _ = rest;
    let (major, minor) = version.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

fn compare_runtime(a: &str, b: &str) -> Ordering {
    match (runtime_version(a), runtime_version(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Greater,
        (None, Some(_)) => Ordering::Less,
        (None, None) => Ordering::Equal,
    }
}

/// Criteria to pick the smallest node type from `list-node-types`, as the official SDKs'
/// `select_node_type` does.
///
/// Node types are ranked smallest first (not deprecated, then fewest cores, least memory,
/// fewest and smallest local disks, fewest GPUs, then by id), types the cloud provider reports
/// as unavailable are skipped, and the first that meets every criterion wins. With
/// `min_gpus: 0`, GPU types are excluded.
///
/// ```
/// use databricks_clusters::{NodeType, NodeTypeRequest};
///
/// let types: Vec<NodeType> = serde_json::from_value(serde_json::json!([
///     {"node_type_id": "m5.large", "memory_mb": 8192, "num_cores": 2.0, "category": "General Purpose",
///      "description": "m5.large", "instance_type_id": "m5.large"},
///     {"node_type_id": "i3.xlarge", "memory_mb": 31232, "num_cores": 4.0, "category": "Storage Optimized",
///      "description": "i3.xlarge", "instance_type_id": "i3.xlarge",
///      "node_instance_type": {"instance_type_id": "i3.xlarge", "local_disks": 1, "local_disk_size_gb": 950}},
/// ])).unwrap();
/// assert_eq!(NodeTypeRequest::default().select(&types).unwrap(), "m5.large");
/// let with_disk = NodeTypeRequest { local_disk: true, ..Default::default() };
/// assert_eq!(with_disk.select(&types).unwrap(), "i3.xlarge");
/// let big = NodeTypeRequest { min_memory_gb: 64, ..Default::default() };
/// assert!(big.select(&types).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NodeTypeRequest {
    /// At least this much memory, in GB.
    pub min_memory_gb: i32,
    /// At least this much memory per core, in GB.
    pub gb_per_core: i32,
    /// At least this many cores.
    pub min_cores: i32,
    /// At least this many GPUs (0: no GPU types).
    pub min_gpus: i32,
    /// With local disks.
    pub local_disk: bool,
    /// With at least this much local disk, in GB.
    pub local_disk_min_size: i32,
    /// In this category (case-insensitive), e.g. `General Purpose`.
    pub category: Option<String>,
    /// Able to run Photon workers.
    pub photon_worker_capable: bool,
    /// Able to run a Photon driver.
    pub photon_driver_capable: bool,
    /// Graviton types (only them when `true`, none when `false`).
    pub graviton: bool,
    /// With the disk cache enabled.
    pub is_io_cache_enabled: bool,
    /// Supporting port forwarding.
    pub support_port_forwarding: bool,
    /// AWS fleet types (id containing `-fleet.`; only them when `true`, none when `false`).
    pub fleet: bool,
}

impl NodeTypeRequest {
    /// Whether `t` meets the criteria (availability aside).
    pub fn matches(&self, t: &NodeType) -> bool {
        let gb = t.memory_mb / 1024;
        let cores = t.num_cores;
        let disks = t.node_instance_type.as_ref();
        if self.fleet != t.node_type_id.contains("-fleet.") {
            return false;
        }
        if self.min_memory_gb > 0 && gb < self.min_memory_gb {
            return false;
        }
        if self.gb_per_core > 0
            && (cores <= 0.0 || f64::from(gb) / cores < f64::from(self.gb_per_core))
        {
            return false;
        }
        if self.min_cores > 0 && cores < f64::from(self.min_cores) {
            return false;
        }
        if (self.min_gpus > 0 && t.num_gpus < self.min_gpus)
            || (self.min_gpus == 0 && t.num_gpus > 0)
        {
            return false;
        }
        if (self.local_disk || self.local_disk_min_size > 0)
            && disks.is_none_or(|_| t.local_disks() < 1)
        {
            return false;
        }
        if self.local_disk_min_size > 0 && t.local_disk_size_gb() < self.local_disk_min_size {
            return false;
        }
        if let Some(category) = &self.category {
            if !t.category.eq_ignore_ascii_case(category) {
                return false;
            }
        }
        (!self.is_io_cache_enabled || t.is_io_cache_enabled)
            && (!self.support_port_forwarding || t.support_port_forwarding)
            && (!self.photon_driver_capable || t.photon_driver_capable)
            && (!self.photon_worker_capable || t.photon_worker_capable)
            && t.is_graviton == self.graviton
    }

    /// Picks the id of the smallest matching, available node type among `types`. Fails with
    /// [`Error::InvalidInput`] when none matches.
    pub fn select(&self, types: &[NodeType]) -> Result<String> {
        let mut ranked: Vec<&NodeType> = types.iter().collect();
        ranked.sort_by(|a, b| rank(a).partial_cmp(&rank(b)).unwrap_or(Ordering::Equal));
        ranked
            .into_iter()
            .find(|t| !t.is_unavailable() && self.matches(t))
            .map(|t| t.node_type_id.clone())
            .ok_or_else(|| {
                Error::invalid_input(
                    "node_type_id",
                    format!(
                        "no node type matches {self:?} among {} available node types",
                        types.len()
                    ),
                )
            })
    }
}

type Rank<'a> = (bool, f64, i32, i32, i32, i32, i32, i32, &'a str);

fn rank(t: &NodeType) -> Rank<'_> {
    let d = t.node_instance_type.as_ref();
    (
        t.is_deprecated,
        t.num_cores,
        t.memory_mb,
        d.and_then(|d| d.local_disks).unwrap_or(0),
        d.and_then(|d| d.local_disk_size_gb).unwrap_or(0),
        d.and_then(|d| d.local_nvme_disks).unwrap_or(0),
        d.and_then(|d| d.local_nvme_disk_size_gb).unwrap_or(0),
        t.num_gpus,
        t.node_type_id.as_str(),
    )
}

impl ClustersApi {
    /// Picks a runtime version key from [`spark_versions`](Self::spark_versions); see
    /// [`SparkVersionRequest`]. Fails with [`Error::InvalidInput`] when nothing matches.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::SparkVersionRequest;
    ///
    /// let lts = clusters.select_spark_version(SparkVersionRequest::latest_lts()).await?;
    /// let ml_gpu = clusters
    ///     .select_spark_version(SparkVersionRequest { ml: true, gpu: true, ..Default::default() })
    ///     .await?;
    /// # let _ = (lts, ml_gpu); Ok(()) }
    /// ```
    pub async fn select_spark_version(&self, request: SparkVersionRequest) -> Result<String> {
        request.select(&self.spark_versions().await?)
    }

    /// Picks the smallest node type id from [`list_node_types`](Self::list_node_types) that
    /// meets the criteria; see [`NodeTypeRequest`]. Fails with [`Error::InvalidInput`] when
    /// none does.
    ///
    /// ```no_run
    /// # async fn demo(clusters: databricks_clusters::ClustersApi) -> databricks_core::Result<()> {
    /// use databricks_clusters::NodeTypeRequest;
    ///
    /// let node = clusters
    ///     .select_node_type(NodeTypeRequest { min_memory_gb: 32, local_disk: true, ..Default::default() })
    ///     .await?;
    /// # let _ = node; Ok(()) }
    /// ```
    pub async fn select_node_type(&self, request: NodeTypeRequest) -> Result<String> {
        request.select(&self.list_node_types().await?)
    }
}
