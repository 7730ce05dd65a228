//! Fault handling of the generated Billwerk client against a loopback
//! server: retries, conditional-request failures, bad bodies, unknown
//! values, authentication and redaction.

use std::time::Duration;

use billing_clients::billwerk::models::*;
use billing_clients::billwerk::{Client, Error};
use billing_clients::runtime::{ETag, RetryPolicy};
use integration_tests::exchange::Exchange;
use integration_tests::json::assert_json_eq;
use integration_tests::typed::typed;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(5))
        .jitter(false)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("test-token")
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

fn too_many() -> ResponseTemplate {
    ResponseTemplate::new(429)
        .insert_header("X-RateLimit-Limit", "10000")
        .insert_header("X-RateLimit-Remaining", "0")
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn get_is_retried_after_429() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(too_many())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"Id": "c1", "CustomerId": "k1"})),
        )
        .mount(&server)
        .await;
    let contract = client(&server)
        .contracts()
        .get(ContractId::new("c1"))
        .await
        .expect("retried");
    assert_eq!(contract.body().id, ContractId::new("c1"));
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn put_is_retried_after_429() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(too_many())
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Id": "k1"})))
        .mount(&server)
        .await;
    let customer = CustomerInput {
        company_name: Some("K1".into()),
        ..CustomerInput::default()
    };
    let saved = client(&server)
        .customers()
        .replace(CustomerId::new("k1"), &customer)
        .await
        .expect("retried");
    assert_eq!(saved.body().id, CustomerId::new("k1"));
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn post_orders_is_not_retried_after_429() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(too_many())
        .mount(&server)
        .await;
    let ex = Exchange::load("billwerk", "signup_new_customer");
    let err = client(&server)
        .orders()
        .create(&typed::<OrderRequest>(ex.request_body()))
        .await
        .unwrap_err();
    assert_eq!(
        requests(&server).await,
        1,
        "a POST that may have created an order is never repeated"
    );
    let api = err.api_error().expect("an API error");
    assert_eq!(api.status(), 429);
    assert_eq!(api.rate_limit().limit, Some(10000));
    assert_eq!(api.rate_limit().remaining, Some(0));
}

#[tokio::test]
async fn retries_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let err = client(&server)
        .contracts()
        .get(ContractId::new("c1"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(requests(&server).await, 3, "max_attempts");
}

#[tokio::test]
async fn stale_etag_is_its_own_error() {
    let ex = Exchange::load("billwerk", "patch_customer_stale_etag");
    let server = ex.serve().await;
    let patch: CustomerPatch = typed(ex.request_body());
    let err = client(&server)
        .customers()
        .patch(CustomerId::new("5dd15e3f9cc9ba309478eeef"), &patch)
        .if_match(&ETag::new("\"stale\""))
        .await
        .unwrap_err();
    ex.verify(&server).await;
    match &err {
        Error::PreconditionFailed(api) => {
            assert_eq!(api.status(), 412);
            assert_eq!(
                api.body.as_ref().and_then(|b| b.message.as_deref()),
                Some("The resource was modified.")
            );
        }
        other => panic!("expected PreconditionFailed, got {other:?}"),
    }
    assert!(err.to_string().contains("412"), "{err}");
}

#[tokio::test]
async fn html_500_keeps_status_and_snippet() {
    let server = MockServer::start().await;
    let html = "<html><body><h1>500 Internal Server Error</h1></body></html>";
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(html, "text/html"))
        .mount(&server)
        .await;
    let err = client(&server)
        .contracts()
        .end(
            ContractId::new("c1"),
            &EndContractRequest::new("2018-02-08T23:00:00Z".parse().unwrap()),
        )
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 1, "POST is not retried on 5xx");
    let Error::Api(api) = &err else {
        panic!("expected Api, got {err:?}")
    };
    assert_eq!(api.status(), 500);
    assert!(api.body.is_none(), "HTML is not the error body");
    assert_eq!(api.snippet, html);
    assert!(err.to_string().contains("HTTP 500"), "{err}");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_snippet() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("{\"Id\": \"c1\", ", "application/json"),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .contracts()
        .get(ContractId::new("c1"))
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!(d.status, 200);
    assert_eq!(d.snippet, "{\"Id\": \"c1\", ");
    assert!(d.message.contains("EOF"), "{}", d.message);
}

