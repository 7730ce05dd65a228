//! The stream driven by each description, against scripted pages.

use super::*;
use std::sync::{Arc, Mutex};

use futures::{StreamExt, TryStreamExt};

/// The error type of the streams under test.
type E = Error<()>;

/// What a test asserts an error was.
#[derive(Debug, PartialEq)]
enum TestError {
    Boom,
    Cycle(Cursor),
}

fn kind(e: E) -> TestError {
    match e {
        Error::PaginationCycle(c) => TestError::Cycle(c.0),
        _ => TestError::Boom,
    }
}

/// A page call that answers `page` without sending anything.
fn ok<Pg>(page: Pg) -> Call<Response<Pg>, E> {
    let names = crate::plumbing::HeaderNames {
        etag: None,
        rate_limit_limit: None,
        rate_limit_remaining: None,
        request_id: None,
    };
    let meta = crate::ResponseMeta::from_parts(200, Default::default(), &names);
    Call::ready(Ok(Response::new(meta, page)))
}

/// A page call that fails.
fn boom<Pg>() -> Call<Response<Pg>, E> {
    Call::ready(Err(Error::InvalidRequest("boom".into())))
}

/// A query with a cursor and an optional page size.
#[derive(Clone, Debug, Default, PartialEq)]
struct Q {
    cursor: Option<Cursor>,
    size: Option<i64>,
}

impl PagedQuery for Q {
    fn cursor(&self) -> Option<Cursor> {
        self.cursor.clone()
    }
    fn with_cursor(&self, cursor: Cursor) -> Self {
        Q {
            cursor: Some(cursor),
            size: self.size,
        }
    }
    fn page_size(&self) -> Option<i64> {
        self.size
    }
}

/// A page model: items plus whatever signals a test sets.
#[derive(Clone, Debug, Default)]
struct P {
    items: Vec<u32>,
    signals: Signals,
}

/// Pages come from the tests, never from a body.
impl<'de> serde::Deserialize<'de> for P {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom("test pages are not decoded"))
    }
}

impl Page for P {
    type Item = u32;
    fn items(&self) -> &[u32] {
        &self.items
    }
    fn drop_first(&mut self) {
        if !self.items.is_empty() {
            self.items.remove(0);
        }
    }
    fn into_items(self) -> Vec<u32> {
        self.items
    }
    fn signals(&self) -> Signals {
        self.signals.clone()
    }
}

fn next(token: &str) -> Signals {
    Signals {
        next: Some(token.into()),
        ..Signals::default()
    }
}

fn key(n: &u32) -> Option<String> {
    Some(n.to_string())
}

type Log = Arc<Mutex<Vec<PageRequest<Q>>>>;

/// Runs a stream whose server answers with `serve(request)`; returns the
/// items (or the error that ended it) and every request made.
async fn run<Pg: Page<Item = u32> + FromBody>(
    paging: &'static Paging,
    first: Q,
    key: Option<ItemKey<u32>>,
    serve: fn(&PageRequest<Q>) -> Pg,
) -> (Result<Vec<u32>, TestError>, Vec<PageRequest<Q>>) {
    let log: Log = Arc::default();
    let seen = log.clone();
    let out = pages(first, paging, key, move |at: PageRequest<Q>| {
        seen.lock().unwrap().push(at.clone());
        ok(serve(&at))
    })
    .items()
    .try_collect::<Vec<u32>>()
    .await
    .map_err(kind);
    let requests = log.lock().unwrap().clone();
    (out, requests)
}

fn cursors(requests: &[PageRequest<Q>]) -> Vec<Option<Cursor>> {
    requests.iter().map(PageRequest::cursor).collect()
}

static TOKEN_SHORT: Paging = Paging {
    advance: Advance::Token,
    short_page: true,
    empty_page: false,
    inclusive: false,
};

