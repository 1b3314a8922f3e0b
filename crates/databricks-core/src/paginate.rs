//! Paged list endpoints as one lazy stream of items: [`Paginator`].
//!
//! Databricks pages its list endpoints in three ways, and one [`Paginator`] drives all of them:
//!
//! | style | request | response | build the page with |
//! |---|---|---|---|
//! | page token | `page_token`, `page_size` | `next_page_token` | [`Page::token`] |
//! | offset | `offset`, `limit` | `has_more` | [`Page::offset`] |
//! | SCIM | `startIndex` (1-based), `count` | `totalResults` | [`Page::scim`] |
//!
//! An API crate writes one async closure that turns a [`PageRequest`] into a [`Page`]; the
//! paginator calls it lazily, one page at a time, and yields the items:
//!
//! ```
//! use databricks_core::Paginator;
//! use databricks_core::paginate::Page;
//! use futures_util::TryStreamExt;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> databricks_core::Result<()> {
//! // A fake `GET /api/2.1/jobs/list`: offset/limit/has_more over 0..7.
//! let jobs = Paginator::new(|req| async move {
//!     let start = req.offset();
//!     let end = (start + u64::from(req.page_size.unwrap_or(2))).min(7);
//!     Ok(Page::offset((start..end).collect::<Vec<u64>>(), end < 7))
//! })
//! .page_size(3);
//!
//! let all: Vec<u64> = jobs.try_collect().await?;
//! assert_eq!(all, vec![0, 1, 2, 3, 4, 5, 6]);
//! # Ok(()) }
//! ```
//!
//! Two knobs, not to be confused: [`Paginator::page_size`] is what each request asks the server
//! for, [`Paginator::limit`] caps the total number of items yielded (and stops fetching once
//! reached).
//!
//! The paginator stops when a page has no next cursor, when an offset or SCIM page is empty
//! (an empty page-token page with a fresh token goes on), when the limit is reached, when the server sends back a page token it already sent (or an offset that does not
//! move forward; logged with `tracing::warn`), and after yielding an error once.
//!
//! Only the current page is held in memory. The exception is [`Paginator::dedup_by_key`], which
//! remembers the key of every item yielded so far.

use std::collections::HashSet;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::future::Future;
use std::hash::{BuildHasher, Hash};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use futures_core::stream::FusedStream;

use crate::error::Result;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;
type FetchFn<T> = Box<dyn FnMut(PageRequest) -> BoxFuture<Result<Page<T>>> + Send + 'static>;
type KeepFn<T> = Box<dyn FnMut(&T) -> bool + Send + 'static>;

/// Where a page starts: the position a [`PageRequest`] asks for.
///
/// The first request of a listing carries no cursor (`None`); each [`Page`] tells the paginator
/// where the next one starts.
///
/// ```
/// use databricks_core::paginate::Cursor;
///
/// let next = Cursor::Token("CAEQ".to_string());
/// assert_eq!(next, Cursor::Token("CAEQ".into()));
/// assert_ne!(Cursor::Offset(1), Cursor::ScimIndex(1));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Cursor {
    /// An opaque page token (`page_token` / `next_page_token`).
    Token(String),
    /// A 0-based item offset (`offset` with `limit` and `has_more`).
    Offset(u64),
    /// A 1-based SCIM `startIndex`.
    ScimIndex(u64),
}

/// What the paginator asks the fetch closure for: one page, at `cursor`, of about `page_size`
/// items.
///
/// The accessors read the cursor in the style the endpoint uses, with the right default for the
/// first page:
///
/// ```
/// use databricks_core::paginate::{Cursor, PageRequest};
///
/// let first = PageRequest::new(None, Some(100));
/// assert!(first.is_first());
/// assert_eq!(first.token(), None);
/// assert_eq!(first.offset(), 0);
/// assert_eq!(first.start_index(), 1);
///
/// let later = PageRequest::new(Some(Cursor::Offset(200)), Some(100));
/// assert_eq!(later.offset(), 200);
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    /// Where the page starts; `None` for the first page.
    pub cursor: Option<Cursor>,
    /// How many items to ask the server for, as set by [`Paginator::page_size`]; `None` leaves
    /// the server's default.
    pub page_size: Option<u32>,
}

impl PageRequest {
    /// Creates a request (mostly useful to test a fetch closure).
    ///
    /// ```
    /// use databricks_core::paginate::{Cursor, PageRequest};
    ///
    /// let req = PageRequest::new(Some(Cursor::Token("t".into())), None);
    /// assert_eq!(req.token(), Some("t"));
    /// ```
    pub fn new(cursor: Option<Cursor>, page_size: Option<u32>) -> Self {
        Self { cursor, page_size }
    }

    /// Whether this is the first page of the listing (no cursor yet).
    ///
    /// ```
    /// use databricks_core::paginate::{Cursor, PageRequest};
    ///
    /// assert!(PageRequest::new(None, None).is_first());
    /// assert!(!PageRequest::new(Some(Cursor::Offset(0)), None).is_first());
    /// ```
    pub fn is_first(&self) -> bool {
        self.cursor.is_none()
    }

