//! The parts every endpoint method has: the request line (path and
//! method), header parameters and the query.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::super::context::ClientCx;
use super::super::super::wire_text::to_text;
use super::super::part::EndpointPart;
use crate::ir::{Api, ArgRole, Endpoint, Idempotency, PathPart, Resource};

pub(super) struct RequestLine;
pub(super) struct Headers;
pub(super) struct Query;

impl EndpointPart for RequestLine {
    fn build(&self, e: &Endpoint, _api: &Api) -> TokenStream {
        let (path, start) = (path(e), start(e));
        quote!(#path #start)
    }
}

impl EndpointPart for Headers {
    fn build(&self, e: &Endpoint, _api: &Api) -> TokenStream {
        headers(e)
    }
}

impl EndpointPart for Query {
    fn build(&self, e: &Endpoint, _api: &Api) -> TokenStream {
        query(e)
    }

    /// The endpoint's query struct.
    fn items(&self, e: &Endpoint, r: &Resource, cx: &ClientCx<'_>) -> TokenStream {
        e.query
            .as_ref()
            .map(|q| super::super::super::query::query_struct(q, r, e, &cx.paths))
            .unwrap_or_default()
    }
}

/// `let path = ...;`: literal segments and encoded parameters.
fn path(e: &Endpoint) -> TokenStream {
    let segments = e.path.iter().map(|part| match part {
        PathPart::Literal(s) => quote!(.literal(#s)),
        PathPart::Param { arg, text } => {
            let text = to_text(*text, quote!(#arg));
            quote!(.param(#text.as_ref()))
        }
    });
    quote!(let path = rt::PathBuilder::new() #(#segments)*;)
}

/// `let request = ...;`: method, path and whether it may be repeated.
fn start(e: &Endpoint) -> TokenStream {
    let method = format_ident!("{}", e.http_method.as_str());
    let idempotent = e.idempotency == Idempotency::Idempotent;
    quote!(let request = rt::Request::new(rt::reqwest::Method::#method, path, #idempotent);)
}

/// Header parameters.
fn headers(e: &Endpoint) -> TokenStream {
    let headers = e.args.iter().filter_map(|a| {
        let ArgRole::Header { wire, value } = &a.role else {
            return None;
        };
        let n = &a.name;
        let text = to_text(value.text, quote!(#n));
        Some(quote!(let request = request.header(#wire, #text.to_owned());))
    });
    quote!(#(#headers)*)
}

/// The query: from the query struct, or from required query arguments.
fn query(e: &Endpoint) -> TokenStream {
    if e.query.is_some() {
        return quote!(let request = request.query(query.to_query()?););
    }
    let pushes: Vec<TokenStream> = e
        .args
        .iter()
        .filter_map(|a| {
            let ArgRole::Query { wire, value } = &a.role else {
                return None;
            };
            let n = &a.name;
            let text = to_text(value.text, quote!(#n));
            Some(quote!(query.push(#wire, #text);))
        })
        .collect();
    if pushes.is_empty() {
        return quote!();
    }
    quote! {
        let mut query = rt::QueryBuilder::new();
        #(#pushes)*
        let request = request.query(query);
    }
}