#[tokio::test]
async fn tokens_are_followed_until_a_short_page() {
    let (out, requests) = run(&TOKEN_SHORT, Q::default(), None, |at| {
        let (items, token) = match at.query.cursor {
            None => (vec![1, 2], "a"),
            Some(Cursor::Token(ref t)) if t == "a" => (vec![3, 4], "b"),
            _ => (vec![5], "c"),
        };
        P {
            items,
            signals: Signals {
                size: Some(2),
                ..next(token)
            },
        }
    })
    .await;
    assert_eq!(out, Ok(vec![1, 2, 3, 4, 5]));
    assert_eq!(
        cursors(&requests),
        [
            None,
            Some(Cursor::Token("a".into())),
            Some(Cursor::Token("b".into()))
        ]
    );
}

#[tokio::test]
async fn an_absent_or_empty_token_ends_the_stream() {
    for last in [None, Some(String::new())] {
        let paging = &TOKEN_SHORT;
        let log: Log = Arc::default();
        let seen = log.clone();
        let out: Vec<u32> = pages(Q::default(), paging, None, move |at: PageRequest<Q>| {
            seen.lock().unwrap().push(at.clone());
            let page = P {
                items: vec![1],
                signals: Signals {
                    next: if at.query.cursor.is_none() {
                        Some("a".into())
                    } else {
                        last.clone()
                    },
                    ..Signals::default()
                },
            };
            ok(page)
        })
        .items()
        .try_collect()
        .await
        .unwrap();
        assert_eq!(out, [1, 1]);
        assert_eq!(log.lock().unwrap().len(), 2);
    }
}

#[tokio::test]
async fn a_cycle_of_tokens_ends_the_stream_with_an_error() {
    static PAGING: Paging = Paging {
        advance: Advance::Token,
        short_page: false,
        empty_page: false,
        inclusive: false,
    };
    // None -> a -> b -> a: the third page's `a` was requested already.
    let (out, requests) = run(&PAGING, Q::default(), None, |at| {
        let token = match &at.query.cursor {
            None => "a",
            Some(Cursor::Token(t)) if t == "a" => "b",
            _ => "a",
        };
        P {
            items: vec![1],
            signals: next(token),
        }
    })
    .await;
    assert_eq!(out, Err(TestError::Cycle(Cursor::Token("a".into()))));
    assert_eq!(requests.len(), 3);
    // An immediate repeat too.
    let (out, requests) = run(&PAGING, Q::default(), None, |_| P {
        items: vec![1],
        signals: next("same"),
    })
    .await;
    assert_eq!(out, Err(TestError::Cycle(Cursor::Token("same".into()))));
    assert_eq!(requests.len(), 2);
}

#[tokio::test]
async fn page_numbers_count_from_the_page_or_from_first() {
    static FROM_PAGE: Paging = Paging {
        advance: Advance::Page { first: 1 },
        short_page: true,
        empty_page: true,
        inclusive: false,
    };
    // The page states its number (counting from 0 here).
    let (out, requests) = run(&FROM_PAGE, Q::default(), None, |at| {
        let page = match at.query.cursor {
            None => 0,
            Some(Cursor::Number(n)) => n,
            _ => unreachable!(),
        };
        P {
            items: if page < 2 { vec![1, 2] } else { vec![3] },
            signals: Signals {
                page: Some(page),
                size: Some(2),
                count: Some(if page < 2 { 2 } else { 1 }),
                ..Signals::default()
            },
        }
    })
    .await;
    assert_eq!(out, Ok(vec![1, 2, 1, 2, 3]));
    assert_eq!(
        cursors(&requests),
        [None, Some(Cursor::Number(1)), Some(Cursor::Number(2))]
    );
    // The page does not: the first request gets page 1, then 2, 3; an empty
    // page ends it.
    let (out, requests) = run(&FROM_PAGE, Q::default(), None, |at| P {
        items: match at.query.cursor {
            None | Some(Cursor::Number(2)) => vec![7],
            _ => vec![],
        },
        signals: Signals::default(),
    })
    .await;
    assert_eq!(out, Ok(vec![7, 7]));
    assert_eq!(
        cursors(&requests),
        [None, Some(Cursor::Number(2)), Some(Cursor::Number(3))]
    );
}

