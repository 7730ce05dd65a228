//! The members of a JSON object in their order, each kept as its exact text:
//! what the encoders that rewrite a serialised body (form and multipart
//! bodies, idempotency key fields) and the union decoder read, so that field
//! order and number digits survive.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// The members of a JSON object in their order, each as its exact text.
pub(crate) struct Members<'a>(pub(crate) Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'a RawValue>()? {
                    out.push(entry);
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// The string at `pointer` (`/meta/request_id`; `~1` and `~0` escape `/`
/// and `~`) of a JSON body, following objects only; `None` when a step is
/// missing or the value is not a string. Each level is read as members
/// with their raw text, so nothing else of the body is decoded.
pub(crate) fn string_at(body: &[u8], pointer: &str) -> Option<String> {
    let mut text = std::str::from_utf8(body).ok()?;
    for step in pointer.strip_prefix('/')?.split('/') {
        let step = step.replace("~1", "/").replace("~0", "~");
        let Members(members) = serde_json::from_str::<Members<'_>>(text).ok()?;
        let (_, value) = members.into_iter().find(|(k, _)| *k == step)?;
        text = value.get();
    }
    serde_json::from_str::<String>(text).ok()
}

/// A request body of the spec's fixed members (wire name, JSON text) first
/// and then the members `body` serialises to (an object), each kept as its
/// exact text; `None`: the fixed members alone.
pub fn with_fixed_members<T: serde::Serialize + ?Sized>(
    body: Option<&T>,
    fixed: &[(&str, &str)],
) -> Result<Box<RawValue>, crate::EncodeError> {
    let bad = |e: serde_json::Error| crate::EncodeError(e.to_string());
    let mut out = String::from("{");
    for (i, (name, json)) in fixed.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(name).map_err(bad)?);
        out.push(':');
        out.push_str(json);
    }
    if let Some(body) = body {
        let text = serde_json::to_string(body).map_err(bad)?;
        let Members(members) = serde_json::from_str::<Members<'_>>(&text).map_err(|_| {
            crate::EncodeError("a body with fixed members must be an object".into())
        })?;
        for (name, value) in members {
            if !out.ends_with('{') {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(&name).map_err(bad)?);
            out.push(':');
            out.push_str(value.get());
        }
    }
    out.push('}');
    RawValue::from_string(out).map_err(bad)
}

#[cfg(test)]
mod fixed_tests {
    use super::{string_at, with_fixed_members};

    #[test]
    fn a_string_is_found_by_its_pointer() {
        let body = br#"{"data": {"id": 1}, "meta": {"request_id": "req_1", "a/b": {"~c": "x"}}}"#;
        assert_eq!(
            string_at(body, "/meta/request_id").as_deref(),
            Some("req_1")
        );
        assert_eq!(string_at(body, "/meta/a~1b/~0c").as_deref(), Some("x"));
        assert_eq!(string_at(body, "/meta/missing"), None);
        assert_eq!(string_at(body, "/data/id"), None, "not a string");
        assert_eq!(string_at(b"[1]", "/meta"), None);
        assert_eq!(string_at(b"not json", "/meta"), None);
    }

    #[test]
    fn fixed_members_come_first_and_the_body_keeps_its_text() {
        let alone = with_fixed_members(None::<&()>, &[("status", "\"archived\"")]).unwrap();
        assert_eq!(alone.get(), r#"{"status":"archived"}"#);
        let body =
            serde_json::value::RawValue::from_string(r#"{"reason":"x","amount":12.50}"#.into())
                .unwrap();
        let both =
            with_fixed_members(Some(&body), &[("notify", "true"), ("tags", "[\"api\"]")]).unwrap();
        assert_eq!(
            both.get(),
            r#"{"notify":true,"tags":["api"],"reason":"x","amount":12.50}"#
        );
        assert!(with_fixed_members(Some(&[1, 2]), &[("a", "1")]).is_err());
        let empty = serde_json::value::RawValue::from_string("{}".into()).unwrap();
        assert_eq!(
            with_fixed_members(Some(&empty), &[("a", "1")])
                .unwrap()
                .get(),
            r#"{"a":1}"#
        );
    }
}
