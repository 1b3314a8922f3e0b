//! Command-line parsing (no dependency: the flags are few).

use std::fmt;

/// Every scenario, in the order they run when none is named.
pub const SCENARIOS: &[&str] = &[
    "small-calls",
    "concurrent",
    "paginate",
    "dbfs-upload",
    "dbfs-download",
    "files-upload",
    "files-download",
    "emulator",
];

/// What the process was asked to do.
#[derive(Debug)]
pub enum Mode {
    /// Run scenarios and print the table (the normal use).
    Bench(BenchArgs),
    /// Hidden: run one measurement as a child process and print one JSON line.
    Child(ChildArgs),
    /// Hidden: serve an emulator until stdin closes (to measure its own memory).
    ServeEmulator,
    /// `--help`.
    Help,
}

/// Options of a benchmark run.
#[derive(Debug, Default)]
pub struct BenchArgs {
    /// Scenarios to run (all when empty).
    pub scenarios: Vec<String>,
    /// A workspace to measure instead of a fresh emulator.
    pub host: Option<String>,
    /// The token for `host`.
    pub token: Option<String>,
    /// Tiny sizes (CI smoke run).
    pub quick: bool,
    /// Measured rounds per row (after one warm-up round).
    pub runs: Option<usize>,
    /// The Unity Catalog volume the Files API scenarios write into.
    pub volume: Option<String>,
}

/// Options of a child measurement (passed by the parent; the token comes by environment).
#[derive(Debug, Default, Clone)]
pub struct ChildArgs {
    /// The scenario.
    pub scenario: String,
    /// `sdk`, `bare`, ...
    pub variant: String,
    /// The workspace URL.
    pub host: String,
    /// Requests or items.
    pub count: u64,
    /// Bytes, for the DBFS scenarios.
    pub size: u64,
    /// A DBFS path (file or directory) for the DBFS scenarios.
    pub path: String,
    /// Requests made before the clock starts.
    pub warmup: u64,
    /// Stop after this many items (paginate; 0 = all).
    pub limit: u64,
}

/// A usage error: the message, then exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The help text.
pub const USAGE: &str = "\
databricks-bench: the databricks-rs SDK against bare reqwest, on the same server

USAGE:
    databricks-bench [SCENARIO...] [--host URL --token T] [--quick] [--runs N]

SCENARIOS (all when none is named):
    small-calls     5,000 sequential `secrets/scopes/list` calls
    concurrent      20,000 of the same calls from 64 tasks on one client
    paginate        list 20,000 jobs through the Paginator vs a bare page loop
    dbfs-upload     256 MiB through create/add-block/close, and as 1 MiB multipart puts
    dbfs-download   256 MiB through 1 MiB reads
    files-upload    256 MiB through the Files API (one streamed PUT into a volume)
    files-download  256 MiB through the Files API (one streamed GET)
    emulator        requests/s the emulator serves (64 connections); memory per stored byte

OPTIONS:
    --host URL      measure this workspace instead of a fresh in-process emulator
                    (nothing is seeded there: paginate lists the jobs that exist, the DBFS
                    scenarios write under /tmp/databricks-bench-<pid> and delete it)
    --token T       its token (default: $DATABRICKS_TOKEN)
    --quick         tiny sizes, one measured round (the CI smoke run)
    --runs N        measured rounds per row (default 9; 3 for DBFS and Files)
    --volume PATH   the volume the Files scenarios use (default /Volumes/main/default/bench;
                    they write under PATH/databricks-bench-<pid> and delete it)
    -h, --help      this text
";

