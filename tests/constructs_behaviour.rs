//! The construct modules (compiled from `specs/constructs/`) behave as the
//! spec language promises.

use std::collections::BTreeMap;

use integration_tests::constructs::*;
use integration_tests::json::assert_json_eq;
use integration_tests::runtime::{Decimal, Patch};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn open_enums_map_known_and_keep_unknown_values() {
    use c_enums::models::State;
    assert_eq!(State::from("credit_card_expired"), State::CreditCardExpired);
    assert_eq!(State::from("self"), State::Self_);
    assert_eq!(State::from("3ds"), State::V3ds);
    let unknown: State = serde_json::from_str("\"refunded\"").unwrap();
    assert_eq!(unknown, State::from("refunded"));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"refunded\"");
    assert_eq!(State::Pending.to_string(), "pending");
}

#[test]
fn presence_rules_on_the_wire() {
    use c_presence::models::Line;
    let mut line = Line::new(Decimal::from(5), None);
    assert_json_eq(
        &json!({"Amount": 5, "Note": null}),
        &serde_json::to_value(&line).unwrap(),
    );
    line.quantity = Some(2);
    line.r#type = Some("invoice".into());
    line.attrs = Some(BTreeMap::from([("a".to_owned(), "1.50".parse().unwrap())]));
    assert_json_eq(
        &json!({"Amount": 5, "Note": null, "Quantity": 2, "type": "invoice", "Attrs": {"a": 1.50}}),
        &serde_json::to_value(&line).unwrap(),
    );
    let back: Line = serde_json::from_value(json!({"Amount": "5.10", "Note": "x"})).unwrap();
    assert_eq!(back.amount.to_string(), "5.10");
    assert!(
        serde_json::from_value::<Line>(json!({"Note": null})).is_err(),
        "a required field is required"
    );
}

/// Nullable by direction: `Line` is only read, so its nullable `Label` is
/// an `Option` (absent and `null` both `None`); `LineUpdate` is sent, so
/// its nullable fields are `Patch`es that say "leave out" or "clear".
#[tokio::test]
async fn nullable_fields_are_options_when_read_and_patches_when_sent() {
    use c_presence::models::{Line, LineUpdate};
    for body in [
        json!({"Amount": 1, "Note": null, "Label": null}),
        json!({"Amount": 1, "Note": null}),
    ] {
        let line: Line = serde_json::from_value(body).unwrap();
        let label: Option<String> = line.label;
        assert_eq!(label, None);
    }
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"Amount": 1, "Note": null, "Label": "gold"})),
        )
        .mount(&server)
        .await;
    let client = c_presence::Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    let got = client.lines().get("l1").await.unwrap().into_body();
    assert_eq!(got.label.as_deref(), Some("gold"));
    let update = LineUpdate {
        label: Patch::Null,
        quantity: Patch::Value(3),
    };
    client.lines().update("l1", &update).await.unwrap();
    client
        .lines()
        .update("l1", &LineUpdate::default())
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap();
    assert_eq!(
        String::from_utf8_lossy(&sent[1].body),
        r#"{"Label":null,"Quantity":3}"#
    );
    assert_eq!(String::from_utf8_lossy(&sent[2].body), "{}");
}

#[test]
fn open_models_keep_and_closed_models_drop_unknown_fields() {
    let input = json!({"Name": "a", "custom__c": 1});
    let open: c_open::models::Record = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(open.display_name.as_deref(), Some("a"));
    assert_json_eq(&input, &serde_json::to_value(&open).unwrap());
    // A field is read from any of its aliases and written under its key.
    for alias in ["name", "DisplayName"] {
        let aliased: c_open::models::Record =
            serde_json::from_value(json!({ alias: "b", "x": 2 })).unwrap();
        assert_eq!(aliased.display_name.as_deref(), Some("b"));
        assert_json_eq(
            &json!({"Name": "b", "x": 2}),
            &serde_json::to_value(&aliased).unwrap(),
        );
    }
    let closed: c_open::models::Closed = serde_json::from_value(input).unwrap();
    assert_json_eq(
        &json!({"Name": "a"}),
        &serde_json::to_value(&closed).unwrap(),
    );
}

#[test]
fn query_parameters_encode_in_order_and_repeat_lists() {
    use c_query::models::State;
    let query = c_query::InvoicesListQuery::new("cust/0001&x=1")
        .range("created")
        .size(20)
        .state(vec![State::Pending, State::Dunning]);
    assert_eq!(
        query.to_query().unwrap().encode(),
        "range=created&size=20&state=pending&state=dunning&customer=cust%2F0001%26x%3D1"
    );
}

#[tokio::test]
async fn path_and_header_parameters_are_sent() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Name": "n"})))
        .mount(&server)
        .await;
    let client = c_paths::Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    let item = client
        .items()
        .get(c_paths::models::ItemId::new("a/b"), 3, "trace-1")
        .await
        .unwrap();
    assert_eq!(item.body().name.as_deref(), Some("n"));
    client
        .items()
        .delete(c_paths::models::ItemId::new("a b"))
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent[0].url.path(), "/items/a%2Fb/versions/3");
    assert_eq!(sent[0].headers.get("x-trace").unwrap(), "trace-1");
    assert_eq!(
        (sent[1].method.as_str(), sent[1].url.path()),
        ("DELETE", "/items/a%20b")
    );
}

#[test]
fn settings_environments_variables_and_basic_auth() {
    let missing = c_settings::Client::builder()
        .environment(c_settings::Environment::Sandbox)
        .build()
        .unwrap_err();
    assert!(missing.to_string().contains("`org`"), "{missing}");
    let client = c_settings::Client::builder()
        .environment(c_settings::Environment::Sandbox)
        .org("acme")
        .basic_auth("key", "")
        .build()
        .unwrap();
    assert_eq!(
        client.base_url(),
        "https://sandbox.example.com/acme/rest/2.0"
    );
    assert_eq!(c_settings::TIMESTAMP_FORMAT.fraction_digits(), 3);
}

/// Overridable default headers: sent with the spec's value, replaced by
/// the builder method's, refused at build time when they cannot be sent.
#[tokio::test]
async fn overridable_headers_default_and_replaced() {
    use wiremock::matchers::{method, path};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"code": 0})))
        .mount(&server)
        .await;
    let builder = || {
        c_settings::Client::builder()
            .base_url(server.uri())
            .basic_auth("key", "")
    };
    builder().build().unwrap().status().get().await.unwrap();
    builder()
        .api_version("2025-01-01")
        .x_client_tier("gold")
        .build()
        .unwrap()
        .status()
        .get()
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap();
    let values = |i: usize, name: &str| {
        let all: Vec<_> = sent[i]
            .headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        all
    };
    assert_eq!(values(0, "api-version"), ["2024-06-20"]);
    assert_eq!(values(0, "x-client-tier"), ["standard"]);
    assert_eq!(values(0, "accept"), ["application/json"]);
    assert_eq!(
        values(1, "api-version"),
        ["2025-01-01"],
        "replaced, not added"
    );
    assert_eq!(values(1, "x-client-tier"), ["gold"]);
    let err = builder()
        .api_version("2025\r\nX-Evil: 1")
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        integration_tests::runtime::BuildError::InvalidHeader("api-version".into())
    );
}

