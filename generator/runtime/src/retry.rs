//! When and how long to wait before repeating a request.

use std::time::Duration;

/// Retry policy for transient failures: HTTP 429, 5xx, timeouts and
/// connection errors.
///
/// Only requests that are safe to repeat are retried: idempotent methods
/// (GET, PUT, DELETE) and operations the spec marks idempotent. A POST that
/// may have taken effect is never repeated silently.
///
/// The struct may grow: build it from [`RetryPolicy::default`] (or
/// [`RetryPolicy::none`]) and the setters:
///
/// ```
/// use std::time::Duration;
/// use api_client_runtime::RetryPolicy;
/// // For a batch job: more patience than the default.
/// let patient = RetryPolicy::default()
///     .max_attempts(6)
///     .initial_backoff(Duration::from_millis(500))
///     .max_backoff(Duration::from_secs(30));
/// // For a request a user waits on: fail fast.
/// let none = RetryPolicy::none();
/// # let _ = (patient, none);
/// ```
///
/// Give it to the client builder (`.retry_policy(patient)`) or to one call
/// or stream (`.retry_policy(none)`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Total attempts including the first; `1` disables retries.
    pub max_attempts: u32,
    /// Delay before the first retry; doubled for each further retry.
    pub initial_backoff: Duration,
    /// Upper bound of the computed backoff.
    pub max_backoff: Duration,
    /// Randomise each delay within `[delay/2, delay]` so clients spread out.
    pub jitter: bool,
    /// A `Retry-After` longer than this is not waited for; the error is returned.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            jitter: true,
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Sets the total attempts including the first (`1` disables retries).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// Sets the delay before the first retry (doubled for each further one).
    pub fn initial_backoff(mut self, delay: Duration) -> Self {
        self.initial_backoff = delay;
        self
    }

    /// Sets the upper bound of the computed backoff.
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }

    /// Turns the randomisation of each delay on or off.
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Sets the longest `Retry-After` that is waited for.
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// The delay before retry number `retry` (1 for the first retry), or
    /// `None` if no further attempt may be made. `retry_after` is the
    /// server's `Retry-After`, which takes precedence over the backoff when longer.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if retry >= self.max_attempts {
            return None;
        }
        let exp = self
            .initial_backoff
            .saturating_mul(1u32 << (retry - 1).min(16));
        let mut delay = exp.min(self.max_backoff);
        if self.jitter && !delay.is_zero() {
            let half = delay / 2;
            let extra = fastrand::u64(0..=half.as_nanos().min(u128::from(u64::MAX)) as u64);
            delay = half + Duration::from_nanos(extra);
        }
        match retry_after {
            Some(ra) if ra > self.max_retry_after => None,
            Some(ra) => Some(delay.max(ra)),
            None => Some(delay),
        }
    }
}

/// Parses a `Retry-After` value: delay seconds or an HTTP date.
pub fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{SystemTime, UNIX_EPOCH};

    fn fixed() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(350),
            jitter: false,
            max_retry_after: Duration::from_secs(10),
        }
    }

    #[test]
    fn exponential_and_bounded() {
        let p = fixed();
        assert_eq!(p.delay(1, None), Some(Duration::from_millis(100)));
        assert_eq!(p.delay(2, None), Some(Duration::from_millis(200)));
        assert_eq!(p.delay(3, None), Some(Duration::from_millis(350)));
        assert_eq!(p.delay(4, None), Some(Duration::from_millis(350)));
        assert_eq!(p.delay(5, None), None);
        assert_eq!(RetryPolicy::none().delay(1, None), None);
    }

    #[test]
    fn jitter_stays_in_range() {
        let p = RetryPolicy {
            jitter: true,
            ..fixed()
        };
        for _ in 0..200 {
            let d = p.delay(2, None).unwrap();
            assert!(
                d >= Duration::from_millis(100) && d <= Duration::from_millis(200),
                "{d:?}"
            );
        }
    }

    #[test]
    fn retry_after_is_honoured_and_capped() {
        let p = fixed();
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_millis(1))),
            Some(Duration::from_millis(100))
        );
        assert_eq!(p.delay(1, Some(Duration::from_secs(11))), None);
    }

    #[test]
    fn parses_both_retry_after_forms() {
        let now = UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(parse_retry_after("soon", SystemTime::now()), None);
    }
}
