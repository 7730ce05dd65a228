//! Request and response envelopes declared in a spec: records wrapped as
//! `{"<records>": record}` or `{"<records>": [records]}`, fields set to
//! `null` moved to a "fields to null" list, and responses unwrapped from
//! `{"<key>": [results]}` with a per-record status.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::error::{DecodeError, EncodeError, InvalidRequest, snippet};

/// How request records are wrapped (from the spec's `envelopes`).
#[derive(Debug)]
pub struct RequestEnvelope {
    /// The key holding the record (one) or records (a list).
    pub records: &'static str,
    /// The key that lists the names of fields set to `null`, if the API has one.
    pub nulls: Option<&'static str>,
}

/// Where a per-record result says whether that record succeeded.
#[derive(Debug)]
pub struct RecordStatus {
    /// The field holding the record's code.
    pub code: &'static str,
    /// Codes meaning success.
    pub ok: &'static [&'static str],
    /// The field holding the error text.
    pub text: Option<&'static str>,
    /// The field naming the offending field.
    pub field: Option<&'static str>,
}

/// One record the server rejected while others in the same call may have
/// succeeded.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("record {index} was rejected with code {code}{}{}", text.as_deref().map(|t| format!(": {t}")).unwrap_or_default(), field.as_deref().map(|f| format!(" (field {f})")).unwrap_or_default())]
pub struct RecordError {
    /// Position of the record in the request (and of the result in the response), from 0.
    pub index: usize,
    /// The record's error code.
    pub code: String,
    /// The error text, if not blank.
    pub text: Option<String>,
    /// The offending field, if named.
    pub field: Option<String>,
    /// The whole result object, as sent.
    pub result: Value,
}

/// The result of one record of a bulk call: the decoded result or why the
/// server rejected that record.
pub type RecordOutcome<T> = Result<T, RecordError>;

/// The outcomes of a bulk call, one per record in request order: a slice of
/// [`RecordOutcome`]s (`outcomes[i]`, `.iter()`, `.len()`), with the
/// successes and failures apart for retrying only the failed records.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcomes<T>(Vec<RecordOutcome<T>>);

impl<T> Outcomes<T> {
    /// The outcomes, in request order.
    pub fn new(outcomes: Vec<RecordOutcome<T>>) -> Self {
        Self(outcomes)
    }

    /// The outcomes as a vector.
    pub fn into_vec(self) -> Vec<RecordOutcome<T>> {
        self.0
    }

    /// The records the server accepted, with their positions in the request.
    pub fn succeeded(&self) -> impl Iterator<Item = (usize, &T)> {
        self.0
            .iter()
            .enumerate()
            .filter_map(|(i, o)| o.as_ref().ok().map(|v| (i, v)))
    }

    /// The records the server rejected ([`RecordError::index`] is each
    /// one's position in the request).
    pub fn failed(&self) -> impl Iterator<Item = &RecordError> {
        self.0.iter().filter_map(|o| o.as_ref().err())
    }

    /// Whether every record was accepted.
    pub fn all_succeeded(&self) -> bool {
        self.0.iter().all(Result::is_ok)
    }
}

