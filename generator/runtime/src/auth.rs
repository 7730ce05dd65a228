//! Credentials and how they become an authentication header: a static bearer
//! token, HTTP basic, an OAuth2 client-credentials token that is fetched,
//! cached and refreshed before it expires, or a session id obtained by
//! logging in and sent in the API's session header.

use std::fmt;
use std::time::{Duration, Instant};

use base64::Engine as _;
use futures::future::BoxFuture;
use reqwest::header::{HeaderName, HeaderValue};
use std::sync::Arc;
use tokio::sync::Mutex;

use super::encode::query_component;
use super::limits::{ERROR_BODY_LIMIT, Over, ReadError, read_body};
use super::secret::Secret;

/// How a client authenticates. `Debug` never shows secrets.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum Credentials {
    /// No authentication header.
    #[default]
    None,
    /// `Authorization: Bearer <token>` with a token obtained elsewhere.
    Bearer(Secret),
    /// `Authorization: Basic base64(user:password)`.
    Basic {
        /// User name (for some APIs, the API key).
        username: Secret,
        /// Password (may be empty).
        password: Secret,
    },
    /// OAuth2 client credentials: a bearer token fetched from the token URL.
    ClientCredentials(ClientCredentials),
    /// Log in with a user name and password; the session id is sent in the
    /// API's session header and renewed by logging in again after a 401.
    Session {
        /// User name.
        username: Secret,
        /// Password.
        password: Secret,
    },
    /// A session id obtained elsewhere, sent in the API's session header. It
    /// cannot be renewed: a 401 is returned to the caller.
    SessionId(Secret),
    /// Bearer tokens from the caller's own source (a vault, another OAuth
    /// flow): asked for a token before each request, told when the API
    /// rejected one, and asked again once.
    TokenProvider(Arc<dyn TokenProvider>),
}

/// A source of bearer tokens the caller owns. The client asks it for the
/// token of every request (cache inside it as you need) and, when the API
/// says the token expired, calls [`TokenProvider::invalidate`] and asks once
/// more. An async closure is one through [`token_provider_fn`]; a type of
/// your own implements the trait:
///
/// ```
/// use std::sync::Mutex;
/// use api_client_runtime::{Secret, TokenProvider};
/// use futures::future::BoxFuture;
/// /// Keeps the token until the API rejects it.
/// struct Cached {
///     token: Mutex<Option<Secret>>,
/// }
/// impl TokenProvider for Cached {
///     fn token(&self) -> BoxFuture<'_, Result<Secret, Box<dyn std::error::Error + Send + Sync>>> {
///         Box::pin(async move {
///             let mut cached = self.token.lock().unwrap();
///             let token = cached.get_or_insert_with(|| Secret::new("fresh-token"));
///             Ok(token.clone())
///         })
///     }
///     fn invalidate(&self) {
///         *self.token.lock().unwrap() = None;
///     }
/// }
/// # let _ = Cached { token: Mutex::new(None) };
/// ```
pub trait TokenProvider: Send + Sync {
    /// The bearer token to send; an error fails the call as an
    /// [`AuthError`] of step [`AuthStep::Token`] with this error as source.
    fn token(&self) -> BoxFuture<'_, Result<Secret, Box<dyn std::error::Error + Send + Sync>>>;

    /// The API rejected the last token: drop any cached one.
    fn invalidate(&self) {}
}

/// A token provider from an async closure, made by [`token_provider_fn`].
pub struct TokenProviderFn<F>(F);

/// A [`TokenProvider`] from an async closure that returns the token (it
/// is called before every request: cache inside it as you need):
///
/// ```
/// use api_client_runtime::{Secret, token_provider_fn};
/// let provider = token_provider_fn(|| async {
///     // Read it from a vault, another OAuth flow, ...
///     Ok::<_, std::io::Error>(Secret::new("t0ken"))
/// });
/// # let _ = provider;
/// ```
pub fn token_provider_fn<F, Fut, E>(f: F) -> TokenProviderFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: std::future::Future<Output = Result<Secret, E>> + Send + 'static,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    TokenProviderFn(f)
}

impl<F> fmt::Debug for TokenProviderFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenProviderFn")
    }
}

