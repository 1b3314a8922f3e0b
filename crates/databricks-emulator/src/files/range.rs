//! The conditional and partial parts of a download: one `Range: bytes=...` (RFC 9110 14.1),
//! `If-Unmodified-Since`, and HTTP-dates.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What a `Range` header asks of a representation of a given length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wanted {
    /// The whole file (no header, or one that is ignored).
    Whole,
    /// Bytes `start..=end`.
    Part {
        /// First byte.
        start: u64,
        /// Last byte (inclusive).
        end: u64,
    },
    /// No byte of the file is in the range: 416.
    Unsatisfiable,
}

/// Reads a `Range` header against a file of `len` bytes. Several ranges, other units and
/// malformed values are ignored (the whole file is sent), as RFC 9110 allows.
pub(super) fn wanted(header: Option<&str>, len: u64) -> Wanted {
    let Some(value) = header else {
        return Wanted::Whole;
    };
    let value = value.trim();
    let Some(spec) = value
        .get(..6)
        .filter(|unit| unit.eq_ignore_ascii_case("bytes="))
        .map(|_| value[6..].trim())
    else {
        return Wanted::Whole;
    };
    if spec.contains(',') {
        return Wanted::Whole;
    }
    let Some((first, last)) = spec.split_once('-') else {
        return Wanted::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    if first.is_empty() {
        // A suffix: the last `n` bytes.
        let Ok(n) = last.parse::<u64>() else {
            return Wanted::Whole;
        };
        if n == 0 || len == 0 {
            return Wanted::Unsatisfiable;
        }
        return Wanted::Part {
            start: len.saturating_sub(n),
            end: len - 1,
        };
    }
    let Ok(start) = first.parse::<u64>() else {
        return Wanted::Whole;
    };
    let end = if last.is_empty() {
        u64::MAX
    } else {
        match last.parse::<u64>() {
            Ok(end) if end >= start => end,
            _ => return Wanted::Whole,
        }
    };
    if start >= len {
        return Wanted::Unsatisfiable;
    }
    Wanted::Part {
        start,
        end: end.min(len - 1),
    }
}

/// An epoch-ms time as a `SystemTime` (negative times are the epoch).
fn system_time(epoch_ms: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(u64::try_from(epoch_ms).unwrap_or(0))
}

/// An epoch-ms time as an HTTP-date (`Wed, 12 Jun 2024 08:34:12 GMT`).
pub(super) fn http_date(epoch_ms: i64) -> String {
    httpdate::fmt_http_date(system_time(epoch_ms))
}

/// Whether a file last modified at `modified_ms` fails `If-Unmodified-Since: header`: it was
/// modified after that date (compared in whole seconds, the precision of HTTP-dates). An
/// invalid date is ignored, as RFC 9110 says.
pub(super) fn modified_since(header: Option<&str>, modified_ms: i64) -> bool {
    let Some(since) = header.and_then(|h| httpdate::parse_http_date(h.trim()).ok()) else {
        return false;
    };
    let since_secs = since
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let modified_secs = u64::try_from(modified_ms.div_euclid(1000)).unwrap_or(0);
    modified_secs > since_secs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        let part = |start, end| Wanted::Part { start, end };
        assert_eq!(wanted(None, 10), Wanted::Whole);
        assert_eq!(wanted(Some("bytes=0-4"), 10), part(0, 4));
        assert_eq!(wanted(Some("bytes=2-"), 10), part(2, 9));
        assert_eq!(wanted(Some("bytes=-3"), 10), part(7, 9));
        assert_eq!(wanted(Some("bytes=-30"), 10), part(0, 9));
        assert_eq!(wanted(Some("bytes=5-100"), 10), part(5, 9));
        assert_eq!(wanted(Some("Bytes= 1 - 2 "), 10), part(1, 2));
        assert_eq!(wanted(Some("bytes=10-"), 10), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=-0"), 10), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=0-"), 0), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=-1"), 0), Wanted::Unsatisfiable);
        for ignored in [
            "bytes=0-1,3-4",
            "items=0-1",
            "bytes=4-2",
            "bytes=a-b",
            "bytes=-",
            "bytes=5",
            "byte",
        ] {
            assert_eq!(wanted(Some(ignored), 10), Wanted::Whole, "{ignored}");
        }
    }

    #[test]
    fn dates() {
        // 2024-06-12 08:34:12 UTC
        let ms = 1_718_181_252_000;
        assert_eq!(http_date(ms + 999), "Wed, 12 Jun 2024 08:34:12 GMT");
        let date = http_date(ms);
        assert!(!modified_since(Some(&date), ms + 999));
        assert!(modified_since(Some(&date), ms + 1000));
        assert!(!modified_since(Some("Wed, 12 Jun 2024 08:34:13 GMT"), ms));
        assert!(!modified_since(Some("not a date"), ms));
        assert!(!modified_since(None, ms));
    }
}
