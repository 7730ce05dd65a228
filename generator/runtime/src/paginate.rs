//! Streams over paginated list endpoints, driven by a description.
//!
//! A spec describes pagination by what is on the wire: what the request's
//! position is ([`Advance`]: a token, a page number, an offset, the key of
//! the last item seen or a whole next-page URL), where the response holds the
//! items and the signals ([`Signals`]: the next token, URL, page number or
//! offset, the current page number, a "more" flag, the page size and count),
//! and which stop rules
//! apply ([`Paging`]). Generated code implements [`Page`] for the response
//! type (a page model, or a bare JSON array as `Vec<T>`) and [`PagedQuery`]
//! for the query struct; [`pages`] then fetches one page after another,
//! keeping every other parameter equal. Only one page is held in memory at a
//! time.
//!
//! Every stream ends with a [`CursorCycle`] error when the server points it
//! at a position it has already requested (`A -> B -> A`, not only an
//! immediate repeat), and [`Pages::max_pages`] bounds how many pages it asks
//! for.

use std::collections::BTreeSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use futures::stream::Stream;
use serde::de::DeserializeOwned;
use sync_wrapper::SyncWrapper;

use std::time::Duration;

use super::call::Call;
use super::error::Error;
use super::reply::FromBody;
use super::response::Response;
use super::retry::RetryPolicy;

/// Where the next page starts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cursor {
    /// A continuation token, or the key of the last item seen.
    Token(String),
    /// A page number or an item offset.
    Number(i64),
    /// A whole next-page URL given by the server.
    Url(String),
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cursor::Token(t) => write!(f, "token `{t}`"),
            Cursor::Number(n) => write!(f, "position {n}"),
            Cursor::Url(u) => write!(f, "URL `{u}`"),
        }
    }
}

/// How a stream gets from one page to the next: what the request carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advance {
    /// The token the page returned ([`Signals::next`]).
    Token,
    /// The page number: the page's own number ([`Signals::page`]) plus one,
    /// or, when the page does not say, the requested one (`first` for the
    /// first request) plus one.
    Page {
        /// The number of the page the first request gets.
        first: i64,
    },
    /// The offset of the next item: the requested offset plus the items of
    /// this page.
    Offset,
    /// The page number or offset the page gives for the next request
    /// ([`Signals::next_number`]); absent or `null` means none.
    NextNumber,
    /// The key of the last item of this page.
    Item,
    /// The next-page URL the page returned ([`Signals::next`]).
    Url,
    /// Backwards: the key of the first item of this page (an
    /// `ending_before` cursor).
    ItemBefore,
    /// Backwards: the previous-page token the page returned
    /// ([`Signals::previous`]).
    Previous,
}

impl Advance {
    /// Whether the stream walks towards the start of the list.
    pub fn is_backward(self) -> bool {
        matches!(self, Advance::ItemBefore | Advance::Previous)
    }
}

/// A pagination description: how to advance and when to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    /// What the next request carries.
    pub advance: Advance,
    /// Stop at a page with fewer items than the page size (the size the
    /// page reports, or else the one the query asked for).
    pub short_page: bool,
    /// Stop at a page without items (also the end of an item-key walk).
    pub empty_page: bool,
    /// The first item of a page repeats the item whose key was the cursor
    /// (an inclusive cursor); it is dropped.
    pub inclusive: bool,
}

/// What a page says about what follows, read from where the spec puts it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signals {
    /// The next token or next-page URL; absent, `null` or empty means none.
    pub next: Option<String>,
    /// The previous-page token (for walking backwards); absent, `null` or
    /// empty means none.
    pub previous: Option<String>,
    /// The next page number or offset, where the page gives it.
    pub next_number: Option<i64>,
    /// This page's number.
    pub page: Option<i64>,
    /// A flag saying whether more pages follow; `false` stops.
    pub more: Option<bool>,
    /// The page size the server used.
    pub size: Option<i64>,
    /// The number of items in this page, if the page states it.
    pub count: Option<i64>,
}

/// One page of a list response.
pub trait Page {
    /// The listed entity.
    type Item;

    /// The items of this page.
    fn items(&self) -> &[Self::Item];

    /// Drops the first item (a repeat of the item an inclusive cursor
    /// named), with whatever the page keeps beside it.
    fn drop_first(&mut self);

    /// The items, taken out of the page.
    fn into_items(self) -> Vec<Self::Item>;