impl<F, Fut, E> TokenProvider for TokenProviderFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: std::future::Future<Output = Result<Secret, E>> + Send + 'static,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    fn token(&self) -> BoxFuture<'_, Result<Secret, Box<dyn std::error::Error + Send + Sync>>> {
        let fut = (self.0)();
        Box::pin(async move { fut.await.map_err(Into::into) })
    }
}

/// A shared provider is a provider: keep an `Arc` to watch or reuse it.
impl<T: TokenProvider + ?Sized> TokenProvider for Arc<T> {
    fn token(&self) -> BoxFuture<'_, Result<Secret, Box<dyn std::error::Error + Send + Sync>>> {
        (**self).token()
    }

    fn invalidate(&self) {
        (**self).invalidate()
    }
}

impl fmt::Debug for dyn TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenProvider")
    }
}

/// The kinds of [`Credentials`], for saying which an API accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialKind {
    /// [`Credentials::Bearer`].
    Bearer,
    /// [`Credentials::Basic`].
    Basic,
    /// [`Credentials::ClientCredentials`].
    ClientCredentials,
    /// [`Credentials::Session`].
    Session,
    /// [`Credentials::SessionId`].
    SessionId,
    /// [`Credentials::TokenProvider`] (bearer tokens from the caller).
    TokenProvider,
}

impl Credentials {
    /// The kind of these credentials (`None` for no credentials).
    pub fn kind(&self) -> Option<CredentialKind> {
        Some(match self {
            Credentials::None => return None,
            Credentials::Bearer(_) => CredentialKind::Bearer,
            Credentials::Basic { .. } => CredentialKind::Basic,
            Credentials::ClientCredentials(_) => CredentialKind::ClientCredentials,
            Credentials::Session { .. } => CredentialKind::Session,
            Credentials::SessionId(_) => CredentialKind::SessionId,
            Credentials::TokenProvider(_) => CredentialKind::TokenProvider,
        })
    }
}

/// How an API's session login works (from its spec).
#[derive(Debug)]
pub struct SessionDescriptor {
    /// Path of the login call, relative to the base URL.
    pub login_path: &'static str,
    /// JSON field of the login body holding the user name.
    pub username_field: &'static str,
    /// JSON field of the login body holding the password.
    pub password_field: &'static str,
    /// JSON pointer to the session id in the login response.
    pub session_id: &'static str,
    /// Request header carrying the session id (lower case).
    pub header: &'static str,
    /// Path of the logout call, if the API has one.
    pub logout_path: Option<&'static str>,
}

/// OAuth2 client-credentials grant settings: [`ClientCredentials::new`],
/// then [`ClientCredentials::token_url`] and [`ClientCredentials::scope`]
/// where needed (a setting added later is not a breaking change).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ClientCredentials {
    /// The client id.
    pub client_id: String,
    /// The client secret.
    pub client_secret: Secret,
    /// Token endpoint; when `None`, the API's default token URL is used.
    pub token_url: Option<String>,
    /// Optional scope.
    pub scope: Option<String>,
}

impl ClientCredentials {
    /// The grant for `client_id` and its secret, with the API's token URL
    /// and no scope.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            token_url: None,
            scope: None,
        }
    }

    /// Fetches tokens from `url` instead of the API's token URL.
    pub fn token_url(mut self, url: Option<String>) -> Self {
        self.token_url = url;
        self
    }

    /// Asks for `scope`.
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }
}

struct CachedToken {
    token: Secret,
    refresh_at: Option<Instant>,
}

/// Turns [`Credentials`] into request headers, caching fetched tokens.
pub(crate) struct Authenticator {
    credentials: Credentials,
    token_url: Option<String>,
    session: Option<(String, &'static SessionDescriptor)>,
    cache: Mutex<Option<CachedToken>>,
    /// The `Authorization` value of fixed credentials (bearer, basic),
    /// encoded once instead of on every request; `None` for credentials
    /// that change (or that do not encode, which each request reports).
    fixed: Option<HeaderValue>,
}

/// Which part of authenticating failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthStep {
    /// Fetching an OAuth2 token.
    Token,
    /// Logging in for a session.
    Login,
    /// The configured credentials themselves (not sendable, not set up).
    Credentials,
}

impl fmt::Display for AuthStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AuthStep::Token => "token request",
            AuthStep::Login => "login",
            AuthStep::Credentials => "credentials",
        })
    }
}