    /// The page token to send, if the cursor is a [`Cursor::Token`] (`None` on the first page).
    ///
    /// ```
    /// use databricks_core::paginate::{Cursor, PageRequest};
    ///
    /// assert_eq!(PageRequest::new(Some(Cursor::Token("abc".into())), None).token(), Some("abc"));
    /// assert_eq!(PageRequest::new(None, None).token(), None);
    /// ```
    pub fn token(&self) -> Option<&str> {
        match &self.cursor {
            Some(Cursor::Token(token)) => Some(token),
            _ => None,
        }
    }

    /// The 0-based offset to send: the [`Cursor::Offset`] value, or 0 for the first page.
    ///
    /// ```
    /// use databricks_core::paginate::{Cursor, PageRequest};
    ///
    /// assert_eq!(PageRequest::new(Some(Cursor::Offset(25)), None).offset(), 25);
    /// assert_eq!(PageRequest::new(None, None).offset(), 0);
    /// ```
    pub fn offset(&self) -> u64 {
        match &self.cursor {
            Some(Cursor::Offset(offset)) => *offset,
            _ => 0,
        }
    }

    /// The 1-based SCIM `startIndex` to send: the [`Cursor::ScimIndex`] value, or 1 for the
    /// first page.
    ///
    /// ```
    /// use databricks_core::paginate::{Cursor, PageRequest};
    ///
    /// assert_eq!(PageRequest::new(Some(Cursor::ScimIndex(101)), None).start_index(), 101);
    /// assert_eq!(PageRequest::new(None, None).start_index(), 1);
    /// ```
    pub fn start_index(&self) -> u64 {
        match &self.cursor {
            Some(Cursor::ScimIndex(index)) => *index,
            _ => 1,
        }
    }
}

/// One page of results, as returned by the fetch closure: the items and where the next page
/// starts.
///
/// Build it with the constructor matching the endpoint's style; for offset and SCIM styles the
/// paginator works out the next position from the request and the number of items:
///
/// ```
/// use databricks_core::paginate::{Cursor, Page};
///
/// let by_token = Page::token(vec!["a", "b"], Some("next".to_string()));
/// let by_offset = Page::offset(vec!["a", "b"], true); // has_more
/// let by_scim = Page::scim(vec!["a", "b"], 40); // totalResults
/// let explicit = Page::new(vec!["a", "b"], Some(Cursor::Offset(2)));
/// let last = Page::last(vec!["a", "b"]);
/// assert_eq!(last.items, vec!["a", "b"]);
/// # let _ = (by_token, by_offset, by_scim, explicit);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items of this page, in server order.
    pub items: Vec<T>,
    next: Next,
}

/// How the next cursor is found, possibly relative to the request.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Next {
    End,
    Cursor(Cursor),
    /// Offset style with `has_more: true`: next offset = request offset + items.
    AfterOffset,
    /// SCIM style: next index = request start index + items, while within `totalResults`.
    ScimTotal(u64),
}

impl<T> Page<T> {
    /// A page whose next cursor is given explicitly (`None`: this is the last page).
    ///
    /// ```
    /// use databricks_core::paginate::{Cursor, Page};
    ///
    /// let page = Page::new(vec![1, 2], Some(Cursor::Offset(2)));
    /// assert_eq!(page.items.len(), 2);
    /// ```
    pub fn new(items: Vec<T>, next: Option<Cursor>) -> Self {
        let next = next.map_or(Next::End, Next::Cursor);
        Self { items, next }
    }

    /// The last page: no more requests after this one.
    ///
    /// ```
    /// use databricks_core::paginate::Page;
    ///
    /// let page = Page::last(vec![1, 2, 3]);
    /// assert_eq!(page.items, vec![1, 2, 3]);
    /// ```
    pub fn last(items: Vec<T>) -> Self {
        Self {
            items,
            next: Next::End,
        }
    }

    /// A page-token page: `next_page_token` as the server sent it. `None` or an empty string
    /// means this is the last page.
    ///
    /// ```
    /// use databricks_core::paginate::Page;
    ///
    /// let more = Page::token(vec![1], Some("CAEQ".to_string()));
    /// let done = Page::token(vec![2], Some(String::new())); // same as None
    /// # let _ = (more, done);
    /// ```
    pub fn token(items: Vec<T>, next_page_token: Option<String>) -> Self {
        let next = match next_page_token {
            Some(token) if !token.is_empty() => Next::Cursor(Cursor::Token(token)),
            _ => Next::End,
        };
        Self { items, next }
    }

    /// An offset/limit page: `has_more` as the server sent it. The next request's offset is this
    /// request's offset plus the number of items on this page.
    ///
    /// ```
    /// use databricks_core::paginate::Page;
    ///
    /// let page = Page::offset(vec!["job-1", "job-2"], true);
    /// assert_eq!(page.items.len(), 2);
    /// ```
    pub fn offset(items: Vec<T>, has_more: bool) -> Self {
        let next = if has_more {
            Next::AfterOffset
        } else {
            Next::End
        };
        Self { items, next }
    }

    /// A SCIM page: `totalResults` as the server sent it. The next request's `startIndex` is
    /// this request's `startIndex` plus the number of items on this page, while it stays within
    /// `total_results`.
    ///
    /// ```
    /// use databricks_core::paginate::Page;
    ///
    /// let page = Page::scim(vec!["user-1", "user-2"], 250);
    /// assert_eq!(page.items.len(), 2);
    /// ```
    pub fn scim(items: Vec<T>, total_results: u64) -> Self {
        Self {
            items,
            next: Next::ScimTotal(total_results),
        }
    }

