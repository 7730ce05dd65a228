//! `ClientBuilder`: the methods the spec decides (environments, base URL
//! variables, the auth scheme's credentials) and the fixed ones every API has.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs;
use super::session;
use crate::ir::{Api, AuthScheme};

pub(super) fn builder(api: &Api) -> TokenStream {
    let environment = environment(api);
    let variables = variables(api);
    let auth = auth_methods(&api.settings.auth.scheme);
    let token_field = api
        .settings
        .auth
        .scheme
        .token_url()
        .is_some()
        .then(|| quote!(token_url: Option<String>,));
    let fixed = fixed_methods();
    quote! {
        /// Configures a [`Client`]. Choose an environment or a base URL and set credentials; everything else has defaults.
        #[derive(Debug, Default)]
        #[must_use]
        pub struct ClientBuilder {
            options: rt::ClientOptions,
            #token_field
        }

        impl ClientBuilder {
            #environment
            #variables

            /// Sends requests to this base URL instead of an environment's (e.g. a test server).
            pub fn base_url(mut self, url: impl Into<String>) -> Self {
                self.options.base_url = Some(url.into());
                self
            }

            #auth

            #fixed
        }
    }
}

fn environment(api: &Api) -> TokenStream {
    if api.settings.environments.is_empty() {
        return quote!();
    }
    quote! {
        /// Uses the base URL of a named environment.
        pub fn environment(mut self, environment: Environment) -> Self {
            for (name, value) in environment.values() {
                self.options.variables.insert(name, (*value).to_owned());
            }
            self
        }
    }
}

fn variables(api: &Api) -> TokenStream {
    let methods = api.settings.variables.iter().map(|v| {
        let m = &v.method;
        let wire = &v.wire;
        let doc = docs::outer(&format!(
            "Sets the base URL variable `{{{wire}}}`: {}",
            v.doc
        ));
        quote! {
            #doc
            pub fn #m(mut self, value: impl Into<String>) -> Self {
                self.options.variables.insert(#wire, value.into());
                self
            }
        }
    });
    quote!(#(#methods)*)
}

/// The credential methods of the auth scheme.
fn auth_methods(scheme: &AuthScheme) -> TokenStream {
    match scheme {
        AuthScheme::None => quote!(),
        AuthScheme::Bearer { client_credentials } => {
            let cc = client_credentials.as_ref().map(|cc| {
                let url = &cc.token_url;
                let doc = format!(" Authenticates with OAuth2 client credentials: a token is fetched from `{url}` (or the URL set with [`ClientBuilder::token_url`]), cached, and refreshed before it expires.");
                quote! {
                    #[doc = #doc]
                    pub fn client_credentials(mut self, client_id: impl Into<String>, client_secret: impl Into<rt::Secret>) -> Self {
                        self.options.credentials = rt::Credentials::ClientCredentials(rt::ClientCredentials {
                            client_id: client_id.into(),
                            client_secret: client_secret.into(),
                            token_url: self.token_url.clone(),
                            scope: None,
                        });
                        self
                    }

                    /// Overrides the OAuth2 token URL (e.g. for a test server).
                    pub fn token_url(mut self, url: impl Into<String>) -> Self {
                        let url = url.into();
                        if let rt::Credentials::ClientCredentials(cc) = &mut self.options.credentials {
                            cc.token_url = Some(url.clone());
                        }
                        self.token_url = Some(url);
                        self
                    }
                }
            });
            quote! {
                /// Authenticates with a bearer token obtained elsewhere.
                pub fn bearer_token(mut self, token: impl Into<rt::Secret>) -> Self {
                    self.options.credentials = rt::Credentials::Bearer(token.into());
                    self
                }
                #cc
            }
        }
        AuthScheme::Basic { api_key } => {
            let api_key = api_key.as_ref().map(|k| {
                let m = &k.method;
                let doc = docs::outer(&format!(
                    "{}\n\nSent with HTTP basic authentication as the user name, with an empty password.",
                    k.doc
                ));
                quote! {
                    #doc
                    pub fn #m(mut self, key: impl Into<rt::Secret>) -> Self {
                        self.options.credentials = rt::Credentials::Basic { username: key.into(), password: rt::Secret::new("") };
                        self
                    }
                }
            });
            quote! {
                /// Authenticates with HTTP basic.
                pub fn basic_auth(mut self, username: impl Into<rt::Secret>, password: impl Into<rt::Secret>) -> Self {
                    self.options.credentials = rt::Credentials::Basic { username: username.into(), password: password.into() };
                    self
                }
                #api_key
            }
        }
        AuthScheme::Session(s) => session::builder_methods(Some(s)),
    }
}

fn fixed_methods() -> TokenStream {
    quote! {
        /// Sets credentials directly.
        pub fn credentials(mut self, credentials: rt::Credentials) -> Self {
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
        pub fn retry_policy(mut self, policy: rt::RetryPolicy) -> Self {
            self.options.retry = policy;
            self
        }

        /// The `User-Agent` header.
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.options.user_agent = Some(user_agent.into());
            self
        }

        /// Uses a preconfigured `reqwest::Client` (proxies, TLS roots, connection pool).
        pub fn http_client(mut self, client: rt::reqwest::Client) -> Self {
            self.options.http_client = Some(client);
            self
        }

        /// Allows `http://` to hosts other than loopback. Off by default.
        pub fn allow_insecure_http(mut self, allow: bool) -> Self {
            self.options.allow_insecure_http = allow;
            self
        }

        /// Builds the client. Fails if no base URL can be formed or the HTTP client cannot be built.
        pub fn build(self) -> Result<Client, rt::BuildError> {
            Ok(Client { core: std::sync::Arc::new(rt::Core::new(self.options, &API)?) })
        }
    }
}
