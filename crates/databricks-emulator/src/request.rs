//! Request parameters: the query string and the JSON body merged into one object, read with
//! typed accessors whose errors name the field.
//!
//! The legacy 2.0 APIs accept GET parameters from a JSON body as well as from the query string
//! (databricks-cli and older clients send bodies on GET); the query wins on conflict. Bodies are
//! read here from raw bytes, never through axum's extractors, so every rejection (too large,
//! invalid UTF-8, malformed JSON, wrong type, missing field) has the standard error body.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use bytes::Bytes;
use http::header;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde_json::{Map, Value};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::workspace::{AppState, Workspace};

/// How long a client may take to send a whole (JSON-sized) request body. A stalled body is
/// answered 408 instead of holding its connection forever.
pub(crate) const BODY_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// The `Content-Length` the client declared, if any and a number.
pub(crate) fn declared_length(headers: &http::HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Reads and drops a body, holding none of it: a refused request still takes its body in, so
/// the client sees the answer rather than a connection closed under a request it is still
/// sending (which it could not tell from a network failure). Stops after `limit` bytes, at an
/// error, or when no frame arrives for [`BODY_READ_TIMEOUT`].
pub(crate) async fn discard_body(body: Body, limit: u64) {
    let mut seen = 0u64;
    let mut body = body;
    while let Ok(Some(Ok(frame))) = tokio::time::timeout(BODY_READ_TIMEOUT, body.frame()).await {
        if let Ok(chunk) = frame.into_data() {
            seen += chunk.len() as u64;
            if seen > limit {
                return;
            }
        }
    }
}

/// Reads a whole body, refusing more than `limit` bytes or a body that stalls for longer than
/// [`BODY_READ_TIMEOUT`].
pub(crate) async fn read_body(
    headers: &http::HeaderMap,
    body: Body,
    limit: usize,
) -> ApiResult<Bytes> {
    if declared_length(headers).is_some_and(|len| len > limit as u64) {
        return Err(ApiError::body_too_large(limit));
    }
    let collected = tokio::time::timeout(BODY_READ_TIMEOUT, Limited::new(body, limit).collect())
        .await
        .map_err(|_| {
            ApiError::new(
                http::StatusCode::REQUEST_TIMEOUT,
                "REQUEST_TIMEOUT",
                format!(
                    "The request body did not arrive within {} s.",
                    BODY_READ_TIMEOUT.as_secs()
                ),
            )
        })?;
    match collected {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) if err.downcast_ref::<LengthLimitError>().is_some() => {
            Err(ApiError::body_too_large(limit))
        }
        Err(err) => Err(ApiError::malformed_request(format!(
            "Could not read the request body: {err}"
        ))),
    }
}

/// The JSON type name used in error messages.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Request parameters (query and JSON body merged), with typed accessors.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params {
    map: Map<String, Value>,
    /// Field path prefix for nested objects (`token.`), so errors name the full path.
    prefix: String,
}

impl Params {
    /// Parses a query string and a raw body; the query wins on conflicting keys.
    pub(crate) fn parse(query: Option<&str>, body: &[u8]) -> ApiResult<Self> {
        let mut map = parse_json_body(body)?;
        for (key, value) in parse_query(query) {
            map.insert(key, value);
        }
        Ok(Self {
            map,
            prefix: String::new(),
        })
    }

    /// Parameters from an already parsed JSON object.
    #[cfg(test)]
    pub(crate) fn from_map(map: Map<String, Value>) -> Self {
        Self {
            map,
            prefix: String::new(),
        }
    }

    fn path(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    fn wrong_type(&self, name: &str, expected: &str, got: &Value) -> ApiError {
        ApiError::malformed_request(format!(
            "Could not parse request object: expected {expected} for field '{}', got {}",
            self.path(name),
            type_name(got)
        ))
    }

    /// The raw value of a field; JSON `null` counts as absent.
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }

