//! ISO 8601 timestamps that write back exactly the text they were read from.
//!
//! Billing APIs disagree on the format: Billwerk sends seven fractional digits
//! (`2019-11-16T14:50:39.7497178Z`), others three and an offset without colon
//! (`2015-06-12T06:38:33.876+0000`). [`Timestamp`] remembers the fraction
//! length and the offset notation it was parsed with, so a value read from a
//! response serialises to the same bytes.

use std::fmt;
use std::str::FromStr;

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// How an offset is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetStyle {
    /// `Z` for UTC (other offsets are written with a colon).
    Zulu,
    /// `+01:00`.
    Colon,
    /// `+0100`.
    NoColon,
}

/// The textual shape of a timestamp: fraction digits (0 to 9) and offset
/// notation. Built with [`TimestampFormat::new`], which keeps the digits in
/// range, so every format can be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimestampFormat {
    fraction_digits: u8,
    offset: OffsetStyle,
}

impl TimestampFormat {
    /// A format with `fraction_digits` digits (at most 9) and the given offset style.
    pub const fn new(fraction_digits: u8, offset: OffsetStyle) -> Self {
        let fraction_digits = if fraction_digits > 9 {
            9
        } else {
            fraction_digits
        };
        Self {
            fraction_digits,
            offset,
        }
    }

    /// Number of fractional second digits written (0 omits the fraction).
    pub const fn fraction_digits(self) -> u8 {
        self.fraction_digits
    }

    /// How the UTC offset is written.
    pub const fn offset(self) -> OffsetStyle {
        self.offset
    }

    /// The divisor that truncates nanoseconds to the format's digits.
    fn unit(self) -> u32 {
        10u32.pow(9 - u32::from(self.fraction_digits.min(9)))
    }
}

/// A point in time with its wire format.
///
/// Equality compares both the instant and the format; use
/// [`Timestamp::to_offset_date_time`] to compare instants only.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    instant: OffsetDateTime,
    format: TimestampFormat,
}

/// A string that is not a timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{input}` is not an ISO 8601 timestamp (expected YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|+HHMM)): {reason}"
)]
pub struct TimestampError {
    input: String,
    reason: &'static str,
}

impl Timestamp {
    /// A timestamp for `instant`, written in `format`. Digits beyond the
    /// format's precision are truncated.
    pub fn new(instant: OffsetDateTime, format: TimestampFormat) -> Self {
        let keep = format.unit();
        let nanos = instant.nanosecond() / keep * keep;
        let instant = instant.replace_nanosecond(nanos).unwrap_or(instant);
        Self { instant, format }
    }

    /// The instant, with the offset it was given in.
    pub fn to_offset_date_time(self) -> OffsetDateTime {
        self.instant
    }

    /// The wire format this timestamp is written in.
    pub fn format(self) -> TimestampFormat {
        self.format
    }
}

/// An instant as a timestamp written with millisecond precision and `Z` for
/// UTC (`2024-01-01T10:00:00.000Z`), which every ISO 8601 reader takes;
/// [`Timestamp::new`] with the API's `TIMESTAMP_FORMAT` writes its own shape.
impl From<OffsetDateTime> for Timestamp {
    fn from(instant: OffsetDateTime) -> Self {
        Timestamp::new(instant, TimestampFormat::new(3, OffsetStyle::Zulu))
    }
}

fn err(input: &str, reason: &'static str) -> TimestampError {
    TimestampError {
        input: input.to_owned(),
        reason,
    }
}

fn digits(s: &str, input: &str) -> Result<u32, TimestampError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err(input, "expected digits"));
    }
    s.parse().map_err(|_| err(input, "number out of range"))
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        // Every index below is a byte offset; only ASCII text has a char
        // boundary at each, so anything else is refused first.
        if !input.is_ascii() {
            return Err(err(input, "unexpected non-ASCII character"));
        }
        let s = input.as_bytes();
        if s.len() < 20
            || s[4] != b'-'
            || s[7] != b'-'
            || s[10] != b'T'
            || s[13] != b':'
            || s[16] != b':'
        {
            return Err(err(input, "bad date/time layout"));
        }
        let year = digits(&input[0..4], input)? as i32;
        let month = digits(&input[5..7], input)? as u8;
        let day = digits(&input[8..10], input)? as u8;
        let hour = digits(&input[11..13], input)? as u8;
        let minute = digits(&input[14..16], input)? as u8;
        let second = digits(&input[17..19], input)? as u8;
        let mut rest = &input[19..];
        let mut fraction_digits = 0u8;
        let mut nanos = 0u32;
        if let Some(after_dot) = rest.strip_prefix('.') {
            let len = after_dot.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 || len > 9 {
                return Err(err(input, "the fraction must have 1 to 9 digits"));
            }
            let value = digits(&after_dot[..len], input)?;
            nanos = value * 10u32.pow(9 - len as u32);
            fraction_digits = len as u8;
            rest = &after_dot[len..];
        }
        let (offset, style) = match rest {
            "Z" => (UtcOffset::UTC, OffsetStyle::Zulu),
            _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => (
                parse_offset(&rest[0..1], &rest[1..3], &rest[4..6], input)?,
                OffsetStyle::Colon,
            ),
            _ if rest.len() == 5 => (
                parse_offset(&rest[0..1], &rest[1..3], &rest[3..5], input)?,
                OffsetStyle::NoColon,
            ),
            _ => return Err(err(input, "expected `Z` or a UTC offset at the end")),
        };
        let month = Month::try_from(month).map_err(|_| err(input, "month out of range"))?;
        let date =
            Date::from_calendar_date(year, month, day).map_err(|_| err(input, "invalid date"))?;
        let time = Time::from_hms_nano(hour, minute, second, nanos)
            .map_err(|_| err(input, "invalid time"))?;
        Ok(Self {
            instant: PrimitiveDateTime::new(date, time).assume_offset(offset),
            format: TimestampFormat {
                fraction_digits,
                offset: style,
            },
        })
    }
}

