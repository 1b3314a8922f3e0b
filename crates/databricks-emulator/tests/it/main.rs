//! Integration tests: the emulator over real HTTP.

// Helpers outside #[test] functions unwrap too; failing loudly is what tests should do.
#![allow(clippy::unwrap_used)]

mod auth;
mod clusters;
mod common;
mod faults;
mod files;
mod jobs_triggers;
mod persistence;
mod secrets;
mod token_management;
mod tokens;
mod wire;
