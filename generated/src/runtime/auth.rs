//! Credentials and how they become an `Authorization` header: a static bearer
//! token, HTTP basic, or an OAuth2 client-credentials token that is fetched,
//! cached and refreshed before it expires.

use std::time::{Duration, Instant};

use base64::Engine as _;
use reqwest::header::HeaderValue;
use tokio::sync::Mutex;

use super::encode::query_component;
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
}

/// OAuth2 client-credentials grant settings.
#[derive(Clone, Debug)]
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

struct CachedToken {
    token: Secret,
    refresh_at: Option<Instant>,
}

/// Turns [`Credentials`] into request headers, caching fetched tokens.
pub(crate) struct Authenticator {
    credentials: Credentials,
    token_url: Option<String>,
    cache: Mutex<Option<CachedToken>>,
}

/// Why a token could not be obtained. Never contains a secret.
#[derive(Debug)]
pub(crate) struct AuthError(pub String);

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
    let mut v = HeaderValue::from_str(value)
        .map_err(|_| AuthError("credential contains characters not allowed in a header".into()))?;
    v.set_sensitive(true);
    Ok(v)
}

fn basic(user: &str, password: &str) -> Result<HeaderValue, AuthError> {
    let raw = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    sensitive(&format!("Basic {raw}"))
}

impl Authenticator {
    pub(crate) fn new(credentials: Credentials, default_token_url: Option<String>) -> Self {
        let token_url = match &credentials {
            Credentials::ClientCredentials(cc) => cc.token_url.clone().or(default_token_url),
            _ => None,
        };
        Self {
            credentials,
            token_url,
            cache: Mutex::new(None),
        }
    }

    /// Whether a 401 may be cured by fetching a new token.
    pub(crate) fn can_refresh(&self) -> bool {
        matches!(self.credentials, Credentials::ClientCredentials(_))
    }

    /// Drops the cached token so the next request fetches a new one.
    pub(crate) async fn invalidate(&self) {
        *self.cache.lock().await = None;
    }

    /// The `Authorization` header value for the next request.
    pub(crate) async fn header(
        &self,
        http: &reqwest::Client,
        timeout: Duration,
    ) -> Result<Option<HeaderValue>, AuthError> {
        match &self.credentials {
            Credentials::None => Ok(None),
            Credentials::Bearer(token) => {
                sensitive(&format!("Bearer {}", token.expose())).map(Some)
            }
            Credentials::Basic { username, password } => {
                basic(username.expose(), password.expose()).map(Some)
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
                sensitive(&format!("Bearer {}", token.expose())).map(Some)
            }
        }
    }

    async fn fetch_token(
        &self,
        http: &reqwest::Client,
        cc: &ClientCredentials,
        timeout: Duration,
    ) -> Result<CachedToken, AuthError> {
        let url = self
            .token_url
            .as_deref()
            .ok_or_else(|| AuthError("no token URL configured for client credentials".into()))?;
        let mut form = String::from("grant_type=client_credentials");
        if let Some(scope) = &cc.scope {
            form.push_str("&scope=");
            form.push_str(&query_component(scope));
        }
        tracing::debug!(token_url = url, "fetching OAuth2 client-credentials token");
        let started = Instant::now();
        let response = http
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
            .body(form)
            .send()
            .await
            .map_err(|e| AuthError(format!("token request failed: {}", e.without_url())))?;
        let status = response.status().as_u16();
        let body = response
            .bytes()
            .await
            .map_err(|e| AuthError(format!("token response unreadable: {}", e.without_url())))?;
        if !(200..300).contains(&status) {
            // An error body carries no token; it helps to see it.
            return Err(AuthError(format!(
                "token endpoint answered HTTP {status}: {}",
                super::error::snippet(&body)
            )));
        }
        // A success body holds the token: report the shape problem, never the body.
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|e| {
            AuthError(format!(
                "token response is not a valid OAuth2 token response (line {}, column {})",
                e.line(),
                e.column()
            ))
        })?;
        let refresh_at = parsed.expires_in.map(|secs| {
            let lifetime = Duration::from_secs(secs);
            started + lifetime - refresh_margin(lifetime)
        });
        Ok(CachedToken {
            token: Secret::new(parsed.access_token),
            refresh_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let c = Credentials::ClientCredentials(ClientCredentials {
            client_id: "app".into(),
            client_secret: Secret::new("s3cr3t"),
            token_url: None,
            scope: None,
        });
        let b = Credentials::Basic {
            username: Secret::new("priv_key"),
            password: Secret::new(""),
        };
        let t = Credentials::Bearer(Secret::new("tok"));
        let shown = format!("{c:?} {b:?} {t:?}");
        assert!(
            !shown.contains("s3cr3t") && !shown.contains("priv_key") && !shown.contains("tok\""),
            "{shown}"
        );
    }

    #[tokio::test]
    async fn basic_header_is_sensitive() {
        let auth = Authenticator::new(
            Credentials::Basic {
                username: Secret::new("k"),
                password: Secret::new(""),
            },
            None,
        );
        let h = auth
            .header(&reqwest::Client::new(), Duration::from_secs(1))
            .await
            .unwrap()
            .unwrap();
        assert!(h.is_sensitive());
        assert_eq!(h.to_str().unwrap(), "Basic azo=");
        assert!(!format!("{h:?}").contains("azo"));
    }
}
