//! A streaming `multipart/form-data` reader (RFC 7578), for the endpoints that take uploads
//! (`dbfs/put`, `workspace/import`).
//!
//! The body is read frame by frame: text fields are collected (small), and the bytes of the
//! file part are appended straight into the buffer that becomes the stored content, so an
//! upload is never held twice. Only a window of one frame plus the boundary length is kept
//! besides.

use std::collections::BTreeMap;

use axum::body::Body;
use bytes::{Buf, BytesMut};
use http::{HeaderMap, header};
use http_body_util::BodyExt;

use crate::error::{ApiError, ApiResult};

/// Largest text field (and part header block) accepted.
const MAX_FIELD_BYTES: usize = 1024 * 1024;
/// Largest header block of one part.
const MAX_PART_HEADERS: usize = 16 * 1024;

/// A parsed form: text fields by name, and the file part.
#[derive(Debug, Default)]
pub(crate) struct Form {
    /// Text fields (the last value wins for repeated names).
    pub(crate) fields: BTreeMap<String, String>,
    /// The file part's bytes, when one was sent.
    pub(crate) file: Option<BytesMut>,
}

impl Form {
    /// A text field.
    pub(crate) fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }

    /// A boolean text field: `true` / `false` in any letter case (the legacy databricks-cli
    /// sends Python's `True` / `False`), absent as `None`; anything else is 400
    /// `MALFORMED_REQUEST`.
    pub(crate) fn bool_field(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.field(name) {
            None => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(other) => Err(ApiError::malformed_request(format!(
                "Could not parse request object: expected a boolean for field '{name}', \
                 got {other:?}"
            ))),
        }
    }
}

/// Whether a request is `multipart/form-data`.
pub(crate) fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
}

fn boundary(headers: &HeaderMap) -> ApiResult<String> {
    let value = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    value
        .split(';')
        .skip(1)
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_owned())
        .filter(|b| !b.is_empty() && b.len() <= 200)
        .ok_or_else(|| malformed("multipart/form-data without a boundary"))
}

