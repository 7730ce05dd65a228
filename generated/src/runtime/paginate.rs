//! Streams over paginated list endpoints.
//!
//! A generated page type implements [`Page`] (where the items are, and what
//! the next request is, by the stop rule its spec declares); a generated
//! query type implements [`PagedQuery`] (how a cursor goes into the next
//! request). [`pages`] then fetches one page after another, keeping every
//! other parameter equal; [`items`] flattens that into items. Only one page is
//! held in memory at a time.

use std::collections::BTreeSet;
use std::fmt;
use std::future::Future;

use futures::stream::{self, Stream, TryStreamExt};

/// Where the next page starts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cursor {
    /// A continuation token from the previous page.
    Token(String),
    /// A page number.
    Page(i64),
}

/// One page of a list response.
pub trait Page {
    /// The listed entity.
    type Item;

    /// The cursor of the following page, or `None` on the last page.
    fn next_cursor(&self) -> Option<Cursor>;

    /// The items of this page.
    fn into_items(self) -> Vec<Self::Item>;
}

/// A list query that can be pointed at another page.
pub trait PagedQuery: Clone {
    /// The cursor this query asks for (`None` for the first page).
    fn cursor(&self) -> Option<Cursor>;

    /// The same query for the page at `cursor`.
    fn with_cursor(&self, cursor: Cursor) -> Self;
}

/// The token-pagination stop rule: there is a next page if a token was
/// returned and the page was full (`count >= size`).
pub fn token_cursor(token: Option<&str>, count: Option<i64>, size: Option<i64>) -> Option<Cursor> {
    let token = token.filter(|t| !t.is_empty())?;
    match (count, size) {
        (Some(count), Some(size)) if count < size => None,
        _ => Some(Cursor::Token(token.to_owned())),
    }
}

/// The page/slice stop rule: a next page exists while the page is full
/// (`count == size`, and not empty). The page number is the current one plus
/// one, so it works whether the API counts from 0 or 1.
pub fn page_cursor(page: Option<i64>, count: Option<i64>, size: Option<i64>) -> Option<Cursor> {
    match (page, count, size) {
        (Some(page), Some(count), Some(size)) if count > 0 && count == size => {
            Some(Cursor::Page(page + 1))
        }
        _ => None,
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cursor::Token(t) => write!(f, "token `{t}`"),
            Cursor::Page(p) => write!(f, "page {p}"),
        }
    }
}

/// A page pointed back at a position the stream had already requested:
/// following it would fetch the same pages forever.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "the server sent a page cursor the stream had already requested ({0}); following it would loop"
)]
pub struct CursorCycle(pub Cursor);

/// What the stream does next.
enum Next<Q> {
    Fetch(Q),
    /// The last page pointed at a position already requested.
    Cycle(Cursor),
    Done,
}

/// Fetches `first`, then each following page, until the page says there is
/// no next one. A cursor the stream already requested (`A -> B -> A`, not
/// only an immediate repeat) ends it with a [`CursorCycle`] error after the
/// page that sent it.
pub fn pages<Q, P, E, F, Fut>(first: Q, fetch: F) -> impl Stream<Item = Result<P, E>>
where
    Q: PagedQuery,
    P: Page,
    E: From<CursorCycle>,
    F: FnMut(Q) -> Fut,
    Fut: Future<Output = Result<P, E>>,
{
    let requested: BTreeSet<Cursor> = first.cursor().into_iter().collect();
    let state = (Next::Fetch(first), fetch, requested);
    stream::try_unfold(state, |(next, mut fetch, mut requested)| async move {
        let query = match next {
            Next::Fetch(q) => q,
            Next::Cycle(c) => return Err(E::from(CursorCycle(c))),
            Next::Done => return Ok(None),
        };
        let page = fetch(query.clone()).await?;
        let next = match page.next_cursor() {
            None => Next::Done,
            Some(c) if !requested.insert(c.clone()) => Next::Cycle(c),
            Some(c) => Next::Fetch(query.with_cursor(c)),
        };
        Ok(Some((page, (next, fetch, requested))))
    })
}