    /// The cursor of the page after this one, given the request that fetched this one.
    fn next_cursor(&self, request: &PageRequest) -> Option<Cursor> {
        let count = self.items.len() as u64;
        match &self.next {
            Next::End => None,
            Next::Cursor(cursor) => Some(cursor.clone()),
            Next::AfterOffset => Some(Cursor::Offset(request.offset().saturating_add(count))),
            Next::ScimTotal(total) => {
                let next = request.start_index().saturating_add(count);
                (next <= *total).then_some(Cursor::ScimIndex(next))
            }
        }
    }
}

/// A lazy, owned stream of the items of a paged list endpoint.
///
/// `Paginator<T>` implements [`Stream<Item = Result<T>>`](Stream) and is `Send + Unpin +
/// 'static` (for `T: Send + 'static`), so it can be stored, returned and spawned. Nothing is
/// requested until the stream is first polled. Use it with `futures_util::StreamExt` /
/// `TryStreamExt`, or with [`Paginator::collect_all`] and [`Paginator::pages`].
///
/// ```
/// use databricks_core::Paginator;
/// use databricks_core::paginate::Page;
/// use futures_util::StreamExt;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> databricks_core::Result<()> {
/// // A fake token-paged endpoint with two pages.
/// let mut scopes = Paginator::new(|req| async move {
///     Ok(match req.token() {
///         None => Page::token(vec!["a", "b"], Some("p2".to_string())),
///         Some(_) => Page::token(vec!["c"], None),
///     })
/// });
///
/// while let Some(scope) = scopes.next().await {
///     println!("{}", scope?);
/// }
/// # Ok(()) }
/// ```
pub struct Paginator<T> {
    core: Core<T>,
    buffer: std::vec::IntoIter<T>,
}

// No field is ever pinned: the in-flight future is boxed, and items are moved out by value.
impl<T> Unpin for Paginator<T> {}

impl<T: Send + 'static> Paginator<T> {
    /// Creates a paginator from an async `fetch` closure that turns a [`PageRequest`] into a
    /// [`Page`]. The closure is called once per page, only when the stream needs more items.
    ///
    /// ```
    /// use databricks_core::Paginator;
    /// use databricks_core::paginate::Page;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> databricks_core::Result<()> {
    /// // SCIM style: 1-based startIndex, `count` per page, totalResults = 5.
    /// let users = Paginator::new(|req| async move {
    ///     let start = req.start_index();
    ///     let count = u64::from(req.page_size.unwrap_or(100));
    ///     let items: Vec<u64> = (start..start + count).filter(|i| *i <= 5).collect();
    ///     Ok(Page::scim(items, 5))
    /// })
    /// .page_size(2);
    /// assert_eq!(users.collect_all().await?, vec![1, 2, 3, 4, 5]);
    /// # Ok(()) }
    /// ```
    pub fn new<F, Fut>(mut fetch: F) -> Self
    where
        F: FnMut(PageRequest) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Page<T>>> + Send + 'static,
    {
        let fetch: FetchFn<T> = Box::new(move |request| Box::pin(fetch(request)));
        Self::from_core(Core::new(fetch, State::Idle(None)))
    }

    /// A paginator over items already in memory, as a single page (handy in tests and for
    /// endpoints that do not page).
    ///
    /// ```
    /// use databricks_core::Paginator;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> databricks_core::Result<()> {
    /// let items = Paginator::from_vec(vec![1, 2, 3]).limit(2).collect_all().await?;
    /// assert_eq!(items, vec![1, 2]);
    /// # Ok(()) }
    /// ```
    pub fn from_vec(items: Vec<T>) -> Self {
        let mut items = Some(items);
        Self::new(move |_request| {
            let page = Page::last(items.take().unwrap_or_default());
            async move { Ok(page) }
        })
    }

    /// A paginator that yields nothing.
    ///
    /// ```
    /// use databricks_core::Paginator;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> databricks_core::Result<()> {
    /// assert!(Paginator::<String>::empty().collect_all().await?.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn empty() -> Self {
        let fetch: FetchFn<T> = Box::new(|_request| Box::pin(async { Ok(Page::last(Vec::new())) }));
        Self::from_core(Core::new(fetch, State::Done))
    }
}

impl<T> Paginator<T> {
    fn from_core(core: Core<T>) -> Self {
        Self {
            core,
            buffer: Vec::new().into_iter(),
        }
    }

