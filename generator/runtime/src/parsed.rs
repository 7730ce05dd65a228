//! Reading a value from its JSON string through `FromStr`, straight from
//! the input's text (no intermediate `String`): the `Deserialize` of every
//! textual runtime value (timestamps, dates, durations).

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Visitor};

/// A visitor that parses the string it is given.
pub(crate) struct Parsed<T>(PhantomData<fn() -> T>);

impl<T> Parsed<T> {
    pub(crate) const NEW: Self = Self(PhantomData);
}

impl<'de, T> Visitor<'de> for Parsed<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Date, Timestamp};

    #[test]
    fn values_parse_from_borrowed_and_escaped_strings() {
        let t: Timestamp = serde_json::from_str(r#""2024-03-01T12:00:00.000+00:00""#).unwrap();
        assert_eq!(t.to_string(), "2024-03-01T12:00:00.000+00:00");
        // An escape makes serde_json hand over a scratch copy, not the input.
        let d: Date = serde_json::from_str(r#""2024-03-0\u0031""#).unwrap();
        assert_eq!(d.to_string(), "2024-03-01");
        let e = serde_json::from_str::<Timestamp>("5").unwrap_err();
        assert!(e.to_string().contains("expected a string"), "{e}");
        // From a `Value` (owned strings) too.
        let v = serde_json::json!("2024-03-01");
        let d: Date = serde_json::from_value(v).unwrap();
        assert_eq!(d.to_string(), "2024-03-01");
    }
}