/// The items of a stream of pages, one page in memory at a time.
pub fn items<P, E, S>(pages: S) -> impl Stream<Item = Result<P::Item, E>>
where
    P: Page,
    S: Stream<Item = Result<P, E>>,
{
    pages
        .map_ok(|page| stream::iter(page.into_items().into_iter().map(Ok)))
        .try_flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::StreamExt;
    use std::sync::{Arc, Mutex};

    #[derive(Debug, PartialEq)]
    enum TestError {
        Boom,
        Cycle(Cursor),
    }

    impl From<CursorCycle> for TestError {
        fn from(c: CursorCycle) -> Self {
            TestError::Cycle(c.0)
        }
    }

    #[derive(Clone, Debug, PartialEq)]
    struct Q {
        token: Option<String>,
    }

    impl PagedQuery for Q {
        fn cursor(&self) -> Option<Cursor> {
            self.token.clone().map(Cursor::Token)
        }
        fn with_cursor(&self, cursor: Cursor) -> Self {
            match cursor {
                Cursor::Token(t) => Q { token: Some(t) },
                Cursor::Page(_) => self.clone(),
            }
        }
    }

    struct P {
        items: Vec<u32>,
        next: Option<String>,
    }

    impl Page for P {
        type Item = u32;
        fn next_cursor(&self) -> Option<Cursor> {
            token_cursor(self.next.as_deref(), Some(self.items.len() as i64), Some(2))
        }
        fn into_items(self) -> Vec<u32> {
            self.items
        }
    }

    #[tokio::test]
    async fn follows_tokens_until_a_short_page() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let all: Vec<u32> = items(pages(Q { token: None }, move |q: Q| {
            log.lock().unwrap().push(q.token.clone());
            async move {
                Ok::<_, TestError>(match q.token.as_deref() {
                    None => P {
                        items: vec![1, 2],
                        next: Some("a".into()),
                    },
                    Some("a") => P {
                        items: vec![3, 4],
                        next: Some("b".into()),
                    },
                    _ => P {
                        items: vec![5],
                        next: Some("c".into()),
                    },
                })
            }
        }))
        .map(Result::unwrap)
        .collect()
        .await;
        assert_eq!(all, [1, 2, 3, 4, 5]);
        assert_eq!(
            *seen.lock().unwrap(),
            [None, Some("a".to_owned()), Some("b".to_owned())]
        );
    }

    /// Pages pointing `None -> a -> b -> a`: the third page's `a` was
    /// requested already, so the stream ends with a cycle error.
    #[tokio::test]
    async fn a_cycle_of_tokens_ends_the_stream_with_an_error() {
        for tokens in [["same", "same", "same"], ["a", "b", "a"]] {
            let fetched = Arc::new(Mutex::new(0));
            let count = fetched.clone();
            let out: Vec<Result<Vec<u32>, TestError>> = pages(Q { token: None }, move |q: Q| {
                *count.lock().unwrap() += 1;
                let next = match q.token.as_deref() {
                    None => tokens[0],
                    Some(t) if t == tokens[0] => tokens[1],
                    Some(_) => tokens[2],
                };
                async move {
                    Ok::<_, TestError>(P {
                        items: vec![1, 2],
                        next: Some(next.into()),
                    })
                }
            })
            .map_ok(P::into_items)
            .collect()
            .await;
            let last = out.last().unwrap();
            assert_eq!(
                last,
                &Err(TestError::Cycle(Cursor::Token(tokens[2].to_owned()))),
                "{tokens:?}"
            );
            assert!(out[..out.len() - 1].iter().all(Result::is_ok));
            assert!(*fetched.lock().unwrap() <= 3, "{tokens:?}");
        }
    }

    #[tokio::test]
    async fn an_error_stops_the_stream() {
        let first: Vec<Result<P, TestError>> =
            pages(Q { token: None }, |_q: Q| async { Err(TestError::Boom) })
                .collect()
                .await;
        assert_eq!(first.len(), 1);
    }

    #[test]
    fn stop_rules() {
        assert_eq!(
            token_cursor(Some("t"), Some(20), Some(20)),
            Some(Cursor::Token("t".into()))
        );
        assert_eq!(token_cursor(Some("t"), Some(19), Some(20)), None);
        assert_eq!(token_cursor(None, Some(20), Some(20)), None);
        assert_eq!(token_cursor(Some(""), Some(20), Some(20)), None);
        assert_eq!(
            page_cursor(Some(1), Some(50), Some(50)),
            Some(Cursor::Page(2))
        );
        assert_eq!(page_cursor(Some(1), Some(49), Some(50)), None);
        assert_eq!(page_cursor(Some(1), Some(0), Some(0)), None);
    }
}
