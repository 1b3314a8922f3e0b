//! The log of received requests (method, path, query, final status), for tests to assert on.
//!
//! Requests to the emulator's own `/__emulator/` endpoints are not logged. The log keeps the
//! latest [`MAX_ENTRIES`] requests.

use std::collections::VecDeque;
use std::sync::Mutex;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::Serialize;

use crate::workspace::AppState;

/// How many requests the log keeps (older ones are dropped).
pub const MAX_ENTRIES: usize = 10_000;

/// One received request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// Sequence number, from 1, in arrival order.
    pub seq: u64,
    /// HTTP method, e.g. `GET`.
    pub method: String,
    /// Path without the query, e.g. `/api/2.0/secrets/list`.
    pub path: String,
    /// Raw query string, if any.
    pub query: Option<String>,
    /// Status answered; `None` while in flight or when the connection was dropped.
    pub status: Option<u16>,
    /// Id of the fault rule applied to the request, if any.
    pub fault: Option<u64>,
    /// Whether a fault rule dropped the connection instead of answering.
    pub dropped: bool,
}

/// Marks a response as shaped by a fault rule (set by the fault middleware).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FaultApplied(pub(crate) u64);

/// Identifies a request's log entry (request extension).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogEntry(pub(crate) u64);

#[derive(Debug, Default)]
struct Inner {
    next_seq: u64,
    entries: VecDeque<RecordedRequest>,
}

/// The request log.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    inner: Mutex<Inner>,
}

impl RequestLog {
    fn with<T>(&self, f: impl FnOnce(&mut Inner) -> T) -> T {
        f(&mut self.inner.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Records an arriving request; returns its sequence number.
    pub(crate) fn start(&self, method: &str, path: &str, query: Option<&str>) -> u64 {
        self.with(|inner| {
            inner.next_seq += 1;
            let seq = inner.next_seq;
            if inner.entries.len() >= MAX_ENTRIES {
                inner.entries.pop_front();
            }
            inner.entries.push_back(RecordedRequest {
                seq,
                method: method.to_owned(),
                path: path.to_owned(),
                query: query.map(str::to_owned),
                status: None,
                fault: None,
                dropped: false,
            });
            seq
        })
    }

    fn update(&self, seq: u64, f: impl FnOnce(&mut RecordedRequest)) {
        self.with(|inner| {
            if let Some(entry) = inner.entries.iter_mut().rev().find(|e| e.seq == seq) {
                f(entry);
            }
        });
    }

    /// Records the answer to a request.
    pub(crate) fn finish(&self, seq: u64, status: u16, fault: Option<u64>) {
        self.update(seq, |e| {
            e.status = Some(status);
            e.fault = fault;
        });
    }

    /// Records that a fault rule dropped the request's connection.
    pub(crate) fn dropped(&self, seq: u64, fault: u64) {
        self.update(seq, |e| {
            e.dropped = true;
            e.fault = Some(fault);
        });
    }

    /// All entries, oldest first.
    pub(crate) fn entries(&self) -> Vec<RecordedRequest> {
        self.with(|inner| inner.entries.iter().cloned().collect())
    }

    /// Forgets every entry (sequence numbers keep counting).
    pub(crate) fn clear(&self) {
        self.with(|inner| inner.entries.clear());
    }
}

/// Middleware (outermost): logs every request outside `/__emulator/`.
pub(crate) async fn middleware(
    State(ws): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if crate::admin::is_admin_path(req.uri().path()) {
        return next.run(req).await;
    }
    let seq = ws
        .log
        .start(req.method().as_str(), req.uri().path(), req.uri().query());
    req.extensions_mut().insert(LogEntry(seq));
    let response = next.run(req).await;
    let fault = response.extensions().get::<FaultApplied>().map(|f| f.0);
    ws.log.finish(seq, response.status().as_u16(), fault);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_caps() {
        let log = RequestLog::default();
        let a = log.start("GET", "/a", Some("x=1"));
        log.finish(a, 200, None);
        let b = log.start("POST", "/b", None);
        log.dropped(b, 7);
        let entries = log.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].status, Some(200));
        assert_eq!(entries[0].query.as_deref(), Some("x=1"));
        assert!(entries[1].dropped);
        assert_eq!(entries[1].fault, Some(7));
        for _ in 0..MAX_ENTRIES {
            log.start("GET", "/c", None);
        }
        assert_eq!(log.entries().len(), MAX_ENTRIES);
        log.clear();
        assert!(log.entries().is_empty());
    }
}
