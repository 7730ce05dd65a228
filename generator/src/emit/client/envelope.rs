//! Envelopes in the client module: the statics describing each envelope
//! some endpoint uses (what a method does with them is the endpoint part in
//! `emit/endpoint/envelope.rs`). Wrapping and unwrapping themselves are
//! runtime functions.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs;
use crate::ir::{Api, Endpoint, EnvelopeId, RequestBody, ResponseBody};
use crate::names;

fn wraps_with(e: &Endpoint, id: EnvelopeId) -> bool {
    matches!(&e.body, RequestBody::Envelope { envelope, .. } if *envelope == id)
}

fn checks_status_of(e: &Endpoint, id: EnvelopeId) -> bool {
    matches!(&e.response, ResponseBody::Envelope(r) if r.envelope == id && r.result.uses_status())
}

/// The statics of the envelopes some endpoint uses.
pub(super) fn statics(api: &Api) -> TokenStream {
    let endpoints: Vec<&Endpoint> = api.resources.iter().flat_map(|r| &r.endpoints).collect();
    let items = api.settings.envelopes.iter().enumerate().map(|(i, env)| {
        let id = EnvelopeId(i);
        let doc = docs::outer(&docs::text(&env.doc));
        let request = endpoints.iter().any(|e| wraps_with(e, id)).then(|| {
            let name = names::envelope_request_static(&env.base);
            let records = &env.records;
            let nulls = match &env.nulls {
                Some(n) => quote!(Some(#n)),
                None => quote!(None),
            };
            quote! {
                #doc
                static #name: rt::plumbing::RequestEnvelope = rt::plumbing::RequestEnvelope { records: #records, nulls: #nulls };
            }
        });
        let status = env
            .status
            .as_ref()
            .filter(|_| endpoints.iter().any(|e| checks_status_of(e, id)))
            .map(|st| {
                let name = names::envelope_status_static(&env.base);
                let code = &st.code;
                let ok = &st.ok;
                let opt = |v: &Option<String>| match v {
                    Some(s) => quote!(Some(#s)),
                    None => quote!(None),
                };
                let (text, field) = (opt(&st.text), opt(&st.field));
                quote! {
                    #doc
                    static #name: rt::plumbing::RecordStatus = rt::plumbing::RecordStatus { code: #code, ok: &[#(#ok),*], text: #text, field: #field };
                }
            });
        quote!(#request #status)
    });
    quote!(#(#items)*)
}
