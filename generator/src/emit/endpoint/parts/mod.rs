//! The endpoint parts ([`EndpointPart`]), one file each, their registry
//! and the assembly of what they contribute. A new endpoint construct is
//! one file here with one part, its `mod` line and one line in [`PARTS`].

use proc_macro2::TokenStream;

mod body;
mod envelope;
mod idempotency;
mod request;
mod retries;
mod root_key;

use super::part::EndpointPart;
use crate::ir::{Api, Endpoint};

/// Every endpoint part, in the order their statements build the request
/// and their sentences appear in the rustdoc.
const PARTS: &[&dyn EndpointPart] = &[
    &request::RequestLine,
    &request::Headers,
    &request::Query,
    &envelope::Envelope,
    &body::Encoding,
    &root_key::RootKey,
    &retries::Retries,
    &idempotency::IdempotencyKey,
];

/// The statements that build the request of `e`.
pub(super) fn build(e: &Endpoint, api: &Api) -> Vec<TokenStream> {
    PARTS.iter().map(|p| p.build(e, api)).collect()
}

/// The third type parameter of the returned call, if a part gives one.
pub(super) fn call_marker(e: &Endpoint) -> Option<TokenStream> {
    PARTS.iter().find_map(|p| p.call_marker(e))
}

/// The rustdoc sentences of every part, each after a space.
pub(super) fn doc_notes(e: &Endpoint, api: &Api) -> String {
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
