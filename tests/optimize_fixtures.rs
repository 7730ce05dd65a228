//! Billwerk+ Optimize list queries and pagination against a loopback server:
//! the seed's two example requests byte for byte, a 3-page token run, a
//! page/slice run, search-expression injection and the size check.

#![allow(deprecated)] // the page lists are deprecated by the API, and tested here

use billing_clients::optimize::models::*;
use billing_clients::optimize::{
    Client, CustomersLegacyListQuery, CustomersListQuery, InvoicesListQuery,
};
use billing_clients::runtime::plumbing::PagedQuery;
use billing_clients::runtime::{
    Interval, IsoDuration, LocalDateTime, LocalDateTimeForm, RetryPolicy, SearchExpr,
    futures::TryStreamExt,
};
use integration_tests::exchange::Exchange;
use integration_tests::typed::assert_round_trip;
use wiremock::MockServer;

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .api_key("priv_test")
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client builds")
}

fn date(y: i32, m: u8, d: u8) -> LocalDateTime {
    LocalDateTime::date(y, m, d).expect("valid date")
}

#[tokio::test]
async fn example_settled_in_january_2022() {
    let ex = Exchange::load("optimize", "list_invoices_settled_jan_2022");
    let server = ex.serve().await;
    let query = InvoicesListQuery::new()
        .range(InvoiceRange::Settled)
        .from(date(2022, 1, 1))
        .to(date(2022, 2, 1));
    assert_eq!(
        query.to_query().unwrap().encode(),
        "range=settled&from=2022-01-01&to=2022-02-01"
    );
    let page = client(&server).invoices().list(&query).await.unwrap();
    ex.verify(&server).await;
    assert_round_trip(ex.response_body(), page.body());
    assert_eq!(page.body().count, 2);
    assert_eq!(page.body().content[0].state, InvoiceState::Settled);
    assert_eq!(page.body().content[0].amount, 12501);
    assert_eq!(page.body().to.to_string(), "2022-02-01T00:00:00.000");
    assert_eq!(page.body().next_page_token, None);
}

#[tokio::test]
async fn example_created_last_three_months_pending_or_dunning() {
    let ex = Exchange::load("optimize", "list_invoices_pending_dunning");
    let server = ex.serve().await;
    let query = InvoicesListQuery::new()
        .range(InvoiceRange::Created)
        .interval(IsoDuration::months(3))
        .state(vec![InvoiceState::Pending, InvoiceState::Dunning]);
    assert_eq!(
        query.to_query().unwrap().encode(),
        "range=created&interval=P3M&state=pending&state=dunning"
    );
    let page = client(&server).invoices().list(&query).await.unwrap();
    ex.verify(&server).await;
    assert_round_trip(ex.response_body(), page.body());
}

#[test]
fn local_date_times_and_intervals_are_encoded_as_documented() {
    let from = date(2022, 1, 1).with_form(LocalDateTimeForm::Seconds);
    let q = InvoicesListQuery::new()
        .from(from)
        .amount(Interval::from(0..=20000))
        .dunning_success(Interval::half_open(date(2022, 1, 1), date(2022, 2, 1)));
    assert_eq!(
        q.to_query().unwrap().encode(),
        "from=2022-01-01T00%3A00%3A00&amount=%5B0%3B20000%5D&dunning_success=%5B2022-01-01%3B2022-02-01%29"
    );
    for (interval, text) in [
        (Interval::greater_than(10000), "(10000;)"),
        (Interval::exactly(5000), "[5000;5000]"),
        (Interval::open(0, 20000), "(0;20000)"),
    ] {
        assert_eq!(interval.to_string(), text);
    }
    for form in ["P1W", "P3M", "P100Y"] {
        assert_eq!(form.parse::<IsoDuration>().unwrap().to_string(), form);
    }
}

#[tokio::test]
async fn token_pagination_runs_three_pages_with_equal_parameters() {
    let pages: Vec<Exchange> = (1..=3)
        .map(|i| Exchange::load("optimize", &format!("customers_token_page_{i}")))
        .collect();
    let server = MockServer::start().await;
    for p in &pages {
        p.mount(&server).await;
    }
    let query = CustomersListQuery::new()
        .range(CustomerRange::Created)
        .from(date(2022, 1, 1).with_form(LocalDateTimeForm::Seconds))
        .size(10);
    let c = client(&server);
    let customers: Vec<Customer> = c
        .customers()
        .list_items(&query)
        .try_collect()
        .await
        .expect("every page is fetched");
    assert_eq!(customers.len(), 23);
    assert_eq!(customers[0].handle.as_str(), "cust-001");
    assert_eq!(customers[22].handle.as_str(), "cust-023");

    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3, "the short third page ends the run");
    for (request, page) in received.iter().zip(&pages) {
        page.check(request);
    }

    // The page stream yields typed pages with everything the server sent.
    let typed: Vec<ListPage<Customer>> = c
        .customers()
        .list_pages(&query)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(typed.len(), 3);
    for (page, ex) in typed.iter().zip(&pages) {
        assert_round_trip(ex.response_body(), page);
    }
}