/// The request id of a successful call: from the header, else from the
/// body where the spec says (`request_id_in_body: /meta/request_id`).
#[tokio::test]
async fn the_request_id_of_a_success_comes_from_the_header_or_the_body() {
    use wiremock::matchers::{header, method, path};
    let server = MockServer::start().await;
    let body = serde_json::json!({"code": 0, "meta": {"request_id": "req_body"}});
    Mock::given(method("GET"))
        .and(path("/status"))
        .and(header("x-case", "header"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Request-Id", "req_header")
                .set_body_json(&body),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/status"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    let client = c_settings::Client::builder()
        .base_url(server.uri())
        .basic_auth("key", "")
        .build()
        .unwrap();
    let from_body = client.status().get().await.unwrap();
    assert_eq!(from_body.request_id(), Some("req_body"));
    let from_header = client
        .status()
        .get()
        .header("X-Case", "header")
        .await
        .unwrap();
    assert_eq!(from_header.request_id(), Some("req_header"));
}

mod paging {
    use integration_tests::constructs::c_paging::ItemsListQuery;
    use integration_tests::constructs::c_paging::models::{
        Code, Failure, Item, NumberedPage, TokenPage,
    };
    use integration_tests::runtime::plumbing::{PagedQuery, Signals};
    use integration_tests::runtime::{Cursor, ErrorDetails, Page};

    #[test]
    fn generic_pages_expose_their_declared_signals() {
        let page: TokenPage<Item> =
            serde_json::from_str(r#"{"size":10,"count":10,"content":[],"next_page_token":"t2"}"#)
                .unwrap();
        let expected = Signals {
            next: Some("t2".into()),
            size: Some(10),
            count: Some(10),
            ..Signals::default()
        };
        assert_eq!(page.signals(), expected);
        let bare: TokenPage<Item> = serde_json::from_str(r#"{"size":10,"content":[]}"#).unwrap();
        assert_eq!(bare.signals().next, None);
        assert_eq!(bare.signals().count, None);
        let numbered: NumberedPage<Item> = serde_json::from_str(
            r#"{"page":4,"size":2,"count":2,"content":[{"handle":"a","day":"2022-01-31"},{"handle":"b"}]}"#,
        )
        .unwrap();
        assert_eq!(numbered.signals().page, Some(4));
        assert_eq!(numbered.items().len(), 2);
        let items = numbered.into_items();
        assert_eq!(items[0].day.unwrap().to_string(), "2022-01-31");
        // An absent optional items field is an empty page.
        let empty: NumberedPage<Item> =
            serde_json::from_str(r#"{"page":5,"size":2,"count":0}"#).unwrap();
        assert!(empty.items().is_empty());
    }

    #[test]
    fn the_group_parameter_is_replaced_in_place_and_the_cursor_set() {
        let q = ItemsListQuery::new()
            .range(integration_tests::constructs::c_paging::models::Range::Created)
            .size(10);
        let next = q.with_cursor(Cursor::Token("abc".into()));
        assert_eq!(
            next.to_query().unwrap().encode(),
            "range=created&size=10&next_page_token=abc"
        );
        assert_eq!(next.cursor(), Some(Cursor::Token("abc".into())));
    }

    #[test]
    fn integer_codes_are_open_and_carry_hints() {
        let f: Failure =
            serde_json::from_str(r#"{"code":144,"error":"Query timeout","request-id":"r1"}"#)
                .unwrap();
        assert_eq!(f.code, Code::Timeout);
        assert_eq!(f.hint(), Some("narrow the time range"));
        assert_eq!(ErrorDetails::code(&f).as_deref(), Some("144"));
        assert_eq!(f.message().as_deref(), Some("Query timeout"));
        assert_eq!(f.request_id.as_deref(), Some("r1"));
        let unknown: Failure = serde_json::from_str(r#"{"code":7}"#).unwrap();
        assert_eq!(unknown.code, Code::from(7));
        assert_eq!(serde_json::to_string(&unknown).unwrap(), r#"{"code":7}"#);
        assert_eq!(unknown.hint(), None);
    }
}

#[test]
fn bytes_and_one_or_many_fields_keep_their_wire_shape() {
    use integration_tests::constructs::c_paging::models::Item;
    use integration_tests::runtime::OneOrMany;
    let json = r#"{"handle":"a","file":"SGk=","tags":"x"}"#;
    let item: Item = serde_json::from_str(json).unwrap();
    assert_eq!(item.file.as_ref().unwrap().as_bytes(), b"Hi");
    assert_eq!(item.tags, Some(OneOrMany::One("x".to_owned())));
    assert_eq!(serde_json::to_string(&item).unwrap(), json);
    let many: Item = serde_json::from_str(r#"{"handle":"a","tags":["x","y"]}"#).unwrap();
    assert_eq!(many.tags.unwrap().into_vec(), ["x", "y"]);
}

mod records {
    use integration_tests::constructs::c_records::models::{Outcome, Widget};
    use integration_tests::constructs::c_records::{Client, RecordsCountQuery, RecordsSelectQuery};
    use integration_tests::runtime::sql::{Select, col};
    use integration_tests::runtime::{Decimal, EntityName, Error, Patch, Record, RetryPolicy};
    use serde_json::json;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    async fn server() -> MockServer {
        let server = MockServer::start().await;
        Mock::given(path("/t/auth/sign-in"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"result": {"token": "tok-1"}})),
            )
            .mount(&server)
            .await;
        server
    }

    fn client(server: &MockServer) -> Client {
        Client::builder()
            .base_url(format!("{}/t", server.uri()))
            .session_login("alice", "pw")
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap()
    }

    async fn body_of(server: &MockServer, n: usize) -> serde_json::Value {
        let received = server.received_requests().await.unwrap();
        serde_json::from_slice(&received[n].body).unwrap()
    }

    #[tokio::test]
    async fn login_uses_the_declared_fields_pointer_and_header() {
        let server = server().await;
        Mock::given(method("POST"))
            .and(path("/t/widget/save"))
            .and(header("x-session", "tok-1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"saved": [
                {"status": "OK", "id": "w1"},
                {"status": "DONE", "id": "w2"},
                {"status": "CONFLICT", "message": ["taken", "try again"], "field": "id"}
            ]})))
            .mount(&server)
            .await;
        let widgets = [
            Widget {
                count: Some(3),
                enabled: true,
                ..Widget::new(true, None)
            },
            Widget {
                since: Patch::Null,
                ..Widget::new(false, Some(Decimal::from(5)))
            },
            Widget::new(true, None),
        ];
        let out = client(&server)
            .records()
            .save(Widget::ENTITY, "id", &widgets)
            .await
            .unwrap()
            .into_body();
        assert_eq!(
            body_of(&server, 0).await,
            json!({"user": "alice", "secret": "pw"})
        );
        // Every `null` the record serialises to (a tri-state `Null`, a
        // required-nullable `None`) is moved to the envelope's nulls key.
        assert_eq!(
            body_of(&server, 1).await,
            json!({"keyField": "id", "items": [
                {"count": "3", "enabled": "1", "clear": "price"},
                {"enabled": "0", "price": "5", "clear": "since"},
                {"enabled": "1", "clear": "price"}
            ]})
        );
        assert_eq!(out[0].as_ref().unwrap().id.as_deref(), Some("w1"));
        assert_eq!(out[1].as_ref().unwrap().id.as_deref(), Some("w2"));
        let e = out[2].as_ref().unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.text.as_deref(), e.field.as_deref()),
            ("CONFLICT", Some("taken; try again"), Some("id"))
        );
    }

    /// An optional checked condition is sent only when set, as its SQL
    /// text; a condition the builder refuses fails before sending.
    #[tokio::test]
    async fn an_optional_condition_is_sent_only_when_set() {
        let server = server().await;
        Mock::given(path("/t/gadget/count"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!(7)))
            .mount(&server)
            .await;
        let c = client(&server);
        let gadget = EntityName::new("gadget").unwrap();
        let all = c.records().count(&gadget, &RecordsCountQuery::new()).await;
        assert_eq!(*all.unwrap().body(), 7);
        let query = RecordsCountQuery::new().r#where(col("Name").eq("O'Brien"));
        c.records().count(&gadget, &query).await.unwrap();
        let counts: Vec<Option<String>> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .filter(|r| r.url.path() == "/t/gadget/count")
            .map(|r| r.url.query().map(str::to_owned))
            .collect();
        assert_eq!(
            counts,
            vec![
                None,
                Some("where=Name%20%3D%20%27O%27%27Brien%27".to_owned())
            ]
        );
        let refused = RecordsCountQuery::new().r#where(col("bad name").eq(1));
        let err = c.records().count(&gadget, &refused).await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err}");
    }

    #[tokio::test]
    async fn reads_unwrap_lists_and_single_records() {
        let server = server().await;
        Mock::given(path("/t/gadget"))
            .respond_with(ResponseTemplate::new(404).set_body_json(json!({"problems": []})))
            .mount(&server)
            .await;
        Mock::given(path("/t/gadget/g1"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"found": [{"id": "g1", "x": 1}]})),
            )
            .mount(&server)
            .await;
        Mock::given(path("/t/gadget/g2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"found": []})))
            .mount(&server)
            .await;
        let c = client(&server);
        let gadget = EntityName::new("gadget").unwrap();
        let none = c.records().find(&gadget, &col("x").gt(1)).await.unwrap();
        assert!(none.body().is_empty(), "404 is an empty list here");
        let one: Record = c.records().one(&gadget, "g1").await.unwrap().into_body();
        assert_eq!(one["x"], json!(1));
        let err = c.records().one(&gadget, "g2").await.unwrap_err();
        match err {
            Error::Decode(d) => assert!(d.message.contains("exactly one record"), "{d}"),
            other => panic!("{other}"),
        }
    }

    #[tokio::test]
    async fn rows_are_the_callers_type_and_errors_read_the_first_item() {
        let server = server().await;
        Mock::given(path("/t/select"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"rows": [{"n": 1}, {"n": 2}]})),
            )
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(path("/t/select"))
            .respond_with(ResponseTemplate::new(404).set_body_json(
                json!({"problems": [{"kind": "missing", "detail": "no such table"}]}),
            ))
            .mount(&server)
            .await;
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct N {
            n: i32,
        }
        let c = client(&server);
        let query = RecordsSelectQuery::new(Select::from("T").column("n")).limit(5);
        assert_eq!(
            query.to_query().unwrap().encode(),
            "q=SELECT%20n%20FROM%20T&limit=5"
        );
        let rows: Vec<N> = c.records().select(&query).await.unwrap().into_body();
        assert_eq!(rows, vec![N { n: 1 }, N { n: 2 }]);
        let err = c.records().select::<N>(&query).await.unwrap_err();
        assert_eq!(err.status(), Some(404), "not_found: error is the default");
        assert_eq!(
            err.to_string(),
            "HTTP 404 for GET /t/select: code missing: no such table"
        );
    }

    #[tokio::test]
    async fn a_rejected_single_record_is_error_record_and_logout_forgets_the_session() {
        let server = server().await;
        Mock::given(path("/t/widget/restore"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"restored": [{"status": "GONE", "message": "purged"}]})),
            )
            .mount(&server)
            .await;
        Mock::given(path("/t/auth/sign-out"))
            .and(header("x-session", "tok-1"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
        let c = client(&server);
        let outcome = Outcome {
            id: Some("w9".into()),
        };
        let err = c
            .records()
            .restore(Widget::ENTITY, &outcome)
            .await
            .unwrap_err();
        match &err {
            Error::Record(r) => assert_eq!(
                (r.index, r.code.as_str(), r.text.as_deref()),
                (0, "GONE", Some("purged"))
            ),
            other => panic!("{other}"),
        }
        assert_eq!(
            body_of(&server, 1).await,
            json!({"id": "w9"}),
            "not wrapped"
        );
        c.logout().await.unwrap();
        let received = server.received_requests().await.unwrap();
        assert_eq!(received.len(), 3);
        assert_eq!(received[2].url.path(), "/t/auth/sign-out");
        // The next call logs in again.
        let _ = c.records().restore(Widget::ENTITY, &outcome).await;
        let received = server.received_requests().await.unwrap();
        assert_eq!(received[3].url.path(), "/t/auth/sign-in");
    }

    #[tokio::test]
    async fn an_empty_slice_is_rejected_before_logging_in() {
        let server = server().await;
        let err = client(&server)
            .records()
            .save(Widget::ENTITY, "id", &[])
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err}");
        assert!(server.received_requests().await.unwrap().is_empty());
    }
}

