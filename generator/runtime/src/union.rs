//! Values of more than one shape: an id or the expanded object
//! ([`IdOrObject`]), and the raw JSON text generated unions decode their
//! variants from ([`RawJson`]), so amounts stay exact and an unknown variant
//! is kept as the server sent it.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use super::members::Members;
use super::nesting::{Reparse, reparse};

/// A field the server sends either as an id (a JSON string) or, expanded,
/// as the object itself.
#[derive(Clone, Debug, PartialEq)]
pub enum IdOrObject<I, T> {
    /// Only the id.
    Id(I),
    /// The expanded object.
    Object(T),
}

impl<I, T> IdOrObject<I, T> {
    /// The id, when only the id was sent.
    pub fn id(&self) -> Option<&I> {
        match self {
            IdOrObject::Id(id) => Some(id),
            IdOrObject::Object(_) => None,
        }
    }

    /// The object, when it was expanded.
    pub fn object(&self) -> Option<&T> {
        match self {
            IdOrObject::Object(o) => Some(o),
            IdOrObject::Id(_) => None,
        }
    }
}

impl<I: Serialize, T: Serialize> Serialize for IdOrObject<I, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            IdOrObject::Id(id) => id.serialize(s),
            IdOrObject::Object(o) => o.serialize(s),
        }
    }
}

impl<'de, I: DeserializeOwned, T: DeserializeOwned> Deserialize<'de> for IdOrObject<I, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawJson::deserialize(d)?;
        if raw.get().starts_with('"') {
            raw.parse().map(IdOrObject::Id)
        } else {
            raw.parse().map(IdOrObject::Object)
        }
    }
}

/// A JSON value kept as its exact text.
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Reads the text as `T`; an error keeps serde's message and position.
    /// Nesting is bounded ([`crate::nesting`]).
    pub fn parse<T: DeserializeOwned, E: de::Error>(&self) -> Result<T, E> {
        reparse(self.0.get()).map_err(E::custom)
    }

    /// The text as `T`, or `None` if it is not a `T`; an error only when
    /// it nests too deeply to be read at all.
    pub fn reads_as<T: DeserializeOwned, E: de::Error>(&self) -> Result<Option<T>, E> {
        match reparse(self.0.get()) {
            Ok(value) => Ok(Some(value)),
            Err(Reparse::Invalid(_)) => Ok(None),
            Err(too_deep @ Reparse::TooDeep) => Err(E::custom(too_deep)),
        }
    }

    /// The string value of the top-level field `name`, if this is an object
    /// that has one.
    pub fn tag(&self, name: &str) -> Option<String> {
        let Members(fields) = serde_json::from_str::<Members<'_>>(self.0.get()).ok()?;
        let (_, value) = fields.into_iter().find(|(k, _)| k == name)?;
        serde_json::from_str::<String>(value.get()).ok()
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawJson({})", self.get())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(d).map(RawJson)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Decimal;

    #[derive(Debug, PartialEq, Deserialize, Serialize)]
    struct Customer {
        id: String,
        balance: Decimal,
    }

    #[test]
    fn an_id_or_the_object() {
        let id: IdOrObject<String, Customer> = serde_json::from_str(r#""cus_1""#).unwrap();
        assert_eq!(id.id().map(String::as_str), Some("cus_1"));
        let text = r#"{"id":"cus_1","balance":12345678901234567.89}"#;
        let obj: IdOrObject<String, Customer> = serde_json::from_str(text).unwrap();
        assert_eq!(
            obj.object().unwrap().balance.to_string(),
            "12345678901234567.89"
        );
        assert_eq!(serde_json::to_string(&obj).unwrap(), text);
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""cus_1""#);
        let bad: Result<IdOrObject<String, Customer>, _> = serde_json::from_str("[1]");
        assert!(bad.is_err());
    }

    #[test]
    fn raw_json_keeps_its_text_and_reads_tags() {
        let raw: RawJson = serde_json::from_str(r#"{"object":"card","n":1.10}"#).unwrap();
        assert_eq!(raw.tag("object").as_deref(), Some("card"));
        assert_eq!(raw.tag("missing"), None);
        assert_eq!(
            serde_json::to_string(&raw).unwrap(),
            r#"{"object":"card","n":1.10}"#
        );
        let list: RawJson = serde_json::from_str("[1]").unwrap();
        assert_eq!(list.tag("object"), None);
    }
}
