//! `client.rs` of an API: the descriptor the runtime reads, envelope
//! statics, environments, `Client`, `ClientBuilder`, and one handle per
//! resource with one method per endpoint. Methods only describe the
//! request; sending, retrying and decoding happen in the runtime.

mod builder;
pub(super) mod envelope;
mod example;
mod session;
mod webhooks;

use proc_macro2::TokenStream;
use quote::quote;

use super::context::ClientCx;
use super::rust::TypePaths;
use super::{docs, endpoint};
use crate::ir::{Api, AuthScheme, Resource};

/// One section of `client.rs`. Sections are emitted and formatted on their
/// own (on several threads, in chunks) and joined in this order.
#[derive(Clone, Copy, Debug)]
pub enum Section {
    /// The module doc and imports, the descriptor, envelope statics,
    /// environments, `Client` and `ClientBuilder`.
    Head,
    /// A resource handle with its methods and items (by index).
    Resource(usize),
}

/// The sections of `client.rs`, in order.
pub fn sections(api: &Api) -> Vec<Section> {
    std::iter::once(Section::Head)
        .chain((0..api.resources.len()).map(Section::Resource))
        .collect()
}

/// The tokens of one section.
pub fn section(api: &Api, rt: &syn::Path, examples: Option<&str>, s: Section) -> TokenStream {
    let cx = ClientCx {
        api,
        paths: TypePaths {
            types: &api.types,
            models: quote!(super::models::),
        },
        examples,
    };
    match s {
        Section::Head => head(api, rt, examples),
        Section::Resource(i) => resource(&api.resources[i], &cx),
    }
}

/// The tokens of the whole `client` module.
pub fn file(api: &Api, rt: &syn::Path, examples: Option<&str>) -> TokenStream {
    sections(api)
        .into_iter()
        .map(|s| section(api, rt, examples, s))
        .collect()
}

fn head(api: &Api, rt: &syn::Path, examples: Option<&str>) -> TokenStream {
    let descriptor = descriptor(api);
    let envelopes = envelope::statics(api);
    let environment = environment(api);
    let client = client(api, examples);
    let builder = builder::builder(api);
    let webhooks = webhooks::receiver(api, examples);
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
        #webhooks
    }
}