#[tokio::test]
async fn wrong_type_reports_the_json_path() {
    let server = MockServer::start().await;
    let body =
        json!({"Id": "o1", "ComponentSubscriptions": [{"ComponentId": "x", "Quantity": "many"}]});
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let err = client(&server)
        .orders()
        .create(&OrderRequest::new(Cart::default()))
        .await
        .unwrap_err();
    let Error::Decode(d) = &err else {
        panic!("expected Decode, got {err:?}")
    };
    assert_eq!(d.path, "ComponentSubscriptions[0].Quantity");
    assert!(
        err.to_string()
            .contains("ComponentSubscriptions[0].Quantity"),
        "{err}"
    );
}

#[tokio::test]
async fn unknown_enum_value_is_kept() {
    let server = MockServer::start().await;
    let body = json!({"Id": "o1", "Status": "PaymentPending", "OrderType": "Upgrade"});
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body.clone()))
        .mount(&server)
        .await;
    let order = client(&server)
        .orders()
        .create(&OrderRequest::new(Cart::default()))
        .await
        .unwrap()
        .into_body();
    assert_eq!(order.status, Some(OrderStatus::from("PaymentPending")));
    assert_eq!(
        order.order_type.as_ref().map(OrderType::as_str),
        Some("Upgrade")
    );
    assert_json_eq(&body, &serde_json::to_value(&order).unwrap());
}

#[tokio::test]
async fn unknown_extra_field_is_kept() {
    let server = MockServer::start().await;
    let body = json!({"Id": "o1", "Currency": "EUR", "ExternalReference": {"System": "crm", "Ids": [1, 2]}});
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body.clone()))
        .mount(&server)
        .await;
    let order = client(&server)
        .orders()
        .create(&OrderRequest::new(Cart::default()))
        .await
        .unwrap()
        .into_body();
    assert_eq!(
        order.extra.value("ExternalReference"),
        Some(json!({"System": "crm", "Ids": [1, 2]}))
    );
    assert_json_eq(&body, &serde_json::to_value(&order).unwrap());
}

#[tokio::test]
async fn ids_cannot_escape_their_path_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    client(&server)
        .contracts()
        .cancellation_preview(ContractId::new("../Customers/x?y=1"))
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap();
    assert_eq!(
        sent[0].url.path(),
        "/Contracts/..%2FCustomers%2Fx%3Fy%3D1/cancellationPreview"
    );
    assert_eq!(sent[0].url.query(), None);
}

// OAuth2 client credentials.

fn token(expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(
        json!({"access_token": "tok-secret-1", "token_type": "bearer", "expires_in": expires_in}),
    )
}

fn oauth_client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .client_credentials("my-app", "client-secret-xyz")
        .token_url(format!("{}/oauth/token/", server.uri()))
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn client_credentials_token_is_fetched_once_and_cached() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token/"))
        .respond_with(token(3600))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Contracts/c1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"Id": "c1", "CustomerId": "k1"})),
        )
        .expect(2)
        .mount(&server)
        .await;
    let client = oauth_client(&server);
    client.contracts().get(ContractId::new("c1")).await.unwrap();
    client
        .clone()
        .contracts()
        .get(ContractId::new("c1"))
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap();
    let token_req = &sent[0];
    assert_eq!(
        String::from_utf8_lossy(&token_req.body),
        "grant_type=client_credentials"
    );
    // base64("my-app:client-secret-xyz")
    assert_eq!(
        token_req.headers.get("authorization").unwrap(),
        "Basic bXktYXBwOmNsaWVudC1zZWNyZXQteHl6"
    );
    assert_eq!(
        sent[1].headers.get("authorization").unwrap(),
        "Bearer tok-secret-1"
    );
}

