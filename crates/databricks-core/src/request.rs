//! The raw request API: [`RequestBuilder`], shared by every API crate.

use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll as TaskPoll};

use futures_core::Stream;
use futures_util::StreamExt;

use crate::client::Client;
use crate::error::{
    DecodeError, Error, Result, TimeoutError, TimeoutKind, TransportError, TransportErrorKind,
};
use crate::transport::progress::BodyProgress;
use crate::transport::{Incoming, OutBody, Outgoing};

/// A request being built; finish it with [`send`](Self::send), [`send_empty`](Self::send_empty),
/// [`send_bytes`](Self::send_bytes), [`send_response`](Self::send_response) (status and
/// headers too, e.g. for `HEAD`) or [`send_stream`](Self::send_stream).
///
/// GET, HEAD and OPTIONS requests are idempotent by default (retried on 5xx and broken
/// connections); everything else is not unless marked with [`idempotent`](Self::idempotent).
///
/// ```no_run
/// # async fn demo(client: databricks_core::Client) -> databricks_core::Result<()> {
/// use databricks_core::Method;
///
/// #[derive(serde::Deserialize)]
/// struct Scopes { #[serde(default)] scopes: Vec<serde_json::Value> }
///
/// let scopes: Scopes = client
///     .request(Method::GET, "/api/2.0/secrets/scopes/list")
///     .send()
///     .await?;
/// # let _ = scopes; Ok(()) }
/// ```
#[must_use = "a request does nothing until it is sent"]
pub struct RequestBuilder {
    client: Client,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: PendingBody,
    idempotent: Option<bool>,
    timeout: Option<Duration>,
}

impl std::fmt::Debug for RequestBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("method", &self.method)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl RequestBuilder {
    pub(crate) fn new(client: Client, method: Method, path: String) -> Self {
        Self {
            client,
            method,
            path,
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: PendingBody::None,
            idempotent: None,
            timeout: None,
        }
    }

