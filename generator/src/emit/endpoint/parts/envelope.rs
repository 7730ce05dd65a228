//! Request and response envelopes on an endpoint method: the records
//! argument is wrapped with its top-level fields, results are unwrapped
//! from the response's key (the runtime's `wrap`, `records`, `outcomes`).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::super::context::ClientCx;
use super::super::part::EndpointPart;
use crate::ir::{Api, Endpoint, EnvelopeResult, NotFound, RequestBody, ResponseBody};
use crate::names;

pub(super) struct Envelope;

impl EndpointPart for Envelope {
    fn build(&self, e: &Endpoint, api: &Api) -> TokenStream {
        let RequestBody::Envelope {
            envelope,
            records,
            fields,
        } = &e.body
        else {
            return quote!();
        };
        let env = api.settings.envelope(*envelope);
        let id = names::envelope_request_static(&env.base);
        let extra = fields.iter().map(|f| {
            let (wire, n) = (&f.wire, &f.arg);
            quote!((#wire, rt::serde_json::Value::from(#n)))
        });
        quote! {
            let body = rt::plumbing::wrap(&#id, #records, vec![#(#extra),*])?;
            let request = request.json(&body)?;
        }
    }

    fn read(&self, e: &Endpoint, cx: &ClientCx<'_>) -> Option<(TokenStream, TokenStream)> {
        let ResponseBody::Envelope(r) = &e.response else {
            return None;
        };
        let item = cx.paths.ty(&r.item);
        let key = &r.key;
        let env = cx.api.settings.envelope(r.envelope);
        let status = names::envelope_status_static(&env.base);
        Some(match r.result {
            EnvelopeResult::List(nf) => {
                let nf = match nf {
                    NotFound::Empty => quote!(rt::plumbing::NotFound::Empty),
                    NotFound::Error => quote!(rt::plumbing::NotFound::Error),
                };
                (
                    quote!(Vec<#item>),
                    quote!(rt::plumbing::Read::Records { key: #key, not_found: #nf }),
                )
            }
            EnvelopeResult::Each => (
                quote!(rt::Outcomes<#item>),
                quote!(rt::plumbing::Read::Outcomes { key: #key, status: &#status }),
            ),
            EnvelopeResult::OneChecked => (
                item,
                quote!(rt::plumbing::Read::Outcome { key: #key, status: &#status }),
            ),
            EnvelopeResult::One => (item, quote!(rt::plumbing::Read::Record(#key))),
        })
    }

    fn doc_note(&self, e: &Endpoint, api: &Api) -> Option<String> {
        let doc = method_doc(api, e);
        (!doc.is_empty()).then(|| doc.trim_start().to_owned())
    }

    fn body_cell(&self, e: &Endpoint, api: &Api, body: &str) -> Option<String> {
        let RequestBody::Envelope { envelope, .. } = &e.body else {
            return None;
        };
        let key = &api.settings.envelope(*envelope).records;
        Some(format!("[{body}] in {key}"))
    }
}

/// What a method's doc says about its envelope: how records are sent and
/// what the results are.
fn method_doc(api: &Api, e: &Endpoint) -> String {
    let mut out = String::new();
    if let RequestBody::Envelope { envelope, .. } = &e.body {
        let env = api.settings.envelope(*envelope);
        out.push_str(&format!(
            " The records are sent in `{}`: one record as an object, several as a list.",
            env.records
        ));
        if let Some(nulls) = &env.nulls {
            out.push_str(&format!(
                " Fields a record serialises as `null` (e.g. `Patch::Null`) are named in `{nulls}` instead."
            ));
        }
    }
    let ResponseBody::Envelope(r) = &e.response else {
        return out;
    };
    let key = &r.key;
    out.push_str(&match r.result {
        EnvelopeResult::Each => format!(
            " Returns one outcome per record from `{key}`, in request order: a record the server rejected is an `Err(RecordError)` and does not hide the results of the others."
        ),
        EnvelopeResult::OneChecked => format!(
            " Returns the one result from `{key}`; a rejected record is `Error::Record`."
        ),
        EnvelopeResult::One => format!(" Returns the one result from `{key}`."),
        EnvelopeResult::List(NotFound::Empty) => format!(
            " Returns the records from `{key}`; a 404 with the API's error body (no matching record) is an empty list, any other 404 (such as an HTML page for a wrong URL) an error."
        ),
        EnvelopeResult::List(NotFound::Error) => format!(" Returns the records from `{key}`."),
    });
    out
}
