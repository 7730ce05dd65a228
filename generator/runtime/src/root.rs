//! Root-key wrapped bodies: APIs that send one record as
//! `{"customer": {...}}` and lists as `{"customers": [...], "meta": {...}}`.
//! A request body is wrapped under its key by [`Rooted`]; a response is
//! unwrapped from its key by [`unwrap_root`], exactly (the value under the
//! key is decoded from its own JSON text), with other top-level keys
//! (`meta`) left to pagination.

use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::error::{DecodeError, snippet};
use super::members::Members;

/// A body written as `{"<key>": <value>}`.
#[derive(Debug)]
pub struct Rooted<'a, T: ?Sized>(pub &'static str, pub &'a T);

impl<T: Serialize + ?Sized> Serialize for Rooted<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, self.1)?;
        map.end()
    }
}

/// Decodes the value under `key` of a JSON object body; the decode error's
/// path starts with the key.
pub fn unwrap_root<T: DeserializeOwned>(
    status: u16,
    body: &[u8],
    key: &str,
) -> Result<T, DecodeError> {
    let error = |path: String, message: String| DecodeError {
        status,
        path,
        message,
        snippet: snippet(body),
    };
    let raw = member(status, body, key)?
        .ok_or_else(|| error(".".into(), format!("the response has no `{key}` key")))?;
    // Fast path; a failure is decoded again with path tracking.
    if let Ok(value) = serde_json::from_str(raw.get()) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(raw.get());
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.path().to_string();
        let path = match inner.as_str() {
            "." => key.to_owned(),
            index if index.starts_with('[') => format!("{key}{index}"),
            field => format!("{key}.{field}"),
        };
        error(path, e.inner().to_string())
    })
}

/// The value of the top-level `key` of a JSON object body, as its text;
/// `None` if there is no such key. The key appearing twice is an error (a
/// map would silently keep one of them).
pub(crate) fn member<'b>(
    status: u16,
    body: &'b [u8],
    key: &str,
) -> Result<Option<&'b RawValue>, DecodeError> {
    let error = |message: String| DecodeError {
        status,
        path: ".".to_owned(),
        message,
        snippet: snippet(body),
    };
    let Members(members) = serde_json::from_slice(body).map_err(|e| error(e.to_string()))?;
    let mut found = members
        .into_iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v);
    let first = found.next();
    if first.is_some() && found.next().is_some() {
        return Err(error(format!(
            "the response has the key `{key}` twice; which one holds the value is ambiguous"
        )));
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_unwraps_under_the_key() {
        let body =
            serde_json::to_string(&Rooted("customer", &serde_json::json!({"id": 1}))).unwrap();
        assert_eq!(body, r#"{"customer":{"id":1}}"#);
        let ids: Vec<u32> = unwrap_root(
            200,
            br#"{"customers": [1, 2], "meta": {"next_page": 2}}"#,
            "customers",
        )
        .unwrap();
        assert_eq!(ids, [1, 2]);
        let err =
            unwrap_root::<Vec<u32>>(200, br#"{"customers": [1, "x"]}"#, "customers").unwrap_err();
        assert_eq!(err.path, "customers[1]");
        let err = unwrap_root::<u32>(200, br#"{"other": 1}"#, "customer").unwrap_err();
        assert!(err.message.contains("no `customer` key"), "{err}");
    }

    /// A body with the key twice is ambiguous: which one is the record?
    #[test]
    fn the_key_twice_is_a_decode_error() {
        let err = unwrap_root::<u32>(
            200,
            br#"{"customer": 1, "x": 0, "customer": 2}"#,
            "customer",
        )
        .unwrap_err();
        assert!(err.message.contains("`customer` twice"), "{err}");
        // Other keys may repeat: they are not read.
        let one: u32 =
            unwrap_root(200, br#"{"meta": 1, "customer": 7, "meta": 2}"#, "customer").unwrap();
        assert_eq!(one, 7);
    }
}