#[tokio::test]
async fn client_credentials_token_is_refreshed_before_expiry() {
    let server = MockServer::start().await;
    // A zero-second lifetime is due for refresh at once.
    Mock::given(method("POST"))
        .and(path("/oauth/token/"))
        .respond_with(token(0))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"Id": "c1", "CustomerId": "k1"})),
        )
        .expect(2)
        .mount(&server)
        .await;
    let client = oauth_client(&server);
    client.contracts().get(ContractId::new("c1")).await.unwrap();
    client.contracts().get(ContractId::new("c1")).await.unwrap();
}

#[tokio::test]
async fn a_401_fetches_a_new_token_and_repeats_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token/"))
        .respond_with(token(3600))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/Orders"))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/Orders"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Id": "o1"})))
        .mount(&server)
        .await;
    let order = oauth_client(&server)
        .orders()
        .create(&OrderRequest::new(Cart::default()))
        .await
        .unwrap();
    assert_eq!(order.body().id, OrderId::new("o1"));
}

#[tokio::test]
async fn a_failing_token_endpoint_is_an_auth_error_without_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token/"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_client"})))
        .mount(&server)
        .await;
    let err = oauth_client(&server)
        .contracts()
        .get(ContractId::new("c1"))
        .await
        .unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(matches!(err, Error::Auth(_)), "{shown}");
    assert!(
        shown.contains("invalid_client") && shown.contains("400"),
        "{shown}"
    );
    assert!(!shown.contains("client-secret-xyz"), "{shown}");
}

#[test]
fn secrets_never_appear_in_debug() {
    let builder = Client::builder()
        .base_url("http://127.0.0.1:1")
        .client_credentials("my-app", "client-secret-xyz");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("client-secret-xyz"), "{shown}");
    let bearer = Client::builder()
        .base_url("http://127.0.0.1:1")
        .bearer_token("bearer-secret-abc");
    assert!(!format!("{bearer:?}").contains("bearer-secret-abc"));
    let client = bearer.build().unwrap();
    assert!(!format!("{client:?}").contains("bearer-secret-abc"));
}

#[test]
fn building_requires_an_environment_or_base_url_and_https() {
    let err = Client::builder().bearer_token("t").build().unwrap_err();
    assert!(err.to_string().contains("`host`"), "{err}");
    let ok = Client::builder()
        .environment(billing_clients::billwerk::Environment::Sandbox)
        .bearer_token("t")
        .build()
        .unwrap();
    assert_eq!(ok.base_url(), "https://sandbox.billwerk.com/api/v1");
    assert!(
        Client::builder()
            .base_url("http://billing.example.com")
            .build()
            .is_err()
    );
}

/// An id of `..`, `.` or nothing would not stay one path segment: URL
/// normalisation resolves `%2E%2E` like `..`. Such ids are refused before
/// anything is sent.
#[tokio::test]
async fn dot_segment_and_empty_ids_are_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let c = client(&server);
    for id in ["..", ".", ""] {
        let err = c
            .contracts()
            .cancellation_preview(ContractId::new(id))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::InvalidRequest(m) if m.contains("path segment")),
            "{id:?}: {err}"
        );
    }
    assert_eq!(requests(&server).await, 0);
}

/// A token response whose `access_token` is empty (or blank) is an auth
/// error: no call goes out with an empty bearer.
#[tokio::test]
async fn an_empty_access_token_is_an_auth_error() {
    for empty in ["", "   "] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token/"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"access_token": empty, "token_type": "bearer", "expires_in": 3600}),
            ))
            .mount(&server)
            .await;
        let err = oauth_client(&server)
            .contracts()
            .get(ContractId::new("c1"))
            .await
            .unwrap_err();
        let billing_clients::runtime::Error::Auth(auth) = &err else {
            panic!("{err:?}");
        };
        assert_eq!(auth.step(), billing_clients::runtime::AuthStep::Token);
        assert!(auth.message().contains("empty"), "{err}");
        let sent = server.received_requests().await.unwrap();
        assert_eq!(sent.len(), 1, "only the token request");
    }
}
