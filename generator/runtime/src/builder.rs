//! The builder methods every generated `ClientBuilder` has, whatever its
//! spec: base URL override, credentials, timeouts, retry policy, user agent,
//! HTTP client, the plain-http escape hatch and `build`. A generated builder
//! holds `options: ClientOptions` and invokes [`client_builder_methods!`]
//! inside its `impl`, next to the methods its spec decides (environments,
//! base URL variables, the auth scheme's credentials).

/// Expands, inside `impl ClientBuilder { .. }`, to the builder methods every
/// API shares. The builder must have a field `options:
/// runtime::ClientOptions`; `$client` is the client type (a struct with one
/// field `core: Arc<runtime::Core>`) and `$api` the API's
/// `runtime::ApiDescriptor` static.
#[doc(hidden)]
#[macro_export]
macro_rules! __client_builder_methods {
    ($client:ident, $api:expr) => {
        /// Sends requests to this base URL instead of an environment's (e.g. a test server).
        pub fn base_url(mut self, url: impl Into<String>) -> Self {
            self.options.base_url = Some(url.into());
            self
        }

        /// Sets credentials directly.
        pub fn credentials(mut self, credentials: $crate::Credentials) -> Self {
            self.options.credentials = credentials;
            self
        }

        /// Timeout of one attempt (default 30 s).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = timeout;
            self
        }

        /// Connect timeout (default 10 s; ignored with a custom HTTP client).
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.connect_timeout = timeout;
            self
        }

        /// Retry policy for 429, 5xx and connection failures of idempotent requests.
        pub fn retry_policy(mut self, policy: $crate::RetryPolicy) -> Self {
            self.options.retry = policy;
            self
        }

        /// The `User-Agent` header.
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.options.user_agent = Some(user_agent.into());
            self
        }

        /// Uses a preconfigured `reqwest::Client` (proxies, TLS roots, connection pool).
        pub fn http_client(mut self, client: $crate::reqwest::Client) -> Self {
            self.options.http_client = Some(client);
            self
        }

        /// Largest success body the client reads, in bytes (default 32 MiB); a
        /// larger one is `Error::BodyTooLarge`, refused without reading it whole.
        /// Error bodies are read only as far as their first 64 KiB.
        pub fn max_body_size(mut self, bytes: usize) -> Self {
            self.options.max_body_bytes = bytes;
            self
        }

        /// Allows `http://` to hosts other than loopback. Off by default.
        pub fn allow_insecure_http(mut self, allow: bool) -> Self {
            self.options.allow_insecure_http = allow;
            self
        }

        /// Builds the client. Fails if no base URL can be formed or the HTTP client cannot be built.
        pub fn build(self) -> Result<$client, $crate::BuildError> {
            Ok($client {
                core: std::sync::Arc::new($crate::plumbing::Core::new(self.options, &$api)?),
            })
        }
    };
}

pub use crate::__client_builder_methods as client_builder_methods;

/// Expands, inside `impl Client { .. }`, to the escape hatch every API
/// shares: `execute` and `execute_empty` send a hand-built request through
/// the client's base URL, authentication, retries, decoding and errors. The
/// client must have a field `core: Arc<runtime::Core>`; `super::Error` is the
/// API's error type at the call site.
#[doc(hidden)]
#[macro_export]
macro_rules! __client_execute_methods {
    () => {
        /// Sends a request the spec does not describe (yet) through the
        /// same base URL, authentication, retries, decoding and errors,
        /// and decodes a JSON body as `T` (use `()` for an empty one with
        /// [`Client::execute_empty`]). Path segments and query values go
        /// through `runtime::PathBuilder` and `runtime::QueryBuilder`, so
        /// they are encoded like every generated call. Like every call it is
        /// a `Send + 'static` `runtime::Call`, with the same per-call options.
        pub fn execute<T: serde::de::DeserializeOwned + Send + 'static>(
            &self,
            request: $crate::Request,
        ) -> $crate::Call<$crate::Response<T>, super::Error> {
            $crate::Call::new(self.core.clone(), Ok(request), $crate::plumbing::Read::Json)
        }

        /// [`Client::execute`] for a call whose response body is ignored.
        pub fn execute_empty(
            &self,
            request: $crate::Request,
        ) -> $crate::Call<$crate::Response<()>, super::Error> {
            $crate::Call::new(
                self.core.clone(),
                Ok(request),
                $crate::plumbing::Read::Empty,
            )
        }
    };
}

pub use crate::__client_execute_methods as client_execute_methods;

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::client_builder_methods;

    use super::super::plumbing::{ApiDescriptor, Core, HeaderNames};
    use super::super::{ClientOptions, Credentials, RetryPolicy, Secret};

    static API: ApiDescriptor = ApiDescriptor {
        name: "test",
        base_url: "https://api.example.com/v1",
        headers: HeaderNames {
            etag: None,
            rate_limit_limit: None,
            rate_limit_remaining: None,
            request_id: None,
        },
        default_headers: &[],
        token_url: None,
        session: None,
        stale: super::super::plumbing::StaleSignals::HTTP,
        credentials: &[(super::super::CredentialKind::Bearer, "bearer_token")],
        not_processed: &[],
        body_request_id: None,
    };

    #[derive(Debug)]
    struct Client {
        core: std::sync::Arc<Core>,
    }

    #[derive(Debug, Default)]
    struct ClientBuilder {
        options: ClientOptions,
    }

    impl ClientBuilder {
        client_builder_methods!(Client, API);
    }

    #[test]
    fn the_shared_methods_set_the_options_and_build() {
        let builder = ClientBuilder::default()
            .timeout(Duration::from_secs(5))
            .connect_timeout(Duration::from_secs(2))
            .retry_policy(RetryPolicy::none())
            .user_agent("agent/1")
            .http_client(reqwest::Client::new())
            .credentials(Credentials::Bearer(Secret::new("t")))
            .max_body_size(1024)
            .allow_insecure_http(false);
        let o = &builder.options;
        assert_eq!(o.timeout, Duration::from_secs(5));
        assert_eq!(o.connect_timeout, Duration::from_secs(2));
        assert_eq!(o.user_agent.as_deref(), Some("agent/1"));
        assert!(matches!(o.credentials, Credentials::Bearer(_)));
        assert!(o.http_client.is_some());
        assert_eq!(o.max_body_bytes, 1024);
        let client = builder.build().expect("the descriptor's base URL is valid");
        assert_eq!(client.core.base_url(), "https://api.example.com/v1");
        let local = ClientBuilder::default()
            .base_url("http://127.0.0.1:9/x/")
            .credentials(Credentials::Bearer(Secret::new("t")))
            .build()
            .unwrap();
        assert_eq!(local.core.base_url(), "http://127.0.0.1:9/x");
        // Credentials are checked against what the API accepts.
        let missing = ClientBuilder::default().build().unwrap_err();
        assert_eq!(
            missing.to_string(),
            "no credentials given: call `bearer_token(..)` on the builder"
        );
        let basic = Credentials::Basic {
            username: Secret::new("u"),
            password: Secret::new("p"),
        };
        let wrong = ClientBuilder::default()
            .credentials(basic)
            .build()
            .unwrap_err();
        assert_eq!(
            wrong.to_string(),
            "Basic credentials are not accepted by this API; call `bearer_token(..)` on the builder instead"
        );
        assert!(
            ClientBuilder::default()
                .base_url("http://example.com")
                .build()
                .is_err()
        );
    }
}