    /// Adds a query parameter (repeat the call for repeated keys).
    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_owned(), value.to_string()));
        self
    }

    /// Adds a query parameter when `value` is `Some`.
    pub fn query_opt(self, key: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    /// Adds every field of `params` as query parameters, the way the official SDKs encode
    /// them: `None` skipped, booleans as `true`/`false`, arrays as repeated keys, nested
    /// objects flattened with dots (`filter_by.cluster_states=RUNNING`).
    ///
    /// ```no_run
    /// # async fn demo(client: databricks_core::Client) -> databricks_core::Result<()> {
    /// #[derive(serde::Serialize)]
    /// struct ListRuns { job_id: i64, active_only: bool, limit: Option<u32> }
    ///
    /// let runs: serde_json::Value = client
    ///     .request(databricks_core::Method::GET, "/api/2.2/jobs/runs/list")
    ///     .query_struct(&ListRuns { job_id: 7, active_only: true, limit: None })
    ///     .send()
    ///     .await?;
    /// # let _ = runs; Ok(()) }
    /// ```
    pub fn query_struct<T: Serialize + ?Sized>(mut self, params: &T) -> Self {
        match serde_json::to_value(params) {
            Ok(value) => flatten_query(None, &value, &mut self.query),
            Err(e) => {
                self.body = PendingBody::Invalid(Error::invalid_input("query", e.to_string()))
            }
        }
        self
    }

    /// Sends `body` as JSON (`Content-Type: application/json`).
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        self.body = match serde_json::to_vec(body) {
            Ok(bytes) => PendingBody::Bytes(Bytes::from(bytes)),
            Err(e) => PendingBody::Invalid(Error::invalid_input(
                "body",
                format!("cannot serialize: {e}"),
            )),
        };
        self.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        self
    }

    /// Sends raw bytes with the given content type.
    pub fn body(mut self, bytes: impl Into<Bytes>, content_type: &str) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(v) => {
                self.headers.insert(header::CONTENT_TYPE, v);
                self.body = PendingBody::Bytes(bytes.into());
            }
            Err(_) => {
                self.body = PendingBody::Invalid(Error::invalid_input(
                    "content_type",
                    format!("{content_type:?} is not a valid header value"),
                ));
            }
        }
        self
    }

    /// Streams the request body from `stream` (for uploads that must not be buffered whole).
    ///
    /// `content_length`, when known, is sent as `Content-Length`; otherwise the body is sent
    /// chunked. A streamed request is sent exactly once: it is never retried, since the stream
    /// cannot be replayed. The client's per-attempt timeout bounds how long the upload may
    /// *stall* (no chunk taken by the connection, or no answer after the last one), not how
    /// long it takes: a large body on a slow link is not cut off while it moves.
    ///
    /// ```no_run
    /// # async fn demo(client: databricks_core::Client) -> databricks_core::Result<()> {
    /// use bytes::Bytes;
    /// let chunks = futures_util::stream::iter(vec![
    ///     Ok::<_, std::io::Error>(Bytes::from_static(b"hello ")),
    ///     Ok(Bytes::from_static(b"world")),
    /// ]);
    /// client
    ///     .request(databricks_core::Method::POST, "/api/2.0/fs/files/tmp/x")
    ///     .body_stream(chunks, "application/octet-stream", Some(11))
    ///     .send_empty()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn body_stream<S, E>(
        mut self,
        stream: S,
        content_type: &str,
        content_length: Option<u64>,
    ) -> Self
    where
        S: Stream<Item = std::result::Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        match HeaderValue::from_str(content_type) {
            Ok(v) => {
                self.headers.insert(header::CONTENT_TYPE, v);
                if let Some(len) = content_length {
                    self.headers
                        .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
                }
                let progress = BodyProgress::new();
                let touched = Arc::clone(&progress);
                let stream = stream.inspect(move |chunk| {
                    if chunk.is_ok() {
                        touched.touch();
                    }
                });
                self.body = PendingBody::Stream(reqwest::Body::wrap_stream(stream), progress);
            }
            Err(_) => {
                self.body = PendingBody::Invalid(Error::invalid_input(
                    "content_type",
                    format!("{content_type:?} is not a valid header value"),
                ));
            }
        }
        self
    }

    /// Adds a header. `Authorization` and `User-Agent` are set by the client and cannot be
    /// overridden here.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(n), Ok(v)) if n != header::AUTHORIZATION && n != header::USER_AGENT => {
                self.headers.insert(n, v);
            }
            _ => {
                self.body = PendingBody::Invalid(Error::invalid_input(
                    "header",
                    format!("header {name:?} cannot be set"),
                ));
            }
        }
        self
    }

    /// Marks the request as safe (or not) to repeat after a 5xx, a broken connection or an
    /// attempt timeout. 429, 503 and connection failures are retried either way.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = Some(idempotent);
        self
    }

    /// A deadline for this whole operation, retries included (overrides the client's).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the request and decodes the JSON response into `T` (an empty body decodes as
    /// `{}`). A body that does not match is an [`Error::Decode`] naming the JSON path.
    pub async fn send<T: DeserializeOwned>(self) -> Result<T> {
        let (outgoing, resp) = self.execute().await?;
        decode(outgoing.method.as_str(), &outgoing.path, &resp.body)
    }

    /// Sends the request and ignores the response body.
    pub async fn send_empty(self) -> Result<()> {
        self.execute().await.map(|_| ())
    }

    /// Sends the request and returns the raw response body.
    pub async fn send_bytes(self) -> Result<Bytes> {
        self.execute().await.map(|(_, r)| r.body)
    }

    /// Sends the request and returns the whole 2xx [`Response`]: status, headers and body. For
    /// `HEAD` requests and the endpoints that answer in headers (file metadata, download
    /// headers); the other `send_*` methods do not keep a success's headers.
    ///
    /// Errors are as for [`send`](Self::send): a non-2xx answer is an [`Error::Api`], parsed
    /// from whatever body it has; a `HEAD` answer never has one, so its error code comes from
    /// the status (`404` is `NOT_FOUND`, for which [`Error::is_not_found`] holds).
    ///
    /// ```no_run
    /// # async fn demo(client: databricks_core::Client) -> databricks_core::Result<()> {
    /// let head = client
    ///     .request(databricks_core::Method::HEAD, "/api/2.0/fs/files/Volumes/main/raw/a.csv")
    ///     .send_response()
    ///     .await?;
    /// println!("{:?} bytes, modified {:?}", head.content_length(), head.header("last-modified"));
    /// # Ok(()) }
    /// ```
    pub async fn send_response(self) -> Result<Response> {
        let (_, incoming) = self.execute_keeping(true).await?;
        Ok(Response {
            status: incoming.status,
            headers: incoming.headers,
            body: incoming.body,
        })
    }

    /// Sends the request and streams the response body (for downloads that must not be
    /// buffered whole). Error responses are read whole and parsed as usual; retries happen
    /// before the body starts to flow.
    ///
    /// ```no_run
    /// # async fn demo(client: databricks_core::Client) -> databricks_core::Result<()> {
    /// use futures_util::StreamExt;
    /// let mut body = client
    ///     .request(databricks_core::Method::GET, "/api/2.0/workspace/export")
    ///     .query("path", "/Users/me/notebook")
    ///     .query("direct_download", true)
    ///     .send_stream()
    ///     .await?;
    /// while let Some(chunk) = body.next().await {
    ///     let chunk = chunk?;
    ///     # let _ = chunk;
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn send_stream(mut self) -> Result<ByteStream> {
        let outgoing = self.prepare()?;
        let client = self.client.clone();
        let inner = client.inner();
        let deadline = self.timeout.or(inner.operation_timeout);
        let auth = &inner.auth;
        let run = inner.transport.execute_streaming(&outgoing, Some(auth));
        let mut resp = within(deadline, &outgoing, run).await?;
        let content_length = resp.content_length();
        let status = resp.status().as_u16();
        // Moved out, not copied: the body stream does not need them.
        let headers = std::mem::take(resp.headers_mut());
        let (method, path) = (outgoing.method.to_string(), outgoing.path);
        let stream = resp.bytes_stream().map(move |chunk| {
            chunk.map_err(|e| {
                let e = e.without_url();
                Error::from(TransportError::new(
                    TransportErrorKind::Request,
                    method.clone(),
                    path.clone(),
                    format!("reading the response body failed: {e}"),
                    Some(Box::new(e)),
                ))
            })
        });
        Ok(ByteStream {
            inner: Box::pin(stream),
            content_length,
            status,
            headers,
        })
    }

    /// Sends the request; hands back what was sent (errors name its method and path) and
    /// the response.
    async fn execute(self) -> Result<(Outgoing, Incoming)> {
        self.execute_keeping(false).await
    }

    /// [`execute`](Self::execute), keeping the success's headers when `headers`.
    async fn execute_keeping(mut self, headers: bool) -> Result<(Outgoing, Incoming)> {
        let outgoing = self.prepare()?;
        let inner = self.client.inner();
        let deadline = self.timeout.or(inner.operation_timeout);
        let auth = Some(&inner.auth);
        let incoming = if headers {
            let run = inner.transport.execute_with_headers(&outgoing, auth);
            within(deadline, &outgoing, run).await?
        } else {
            within(
                deadline,
                &outgoing,
                inner.transport.execute(&outgoing, auth),
            )
            .await?
        };
        Ok((outgoing, incoming))
    }

    fn prepare(&mut self) -> Result<Outgoing> {
        if !self.path.starts_with('/') {
            return Err(Error::invalid_input(
                "path",
                format!("{:?} must be absolute (start with '/')", self.path),
            ));
        }
        let body = match std::mem::replace(&mut self.body, PendingBody::None) {
            PendingBody::None => OutBody::Empty,
            PendingBody::Bytes(b) => OutBody::Bytes(b),
            PendingBody::Stream(s, progress) => {
                OutBody::Stream(std::sync::Mutex::new(Some(s)), progress)
            }
            PendingBody::Invalid(e) => return Err(e),
        };
        let inner = self.client.inner();
        let mut url = inner.config.host().clone();
        url.set_path(&self.path);
        url.set_query(None);
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&self.query);
        }
        // The builder is spent: its headers and path move into the request.
        let mut headers = std::mem::take(&mut self.headers);
        headers
            .entry(header::ACCEPT)
            .or_insert(HeaderValue::from_static("application/json"));
        headers.insert(header::USER_AGENT, inner.user_agent_header.clone());
        let idempotent = self.idempotent.unwrap_or(matches!(
            self.method,
            Method::GET | Method::HEAD | Method::OPTIONS
        ));
        Ok(Outgoing {
            method: self.method.clone(),
            url,
            path: std::mem::take(&mut self.path),
            headers,
            body,
            idempotent,
        })
    }
}

