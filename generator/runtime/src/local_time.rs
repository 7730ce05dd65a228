//! Calendar dates and local date-times (no offset), written back in the form
//! they were given in.
//!
//! List queries accept a local date-time in several forms (`2022-01-01`,
//! `20220101`, `2022-01-01T12:00`, `2022-01-01T12:00:00`,
//! `2022-01-01T12:00:00.000`), and some APIs send dates as `20150505`. A value
//! remembers its [`LocalDateTimeForm`] (or [`DateForm`]), so what is parsed is
//! written back byte for byte and what the caller builds is sent exactly as
//! chosen.

use std::fmt;
use std::str::FromStr;

use time::{Month, Time};

/// A string that is not a date or local date-time in an accepted form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a {expected}")]
pub struct LocalTimeError {
    input: String,
    expected: &'static str,
}

/// How a [`Date`] is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DateForm {
    /// `2015-05-05`.
    Extended,
    /// `20150505`.
    Compact,
}

/// A calendar date with its wire form.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    date: time::Date,
    form: DateForm,
}

impl Date {
    /// A date written as `yyyy-MM-dd`; an error if it does not exist
    /// (`2022-02-30`), so a bad date cannot silently become "no date".
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, LocalTimeError> {
        let date = Month::try_from(month)
            .ok()
            .and_then(|m| time::Date::from_calendar_date(year, m, day).ok())
            .ok_or_else(|| LocalTimeError {
                input: format!("{year:04}-{month:02}-{day:02}"),
                expected: "date that exists",
            })?;
        Ok(Self {
            date,
            form: DateForm::Extended,
        })
    }

    /// Wraps a `time::Date`, written as `yyyy-MM-dd`.
    pub fn from_date(date: time::Date) -> Self {
        Self {
            date,
            form: DateForm::Extended,
        }
    }

    /// The same date written in `form`.
    pub fn with_form(self, form: DateForm) -> Self {
        Self { form, ..self }
    }

    /// The calendar date.
    pub fn date(self) -> time::Date {
        self.date
    }

    /// How the date is written.
    pub fn form(self) -> DateForm {
        self.form
    }
}

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn parse_date(s: &str) -> Option<(time::Date, DateForm)> {
    // Byte offsets below are char boundaries only in ASCII text.
    if !s.is_ascii() {
        return None;
    }
    let (y, m, d, form) = match s.len() {
        10 if s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' => {
            (&s[0..4], &s[5..7], &s[8..10], DateForm::Extended)
        }
        8 => (&s[0..4], &s[4..6], &s[6..8], DateForm::Compact),
        _ => return None,
    };
    let month = Month::try_from(u8::try_from(digits(m)?).ok()?).ok()?;
    let date = time::Date::from_calendar_date(
        i32::try_from(digits(y)?).ok()?,
        month,
        u8::try_from(digits(d)?).ok()?,
    )
    .ok()?;
    Some((date, form))
}

fn write_date(f: &mut fmt::Formatter<'_>, date: time::Date, form: DateForm) -> fmt::Result {
    let (y, m, d) = (date.year(), u8::from(date.month()), date.day());
    match form {
        DateForm::Extended => write!(f, "{y:04}-{m:02}-{d:02}"),
        DateForm::Compact => write!(f, "{y:04}{m:02}{d:02}"),
    }
}

/// A `time::Date`, written as `yyyy-MM-dd` ([`Date::from_date`]).
impl From<time::Date> for Date {
    fn from(date: time::Date) -> Self {
        Date::from_date(date)
    }
}

impl FromStr for Date {
    type Err = LocalTimeError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        parse_date(input)
            .map(|(date, form)| Self { date, form })
            .ok_or_else(|| LocalTimeError {
                input: input.to_owned(),
                expected: "date (yyyy-MM-dd or yyyyMMdd)",
            })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_date(f, self.date, self.form)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

/// How a [`LocalDateTime`] is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LocalDateTimeForm {
    /// `yyyy-MM-dd` (the time is midnight).
    Date,
    /// `yyyyMMdd` (the time is midnight).
    CompactDate,
    /// `yyyy-MM-ddTHH:mm`.
    Minutes,
    /// `yyyy-MM-ddTHH:mm:ss`.
    Seconds,
    /// `yyyy-MM-ddTHH:mm:ss.SSS`.
    Millis,
}

