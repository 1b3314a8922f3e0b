//! The lifecycle clock: wall time (which tests can move forward) and the duration of one
//! lifecycle step.
//!
//! Lifecycles are computed lazily from timestamps rather than driven by timers: a resource
//! records when it entered a lifecycle (`started_ms`) and its current state is
//! [`LifecycleClock::stage`] of the list of states it goes through. That survives persistence
//! and restarts for free, and [`LifecycleClock::advance`] moves every lifecycle (and every
//! expiry) forward at once.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Wall clock with a test offset, plus the duration of one lifecycle step.
#[derive(Debug)]
pub struct LifecycleClock {
    step: Duration,
    offset_ms: AtomicI64,
}

impl LifecycleClock {
    /// A clock whose lifecycle steps take `step` each.
    pub fn new(step: Duration) -> Self {
        Self {
            step,
            offset_ms: AtomicI64::new(0),
        }
    }

    /// Current time in epoch milliseconds (real time plus any [`advance`](Self::advance)).
    pub fn now_ms(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        real.saturating_add(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves the clock forward: lifecycles progress and tokens expire as if `by` had passed.
    pub fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        // `fetch_update` with a closure that always returns `Some` cannot fail.
        let _ = self
            .offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                Some(offset.saturating_add(ms))
            });
    }

    /// The duration of one lifecycle step.
    pub fn step(&self) -> Duration {
        self.step
    }

    /// Whole lifecycle steps elapsed since `started_ms` (0 before it).
    pub fn steps_since(&self, started_ms: i64) -> u64 {
        let elapsed = self.now_ms().saturating_sub(started_ms);
        if elapsed <= 0 {
            return 0;
        }
        let step = self.step.as_millis();
        if step == 0 {
            return u64::MAX;
        }
        u64::try_from(elapsed as u128 / step).unwrap_or(u64::MAX)
    }

    /// The state a lifecycle that started at `started_ms` is in now: `stages[0]` during the
    /// first step, `stages[1]` during the second, ..., the last one for ever after.
    /// Returns `None` only for an empty list.
    pub fn stage<'a, T>(&self, started_ms: i64, stages: &'a [T]) -> Option<&'a T> {
        let last = stages.len().checked_sub(1)?;
        let index = usize::try_from(self.steps_since(started_ms))
            .unwrap_or(usize::MAX)
            .min(last);
        stages.get(index)
    }

    /// When the lifecycle that started at `started_ms` reaches stage `index` (epoch ms).
    pub fn stage_reached_at(&self, started_ms: i64, index: u32) -> i64 {
        let step = i64::try_from(self.step.as_millis()).unwrap_or(i64::MAX);
        started_ms.saturating_add(step.saturating_mul(i64::from(index)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_advance_with_the_clock() {
        let clock = LifecycleClock::new(Duration::from_secs(1));
        let start = clock.now_ms();
        let stages = ["PENDING", "RUNNING", "TERMINATED"];
        assert_eq!(clock.stage(start, &stages), Some(&"PENDING"));
        clock.advance(Duration::from_millis(1500));
        assert_eq!(clock.stage(start, &stages), Some(&"RUNNING"));
        clock.advance(Duration::from_secs(10));
        assert_eq!(clock.stage(start, &stages), Some(&"TERMINATED"));
        assert_eq!(clock.stage::<&str>(start, &[]), None);
        assert_eq!(clock.stage_reached_at(start, 2), start + 2000);
    }

    #[test]
    fn advancing_saturates() {
        let clock = LifecycleClock::new(Duration::from_secs(1));
        clock.advance(Duration::MAX);
        clock.advance(Duration::MAX);
        assert_eq!(clock.now_ms(), i64::MAX);
    }

    #[test]
    fn zero_step_is_immediately_final() {
        let clock = LifecycleClock::new(Duration::ZERO);
        let start = clock.now_ms() - 1;
        assert_eq!(clock.stage(start, &[1, 2, 3]), Some(&3));
        assert_eq!(clock.steps_since(clock.now_ms() + 1000), 0);
    }
}
