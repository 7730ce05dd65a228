//! `client.rs` of an API: environments, `Client`, `ClientBuilder`, one
//! handle per resource and one method per endpoint. Methods only describe the
//! request; sending, retrying and decoding happen in the runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{ident, ty};
use super::{docs, envelope, query, session};
use crate::ir::{Api, Endpoint, Param, ParamLocation, PathPart, Resource, Ty};

/// The tokens of the `client` module.
pub fn file(api: &Api, rt: &syn::Path) -> TokenStream {
    let descriptor = descriptor(api);
    let envelopes = envelope::statics(api);
    let environment = environment(api);
    let client = client(api);
    let builder = builder(api);
    let resources = api.resources.iter().map(|r| resource(r, api, rt));
    let doc = docs::inner(&format!(
        "The {} client and its resource handles.",
        api.title
    ));
    quote! {
        #doc
        // Uses of deprecated spec items inside generated code are intended;
        // callers still get the warning.
        #![allow(deprecated)]
        use #rt as rt;
        #descriptor
        #envelopes
        #environment
        #client
        #builder
        #(#resources)*
    }
}

fn opt_str(v: &Option<String>) -> TokenStream {
    match v {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}

fn descriptor(api: &Api) -> TokenStream {
    let name = &api.module;
    let base_url = &api.base_url;
    let h = &api.headers;
    let (etag, limit, remaining, request_id) = (
        opt_str(&h.etag),
        opt_str(&h.rate_limit_limit),
        opt_str(&h.rate_limit_remaining),
        opt_str(&h.request_id),
    );
    let headers = api.default_headers.iter().map(|(k, v)| quote!((#k, #v)));
    let token_url = opt_str(&api.auth.client_credentials);
    let session = session::descriptor(api.auth.session.as_ref());
    quote! {
        static API: rt::ApiDescriptor = rt::ApiDescriptor {
            name: #name,
            base_url: #base_url,
            headers: rt::HeaderNames {
                etag: #etag,
                rate_limit_limit: #limit,
                rate_limit_remaining: #remaining,
                request_id: #request_id,
            },
            default_headers: &[#(#headers),*],
            token_url: #token_url,
            session: #session,
        };
    }
}

fn environment(api: &Api) -> TokenStream {
    if api.environments.is_empty() {
        return quote!();
    }
    let variants = api.environments.iter().map(|e| {
        let v = ident(&e.variant);
        let doc = docs::outer(&e.doc);
        quote! { #doc #v, }
    });
    let arms = api.environments.iter().map(|e| {
        let v = ident(&e.variant);
        let pairs = e.values.iter().map(|(k, val)| quote!((#k, #val)));
        quote! { Self::#v => &[#(#pairs),*], }
    });
    quote! {
        /// Named deployments of the API; pick one with [`ClientBuilder::environment`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Environment {
            #(#variants)*
        }

        impl Environment {
            fn values(self) -> &'static [(&'static str, &'static str)] {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn client(api: &Api) -> TokenStream {
    let session = session::client_methods(api.auth.session.as_ref(), &api.auth.doc);
    let title = &api.title;
    let doc = format!(" Client for the {title} API. Cheap to clone: clones share connections and the token cache.");
    let accessors = api.resources.iter().map(|r| {
        let acc = ident(&r.accessor);
        let t = ident(&r.type_name);
        let rdoc = docs::outer(&r.doc);
        quote! {
            #rdoc
            pub fn #acc(&self) -> #t<'_> {
                #t { client: self }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct Client {
            core: std::sync::Arc<rt::Core>,
        }

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            #session

            #(#accessors)*
        }
    }
}

fn builder(api: &Api) -> TokenStream {
    let session = session::builder_methods(api.auth.session.as_ref());
    let environment = (!api.environments.is_empty()).then(|| {
        quote! {
            /// Uses the base URL of a named environment.
            pub fn environment(mut self, environment: Environment) -> Self {
                for (name, value) in environment.values() {
                    self.options.variables.insert(name, (*value).to_owned());
                }
                self
            }
        }
    });
    let variables = api.variables.iter().map(|v| {
        let m = ident(&v.method);
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
    let bearer = api.auth.bearer.then(|| {
        quote! {
            /// Authenticates with a bearer token obtained elsewhere.
            pub fn bearer_token(mut self, token: impl Into<rt::Secret>) -> Self {
                self.options.credentials = rt::Credentials::Bearer(token.into());
                self
            }
        }
    });
    let cc = api.auth.client_credentials.as_ref().map(|url| {
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
    let token_field = api
        .auth
        .client_credentials
        .is_some()
        .then(|| quote!(token_url: Option<String>,));
    let api_key = api.auth.api_key.as_ref().map(|(method, doc)| {
        let m = ident(method);
        let doc = docs::outer(&format!(
            "{doc}\n\nSent with HTTP basic authentication as the user name, with an empty password."
        ));
        quote! {
            #doc
            pub fn #m(mut self, key: impl Into<rt::Secret>) -> Self {
                self.options.credentials = rt::Credentials::Basic { username: key.into(), password: rt::Secret::new("") };
                self
            }
        }
    });
    let basic = api.auth.basic.then(|| {
        quote! {
            /// Authenticates with HTTP basic.
            pub fn basic_auth(mut self, username: impl Into<rt::Secret>, password: impl Into<rt::Secret>) -> Self {
                self.options.credentials = rt::Credentials::Basic { username: username.into(), password: password.into() };
                self
            }
            #api_key
        }
    });
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
            #(#variables)*

            /// Sends requests to this base URL instead of an environment's (e.g. a test server).
            pub fn base_url(mut self, url: impl Into<String>) -> Self {
                self.options.base_url = Some(url.into());
                self
            }

            #bearer
            #cc
            #basic
            #session

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
}

fn resource(r: &Resource, api: &Api, rt: &syn::Path) -> TokenStream {
    let t = ident(&r.type_name);
    let doc = docs::outer(&format!(
        "{}\n\nObtained from [`Client::{}`].",
        r.doc, r.accessor
    ));
    let methods = r.endpoints.iter().map(|e| {
        let call = endpoint(e, api, rt);
        let streams = e.pagination.as_ref().map(|_| query::streams(e, r, rt));
        quote!(#call #streams)
    });
    let queries = r
        .endpoints
        .iter()
        .filter_map(|e| e.query.as_ref().map(|q| query::query_struct(q, r, e, rt)));
    quote! {
        #doc
        #[derive(Clone, Copy, Debug)]
        pub struct #t<'a> {
            client: &'a Client,
        }

        impl #t<'_> {
            #(#methods)*
        }

        #(#queries)*
    }
}

/// Where the API's named types live, seen from the client module.
pub(super) fn models() -> TokenStream {
    quote!(super::models::)
}

/// The argument type of a path or header parameter.
fn param_type(p: &Param, rt: &syn::Path) -> TokenStream {
    let base = match &p.ty {
        Ty::String => quote!(&str),
        Ty::Entity => quote!(K),
        Ty::Bool | Ty::I32 | Ty::I64 => ty(&p.ty, rt, &models()),
        other => {
            let t = ty(other, rt, &models());
            quote!(&#t)
        }
    };
    if p.required {
        base
    } else {
        quote!(Option<#base>)
    }
}

/// An expression giving the wire text of a scalar value `v` as something `AsRef<str>`.
pub(super) fn to_text(t: &Ty, v: TokenStream) -> TokenStream {
    match t {
        Ty::String => quote!(#v),
        Ty::Id(_) | Ty::Enum(_) | Ty::ETag => quote!(#v.as_str()),
        Ty::Entity => quote!(#v.name()),
        Ty::SqlCondition | Ty::SqlSelect => quote!(#v.to_sql()?),
        _ => quote!(#v.to_string()),
    }
}

fn endpoint(e: &Endpoint, api: &Api, rt: &syn::Path) -> TokenStream {
    let name = ident(&e.method_name);
    let retry_note = if e.idempotent {
        "Retried on 429, 5xx and connection failures according to the retry policy."
    } else {
        "Not retried automatically: repeating it could apply it twice."
    };
    let envelope_doc = e.envelope.as_ref().map(|env| {
        let declared = api.envelopes.iter().find(|x| x.const_name == env.envelope);
        envelope::doc(env, declared)
    });
    let doc = docs::outer(&format!(
        "{}\n\n`{} {}`.{} {retry_note}",
        e.doc,
        e.http_method.as_str(),
        e.path_template,
        envelope_doc.unwrap_or_default()
    ));
    let deprecated = docs::deprecated(e.deprecated.as_ref());

    let mut generics = Vec::new();
    if e.params.iter().any(|p| p.ty == Ty::Entity) {
        generics.push(quote!(K: rt::EntityKind));
    }
    for t in &e.type_params {
        let t = ident(t);
        generics.push(quote!(#t: serde::de::DeserializeOwned));
    }
    let generics = (!generics.is_empty()).then(|| quote!(<#(#generics),*>));

    let wrapped = e.envelope.as_ref().filter(|env| env.wrap);
    let mut args = Vec::new();
    for p in &e.params {
        let n = ident(&p.rust);
        let t = param_type(p, rt);
        args.push(quote!(#n: #t));
    }
    if let Some(q) = &e.query {
        let qt = ident(&q.name);
        args.push(quote!(query: &#qt));
    }
    for p in wrapped.iter().flat_map(|env| &env.extra) {
        let n = ident(&p.rust);
        args.push(quote!(#n: &str));
    }
    if let Some(body) = &e.body {
        let (arg, t) = match (body, wrapped) {
            (other, Some(_)) => {
                let t = ty(other, rt, &models());
                (quote!(records), quote!(&[#t]))
            }
            (Ty::List(inner), None) => {
                let inner = ty(inner, rt, &models());
                (quote!(body), quote!(&[#inner]))
            }
            (other, None) => {
                let t = ty(other, rt, &models());
                (quote!(body), quote!(&#t))
            }
        };
        args.push(quote!(#arg: #t));
    }

    let segments = e.path.iter().map(|part| match part {
        PathPart::Literal(s) => quote!(.literal(#s)),
        PathPart::Param(rust) => {
            let p = e
                .params
                .iter()
                .find(|p| &p.rust == rust)
                .expect("path params are resolved in validation");
            let n = ident(&p.rust);
            let text = to_text(&p.ty, quote!(#n));
            quote!(.param(#text.as_ref()))
        }
    });
    let headers = e
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Header)
        .map(|p| {
            let n = ident(&p.rust);
            let wire = &p.wire;
            if p.required {
                let text = to_text(&p.ty, quote!(#n));
                quote!(let request = request.header(#wire, #text.to_owned());)
            } else {
                let text = to_text(&p.ty, quote!(v));
                quote!(let request = request.header_opt(#wire, #n.map(|v| #text.to_owned()));)
            }
        });
    let method = format_ident!("{}", e.http_method.as_str());
    let idempotent = e.idempotent;
    let query_args: Vec<&Param> = e
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .collect();
    let query = if let Some(_q) = &e.query {
        quote!(let request = request.query(query.to_query()?);)
    } else if !query_args.is_empty() {
        let pushes = query_args.iter().map(|p| {
            let n = ident(&p.rust);
            let wire = &p.wire;
            let text = to_text(&p.ty, quote!(#n));
            quote!(query.push(#wire, #text);)
        });
        quote! {
            let mut query = rt::QueryBuilder::new();
            #(#pushes)*
            let request = request.query(query);
        }
    } else {
        quote!()
    };
    let body = match (&e.body, wrapped) {
        (Some(_), Some(env)) => envelope::wrap_body(env),
        (Some(_), None) => quote!(let request = request.json(body)?;),
        (None, _) => quote!(),
    };
    let (ret, send) = match (&e.response, &e.envelope) {
        (Some(t), Some(env)) => {
            let (ret, send) = envelope::send(env, ty(t, rt, &models()));
            (quote!(rt::Response<#ret>), send)
        }
        (Some(t), None) => {
            let t = ty(t, rt, &models());
            (
                quote!(rt::Response<#t>),
                quote!(self.client.core.send_json(request).await),
            )
        }
        (None, _) => (
            quote!(rt::Response<()>),
            quote!(self.client.core.send_empty(request).await),
        ),
    };
    quote! {
        #doc
        #deprecated
        pub async fn #name #generics (&self, #(#args),*) -> Result<#ret, super::Error> {
            let path = rt::PathBuilder::new() #(#segments)*;
            let request = rt::Request::new(rt::reqwest::Method::#method, path, #idempotent);
            #(#headers)*
            #query
            #body
            #send
        }
    }
}