/// A date and time without offset (interpreted in the account's time zone by
/// the server), with its wire form.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalDateTime {
    date: time::Date,
    time: Time,
    form: LocalDateTimeForm,
}

impl LocalDateTime {
    /// Midnight of a date, written as the date only (`2022-01-01`); an
    /// error if the date does not exist.
    pub fn date(year: i32, month: u8, day: u8) -> Result<Self, LocalTimeError> {
        Date::new(year, month, day).map(Self::from)
    }

    /// A date and time written as `yyyy-MM-ddTHH:mm:ss` (or with
    /// milliseconds if `time` has a fraction). Sub-millisecond digits are
    /// dropped.
    pub fn new(date: time::Date, time: Time) -> Self {
        let millis = time.millisecond();
        let time = time.replace_millisecond(millis).unwrap_or(time);
        let form = if millis == 0 {
            LocalDateTimeForm::Seconds
        } else {
            LocalDateTimeForm::Millis
        };
        Self { date, time, form }
    }

    /// The same value written in `form`. Date-only forms drop the time of
    /// day; shorter forms drop seconds or milliseconds.
    pub fn with_form(self, form: LocalDateTimeForm) -> Self {
        let t = self.time;
        let time = match form {
            LocalDateTimeForm::Date | LocalDateTimeForm::CompactDate => Time::MIDNIGHT,
            LocalDateTimeForm::Minutes => Time::from_hms(t.hour(), t.minute(), 0).unwrap_or(t),
            LocalDateTimeForm::Seconds => {
                Time::from_hms(t.hour(), t.minute(), t.second()).unwrap_or(t)
            }
            LocalDateTimeForm::Millis => t,
        };
        Self {
            date: self.date,
            time,
            form,
        }
    }

    /// The calendar date.
    pub fn date_part(self) -> time::Date {
        self.date
    }

    /// The time of day (midnight for date-only forms).
    pub fn time_part(self) -> Time {
        self.time
    }

    /// The pair as a `time::PrimitiveDateTime`.
    pub fn to_primitive(self) -> time::PrimitiveDateTime {
        time::PrimitiveDateTime::new(self.date, self.time)
    }

    /// How the value is written.
    pub fn form(self) -> LocalDateTimeForm {
        self.form
    }
}

impl From<Date> for LocalDateTime {
    fn from(d: Date) -> Self {
        Self {
            date: d.date,
            time: Time::MIDNIGHT,
            form: match d.form {
                DateForm::Extended => LocalDateTimeForm::Date,
                DateForm::Compact => LocalDateTimeForm::CompactDate,
            },
        }
    }
}

fn parse_time(s: &str) -> Option<(Time, LocalDateTimeForm)> {
    if !s.is_ascii() {
        return None;
    }
    let b = s.as_bytes();
    let num =
        |r: std::ops::Range<usize>| s.get(r).and_then(digits).and_then(|v| u8::try_from(v).ok());
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let (h, m) = (num(0..2)?, num(3..5)?);
    let (sec, millis, form) = match b.len() {
        5 => (0, 0, LocalDateTimeForm::Minutes),
        8 if b[5] == b':' => (num(6..8)?, 0, LocalDateTimeForm::Seconds),
        12 if b[5] == b':' && b[8] == b'.' => (
            num(6..8)?,
            u16::try_from(digits(s.get(9..12)?)?).ok()?,
            LocalDateTimeForm::Millis,
        ),
        _ => return None,
    };
    Some((Time::from_hms_milli(h, m, sec, millis).ok()?, form))
}

