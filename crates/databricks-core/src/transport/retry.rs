//! Retry policy and the retry decision.
//!
//! The rules (errors.md §5 and the design): 429 and 503 are retried on any method because the
//! server did not act; so are throttling codes and the transient worker-environment messages,
//! whatever the status, and connection failures (the request never left). Other 5xx responses,
//! broken connections after sending, and attempt timeouts are retried only for idempotent
//! requests, so that a retried `clusters/create` can never make two clusters.

use std::time::Duration;

use crate::error::{Error, TimeoutKind};

/// How the client retries failed requests.
///
/// The default matches the official SDKs: jittered backoff from 1 s growing to 10 s between
/// attempts, a total budget of 5 minutes, `Retry-After` honoured.
///
/// ```
/// use std::time::Duration;
/// use databricks_core::RetryPolicy;
///
/// let patient = RetryPolicy {
///     budget: Duration::from_secs(600),
///     ..RetryPolicy::default()
/// };
/// let never = RetryPolicy::disabled();
/// assert!(!never.enabled);
/// # let _ = patient;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Whether to retry at all.
    pub enabled: bool,
    /// Backoff before the first retry; attempt `n` waits `n × min_backoff` (capped) plus jitter.
    pub min_backoff: Duration,
    /// The longest backoff between two attempts (a server's `Retry-After` may ask for more).
    pub max_backoff: Duration,
    /// Upper bound of the random jitter added to each computed backoff.
    pub max_jitter: Duration,
    /// Total time the retries of one call may take; when the next wait would pass it, the last
    /// error is returned.
    pub budget: Duration,
    /// Optional cap on the number of attempts (first try included).
    pub max_attempts: Option<u32>,
    /// Whether to wait as long as the server's `Retry-After` (or `RetryInfo`) asks.
    pub honour_retry_after: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            enabled: true,
            min_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(10),
            max_jitter: Duration::from_millis(750),
            budget: Duration::from_secs(300),
            max_attempts: None,
            honour_retry_after: true,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn disabled() -> Self {
        Self {
            enabled: false,
            ..Self::default()
        }
    }

    /// The wait before retry number `retry` (1-based), without the server's `Retry-After`.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let base = self
            .min_backoff
            .saturating_mul(retry.max(1))
            .min(self.max_backoff);
        base + jitter(self.max_jitter)
    }

    /// The wait before retry number `retry`, honouring the server's hint when configured.
    pub(crate) fn delay(&self, retry: u32, server_hint: Option<Duration>) -> Duration {
        match server_hint {
            Some(hint) if self.honour_retry_after => hint,
            _ => self.backoff(retry),
        }
    }
}

/// Whether `error` from an attempt should be retried.
pub(crate) fn should_retry(error: &Error, idempotent: bool) -> bool {
    match error {
        Error::Api(api) => {
            api.is_retryable() || (idempotent && api.status() >= 500 && api.status() != 501)
        }
        Error::Transport(t) => t.is_connect() || idempotent,
        Error::Timeout(t) => match t.kind() {
            TimeoutKind::Connect => true,
            TimeoutKind::Attempt => idempotent,
            _ => false,
        },
        _ => false,
    }
}

/// The server's requested delay, if the error carries one.
pub(crate) fn server_hint(error: &Error) -> Option<Duration> {
    error.as_api().and_then(|a| a.retry_after())
}

/// A uniformly distributed duration in `[0, max]`, from the standard library's random hasher
/// seed (no extra dependency; this is jitter, not cryptography).
fn jitter(max: Duration) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let millis = u64::try_from(max.as_millis()).unwrap_or(u64::MAX);
    if millis == 0 {
        return Duration::ZERO;
    }
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    Duration::from_millis(h.finish() % (millis + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ApiError, ErrorCode, TimeoutError, TransportError, TransportErrorKind};

    fn api(status: u16, code: &str, message: &str) -> Error {
        ApiError::new("GET", "/api/2.0/x", status, ErrorCode::from(code), message).into()
    }

    #[test]
    fn backoff_grows_linearly_and_caps() {
        let p = RetryPolicy {
            max_jitter: Duration::ZERO,
            ..RetryPolicy::default()
        };
        assert_eq!(p.backoff(1), Duration::from_secs(1));
        assert_eq!(p.backoff(3), Duration::from_secs(3));
        assert_eq!(p.backoff(50), Duration::from_secs(10));
    }

    #[test]
    fn jitter_stays_in_range() {
        let p = RetryPolicy::default();
        for n in 1..50 {
            let d = p.backoff(n);
            let base = Duration::from_secs(u64::from(n).min(10));
            assert!(d >= base && d <= base + Duration::from_millis(750), "{d:?}");
        }
    }

    #[test]
    fn server_hint_wins_when_honoured() {
        let p = RetryPolicy::default();
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(7))),
            Duration::from_secs(7)
        );
        let p = RetryPolicy {
            honour_retry_after: false,
            max_jitter: Duration::ZERO,
            ..p
        };
        assert_eq!(
            p.delay(2, Some(Duration::from_secs(7))),
            Duration::from_secs(2)
        );
    }

    #[test]
    fn retry_decisions() {
        // The server did not act: any method.
        assert!(should_retry(&api(429, "TOO_MANY_REQUESTS", ""), false));
        assert!(should_retry(
            &api(503, "TEMPORARILY_UNAVAILABLE", ""),
            false
        ));
        assert!(should_retry(&api(400, "REQUEST_LIMIT_EXCEEDED", ""), false));
        // Other 5xx: only idempotent requests.
        assert!(!should_retry(&api(500, "INTERNAL_ERROR", ""), false));
        assert!(should_retry(&api(500, "INTERNAL_ERROR", ""), true));
        assert!(should_retry(&api(504, "DEADLINE_EXCEEDED", ""), true));
        assert!(!should_retry(&api(501, "NOT_IMPLEMENTED", ""), true));
        // Client errors never.
        assert!(!should_retry(
            &api(400, "INVALID_PARAMETER_VALUE", ""),
            true
        ));
        assert!(!should_retry(
            &api(404, "RESOURCE_DOES_NOT_EXIST", ""),
            true
        ));
        // Transport.
        let connect =
            TransportError::new(TransportErrorKind::Connect, "POST", "/p", "refused", None);
        assert!(should_retry(&connect.into(), false));
        let reset = TransportError::new(TransportErrorKind::Request, "POST", "/p", "reset", None);
        assert!(!should_retry(&reset.into(), false));
        let reset = TransportError::new(TransportErrorKind::Request, "GET", "/p", "reset", None);
        assert!(should_retry(&reset.into(), true));
        let t = TimeoutError::new(TimeoutKind::Attempt, "POST /p", Duration::from_secs(60));
        assert!(!should_retry(&t.into(), false));
        let t = TimeoutError::new(TimeoutKind::Attempt, "GET /p", Duration::from_secs(60));
        assert!(should_retry(&t.into(), true));
        assert!(!should_retry(&Error::invalid_input("x", "y"), true));
    }
}
