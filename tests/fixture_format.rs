//! The fixture format itself (`support/exchange.rs`): form and multipart
//! bodies compared byte for byte (a one-byte difference fails), and
//! `{base_url}` in a served body filled with the test server's URL, so a
//! next-page link leads back to it.

use std::collections::BTreeMap;

use integration_tests::constructs::{c_form, c_pages};
use integration_tests::exchange::Exchange;
use integration_tests::runtime::Base64Bytes;
use integration_tests::runtime::futures::TryStreamExt;

async fn form_client(server: &wiremock::MockServer) -> c_form::Client {
    c_form::Client::builder()
        .base_url(server.uri())
        .bearer_token("test-token")
        .build()
        .unwrap()
}

fn params(addon: &str) -> c_form::models::SubscriptionParams {
    use c_form::models::{ItemParams, SubscriptionParams};
    let mut p = SubscriptionParams::new("cus_1".into());
    p.items = Some(vec![ItemParams {
        quantity: Some(2),
        ..ItemParams::new("p_1".into())
    }]);
    p.metadata = Some(BTreeMap::from([("order_id".into(), "6735".into())]));
    p.addons = Some(vec![ItemParams::new(addon.into())]);
    p
}

#[tokio::test]
async fn a_form_body_is_compared_byte_for_byte() {
    let ex = Exchange::load("c_form", "create_form");
    let server = ex.serve().await;
    let c = form_client(&server).await;
    c.subscriptions().create(&params("a b&c")).await.unwrap();
    ex.verify(&server).await;
}

#[tokio::test]
#[should_panic(expected = "byte for byte")]
async fn a_form_body_one_byte_off_fails() {
    let ex = Exchange::load("c_form", "create_form");
    let server = ex.serve().await;
    let c = form_client(&server).await;
    c.subscriptions().create(&params("a b&d")).await.unwrap();
    ex.verify(&server).await;
}

#[tokio::test]
async fn a_multipart_body_is_compared_byte_for_byte_with_its_boundary() {
    let ex = Exchange::load("c_form", "upload_multipart");
    let server = ex.serve().await;
    let c = form_client(&server).await;
    let upload = c_form::models::Upload {
        metadata: Some(BTreeMap::from([("case".into(), "c-7".into())])),
        ..c_form::models::Upload::new(
            "dispute_evidence".into(),
            Base64Bytes::new(b"%PDF-1.4".to_vec()),
        )
    };
    c.files().upload(&upload).await.unwrap();
    ex.verify(&server).await;
}

#[tokio::test]
async fn a_next_page_link_is_filled_with_the_servers_base_url() {
    let first = Exchange::load("c_pages", "linked_page_1");
    let second = Exchange::load("c_pages", "linked_page_2");
    let server = wiremock::MockServer::start().await;
    first.mount(&server).await;
    second.mount(&server).await;
    let c = c_pages::Client::builder()
        .base_url(server.uri())
        .bearer_token("test-token")
        .build()
        .unwrap();
    let query = c_pages::CustomersListLinkedQuery::new().name("a");
    let ids: Vec<String> = c
        .customers()
        .list_linked_items(&query)
        .map_ok(|customer| customer.id.to_string())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["c1", "c2"]);
    Exchange::verify_sequence(&server, &[&first, &second]).await;
}
