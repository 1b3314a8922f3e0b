//! Waiting for long-running operations: [`Waiter`].
//!
//! A waiter polls an object (a cluster, a job run, a library install) until it reaches a
//! terminal state. The poll closure says what it saw with a [`Poll`]: keep waiting, done, or
//! failed. Awaiting the waiter gives the final object, [`Error::Wait`] for a failed terminal state
//! (carrying the last object), or [`Error::Timeout`] when the deadline passes (carrying the last
//! state seen).
//!
//! ```
//! use std::time::Duration;
//! use databricks_core::{Poll, Waiter};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> databricks_core::Result<()> {
//! // A fake cluster that is RUNNING on the third poll.
//! let mut polls = 0;
//! let state = Waiter::new("cluster 0101-abc", move || {
//!     polls += 1;
//!     async move {
//!         Ok(match polls {
//!             1 | 2 => Poll::pending("PENDING", polls),
//!             _ => Poll::Done(polls),
//!         })
//!     }
//! })
//! .poll_interval(Duration::from_millis(1), Duration::from_millis(5))
//! .timeout(Duration::from_secs(60))
//! .await?;
//! assert_eq!(state, 3);
//! # Ok(()) }
//! ```
//!
//! Waiters use `tokio::time` for sleeping and for the deadline, so tests running on a paused
//! tokio clock (`tokio::time::pause`) complete instantly.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::hash::BuildHasher;
use std::pin::Pin;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::{Error, Result, TimeoutError, TimeoutKind, WaitError};

/// How long a [`Waiter`] waits by default: 20 minutes.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20 * 60);
/// The default first pause between polls: 1 second.
pub const DEFAULT_MIN_POLL_INTERVAL: Duration = Duration::from_secs(1);
/// The default longest pause between polls: 10 seconds.
pub const DEFAULT_MAX_POLL_INTERVAL: Duration = Duration::from_secs(10);

/// The pause between polls grows by this factor after each poll.
const GROWTH: f64 = 1.5;
/// Each pause is jittered by up to this fraction, up or down (then kept within min..=max).
const JITTER: f64 = 0.1;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;
type PollFn<T> = Box<dyn FnMut() -> BoxFuture<Result<Poll<T>>> + Send + 'static>;
type ProgressFn<T> = Box<dyn FnMut(&T, &str) + Send + 'static>;

/// The future returned by awaiting a [`Waiter`] (its [`IntoFuture::IntoFuture`]).
///
/// ```
/// use databricks_core::{Poll, Waiter};
/// use databricks_core::wait::WaitFuture;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> databricks_core::Result<()> {
/// let waiter = Waiter::new("run 7", || async { Ok(Poll::Done("TERMINATED")) });
/// let future: WaitFuture<&str> = std::future::IntoFuture::into_future(waiter);
/// assert_eq!(tokio::spawn(future).await.unwrap()?, "TERMINATED");
/// # Ok(()) }
/// ```
pub type WaitFuture<T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'static>>;

/// What one poll of a [`Waiter`] saw.
///
/// ```
/// use databricks_core::Poll;
///
/// #[derive(Debug)]
/// struct Run { state: String, message: String }
///
/// fn classify(run: Run) -> Poll<Run> {
///     match run.state.as_str() {
///         "PENDING" | "RUNNING" => Poll::pending(run.state.clone(), run),
///         "SUCCESS" => Poll::Done(run),
///         _ => Poll::failed(run.state.clone(), run.message.clone(), run),
///     }
/// }
/// let poll = classify(Run { state: "RUNNING".into(), message: String::new() });
/// assert_eq!(poll.state(), Some("RUNNING"));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Poll<T> {
    /// Not there yet: keep polling. `state` is reported to progress callbacks and kept for the
    /// timeout error.
    Pending {
        /// The current state, e.g. `PENDING`, `RESIZING`.
        state: String,
        /// The object as last seen.
        value: T,
    },
    /// The wait is over and succeeded.
    Done(T),
    /// The object reached a terminal state that is a failure; the waiter returns
    /// [`Error::Wait`] carrying `value`.
    Failed {
        /// The terminal state, e.g. `ERROR`, `FAILED`, `INTERNAL_ERROR`.
        state: String,
        /// The service's explanation (state message, termination reason).
        message: String,
        /// The object as last seen.
        value: T,
    },
}

