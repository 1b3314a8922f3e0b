//! # databricks-libraries
//!
//! The Databricks [Libraries API](https://docs.databricks.com/api/workspace/libraries) for the
//! databricks-rs SDK, through [`LibrariesApi`]: install and uninstall libraries on clusters,
//! read their statuses, and wait for installs. The [`Library`] spec is also the one Jobs tasks
//! use.
//!
//! Most users reach it through the umbrella crate (`databricks::Client::libraries()`, feature
//! `libraries`).
//!
//! ```no_run
//! # async fn demo() -> databricks_core::Result<()> {
//! use databricks_libraries::{
//!     InstallLibraries, LibrariesApi, Library, MavenLibrary, UninstallLibraries,
//! };
//!
//! let libraries = LibrariesApi::new(databricks_core::Client::from_env()?);
//! let cluster_id = "0923-164208-meows279";
//! libraries
//!     .install_and_wait(InstallLibraries::new(
//!         cluster_id,
//!         [
//!             Library::pypi("simplejson==3.19.2"),
//!             Library::from(MavenLibrary::new("org.jsoup:jsoup:1.17.2").with_exclusions(["slf4j:slf4j"])),
//!             Library::whl("/Workspace/Shared/wheels/etl_lib-0.3.0-py3-none-any.whl"),
//!         ],
//!     ))
//!     .await?;
//! libraries
//!     .uninstall(UninstallLibraries::new(cluster_id, [Library::pypi("simplejson==3.19.2")]))
//!     .await?; // removed at the next restart
//! # Ok(()) }
//! ```
//!
//! ## Waiting
//!
//! [`wait_until_installed`](LibrariesApi::wait_until_installed) and
//! [`install_and_wait`](LibrariesApi::install_and_wait) return a
//! [`Waiter`](databricks_core::Waiter) (set `.timeout(..)` per call). They end when no library
//! is `PENDING`, `RESOLVING` or `INSTALLING`; `INSTALLED`, `SKIPPED`, `UNINSTALL_ON_RESTART`
//! and `RESTORED` are fine, `FAILED` ends the wait with
//! [`Error::Wait`](databricks_core::Error::Wait) naming every failed library with its
//! messages. Libraries install only on a running cluster: start it first (for example with
//! `ClustersApi::ensure_running` of `databricks-clusters`).
//!
//! ## Validation
//!
//! Before anything is sent: a non-empty cluster id, at least one library, each setting exactly
//! one of `jar`, `egg`, `whl`, `pypi`, `maven`, `cran`, `requirements` with a non-empty value,
//! Maven coordinates `group:artifact:version`, and `requirements` an absolute workspace or
//! `/Volumes/` path. Failures are
//! [`Error::InvalidInput`](databricks_core::Error::InvalidInput) naming the field
//! (`libraries[2].maven.coordinates`).
//!
//! ## Forward compatibility
//!
//! [`LibraryInstallStatus`] keeps unknown values in `Unrecognized`; a [`Library`] of a kind
//! this version does not know keeps it in `extra` and sends it back unchanged.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod api;
mod model;
mod validate;

pub use api::LibrariesApi;
pub use model::*;
