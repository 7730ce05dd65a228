//! Reading JSON objects that keep the members the spec does not describe.
//!
//! A model declared open has an `extra` map for unknown members. Serde's
//! `#[serde(flatten)]` would read it by buffering every member of the object
//! as generic content and decoding each field from the buffer a second time,
//! which makes an open model several times slower to decode than a closed
//! one. Instead the generated code implements [`OpenObject`]: one pass over
//! the object's members, each described member decoded straight into its
//! slot, every other member kept as its raw JSON text ([`Extra`]). The
//! visitor around it is written once, here.
//!
//! A described member that appears twice is an error (the server sent
//! something ambiguous), as it is for closed models.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};

use serde_json::value::RawValue;

use crate::Extra;

/// The undescribed members as read, before duplicates are resolved.
pub type Received = Vec<(String, Box<RawValue>)>;

/// The `extra` of the members read.
#[inline]
pub fn extra(received: Received) -> Extra {
    Extra::from_received(received)
}

/// A model that reads itself from the members of a JSON object, one pass.
pub trait OpenObject<'de>: Sized {
    /// The model's name, for "expected ..." messages.
    const NAME: &'static str;
    /// Reads the object's members (the generated `match` on member names).
    fn visit_members<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of an open model.
#[inline]
pub fn deserialize<'de, T: OpenObject<'de>, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: OpenObject<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::visit_members(map)
    }
}

/// A member name, borrowed from the input where it has no escapes.
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl<'de> Key<'de> {
    /// The name.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name, owned (for the `extra` map).
    #[inline]
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

/// Stores a described member's value; a second occurrence is an error.
#[inline]
pub fn put<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

/// The value of a required member; missing is an error.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// The value of an optional (or nullable) member: missing and `null` are `None`.
#[inline]
pub fn optional<T>(slot: Option<Option<T>>) -> Option<T> {
    slot.flatten()
}

/// The value of a tri-state member: missing is `Patch::Absent`.
#[inline]
pub fn tristate<T>(slot: Option<crate::Patch<T>>) -> crate::Patch<T> {
    slot.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// What the generator emits for an open model with a required `id`, an
    /// optional `name` and unknown members kept.
    #[derive(Debug, PartialEq)]
    struct Customer {
        id: String,
        name: Option<String>,
        extra: Extra,
    }

    impl<'de> Deserialize<'de> for Customer {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d)
        }
    }

    impl<'de> OpenObject<'de> for Customer {
        const NAME: &'static str = "Customer";
        fn visit_members<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut id = None;
            let mut name = None;
            let mut received = Received::new();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match key.as_str() {
                    "id" => put(&mut id, "id", map.next_value()?)?,
                    "name" | "full_name" => put(&mut name, "name", map.next_value()?)?,
                    _ => received.push((key.into_string(), map.next_value()?)),
                }
            }
            Ok(Customer {
                id: required(id, "id")?,
                name: optional(name),
                extra: extra(received),
            })
        }
    }

    #[test]
    fn described_members_decode_and_the_rest_is_kept() {
        let c: Customer =
            serde_json::from_str(r#"{"id":"c1","x":[1,{"y":null}],"full_name":"A\"B"}"#).unwrap();
        assert_eq!(c.id, "c1");
        assert_eq!(c.name.as_deref(), Some("A\"B"));
        assert_eq!(c.extra.len(), 1);
        assert_eq!(c.extra.get("x").unwrap().get(), r#"[1,{"y":null}]"#);
    }

    #[test]
    fn an_escaped_unknown_name_is_kept_unescaped() {
        let c: Customer = serde_json::from_str(r#"{"id":"c1","a\u00e9":1}"#).unwrap();
        assert_eq!(c.extra.value("aé"), Some(serde_json::json!(1)));
    }

    #[test]
    fn missing_duplicate_and_non_object_are_errors() {
        let missing = serde_json::from_str::<Customer>(r#"{"name":"n"}"#).unwrap_err();
        assert!(
            missing.to_string().contains("missing field `id`"),
            "{missing}"
        );
        let twice = serde_json::from_str::<Customer>(r#"{"id":"a","id":"b"}"#).unwrap_err();
        assert!(
            twice.to_string().contains("duplicate field `id`"),
            "{twice}"
        );
        let alias_twice =
            serde_json::from_str::<Customer>(r#"{"id":"a","name":"x","full_name":"y"}"#)
                .unwrap_err();
        assert!(alias_twice.to_string().contains("duplicate field `name`"));
        let list = serde_json::from_str::<Customer>("[1]").unwrap_err();
        assert!(list.to_string().contains("a Customer object"), "{list}");
    }

    #[test]
    fn null_for_an_optional_member_is_none() {
        let c: Customer = serde_json::from_str(r#"{"id":"c1","name":null}"#).unwrap();
        assert_eq!(c.name, None);
        assert!(c.extra.is_empty());
    }

    #[test]
    fn the_json_path_of_a_bad_member_is_kept() {
        let mut de = serde_json::Deserializer::from_str(r#"{"id":"c1","x":{"a":[1]},"name":5}"#);
        let err = serde_path_to_error::deserialize::<_, Customer>(&mut de).unwrap_err();
        assert_eq!(err.path().to_string(), "name");
        // Unknown members are kept through the path-tracking decoder too.
        let mut de = serde_json::Deserializer::from_str(r#"{"id":"c1","x":{"a":[1]}}"#);
        let c = serde_path_to_error::deserialize::<_, Customer>(&mut de).unwrap();
        assert_eq!(c.extra.get("x").unwrap().get(), r#"{"a":[1]}"#);
    }

    #[test]
    fn a_model_reads_from_a_value_too() {
        let c: Customer =
            serde_json::from_value(serde_json::json!({"id": "c1", "x": [true]})).unwrap();
        assert_eq!(c.extra.value("x"), Some(serde_json::json!([true])));
    }
}