    /// Sets how many items each request asks the server for (passed to the fetch closure as
    /// [`PageRequest::page_size`]). Unset, the server's default applies. This does not limit
    /// the total number of items: see [`Paginator::limit`].
    ///
    /// ```
    /// use databricks_core::Paginator;
    /// use databricks_core::paginate::Page;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> databricks_core::Result<()> {
    /// let seen = Paginator::new(|req| async move { Ok(Page::last(vec![req.page_size])) })
    ///     .page_size(50)
    ///     .collect_all()
    ///     .await?;
    /// assert_eq!(seen, vec![Some(50)]);
    /// # Ok(()) }
    /// ```
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.core.page_size = Some(page_size);
        self
    }

    /// Caps the total number of items yielded. Once `limit` items have been yielded the stream
    /// ends and no further page is requested. Independent of [`Paginator::page_size`].
    ///
    /// ```
    /// use databricks_core::Paginator;
    /// use databricks_core::paginate::{Cursor, Page};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> databricks_core::Result<()> {
    /// // An endless listing, 10 items per page: only two pages are fetched.
    /// let first_15 = Paginator::new(|req| async move {
    ///     let start = req.offset();
    ///     Ok(Page::new((start..start + 10).collect(), Some(Cursor::Offset(start + 10))))
    /// })
    /// .limit(15)
    /// .collect_all()
    /// .await?;
    /// assert_eq!(first_15, (0..15).collect::<Vec<u64>>());
    /// # Ok(()) }
    /// ```
    pub fn limit(mut self, limit: usize) -> Self {
        self.core.limit = Some(limit as u64);
        self
    }

    /// Skips items whose key was already yielded.
    ///
    /// Meant for offset and SCIM listings: when the list changes while it is being read, items
    /// shift between pages and the same item can show up twice. Duplicates do not count towards
    /// [`Paginator::limit`]. The keys of all yielded items are kept in memory.
    ///
    /// ```
    /// use databricks_core::Paginator;
    /// use databricks_core::paginate::Page;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> databricks_core::Result<()> {
    /// // Page two repeats "b" because an item was inserted before it meanwhile.
    /// let ids = Paginator::new(|req| async move {
    ///     Ok(match req.offset() {
    ///         0 => Page::offset(vec!["a", "b"], true),
    ///         _ => Page::offset(vec!["b", "c"], false),
    ///     })
    /// })
    /// .dedup_by_key(|id: &&str| id.to_string())
    /// .collect_all()
    /// .await?;
    /// assert_eq!(ids, vec!["a", "b", "c"]);
    /// # Ok(()) }
    /// ```
    pub fn dedup_by_key<K, F>(mut self, mut key: F) -> Self
    where
        F: FnMut(&T) -> K + Send + 'static,
        K: Hash + Eq + Send + 'static,
    {
        let mut seen = HashSet::new();
        self.core.keep = Some(Box::new(move |item| seen.insert(key(item))));
        self
    }

    /// Turns the paginator into a stream of pages (`Result<Vec<T>>`), still honouring
    /// [`Paginator::limit`] and [`Paginator::dedup_by_key`]. Items already buffered by a
    /// partially read paginator come first, as one page. Pages left empty by de-duplication are
    /// skipped.
    ///
    /// ```
    /// use databricks_core::Paginator;
    /// use databricks_core::paginate::Page;
    /// use futures_util::TryStreamExt;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> databricks_core::Result<()> {
    /// let pages: Vec<Vec<u32>> = Paginator::new(|req| async move {
    ///     Ok(match req.token() {
    ///         None => Page::token(vec![1, 2], Some("2".to_string())),
    ///         Some(_) => Page::token(vec![3], None),
    ///     })
    /// })
    /// .pages()
    /// .try_collect()
    /// .await?;
    /// assert_eq!(pages, vec![vec![1, 2], vec![3]]);
    /// # Ok(()) }
    /// ```
    pub fn pages(self) -> Pages<T> {
        let leftover: Vec<T> = self.buffer.collect();
        Pages {
            core: self.core,
            leftover: (!leftover.is_empty()).then_some(leftover),
        }
    }

    /// Reads every remaining item into a `Vec` (subject to [`Paginator::limit`]), or returns the
    /// first error.
    ///
    /// ```
    /// use databricks_core::Paginator;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> databricks_core::Result<()> {
    /// assert_eq!(Paginator::from_vec(vec!["x", "y"]).collect_all().await?, vec!["x", "y"]);
    /// # Ok(()) }
    /// ```
    pub async fn collect_all(self) -> Result<Vec<T>> {
        let mut pages = self.pages();
        let mut all = Vec::new();
        while let Some(page) = futures_util::StreamExt::next(&mut pages).await {
            all.extend(page?);
        }
        Ok(all)
    }
}

impl<T> Stream for Paginator<T> {
    type Item = Result<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(this.core.poll_page(cx)) {
                Some(Ok(page)) => this.buffer = page.into_iter(),
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                None => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let buffered = self.buffer.len();
        if self.core.is_done() {
            (buffered, Some(buffered))
        } else {
            (buffered, None)
        }
    }
}

impl<T> FusedStream for Paginator<T> {
    fn is_terminated(&self) -> bool {
        self.buffer.len() == 0 && self.core.is_done()
    }
}

impl<T> fmt::Debug for Paginator<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("core", &self.core)
            .field("buffered", &self.buffer.len())
            .finish()
    }
}

/// The pages of a [`Paginator`], as a stream of `Result<Vec<T>>`; see [`Paginator::pages`].
///
/// ```
/// use databricks_core::Paginator;
/// use databricks_core::paginate::Pages;
/// use futures_util::StreamExt;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> databricks_core::Result<()> {
/// let mut pages: Pages<u8> = Paginator::from_vec(vec![1, 2, 3]).pages();
/// assert_eq!(pages.next().await.transpose()?, Some(vec![1, 2, 3]));
/// assert!(pages.next().await.is_none());
/// # Ok(()) }
/// ```
pub struct Pages<T> {
    core: Core<T>,
    leftover: Option<Vec<T>>,
}

