//! Every sample exchange of the Billwerk seeds, replayed against the typed
//! client on a loopback server: the request sent (method, path, query,
//! headers, JSON body) and the typed response (re-serialised without loss).

use billing_clients::billwerk::models::*;
use billing_clients::billwerk::{Client, TIMESTAMP_FORMAT};
use billing_clients::runtime::{Decimal, ETag, Patch, RetryPolicy, Timestamp};
use integration_tests::exchange::Exchange;
use integration_tests::typed::{assert_round_trip, typed};

fn client(server: &wiremock::MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("test-token")
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client builds")
}

/// Replays fixture `$name`: `$call` uses `$c` (the client) and `$ex` (the exchange).
macro_rules! exchange_test {
    ($name:ident, |$c:ident, $ex:ident| $call:expr) => {
        #[tokio::test]
        async fn $name() {
            let $ex = Exchange::load("billwerk", stringify!($name));
            let server = $ex.serve().await;
            let $c = client(&server);
            let response = $call.expect("the call succeeds");
            $ex.verify(&server).await;
            assert_eq!(response.status(), $ex.response.status);
            assert_round_trip($ex.response_body(), response.body());
        }
    };
}

fn cid() -> ContractId {
    ContractId::new("5dd15e3f9cc9ba309478eec4")
}

exchange_test!(order_existing_customer, |c, ex| c
    .orders()
    .create(&typed::<OrderRequest>(ex.request_body()))
    .await);
exchange_test!(future_contract_signup, |c, ex| c
    .orders()
    .create(&typed::<OrderRequest>(ex.request_body()))
    .await);
exchange_test!(future_contract_upgrade, |c, ex| c
    .orders()
    .create(&typed::<OrderRequest>(ex.request_body()))
    .await);
exchange_test!(upgrade_downgrade, |c, ex| c
    .orders()
    .create(&typed::<OrderRequest>(ex.request_body()))
    .await);
exchange_test!(component_add_remove, |c, ex| c
    .orders()
    .create(&typed::<OrderRequest>(ex.request_body()))
    .await);
exchange_test!(quantity_change, |c, ex| c
    .orders()
    .create(&typed::<OrderRequest>(ex.request_body()))
    .await);
exchange_test!(discount_direct, |c, ex| c
    .orders()
    .create(&typed::<OrderRequest>(ex.request_body()))
    .await);
exchange_test!(discount_coupon, |c, ex| c
    .orders()
    .create(&typed::<OrderRequest>(ex.request_body()))
    .await);
exchange_test!(future_change_date, |c, ex| c
    .orders()
    .create(&typed::<OrderRequest>(ex.request_body()))
    .await);
exchange_test!(cancellation_preview, |c, _ex| c
    .contracts()
    .cancellation_preview(cid())
    .await);
exchange_test!(end_contract_with_notice, |c, ex| c
    .contracts()
    .end(cid(), &typed::<EndContractRequest>(ex.request_body()))
    .await);
exchange_test!(end_contract_without_notice, |c, ex| c
    .contracts()
    .end(cid(), &typed::<EndContractRequest>(ex.request_body()))
    .await);
exchange_test!(component_subscription_override, |c, ex| c
    .contracts()
    .add_component_subscription(
        ContractId::new("5ca4b06750abb730802f9e91"),
        &typed::<ComponentSubscriptionRequest>(ex.request_body())
    )
    .await);
exchange_test!(usage_override, |c, ex| c
    .contracts()
    .add_usage(
        ContractId::new("5cd186af443e551fe8e4f5dd"),
        &typed::<UsageRequest>(ex.request_body())
    )
    .await);

/// The signup sample, built field by field with the typed models (no JSON).
#[tokio::test]
async fn signup_new_customer() {
    let ex = Exchange::load("billwerk", "signup_new_customer");
    let server = ex.serve().await;
    let order = OrderRequest {
        trigger_interim_billing: Some(false),
        cart: Cart {
            plan_variant_id: Some(PlanVariantId::new("5dd15e3f9cc9ba309478eedf")),
            inherit_start_date: Some(false),
            component_subscriptions: Some(vec![CartComponentSubscription::new(
                ComponentId::new("5dd15e3f9cc9ba309478eedd"),
                "2.0".parse().unwrap(),
            )]),
            ..Cart::default()
        },
        customer: Some(CustomerInput {
            company_name: Some("ACME Inc.".into()),
            first_name: Some("John".into()),
            last_name: Some("Doe".into()),
            vat_id: Some("DE424324234".into()),
            email_address: Some("john.doe@example.com".into()),
            address: Some(AddressInput {
                address_line1: Some("c/o Coworking Ltd.".into()),
                street: Some("Zschopauer Straße".into()),
                house_number: Some("42".into()),
                postal_code: Some("10123".into()),
                city: Some("Berlin".into()),
                country: Some("DE".into()),
            }),
            hidden: Some(false),
        }),
        preview_after_trial: Some(false),
        ..OrderRequest::new(Cart::default())
    };
    let response = client(&server).orders().create(&order).await.unwrap();
    ex.verify(&server).await;
    assert_round_trip(ex.response_body(), response.body());

    let order = response.into_body();
    assert_eq!(order.id, OrderId::new("5dd15e3f9cc9ba309478eeee"));
    assert_eq!(order.status, Some(OrderStatus::InProgress));
    assert_eq!(order.order_type, Some(OrderType::Signup));
    assert_eq!(order.trial_end_policy, Some(TrialEndPolicy::NoTrial));
    // Money is decimal, exact: 0.38 + 1.33 is 1.71, not 1.7100000000000002.
    let line = &order.component_subscriptions.as_ref().unwrap()[0];
    assert_eq!(line.component_type, Some(ComponentType::QuantityBased));
    let sum = line.total_vat.unwrap().get() + order.total_vat.unwrap().get();
    assert_eq!(sum.to_string(), "1.71");
    assert_eq!(
        order.total,
        Some(Decimal::from(rust_decimal::Decimal::new(70, 1)))
    );
}

