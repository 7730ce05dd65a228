//! Decimal amounts (money, quantities, percentages) that travel as JSON numbers
//! or as strings, and are never `f64` in Rust.

use std::fmt;
use std::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A decimal number, used for every amount. Wraps [`rust_decimal::Decimal`].
///
/// On the wire it is a JSON number. Reading accepts numbers and numeric strings;
/// numbers reach us through `serde_json` as `f64`, and their shortest decimal
/// form is parsed, so values with up to 15 significant digits are exact.
/// Writing keeps the scale: `2.0` is written as `2.0`, `23` as `23`.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal(pub rust_decimal::Decimal);

impl Decimal {
    /// The underlying [`rust_decimal::Decimal`].
    pub fn get(self) -> rust_decimal::Decimal {
        self.0
    }
}

impl From<rust_decimal::Decimal> for Decimal {
    fn from(value: rust_decimal::Decimal) -> Self {
        Self(value)
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Self(rust_decimal::Decimal::from(value))
    }
}

impl From<Decimal> for rust_decimal::Decimal {
    fn from(value: Decimal) -> Self {
        value.0
    }
}

impl FromStr for Decimal {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        rust_decimal::Decimal::from_str_exact(s.trim()).map(Self)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.scale() == 0 {
            if let Ok(i) = i64::try_from(self.0) {
                return serializer.serialize_i64(i);
            }
        }
        // The scale is kept by going through the decimal's own text, which
        // `f64`'s shortest representation reproduces for <= 15 digits.
        let text = self.0.to_string();
        let value: f64 = text.parse().map_err(serde::ser::Error::custom)?;
        serializer.serialize_f64(value)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number or a numeric string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal::from(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal(rust_decimal::Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                if !v.is_finite() {
                    return Err(E::custom("a decimal cannot be NaN or infinite"));
                }
                // `{v:?}` is the shortest text that round-trips and keeps `2.0`.
                format!("{v:?}").parse::<Decimal>().map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                v.parse::<Decimal>()
                    .map_err(|e| E::custom(format!("`{v}` is not a decimal: {e}")))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(json: &str) -> String {
        let d: Decimal = serde_json::from_str(json).unwrap();
        serde_json::to_string(&d).unwrap()
    }

    #[test]
    fn keeps_scale_and_value() {
        assert_eq!(round_trip("2.0"), "2.0");
        assert_eq!(round_trip("0.38"), "0.38");
        assert_eq!(round_trip("23"), "23");
        assert_eq!(round_trip("1.33"), "1.33");
        assert_eq!(round_trip("-4.5"), "-4.5");
        assert_eq!(round_trip("123456789.12345"), "123456789.12345");
    }

    #[test]
    fn reads_strings_and_rejects_garbage() {
        let d: Decimal = serde_json::from_str("\"99.95\"").unwrap();
        assert_eq!(d.to_string(), "99.95");
        assert!(serde_json::from_str::<Decimal>("\"abc\"").is_err());
        assert!(serde_json::from_str::<Decimal>("true").is_err());
    }

    #[test]
    fn sums_exactly() {
        let a: Decimal = serde_json::from_str("0.1").unwrap();
        let b: Decimal = serde_json::from_str("0.2").unwrap();
        assert_eq!((a.0 + b.0).to_string(), "0.3");
    }
}
