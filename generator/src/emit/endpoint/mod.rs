//! One endpoint method: its rustdoc, `# Example`, signature, the statements
//! that build its request and the step that sends it and reads the answer. Each construct that
//! shapes a method is a `part::EndpointPart` in a file of its own under
//! `parts/` (request.rs: request line, headers, query; body.rs: body
//! encodings; envelope.rs; root_key.rs; retries.rs; idempotency.rs),
//! registered in `parts/mod.rs`. Everything was decided in validation; this only renders.

pub(super) mod example;
mod part;
pub(super) mod parts;
mod signature;

use proc_macro2::TokenStream;
use quote::quote;

use super::context::ClientCx;
use super::docs;
use crate::ir::{Endpoint, Resource};

/// The method of an endpoint on its resource handle.
pub(super) fn method(e: &Endpoint, r: &Resource, cx: &ClientCx<'_>) -> TokenStream {
    let doc = doc(e, cx);
    let example = cx.examples.map(|root| {
        let lines = parts::example_lines(e);
        docs::example(&example::call(e, r, &cx.api.types, (root, &lines)))
    });
    let deprecated = docs::deprecated(e.deprecated.as_ref());
    let (ret, read) = parts::read(e, cx);
    let signature = signature::signature(e, &cx.paths, &ret);
    let sections = parts::build(e, cx.api);
    let error = super::statuses::error_type(e, &cx.paths);
    let owned_ids = signature::owned_ids(e, &cx.paths);
    let typed_example = cx
        .examples
        .zip(e.typed_records.as_ref())
        .map(|(root, typed)| {
            let lines = example::call(e, r, &cx.api.types, (root, &parts::example_lines(e)));
            docs::example(&example::typed_records(
                &lines,
                e.method.as_str(),
                typed.as_str(),
            ))
        });
    let typed = signature::typed_records(e, &cx.paths, &ret, typed_example);
    // The request is built now, from the borrowed arguments; the returned
    // future owns it and a handle on the client, so it is `'static`.
    quote! {
        #doc
        #example
        #deprecated
        #signature {
            #owned_ids
            let core = self.client.core.clone();
            let request: Result<rt::Request, #error> = rt::plumbing::build(|| {
                #(#sections)*
                Ok(request)
            });
            rt::Call::new(core, request, #read)
        }

        #typed
    }
}

/// The rustdoc: the spec's text, the request line, and every part's notes.
fn doc(e: &Endpoint, cx: &ClientCx<'_>) -> TokenStream {
    docs::outer(&format!(
        "{}\n\n`{} {}`.{}",
        docs::endpoint_doc(e),
        e.http_method.as_str(),
        e.path_template,
        parts::doc_notes(e, cx.api)
    ))
}

/// The type an endpoint's method returns: `rt::Call<rt::Response<..>,
/// error, marker>` (for code that calls the method, such as a webhook
/// event's `fetch`).
pub(in crate::emit) fn call_type(e: &Endpoint, cx: &ClientCx<'_>) -> TokenStream {
    let (ret, _) = parts::read(e, cx);
    let error = super::statuses::error_type(e, &cx.paths);
    let marker = parts::call_marker(e).map(|m| quote!(, #m));
    quote!(rt::Call<#ret, #error #marker>)
}
