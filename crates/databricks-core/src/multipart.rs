//! A minimal `multipart/form-data` writer (RFC 7578): text fields, then one file part, for
//! the endpoints that accept uploads as forms (DBFS `put`, Workspace `import`).
//!
//! ```
//! use databricks_core::multipart::Multipart;
//!
//! let (body, content_type) = Multipart::new()
//!     .text("path", "/tmp/a.csv")
//!     .text("overwrite", "true")
//!     .into_body("contents", "a.csv", b"x,y\n1,2\n");
//! assert!(content_type.starts_with("multipart/form-data; boundary="));
//! assert!(body.ends_with(b"--\r\n"));
//! ```
//!
//! The body is split in three: a `head` (the text fields and the file part's headers), the
//! file's raw bytes, and a `tail` (the closing boundary). An in-memory file is concatenated
//! with them ([`Multipart::into_body`]); a streamed upload sends `head`, then the file as it is
//! read, then `tail`, with a `Content-Length` of `head + size + tail`
//! ([`Multipart::file`]).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::{Bytes, BytesMut};

/// A multipart form being built.
pub struct Multipart {
    boundary: String,
    head: BytesMut,
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Multipart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Multipart")
            .field("boundary", &self.boundary)
            .field("head_len", &self.head.len())
            .finish()
    }
}

impl Multipart {
    /// An empty form with a fresh boundary.
    pub fn new() -> Self {
        Self {
            boundary: format!("databricks-rs-{}", unique_token()),
            head: BytesMut::new(),
        }
    }

    /// The `Content-Type` header value.
    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// Adds a text field.
    pub fn text(mut self, name: &str, value: &str) -> Self {
        self.head.extend_from_slice(
            format!(
                "--{}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n",
                self.boundary,
                escape(name)
            )
            .as_bytes(),
        );
        self.head.extend_from_slice(value.as_bytes());
        self.head.extend_from_slice(b"\r\n");
        self
    }

    /// Ends the text fields with the headers of the file part named `name`; returns the head
    /// and the tail to put around the file's bytes.
    pub fn file(mut self, name: &str, filename: &str) -> (Bytes, Bytes) {
        self.head.extend_from_slice(
            format!(
                "--{}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n",
                self.boundary,
                escape(name),
                escape(filename)
            )
            .as_bytes(),
        );
        let tail = Bytes::from(format!("\r\n--{}--\r\n", self.boundary));
        (self.head.freeze(), tail)
    }

    /// The whole body for an in-memory file: head, file, tail. Returns the content type too.
    pub fn into_body(self, name: &str, filename: &str, data: &[u8]) -> (Bytes, String) {
        let content_type = self.content_type();
        let (head, tail) = self.file(name, filename);
        let mut body = BytesMut::with_capacity(head.len() + data.len() + tail.len());
        body.extend_from_slice(&head);
        body.extend_from_slice(data);
        body.extend_from_slice(&tail);
        (body.freeze(), content_type)
    }
}

/// Quotes and line breaks cannot appear in a quoted header parameter: percent-encode them, as
/// browsers do.
fn escape(value: &str) -> String {
    value
        .replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A token unique within the process and unlikely to repeat across processes: the clock in
/// nanoseconds, the process id and a counter, in hex.
pub fn unique_token() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{nanos:x}{:x}{n:x}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_layout() {
        let form = Multipart::new()
            .text("path", "/a")
            .text("overwrite", "true");
        let boundary = form.boundary.clone();
        let (body, ct) = form.into_body("contents", "a\"b", b"xyz");
        assert_eq!(ct, format!("multipart/form-data; boundary={boundary}"));
        let text = String::from_utf8_lossy(&body);
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text.contains("name=\"path\"\r\n\r\n/a\r\n"));
        assert!(text.contains("filename=\"a%22b\""));
        assert!(text.ends_with(&format!("\r\n\r\nxyz\r\n--{boundary}--\r\n")));
    }

    #[test]
    fn tokens_are_unique() {
        assert_ne!(unique_token(), unique_token());
    }
}
