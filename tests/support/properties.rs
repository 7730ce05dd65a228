//! Properties of the runtime and the generated clients that must hold for
//! any server data, shared by the fuzz targets (`tests/fuzz/`) and the
//! bounded property tests (`tests/properties.rs`): nothing panics, and what
//! parses writes back text that parses to the same value.

use std::fmt::Display;
use std::str::FromStr;

use billing_clients::runtime::plumbing::{
    FromStatus, RecordStatus, decode_json, outcomes, records_into,
};
use billing_clients::runtime::{
    Base64Bytes, Date, Decimal, EpochMillis, EpochSeconds, IdOrObject, Interval, IsoDuration,
    LocalDateTime, OneOrMany, Page, RawJson, StringOrNumber, Timestamp, parse_retry_after,
};

/// `text` parsed as `T`: no panic, and a parsed value is stable through
/// its own text.
fn stable<T>(text: &str)
where
    T: FromStr + Display + PartialEq + std::fmt::Debug,
{
    if let Ok(v) = text.parse::<T>() {
        let shown = v.to_string();
        let again = shown
            .parse::<T>()
            .unwrap_or_else(|_| panic!("{shown:?} (from {text:?}) does not parse back"));
        assert_eq!(again.to_string(), shown, "from {text:?}");
    }
}

/// Every textual runtime value parsed from `text`.
pub fn parsers(text: &str) {
    stable::<Timestamp>(text);
    stable::<Date>(text);
    stable::<LocalDateTime>(text);
    stable::<IsoDuration>(text);
    stable::<Decimal>(text);
    stable::<Interval<i64>>(text);
    stable::<Interval<Date>>(text);
    stable::<Interval<Decimal>>(text);
    stable::<EpochSeconds>(text);
    stable::<Interval<EpochMillis>>(text);
    stable::<StringOrNumber>(text);
    let _ = Base64Bytes::decode(text);
    let _ = parse_retry_after(text, std::time::SystemTime::now());
}

/// Every runtime value type read from a JSON body: no panic, and a value
/// read writes JSON that reads back to the same text.
pub fn json_values(body: &[u8]) {
    fn round<T: serde::de::DeserializeOwned + serde::Serialize>(body: &[u8]) {
        if let Ok(v) = serde_json::from_slice::<T>(body) {
            let json = serde_json::to_string(&v).expect("a value read can be written");
            let again: T = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{json} (from {body:?}) does not read back: {e}"));
            assert_eq!(serde_json::to_string(&again).unwrap(), json);
        }
    }
    round::<Decimal>(body);
    round::<Timestamp>(body);
    round::<Date>(body);
    round::<LocalDateTime>(body);
    round::<IsoDuration>(body);
    round::<Base64Bytes>(body);
    round::<OneOrMany<Decimal>>(body);
    round::<Interval<i64>>(body);
    round::<EpochSeconds>(body);
    round::<EpochMillis>(body);
    round::<StringOrNumber>(body);
    round::<OneOrMany<StringOrNumber>>(body);
    round::<RawJson>(body);
    round::<IdOrObject<String, OneOrMany<Decimal>>>(body);
}

