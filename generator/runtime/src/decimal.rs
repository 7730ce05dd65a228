//! Decimal amounts (money, quantities, percentages) that travel as JSON numbers
//! or as strings, and are never `f64` in Rust.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A decimal number, used for every amount. Wraps [`rust_decimal::Decimal`].
///
/// On the wire it is a JSON number. Reading accepts numbers and numeric
/// strings, exactly: `serde_json` hands over each number's text (up to 28
/// significant digits; more is an error, never a rounded value). Writing
/// keeps the exact value and its scale: `2.0` is written as `2.0`, `23` as
/// `23`. Inside a buffered context (a model that keeps unknown fields,
/// `one_or_many`), `serde` passes numbers as `f64`: up to 15 significant
/// digits are recovered exactly, and a number with more is refused as a
/// decode error rather than read rounded. Amounts sent as strings are exact
/// everywhere.
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

/// The name under which `serde_json` exchanges a number's exact text (its
/// `RawValue` contract, feature `raw_value`): a deserializer asked for it
/// hands over the text, and a struct of that name is written verbatim.
const RAW_JSON: &str = "$serde_json::private::RawValue";

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.scale() == 0 {
            if let Ok(i) = i64::try_from(self.0) {
                return serializer.serialize_i64(i);
            }
        }
        // Written as its exact text with its scale (`0.1234567890123456789`,
        // `2.0`); a detour through `f64` would round beyond 15 digits.
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct(RAW_JSON, 1)?;
        s.serialize_field(RAW_JSON, &self.0.to_string())?;
        s.end()
    }
}

/// Decimal digits any `f64` keeps exactly (`f64::DIGITS`).
const F64_EXACT_DIGITS: usize = f64::DIGITS as usize;

/// Significant digits of a number's text (`0.00120` has 3, `1.5e20` has 2).
fn significant_digits(text: &str) -> usize {
    let mantissa = text.split(['e', 'E']).next().unwrap_or_default();
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if mantissa.contains('.') {
        digits
    } else {
        digits.trim_end_matches('0')
    };
    digits.len().max(1)
}

