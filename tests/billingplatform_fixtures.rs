//! BillingPlatform REST 2.0 against a loopback server: every request and
//! response sample of the seed (login, logout, create one and many, update,
//! fieldsToNull single and list, upsert, retrieve, query, delete one and
//! many, undelete, file upload and download), each after a real login.

use billing_clients::billing_platform::models::*;
use billing_clients::billing_platform::{Client, Environment};
use billing_clients::runtime::sql::{Aggregate, Condition, Select, col};
use billing_clients::runtime::{
    Date, Decimal, EntityName, Patch, Record, RecordError, RetryPolicy, encoded,
};
use integration_tests::exchange::Exchange;
use integration_tests::typed::assert_round_trip;
use serde_json::{Value, json};
use wiremock::MockServer;

const SESSION: &str = "qIYsMgFsRbbXRUlxaLnTFWPxbdfCiYabkmBGvzgj";

fn load(name: &str) -> Exchange {
    Exchange::load("billingplatform", name)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/myorg/rest/2.0", server.uri()))
        .session_login("my.username", "password")
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client builds")
}

/// A server answering the login and then `name`; returns both exchanges.
async fn serve(name: &str) -> (MockServer, Exchange, Exchange) {
    let server = MockServer::start().await;
    let (login, ex) = (load("login"), load(name));
    login.mount(&server).await;
    ex.mount(&server).await;
    (server, login, ex)
}

fn untyped(value: Value) -> Record {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn id(s: &str) -> RecordId {
    RecordId::new(s)
}

#[test]
fn environments_expand_the_documented_base_urls() {
    for (env, host) in [
        (Environment::Production, "my.billingplatform.com"),
        (Environment::Sandbox, "sandbox.billingplatform.com"),
    ] {
        let c = Client::builder()
            .environment(env)
            .org("myorg")
            .session_login("u", "p")
            .build()
            .unwrap();
        assert_eq!(c.base_url(), format!("https://{host}/myorg/rest/2.0"));
    }
    let missing = Client::builder().environment(Environment::Sandbox).build();
    assert!(missing.unwrap_err().to_string().contains("`org`"));
}

#[tokio::test]
async fn login_returns_the_session_id_and_logout_ends_it() {
    let server = MockServer::start().await;
    let (login, logout) = (load("login"), load("logout"));
    login.mount(&server).await;
    logout.mount(&server).await;
    let c = client(&server);
    let session = c.login().await.unwrap();
    assert_eq!(session.expose(), SESSION);
    assert_eq!(format!("{session:?}"), "Secret(***)");
    c.logout().await.unwrap();
    // Without a session, logout sends nothing.
    c.logout().await.unwrap();
    Exchange::verify_sequence(&server, &[&login, &logout]).await;
}

#[tokio::test]
async fn create_one_account_typed() {
    let (server, login, ex) = serve("create_account").await;
    let account = AccountInput {
        name: Some("My First Account".into()),
        account_type: Some("Required".into()),
        status: Some(Status::Active),
        description: Patch::Value("First Test Account".into()),
        ..AccountInput::default()
    };
    let results = client(&server)
        .records()
        .create(Account::ENTITY, &[account])
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(results.body().len(), 1);
    let created = results.body()[0].as_ref().unwrap();
    assert_eq!(created.id, Some(id("27471")));
    assert_eq!(created.error_code, "0");
}

#[tokio::test]
async fn the_overview_single_record_body() {
    let (server, login, ex) = serve("create_account_overview").await;
    let account = AccountInput {
        name: Some("My New Rest Account".into()),
        status: Some(Status::Active),
        account_type: Some("Required".into()),
        ..AccountInput::default()
    };
    let results = client(&server)
        .records()
        .create(Account::ENTITY, &[account])
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(results.body()[0].as_ref().unwrap().id, Some(id("27472")));
}

#[tokio::test]
async fn create_many_accounts_in_one_call() {
    let (server, login, ex) = serve("create_accounts_bulk").await;
    let accounts: Vec<AccountInput> = (1..=4)
        .map(|i| AccountInput {
            name: Some(format!("My New REST Account 0{i}")),
            status: Some(Status::Active),
            account_type: Some("Required".into()),
            ..AccountInput::default()
        })
        .collect();
    let results = client(&server)
        .records()
        .create(Account::ENTITY, &accounts)
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    let ids: Vec<RecordId> = results
        .into_body()
        .into_iter()
        .map(|r| r.unwrap().id.unwrap())
        .collect();
    assert_eq!(ids, ["27480", "27481", "27482", "27483"].map(id));
}

#[tokio::test]
async fn bulk_create_where_record_two_of_three_fails_keeps_every_result() {
    let (server, login, ex) = serve("create_accounts_partial_failure").await;
    let records: Vec<Record> = ex.request_body()["brmObjects"]
        .as_array()
        .unwrap()
        .iter()
        .cloned()
        .map(untyped)
        .collect();
    let account = EntityName::new("account").unwrap();
    let results = client(&server)
        .records()
        .create(&account, &records)
        .await
        .unwrap()
        .into_body();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().id, Some(id("27490")));
    let e: &RecordError = results[1].as_ref().unwrap_err();
    assert_eq!(e.index, 1);
    assert_eq!(e.code, "INVALID_FIELD_VALUE");
    assert_eq!(
        e.text.as_deref(),
        Some("Status: bad value for restricted picklist field")
    );
    assert_eq!(e.field.as_deref(), Some("Status"));
    assert_eq!(e.result, ex.response_body()["createResponse"][1]);
    assert_eq!(results[2].as_ref().unwrap().id, Some(id("27492")));
}