/// The error of an operation that outlived its deadline (formatted only when it happens).
/// Runs `run` under the operation `deadline`, if any: past it, a [`TimeoutKind::Operation`]
/// error naming the request.
async fn within<T>(
    deadline: Option<Duration>,
    outgoing: &Outgoing,
    run: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    match deadline {
        None => run.await,
        Some(d) => tokio::time::timeout(d, run)
            .await
            .map_err(|_| operation_timeout(outgoing, d))?,
    }
}

fn operation_timeout(outgoing: &Outgoing, deadline: Duration) -> Error {
    let what = format!("{} {}", outgoing.method, outgoing.path);
    TimeoutError::new(TimeoutKind::Operation, what, deadline).into()
}

/// The body as set on the builder; errors are deferred to `send`.
enum PendingBody {
    None,
    Bytes(Bytes),
    Stream(reqwest::Body, Arc<BodyProgress>),
    Invalid(Error),
}

/// A whole successful response with its status and headers, from
/// [`RequestBuilder::send_response`].
///
/// ```
/// use databricks_core::request::Response;
///
/// let r = Response::new(200, databricks_core::HeaderMap::new(), "{}");
/// assert_eq!(r.status(), 200);
/// assert_eq!(r.header("content-type"), None);
/// assert_eq!(r.body().as_ref(), b"{}");
/// ```
#[derive(Debug, Clone)]
pub struct Response {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl Response {
    /// A response made of its parts (for tests and for callers who synthesize answers).
    pub fn new(status: u16, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
        }
    }