impl<T> std::ops::Deref for Outcomes<T> {
    type Target = [RecordOutcome<T>];

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<T> IntoIterator for Outcomes<T> {
    type Item = RecordOutcome<T>;
    type IntoIter = std::vec::IntoIter<RecordOutcome<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Outcomes<T> {
    type Item = &'a RecordOutcome<T>;
    type IntoIter = std::slice::Iter<'a, RecordOutcome<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Builds `{"<records>": ...}` from `records` plus top-level `extra` fields.
/// One record is sent as an object, several as a list, as the APIs document.
/// Fields whose value is `null` are removed from each record and named in
/// the envelope's nulls key (a string for one, a list for several).
pub fn wrap<R: Serialize>(
    envelope: &RequestEnvelope,
    records: &[R],
    extra: Vec<(&'static str, Value)>,
) -> Result<Value, WrapError> {
    if records.is_empty() {
        return Err(WrapError::Invalid(InvalidRequest(
            "no records given: pass at least one".into(),
        )));
    }
    let mut wrapped = Vec::with_capacity(records.len());
    for (index, record) in records.iter().enumerate() {
        let value = serde_json::to_value(record)
            .map_err(|e| WrapError::Encode(EncodeError(format!("record {index}: {e}"))))?;
        wrapped.push(match (value, envelope.nulls) {
            (Value::Object(map), Some(key)) => Value::Object(move_nulls(map, key)),
            (other, _) => other,
        });
    }
    let records = if wrapped.len() == 1 {
        wrapped.pop().expect("one record")
    } else {
        Value::Array(wrapped)
    };
    let mut out = Map::new();
    for (key, value) in extra {
        out.insert(key.to_owned(), value);
    }
    out.insert(envelope.records.to_owned(), records);
    Ok(Value::Object(out))
}

fn move_nulls(map: Map<String, Value>, key: &str) -> Map<String, Value> {
    let mut nulls = Vec::new();
    let mut kept = Map::new();
    for (name, value) in map {
        if value.is_null() {
            nulls.push(Value::String(name));
        } else {
            kept.insert(name, value);
        }
    }
    match nulls.len() {
        0 => {}
        1 => {
            kept.insert(key.to_owned(), nulls.pop().expect("one name"));
        }
        _ => {
            kept.insert(key.to_owned(), Value::Array(nulls));
        }
    }
    kept
}

/// Why records could not be wrapped.
#[derive(Debug)]
pub enum WrapError {
    /// Nothing to send.
    Invalid(InvalidRequest),
    /// A record did not serialise.
    Encode(EncodeError),
}

impl fmt::Display for WrapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WrapError::Invalid(e) => e.fmt(f),
            WrapError::Encode(e) => e.fmt(f),
        }
    }
}

impl<E: fmt::Debug> From<WrapError> for super::Error<E> {
    fn from(e: WrapError) -> Self {
        match e {
            WrapError::Invalid(e) => e.into(),
            WrapError::Encode(e) => e.into(),
        }
    }
}

fn decode_error(status: u16, body: &[u8], path: String, message: String) -> DecodeError {
    DecodeError {
        status,
        path,
        message,
        snippet: snippet(body),
    }
}

/// The results under `key`, each as its exact JSON text (numbers are never
/// re-read through `f64`).
fn unwrap_list(status: u16, body: &[u8], key: &str) -> Result<Vec<Box<RawValue>>, DecodeError> {
    let Some(raw) = super::root::member(status, body, key)? else {
        return Err(decode_error(
            status,
            body,
            ".".to_owned(),
            format!("the response has no `{key}` envelope"),
        ));
    };
    let text = raw.get().trim_start();
    if text.starts_with('[') {
        serde_json::from_str::<Vec<Box<RawValue>>>(raw.get())
            .map_err(|e| decode_error(status, body, key.to_owned(), e.to_string()))
    } else if text.starts_with('{') {
        Ok(vec![raw.to_owned()])
    } else if text == "null" {
        Ok(Vec::new())
    } else {
        Err(decode_error(
            status,
            body,
            key.to_owned(),
            format!("expected a list of results, got {text}"),
        ))
    }
}

fn decode_item<T: DeserializeOwned>(
    status: u16,
    body: &[u8],
    key: &str,
    index: usize,
    item: &RawValue,
) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_str(item.get());
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.path().to_string();
        let path = if inner == "." {
            format!("{key}[{index}]")
        } else {
            format!("{key}[{index}].{inner}")
        };
        decode_error(status, body, path, e.inner().to_string())
    })
}

/// Decodes `{"<key>": [items]}` into `T` (a list type), whatever `T` holds:
/// the items as the list `T` is read from, each error's path under the key.
pub fn records_into<T: DeserializeOwned>(
    status: u16,
    body: &[u8],
    key: &str,
) -> Result<T, DecodeError> {
    let items = unwrap_list(status, body, key)?;
    let mut list = String::with_capacity(body.len() + 2);
    list.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            list.push(',');
        }
        list.push_str(item.get());
    }
    list.push(']');
    // Fast path; a failure is decoded again with path tracking.
    if let Ok(value) = serde_json::from_str(&list) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(&list);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.path().to_string();
        let path = if inner == "." {
            key.to_owned()
        } else {
            format!("{key}{inner}")
        };
        decode_error(status, body, path, e.inner().to_string())
    })
}

/// Decodes exactly one record under `key`.
pub fn record<T: DeserializeOwned>(status: u16, body: &[u8], key: &str) -> Result<T, DecodeError> {
    let mut items = unwrap_list(status, body, key)?;
    if items.len() != 1 {
        return Err(decode_error(
            status,
            body,
            key.to_owned(),
            format!("expected exactly one record, got {}", items.len()),
        ));
    }
    let item = items.pop().expect("one item");
    decode_item(status, body, key, 0, &item)
}

fn text_of(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::String(s) => s.trim().to_owned(),
        Value::Array(items) => items
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.trim().to_owned()),
                Value::Null => None,
                other => Some(other.to_string()),
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    (!text.is_empty()).then_some(text)
}

