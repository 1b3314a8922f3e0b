//! The HTTP transport: one reqwest pool per client, per-attempt timeouts, the retry loop,
//! client-side rate limiting and redacted tracing.
//!
//! Nothing here is public: the API crates reach it through
//! [`RequestBuilder`](crate::RequestBuilder).

pub(crate) mod progress;
pub(crate) mod ratelimit;
mod redact;
pub(crate) mod retry;
pub(crate) mod user_agent;

use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderValue, Method};
use tokio::time::Instant;
use url::Url;

use crate::auth::AuthProvider;
use crate::error::{
    ApiError, Error, Result, TimeoutError, TimeoutKind, TransportError, TransportErrorKind,
};
use ratelimit::RateLimiter;
use retry::RetryPolicy;

/// Tracing target of every transport event.
pub(crate) const TRACE_TARGET: &str = "databricks::http";

/// The body of an outgoing request.
#[derive(Debug, Default)]
pub(crate) enum OutBody {
    /// No body.
    #[default]
    Empty,
    /// A buffered body, re-sent on each attempt.
    Bytes(Bytes),
    /// A streamed body: sent once, so the request is never retried. Its progress extends the
    /// attempt's deadline (see [`progress::idle_timeout`]).
    Stream(
        std::sync::Mutex<Option<reqwest::Body>>,
        std::sync::Arc<progress::BodyProgress>,
    ),
}

impl OutBody {
    fn is_stream(&self) -> bool {
        matches!(self, OutBody::Stream(..))
    }
}

/// One request as the transport sends it (possibly several times).
#[derive(Debug)]
pub(crate) struct Outgoing {
    pub method: Method,
    pub url: Url,
    /// The path only (no query), used in errors and logs.
    pub path: String,
    pub headers: HeaderMap,
    pub body: OutBody,
    pub idempotent: bool,
}

/// A successful (2xx) response, read whole. Its headers are only kept when the caller asks
/// ([`Transport::execute_with_headers`]); otherwise `headers` is empty (error responses keep
/// theirs, for `Retry-After` and the request id).
#[derive(Debug)]
pub(crate) struct Incoming {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// What the caller wants of a successful response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// The body, read whole.
    Body,
    /// The body, read whole, and the headers.
    BodyAndHeaders,
    /// The response as soon as its headers arrive, to stream the body.
    Stream,
}

/// What an attempt hands back on success.
enum Received {
    Whole(Incoming),
    Streaming(reqwest::Response),
}

/// The shared transport of a client and its clones.
#[derive(Debug)]
pub(crate) struct Transport {
    pub http: reqwest::Client,
    pub attempt_timeout: Duration,
    pub retry: RetryPolicy,
    pub limiter: Option<RateLimiter>,
}

impl Transport {
    /// Sends `req`, retrying per the policy, and returns the first 2xx response read whole, or
    /// the final error. `auth` (when given) supplies the `Authorization` header of each attempt.
    pub(crate) async fn execute(
        &self,
        req: &Outgoing,
        auth: Option<&AuthProvider>,
    ) -> Result<Incoming> {
        self.execute_whole(req, auth, Want::Body).await
    }

    /// Like [`execute`](Self::execute), but keeps the headers of the 2xx response too (moved
    /// out of the response, not copied), for the callers that read them.
    pub(crate) async fn execute_with_headers(
        &self,
        req: &Outgoing,
        auth: Option<&AuthProvider>,
    ) -> Result<Incoming> {
        self.execute_whole(req, auth, Want::BodyAndHeaders).await
    }

    async fn execute_whole(
        &self,
        req: &Outgoing,
        auth: Option<&AuthProvider>,
        want: Want,
    ) -> Result<Incoming> {
        match self.run(req, auth, want).await? {
            Received::Whole(incoming) => Ok(incoming),
            // Not reachable: streaming was not asked for. Read it whole anyway.
            Received::Streaming(mut resp) => Ok(Incoming {
                status: resp.status().as_u16(),
                headers: std::mem::take(resp.headers_mut()),
                body: resp
                    .bytes()
                    .await
                    .map_err(|e| map_reqwest_error(e, req, Duration::ZERO))?,
            }),
        }
    }

