//! Streams over paginated list endpoints.
//!
//! A generated page type implements [`Page`] (where the items are, and what
//! the next request is, by the stop rule its spec declares); a generated
//! query type implements [`PagedQuery`] (how a cursor goes into the next
//! request). [`pages`] then fetches one page after another, keeping every
//! other parameter equal; [`items`] flattens that into items. Only one page is
//! held in memory at a time.

use std::future::Future;

use futures::stream::{self, Stream, TryStreamExt};

/// Where the next page starts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

/// Fetches `first`, then each following page, until the page says there is
/// no next one (or repeats the cursor it was asked for, which would loop).
pub fn pages<Q, P, E, F, Fut>(first: Q, fetch: F) -> impl Stream<Item = Result<P, E>>
where
    Q: PagedQuery,
    P: Page,
    F: FnMut(Q) -> Fut,
    Fut: Future<Output = Result<P, E>>,
{
    stream::try_unfold((Some(first), fetch), |(query, mut fetch)| async move {
        let Some(query) = query else {
            return Ok(None);
        };
        let page = fetch(query.clone()).await?;
        let next = page
            .next_cursor()
            .filter(|c| query.cursor().as_ref() != Some(c))
            .map(|c| query.with_cursor(c));
        Ok(Some((page, (next, fetch))))
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
                Ok::<_, ()>(match q.token.as_deref() {
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

    #[tokio::test]
    async fn a_repeated_token_ends_the_stream_and_errors_stop_it() {
        let n = pages(Q { token: None }, |_q: Q| async {
            Ok::<_, ()>(P {
                items: vec![1, 2],
                next: Some("same".into()),
            })
        })
        .count()
        .await;
        assert_eq!(n, 2);
        let first: Vec<Result<P, &str>> = pages(Q { token: None }, |_q: Q| async { Err("boom") })
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
