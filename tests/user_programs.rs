//! The three user programs of `examples/` (compiled by CI as examples), run
//! here against loopback servers: each takes the path its docs describe,
//! failures included.

use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[allow(dead_code)]
#[path = "examples/billwerk_customer_contracts.rs"]
mod billwerk_program;

#[allow(dead_code)]
#[path = "examples/optimize_settled_export.rs"]
mod optimize_program;

#[allow(dead_code)]
#[path = "examples/billingplatform_bulk_retry.rs"]
mod billingplatform_program;

use billing_clients::runtime::RetryPolicy;

/// Signup, commit, a 412 then a successful conditional change, a 429 in
/// the contract list waited out.
#[tokio::test]
async fn billwerk_signup_conditional_change_and_contracts() {
    use billing_clients::billwerk::Client;
    use billing_clients::billwerk::models::PlanVariantId;
    let server = MockServer::start().await;
    let order = json!({"Id": "o1", "CustomerId": "k1", "ContractId": "c1"});
    Mock::given(method("POST"))
        .and(path("/Orders"))
        .respond_with(ResponseTemplate::new(201).set_body_json(order.clone()))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/Orders/o1/commit"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"Id": "c1", "CustomerId": "k1"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Customers/k1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("ETag", "\"v1\"")
                .set_body_json(json!({"Id": "k1", "CompanyName": "ACME GmbH"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/Customers/k1"))
        .respond_with(ResponseTemplate::new(412).set_body_json(json!({"Message": "stale"})))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/Customers/k1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Id": "k1"})))
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Customers/k1/Contracts"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Customers/k1/Contracts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"Id": "c1", "CustomerId": "k1"}, {"Id": "c2", "CustomerId": "k1"}
        ])))
        .with_priority(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let contracts = billwerk_program::run(&client, PlanVariantId::new("pv1"))
        .await
        .unwrap();
    assert_eq!(contracts, 2);
    let sent = server.received_requests().await.unwrap();
    let patches: Vec<_> = sent
        .iter()
        .filter(|r| r.method.as_str() == "PATCH")
        .collect();
    assert_eq!(patches.len(), 2, "the 412 made it read and try again");
    for p in patches {
        assert_eq!(p.headers.get("if-match").unwrap(), "\"v1\"");
    }
}

/// Two pages of settled invoices; the second fails once with a 503 and
/// the export resumes there without repeating the first page.
#[tokio::test]
async fn optimize_export_resumes_after_a_failure() {
    use billing_clients::optimize::Client;
    let server = MockServer::start().await;
    let invoice = |id: &str, amount: i64| json!({"id": id, "customer": "cust-1", "state": "settled", "amount": amount});
    let page = |content: Vec<serde_json::Value>, next: Option<&str>| {
        let mut body = json!({
            "size": 2, "count": content.len(), "content": content, "range": "settled",
            "from": "2022-01-01T00:00:00.000", "to": "2022-02-01T00:00:00.000"
        });
        if let Some(next) = next {
            body["next_page_token"] = json!(next);
        }
        ResponseTemplate::new(200).set_body_json(body)
    };
    Mock::given(path("/list/invoice"))
        .and(query_param("next_page_token", "p2"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/list/invoice"))
        .and(query_param("next_page_token", "p2"))
        .respond_with(page(vec![invoice("inv-3", 300)], None))
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(path("/list/invoice"))
        .respond_with(page(
            vec![invoice("inv-1", 100), invoice("inv-2", 200)],
            Some("p2"),
        ))
        .with_priority(3)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .api_key("priv_test")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let today = billing_clients::runtime::time::Date::from_calendar_date(
        2022,
        billing_clients::runtime::time::Month::February,
        14,
    )
    .unwrap();
    let (count, total) = optimize_program::run(&client, today).await.unwrap();
    assert_eq!((count, total), (3, 600));
    let queries: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(queries.len(), 3, "{queries:?}");
    assert!(
        queries[0].contains("from=2022-01-01") && queries[0].contains("to=2022-02-01"),
        "{queries:?}"
    );
    assert_eq!(queries[1], queries[2], "the failed page is asked again");
}

/// Three accounts; the platform rejects one; only that one is sent again.
#[tokio::test]
async fn billingplatform_retries_only_the_rejected_records() {
    use billing_clients::billing_platform::Client;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/myorg/rest/2.0/login"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"loginResponse": [{"SessionID": "s-1", "ErrorCode": "0"}]})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/myorg/rest/2.0/account"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"createResponse": [
                {"ErrorCode": "0", "Id": "1"},
                {"ErrorCode": "BP-17", "ErrorText": "Duplicate name"},
                {"ErrorCode": "0", "Id": "3"}
            ]})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/myorg/rest/2.0/account"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"createResponse": [
                {"ErrorCode": "0", "Id": "2"}
            ]})),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/myorg/rest/2.0", server.uri()))
        .session_login("user", "password")
        .build()
        .unwrap();
    let rounds = billingplatform_program::run(&client, &["ACME GmbH", "Globex", "Initech"])
        .await
        .unwrap();
    assert_eq!(rounds, 2);
    let creates: Vec<serde_json::Value> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("/account"))
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(creates.len(), 2);
    assert_eq!(
        creates[1],
        json!({"brmObjects": {"Name": "Globex"}}),
        "only the rejected one again"
    );
}

/// The test double users get (`runtime::testing::Replay`, feature
/// `testing`): the Billwerk program runs against recorded exchanges, in
/// order, with no server of the test's own; `verify` says every exchange
/// was used by the request it expected.
#[tokio::test]
async fn a_program_runs_against_the_replay_test_double() {
    use billing_clients::billwerk::Client;
    use billing_clients::billwerk::models::PlanVariantId;
    use billing_clients::runtime::testing::{Exchange, Replay};
    let replay = Replay::start([
        Exchange::new("POST", "/Orders").respond(201, r#"{"Id": "o1", "CustomerId": "k1"}"#),
        Exchange::new("POST", "/Orders/o1/commit")
            .respond(200, r#"{"Id": "c1", "CustomerId": "k1"}"#),
        Exchange::get("/Customers/k1")
            .respond(200, r#"{"Id": "k1"}"#)
            .header("ETag", "\"v1\""),
        Exchange::new("PATCH", "/Customers/k1").respond(200, r#"{"Id": "k1"}"#),
        Exchange::get("/Customers/k1/Contracts?take=100")
            .respond(200, r#"[{"Id": "c1", "CustomerId": "k1"}]"#),
    ])
    .await
    .unwrap();
    let client = Client::builder()
        .base_url(replay.base_url())
        .bearer_token("test-token")
        .build()
        .unwrap();
    let contracts = billwerk_program::run(&client, PlanVariantId::new("pv1"))
        .await
        .unwrap();
    assert_eq!(contracts, 1);
    replay.verify().unwrap();
    let patch = &replay.requests()[3];
    assert_eq!(patch.body, r#"{"VatId":"DE123456789"}"#);
    assert!(
        patch
            .headers
            .contains(&("if-match".into(), "\"v1\"".into()))
    );
}