    /// Like [`execute`](Self::execute), but hands back the 2xx response as soon as its headers
    /// arrive, for the caller to stream the body. Errors (non-2xx) are read whole and parsed.
    pub(crate) async fn execute_streaming(
        &self,
        req: &Outgoing,
        auth: Option<&AuthProvider>,
    ) -> Result<reqwest::Response> {
        match self.run(req, auth, Want::Stream).await? {
            Received::Streaming(resp) => Ok(resp),
            Received::Whole(_) => Err(TransportError::new(
                TransportErrorKind::Request,
                req.method.as_str(),
                req.path.clone(),
                "internal: expected a streaming response",
                None,
            )
            .into()),
        }
    }

    async fn run(
        &self,
        req: &Outgoing,
        auth: Option<&AuthProvider>,
        want: Want,
    ) -> Result<Received> {
        let started = Instant::now();
        let mut attempt: u32 = 0;
        let mut reauthenticated = false;
        loop {
            attempt += 1;
            if let Some(limiter) = &self.limiter {
                limiter.acquire().await;
            }
            let authorization = match auth {
                Some(a) => Some(a.authorization().await?),
                None => None,
            };
            let error = match self.attempt(req, authorization, attempt, want).await {
                Ok(resp) => return Ok(resp),
                Err(e) => e,
            };
            if req.body.is_stream() {
                // The body stream is consumed: the request cannot be repeated.
                return Err(error);
            }
            if let (Some(a), false) = (auth, reauthenticated) {
                if error.as_api().is_some_and(ApiError::is_unauthenticated) && a.can_refresh() {
                    // A cached OAuth token may have been revoked early: fetch a new one once.
                    reauthenticated = true;
                    a.invalidate().await;
                    tracing::info!(target: TRACE_TARGET, method = %req.method, path = %req.path,
                        attempt, "401 with a cached OAuth token; refreshing it and retrying");
                    continue;
                }
            }
            if !self.retry.enabled || !retry::should_retry(&error, req.idempotent) {
                return Err(error);
            }
            if self.retry.max_attempts.is_some_and(|max| attempt >= max) {
                tracing::warn!(target: TRACE_TARGET, method = %req.method, path = %req.path,
                    attempt, "giving up: attempt limit reached");
                return Err(error);
            }
            let delay = self.retry.delay(attempt, retry::server_hint(&error));
            if started.elapsed() + delay > self.retry.budget {
                tracing::warn!(target: TRACE_TARGET, method = %req.method, path = %req.path,
                    attempt, budget_ms = self.retry.budget.as_millis() as u64,
                    "giving up: retry budget exhausted");
                return Err(error);
            }
            tracing::info!(target: TRACE_TARGET, method = %req.method, path = %req.path,
                status = error.status().unwrap_or(0), attempt,
                delay_ms = delay.as_millis() as u64, error = %error, "retrying");
            tokio::time::sleep(delay).await;
        }
    }

