//! Binary content that travels as Base64 text, and bodies that are one
//! value or a list of values.

use std::fmt;

use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// Bytes written as standard Base64 (with padding). Reading accepts line
/// breaks and other ASCII whitespace inside the text, as some servers wrap
/// Base64 at 76 columns.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Base64Bytes(pub Vec<u8>);

/// Text that is not Base64.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not valid Base64: {0}")]
pub struct Base64Error(String);

impl Base64Bytes {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// Decodes Base64 text, ignoring ASCII whitespace.
    pub fn decode(text: &str) -> Result<Self, Base64Error> {
        let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact.as_bytes())
            .map(Self)
            .map_err(|e| Base64Error(e.to_string()))
    }

    /// The Base64 text.
    pub fn encode(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(&self.0)
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Takes the bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

impl fmt::Debug for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64Bytes({} bytes)", self.0.len())
    }
}

impl From<Vec<u8>> for Base64Bytes {
    fn from(v: Vec<u8>) -> Self {
        Self(v)
    }
}

impl From<&[u8]> for Base64Bytes {
    fn from(v: &[u8]) -> Self {
        Self(v.to_vec())
    }
}

impl Serialize for Base64Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Base64Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::decode(&s).map_err(de::Error::custom)
    }
}

/// A value the wire writes either alone or as a list (`{"brmObjects": {..}}`
/// or `{"brmObjects": [{..}, ..]}`). A `One` is written without brackets.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OneOrMany<T> {
    /// A single value.
    One(T),
    /// A list.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values as a list, in order.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            Self::One(v) => vec![v],
            Self::Many(v) => v,
        }
    }

    /// The values, in order.
    pub fn as_slice(&self) -> &[T] {
        match self {
            Self::One(v) => std::slice::from_ref(v),
            Self::Many(v) => v,
        }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether there is no value (an empty `Many`).
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }
}

impl<T> From<T> for OneOrMany<T> {
    fn from(v: T) -> Self {
        Self::One(v)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(v: Vec<T>) -> Self {
        Self::Many(v)
    }
}

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::One(v) => v.serialize(serializer),
            Self::Many(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Buffer the exact JSON text once (numbers are not re-read through
        // `f64`), then decide by shape, so a bad element reports its own error.
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        let decoded = if text.trim_start().starts_with('[') {
            super::nesting::reparse::<Vec<T>>(text).map(Self::Many)
        } else {
            super::nesting::reparse::<T>(text).map(Self::One)
        };
        decoded.map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_accepts_wrapped_lines() {
        let b = Base64Bytes::new(b"Hello, BillingPlatform!".to_vec());
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(json, "\"SGVsbG8sIEJpbGxpbmdQbGF0Zm9ybSE=\"");
        let wrapped = "\"SGVsbG8sIEJp\\nbGxpbmdQbGF0\\r\\nZm9ybSE=\"";
        assert_eq!(serde_json::from_str::<Base64Bytes>(wrapped).unwrap(), b);
        assert!(Base64Bytes::decode("not base64!").is_err());
        assert_eq!(format!("{b:?}"), "Base64Bytes(23 bytes)");
    }

    #[test]
    fn one_or_many_keeps_the_shape() {
        let one: OneOrMany<String> = serde_json::from_str("\"a\"").unwrap();
        assert_eq!(one, OneOrMany::One("a".into()));
        assert_eq!(serde_json::to_string(&one).unwrap(), "\"a\"");
        let many: OneOrMany<String> = serde_json::from_str("[\"a\",\"b\"]").unwrap();
        assert_eq!(many.len(), 2);
        assert_eq!(serde_json::to_string(&many).unwrap(), "[\"a\",\"b\"]");
        assert_eq!(many.into_vec(), ["a", "b"]);
        assert!(serde_json::from_str::<OneOrMany<u8>>("[1,\"x\"]").is_err());
    }
}
