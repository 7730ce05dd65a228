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

/// Reads an error code out of an error body.
pub type CodeOf = fn(&[u8]) -> Option<String>;

/// What an expired token or session looks like for one API, as its spec
/// declares it: statuses, and statuses whose error body carries a code
/// (a 500 saying the session id is invalid). It refines the request's
/// verdict: such a response means renew once and repeat.
#[derive(Clone, Copy)]
pub struct StaleSignals {
    /// Statuses that always mean stale credentials.
    pub statuses: &'static [u16],
    /// Status and error code pairs that mean stale credentials.
    pub codes: &'static [(u16, &'static str)],
    /// Reads the error code from an error body (the API's error model).
    pub code: Option<CodeOf>,
}

impl StaleSignals {
    /// The HTTP convention: a 401 means renew.
    pub const HTTP: StaleSignals = StaleSignals {
        statuses: &[401],
        codes: &[],
        code: None,
    };

    /// The verdict on a response, given the request's own.
    pub fn refine(&self, verdict: Verdict, status: u16, body: &[u8]) -> Verdict {
        if verdict == Verdict::Success {
            return verdict;
        }
        if self.statuses.contains(&status) {
            return Verdict::StaleCredentials;
        }
        let coded = self.codes.iter().any(|(s, _)| *s == status);
        if let (true, Some(code_of)) = (coded, self.code) {
            if let Some(code) = code_of(body) {
                if self.codes.iter().any(|(s, c)| *s == status && *c == code) {
                    return Verdict::StaleCredentials;
                }
            }
        }
        match verdict {
            // The spec says what is stale; another status is not.
            Verdict::StaleCredentials => Verdict::Failure,
            v => v,
        }
    }
}

impl fmt::Debug for StaleSignals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaleSignals")
            .field("statuses", &self.statuses)
            .field("codes", &self.codes)
            .finish_non_exhaustive()
    }
}

/// The error code of an error body of type `E`, if it decodes and has one
/// (for [`StaleSignals::code`]).
pub fn error_code<E: serde::de::DeserializeOwned + super::ErrorDetails>(
    body: &[u8],
) -> Option<String> {
    serde_json::from_slice::<E>(body)
        .ok()?
        .code()
        .map(std::borrow::Cow::into_owned)
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

    fn code_field(body: &[u8]) -> Option<String> {
        let v: serde_json::Value = serde_json::from_slice(body).ok()?;
        v.get("code")?.as_str().map(str::to_owned)
    }

    #[test]
    fn declared_signals_refine_the_verdict() {
        let session = StaleSignals {
            statuses: &[401],
            codes: &[(500, "INVALID_SESSION_ID")],
            code: Some(code_field),
        };
        let transient = Verdict::Transient { retry_after: None };
        let body = br#"{"code":"INVALID_SESSION_ID"}"#;
        assert_eq!(
            session.refine(transient, 500, body),
            Verdict::StaleCredentials
        );
        assert_eq!(
            session.refine(transient, 500, br#"{"code":"OTHER"}"#),
            transient
        );
        assert_eq!(session.refine(transient, 500, b"<html>"), transient);
        assert_eq!(session.refine(transient, 503, body), transient);
        assert_eq!(
            session.refine(Verdict::StaleCredentials, 401, b""),
            Verdict::StaleCredentials
        );
        assert_eq!(
            session.refine(Verdict::Success, 200, body),
            Verdict::Success
        );
        // Declared statuses replace the 401 convention.
        let only_419 = StaleSignals {
            statuses: &[419],
            codes: &[],
            code: None,
        };
        assert_eq!(
            only_419.refine(Verdict::StaleCredentials, 401, b""),
            Verdict::Failure
        );
        assert_eq!(
            only_419.refine(Verdict::Failure, 419, b""),
            Verdict::StaleCredentials
        );
        assert_eq!(
            StaleSignals::HTTP.refine(Verdict::StaleCredentials, 401, b""),
            Verdict::StaleCredentials
        );
    }

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