impl FromStr for LocalDateTime {
    type Err = LocalTimeError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let parsed = match input.split_once('T') {
            None => parse_date(input).map(|(date, form)| Date { date, form }.into()),
            Some((d, t)) => match (parse_date(d), parse_time(t)) {
                (Some((date, DateForm::Extended)), Some((time, form))) => {
                    Some(Self { date, time, form })
                }
                _ => None,
            },
        };
        parsed.ok_or_else(|| LocalTimeError {
            input: input.to_owned(),
            expected: "local date-time (yyyy-MM-dd, yyyyMMdd, yyyy-MM-ddTHH:mm, yyyy-MM-ddTHH:mm:ss or yyyy-MM-ddTHH:mm:ss.SSS)",
        })
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.time;
        match self.form {
            LocalDateTimeForm::Date => write_date(f, self.date, DateForm::Extended),
            LocalDateTimeForm::CompactDate => write_date(f, self.date, DateForm::Compact),
            LocalDateTimeForm::Minutes => {
                write_date(f, self.date, DateForm::Extended)?;
                write!(f, "T{:02}:{:02}", t.hour(), t.minute())
            }
            LocalDateTimeForm::Seconds => {
                write_date(f, self.date, DateForm::Extended)?;
                write!(f, "T{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
            }
            LocalDateTimeForm::Millis => {
                write_date(f, self.date, DateForm::Extended)?;
                write!(
                    f,
                    "T{:02}:{:02}:{:02}.{:03}",
                    t.hour(),
                    t.minute(),
                    t.second(),
                    t.millisecond()
                )
            }
        }
    }
}

impl fmt::Debug for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LocalDateTime({self})")
    }
}

string_serde!(Date);
string_serde!(LocalDateTime);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_form_round_trips() {
        for s in [
            "2022-01-01",
            "20220101",
            "2022-01-01T12:00",
            "2022-01-01T12:00:00",
            "2022-02-01T12:00:00.000",
            "2022-02-01T00:00:00.123",
        ] {
            let v: LocalDateTime = s.parse().unwrap();
            assert_eq!(v.to_string(), s);
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(serde_json::from_str::<LocalDateTime>(&json).unwrap(), v);
        }
    }

    #[test]
    fn bad_values_are_rejected() {
        for s in [
            "2022-13-01",
            "2022-02-30",
            "2022-1-1",
            "20220101T12:00",
            "2022-01-01T25:00",
            "2022-01-01T12:00:00Z",
            "2022-01-01T12:00:00.1",
            "",
            // Non-ASCII where the parser used to slice at byte offsets.
            "aéééb",
            "2022-01-01T12:00:00.1é",
            "é022-01-01",
            "20é2-01",
        ] {
            assert!(s.parse::<LocalDateTime>().is_err(), "{s}");
            assert!(s.parse::<Date>().is_err(), "{s}");
        }
    }

    #[test]
    fn a_date_that_does_not_exist_is_an_error() {
        let err = LocalDateTime::date(2022, 2, 30).unwrap_err();
        assert_eq!(err.to_string(), "`2022-02-30` is not a date that exists");
        assert!(Date::new(2022, 13, 1).is_err());
        assert!(Date::new(2024, 2, 29).is_ok());
    }

    #[test]
    fn forms_can_be_chosen() {
        let d = LocalDateTime::date(2022, 1, 1).unwrap();
        assert_eq!(d.to_string(), "2022-01-01");
        assert_eq!(
            d.with_form(LocalDateTimeForm::Seconds).to_string(),
            "2022-01-01T00:00:00"
        );
        assert_eq!(
            d.with_form(LocalDateTimeForm::CompactDate).to_string(),
            "20220101"
        );
        let t = LocalDateTime::new(
            time::macros::date!(2022 - 02 - 01),
            time::macros::time!(12:30:15.250),
        );
        assert_eq!(t.to_string(), "2022-02-01T12:30:15.250");
        assert_eq!(
            t.with_form(LocalDateTimeForm::Minutes).to_string(),
            "2022-02-01T12:30"
        );
    }

    #[test]
    fn dates_keep_their_form() {
        let d: Date = "20150505".parse().unwrap();
        assert_eq!(d.to_string(), "20150505");
        assert_eq!(d.form(), DateForm::Compact);
        assert_eq!(d.with_form(DateForm::Extended).to_string(), "2015-05-05");
        assert!("2015-02-29".parse::<Date>().is_err());
        assert_eq!(Date::new(2015, 5, 5).unwrap().to_string(), "2015-05-05");
    }
}