    /// What the page says about the next one.
    fn signals(&self) -> Signals {
        Signals::default()
    }
}

/// A bare JSON array is a page with no signals of its own.
impl<T> Page for Vec<T> {
    type Item = T;

    fn items(&self) -> &[T] {
        self
    }

    fn drop_first(&mut self) {
        if !self.is_empty() {
            self.remove(0);
        }
    }

    fn into_items(self) -> Vec<T> {
        self
    }
}

/// A list query that can be pointed at another page.
pub trait PagedQuery: Clone {
    /// The cursor this query asks for (`None` for the first page).
    fn cursor(&self) -> Option<Cursor>;

    /// The same query for the page at `cursor`.
    fn with_cursor(&self, cursor: Cursor) -> Self;

    /// The page size this query asks for, if it says.
    fn page_size(&self) -> Option<i64> {
        None
    }

    /// The cursor of a backward walk this query asks for (an
    /// `ending_before` key or a previous-page token), for queries of
    /// endpoints that page backwards.
    fn cursor_before(&self) -> Option<Cursor> {
        None
    }

    /// The same query for the page before `cursor`: the backward parameter
    /// set and the forward one cleared.
    fn with_cursor_before(&self, cursor: Cursor) -> Self {
        self.with_cursor(cursor)
    }
}

/// A query walked backwards: its cursor is the query's backward one
/// ([`PagedQuery::cursor_before`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Backward<Q>(pub Q);

impl<Q: PagedQuery> PagedQuery for Backward<Q> {
    fn cursor(&self) -> Option<Cursor> {
        self.0.cursor_before()
    }

    fn with_cursor(&self, cursor: Cursor) -> Self {
        Backward(self.0.with_cursor_before(cursor))
    }

    fn page_size(&self) -> Option<i64> {
        self.0.page_size()
    }
}

/// What one page request is: the query, or (after the first page of a
/// next-URL description) the URL the server gave, which already holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct PageRequest<Q> {
    /// The query (for a next URL: the first page's query).
    pub query: Q,
    /// The next-page URL to request instead of the query.
    pub url: Option<String>,
}

impl<Q: PagedQuery> PageRequest<Q> {
    fn cursor(&self) -> Option<Cursor> {
        match &self.url {
            Some(u) => Some(Cursor::Url(u.clone())),
            None => self.query.cursor(),
        }
    }

    fn at(&self, cursor: Cursor) -> Self {
        match cursor {
            Cursor::Url(url) => PageRequest {
                query: self.query.clone(),
                url: Some(url),
            },
            c => PageRequest {
                query: self.query.with_cursor(c),
                url: None,
            },
        }
    }
}

/// The key of an item, as its cursor text.
pub type ItemKey<T> = fn(&T) -> Option<String>;

/// A page pointed back at a position the stream had already requested:
/// following it would fetch the same pages forever.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "the server sent a page cursor the stream had already requested ({0}); following it would loop"
)]
pub struct CursorCycle(pub Cursor);

/// Drops the first item of `page` when it repeats the item whose key the
/// request's cursor was (an inclusive cursor). Returns how many items the
/// server sent.
fn drop_repeat<P: Page>(
    paging: &Paging,
    cursor: Option<&Cursor>,
    key: Option<ItemKey<P::Item>>,
    page: &mut P,
) -> usize {
    let sent = page.items().len();
    let (Some(Cursor::Token(last)), Some(key), true) = (cursor, key, paging.inclusive) else {
        return sent;
    };
    if page.items().first().and_then(key).as_deref() == Some(last.as_str()) {
        page.drop_first();
    }
    sent
}