impl<T> Unpin for Pages<T> {}

impl<T> Stream for Pages<T> {
    type Item = Result<Vec<T>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        this.core.poll_page_or(cx, &mut this.leftover)
    }
}

impl<T> FusedStream for Pages<T> {
    fn is_terminated(&self) -> bool {
        self.leftover.is_none() && self.core.is_done()
    }
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("core", &self.core)
            .field("leftover", &self.leftover.as_ref().map(Vec::len))
            .finish()
    }
}

/// The state machine shared by [`Paginator`] and [`Pages`]: fetches pages one at a time and
/// applies de-duplication, the limit and the stop rules.
struct Core<T> {
    fetch: FetchFn<T>,
    page_size: Option<u32>,
    limit: Option<u64>,
    /// Items handed out so far (after de-duplication).
    yielded: u64,
    keep: Option<KeepFn<T>>,
    state: State<T>,
    /// Hashes of the page tokens already requested, to stop on a repeated token.
    tokens: HashSet<u64>,
    hasher: RandomState,
    pages_fetched: u64,
}

enum State<T> {
    /// Ready to request the page at this cursor (`None`: the first page).
    Idle(Option<Cursor>),
    Fetching {
        request: PageRequest,
        future: BoxFuture<Result<Page<T>>>,
    },
    Done,
}

impl<T> Core<T> {
    fn new(fetch: FetchFn<T>, state: State<T>) -> Self {
        Self {
            fetch,
            page_size: None,
            limit: None,
            yielded: 0,
            keep: None,
            state,
            tokens: HashSet::new(),
            hasher: RandomState::new(),
            pages_fetched: 0,
        }
    }

    fn is_done(&self) -> bool {
        matches!(self.state, State::Done)
    }

    fn limit_reached(&self) -> bool {
        self.limit.is_some_and(|limit| self.yielded >= limit)
    }

    /// Yields `leftover` first (if any), then the next pages.
    fn poll_page_or(
        &mut self,
        cx: &mut Context<'_>,
        leftover: &mut Option<Vec<T>>,
    ) -> Poll<Option<Result<Vec<T>>>> {
        match leftover.take() {
            Some(page) => Poll::Ready(Some(Ok(page))),
            None => self.poll_page(cx),
        }
    }

    /// Polls for the next non-empty page; `None` once the listing is over.
    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Vec<T>>>> {
        loop {
            match &mut self.state {
                State::Done => return Poll::Ready(None),
                State::Idle(_) => {
                    let State::Idle(cursor) = std::mem::replace(&mut self.state, State::Done)
                    else {
                        return Poll::Ready(None);
                    };
                    if self.limit_reached() {
                        return Poll::Ready(None);
                    }
                    let request = PageRequest::new(cursor, self.page_size);
                    if let Some(token) = request.token() {
                        self.tokens.insert(self.hasher.hash_one(token));
                    }
                    tracing::trace!(cursor = ?request.cursor, page_size = ?request.page_size, "fetching page");
                    let future = (self.fetch)(request.clone());
                    self.state = State::Fetching { request, future };
                }
                State::Fetching { future, .. } => {
                    let result = ready!(future.as_mut().poll(cx));
                    let State::Fetching { request, .. } =
                        std::mem::replace(&mut self.state, State::Done)
                    else {
                        return Poll::Ready(None);
                    };
                    self.pages_fetched += 1;
                    let page = match result {
                        Ok(page) => page,
                        // The state is already Done: the error is yielded once, then the end.
                        Err(e) => return Poll::Ready(Some(Err(e))),
                    };
                    // An empty page ends offset and SCIM listings (their cursor cannot move), but
                    // not token listings: some services return an empty page with a fresh token.
                    let next = self.checked_next(&request, &page);
                    let mut items = page.items;
                    if let Some(keep) = &mut self.keep {
                        items.retain(|item| keep(item));
                    }
                    if let Some(limit) = self.limit {
                        let remaining = limit.saturating_sub(self.yielded);
                        if items.len() as u64 > remaining {
                            items.truncate(usize::try_from(remaining).unwrap_or(usize::MAX));
                        }
                    }
                    self.yielded += items.len() as u64;
                    match next {
                        Some(next) if !self.limit_reached() => self.state = State::Idle(Some(next)),
                        _ => {}
                    }
                    if !items.is_empty() {
                        return Poll::Ready(Some(Ok(items)));
                    }
                    // Every item was a duplicate: go on with the next page, if any.
                }
            }
        }
    }

    /// The next cursor, or `None` when the listing must stop (end, or a cursor that would loop).
    fn checked_next(&self, request: &PageRequest, page: &Page<T>) -> Option<Cursor> {
        let next = page.next_cursor(request)?;
        let moves_forward = match &next {
            Cursor::Token(token) if token.is_empty() => return None,
            Cursor::Token(token) => !self.tokens.contains(&self.hasher.hash_one(token)),
            Cursor::Offset(offset) => *offset > request.offset(),
            Cursor::ScimIndex(index) => *index > request.start_index(),
        };
        if moves_forward {
            Some(next)
        } else {
            tracing::warn!(
                pages = self.pages_fetched,
                cursor = ?next,
                "the server returned a page cursor that was already requested; stopping the listing"
            );
            None
        }
    }
}

