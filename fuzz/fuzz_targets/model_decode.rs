//! Fuzz target `model_decode`: see `databricks_fuzz::model_decode`.
//!
//! `cargo +nightly fuzz run model_decode` runs it under libFuzzer; a plain `cargo run --bin model_decode`
//! (stable) replays the seeds and the corpus instead.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| databricks_fuzz::model_decode(data));

#[cfg(not(fuzzing))]
fn main() -> std::process::ExitCode {
    databricks_fuzz::replay_main("model_decode", databricks_fuzz::model_decode)
}
