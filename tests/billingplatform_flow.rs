//! BillingPlatform scenarios against a loopback server: the seed's 10-step
//! "Putting it all together" flow, session expiry and renewal, the error
//! body and statuses, custom fields kept through retrieve -> update, and
//! secrets kept out of every rendering.

use billing_clients::billing_platform::Client;
use billing_clients::billing_platform::models::*;
use billing_clients::runtime::sql::col;
use billing_clients::runtime::{Date, Decimal, Error, Patch, RetryPolicy};
use integration_tests::exchange::Exchange;
use serde_json::json;
use wiremock::MockServer;

const SESSION: &str = "qIYsMgFsRbbXRUlxaLnTFWPxbdfCiYabkmBGvzgj";

fn load(name: &str) -> Exchange {
    Exchange::load("billingplatform", name)
}

fn builder(server: &MockServer) -> billing_clients::billing_platform::ClientBuilder {
    Client::builder()
        .base_url(format!("{}/myorg/rest/2.0", server.uri()))
        .session_login("my.username", "password")
}

fn client(server: &MockServer) -> Client {
    builder(server)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client builds")
}

fn id(s: &str) -> RecordId {
    RecordId::new(s)
}

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::new(y, m, d).expect("valid date")
}

#[tokio::test]
async fn putting_it_all_together() {
    let server = MockServer::start().await;
    let names = [
        "login",
        "flow_01_create_account",
        "flow_02_add_billing_profile",
        "flow_03_add_contract",
        "flow_04_add_contract_rate",
        "flow_05_add_account_product",
        "flow_06_add_account_package",
        "flow_07_retrieve_account_product",
        "flow_08_update_pricing_rate",
        "flow_09_retrieve_contract_rate",
        "flow_10_delete_contract_rate",
    ];
    let exchanges: Vec<Exchange> = names.iter().map(|n| load(n)).collect();
    for ex in &exchanges {
        ex.mount(&server).await;
    }
    let c = client(&server);
    let records = c.records();

    // 1. Create an account.
    let account = AccountInput {
        name: Some("Account001".into()),
        account_type: Some("Required".into()),
        status: Some(Status::Active),
        description: Patch::Value("My Account".into()),
        ..AccountInput::default()
    };
    let created = records.create(Account::ENTITY, &[account]).await.unwrap();
    let account_id = created
        .into_body()
        .into_vec()
        .remove(0)
        .unwrap()
        .id
        .unwrap();
    assert_eq!(account_id, id("27471"));

    // 2. Add a billing profile to it.
    let profile = BillingProfile {
        account_id: Some(account_id.clone()),
        billing_cycle: Some(BillingCycle::Monthly),
        billing_close_date: Some(31),
        payment_term_days: Some(30),
        monthly_billing_date: Some(1),
        invoice_template_id: Some(id("63")),
        billing_method: Some(BillingMethod::Mail),
        bill_to: Some("John Doe".into()),
        address1: Patch::Value("742 Evergreen Terrace".into()),
        country: Some("USA".into()),
        time_zone_id: Some(id("1")),
        email: Patch::Value("johndoe@companymail.com".into()),
        currency_code: Some("USD".into()),
        ..BillingProfile::default()
    };
    let r = records
        .create(BillingProfile::ENTITY, &[profile])
        .await
        .unwrap();
    assert_eq!(r.body()[0].as_ref().unwrap().id, Some(id("3001")));

    // 3. Add a contract (the seed uses account 27465 here).
    let contract = Contract {
        account_id: Some(id("27465")),
        contract_number: Some("REST TEST002".into()),
        contract_status: Some(ContractStatus::Active),
        start_date: Some(day(2015, 5, 5)),
        on_end_date: Some(OnEndDate::Renew),
        end_date: day(2016, 6, 6).into(),
        rate_class_id: Some(id("10762")),
        ..Contract::default()
    };
    let r = records.create(Contract::ENTITY, &[contract]).await.unwrap();
    let contract_id = r.into_body().into_vec().remove(0).unwrap().id.unwrap();

    // 4. Add a contract rate to it.
    let rate = ContractRate {
        contract_id: Some(contract_id),
        start_date: Some(day(2015, 5, 5)),
        end_date: day(2015, 6, 6).into(),
        product_id: Some(id("12670")),
        ..ContractRate::default()
    };
    let r = records.create(ContractRate::ENTITY, &[rate]).await.unwrap();
    let rate_id = r.into_body().into_vec().remove(0).unwrap().id.unwrap();
    assert_eq!(rate_id, id("2215"));

    // 5. Add an account product.
    let product = AccountProduct {
        account_id: Some(id("27465")),
        start_date: Some(day(2015, 5, 5)),
        end_date: day(2015, 6, 6).into(),
        product_id: Some(id("12670")),
        rating_method_id: Some(id("2861")),
        quantity: Some(Decimal::from(1)),
        ..AccountProduct::default()
    };
    let r = records
        .create(AccountProduct::ENTITY, &[product])
        .await
        .unwrap();
    let product_id = r.into_body().into_vec().remove(0).unwrap().id.unwrap();

    // 6. Add an account package.
    let package = AccountPackage {
        account_id: Some(id("27465")),
        start_date: Some(day(2015, 5, 5)),
        end_date: day(2015, 6, 6).into(),
        package_id: Some(id("152")),
        ..AccountPackage::default()
    };
    let r = records
        .create(AccountPackage::ENTITY, &[package])
        .await
        .unwrap();
    assert!(r.body()[0].is_ok());

    // 7. Retrieve the account product.
    let product = records
        .get(AccountProduct::ENTITY, &product_id)
        .await
        .unwrap()
        .into_body();
    assert_eq!(product.id, Some(id("4652")));
    assert_eq!(product.quantity.map(|q| q.to_string()), Some("1".into()));
    assert_eq!(
        product.start_date.map(|d| d.to_string()),
        Some("20150505".into())
    );
    let pricing_id = product
        .extra
        .get_as::<String>("PricingId")
        .unwrap()
        .unwrap();

    // 8. Update the rate on the account product's pricing.
    let pricing = Pricing {
        id: Some(id(&pricing_id)),
        rate: Some(Decimal::from(99)),
        currency_code: Some("USD".into()),
        ..Pricing::default()
    };
    let r = records.update(Pricing::ENTITY, &[pricing]).await.unwrap();
    assert_eq!(r.body()[0].as_ref().unwrap().id, Some(id("813877")));

    // 9. Retrieve a contract rate.
    let rate = records
        .get(ContractRate::ENTITY, &product_id)
        .await
        .unwrap()
        .into_body();
    assert_eq!(rate.contract_id, Some(id("412")));
    assert_eq!(
        rate.end_date.as_value().map(|d| d.to_string()),
        Some("20150606".into())
    );

    // 10. Delete the contract rate created in step 4.
    let r = records
        .delete(ContractRate::ENTITY, &[DeleteRecord::new(rate_id)])
        .await
        .unwrap();
    assert_eq!(r.body()[0].as_ref().unwrap().success, Some(true));

    let expected: Vec<&Exchange> = exchanges.iter().collect();
    Exchange::verify_sequence(&server, &expected).await;
}

