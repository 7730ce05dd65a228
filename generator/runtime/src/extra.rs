//! The members of a JSON object that its model does not describe, kept as
//! received (an open model's `extra`).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// Members of a JSON object that the spec does not describe: each kept as
/// the JSON text the server sent, in the order it sent them, and written back
/// as they were on a round trip.
///
/// Reading them is on demand: [`get_as`](Self::get_as) decodes one member
/// into a type, [`value`](Self::value) into a `serde_json::Value`,
/// [`get`](Self::get) gives its raw JSON. Nothing is decoded for members
/// nobody reads, so keeping them costs little more than skipping them.
///
/// ```
/// use api_client_runtime::Extra;
///
/// let mut extra: Extra = serde_json::from_str(r#"{"Region__c": "EU", "Tier": 2}"#).unwrap();
/// assert_eq!(extra.get_as::<String>("Region__c").unwrap().unwrap(), "EU");
/// assert_eq!(extra.value("Tier"), Some(serde_json::json!(2)));
/// assert!(extra.get("Missing").is_none());
///
/// // Set (or replace) a member to send.
/// extra.insert("Region__c", serde_json::Value::Null);
/// assert_eq!(serde_json::to_string(&extra).unwrap(), r#"{"Region__c":null,"Tier":2}"#);
/// ```
#[derive(Clone, Default)]
pub struct Extra {
    /// Distinct names, in the order received (or inserted).
    members: Vec<(String, Box<RawValue>)>,
}

impl Extra {
    /// No members.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Whether a member of this name is kept.
    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// A member's JSON text, as received.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.position(name).map(|i| &*self.members[i].1)
    }

    /// A member decoded into `T`; `None` if there is no such member.
    pub fn get_as<T: DeserializeOwned>(&self, name: &str) -> Option<Result<T, serde_json::Error>> {
        self.get(name).map(|raw| serde_json::from_str(raw.get()))
    }

    /// A member as a `serde_json::Value`.
    pub fn value(&self, name: &str) -> Option<serde_json::Value> {
        self.get_as(name).and_then(Result::ok)
    }

    /// Sets a member (replacing one of the same name, in its place).
    pub fn insert(&mut self, name: impl Into<String>, value: serde_json::Value) {
        let raw = serde_json::value::to_raw_value(&value)
            .expect("a serde_json::Value always serialises to JSON");
        self.put(name.into(), raw);
    }

    /// Sets a member from any serialisable value.
    pub fn insert_as<T: Serialize + ?Sized>(
        &mut self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        let raw = serde_json::value::to_raw_value(value)?;
        self.put(name.into(), raw);
        Ok(())
    }

    /// Removes a member, returning its JSON text.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        self.position(name).map(|i| self.members.remove(i).1)
    }

    /// The members, in order: name and JSON text.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.members.iter().map(|(n, v)| (n.as_str(), &**v))
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.members.iter().position(|(n, _)| n == name)
    }

    fn put(&mut self, name: String, raw: Box<RawValue>) {
        match self.position(&name) {
            Some(i) => self.members[i].1 = raw,
            None => self.members.push((name, raw)),
        }
    }

    /// Members as a decoder collected them (a name may repeat): the last
    /// occurrence of a name wins, in the place of its first, like a JSON
    /// object read into a map. `O(n log n)` in the number of members.
    pub(crate) fn from_received(mut members: Vec<(String, Box<RawValue>)>) -> Self {
        let n = members.len();
        // Few members (the usual case): compare pairwise, nothing allocated.
        if n <= 16 {
            let repeated =
                (1..n).any(|i| members[..i].iter().any(|(name, _)| *name == members[i].0));
            if !repeated {
                return Self { members };
            }
        }
        if n > 1 {
            let mut first: BTreeMap<&str, usize> = BTreeMap::new();
            let mut keep = vec![true; members.len()];
            let mut moves = Vec::new();
            for (i, (name, _)) in members.iter().enumerate() {
                if let Some(&at) = first.get(name.as_str()) {
                    keep[i] = false;
                    moves.push((at, i));
                } else {
                    first.insert(name, i);
                }
            }
            if !moves.is_empty() {
                for (at, i) in moves {
                    members.swap(at, i);
                }
                let mut flags = keep.into_iter();
                members.retain(|_| flags.next().unwrap_or(true));
            }
        }
        Self { members }
    }
}