mod recursive {
    use integration_tests::constructs::c_recursive::Client;
    use integration_tests::constructs::c_recursive::models::{Category, Comment, Thread};
    use integration_tests::json::assert_json_eq;
    use integration_tests::runtime::OneOrMany;
    use serde_json::json;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    /// A tree as deep as the server sends it decodes into boxed recursive
    /// models and writes back the same JSON.
    #[tokio::test]
    async fn recursive_models_decode_and_round_trip() {
        let tree = json!({
            "Name": "leaf",
            "Parent": {"Name": "mid", "Parent": {"Name": "root"}},
            "Children": [{"Name": "c1", "Children": [{"Name": "c2"}]}],
            "Related": {"Name": "other", "Related": [{"Name": "a"}, {"Name": "b"}]}
        });
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/categories/leaf"))
            .respond_with(ResponseTemplate::new(200).set_body_json(&tree))
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap();
        let leaf = c.categories().get("leaf").await.unwrap().into_body();
        let root = leaf
            .parent
            .as_ref()
            .and_then(|p| p.parent.as_ref())
            .unwrap();
        assert_eq!(root.name, "root");
        assert_eq!(
            leaf.children.as_ref().unwrap()[0]
                .children
                .as_ref()
                .unwrap()[0]
                .name,
            "c2"
        );
        match leaf.related.as_ref().unwrap() {
            OneOrMany::One(other) => {
                assert!(matches!(other.related, Some(OneOrMany::Many(ref v)) if v.len() == 2))
            }
            OneOrMany::Many(_) => panic!("one related category"),
        }
        assert_json_eq(&tree, &serde_json::to_value(&leaf).unwrap());
    }

    /// Mutually recursive models are built with boxes.
    #[test]
    fn mutually_recursive_models_are_built_with_boxes() {
        let mut first = Comment::new("first reply".into());
        first.replies = None;
        let thread = Thread::new(Box::new(first));
        let mut top = Comment::new("top".into());
        top.replies = Some(Box::new(thread));
        let value = serde_json::to_value(&top).unwrap();
        assert_eq!(
            value,
            json!({"Text": "top", "Replies": {"First": {"Text": "first reply"}}})
        );
        let _ = Category::new("root".into());
    }
}

mod scalars {
    use integration_tests::constructs::c_scalars::{Client, EventsListQuery};
    use integration_tests::json::assert_json_eq;
    use integration_tests::runtime::{EpochMillis, EpochSeconds, Interval, StringOrNumber};
    use serde_json::json;
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn client(server: &MockServer) -> Client {
        Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap()
    }

    /// Unsigned integers, epoch instants and a string-or-number value read
    /// as sent and written back byte for byte.
    #[tokio::test]
    async fn scalars_decode_and_round_trip() {
        let body = json!({
            "Seq": 18446744073709551615u64, "Retries": 3, "Quota": "4000000000",
            "Created": 1484060590, "Updated": 1484060590123i64, "Amount": "12.50"
        });
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/events/18446744073709551615"))
            .respond_with(ResponseTemplate::new(200).set_body_json(&body))
            .mount(&server)
            .await;
        let event = client(&server)
            .events()
            .get(u64::MAX)
            .await
            .unwrap()
            .into_body();
        assert_eq!(event.seq, u64::MAX);
        assert_eq!(event.quota, Some(4_000_000_000));
        assert_eq!(event.created.to_offset_date_time().unwrap().year(), 2017);
        assert_eq!(event.updated, Some(EpochMillis::new(1_484_060_590_123)));
        assert_eq!(event.amount, Some(StringOrNumber::String("12.50".into())));
        assert_json_eq(&body, &serde_json::to_value(&event).unwrap());
        let numeric: StringOrNumber = serde_json::from_str("12.50").unwrap();
        assert_eq!(serde_json::to_string(&numeric).unwrap(), "12.50");
    }

