//! The build-time client against a server on a loopback port: a read, a
//! create, a paged list and a typed error, with the bytes on the wire.

use api_client_runtime::futures::TryStreamExt;
use build_time_example::ledger::models::{ChargeInput, ChargeStatus};
use build_time_example::ledger::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("sk_test_123")
        .build()
        .expect("a loopback base URL and a token build a client")
}

#[tokio::test]
async fn reads_creates_and_lists_against_a_loopback_server() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/accounts/acc_1"))
        .and(header("authorization", "Bearer sk_test_123"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Request-Id", "req_9")
                .set_body_json(json!({"id": "acc_1", "name": "Main", "balance": "12.50"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/accounts/acc_1/charges"))
        .and(body_json(json!({"amount": 2.5, "description": "Coffee"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(
            json!({"id": "ch_1", "amount": "2.5", "description": "Coffee", "status": "pending"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/accounts/acc_1/charges"))
        .and(query_param("cursor", "c2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"data": [{"id": "ch_0", "amount": "1", "status": "settled"}]}),
            ),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/accounts/acc_1/charges"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"id": "ch_1", "amount": "2.5", "status": "pending"}],
            "next_cursor": "c2"
        })))
        .mount(&server)
        .await;

    let client = client(&server);
    let account = client.accounts().get("acc_1").await.unwrap();
    assert_eq!(account.request_id(), Some("req_9"));
    assert_eq!(account.body().name, "Main");
    assert_eq!(account.body().balance.to_string(), "12.50");

    let charge = ChargeInput {
        amount: "2.5".parse().unwrap(),
        description: Some("Coffee".into()),
    };
    let created = client.charges().create("acc_1", &charge).await.unwrap();
    assert_eq!(created.body().id.as_str(), "ch_1");
    assert_eq!(created.body().status, ChargeStatus::Pending);

    let charges: Vec<_> = client
        .charges()
        .list_items("acc_1", &Default::default())
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = charges.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["ch_1", "ch_0"]);
}

#[tokio::test]
async fn an_error_response_is_typed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/accounts/nope"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": "not_found", "message": "No such account"})),
        )
        .mount(&server)
        .await;
    let err = client(&server).accounts().get("nope").await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.code().as_deref(), Some("not_found"));
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    // The token never appears in what an error shows.
    assert!(!format!("{err:?} {err}").contains("sk_test_123"));
}