/// Why authenticating failed: the step, the HTTP status the token or login
/// endpoint answered (if it answered), what was wrong and, for a transport
/// failure, the underlying error as [`std::error::Error::source`]. Never
/// contains a secret.
#[derive(Debug)]
pub struct AuthError {
    step: AuthStep,
    status: Option<u16>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl AuthError {
    fn new(step: AuthStep, message: String) -> Self {
        Self {
            step,
            status: None,
            message,
            source: None,
        }
    }

    /// The step that failed.
    pub fn step(&self) -> AuthStep {
        self.step
    }

    /// The HTTP status of the token or login endpoint's answer.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// What was wrong, without the source's text.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Getting credentials took longer than the call's timeout (or what
    /// was left of its deadline).
    fn out_of_time(step: AuthStep) -> Self {
        Self {
            source: Some(Box::new(OutOfTime)),
            ..Self::new(step, "ran out of time".into())
        }
    }

    /// Whether the token or login request ran out of time.
    pub(crate) fn timed_out(&self) -> bool {
        self.source.as_ref().is_some_and(|e| {
            e.is::<OutOfTime>()
                || e.downcast_ref::<reqwest::Error>()
                    .is_some_and(reqwest::Error::is_timeout)
        })
    }

    /// The transport error behind it, taken out (for a timeout).
    pub(crate) fn into_source(self) -> Option<reqwest::Error> {
        self.source?.downcast::<reqwest::Error>().ok().map(|e| *e)
    }
}

/// The source of an [`AuthError`] whose step did not finish in time.
#[derive(Debug)]
struct OutOfTime;

impl fmt::Display for OutOfTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the call's timeout or deadline passed")
    }
}

impl std::error::Error for OutOfTime {}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(
                f,
                "{} failed with HTTP {status}: {}",
                self.step, self.message
            ),
            None => write!(f, "{} failed: {}", self.step, self.message),
        }
    }
}

impl std::error::Error for AuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as _)
    }
}

/// The step of a credential request called `what` ("login", "token").
fn step_of(what: &str) -> AuthStep {
    if what == "login" {
        AuthStep::Login
    } else {
        AuthStep::Token
    }
}

/// A failed token or login request; its cause is kept as the source (a
/// timeout stays recognisable), without the URL.
fn request_failed(what: &str, stage: &str, e: reqwest::Error) -> AuthError {
    AuthError {
        step: step_of(what),
        status: None,
        message: stage.to_owned(),
        source: Some(Box::new(e.without_url())),
    }
}

#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

/// When to refresh a token that lives `lifetime`: a tenth of its life (at most
/// a minute) before it expires.
pub(crate) fn refresh_margin(lifetime: Duration) -> Duration {
    (lifetime / 10).min(Duration::from_secs(60))
}

fn sensitive(value: &str) -> Result<HeaderValue, AuthError> {
    let mut v = HeaderValue::from_str(value).map_err(|_| {
        AuthError::new(
            AuthStep::Credentials,
            "credential contains characters not allowed in a header".into(),
        )
    })?;
    v.set_sensitive(true);
    Ok(v)
}

/// Sends a credential request (`what`: "login", "token") and returns the
/// body of a 2xx answer. An error body carries no credential, so it is shown;
/// a success body is never put into an error.
async fn success_body(
    what: &str,
    request: reqwest::RequestBuilder,
) -> Result<bytes::Bytes, AuthError> {
    let response = request
        .send()
        .await
        .map_err(|e| request_failed(what, "request failed", e))?;
    let status = response.status().as_u16();
    let over = if (200..300).contains(&status) {
        Over::Refuse
    } else {
        Over::Truncate
    };
    let body = read_body(response, ERROR_BODY_LIMIT, over)
        .await
        .map_err(|e| match e {
            ReadError::TooLarge { limit } => AuthError::new(
                step_of(what),
                format!("the response is larger than {limit} bytes"),
            ),
            ReadError::Transport(e) => request_failed(what, "response unreadable", e),
        })?;
    if !(200..300).contains(&status) {
        return Err(AuthError {
            status: Some(status),
            ..AuthError::new(step_of(what), super::error::snippet(&body))
        });
    }
    Ok(body)
}