#[tokio::test]
async fn update_an_account() {
    let (server, login, ex) = serve("update_account").await;
    let account = AccountInput {
        id: Some(id("27471")),
        name: Some("My First Account".into()),
        status: Some(Status::Deactivated),
        ..AccountInput::default()
    };
    let results = client(&server)
        .records()
        .update(Account::ENTITY, &[account])
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(results.body()[0].as_ref().unwrap().id, Some(id("27471")));
}

#[tokio::test]
async fn fields_to_null_single_name() {
    let (server, login, ex) = serve("update_fields_to_null_single").await;
    let record = untyped(json!({"SomeFieldName": null, "Id": "27471"}));
    let account = EntityName::new("account").unwrap();
    let results = client(&server)
        .records()
        .update(&account, &[record])
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert!(results.body()[0].is_ok());
}

#[tokio::test]
async fn fields_to_null_list_of_names() {
    let (server, login, ex) = serve("update_fields_to_null_list").await;
    let record = untyped(json!({
        "Id": "27471", "SomeFieldName1": null, "SomeFieldName2": null, "SomeFieldNameX": null
    }));
    let account = EntityName::new("account").unwrap();
    client(&server)
        .records()
        .update(&account, &[record])
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
}

#[test]
fn a_typed_null_is_sent_through_fields_to_null() {
    use billing_clients::runtime::plumbing::{RequestEnvelope, wrap};
    let envelope = RequestEnvelope {
        records: "brmObjects",
        nulls: Some("fieldsToNull"),
    };
    let account = AccountInput {
        id: Some(id("27471")),
        description: Patch::Null,
        parent_account_id: Patch::Null,
        ..AccountInput::default()
    };
    let body = wrap(&envelope, &[account], vec![]).unwrap();
    assert_eq!(
        body,
        json!({"brmObjects": {"Id": "27471", "fieldsToNull": ["Description", "ParentAccountId"]}})
    );
}

#[tokio::test]
async fn upsert_by_external_key() {
    let (server, login, ex) = serve("upsert_account").await;
    let mut account = AccountInput {
        name: Some("My First Account".into()),
        status: Some(Status::Deactivated),
        ..AccountInput::default()
    };
    account
        .extra
        .insert("my_external_key", json!("unique_value_12345"));
    let results = client(&server)
        .records()
        .upsert(Account::ENTITY, "my_external_key", &[account])
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(results.body()[0].as_ref().unwrap().id, Some(id("27471")));
}