impl<T> Poll<T> {
    /// Shorthand for [`Poll::Pending`].
    ///
    /// ```
    /// use databricks_core::Poll;
    ///
    /// let poll = Poll::pending("RESTARTING", 42);
    /// assert_eq!(poll, Poll::Pending { state: "RESTARTING".into(), value: 42 });
    /// ```
    pub fn pending(state: impl Into<String>, value: T) -> Self {
        Poll::Pending {
            state: state.into(),
            value,
        }
    }

    /// Shorthand for [`Poll::Failed`].
    ///
    /// ```
    /// use databricks_core::Poll;
    ///
    /// let poll = Poll::failed("ERROR", "Init script failed", 7);
    /// assert_eq!(poll.state(), Some("ERROR"));
    /// ```
    pub fn failed(state: impl Into<String>, message: impl Into<String>, value: T) -> Self {
        Poll::Failed {
            state: state.into(),
            message: message.into(),
            value,
        }
    }

    /// The state named by a pending or failed poll (`None` for [`Poll::Done`]).
    ///
    /// ```
    /// use databricks_core::Poll;
    ///
    /// assert_eq!(Poll::pending("PENDING", ()).state(), Some("PENDING"));
    /// assert_eq!(Poll::Done(()).state(), None);
    /// ```
    pub fn state(&self) -> Option<&str> {
        match self {
            Poll::Pending { state, .. } | Poll::Failed { state, .. } => Some(state),
            Poll::Done(_) => None,
        }
    }

    /// The object seen by this poll.
    ///
    /// ```
    /// use databricks_core::Poll;
    ///
    /// assert_eq!(*Poll::pending("PENDING", 5).value(), 5);
    /// assert_eq!(Poll::Done(6).into_value(), 6);
    /// ```
    pub fn value(&self) -> &T {
        match self {
            Poll::Pending { value, .. } | Poll::Failed { value, .. } | Poll::Done(value) => value,
        }
    }

    /// Takes the object seen by this poll.
    ///
    /// ```
    /// use databricks_core::Poll;
    ///
    /// assert_eq!(Poll::failed("ERROR", "boom", "c1").into_value(), "c1");
    /// ```
    pub fn into_value(self) -> T {
        match self {
            Poll::Pending { value, .. } | Poll::Failed { value, .. } | Poll::Done(value) => value,
        }
    }
}

/// Polls until an object reaches a terminal state; await it to run.
///
/// Built from a description of the object (`what`, used in errors and logs) and an async poll
/// closure. Awaiting it polls immediately, then sleeps between polls, starting at the minimum
/// poll interval and growing ×1.5 (with ±10% jitter) up to the maximum. The clock starts at the
/// first poll, when the waiter is awaited.
///
/// - [`Poll::Done`] ends the wait with the object.
/// - [`Poll::Failed`] ends it with [`Error::Wait`], whose [`WaitError::last`] gives the object.
/// - An error from the poll closure is returned as is (the transport already retried what was
///   worth retrying).
/// - When the timeout passes, the wait ends with [`Error::Timeout`] of kind
///   [`TimeoutKind::Wait`], carrying the last state seen. No poll starts after the deadline, and a
///   poll still running at the deadline is abandoned.
///
/// ```
/// use std::time::Duration;
/// use databricks_core::{Error, Poll, Waiter};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// #[derive(Debug)]
/// struct Cluster { state: String, state_message: String }
///
/// let result = Waiter::new("cluster 0101-abc", || async {
///     let cluster = Cluster { state: "ERROR".into(), state_message: "Init script failed".into() };
///     Ok(Poll::failed(cluster.state.clone(), cluster.state_message.clone(), cluster))
/// })
/// .await;
///
/// match result {
///     Err(Error::Wait(e)) => {
///         assert_eq!(e.state(), "ERROR");
///         assert_eq!(e.last::<Cluster>().unwrap().state_message, "Init script failed");
///     }
///     other => panic!("unexpected {other:?}"),
/// }
/// # }
/// ```
pub struct Waiter<T> {
    what: String,
    poll: PollFn<T>,
    timeout: Duration,
    min_interval: Duration,
    max_interval: Duration,
    on_progress: Option<ProgressFn<T>>,
}

