//! Scalars that travel as JSON strings: numbers and ids as `"30"`, flags as
//! `"1"`, dates as `"20150505"`. A field declared with an `encoding` in the
//! spec keeps its Rust type (`i32`, `bool`, `Decimal`, `Date`) and the
//! generated code routes it through the functions here with
//! `#[serde(serialize_with, deserialize_with)]`.
//!
//! Reading is lenient: a bare JSON number or boolean is accepted where a
//! string is documented. Writing always produces the documented string.

use std::fmt;
use std::marker::PhantomData;

use serde::Serializer;
use serde::de::{self, Deserializer, Visitor};

use super::local_time::{Date, DateForm};
use super::patch::Patch;

/// How a value of type `T` is written to and read from its string form.
pub trait Encoding<T> {
    /// The wire text of `value`.
    fn write(value: &T) -> String;
    /// Parses the wire text; the error says what was expected.
    fn read(text: &str) -> Result<T, String>;
}

/// Numbers, decimals and booleans as their text: `"30"`, `"99.50"`, `"true"`.
/// Booleans also read `"1"`/`"0"`.
#[derive(Debug)]
pub enum Text {}

/// Booleans as `"1"` and `"0"`; also reads `"true"`/`"false"`.
#[derive(Debug)]
pub enum Flag {}

/// Dates as `yyyyMMdd` (`"20150505"`), whatever form the value was built with.
#[derive(Debug)]
pub enum CompactDate {}

/// A scalar with a canonical text form, for [`Text`].
pub trait TextScalar: Sized {
    /// The canonical text.
    fn to_text(&self) -> String;
    /// Parses text.
    fn from_text(text: &str) -> Result<Self, String>;
}

macro_rules! text_scalar {
    ($($t:ty => $what:literal),* $(,)?) => {$(
        impl TextScalar for $t {
            fn to_text(&self) -> String {
                self.to_string()
            }
            fn from_text(text: &str) -> Result<Self, String> {
                text.trim()
                    .parse()
                    .map_err(|_| format!("expected {} as a string, got {text:?}", $what))
            }
        }
    )*};
}

text_scalar!(
    i32 => "a 32-bit integer",
    i64 => "a 64-bit integer",
    u32 => "an unsigned integer",
    u64 => "an unsigned integer",
    f64 => "a number",
    super::decimal::Decimal => "a decimal number",
    rust_decimal::Decimal => "a decimal number",
);

fn parse_bool(text: &str) -> Result<bool, String> {
    match text.trim() {
        "1" => Ok(true),
        "0" => Ok(false),
        t if t.eq_ignore_ascii_case("true") => Ok(true),
        t if t.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(format!(
            "expected a flag (\"1\", \"0\", \"true\" or \"false\"), got {text:?}"
        )),
    }
}

impl TextScalar for bool {
    fn to_text(&self) -> String {
        self.to_string()
    }
    fn from_text(text: &str) -> Result<Self, String> {
        parse_bool(text)
    }
}

impl<T: TextScalar> Encoding<T> for Text {
    fn write(value: &T) -> String {
        value.to_text()
    }
    fn read(text: &str) -> Result<T, String> {
        T::from_text(text)
    }
}

impl Encoding<bool> for Flag {
    fn write(value: &bool) -> String {
        if *value { "1" } else { "0" }.to_owned()
    }
    fn read(text: &str) -> Result<bool, String> {
        parse_bool(text)
    }
}

impl Encoding<Date> for CompactDate {
    fn write(value: &Date) -> String {
        value.with_form(DateForm::Compact).to_string()
    }
    fn read(text: &str) -> Result<Date, String> {
        text.parse::<Date>().map_err(|e| e.to_string())
    }
}

/// Reads a JSON string, number or boolean as text; `null` as `None`.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string (or a bare number or boolean)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

fn read_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(TextVisitor)
}

fn decode<T, E: Encoding<T>, Err: de::Error>(text: &str) -> Result<T, Err> {
    E::read(text).map_err(Err::custom)
}

/// Serialises a required value as its string form.
pub fn serialize<E: Encoding<T>, T, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&E::write(value))
}

/// Deserialises a required value from its string form.
pub fn deserialize<'de, E: Encoding<T>, T, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    match read_text(d)? {
        Some(text) => decode::<T, E, D::Error>(&text),
        None => Err(de::Error::custom("expected a value, got null")),
    }
}

/// Serialises an optional value (`None` as `null`; optional fields are
/// usually skipped before this is reached).
pub fn serialize_option<E: Encoding<T>, T, S: Serializer>(
    value: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_some(&E::write(v)),
        None => s.serialize_none(),
    }
}

