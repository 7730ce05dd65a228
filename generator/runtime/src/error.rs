//! The error type every generated API uses, parameterised by that API's
//! error body.

use std::fmt;

use super::response::{RateLimit, ResponseMeta};

/// The longest body snippet kept in an error, in bytes.
pub const SNIPPET_LIMIT: usize = 512;

/// The request a failed call made: its method and path (never its query,
/// which may carry credentials), and whether sending it again is safe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestSummary {
    method: reqwest::Method,
    path: String,
    retry_safe: bool,
}

impl RequestSummary {
    /// A summary of a request to `method` `path`; `retry_safe` says that
    /// sending it again cannot apply it twice.
    pub fn new(method: reqwest::Method, path: impl Into<String>, retry_safe: bool) -> Self {
        RequestSummary {
            method,
            path: path.into(),
            retry_safe,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &reqwest::Method {
        &self.method
    }

    /// The URL path, without the query.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether sending the request again is safe: its method is idempotent,
    /// it carried an idempotency key, or the API documents the status it
    /// got as "not processed".
    pub fn is_retry_safe(&self) -> bool {
        self.retry_safe
    }
}

impl fmt::Display for RequestSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// ` (POST /v1/orders)`, or nothing without a request.
fn for_request(request: Option<&RequestSummary>) -> String {
    request.map(|r| format!(" ({r})")).unwrap_or_default()
}

/// An error returned by a generated client. `E` is the API's error body.
///
/// Match on the variant for what the caller can do about it: read again
/// after a `412`, wait after a `429`, retry only what is safe to repeat.
///
/// ```
/// use std::time::Duration;
/// use api_client_runtime::{Error, ErrorDetails};
/// /// What to do after a failed update.
/// fn next_step<E: std::fmt::Debug + ErrorDetails>(e: &Error<E>) -> String {
///     match e {
///         // If-Match carried a stale entity tag: read, merge, try again.
///         Error::PreconditionFailed(_) => "read the resource again".into(),
///         // Rate limited: wait as long as the server asked.
///         Error::Api(api) if api.status() == 429 => {
///             let wait = e.retry_after().unwrap_or(Duration::from_secs(1));
///             format!("wait {wait:?}")
///         }
///         // A timeout or a 5xx of a call that cannot apply twice.
///         _ if e.is_retryable() => "try again later".into(),
///         _ => format!("give up: {e}"),
///     }
/// }
/// # let _ = next_step::<serde_json::Value>;
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request was rejected before anything was sent (e.g. a value out of range).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The request body could not be serialised.
    #[error("could not encode the request body: {0}")]
    Encode(String),
    /// Connecting, sending or reading failed; the cause is the source
    /// (not repeated in this message, so an error chain shows it once).
    #[error("could not connect, send the request or read the response{}", for_request(.request.as_ref()))]
    Transport {
        /// The transport error.
        #[source]
        source: reqwest::Error,
        /// The request that failed.
        request: Option<RequestSummary>,
    },
    /// The request (or the token fetch or login before it) did not complete
    /// within the configured timeout; the transport error is the source.
    #[error("the request timed out{}", for_request(.request.as_ref()))]
    Timeout {
        /// The transport error, if the timeout came from the transport.
        #[source]
        source: Option<reqwest::Error>,
        /// The request that timed out.
        request: Option<RequestSummary>,
    },
    /// A success body larger than the client's `max_body_size`; reading
    /// stopped at the limit.
    #[error("the response body is larger than the limit of {limit} bytes (see `max_body_size`)")]
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A token could not be obtained or the login failed: the step, the
    /// status the endpoint answered and the cause ([`super::AuthError`]).
    #[error(transparent)]
    Auth(Box<super::auth::AuthError>),
    /// A successful response whose body did not match the spec.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// HTTP 412: the `If-Match` entity tag is stale; read the resource again.
    #[error("precondition failed (HTTP 412): the resource changed since its ETag was read; {0}")]
    PreconditionFailed(Box<ApiError<E>>),
    /// Any other non-success status.
    #[error("{0}")]
    Api(Box<ApiError<E>>),
    /// The HTTP client followed a redirect to another origin (or to plain
    /// http); the answer from there is refused. Only a caller-supplied HTTP
    /// client does this: the client's own follows same-origin redirects only.
    #[error(
        "refused an answer from `{to}`: the HTTP client followed a redirect to another origin (build it with `runtime::redirect_policy()`)"
    )]
    Redirected {
        /// Where the redirect led, without its query.
        to: String,
    },
    /// A pagination stream was pointed back at a page it had already
    /// fetched; it stops instead of looping.
    #[error(transparent)]
    PaginationCycle(#[from] super::paginate::CursorCycle),
    /// A single-record call whose record the server rejected inside a
    /// successful response (bulk calls return these per record instead).
    #[error(transparent)]
    Record(Box<super::envelope::RecordError>),
}