impl<T: Send + Sync + 'static> Waiter<T> {
    /// Creates a waiter for `what` (e.g. `"cluster 0101-abc"`, `"run 42"`) that calls `poll`
    /// until it returns [`Poll::Done`] or [`Poll::Failed`], an error, or the timeout passes.
    ///
    /// ```
    /// use databricks_core::{Poll, Waiter};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> databricks_core::Result<()> {
    /// let done = Waiter::new("library install", || async { Ok(Poll::Done("INSTALLED")) }).await?;
    /// assert_eq!(done, "INSTALLED");
    /// # Ok(()) }
    /// ```
    pub fn new<F, Fut>(what: impl Into<String>, mut poll: F) -> Self
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = Result<Poll<T>>> + Send + 'static,
    {
        Self {
            what: what.into(),
            poll: Box::new(move || Box::pin(poll())),
            timeout: DEFAULT_TIMEOUT,
            min_interval: DEFAULT_MIN_POLL_INTERVAL,
            max_interval: DEFAULT_MAX_POLL_INTERVAL,
            on_progress: None,
        }
    }

    /// Sets how long to wait in total before giving up with [`Error::Timeout`] (default
    /// [`DEFAULT_TIMEOUT`], 20 minutes).
    ///
    /// ```
    /// use std::time::Duration;
    /// use databricks_core::{Error, Poll, TimeoutKind, Waiter};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let err = Waiter::new("run 42", || async { Ok(Poll::pending("RUNNING", ())) })
    ///     .poll_interval(Duration::from_millis(5), Duration::from_millis(5))
    ///     .timeout(Duration::from_millis(20))
    ///     .await
    ///     .unwrap_err();
    /// let Error::Timeout(t) = err else { panic!("{err:?}") };
    /// assert_eq!(t.kind(), TimeoutKind::Wait);
    /// assert_eq!(t.last_state(), Some("RUNNING"));
    /// # }
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the pause between polls: the first pause is `min`, each next one is 1.5 times longer
    /// (±10% jitter), never longer than `max` nor shorter than `min` (defaults: 1 s and 10 s,
    /// like the official SDKs). If `max` is below `min`, `min` is used for both. With
    /// `min == max` the interval is fixed, without jitter.
    ///
    /// ```
    /// use std::time::Duration;
    /// use databricks_core::{Poll, Waiter};
    ///
    /// let waiter = Waiter::new("cluster c1", || async { Ok(Poll::Done(())) })
    ///     .poll_interval(Duration::from_secs(2), Duration::from_secs(30));
    /// # drop(waiter);
    /// ```
    pub fn poll_interval(mut self, min: Duration, max: Duration) -> Self {
        self.min_interval = min;
        self.max_interval = max.max(min);
        self
    }

    /// Calls `callback` with the object and its state after each poll that returns
    /// [`Poll::Pending`] (for progress bars and logs). Replaces any earlier callback.
    ///
    /// ```
    /// use std::time::Duration;
    /// use databricks_core::{Poll, Waiter};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> databricks_core::Result<()> {
    /// let mut n = 0;
    /// let last = Waiter::new("run 42", move || {
    ///     n += 1;
    ///     async move { Ok(if n < 3 { Poll::pending("RUNNING", n) } else { Poll::Done(n) }) }
    /// })
    /// .poll_interval(Duration::from_millis(1), Duration::from_millis(1))
    /// .on_progress(|n: &u32, state: &str| println!("poll {n}: {state}"))
    /// .await?;
    /// assert_eq!(last, 3);
    /// # Ok(()) }
    /// ```
    pub fn on_progress(mut self, callback: impl FnMut(&T, &str) + Send + 'static) -> Self {
        self.on_progress = Some(Box::new(callback));
        self
    }

    /// What is being waited for, as given to [`Waiter::new`].
    ///
    /// ```
    /// use databricks_core::{Poll, Waiter};
    ///
    /// let waiter = Waiter::new("cluster c1", || async { Ok(Poll::Done(())) });
    /// assert_eq!(waiter.what(), "cluster c1");
    /// ```
    pub fn what(&self) -> &str {
        &self.what
    }

    /// The total time the waiter allows, as set by [`Waiter::timeout`].
    ///
    /// ```
    /// use databricks_core::{Poll, Waiter};
    /// use databricks_core::wait::DEFAULT_TIMEOUT;
    ///
    /// let waiter = Waiter::new("cluster c1", || async { Ok(Poll::Done(())) });
    /// assert_eq!(waiter.timeout_duration(), DEFAULT_TIMEOUT);
    /// ```
    pub fn timeout_duration(&self) -> Duration {
        self.timeout
    }

    async fn run(mut self) -> Result<T> {
        let start = Instant::now();
        // `None`: a timeout too large to represent, i.e. no deadline.
        let deadline = start.checked_add(self.timeout);
        let mut backoff = Backoff::new(self.min_interval, self.max_interval);
        let mut last_state: Option<String> = None;
        loop {
            let poll = (self.poll)();
            let polled = match deadline {
                Some(deadline) => match tokio::time::timeout_at(deadline, poll).await {
                    Ok(polled) => polled?,
                    Err(_) => return Err(self.timed_out(start, last_state)),
                },
                None => poll.await?,
            };
            match polled {
                Poll::Done(value) => {
                    tracing::debug!(what = %self.what, elapsed = ?start.elapsed(), "wait done");
                    return Ok(value);
                }
                Poll::Failed {
                    state,
                    message,
                    value,
                } => {
                    tracing::debug!(what = %self.what, %state, "wait failed");
                    return Err(Error::Wait(
                        WaitError::new(self.what, state, message).with_last(value),
                    ));
                }
                Poll::Pending { state, value } => {
                    tracing::debug!(what = %self.what, %state, "waiting");
                    if let Some(callback) = &mut self.on_progress {
                        callback(&value, &state);
                    }
                    last_state = Some(state);
                }
            }
            let pause = backoff.next_delay(jitter());
            let wake = Instant::now().checked_add(pause);
            match (wake, deadline) {
                (Some(wake), Some(deadline)) if wake < deadline => {
                    tokio::time::sleep_until(wake).await;
                }
                (_, Some(deadline)) => {
                    tokio::time::sleep_until(deadline).await;
                    return Err(self.timed_out(start, last_state));
                }
                (_, None) => tokio::time::sleep(pause).await,
            }
        }
    }

    fn timed_out(&self, start: Instant, last_state: Option<String>) -> Error {
        let elapsed = start.elapsed();
        tracing::debug!(what = %self.what, ?elapsed, ?last_state, "wait timed out");
        let error = TimeoutError::new(TimeoutKind::Wait, self.what.clone(), elapsed);
        Error::Timeout(match last_state {
            Some(state) => error.with_last_state(state),
            None => error,
        })
    }
}

