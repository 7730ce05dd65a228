//! Verifying webhook deliveries by a described signature scheme: where the
//! signature, timestamp and event id are (a header, one entry of a header
//! list such as `t=..,v1=..`, or a field of the body), what is signed (a
//! template over them, the raw body, the method and path), the MAC and its
//! text encoding, how the secret is written, and how old a delivery may
//! be. The schemes of the Standard Webhooks specification, Stripe-style
//! `t=,v1=` headers, Paddle-style `ts=;h1=` headers and signatures in body
//! fields are all descriptions of this one verifier.
//!
//! Every signature candidate is checked against every secret (key
//! rotation) in constant time ([`ring::hmac::verify`]); the event is not
//! decoded before the signature holds.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use reqwest::header::HeaderMap;

use super::members::Members;
use super::secret::Secret;

/// Where a value of a delivery is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Located {
    /// A header's whole value.
    Header(&'static str),
    /// The entries under `key` of a header holding a list of `key<kv>value`
    /// items separated by `items` (`t=1,v1=ab,v1=cd`: items `,`, kv `=`).
    HeaderList {
        /// The header.
        header: &'static str,
        /// Between items (`,`, `;`, ` `).
        items: &'static str,
        /// Between a key and its value (`=`, `,`).
        kv: &'static str,
        /// The key of the wanted entries (`v1`, `t`).
        key: &'static str,
    },
    /// A top-level string (or number) field of the JSON body.
    BodyField(&'static str),
}

/// How a timestamp is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeForm {
    /// Whole seconds since the Unix epoch.
    UnixSeconds,
    /// An RFC 3339 timestamp (`2015-06-25T12:10:00.64Z`).
    Rfc3339,
}

/// A part of the signed content, concatenated in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signed {
    /// Literal text (`.`, `:`).
    Text(&'static str),
    /// The raw body bytes.
    Body,
    /// The timestamp, as received.
    Timestamp,
    /// The event id, as received.
    Id,
    /// The request method (`POST`).
    Method,
    /// The request path (`/webhooks/billing`).
    Path,
}

/// The MAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mac {
    /// HMAC-SHA256.
    HmacSha256,
    /// HMAC-SHA512.
    HmacSha512,
}

/// How a signature is written as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureText {
    /// Hexadecimal (either case).
    Hex,
    /// Standard base64.
    Base64,
}

/// How a secret is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretForm {
    /// The text's bytes are the key.
    Raw,
    /// Base64 after a prefix (Standard Webhooks: `whsec_`).
    Base64 {
        /// The prefix before the base64 text (may be empty).
        prefix: &'static str,
    },
}

/// A webhook signature scheme, as a spec describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignatureScheme {
    /// Where the signature (or several: rotation) is.
    pub signature: Located,
    /// Where the timestamp is and how it is written, if signed or checked.
    pub timestamp: Option<(Located, TimeForm)>,
    /// Where the event id is, if signed.
    pub id: Option<Located>,
    /// What is signed, in order.
    pub signed: &'static [Signed],
    /// The MAC.
    pub mac: Mac,
    /// How signatures are written.
    pub text: SignatureText,
    /// How secrets are written.
    pub secret: SecretForm,
    /// How far the timestamp may be from now (replays); `None`: not checked.
    pub tolerance: Option<Duration>,
}

/// A delivery as the receiving server got it.
#[derive(Clone, Copy)]
pub struct Delivery<'a> {
    /// The raw body bytes, exactly as received.
    pub body: &'a [u8],
    /// The request headers.
    pub headers: &'a HeaderMap,
    /// The request method.
    pub method: &'a str,
    /// The request path.
    pub path: &'a str,
}

impl fmt::Debug for Delivery<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Headers may carry credentials of the sender: not shown.
        f.debug_struct("Delivery")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// Why a delivery was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// A value the scheme needs is not in the delivery.
    #[error("the delivery has no {0}")]
    Missing(&'static str),
    /// A value is there but unreadable (a timestamp that is no time, a
    /// signature that is not hex or base64, a body that is not JSON).
    #[error("the delivery's {what} is malformed: {why}")]
    Malformed {
        /// What was malformed.
        what: &'static str,
        /// Why.
        why: String,
    },
    /// No signature matches any secret: forged, or the secret is wrong.
    #[error("no signature of the delivery matches the secret(s)")]
    BadSignature,
    /// The timestamp is further from now than the tolerance (a replay).
    #[error(
        "the delivery's timestamp is {age_secs} s from now, more than the {tolerance_secs} s allowed"
    )]
    Stale {
        /// Seconds between the timestamp and now.
        age_secs: u64,
        /// The tolerance in seconds.
        tolerance_secs: u64,
    },
    /// No secret was given to verify with.
    #[error("no webhook secret was given")]
    NoSecret,
    /// The verified payload does not match the event's model.
    #[error(transparent)]
    Payload(Box<super::error::DecodeError>),
}