    /// One attempt: send; read the whole body (unless streaming a 2xx); map failures.
    async fn attempt(
        &self,
        req: &Outgoing,
        authorization: Option<HeaderValue>,
        attempt: u32,
        want: Want,
    ) -> Result<Received> {
        let mut builder = self
            .http
            .request(req.method.clone(), req.url.clone())
            .headers(req.headers.clone());
        if let Some(value) = authorization {
            builder = builder.header(http::header::AUTHORIZATION, value);
        }
        match &req.body {
            OutBody::Empty => {}
            OutBody::Bytes(body) => builder = builder.body(body.clone()),
            OutBody::Stream(slot, _) => {
                let body = slot.lock().ok().and_then(|mut b| b.take());
                match body {
                    Some(body) => builder = builder.body(body),
                    None => {
                        return Err(TransportError::new(
                            TransportErrorKind::Build,
                            req.method.as_str(),
                            req.path.clone(),
                            "a streamed request body can only be sent once",
                            None,
                        )
                        .into());
                    }
                }
            }
        }
        if tracing::enabled!(target: TRACE_TARGET, tracing::Level::DEBUG) {
            let body = match &req.body {
                OutBody::Bytes(b) => redact::body_for_log(b),
                OutBody::Stream(..) => "<streamed body>".to_owned(),
                OutBody::Empty => String::new(),
            };
            tracing::debug!(target: TRACE_TARGET, method = %req.method, path = %req.path,
                attempt, body = %body, "request");
        }
        let sent = Instant::now();
        let what = || format!("{} {}", req.method, req.path);
        let progress = match &req.body {
            OutBody::Stream(_, progress) => Some(progress.as_ref()),
            _ => None,
        };
        let outcome = progress::idle_timeout(self.attempt_timeout, progress, async {
            let mut resp = builder.send().await?;
            let status = resp.status().as_u16();
            let success = (200..300).contains(&status);
            if want == Want::Stream && success {
                return Ok(Err(resp));
            }
            // A success's headers are kept only when asked for; an error's always are
            // (`Retry-After`, the request id). Moved out, not copied: the body does not need them.
            let headers = if success && want == Want::Body {
                HeaderMap::new()
            } else {
                std::mem::take(resp.headers_mut())
            };
            let body = resp.bytes().await?;
            Ok::<_, reqwest::Error>(Ok((status, headers, body)))
        })
        .await;
        let (status, headers, body) = match outcome {
            Err(_) => {
                tracing::debug!(target: TRACE_TARGET, method = %req.method, path = %req.path,
                    attempt, "attempt timed out");
                return Err(TimeoutError::new(TimeoutKind::Attempt, what(), sent.elapsed()).into());
            }
            Ok(Err(e)) => {
                tracing::debug!(target: TRACE_TARGET, method = %req.method, path = %req.path,
                    attempt, error = %e, "transport error");
                return Err(map_reqwest_error(e, req, sent.elapsed()));
            }
            Ok(Ok(Err(streaming_response))) => {
                tracing::debug!(target: TRACE_TARGET, method = %req.method, path = %req.path,
                    status = streaming_response.status().as_u16(), attempt,
                    elapsed_ms = sent.elapsed().as_millis() as u64, "response (streaming)");
                return Ok(Received::Streaming(streaming_response));
            }
            Ok(Ok(Ok(parts))) => parts,
        };
        if tracing::enabled!(target: TRACE_TARGET, tracing::Level::DEBUG) {
            tracing::debug!(target: TRACE_TARGET, method = %req.method, path = %req.path,
                status, attempt, elapsed_ms = sent.elapsed().as_millis() as u64,
                body = %redact::body_for_log(&body), "response");
        }
        if (200..300).contains(&status) {
            Ok(Received::Whole(Incoming {
                status,
                headers,
                body,
            }))
        } else {
            let method = req.method.as_str();
            Err(ApiError::from_response(method, &req.path, status, &headers, &body).into())
        }
    }
}

/// Maps a reqwest error to ours without exposing reqwest.
pub(crate) fn map_reqwest_error(e: reqwest::Error, req: &Outgoing, elapsed: Duration) -> Error {
    // The URL may carry query parameters; errors name the method and path only.
    let e = e.without_url();
    let what = format!("{} {}", req.method, req.path);
    if e.is_timeout() {
        let kind = if e.is_connect() {
            TimeoutKind::Connect
        } else {
            TimeoutKind::Attempt
        };
        return TimeoutError::new(kind, what, elapsed).into();
    }
    let kind = if e.is_connect() {
        TransportErrorKind::Connect
    } else if e.is_builder() {
        TransportErrorKind::Build
    } else {
        TransportErrorKind::Request
    };
    let message = error_chain(&e);
    TransportError::new(
        kind,
        req.method.as_str(),
        req.path.clone(),
        message,
        Some(Box::new(e)),
    )
    .into()
}

/// `e: cause: cause` — reqwest's own Display hides the interesting part in the source chain.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}