impl<T> fmt::Debug for Core<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Idle(cursor) => format!("Idle({cursor:?})"),
            State::Fetching { request, .. } => format!("Fetching({:?})", request.cursor),
            State::Done => "Done".to_string(),
        };
        f.debug_struct("Core")
            .field("page_size", &self.page_size)
            .field("limit", &self.limit)
            .field("yielded", &self.yielded)
            .field("dedup", &self.keep.is_some())
            .field("pages_fetched", &self.pages_fetched)
            .field("state", &state)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use futures::{StreamExt, TryStreamExt};

    use super::*;
    use crate::error::Error;

    /// Counts fetch calls and records the requests.
    #[derive(Clone, Default)]
    struct Calls(Arc<Mutex<Vec<PageRequest>>>);

    impl Calls {
        fn record(&self, request: &PageRequest) {
            self.0.lock().unwrap().push(request.clone());
        }
        fn count(&self) -> usize {
            self.0.lock().unwrap().len()
        }
        fn requests(&self) -> Vec<PageRequest> {
            self.0.lock().unwrap().clone()
        }
    }

    /// A token-paged listing of `0..total`, `per_page` items per page, tokens "t<offset>".
    fn token_listing(total: u64, per_page: u64, calls: &Calls) -> Paginator<u64> {
        let calls = calls.clone();
        Paginator::new(move |req: PageRequest| {
            calls.record(&req);
            let start: u64 = req
                .token()
                .map(|t| t.trim_start_matches('t').parse().unwrap())
                .unwrap_or(0);
            let end = (start + per_page).min(total);
            let next = (end < total).then(|| format!("t{end}"));
            async move { Ok(Page::token((start..end).collect(), next)) }
        })
    }

    /// An endless token listing (10 items a page) that ignores the page size.
    fn endless(calls: &Calls) -> Paginator<u64> {
        token_listing(u64::MAX, 10, calls)
    }

    #[tokio::test]
    async fn token_style_reads_every_page() {
        let calls = Calls::default();
        let items = token_listing(5, 2, &calls).collect_all().await.unwrap();
        assert_eq!(items, vec![0, 1, 2, 3, 4]);
        let tokens: Vec<_> = calls
            .requests()
            .iter()
            .map(|r| r.token().map(str::to_string))
            .collect();
        assert_eq!(tokens, vec![None, Some("t2".into()), Some("t4".into())]);
    }

    #[tokio::test]
    async fn offset_style_computes_next_offset_from_has_more() {
        let calls = Calls::default();
        let c = calls.clone();
        let data: Vec<u32> = (0..10).collect();
        let items = Paginator::new(move |req: PageRequest| {
            c.record(&req);
            let start = req.offset() as usize;
            let end = (start + req.page_size.unwrap() as usize).min(data.len());
            let page = Page::offset(data[start..end].to_vec(), end < data.len());
            async move { Ok(page) }
        })
        .page_size(3)
        .collect_all()
        .await
        .unwrap();
        assert_eq!(items, (0..10).collect::<Vec<_>>());
        let offsets: Vec<_> = calls.requests().iter().map(PageRequest::offset).collect();
        assert_eq!(offsets, vec![0, 3, 6, 9]);
        assert_eq!(calls.requests()[0].cursor, None);
        assert_eq!(calls.requests()[1].cursor, Some(Cursor::Offset(3)));
        assert!(calls.requests().iter().all(|r| r.page_size == Some(3)));
    }

    #[tokio::test]
    async fn scim_style_computes_next_start_index_from_total_results() {
        let calls = Calls::default();
        let c = calls.clone();
        let users: Vec<String> = (1..=7).map(|i| format!("user-{i}")).collect();
        let items = Paginator::new(move |req: PageRequest| {
            c.record(&req);
            let start = req.start_index() as usize; // 1-based
            let count = req.page_size.unwrap() as usize;
            let page: Vec<String> = users.iter().skip(start - 1).take(count).cloned().collect();
            let total = users.len() as u64;
            async move { Ok(Page::scim(page, total)) }
        })
        .page_size(3)
        .collect_all()
        .await
        .unwrap();
        assert_eq!(items.len(), 7);
        assert_eq!(items[6], "user-7");
        let starts: Vec<_> = calls
            .requests()
            .iter()
            .map(PageRequest::start_index)
            .collect();
        assert_eq!(starts, vec![1, 4, 7], "no request past totalResults");
        assert_eq!(calls.requests()[1].cursor, Some(Cursor::ScimIndex(4)));
    }

    #[tokio::test]
    async fn page_size_reaches_fetch_and_limit_caps_items_and_fetches() {
        let calls = Calls::default();
        let items = endless(&calls)
            .page_size(10)
            .limit(25)
            .collect_all()
            .await
            .unwrap();
        assert_eq!(items, (0..25).collect::<Vec<_>>());
        assert_eq!(calls.count(), 3);
        assert!(calls.requests().iter().all(|r| r.page_size == Some(10)));

        // A limit on a page boundary does not fetch the page after it.
        let calls = Calls::default();
        let mut stream = endless(&calls).limit(20);
        let mut n = 0;
        while let Some(item) = stream.next().await {
            item.unwrap();
            n += 1;
        }
        assert_eq!(n, 20);
        assert_eq!(calls.count(), 2);
        assert!(stream.is_terminated());
        assert_eq!(
            calls.requests()[0].page_size,
            None,
            "limit is not a page size"
        );
    }

    #[tokio::test]
    async fn limit_zero_fetches_nothing() {
        let calls = Calls::default();
        assert!(
            endless(&calls)
                .limit(0)
                .collect_all()
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(calls.count(), 0);
    }

    #[tokio::test]
    async fn pages_yields_vectors_and_honours_limit() {
        let calls = Calls::default();
        let pages: Vec<Vec<u64>> = token_listing(5, 2, &calls)
            .pages()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages, vec![vec![0, 1], vec![2, 3], vec![4]]);

        let calls = Calls::default();
        let pages: Vec<Vec<u64>> = endless(&calls)
            .limit(15)
            .pages()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages, vec![(0..10).collect::<Vec<_>>(), (10..15).collect()]);
        assert_eq!(calls.count(), 2);
    }

    #[tokio::test]
    async fn pages_after_partial_read_starts_with_the_buffered_items() {
        let calls = Calls::default();
        let mut items = token_listing(5, 3, &calls);
        assert_eq!(items.next().await.unwrap().unwrap(), 0);
        let pages: Vec<Vec<u64>> = items.pages().try_collect().await.unwrap();
        assert_eq!(pages, vec![vec![1, 2], vec![3, 4]]);
        assert_eq!(calls.count(), 2);
    }

    #[tokio::test]
    async fn collect_all_via_try_stream_matches() {
        let calls = Calls::default();
        let a: Vec<u64> = token_listing(7, 3, &calls).try_collect().await.unwrap();
        let b = token_listing(7, 3, &calls).collect_all().await.unwrap();
        assert_eq!(a, b);
        assert_eq!(a.len(), 7);
    }

    #[tokio::test]
    async fn repeated_token_stops_the_listing() {
        let calls = Calls::default();
        let c = calls.clone();
        let items = Paginator::new(move |req: PageRequest| {
            c.record(&req);
            async move { Ok(Page::token(vec![1], Some("same".to_string()))) }
        })
        .collect_all()
        .await
        .unwrap();
        // First page (no token) -> "same"; second page ("same") -> "same" again: stop.
        assert_eq!(items, vec![1, 1]);
        assert_eq!(calls.count(), 2);
    }

    #[tokio::test]
    async fn token_cycle_stops_the_listing() {
        let calls = Calls::default();
        let c = calls.clone();
        let items = Paginator::new(move |req: PageRequest| {
            c.record(&req);
            let (item, next) = match req.token() {
                None => (0, "a"),
                Some("a") => (1, "b"),
                _ => (2, "a"),
            };
            async move { Ok(Page::token(vec![item], Some(next.to_string()))) }
        })
        .collect_all()
        .await
        .unwrap();
        assert_eq!(items, vec![0, 1, 2]);
        assert_eq!(calls.count(), 3);
    }

    #[tokio::test]
    async fn offset_that_does_not_move_forward_stops_the_listing() {
        let calls = Calls::default();
        let c = calls.clone();
        let items = Paginator::new(move |req: PageRequest| {
            c.record(&req);
            // A server that always says "next page at offset 5".
            async move { Ok(Page::new(vec!["x"], Some(Cursor::Offset(5)))) }
        })
        .collect_all()
        .await
        .unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(calls.count(), 2);
    }

    #[tokio::test]
    async fn empty_token_page_continues_until_the_token_repeats() {
        let calls = Calls::default();
        let c = calls.clone();
        let items = Paginator::new(move |req: PageRequest| {
            c.record(&req);
            let page = match req.token() {
                None => Page::token(vec![1], Some("x".to_string())),
                Some(_) => Page::token(vec![], Some("y".to_string())),
            };
            async move { Ok(page) }
        })
        .collect_all()
        .await
        .unwrap();
        assert_eq!(items, vec![1]);
        assert_eq!(calls.count(), 3);
    }

    #[tokio::test]
    async fn empty_string_token_is_the_last_page() {
        let calls = Calls::default();
        let c = calls.clone();
        let items = Paginator::new(move |req: PageRequest| {
            c.record(&req);
            async move { Ok(Page::new(vec![1], Some(Cursor::Token(String::new())))) }
        })
        .collect_all()
        .await
        .unwrap();
        assert_eq!(items, vec![1]);
        assert_eq!(calls.count(), 1);
    }

    #[tokio::test]
    async fn error_mid_stream_is_yielded_once_then_the_stream_ends() {
        let calls = Calls::default();
        let c = calls.clone();
        let mut stream = Paginator::new(move |req: PageRequest| {
            c.record(&req);
            let result = match req.token() {
                None => Ok(Page::token(vec![1, 2], Some("p2".to_string()))),
                Some(_) => Err(Error::invalid_input("page_token", "boom")),
            };
            async move { result }
        });
        assert_eq!(stream.next().await.unwrap().unwrap(), 1);
        assert_eq!(stream.next().await.unwrap().unwrap(), 2);
        let err = stream.next().await.unwrap().unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
        assert!(stream.next().await.is_none());
        assert!(stream.next().await.is_none());
        assert!(stream.is_terminated());
        assert_eq!(calls.count(), 2);
    }

    #[tokio::test]
    async fn collect_all_returns_the_error() {
        let items = Paginator::<u8>::new(|_req| async { Err(Error::invalid_input("x", "y")) })
            .collect_all()
            .await;
        assert!(matches!(items, Err(Error::InvalidInput(_))));
    }

    #[derive(Debug, Clone, PartialEq)]
    struct Job {
        id: u64,
    }

    /// Offset-paged jobs list that gains an item at the front after the first page is read,
    /// so the last item of page one shows up again on page two.
    fn shifting_jobs(calls: &Calls) -> Paginator<Job> {
        let calls = calls.clone();
        let jobs = Arc::new(Mutex::new((1..=6).map(|id| Job { id }).collect::<Vec<_>>()));
        Paginator::new(move |req: PageRequest| {
            calls.record(&req);
            let mut jobs = jobs.lock().unwrap();
            let start = req.offset() as usize;
            let end = (start + 3).min(jobs.len());
            let page = Page::offset(jobs[start..end].to_vec(), end < jobs.len());
            if start == 0 {
                jobs.insert(0, Job { id: 100 });
            }
            async move { Ok(page) }
        })
    }

    #[tokio::test]
    async fn dedup_by_key_drops_items_shifted_between_pages() {
        let calls = Calls::default();
        let raw: Vec<u64> = shifting_jobs(&calls)
            .collect_all()
            .await
            .unwrap()
            .into_iter()
            .map(|j| j.id)
            .collect();
        assert_eq!(raw, vec![1, 2, 3, 3, 4, 5, 6], "the problem dedup solves");

        let calls = Calls::default();
        let ids: Vec<u64> = shifting_jobs(&calls)
            .dedup_by_key(|job| job.id)
            .collect_all()
            .await
            .unwrap()
            .into_iter()
            .map(|j| j.id)
            .collect();
        assert_eq!(ids, vec![1, 2, 3, 4, 5, 6]);
    }

    #[tokio::test]
    async fn duplicates_do_not_count_towards_the_limit() {
        let calls = Calls::default();
        let ids: Vec<u64> = shifting_jobs(&calls)
            .dedup_by_key(|job| job.id.to_string())
            .limit(4)
            .collect_all()
            .await
            .unwrap()
            .into_iter()
            .map(|j| j.id)
            .collect();
        assert_eq!(ids, vec![1, 2, 3, 4]);
        assert_eq!(calls.count(), 2);
    }

    #[tokio::test]
    async fn a_page_of_only_duplicates_is_skipped() {
        let calls = Calls::default();
        let c = calls.clone();
        let pages: Vec<Vec<u32>> = Paginator::new(move |req: PageRequest| {
            c.record(&req);
            let page = match req.offset() {
                0 => Page::offset(vec![1, 2], true),
                2 => Page::offset(vec![1, 2], true),
                _ => Page::offset(vec![3], false),
            };
            async move { Ok(page) }
        })
        .dedup_by_key(|x| *x)
        .pages()
        .try_collect()
        .await
        .unwrap();
        assert_eq!(pages, vec![vec![1, 2], vec![3]]);
        assert_eq!(calls.count(), 3);
    }

    #[tokio::test]
    async fn nothing_is_fetched_before_the_first_poll() {
        let calls = Calls::default();
        let mut stream = token_listing(5, 2, &calls).page_size(2).limit(3);
        tokio::task::yield_now().await;
        assert_eq!(calls.count(), 0);
        assert_eq!(stream.size_hint(), (0, None));
        assert_eq!(stream.next().await.unwrap().unwrap(), 0);
        assert_eq!(calls.count(), 1);
        assert_eq!(stream.size_hint(), (1, None));
    }

    #[tokio::test]
    async fn from_vec_and_empty() {
        assert_eq!(
            Paginator::from_vec(vec![1, 2, 3])
                .collect_all()
                .await
                .unwrap(),
            vec![1, 2, 3]
        );
        assert!(
            Paginator::from_vec(Vec::<u8>::new())
                .collect_all()
                .await
                .unwrap()
                .is_empty()
        );
        let mut empty = Paginator::<String>::empty();
        assert!(empty.is_terminated());
        assert!(empty.next().await.is_none());
    }

    #[tokio::test]
    async fn paginator_can_be_spawned() {
        let calls = Calls::default();
        let stream = token_listing(4, 3, &calls);
        let items = tokio::spawn(stream.collect_all()).await.unwrap().unwrap();
        assert_eq!(items, vec![0, 1, 2, 3]);
    }

    #[test]
    fn debug_shows_the_configuration() {
        let p = Paginator::from_vec(vec![1]).page_size(5).limit(9);
        let text = format!("{p:?}");
        assert!(text.contains("page_size: Some(5)"), "{text}");
        assert!(text.contains("limit: Some(9)"), "{text}");
    }

    #[test]
    fn paginator_and_pages_are_send_unpin_static() {
        fn assert_traits<X: Send + Unpin + 'static>() {}
        assert_traits::<Paginator<String>>();
        assert_traits::<Pages<String>>();
        // Unpin even for an item type that is not.
        assert_traits::<Paginator<std::marker::PhantomPinned>>();
        fn assert_send_future<F: Future + Send>(_: &F) {}
        assert_send_future(&Paginator::from_vec(vec![1u8]).collect_all());
    }
}
