//! Values whose JSON type varies between responses: a string in one, a
//! number in another (`"30"` or `30`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// The name under which `serde_json` exchanges a value's exact JSON text.
const RAW_JSON: &str = "$serde_json::private::RawValue";

/// A value sent as a JSON string or a number. The text is kept exactly,
/// with the JSON type it came as, and written back the same way.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StringOrNumber {
    /// Sent as a string.
    String(String),
    /// Sent as a number; the number's exact text (`12.50`).
    Number(String),
}

impl StringOrNumber {
    /// The text, whichever JSON type it came as.
    pub fn as_str(&self) -> &str {
        match self {
            Self::String(s) | Self::Number(s) => s,
        }
    }

    /// The text parsed as `T` (an integer, a `Decimal`, ...).
    pub fn parse<T: FromStr>(&self) -> Result<T, T::Err> {
        self.as_str().trim().parse()
    }
}

impl fmt::Display for StringOrNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StringOrNumber {
    type Err = std::convert::Infallible;
    /// Text from a caller is a string.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::String(s.to_owned()))
    }
}

impl From<&str> for StringOrNumber {
    fn from(s: &str) -> Self {
        Self::String(s.to_owned())
    }
}

impl From<i64> for StringOrNumber {
    fn from(n: i64) -> Self {
        Self::Number(n.to_string())
    }
}

impl Serialize for StringOrNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::String(s) => serializer.serialize_str(s),
            Self::Number(text) => {
                // The number's own text, verbatim (no `f64` detour).
                use serde::ser::SerializeStruct;
                let mut s = serializer.serialize_struct(RAW_JSON, 1)?;
                s.serialize_field(RAW_JSON, text)?;
                s.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for StringOrNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = StringOrNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let Some((_, raw)) = map.next_entry::<de::IgnoredAny, String>()? else {
                    return Err(de::Error::custom("expected a string or a number"));
                };
                let raw = raw.trim();
                if raw.starts_with('"') {
                    return serde_json::from_str(raw)
                        .map(StringOrNumber::String)
                        .map_err(de::Error::custom);
                }
                match serde_json::from_str::<serde_json::Value>(raw) {
                    Ok(serde_json::Value::Number(_)) => Ok(StringOrNumber::Number(raw.to_owned())),
                    _ => Err(de::Error::custom(format!(
                        "expected a string or a number, got {raw}"
                    ))),
                }
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(StringOrNumber::String(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(StringOrNumber::Number(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(StringOrNumber::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                if !v.is_finite() {
                    return Err(E::custom("a number cannot be NaN or infinite"));
                }
                Ok(StringOrNumber::Number(format!("{v:?}")))
            }
        }
        deserializer.deserialize_newtype_struct(RAW_JSON, Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_json_type_and_the_exact_text() {
        for json in [
            "\"30\"",
            "30",
            "12.50",
            "\"abc\"",
            "12345678901234567890.123",
        ] {
            let v: StringOrNumber = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), json);
        }
        let n: StringOrNumber = serde_json::from_str("30").unwrap();
        assert_eq!(n.parse::<i32>(), Ok(30));
        assert_eq!(n.to_string(), "30");
        assert!(serde_json::from_str::<StringOrNumber>("true").is_err());
        assert!(serde_json::from_str::<StringOrNumber>("[1]").is_err());
    }
}
