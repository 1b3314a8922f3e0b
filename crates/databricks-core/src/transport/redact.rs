//! Redaction of request and response bodies for debug logging.
//!
//! Bodies are only ever logged at `debug` level, truncated, and with the values of
//! secret-bearing JSON keys replaced. Headers are never logged, so the `Authorization` header
//! cannot leak.

use serde_json::Value;

/// JSON keys whose values are replaced by [`REDACTED`] wherever they appear.
pub(crate) const SECRET_KEYS: &[&str] = &[
    "string_value",
    "bytes_value",
    "token_value",
    "value",
    "content",
    "access_token",
    "refresh_token",
    "client_secret",
    "password",
];

/// The replacement text.
pub(crate) const REDACTED: &str = "**REDACTED**";

/// Longest body excerpt written to a log line.
pub(crate) const MAX_LOGGED_BODY: usize = 2048;

/// A loggable rendering of `body`: JSON with secrets replaced, or a size note for anything
/// that is not JSON (form bodies and raw bytes may carry credentials or file contents).
pub(crate) fn body_for_log(body: &[u8]) -> String {
    if body.is_empty() {
        return String::new();
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(mut value) => {
            redact(&mut value);
            let text = value.to_string();
            crate::error::truncate_for_log(&text, MAX_LOGGED_BODY)
        }
        Err(_) => format!("<{} bytes, not JSON>", body.len()),
    }
}

fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if SECRET_KEYS.contains(&k.as_str()) {
                    *v = Value::String(REDACTED.to_owned());
                } else {
                    redact(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_nested_secret_keys() {
        let body = br#"{"scope":"s","string_value":"hunter2","nested":[{"token_value":"dapi1"}],"access_token":"x"}"#;
        let out = body_for_log(body);
        assert!(!out.contains("hunter2"));
        assert!(!out.contains("dapi1"));
        assert!(out.contains(r#""scope":"s""#));
        assert_eq!(out.matches(REDACTED).count(), 3);
    }

    #[test]
    fn non_json_is_summarised() {
        assert_eq!(
            body_for_log(b"grant_type=client_credentials&client_secret=s"),
            "<45 bytes, not JSON>"
        );
        assert_eq!(body_for_log(b""), "");
    }

    #[test]
    fn long_bodies_are_truncated() {
        let body = serde_json::json!({ "name": "x".repeat(10_000) }).to_string();
        assert!(body_for_log(body.as_bytes()).len() <= MAX_LOGGED_BODY + 3);
    }
}
