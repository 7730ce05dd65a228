//! Request bodies and the encoders that make them. The request loop sends
//! whatever [`Body`] an encoder produced with its media type; JSON is
//! [`Json`], and further encodings (form, multipart) are further
//! [`BodyEncoder`]s, without touching the loop.

use std::borrow::Cow;

use serde::Serialize;

use super::error::EncodeError;

/// An encoded request body and its media type. Cheap to clone, so a retry
/// re-sends the same bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    content_type: Cow<'static, str>,
    bytes: bytes::Bytes,
}

impl Body {
    /// A body of `bytes` sent as `content_type`.
    pub fn new(content_type: impl Into<Cow<'static, str>>, bytes: impl Into<bytes::Bytes>) -> Self {
        Self {
            content_type: content_type.into(),
            bytes: bytes.into(),
        }
    }

    /// The `Content-Type` it is sent with (a multipart body's names its
    /// boundary).
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    /// The encoded bytes.
    pub fn bytes(&self) -> &bytes::Bytes {
        &self.bytes
    }
}

/// Turns a value into a request [`Body`].
pub trait BodyEncoder {
    /// Encodes `value`; fails before anything is sent.
    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Body, EncodeError>;
}

/// `application/json`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Json;

impl BodyEncoder for Json {
    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Body, EncodeError> {
        let bytes = serde_json::to_vec(value).map_err(|e| EncodeError(e.to_string()))?;
        Ok(Body::new("application/json", bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_bodies_carry_their_media_type() {
        let body = Json.encode(&serde_json::json!({"a": [1, 2]})).unwrap();
        assert_eq!(body.content_type(), "application/json");
        assert_eq!(&body.bytes()[..], br#"{"a":[1,2]}"#);
    }

    #[test]
    fn unencodable_values_fail_before_sending() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(vec![1u8], 1);
        assert!(Json.encode(&map).is_err());
    }
}