impl<T: Send + Sync + 'static> IntoFuture for Waiter<T> {
    type Output = Result<T>;
    type IntoFuture = WaitFuture<T>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

impl<T> fmt::Debug for Waiter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waiter")
            .field("what", &self.what)
            .field("timeout", &self.timeout)
            .field("min_interval", &self.min_interval)
            .field("max_interval", &self.max_interval)
            .field("on_progress", &self.on_progress.is_some())
            .finish()
    }
}

/// The growing pause between polls.
#[derive(Debug)]
struct Backoff {
    min: Duration,
    max: Duration,
    current: Duration,
}

impl Backoff {
    fn new(min: Duration, max: Duration) -> Self {
        Self {
            min,
            max,
            current: min,
        }
    }

    /// The next pause; `jitter` in `[-1, 1]` moves it by up to ±[`JITTER`].
    fn next_delay(&mut self, jitter: f64) -> Duration {
        let base = self.current;
        self.current = Duration::try_from_secs_f64(base.as_secs_f64() * GROWTH)
            .unwrap_or(self.max)
            .min(self.max);
        let jittered = Duration::try_from_secs_f64(base.as_secs_f64() * (1.0 + JITTER * jitter))
            .unwrap_or(base);
        jittered.max(self.min).min(self.max)
    }
}