/// A response body decoded as each generated client would: success models,
/// error bodies (with their details), pages and envelopes.
#[allow(deprecated)] // the deprecated page/slice lists are decoded too
pub fn responses(body: &[u8]) {
    use billing_clients::runtime::ErrorDetails;
    use billing_clients::{billing_platform as bp, billwerk as bw, optimize as op};
    fn details<E: ErrorDetails + serde::de::DeserializeOwned>(body: &[u8]) {
        if let Ok(e) = decode_json::<E>(400, body) {
            let _ = (e.code(), e.message(), e.hint());
        }
    }
    let _ = decode_json::<bw::models::Contract>(200, body);
    let _ = decode_json::<bw::models::Customer>(200, body);
    let _ = decode_json::<bw::models::Order>(200, body);
    let _ = decode_json::<Vec<bw::models::ComponentSubscription>>(200, body);
    details::<bw::models::ErrorBody>(body);
    if let Ok(page) = decode_json::<op::models::ListPage<op::models::Invoice>>(200, body) {
        let _ = page.signals();
        let _ = page.into_items();
    }
    if let Ok(page) = decode_json::<op::models::LegacyPage<op::models::Customer>>(200, body) {
        let _ = page.signals();
    }
    details::<op::models::ErrorBody>(body);
    details::<bp::models::ErrorBody>(body);
    let _ = records_into::<Vec<bp::models::Account>>(200, body, "retrieveResponse");
    let status = RecordStatus {
        code: "ErrorCode",
        ok: &["0"],
        text: Some("ErrorText"),
        field: Some("ErrorElementField"),
    };
    let _ = outcomes::<bp::models::Account>(200, body, "createResponse", &status);
    // Bare-array pages, unions of every kind, bodies by status.
    if let Ok(page) = decode_json::<Vec<bw::models::Customer>>(200, body) {
        let _ = (page.signals(), page.items().len());
    }
    let _ = decode_json::<crate::constructs::c_unions::models::Charge>(200, body);
    // A value read goes back as its input twin; the twin always encodes.
    if let Ok(widget) = decode_json::<crate::constructs::c_inputs::models::Widget>(200, body) {
        let input = crate::constructs::c_inputs::models::WidgetInput::from(widget);
        serde_json::to_vec(&input).expect("an input twin encodes");
    }
    for status in [200, 201, 202, 204, 206] {
        let _ = <crate::constructs::c_statuses::CustomersUpsertOutcome as FromStatus>::from_status(
            status, body,
        );
    }
    if let Ok(page) = decode_json::<
        crate::constructs::c_pages::models::CustomerList<
            crate::constructs::c_pages::models::Customer,
        >,
    >(200, body)
    {
        let _ = page.signals();
    }
    keyed(body);
}

/// Lists under a key, wrapped items and side objects (`c_rooted`).
fn keyed(body: &[u8]) {
    use crate::constructs::c_rooted::models::{
        Customer, CustomerEntry, NextOffset, PageInfo, Subscription, SubscriptionSides,
    };
    use billing_clients::runtime::plumbing::{FromBody, Read};
    use billing_clients::runtime::{KeyedPage, Page, WithSiblings};
    let listed = Read::Listed {
        key: "list",
        item: "customer",
    };
    if let Ok(page) = KeyedPage::<Customer, NextOffset, CustomerEntry>::from_body(listed, 200, body)
    {
        let _ = (page.signals(), page.entries().count());
        assert_eq!(
            page.items().len(),
            page.siblings().len(),
            "one sibling per item"
        );
    }
    if let Ok(page) =
        KeyedPage::<Customer, PageInfo>::from_body(Read::Rooted("customers"), 200, body)
    {
        let _ = (page.signals(), page.into_items());
    }
    let rooted = Read::Rooted("subscription");
    let _ = WithSiblings::<Subscription, SubscriptionSides>::from_body(rooted, 200, body);
}

