//! Small value types shared by every API family.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A point in time as the Databricks API sends it: milliseconds since the Unix epoch.
///
/// ```
/// use databricks_core::Timestamp;
/// let t = Timestamp::from_millis(1_700_000_000_000);
/// assert_eq!(t.as_millis(), 1_700_000_000_000);
/// assert_eq!(serde_json::to_string(&t).unwrap(), "1700000000000");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(i64);

impl Timestamp {
    /// Wraps epoch milliseconds.
    pub const fn from_millis(millis: i64) -> Self {
        Self(millis)
    }

    /// Epoch milliseconds.
    pub const fn as_millis(&self) -> i64 {
        self.0
    }

    /// The current time.
    pub fn now() -> Self {
        let d = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO);
        Self(i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }

    /// As a [`SystemTime`] (negative values clamp to the epoch).
    pub fn to_system_time(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(u64::try_from(self.0).unwrap_or(0))
    }

    /// From a [`SystemTime`] (times before the epoch are negative; out of range clamps).
    pub fn from_system_time(time: SystemTime) -> Self {
        let millis = |d: Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => Self(millis(after)),
            Err(before) => Self(millis(before.duration()).saturating_neg()),
        }
    }

    /// Parses an HTTP-date (RFC 9110 §5.6.7, as in `Last-Modified`): the preferred
    /// `Sun, 06 Nov 1994 08:49:37 GMT` form and the two obsolete ones. `None` when the text is
    /// not a date. HTTP-dates have whole seconds.
    ///
    /// ```
    /// use databricks_core::Timestamp;
    ///
    /// let t = Timestamp::from_http_date("Wed, 12 Jun 2024 08:34:12 GMT").unwrap();
    /// assert_eq!(t.as_millis(), 1_718_181_252_000);
    /// assert_eq!(Timestamp::from_http_date("yesterday"), None);
    /// ```
    pub fn from_http_date(text: &str) -> Option<Self> {
        httpdate::parse_http_date(text.trim())
            .ok()
            .map(Self::from_system_time)
    }

    /// Formats as an HTTP-date (`Wed, 12 Jun 2024 08:34:12 GMT`), e.g. for `If-Unmodified-Since`.
    /// Milliseconds are dropped (HTTP-dates have whole seconds); times before the epoch clamp
    /// to it.
    ///
    /// ```
    /// use databricks_core::Timestamp;
    ///
    /// let t = Timestamp::from_millis(1_718_181_252_999);
    /// assert_eq!(t.to_http_date(), "Wed, 12 Jun 2024 08:34:12 GMT");
    /// ```
    pub fn to_http_date(&self) -> String {
        httpdate::fmt_http_date(self.to_system_time())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl From<i64> for Timestamp {
    fn from(v: i64) -> Self {
        Self(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_round_trip_at_second_precision() {
        for text in [
            "Wed, 12 Jun 2024 08:34:12 GMT",
            "Thu, 01 Jan 1970 00:00:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ] {
            let t = Timestamp::from_http_date(text).unwrap();
            assert_eq!(t.to_http_date(), text);
        }
        // The obsolete RFC 850 and asctime forms are accepted too.
        let preferred = Timestamp::from_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
        assert!(preferred.is_some());
        assert_eq!(
            Timestamp::from_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
            preferred
        );
        assert_eq!(
            Timestamp::from_http_date("Sun Nov  6 08:49:37 1994"),
            preferred
        );
        assert_eq!(Timestamp::from_http_date(""), None);
        assert_eq!(Timestamp::from_http_date("1718181252"), None);
    }

    #[test]
    fn system_time_conversions() {
        let t = Timestamp::from_millis(1_718_181_252_123);
        assert_eq!(Timestamp::from_system_time(t.to_system_time()), t);
        let before = UNIX_EPOCH - Duration::from_millis(1500);
        assert_eq!(Timestamp::from_system_time(before).as_millis(), -1500);
        assert_eq!(
            Timestamp::from_millis(-5).to_http_date(),
            "Thu, 01 Jan 1970 00:00:00 GMT"
        );
    }
}
