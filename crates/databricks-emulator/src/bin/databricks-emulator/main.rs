//! `databricks-emulator`: runs a local Databricks workspace until SIGINT or SIGTERM.
//!
//! See `--help` and the `databricks_emulator` crate docs. Line 1 on stdout is
//! `listening on http://HOST:PORT`, line 2 a token that works.

mod args;

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use databricks_emulator::Emulator;

use crate::args::Command;

fn main() -> ExitCode {
    let command = match args::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("databricks-emulator: {message}");
            eprintln!("Try 'databricks-emulator --help'.");
            return ExitCode::from(2);
        }
    };
    let args = match command {
        Command::Help => {
            print!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Command::Run(args) => args,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("databricks-emulator: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(args))
}

async fn run(args: args::Args) -> ExitCode {
    let mut builder = Emulator::builder()
        .host(args.host)
        .port(args.port)
        .lifecycle_step(Duration::from_millis(args.lifecycle_ms))
        .fault_seed(args.fault_seed);
    for token in args.tokens {
        builder = builder.token(token);
    }
    if let Some(path) = args.state_file {
        builder = builder.state_file(path);
    }
    if let (Some(id), Some(secret)) = (args.oauth_client_id, args.oauth_client_secret) {
        builder = builder.oauth_client(id, secret);
    }
    if let Some(bytes) = args.max_body_bytes {
        builder = builder.max_body_bytes(bytes);
    }
    if let Some(jobs) = args.max_jobs {
        builder = builder.max_jobs(jobs);
    }
    let emulator = match builder.start().await {
        Ok(emulator) => emulator,
        Err(err) => {
            eprintln!("databricks-emulator: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Listen for signals before announcing the address: a script may send SIGTERM as soon as
    // it has read the first line, and the state must still be saved.
    let signals = Signals::install();
    let mut stdout = std::io::stdout().lock();
    let printed = writeln!(stdout, "listening on {}", emulator.url())
        .and_then(|()| writeln!(stdout, "{}", emulator.token()))
        .and_then(|()| stdout.flush());
    drop(stdout);
    if let Err(err) = printed {
        eprintln!("databricks-emulator: cannot write to stdout: {err}");
    }
    signals.wait().await;
    match emulator.shutdown().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("databricks-emulator: {err}");
            ExitCode::FAILURE
        }
    }
}

/// SIGINT (Ctrl-C) and, on Unix, SIGTERM, registered up front.
struct Signals {
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    int: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Self {
                term: signal(SignalKind::terminate()).ok(),
                int: signal(SignalKind::interrupt()).ok(),
            }
        }
        #[cfg(not(unix))]
        {
            Self {}
        }
    }

    /// Waits for the first of the signals.
    async fn wait(self) {
        #[cfg(unix)]
        {
            let (term, int) = (self.term, self.int);
            match (term, int) {
                (Some(mut term), Some(mut int)) => {
                    tokio::select! {
                        _ = term.recv() => {}
                        _ = int.recv() => {}
                    }
                }
                (Some(mut term), None) => {
                    term.recv().await;
                }
                (None, Some(mut int)) => {
                    int.recv().await;
                }
                (None, None) => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