#[tokio::test]
async fn offsets_advance_by_the_items_received_and_a_flag_stops() {
    static OFFSET: Paging = Paging {
        advance: Advance::Offset,
        short_page: false,
        empty_page: true,
        inclusive: false,
    };
    let (out, requests) = run(&OFFSET, Q::default(), None, |at| {
        let offset = match at.query.cursor {
            Some(Cursor::Number(n)) => n,
            _ => 0,
        };
        P {
            items: vec![offset as u32, offset as u32 + 1, offset as u32 + 2],
            signals: Signals {
                more: Some(offset < 6),
                ..Signals::default()
            },
        }
    })
    .await;
    assert_eq!(out, Ok((0..9).collect()));
    assert_eq!(
        cursors(&requests),
        [None, Some(Cursor::Number(3)), Some(Cursor::Number(6))]
    );
}

static INCLUSIVE: Paging = Paging {
    advance: Advance::Item,
    short_page: true,
    empty_page: true,
    inclusive: true,
};

/// A bare array with an inclusive cursor: `from=<key>` returns that item
/// first.
fn inclusive_server(at: &PageRequest<Q>) -> Vec<u32> {
    let all: Vec<u32> = (10..17).collect();
    let start = match &at.query.cursor {
        None => 0,
        Some(Cursor::Token(k)) => all.iter().position(|i| i.to_string() == *k).unwrap(),
        _ => unreachable!(),
    };
    let take = at.query.size.unwrap_or(3) as usize;
    all[start..].iter().take(take).copied().collect()
}

#[tokio::test]
async fn an_inclusive_item_cursor_neither_repeats_nor_loses_an_item() {
    for size in [Some(3), Some(2), None, Some(7), Some(8)] {
        let first = Q { cursor: None, size };
        let (out, requests) = run(&INCLUSIVE, first, Some(key), inclusive_server).await;
        assert_eq!(out, Ok((10..17).collect()), "size {size:?}");
        assert!(requests.len() <= 7, "size {size:?}: {requests:?}");
    }
    let first = Q {
        cursor: None,
        size: Some(3),
    };
    let (_, requests) = run(&INCLUSIVE, first, Some(key), inclusive_server).await;
    assert_eq!(
        cursors(&requests),
        [
            None,
            Some(Cursor::Token("12".into())),
            Some(Cursor::Token("14".into())),
            Some(Cursor::Token("16".into()))
        ]
    );
}

#[tokio::test]
async fn an_exclusive_item_cursor_uses_the_last_key() {
    static AFTER: Paging = Paging {
        advance: Advance::Item,
        short_page: false,
        empty_page: true,
        inclusive: false,
    };
    let (out, requests) = run(&AFTER, Q::default(), Some(key), |at| {
        match &at.query.cursor {
            None => vec![1, 2],
            Some(Cursor::Token(k)) if k == "2" => vec![3],
            _ => vec![],
        }
    })
    .await;
    assert_eq!(out, Ok(vec![1, 2, 3]));
    assert_eq!(requests.len(), 3);
}

#[tokio::test]
async fn next_urls_are_requested_instead_of_the_query() {
    static URL: Paging = Paging {
        advance: Advance::Url,
        short_page: false,
        empty_page: false,
        inclusive: false,
    };
    let (out, requests) = run(&URL, Q::default(), None, |at| match at.url.as_deref() {
        None => P {
            items: vec![1],
            signals: next("https://x.test/v1/items?after=1"),
        },
        Some(_) => P {
            items: vec![2],
            signals: Signals::default(),
        },
    })
    .await;
    assert_eq!(out, Ok(vec![1, 2]));
    assert_eq!(requests[1].query, Q::default());
    assert_eq!(
        requests[1].url.as_deref(),
        Some("https://x.test/v1/items?after=1")
    );
}

#[tokio::test]
async fn a_next_page_number_from_the_page_is_followed_until_absent() {
    static NEXT: Paging = Paging {
        advance: Advance::NextNumber,
        short_page: false,
        empty_page: false,
        inclusive: false,
    };
    let (out, requests) = run(&NEXT, Q::default(), None, |at| {
        let page = match at.query.cursor {
            Some(Cursor::Number(n)) => n,
            _ => 1,
        };
        P {
            items: vec![page as u32],
            signals: Signals {
                next_number: (page < 3).then_some(page + 1),
                ..Signals::default()
            },
        }
    })
    .await;
    assert_eq!(out, Ok(vec![1, 2, 3]));
    assert_eq!(
        cursors(&requests),
        [None, Some(Cursor::Number(2)), Some(Cursor::Number(3))]
    );
}

