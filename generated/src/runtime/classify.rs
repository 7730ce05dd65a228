//! What a response means to the request loop: success, stale credentials
//! (renew once and repeat), transient (repeat an idempotent request after a
//! delay) or failure. A request carries its [`Classify`]; generated code
//! uses [`StatusClassifier`] unless the spec describes other signals (a
//! session-expiry code in a 200 body, statuses that are success for one
//! endpoint), which become further classifiers without touching the loop.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

use super::retry::parse_retry_after;

/// The meaning of one response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// Decode the body and return it.
    Success,
    /// The token or session is no longer valid: renew it once and repeat the
    /// request (it was not processed, so this is safe for any method).
    StaleCredentials,
    /// A transient failure: an idempotent request may be repeated, after the
    /// server's `Retry-After` if it sent one.
    Transient {
        /// The delay the server asked for.
        retry_after: Option<Duration>,
    },
    /// Return the failure to the caller.
    Failure,
}

/// Decides what a response means.
pub trait Classify: fmt::Debug + Send + Sync {
    /// The verdict on a response with this status, headers and body.
    fn classify(&self, status: u16, headers: &HeaderMap, body: &[u8]) -> Verdict;
}

/// The HTTP convention: 2xx success, 401 stale credentials, 429 and 5xx
/// transient (honouring `Retry-After`), anything else a failure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusClassifier;

/// The classifier requests use unless told otherwise.
pub static STATUS_CLASSIFIER: StatusClassifier = StatusClassifier;

impl Classify for StatusClassifier {
    fn classify(&self, status: u16, headers: &HeaderMap, _body: &[u8]) -> Verdict {
        match status {
            200..=299 => Verdict::Success,
            401 => Verdict::StaleCredentials,
            429 | 500..=599 => Verdict::Transient {
                retry_after: retry_after(headers),
            },
            _ => Verdict::Failure,
        }
    }
}

/// The `Retry-After` header as a delay from now.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_retry_after(v, SystemTime::now()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_verdicts() {
        let none = HeaderMap::new();
        let c = StatusClassifier;
        assert_eq!(c.classify(200, &none, b""), Verdict::Success);
        assert_eq!(c.classify(204, &none, b""), Verdict::Success);
        assert_eq!(c.classify(401, &none, b""), Verdict::StaleCredentials);
        assert_eq!(c.classify(404, &none, b""), Verdict::Failure);
        assert_eq!(c.classify(412, &none, b""), Verdict::Failure);
        assert_eq!(
            c.classify(503, &none, b""),
            Verdict::Transient { retry_after: None }
        );
        let mut h = HeaderMap::new();
        h.insert(reqwest::header::RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(
            c.classify(429, &h, b""),
            Verdict::Transient {
                retry_after: Some(Duration::from_secs(7))
            }
        );
    }
}