fn basic(user: &str, password: &str) -> Result<HeaderValue, AuthError> {
    let raw = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    sensitive(&format!("Basic {raw}"))
}

impl Authenticator {
    /// `session` is the login URL and the API's session settings.
    pub(crate) fn new(
        credentials: Credentials,
        default_token_url: Option<String>,
        session: Option<(String, &'static SessionDescriptor)>,
    ) -> Self {
        let token_url = match &credentials {
            Credentials::ClientCredentials(cc) => cc.token_url.clone().or(default_token_url),
            _ => None,
        };
        let fixed = match &credentials {
            Credentials::Bearer(token) => sensitive(&format!("Bearer {}", token.expose())).ok(),
            Credentials::Basic { username, password } => {
                basic(username.expose(), password.expose()).ok()
            }
            _ => None,
        };
        Self {
            credentials,
            token_url,
            session,
            cache: Mutex::new(None),
            fixed,
        }
    }

    /// Whether a 401 may be cured by fetching a new token or logging in again.
    pub(crate) fn can_refresh(&self) -> bool {
        matches!(
            self.credentials,
            Credentials::ClientCredentials(_)
                | Credentials::Session { .. }
                | Credentials::TokenProvider(_)
        )
    }

    fn session_settings(&self) -> Result<&(String, &'static SessionDescriptor), AuthError> {
        self.session.as_ref().ok_or_else(|| {
            AuthError::new(
                AuthStep::Credentials,
                "this API has no session login".into(),
            )
        })
    }

    fn session_header(&self, id: &Secret) -> Result<(HeaderName, HeaderValue), AuthError> {
        let (_, desc) = self.session_settings()?;
        let name = HeaderName::from_static(desc.header);
        Ok((name, sensitive(id.expose())?))
    }

    /// Logs in now (replacing any cached session) and returns the session id.
    pub(crate) async fn login(
        &self,
        http: &reqwest::Client,
        timeout: Duration,
    ) -> Result<Secret, AuthError> {
        let Credentials::Session { username, password } = &self.credentials else {
            return Err(AuthError::new(
                AuthStep::Credentials,
                "logging in needs session credentials (user name and password)".into(),
            ));
        };
        let mut cache = self.cache.lock().await;
        let id = self
            .fetch_session(http, username, password, timeout)
            .await?;
        *cache = Some(CachedToken {
            token: id.clone(),
            refresh_at: None,
        });
        Ok(id)
    }

    /// The session header of the current session, if there is one, and
    /// forgets it: used by logout.
    pub(crate) async fn take_session(
        &self,
    ) -> Result<Option<(HeaderName, HeaderValue)>, AuthError> {
        let taken = self.cache.lock().await.take();
        match (taken, &self.credentials) {
            (Some(cached), _) => self.session_header(&cached.token).map(Some),
            (None, Credentials::SessionId(id)) => self.session_header(id).map(Some),
            (None, _) => Ok(None),
        }
    }

    /// The logout URL, if the API has one.
    pub(crate) fn logout_path(&self) -> Option<&'static str> {
        self.session.as_ref().and_then(|(_, d)| d.logout_path)
    }

    /// Drops the cached token so the next request fetches a new one.
    pub(crate) async fn invalidate(&self) {
        *self.cache.lock().await = None;
        if let Credentials::TokenProvider(p) = &self.credentials {
            p.invalidate();
        }
    }

    /// The authentication header (name and value) for the next request.
    pub(crate) async fn header(
        &self,
        http: &reqwest::Client,
        timeout: Duration,
    ) -> Result<Option<(HeaderName, HeaderValue)>, AuthError> {
        let authorization = |v: HeaderValue| Some((reqwest::header::AUTHORIZATION, v));
        if let Some(value) = &self.fixed {
            return Ok(authorization(value.clone()));
        }
        match &self.credentials {
            Credentials::None => Ok(None),
            Credentials::Bearer(token) => {
                sensitive(&format!("Bearer {}", token.expose())).map(authorization)
            }
            Credentials::Basic { username, password } => {
                basic(username.expose(), password.expose()).map(authorization)
            }
            Credentials::SessionId(id) => self.session_header(id).map(Some),
            // Under the attempt's timeout (the caller's provider, a login or
            // a token fetch may never answer, or wait on another call's
            // login). Boxed: the futures that fetch credentials are large and
            // rarely run; inline, they would make every request's future as
            // large.
            Credentials::TokenProvider(_) | Credentials::ClientCredentials(_) => {
                let fetch = tokio::time::timeout(timeout, self.fetched_header(http, timeout));
                Box::pin(fetch)
                    .await
                    .unwrap_or_else(|_| Err(AuthError::out_of_time(AuthStep::Token)))
            }
            Credentials::Session { .. } => {
                let fetch = tokio::time::timeout(timeout, self.fetched_header(http, timeout));
                Box::pin(fetch)
                    .await
                    .unwrap_or_else(|_| Err(AuthError::out_of_time(AuthStep::Login)))
            }
        }
    }

