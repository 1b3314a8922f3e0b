//! Fuzz target `emulator_request`: see `databricks_fuzz::emulator_request`.
//!
//! `cargo +nightly fuzz run emulator_request` runs it under libFuzzer; a plain `cargo run --bin emulator_request`
//! (stable) replays the seeds and the corpus instead.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| databricks_fuzz::emulator_request(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    databricks_fuzz::replay_main("emulator_request", databricks_fuzz::emulator_request)
}