/// The cursor of the page after `page` (fetched by `at`, holding `sent`
/// items as the server sent them), or `None` when a stop rule says it was
/// the last.
fn next_cursor<Q: PagedQuery, P: Page>(
    paging: &Paging,
    at: &PageRequest<Q>,
    page: &P,
    sent: usize,
    key: Option<ItemKey<P::Item>>,
) -> Option<Cursor> {
    let signals = page.signals();
    let sent = i64::try_from(sent).unwrap_or(i64::MAX);
    let count = signals.count.unwrap_or(sent);
    let size = signals.size.or_else(|| at.query.page_size());
    let short = size.is_some_and(|size| count < size);
    let fresh = page.items().len();
    if signals.more == Some(false)
        || (paging.empty_page && count == 0)
        || (paging.short_page && short)
        || (paging.inclusive && at.cursor().is_some() && fresh == 0)
    {
        return None;
    }
    let requested = match at.query.cursor() {
        Some(Cursor::Number(n)) => Some(n),
        _ => None,
    };
    match paging.advance {
        Advance::Token => signals.next.filter(|t| !t.is_empty()).map(Cursor::Token),
        Advance::Url => signals.next.filter(|u| !u.is_empty()).map(Cursor::Url),
        Advance::NextNumber => signals.next_number.map(Cursor::Number),
        Advance::Page { first } => {
            let current = signals.page.or(requested).unwrap_or(first);
            current.checked_add(1).map(Cursor::Number)
        }
        Advance::Offset => {
            let current = requested.unwrap_or(0);
            (sent > 0)
                .then(|| current.checked_add(sent))
                .flatten()
                .map(Cursor::Number)
        }
        Advance::Item => page
            .items()
            .last()
            .and_then(key?)
            .filter(|k| !k.is_empty())
            .map(Cursor::Token),
        Advance::ItemBefore => page
            .items()
            .first()
            .and_then(key?)
            .filter(|k| !k.is_empty())
            .map(Cursor::Token),
        Advance::Previous => signals
            .previous
            .filter(|t| !t.is_empty())
            .map(Cursor::Token),
    }
}

/// What the stream does next.
enum Next<Q> {
    Fetch(PageRequest<Q>),
    /// The last page pointed at a position already requested.
    Cycle(Cursor),
    Done,
}

/// Where a stream's pages come from: the query and the cursor bookkeeping.
/// Nothing here decodes: each page's call is awaited (and its body decoded)
/// by the stream's generic `Stream` implementation, compiled where the
/// stream is used.
trait Source<P, E>: Send {
    /// The call for the next page; `None` after the last page.
    fn next(&mut self) -> Option<Result<Call<Response<P>, E>, E>>;
    /// A page arrived: drops a repeated item and decides the next position.
    fn arrived(&mut self, page: &mut P);
    /// The next page is the one at `cursor` (`None`: the query's own).
    fn resume(&mut self, cursor: Option<Cursor>);
}

struct State<Q, P: Page, F> {
    next: Next<Q>,
    /// The first request, which a resumed stream points elsewhere.
    first: PageRequest<Q>,
    /// The request of the page being fetched.
    at: Option<PageRequest<Q>>,
    fetch: F,
    requested: BTreeSet<Cursor>,
    paging: &'static Paging,
    key: Option<ItemKey<P::Item>>,
    position: Arc<Mutex<Option<Cursor>>>,
}

impl<Q, P, E, F> Source<P, E> for State<Q, P, F>
where
    Q: PagedQuery + Send + 'static,
    P: Page + Send + 'static,
    E: From<CursorCycle>,
    F: FnMut(PageRequest<Q>) -> Call<Response<P>, E> + Send,
{
    fn next(&mut self) -> Option<Result<Call<Response<P>, E>, E>> {
        match std::mem::replace(&mut self.next, Next::Done) {
            Next::Fetch(at) => {
                self.at = Some(at.clone());
                Some(Ok((self.fetch)(at)))
            }
            Next::Cycle(c) => Some(Err(E::from(CursorCycle(c)))),
            Next::Done => None,
        }
    }

    fn resume(&mut self, cursor: Option<Cursor>) {
        let at = match cursor {
            Some(c) => self.first.at(c),
            None => self.first.clone(),
        };
        *lock(&self.position) = at.cursor();
        self.at = None;
        self.next = Next::Fetch(at);
    }

    fn arrived(&mut self, page: &mut P) {
        let Some(at) = self.at.take() else { return };
        let sent = drop_repeat(self.paging, at.cursor().as_ref(), self.key, page);
        self.next = match next_cursor(self.paging, &at, page, sent, self.key) {
            None => Next::Done,
            Some(c) if !self.requested.insert(c.clone()) => Next::Cycle(c),
            Some(c) => Next::Fetch(at.at(c)),
        };
        // A failed fetch leaves the position at the page that failed.
        *lock(&self.position) = match &self.next {
            Next::Fetch(at) => at.cursor(),
            Next::Cycle(_) | Next::Done => None,
        };
    }
}