impl Error<bytes::Bytes> {
    /// The same error with the API's error body parsed as `E` (`None` when
    /// it does not parse; the snippet keeps its start either way).
    #[doc(hidden)]
    pub fn parse_body<E: serde::de::DeserializeOwned + fmt::Debug>(self) -> Error<E> {
        let parse = |a: Box<ApiError<bytes::Bytes>>| {
            let ApiError {
                meta,
                body,
                snippet,
                request,
            } = *a;
            let body = body.and_then(|b| serde_json::from_slice::<E>(&b).ok());
            Box::new(ApiError {
                meta,
                body,
                snippet,
                request,
            })
        };
        match self {
            Error::InvalidRequest(m) => Error::InvalidRequest(m),
            Error::Encode(m) => Error::Encode(m),
            Error::Transport { source, request } => Error::Transport { source, request },
            Error::Timeout { source, request } => Error::Timeout { source, request },
            Error::BodyTooLarge { limit } => Error::BodyTooLarge { limit },
            Error::Auth(e) => Error::Auth(e),
            Error::Decode(e) => Error::Decode(e),
            Error::PreconditionFailed(a) => Error::PreconditionFailed(parse(a)),
            Error::Api(a) => Error::Api(parse(a)),
            Error::Redirected { to } => Error::Redirected { to },
            Error::PaginationCycle(c) => Error::PaginationCycle(c),
            Error::Record(r) => Error::Record(r),
        }
    }
}

impl<E: fmt::Debug> Error<E> {
    /// The HTTP status, for errors that got a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Decode(d) => Some(d.status),
            Error::PreconditionFailed(a) | Error::Api(a) => Some(a.meta.status),
            Error::Auth(a) => a.status(),
            _ => None,
        }
    }

    /// The API error, for errors with a non-success status.
    pub fn api_error(&self) -> Option<&ApiError<E>> {
        match self {
            Error::PreconditionFailed(a) | Error::Api(a) => Some(a),
            _ => None,
        }
    }

    /// The parsed error body, if the server sent one that matched the spec.
    pub fn body(&self) -> Option<&E> {
        self.api_error().and_then(|a| a.body.as_ref())
    }

    /// How long the server asked to wait before trying again (`Retry-After`).
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        self.api_error()
            .and_then(|a| super::classify::retry_after(&a.meta.headers))
    }

    /// Whether trying the same call again later may succeed *and* is safe:
    /// a transient failure (a timeout, a connection failure, 429 or a 5xx)
    /// of a request that cannot be applied twice ([`RequestSummary::is_retry_safe`]:
    /// an idempotent method, an idempotency key, or a status the API
    /// documents as not processed). A connection never made, or a failed
    /// login or token fetch, sent nothing and is retryable for any method.
    /// A 5xx on a `POST` without a key is not: the server may have created
    /// the order. (The client already retried safe calls as its retry
    /// policy allows.)
    pub fn is_retryable(&self) -> bool {
        let safe = self.request().is_some_and(RequestSummary::is_retry_safe);
        match self {
            Error::Timeout { .. } => safe,
            Error::Transport { source, .. } => source.is_connect() || (source.is_request() && safe),
            Error::Api(a) => (a.meta.status == 429 || a.meta.status >= 500) && safe,
            Error::Auth(a) => a.status().is_some_and(|s| s == 429 || s >= 500),
            _ => false,
        }
    }

    /// The request that failed (method, path, whether a retry is safe), for
    /// errors that come from sending one.
    pub fn request(&self) -> Option<&RequestSummary> {
        match self {
            Error::Timeout { request, .. } | Error::Transport { request, .. } => request.as_ref(),
            Error::PreconditionFailed(a) | Error::Api(a) => a.request.as_ref(),
            _ => None,
        }
    }

    /// The same error with the request it came from, where it has none yet.
    #[doc(hidden)]
    pub fn for_request(mut self, summary: impl FnOnce(Option<u16>) -> RequestSummary) -> Self {
        let status = self.status();
        match &mut self {
            Error::Timeout { request, .. } | Error::Transport { request, .. } => {
                request.get_or_insert_with(|| summary(status));
            }
            Error::PreconditionFailed(a) | Error::Api(a) => {
                a.request.get_or_insert_with(|| summary(status));
            }
            _ => {}
        }
        self
    }
}

impl<E: fmt::Debug + ErrorDetails> Error<E> {
    /// The request id the server gave the failed call: from the response
    /// header the spec names, else from the error body where the spec says.
    pub fn request_id(&self) -> Option<&str> {
        let api = self.api_error()?;
        api.meta
            .request_id
            .as_deref()
            .or_else(|| api.body.as_ref().and_then(ErrorDetails::request_id))
    }

    /// The API's error code from the error body, as text (match on the
    /// typed code through [`Error::body`] where the spec declares one):
    /// `e.code().as_deref() == Some("QueryTimeout")`.
    pub fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.body().and_then(ErrorDetails::code)
    }

    /// What to do about this error, if the spec says (e.g. narrow the time range).
    pub fn hint(&self) -> Option<&'static str> {
        self.api_error().and_then(ApiError::hint)
    }
}

/// A request rejected before sending: a parameter out of its documented
/// range, an invalid search field, ... Nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidRequest(pub String);

