//! Progress of a streamed request body, so that a long upload is bounded by how long it
//! stalls rather than by how long it takes.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::time::Instant;

/// When a streamed body last handed a chunk to the connection.
#[derive(Debug)]
pub(crate) struct BodyProgress {
    start: Instant,
    /// Milliseconds from `start` to the latest chunk.
    last_ms: AtomicU64,
}

impl BodyProgress {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(Self {
            start: Instant::now(),
            last_ms: AtomicU64::new(0),
        })
    }

    /// Records that a chunk went out now.
    pub(crate) fn touch(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.fetch_max(ms, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.start + Duration::from_millis(self.last_ms.load(Ordering::Relaxed))
    }
}

/// The attempt ran out of time (see [`idle_timeout`]).
#[derive(Debug)]
pub(crate) struct Elapsed;

/// Runs `fut` until it completes or `idle` passes without progress: without a body to watch,
/// `idle` from the start; with one, `idle` from the latest of the start and the body's last
/// chunk (so sending the body, however long, counts as progress, and the wait for the
/// response after the last chunk is bounded by `idle`).
pub(crate) async fn idle_timeout<F: Future>(
    idle: Duration,
    progress: Option<&BodyProgress>,
    fut: F,
) -> Result<F::Output, Elapsed> {
    let Some(progress) = progress else {
        return tokio::time::timeout(idle, fut).await.map_err(|_| Elapsed);
    };
    let started = Instant::now();
    tokio::pin!(fut);
    loop {
        let deadline = started.max(progress.last()) + idle;
        match tokio::time::timeout_at(deadline, &mut fut).await {
            Ok(output) => return Ok(output),
            // Chunks went out since the deadline was set: wait on from the latest one.
            Err(_) if started.max(progress.last()) + idle > Instant::now() => continue,
            Err(_) => return Err(Elapsed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn without_a_body_it_is_a_plain_timeout() {
        let slow = tokio::time::sleep(Duration::from_secs(5));
        assert!(
            idle_timeout(Duration::from_secs(1), None, slow)
                .await
                .is_err()
        );
        let quick = async { 7 };
        assert_eq!(
            idle_timeout(Duration::from_secs(1), None, quick).await.ok(),
            Some(7)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn progress_extends_the_deadline_and_a_stall_ends_it() {
        let progress = BodyProgress::new();
        let p = progress.clone();
        // Ten chunks 0.5 s apart (5 s in all, past the 1 s limit), then the answer.
        let steady = async move {
            for _ in 0..10 {
                tokio::time::sleep(Duration::from_millis(500)).await;
                p.touch();
            }
            tokio::time::sleep(Duration::from_millis(900)).await;
            "done"
        };
        assert_eq!(
            idle_timeout(Duration::from_secs(1), Some(&progress), steady)
                .await
                .ok(),
            Some("done")
        );
        // Two chunks, then silence: ends 1 s after the last chunk.
        let progress = BodyProgress::new();
        let p = progress.clone();
        let stalls = async move {
            for _ in 0..2 {
                tokio::time::sleep(Duration::from_millis(500)).await;
                p.touch();
            }
            tokio::time::sleep(Duration::from_secs(3600)).await;
        };
        let begun = Instant::now();
        assert!(
            idle_timeout(Duration::from_secs(1), Some(&progress), stalls)
                .await
                .is_err()
        );
        let took = begun.elapsed();
        assert!(
            took >= Duration::from_secs(2) && took < Duration::from_millis(2100),
            "{took:?}"
        );
    }
}