    /// In a query, epoch instants and unsigned integers are their integer
    /// text; an interval of instants is written in interval notation.
    #[tokio::test]
    async fn scalars_in_queries() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/events"))
            .and(query_param("created_after", "1484060590"))
            .and(query_param("updated", "[1000;2000)"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .mount(&server)
            .await;
        let query = EventsListQuery::new()
            .created_after(EpochSeconds::new(1_484_060_590))
            .updated(Interval::half_open(
                EpochMillis::new(1000),
                EpochMillis::new(2000),
            ))
            .kinds(vec![1, 4_000_000_000]);
        assert_eq!(
            query.to_query().unwrap().encode(),
            "created_after=1484060590&updated=%5B1000%3B2000%29&kinds=1&kinds=4000000000"
        );
        let events = client(&server)
            .events()
            .list(&query)
            .await
            .unwrap()
            .into_body();
        assert!(events.is_empty());
    }
}

mod errors {
    use integration_tests::constructs::c_errors::Client;
    use integration_tests::constructs::c_errors::models::{Charge, FailureCode};
    use serde_json::json;
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    /// Code, message and request id are read from inside `error`; the
    /// error's text shows all three, and the code is a typed value.
    #[tokio::test]
    async fn nested_error_fields_are_read() {
        let server = MockServer::start().await;
        for (n, id_key) in [(1, "request_id"), (2, "requestId")] {
            server.reset().await;
            Mock::given(method("POST"))
                .respond_with(ResponseTemplate::new(402).set_body_json(json!({
                    "error": {"code": "card_declined", "message": "Your card was declined.", "param": "card", id_key: format!("req_{n}")}
                })))
                .mount(&server)
                .await;
            let c = Client::builder()
                .base_url(server.uri())
                .bearer_token("t")
                .build()
                .unwrap();
            let err = c.charges().create(&Charge::default()).await.unwrap_err();
            assert_eq!(err.code().as_deref(), Some("card_declined"));
            assert_eq!(err.request_id(), Some(format!("req_{n}").as_str()));
            assert_eq!(err.hint(), Some("Ask the customer for another card."));
            assert_eq!(
                err.body().and_then(|b| b.error.code.clone()),
                Some(FailureCode::CardDeclined)
            );
            let shown = err.to_string();
            assert!(
                shown.contains("HTTP 402")
                    && shown.contains(&format!("request id req_{n}"))
                    && shown.contains("code card_declined")
                    && shown.contains("Your card was declined.: card"),
                "{shown}"
            );
        }
    }

    /// `auth.expired` declares a 403 with the nested code `token_expired`:
    /// the client fetches a new token and repeats the POST once; a 403 with
    /// another code is returned as it is.
    #[tokio::test]
    async fn a_declared_expiry_code_fetches_a_new_token_and_repeats_once() {
        use wiremock::matchers::{header, path};
        let server = MockServer::start().await;
        for (n, token) in [(1, "tok-1"), (2, "tok-2")] {
            Mock::given(path("/oauth/token"))
                .respond_with(ResponseTemplate::new(200).set_body_json(
                    json!({"access_token": token, "token_type": "bearer", "expires_in": 3600}),
                ))
                .up_to_n_times(1)
                .with_priority(n)
                .mount(&server)
                .await;
        }
        Mock::given(path("/charges"))
            .and(header("authorization", "Bearer tok-1"))
            .respond_with(
                ResponseTemplate::new(403).set_body_json(
                    json!({"error": {"code": "token_expired", "message": "Expired."}}),
                ),
            )
            .mount(&server)
            .await;
        Mock::given(path("/charges"))
            .and(header("authorization", "Bearer tok-2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "ch_1"})))
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .client_credentials("id", "secret")
            .token_url(format!("{}/oauth/token", server.uri()))
            .build()
            .unwrap();
        c.charges().create(&Charge::default()).await.unwrap();
        let paths: Vec<String> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| r.url.path().to_owned())
            .collect();
        assert_eq!(
            paths,
            ["/oauth/token", "/charges", "/oauth/token", "/charges"]
        );

        // Another 403 code is not an expiry.
        server.reset().await;
        Mock::given(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"access_token": "tok-3", "token_type": "bearer", "expires_in": 3600}),
            ))
            .mount(&server)
            .await;
        Mock::given(path("/charges"))
            .respond_with(
                ResponseTemplate::new(403)
                    .set_body_json(json!({"error": {"code": "card_declined"}})),
            )
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .client_credentials("id", "secret")
            .token_url(format!("{}/oauth/token", server.uri()))
            .build()
            .unwrap();
        let err = c.charges().create(&Charge::default()).await.unwrap_err();
        assert_eq!(err.status(), Some(403));
        assert_eq!(server.received_requests().await.unwrap().len(), 2);
    }
}

mod form {
    use std::collections::BTreeMap;

