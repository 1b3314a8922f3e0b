//! Credential providers.