impl<E: fmt::Debug> From<InvalidRequest> for Error<E> {
    fn from(e: InvalidRequest) -> Self {
        Error::InvalidRequest(e.0)
    }
}

/// What the runtime can read from an API's error body, for messages. The
/// generated error body implements it from the fields its spec names.
pub trait ErrorDetails {
    /// The API's error code, as text.
    fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
        None
    }

    /// The human-readable message(s).
    fn message(&self) -> Option<String> {
        None
    }

    /// What to do about this error, from the spec (e.g. "use a smaller time range").
    fn hint(&self) -> Option<&'static str> {
        None
    }

    /// The request id, for APIs that send it in the error body.
    fn request_id(&self) -> Option<&str> {
        None
    }
}

impl ErrorDetails for serde_json::Value {}

/// A request body that could not be serialised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not encode the request body: {0}")]
pub struct EncodeError(pub String);

impl<E: fmt::Debug> From<EncodeError> for Error<E> {
    fn from(e: EncodeError) -> Self {
        Error::Encode(e.0)
    }
}

/// A non-success response.
#[derive(Debug)]
pub struct ApiError<E> {
    /// Status and headers (rate limit, request id).
    pub meta: ResponseMeta,
    /// The error body, if it parsed as the API's error shape.
    pub body: Option<E>,
    /// The start of the raw body, for bodies that did not parse (HTML pages).
    pub snippet: String,
    /// The request that got this answer.
    pub request: Option<RequestSummary>,
}

impl<E> ApiError<E> {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.meta.status
    }

    /// The rate-limit state reported with the error.
    pub fn rate_limit(&self) -> RateLimit {
        self.meta.rate_limit
    }
}

impl<E: ErrorDetails> ApiError<E> {
    /// What to do about this error, if the spec says.
    pub fn hint(&self) -> Option<&'static str> {
        self.body.as_ref().and_then(ErrorDetails::hint)
    }
}

impl<E: fmt::Debug + ErrorDetails> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.meta.status)?;
        if let Some(r) = &self.request {
            write!(f, " for {r}")?;
        }
        let body_id = self.body.as_ref().and_then(ErrorDetails::request_id);
        if let Some(id) = self.meta.request_id.as_deref().or(body_id) {
            write!(f, " (request id {id})")?;
        }
        let Some(body) = &self.body else {
            return match self.snippet.is_empty() {
                true => Ok(()),
                false => write!(f, ": {}", self.snippet),
            };
        };
        match (body.code(), body.message()) {
            (None, None) => write!(f, ": {body:?}")?,
            (code, message) => {
                if let Some(code) = code {
                    write!(f, ": code {code}")?;
                }
                if let Some(message) = message {
                    write!(f, ": {message}")?;
                }
            }
        }
        if let Some(hint) = body.hint() {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// A response body that did not match the expected type.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "could not decode the HTTP {status} response body at `{path}`: {message}; body starts with: {snippet}"
)]
pub struct DecodeError {
    /// HTTP status of the response.
    pub status: u16,
    /// JSON path of the offending value, e.g. `ComponentSubscriptions[0].Quantity`.
    pub path: String,
    /// What was wrong.
    pub message: String,
    /// The start of the body.
    pub snippet: String,
}

/// The first [`SNIPPET_LIMIT`] bytes of a body as text, cut at a character boundary.
pub fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.len() <= SNIPPET_LIMIT {
        return text.into_owned();
    }
    let mut end = SNIPPET_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Decodes a JSON body, reporting the JSON path of the first mismatch.
pub fn decode_json<T: serde::de::DeserializeOwned>(
    status: u16,
    body: &[u8],
) -> Result<T, DecodeError> {
    // The fast path: a body that decodes needs no path tracking. Only a
    // failure is decoded again, tracking the path, to say where it failed.
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let value = result.map_err(|e| DecodeError {
        status,
        path: e.path().to_string(),
        message: e.inner().to_string(),
        snippet: snippet(body),
    })?;
    de.end().map_err(|e| DecodeError {
        status,
        path: ".".to_owned(),
        message: e.to_string(),
        snippet: snippet(body),
    })?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Line {
        #[serde(rename = "Quantity")]
        quantity: f64,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Order {
        #[serde(rename = "Lines")]
        lines: Vec<Line>,
    }

    #[test]
    fn decode_error_names_the_json_path() {
        let body = br#"{"Lines":[{"Quantity":1},{"Quantity":"two"}]}"#;
        let e = decode_json::<Order>(200, body).unwrap_err();
        assert_eq!(e.path, "Lines[1].Quantity");
        assert!(e.snippet.starts_with("{\"Lines\""));
        assert!(e.to_string().contains("Lines[1].Quantity"));
    }

    #[test]
    fn snippet_is_bounded_and_utf8_safe() {
        let body = "ß".repeat(600);
        let s = snippet(body.as_bytes());
        assert!(s.len() <= SNIPPET_LIMIT + 3);
        assert!(s.ends_with('…'));
    }
}
