//! CI smoke run of the benchmark binary: tiny sizes, no timing assertions. It proves the
//! harness starts its emulator, runs its children and prints the table.
#![allow(clippy::unwrap_used)]

use std::process::Command;

#[test]
fn quick_run_prints_a_table() {
    let out = Command::new(env!("CARGO_BIN_EXE_databricks-bench"))
        .args(["--quick", "small-calls", "concurrent"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "exit {}\n{stdout}\n{stderr}",
        out.status
    );
    let header = stdout
        .lines()
        .find(|l| l.starts_with("| scenario"))
        .unwrap_or_else(|| panic!("no table in:\n{stdout}"));
    assert!(header.contains("median") && header.contains("throughput"));
    for (scenario, variant) in [
        ("small-calls", "| bare"),
        ("small-calls", "| sdk"),
        ("concurrent", "| bare (64 tasks)"),
        ("concurrent", "| sdk (64 tasks)"),
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(&format!("| {scenario}"))
                    && l.contains(variant)
                    && l.contains("req/s")),
            "no {scenario} {variant} row with a throughput in:\n{stdout}"
        );
    }
    // The sdk rows are compared with the baseline.
    assert!(
        stdout.contains("time x") && stdout.contains("tput x"),
        "{stdout}"
    );
}

#[test]
fn quick_files_run_moves_the_bytes_both_ways() {
    let out = Command::new(env!("CARGO_BIN_EXE_databricks-bench"))
        .args(["--quick", "files-upload", "files-download"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "exit {}\n{stdout}\n{stderr}",
        out.status
    );
    for (scenario, variant) in [
        ("files-upload", "| bare streamed PUT"),
        ("files-upload", "| sdk upload"),
        ("files-download", "| bare streamed GET"),
        ("files-download", "| sdk download stream"),
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(&format!("| {scenario}"))
                    && l.contains(variant)
                    && l.contains("MiB/s")),
            "no {scenario} {variant} row with a throughput in:\n{stdout}"
        );
    }
    // Every child moved the whole 2 MiB + 17 bytes.
    let moved = stderr.matches(", 1 ops, 2097169 bytes,").count();
    assert_eq!(moved, 4, "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_databricks-bench"))
        .arg("no-such-scenario")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown scenario"));
    let out = Command::new(env!("CARGO_BIN_EXE_databricks-bench"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("small-calls"));
}