/// Seven fractional digits survive a round trip byte for byte.
#[tokio::test]
async fn metered_usage_due_date_keeps_seven_digits() {
    let ex = Exchange::load("billwerk", "upgrade_downgrade");
    let request: OrderRequest = typed(ex.request_body());
    let usage = &request.cart.metered_usages.as_ref().unwrap()[0];
    let due = usage.due_date.unwrap();
    assert_eq!(due.to_string(), "2019-11-16T14:50:39.7497178Z");
    assert_eq!(due.to_offset_date_time().nanosecond(), 749_717_800);
    let sent = serde_json::to_string(&request).unwrap();
    assert!(
        sent.contains("\"DueDate\":\"2019-11-16T14:50:39.7497178Z\""),
        "{sent}"
    );
    // Values created in Rust use the API's documented format.
    let now = Timestamp::new(due.to_offset_date_time(), TIMESTAMP_FORMAT);
    assert_eq!(now.to_string(), "2019-11-16T14:50:39.7497178Z");
}

/// GET exposes status, ETag and the rate-limit headers (seed 000).
#[tokio::test]
async fn get_customer_with_etag() {
    let ex = Exchange::load("billwerk", "get_customer_with_etag");
    let server = ex.serve().await;
    let response = client(&server)
        .customers()
        .get(CustomerId::new("5dd15e3f9cc9ba309478eeef"))
        .await
        .unwrap();
    ex.verify(&server).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.etag().map(ETag::as_str), Some("\"a1b2c3\""));
    assert_eq!(response.rate_limit().limit, Some(10000));
    assert_eq!(response.rate_limit().remaining, Some(9954));
    assert_eq!(
        response.body().company_name.as_deref(),
        Some("ACME Inc."),
        "the body is reached through body()"
    );
    assert_round_trip(ex.response_body(), response.body());
}

/// PATCH sends `If-Match`, leaves absent fields out and sends `null` to clear.
#[tokio::test]
async fn patch_customer_if_match() {
    let ex = Exchange::load("billwerk", "patch_customer_if_match");
    let server = ex.serve().await;
    let patch = CustomerPatch {
        email_address: Patch::Value("billing@acme.example".into()),
        vat_id: Patch::Null,
        ..CustomerPatch::default()
    };
    let etag = ETag::new("\"a1b2c3\"");
    let response = client(&server)
        .customers()
        .patch(CustomerId::new("5dd15e3f9cc9ba309478eeef"), &patch)
        .if_match(&etag)
        .await
        .unwrap();
    ex.verify(&server).await;
    assert_eq!(response.etag().map(ETag::as_str), Some("\"d4e5f6\""));
    assert_round_trip(ex.response_body(), response.body());
}

/// `GET /Customers` is a bare array paged by an inclusive `from=<Id>`: the
/// stream sends the last id of each page, drops the repeated first item,
/// and stops at the short third page; no customer is repeated or lost.
#[tokio::test]
async fn customers_stream_over_an_inclusive_from_cursor() {
    use billing_clients::billwerk::CustomersListQuery;
    use billing_clients::runtime::futures::TryStreamExt;
    let pages: Vec<Exchange> = (1..=3)
        .map(|i| Exchange::load("billwerk", &format!("customers_from_page_{i}")))
        .collect();
    let server = wiremock::MockServer::start().await;
    for p in &pages {
        p.mount(&server).await;
    }
    let query = CustomersListQuery::new().take(3);
    let c = client(&server);
    let all: Vec<Customer> = c
        .customers()
        .list_items(&query)
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = all
        .iter()
        .map(|c| c.company_name.clone().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Customer 1",
            "Customer 2",
            "Customer 3",
            "Customer 4",
            "Customer 5"
        ]
    );
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3);
    for (request, page) in received.iter().zip(&pages) {
        page.check(request);
    }
    // The page stream drops the repeat from the typed pages too.
    let typed: Vec<Vec<Customer>> = c
        .customers()
        .list_pages(&query)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(typed.iter().map(Vec::len).collect::<Vec<_>>(), [3, 2, 0]);
    // `take` is checked before sending.
    let too_many = CustomersListQuery::new().take(501);
    let err = c.customers().list(&too_many).await.unwrap_err();
    assert!(err.to_string().contains("between 1 and 500"), "{err}");
}

/// `GET /Customers/{id}/Contracts`: the stream repeats the path argument.
#[tokio::test]
async fn contracts_of_a_customer_stream() {
    use billing_clients::billwerk::CustomersContractsQuery;
    use billing_clients::runtime::futures::TryStreamExt;
    let ex = Exchange::load("billwerk", "customer_contracts");
    let server = ex.serve().await;
    let query = CustomersContractsQuery::new().take(3);
    let contracts: Vec<Contract> = client(&server)
        .customers()
        .contracts_items(CustomerId::new("5dd15e3f9cc9ba309478ee01"), &query)
        .try_collect()
        .await
        .unwrap();
    ex.verify(&server).await;
    assert_eq!(contracts.len(), 2);
    assert_round_trip(ex.response_body(), &contracts);
}
