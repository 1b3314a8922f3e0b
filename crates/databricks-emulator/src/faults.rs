//! Fault injection: rules that make matching requests fail, slow down or lose their connection.
//!
//! A rule matches a method (or any) and a path (exact, or a prefix when it ends with `*`).
//! Rules are tried in the order they were added; the first one that *fires* shapes the
//! response. A rule fires on a match when its `probability` roll succeeds (always, without
//! one) and it has `times` left (unlimited, without one). Each rule rolls its own seeded
//! generator, so a run with the same seed and the same requests fires the same way.
//! Fault rules never apply to the emulator's own `/__emulator/` endpoints.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;

use crate::error::{ApiError, ApiResult, default_code_for_status};
use crate::ids::Rng;
use crate::request::{Params, discard_body};
use crate::request_log::{FaultApplied, LogEntry};
use crate::server::ConnAbort;
use crate::workspace::AppState;

/// A fault rule. Build one with [`FaultRule::new`] or [`FaultRule::any_method`] and the
/// builder methods; add it with [`Faults::add`] (or `POST /__emulator/faults`).
///
/// ```
/// use std::time::Duration;
/// use databricks_emulator::FaultRule;
///
/// // The next two secret writes get a 503 with `Retry-After: 1`, then all is normal.
/// let rule = FaultRule::new("POST", "/api/2.0/secrets/put")
///     .status(503)
///     .retry_after_secs(1)
///     .times(2);
/// // Every listing under /api/2.0/secrets/ is 200 ms slower.
/// let slow = FaultRule::any_method("/api/2.0/secrets/*").latency(Duration::from_millis(200));
/// # let _ = (rule, slow);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct FaultRule {
    /// HTTP method to match (upper-case); `None` matches any.
    pub method: Option<String>,
    /// Path to match: exact, or a prefix when it ends with `*`.
    pub path: String,
    /// Status to answer with; `None` (and no drop) means pass the request on after `latency`.
    pub status: Option<u16>,
    /// `error_code` of the error body; defaults to the code the status implies.
    pub error_code: Option<String>,
    /// `message` of the error body; defaults to `Injected fault`.
    pub message: Option<String>,
    /// Raw `Retry-After` header value (seconds or an HTTP date).
    pub retry_after: Option<String>,
    /// Raw body replacing the JSON error body (e.g. an HTML error page).
    pub body: Option<String>,
    /// Delay before answering (or passing the request on), in milliseconds.
    pub latency_ms: Option<u64>,
    /// Close the connection without answering.
    pub drop_connection: bool,
    /// Fire at most this many times.
    pub times: Option<u32>,
    /// Fire with this probability (0.0 to 1.0) on each match.
    pub probability: Option<f64>,
    /// Seed of this rule's generator; defaults to one derived from the global seed.
    pub seed: Option<u64>,
}

impl FaultRule {
    /// A rule for `method` (e.g. `"POST"`, case-insensitive; `"*"` for any) on `path`.
    pub fn new(method: &str, path: &str) -> Self {
        let method = method.trim().to_ascii_uppercase();
        Self {
            method: (method != "*" && !method.is_empty()).then_some(method),
            path: path.to_owned(),
            status: None,
            error_code: None,
            message: None,
            retry_after: None,
            body: None,
            latency_ms: None,
            drop_connection: false,
            times: None,
            probability: None,
            seed: None,
        }
    }

    /// A rule for any method on `path`.
    pub fn any_method(path: &str) -> Self {
        Self::new("*", path)
    }

    /// Answer with this HTTP status (and the platform's error body for it). The request
    /// body is read first, so the connection stays usable and the client sees the status
    /// rather than a broken pipe; the request itself is not carried out.
    pub fn status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Use this `error_code` in the error body.
    pub fn error_code(mut self, code: &str) -> Self {
        self.error_code = Some(code.to_owned());
        self
    }

    /// Use this `message` in the error body.
    pub fn message(mut self, message: &str) -> Self {
        self.message = Some(message.to_owned());
        self
    }

