//! Pagination descriptions (`tests/specs/constructs/c_pages/`) against a
//! loopback server: the query of every request on the wire, the items the
//! streams yield, their stop rules, cycles and page limits.

use integration_tests::constructs::c_pages::models::Customer;
use integration_tests::constructs::c_pages::{
    Client, CustomersListCursorsQuery, CustomersListFromQuery, CustomersListLinkedQuery,
    CustomersListMetaQuery, CustomersListOffsetQuery, CustomersListQuery, Error,
};
use integration_tests::runtime::futures::TryStreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers with `serve(query pairs)`, a JSON body.
struct Serve(fn(&[(String, String)], &str) -> Value);

impl Respond for Serve {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let host = request.headers.get("host").and_then(|h| h.to_str().ok());
        let base = format!("http://{}", host.unwrap_or_default());
        ResponseTemplate::new(200).set_body_json((self.0)(&pairs, &base))
    }
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn customers(ids: impl IntoIterator<Item = u32>) -> Vec<Value> {
    ids.into_iter()
        .map(|i| json!({"id": format!("c{i:02}"), "name": format!("n{i}")}))
        .collect()
}

/// The ids 0..n, in order.
fn ids(n: u32) -> Vec<String> {
    (0..n).map(|i| format!("c{i:02}")).collect()
}

async fn server(
    route: &str,
    serve: fn(&[(String, String)], &str) -> Value,
) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(Serve(serve))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    (server, client)
}

/// Every request's query, as sent.
async fn queries(server: &MockServer) -> Vec<String> {
    let received = server.received_requests().await.unwrap();
    received
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect()
}

fn names(items: &[Customer]) -> Vec<String> {
    items.iter().map(|c| c.id.as_str().to_owned()).collect()
}

#[tokio::test]
async fn the_last_items_id_goes_in_the_next_request_until_has_more_is_false() {
    let (server, c) = server("/customers", |q, _| {
        let after: u32 =
            param(q, "starting_after").map_or(0, |a| a[1..].parse::<u32>().unwrap() + 1);
        let end = (after + 2).min(5);
        json!({"data": customers(after..end), "has_more": end < 5})
    })
    .await;
    let query = CustomersListQuery::new().limit(2);
    let all: Vec<Customer> = c
        .customers()
        .list_items(&query)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names(&all), ids(5));
    assert_eq!(
        queries(&server).await,
        [
            "limit=2",
            "limit=2&starting_after=c01",
            "limit=2&starting_after=c03"
        ]
    );
}

/// Walking backwards: `ending_before` gets the first item's id of each
/// page (the forward `starting_after` cleared), `has_more` stops the walk,
/// and the items come nearest the cursor first.
#[tokio::test]
async fn the_first_items_id_walks_backwards_until_has_more_is_false() {
    let (server, c) = server("/customers", |q, _| {
        // Two customers before the `ending_before` id, out of 0..5.
        let before: u32 = param(q, "ending_before").map_or(5, |b| b[1..].parse().unwrap());
        let start = before.saturating_sub(2);
        json!({"data": customers(start..before), "has_more": start > 0})
    })
    .await;
    let query = CustomersListQuery::new()
        .limit(2)
        .ending_before("c05")
        .starting_after("ignored");
    let all: Vec<Customer> = c
        .customers()
        .list_items_backward(&query)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names(&all), ["c04", "c03", "c02", "c01", "c00"]);
    assert_eq!(
        queries(&server).await,
        [
            "limit=2&starting_after=ignored&ending_before=c05",
            "limit=2&ending_before=c03",
            "limit=2&ending_before=c01"
        ]
    );
}