fn parse_offset(sign: &str, h: &str, m: &str, input: &str) -> Result<UtcOffset, TimestampError> {
    let sign: i8 = match sign {
        "+" => 1,
        "-" => -1,
        _ => return Err(err(input, "the offset must start with `+` or `-`")),
    };
    let h = digits(h, input)? as i8;
    let m = digits(m, input)? as i8;
    UtcOffset::from_hms(sign * h, sign * m, 0).map_err(|_| err(input, "offset out of range"))
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.instant;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )?;
        let n = self.format.fraction_digits.min(9);
        if n > 0 {
            let frac = t.nanosecond() / self.format.unit();
            write!(f, ".{:0width$}", frac, width = usize::from(n))?;
        }
        let offset = t.offset();
        if offset.is_utc() && self.format.offset == OffsetStyle::Zulu {
            return f.write_str("Z");
        }
        let (h, m, _) = offset.as_hms();
        let sign = if offset.is_negative() { '-' } else { '+' };
        match self.format.offset {
            OffsetStyle::NoColon => {
                write!(f, "{sign}{:02}{:02}", h.unsigned_abs(), m.unsigned_abs())
            }
            _ => write!(f, "{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs()),
        }
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

string_serde!(Timestamp);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_becomes_a_timestamp_without_a_format() {
        let instant = OffsetDateTime::from_unix_timestamp_nanos(1_704_103_200_123_456_789).unwrap();
        let t = Timestamp::from(instant);
        assert_eq!(t.to_string(), "2024-01-01T10:00:00.123Z");
        assert_eq!(crate::Date::from(instant.date()).to_string(), "2024-01-01");
    }

    #[test]
    fn round_trips_every_seed_shape() {
        for s in [
            "2019-11-16T14:50:39.7497178Z",
            "2019-05-21T06:11:34.0000000Z",
            "2018-02-07T23:00:00Z",
            "2019-06-01T00:00:00.000Z",
            "2019-12-07T14:50:39.752646Z",
            "2015-06-12T06:38:33.876+0000",
            "2017-01-10T17:03:10+02:00",
            "2017-01-10T17:03:10.5-05:30",
        ] {
            let t: Timestamp = s.parse().unwrap();
            assert_eq!(t.to_string(), s);
            let json = format!("\"{s}\"");
            let back: Timestamp = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), json);
        }
    }

    #[test]
    fn keeps_the_instant() {
        let t: Timestamp = "2019-11-16T14:50:39.7497178Z".parse().unwrap();
        assert_eq!(t.to_offset_date_time().nanosecond(), 749_717_800);
        let u: Timestamp = "2017-01-10T17:03:10+02:00".parse().unwrap();
        assert_eq!(u.to_offset_date_time().unix_timestamp(), 1_484_060_590);
    }

    #[test]
    fn formats_stay_in_range() {
        let f = TimestampFormat::new(200, OffsetStyle::Colon);
        assert_eq!(f.fraction_digits(), 9);
        assert_eq!(f.offset(), OffsetStyle::Colon);
        let t = Timestamp::new(OffsetDateTime::UNIX_EPOCH, f);
        assert_eq!(t.to_string(), "1970-01-01T00:00:00.000000000+00:00");
    }

    #[test]
    fn new_truncates_to_the_format() {
        let instant = OffsetDateTime::from_unix_timestamp_nanos(1_573_915_839_749_717_899).unwrap();
        let t = Timestamp::new(instant, TimestampFormat::new(7, OffsetStyle::Zulu));
        assert_eq!(t.to_string(), "2019-11-16T14:50:39.7497178Z");
    }

    #[test]
    fn rejects_bad_input_with_a_reason() {
        for bad in [
            "",
            "2019-11-16",
            "2019-13-16T14:50:39Z",
            "2019-11-16T14:50:39",
            "2019-11-16T14:50:39.Z",
            "2019-11-16T14:50:39.1234567890Z",
            "2019-02-30T00:00:00Z",
            "2019-11-16T14:50:39+2",
            "x019-11-16T14:50:39Z",
            // Non-ASCII where the parser used to slice at byte offsets.
            "2019-11-16T14:50:3éZ",
            "2019-11-16T14:50:39é000",
            "2019-11-16T14:50:39\u{2212}01:00",
            "2019-11-16T14:50:39.5+0é",
            "éééé-11-16T14:50:39Z",
        ] {
            let e = bad.parse::<Timestamp>().unwrap_err();
            assert!(
                e.to_string().contains("is not an ISO 8601 timestamp"),
                "{bad}: {e}"
            );
        }
    }
}