    /// Send `Retry-After: <secs>`.
    pub fn retry_after_secs(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs.to_string());
        self
    }

    /// Send this raw `Retry-After` value (e.g. an HTTP date).
    pub fn retry_after(mut self, value: &str) -> Self {
        self.retry_after = Some(value.to_owned());
        self
    }

    /// Answer with this raw body instead of the JSON error body.
    pub fn body(mut self, body: &str) -> Self {
        self.body = Some(body.to_owned());
        self
    }

    /// Wait this long first.
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency_ms = Some(u64::try_from(latency.as_millis()).unwrap_or(u64::MAX));
        self
    }

    /// Close the connection without answering.
    pub fn drop_connection(mut self) -> Self {
        self.drop_connection = true;
        self
    }

    /// Fire at most `n` times.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// Fire with probability `p` (clamped to 0.0..=1.0).
    pub fn probability(mut self, p: f64) -> Self {
        self.probability = Some(if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) });
        self
    }

    /// Seed this rule's generator.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        if self.method.as_deref().is_some_and(|m| m != method) {
            return false;
        }
        match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        }
    }

    /// Reads a rule from admin-endpoint parameters.
    pub(crate) fn from_params(p: &Params) -> ApiResult<Self> {
        let method = p.str_opt("method")?.unwrap_or_else(|| "*".to_owned());
        let mut rule = Self::new(&method, &p.str_req("path")?);
        if let Some(status) = p.i64_opt("status")? {
            let status = u16::try_from(status)
                .ok()
                .filter(|s| (100..=599).contains(s))
                .ok_or_else(|| {
                    ApiError::invalid_parameter_value("status must be between 100 and 599")
                })?;
            rule.status = Some(status);
        }
        rule.error_code = p.str_opt("error_code")?;
        rule.message = p.str_opt("message")?;
        rule.retry_after = match p.get("retry_after") {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(_) => p.i64_opt("retry_after")?.map(|n| n.to_string()),
            None => None,
        };
        rule.body = p.str_opt("body")?;
        rule.latency_ms = non_negative(p.i64_opt("latency_ms")?, "latency_ms")?;
        rule.drop_connection = p.bool_opt("drop_connection")?.unwrap_or(false);
        rule.times = non_negative(p.i64_opt("times")?, "times")?
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX));
        if let Some(prob) = p.f64_opt("probability")? {
            if !(0.0..=1.0).contains(&prob) {
                return Err(ApiError::invalid_parameter_value(
                    "probability must be between 0.0 and 1.0",
                ));
            }
            rule.probability = Some(prob);
        }
        rule.seed = non_negative(p.i64_opt("seed")?, "seed")?;
        if rule.status.is_none() && !rule.drop_connection && rule.latency_ms.is_none() {
            return Err(ApiError::invalid_parameter_value(
                "A fault rule needs at least one of status, drop_connection or latency_ms",
            ));
        }
        Ok(rule)
    }

    /// The error response this rule answers with (when it has a status).
    fn error(&self, status: u16) -> ApiError {
        let code = self
            .error_code
            .clone()
            .unwrap_or_else(|| default_code_for_status(status).to_owned());
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut error = ApiError::new(
            status,
            &code,
            self.message.as_deref().unwrap_or("Injected fault"),
        )
        .with_retry_after(self.retry_after.clone());
        error.raw_body = self.body.clone();
        error
    }
}

fn non_negative(value: Option<i64>, field: &str) -> ApiResult<Option<u64>> {
    value
        .map(|n| {
            u64::try_from(n).map_err(|_| {
                ApiError::invalid_parameter_value(format!("{field} must not be negative"))
            })
        })
        .transpose()
}

/// A rule as listed: its id, the rule, and how it has fired so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct FaultInfo {
    /// Id returned when the rule was added.
    pub id: u64,
    /// The rule.
    #[serde(flatten)]
    pub rule: FaultRule,
    /// Times it may still fire (`None` = unlimited).
    pub remaining: Option<u32>,
    /// Times it has fired.
    pub fired: u64,
}

#[derive(Debug)]
struct ActiveRule {
    info: FaultInfo,
    rng: Rng,
}

#[derive(Debug)]
struct Inner {
    seed: u64,
    next_id: u64,
    rules: Vec<ActiveRule>,
}

/// The fault rules of an emulator (a cheap, cloneable handle).
#[derive(Debug, Clone)]
pub struct Faults {
    inner: Arc<Mutex<Inner>>,
}