/// A previous cursor is followed backwards until a page has none; the
/// forward stream follows the next cursor on the same endpoint.
#[tokio::test]
async fn a_previous_cursor_walks_backwards() {
    let (server, c) = server("/customers/cursors", |q, _| {
        match (param(q, "before"), param(q, "after")) {
            (Some("p1"), _) => json!({"items": customers([0, 1]), "next_cursor": "n0"}),
            (None, Some("n0")) => json!({"items": customers([2, 3]), "prev_cursor": "p1"}),
            _ => json!({"items": customers([4]), "prev_cursor": "p1", "next_cursor": "n0"}),
        }
    })
    .await;
    let start = CustomersListCursorsQuery::new().before("p2");
    let back: Vec<Customer> = c
        .customers()
        .list_cursors_items_backward(&start)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names(&back), ["c04", "c01", "c00"]);
    assert_eq!(queries(&server).await, ["before=p2", "before=p1"]);
    let pages: Vec<_> = c
        .customers()
        .list_cursors_pages_backward(&CustomersListCursorsQuery::new().before("p2"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(names(&pages[1].items), ["c00", "c01"], "a page as sent");
}

#[tokio::test]
async fn a_nested_next_page_number_is_followed_until_null() {
    let (server, c) = server("/customers/paged", |q, _| {
        let page: u32 = param(q, "page").map_or(1, |p| p.parse().unwrap());
        let next = if page < 3 { json!(page + 1) } else { Value::Null };
        json!({"customers": customers([page * 10, page * 10 + 1]), "meta": {"next_page": next, "total": 6}})
    })
    .await;
    let query = CustomersListMetaQuery::new().per_page(2);
    let pages: Vec<_> = c
        .customers()
        .list_meta_pages(&query)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[2].meta.as_ref().unwrap().next_page, None);
    assert_eq!(
        queries(&server).await,
        ["per_page=2", "page=2&per_page=2", "page=3&per_page=2"]
    );
}

#[tokio::test]
async fn next_links_are_requested_as_given_and_keep_their_own_query() {
    let (server, c) = server("/customers/linked", |q, base| {
        let cursor = param(q, "cursor").unwrap_or("0");
        let next = match cursor {
            "0" => json!(format!("{base}/customers/linked?name=a&cursor=x1")),
            // A relative link is resolved against the base URL.
            "x1" => json!("/customers/linked?name=a&cursor=x2"),
            _ => Value::Null,
        };
        json!({"items": customers([cursor.len() as u32]), "links": {"next": next}})
    })
    .await;
    let query = CustomersListLinkedQuery::new().name("a");
    let all: Vec<Customer> = c
        .customers()
        .list_linked_items(&query)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(
        queries(&server).await,
        ["name=a", "name=a&cursor=x1", "name=a&cursor=x2"]
    );
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let (server, c) = server("/customers/linked", |_, _| {
        json!({"items": [], "links": {"next": "https://evil.example/customers/linked?cursor=1"}})
    })
    .await;
    let out: Result<Vec<Customer>, Error> = c
        .customers()
        .list_linked_items(&CustomersListLinkedQuery::default())
        .try_collect()
        .await;
    let err = out.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(err.to_string().contains("not under the base URL"), "{err}");
    assert_eq!(
        queries(&server).await.len(),
        1,
        "nothing was sent to the other host"
    );
}

#[tokio::test]
async fn offsets_count_the_items_seen_and_a_short_page_stops() {
    let (server, c) = server("/customers/offset", |q, _| {
        let offset: u32 = param(q, "offset").map_or(0, |o| o.parse().unwrap());
        let limit: u32 = param(q, "limit").unwrap().parse().unwrap();
        json!(customers(offset..(offset + limit).min(7)))
    })
    .await;
    let query = CustomersListOffsetQuery::new(3);
    let all: Vec<Customer> = c
        .customers()
        .list_offset_items(&query)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names(&all), ids(7));
    assert_eq!(
        queries(&server).await,
        ["limit=3", "offset=3&limit=3", "offset=6&limit=3"]
    );
}

/// A bare array served from `from` (inclusive) on: `take` items starting
/// with the one whose id is `from`.
fn from_inclusive(q: &[(String, String)], _: &str) -> Value {
    let all = ids(8);
    let start = param(q, "from").map_or(0, |f| all.iter().position(|i| i == f).unwrap());
    let take: usize = param(q, "take").map_or(3, |t| t.parse().unwrap());
    let end = (start + take).min(all.len());
    json!(customers(start as u32..end as u32))
}