/// The event type of a delivery, where the spec says it is (a body field or
/// a header).
pub fn event_type(delivery: &Delivery<'_>, at: Located) -> Result<String, WebhookError> {
    first(delivery, at, "event type")
}

/// The delivery's body as the event's payload model.
pub fn payload<T: serde::de::DeserializeOwned>(delivery: &Delivery<'_>) -> Result<T, WebhookError> {
    super::error::decode_json(200, delivery.body).map_err(|e| WebhookError::Payload(Box::new(e)))
}

/// An event the spec does not describe: its type and its body, kept whole.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownEvent {
    /// The event type as sent.
    pub event_type: String,
    /// The body, as JSON.
    pub body: serde_json::Value,
}

impl UnknownEvent {
    /// The unknown event of `delivery`, of type `event_type`.
    pub fn new(event_type: String, delivery: &Delivery<'_>) -> Result<Self, WebhookError> {
        Ok(UnknownEvent {
            event_type,
            body: payload(delivery)?,
        })
    }
}

/// Checks `delivery` against `scheme` with any of `secrets` at time `now`.
/// `Ok` only when a signature matches a secret and the timestamp (if the
/// scheme checks one) is within the tolerance.
pub fn verify(
    scheme: &SignatureScheme,
    delivery: &Delivery<'_>,
    secrets: &[Secret],
    now: SystemTime,
) -> Result<(), WebhookError> {
    if secrets.is_empty() {
        return Err(WebhookError::NoSecret);
    }
    let signatures = values(delivery, scheme.signature)?;
    if signatures.is_empty() {
        return Err(WebhookError::Missing("signature"));
    }
    let timestamp = match scheme.timestamp {
        Some((at, form)) => {
            let text = first(delivery, at, "timestamp")?;
            check_age(&text, form, scheme.tolerance, now)?;
            Some(text)
        }
        None => None,
    };
    let id = match scheme.id {
        Some(at) => Some(first(delivery, at, "event id")?),
        None => None,
    };
    let content = signed_content(scheme.signed, delivery, timestamp.as_deref(), id.as_deref())?;
    let decoded: Vec<Vec<u8>> = signatures
        .iter()
        .filter_map(|s| decode_signature(s, scheme.text))
        .collect();
    if decoded.is_empty() {
        return Err(WebhookError::Malformed {
            what: "signature",
            why: "not in the scheme's encoding".into(),
        });
    }
    let algorithm = match scheme.mac {
        Mac::HmacSha256 => ring::hmac::HMAC_SHA256,
        Mac::HmacSha512 => ring::hmac::HMAC_SHA512,
    };
    for secret in secrets {
        let key_bytes = secret_bytes(secret, scheme.secret)?;
        let key = ring::hmac::Key::new(algorithm, &key_bytes);
        // Constant time per comparison; every candidate is tried.
        if decoded
            .iter()
            .any(|sig| ring::hmac::verify(&key, &content, sig).is_ok())
        {
            return Ok(());
        }
    }
    Err(WebhookError::BadSignature)
}

/// The first value at `at`, or `Missing(what)`.
fn first(delivery: &Delivery<'_>, at: Located, what: &'static str) -> Result<String, WebhookError> {
    values(delivery, at)?
        .into_iter()
        .next()
        .ok_or(WebhookError::Missing(what))
}