/// Any JSON value as each request encoder writes it: no panic; a form body
/// is ASCII `name=value` pairs that percent-decode to UTF-8; deep-object
/// query pairs likewise; an idempotency key put in a JSON body comes first,
/// is the key reported, and leaves every other member as it was.
pub fn encoders(data: &[u8]) {
    use billing_clients::runtime::plumbing::KeyPlace;
    use billing_clients::runtime::{
        BodyEncoder, Form, Multipart, PathBuilder, QueryBuilder, Request,
    };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let pairs_decode = |text: &str| {
        assert!(text.is_ascii(), "encoded text is ASCII: {text:?}");
        for pair in text.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').expect("name=value");
            assert!(!value.contains('='), "{pair}");
            for part in [name, value] {
                let decoded: Vec<u8> = percent_decode(part);
                assert!(String::from_utf8(decoded).is_ok(), "{part}");
            }
        }
    };
    if let Ok(body) = Form::OMIT_NULLS.encode(&value) {
        pairs_decode(std::str::from_utf8(body.bytes()).expect("a form body is text"));
    }
    let _ = Multipart { files: &["file"] }.encode(&value);
    let mut query = QueryBuilder::new();
    if query.push_deep("filter", &value).is_ok() {
        pairs_decode(&query.encode());
    }
    for given in [None, Some("order-6735")] {
        let request = Request::new(reqwest_post(), PathBuilder::new().literal("x"), false);
        let Ok(request) = request.json(&value) else {
            continue;
        };
        let Ok((request, key)) = request.idempotency_key(KeyPlace::Field("key"), given) else {
            continue;
        };
        let body = request.encoded_body().expect("a body");
        let sent: serde_json::Value = serde_json::from_slice(body.bytes()).expect("JSON");
        assert_eq!(sent["key"], serde_json::Value::from(key.as_str()));
        let first = serde_json::to_string("key").unwrap();
        assert!(body.bytes().starts_with(format!("{{{first}:").as_bytes()));
        if let (Some(before), Some(after)) = (value.as_object(), sent.as_object()) {
            for (name, v) in before.iter().filter(|(n, _)| n.as_str() != "key") {
                assert_eq!(after.get(name), Some(v), "member `{name}` kept");
            }
        }
    }
}

fn reqwest_post() -> billing_clients::runtime::reqwest::Method {
    billing_clients::runtime::reqwest::Method::POST
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push(u8::try_from(hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)).unwrap_or(0));
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Any JSON read as the recursive shapes (unions that contain themselves,
/// `id_or_object`, boxed trees, `one_or_many` of a model): no panic, no
/// stack overflow, and a value read writes JSON that reads back the same.
pub fn unions(data: &[u8]) {
    use crate::constructs::c_recursive::models::{Category, Comment};
    use crate::constructs::c_unions::models::{Charge, Expr, Rule};
    fn round<T: serde::de::DeserializeOwned + serde::Serialize>(data: &[u8]) {
        if let Ok(v) = decode_json::<T>(200, data) {
            let json = serde_json::to_string(&v).expect("a value read can be written");
            let again: T = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{json} does not read back: {e}"));
            assert_eq!(serde_json::to_string(&again).unwrap(), json);
        }
    }
    round::<Charge>(data);
    round::<Expr>(data);
    round::<Rule>(data);
    round::<Category>(data);
    round::<Comment>(data);
}

/// Any delivery through every webhook receiver: the first line is a
/// signature header value, the rest the body. No panic; an accepted
/// signed delivery is impossible without the secret.
pub fn webhooks(data: &[u8]) {
    use billing_clients::runtime::Secret;
    use billing_clients::runtime::reqwest::header::{HeaderMap, HeaderValue};
    use billing_clients::runtime::webhook::Delivery;
    use std::time::{Duration, UNIX_EPOCH};
    let split = data.iter().position(|b| *b == b'\n').unwrap_or(0);
    let (line, body) = data.split_at(split);
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_bytes(line) {
        headers.insert("acme-signature", v.clone());
        headers.insert("webhook-signature", v);
    }
    let secrets = [Secret::new("whsec_acme"), Secret::new("webhook_secret_123")];
    let delivery = Delivery {
        body,
        headers: &headers,
        method: "POST",
        path: "/hooks",
    };
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let signed = crate::constructs::c_webhooks::WebhookEvent::receive_at(&delivery, &secrets, now);
    let optimize = billing_clients::optimize::WebhookEvent::receive_at(&delivery, &secrets, now);
    // Random input never carries a valid HMAC.
    assert!(
        signed.is_err() && optimize.is_err(),
        "a delivery without a valid signature was accepted"
    );
    let _ = billing_clients::billwerk::WebhookEvent::receive(body, &headers);
}