    /// An optional string field.
    pub(crate) fn str_opt(&self, name: &str) -> ApiResult<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.wrong_type(name, "a string", other)),
        }
    }

    /// A required string field (an empty string counts as present).
    pub(crate) fn str_req(&self, name: &str) -> ApiResult<String> {
        self.str_opt(name)?
            .ok_or_else(|| ApiError::missing_field(&self.path(name)))
    }

    /// An optional 64-bit integer; numeric strings are accepted (query parameters are strings).
    pub(crate) fn i64_opt(&self, name: &str) -> ApiResult<Option<i64>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| self.wrong_type(name, "an integer", &Value::Number(n.clone()))),
            Some(Value::String(s)) => s
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| self.wrong_type(name, "an integer", &Value::String(s.clone()))),
            Some(other) => Err(self.wrong_type(name, "an integer", other)),
        }
    }

    /// An optional number; numeric strings are accepted.
    pub(crate) fn f64_opt(&self, name: &str) -> ApiResult<Option<f64>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(Value::String(s)) => s
                .trim()
                .parse::<f64>()
                .map(Some)
                .map_err(|_| self.wrong_type(name, "a number", &Value::String(s.clone()))),
            Some(other) => Err(self.wrong_type(name, "a number", other)),
        }
    }

    /// An optional boolean; `"true"`/`"false"` strings are accepted.
    pub(crate) fn bool_opt(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if s == "true" => Ok(Some(true)),
            Some(Value::String(s)) if s == "false" => Ok(Some(false)),
            Some(other) => Err(self.wrong_type(name, "a boolean", other)),
        }
    }

    /// An optional array of strings (a single query value counts as a one-element array).
    pub(crate) fn str_list_opt(&self, name: &str) -> ApiResult<Option<Vec<String>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(self.wrong_type(name, "an array of strings", other)),
                })
                .collect::<ApiResult<Vec<_>>>()
                .map(Some),
            Some(other) => Err(self.wrong_type(name, "an array of strings", other)),
        }
    }

    /// An optional array of objects, each as nested parameters.
    pub(crate) fn object_list_opt(&self, name: &str) -> ApiResult<Option<Vec<Params>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::Object(map) => Ok(Params {
                        map: map.clone(),
                        prefix: format!("{}[{i}].", self.path(name)),
                    }),
                    other => Err(self.wrong_type(name, "an array of objects", other)),
                })
                .collect::<ApiResult<Vec<_>>>()
                .map(Some),
            Some(other) => Err(self.wrong_type(name, "an array of objects", other)),
        }
    }

    /// An optional nested object.
    pub(crate) fn object_opt(&self, name: &str) -> ApiResult<Option<Params>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(Params {
                map: map.clone(),
                prefix: format!("{}.", self.path(name)),
            })),
            Some(other) => Err(self.wrong_type(name, "an object", other)),
        }
    }

    /// The raw JSON value of an optional object field (kept as sent).
    pub(crate) fn raw_object_opt(&self, name: &str) -> ApiResult<Option<Value>> {
        match self.get(name) {
            None => Ok(None),
            Some(v @ Value::Object(_)) => Ok(Some(v.clone())),
            Some(other) => Err(self.wrong_type(name, "an object", other)),
        }
    }
}