/// Decodes `{"<key>": [results]}` into one outcome per result, in order: a
/// result whose status code is not a success code becomes a [`RecordError`]
/// and the others decode as `T`.
pub fn outcomes<T: DeserializeOwned>(
    status: u16,
    body: &[u8],
    key: &str,
    record_status: &RecordStatus,
) -> Result<Vec<RecordOutcome<T>>, DecodeError> {
    let items = unwrap_list(status, body, key)?;
    let mut out = Vec::with_capacity(items.len());
    for (index, raw) in items.into_iter().enumerate() {
        // The status fields are read from a parsed copy; the record itself
        // decodes from its exact text.
        let item: Value = serde_json::from_str(raw.get())
            .map_err(|e| decode_error(status, body, format!("{key}[{index}]"), e.to_string()))?;
        let code = match item.get(record_status.code) {
            Some(Value::String(s)) => s.trim().to_owned(),
            Some(Value::Number(n)) => n.to_string(),
            // No code: nothing says the record failed.
            None | Some(Value::Null) => record_status.ok.first().copied().unwrap_or("").to_owned(),
            Some(other) => other.to_string(),
        };
        if record_status.ok.contains(&code.as_str()) {
            out.push(Ok(decode_item(status, body, key, index, &raw)?));
        } else {
            out.push(Err(RecordError {
                index,
                code,
                text: text_of(record_status.text.and_then(|t| item.get(t))),
                field: text_of(record_status.field.and_then(|f| item.get(f))),
                result: item,
            }));
        }
    }
    Ok(out)
}

/// What a 404 means for a call that reads records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotFound {
    /// An error, like any other non-success status.
    Error,
    /// No record matched: an empty list (for searches), when the 404's body
    /// is the API's error body; any other 404 is an error.
    Empty,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_records_key_twice_is_a_decode_error() {
        let body = br#"{"retrieveResponse": [{"Id": "1"}], "retrieveResponse": [{"Id": "2"}]}"#;
        let err =
            records_into::<Vec<serde_json::Value>>(200, body, "retrieveResponse").unwrap_err();
        assert!(err.message.contains("`retrieveResponse` twice"), "{err}");
    }
    use serde::Deserialize;
    use serde_json::json;

    const BRM: RequestEnvelope = RequestEnvelope {
        records: "brmObjects",
        nulls: Some("fieldsToNull"),
    };
    const STATUS: RecordStatus = RecordStatus {
        code: "ErrorCode",
        ok: &["0"],
        text: Some("ErrorText"),
        field: Some("ErrorElementField"),
    };

    #[test]
    fn one_record_is_an_object_and_several_a_list() {
        let one = wrap(&BRM, &[json!({"Name": "a"})], vec![]).unwrap();
        assert_eq!(one, json!({"brmObjects": {"Name": "a"}}));
        let two = wrap(&BRM, &[json!({"Name": "a"}), json!({"Name": "b"})], vec![]).unwrap();
        assert_eq!(two, json!({"brmObjects": [{"Name": "a"}, {"Name": "b"}]}));
        assert!(matches!(
            wrap::<Value>(&BRM, &[], vec![]),
            Err(WrapError::Invalid(_))
        ));
    }

    #[test]
    fn nulls_become_fields_to_null_and_extra_fields_are_top_level() {
        let one = wrap(
            &BRM,
            &[json!({"Id": "1", "A": null})],
            vec![("externalIDFieldName", json!("key"))],
        )
        .unwrap();
        assert_eq!(
            one,
            json!({"externalIDFieldName": "key", "brmObjects": {"Id": "1", "fieldsToNull": "A"}})
        );
        let two = wrap(&BRM, &[json!({"Id": "1", "A": null, "B": null})], vec![]).unwrap();
        assert_eq!(
            two,
            json!({"brmObjects": {"Id": "1", "fieldsToNull": ["A", "B"]}})
        );
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Done {
        #[serde(rename = "Id")]
        id: String,
    }

    #[test]
    fn outcomes_keep_every_record_in_order() {
        let body = br#"{"createResponse":[
            {"ErrorCode":"0","ErrorText":" ","ErrorElementField":" ","Id":"1"},
            {"ErrorCode":"BAD_FIELD","ErrorText":"Status is invalid","ErrorElementField":"Status","Id":null},
            {"ErrorCode":"0","ErrorText":[],"Id":"3"}]}"#;
        let out = outcomes::<Done>(200, body, "createResponse", &STATUS).unwrap();
        assert_eq!(out.len(), 3);
        assert_eq!(out[0], Ok(Done { id: "1".into() }));
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(
            (
                e.index,
                e.code.as_str(),
                e.text.as_deref(),
                e.field.as_deref()
            ),
            (1, "BAD_FIELD", Some("Status is invalid"), Some("Status"))
        );
        assert_eq!(
            e.to_string(),
            "record 1 was rejected with code BAD_FIELD: Status is invalid (field Status)"
        );
        assert_eq!(out[2], Ok(Done { id: "3".into() }));
    }

    #[test]
    fn decode_errors_name_the_envelope_path() {
        let body = br#"{"retrieveResponse":[{"Id":"1"},{"Id":2}]}"#;
        let e = records_into::<Vec<Done>>(200, body, "retrieveResponse").unwrap_err();
        assert_eq!(e.path, "retrieveResponse[1].Id");
        let e = records_into::<Vec<Done>>(200, br#"{"other":[]}"#, "retrieveResponse").unwrap_err();
        assert!(e.message.contains("no `retrieveResponse` envelope"), "{e}");
    }
}