/// Parses `args` (without the program name).
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Mode, UsageError> {
    let mut args = args.into_iter();
    let mut bench = BenchArgs::default();
    let mut child: Option<ChildArgs> = None;
    let mut serve = false;
    let value = |flag: &str, v: Option<String>| {
        v.ok_or_else(|| UsageError(format!("{flag} needs a value")))
    };
    let number = |flag: &str, v: Option<String>| -> Result<u64, UsageError> {
        let v = value(flag, v)?;
        v.parse()
            .map_err(|_| UsageError(format!("{flag}: {v:?} is not a number")))
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Mode::Help),
            "--quick" => bench.quick = true,
            "--host" => bench.host = Some(value("--host", args.next())?),
            "--token" => bench.token = Some(value("--token", args.next())?),
            "--runs" => {
                let n = number("--runs", args.next())?;
                if n == 0 {
                    return Err(UsageError("--runs must be at least 1".into()));
                }
                bench.runs = Some(usize::try_from(n).unwrap_or(usize::MAX));
            }
            "--volume" => {
                let volume = value("--volume", args.next())?;
                if !volume.starts_with("/Volumes/") {
                    return Err(UsageError(format!(
                        "--volume: {volume:?} is not a volume path (/Volumes/<catalog>/<schema>/<volume>)"
                    )));
                }
                bench.volume = Some(volume.trim_end_matches('/').to_owned());
            }
            "--serve-emulator" => serve = true,
            "--child" => {
                child.get_or_insert_with(ChildArgs::default).scenario =
                    value("--child", args.next())?;
            }
            "--variant" => {
                child.get_or_insert_with(ChildArgs::default).variant =
                    value("--variant", args.next())?;
            }
            "--count" => {
                child.get_or_insert_with(ChildArgs::default).count = number("--count", args.next())?
            }
            "--size" => {
                child.get_or_insert_with(ChildArgs::default).size = number("--size", args.next())?
            }
            "--warmup" => {
                child.get_or_insert_with(ChildArgs::default).warmup =
                    number("--warmup", args.next())?
            }
            "--limit" => {
                child.get_or_insert_with(ChildArgs::default).limit = number("--limit", args.next())?
            }
            "--path" => {
                child.get_or_insert_with(ChildArgs::default).path = value("--path", args.next())?
            }
            flag if flag.starts_with('-') => {
                return Err(UsageError(format!("unknown option {flag}\n\n{USAGE}")));
            }
            scenario => {
                if !SCENARIOS.contains(&scenario) {
                    return Err(UsageError(format!(
                        "unknown scenario {scenario:?} (known: {})",
                        SCENARIOS.join(", ")
                    )));
                }
                if !bench.scenarios.iter().any(|s| s == scenario) {
                    bench.scenarios.push(scenario.to_owned());
                }
            }
        }
    }
    if serve {
        return Ok(Mode::ServeEmulator);
    }
    if let Some(mut child) = child {
        child.host = bench
            .host
            .ok_or_else(|| UsageError("--child needs --host".into()))?;
        return Ok(Mode::Child(child));
    }
    if bench.token.is_some() && bench.host.is_none() {
        return Err(UsageError("--token needs --host".into()));
    }
    Ok(Mode::Bench(bench))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn scenarios_and_flags() {
        let Ok(Mode::Bench(b)) = parse(args("--quick small-calls concurrent small-calls")) else {
            panic!("not a bench");
        };
        assert!(b.quick);
        assert_eq!(b.scenarios, vec!["small-calls", "concurrent"]);
        assert!(parse(args("nope")).is_err());
        assert!(parse(args("--bogus")).is_err());
        assert!(parse(args("--runs 0")).is_err());
        assert!(parse(args("--token t")).is_err());
        assert!(parse(args("--volume /tmp/x")).is_err());
        let Ok(Mode::Bench(b)) = parse(args("files-upload --volume /Volumes/a/b/c/")) else {
            panic!("not a bench");
        };
        assert_eq!(b.volume.as_deref(), Some("/Volumes/a/b/c"));
        assert!(matches!(parse(args("--help")), Ok(Mode::Help)));
    }

    #[test]
    fn child() {
        let Ok(Mode::Child(c)) = parse(args(
            "--child paginate --variant sdk --host http://x --count 5 --limit 2",
        )) else {
            panic!("not a child");
        };
        assert_eq!(
            (c.scenario.as_str(), c.variant.as_str()),
            ("paginate", "sdk")
        );
        assert_eq!((c.count, c.limit), (5, 2));
        assert_eq!(c.host, "http://x");
    }
}