    /// The header of credentials that are fetched (and cached): a token
    /// provider's token, a session, an OAuth2 token.
    async fn fetched_header(
        &self,
        http: &reqwest::Client,
        timeout: Duration,
    ) -> Result<Option<(HeaderName, HeaderValue)>, AuthError> {
        let authorization = |v: HeaderValue| Some((reqwest::header::AUTHORIZATION, v));
        match &self.credentials {
            Credentials::None
            | Credentials::Bearer(_)
            | Credentials::Basic { .. }
            | Credentials::SessionId(_) => Ok(None),
            Credentials::TokenProvider(p) => {
                let token = p.token().await.map_err(|e| AuthError {
                    source: Some(e),
                    ..AuthError::new(AuthStep::Token, "the token provider failed".into())
                })?;
                if token.expose().trim().is_empty() {
                    return Err(AuthError::new(
                        AuthStep::Token,
                        "the token provider returned an empty token".into(),
                    ));
                }
                sensitive(&format!("Bearer {}", token.expose())).map(authorization)
            }
            Credentials::Session { username, password } => {
                let mut cache = self.cache.lock().await;
                if cache.is_none() {
                    let token = self
                        .fetch_session(http, username, password, timeout)
                        .await?;
                    *cache = Some(CachedToken {
                        token,
                        refresh_at: None,
                    });
                }
                let id = &cache.as_ref().expect("session cached above").token;
                self.session_header(id).map(Some)
            }
            Credentials::ClientCredentials(cc) => {
                let mut cache = self.cache.lock().await;
                let fresh = cache
                    .as_ref()
                    .is_some_and(|c| c.refresh_at.is_none_or(|at| Instant::now() < at));
                if !fresh {
                    *cache = Some(self.fetch_token(http, cc, timeout).await?);
                }
                let token = &cache.as_ref().expect("token cached above").token;
                sensitive(&format!("Bearer {}", token.expose())).map(authorization)
            }
        }
    }

