//! Intervals in mathematical notation, as list filters take them:
//! `[0;20000]`, `(0;20000]`, `(10000;)`, `[2022-01-01;2022-02-01)`.
//!
//! `[` and `]` include the bound, `(` and `)` exclude it, and an empty bound
//! means no limit on that side.

use std::fmt;
use std::ops::{Bound, Range, RangeFrom, RangeInclusive, RangeTo, RangeToInclusive};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// An interval of `T` with inclusive, exclusive or open ends.
///
/// Build one from a Rust range (`(0..=20000).into()` is `[0;20000]`,
/// `(a..b).into()` is `[a;b)`, `(a..).into()` is `[a;)`) or with the
/// constructors for the forms ranges cannot express.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Interval<T> {
    /// The lower end.
    pub start: Bound<T>,
    /// The upper end.
    pub end: Bound<T>,
}

impl<T> Interval<T> {
    /// An interval with the given ends.
    pub fn new(start: Bound<T>, end: Bound<T>) -> Self {
        Self { start, end }
    }

    /// `[start;end]`.
    pub fn closed(start: T, end: T) -> Self {
        Self::new(Bound::Included(start), Bound::Included(end))
    }

    /// `[start;end)`.
    pub fn half_open(start: T, end: T) -> Self {
        Self::new(Bound::Included(start), Bound::Excluded(end))
    }

    /// `(start;end)`.
    pub fn open(start: T, end: T) -> Self {
        Self::new(Bound::Excluded(start), Bound::Excluded(end))
    }

    /// `(start;)`: strictly greater than `start`.
    pub fn greater_than(start: T) -> Self {
        Self::new(Bound::Excluded(start), Bound::Unbounded)
    }

    /// `[start;)`.
    pub fn at_least(start: T) -> Self {
        Self::new(Bound::Included(start), Bound::Unbounded)
    }

    /// `(;end)`.
    pub fn less_than(end: T) -> Self {
        Self::new(Bound::Unbounded, Bound::Excluded(end))
    }

    /// `(;end]`.
    pub fn at_most(end: T) -> Self {
        Self::new(Bound::Unbounded, Bound::Included(end))
    }
}

impl<T: Clone> Interval<T> {
    /// `[value;value]`: exactly `value`.
    pub fn exactly(value: T) -> Self {
        Self::closed(value.clone(), value)
    }
}

impl<T> From<RangeInclusive<T>> for Interval<T> {
    fn from(r: RangeInclusive<T>) -> Self {
        let (s, e) = r.into_inner();
        Self::closed(s, e)
    }
}

impl<T> From<Range<T>> for Interval<T> {
    fn from(r: Range<T>) -> Self {
        Self::half_open(r.start, r.end)
    }
}

impl<T> From<RangeFrom<T>> for Interval<T> {
    fn from(r: RangeFrom<T>) -> Self {
        Self::at_least(r.start)
    }
}

impl<T> From<RangeTo<T>> for Interval<T> {
    fn from(r: RangeTo<T>) -> Self {
        Self::less_than(r.end)
    }
}

impl<T> From<RangeToInclusive<T>> for Interval<T> {
    fn from(r: RangeToInclusive<T>) -> Self {
        Self::at_most(r.end)
    }
}

impl<T: fmt::Display> fmt::Display for Interval<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.start {
            Bound::Included(v) => write!(f, "[{v}")?,
            Bound::Excluded(v) => write!(f, "({v}")?,
            Bound::Unbounded => f.write_str("(")?,
        }
        f.write_str(";")?;
        match &self.end {
            Bound::Included(v) => write!(f, "{v}]"),
            Bound::Excluded(v) => write!(f, "{v})"),
            Bound::Unbounded => f.write_str(")"),
        }
    }
}

/// A string that is not an interval.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not an interval such as [a;b], (a;b) or (a;): {reason}")]
pub struct IntervalError {
    input: String,
    reason: String,
}

impl<T: FromStr> FromStr for Interval<T>
where
    T::Err: fmt::Display,
{
    type Err = IntervalError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |reason: String| IntervalError {
            input: input.to_owned(),
            reason,
        };
        let open = input.chars().next();
        let close = input.chars().last();
        let (Some(open @ ('[' | '(')), Some(close @ (']' | ')'))) = (open, close) else {
            return Err(fail(
                "must start with `[` or `(` and end with `]` or `)`".into(),
            ));
        };
        let inner = input.get(1..input.len() - 1).unwrap_or_default();
        let (a, b) = inner
            .split_once(';')
            .ok_or_else(|| fail("missing `;`".into()))?;
        let bound = |text: &str, inclusive: bool| -> Result<Bound<T>, IntervalError> {
            if text.is_empty() {
                return Ok(Bound::Unbounded);
            }
            let v = text.parse::<T>().map_err(|e| fail(e.to_string()))?;
            Ok(if inclusive {
                Bound::Included(v)
            } else {
                Bound::Excluded(v)
            })
        };
        let start = bound(a, open == '[')?;
        let end = bound(b, close == ']')?;
        Ok(Self { start, end })
    }
}

impl<T: fmt::Display> Serialize for Interval<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, T: FromStr> Deserialize<'de> for Interval<T>
where
    T::Err: fmt::Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LocalDateTime;

    #[test]
    fn documented_notation() {
        assert_eq!(Interval::from(0..=20000).to_string(), "[0;20000]");
        assert_eq!(
            Interval::new(Bound::Excluded(0), Bound::Included(20000)).to_string(),
            "(0;20000]"
        );
        assert_eq!(Interval::open(0, 20000).to_string(), "(0;20000)");
        assert_eq!(Interval::greater_than(10000).to_string(), "(10000;)");
        assert_eq!(Interval::exactly(5000).to_string(), "[5000;5000]");
        let jan: Interval<LocalDateTime> = Interval::half_open(
            LocalDateTime::date(2022, 1, 1).unwrap(),
            LocalDateTime::date(2022, 2, 1).unwrap(),
        );
        assert_eq!(jan.to_string(), "[2022-01-01;2022-02-01)");
        assert_eq!(Interval::from(..5).to_string(), "(;5)");
        assert_eq!(Interval::from(..=5).to_string(), "(;5]");
        assert_eq!(Interval::from(7..).to_string(), "[7;)");
    }

    #[test]
    fn parses_what_it_writes() {
        for s in [
            "[0;20000]",
            "(0;20000]",
            "(0;20000)",
            "(10000;)",
            "[5000;5000]",
            "(;)",
        ] {
            let i: Interval<i64> = s.parse().unwrap();
            assert_eq!(i.to_string(), s);
        }
        let i: Interval<LocalDateTime> = "[2022-01-01;2022-02-01)".parse().unwrap();
        assert_eq!(i.to_string(), "[2022-01-01;2022-02-01)");
        for bad in ["0;1", "[0,1]", "[a;1]", "[0;1", ""] {
            assert!(bad.parse::<Interval<i64>>().is_err(), "{bad}");
        }
    }
}