    /// Every query style on the wire: repeated keys, `name[]`, comma-joined,
    /// one JSON array (strings quoted, numbers bare), and deep objects from a
    /// map and from a model.
    #[tokio::test]
    async fn query_styles_on_the_wire() {
        use integration_tests::constructs::c_form::SubscriptionsSearchQuery;
        use integration_tests::constructs::c_form::models::CreatedFilter;
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/subscriptions"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap();
        let query = SubscriptionsSearchQuery::new()
            .status(vec!["active".into(), "past_due".into()])
            .expand(vec!["customer".into(), "invoice".into()])
            .ids(vec!["sub_1".into(), "sub_2".into()])
            .status_in(["active".to_owned(), "paused".to_owned()])
            .created_between([1_700_000_000, 1_710_000_000])
            .metadata(BTreeMap::from([("order_id".to_owned(), "6735".to_owned())]))
            .created(CreatedFilter {
                gte: Some(EpochSeconds::new(1_700_000_000)),
                lt: None,
            });
        c.subscriptions().search(&query).await.unwrap();
        let sent = server.received_requests().await.unwrap();
        assert_eq!(
            sent[0].url.query().unwrap(),
            "status=active&status=past_due&expand%5B%5D=customer&expand%5B%5D=invoice&ids=sub_1%2Csub_2&status%5Bin%5D=%5B%22active%22%2C%22paused%22%5D&created%5Bbetween%5D=%5B1700000000%2C1710000000%5D&metadata%5Border_id%5D=6735&created%5Bgte%5D=1700000000"
        );
        // Decoded, the JSON arrays are as documented.
        let pairs: Vec<(String, String)> = sent[0].url.query_pairs().into_owned().collect();
        assert!(pairs.contains(&("status[in]".into(), r#"["active","paused"]"#.into())));
        assert!(pairs.contains(&("created[between]".into(), "[1700000000,1710000000]".into())));
    }

    /// A field declared `form_null: empty` writes its `null` as `coupon=`
    /// (the API's way to clear it); other nulls are left out.
    #[tokio::test]
    async fn a_null_is_sent_empty_where_the_spec_says() {
        use integration_tests::constructs::c_form::models::SubscriptionParams;
        use integration_tests::runtime::Patch;
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "sub_1"})))
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap();
        let params = SubscriptionParams {
            coupon: Patch::Null,
            ..SubscriptionParams::new("cus_1".into())
        };
        c.subscriptions().create(&params).await.unwrap();
        let kept = SubscriptionParams::new("cus_1".into());
        c.subscriptions().create(&kept).await.unwrap();
        let sent = server.received_requests().await.unwrap();
        assert_eq!(
            String::from_utf8_lossy(&sent[0].body),
            "customer=cus_1&coupon="
        );
        assert_eq!(String::from_utf8_lossy(&sent[1].body), "customer=cus_1");
    }

    /// A multipart upload: the file as a binary part, the other fields as
    /// text parts, parsed back from the bytes on the wire.
    #[tokio::test]
    async fn a_multipart_upload_on_the_wire() {
        use integration_tests::constructs::c_form::models::Upload;
        use integration_tests::runtime::Base64Bytes;
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/files"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "file_1"})))
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap();
        let file = vec![0x89u8, b'P', b'N', b'G', 0, 255, b'\r', b'\n'];
        let upload = Upload {
            metadata: Some(BTreeMap::from([("case".to_owned(), "7".to_owned())])),
            ..Upload::new("dispute_evidence".into(), Base64Bytes::new(file.clone()))
        };
        c.files().upload(&upload).await.unwrap();
        let sent = server.received_requests().await.unwrap();
        let ct = sent[0]
            .headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let boundary = ct
            .strip_prefix("multipart/form-data; boundary=")
            .expect("a multipart body");
        let body = &sent[0].body;
        let delimiter = format!("--{boundary}");
        let text = String::from_utf8_lossy(body);
        let parts: Vec<&str> = text.split(delimiter.as_str()).collect();
        assert_eq!(parts.len(), 5, "{text}"); // "", 3 parts, "--\r\n"
        assert!(parts[1].contains("name=\"purpose\"\r\n\r\ndispute_evidence\r\n"));
        assert!(parts[2].contains(
            "name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream"
        ));
        assert!(parts[3].contains("name=\"metadata[case]\"\r\n\r\n7\r\n"));
        // The file's bytes are on the wire as they are.
        let start = body
            .windows(4)
            .position(|w| w == b"\r\n\r\n".as_slice())
            .unwrap();
        let file_at = body.windows(file.len()).position(|w| w == file.as_slice());
        assert!(
            file_at.is_some_and(|at| at > start),
            "the raw file bytes are in the body"
        );
    }

    use integration_tests::constructs::c_form::Client;
    use integration_tests::constructs::c_form::models::{ItemParams, SubscriptionParams};
    use integration_tests::runtime::EpochSeconds;
    use serde_json::json;
    use wiremock::matchers::{body_string, header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn params() -> SubscriptionParams {
        let mut p = SubscriptionParams::new("cus_1".into());
        p.items = Some(vec![ItemParams {
            quantity: Some(2),
            ..ItemParams::new("p_1".into())
        }]);
        p.metadata = Some(BTreeMap::from([("order_id".to_owned(), "6735".to_owned())]));
        p.expand = Some(vec!["customer".into()]);
        p.trial_end = Some(EpochSeconds::new(1_700_000_000));
        p
    }

    /// The bytes on the wire: bracket nesting, percent-encoded, with the
    /// form media type; the JSON endpoint sends JSON.
    #[tokio::test]
    async fn form_bodies_on_the_wire() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/subscriptions"))
            .and(header("content-type", "application/x-www-form-urlencoded"))
            .and(body_string(
                // Field order, as the struct declares them.
                "customer=cus_1&items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&metadata%5Border_id%5D=6735&expand%5B%5D=customer&trial_end=1700000000",
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "sub_1"})))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/subscriptions/import"))
            .and(header("content-type", "application/json"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "sub_2"})))
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap();
        let created = c
            .subscriptions()
            .create(&params())
            .await
            .unwrap()
            .into_body();
        assert_eq!(created.id.as_deref(), Some("sub_1"));
        let imported = c
            .subscriptions()
            .import(&params())
            .await
            .unwrap()
            .into_body();
        assert_eq!(imported.id.as_deref(), Some("sub_2"));
        let sent = server.received_requests().await.unwrap();
        let json: serde_json::Value = serde_json::from_slice(&sent[1].body).unwrap();
        assert_eq!(json["items"][0]["price"], "p_1");
    }

    /// `form_lists: field_then_index` puts the index after the item's
    /// field (`addons[price][0]=a_1&addons[quantity][0]=2`), in list
    /// order past index 9; `items`, whose own `form_list` says
    /// `index_then_field`, keeps `items[0][price]`.
    #[tokio::test]
    async fn list_indices_go_where_the_api_puts_them() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "sub_1"})))
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap();
        let mut p = SubscriptionParams::new("cus_1".into());
        p.items = Some(vec![ItemParams::new("p_1".into())]);
        p.addons = Some(
            (0..11)
                .map(|i| ItemParams {
                    quantity: Some(i),
                    ..ItemParams::new(format!("a_{i}"))
                })
                .collect(),
        );
        c.subscriptions().create(&p).await.unwrap();
        let sent = server.received_requests().await.unwrap();
        let body = String::from_utf8(sent[0].body.clone()).unwrap();
        assert!(
            body.starts_with(
                "customer=cus_1&items%5B0%5D%5Bprice%5D=p_1&addons%5Bprice%5D%5B0%5D=a_0&addons%5Bquantity%5D%5B0%5D=0&addons%5Bprice%5D%5B1%5D=a_1"
            ),
            "{body}"
        );
        let keys: Vec<String> = url::form_urlencoded::parse(body.as_bytes())
            .map(|(k, _)| k.into_owned())
            .collect();
        assert_eq!(keys.len(), 2 + 22);
        assert_eq!(keys[2 + 2 * 9], "addons[price][9]");
        assert_eq!(keys[2 + 2 * 10], "addons[price][10]");
        assert_eq!(keys.last().unwrap(), "addons[quantity][10]");
    }
}

mod rooted {
    use integration_tests::constructs::c_rooted::Client;
    use integration_tests::constructs::c_rooted::models::Customer;
    use integration_tests::runtime::Error;
    use serde_json::json;
    use wiremock::matchers::{body_json, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    /// The body goes out under its key, the result comes back from under
    /// its key (exactly, `meta` left aside), and a decode error names the
    /// path inside the wrapper.
    #[tokio::test]
    async fn bodies_travel_under_their_root_key() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/customers"))
            .and(body_json(json!({"customer": {"email": "a@example.com"}})))
            .respond_with(ResponseTemplate::new(201).set_body_string(
                r#"{"customer": {"id": "c1", "email": "a@example.com", "balance": 12345678901234567.89}}"#,
            ))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/customers"))
            .respond_with(ResponseTemplate::new(200).set_body_string(
                r#"{"customers": [{"id": "c1"}, {"id": 2}], "meta": {"next_page": 2}}"#,
            ))
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap();
        let new = Customer {
            email: Some("a@example.com".into()),
            ..Customer::default()
        };
        let created = c.customers().create(&new).await.unwrap().into_body();
        assert_eq!(created.id.as_deref(), Some("c1"));
        assert_eq!(created.balance.unwrap().to_string(), "12345678901234567.89");
        let err = c.customers().list().await.unwrap_err();
        match err {
            Error::Decode(d) => assert_eq!(d.path, "customers[1].id"),
            other => panic!("expected a decode error, got {other}"),
        }
    }

    async fn client(server: &MockServer) -> Client {
        Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap()
    }

