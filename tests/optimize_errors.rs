//! Billwerk+ Optimize errors: every status of the seed's table with its
//! coded error body, the seed's sample verbatim, rate-limit retries, the
//! query-timeout hint and unknown codes.

use std::time::Duration;

use billing_clients::optimize::models::*;
use billing_clients::optimize::{Client, Error, InvoicesListQuery};
use billing_clients::runtime::{IsoDuration, LocalDateTime, RetryPolicy};
use integration_tests::exchange::Exchange;
use integration_tests::typed::assert_round_trip;
use wiremock::{Mock, MockServer};

fn client(server: &MockServer, retry: RetryPolicy) -> Client {
    Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .api_key("priv_test")
        .retry_policy(retry)
        .build()
        .expect("client builds")
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .jitter(false)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
}

async fn expire_error(fixture: &str) -> (Exchange, Error) {
    let ex = Exchange::load("optimize", fixture);
    let server = ex.serve().await;
    let err = client(&server, fast_retries())
        .subscriptions()
        .expire(SubscriptionHandle::new("WHBBv"))
        .await
        .expect_err("the fixture is an error");
    // POST is not idempotent: sent once, unless the status is one the API
    // documents as not processed (429: declined), which is retried.
    let attempts = if ex.response.status == 429 { 3 } else { 1 };
    ex.verify_n(&server, attempts).await;
    (ex, err)
}

#[tokio::test]
async fn the_seed_sample_error_body_decodes_verbatim() {
    let (ex, err) = expire_error("error_400_subscription_expired").await;
    assert_eq!(err.status(), Some(400));
    let body = err.body().expect("the error body is typed");
    assert_round_trip(ex.response_body(), body);
    assert_eq!(body.code, ErrorCode::SubscriptionExpired);
    assert_eq!(body.code.code(), 13);
    assert_eq!(body.error, "Subscription expired");
    assert_eq!(body.http_status, 400);
    assert_eq!(
        body.request_id.as_deref(),
        Some("de03e86d0a6d44359b249340f967ddc9")
    );
    assert_eq!(
        body.transaction_error,
        Some(TransactionError::CreditCardExpired)
    );
    assert_eq!(
        body.timestamp.unwrap().to_string(),
        "2015-06-12T06:38:33.876+0000"
    );
    let shown = err.to_string();
    assert!(
        shown.contains("HTTP 400")
            && shown.contains("code 13")
            && shown.contains("Subscription expired"),
        "{shown}"
    );
}

#[tokio::test]
async fn every_documented_status_is_mapped_with_its_body() {
    for status in [401, 403, 404, 405, 422, 429, 500, 501, 502, 503, 504] {
        let (ex, err) = expire_error(&format!("error_{status}")).await;
        assert!(
            matches!(err, billing_clients::runtime::Error::Api(_)),
            "{status}: {err:?}"
        );
        assert_eq!(err.status(), Some(status));
        let body = err
            .body()
            .unwrap_or_else(|| panic!("{status}: body not decoded"));
        assert_round_trip(ex.response_body(), body);
        assert_eq!(body.http_status, i32::from(status));
        if status == 429 {
            assert_eq!(body.code, ErrorCode::RequestRateLimit);
        } else {
            assert!(matches!(body.code, ErrorCode::Unknown(_)), "{status}");
        }
    }
}

#[tokio::test]
async fn rate_limit_122_on_a_list_query_is_retried_then_succeeds() {
    let limited = Exchange::load("optimize", "error_429");
    let ok = Exchange::load("optimize", "list_invoices_settled_jan_2022");
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(limited.template(&server.uri()))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    ok.mount(&server).await;
    let query = InvoicesListQuery::new()
        .range(InvoiceRange::Settled)
        .from(LocalDateTime::date(2022, 1, 1).unwrap())
        .to(LocalDateTime::date(2022, 2, 1).unwrap());
    let page = client(&server, fast_retries())
        .invoices()
        .list(&query)
        .await
        .expect("retried after 429");
    assert_eq!(page.body().count, 2);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2, "one 429, one success");
    for r in &received {
        ok.check(r);
    }
}