    async fn fetch_session(
        &self,
        http: &reqwest::Client,
        username: &Secret,
        password: &Secret,
        timeout: Duration,
    ) -> Result<Secret, AuthError> {
        let (url, desc) = self.session_settings()?;
        let mut body = serde_json::Map::new();
        body.insert(
            desc.username_field.to_owned(),
            username.expose().to_owned().into(),
        );
        body.insert(
            desc.password_field.to_owned(),
            password.expose().to_owned().into(),
        );
        tracing::debug!(login_url = url.as_str(), "logging in for a session");
        let request = http
            .post(url)
            .timeout(timeout)
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(serde_json::Value::Object(body).to_string());
        let bytes = success_body("login", request).await?;
        // A success body holds the session id: describe problems, never show the body.
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            AuthError::new(
                AuthStep::Login,
                format!(
                    "the response is not JSON (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        match value.pointer(desc.session_id) {
            Some(serde_json::Value::String(id)) if !id.trim().is_empty() => {
                Ok(Secret::new(id.trim().to_owned()))
            }
            _ => Err(AuthError::new(
                AuthStep::Login,
                format!(
                    "the response has no session id at `{}`; the user name or password may be wrong",
                    desc.session_id
                ),
            )),
        }
    }

    async fn fetch_token(
        &self,
        http: &reqwest::Client,
        cc: &ClientCredentials,
        timeout: Duration,
    ) -> Result<CachedToken, AuthError> {
        let url = self.token_url.as_deref().ok_or_else(|| {
            AuthError::new(
                AuthStep::Credentials,
                "no token URL configured for client credentials".into(),
            )
        })?;
        let mut form = String::from("grant_type=client_credentials");
        if let Some(scope) = &cc.scope {
            form.push_str("&scope=");
            form.push_str(&query_component(scope));
        }
        tracing::debug!(token_url = url, "fetching OAuth2 client-credentials token");
        let started = Instant::now();
        let request = http
            .post(url)
            .timeout(timeout)
            .header(
                reqwest::header::AUTHORIZATION,
                basic(&cc.client_id, cc.client_secret.expose())?,
            )
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .body(form);
        let body = success_body("token", request).await?;
        // A success body holds the token: report the shape problem, never the body.
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|e| {
            AuthError::new(
                AuthStep::Token,
                format!(
                    "the response is not a valid OAuth2 token response (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        if parsed.access_token.trim().is_empty() {
            // Sending `Bearer ` would only earn a 401 the next fetch repeats.
            return Err(AuthError::new(
                AuthStep::Token,
                "the token response has an empty `access_token`".into(),
            ));
        }
        let refresh_at = parsed.expires_in.and_then(|secs| refresh_at(started, secs));
        Ok(CachedToken {
            token: Secret::new(parsed.access_token),
            refresh_at,
        })
    }
}

/// When a token that lives `expires_in` seconds from `started` is renewed:
/// a margin before it expires. `None` (never by time; a 401 still renews it)
/// when the instant is beyond what the clock can represent.
fn refresh_at(started: Instant, expires_in: u64) -> Option<Instant> {
    let lifetime = Duration::from_secs(expires_in);
    started.checked_add(lifetime - refresh_margin(lifetime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_closure_is_a_token_provider() {
        let calls = Arc::new(std::sync::atomic::AtomicU32::new(0));
        let counted = calls.clone();
        let provider = token_provider_fn(move || {
            let n = counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            async move {
                if n == 0 {
                    Ok(Secret::new("t1"))
                } else {
                    Err(std::io::Error::other("vault sealed"))
                }
            }
        });
        let provider: Arc<dyn TokenProvider> = Arc::new(provider);
        assert_eq!(provider.token().await.unwrap().expose(), "t1");
        let err = provider.token().await.unwrap_err();
        assert_eq!(err.to_string(), "vault sealed");
    }

    #[test]
    fn a_huge_expiry_does_not_overflow_the_clock() {
        let now = Instant::now();
        assert_eq!(refresh_at(now, u64::MAX), None);
        assert_eq!(refresh_at(now, 3600), Some(now + Duration::from_secs(3540)));
        assert_eq!(refresh_at(now, 0), Some(now));
    }

    #[test]
    fn margin_is_a_tenth_capped_at_a_minute() {
        assert_eq!(
            refresh_margin(Duration::from_secs(3600)),
            Duration::from_secs(60)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(100)),
            Duration::from_secs(10)
        );
        assert_eq!(refresh_margin(Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn debug_of_credentials_hides_secrets() {
        let c = Credentials::ClientCredentials(ClientCredentials::new("app", "s3cr3t"));
        let b = Credentials::Basic {
            username: Secret::new("priv_key"),
            password: Secret::new(""),
        };
        let t = Credentials::Bearer(Secret::new("tok"));
        let s = Credentials::Session {
            username: Secret::new("my.username"),
            password: Secret::new("pa55word"),
        };
        let i = Credentials::SessionId(Secret::new("qIYsMgFsRbb"));
        let shown = format!("{c:?} {b:?} {t:?} {s:?} {i:?}");
        for secret in [
            "s3cr3t",
            "priv_key",
            "tok\"",
            "my.username",
            "pa55word",
            "qIYsMgFsRbb",
        ] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    #[tokio::test]
    async fn basic_header_is_sensitive() {
        let auth = Authenticator::new(
            Credentials::Basic {
                username: Secret::new("k"),
                password: Secret::new(""),
            },
            None,
            None,
        );
        let (name, h) = auth
            .header(&reqwest::Client::new(), Duration::from_secs(1))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(name, reqwest::header::AUTHORIZATION);
        assert!(h.is_sensitive());
        assert_eq!(h.to_str().unwrap(), "Basic azo=");
        assert!(!format!("{h:?}").contains("azo"));
    }
}