/// Parses a body as a JSON object; an empty (or all-whitespace) body is `{}`.
fn parse_json_body(body: &[u8]) -> ApiResult<Map<String, Value>> {
    let text = std::str::from_utf8(body).map_err(|e| {
        ApiError::malformed_request(format!(
            "Invalid UTF-8 in the request body at byte {}",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(other) => Err(ApiError::malformed_request(format!(
            "Invalid JSON given in the body of the request - expected an object, got {}",
            type_name(&other)
        ))),
        Err(e) => Err(ApiError::malformed_request(format!(
            "Invalid JSON given in the body of the request - failed to parse given JSON: {e}"
        ))),
    }
}

/// Parses a query string; repeated keys become arrays.
fn parse_query(query: Option<&str>) -> Map<String, Value> {
    let mut map = Map::new();
    let Some(query) = query else {
        return map;
    };
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let value = Value::String(value.into_owned());
        match map.get_mut(key.as_ref()) {
            Some(Value::Array(items)) => items.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
            None => {
                map.insert(key.into_owned(), value);
            }
        }
    }
    map
}

/// Everything an API handler needs: the workspace, the authenticated caller, the merged
/// parameters and the path parameters. Extracting it never fails with anything but an
/// [`ApiError`] in the standard body.
pub(crate) struct Ctx {
    /// The workspace.
    pub(crate) ws: Arc<Workspace>,
    /// Who is calling.
    pub(crate) caller: Caller,
    /// Query + JSON body.
    pub(crate) params: Params,
    path: Vec<(String, String)>,
}

impl Ctx {
    /// A path parameter (`{token_id}`).
    pub(crate) fn path_param(&self, name: &str) -> ApiResult<String> {
        self.path
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| ApiError::missing_field(name))
    }
}

impl FromRequest<AppState> for Ctx {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let path = match RawPathParams::from_request_parts(&mut parts, state).await {
            Ok(raw) => raw
                .iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            Err(_) => Vec::new(),
        };
        let caller = parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| ApiError::unauthenticated("Credential was not sent."))?;
        let bytes = read_body(&parts.headers, body, state.config.max_body_bytes).await?;
        let params = Params::parse(parts.uri.query(), &bytes)?;
        Ok(Self {
            ws: state.clone(),
            caller,
            params,
            path,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_wins_over_body() {
        let p = Params::parse(Some("scope=q&x=1"), br#"{"scope":"b","key":"k"}"#).unwrap();
        assert_eq!(p.str_req("scope").unwrap(), "q");
        assert_eq!(p.str_req("key").unwrap(), "k");
        assert_eq!(p.i64_opt("x").unwrap(), Some(1));
    }

    #[test]
    fn empty_and_null_bodies_are_empty_objects() {
        assert!(Params::parse(None, b"").unwrap().map.is_empty());
        assert!(Params::parse(None, b"  \n").unwrap().map.is_empty());
        assert!(Params::parse(None, b"null").unwrap().map.is_empty());
    }

    #[test]
    fn errors_name_the_field() {
        let p = Params::parse(None, br#"{"scope": 5, "token": {"comment": 1}}"#).unwrap();
        let e = p.str_req("scope").unwrap_err();
        assert_eq!(e.code, "MALFORMED_REQUEST");
        assert!(e.message.contains("'scope'"), "{}", e.message);
        let e = p.str_req("key").unwrap_err();
        assert_eq!(e.code, "INVALID_PARAMETER_VALUE");
        assert!(e.message.contains("key"));
        let nested = p.object_opt("token").unwrap().unwrap();
        let e = nested.str_opt("comment").unwrap_err();
        assert!(e.message.contains("'token.comment'"), "{}", e.message);
    }

    #[test]
    fn malformed_bodies() {
        assert_eq!(
            Params::parse(None, b"{nope").unwrap_err().code,
            "MALFORMED_REQUEST"
        );
        assert_eq!(
            Params::parse(None, b"[1,2]").unwrap_err().code,
            "MALFORMED_REQUEST"
        );
        assert_eq!(
            Params::parse(None, b"{\"a\":\"\xff\"}").unwrap_err().code,
            "MALFORMED_REQUEST"
        );
    }

    #[test]
    fn repeated_query_keys_make_arrays() {
        let p = Params::parse(Some("a=1&a=2&b=x%20y"), b"").unwrap();
        assert_eq!(
            p.str_list_opt("a").unwrap(),
            Some(vec!["1".to_owned(), "2".to_owned()])
        );
        assert_eq!(p.str_opt("b").unwrap().as_deref(), Some("x y"));
        assert_eq!(p.bool_opt("missing").unwrap(), None);
    }
}
