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
