//! Enveloped endpoints in the client module: the statics describing each
//! envelope, and how a method wraps its records and unwraps its results.
//! Wrapping and unwrapping themselves are runtime functions.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::rust::ident;
use crate::ir::{Api, EndpointEnvelope, Envelope, EnvelopeResult};

fn request_static(name: &str) -> proc_macro2::Ident {
    format_ident!("ENVELOPE_{}", name)
}

fn status_static(name: &str) -> proc_macro2::Ident {
    format_ident!("STATUS_{}", name)
}

fn uses_status(e: &EndpointEnvelope) -> bool {
    e.has_status && e.result != EnvelopeResult::List
}

/// The statics of the envelopes some endpoint uses.
pub fn statics(api: &Api) -> TokenStream {
    let used: Vec<&EndpointEnvelope> = api
        .resources
        .iter()
        .flat_map(|r| &r.endpoints)
        .filter_map(|e| e.envelope.as_ref())
        .collect();
    let items = api.envelopes.iter().map(|env: &Envelope| {
        let name = &env.const_name;
        let doc = docs::outer(&env.doc);
        let request = used
            .iter()
            .any(|u| &u.envelope == name && u.wrap)
            .then(|| {
                let id = request_static(name);
                let records = &env.records;
                let nulls = match &env.nulls {
                    Some(n) => quote!(Some(#n)),
                    None => quote!(None),
                };
                quote! {
                    #doc
                    static #id: rt::RequestEnvelope = rt::RequestEnvelope { records: #records, nulls: #nulls };
                }
            });
        let status = env
            .status
            .as_ref()
            .filter(|_| used.iter().any(|u| &u.envelope == name && uses_status(u)))
            .map(|st| {
                let id = status_static(name);
                let code = &st.code;
                let ok = &st.ok;
                let opt = |v: &Option<String>| match v {
                    Some(s) => quote!(Some(#s)),
                    None => quote!(None),
                };
                let (text, field) = (opt(&st.text), opt(&st.field));
                quote! {
                    #doc
                    static #id: rt::RecordStatus = rt::RecordStatus { code: #code, ok: &[#(#ok),*], text: #text, field: #field };
                }
            });
        quote!(#request #status)
    });
    quote!(#(#items)*)
}

/// Extra sentences for the method doc.
pub fn doc(e: &EndpointEnvelope, envelope: Option<&Envelope>) -> String {
    let mut out = String::new();
    if let (true, Some(env)) = (e.wrap, envelope) {
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
    out.push_str(&match e.result {
        EnvelopeResult::Each => format!(
            " Returns one outcome per record from `{}`, in request order: a record the server rejected is an `Err(RecordError)` and does not hide the results of the others.",
            e.response_key
        ),
        EnvelopeResult::One if uses_status(e) => format!(
            " Returns the one result from `{}`; a rejected record is `Error::Record`.",
            e.response_key
        ),
        EnvelopeResult::One => format!(" Returns the one result from `{}`.", e.response_key),
        EnvelopeResult::List if e.not_found_empty => format!(
            " Returns the records from `{}`; a 404 (no matching record) is an empty list.",
            e.response_key
        ),
        EnvelopeResult::List => format!(" Returns the records from `{}`.", e.response_key),
    });
    out
}

/// The statement turning `records` (and the envelope arguments) into the JSON body.
pub fn wrap_body(e: &EndpointEnvelope) -> TokenStream {
    let id = request_static(&e.envelope);
    let extra = e.extra.iter().map(|p| {
        let wire = &p.wire;
        let n = ident(&p.rust);
        quote!((#wire, rt::serde_json::Value::from(#n)))
    });
    quote! {
        let body = rt::wrap(&#id, records, vec![#(#extra),*])?;
        let request = request.json(&body)?;
    }
}

/// The return type (inside `rt::Response`) and the sending expression.
pub fn send(e: &EndpointEnvelope, item: TokenStream) -> (TokenStream, TokenStream) {
    let key = &e.response_key;
    let status = status_static(&e.envelope);
    match e.result {
        EnvelopeResult::List => {
            let nf = if e.not_found_empty {
                quote!(rt::NotFound::Empty)
            } else {
                quote!(rt::NotFound::Error)
            };
            (
                quote!(Vec<#item>),
                quote!(self.client.core.send_records(request, #key, #nf).await),
            )
        }
        EnvelopeResult::Each => (
            quote!(Vec<rt::RecordOutcome<#item>>),
            quote!(self.client.core.send_outcomes(request, #key, &#status).await),
        ),
        EnvelopeResult::One if uses_status(e) => (
            item,
            quote!(self.client.core.send_outcome(request, #key, &#status).await),
        ),
        EnvelopeResult::One => (
            item,
            quote!(self.client.core.send_record(request, #key).await),
        ),
    }
}
