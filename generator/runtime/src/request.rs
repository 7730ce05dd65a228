//! One request as a generated method describes it: method, path, query,
//! header parameters, an encoded body, whether it may be repeated, and how
//! its responses are classified.

use std::fmt;

use std::time::Duration;

use reqwest::Method;
use serde::Serialize;

use super::body::{Body, BodyEncoder, Json};
use super::classify::{Classify, STATUS_CLASSIFIER};
use super::encode::{PathBuilder, QueryBuilder};
use super::error::EncodeError;
use super::idempotency::KeyPlace;
use super::retry::RetryPolicy;

/// One request, as a generated method describes it.
pub struct Request {
    method: Method,
    path: PathBuilder,
    query: QueryBuilder,
    headers: Vec<(&'static str, String)>,
    body: Option<Body>,
    idempotent: bool,
    classifier: &'static dyn Classify,
    /// A whole URL the server gave (a next-page link), sent instead of
    /// `path` and `query` if it lies under the base URL.
    next_url: Option<String>,
    /// Per-call options, overriding the client's.
    options: CallOptions,
    /// Where the idempotency key went and the key sent, for a keyed endpoint.
    key: Option<(KeyPlace, String)>,
}

/// Options of one call, overriding the client's (see `runtime::Call`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// Timeout of each attempt.
    pub timeout: Option<Duration>,
    /// The retry policy.
    pub retry: Option<RetryPolicy>,
    /// How long the whole call may take, retries and their waits included.
    pub deadline: Option<Duration>,
}

impl Request {
    /// A request; `idempotent` says whether it may be repeated on a transient failure.
    pub fn new(method: Method, path: PathBuilder, idempotent: bool) -> Self {
        Self {
            method,
            path,
            query: QueryBuilder::new(),
            headers: Vec::new(),
            body: None,
            idempotent,
            classifier: &STATUS_CLASSIFIER,
            next_url: None,
            options: CallOptions::default(),
            key: None,
        }
    }

    /// Overrides the client's options for this call.
    pub fn with_options(mut self, options: CallOptions) -> Self {
        self.options = options;
        self
    }

    /// This call's options.
    pub fn options(&self) -> &CallOptions {
        &self.options
    }

    /// Mutable access to this call's options.
    pub fn options_mut(&mut self) -> &mut CallOptions {
        &mut self.options
    }

    /// A request for a URL the server gave (a next-page link, absolute or
    /// relative to the base URL). It is sent only if it lies under the
    /// client's base URL (same scheme, host and port, and within the base
    /// path), so a server cannot point the client's credentials elsewhere.
    pub fn follow(method: Method, url: String) -> Self {
        let idempotent = matches!(method, Method::GET | Method::HEAD);
        let mut request = Self::new(method, PathBuilder::new(), idempotent);
        request.next_url = Some(url);
        request
    }

    /// The server-given URL of a [`Request::follow`] request.
    pub fn next_url(&self) -> Option<&str> {
        self.next_url.as_deref()
    }

    /// Sets the query parameters.
    pub fn query(mut self, query: QueryBuilder) -> Self {
        self.query = query;
        self
    }

    /// Adds a header (from a header parameter).
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Adds a header to a request already built (a per-call header).
    pub fn add_header(&mut self, name: &'static str, value: String) {
        self.headers.push((name, value));
    }

    /// Sets a header, replacing any earlier value under the same name.
    pub fn set_header(&mut self, name: &'static str, value: String) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name, value));
    }

    /// Records the idempotency key the request carries and where.
    pub(super) fn record_key(&mut self, place: KeyPlace, key: String) {
        self.key = Some((place, key));
    }

    /// Where the idempotency key goes and the key the request carries, if
    /// it is keyed.
    pub fn idempotency(&self) -> Option<(KeyPlace, &str)> {
        self.key.as_ref().map(|(p, k)| (*p, k.as_str()))
    }

    /// Adds a header if a value is given.
    pub fn header_opt(self, name: &'static str, value: Option<impl Into<String>>) -> Self {
        match value {
            Some(v) => self.header(name, v),
            None => self,
        }
    }

    /// Sets the body, encoded by `encoder`.
    pub fn body<B: Serialize + ?Sized>(
        mut self,
        encoder: &impl BodyEncoder,
        body: &B,
    ) -> Result<Self, EncodeError> {
        self.body = Some(encoder.encode(body)?);
        Ok(self)
    }

    /// Replaces the encoded body.
    pub fn with_encoded_body(mut self, body: Body) -> Self {
        self.body = Some(body);
        self
    }

    /// Lets the request be repeated after a transient failure (it carries an
    /// idempotency key the server recognises).
    pub fn retryable(mut self) -> Self {
        self.idempotent = true;
        self
    }

    /// Sets a JSON body.
    pub fn json<B: Serialize + ?Sized>(self, body: &B) -> Result<Self, EncodeError> {
        self.body(&Json, body)
    }

    /// Decides what responses mean with `classifier` instead of by status alone.
    pub fn classify_with(mut self, classifier: &'static dyn Classify) -> Self {
        self.classifier = classifier;
        self
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The encoded path (without the query).
    pub fn path(&self) -> &str {
        self.path.as_str()
    }

    /// Why the request cannot be sent as built (an empty, `.` or `..` path
    /// parameter), checked before anything goes out.
    pub fn refusal(&self) -> Option<&str> {
        self.path.refusal()
    }

    /// Header parameters, in the order they were added.
    pub fn headers(&self) -> &[(&'static str, String)] {
        &self.headers
    }

    /// The encoded body, if any.
    pub fn encoded_body(&self) -> Option<&Body> {
        self.body.as_ref()
    }

    /// Whether the request may be repeated after a transient failure.
    pub fn is_idempotent(&self) -> bool {
        self.idempotent
    }

    /// What responses to it mean.
    pub fn classifier(&self) -> &'static dyn Classify {
        self.classifier
    }

    /// The encoded path and query, as sent.
    pub fn path_and_query(&self) -> String {
        self.url_under("")
    }

    /// `base` followed by the path and query, built in one string.
    pub(crate) fn url_under(&self, base: &str) -> String {
        let path = self.path.as_str();
        if self.query.is_empty() {
            let mut url = String::with_capacity(base.len() + path.len());
            url.push_str(base);
            url.push_str(path);
            url
        } else {
            format!("{base}{path}?{}", self.query.encode())
        }
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may be credentials or ETags; only names are shown.
        let headers: Vec<&str> = self.headers.iter().map(|(n, _)| *n).collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path.as_str())
            .field("headers", &headers)
            .field("body_bytes", &self.body.as_ref().map(|b| b.bytes().len()))
            .field("idempotent", &self.idempotent)
            .field("classifier", &self.classifier)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_keeps_its_parts() {
        let path = PathBuilder::new().literal("Orders").param("a/b");
        let r = Request::new(Method::POST, path, false)
            .header("sessionid", "secret-session")
            .json(&serde_json::json!({"k": 1}))
            .unwrap();
        assert_eq!(r.path(), "/Orders/a%2Fb");
        assert_eq!(r.path_and_query(), "/Orders/a%2Fb");
        assert_eq!(r.encoded_body().unwrap().content_type(), "application/json");
        assert!(!r.is_idempotent());
        let shown = format!("{r:?}");
        assert!(
            shown.contains("sessionid") && !shown.contains("secret-session"),
            "{shown}"
        );
    }
}