#[tokio::test]
async fn legacy_page_pagination_continues_while_count_equals_size() {
    let pages: Vec<Exchange> = (1..=2)
        .map(|i| Exchange::load("optimize", &format!("customers_legacy_page_{i}")))
        .collect();
    let server = MockServer::start().await;
    for p in &pages {
        p.mount(&server).await;
    }
    let query = CustomersLegacyListQuery::new().page(1).size(10).search(
        SearchExpr::new()
            .contains("handle", "cust")
            .equals("country", "DK"),
    );
    let all: Vec<LegacyPage<Customer>> = client(&server)
        .customers()
        .legacy_list_pages(&query)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].count, 10);
    assert_eq!(all[1].count, 4);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    for (request, page) in received.iter().zip(&pages) {
        page.check(request);
    }
}

/// Decodes a query string into (name, value) pairs the way a server would.
fn decode_pairs(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[tokio::test]
async fn search_values_cannot_inject_criteria_or_parameters() {
    let ex = Exchange::load("optimize", "customers_legacy_page_2");
    let server = ex.serve().await;
    let hostile = "x,country:DK;a<b>c&size=100&page=9=";
    let query = CustomersLegacyListQuery::new()
        .page(1)
        .size(10)
        .search(SearchExpr::new().equals("handle", hostile));
    let _ = client(&server)
        .customers()
        .legacy_list(&query)
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    let pairs = decode_pairs(received[0].url.query().unwrap());
    let names: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        ["page", "size", "search"],
        "no parameter was injected"
    );
    let search = &pairs[2].1;
    let criteria: Vec<&str> = search.split(',').collect();
    assert_eq!(criteria.len(), 1, "no criterion was injected: {search}");
    let (field, value) = criteria[0].split_once(':').unwrap();
    assert_eq!(field, "handle");
    assert!(!value.contains([',', ':', ';', '<', '>', '&', '=']));
    let decoded: String = url::form_urlencoded::parse(format!("v={value}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap();
    assert_eq!(decoded, hostile, "the server gets the value back intact");

    // Field names are checked, and a bad one stops the request before sending.
    let bad =
        CustomersLegacyListQuery::new().search(SearchExpr::new().equals("handle,country", "DK"));
    let err = client(&server)
        .customers()
        .legacy_list(&bad)
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        billing_clients::runtime::Error::InvalidRequest(_)
    ));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn size_outside_10_to_100_is_rejected_before_sending() {
    let server = MockServer::start().await;
    for size in [5, 9, 101] {
        let query = InvoicesListQuery::new().size(size);
        let err = client(&server).invoices().list(&query).await.unwrap_err();
        match &err {
            billing_clients::runtime::Error::InvalidRequest(msg) => {
                assert!(msg.contains("`size` must be between 10 and 100"), "{msg}");
                assert!(msg.contains(&size.to_string()));
            }
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
        // The streams check too, on the first page.
        let first = client(&server)
            .invoices()
            .list_items(&query)
            .try_collect::<Vec<_>>()
            .await;
        assert!(first.is_err());
    }
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent"
    );
    for size in [10, 100] {
        let query = InvoicesListQuery::new().size(size);
        assert!(query.to_query().is_ok());
    }
}

#[test]
fn a_query_points_at_the_next_page_by_token_only() {
    let q = InvoicesListQuery::new()
        .range(InvoiceRange::Settled)
        .size(50);
    let next = q.with_cursor(billing_clients::runtime::Cursor::Token("abc".into()));
    assert_eq!(next.next_page_token.as_deref(), Some("abc"));
    let mut cleared = next.clone();
    cleared.next_page_token = None;
    assert_eq!(cleared, q);
}

#[tokio::test]
async fn get_invoice_and_expire_subscription() {
    let ex = Exchange::load("optimize", "get_invoice");
    let server = ex.serve().await;
    let invoice = client(&server)
        .invoices()
        .get(InvoiceId::new("inv-0001"))
        .await
        .unwrap();
    ex.verify(&server).await;
    assert_round_trip(ex.response_body(), invoice.body());

    let ex = Exchange::load("optimize", "expire_subscription");
    let server = ex.serve().await;
    let sub = client(&server)
        .subscriptions()
        .expire(SubscriptionHandle::new("WHBBv"))
        .await
        .unwrap();
    ex.verify(&server).await;
    assert_eq!(sub.body().state, SubscriptionState::Expired);
    assert_round_trip(ex.response_body(), sub.body());
}