    /// A paged list under its key: the stream reads `meta.next_page` beside
    /// the list from the description's page model and asks for page 2;
    /// the page keeps the members beside the list typed.
    #[tokio::test]
    async fn a_paged_list_under_a_key() {
        use integration_tests::constructs::c_rooted::CustomersListPagedQuery;
        use integration_tests::runtime::futures::TryStreamExt;
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/customers/paged"))
            .and(query_param("page", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_string(
                r#"{"customers": [{"id": "c3"}], "meta": {"next_page": null, "total": 3}}"#,
            ))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/customers/paged"))
            .respond_with(ResponseTemplate::new(200).set_body_string(
                r#"{"meta": {"next_page": 2, "total": 3}, "customers": [{"id": "c1"}, {"id": "c2"}]}"#,
            ))
            .mount(&server)
            .await;
        let c = client(&server).await;
        let query = CustomersListPagedQuery::new().per_page(2);
        let first = c.customers().list_paged(&query).await.unwrap().into_body();
        assert_eq!(first.items().len(), 2);
        assert_eq!(first.info().meta.as_ref().unwrap().total, Some(3));
        let ids: Vec<String> = c
            .customers()
            .list_paged_items(&query)
            .map_ok(|customer| customer.id.unwrap_or_default())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(ids, ["c1", "c2", "c3"]);
        let sent = server.received_requests().await.unwrap();
        assert_eq!(sent[2].url.query(), Some("page=2&per_page=2"));
    }

    /// Wrapped items: the item stream yields the customers; the page
    /// stream gives each customer with the members beside it (its card);
    /// the next page's token is read beside the list.
    #[tokio::test]
    async fn wrapped_items_yield_the_item_and_keep_their_siblings() {
        use integration_tests::constructs::c_rooted::CustomersListWrappedQuery;
        use integration_tests::runtime::futures::TryStreamExt;
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/customers/wrapped"))
            .and(query_param("next_offset", "t2"))
            .respond_with(ResponseTemplate::new(200).set_body_string(
                r#"{"list": [{"card": {"last4": "0005"}, "customer": {"id": "c2"}}]}"#,
            ))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/customers/wrapped"))
            .respond_with(ResponseTemplate::new(200).set_body_string(
                r#"{"list": [{"customer": {"id": "c1"}, "card": {"last4": "4242"}}], "next_offset": "t2"}"#,
            ))
            .mount(&server)
            .await;
        let c = client(&server).await;
        let query = CustomersListWrappedQuery::new();
        let ids: Vec<String> = c
            .customers()
            .list_wrapped_items(&query)
            .map_ok(|customer| customer.id.unwrap_or_default())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(ids, ["c1", "c2"]);
        let pages: Vec<_> = c
            .customers()
            .list_wrapped_pages(&query)
            .try_collect()
            .await
            .unwrap();
        let cards: Vec<(String, String)> = pages
            .iter()
            .flat_map(|page| page.entries())
            .map(|(customer, entry)| {
                let card = entry.card.as_ref().and_then(|c| c.last4.clone());
                (customer.id.clone().unwrap(), card.unwrap())
            })
            .collect();
        assert_eq!(
            cards,
            [("c1".into(), "4242".into()), ("c2".into(), "0005".into())]
        );
    }

    /// A wrapped element without the item's key, or a bad sibling, is a
    /// decode error naming the path inside the wrapper.
    #[tokio::test]
    async fn a_broken_wrapper_names_its_path() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/customers/wrapped"))
            .respond_with(ResponseTemplate::new(200).set_body_string(
                r#"{"list": [{"customer": {"id": "c1"}, "card": {"last4": 4242}}]}"#,
            ))
            .mount(&server)
            .await;
        let c = client(&server).await;
        let query = integration_tests::constructs::c_rooted::CustomersListWrappedQuery::new();
        match c.customers().list_wrapped(&query).await.unwrap_err() {
            Error::Decode(d) => assert_eq!(d.path, "list[0].card.last4"),
            other => panic!("expected a decode error, got {other}"),
        }
    }

    /// Side objects: the subscription from under its key, the customer and
    /// invoice beside it kept typed.
    #[tokio::test]
    async fn side_objects_are_kept_typed() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/subscriptions/s1"))
            .respond_with(ResponseTemplate::new(200).set_body_string(
                r#"{"subscription": {"id": "s1", "plan": "gold"}, "customer": {"id": "c1"}, "invoice": {"id": "i1", "amount": 12.50}}"#,
            ))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/subscriptions/s2"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_string(r#"{"subscription": {"id": "s2"}, "invoice": {"id": 5}}"#),
            )
            .mount(&server)
            .await;
        let c = client(&server).await;
        let got = c.subscriptions().get("s1").await.unwrap().into_body();
        assert_eq!(got.value.plan.as_deref(), Some("gold"));
        let (subscription, sides) = got.into_parts();
        assert_eq!(subscription.id.as_deref(), Some("s1"));
        assert_eq!(sides.customer.unwrap().id.as_deref(), Some("c1"));
        assert_eq!(sides.invoice.unwrap().amount.unwrap().to_string(), "12.50");
        match c.subscriptions().get("s2").await.unwrap_err() {
            Error::Decode(d) => assert_eq!(d.path, "invoice.id"),
            other => panic!("expected a decode error, got {other}"),
        }
    }
}

mod statuses {
    use integration_tests::constructs::c_statuses::models::{Customer, Job};
    use integration_tests::constructs::c_statuses::{Client, CustomersUpsertOutcome, Error};
    use serde_json::json;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    async fn answer(template: ResponseTemplate) -> (MockServer, Client) {
        let server = MockServer::start().await;
        Mock::given(method("PUT"))
            .and(path("/customers/c1"))
            .respond_with(template.clone())
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/legacy/import"))
            .respond_with(template)
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap();
        (server, c)
    }

    /// Each declared status gives its own variant; 204 has no body to read.
    #[tokio::test]
    async fn the_status_picks_the_variant() {
        let customer = Customer::new("c1".into());
        let body = json!({"id": "c1"});
        for (status, template, expected) in [
            (
                201,
                ResponseTemplate::new(201).set_body_json(&body),
                CustomersUpsertOutcome::Created(customer.clone()),
            ),
            (
                200,
                ResponseTemplate::new(200).set_body_json(&body),
                CustomersUpsertOutcome::Ok(customer.clone()),
            ),
            (
                202,
                ResponseTemplate::new(202).set_body_json(json!({"job_id": "j1"})),
                CustomersUpsertOutcome::Accepted(Job::new("j1".into())),
            ),
            (
                204,
                ResponseTemplate::new(204),
                CustomersUpsertOutcome::NoContent,
            ),
        ] {
            let (_server, c) = answer(template).await;
            let r = c.customers().upsert("c1", &customer).await.unwrap();
            assert_eq!(r.status(), status);
            assert_eq!(r.into_body(), expected);
        }
    }

    /// A success status the spec does not declare is a decode error that
    /// names it, not a silently empty value.
    #[tokio::test]
    async fn an_undeclared_success_status_is_a_decode_error() {
        let (_server, c) =
            answer(ResponseTemplate::new(206).set_body_json(json!({"id": "c1"}))).await;
        let err = c
            .customers()
            .upsert("c1", &Customer::new("c1".into()))
            .await
            .unwrap_err();
        match &err {
            Error::Decode(d) => {
                assert_eq!(d.status, 206);
                assert!(d.message.contains("201, 200, 202, 204"), "{}", d.message);
            }
            other => panic!("{other:?}"),
        }
    }

    /// The legacy endpoint's errors are its own type; the others keep the
    /// API's error body.
    #[tokio::test]
    async fn an_endpoint_error_body_is_typed_as_its_own() {
        let (_server, c) =
            answer(ResponseTemplate::new(400).set_body_json(json!({"fault": "bad csv"}))).await;
        let err = c
            .customers()
            .import(&Customer::new("c1".into()))
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(400));
        assert_eq!(err.body().map(|b| b.fault.as_str()), Some("bad csv"));
        let (_server, c) = answer(
            ResponseTemplate::new(400).set_body_json(json!({"type": "invalid", "title": "Bad id"})),
        )
        .await;
        let err = c
            .customers()
            .upsert("c1", &Customer::new("c1".into()))
            .await
            .unwrap_err();
        assert_eq!(err.code().as_deref(), Some("invalid"));
    }
}

mod unions {
    use integration_tests::constructs::c_unions::models::{
        Amount, Card, Charge, Customer, CustomerId, Expr, PaymentSource,
    };
    use integration_tests::runtime::IdOrObject;

    fn charge(text: &str) -> Charge {
        serde_json::from_str(text).unwrap()
    }

