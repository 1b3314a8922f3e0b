//! Serving connections: one hyper HTTP/1.1 connection task per client, each able to drop its
//! connection on request of a fault rule, all shut down gracefully on request.
//!
//! Connections are served here rather than with `axum::serve` because a "dropped connection"
//! fault must close the socket without writing a response, which needs a per-connection hook.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::response::IntoResponse;
use http::{Request, StatusCode};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tower_service::Service;

use crate::error::ApiError;

/// How long shutdown waits for in-flight requests before closing their connections.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);
/// How long a client may take to send request headers.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The longest request target (path and query) served; longer ones get a JSON 414.
pub(crate) const MAX_URI_BYTES: usize = 16 * 1024;
/// The largest header block (names and values) served; larger ones get a JSON 431.
pub(crate) const MAX_HEADER_BYTES: usize = 64 * 1024;

/// A JSON error for a request target or header block over the limits. (Heads far over them,
/// past hyper's own limits of 64 KiB of URI and about 400 KiB of head, are refused by hyper
/// itself, with the same status and an empty body.)
fn oversized_head<B>(req: &Request<B>) -> Option<ApiError> {
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if target > MAX_URI_BYTES {
        return Some(ApiError::new(
            StatusCode::URI_TOO_LONG,
            "BAD_REQUEST",
            format!("the request URI is {target} bytes; the limit is {MAX_URI_BYTES}"),
        ));
    }
    let headers: usize = req
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if headers > MAX_HEADER_BYTES {
        return Some(ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "BAD_REQUEST",
            format!("the request headers are {headers} bytes; the limit is {MAX_HEADER_BYTES}"),
        ));
    }
    None
}

/// Lets a handler close its own connection without answering (request extension).
#[derive(Debug, Clone)]
pub(crate) struct ConnAbort(Arc<Notify>);

impl ConnAbort {
    /// Closes the connection the request came on.
    pub(crate) fn fire(&self) {
        self.0.notify_one();
    }
}

/// Resolves once shutdown is requested (or the sender is gone).
pub(crate) async fn stopped(shutdown: &mut watch::Receiver<bool>) {
    // The guard `wait_for` returns is not `Send`; drop it here, before any other await.
    let _ = shutdown.wait_for(|stop| *stop).await.is_ok();
}

/// Accepts connections until `shutdown` turns true, then lets in-flight requests finish (up to
/// [`SHUTDOWN_GRACE`]) and closes everything.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    let for_connections = shutdown.clone();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(stream, router.clone(), for_connections.clone()));
                }
                Err(err) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!(%err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = stopped(&mut shutdown) => break,
        }
    }
    drop(listener);
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        connections.abort_all();
    }
}

async fn serve_connection(stream: TcpStream, router: Router, mut shutdown: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let abort = Arc::new(Notify::new());
    let handle = ConnAbort(abort.clone());
    let service = service_fn(move |mut req: Request<Incoming>| {
        req.extensions_mut().insert(handle.clone());
        let mut router = router.clone();
        async move {
            if let Some(refused) = oversized_head(&req) {
                return Ok::<_, Infallible>(refused.into_response());
            }
            let response = router.call(req.map(Body::new)).await;
            Ok::<_, Infallible>(match response {
                Ok(response) => response,
                Err(never) => match never {},
            })
        }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let mut shutting_down = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(err) = result {
                    tracing::debug!(%err, "connection ended with an error");
                }
                return;
            }
            // Dropping the connection future closes the socket without a response.
            _ = abort.notified() => return,
            _ = stopped(&mut shutdown), if !shutting_down => {
                shutting_down = true;
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}
