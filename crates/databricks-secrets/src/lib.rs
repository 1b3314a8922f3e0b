//! Databricks Secrets API (in progress).
