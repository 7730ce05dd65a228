//! Webhook deliveries (`tests/specs/constructs/c_webhooks/`): the typed
//! event of a delivery whose signature (computed outside the code under
//! test) holds, unknown events kept whole, and each failure typed.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use integration_tests::constructs::c_webhooks::WebhookEvent;
use integration_tests::runtime::Secret;
use integration_tests::runtime::reqwest::header::{HeaderMap, HeaderValue};
use integration_tests::runtime::webhook::{Delivery, WebhookError};

const PAID: &[u8] = br#"{"id":"evt_1","type":"invoice.paid","invoice":"inv_1","amount":1200}"#;
/// hex(HMAC-SHA256("whsec_acme", "1700000000." + PAID)), computed with Python's `hmac`.
const PAID_SIG: &str = "8f28e99c6ea04773122688d5b39f68c74e98e3f9b95616c1e62cfaa98a76d5fb";
const OTHER: &[u8] = br#"{"id":"evt_2","type":"customer.created","customer":"c_9"}"#;
const OTHER_SIG: &str = "6f6afbb758e13f52ede0feaa9d9c253652368ee640543bebd037a7ec31ed3a67";
const T: u64 = 1_700_000_000;

fn signed(sig: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(
        "acme-signature",
        HeaderValue::from_str(&format!("t={T},v1={sig}")).unwrap(),
    );
    h
}

fn receive(body: &[u8], headers: &HeaderMap, at: u64) -> Result<WebhookEvent, WebhookError> {
    let delivery = Delivery {
        body,
        headers,
        method: "POST",
        path: "/hooks",
    };
    let secrets = [Secret::new("whsec_acme")];
    WebhookEvent::receive_at(&delivery, &secrets, UNIX_EPOCH + Duration::from_secs(at))
}

#[test]
fn a_signed_delivery_becomes_its_typed_event() {
    match receive(PAID, &signed(PAID_SIG), T + 60).unwrap() {
        WebhookEvent::InvoicePaid(e) => {
            assert_eq!((e.invoice.as_str(), e.amount), ("inv_1", Some(1200)));
        }
        other => panic!("expected invoice.paid, got {other:?}"),
    }
}

#[test]
fn an_unknown_event_is_kept_whole() {
    match receive(OTHER, &signed(OTHER_SIG), T).unwrap() {
        WebhookEvent::Unknown(u) => {
            assert_eq!(u.event_type, "customer.created");
            assert_eq!(u.body["customer"], "c_9");
        }
        other => panic!("expected an unknown event, got {other:?}"),
    }
}

#[test]
fn each_failure_is_typed() {
    // Forged: the body changed after signing.
    let forged = br#"{"id":"evt_1","type":"invoice.paid","invoice":"inv_1","amount":9}"#;
    assert_eq!(
        receive(forged, &signed(PAID_SIG), T),
        Err(WebhookError::BadSignature)
    );
    // A replay, six minutes later.
    assert!(matches!(
        receive(PAID, &signed(PAID_SIG), T + 360),
        Err(WebhookError::Stale { .. })
    ));
    // No signature header.
    assert_eq!(
        receive(PAID, &HeaderMap::new(), T),
        Err(WebhookError::Missing("signature"))
    );
    // Signed, but the payload does not match the event's model: a decode
    // error with the path, after the signature held.
    let body = br#"{"id":"evt_3","type":"invoice.paid","invoice":7}"#;
    let sig = {
        // Signed with the same secret by the test's own HMAC (not the
        // code under test): see `hmac_hex`.
        hmac_hex(b"whsec_acme", &[format!("{T}.").as_bytes(), body].concat())
    };
    match receive(body, &signed(&sig), T) {
        Err(WebhookError::Payload(d)) => assert_eq!(d.path, "invoice"),
        other => panic!("expected a payload error, got {other:?}"),
    }
    // The secret never shows in an error.
    let err = receive(forged, &signed(PAID_SIG), T).unwrap_err();
    assert!(!format!("{err} {err:?}").contains("whsec_acme"));
}

/// `receive` uses the clock: a delivery signed now is accepted.
#[test]
fn receive_checks_against_now() {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let mut h = HeaderMap::new();
    let sig = hmac_hex(
        b"whsec_acme",
        &[format!("{now}.").as_bytes(), PAID].concat(),
    );
    h.insert(
        "acme-signature",
        HeaderValue::from_str(&format!("t={now},v1={sig}")).unwrap(),
    );
    let event = WebhookEvent::receive(PAID, &h, &[Secret::new("whsec_acme")]).unwrap();
    assert!(matches!(event, WebhookEvent::InvoicePaid(_)));
}