#[tokio::test]
async fn an_expired_session_is_renewed_once_and_the_call_repeated() {
    let server = MockServer::start().await;
    let (login, expired, create) = (load("login"), load("error_401"), load("create_account"));
    login.mount(&server).await;
    // The create is rejected once with 401 (session timed out), then accepted.
    let rejected = Exchange {
        request: serde_json::from_value(json!({
            "method": "POST", "path": "/myorg/rest/2.0/account",
            "headers": {"sessionid": SESSION},
            "body": create.request_body(),
        }))
        .unwrap(),
        ..load("error_401")
    };
    rejected.mount_times(&server, 1).await;
    create.mount(&server).await;
    let account =
        serde_json::from_value::<AccountInput>(create.request_body()["brmObjects"].clone())
            .unwrap();
    let r = client(&server)
        .records()
        .create(Account::ENTITY, &[account])
        .await
        .unwrap();
    assert_eq!(r.body()[0].as_ref().unwrap().id, Some(id("27471")));
    // login, create (401), login again, the same create again.
    Exchange::verify_sequence(&server, &[&login, &rejected, &login, &create]).await;
    assert_eq!(expired.response.status, 401);
}

#[tokio::test]
async fn a_second_401_is_returned_to_the_caller() {
    let server = MockServer::start().await;
    let (login, expired) = (load("login"), load("error_401"));
    login.mount(&server).await;
    expired.mount(&server).await;
    let err = client(&server)
        .records()
        .get(Account::ENTITY, id("27471"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    let body = err.body().expect("typed error body");
    assert_eq!(
        body.errors[0].error_code,
        Some(ErrorCode::from("INVALID_SESSION"))
    );
    Exchange::verify_sequence(&server, &[&login, &expired, &login, &expired]).await;
}

#[tokio::test]
async fn a_session_id_given_by_the_caller_is_not_renewed() {
    let server = MockServer::start().await;
    let expired = load("error_401");
    expired.mount(&server).await;
    let c = Client::builder()
        .base_url(format!("{}/myorg/rest/2.0", server.uri()))
        .session_id(SESSION)
        .build()
        .unwrap();
    let err = c
        .records()
        .get(Account::ENTITY, id("27471"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    Exchange::verify_sequence(&server, &[&expired]).await;
}

#[tokio::test]
async fn a_failed_login_is_an_auth_error_without_secrets() {
    let server = MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::path("/myorg/rest/2.0/login"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(json!({
            "loginResponse": [{"ErrorCode": "INVALID_LOGIN", "ErrorText": ["Invalid username or password"]}]
        })))
        .mount(&server)
        .await;
    let c = builder(&server).build().unwrap();
    let err = c.login().await.unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(matches!(err, Error::Auth(_)), "{shown}");
    assert!(
        shown.contains("no session id at `/loginResponse/0/SessionID`"),
        "{shown}"
    );
    for secret in ["my.username", "\"password\"", SESSION] {
        assert!(!shown.contains(secret), "{shown}");
    }
    // A call fails the same way and sends nothing but the login.
    let err = c.records().get(Account::ENTITY, id("1")).await.unwrap_err();
    assert!(matches!(err, Error::Auth(_)));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[test]
fn credentials_never_show_in_debug() {
    let c = Client::builder()
        .base_url("http://127.0.0.1:9")
        .session_login("my.username", "s3cr3t-pa55")
        .build()
        .unwrap();
    let shown = format!("{c:?}");
    assert!(
        !shown.contains("my.username") && !shown.contains("s3cr3t-pa55"),
        "{shown}"
    );
    let builder = Client::builder().session_id(SESSION);
    assert!(!format!("{builder:?}").contains(SESSION));
}

#[tokio::test]
async fn the_error_body_is_typed_with_an_open_code() {
    let server = MockServer::start().await;
    let (login, ex) = (load("login"), load("error_500_invalid_query"));
    login.mount(&server).await;
    ex.mount(&server).await;
    let err = client(&server)
        .records()
        .retrieve(Account::ENTITY, &col("Id").ge(20000))
        .await
        .unwrap_err();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(err.status(), Some(500));
    let item = &err.body().unwrap().errors[0];
    assert_eq!(item.error_code, Some(ErrorCode::InvalidGetRequestQuery));
    assert_eq!(
        item.error_text.as_deref(),
        Some("Invalid queryAnsiSql format")
    );
    assert_eq!(
        err.hint(),
        Some("check the query text; build it with runtime::sql instead of by hand")
    );
    let shown = err.to_string();
    assert!(
        shown.contains("HTTP 500")
            && shown.contains("code INVALID_GET_REQUEST_QUERY")
            && shown.contains("Invalid queryAnsiSql format"),
        "{shown}"
    );
}

#[tokio::test]
async fn documented_statuses_map_to_api_errors() {
    for status in [400u16, 401, 404, 429] {
        let server = MockServer::start().await;
        let (login, ex) = (load("login"), load(&format!("error_{status}")));
        login.mount(&server).await;
        ex.mount(&server).await;
        let err = client(&server)
            .records()
            .get(Account::ENTITY, id("27471"))
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(status));
        let item = &err.body().expect("typed body").errors[0];
        assert_eq!(
            item.error_text.as_deref(),
            ex.response_body()["errors"][0]["error_text"].as_str()
        );
        assert!(matches!(item.error_code, Some(ErrorCode::Unknown(_))));
        // 404 on a read by id is an error, not an empty result.
        let sent = server.received_requests().await.unwrap().len();
        assert_eq!(sent, if status == 401 { 4 } else { 2 }, "status {status}");
    }
}

#[tokio::test]
async fn a_429_on_a_read_is_retried_then_succeeds() {
    let server = MockServer::start().await;
    let login = load("login");
    login.mount(&server).await;
    let limited = load("error_429");
    limited.mount_times(&server, 1).await;
    let ok = load("flow_09_retrieve_contract_rate");
    wiremock::Mock::given(wiremock::matchers::path("/myorg/rest/2.0/account/27471"))
        .respond_with(ok.template(&server.uri()))
        .mount(&server)
        .await;
    let c = builder(&server)
        .retry_policy(
            RetryPolicy::default()
                .initial_backoff(std::time::Duration::from_millis(1))
                .jitter(false),
        )
        .build()
        .unwrap();
    let record = c.records().get(Account::ENTITY, id("27471")).await.unwrap();
    assert_eq!(record.body().id, Some(id("4652")));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn unknown_custom_fields_survive_retrieve_then_update() {
    let server = MockServer::start().await;
    let (login, read, write) = (
        load("login"),
        load("retrieve_account_custom_fields"),
        load("update_account_custom_fields"),
    );
    for ex in [&login, &read, &write] {
        ex.mount(&server).await;
    }
    let c = client(&server);
    let mut account = c
        .records()
        .retrieve(Account::ENTITY, &col("Id").eq(20000))
        .await
        .unwrap()
        .into_body()
        .remove(0);
    assert_eq!(
        account.extra.value("MyCustomField__c"),
        Some(json!("keep me"))
    );
    account.name = Some("Renamed".into());
    // Clearing a custom field: a null in `extra` goes to `fieldsToNull`.
    account.extra.insert("Region__c", serde_json::Value::Null);
    // Sent as its input twin: server-set fields stay behind, the custom
    // fields go back.
    c.records()
        .update_typed(&[AccountInput::from(account)])
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &read, &write]).await;
}

/// A GET of account 27471 that succeeds (constructed: the seed shows no
/// retrieve-by-id response).
fn get_account_ok() -> Exchange {
    Exchange {
        request: serde_json::from_value(json!({
            "method": "GET", "path": "/myorg/rest/2.0/account/27471",
            "headers": {"sessionid": SESSION},
        }))
        .unwrap(),
        response: serde_json::from_value(json!({
            "status": 200,
            "body": {"retrieveResponse": [{"Id": "27471", "Name": "Account001"}]},
        }))
        .unwrap(),
        ..load("error_500_invalid_session")
    }
}

/// The spec declares that a 500 whose error code is INVALID_SESSION_ID
/// means the session expired: the client logs in once and repeats the call
/// (not a transient 5xx to back off from).
#[tokio::test]
async fn a_500_saying_the_session_id_is_invalid_renews_the_session() {
    let server = MockServer::start().await;
    let (login, expired, ok) = (
        load("login"),
        load("error_500_invalid_session"),
        get_account_ok(),
    );
    login.mount(&server).await;
    expired.mount_times(&server, 1).await;
    ok.mount(&server).await;
    let c = builder(&server)
        .retry_policy(RetryPolicy::default())
        .build()
        .unwrap();
    let r = c.records().get(Account::ENTITY, id("27471")).await.unwrap();
    assert_eq!(r.body().name.as_deref(), Some("Account001"));
    Exchange::verify_sequence(&server, &[&login, &expired, &login, &ok]).await;
}

/// Another 500 stays a server error: no new login.
#[tokio::test]
async fn another_500_does_not_renew_the_session() {
    let server = MockServer::start().await;
    let (login, failure) = (load("login"), load("error_500_invalid_query"));
    login.mount(&server).await;
    failure.mount(&server).await;
    let err = client(&server)
        .records()
        .retrieve(
            Account::ENTITY,
            &billing_clients::runtime::sql::col("Id").ge(20000),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    Exchange::verify_sequence(&server, &[&login, &failure]).await;
}

/// Renewed and still rejected: the dead session is dropped, so the next
/// call logs in again instead of reusing it.
#[tokio::test]
async fn a_session_rejected_after_renewal_is_not_reused() {
    let server = MockServer::start().await;
    let (login, expired) = (load("login"), load("error_500_invalid_session"));
    login.mount(&server).await;
    expired.mount_times(&server, 2).await;
    let ok = get_account_ok();
    ok.mount(&server).await;
    let c = client(&server);
    let err = c
        .records()
        .get(Account::ENTITY, id("27471"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(
        err.body().unwrap().errors[0].error_code,
        Some(ErrorCode::InvalidSessionId)
    );
    c.records().get(Account::ENTITY, id("27471")).await.unwrap();
    Exchange::verify_sequence(&server, &[&login, &expired, &login, &expired, &login, &ok]).await;
}
