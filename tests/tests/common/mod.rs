//! Shared set-up for the end-to-end tests: an in-process emulator and an umbrella client.
#![allow(dead_code, clippy::unwrap_used)]

use std::time::Duration;

use databricks::{Client, ConfigSources, RetryPolicy};
use databricks_emulator::Emulator;

/// Retries as the SDK does them, but with millisecond backoffs so tests stay fast.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        min_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        max_jitter: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

/// A client for `emulator` with `token`, isolated from the process env and ~/.databrickscfg.
pub fn client_with_token(emulator: &Emulator, token: &str) -> Client {
    Client::builder()
        .host(emulator.url())
        .token(token)
        .sources(ConfigSources::empty())
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

/// A started emulator (short lifecycle steps) and an admin client for it.
pub async fn start() -> (Emulator, Client) {
    let emulator = Emulator::builder()
        .lifecycle_step(Duration::from_millis(20))
        .start()
        .await
        .unwrap();
    let client = client_with_token(&emulator, &emulator.token());
    (emulator, client)
}

/// How many recorded requests hit `method path` (exact path).
pub fn count_requests(emulator: &Emulator, method: &str, path: &str) -> usize {
    emulator
        .requests()
        .iter()
        .filter(|r| r.method == method && r.path == path)
        .count()
}