#[tokio::test]
async fn upsert_fields_to_null_single_and_list() {
    for (name, nulls) in [
        ("upsert_fields_to_null_single", vec!["SomeFieldName"]),
        (
            "upsert_fields_to_null_list",
            vec!["SomeFieldName1", "SomeFieldName2", "SomeFieldNameX"],
        ),
    ] {
        let (server, login, ex) = serve(name).await;
        let mut record = untyped(json!({"my_external_key": "unique_value_12345"}));
        for n in nulls {
            record.insert(n.into(), Value::Null);
        }
        let account = EntityName::new("account").unwrap();
        client(&server)
            .records()
            .upsert(&account, "my_external_key", &[record])
            .await
            .unwrap();
        Exchange::verify_sequence(&server, &[&login, &ex]).await;
    }
}

#[tokio::test]
async fn retrieve_with_the_seed_condition() {
    let (server, login, ex) = serve("retrieve_accounts").await;
    // The seed's text exactly, through the documented escape hatch.
    let accounts = client(&server)
        .records()
        .retrieve(Account::ENTITY, &Condition::raw_unchecked("Id>=20000"))
        .await
        .unwrap()
        .into_body();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    let expected: Vec<Account> =
        serde_json::from_value(ex.response_body()["retrieveResponse"].clone()).unwrap();
    assert_eq!(accounts, expected);
    assert_round_trip(&ex.response_body()["retrieveResponse"], &accounts);
    let first = &accounts[0];
    assert_eq!(first.id, Some(id("20000")));
    assert_eq!(
        first.created.unwrap().to_string(),
        "2014-11-03T18:26:11.000Z"
    );
    assert_eq!(first.account_type_id, Some(id("1")));
    assert_eq!(first.parent_account_id, Some(id("1")));
    assert_eq!(first.status, Some(Status::Active));
    assert_eq!(first.r#type.as_deref(), Some("Partner Retail"));
    assert!(first.extra.is_empty(), "every sample field is typed");
}

#[tokio::test]
async fn retrieve_with_the_builder() {
    let (server, login, ex) = serve("retrieve_accounts_built").await;
    let accounts = client(&server)
        .records()
        .retrieve(Account::ENTITY, &col("Id").ge(20000))
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(accounts.body().len(), 2);
}

#[tokio::test]
async fn retrieve_matching_no_rows_is_an_empty_list() {
    let (server, login, ex) = serve("retrieve_no_rows").await;
    let accounts = client(&server)
        .records()
        .retrieve(Account::ENTITY, &col("Name").eq("nobody"))
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(accounts.status(), 404);
    assert!(accounts.body().is_empty());
}

/// A row of the seed's aggregate query: `Status` and `Sum(..) as total`.
#[derive(Debug, PartialEq, serde::Deserialize)]
struct StatusTotal {
    #[serde(rename = "Status")]
    status: String,
    #[serde(
        rename = "TOTAL",
        deserialize_with = "encoded::deserialize::<encoded::Text, _, _>"
    )]
    total: Decimal,
}

const SEED_SQL: &str = "SELECT Status, Sum(GrandTotalAmount) as total  FROM Invoice  WHERE BillingProfileObj.AccountObj.Name like '%Blue%' GROUP BY Status";

fn sent_sql(r: &wiremock::Request) -> String {
    let pairs: Vec<(String, String)> = r.url.query_pairs().into_owned().collect();
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_eq!(pairs[0].0, "sql");
    pairs[0].1.clone()
}

#[tokio::test]
async fn query_rows_as_a_caller_type_and_as_untyped_maps() {
    let (server, login, ex) = serve("query_invoice_totals").await;
    let c = client(&server);
    let statement = Select::raw_unchecked(SEED_SQL);
    let rows: Vec<StatusTotal> = c.records().query(&statement).await.unwrap().into_body();
    assert_eq!(
        rows,
        vec![
            StatusTotal {
                status: "CLOSED".into(),
                total: Decimal::from(25024),
            },
            StatusTotal {
                status: "CURRENT".into(),
                total: Decimal::from(101),
            },
        ]
    );
    let maps: Vec<Record> = c.records().query(&statement).await.unwrap().into_body();
    assert_eq!(maps[0]["Id"], Value::Null);
    assert_eq!(maps[1]["TOTAL"], json!("101"));
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3, "login once, then two queries");
    login.check(&received[0]);
    for r in &received[1..] {
        ex.check(r);
        // The seed's `+`-encoded URL and the client's `%20` decode alike.
        assert_eq!(sent_sql(r), SEED_SQL);
    }
}