fn malformed(message: &str) -> ApiError {
    ApiError::malformed_request(format!("Could not parse the multipart form: {message}"))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let last_start = haystack.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        match haystack[i..=last_start].iter().position(|b| *b == first) {
            None => return None,
            Some(p) => {
                i += p;
                if &haystack[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
        }
    }
    None
}

/// A header parameter (`name="x"`) of a `Content-Disposition` value.
fn disposition_param(headers: &str, param: &str) -> Option<String> {
    for line in headers.split("\r\n") {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if !key.trim().eq_ignore_ascii_case("content-disposition") {
            continue;
        }
        for piece in value.split(';').skip(1) {
            if let Some((k, v)) = piece.trim().split_once('=') {
                if k.trim().eq_ignore_ascii_case(param) {
                    return Some(v.trim().trim_matches('"').to_owned());
                }
            }
        }
    }
    None
}

enum Stage {
    Preamble,
    AfterDelimiter,
    Headers,
    Content { file: bool, name: String },
    Done,
}

/// Reads a whole multipart form from `body`. A part with a filename, or named in
/// `file_parts`, is the file; its size may not exceed `file_limit` (else `too_large`).
pub(crate) async fn read_form(
    headers: &HeaderMap,
    body: Body,
    file_parts: &[&str],
    file_limit: usize,
    too_large: impl Fn(usize) -> ApiError,
) -> ApiResult<Form> {
    let boundary = boundary(headers)?;
    let delimiter = format!("--{boundary}").into_bytes();
    let content_end = format!("\r\n--{boundary}").into_bytes();
    let mut form = Form::default();
    let mut window = BytesMut::new();
    let mut field = Vec::new();
    let mut stage = Stage::Preamble;
    let mut body = body;
    loop {
        // Consume as much of the window as the stage allows.
        let need_more = match &mut stage {
            Stage::Done => break,
            Stage::Preamble => match find(&window, &delimiter) {
                Some(i) => {
                    window.advance(i + delimiter.len());
                    stage = Stage::AfterDelimiter;
                    false
                }
                None => {
                    let keep = delimiter.len().saturating_sub(1);
                    if window.len() > keep {
                        window.advance(window.len() - keep);
                    }
                    true
                }
            },
            Stage::AfterDelimiter => {
                if window.len() < 2 {
                    true
                } else if &window[..2] == b"--" {
                    stage = Stage::Done;
                    false
                } else if &window[..2] == b"\r\n" {
                    window.advance(2);
                    stage = Stage::Headers;
                    false
                } else {
                    return Err(malformed("bad delimiter line"));
                }
            }
            Stage::Headers => match find(&window, b"\r\n\r\n") {
                Some(i) => {
                    let text = String::from_utf8_lossy(&window[..i]).into_owned();
                    window.advance(i + 4);
                    let name = disposition_param(&text, "name")
                        .ok_or_else(|| malformed("a part without a name"))?;
                    let filename = disposition_param(&text, "filename");
                    let file = filename.is_some() || file_parts.contains(&name.as_str());
                    if file && form.file.is_none() {
                        form.file = Some(BytesMut::new());
                    }
                    field.clear();
                    stage = Stage::Content { file, name };
                    false
                }
                None if window.len() > MAX_PART_HEADERS => {
                    return Err(malformed("part headers too long"));
                }
                None => true,
            },
            Stage::Content { file, name } => {
                let (take, done) = match find(&window, &content_end) {
                    Some(i) => (i, true),
                    None => (window.len().saturating_sub(content_end.len() - 1), false),
                };
                let chunk = window.split_to(take);
                if *file {
                    let sink = form.file.get_or_insert_with(BytesMut::new);
                    if sink.len() + chunk.len() > file_limit {
                        return Err(too_large(file_limit));
                    }
                    sink.extend_from_slice(&chunk);
                } else {
                    if field.len() + chunk.len() > MAX_FIELD_BYTES {
                        return Err(malformed("a text field is too long"));
                    }
                    field.extend_from_slice(&chunk);
                }
                if done {
                    window.advance(content_end.len());
                    if !*file {
                        let value = String::from_utf8(std::mem::take(&mut field))
                            .map_err(|_| malformed("a text field is not UTF-8"))?;
                        form.fields.insert(std::mem::take(name), value);
                    }
                    stage = Stage::AfterDelimiter;
                    false
                } else {
                    true
                }
            }
        };
        if need_more {
            match body.frame().await {
                None => return Err(malformed("the body ended before the closing boundary")),
                Some(Err(e)) => return Err(malformed(&format!("reading the body: {e}"))),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        window.extend_from_slice(&data);
                    }
                }
            }
        }
    }
    Ok(form)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(boundary: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}")
                .parse()
                .unwrap(),
        );
        h
    }

    fn body(parts: &[(&str, Option<&str>, &[u8])], boundary: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, filename, data) in parts {
            out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match filename {
                Some(f) => out.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                         Content-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => out.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        out
    }

    #[tokio::test]
    async fn parses_fields_and_file_across_small_frames() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let raw = body(
            &[
                ("path", None, b"/a/b"),
                ("overwrite", None, b"true"),
                ("contents", Some("b"), &data),
            ],
            "XyZ",
        );
        // Feed the body in 7-byte frames so that delimiters straddle frames.
        let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = raw
            .chunks(7)
            .map(|c| Ok(bytes::Bytes::copy_from_slice(c)))
            .collect();
        let stream = futures::stream::iter(chunks);
        let form = read_form(
            &headers("XyZ"),
            Body::from_stream(stream),
            &[],
            1 << 20,
            ApiError::body_too_large,
        )
        .await
        .unwrap();
        assert_eq!(form.field("path"), Some("/a/b"));
        assert_eq!(form.field("overwrite"), Some("true"));
        assert_eq!(form.file.unwrap().as_ref(), &data[..]);
    }

    #[test]
    fn boolean_fields_in_any_letter_case() {
        let form = |v: &str| Form {
            fields: BTreeMap::from([("overwrite".to_owned(), v.to_owned())]),
            file: None,
        };
        for (text, want) in [
            ("true", true),
            ("True", true),
            ("FALSE", false),
            ("false", false),
        ] {
            assert_eq!(
                form(text).bool_field("overwrite").unwrap(),
                Some(want),
                "{text}"
            );
        }
        assert_eq!(form("true").bool_field("other").unwrap(), None);
        for bad in ["1", "yes", "", "truee"] {
            let err = form(bad).bool_field("overwrite").unwrap_err();
            assert_eq!(err.code, "MALFORMED_REQUEST", "{bad}");
            assert!(err.message.contains("field 'overwrite'"), "{}", err.message);
        }
    }

    #[tokio::test]
    async fn limits_and_malformed_bodies() {
        let raw = body(&[("contents", Some("x"), &[1u8; 100])], "b");
        let err = read_form(
            &headers("b"),
            Body::from(raw),
            &[],
            10,
            ApiError::body_too_large,
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, "REQUEST_ENTITY_TOO_LARGE");
        let err = read_form(
            &headers("b"),
            Body::from("--b\r\nnope"),
            &[],
            10,
            ApiError::body_too_large,
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, "MALFORMED_REQUEST");
        let mut no_boundary = HeaderMap::new();
        no_boundary.insert(header::CONTENT_TYPE, "multipart/form-data".parse().unwrap());
        assert!(
            read_form(
                &no_boundary,
                Body::empty(),
                &[],
                10,
                ApiError::body_too_large
            )
            .await
            .is_err()
        );
    }

    #[test]
    fn finds() {
        assert_eq!(find(b"abcabd", b"abd"), Some(3));
        assert_eq!(find(b"ab", b"abd"), None);
        assert_eq!(find(b"xxab", b"ab"), Some(2));
    }
}
