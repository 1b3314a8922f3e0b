//! The baseline: the same HTTP requests made with bare reqwest, configured like the SDK's pool
//! (connect timeout 30 s, idle connections kept 60 s, `TCP_NODELAY`), with the same headers,
//! decoding the same JSON into the same model types. No retries, no per-attempt timeout, no
//! error parsing beyond the status: the floor any client could reach against that server.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue, USER_AGENT};
use serde::de::DeserializeOwned;

/// A failure of the baseline (it has no typed errors: a message is enough).
pub type BareResult<T> = Result<T, String>;

/// A bare reqwest client bound to one workspace.
#[derive(Clone)]
pub struct Bare {
    http: reqwest::Client,
    base: String,
    auth: HeaderValue,
    user_agent: HeaderValue,
}

impl Bare {
    /// A client for `host` with `token`.
    pub fn new(host: &str, token: &str) -> BareResult<Self> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(30))
            .pool_idle_timeout(Duration::from_secs(60))
            .tcp_nodelay(true)
            .build()
            .map_err(|e| format!("cannot build reqwest client: {e}"))?;
        let auth = HeaderValue::from_str(&format!("Bearer {token}"))
            .map_err(|_| "the token is not a valid header value".to_owned())?;
        Ok(Self {
            http,
            base: host.trim_end_matches('/').to_owned(),
            auth,
            // As long as the SDK's, so both send the same bytes.
            user_agent: HeaderValue::from_static(
                "databricks-rs/0.1.0 rust/1.85 os/linux auth/pat bench/bare",
            ),
        })
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base))
            .header(AUTHORIZATION, self.auth.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(USER_AGENT, self.user_agent.clone())
    }

    async fn finish(builder: reqwest::RequestBuilder) -> BareResult<(u16, Bytes)> {
        let resp = builder.send().await.map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let body = resp.bytes().await.map_err(|e| e.to_string())?;
        Ok((status, body))
    }

    async fn ok(builder: reqwest::RequestBuilder, what: &str) -> BareResult<Bytes> {
        let (status, body) = Self::finish(builder).await?;
        if (200..300).contains(&status) {
            Ok(body)
        } else {
            Err(format!(
                "{what}: HTTP {status}: {}",
                String::from_utf8_lossy(&body)
            ))
        }
    }

    /// `GET path?query`, decoded as JSON.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> BareResult<T> {
        let body = Self::ok(self.request(reqwest::Method::GET, path).query(query), path).await?;
        decode(path, &body)
    }

    /// `GET path?query`, returning the raw body (for callers that decode it borrowed).
    pub async fn get_bytes(&self, path: &str, query: &[(&str, &str)]) -> BareResult<Bytes> {
        Self::ok(self.request(reqwest::Method::GET, path).query(query), path).await
    }

    /// `GET path?query`, returning the status (for probes that expect an error).
    pub async fn get_status(&self, path: &str, query: &[(&str, &str)]) -> BareResult<u16> {
        Self::finish(self.request(reqwest::Method::GET, path).query(query))
            .await
            .map(|(status, _)| status)
    }

    /// `POST path` with a JSON body already serialized, decoded as JSON (`{}` when empty).
    pub async fn post_json<T: DeserializeOwned>(&self, path: &str, body: Bytes) -> BareResult<T> {
        let builder = self
            .request(reqwest::Method::POST, path)
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body);
        let body = Self::ok(builder, path).await?;
        decode(path, &body)
    }

    /// `POST path` with a streamed body of `length` bytes; the response is ignored.
    pub async fn post_stream(
        &self,
        path: &str,
        body: reqwest::Body,
        content_type: &str,
        length: u64,
    ) -> BareResult<()> {
        let content_type =
            HeaderValue::from_str(content_type).map_err(|_| "bad content type".to_owned())?;
        let builder = self
            .request(reqwest::Method::POST, path)
            .header(CONTENT_TYPE, content_type)
            .header(reqwest::header::CONTENT_LENGTH, HeaderValue::from(length))
            .body(body);
        Self::ok(builder, path).await.map(|_| ())
    }

    /// `PUT path?query` with a streamed `application/octet-stream` body of `length` bytes;
    /// the response is ignored.
    pub async fn put_stream(
        &self,
        path: &str,
        query: &[(&str, &str)],
        body: reqwest::Body,
        length: u64,
    ) -> BareResult<()> {
        let builder = self
            .request(reqwest::Method::PUT, path)
            .query(query)
            .header(
                CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            )
            .header(reqwest::header::CONTENT_LENGTH, HeaderValue::from(length))
            .body(body);
        Self::ok(builder, path).await.map(|_| ())
    }

    /// `GET path`, its body counted chunk by chunk as it arrives (none of it kept).
    pub async fn get_counted(&self, path: &str) -> BareResult<u64> {
        let mut resp = self
            .request(reqwest::Method::GET, path)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(format!("{path}: HTTP {status}"));
        }
        let mut n = 0u64;
        while let Some(chunk) = resp.chunk().await.map_err(|e| e.to_string())? {
            n += chunk.len() as u64;
        }
        Ok(n)
    }

    /// `HEAD path`, returning the status.
    pub async fn head_status(&self, path: &str) -> BareResult<u16> {
        Self::finish(self.request(reqwest::Method::HEAD, path))
            .await
            .map(|(status, _)| status)
    }

    /// `POST path` with a raw body and content type; the response is ignored.
    pub async fn post_raw(&self, path: &str, body: Bytes, content_type: &str) -> BareResult<()> {
        let content_type =
            HeaderValue::from_str(content_type).map_err(|_| "bad content type".to_owned())?;
        let builder = self
            .request(reqwest::Method::POST, path)
            .header(CONTENT_TYPE, content_type)
            .body(body);
        Self::ok(builder, path).await.map(|_| ())
    }
}

fn decode<T: DeserializeOwned>(path: &str, body: &[u8]) -> BareResult<T> {
    let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(text).map_err(|e| format!("{path}: bad JSON: {e}"))
}
