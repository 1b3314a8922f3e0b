//! # databricks-clusters
//!
//! The Databricks [Clusters API](https://docs.databricks.com/api/workspace/clusters) for the
//! databricks-rs SDK, through [`ClustersApi`]: create, edit, start, restart, resize, terminate
//! and describe clusters (all 17 endpoints on the 2.1 paths, plus cluster permissions), with
//! waiters for the long-running operations and helpers to pick a runtime version and a node
//! type.
//!
//! Most users reach it through the umbrella crate (`databricks::Client::clusters()`, feature
//! `clusters`); this crate is for minimal dependency trees.
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use std::time::Duration;
//! use databricks_clusters::{
//!     ClusterSpec, ClustersApi, NodeTypeRequest, ResizeCluster, SparkVersionRequest,
//! };
//!
//! let clusters = ClustersApi::new(databricks_core::Client::from_env()?);
//!
//! let spark_version = clusters.select_spark_version(SparkVersionRequest::latest_lts()).await?;
//! let node_type = clusters
//!     .select_node_type(NodeTypeRequest { local_disk: true, ..Default::default() })
//!     .await?;
//! let cluster = clusters
//!     .create_and_wait(ClusterSpec {
//!         cluster_name: Some("etl-nightly".into()),
//!         autotermination_minutes: Some(60),
//!         ..ClusterSpec::new(spark_version, node_type, 2)
//!     })
//!     .timeout(Duration::from_secs(30 * 60))
//!     .await?;
//!
//! clusters
//!     .resize_and_wait(ResizeCluster::workers(&cluster.cluster_id, 8))
//!     .await?;
//! clusters.delete_and_wait(&cluster.cluster_id).await?;
//! # Ok(()) }
//! ```
//!
//! ## Waiting
//!
//! Every waiter returns a [`Waiter`](databricks_core::Waiter): nothing is sent until it is
//! awaited, and each call sets its own deadline with `.timeout(..)` (default 20 minutes),
//! its polling with `.poll_interval(..)`, and progress reporting with `.on_progress(..)`.
//!
//! | method | sends | ends when | fails on |
//! |---|---|---|---|
//! | [`wait_until_running`](ClustersApi::wait_until_running) | – | `RUNNING` | `ERROR`, `TERMINATED` |
//! | [`wait_until_terminated`](ClustersApi::wait_until_terminated) | – | `TERMINATED` | `ERROR` |
//! | [`create_and_wait`](ClustersApi::create_and_wait) | `create` | `RUNNING` | `ERROR`, `TERMINATED` |
//! | [`start_and_wait`](ClustersApi::start_and_wait) | `start` | `RUNNING` | `ERROR`, `TERMINATED` |
//! | [`restart_and_wait`](ClustersApi::restart_and_wait) | `restart` | `RUNNING` | `ERROR`, `TERMINATED` |
//! | [`resize_and_wait`](ClustersApi::resize_and_wait) | `resize` | `RUNNING` | `ERROR`, `TERMINATED` |
//! | [`edit_and_wait`](ClustersApi::edit_and_wait), [`update_and_wait`](ClustersApi::update_and_wait) | `edit` / `update` | `RUNNING` (a terminated cluster: at once) | `ERROR`, `TERMINATED` |
//! | [`delete_and_wait`](ClustersApi::delete_and_wait) | `delete` | `TERMINATED` | `ERROR` |
//! | [`ensure_running`](ClustersApi::ensure_running) | `start` when needed | `RUNNING` | `ERROR`, `UNKNOWN`, a failed start |
//!
//! A failure is [`Error::Wait`](databricks_core::Error::Wait): its message is the state
//! message and the termination reason (code, type, parameters), and
//! [`WaitError::last`](databricks_core::WaitError::last) gives the [`ClusterDetails`]. Running
//! out of time is [`Error::Timeout`](databricks_core::Error::Timeout) with the last state.
//!
//! ## Read-modify-write keeps everything
//!
//! [`ClusterSpec`] (the `new_cluster` of Jobs too), [`ClusterDetails`] and the cloud attribute
//! types keep fields this version does not model in their `extra` map.
//! [`ClusterDetails::to_edit`] builds an [`EditCluster`] from the user's spec snapshot (or the
//! settings fields), so `get`, change, `edit` never drops a setting. [`UpdateCluster`] changes
//! only the fields of its `update_mask`.
//!
//! ## Validation
//!
//! Before anything is sent, methods reject with
//! [`Error::InvalidInput`](databricks_core::Error::InvalidInput) naming the JSON field:
//! `num_workers` together with `autoscale`; `autoscale.max_workers` missing or not greater than
//! `min_workers`; negative sizes; `autotermination_minutes` other than 0 or
//! [`AUTOTERMINATION_MINUTES_RANGE`]; more than [`MAX_CUSTOM_TAGS`] custom tags or
//! [`MAX_SSH_PUBLIC_KEYS`] SSH keys; AWS `ebs_volume_count` over [`MAX_EBS_VOLUME_COUNT`],
//! `ebs_volume_size` outside its type's range, `spot_bid_price_percent` over
//! [`MAX_SPOT_BID_PRICE_PERCENT`]; Azure `spot_bid_max_price` neither -1 nor positive; a
//! missing `spark_version` on create and edit; empty ids; an `update_mask` that is empty or
//! has spaces; a resize with neither or both sizes.
//!
//! ## Errors
//!
//! | situation | predicate / code |
//! |---|---|
//! | `get` of an unknown or permanently deleted cluster | [`is_not_found`](databricks_core::Error::is_not_found) (the service's 400 is remapped, as the official SDKs do) |
//! | other calls on an unknown cluster | [`is_invalid_parameter`](databricks_core::Error::is_invalid_parameter) (400 `INVALID_PARAMETER_VALUE`) |
//! | operation not allowed in the current state | `error_code() == INVALID_STATE` (a 400) |
//! | missing permission, non-admin pin/unpin/change-owner | [`is_permission_denied`](databricks_core::Error::is_permission_denied) |
//! | cluster request limits | [`is_rate_limited`](databricks_core::Error::is_rate_limited) or `RESOURCE_LIMIT_EXCEEDED` |
//!
//! ## Retries
//!
//! Reads (`get`, `list`, `events`, the catalogues), `delete` (terminating twice is harmless),
//! `pin`, `unpin` and `change-owner` are retried on transient failures; `create`, `edit`,
//! `update`, `start`, `restart`, `resize` and `permanent-delete` are not retried once they may
//! have reached the service (a repeat would fail with `INVALID_STATE` or create a second
//! cluster).
//!
//! ## Conventions
//!
//! Every enum ([`State`], [`TerminationReasonCode`], [`EventType`], ...) keeps values this
//! version does not know in an `Unrecognized(String)` variant (`UNKNOWN` is a real cluster
//! state, [`State::Unknown`]). Ids are [`ClusterId`], times
//! [`Timestamp`](databricks_core::Timestamp). `list` and `events` are lazy
//! [`Paginator`](databricks_core::Paginator)s.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod model;
mod select;
mod validate;
mod wait;

pub use api::ClustersApi;
pub use model::*;
pub use select::{NodeTypeRequest, SparkVersionRequest};
pub use validate::{
    AUTOTERMINATION_MINUTES_RANGE, MAX_CUSTOM_TAGS, MAX_EBS_VOLUME_COUNT,
    MAX_SPOT_BID_PRICE_PERCENT, MAX_SSH_PUBLIC_KEYS,
};
