//! Fuzz target `error_parser`: see `databricks_fuzz::error_parser`.
//!
//! `cargo +nightly fuzz run error_parser` runs it under libFuzzer; a plain `cargo run --bin error_parser`
//! (stable) replays the seeds and the corpus instead.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| databricks_fuzz::error_parser(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    databricks_fuzz::replay_main("error_parser", databricks_fuzz::error_parser)
}
