//! The endpoint parts ([`EndpointPart`]), one file each, their registry
//! and the assembly of what they contribute. A new endpoint construct is
//! one file here with one part, its `mod` line and one line in [`PARTS`].

use proc_macro2::TokenStream;

mod body;
mod conditional;
mod envelope;
mod idempotency;
mod json_body;
mod pagination;
mod request;
mod retries;
mod root_key;
mod status_bodies;

use quote::quote;

use super::super::context::ClientCx;
use super::part::EndpointPart;
use crate::ir::{Api, Endpoint, Resource};

/// Every endpoint part, in the order their statements build the request
/// and their sentences appear in the rustdoc.
const PARTS: &[&dyn EndpointPart] = &[
    &request::RequestLine,
    &request::Headers,
    &request::Query,
    &envelope::Envelope,
    &body::Encoding,
    &root_key::RootKey,
    &json_body::JsonBody,
    &status_bodies::StatusBodies,
    &pagination::Pagination,
    &retries::Retries,
    &idempotency::IdempotencyKey,
    &conditional::IfMatch,
];

/// The statements that build the request of `e`.
pub(super) fn build(e: &Endpoint, api: &Api) -> Vec<TokenStream> {
    PARTS.iter().map(|p| p.build(e, api)).collect()
}

/// The return type (`rt::Response<..>`) and the `rt::plumbing::Read` of the answer,
/// from the part that reads the response.
pub(in crate::emit) fn read(e: &Endpoint, cx: &ClientCx<'_>) -> (TokenStream, TokenStream) {
    let (body, read) = body_and_read(e, cx);
    (quote!(rt::Response<#body>), read)
}

/// The type the response body is read as and its `rt::plumbing::Read`.
fn body_and_read(e: &Endpoint, cx: &ClientCx<'_>) -> (TokenStream, TokenStream) {
    PARTS.iter().find_map(|p| p.read(e, cx)).unwrap_or_else(|| {
        // Every response kind has its part; without one the output says so.
        (
            quote!(()),
            quote!(compile_error!("no endpoint part reads this response")),
        )
    })
}

/// The handle's further methods for `e`, from every part.
pub(in crate::emit) fn handle_methods(
    e: &Endpoint,
    r: &Resource,
    cx: &ClientCx<'_>,
) -> TokenStream {
    PARTS.iter().map(|p| p.handle_methods(e, r, cx)).collect()
}

/// The client module's items for the endpoints of `r`: each part's, for
/// every endpoint in turn (all query structs, then all status enums).
pub(in crate::emit) fn items(r: &Resource, cx: &ClientCx<'_>) -> TokenStream {
    PARTS
        .iter()
        .flat_map(|p| r.endpoints.iter().map(|e| p.items(e, r, cx)))
        .collect()
}

/// The third type parameter of the returned call, if a part gives one.
pub(in crate::emit) fn call_marker(e: &Endpoint) -> Option<TokenStream> {
    let name: String = PARTS.iter().filter_map(|p| p.call_marker(e)).collect();
    if name.is_empty() {
        return None;
    }
    let name = quote::format_ident!("{name}");
    Some(quote!(rt::#name))
}

/// The rustdoc sentences of every part, each after a space.
pub(in crate::emit) fn doc_notes(e: &Endpoint, api: &Api) -> String {
    PARTS
        .iter()
        .filter_map(|p| p.doc_note(e, api))
        .map(|note| format!(" {note}"))
        .collect()
}

/// The example's lines between the call and `.await`.
pub(super) fn example_lines(e: &Endpoint) -> Vec<&'static str> {
    PARTS.iter().filter_map(|p| p.example_line(e)).collect()
}

/// The REFERENCE.md "retried" cell.
pub(in crate::emit) fn retried_cell(e: &Endpoint) -> &'static str {
    PARTS.iter().find_map(|p| p.retried_cell(e)).unwrap_or("no")
}

/// The REFERENCE.md "body" cell, from the body's type text.
pub(in crate::emit) fn body_cell(e: &Endpoint, api: &Api, body: &str) -> String {
    PARTS
        .iter()
        .find_map(|p| p.body_cell(e, api, body))
        .unwrap_or_else(|| body.to_owned())
}