    fn round_trip(text: &str) {
        let parsed = charge(text);
        assert_eq!(serde_json::to_string(&parsed).unwrap(), text);
    }

    #[test]
    fn an_id_or_the_expanded_object() {
        let by_id = charge(r#"{"customer":"cus_1"}"#);
        assert_eq!(by_id.customer, IdOrObject::Id(CustomerId::new("cus_1")));
        let expanded = charge(r#"{"customer":{"id":"cus_1","balance":12345678901234567.89}}"#);
        let customer: &Customer = expanded.customer.object().unwrap();
        assert_eq!(
            customer.balance.unwrap().to_string(),
            "12345678901234567.89"
        );
        round_trip(r#"{"customer":{"id":"cus_1","balance":12345678901234567.89}}"#);
        round_trip(r#"{"customer":"cus_1"}"#);
    }

    #[test]
    fn a_tagged_union_reads_its_tag_and_keeps_unknown_values() {
        let card = charge(r#"{"customer":"c","source":{"object":"card","last4":"4242"}}"#);
        assert_eq!(
            card.source,
            Some(PaymentSource::Card(Card {
                object: "card".into(),
                last4: Some("4242".into())
            }))
        );
        let bank = charge(r#"{"customer":"c","source":{"object":"bank_account","iban":"DE89"}}"#);
        assert!(
            matches!(bank.source, Some(PaymentSource::BankAccount(b)) if b.iban.as_deref() == Some("DE89"))
        );
        // A newer API's variant is kept as it came, and written back unchanged.
        let text = r#"{"customer":"c","source":{"object":"wallet","amount":1.10}}"#;
        let wallet = charge(text);
        assert!(
            matches!(&wallet.source, Some(PaymentSource::Unknown(raw)) if raw.get() == r#"{"object":"wallet","amount":1.10}"#)
        );
        round_trip(text);
        // A known tag with a wrong body is an error, not silently unknown.
        let bad: Result<Charge, _> =
            serde_json::from_str(r#"{"customer":"c","source":{"object":"card","last4":4242}}"#);
        assert!(bad.is_err());
    }

    #[test]
    fn an_untagged_union_takes_the_variant_the_json_is() {
        assert_eq!(
            charge(r#"{"customer":"c","amount":1999}"#).amount,
            Some(Amount::Minor(1999))
        );
        assert_eq!(
            charge(r#"{"customer":"c","amount":"19.99 EUR"}"#).amount,
            Some(Amount::Text("19.99 EUR".into()))
        );
        let err = serde_json::from_str::<Charge>(r#"{"customer":"c","amount":true}"#).unwrap_err();
        assert!(
            err.to_string()
                .contains("matches none of the variants: Minor (`i64`), Text (`String`)"),
            "{err}"
        );
    }

    #[test]
    fn a_union_that_contains_itself() {
        let text = r#"{"customer":"c","formula":{"left":1.5,"right":{"left":2,"right":0.25}}}"#;
        let c = charge(text);
        let Some(Expr::Sum(sum)) = &c.formula else {
            panic!("{:?}", c.formula)
        };
        assert!(matches!(&*sum.left, Expr::Literal(d) if d.to_string() == "1.5"));
        assert!(matches!(&*sum.right, Expr::Sum(_)));
        round_trip(text);
    }
}

/// An unknown enum value can be read but not made: `From` picks the
/// documented variant when there is one.
#[test]
fn unknown_enum_values_are_opaque() {
    use c_enums::models::State;
    let known = State::from("settled");
    assert!(!matches!(known, State::Unknown(_)), "{known:?}");
    let unknown = State::from("refunded");
    let State::Unknown(value) = &unknown else {
        panic!("{unknown:?}")
    };
    assert_eq!(value.as_str(), "refunded");
    assert_eq!(unknown.as_str(), "refunded");
}

/// Input and output types (`c_inputs`): read-only fields are read but never
/// sent, `always_returned` fields are required when read, and a value read
/// goes back as its input twin without what the server set.
mod inputs {
    use integration_tests::constructs::c_inputs::models::{
        Order, Part, PartInput, Widget, WidgetInput,
    };
    use integration_tests::constructs::c_inputs::{Client, Error};
    use integration_tests::runtime::{EpochSeconds, Patch, RetryPolicy};
    use serde_json::{Value, json};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn stored() -> Value {
        json!({
            "id": "w1", "created": "2024-05-01T10:00:00Z", "name": "Gear",
            "label": null, "color": "red", "revision": 7,
            "parts": [{"serial": "S-1", "size": 3, "finish": "matte"}],
            "main": {"serial": "S-2", "size": 4},
            "by_slot": {"a": {"serial": "S-3", "size": 5}}
        })
    }

    async fn server(answer: Value) -> (MockServer, Client) {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(ResponseTemplate::new(200).set_body_json(answer))
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        (server, client)
    }

    async fn sent_body(server: &MockServer) -> Value {
        let requests = server.received_requests().await.unwrap();
        serde_json::from_slice(&requests.last().unwrap().body).unwrap()
    }

    /// Read, change, send back: the id, the timestamp, the part serials and
    /// the unknown `revision` and `finish` (inside a part) stay behind; the
    /// rest goes as read.
    #[tokio::test]
    async fn a_value_read_is_sent_back_without_what_the_server_set() {
        let (server, client) = server(stored()).await;
        let widget: Widget = serde_json::from_value(stored()).unwrap();
        assert_eq!(
            widget.id.as_str(),
            "w1",
            "an always-returned id is no Option"
        );
        assert_eq!(widget.name, "Gear");
        assert_eq!(widget.extra.value("revision"), Some(serde_json::json!(7)));
        let mut input = WidgetInput::from(widget.clone());
        // Read as an `Option`, sent as a `Patch`: nothing read, nothing sent
        // (a `null` read is not sent back as a clearing `null`).
        assert_eq!(widget.nickname, None);
        assert_eq!(input.nickname, Patch::Absent);
        let named = Widget {
            nickname: Some("cog".into()),
            ..widget.clone()
        };
        assert_eq!(
            WidgetInput::from(named).nickname,
            Patch::Value("cog".into())
        );
        // Read as RFC 3339, sent as Unix seconds: the twin holds the sent type.
        let due: Widget = serde_json::from_value(json!({
            "id": "w1", "name": "Gear", "label": null, "due": "2024-01-01T00:00:00Z"
        }))
        .unwrap();
        assert_eq!(due.due.unwrap().to_string(), "2024-01-01T00:00:00Z");
        let sent = WidgetInput::from(due);
        assert_eq!(sent.due, Some(EpochSeconds::new(1_704_067_200)));
        assert_eq!(
            serde_json::to_value(&sent).unwrap()["due"],
            json!(1_704_067_200)
        );
        input.color = Some("blue".into());
        let replaced = client.widgets().replace(&widget.id, &input).await.unwrap();
        assert_eq!(replaced.body().id.as_str(), "w1");
        assert_eq!(
            sent_body(&server).await,
            json!({
                "name": "Gear", "label": null, "color": "blue",
                "parts": [{"size": 3}], "main": {"size": 4}, "by_slot": {"a": {"size": 5}}
            })
        );
    }

    /// A model only sent that needs no twin itself (`WidgetChange`) still
    /// holds the twins of what it carries: no read-only `serial`, no
    /// unknown fields go out.
    #[tokio::test]
    async fn a_change_holds_input_twins() {
        use integration_tests::constructs::c_inputs::models::WidgetChange;
        let (server, client) = server(stored()).await;
        let change = WidgetChange {
            main: Patch::Value(PartInput::new(9)),
            color: Patch::Null,
            ..WidgetChange::default()
        };
        client.widgets().change("w1", &change).await.unwrap();
        assert_eq!(
            sent_body(&server).await,
            json!({"main": {"size": 9}, "color": null})
        );
    }

    /// An input is built from the writable fields alone; a model only sent
    /// (`Order`) holds the twin directly.
    #[tokio::test]
    async fn inputs_are_built_from_writable_fields() {
        let (server, client) = server(json!({"number": 42})).await;
        let widget = WidgetInput {
            name: Some("Cog".into()),
            label: Patch::Absent,
            parts: Some(vec![PartInput::new(1)]),
            ..WidgetInput::default()
        };
        let receipt = client.orders().create(&Order::new(widget)).await.unwrap();
        assert_eq!(
            receipt.body().number,
            42,
            "an always-returned number is no Option"
        );
        assert_eq!(
            sent_body(&server).await,
            json!({"widget": {"name": "Cog", "parts": [{"size": 1}]}})
        );
        let part: Part = serde_json::from_value(json!({"serial": "S", "size": 2})).unwrap();
        assert_eq!(PartInput::from(part), PartInput::new(2));
        // Through the cycle (a boxed field), the serials stay behind too.
        let nested: Part = serde_json::from_value(
            json!({"serial": "S", "size": 2, "inner": {"serial": "T", "size": 1}}),
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(PartInput::from(nested)).unwrap(),
            json!({"size": 2, "inner": {"size": 1}})
        );
        // An open model both sent and read (`Tag`) is sent as its twin: the
        // unknown `color` read back is not sent again.
        use integration_tests::constructs::c_inputs::models::{Tag, TagInput};
        let read: Tag = serde_json::from_value(json!({"name": "rush", "color": "red"})).unwrap();
        let order = Order {
            tags: Some(vec![TagInput::from(read)]),
            ..Order::new(WidgetInput::default())
        };
        assert_eq!(
            serde_json::to_value(&order).unwrap()["tags"],
            json!([{"name": "rush"}])
        );
    }

    /// A response without a field the spec says is always returned is a
    /// decode error naming the field, not a silent `None`.
    #[tokio::test]
    async fn a_response_missing_an_always_returned_field_is_a_decode_error() {
        let mut body = stored();
        body.as_object_mut().unwrap().remove("name");
        let (_server, client) = server(body).await;
        let err = client
            .widgets()
            .create(&WidgetInput::default())
            .await
            .unwrap_err();
        let Error::Decode(decode) = &err else {
            panic!("expected a decode error, got {err:?}");
        };
        assert_eq!(decode.status, 200);
        assert!(decode.message.contains("`name`"), "{decode:?}");
    }
}

/// Ids are taken as `impl Into<Id>` in the path, a query argument and a
/// required header (an optional one is `Option<&Id>`), and sent as text.
#[tokio::test]
async fn ids_are_taken_as_anything_that_becomes_one() {
    use integration_tests::constructs::c_ids::Client;
    use integration_tests::constructs::c_ids::models::AccountId;
    use wiremock::matchers::{header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/accounts/a1/move"))
        .and(query_param("parent", "p1"))
        .and(header("X-Acting-Account", "me"))
        .and(header("X-On-Behalf-Of", "them"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"Id": "a1"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    let parent = AccountId::new("p1");
    let moved = client
        .accounts()
        .move_to("a1", &parent, String::from("me"))
        .header("X-On-Behalf-Of", AccountId::new("them").as_str())
        .await
        .unwrap();
    assert_eq!(moved.body().id, AccountId::new("a1"));
}

/// An expandable field without a model: `id_or_object<string, json>` reads
/// the id, or the expanded object as JSON, from a real response.
mod expandable_json {
    use integration_tests::constructs::c_unions::Client;
    use integration_tests::runtime::IdOrObject;
    use serde_json::json;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test]
    async fn an_id_or_the_object_as_json() {
        let server = MockServer::start().await;
        for (id, invoice) in [
            ("ch_1", json!("in_1")),
            (
                "ch_2",
                json!({"id": "in_2", "total": 12.50, "lines": [{"sku": "a"}]}),
            ),
        ] {
            Mock::given(method("GET"))
                .and(path(format!("/charges/{id}")))
                .respond_with(
                    ResponseTemplate::new(200)
                        .set_body_json(json!({"customer": "cus_1", "invoice": invoice})),
                )
                .mount(&server)
                .await;
        }
        let client = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap();
        let by_id = client.charges().get("ch_1").await.unwrap().into_body();
        assert_eq!(by_id.invoice, Some(IdOrObject::Id("in_1".to_owned())));
        let expanded = client.charges().get("ch_2").await.unwrap().into_body();
        let object = expanded
            .invoice
            .as_ref()
            .and_then(IdOrObject::object)
            .unwrap();
        assert_eq!(object["lines"][0]["sku"], "a");
        assert_eq!(
            serde_json::to_value(&expanded).unwrap()["invoice"]["total"],
            json!(12.5)
        );
    }
}

/// Fixed body values on the wire: alone, first before the caller's body
/// (whose amount keeps its digits), and form-encoded; the methods take no
/// argument for them.
mod fixed_body {
    use integration_tests::constructs::c_fixed::Client;
    use integration_tests::constructs::c_fixed::models::CancelParams;
    use integration_tests::runtime::Decimal;
    use serde_json::json;
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test]
    async fn fixed_members_are_sent_as_declared() {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "sub_1"})))
            .mount(&server)
            .await;
        let c = Client::builder()
            .base_url(server.uri())
            .bearer_token("t")
            .build()
            .unwrap();
        c.subscriptions().archive("sub_1").await.unwrap();
        let params = CancelParams {
            reason: Some("too expensive".into()),
            amount: Some("12.50".parse::<Decimal>().unwrap()),
        };
        c.subscriptions().cancel("sub_1", &params).await.unwrap();
        c.subscriptions().pause("sub_1").await.unwrap();
        let sent = server.received_requests().await.unwrap();
        let body = |i: usize| String::from_utf8(sent[i].body.clone()).unwrap();
        assert_eq!(
            (sent[0].method.as_str(), sent[0].url.path()),
            ("PATCH", "/subscriptions/sub_1")
        );
        assert_eq!(body(0), r#"{"status":"archived"}"#);
        assert_eq!(
            body(1),
            r#"{"status":"canceled","notify":true,"tags":["api"],"reason":"too expensive","amount":12.50}"#
        );
        assert_eq!(body(2), "pause_collection%5Bbehavior%5D=void");
        assert_eq!(
            sent[2].headers.get("content-type").unwrap(),
            "application/x-www-form-urlencoded"
        );
    }
}

/// Names users choose are free (`c_names`): models called `Client`,
/// `Error`, `Result`, `Patch`, `Interval`, `Timestamp`, ... sit beside the
/// client's own `Client` and `Error` and the runtime's types, on the wire
/// as any model.
#[tokio::test]
async fn models_may_take_the_names_of_client_and_runtime_items() {
    use c_names::models::{
        Client as VendorClient, Error as ErrorRecord, Holder, Patch as SoftwarePatch,
        Result as BatchResult,
    };
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let client: c_names::Client = c_names::Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    let holder = Holder {
        client: Some(VendorClient {
            name: Some("Acme".into()),
        }),
        error: Some(ErrorRecord {
            code: Some("E1".into()),
        }),
        patch: Some(SoftwarePatch {
            version: Some("1.2".into()),
            note: Patch::Null,
        }),
        ..Holder::default()
    };
    let done: BatchResult = client
        .holders()
        .put("h1", &holder)
        .await
        .unwrap()
        .into_body();
    assert_eq!(done.ok, Some(true));
    let sent = server.received_requests().await.unwrap();
    assert_json_eq(
        &json!({"client": {"name": "Acme"}, "error": {"code": "E1"}, "patch": {"version": "1.2", "note": null}}),
        &serde_json::from_slice(&sent[0].body).unwrap(),
    );
    // The API's own `Error` is still the client's error type.
    let _: Option<c_names::Error> = None;
}
