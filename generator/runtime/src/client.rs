//! The request loop shared by every generated client: base URL, headers,
//! authentication, timeouts, retries, status mapping and decoding.

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use super::auth::{AuthError, Authenticator, CredentialKind, Credentials, SessionDescriptor};
use super::classify::{StaleSignals, Verdict};
use super::encode::path_segment;
use super::error::{ApiError, Error, RequestSummary, snippet};
use super::limits::{DEFAULT_MAX_BODY, ERROR_BODY_LIMIT, Over, ReadError, read_body};
use super::redirect::redirect_policy;
use super::request::Request;
use super::response::{HeaderNames, ResponseMeta};
use super::retry::RetryPolicy;

/// What the runtime needs to know about an API; emitted from its spec.
#[derive(Debug)]
pub struct ApiDescriptor {
    /// The API's module name, used in logs and the default user agent.
    pub name: &'static str,
    /// Base URL template, e.g. `https://{host}/api/v1`.
    pub base_url: &'static str,
    /// Response header names for metadata.
    pub headers: HeaderNames,
    /// Headers sent with every request.
    pub default_headers: &'static [(&'static str, &'static str)],
    /// Default OAuth2 token URL template (same variables as the base URL).
    pub token_url: Option<&'static str>,
    /// Session login settings, for APIs that log in.
    pub session: Option<SessionDescriptor>,
    /// What an expired token or session looks like.
    pub stale: StaleSignals,
    /// The credentials the API accepts, each with the builder method that
    /// sets it (empty: the API takes none).
    pub credentials: &'static [(CredentialKind, &'static str)],
    /// Statuses the API documents as "not processed" (a rate limit that
    /// rejects before doing anything): retried for any method.
    pub not_processed: &'static [u16],
    /// JSON pointer to the request id in success bodies (`/meta/request_id`),
    /// read when no header carries one.
    pub body_request_id: Option<&'static str>,
}

/// Client settings common to every API; the generated builders fill it in
/// (start from `ClientOptions::default()`; settings may be added).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ClientOptions {
    /// Overrides the base URL entirely (e.g. a test server).
    pub base_url: Option<String>,
    /// Values of the base URL template's variables.
    pub variables: BTreeMap<&'static str, String>,
    /// How to authenticate.
    pub credentials: Credentials,
    /// Timeout of one attempt, from sending to the end of the body.
    pub timeout: Duration,
    /// Timeout for establishing a connection (ignored with a custom client).
    pub connect_timeout: Duration,
    /// Retry policy for transient failures.
    pub retry: RetryPolicy,
    /// `User-Agent` header.
    pub user_agent: Option<String>,
    /// A preconfigured `reqwest::Client` (proxies, TLS roots, ...).
    pub http_client: Option<reqwest::Client>,
    /// Allow `http://` to hosts other than loopback. Off by default.
    pub allow_insecure_http: bool,
    /// Largest success body read, in bytes (error bodies: at most
    /// [`ERROR_BODY_LIMIT`]).
    pub max_body_bytes: usize,
    /// Values the caller set for the spec's overridable default headers
    /// (lower-case names), replacing the spec's values.
    pub headers: BTreeMap<&'static str, String>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            base_url: None,
            variables: BTreeMap::new(),
            credentials: Credentials::None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            user_agent: None,
            http_client: None,
            allow_insecure_http: false,
            max_body_bytes: DEFAULT_MAX_BODY,
            headers: BTreeMap::new(),
        }
    }
}

/// A client could not be built from its options.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A base URL variable has no value; set it on the builder or pick an environment.
    #[error(
        "base URL variable `{0}` is not set: call the builder's `{0}(..)` method or choose an environment"
    )]
    MissingVariable(String),
    /// The base URL does not parse.
    #[error("invalid base URL `{url}`: {reason}")]
    InvalidUrl {
        /// The URL.
        url: String,
        /// Why it is invalid.
        reason: String,
    },
    /// Plain HTTP to a non-loopback host.
    #[error(
        "refusing plain http:// to `{0}`: use https, or allow it explicitly with `allow_insecure_http(true)`"
    )]
    InsecureUrl(String),
    /// The HTTP client could not be constructed.
    #[error("could not construct the HTTP client: {0}")]
    Http(String),
    /// The API needs credentials and none were given.
    #[error("no credentials given: call {0} on the builder")]
    MissingCredentials(String),
    /// The credentials given are of a kind the API does not accept.
    #[error("{given:?} credentials are not accepted by this API; {instead}")]
    UnsupportedCredentials {
        /// The kind given.
        given: CredentialKind,
        /// What to do instead: the builder methods of the kinds it accepts.
        instead: String,
    },
    /// A header value set on the builder cannot be sent (only visible
    /// ASCII, space and tab are allowed; no CR or LF).
    #[error(
        "the value given for header `{0}` cannot be sent in a header (use visible ASCII, no line breaks)"
    )]
    InvalidHeader(String),
}