/// A pseudo-random number in `[-1, 1)`, from the standard library's randomly keyed hasher.
fn jitter() -> f64 {
    let bits = RandomState::new().hash_one(std::time::SystemTime::now());
    // 53 random bits -> [0, 1) -> [-1, 1).
    (bits >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    use super::*;

    // Timing tests run on tokio's paused clock (`start_paused`, needs tokio's `test-util`
    // feature): sleeps and deadlines auto-advance virtual time, so minutes pass instantly and
    // elapsed times are exact.

    const SEC: Duration = Duration::from_secs(1);

    #[derive(Debug, Clone, PartialEq)]
    struct Cluster {
        id: String,
        state: String,
    }

    fn cluster(state: &str) -> Cluster {
        Cluster {
            id: "0101-abc".into(),
            state: state.into(),
        }
    }

    /// A poll closure returning `script[i]` on call `i` (the last entry repeats), recording the
    /// (virtual) time of each call.
    fn scripted(
        script: Vec<Poll<Cluster>>,
        times: &Arc<Mutex<Vec<Instant>>>,
    ) -> impl FnMut() -> std::future::Ready<Result<Poll<Cluster>>> + Send + 'static {
        let times = times.clone();
        move || {
            let mut times = times.lock().unwrap();
            let i = times.len();
            times.push(Instant::now());
            std::future::ready(Ok(script[i.min(script.len() - 1)].clone()))
        }
    }

    fn calls(times: &Arc<Mutex<Vec<Instant>>>) -> usize {
        times.lock().unwrap().len()
    }

    fn gaps(times: &Arc<Mutex<Vec<Instant>>>) -> Vec<Duration> {
        let times = times.lock().unwrap();
        times.windows(2).map(|w| w[1] - w[0]).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn done_after_pending_polls() {
        let times = Arc::default();
        let script = vec![
            Poll::pending("PENDING", cluster("PENDING")),
            Poll::pending("PENDING", cluster("PENDING")),
            Poll::pending("RESIZING", cluster("RESIZING")),
            Poll::Done(cluster("RUNNING")),
        ];
        let got = Waiter::new("cluster 0101-abc", scripted(script, &times))
            .await
            .unwrap();
        assert_eq!(got, cluster("RUNNING"));
        assert_eq!(calls(&times), 4);
    }

    #[tokio::test(start_paused = true)]
    async fn failed_state_is_a_wait_error_carrying_the_last_value() {
        let times = Arc::default();
        let script = vec![
            Poll::pending("PENDING", cluster("PENDING")),
            Poll::failed("ERROR", "Init script failed", cluster("ERROR")),
        ];
        let err = Waiter::new("cluster 0101-abc", scripted(script, &times))
            .await
            .unwrap_err();
        let Error::Wait(e) = err else {
            panic!("expected Error::Wait, got {err:?}")
        };
        assert_eq!(e.what(), "cluster 0101-abc");
        assert_eq!(e.state(), "ERROR");
        assert_eq!(e.message(), "Init script failed");
        assert_eq!(e.last::<Cluster>(), Some(&cluster("ERROR")));
        assert_eq!(
            e.to_string(),
            "cluster 0101-abc ended in state ERROR: Init script failed"
        );
        assert_eq!(calls(&times), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn default_deadline_is_a_timeout_error_with_the_last_state() {
        let times = Arc::default();
        let script = vec![
            Poll::pending("PENDING", cluster("PENDING")),
            Poll::pending("RESTARTING", cluster("RESTARTING")),
        ];
        let start = Instant::now();
        let err = Waiter::new("cluster 0101-abc", scripted(script, &times))
            .await
            .unwrap_err();
        assert_eq!(start.elapsed(), DEFAULT_TIMEOUT);
        let Error::Timeout(t) = err else {
            panic!("expected Error::Timeout, got {err:?}")
        };
        assert_eq!(t.kind(), TimeoutKind::Wait);
        assert_eq!(t.what(), "cluster 0101-abc");
        assert_eq!(t.last_state(), Some("RESTARTING"));
        assert_eq!(t.elapsed(), DEFAULT_TIMEOUT);
        // 20 minutes at (mostly) 10 s: about 125 polls, none after the deadline.
        assert!((100..=140).contains(&calls(&times)), "{}", calls(&times));
        assert!(*times.lock().unwrap().last().unwrap() < start + DEFAULT_TIMEOUT);
    }

    #[tokio::test(start_paused = true)]
    async fn custom_timeout() {
        let times = Arc::default();
        let script = vec![Poll::pending("RUNNING", cluster("RUNNING"))];
        let start = Instant::now();
        let err = Waiter::new("run 1", scripted(script, &times))
            .timeout(Duration::from_secs(30))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Timeout(t) if t.elapsed() == 30 * SEC),
            "{err:?}"
        );
        assert_eq!(start.elapsed(), 30 * SEC);
    }

    #[tokio::test(start_paused = true)]
    async fn a_poll_hanging_past_the_deadline_is_abandoned() {
        let start = Instant::now();
        let err = Waiter::<Cluster>::new("run 1", std::future::pending)
            .timeout(5 * 60 * SEC)
            .await
            .unwrap_err();
        let Error::Timeout(t) = err else {
            panic!("expected Error::Timeout, got {err:?}")
        };
        assert_eq!(t.last_state(), None);
        assert_eq!(t.elapsed(), 5 * 60 * SEC);
        assert_eq!(start.elapsed(), 5 * 60 * SEC);
    }

    #[tokio::test(start_paused = true)]
    async fn no_poll_starts_after_the_deadline() {
        // A pause longer than the timeout: one poll, then the deadline, no second poll.
        let times = Arc::default();
        let script = vec![Poll::pending("PENDING", cluster("PENDING"))];
        let start = Instant::now();
        let err = Waiter::new("cluster c", scripted(script, &times))
            .poll_interval(3600 * SEC, 3600 * SEC)
            .timeout(10 * SEC)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Timeout(_)));
        assert_eq!(calls(&times), 1);
        assert_eq!(
            start.elapsed(),
            10 * SEC,
            "gives up at the deadline, not later"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn on_progress_is_called_after_each_pending_poll() {
        let times = Arc::default();
        let script = vec![
            Poll::pending("PENDING", cluster("PENDING")),
            Poll::pending("RESIZING", cluster("RESIZING")),
            Poll::pending("RESIZING", cluster("RESIZING")),
            Poll::Done(cluster("RUNNING")),
        ];
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        Waiter::new("cluster c", scripted(script, &times))
            .on_progress(move |c: &Cluster, state: &str| {
                sink.lock()
                    .unwrap()
                    .push((c.state.clone(), state.to_string()));
            })
            .await
            .unwrap();
        let seen = seen.lock().unwrap().clone();
        let states: Vec<&str> = seen.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(states, vec!["PENDING", "RESIZING", "RESIZING"]);
        assert!(seen.iter().all(|(value_state, state)| value_state == state));
    }

    #[tokio::test(start_paused = true)]
    async fn fixed_poll_interval_is_respected() {
        let times = Arc::default();
        let mut script = vec![Poll::pending("RUNNING", cluster("RUNNING")); 3];
        script.push(Poll::Done(cluster("TERMINATED")));
        let start = Instant::now();
        Waiter::new("run 1", scripted(script, &times))
            .poll_interval(2 * SEC, 2 * SEC)
            .await
            .unwrap();
        assert_eq!(gaps(&times), vec![2 * SEC; 3]);
        assert_eq!(start.elapsed(), 6 * SEC);
    }

    #[tokio::test(start_paused = true)]
    async fn default_poll_interval_grows_from_one_to_ten_seconds() {
        let times = Arc::default();
        let mut script = vec![Poll::pending("PENDING", cluster("PENDING")); 10];
        script.push(Poll::Done(cluster("RUNNING")));
        Waiter::new("cluster c", scripted(script, &times))
            .await
            .unwrap();
        let gaps = gaps(&times);
        assert_eq!(gaps.len(), 10);
        let mut base = 1.0_f64;
        for gap in gaps {
            let (lo, hi) = ((base * 0.9).max(1.0), (base * 1.1).min(10.0));
            let gap = gap.as_secs_f64();
            assert!(
                gap >= lo - 1e-3 && gap <= hi + 1e-3,
                "{gap} not in {lo}..={hi}"
            );
            base = (base * 1.5).min(10.0);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn poll_errors_are_propagated() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let err = Waiter::<Cluster>::new("cluster c", move || {
            let n = c.fetch_add(1, Ordering::SeqCst);
            async move {
                if n == 0 {
                    Ok(Poll::pending("PENDING", cluster("PENDING")))
                } else {
                    Err(Error::invalid_input("cluster_id", "gone"))
                }
            }
        })
        .await
        .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn nothing_happens_until_awaited() {
        let times = Arc::default();
        let waiter = Waiter::new("c", scripted(vec![Poll::Done(cluster("RUNNING"))], &times));
        let future = waiter.into_future();
        tokio::time::sleep(SEC).await;
        assert_eq!(calls(&times), 0);
        assert_eq!(tokio::spawn(future).await.unwrap().unwrap().id, "0101-abc");
        assert_eq!(calls(&times), 1);
    }

    #[test]
    fn defaults_and_configuration() {
        let waiter = Waiter::new("cluster c", || async { Ok(Poll::Done(())) });
        assert_eq!(waiter.what(), "cluster c");
        assert_eq!(waiter.timeout_duration(), Duration::from_secs(1200));
        let text = format!("{waiter:?}");
        assert!(text.contains("min_interval: 1s"), "{text}");
        assert!(text.contains("max_interval: 10s"), "{text}");
        let waiter = waiter.poll_interval(Duration::from_secs(5), Duration::from_secs(2));
        let text = format!("{waiter:?}");
        assert!(
            text.contains("max_interval: 5s"),
            "max below min is raised: {text}"
        );
    }

    #[test]
    fn backoff_grows_by_half_up_to_the_maximum() {
        let mut b = Backoff::new(Duration::from_secs(1), Duration::from_secs(10));
        let delays: Vec<u128> = (0..8).map(|_| b.next_delay(0.0).as_millis()).collect();
        assert_eq!(
            delays,
            vec![1000, 1500, 2250, 3375, 5062, 7593, 10000, 10000]
        );
    }

    #[test]
    fn backoff_jitter_stays_within_bounds() {
        let (min, max) = (Duration::from_secs(1), Duration::from_secs(10));
        let mut up = Backoff::new(min, max);
        let mut down = Backoff::new(min, max);
        for _ in 0..20 {
            let (u, d) = (up.next_delay(1.0), down.next_delay(-1.0));
            assert!((min..=max).contains(&u), "{u:?}");
            assert!((min..=max).contains(&d), "{d:?}");
        }
        let mut b = Backoff::new(Duration::from_secs(4), Duration::from_secs(10));
        assert_eq!(b.next_delay(1.0), Duration::from_millis(4400));
        assert_eq!(b.next_delay(-1.0), Duration::from_millis(5400));
        // A fixed interval is exact.
        let mut fixed = Backoff::new(Duration::from_secs(2), Duration::from_secs(2));
        assert_eq!(fixed.next_delay(1.0), Duration::from_secs(2));
        assert_eq!(fixed.next_delay(-1.0), Duration::from_secs(2));
        // Huge values do not panic.
        let mut huge = Backoff::new(Duration::MAX, Duration::MAX);
        assert_eq!(huge.next_delay(1.0), Duration::MAX);
    }

    #[test]
    fn jitter_is_in_range_and_varies() {
        let samples: Vec<f64> = (0..100).map(|_| jitter()).collect();
        assert!(samples.iter().all(|j| (-1.0..1.0).contains(j)));
        assert!(samples.iter().any(|j| *j != samples[0]));
    }

    #[test]
    fn poll_helpers() {
        let p = Poll::failed("ERROR", "m", 1);
        assert_eq!(p.state(), Some("ERROR"));
        assert_eq!(*p.value(), 1);
        assert_eq!(Poll::Done(2).state(), None);
        assert_eq!(Poll::pending("X", 3).into_value(), 3);
    }

    #[test]
    fn waiter_and_its_future_are_send() {
        fn assert_send<X: Send + 'static>() {}
        assert_send::<Waiter<Cluster>>();
        assert_send::<WaitFuture<Cluster>>();
        assert_send::<<Waiter<Cluster> as IntoFuture>::IntoFuture>();
    }
}