/// HMAC-SHA256 written here from the SHA-256 of `ring::digest` (RFC 2104),
/// independent of the verifier's `ring::hmac`.
fn hmac_hex(key: &[u8], message: &[u8]) -> String {
    use ring::digest::{SHA256, digest};
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(digest(&SHA256, key).as_ref());
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let pad = |b: u8| k.iter().map(|x| x ^ b).collect::<Vec<u8>>();
    let inner = digest(&SHA256, &[pad(0x36), message.to_vec()].concat());
    let outer = digest(&SHA256, &[pad(0x5c), inner.as_ref().to_vec()].concat());
    outer.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_tests_hmac_matches_the_python_vector() {
    assert_eq!(
        hmac_hex(b"whsec_acme", &[format!("{T}.").as_bytes(), PAID].concat()),
        PAID_SIG
    );
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        integration_tests::workspace_root()
            .join("tests/fixtures/webhooks")
            .join(name),
    )
    .unwrap()
}

/// Billwerk+ Optimize: the signature is in the body, over timestamp + id.
#[test]
fn optimize_signs_in_body_fields() {
    use billing_clients::optimize::WebhookEvent as Event;
    let body = fixture("optimize_invoice_settled.json");
    let body = std::str::from_utf8(&body)
        .unwrap()
        .trim()
        .as_bytes()
        .to_vec();
    let headers = HeaderMap::new();
    let delivery = Delivery {
        body: &body,
        headers: &headers,
        method: "POST",
        path: "/reepay",
    };
    let secrets = [Secret::new("webhook_secret_123")];
    let now = SystemTime::now();
    match Event::receive_at(&delivery, &secrets, now).unwrap() {
        Event::InvoiceSettled(e) => {
            assert_eq!(e.invoice.as_str(), "inv-1");
            assert_eq!(e.customer.unwrap().as_str(), "cust-1");
        }
        other => panic!("expected invoice_settled, got {other:?}"),
    }
    // A forged body (another invoice) with the same fields signed: refused.
    let forged = String::from_utf8(body.clone())
        .unwrap()
        .replace("6a1a0f6e", "6a1a0f6f");
    let delivery = Delivery {
        body: forged.as_bytes(),
        ..delivery
    };
    assert_eq!(
        Event::receive_at(&delivery, &[Secret::new("webhook_secret_123")], now),
        Err(WebhookError::BadSignature)
    );
}

/// Billwerk+ Premium & Enterprise: unsigned notifications, typed by `Event`.
#[test]
fn billwerk_notifications_are_typed() {
    use billing_clients::billwerk::WebhookEvent as Event;
    let body = fixture("billwerk_contract_changed.json");
    match Event::receive(&body, &HeaderMap::new()).unwrap() {
        Event::ContractChanged(n) => {
            assert_eq!(n.contract_id.as_str(), "5dd15e3f9cc9ba309478eec4");
        }
        other => panic!("expected ContractChanged, got {other:?}"),
    }
    let unknown = br#"{"Event":"AccountCreated","EntityId":"a1"}"#;
    assert!(matches!(
        Event::receive(unknown, &HeaderMap::new()).unwrap(),
        Event::Unknown(u) if u.event_type == "AccountCreated"
    ));
}

