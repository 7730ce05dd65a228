//! Idempotency keys: a request that carries a key the server uses to
//! recognise a repeat may be retried although it is a POST. The key is the
//! caller's, or a new random one (a UUID v4); every attempt of the call sends
//! the same key, because the request (and its encoded body) is built once.

use super::body::Body;
use super::error::{EncodeError, InvalidRequest};
use super::members::Members;
use super::request::Request;

/// Where the spec puts an endpoint's idempotency key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyPlace {
    /// A request header (`Idempotency-Key`).
    Header(&'static str),
    /// A top-level field of the JSON or form body.
    Field(&'static str),
    /// A field of the record a root-key body wraps: `field` inside the
    /// member `key` (`{"event": {"transaction_id": ..}}`, or
    /// `event[transaction_id]` in a form).
    RecordField {
        /// The root key the record is under.
        key: &'static str,
        /// The key field inside the record.
        field: &'static str,
    },
}

/// The longest idempotency key a caller may give, in bytes (the limit the
/// common servers document; a random key is 36).
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

/// Checks a caller's key: not empty or blank, at most
/// [`MAX_IDEMPOTENCY_KEY_LEN`] bytes. An empty key would make a server
/// treat unrelated calls as repeats of each other.
pub(crate) fn check_key(key: &str) -> Result<(), InvalidRequest> {
    if key.trim().is_empty() {
        return Err(InvalidRequest(
            "the idempotency key is empty or blank; give a unique key per operation".to_owned(),
        ));
    }
    if key.len() > MAX_IDEMPOTENCY_KEY_LEN {
        return Err(InvalidRequest(format!(
            "the idempotency key is {} bytes long; at most {MAX_IDEMPOTENCY_KEY_LEN} are allowed",
            key.len()
        )));
    }
    Ok(())
}

/// A new random idempotency key.
pub fn new_idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl Request {
    /// Puts the idempotency key (`given`, or else a new one) where `place`
    /// says, and lets the request be retried. For a body field, a key the
    /// body already carries is kept when none is given. Returns the key sent.
    pub fn idempotency_key(
        mut self,
        place: KeyPlace,
        given: Option<&str>,
    ) -> Result<(Self, String), EncodeError> {
        let key = match place {
            KeyPlace::Header(name) => {
                let key = given.map_or_else(new_idempotency_key, str::to_owned);
                self.set_header(name, key.clone());
                key
            }
            KeyPlace::Field(field) => {
                let body = self.encoded_body().ok_or_else(|| {
                    EncodeError(format!("the idempotency key field `{field}` needs a body"))
                })?;
                let (body, key) = with_field(body, field, given)?;
                self = self.with_encoded_body(body);
                key
            }
            KeyPlace::RecordField { key: root, field } => {
                let body = self.encoded_body().ok_or_else(|| {
                    EncodeError(format!("the idempotency key field `{field}` needs a body"))
                })?;
                let (body, key) = with_record_field(body, root, field, given)?;
                self = self.with_encoded_body(body);
                key
            }
        };
        if given.is_some() || !matches!(place, KeyPlace::Header(_)) {
            // The caller's, or one the body carried: generated keys are fine.
            check_key(&key).map_err(|InvalidRequest(why)| EncodeError(why))?;
        }
        self.record_key(place, key.clone());
        Ok((self.retryable(), key))
    }

    /// Replaces the key of a keyed request (built with
    /// [`Request::idempotency_key`]) by the caller's. A request that carries
    /// no key is refused: the endpoint takes none.
    pub fn replace_idempotency_key(self, key: &str) -> Result<Self, EncodeError> {
        match self.idempotency() {
            Some((place, _)) => Ok(self.idempotency_key(place, Some(key))?.0),
            None => Err(EncodeError(
                "this endpoint takes no idempotency key".to_owned(),
            )),
        }
    }
}

/// `body` with `field` set to the key: `given`, the body's own, or new.
fn with_field(
    body: &Body,
    field: &str,
    given: Option<&str>,
) -> Result<(Body, String), EncodeError> {
    match body.content_type() {
        "application/json" => json_field(body, field, given),
        "application/x-www-form-urlencoded" => Ok(form_field(body, field, given)),
        other => Err(EncodeError(format!(
            "an idempotency key field cannot be added to a `{other}` body"
        ))),
    }
}

/// `body` with `field` set to the key inside the record under `root`.
fn with_record_field(
    body: &Body,
    root: &str,
    field: &str,
    given: Option<&str>,
) -> Result<(Body, String), EncodeError> {
    match body.content_type() {
        "application/json" => {
            let text = std::str::from_utf8(body.bytes()).map_err(|e| EncodeError(e.to_string()))?;
            let (out, key) = json_record_field(text, root, field, given)?;
            Ok((Body::new("application/json", out), key))
        }
        "application/x-www-form-urlencoded" => {
            Ok(form_field(body, &format!("{root}[{field}]"), given))
        }
        other => Err(EncodeError(format!(
            "an idempotency key field cannot be added to a `{other}` body"
        ))),
    }
}

/// The JSON object `text` with the record under `root` rewritten by
/// [`json_field_text`], every other member as its exact text.
fn json_record_field(
    text: &str,
    root: &str,
    field: &str,
    given: Option<&str>,
) -> Result<(String, String), EncodeError> {
    let not_object = || EncodeError("an idempotency key field needs a JSON object body".into());
    let Members(members) = serde_json::from_str(text).map_err(|_| not_object())?;
    let encode = |e: serde_json::Error| EncodeError(e.to_string());
    let mut out = String::from("{");
    let mut key = None;
    for (i, (name, value)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(name).map_err(encode)?);
        out.push(':');
        if name == root && key.is_none() {
            let (record, k) = json_field_text(value.get(), field, given)?;
            out.push_str(&record);
            key = Some(k);
        } else {
            out.push_str(value.get());
        }
    }
    out.push('}');
    let key = key.ok_or_else(|| {
        EncodeError(format!(
            "the body has no `{root}` record for the idempotency key field `{field}`"
        ))
    })?;
    Ok((out, key))
}

