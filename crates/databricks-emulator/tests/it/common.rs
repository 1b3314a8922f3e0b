//! A raw HTTP client for the emulator: JSON in, status + JSON out.

use databricks_emulator::Emulator;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

/// An HTTP response, its body parsed as JSON when it is JSON.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    /// The raw body.
    pub bytes: Vec<u8>,
    pub text: String,
    pub body: Value,
}

impl Resp {
    /// `error_code` of an error body ("" when absent).
    pub fn code(&self) -> &str {
        self.body["error_code"].as_str().unwrap_or("")
    }

    /// `message` of an error body.
    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or("")
    }

    /// Asserts a 200 and returns the body.
    #[track_caller]
    pub fn ok(self) -> Value {
        assert_eq!(
            self.status, 200,
            "expected 200, got {}: {}",
            self.status, self.text
        );
        self.body
    }

    /// Asserts an error status and code.
    #[track_caller]
    pub fn err(&self, status: u16, code: &str) {
        assert_eq!(
            (self.status, self.code()),
            (status, code),
            "unexpected answer: {}",
            self.text
        );
    }
}

/// A client bound to one emulator and one token.
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub token: Option<String>,
    pub http: reqwest::Client,
}

impl Client {
    pub fn new(emulator: &Emulator) -> Self {
        Self {
            base: emulator.url(),
            token: Some(emulator.token()),
            http: reqwest::Client::new(),
        }
    }

    pub fn with_token(&self, token: &str) -> Self {
        Self {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    pub fn anonymous(&self) -> Self {
        Self {
            token: None,
            ..self.clone()
        }
    }

    /// A request with this client's token, to add headers or a streamed body to.
    pub fn request(&self, method: &str, path: &str) -> reqwest::RequestBuilder {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let req = self.http.request(method, format!("{}{path}", self.base));
        match &self.token {
            Some(token) => req.bearer_auth(token),
            None => req,
        }
    }

    /// Sends raw bytes.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        body: Vec<u8>,
        content_type: Option<&str>,
    ) -> Resp {
        let mut req = self.request(method, path);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        if !body.is_empty() {
            req = req.body(body);
        }
        let response = req.send().await.expect("request failed");
        into_resp(response).await
    }

    /// Sends a JSON body (none when `body` is null).
    pub async fn call(&self, method: &str, path: &str, body: Value) -> Resp {
        let bytes = if body.is_null() {
            Vec::new()
        } else {
            serde_json::to_vec(&body).unwrap()
        };
        self.raw(method, path, bytes, Some("application/json"))
            .await
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.call("GET", path, Value::Null).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.call("POST", path, body).await
    }

    /// Creates a scope (as this client) and asserts success.
    pub async fn create_scope(&self, scope: &str) {
        self.post("/api/2.0/secrets/scopes/create", json!({ "scope": scope }))
            .await
            .ok();
    }
}

pub async fn into_resp(response: reqwest::Response) -> Resp {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.expect("body").to_vec();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Resp {
        status,
        headers,
        bytes,
        text,
        body,
    }
}

/// A started emulator with a client for its admin token.
pub async fn start() -> (Emulator, Client) {
    let emulator = Emulator::start().await.expect("start");
    let client = Client::new(&emulator);
    (emulator, client)
}

/// A started emulator with an extra non-admin user `bob@example.com` (token `bob-token`).
pub async fn start_with_bob() -> (Emulator, Client, Client) {
    let emulator = Emulator::builder()
        .token(databricks_emulator::DEFAULT_TOKEN)
        .user_token("bob@example.com", "bob-token")
        .start()
        .await
        .expect("start");
    let admin = Client::new(&emulator);
    let bob = admin.with_token("bob-token");
    (emulator, admin, bob)
}