impl PartialEq for Extra {
    /// Equal when the same names hold the same JSON values (in any order,
    /// however the text is spaced).
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self.iter().all(|(name, raw)| {
                other.get(name).is_some_and(|theirs| {
                    theirs.get() == raw.get()
                        || serde_json::from_str::<serde_json::Value>(raw.get()).ok()
                            == serde_json::from_str::<serde_json::Value>(theirs.get()).ok()
                })
            })
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Raw<'a>(&'a str);
        impl fmt::Debug for Raw<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }
        }
        f.debug_map()
            .entries(self.iter().map(|(n, v)| (n, Raw(v.get()))))
            .finish()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (name, raw) in &self.members {
            map.serialize_entry(name, raw)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Extra {
    /// Every member of a JSON object.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let members: Vec<(String, Box<RawValue>)> = deserializer.deserialize_map(Members)?;
        Ok(Self::from_received(members))
    }
}

struct Members;

impl<'de> serde::de::Visitor<'de> for Members {
    type Value = Vec<(String, Box<RawValue>)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(entry) = map.next_entry()? {
            out.push(entry);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_keep_their_text_and_order_and_the_last_duplicate_wins() {
        let e: Extra =
            serde_json::from_str(r#"{"b": 1.50, "a": [1, 2], "b": {"x":true}}"#).unwrap();
        let names: Vec<&str> = e.iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["b", "a"]);
        assert_eq!(e.get("b").unwrap().get(), r#"{"x":true}"#);
        assert_eq!(e.get("a").unwrap().get(), "[1, 2]");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"b":{"x":true},"a":[1, 2]}"#
        );
        let precise: Extra = serde_json::from_str(r#"{"n": 1.50}"#).unwrap();
        assert_eq!(serde_json::to_string(&precise).unwrap(), r#"{"n":1.50}"#);
    }

    #[test]
    fn many_duplicates_are_resolved_quickly_and_correctly() {
        let body = format!(
            "{{{}}}",
            (0..20_000)
                .map(|i| format!(r#""k{}":{i}"#, i % 100))
                .collect::<Vec<_>>()
                .join(",")
        );
        let e: Extra = serde_json::from_str(&body).unwrap();
        assert_eq!(e.len(), 100);
        assert_eq!(e.get_as::<u32>("k7").unwrap().unwrap(), 19_907);
        assert_eq!(e.iter().next().unwrap().0, "k0");
    }

    #[test]
    fn reading_inserting_and_removing() {
        let mut e = Extra::new();
        assert!(e.is_empty());
        e.insert("Region__c", json!("EU"));
        e.insert_as("Count", &3u8).unwrap();
        e.insert("Region__c", json!(null));
        assert_eq!(e.len(), 2);
        assert_eq!(e.value("Region__c"), Some(json!(null)));
        assert!(e.get_as::<u8>("Region__c").unwrap().is_err());
        assert_eq!(e.remove("Count").unwrap().get(), "3");
        assert!(!e.contains("Count"));
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"Region__c": null})
        );
    }

    #[test]
    fn equality_is_by_value_and_debug_shows_the_text() {
        let a: Extra = serde_json::from_str(r#"{"x": [1, 2], "y": "s"}"#).unwrap();
        let b: Extra = serde_json::from_value(json!({"y": "s", "x": [1, 2]})).unwrap();
        assert_eq!(a, b);
        let c: Extra = serde_json::from_str(r#"{"x": [1, 3], "y": "s"}"#).unwrap();
        assert_ne!(a, c);
        assert_eq!(format!("{a:?}"), r#"{"x": [1, 2], "y": "s"}"#);
        assert_eq!(format!("{:?}", Extra::new()), "{}");
    }
}
