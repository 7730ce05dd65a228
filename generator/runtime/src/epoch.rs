//! Points in time sent as a count since 1970-01-01T00:00:00Z: whole seconds
//! ([`EpochSeconds`], Unix time) or milliseconds ([`EpochMillis`], as
//! JavaScript writes them). On the wire a JSON integer (a numeric string is
//! accepted when reading); in a path or query, the integer's text.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use time::OffsetDateTime;

/// A value that is not an epoch count, or an instant out of range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not {what}")]
pub struct EpochError {
    input: String,
    what: &'static str,
}

macro_rules! epoch {
    ($name:ident, $unit:literal, $per_second:expr, $what:literal) => {
        #[doc = concat!("A point in time as whole ", $unit, " since 1970-01-01T00:00:00Z.")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(i64);

        impl $name {
            #[doc = concat!("The instant `count` ", $unit, " after (or, negative, before) the epoch.")]
            pub const fn new(count: i64) -> Self {
                Self(count)
            }

            #[doc = concat!("The count of ", $unit, ".")]
            pub const fn get(self) -> i64 {
                self.0
            }

            /// The instant, in UTC; an error if it is beyond the years the
            /// `time` crate represents.
            pub fn to_offset_date_time(self) -> Result<OffsetDateTime, EpochError> {
                let nanos = i128::from(self.0) * (1_000_000_000 / $per_second);
                OffsetDateTime::from_unix_timestamp_nanos(nanos).map_err(|_| EpochError {
                    input: self.0.to_string(),
                    what: "an instant in the supported range",
                })
            }

            /// The instant, truncated to the unit.
            pub fn from_offset_date_time(instant: OffsetDateTime) -> Self {
                let count = instant.unix_timestamp_nanos() / (1_000_000_000 / $per_second);
                Self(i64::try_from(count).unwrap_or(if count < 0 { i64::MIN } else { i64::MAX }))
            }
        }

        /// The timestamp's instant, truncated to the unit: what a field
        /// read as a timestamp and sent as an epoch count sends back.
        impl From<crate::Timestamp> for $name {
            fn from(t: crate::Timestamp) -> Self {
                Self::from_offset_date_time(t.to_offset_date_time())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = EpochError;
            fn from_str(s: &str) -> Result<Self, EpochError> {
                s.trim().parse().map(Self).map_err(|_| EpochError {
                    input: s.to_owned(),
                    what: $what,
                })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$name, E> {
                        Ok($name(v))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$name, E> {
                        i64::try_from(v)
                            .map($name)
                            .map_err(|_| E::custom(concat!("out of range for ", $what)))
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    };
}

epoch!(EpochSeconds, "seconds", 1, "whole seconds since the epoch");
epoch!(
    EpochMillis,
    "milliseconds",
    1000,
    "whole milliseconds since the epoch"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_becomes_an_epoch_count() {
        let t: crate::Timestamp = "2024-01-01T00:00:01.999Z".parse().unwrap();
        assert_eq!(EpochSeconds::from(t).get(), 1_704_067_201);
        assert_eq!(EpochMillis::from(t).get(), 1_704_067_201_999);
    }

    #[test]
    fn seconds_and_millis_are_integers_on_the_wire() {
        let s: EpochSeconds = serde_json::from_str("1484060590").unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), "1484060590");
        assert_eq!(s.to_offset_date_time().unwrap().year(), 2017);
        let m: EpochMillis = serde_json::from_str("\"1484060590123\"").unwrap();
        assert_eq!(m.to_string(), "1484060590123");
        assert_eq!(m.to_offset_date_time().unwrap().millisecond(), 123);
        let back = EpochMillis::from_offset_date_time(m.to_offset_date_time().unwrap());
        assert_eq!(back, m);
        assert!(serde_json::from_str::<EpochSeconds>("1.5").is_err());
        assert!(serde_json::from_str::<EpochSeconds>("18446744073709551615").is_err());
        assert!("x".parse::<EpochSeconds>().is_err());
        assert!(EpochSeconds::new(i64::MAX).to_offset_date_time().is_err());
    }
}