#[tokio::test]
async fn an_inclusive_cursor_neither_repeats_nor_loses_an_item() {
    for take in [None, Some(2), Some(3), Some(8), Some(9)] {
        let (server, c) = server("/customers/from", from_inclusive).await;
        let query = match take {
            Some(t) => CustomersListFromQuery::new().take(t),
            None => CustomersListFromQuery::new(),
        };
        let all: Vec<Customer> = c
            .customers()
            .list_from_items(&query)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(names(&all), ids(8), "take {take:?}");
        let sent = queries(&server).await;
        assert!(sent.len() <= 8, "take {take:?}: {sent:?}");
        if take == Some(3) {
            assert_eq!(
                sent,
                [
                    "take=3",
                    "from=c02&take=3",
                    "from=c04&take=3",
                    "from=c06&take=3"
                ]
            );
        }
    }
}

#[tokio::test]
async fn a_server_pointing_back_ends_the_stream_with_a_cycle_error() {
    let (server, c) = server("/customers/paged", |q, _| {
        // 1 -> 2 -> 1
        let page: u32 = param(q, "page").map_or(1, |p| p.parse().unwrap());
        json!({"customers": customers([page]), "meta": {"next_page": if page == 1 { 2 } else { 1 }}})
    })
    .await;
    let out: Result<Vec<Customer>, Error> = c
        .customers()
        .list_meta_items(&CustomersListMetaQuery::new().page(1))
        .try_collect()
        .await;
    assert!(matches!(out, Err(Error::PaginationCycle(_))), "{out:?}");
    assert_eq!(queries(&server).await, ["page=1", "page=2"]);
}

#[tokio::test]
async fn max_pages_bounds_the_requests() {
    let (server, c) = server("/customers", |q, _| {
        let after: u32 =
            param(q, "starting_after").map_or(0, |a| a[1..].parse::<u32>().unwrap() + 1);
        json!({"data": customers([after]), "has_more": true})
    })
    .await;
    let pages: Vec<_> = c
        .customers()
        .list_pages(&CustomersListQuery::default())
        .max_pages(3)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(queries(&server).await.len(), 3);
    let items: Vec<Customer> = c
        .customers()
        .list_pages(&CustomersListQuery::default())
        .max_pages(2)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names(&items), ["c00", "c01"]);
}

/// A stream takes the call options: every page's request carries the
/// header, and a page that fails is fetched again by `resume`.
#[tokio::test]
async fn streams_take_call_options_and_resume_after_an_error() {
    use std::time::Duration;
    let (server, c) = server("/customers", |q, _| {
        let after: u32 =
            param(q, "starting_after").map_or(0, |a| a[1..].parse::<u32>().unwrap() + 1);
        let end = (after + 2).min(5);
        json!({"data": customers(after..end), "has_more": end < 5})
    })
    .await;
    // The second page fails once with a 500 (the retry policy allows none).
    Mock::given(method("GET"))
        .and(path("/customers"))
        .and(wiremock::matchers::query_param("starting_after", "c01"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let query = CustomersListQuery::new().limit(2);
    let mut items = c
        .customers()
        .list_items(&query)
        .header("x-export", "e1")
        .timeout(Duration::from_secs(5))
        .retry_policy(integration_tests::runtime::RetryPolicy::none());
    let (mut seen, mut failures) = (Vec::new(), 0);
    loop {
        match items.try_next().await {
            Ok(Some(customer)) => seen.push(customer),
            Ok(None) => break,
            Err(e) => {
                assert!(e.is_retryable(), "{e}");
                failures += 1;
                items = items.resume();
            }
        }
    }
    assert_eq!((names(&seen), failures), (ids(5), 1));
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 4, "three pages, one of them twice");
    for r in &received {
        assert_eq!(r.headers.get("x-export").unwrap(), "e1");
    }
}
