//! Typed ids: one generic string type for every id of every API, told apart
//! by a kind (an empty enum the generated code declares per id), so a
//! customer id cannot be passed where a contract id is expected. Generated
//! code names each as an alias (`pub type CustomerId = rt::Id<..>`); its
//! impls are written once here, not per id.
//!
//! ```
//! use api_client_runtime::Id;
//! enum Customer {}
//! type CustomerId = Id<Customer>;
//!
//! let id = CustomerId::new("cus_1");
//! assert_eq!(id.as_str(), "cus_1");
//! assert_eq!(id, CustomerId::from("cus_1"));
//! assert_eq!(serde_json::to_string(&id).unwrap(), r#""cus_1""#);
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

/// An id of the objects of kind `K`: a string on the wire.
pub struct Id<K> {
    value: String,
    kind: PhantomData<fn() -> K>,
}

impl<K> Id<K> {
    /// Wraps an id value.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            kind: PhantomData,
        }
    }

    /// The id as a string.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The id's string.
    pub fn into_string(self) -> String {
        self.value
    }
}

impl<K> Clone for Id<K> {
    fn clone(&self) -> Self {
        Self::new(self.value.clone())
    }
}

/// Any text is an id (the server decides which exist); parsing never fails.
impl<K> std::str::FromStr for Id<K> {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(s))
    }
}

/// Ids key maps looked up by `&str` (`HashMap<CustomerId, _>::get("c1")`).
impl<K> std::borrow::Borrow<str> for Id<K> {
    fn borrow(&self) -> &str {
        &self.value
    }
}

impl<K> fmt::Debug for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Id").field(&self.value).finish()
    }
}

impl<K> fmt::Display for Id<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl<K> PartialEq for Id<K> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<K> Eq for Id<K> {}

impl<K> PartialOrd for Id<K> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<K> Ord for Id<K> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value.cmp(&other.value)
    }
}

impl<K> Hash for Id<K> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<K> AsRef<str> for Id<K> {
    fn as_ref(&self) -> &str {
        &self.value
    }
}

impl<K> From<String> for Id<K> {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl<K> From<&str> for Id<K> {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl<K> From<&Id<K>> for Id<K> {
    fn from(value: &Id<K>) -> Self {
        value.clone()
    }
}

impl<K> serde::Serialize for Id<K> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.value)
    }
}

impl<'de, K> serde::Deserialize<'de> for Id<K> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

#[cfg(test)]
mod tests {
    use super::Id;

    enum A {}
    enum B {}

    #[test]
    fn ids_parse_and_key_maps_looked_up_by_str() {
        let a: Id<A> = "c1".parse().unwrap();
        assert_eq!(a.as_str(), "c1");
        let map = std::collections::BTreeMap::from([(a, 1)]);
        assert_eq!(map.get("c1"), Some(&1));
    }

    #[test]
    fn ids_compare_print_and_travel_as_strings() {
        let a: Id<A> = "x".into();
        assert_eq!(a, Id::<A>::new(String::from("x")));
        assert!(Id::<A>::new("a") < Id::<A>::new("b"));
        assert_eq!(a.to_string(), "x");
        assert_eq!(format!("{a:?}"), r#"Id("x")"#);
        let back: Id<B> = serde_json::from_str(r#""y""#).unwrap();
        assert_eq!(back.as_str(), "y");
        assert_eq!(serde_json::to_string(&back).unwrap(), r#""y""#);
        assert!(serde_json::from_str::<Id<B>>("1").is_err());
    }
}