/// Expands `{name}` variables in a URL template; values are percent-encoded.
pub fn expand_template(
    template: &str,
    variables: &BTreeMap<&'static str, String>,
) -> Result<String, BuildError> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end =
            rest[start..]
                .find('}')
                .map(|e| start + e)
                .ok_or_else(|| BuildError::InvalidUrl {
                    url: template.to_owned(),
                    reason: "unclosed `{`".to_owned(),
                })?;
        let name = &rest[start + 1..end];
        let value = variables
            .get(name)
            .ok_or_else(|| BuildError::MissingVariable(name.to_owned()))?;
        out.push_str(&path_segment(value));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn check_url(url: &str, allow_insecure: bool) -> Result<String, BuildError> {
    let parsed = url::Url::parse(url).map_err(|e| BuildError::InvalidUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    if parsed.query().is_some() || parsed.fragment().is_some() || url.contains(['?', '#']) {
        return Err(BuildError::InvalidUrl {
            url: url.to_owned(),
            reason:
                "a base URL cannot have a `?query` or `#fragment`: request paths are appended to it"
                    .to_owned(),
        });
    }
    let host = parsed.host_str().unwrap_or_default().to_owned();
    match parsed.scheme() {
        "https" => {}
        "http"
            if allow_insecure || matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]") => {}
        "http" => return Err(BuildError::InsecureUrl(host)),
        other => {
            return Err(BuildError::InvalidUrl {
                url: url.to_owned(),
                reason: format!("unsupported scheme `{other}`"),
            });
        }
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// The shared core of a generated client. Cheap to share behind an `Arc`.
pub struct Core {
    http: reqwest::Client,
    base_url: String,
    auth: Authenticator,
    retry: RetryPolicy,
    timeout: Duration,
    api: &'static ApiDescriptor,
    default_headers: HeaderMap,
    max_body: usize,
    allow_insecure: bool,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("api", &self.api.name)
            .field("base_url", &self.base_url)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Core {
    /// Builds the core from options and the API's descriptor.
    pub fn new(options: ClientOptions, api: &'static ApiDescriptor) -> Result<Self, BuildError> {
        let base_url = match &options.base_url {
            Some(url) => url.clone(),
            None => expand_template(api.base_url, &options.variables)?,
        };
        let base_url = check_url(&base_url, options.allow_insecure_http)?;
        check_credentials(&options.credentials, api.credentials)?;
        // Client secrets go to the token URL: it is held to the same
        // https rule as the base URL, whoever chose it.
        let token_url = match (&options.credentials, api.token_url) {
            (Credentials::ClientCredentials(cc), _) if cc.token_url.is_some() => {
                let url = cc.token_url.as_deref().unwrap_or_default();
                Some(check_url(url, options.allow_insecure_http)?)
            }
            (Credentials::ClientCredentials(_), Some(t)) => Some(check_url(
                &expand_template(t, &options.variables)?,
                options.allow_insecure_http,
            )?),
            _ => None,
        };
        let user_agent = options.user_agent.clone().unwrap_or_else(|| {
            format!(
                "billing-clients/{} ({})",
                env!("CARGO_PKG_VERSION"),
                api.name
            )
        });
        let http = match options.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .connect_timeout(options.connect_timeout)
                .redirect(redirect_policy())
                .https_only(!options.allow_insecure_http && base_url.starts_with("https:"))
                .build()
                .map_err(|e| BuildError::Http(e.to_string()))?,
        };
        let mut default_headers = HeaderMap::new();
        for (name, value) in api.default_headers {
            default_headers.insert(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        for (name, value) in &options.headers {
            let invalid = || BuildError::InvalidHeader((*name).to_owned());
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            let value = HeaderValue::from_str(value).map_err(|_| invalid())?;
            default_headers.insert(name, value);
        }
        default_headers.insert(
            reqwest::header::USER_AGENT,
            HeaderValue::from_str(&user_agent)
                .map_err(|_| BuildError::Http("user agent is not a valid header value".into()))?,
        );
        let session = api
            .session
            .as_ref()
            .map(|d| (format!("{base_url}{}", d.login_path), d));
        Ok(Self {
            http,
            base_url,
            auth: Authenticator::new(options.credentials, token_url, session),
            retry: options.retry,
            timeout: options.timeout,
            api,
            default_headers,
            max_body: options.max_body_bytes,
            allow_insecure: options.allow_insecure_http,
        })
    }

    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends the request with authentication and retries; returns the
    /// metadata and body of a response the request's classifier calls a
    /// success, or the mapped error, its body kept as bytes (parsed by
    /// [`Error::parse_body`] where the body type is known): the transport,
    /// authentication and retry loop, compiled once for every API and call.
    pub async fn send_bytes(
        &self,
        request: Request,
    ) -> Result<(ResponseMeta, bytes::Bytes), Error<bytes::Bytes>> {
        if let Some(reason) = request.refusal() {
            return Err(Error::InvalidRequest(reason.to_owned()));
        }
        let url = match request.next_url() {
            None => request.url_under(&self.base_url),
            Some(next) => under_base(&self.base_url, next).map_err(Error::InvalidRequest)?,
        };
        let sent = self.send_attempts(&request, &url).await;
        sent.map_err(|e| {
            e.for_request(|status| {
                let unprocessed = status.is_some_and(|s| self.api.not_processed.contains(&s));
                let safe = request.is_idempotent() || unprocessed;
                RequestSummary::new(request.method().clone(), url_path(&url), safe)
            })
        })
    }

    /// The attempts of one call, retried as the policy allows.
    async fn send_attempts(
        &self,
        request: &Request,
        url: &str,
    ) -> Result<(ResponseMeta, bytes::Bytes), Error<bytes::Bytes>> {
        let (mut attempt, mut renewed, started) = (0u32, false, Instant::now());
        loop {
            attempt += 1;
            let (failure, retry_after) = match self.attempt(request, url, started).await {
                Ok((meta, body)) => {
                    let verdict = request
                        .classifier()
                        .classify(meta.status, &meta.headers, &body);
                    let verdict = self.api.stale.refine(verdict, meta.status, &body);
                    match verdict {
                        Verdict::Success => return Ok((meta, body)),
                        Verdict::StaleCredentials if self.auth.can_refresh() && !renewed => {
                            // Rejected before processing (no valid token or
                            // session), so nothing was applied: new
                            // credentials and one more try is safe even for
                            // a POST. A second rejection is returned.
                            renewed = true;
                            self.invalidate_within(self.attempt_timeout(request, started))
                                .await?;
                            attempt -= 1;
                            continue;
                        }
                        Verdict::StaleCredentials if renewed => {
                            // Renewed and still rejected: drop the dead
                            // session (or token) rather than reuse it.
                            self.invalidate_within(self.attempt_timeout(request, started))
                                .await?;
                            return Err(raw_api_error(meta, body));
                        }
                        Verdict::Transient { retry_after } => {
                            (Failed::Response(meta, body), retry_after)
                        }
                        _ => return Err(raw_api_error(meta, body)),
                    }
                }
                Err(e) if is_transient(&e) => (Failed::Transport(e), None),
                Err(e) => return Err(e),
            };
            if let Some(delay) =
                self.retry_delay(request, (attempt, started), &failure, retry_after)
            {
                tracing::debug!(api = self.api.name, method = %request.method(), attempt, ?delay, "transient failure, retrying");
                // Boxed: only a retry needs a timer.
                Box::pin(tokio::time::sleep(delay)).await;
                continue;
            }
            return Err(match failure {
                Failed::Response(meta, body) => raw_api_error(meta, body),
                Failed::Transport(e) => e,
            });
        }
    }

    /// Drops the cached credentials, waiting at most `limit` for a login
    /// or token fetch another call is running.
    async fn invalidate_within(&self, limit: Duration) -> Result<(), Error<bytes::Bytes>> {
        Box::pin(tokio::time::timeout(limit, self.auth.invalidate()))
            .await
            .map_err(|_| Error::Timeout {
                source: None,
                request: None,
            })
    }

    /// The wait before retrying, if the call may be retried: it is
    /// idempotent (or keyed), or the API documents the status as not
    /// processed; the policy allows another attempt; and the deadline, if
    /// any, leaves room for the wait.
    fn retry_delay(
        &self,
        request: &Request,
        (attempt, started): (u32, Instant),
        failure: &Failed,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        let unprocessed = matches!(failure, Failed::Response(meta, _) if self.api.not_processed.contains(&meta.status));
        if !request.is_idempotent() && !unprocessed {
            return None;
        }
        let policy = request.options().retry.as_ref().unwrap_or(&self.retry);
        let delay = policy.delay(attempt, retry_after)?;
        match request.options().deadline {
            Some(deadline) if started.elapsed() + delay >= deadline => None,
            _ => Some(delay),
        }
    }

    /// This attempt's timeout: the call's or the client's, within what is
    /// left of the call's deadline.
    fn attempt_timeout(&self, request: &Request, started: Instant) -> Duration {
        let timeout = request.options().timeout.unwrap_or(self.timeout);
        match request.options().deadline {
            Some(deadline) => timeout.min(deadline.saturating_sub(started.elapsed())),
            None => timeout,
        }
    }

    async fn attempt(
        &self,
        request: &Request,
        url: &str,
        started: Instant,
    ) -> Result<(ResponseMeta, bytes::Bytes), Error<bytes::Bytes>> {
        let timeout = self.attempt_timeout(request, started);
        let mut builder = self
            .http
            .request(request.method().clone(), url)
            .timeout(timeout);
        // Added one by one: `headers(..)` would take a copy of the map.
        for (name, value) in &self.default_headers {
            builder = builder.header(name.clone(), value.clone());
        }
        if let Some((name, value)) = self
            .auth
            .header(&self.http, timeout)
            .await
            .map_err(auth_error)?
        {
            builder = builder.header(name, value);
        }
        for (name, value) in request.headers() {
            let value = HeaderValue::from_str(value).map_err(|_| {
                Error::InvalidRequest(format!(
                    "header `{name}` has a value that is not allowed in a header"
                ))
            })?;
            builder = builder.header(*name, value);
        }
        if let Some(body) = request.encoded_body() {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, body.content_type())
                .body(body.bytes().clone());
        }
        tracing::debug!(api = self.api.name, method = %request.method(), path = request.path(), "sending request");
        let response = builder.send().await.map_err(map_transport)?;
        // A caller-supplied HTTP client follows redirects by its own policy:
        // an answer from another origin (or over plain http) is refused.
        if let Some(to) = self.foreign_origin(url, response.url()) {
            return Err(Error::Redirected { to });
        }
        let status = response.status().as_u16();
        // Moved out, not copied: the body is read without them.
        let mut response = response;
        let headers = std::mem::take(response.headers_mut());
        let body = if (200..300).contains(&status) {
            read_body(response, self.max_body, Over::Refuse).await
        } else {
            read_body(response, ERROR_BODY_LIMIT, Over::Truncate).await
        };
        let body = body.map_err(map_read)?;
        tracing::debug!(api = self.api.name, status, "received response");
        let mut meta = ResponseMeta::from_parts(status, headers, &self.api.headers);
        if let (None, Some(pointer), true) = (
            &meta.request_id,
            self.api.body_request_id,
            (200..300).contains(&status),
        ) {
            meta.request_id = super::members::string_at(&body, pointer);
        }
        Ok((meta, body))
    }
}

/// Credentials of a kind the API accepts, or none for an API without auth.
fn check_credentials(
    given: &Credentials,
    accepted: &[(CredentialKind, &'static str)],
) -> Result<(), BuildError> {
    let methods = || {
        let names: Vec<String> = accepted.iter().map(|(_, m)| format!("`{m}(..)`")).collect();
        match names.as_slice() {
            [one] => one.clone(),
            _ => format!("one of {}", names.join(", ")),
        }
    };
    match given.kind() {
        None if accepted.is_empty() => Ok(()),
        None => Err(BuildError::MissingCredentials(methods())),
        Some(kind) if accepted.iter().any(|(k, _)| *k == kind) => Ok(()),
        Some(kind) if accepted.is_empty() => Err(BuildError::UnsupportedCredentials {
            given: kind,
            instead: "it takes none: remove them".into(),
        }),
        Some(kind) => Err(BuildError::UnsupportedCredentials {
            given: kind,
            instead: format!("call {} on the builder instead", methods()),
        }),
    }
}

/// A server-given URL (absolute, or relative to the base URL) if it lies
/// under `base`: the same origin, and a path within the base path.
pub fn under_base(base: &str, next: &str) -> Result<String, String> {
    let refuse = || {
        let mut shown = next.chars().take(200).collect::<String>();
        if shown.len() < next.len() {
            shown.push_str("...");
        }
        format!(
            "the server's next-page URL `{shown}` is not under the base URL `{base}`; it is not requested"
        )
    };
    let root =
        url::Url::parse(&format!("{}/", base.trim_end_matches('/'))).map_err(|_| refuse())?;
    let joined = root.join(next).map_err(|_| refuse())?;
    let within = joined.origin() == root.origin()
        && (joined.path().starts_with(root.path())
            || joined.path() == root.path().trim_end_matches('/'))
        && joined.fragment().is_none()
        && joined.username().is_empty()
        && joined.password().is_none();
    // `..` and `.` segments are resolved by `join`, so the prefix test sees
    // the path that is sent.
    if within {
        Ok(joined.to_string())
    } else {
        Err(refuse())
    }
}

impl Core {
    /// The final URL, when a redirect took the request to another origin
    /// or to plain http where it is not allowed.
    fn foreign_origin(&self, requested: &str, answered: &url::Url) -> Option<String> {
        if answered.as_str() == requested {
            // Not redirected (the common case): nothing to compare.
            return None;
        }
        let requested = url::Url::parse(requested).ok()?;
        let insecure =
            answered.scheme() == "http" && !self.allow_insecure && requested.scheme() == "https";
        (requested.origin() != answered.origin() || insecure).then(|| {
            let mut shown = answered.clone();
            shown.set_query(None);
            shown.to_string()
        })
    }

    /// Logs in now with the session credentials, replacing any current
    /// session, and returns the new session id. Calls log in by themselves
    /// when needed; this is for callers that want to fail early.
    pub async fn login<E: fmt::Debug>(&self) -> Result<super::Secret, Error<E>> {
        self.auth
            .login(&self.http, self.timeout)
            .await
            .map_err(auth_error)
    }

    /// Ends the current session, if there is one, and forgets it; the next
    /// call logs in again. Does nothing without a session.
    pub async fn logout<E: DeserializeOwned + fmt::Debug>(&self) -> Result<(), Error<E>> {
        let Some(path) = self.auth.logout_path() else {
            return Ok(());
        };
        let Some((name, value)) = self.auth.take_session().await.map_err(auth_error)? else {
            return Ok(());
        };
        tracing::debug!(api = self.api.name, "logging out");
        let response = self
            .http
            .post(format!("{}{path}", self.base_url))
            .timeout(self.timeout)
            .headers(self.default_headers.clone())
            .header(name, value)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body("{}")
            .send()
            .await
            .map_err(map_transport)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = read_body(response, ERROR_BODY_LIMIT, Over::Truncate)
            .await
            .map_err(map_read)?;
        let meta = ResponseMeta::from_parts(status, headers, &self.api.headers);
        if (200..300).contains(&status) {
            Ok(())
        } else {
            Err(into_api_error(meta, &body))
        }
    }
}

/// A failed attempt that may be repeated.
enum Failed {
    /// A response the classifier called transient.
    Response(ResponseMeta, bytes::Bytes),
    /// A timeout or a connection that could not be made.
    Transport(Error<bytes::Bytes>),
}

/// The path of a URL, without scheme, host and query.
fn url_path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    path.split(['?', '#']).next().unwrap_or(path)
}

/// Whether a transport failure may be repeated: a timeout, or a request
/// that never reached the server.
fn is_transient<E: fmt::Debug>(e: &Error<E>) -> bool {
    match e {
        Error::Timeout { .. } => true,
        Error::Transport { source, .. } => source.is_connect() || source.is_request(),
        _ => false,
    }
}

/// A failed token fetch or login; one that ran out of time is a timeout.
fn auth_error<E: fmt::Debug>(e: AuthError) -> Error<E> {
    if e.timed_out() {
        Error::Timeout {
            source: e.into_source(),
            request: None,
        }
    } else {
        Error::Auth(Box::new(e))
    }
}

fn map_read<E: fmt::Debug>(e: ReadError) -> Error<E> {
    match e {
        ReadError::TooLarge { limit } => Error::BodyTooLarge { limit },
        ReadError::Transport(e) => map_transport(e),
    }
}

fn map_transport<E: fmt::Debug>(e: reqwest::Error) -> Error<E> {
    if e.is_timeout() {
        Error::Timeout {
            source: Some(e),
            request: None,
        }
    } else {
        Error::Transport {
            source: e,
            request: None,
        }
    }
}

/// A non-success response, its body kept as bytes (parsed later, by
/// [`Error::parse_body`]).
fn raw_api_error(meta: ResponseMeta, body: bytes::Bytes) -> Error<bytes::Bytes> {
    let status = meta.status;
    let api = Box::new(ApiError {
        meta,
        snippet: snippet(&body),
        body: Some(body),
        request: None,
    });
    if status == 412 {
        Error::PreconditionFailed(api)
    } else {
        Error::Api(api)
    }
}

fn into_api_error<E: DeserializeOwned + fmt::Debug>(meta: ResponseMeta, body: &[u8]) -> Error<E> {
    let parsed = serde_json::from_slice::<E>(body).ok();
    let status = meta.status;
    let api = Box::new(ApiError {
        meta,
        body: parsed,
        snippet: snippet(body),
        request: None,
    });
    if status == 412 {
        Error::PreconditionFailed(api)
    } else {
        Error::Api(api)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_urls_must_lie_under_the_base_url() {
        let base = "https://api.example.com/v1";
        for (next, sent) in [
            (
                "https://api.example.com/v1/items?after=a",
                "https://api.example.com/v1/items?after=a",
            ),
            (
                "/v1/items?page=2",
                "https://api.example.com/v1/items?page=2",
            ),
            ("items?page=2", "https://api.example.com/v1/items?page=2"),
            (
                "https://api.example.com/v1?page=2",
                "https://api.example.com/v1?page=2",
            ),
        ] {
            assert_eq!(super::under_base(base, next).as_deref(), Ok(sent), "{next}");
        }
        for next in [
            "https://evil.example/v1/items",
            "http://api.example.com/v1/items",
            "https://api.example.com:8443/v1/items",
            "https://api.example.com/v2/items",
            "/v1/../admin",
            "https://api.example.com/v1x/items",
            "//evil.example/v1/items",
            "https://user:pw@api.example.com/v1/items",
            "https://api.example.com/v1/items#frag",
        ] {
            let refused = super::under_base(base, next).unwrap_err();
            assert!(
                refused.contains("not under the base URL"),
                "{next}: {refused}"
            );
        }
    }

    use super::*;

    #[test]
    fn templates_expand_and_encode() {
        let mut vars = BTreeMap::new();
        vars.insert("domain", "sandbox.billingplatform.com".to_owned());
        vars.insert("org", "my org/x".to_owned());
        assert_eq!(
            expand_template("https://{domain}/{org}/rest/2.0", &vars).unwrap(),
            "https://sandbox.billingplatform.com/my%20org%2Fx/rest/2.0"
        );
        vars.remove("org");
        assert_eq!(
            expand_template("https://{domain}/{org}", &vars),
            Err(BuildError::MissingVariable("org".into()))
        );
    }

    #[test]
    fn https_is_required_except_on_loopback() {
        assert!(check_url("https://app.example.com/api/", false).is_ok());
        assert!(check_url("http://127.0.0.1:8080", false).is_ok());
        assert_eq!(
            check_url("http://example.com", false),
            Err(BuildError::InsecureUrl("example.com".into()))
        );
        assert!(check_url("http://example.com", true).is_ok());
        assert!(check_url("ftp://example.com", true).is_err());
        for bad in [
            "https://api.example.com/v1?key=1",
            "https://api.example.com/v1#x",
            "https://api.example.com/v1?",
            "https://api.example.com/v1#",
        ] {
            assert!(
                matches!(check_url(bad, false), Err(BuildError::InvalidUrl { .. })),
                "{bad}"
            );
        }
    }
}
