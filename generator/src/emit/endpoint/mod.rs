//! One endpoint method, rendered as a sequence of named sections, each a
//! small function constructs plug into: [`doc`], [`signature`], then the
//! body of the method: [`request::path`], [`request::start`],
//! [`request::headers`], [`request::query`], [`request::body`] and
//! [`response::send`]. Everything was decided in validation; this only renders.

pub(super) mod example;
mod request;
mod response;
mod signature;

use proc_macro2::TokenStream;
use quote::quote;

use super::client::envelope::method_doc as envelope_doc;
use super::context::ClientCx;
use super::docs;
use crate::ir::{Endpoint, Idempotency, KeyPlace, Resource};

/// The method of an endpoint on its resource handle.
pub(super) fn method(e: &Endpoint, r: &Resource, cx: &ClientCx<'_>) -> TokenStream {
    let doc = doc(e, cx);
    let example = cx
        .examples
        .map(|root| docs::example(&example::call(e, r, &cx.api.types, root)));
    let deprecated = docs::deprecated(e.deprecated.as_ref());
    let (ret, send) = response::send(e, cx);
    let signature = signature::signature(e, &cx.paths, &ret);
    let sections = [
        request::path(e),
        request::start(e),
        request::headers(e),
        request::query(e),
        request::body(e, cx.api),
        request::idempotency_key(e),
    ];
    let error = super::statuses::error_type(e, &cx.paths);
    let owned_ids = signature::owned_ids(e, &cx.paths);
    // The request is built now, from the borrowed arguments; the returned
    // future owns it and a handle on the client, so it is `'static`.
    quote! {
        #doc
        #example
        #deprecated
        #signature {
            #owned_ids
            let core = self.client.core.clone();
            let request: Result<rt::Request, #error> = rt::build(|| {
                #(#sections)*
                Ok(request)
            });
            rt::Call::new(core, request, |core, request| Box::pin(async move { #send }))
        }
    }
}

/// Sentences on how the body is written and where the result is read.
fn body_notes(e: &Endpoint) -> String {
    use crate::ir::{BodyEncoding, RequestBody, ResponseBody};
    let mut out = String::new();
    if let RequestBody::Encoded { encoding, root, .. } = &e.body {
        match encoding {
            BodyEncoding::Form => out.push_str(" The body is sent form-encoded (`application/x-www-form-urlencoded`, nested fields as `name[key]`)."),
            BodyEncoding::Multipart => out.push_str(" The body is sent as `multipart/form-data`: `bytes` fields as file parts, the others as text parts."),
            BodyEncoding::Json => {}
        }
        if let Some(key) = root {
            out.push_str(&format!(
                " The body is sent wrapped as `{{\"{key}\": ...}}`."
            ));
        }
    }
    if let ResponseBody::Rooted { key, .. } = &e.response {
        out.push_str(&format!(
            " The result is read from the response's `{key}` key."
        ));
    }
    out
}

/// The rustdoc: the spec's text, the request line, envelope notes and
/// whether the call is retried.
fn doc(e: &Endpoint, cx: &ClientCx<'_>) -> TokenStream {
    let retry_note = match &e.idempotency {
        Idempotency::Idempotent => {
            "Retried on 429, 5xx and connection failures according to the retry policy.".to_owned()
        }
        Idempotency::NotIdempotent => {
            "Not retried automatically: repeating it could apply it twice.".to_owned()
        }
        Idempotency::Keyed(place) => {
            let place = match place {
                KeyPlace::Header(h) => format!("the `{h}` header"),
                KeyPlace::Field(f) => format!("the body field `{f}`"),
            };
            format!(
                "Carries an idempotency key in {place}: a new random one (a UUID), or yours, given with [`rt::Call::idempotency_key`]. Every attempt sends the same key, so the call is retried on 429, 5xx and connection failures according to the retry policy; keep the key ([`rt::Call::sent_idempotency_key`]) to repeat the call safely later."
            )
        }
    };
    let form = body_notes(e);
    docs::outer(&format!(
        "{}\n\n`{} {}`.{}{form} {retry_note}",
        e.doc,
        e.http_method.as_str(),
        e.path_template,
        envelope_doc(cx.api, e)
    ))
}
