//! ISO 8601 durations (`P1W`, `P3M`, `P100Y`, `P1DT12H`), as list queries
//! take them for `interval`.
//!
//! Calendar units (years, months, weeks, days) have no fixed length, so the
//! value is kept as its components, not converted to seconds.

use std::fmt;
use std::str::FromStr;

/// An ISO 8601 duration with whole-number components.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct IsoDuration {
    /// Years (`Y`).
    pub years: u32,
    /// Months (`M` before `T`).
    pub months: u32,
    /// Weeks (`W`).
    pub weeks: u32,
    /// Days (`D`).
    pub days: u32,
    /// Hours (`H`).
    pub hours: u32,
    /// Minutes (`M` after `T`).
    pub minutes: u32,
    /// Seconds (`S`).
    pub seconds: u32,
}

/// A string that is not an ISO 8601 duration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not an ISO 8601 duration such as P1W, P3M or PT12H: {reason}")]
pub struct DurationError {
    input: String,
    reason: &'static str,
}

impl IsoDuration {
    /// `PnY`.
    pub fn years(n: u32) -> Self {
        Self {
            years: n,
            ..Self::default()
        }
    }

    /// `PnM`.
    pub fn months(n: u32) -> Self {
        Self {
            months: n,
            ..Self::default()
        }
    }

    /// `PnW`.
    pub fn weeks(n: u32) -> Self {
        Self {
            weeks: n,
            ..Self::default()
        }
    }

    /// `PnD`.
    pub fn days(n: u32) -> Self {
        Self {
            days: n,
            ..Self::default()
        }
    }

    /// `PTnH`.
    pub fn hours(n: u32) -> Self {
        Self {
            hours: n,
            ..Self::default()
        }
    }

    /// Whether every component is zero.
    pub fn is_zero(&self) -> bool {
        *self == Self::default()
    }
}

impl FromStr for IsoDuration {
    type Err = DurationError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |reason| DurationError {
            input: input.to_owned(),
            reason,
        };
        let rest = input
            .strip_prefix('P')
            .ok_or_else(|| fail("must start with `P`"))?;
        if rest.is_empty() || rest == "T" || rest.ends_with('T') {
            return Err(fail("has no components"));
        }
        let mut out = Self::default();
        let mut in_time = false;
        let mut number = String::new();
        // The order units must appear in; each at most once.
        let date_units = ['Y', 'M', 'W', 'D'];
        let time_units = ['H', 'M', 'S'];
        let mut last: Option<usize> = None;
        for c in rest.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            if c == 'T' {
                if in_time || !number.is_empty() {
                    return Err(fail("misplaced `T`"));
                }
                in_time = true;
                last = None;
                continue;
            }
            let units: &[char] = if in_time { &time_units } else { &date_units };
            let idx = units.iter().position(|u| *u == c).ok_or_else(|| {
                fail("unknown unit or fraction (only whole numbers of Y M W D T H M S)")
            })?;
            if last.is_some_and(|l| l >= idx) {
                return Err(fail("units out of order or repeated"));
            }
            last = Some(idx);
            if number.is_empty() {
                return Err(fail("a unit without a number"));
            }
            let n: u32 = number.parse().map_err(|_| fail("number too large"))?;
            number.clear();
            let slot = match (in_time, c) {
                (false, 'Y') => &mut out.years,
                (false, 'M') => &mut out.months,
                (false, 'W') => &mut out.weeks,
                (false, 'D') => &mut out.days,
                (true, 'H') => &mut out.hours,
                (true, 'M') => &mut out.minutes,
                _ => &mut out.seconds,
            };
            *slot = n;
        }
        if !number.is_empty() {
            return Err(fail("a number without a unit"));
        }
        Ok(out)
    }
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        for (n, u) in [
            (self.years, 'Y'),
            (self.months, 'M'),
            (self.weeks, 'W'),
            (self.days, 'D'),
        ] {
            if n > 0 {
                write!(f, "{n}{u}")?;
            }
        }
        // Any non-zero part (a sum could overflow: `PT4294967295H1M`).
        if self.hours > 0 || self.minutes > 0 || self.seconds > 0 {
            f.write_str("T")?;
            for (n, u) in [(self.hours, 'H'), (self.minutes, 'M'), (self.seconds, 'S')] {
                if n > 0 {
                    write!(f, "{n}{u}")?;
                }
            }
        } else if self.is_zero() {
            f.write_str("T0S")?;
        }
        Ok(())
    }
}

impl fmt::Debug for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IsoDuration({self})")
    }
}

string_serde!(IsoDuration);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_parts_are_written_without_overflow() {
        for s in [
            "PT4294967295H1M",
            "P4294967295Y4294967295M",
            "PT4294967295H4294967295M4294967295S",
        ] {
            let d: IsoDuration = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
    }

    #[test]
    fn documented_examples_round_trip() {
        for s in [
            "P1W",
            "P3M",
            "P100Y",
            "P1M",
            "P1Y2M3DT4H5M6S",
            "PT30M",
            "P0D",
        ] {
            let d: IsoDuration = s.parse().unwrap();
            if s != "P0D" {
                assert_eq!(d.to_string(), s);
            }
        }
        assert_eq!(IsoDuration::weeks(1).to_string(), "P1W");
        assert_eq!(IsoDuration::default().to_string(), "PT0S");
        assert_eq!(
            "PT1M".parse::<IsoDuration>().unwrap(),
            IsoDuration {
                minutes: 1,
                ..IsoDuration::default()
            }
        );
    }

    #[test]
    fn malformed_durations_are_rejected() {
        for s in [
            "", "P", "PT", "1W", "P1", "PW", "P1.5D", "P1D1Y", "P1M1M", "P1DT", "PT1D", "P1X",
        ] {
            assert!(s.parse::<IsoDuration>().is_err(), "{s}");
        }
    }
}
