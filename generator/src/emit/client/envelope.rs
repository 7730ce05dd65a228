//! Envelopes in the client module: the statics describing each envelope
//! some endpoint uses, and what a method's doc says about them. Wrapping
//! and unwrapping themselves are runtime functions.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs;
use crate::ir::{Api, Endpoint, EnvelopeId, EnvelopeResult, NotFound, RequestBody, ResponseBody};
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
        let doc = docs::outer(&env.doc);
        let request = endpoints.iter().any(|e| wraps_with(e, id)).then(|| {
            let name = names::envelope_request_static(&env.base);
            let records = &env.records;
            let nulls = match &env.nulls {
                Some(n) => quote!(Some(#n)),
                None => quote!(None),
            };
            quote! {
                #doc
                static #name: rt::RequestEnvelope = rt::RequestEnvelope { records: #records, nulls: #nulls };
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
                    static #name: rt::RecordStatus = rt::RecordStatus { code: #code, ok: &[#(#ok),*], text: #text, field: #field };
                }
            });
        quote!(#request #status)
    });
    quote!(#(#items)*)
}

/// What a method's doc says about its envelope: how records are sent and
/// what the results are.
pub(in crate::emit) fn method_doc(api: &Api, e: &Endpoint) -> String {
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
