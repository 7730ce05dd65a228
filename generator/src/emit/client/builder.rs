//! `ClientBuilder`: the methods the spec decides (environments, base URL
//! variables, the auth scheme's credentials). The methods every API has
//! come from the runtime's `client_builder_methods!`.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs;
use super::session;
use crate::ir::{Api, Auth, AuthScheme};

pub(super) fn builder(api: &Api) -> TokenStream {
    let environment = environment(api);
    let variables = variables(api);
    let headers = headers(api);
    let auth = auth_methods(&api.settings.auth);
    let token_field = api
        .settings
        .auth
        .scheme
        .token_url()
        .is_some()
        .then(|| quote!(token_url: Option<String>,));
    quote! {
        /// Configures a [`Client`]. Choose an environment or a base URL and set credentials; everything else has defaults. [`Client`] shows a builder for each way the API authenticates.
        #[derive(Debug, Default)]
        #[must_use]
        pub struct ClientBuilder {
            options: rt::ClientOptions,
            #token_field
        }

        impl ClientBuilder {
            #environment
            #variables
            #headers
            #auth

            // Base URL override, timeouts, retry policy, user agent, HTTP
            // client and `build`: the same for every API, in the runtime.
            rt::client_builder_methods!(Client, API);
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
            docs::text(&v.doc)
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

/// One method per overridable default header.
fn headers(api: &Api) -> TokenStream {
    let methods = api.settings.overridable_headers.iter().map(|o| {
        let m = &o.method;
        let name = &o.header.name;
        let doc = docs::outer(&format!(
            "Sets the `{}` header sent with every request (default `{}`): {}",
            o.wire_name,
            o.header.value,
            docs::text(&o.doc)
        ));
        quote! {
            #doc
            pub fn #m(mut self, value: impl Into<String>) -> Self {
                self.options.headers.insert(#name, value.into());
                self
            }
        }
    });
    quote!(#(#methods)*)
}

/// The credential methods of the auth scheme; each cites the auth block.
fn auth_methods(auth: &Auth) -> TokenStream {
    let cite = |doc: String| docs::outer(&doc);
    match &auth.scheme {
        AuthScheme::None => quote!(),
        AuthScheme::Bearer { client_credentials } => {
            let cc = client_credentials.as_ref().map(|cc| {
                let url = &cc.token_url;
                let doc = cite(format!("Authenticates with OAuth2 client credentials: a token is fetched from `{url}` (or the URL set with [`ClientBuilder::token_url`]), cached, and refreshed before it expires."));
                quote! {
                    #doc
                    pub fn client_credentials(mut self, client_id: impl Into<String>, client_secret: impl Into<rt::Secret>) -> Self {
                        self.options.credentials = rt::Credentials::ClientCredentials(
                            rt::ClientCredentials::new(client_id, client_secret)
                                .token_url(self.token_url.clone()),
                        );
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
            let doc = cite("Authenticates with a bearer token obtained elsewhere.".into());
            let provider_doc = cite("Authenticates with bearer tokens from your own source: the provider is asked for the token of every request and, when the API rejects one, told so ([`TokenProvider::invalidate`](rt::TokenProvider::invalidate)) and asked once more.".into());
            quote! {
                #doc
                pub fn bearer_token(mut self, token: impl Into<rt::Secret>) -> Self {
                    self.options.credentials = rt::Credentials::Bearer(token.into());
                    self
                }
                #provider_doc
                pub fn token_provider(mut self, provider: impl rt::TokenProvider + 'static) -> Self {
                    self.options.credentials = rt::Credentials::TokenProvider(std::sync::Arc::new(provider));
                    self
                }
                #cc
            }
        }
        AuthScheme::Basic { api_key } => {
            let api_key = api_key.as_ref().map(|k| {
                let m = &k.method;
                let doc = cite(format!(
                    "{}\n\nSent with HTTP basic authentication as the user name, with an empty password.",
                    docs::text(&k.doc)
                ));
                quote! {
                    #doc
                    pub fn #m(mut self, key: impl Into<rt::Secret>) -> Self {
                        self.options.credentials = rt::Credentials::Basic { username: key.into(), password: rt::Secret::new("") };
                        self
                    }
                }
            });
            let doc = cite("Authenticates with HTTP basic.".into());
            quote! {
                #doc
                pub fn basic_auth(mut self, username: impl Into<rt::Secret>, password: impl Into<rt::Secret>) -> Self {
                    self.options.credentials = rt::Credentials::Basic { username: username.into(), password: password.into() };
                    self
                }
                #api_key
            }
        }
        AuthScheme::Session(s) => session::builder_methods(s),
    }
}