    /// The HTTP status (2xx).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The value of header `name` (case-insensitive), if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_str(&self.headers, name)
    }

    /// The `Content-Length` header, if present and a number. For a `HEAD` request this is the
    /// size of the resource, not of the (empty) body.
    pub fn content_length(&self) -> Option<u64> {
        header_u64(&self.headers, header::CONTENT_LENGTH.as_str())
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body, taken.
    pub fn into_body(self) -> Bytes {
        self.body
    }
}

/// A header's value as text, if present and visible ASCII.
fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok()
}

/// A header's value as a number, if present and one.
fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    header_str(headers, name)?.trim().parse().ok()
}

/// A streamed response body: a `Stream` of `Result<Bytes>` chunks, from
/// [`RequestBuilder::send_stream`], with the response's status and headers. A connection
/// failure mid-body is an [`Error::Transport`].
pub struct ByteStream {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>,
    content_length: Option<u64>,
    status: u16,
    headers: HeaderMap,
}

impl ByteStream {
    /// The `Content-Length` the server announced, if any.
    pub fn content_length(&self) -> Option<u64> {
        self.content_length
    }

    /// The HTTP status (2xx; `206` answers a `Range` request).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The value of header `name` (case-insensitive), if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_str(&self.headers, name)
    }

    /// Reads the rest of the body into memory.
    pub async fn collect_bytes(mut self) -> Result<Bytes> {
        let mut out = bytes::BytesMut::new();
        while let Some(chunk) = self.inner.next().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out.freeze())
    }
}

impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ByteStream")
            .field("status", &self.status)
            .field("content_length", &self.content_length)
            .finish_non_exhaustive()
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> TaskPoll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// Decodes a JSON body, naming the JSON path of the first mismatch.
pub(crate) fn decode<T: DeserializeOwned>(method: &str, path: &str, body: &[u8]) -> Result<T> {
    let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    // The fast path: tracking the JSON path allocates for every key, so it is only paid when
    // decoding fails and the error needs the path.
    if let Ok(value) = serde_json::from_slice(text) {
        return Ok(value);
    }
    let de = &mut serde_json::Deserializer::from_slice(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let json_path = e.path().to_string();
        DecodeError::new(method, path, json_path, e.into_inner().to_string(), body).into()
    })
}

fn flatten_query(prefix: Option<&str>, value: &Value, out: &mut Vec<(String, String)>) {
    let key = |k: &str| match prefix {
        Some(p) => format!("{p}.{k}"),
        None => k.to_owned(),
    };
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                flatten_query(Some(&key(k)), v, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                flatten_query(prefix, item, out);
            }
        }
        Value::Null => {}
        Value::Bool(b) => out.push((prefix.unwrap_or_default().to_owned(), b.to_string())),
        Value::Number(n) => out.push((prefix.unwrap_or_default().to_owned(), n.to_string())),
        Value::String(s) => out.push((prefix.unwrap_or_default().to_owned(), s.clone())),
    }
}

/// Percent-encodes one path segment (an id or name placed inside a URL path), leaving only
/// RFC 3986 unreserved characters as they are.
///
/// ```
/// assert_eq!(databricks_core::request::encode_path_segment("a b/c"), "a%20b%2Fc");
/// ```
pub fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn query_flattening() {
        let mut out = Vec::new();
        flatten_query(
            None,
            &json!({"a": 1, "b": true, "c": null, "d": ["x", "y"], "e": {"f": "g", "h": [1, 2]}}),
            &mut out,
        );
        let pairs: Vec<(&str, &str)> = out.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            vec![
                ("a", "1"),
                ("b", "true"),
                ("d", "x"),
                ("d", "y"),
                ("e.f", "g"),
                ("e.h", "1"),
                ("e.h", "2")
            ]
        );
    }

    #[test]
    fn decode_names_json_path() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            id: i64,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct List {
            items: Vec<Item>,
        }
        let err = decode::<List>("GET", "/x", br#"{"items":[{"id":1},{"id":"two"}]}"#).unwrap_err();
        match err {
            Error::Decode(d) => {
                assert_eq!(d.json_path(), "items[1].id");
                assert!(d.body_excerpt().contains("two"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_body_decodes_as_empty_object() {
        #[derive(serde::Deserialize, Default)]
        struct Empty {
            #[serde(default)]
            scopes: Vec<String>,
        }
        let v: Empty = decode("GET", "/x", b"").unwrap();
        assert!(v.scopes.is_empty());
        let v: Empty = decode("GET", "/x", b"  \n").unwrap();
        assert!(v.scopes.is_empty());
    }

    #[test]
    fn path_segment_encoding() {
        assert_eq!(encode_path_segment("abc-1.2_~"), "abc-1.2_~");
        assert_eq!(encode_path_segment("é"), "%C3%A9");
    }
}