/// Rewrites a JSON object body with the key field first, every other member
/// as its exact text (amounts are not re-parsed).
fn json_field(
    body: &Body,
    field: &str,
    given: Option<&str>,
) -> Result<(Body, String), EncodeError> {
    let text = std::str::from_utf8(body.bytes()).map_err(|e| EncodeError(e.to_string()))?;
    let (out, key) = json_field_text(text, field, given)?;
    Ok((Body::new("application/json", out), key))
}

/// The JSON object `text` with `field` set to the key (first), and the key.
fn json_field_text(
    text: &str,
    field: &str,
    given: Option<&str>,
) -> Result<(String, String), EncodeError> {
    let not_object = || EncodeError("an idempotency key field needs a JSON object body".into());
    let Members(members) = serde_json::from_str(text).map_err(|_| not_object())?;
    let own = members.iter().find(|(n, _)| n == field).and_then(|(_, v)| {
        serde_json::from_str::<Option<String>>(v.get())
            .ok()
            .flatten()
    });
    let key = match (given, own) {
        (Some(k), _) => k.to_owned(),
        (None, Some(k)) => k,
        (None, None) => new_idempotency_key(),
    };
    let encode = |e: serde_json::Error| EncodeError(e.to_string());
    let mut out = format!(
        "{{{}:{}",
        serde_json::to_string(field).map_err(encode)?,
        serde_json::to_string(&key).map_err(encode)?
    );
    for (name, value) in members.iter().filter(|(n, _)| n.as_str() != field) {
        out.push(',');
        out.push_str(&serde_json::to_string(name).map_err(encode)?);
        out.push(':');
        out.push_str(value.get());
    }
    out.push('}');
    Ok((out, key))
}