#[tokio::test]
async fn max_pages_bounds_the_requests() {
    static ENDLESS: Paging = Paging {
        advance: Advance::Page { first: 1 },
        short_page: false,
        empty_page: true,
        inclusive: false,
    };
    let log: Log = Arc::default();
    let seen = log.clone();
    let out: Vec<P> = pages(Q::default(), &ENDLESS, None, move |at: PageRequest<Q>| {
        seen.lock().unwrap().push(at);
        ok(P {
            items: vec![1],
            signals: Signals::default(),
        })
    })
    .max_pages(4)
    .try_collect()
    .await
    .unwrap();
    assert_eq!(out.len(), 4);
    assert_eq!(log.lock().unwrap().len(), 4);
}

/// After a failed page, `position` says where to resume; a new stream from
/// there gets the rest.
#[tokio::test]
async fn a_stream_can_resume_after_an_error() {
    fn serve(at: &PageRequest<Q>) -> Result<P, TestError> {
        match at.query.cursor.clone() {
            None => Ok(P {
                items: vec![1, 2],
                signals: next("b"),
            }),
            Some(Cursor::Token(t)) if t == "b" && at.query.size == Some(-1) => Err(TestError::Boom),
            Some(Cursor::Token(t)) if t == "b" => Ok(P {
                items: vec![3],
                signals: Signals::default(),
            }),
            _ => unreachable!(),
        }
    }
    // `size: -1` marks the first run, whose second page fails.
    let failing = Q {
        cursor: None,
        size: Some(-1),
    };
    let mut pages = pages(
        failing.clone(),
        &TOKEN_SHORT,
        None,
        |at: PageRequest<Q>| match serve(&at) {
            Ok(page) => ok(page),
            Err(_) => boom(),
        },
    );
    assert_eq!(pages.position(), None);
    assert!(pages.next().await.unwrap().is_ok());
    assert_eq!(pages.position(), Some(Cursor::Token("b".into())));
    assert_eq!(
        pages.next().await.unwrap().err().map(kind),
        Some(TestError::Boom)
    );
    let resume = pages.position().expect("the page that failed");
    assert_eq!(resume, Cursor::Token("b".into()));
    let again = Q {
        cursor: None,
        size: None,
    }
    .with_cursor(resume);
    let rest: Vec<u32> = pages_of(again).await;
    assert_eq!(rest, [3]);
}

async fn pages_of(first: Q) -> Vec<u32> {
    pages(first, &TOKEN_SHORT, None, |at: PageRequest<Q>| {
        let out = match at.query.cursor {
            Some(Cursor::Token(t)) if t == "b" => P {
                items: vec![3],
                signals: Signals::default(),
            },
            _ => P::default(),
        };
        ok(out)
    })
    .items()
    .try_collect()
    .await
    .unwrap()
}

#[tokio::test]
async fn an_error_stops_the_stream() {
    let out: Vec<Result<P, E>> = pages(Q::default(), &TOKEN_SHORT, None, |_at: PageRequest<Q>| {
        boom()
    })
    .collect()
    .await;
    assert_eq!(out.len(), 1);
}

/// The item stream says where it stands: after a failed page, the page to
/// resume from.
#[tokio::test]
async fn an_item_stream_tells_its_position() {
    let mut items = pages(
        Q::default(),
        &TOKEN_SHORT,
        None,
        |at: PageRequest<Q>| match at.query.cursor {
            None => ok(P {
                items: vec![1, 2],
                signals: next("b"),
            }),
            _ => boom(),
        },
    )
    .items();
    assert_eq!(items.position(), None);
    assert_eq!(items.next().await.unwrap().ok(), Some(1));
    assert_eq!(items.position(), Some(Cursor::Token("b".into())));
    assert_eq!(items.next().await.unwrap().ok(), Some(2));
    assert_eq!(
        items.next().await.unwrap().err().map(kind),
        Some(TestError::Boom)
    );
    assert_eq!(items.position(), Some(Cursor::Token("b".into())));
    assert!(
        items.next().await.is_none(),
        "the stream ends after an error"
    );
}

