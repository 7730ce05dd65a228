//! Each scheme against signatures computed outside this code (Python's
//! `hmac`/`hashlib`, the values below): valid, tampered, stale, rotated and
//! missing cases.

use super::*;
use reqwest::header::{HeaderName, HeaderValue};

const BODY: &[u8] = br#"{"id":"evt_1","type":"invoice.paid"}"#;
/// 2023-11-14T22:13:20Z.
const T: u64 = 1_700_000_000;

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (k, v) in pairs {
        map.append(
            HeaderName::from_static(k),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    map
}

fn check(
    scheme: &SignatureScheme,
    body: &[u8],
    headers: &HeaderMap,
    secrets: &[&str],
    now: SystemTime,
) -> Result<(), WebhookError> {
    let secrets: Vec<Secret> = secrets.iter().map(|s| Secret::new(*s)).collect();
    let delivery = Delivery {
        body,
        headers,
        method: "POST",
        path: "/hooks",
    };
    verify(scheme, &delivery, &secrets, now)
}

static STRIPE: SignatureScheme = SignatureScheme {
    signature: Located::HeaderList {
        header: "stripe-signature",
        items: ",",
        kv: "=",
        key: "v1",
    },
    timestamp: Some((
        Located::HeaderList {
            header: "stripe-signature",
            items: ",",
            kv: "=",
            key: "t",
        },
        TimeForm::UnixSeconds,
    )),
    id: None,
    signed: &[Signed::Timestamp, Signed::Text("."), Signed::Body],
    mac: Mac::HmacSha256,
    text: SignatureText::Hex,
    secret: SecretForm::Raw,
    tolerance: Some(Duration::from_secs(300)),
};

/// hex(HMAC-SHA256("whsec_test_secret", "1700000000." + BODY)).
const STRIPE_SIG: &str = "46dc069361a7691082640523fa33fe5d6c8c88d5f5e257cdf8cf11539d166595";

#[test]
fn stripe_style_t_v1_headers() {
    let good = headers(&[("stripe-signature", &format!("t={T},v1={STRIPE_SIG}"))]);
    assert_eq!(
        check(&STRIPE, BODY, &good, &["whsec_test_secret"], at(T + 10)),
        Ok(())
    );
    // Tampered body.
    let tampered = br#"{"id":"evt_1","type":"invoice.void"}"#;
    assert_eq!(
        check(&STRIPE, tampered, &good, &["whsec_test_secret"], at(T)),
        Err(WebhookError::BadSignature)
    );
    // Too old: a replay.
    assert!(matches!(
        check(&STRIPE, BODY, &good, &["whsec_test_secret"], at(T + 301)),
        Err(WebhookError::Stale {
            age_secs: 301,
            tolerance_secs: 300
        })
    ));
    // Rotation: an old signature beside the new one, and an old secret
    // beside the new one.
    let rotated = headers(&[(
        "stripe-signature",
        &format!("t={T},v1={},v1={STRIPE_SIG}", "00".repeat(32)),
    )]);
    assert_eq!(
        check(
            &STRIPE,
            BODY,
            &rotated,
            &["old_secret", "whsec_test_secret"],
            at(T)
        ),
        Ok(())
    );
    // Missing header.
    assert_eq!(
        check(
            &STRIPE,
            BODY,
            &HeaderMap::new(),
            &["whsec_test_secret"],
            at(T)
        ),
        Err(WebhookError::Missing("signature"))
    );
    // A signature that is not hex.
    let garbled = headers(&[("stripe-signature", &format!("t={T},v1=zz"))]);
    assert!(matches!(
        check(&STRIPE, BODY, &garbled, &["whsec_test_secret"], at(T)),
        Err(WebhookError::Malformed {
            what: "signature",
            ..
        })
    ));
    // No secret at all.
    assert_eq!(
        check(&STRIPE, BODY, &good, &[], at(T)),
        Err(WebhookError::NoSecret)
    );
}

static PADDLE: SignatureScheme = SignatureScheme {
    signature: Located::HeaderList {
        header: "paddle-signature",
        items: ";",
        kv: "=",
        key: "h1",
    },
    timestamp: Some((
        Located::HeaderList {
            header: "paddle-signature",
            items: ";",
            kv: "=",
            key: "ts",
        },
        TimeForm::UnixSeconds,
    )),
    id: None,
    signed: &[Signed::Timestamp, Signed::Text(":"), Signed::Body],
    mac: Mac::HmacSha256,
    text: SignatureText::Hex,
    secret: SecretForm::Raw,
    tolerance: Some(Duration::from_secs(5)),
};

/// hex(HMAC-SHA256("pdl_ntfset_secret", "1700000000:" + BODY)).
const PADDLE_SIG: &str = "e3d6bbd79b41bd34ad3f0046a26e64ac5dafdcfa73491edf87f7e40c14b52fa9";

#[test]
fn paddle_style_ts_h1_headers() {
    let good = headers(&[("paddle-signature", &format!("ts={T};h1={PADDLE_SIG}"))]);
    assert_eq!(
        check(&PADDLE, BODY, &good, &["pdl_ntfset_secret"], at(T + 5)),
        Ok(())
    );
    assert!(matches!(
        check(&PADDLE, BODY, &good, &["pdl_ntfset_secret"], at(T + 6)),
        Err(WebhookError::Stale { .. })
    ));
    assert_eq!(
        check(&PADDLE, BODY, &good, &["another"], at(T)),
        Err(WebhookError::BadSignature)
    );
    let no_ts = headers(&[("paddle-signature", &format!("h1={PADDLE_SIG}"))]);
    assert_eq!(
        check(&PADDLE, BODY, &no_ts, &["pdl_ntfset_secret"], at(T)),
        Err(WebhookError::Missing("timestamp"))
    );
}

static STANDARD: SignatureScheme = SignatureScheme {
    signature: Located::HeaderList {
        header: "webhook-signature",
        items: " ",
        kv: ",",
        key: "v1",
    },
    timestamp: Some((Located::Header("webhook-timestamp"), TimeForm::UnixSeconds)),
    id: Some(Located::Header("webhook-id")),
    signed: &[
        Signed::Id,
        Signed::Text("."),
        Signed::Timestamp,
        Signed::Text("."),
        Signed::Body,
    ],
    mac: Mac::HmacSha256,
    text: SignatureText::Base64,
    secret: SecretForm::Base64 { prefix: "whsec_" },
    tolerance: Some(Duration::from_secs(300)),
};

const STANDARD_SECRET: &str = "whsec_c3RhbmRhcmQtc2VjcmV0LWJ5dGVzLTAxMjM0NTY3ODk=";
/// base64(HMAC-SHA256(b"standard-secret-bytes-0123456789", id + "." + t + "." + BODY)).
const STANDARD_SIG: &str = "b9n7IZScr/TK9YNfMi2DTdYLvpcum3LzZbC4V1axPCA=";

#[test]
fn standard_webhooks() {
    let t = T.to_string();
    let good = headers(&[
        ("webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
        ("webhook-timestamp", &t),
        (
            "webhook-signature",
            &format!("v1,{} v1,{STANDARD_SIG}", "AAAA"),
        ),
    ]);
    assert_eq!(
        check(&STANDARD, BODY, &good, &[STANDARD_SECRET], at(T)),
        Ok(())
    );
    let other_id = headers(&[
        ("webhook-id", "msg_other"),
        ("webhook-timestamp", &t),
        ("webhook-signature", &format!("v1,{STANDARD_SIG}")),
    ]);
    assert_eq!(
        check(&STANDARD, BODY, &other_id, &[STANDARD_SECRET], at(T)),
        Err(WebhookError::BadSignature)
    );
    let no_id = headers(&[
        ("webhook-timestamp", &t),
        ("webhook-signature", &format!("v1,{STANDARD_SIG}")),
    ]);
    assert_eq!(
        check(&STANDARD, BODY, &no_id, &[STANDARD_SECRET], at(T)),
        Err(WebhookError::Missing("event id"))
    );
    assert!(matches!(
        check(&STANDARD, BODY, &good, &["whsec_!!!"], at(T)),
        Err(WebhookError::Malformed { what: "secret", .. })
    ));
}

static BODY_FIELDS: SignatureScheme = SignatureScheme {
    signature: Located::BodyField("signature"),
    timestamp: Some((Located::BodyField("timestamp"), TimeForm::Rfc3339)),
    id: Some(Located::BodyField("id")),
    signed: &[Signed::Timestamp, Signed::Id],
    mac: Mac::HmacSha256,
    text: SignatureText::Hex,
    secret: SecretForm::Raw,
    tolerance: None,
};

/// hex(HMAC-SHA256("webhook_secret_123", "2015-06-25T12:10:00.64Z" + id)).
const BODY_SIG: &str = "10e6b35db130521bf0504d78bdc85e614485bca07bf78b39f26182eb7cc19348";

#[test]
fn signature_in_body_fields() {
    let body = format!(
        r#"{{"id":"6a1a0f6e5b8a4c1d9e2f3a4b5c6d7e8f","timestamp":"2015-06-25T12:10:00.64Z","signature":"{BODY_SIG}","event_type":"invoice_settled","invoice":"inv-1"}}"#
    );
    let none = HeaderMap::new();
    assert_eq!(
        check(
            &BODY_FIELDS,
            body.as_bytes(),
            &none,
            &["webhook_secret_123"],
            at(T)
        ),
        Ok(())
    );
    let forged = body.replace("6a1a0f6e", "7a1a0f6e");
    assert_eq!(
        check(
            &BODY_FIELDS,
            forged.as_bytes(),
            &none,
            &["webhook_secret_123"],
            at(T)
        ),
        Err(WebhookError::BadSignature)
    );
    assert!(matches!(
        check(
            &BODY_FIELDS,
            b"not json",
            &none,
            &["webhook_secret_123"],
            at(T)
        ),
        Err(WebhookError::Malformed { what: "body", .. })
    ));
    let unsigned = r#"{"id":"x","timestamp":"2015-06-25T12:10:00.64Z"}"#;
    assert_eq!(
        check(
            &BODY_FIELDS,
            unsigned.as_bytes(),
            &none,
            &["webhook_secret_123"],
            at(T)
        ),
        Err(WebhookError::Missing("signature"))
    );
}

#[test]
fn hmac_sha512() {
    static SHA512: SignatureScheme = SignatureScheme {
        mac: Mac::HmacSha512,
        ..STRIPE
    };
    /// hex(HMAC-SHA512("whsec_test_secret", "1700000000." + BODY)).
    const SIG: &str = "db4762d11f1c392cfc9088a8eb2ccb805a0f17c08b45bc84591e452fadb533feb72619eec6cc1519e76ee63c31324c8b48e61976b322d7e48b428d5f1e2f4c54";
    let good = headers(&[("stripe-signature", &format!("t={T},v1={SIG}"))]);
    assert_eq!(
        check(&SHA512, BODY, &good, &["whsec_test_secret"], at(T)),
        Ok(())
    );
}

/// No input makes the verifier panic.
#[test]
fn arbitrary_deliveries_never_panic() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..2000 {
        let len = (next() % 64) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| (next() % 256) as u8).collect();
        let text = String::from_utf8_lossy(&bytes).replace(['\r', '\n', '\0'], "");
        let h = headers(&[
            (
                "stripe-signature",
                &text
                    .chars()
                    .filter(|c| c.is_ascii_graphic())
                    .collect::<String>(),
            ),
            ("webhook-timestamp", "17"),
        ]);
        for scheme in [&STRIPE, &PADDLE, &STANDARD, &BODY_FIELDS] {
            let _ = check(
                scheme,
                &bytes,
                &h,
                &["s", STANDARD_SECRET],
                at(next() % (2 * T)),
            );
        }
    }
}