/// Every declared event of the seed APIs arrives as its own variant (one
/// delivery per event; Optimize signs timestamp + id, so one signature
/// serves every event type of the same delivery id).
#[test]
fn every_seed_event_becomes_its_variant() {
    use billing_clients::{billwerk, optimize};
    let optimize_events = [
        ("invoice_created", "InvoiceCreated", r#""invoice":"inv-1""#),
        (
            "invoice_authorized",
            "InvoiceAuthorized",
            r#""invoice":"inv-1""#,
        ),
        ("invoice_settled", "InvoiceSettled", r#""invoice":"inv-1""#),
        ("invoice_failed", "InvoiceFailed", r#""invoice":"inv-1""#),
        (
            "invoice_cancelled",
            "InvoiceCancelled",
            r#""invoice":"inv-1""#,
        ),
        ("invoice_refund", "InvoiceRefund", r#""invoice":"inv-1""#),
        (
            "subscription_created",
            "SubscriptionCreated",
            r#""subscription":"sub-1""#,
        ),
        (
            "subscription_renewal",
            "SubscriptionRenewal",
            r#""subscription":"sub-1""#,
        ),
        (
            "subscription_cancelled",
            "SubscriptionCancelled",
            r#""subscription":"sub-1""#,
        ),
        (
            "subscription_expired",
            "SubscriptionExpired",
            r#""subscription":"sub-1""#,
        ),
        (
            "subscription_on_hold",
            "SubscriptionOnHold",
            r#""subscription":"sub-1""#,
        ),
        (
            "customer_created",
            "CustomerCreated",
            r#""customer":"cust-1""#,
        ),
        (
            "customer_changed",
            "CustomerChanged",
            r#""customer":"cust-1""#,
        ),
    ];
    let headers = HeaderMap::new();
    let secrets = [Secret::new("webhook_secret_123")];
    for (event_type, variant, entity) in optimize_events {
        let body = format!(
            r#"{{"id":"6a1a0f6e5b8a4c1d9e2f3a4b5c6d7e8f","event_type":"{event_type}","timestamp":"2015-06-25T12:10:00.64Z","signature":"10e6b35db130521bf0504d78bdc85e614485bca07bf78b39f26182eb7cc19348",{entity}}}"#
        );
        let delivery = Delivery {
            body: body.as_bytes(),
            headers: &headers,
            method: "POST",
            path: "/",
        };
        let event = optimize::WebhookEvent::receive_at(&delivery, &secrets, SystemTime::now())
            .unwrap_or_else(|e| panic!("{event_type}: {e}"));
        assert!(
            format!("{event:?}").starts_with(variant),
            "{event_type}: {event:?}"
        );
    }
    let billwerk_events = [
        ("ContractCreated", r#""ContractId":"c1""#),
        ("ContractChanged", r#""ContractId":"c1""#),
        ("ContractDataChanged", r#""ContractId":"c1""#),
        ("ContractCancelled", r#""ContractId":"c1""#),
        ("CustomerCreated", r#""CustomerId":"k1""#),
        ("CustomerChanged", r#""CustomerId":"k1""#),
        ("OrderSucceeded", r#""OrderId":"o1""#),
        ("PaymentFailed", r#""ContractId":"c1""#),
    ];
    for (event, entity) in billwerk_events {
        let body = format!(r#"{{"Event":"{event}","EntityId":"e1",{entity}}}"#);
        let got = billwerk::WebhookEvent::receive(body.as_bytes(), &headers)
            .unwrap_or_else(|e| panic!("{event}: {e}"));
        assert!(format!("{got:?}").starts_with(event), "{event}: {got:?}");
    }
}

/// A receiver on a real HTTP server framework (axum) on a loopback port:
/// the raw body and headers go to `WebhookEvent::receive`; the handler
/// answers 200 for an event it accepted (as the Optimize docs ask), 401 for
/// a forged or replayed delivery, 400 for anything else.
#[tokio::test]
async fn an_axum_receiver_answers_as_the_spec_says() {
    use axum::body::Bytes;
    use axum::extract::State;
    use axum::http::{HeaderMap as AxumHeaders, StatusCode};
    use axum::routing::post;
    use billing_clients::optimize::WebhookEvent as Event;
    use std::sync::{Arc, Mutex};

    type Seen = Arc<Mutex<Vec<String>>>;
    async fn hook(State(seen): State<Seen>, headers: AxumHeaders, body: Bytes) -> StatusCode {
        let secrets = [Secret::new("webhook_secret_123")];
        match Event::receive(&body, &headers, &secrets) {
            Ok(Event::InvoiceSettled(e)) => {
                seen.lock().unwrap().push(e.invoice.to_string());
                StatusCode::OK
            }
            Ok(_) => StatusCode::OK,
            Err(WebhookError::BadSignature | WebhookError::Stale { .. }) => {
                StatusCode::UNAUTHORIZED
            }
            Err(_) => StatusCode::BAD_REQUEST,
        }
    }

    let seen: Seen = Arc::default();
    let app = axum::Router::new()
        .route("/hooks", post(hook))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let http = billing_clients::runtime::reqwest::Client::new();
    let body = fixture("optimize_invoice_settled.json");
    let post = |body: Vec<u8>| {
        http.post(&url)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    assert_eq!(post(body.clone()).await.unwrap().status(), 200);
    let forged = String::from_utf8(body)
        .unwrap()
        .replace("6a1a0f6e", "6a1a0f6f");
    assert_eq!(post(forged.into_bytes()).await.unwrap().status(), 401);
    assert_eq!(post(b"not json".to_vec()).await.unwrap().status(), 400);
    assert_eq!(*seen.lock().unwrap(), ["inv-1"]);
    server.abort();
}

/// A Billwerk notification names the contract; `fetch` reads it with the
/// client (the documentation's advice), here from a loopback server.
#[tokio::test]
async fn a_notification_fetches_its_entity() {
    use billing_clients::billwerk::{Client, WebhookEvent as Event};
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/Contracts/5dd15e3f9cc9ba309478eec4"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "Id": "5dd15e3f9cc9ba309478eec4", "CustomerId": "5dd15e3f9cc9ba309478eeef"
        })))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    let body = fixture("billwerk_contract_changed.json");
    let Event::ContractChanged(n) = Event::receive(&body, &HeaderMap::new()).unwrap() else {
        panic!("expected ContractChanged");
    };
    let contract = n.fetch(&client).await.unwrap().into_body();
    assert_eq!(contract.customer_id.as_str(), "5dd15e3f9cc9ba309478eeef");
}
