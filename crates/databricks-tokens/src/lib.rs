//! Databricks Tokens API (in progress).