/// Appends (or replaces) the key pair of a form body.
fn form_field(body: &Body, field: &str, given: Option<&str>) -> (Body, String) {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(body.bytes())
        .into_owned()
        .collect();
    let own = pairs
        .iter()
        .find(|(k, _)| k == field)
        .map(|(_, v)| v.clone());
    let key = match (given, own) {
        (Some(k), _) => k.to_owned(),
        (None, Some(k)) => k,
        (None, None) => new_idempotency_key(),
    };
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.iter().filter(|(k, _)| k != field) {
        out.append_pair(k, v);
    }
    out.append_pair(field, &key);
    (
        Body::new("application/x-www-form-urlencoded", out.finish()),
        key,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::PathBuilder;
    use reqwest::Method;

    fn post(body: Option<Body>) -> Request {
        let r = Request::new(Method::POST, PathBuilder::new().literal("charges"), false);
        match body {
            Some(b) => r.with_encoded_body(b),
            None => r,
        }
    }

    #[test]
    fn a_header_key_is_the_callers_or_a_new_uuid_and_makes_the_post_retryable() {
        let (r, key) = post(None)
            .idempotency_key(KeyPlace::Header("Idempotency-Key"), Some("k1"))
            .unwrap();
        assert_eq!(key, "k1");
        assert!(r.is_idempotent());
        assert_eq!(r.headers(), &[("Idempotency-Key", "k1".to_owned())]);
        let (_, a) = post(None)
            .idempotency_key(KeyPlace::Header("Idempotency-Key"), None)
            .unwrap();
        let (_, b) = post(None)
            .idempotency_key(KeyPlace::Header("Idempotency-Key"), None)
            .unwrap();
        assert_ne!(a, b);
        assert_eq!(uuid::Uuid::parse_str(&a).unwrap().get_version_num(), 4);
    }

    #[test]
    fn a_record_field_goes_inside_the_root_key() {
        let body = Body::new(
            "application/json",
            r#"{"meta":{"a":1},"event":{"quantity":3,"amount":0.10}}"#,
        );
        let place = KeyPlace::RecordField {
            key: "event",
            field: "transaction_id",
        };
        let (r, key) = post(Some(body)).idempotency_key(place, Some("k1")).unwrap();
        assert_eq!(key, "k1");
        assert_eq!(
            std::str::from_utf8(r.encoded_body().unwrap().bytes()).unwrap(),
            r#"{"meta":{"a":1},"event":{"transaction_id":"k1","quantity":3,"amount":0.10}}"#
        );
        // The record's own key is kept; a body without the record is refused.
        let own = Body::new("application/json", r#"{"event":{"transaction_id":"mine"}}"#);
        assert_eq!(
            post(Some(own)).idempotency_key(place, None).unwrap().1,
            "mine"
        );
        let none = Body::new("application/json", r#"{"other":{}}"#);
        let err = post(Some(none)).idempotency_key(place, None).unwrap_err();
        assert!(err.to_string().contains("no `event` record"), "{err}");
        let form = Body::new("application/x-www-form-urlencoded", "event%5Bquantity%5D=3");
        let (r, _) = post(Some(form)).idempotency_key(place, Some("k2")).unwrap();
        assert_eq!(
            std::str::from_utf8(r.encoded_body().unwrap().bytes()).unwrap(),
            "event%5Bquantity%5D=3&event%5Btransaction_id%5D=k2"
        );
    }

    #[test]
    fn a_body_field_is_set_and_amounts_keep_their_text() {
        let body = Body::new(
            "application/json",
            r#"{"note":"x","amount":12345678901234567.89}"#,
        );
        let (r, key) = post(Some(body.clone()))
            .idempotency_key(KeyPlace::Field("idempotency_key"), Some("k2"))
            .unwrap();
        assert_eq!(key, "k2");
        assert_eq!(
            std::str::from_utf8(r.encoded_body().unwrap().bytes()).unwrap(),
            r#"{"idempotency_key":"k2","note":"x","amount":12345678901234567.89}"#
        );
        // The body's own key is kept when none is given.
        let own = Body::new("application/json", r#"{"idempotency_key":"mine","a":1}"#);
        let (_, key) = post(Some(own))
            .idempotency_key(KeyPlace::Field("idempotency_key"), None)
            .unwrap();
        assert_eq!(key, "mine");
        // A form body gets the pair.
        let form = Body::new("application/x-www-form-urlencoded", "a=1&b=%5B2%5D");
        let (r, key) = post(Some(form))
            .idempotency_key(KeyPlace::Field("key"), None)
            .unwrap();
        let text = std::str::from_utf8(r.encoded_body().unwrap().bytes())
            .unwrap()
            .to_owned();
        assert_eq!(text, format!("a=1&b=%5B2%5D&key={key}"));
    }

    #[test]
    fn a_field_needs_an_object_body() {
        assert!(
            post(None)
                .idempotency_key(KeyPlace::Field("k"), None)
                .is_err()
        );
        let list = Body::new("application/json", "[1]");
        assert!(
            post(Some(list))
                .idempotency_key(KeyPlace::Field("k"), None)
                .is_err()
        );
    }

    #[test]
    fn a_replaced_key_takes_the_place_of_the_first_and_needs_a_keyed_request() {
        let (r, first) = post(None)
            .idempotency_key(KeyPlace::Header("Idempotency-Key"), None)
            .unwrap();
        assert_eq!(
            r.idempotency(),
            Some((KeyPlace::Header("Idempotency-Key"), first.as_str()))
        );
        let r = r.replace_idempotency_key("k3").unwrap();
        assert_eq!(r.headers(), &[("Idempotency-Key", "k3".to_owned())]);
        assert_eq!(r.idempotency().map(|(_, k)| k), Some("k3"));
        let body = Body::new("application/json", r#"{"idempotency_key":"mine"}"#);
        let (r, _) = post(Some(body))
            .idempotency_key(KeyPlace::Field("idempotency_key"), None)
            .unwrap();
        let r = r.replace_idempotency_key("k4").unwrap();
        assert_eq!(
            &r.encoded_body().unwrap().bytes()[..],
            &br#"{"idempotency_key":"k4"}"#[..]
        );
        assert!(post(None).replace_idempotency_key("k5").is_err());
    }
}