fn opt_str(v: Option<&str>) -> TokenStream {
    match v {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}

fn descriptor(api: &Api) -> TokenStream {
    let s = &api.settings;
    let name = api.module.as_str();
    let base_url = &s.base_url;
    let h = &s.response_headers;
    let (etag, limit, remaining, request_id) = (
        opt_str(h.etag.as_deref()),
        opt_str(h.rate_limit_limit.as_deref()),
        opt_str(h.rate_limit_remaining.as_deref()),
        opt_str(h.request_id.as_deref()),
    );
    let overridable = s.overridable_headers.iter().map(|o| &o.header);
    let headers = s.default_headers.iter().chain(overridable).map(|h| {
        let (k, v) = (&h.name, &h.value);
        quote!((#k, #v))
    });
    let token_url = opt_str(s.auth.scheme.token_url());
    let body_request_id = opt_str(s.request_id_in_body.as_deref());
    let session = session::descriptor(s.auth.scheme.session());
    let stale = stale(api);
    let credentials = credentials(&s.auth.scheme);
    let not_processed = s
        .errors
        .statuses
        .iter()
        .filter(|st| st.not_processed)
        .map(|st| proc_macro2::Literal::u16_unsuffixed(st.status));
    quote! {
        static API: rt::plumbing::ApiDescriptor = rt::plumbing::ApiDescriptor {
            name: #name,
            base_url: #base_url,
            headers: rt::plumbing::HeaderNames {
                etag: #etag,
                rate_limit_limit: #limit,
                rate_limit_remaining: #remaining,
                request_id: #request_id,
            },
            default_headers: &[#(#headers),*],
            token_url: #token_url,
            session: #session,
            stale: #stale,
            credentials: &[#(#credentials),*],
            not_processed: &[#(#not_processed),*],
            body_request_id: #body_request_id,
        };
    }
}

/// The credential kinds the auth scheme accepts, with their builder methods.
fn credentials(scheme: &AuthScheme) -> Vec<TokenStream> {
    let kind = |k: &str, method: &str| {
        let k = quote::format_ident!("{}", k);
        quote!((rt::CredentialKind::#k, #method))
    };
    match scheme {
        AuthScheme::None => Vec::new(),
        AuthScheme::Bearer { client_credentials } => {
            let mut out = vec![
                kind("Bearer", "bearer_token"),
                kind("TokenProvider", "token_provider"),
            ];
            if client_credentials.is_some() {
                out.push(kind("ClientCredentials", "client_credentials"));
            }
            out
        }
        AuthScheme::Basic { api_key } => {
            let mut out: Vec<TokenStream> = api_key
                .iter()
                .map(|k| kind("Basic", k.method.as_str()))
                .collect();
            out.push(kind("Basic", "basic_auth"));
            out
        }
        AuthScheme::Session(_) => vec![
            kind("Session", "session_login"),
            kind("SessionId", "session_id"),
        ],
    }
}

/// `rt::plumbing::StaleSignals`: what an expired token or session looks like.
fn stale(api: &Api) -> TokenStream {
    let s = &api.settings.stale;
    let statuses = s
        .statuses
        .iter()
        .map(|s| proc_macro2::Literal::u16_unsuffixed(*s));
    let codes = s.codes.iter().map(|(status, code)| {
        let status = proc_macro2::Literal::u16_unsuffixed(*status);
        quote!((#status, #code))
    });
    let code = match (&api.settings.errors.body, s.codes.is_empty()) {
        (Some(body), false) => {
            let name = api.types.name(body.model);
            quote!(Some(rt::plumbing::error_code::<super::models::#name>))
        }
        _ => quote!(None),
    };
    quote! {
        rt::plumbing::StaleSignals {
            statuses: &[#(#statuses),*],
            codes: &[#(#codes),*],
            code: #code,
        }
    }
}

fn environment(api: &Api) -> TokenStream {
    let envs = &api.settings.environments;
    if envs.is_empty() {
        return quote!();
    }
    let variants = envs.iter().map(|e| {
        let v = &e.variant;
        let doc = docs::outer(&docs::text(&e.doc));
        quote! { #doc #v, }
    });
    let arms = envs.iter().map(|e| {
        let v = &e.variant;
        let pairs = e.values.iter().map(|h| {
            let (k, val) = (&h.name, &h.value);
            quote!((#k, #val))
        });
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

fn client(api: &Api, examples: Option<&str>) -> TokenStream {
    let auth = &api.settings.auth;
    let session = session::client_methods(auth.scheme.session());
    let title = &api.title;
    let doc = docs::outer(&format!(
        "Client for the {title} API. Cheap to clone: clones share connections and the token cache."
    ));
    let example = example::client_example(api, examples).map(|lines| docs::example(&lines));
    let accessors = api.resources.iter().map(|r| {
        let (acc, t) = (&r.accessor, &r.type_name);
        let rdoc = docs::outer(&docs::text(&r.doc));
        quote! {
            #rdoc
            #[inline]
            pub fn #acc(&self) -> #t {
                #t { client: self.clone() }
            }
        }
    });
    quote! {
        #doc
        #example
        #[derive(Clone, Debug)]
        pub struct Client {
            core: std::sync::Arc<rt::plumbing::Core>,
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

            rt::client_execute_methods!();

            #(#accessors)*
        }
    }
}

fn resource(r: &Resource, cx: &ClientCx<'_>) -> TokenStream {
    let t = &r.type_name;
    let doc = docs::outer(&format!(
        "{}\n\nObtained from [`Client::{}`]; it holds a clone of the client (cheap: clones share connections and credentials), so it can be kept and moved freely.",
        docs::text(&r.doc),
        r.accessor
    ));
    let methods = r.endpoints.iter().map(|e| {
        let call = endpoint::method(e, r, cx);
        let more = endpoint::parts::handle_methods(e, r, cx);
        quote!(#call #more)
    });
    let items = endpoint::parts::items(r, cx);
    quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct #t {
            client: Client,
        }

        impl #t {
            #(#methods)*
        }

        #items
    }
}
