//! Idempotency keys (`tests/specs/constructs/c_keys/`) on a loopback
//! server: the key on the wire, the same key on every retry, the caller's
//! key when given, and POSTs without a key never repeated.

use std::time::Duration;

use integration_tests::constructs::c_keys::Client;
use integration_tests::constructs::c_keys::models::{Charge, Refund};
use integration_tests::runtime::{Decimal, RetryPolicy};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Answers 503 once, then `ok`.
async fn flaky(server: &MockServer, route: &str, ok: Value) {
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok))
        .with_priority(2)
        .mount(server)
        .await;
}

fn client(server: &MockServer) -> Client {
    let fast = RetryPolicy::default()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
        .jitter(false);
    Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .retry_policy(fast)
        .build()
        .unwrap()
}

async fn sent(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

fn header(r: &wiremock::Request, name: &str) -> Option<String> {
    r.headers.get(name).map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_generated_header_key_is_the_same_on_every_retry() {
    let server = MockServer::start().await;
    flaky(&server, "/charges", json!({"amount": 1, "id": "ch_1"})).await;
    let charge = Charge::new(Decimal::from(1));
    let call = client(&server).charges().create(&charge);
    let key = call.sent_idempotency_key().map(str::to_owned);
    let created = call.await.unwrap();
    assert_eq!(created.body().id.as_deref(), Some("ch_1"));
    let sent = sent(&server).await;
    assert_eq!(sent.len(), 2, "the 503 was retried although this is a POST");
    let (first, second) = (
        header(&sent[0], "idempotency-key"),
        header(&sent[1], "idempotency-key"),
    );
    assert!(first.as_deref().is_some_and(|k| k.len() == 36), "{first:?}");
    assert_eq!(first, second);
    assert_eq!(first, key, "the call reports the key it sends");
    // Another call gets another key.
    server.reset().await;
    flaky(&server, "/charges", json!({"amount": 1})).await;
    client(&server).charges().create(&charge).await.unwrap();
    assert_ne!(header(&sent_first(&server).await, "idempotency-key"), first);
}

async fn sent_first(server: &MockServer) -> wiremock::Request {
    sent(server).await.remove(0)
}

#[tokio::test]
async fn the_callers_key_is_sent() {
    let server = MockServer::start().await;
    flaky(&server, "/charges", json!({"amount": 1})).await;
    let charge = Charge::new(Decimal::from(1));
    let call = client(&server)
        .charges()
        .create(&charge)
        .idempotency_key("order-6735");
    assert_eq!(call.sent_idempotency_key(), Some("order-6735"));
    call.await.unwrap();
    for r in sent(&server).await {
        assert_eq!(header(&r, "idempotency-key").as_deref(), Some("order-6735"));
    }
}

#[tokio::test]
async fn a_body_field_key_is_added_and_kept_across_retries() {
    let server = MockServer::start().await;
    flaky(&server, "/refunds", json!({"charge": "ch_1"})).await;
    let refund = Refund::new("ch_1".into());
    client(&server).refunds().create(&refund).await.unwrap();
    let bodies: Vec<Value> = sent(&server)
        .await
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
    assert_eq!(bodies[0]["charge"], "ch_1");
    assert_eq!(
        bodies[0]["idempotency_key"].as_str().map(str::len),
        Some(36)
    );
    // A key in the body is kept.
    server.reset().await;
    flaky(&server, "/refunds", json!({"charge": "ch_1"})).await;
    let own = Refund {
        idempotency_key: Some("mine".into()),
        ..Refund::new("ch_1".into())
    };
    client(&server).refunds().create(&own).await.unwrap();
    let body: Value = serde_json::from_slice(&sent_first(&server).await.body).unwrap();
    assert_eq!(body, json!({"idempotency_key": "mine", "charge": "ch_1"}));
    // A key given for the call replaces the body's.
    server.reset().await;
    flaky(&server, "/refunds", json!({"charge": "ch_1"})).await;
    let call = client(&server)
        .refunds()
        .create(&own)
        .idempotency_key("k-9");
    call.await.unwrap();
    let body: Value = serde_json::from_slice(&sent_first(&server).await.body).unwrap();
    assert_eq!(body, json!({"idempotency_key": "k-9", "charge": "ch_1"}));
}

#[tokio::test]
async fn a_form_body_gets_the_key_pair() {
    let server = MockServer::start().await;
    flaky(&server, "/refunds/form", json!({"charge": "ch_1"})).await;
    let refund = Refund::new("ch_1".into());
    client(&server)
        .refunds()
        .create_form(&refund)
        .idempotency_key("k-1")
        .await
        .unwrap();
    let sent = sent(&server).await;
    assert_eq!(sent.len(), 2);
    for r in &sent {
        assert_eq!(std::str::from_utf8(&r.body).unwrap(), "charge=ch_1&key=k-1");
    }
}

#[tokio::test]
async fn a_post_without_a_key_is_not_retried() {
    let server = MockServer::start().await;
    flaky(&server, "/charges/ch_1/capture", json!({"amount": 1})).await;
    let err = client(&server).charges().capture("ch_1").await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(sent(&server).await.len(), 1);
}

#[tokio::test]
async fn a_key_that_cannot_be_a_header_is_refused_before_sending() {
    use integration_tests::constructs::c_keys::Error;
    let server = MockServer::start().await;
    let charge = Charge::new(Decimal::from(1));
    let err = client(&server)
        .charges()
        .create(&charge)
        .idempotency_key("k\r\nInjected: 1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(sent(&server).await.is_empty());
}

/// A caller's key that is empty, blank or longer than
/// `runtime::MAX_IDEMPOTENCY_KEY_LEN` is refused before anything is sent
/// (a server would dedupe on "" across unrelated calls, or reject it after
/// the fact); a key of the maximum length is sent. Header and body-field
/// keys alike.
#[tokio::test]
async fn empty_blank_and_huge_keys_are_refused_before_sending() {
    use integration_tests::constructs::c_keys::Error;
    use integration_tests::runtime::MAX_IDEMPOTENCY_KEY_LEN;
    let server = MockServer::start().await;
    flaky(&server, "/charges", json!({"amount": 1})).await;
    let charge = Charge::new(Decimal::from(1));
    let huge = "k".repeat(MAX_IDEMPOTENCY_KEY_LEN + 1);
    for key in ["", "   ", "\t", huge.as_str()] {
        let call = client(&server)
            .charges()
            .create(&charge)
            .idempotency_key(key);
        assert_eq!(call.sent_idempotency_key(), None, "{key:?}");
        let err = call.await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{key:?}: {err:?}");
        assert!(err.to_string().contains("idempotency key"), "{err}");
        let err = client(&server)
            .refunds()
            .create(&Refund::new("ch_1".into()))
            .idempotency_key(key)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{key:?}: {err:?}");
        // A key the body carries itself is checked too.
        let own = Refund {
            idempotency_key: Some(key.to_owned()),
            ..Refund::new("ch_1".into())
        };
        let err = client(&server).refunds().create(&own).await.unwrap_err();
        assert!(
            err.to_string().contains("idempotency key"),
            "{key:?}: {err:?}"
        );
    }
    assert!(sent(&server).await.is_empty());
    let longest = "k".repeat(MAX_IDEMPOTENCY_KEY_LEN);
    client(&server)
        .charges()
        .create(&charge)
        .idempotency_key(&longest)
        .await
        .unwrap();
    let first = sent(&server).await.remove(0);
    assert_eq!(
        header(&first, "idempotency-key").as_deref(),
        Some(longest.as_str())
    );
}

/// In a root-key body, `field` puts the key inside the record
/// (`{"event": {"transaction_id": .., ..}}`), the same on every attempt,
/// and `body_field` beside it (`{"request_id": .., "event": {..}}`); a
/// form body writes `event[transaction_id]`.
#[tokio::test]
async fn a_key_in_a_root_key_body_goes_where_the_spec_says() {
    use integration_tests::constructs::c_keys::models::Event;
    let server = MockServer::start().await;
    flaky(&server, "/events", json!({"quantity": 1})).await;
    let c = client(&server);
    c.events().record(&Event::new(3)).await.unwrap();
    let bodies: Vec<Value> = sent(&server)
        .await
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1]);
    let key = bodies[0]["event"]["transaction_id"].as_str().unwrap();
    assert_eq!(key.len(), 36);
    assert_eq!(bodies[0]["event"]["quantity"], 3);
    assert_eq!(bodies[0].as_object().unwrap().len(), 1, "{}", bodies[0]);

    server.reset().await;
    flaky(&server, "/events/beside", json!({"quantity": 1})).await;
    c.events()
        .record_beside(&Event::new(3))
        .idempotency_key("k-7")
        .await
        .unwrap();
    let body = String::from_utf8(sent_first(&server).await.body).unwrap();
    assert_eq!(body, r#"{"request_id":"k-7","event":{"quantity":3}}"#);

    server.reset().await;
    flaky(&server, "/events/form", json!({"quantity": 1})).await;
    c.events()
        .record_form(&Event::new(3))
        .idempotency_key("k-8")
        .await
        .unwrap();
    let body = String::from_utf8(sent_first(&server).await.body).unwrap();
    assert_eq!(body, "event%5Bquantity%5D=3&event%5Btransaction_id%5D=k-8");
}

/// `is_retryable` says yes only where a retry is safe: a 503 on a `POST`
/// without a key is not (the server may have applied it), on a keyed
/// `POST` it is; the error names the method and path.
#[tokio::test]
async fn only_a_safe_retry_is_retryable() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let c = client(&server);
    let err = c.charges().capture("ch_1").await.unwrap_err();
    assert!(!err.is_retryable(), "a 503 on an unkeyed POST: {err}");
    let request = err.request().expect("the error names its request");
    assert_eq!(
        (request.method().as_str(), request.path()),
        ("POST", "/charges/ch_1/capture")
    );
    assert!(!request.is_retry_safe());
    assert!(
        err.to_string()
            .contains("HTTP 503 for POST /charges/ch_1/capture"),
        "{err}"
    );
    let keyed = c
        .charges()
        .create(&Charge::new(Decimal::from(5)))
        .await
        .unwrap_err();
    assert!(keyed.is_retryable(), "a 503 on a keyed POST: {keyed}");
    assert!(keyed.request().unwrap().is_retry_safe());
}