/// Deserialises an optional value; `null` and a blank string are `None`.
pub fn deserialize_option<'de, E: Encoding<T>, T, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    match read_text(d)? {
        Some(text) if !text.trim().is_empty() => decode::<T, E, D::Error>(&text).map(Some),
        _ => Ok(None),
    }
}

/// Serialises a tri-state value (`Null` as `null`).
pub fn serialize_patch<E: Encoding<T>, T, S: Serializer>(
    value: &Patch<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Patch::Value(v) => s.serialize_some(&E::write(v)),
        Patch::Absent | Patch::Null => s.serialize_none(),
    }
}

/// Deserialises a tri-state value; `null` and a blank string are `Null`.
pub fn deserialize_patch<'de, E: Encoding<T>, T, D: Deserializer<'de>>(
    d: D,
) -> Result<Patch<T>, D::Error> {
    Ok(match deserialize_option::<E, T, D>(d)? {
        Some(v) => Patch::Value(v),
        None => Patch::Null,
    })
}

/// The functions above as `DeserializeSeed`s, for code that reads members
/// one by one (the generated open models): `map.next_value_seed(Seed::<Text, i32>::NEW)`.
macro_rules! seeds {
    ($($(#[$doc:meta])* $seed:ident => $value:ty, $read:ident;)*) => {$(
        $(#[$doc])*
        pub struct $seed<E, T>(PhantomData<fn() -> (E, T)>);

        impl<E, T> $seed<E, T> {
            /// The seed.
            pub const NEW: Self = Self(PhantomData);
        }

        impl<'de, E: Encoding<T>, T> de::DeserializeSeed<'de> for $seed<E, T> {
            type Value = $value;
            #[inline]
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<$value, D::Error> {
                $read::<E, T, D>(d)
            }
        }
    )*};
}

seeds! {
    /// [`deserialize`] as a seed.
    Seed => T, deserialize;
    /// [`deserialize_option`] as a seed.
    SeedOption => Option<T>, deserialize_option;
    /// [`deserialize_patch`] as a seed.
    SeedPatch => Patch<T>, deserialize_patch;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Sample {
        #[serde(
            serialize_with = "serialize::<Text, _, _>",
            deserialize_with = "deserialize::<Text, _, _>"
        )]
        days: i32,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "serialize_option::<Flag, _, _>",
            deserialize_with = "deserialize_option::<Flag, _, _>"
        )]
        flag: Option<bool>,
        #[serde(
            default,
            skip_serializing_if = "Patch::is_absent",
            serialize_with = "serialize_patch::<CompactDate, _, _>",
            deserialize_with = "deserialize_patch::<CompactDate, _, _>"
        )]
        end: Patch<Date>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "serialize_option::<Text, _, _>",
            deserialize_with = "deserialize_option::<Text, _, _>"
        )]
        rate: Option<super::super::decimal::Decimal>,
    }

    #[test]
    fn strings_round_trip_as_strings() {
        let json = r#"{"days":"30","flag":"1","end":"20150606","rate":"99.50"}"#;
        let s: Sample = serde_json::from_str(json).unwrap();
        assert_eq!(s.days, 30);
        assert_eq!(s.flag, Some(true));
        let end = s.end.as_value().map(|d| d.date());
        assert_eq!(end, Date::new(2015, 6, 6).ok().map(Date::date));
        assert_eq!(serde_json::to_string(&s).unwrap(), json);
    }

    #[test]
    fn bare_numbers_and_booleans_are_accepted_when_reading() {
        let s: Sample = serde_json::from_str(r#"{"days":30,"flag":false}"#).unwrap();
        assert_eq!((s.days, s.flag), (30, Some(false)));
        let s: Sample = serde_json::from_str(r#"{"days":"7","flag":"true"}"#).unwrap();
        assert_eq!(s.flag, Some(true));
    }

    #[test]
    fn dates_built_in_extended_form_are_written_compact() {
        let s = Sample {
            end: Patch::Value(Date::new(2016, 6, 6).unwrap()),
            ..Sample::default()
        };
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"days":"0","end":"20160606"}"#
        );
    }

    #[test]
    fn null_and_blank_mean_no_value() {
        let s: Sample =
            serde_json::from_str(r#"{"days":"1","flag":" ","end":null,"rate":null}"#).unwrap();
        assert_eq!((s.flag, &s.end, s.rate), (None, &Patch::Null, None));
    }

    #[test]
    fn bad_text_is_a_clear_error() {
        let e = serde_json::from_str::<Sample>(r#"{"days":"thirty"}"#).unwrap_err();
        assert!(e.to_string().contains("expected a 32-bit integer"), "{e}");
        let e = serde_json::from_str::<Sample>(r#"{"days":"1","flag":"yes"}"#).unwrap_err();
        assert!(e.to_string().contains("expected a flag"), "{e}");
        assert!(serde_json::from_str::<Sample>(r#"{"days":null}"#).is_err());
    }
}