impl Faults {
    pub(crate) fn new(seed: u64) -> Self {
        Self {
            inner: Arc::new(Mutex::new(Inner {
                seed,
                next_id: 1,
                rules: Vec::new(),
            })),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Inner) -> T) -> T {
        f(&mut self.inner.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Adds a rule; returns its id.
    pub fn add(&self, rule: FaultRule) -> u64 {
        self.with(|inner| {
            let id = inner.next_id;
            inner.next_id += 1;
            let seed = rule
                .seed
                .unwrap_or_else(|| inner.seed ^ id.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            inner.rules.push(ActiveRule {
                info: FaultInfo {
                    id,
                    remaining: rule.times,
                    fired: 0,
                    rule,
                },
                rng: Rng::new(seed),
            });
            id
        })
    }

    /// The rules, in the order they are tried.
    pub fn list(&self) -> Vec<FaultInfo> {
        self.with(|inner| inner.rules.iter().map(|r| r.info.clone()).collect())
    }

    /// Removes one rule; returns whether it existed.
    pub fn remove(&self, id: u64) -> bool {
        self.with(|inner| {
            let before = inner.rules.len();
            inner.rules.retain(|r| r.info.id != id);
            inner.rules.len() != before
        })
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.with(|inner| inner.rules.clear());
    }

    /// Sets the seed that rules added from now on (without their own seed) derive theirs from.
    pub fn set_seed(&self, seed: u64) {
        self.with(|inner| inner.seed = seed);
    }

    /// The first rule that fires for this request, if any (counting the firing).
    pub(crate) fn fire(&self, method: &str, path: &str) -> Option<FaultInfo> {
        self.with(|inner| {
            for active in &mut inner.rules {
                if !active.info.rule.matches(method, path) || active.info.remaining == Some(0) {
                    continue;
                }
                if let Some(p) = active.info.rule.probability {
                    if active.rng.next_f64() >= p {
                        continue;
                    }
                }
                if let Some(n) = active.info.remaining.as_mut() {
                    *n -= 1;
                }
                active.info.fired += 1;
                return Some(active.info.clone());
            }
            None
        })
    }
}

/// Middleware (inside the request log, outside auth): applies the first firing rule.
pub(crate) async fn middleware(State(ws): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if crate::admin::is_admin_path(&path) {
        return next.run(req).await;
    }
    let Some(fault) = ws.faults.fire(req.method().as_str(), &path) else {
        return next.run(req).await;
    };
    tracing::debug!(id = fault.id, %path, "fault rule fired");
    if let Some(ms) = fault.rule.latency_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let mut response = if fault.rule.drop_connection {
        if let Some(LogEntry(seq)) = req.extensions().get::<LogEntry>().copied() {
            ws.log.dropped(seq, fault.id);
        }
        match req.extensions().get::<ConnAbort>() {
            Some(abort) => {
                abort.fire();
                // The connection task drops this request with its connection.
                std::future::pending::<()>().await;
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
            None => ApiError::internal("connection drop requested").into_response(),
        }
    } else if let Some(status) = fault.rule.status {
        // Take the body in first, as the service's front end does: answering while the
        // client is still sending makes the server close the connection under it, and the
        // client sees a broken pipe instead of the status (which a non-idempotent request
        // cannot retry). It is dropped as it arrives, however large (up to the largest
        // upload any endpoint takes), whatever its declared length.
        discard_body(req.into_body(), crate::files::MAX_UPLOAD_BYTES).await;
        fault.rule.error(status).into_response()
    } else {
        next.run(req).await
    };
    response.extensions_mut().insert(FaultApplied(fault.id));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        let exact = FaultRule::new("post", "/api/2.0/secrets/put");
        assert!(exact.matches("POST", "/api/2.0/secrets/put"));
        assert!(!exact.matches("GET", "/api/2.0/secrets/put"));
        assert!(!exact.matches("POST", "/api/2.0/secrets/put/x"));
        let prefix = FaultRule::any_method("/api/2.0/secrets/*");
        assert!(prefix.matches("GET", "/api/2.0/secrets/list"));
        assert!(!prefix.matches("GET", "/api/2.0/token/list"));
        assert!(FaultRule::any_method("*").matches("DELETE", "/anything"));
    }

    #[test]
    fn times_then_normal() {
        let faults = Faults::new(0);
        let id = faults.add(FaultRule::any_method("/x").status(503).times(2));
        assert_eq!(faults.fire("GET", "/x").map(|f| f.id), Some(id));
        assert!(faults.fire("GET", "/x").is_some());
        assert!(faults.fire("GET", "/x").is_none());
        assert_eq!(faults.list()[0].fired, 2);
        assert_eq!(faults.list()[0].remaining, Some(0));
        assert!(faults.remove(id));
        assert!(!faults.remove(id));
    }

    #[test]
    fn probability_reproduces_with_seed() {
        let run = |seed| {
            let faults = Faults::new(seed);
            faults.add(FaultRule::any_method("*").status(500).probability(0.5));
            (0..64)
                .map(|_| faults.fire("GET", "/y").is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let fired = run(7).iter().filter(|f| **f).count();
        assert!((16..=48).contains(&fired), "{fired}");
    }
}