#[tokio::test]
async fn query_built_with_select() {
    let (server, login, ex) = serve("query_invoice_totals_built").await;
    let statement = Select::from("Invoice")
        .column("Status")
        .aggregate(Aggregate::Sum, "GrandTotalAmount", "total")
        .filter(col("BillingProfileObj.AccountObj.Name").like("%Blue%"))
        .group_by("Status");
    let rows: Vec<StatusTotal> = client(&server)
        .records()
        .query(&statement)
        .await
        .unwrap()
        .into_body();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(rows.len(), 2);
}

#[tokio::test]
async fn sql_literals_cannot_break_out_of_their_quotes() {
    let server = MockServer::start().await;
    load("login").mount(&server).await;
    wiremock::Mock::given(wiremock::matchers::path("/myorg/rest/2.0/account"))
        .respond_with(
            wiremock::ResponseTemplate::new(200).set_body_json(json!({"retrieveResponse": []})),
        )
        .mount(&server)
        .await;
    let attack = "x' OR '1'='1";
    let c = client(&server);
    let found = c
        .records()
        .retrieve(Account::ENTITY, &col("Name").eq(attack))
        .await
        .unwrap();
    assert!(found.body().is_empty());
    let received = server.received_requests().await.unwrap();
    let sent: Vec<(String, String)> = received[1].url.query_pairs().into_owned().collect();
    assert_eq!(
        sent,
        vec![(
            "queryAnsiSql".to_owned(),
            "Name = 'x'' OR ''1''=''1'".to_owned()
        )]
    );
    // A comment, a statement separator or a quote in an identifier is refused
    // before anything is sent.
    for bad in ["Name; DROP TABLE x", "Name--", "Na'me", "Id) OR (1"] {
        let err = c
            .records()
            .retrieve(Account::ENTITY, &col(bad).eq(1))
            .await
            .unwrap_err();
        assert!(
            matches!(err, billing_clients::runtime::Error::InvalidRequest(_)),
            "{bad}: {err}"
        );
    }
    let like = Select::from("Invoice")
        .column("Status")
        .filter(col("Name").like("%'; DELETE FROM Invoice --%"))
        .to_sql()
        .unwrap();
    assert!(
        like.ends_with("WHERE Name like '%''; DELETE FROM Invoice --%'"),
        "{like}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn delete_one_record() {
    let (server, login, ex) = serve("delete_account").await;
    let results = client(&server)
        .records()
        .delete(Account::ENTITY, &[DeleteRecord::new(id("27456"))])
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    let r = results.body()[0].as_ref().unwrap();
    assert_eq!((r.id.clone(), r.success), (Some(id("27456")), Some(true)));
}

#[tokio::test]
async fn delete_many_with_empty_recycle_bin() {
    let (server, login, ex) = serve("delete_accounts_bulk").await;
    let records =
        [("27456", false), ("27457", false), ("27458", true)].map(|(i, purge)| DeleteRecord {
            empty_recycle_bin: Some(purge),
            ..DeleteRecord::new(id(i))
        });
    let results = client(&server)
        .records()
        .delete(Account::ENTITY, &records)
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(results.body().len(), 3);
    assert!(
        results
            .body()
            .iter()
            .all(|r| r.as_ref().unwrap().success == Some(true))
    );
}

#[tokio::test]
async fn undelete_a_record() {
    let (server, login, ex) = serve("undelete_account").await;
    let restored = client(&server)
        .records()
        .undelete(Account::ENTITY, &UndeleteRecord::new(id("27417")))
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(restored.body().id, Some(id("27417")));
    assert_eq!(restored.body().success, Some(true));
}

/// The file of the seed's upload and download samples: 1392 bytes of
/// "this is a test " repeated (cut off mid-word).
fn seed_file_content() -> Vec<u8> {
    let mut text = "this is a test ".repeat(93).into_bytes();
    text.truncate(1392);
    text
}

#[tokio::test]
async fn file_upload_sends_base64() {
    let (server, login, ex) = serve("file_upload").await;
    let content = seed_file_content();
    let upload = FileUpload::new("Document.txt".into(), content.into());
    client(&server)
        .files()
        .upload(Account::ENTITY, id("27471"), "DOCUMENT", &upload)
        .await
        .unwrap();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
}

#[tokio::test]
async fn file_download_decodes_base64_with_line_breaks() {
    let (server, login, ex) = serve("file_download").await;
    let file = client(&server)
        .files()
        .download(Account::ENTITY, id("27471"), "DOCUMENT")
        .await
        .unwrap()
        .into_body();
    Exchange::verify_sequence(&server, &[&login, &ex]).await;
    assert_eq!(file.data.into_bytes(), seed_file_content());
    assert!(
        ex.response_body()["file_downloadResponse"][0]["Data"]
            .as_str()
            .unwrap()
            .contains('\n')
    );
}

#[test]
fn string_encoded_values_are_typed_and_written_back_as_strings() {
    let json = json!({
        "AccountId": "27471", "BillingCycle": "MONTHLY", "BillingCloseDate": "31",
        "PaymentTermDays": "30", "MonthlyBillingDate": "1", "InvoiceTemplateId": "63",
        "BillingMethod": "MAIL", "Country": "USA", "CurrencyCode": "USD"
    });
    let profile: BillingProfile = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(profile.payment_term_days, Some(30));
    assert_eq!(profile.billing_close_date, Some(31));
    assert_eq!(profile.billing_cycle, Some(BillingCycle::Monthly));
    assert_round_trip(&json, &profile);

    let contract = Contract {
        start_date: Date::new(2015, 5, 5).ok(),
        end_date: Patch::Value(Date::new(2016, 6, 6).unwrap()),
        ..Contract::default()
    };
    assert_eq!(
        serde_json::to_value(&contract).unwrap(),
        json!({"StartDate": "20150505", "EndDate": "20160606"})
    );
    let pricing: Pricing = serde_json::from_value(json!({"Rate": "99.50"})).unwrap();
    assert_eq!(pricing.rate.unwrap().to_string(), "99.50");
    assert_eq!(
        serde_json::to_value(&pricing).unwrap(),
        json!({"Rate": "99.50"})
    );
    let bad = serde_json::from_value::<BillingProfile>(json!({"PaymentTermDays": "thirty"}));
    let message = bad.unwrap_err().to_string();
    assert!(message.contains("expected a 32-bit integer"), "{message}");
}

/// A row of a standard query: the selected columns, related objects nested.
#[derive(Debug, PartialEq, serde::Deserialize)]
struct AccountRow {
    #[serde(rename = "Id")]
    id: RecordId,
    #[serde(rename = "Name")]
    name: String,
    #[serde(rename = "ParentAccountObj")]
    parent: Parent,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Parent {
    #[serde(rename = "Name")]
    name: String,
}

#[tokio::test]
async fn query_rows_of_a_standard_query_are_hierarchical_objects() {
    let (server, login, ex) = serve("query_accounts_objects").await;
    let c = client(&server);
    let statement = Select::from("account")
        .column("Id")
        .column("Name")
        .column("Status")
        .column("ParentAccountObj.Name")
        .filter(col("Status").eq("ACTIVE"));
    let rows: Vec<AccountRow> = c.records().query(&statement).await.unwrap().into_body();
    assert_eq!(rows[1].id, id("20001"));
    assert_eq!(rows[1].name, "bAQXftoxnU");
    assert_eq!(rows[0].parent.name, "BILLING PLATFORM");
    // The typed entity model works as a row type too; the related object is kept.
    let accounts: Vec<Account> = c.records().query(&statement).await.unwrap().into_body();
    assert_eq!(accounts[0].status, Some(Status::Active));
    assert_eq!(
        accounts[0].extra.value("ParentAccountObj"),
        Some(json!({"Name": "BILLING PLATFORM"}))
    );
    Exchange::verify_sequence(&server, &[&login, &ex, &ex]).await;
}
