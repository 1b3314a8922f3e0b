//! Shared helpers for the wire tests: the workspace test kit.

pub use databricks_testkit::*;