/// Fetches `first`, then each following page as `paging` describes, until a
/// stop rule ends it. A cursor the stream already requested ends it with a
/// [`CursorCycle`] error after the page that sent it. `key` gives an item's
/// key, for [`Advance::Item`] and inclusive cursors. `fetch` makes the call
/// for a page; nothing is sent before the stream is polled.
pub fn pages<Q, P, E, F>(
    first: Q,
    paging: &'static Paging,
    key: Option<ItemKey<P::Item>>,
    fetch: F,
) -> Pages<P, E>
where
    Q: PagedQuery + Send + 'static,
    P: Page + Send + 'static,
    E: From<CursorCycle> + Send + 'static,
    F: FnMut(PageRequest<Q>) -> Call<Response<P>, E> + Send + 'static,
{
    let first = PageRequest {
        query: first,
        url: None,
    };
    let requested: BTreeSet<Cursor> = first.cursor().into_iter().collect();
    let position = Arc::new(Mutex::new(first.cursor()));
    let state = State {
        next: Next::Fetch(first.clone()),
        first,
        at: None,
        fetch,
        requested,
        paging,
        key,
        position: position.clone(),
    };
    Pages {
        source: SyncWrapper::new(Box::new(state)),
        running: None,
        left: None,
        done: false,
        failed: false,
        position,
        backward: paging.advance.is_backward(),
        options: StreamOptions::default(),
    }
}

/// A stream of pages: `Send`, `Unpin` and `'static` (it owns what it
/// fetches with). Ends at the last page, at the first error, or after
/// [`Pages::max_pages`] pages.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<P, E> {
    /// Only ever used through `&mut`, so the stream is `Sync`.
    source: SyncWrapper<Box<dyn Source<P, E>>>,
    /// The call of the page being fetched.
    running: Option<Call<Response<P>, E>>,
    left: Option<usize>,
    done: bool,
    position: Arc<Mutex<Option<Cursor>>>,
    /// The walk goes towards the start: items come last first.
    backward: bool,
    /// An error ended the stream ([`Pages::resume`] continues it).
    failed: bool,
    /// Applied to every page's call.
    options: StreamOptions,
}

/// The lock of the position (a poisoned one still holds a valid cursor).
fn lock(m: &Mutex<Option<Cursor>>) -> std::sync::MutexGuard<'_, Option<Cursor>> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl<P, E> Pages<P, E> {
    /// The position of the page the stream requests next: after an error,
    /// the page that failed, so a new stream can resume there with
    /// `query.with_cursor(cursor)` ([`PagedQuery::with_cursor`]). `None`
    /// before the first page of a query without a cursor, and after the
    /// last page. (A next-page URL is a [`Cursor::Url`]; it is not part of
    /// the query, so such a stream restarts from the first page.)
    pub fn position(&self) -> Option<Cursor> {
        lock(&self.position).clone()
    }

    /// Requests at most `n` pages, then ends (without an error); the pages
    /// after them are never requested.
    pub fn max_pages(mut self, n: usize) -> Self {
        self.left = Some(n);
        self
    }

    /// The timeout of each attempt of each page's call (the client's
    /// otherwise).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// How long each page's call may take, retries included.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.options.deadline = Some(deadline);
        self
    }

    /// The retry policy of each page's call (the client's otherwise).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.options.retry = Some(policy);
        self
    }

    /// Sends an extra header with each page's call.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.options.headers.push((name, value.into()));
        self
    }

    /// The stream from the page at `position` on (a [`Self::position`]
    /// saved earlier, even by another process): the same query with only
    /// the position changed. Pages before it are not requested.
    pub fn resume_from(mut self, position: Cursor) -> Self {
        self.source.get_mut().resume(Some(position));
        self.running = None;
        self.done = false;
        self.failed = false;
        self
    }

    /// After an error ended the stream, continues it at the page that
    /// failed (the first page, if that was it); otherwise changes nothing.
    /// Poll it again to go on: nothing is fetched twice that arrived.
    ///
    /// ```
    /// use api_client_runtime::{Error, Page, Pages};
    /// use futures::TryStreamExt;
    /// // `pages` stands for a generated `..._pages(&query)` stream (here of
    /// // bare JSON arrays of numbers).
    /// async fn count(mut pages: Pages<Vec<u32>, Error<()>>) -> Result<usize, Error<()>> {
    ///     let (mut items, mut failures) = (0, 0);
    ///     loop {
    ///         match pages.try_next().await {
    ///             Ok(Some(page)) => items += page.items().len(),
    ///             Ok(None) => return Ok(items),
    ///             Err(e) if e.is_retryable() && failures < 3 => {
    ///                 failures += 1;
    ///                 pages = pages.resume();
    ///             }
    ///             Err(e) => return Err(e),
    ///         }
    ///     }
    /// }
    /// ```
    pub fn resume(mut self) -> Self {
        if self.failed {
            let at = self.position();
            self.source.get_mut().resume(at);
            self.done = false;
            self.failed = false;
        }
        self
    }
}