/// Walking backwards from an `ending_before` key: the next cursor is the
/// key of each page's first item, and items come nearest-the-cursor first
/// (each page reversed); an empty page ends the walk.
#[tokio::test]
async fn an_item_before_cursor_walks_backwards() {
    static BEFORE: Paging = Paging {
        advance: Advance::ItemBefore,
        short_page: false,
        empty_page: true,
        inclusive: false,
    };
    // The list is 1..=5; each page holds up to two items before the cursor.
    let start = Q {
        cursor: Some(Cursor::Token("5".into())),
        size: None,
    };
    let (out, requests) = run(&BEFORE, start, Some(key), |at| match &at.query.cursor {
        Some(Cursor::Token(k)) if k == "5" => vec![3, 4],
        Some(Cursor::Token(k)) if k == "3" => vec![1, 2],
        _ => vec![],
    })
    .await;
    assert_eq!(out, Ok(vec![4, 3, 2, 1]));
    assert_eq!(
        cursors(&requests),
        [
            Some(Cursor::Token("5".into())),
            Some(Cursor::Token("3".into())),
            Some(Cursor::Token("1".into())),
        ]
    );
}

/// A previous-page token is followed until a page gives none.
#[tokio::test]
async fn previous_tokens_are_followed() {
    static PREVIOUS: Paging = Paging {
        advance: Advance::Previous,
        short_page: false,
        empty_page: false,
        inclusive: false,
    };
    let (out, requests) = run(&PREVIOUS, Q::default(), None, |at| P {
        items: match &at.query.cursor {
            None => vec![5, 6],
            _ => vec![3, 4],
        },
        signals: Signals {
            previous: at.query.cursor.is_none().then(|| "p1".to_owned()),
            // A forward token on the page is not followed backwards.
            next: Some("n1".into()),
            ..Signals::default()
        },
    })
    .await;
    assert_eq!(out, Ok(vec![6, 5, 4, 3]));
    assert_eq!(requests.len(), 2);
}

/// `resume` continues a stream an error ended at the page that failed,
/// without repeating the pages that arrived; `resume_from` starts a new
/// one at a saved position.
#[tokio::test]
async fn a_failed_stream_resumes_in_place_or_from_a_position() {
    use std::sync::atomic::{AtomicU32, Ordering};
    static CALLS: AtomicU32 = AtomicU32::new(0);
    // The second page fails once, then answers.
    let fetch = |at: PageRequest<Q>| match at.query.cursor.clone() {
        None => ok(P {
            items: vec![1, 2],
            signals: next("b"),
        }),
        Some(Cursor::Token(t)) if t == "b" && CALLS.fetch_add(1, Ordering::SeqCst) == 0 => boom(),
        Some(_) => ok(P {
            items: vec![3],
            signals: Signals::default(),
        }),
    };
    let mut items = pages(Q::default(), &TOKEN_SHORT, None, fetch).items();
    let mut seen = Vec::new();
    let mut failures = 0;
    loop {
        match items.try_next().await {
            Ok(Some(i)) => seen.push(i),
            Ok(None) => break,
            Err(_) => {
                failures += 1;
                assert_eq!(items.position(), Some(Cursor::Token("b".into())));
                items = items.resume();
            }
        }
    }
    assert_eq!((seen, failures), (vec![1, 2, 3], 1));
    // After the end, `resume` changes nothing.
    assert!(items.resume().try_next().await.unwrap().is_none());
    // From a saved position: only the pages from there on.
    let from_b = pages(Q::default(), &TOKEN_SHORT, None, fetch)
        .resume_from(Cursor::Token("b".into()))
        .items()
        .try_collect::<Vec<u32>>()
        .await
        .map_err(kind);
    assert_eq!(from_b, Ok(vec![3]));
}
