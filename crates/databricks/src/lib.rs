//! databricks umbrella (in progress).
