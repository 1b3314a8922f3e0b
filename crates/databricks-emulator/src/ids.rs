//! A small seedable PRNG (splitmix64) and the id formats Databricks uses.
//!
//! The workspace's generator lives in the persisted state, so ids stay unique across restarts;
//! fault rules have their own generators so probabilistic faults reproduce from a seed.

use serde::{Deserialize, Serialize};

/// splitmix64: tiny, fast, good enough for ids and fault dice. Not cryptographic.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Rng {
    state: u64,
}

impl Rng {
    /// A generator from a seed.
    pub(crate) fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// A generator seeded from the clock and the process id.
    pub(crate) fn from_entropy() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        let mut rng = Self::new(nanos ^ (u64::from(std::process::id()) << 32));
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform float in `[0, 1)`.
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `n` lower-case hex digits.
    pub(crate) fn hex(&mut self, n: usize) -> String {
        let mut out = String::with_capacity(n + 16);
        while out.len() < n {
            out.push_str(&format!("{:016x}", self.next_u64()));
        }
        out.truncate(n);
        out
    }

    /// A 16-digit positive id, like Databricks user, group and workspace ids.
    pub(crate) fn numeric_id(&mut self) -> i64 {
        const LOW: u64 = 1_000_000_000_000_000;
        const SPAN: u64 = 9_000_000_000_000_000;
        (LOW + self.next_u64() % SPAN) as i64
    }

    /// A personal access token value: `dapi` + 32 hex digits.
    pub(crate) fn token_value(&mut self) -> String {
        format!("dapi{}", self.hex(32))
    }

    /// A token id: 64 hex digits.
    pub(crate) fn token_id(&mut self) -> String {
        self.hex(64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproducible_from_seed() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        assert_eq!(a.next_u64(), b.next_u64());
        assert_eq!(a.hex(64), b.hex(64));
    }

    #[test]
    fn formats() {
        let mut r = Rng::new(7);
        let t = r.token_value();
        assert_eq!(t.len(), 36);
        assert!(t.starts_with("dapi"));
        assert!(t[4..].chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(r.token_id().len(), 64);
        let id = r.numeric_id();
        assert_eq!(id.to_string().len(), 16);
        for _ in 0..1000 {
            let f = r.next_f64();
            assert!((0.0..1.0).contains(&f));
        }
    }
}

/// Compares two secrets (bearer tokens) in time that depends only on their lengths, not on
/// where they first differ, so response timing does not reveal a token's prefix.
pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod constant_time_tests {
    use super::constant_time_eq;

    #[test]
    fn equal_only_when_identical() {
        assert!(constant_time_eq("dapi0123", "dapi0123"));
        assert!(!constant_time_eq("dapi0123", "dapi0124"));
        assert!(!constant_time_eq("dapi0123", "dapi012"));
        assert!(!constant_time_eq("", "x"));
        assert!(constant_time_eq("", ""));
    }
}