/// Parses a JSON number's text exactly (`12345678901234567.89`, `1e16`,
/// `0.000001`); digits a decimal cannot hold are an error, never rounding.
fn from_number_text(text: &str) -> Result<Decimal, String> {
    let text = text.trim();
    let parsed = if text.contains(['e', 'E']) {
        rust_decimal::Decimal::from_scientific(text)
    } else {
        rust_decimal::Decimal::from_str_exact(text)
    };
    parsed
        .map(Decimal)
        .map_err(|e| format!("`{text}` is not a decimal this client can hold exactly: {e}"))
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number or a numeric string")
            }
            /// `serde_json` hands over the value's JSON text: a number
            /// literal, or a string literal holding one.
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
                let Some((_, raw)) = map.next_entry::<de::IgnoredAny, String>()? else {
                    return Err(de::Error::custom("expected a decimal"));
                };
                if raw.trim_start().starts_with('"') {
                    let text: String = serde_json::from_str(&raw).map_err(de::Error::custom)?;
                    return self.visit_str(&text);
                }
                from_number_text(&raw).map_err(de::Error::custom)
            }
            /// Any other deserializer (buffered content, a `Value`, ...):
            /// read the value itself.
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Decimal, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal::from(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal(rust_decimal::Decimal::from(v)))
            }
            /// Only reached where serde buffered the number as `f64` (inside
            /// a model that keeps unknown fields, or `one_or_many`): up to 15
            /// significant digits the text is recovered exactly; beyond, the
            /// original may have been rounded, so it is refused rather than
            /// silently changed.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                if !v.is_finite() {
                    return Err(E::custom("a decimal cannot be NaN or infinite"));
                }
                // `{v:?}` is the shortest text that round-trips and keeps `2.0`.
                let text = format!("{v:?}");
                if significant_digits(&text) > F64_EXACT_DIGITS {
                    return Err(E::custom(format!(
                        "the amount `{text}` has more than {F64_EXACT_DIGITS} significant digits where it can only be read through f64; refusing a possibly rounded value"
                    )));
                }
                from_number_text(&text).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                v.parse::<Decimal>()
                    .or_else(|_| from_number_text(v))
                    .map_err(|e| E::custom(format!("`{v}` is not a decimal: {e}")))
            }
        }
        deserializer.deserialize_newtype_struct(RAW_JSON, Visitor)
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
    fn money_is_exact_both_ways() {
        for (json, text) in [
            ("0.000001", "0.000001"),
            ("1e16", "10000000000000000"),
            ("12345678901234567.89", "12345678901234567.89"),
            ("0.1234567890123456789", "0.1234567890123456789"),
            ("-0.50", "-0.50"),
        ] {
            let d: Decimal = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(d.to_string(), text, "{json}");
            assert_eq!(serde_json::to_string(&d).unwrap(), text, "{json}");
        }
        let d: Decimal = "0.1234567890123456789".parse().unwrap();
        assert_eq!(
            serde_json::to_vec(&[d]).unwrap(),
            b"[0.1234567890123456789]"
        );
    }

    /// Models that keep unknown fields (`flatten`) and `one_or_many` still
    /// hand over the number's text: exact. Where only an `f64` arrives (a
    /// deserializer other than `serde_json`), more than 15 significant digits
    /// are refused instead of read rounded.
    #[test]
    fn exact_in_open_models_and_refused_where_only_f64_arrives() {
        #[derive(serde::Deserialize)]
        struct Open {
            amount: Decimal,
            many: super::super::OneOrMany<Decimal>,
            #[serde(flatten)]
            _rest: std::collections::BTreeMap<String, serde_json::Value>,
        }
        let o: Open = serde_json::from_str(
            r#"{"amount": 12345678901234567.89, "many": [0.1234567890123456789], "x": 1}"#,
        )
        .unwrap();
        assert_eq!(o.amount.to_string(), "12345678901234567.89");
        assert_eq!(o.many.as_slice()[0].to_string(), "0.1234567890123456789");
        use serde::de::IntoDeserializer;
        let only_f64 = |v: f64| {
            let d: serde::de::value::F64Deserializer<serde::de::value::Error> =
                v.into_deserializer();
            Decimal::deserialize(d).map(|d| d.to_string())
        };
        assert_eq!(only_f64(1234567890123.45).unwrap(), "1234567890123.45");
        assert_eq!(only_f64(1e16).unwrap(), "10000000000000000");
        let err = only_f64(12345678901234567.89).unwrap_err();
        assert!(
            err.to_string()
                .contains("refusing a possibly rounded value"),
            "{err}"
        );
        assert_eq!(significant_digits("0.00120"), 3);
        assert_eq!(significant_digits("1.5e20"), 2);
        assert_eq!(significant_digits("120"), 2);
    }

    #[test]
    fn exact_inside_buffered_and_value_contexts() {
        #[derive(serde::Deserialize)]
        struct Open {
            amount: Decimal,
            #[serde(flatten)]
            _rest: std::collections::BTreeMap<String, serde_json::Value>,
        }
        // Flattened structs are buffered by serde: the value is still read.
        let o: Open = serde_json::from_str(r#"{"amount": 2.5, "x": 1}"#).unwrap();
        assert_eq!(o.amount.to_string(), "2.5");
        let v = serde_json::json!({"amount": "12345678901234567.89"});
        let d: Decimal = serde_json::from_value(v["amount"].clone()).unwrap();
        assert_eq!(d.to_string(), "12345678901234567.89");
        let n: Decimal = serde_json::from_value(serde_json::json!(0.25)).unwrap();
        assert_eq!(n.to_string(), "0.25");
    }

    #[test]
    fn too_many_digits_is_an_error_not_rounding() {
        assert!(serde_json::from_str::<Decimal>("1234567890123456789012345678901234.5").is_err());
        assert!(serde_json::from_str::<Decimal>("1e400").is_err());
    }

    #[test]
    fn sums_exactly() {
        let a: Decimal = serde_json::from_str("0.1").unwrap();
        let b: Decimal = serde_json::from_str("0.2").unwrap();
        assert_eq!((a.0 + b.0).to_string(), "0.3");
    }
}
