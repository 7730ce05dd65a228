//! Endpoint constructs as plug-ins: each construct that shapes an endpoint
//! method is one [`EndpointPart`] in its own file, registered once in
//! `parts.rs`. The method, its rustdoc, its `# Example` and its
//! REFERENCE.md row are assembled by asking every part in turn, as
//! smithy-rs asks its operation customizations. A hook a part does not need
//! keeps its default, which adds nothing.

use proc_macro2::TokenStream;

use super::super::context::ClientCx;
use crate::ir::{Api, Endpoint, Resource};

/// One construct's contribution to an endpoint method.
pub(in crate::emit) trait EndpointPart: Sync {
    /// Statements that build the request, run in registration order inside
    /// the method's build step (they may use `?`).
    fn build(&self, _e: &Endpoint, _api: &Api) -> TokenStream {
        TokenStream::new()
    }

    /// The body type of the returned `rt::Response<..>` and the `rt::plumbing::Read`
    /// that says how the answer is read, when the part reads this
    /// endpoint's response (exactly one part does). The reading is the
    /// runtime's, compiled where the call is awaited.
    fn read(&self, _e: &Endpoint, _cx: &ClientCx<'_>) -> Option<(TokenStream, TokenStream)> {
        None
    }

    /// Further methods of the resource handle beside the endpoint's own
    /// (the streams of a paginated endpoint).
    fn handle_methods(&self, _e: &Endpoint, _r: &Resource, _cx: &ClientCx<'_>) -> TokenStream {
        TokenStream::new()
    }

    /// Items the client module defines beside the handle for the endpoint
    /// (its query struct, its enum of bodies by status).
    fn items(&self, _e: &Endpoint, _r: &Resource, _cx: &ClientCx<'_>) -> TokenStream {
        TokenStream::new()
    }

    /// The part's piece of the third type parameter of the returned
    /// `rt::Call` (`Keyed`, `Conditional`), when it marks the call; the
    /// pieces of every part, in registration order, name the marker
    /// (`rt::KeyedConditional`), which gives the call its methods.
    fn call_marker(&self, _e: &Endpoint) -> Option<&'static str> {
        None
    }

    /// Sentences for the method's rustdoc, after its request line.
    fn doc_note(&self, _e: &Endpoint, _api: &Api) -> Option<String> {
        None
    }

    /// A line between the call and `.await` in the `# Example`.
    fn example_line(&self, _e: &Endpoint) -> Option<&'static str> {
        None
    }

    /// The REFERENCE.md "retried" cell.
    fn retried_cell(&self, _e: &Endpoint) -> Option<&'static str> {
        None
    }

    /// The REFERENCE.md "body" cell, from the body's type text.
    fn body_cell(&self, _e: &Endpoint, _api: &Api, _body: &str) -> Option<String> {
        None
    }
}
