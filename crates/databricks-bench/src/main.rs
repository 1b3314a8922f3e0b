//! `databricks-bench`: the databricks-rs SDK measured against bare reqwest making the same
//! requests to the same server, in the same run.
//!
//! ```text
//! cargo run --release -p databricks-bench -- [SCENARIO...] [--host URL --token T] [--quick] [--runs N]
//! ```
//!
//! Without `--host` it starts its own emulator (in-process; the `emulator` scenario starts a
//! second one as a child process, to read that process's memory). Every measurement runs in a
//! child process (this binary with a hidden `--child` flag), so the peak RSS of the SDK and of
//! the baseline are measured apart. Each row runs one warm-up round, then `--runs` measured
//! rounds (the order of the variants alternating), and the table shows the median. See
//! `BENCHMARKS.md` at the repository root for the scenarios, targets and recorded results.

mod bare;
mod child;
mod cli;
mod mem;
mod report;
mod run;
mod source;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mode = match cli::parse(std::env::args().skip(1)) {
        Ok(mode) => mode,
        Err(e) => {
            eprintln!("databricks-bench: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match mode {
        cli::Mode::Help => {
            print!("{}", cli::USAGE);
            Ok(())
        }
        cli::Mode::Bench(args) => run::main(args),
        cli::Mode::Child(args) => child::main(args),
        cli::Mode::ServeEmulator => run::serve_emulator(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("databricks-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
