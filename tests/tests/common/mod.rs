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

/// FNV-1a (64 bit): a cheap content fingerprint for comparing large buffers.
pub fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Deterministic pseudo-random bytes (xorshift from `seed`), so no two blocks look alike.
pub fn pattern(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Asserts two buffers are the same (length, then a fingerprint: no megabyte-long diffs).
#[track_caller]
pub fn assert_same(got: &[u8], want: &[u8]) {
    assert_eq!(got.len(), want.len(), "length");
    assert_eq!(fnv1a(got), fnv1a(want), "content hash");
}

/// A fresh directory under the system temp dir, unique to this process, `name` and time.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "databricks-e2e-{name}-{}-{}",
        std::process::id(),
        databricks::Timestamp::now().as_millis()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
