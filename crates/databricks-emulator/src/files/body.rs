//! Raw request bodies read frame by frame straight into the buffer that becomes the stored
//! file (sized from `Content-Length` when given, so a large upload is not copied as it grows),
//! with a size limit that applies as the body streams.

use axum::body::Body;
use bytes::{Bytes, BytesMut};
use http::HeaderMap;
use http_body_util::BodyExt;

use crate::error::{ApiError, ApiResult};

/// `limit` as the `usize` error messages and buffers use.
fn usize_limit(limit: u64) -> usize {
    usize::try_from(limit).unwrap_or(usize::MAX)
}

/// The declared `Content-Length`, if any; over `limit` it is 413 at once (nothing is read).
pub(super) fn declared_length(headers: &HeaderMap, limit: u64) -> ApiResult<Option<u64>> {
    match crate::request::declared_length(headers) {
        Some(len) if len > limit => Err(ApiError::body_too_large(usize_limit(limit))),
        other => Ok(other),
    }
}

/// Reads a whole raw body (fixed length or chunked) of at most `limit` bytes.
pub(super) async fn read_raw(headers: &HeaderMap, body: Body, limit: u64) -> ApiResult<Bytes> {
    let declared = declared_length(headers, limit)?;
    let mut data = BytesMut::with_capacity(
        declared
            .and_then(|len| usize::try_from(len).ok())
            .unwrap_or(0),
    );
    let mut body = body;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            ApiError::malformed_request(format!("Could not read the request body: {e}"))
        })?;
        if let Ok(chunk) = frame.into_data() {
            if (data.len() + chunk.len()) as u64 > limit {
                return Err(ApiError::body_too_large(usize_limit(limit)));
            }
            data.extend_from_slice(&chunk);
        }
    }
    Ok(data.freeze())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunked(data: &[u8], size: usize) -> Body {
        let chunks: Vec<Result<Bytes, std::io::Error>> = data
            .chunks(size)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        Body::from_stream(futures::stream::iter(chunks))
    }

    #[tokio::test]
    async fn reads_frames_and_enforces_the_limit() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let got = read_raw(&HeaderMap::new(), chunked(&data, 7), 10_000)
            .await
            .unwrap();
        assert_eq!(got.as_ref(), &data[..]);
        let err = read_raw(&HeaderMap::new(), chunked(&data, 7), 9_999)
            .await
            .unwrap_err();
        assert_eq!(
            (err.status.as_u16(), err.code.as_str()),
            (413, "REQUEST_ENTITY_TOO_LARGE")
        );
        let mut declared = HeaderMap::new();
        declared.insert(http::header::CONTENT_LENGTH, "10001".parse().unwrap());
        let err = read_raw(&declared, Body::empty(), 10_000)
            .await
            .unwrap_err();
        assert_eq!(err.status.as_u16(), 413);
        assert!(err.message.contains("10000 bytes"), "{}", err.message);
        assert!(
            read_raw(&HeaderMap::new(), Body::empty(), 0)
                .await
                .unwrap()
                .is_empty()
        );
    }
}
