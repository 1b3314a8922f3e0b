//! Command-line arguments, parsed by hand (`--flag value` or `--flag=value`).

use std::path::PathBuf;

/// Usage text for `--help`.
pub(crate) const USAGE: &str = "\
databricks-emulator: a local Databricks workspace over HTTP

USAGE:
    databricks-emulator [OPTIONS]

OPTIONS:
    --host HOST                   Address to listen on [default: 127.0.0.1]
    --port PORT                   Port to listen on; 0 picks a free one [default: 8080]
    --token TOKEN                 Accept TOKEN as the admin user (repeatable)
                                  [default: dapi0123456789abcdef0123456789abcdef]
    --lifecycle-ms MS             Duration of one lifecycle step [default: 1000]
    --state-file PATH             Load the workspace from PATH and save it there on every
                                  change and on shutdown
    --oauth-client-id ID          OAuth M2M client id [default: emulator-client]
    --oauth-client-secret SECRET  OAuth M2M client secret [default: emulator-secret]
    --max-body-bytes N            Largest accepted request body [default: 16777216]
    --max-jobs N                  Most saved jobs (QUOTA_EXCEEDED beyond) [default: 12000]
    --fault-seed N                Seed for probabilistic fault rules [default: 0]
    -h, --help                    Print this help

OUTPUT:
    line 1: listening on http://HOST:PORT
    line 2: a token that works (the first --token, or the default token)
";

/// Parsed arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Args {
    pub(crate) host: String,
    pub(crate) port: u16,
    pub(crate) tokens: Vec<String>,
    pub(crate) lifecycle_ms: u64,
    pub(crate) state_file: Option<PathBuf>,
    pub(crate) oauth_client_id: Option<String>,
    pub(crate) oauth_client_secret: Option<String>,
    pub(crate) max_body_bytes: Option<usize>,
    pub(crate) max_jobs: Option<usize>,
    pub(crate) fault_seed: u64,
}

impl Default for Args {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".to_owned(),
            port: 8080,
            tokens: Vec::new(),
            lifecycle_ms: 1000,
            state_file: None,
            oauth_client_id: None,
            oauth_client_secret: None,
            max_body_bytes: None,
            max_jobs: None,
            fault_seed: 0,
        }
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Command {
    /// Run the emulator.
    Run(Args),
    /// Print the help.
    Help,
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("invalid value '{value}' for {flag}: expected a number"))
}

/// Parses the arguments after the program name.
pub(crate) fn parse<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
    let mut parsed = Args::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let known = matches!(
            flag.as_str(),
            "--host"
                | "--port"
                | "--token"
                | "--lifecycle-ms"
                | "--state-file"
                | "--oauth-client-id"
                | "--oauth-client-secret"
                | "--max-body-bytes"
                | "--max-jobs"
                | "--fault-seed"
        );
        if !known {
            return Err(format!("unknown argument '{arg}'"));
        }
        let value = match inline {
            Some(value) => value,
            None => args.next().ok_or_else(|| format!("{flag} needs a value"))?,
        };
        match flag.as_str() {
            "--host" => parsed.host = value,
            "--port" => parsed.port = number(&flag, &value)?,
            "--token" => {
                if value.trim().is_empty() {
                    return Err("--token must not be empty".to_owned());
                }
                parsed.tokens.push(value);
            }
            "--lifecycle-ms" => parsed.lifecycle_ms = number(&flag, &value)?,
            "--state-file" => parsed.state_file = Some(PathBuf::from(value)),
            "--oauth-client-id" => parsed.oauth_client_id = Some(value),
            "--oauth-client-secret" => parsed.oauth_client_secret = Some(value),
            "--max-body-bytes" => parsed.max_body_bytes = Some(number(&flag, &value)?),
            "--max-jobs" => parsed.max_jobs = Some(number(&flag, &value)?),
            "--fault-seed" => parsed.fault_seed = number(&flag, &value)?,
            _ => return Err(format!("unknown argument '{arg}'")),
        }
    }
    if parsed.oauth_client_id.is_some() != parsed.oauth_client_secret.is_some() {
        return Err("--oauth-client-id and --oauth-client-secret go together".to_owned());
    }
    Ok(Command::Run(parsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_values() {
        assert_eq!(run(&[]), Ok(Command::Run(Args::default())));
        let Ok(Command::Run(a)) = run(&[
            "--port",
            "0",
            "--token",
            "a",
            "--token=b",
            "--host=0.0.0.0",
            "--lifecycle-ms",
            "5",
            "--state-file",
            "/tmp/x.json",
            "--fault-seed",
            "9",
            "--max-jobs=20000",
        ]) else {
            panic!("expected Run");
        };
        assert_eq!(a.port, 0);
        assert_eq!(a.tokens, vec!["a", "b"]);
        assert_eq!(a.host, "0.0.0.0");
        assert_eq!(a.lifecycle_ms, 5);
        assert_eq!(a.state_file, Some(PathBuf::from("/tmp/x.json")));
        assert_eq!(a.fault_seed, 9);
        assert_eq!(a.max_jobs, Some(20_000));
    }

    #[test]
    fn errors() {
        assert!(run(&["--nope"]).unwrap_err().contains("unknown argument"));
        assert!(run(&["extra"]).is_err());
        assert!(run(&["--port"]).unwrap_err().contains("needs a value"));
        assert!(run(&["--port", "x"]).is_err());
        assert!(run(&["--port", "70000"]).is_err());
        assert!(run(&["--max-jobs", "-1"]).is_err());
        assert!(run(&["--oauth-client-id", "x"]).is_err());
        assert_eq!(run(&["--port", "1", "--help"]), Ok(Command::Help));
    }
}