impl<P: Page, E> Pages<P, E> {
    /// The items of these pages, one page in memory at a time.
    pub fn items(self) -> Items<P, E> {
        Items {
            pages: self,
            buffer: Vec::new().into_iter(),
        }
    }
}

impl<P, E> fmt::Debug for Pages<P, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("left", &self.left)
            .field("position", &self.position())
            .finish_non_exhaustive()
    }
}

// Moved, never pinned in place (the running call boxes its future).
impl<P, E> Unpin for Pages<P, E> {}

impl<P, B> Stream for Pages<P, Error<B>>
where
    P: FromBody,
    B: DeserializeOwned + fmt::Debug + Send + 'static,
{
    type Item = Result<P, Error<B>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if self.left == Some(0) || self.done {
                return Poll::Ready(None);
            }
            if let Some(call) = self.running.as_mut() {
                let polled = match Pin::new(call).poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(r) => r,
                };
                self.running = None;
                if let Some(left) = self.left.as_mut() {
                    *left -= 1;
                }
                return Poll::Ready(Some(match polled {
                    Ok(response) => {
                        let mut page = response.into_body();
                        self.source.get_mut().arrived(&mut page);
                        Ok(page)
                    }
                    Err(e) => {
                        self.done = true;
                        self.failed = true;
                        Err(e)
                    }
                }));
            }
            match self.source.get_mut().next() {
                None => self.done = true,
                Some(Ok(call)) => self.running = Some(self.options.apply(call)),
                Some(Err(e)) => {
                    self.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
            }
        }
    }
}

/// The items of a stream of pages, one page in memory at a time: `Send`,
/// `Unpin` and `'static`, ending at the first error.
#[must_use = "streams do nothing unless polled"]
pub struct Items<P: Page, E> {
    pages: Pages<P, E>,
    /// The rest of the current page.
    buffer: std::vec::IntoIter<P::Item>,
}

impl<P: Page, E> Items<P, E> {
    /// The position of the page the stream requests next (see
    /// [`Pages::position`]): after an error, the page that failed.
    pub fn position(&self) -> Option<Cursor> {
        self.pages.position()
    }

    /// See [`Pages::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.pages = self.pages.timeout(timeout);
        self
    }

    /// See [`Pages::deadline`].
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.pages = self.pages.deadline(deadline);
        self
    }

    /// See [`Pages::retry_policy`].
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.pages = self.pages.retry_policy(policy);
        self
    }

    /// See [`Pages::header`].
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.pages = self.pages.header(name, value);
        self
    }

    /// See [`Pages::max_pages`].
    pub fn max_pages(mut self, n: usize) -> Self {
        self.pages = self.pages.max_pages(n);
        self
    }

    /// The items from the page at `position` on ([`Pages::resume_from`]).
    pub fn resume_from(mut self, position: Cursor) -> Self {
        self.pages = self.pages.resume_from(position);
        self.buffer = Vec::new().into_iter();
        self
    }

    /// After an error ended the stream, continues it at the page that
    /// failed ([`Pages::resume`]): the items of the pages that arrived are
    /// not repeated.
    pub fn resume(mut self) -> Self {
        self.pages = self.pages.resume();
        self
    }
}

impl<P: Page, E> fmt::Debug for Items<P, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("buffered", &self.buffer.len())
            .finish()
    }
}

impl<P: Page, E> Unpin for Items<P, E> {}

impl<P, B> Stream for Items<P, Error<B>>
where
    P: FromBody + Page,
    B: DeserializeOwned + fmt::Debug + Send + 'static,
{
    type Item = Result<P::Item, Error<B>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(item) = self.buffer.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut self.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => {
                    let mut items = page.into_items();
                    if self.pages.backward {
                        // Walking backwards: the item nearest the cursor first.
                        items.reverse();
                    }
                    self.buffer = items.into_iter();
                }
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

mod options;
#[cfg(test)]
mod tests;

use options::StreamOptions;
