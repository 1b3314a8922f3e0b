//! Databricks emulator (in progress).