/// A 429 is documented as declined (not processed), so even a POST is
/// repeated, within the retry policy (3 attempts here).
#[tokio::test]
async fn a_declined_post_is_repeated_because_it_was_not_processed() {
    let (_, err) = expire_error("error_429").await;
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.body().unwrap().code, ErrorCode::RequestRateLimit);
    assert!(err.hint().unwrap().contains("rate limited"));
    // Once, then accepted: the POST succeeds on its second attempt.
    let limited = Exchange::load("optimize", "error_429");
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(limited.template(&server.uri()))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"handle": "WHBBv", "customer": "cust-1", "plan": "p1", "state": "expired"})),
        )
        .mount(&server)
        .await;
    let result = client(&server, fast_retries())
        .subscriptions()
        .expire(SubscriptionHandle::new("WHBBv"))
        .await;
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert!(result.is_ok(), "{result:?}");
}

/// A 500 on a POST is not documented as unprocessed: sent once.
#[tokio::test]
async fn a_failed_post_is_not_repeated() {
    let (_, err) = expire_error("error_500").await;
    assert_eq!(err.status(), Some(500));
}

#[tokio::test]
async fn query_timeout_144_tells_the_caller_to_narrow_the_range() {
    let ex = Exchange::load("optimize", "error_400_query_timeout");
    let server = ex.serve().await;
    let query = InvoicesListQuery::new()
        .range(InvoiceRange::Created)
        .interval(IsoDuration::years(100));
    let err = client(&server, fast_retries())
        .invoices()
        .list(&query)
        .await
        .unwrap_err();
    ex.verify(&server).await; // 400 is not retried
    assert_eq!(err.body().unwrap().code, ErrorCode::QueryTimeout);
    let hint = err.hint().expect("code 144 has a hint");
    assert!(hint.contains("narrow the time range"), "{hint}");
    let shown = err.to_string();
    assert!(
        shown.contains("code 144") && shown.contains("narrow the time range"),
        "{shown}"
    );
    assert_round_trip(ex.response_body(), err.body().unwrap());
}

#[tokio::test]
async fn unknown_code_and_transaction_error_are_kept() {
    let (ex, err) = expire_error("error_unknown_code").await;
    let body = err.body().unwrap();
    assert_eq!(body.code, ErrorCode::from(999));
    assert_eq!(
        body.transaction_error,
        Some(TransactionError::from("brand_new_decline_reason"))
    );
    assert_eq!(err.hint(), None);
    assert_round_trip(ex.response_body(), body);
}

#[tokio::test]
async fn the_api_key_is_sent_as_basic_user_and_never_shown() {
    let (_, err) = expire_error("error_401").await;
    let c = Client::builder()
        .api_key("priv_secret_key_123")
        .build()
        .unwrap();
    for shown in [format!("{c:?}"), format!("{err:?}"), err.to_string()] {
        assert!(!shown.contains("priv_secret_key_123"), "{shown}");
        assert!(!shown.contains("priv_test"), "{shown}");
    }
    assert_eq!(c.base_url(), "https://api.reepay.com/v1");
}

/// The request id arrives as `request-id` (the seed) or `request_id`: both
/// reach `Error::request_id()` and the error's text.
#[tokio::test]
async fn the_request_id_is_read_under_either_spelling() {
    for (fixture, id) in [
        ("error_404", "0a1b2c3d4e5f0404"),
        ("error_404_request_id_snake", "0a1b2c3d4e5f0414"),
    ] {
        let (_, err) = expire_error(fixture).await;
        assert_eq!(err.request_id(), Some(id), "{fixture}");
        assert_eq!(err.body().unwrap().request_id.as_deref(), Some(id));
        assert!(err.to_string().contains(id), "{fixture}: {err}");
    }
}