/// Every value at `at` (a header list may hold several).
fn values(delivery: &Delivery<'_>, at: Located) -> Result<Vec<String>, WebhookError> {
    let header =
        |name: &str| -> Result<Option<String>, WebhookError> {
            match delivery.headers.get(name) {
                None => Ok(None),
                Some(v) => v.to_str().map(|s| Some(s.trim().to_owned())).map_err(|_| {
                    WebhookError::Malformed {
                        what: "header",
                        why: format!("`{name}` is not visible ASCII"),
                    }
                }),
            }
        };
    Ok(match at {
        Located::Header(name) => header(name)?.into_iter().collect(),
        Located::HeaderList {
            header: name,
            items,
            kv,
            key,
        } => header(name)?
            .map(|text| {
                text.split(items)
                    .filter_map(|item| item.trim().split_once(kv))
                    .filter(|(k, _)| k.trim() == key)
                    .map(|(_, v)| v.trim().to_owned())
                    .collect()
            })
            .unwrap_or_default(),
        Located::BodyField(name) => body_field(delivery.body, name)?.into_iter().collect(),
    })
}

/// A top-level string or number field of a JSON object body.
fn body_field(body: &[u8], name: &str) -> Result<Option<String>, WebhookError> {
    let Members(members) = serde_json::from_slice(body).map_err(|e| WebhookError::Malformed {
        what: "body",
        why: e.to_string(),
    })?;
    let Some((_, raw)) = members.into_iter().find(|(k, _)| k == name) else {
        return Ok(None);
    };
    let text = raw.get();
    if let Ok(s) = serde_json::from_str::<String>(text) {
        return Ok(Some(s));
    }
    if text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.')
    {
        return Ok(Some(text.to_owned()));
    }
    Err(WebhookError::Malformed {
        what: "body field",
        why: format!("`{name}` is neither a string nor a number"),
    })
}

/// The bytes the sender signed.
fn signed_content(
    parts: &[Signed],
    delivery: &Delivery<'_>,
    timestamp: Option<&str>,
    id: Option<&str>,
) -> Result<Vec<u8>, WebhookError> {
    let mut out = Vec::with_capacity(delivery.body.len() + 64);
    for part in parts {
        match part {
            Signed::Text(t) => out.extend_from_slice(t.as_bytes()),
            Signed::Body => out.extend_from_slice(delivery.body),
            Signed::Timestamp => out.extend_from_slice(
                timestamp
                    .ok_or(WebhookError::Missing("timestamp"))?
                    .as_bytes(),
            ),
            Signed::Id => {
                out.extend_from_slice(id.ok_or(WebhookError::Missing("event id"))?.as_bytes())
            }
            Signed::Method => out.extend_from_slice(delivery.method.as_bytes()),
            Signed::Path => out.extend_from_slice(delivery.path.as_bytes()),
        }
    }
    Ok(out)
}

/// Refuses a timestamp further from `now` than `tolerance`.
fn check_age(
    text: &str,
    form: TimeForm,
    tolerance: Option<Duration>,
    now: SystemTime,
) -> Result<(), WebhookError> {
    let malformed = |why: String| WebhookError::Malformed {
        what: "timestamp",
        why,
    };
    let at: i64 = match form {
        TimeForm::UnixSeconds => text
            .parse()
            .map_err(|_| malformed(format!("`{text}` is not Unix seconds")))?,
        TimeForm::Rfc3339 => {
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                .map_err(|e| malformed(e.to_string()))?
                .unix_timestamp()
        }
    };
    let Some(tolerance) = tolerance else {
        return Ok(());
    };
    let now = match now.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    };
    let age = now.abs_diff(at);
    if age > tolerance.as_secs() {
        return Err(WebhookError::Stale {
            age_secs: age,
            tolerance_secs: tolerance.as_secs(),
        });
    }
    Ok(())
}

/// A signature's bytes, or `None` when it is not in the encoding.
fn decode_signature(text: &str, form: SignatureText) -> Option<Vec<u8>> {
    match form {
        SignatureText::Hex => {
            if text.len() % 2 != 0 {
                return None;
            }
            (0..text.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
                .collect()
        }
        SignatureText::Base64 => base64::engine::general_purpose::STANDARD.decode(text).ok(),
    }
}

/// The key bytes of a secret.
fn secret_bytes(secret: &Secret, form: SecretForm) -> Result<Vec<u8>, WebhookError> {
    let text = secret.expose();
    match form {
        SecretForm::Raw => Ok(text.as_bytes().to_vec()),
        SecretForm::Base64 { prefix } => base64::engine::general_purpose::STANDARD
            .decode(text.strip_prefix(prefix).unwrap_or(text))
            // The secret itself is never shown.
            .map_err(|_| WebhookError::Malformed {
                what: "secret",
                why: "not base64 after its prefix".into(),
            }),
    }
}

#[cfg(test)]
mod tests;
