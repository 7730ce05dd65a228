//! The send section of an endpoint method: the return type and the runtime
//! call that sends the request and decodes the response.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::context::ClientCx;
use crate::ir::{Endpoint, EnvelopeResult, NotFound, ResponseBody};
use crate::names;

/// The return type (`rt::Response<..>`) and the sending expression.
pub(super) fn send(e: &Endpoint, cx: &ClientCx<'_>) -> (TokenStream, TokenStream) {
    let (ret, send) = match &e.response {
        ResponseBody::Empty => (quote!(()), quote!(core.send_empty(request).await)),
        ResponseBody::Json(t) => {
            let t = cx.paths.ty(t);
            (t, quote!(core.send_json(request).await))
        }
        ResponseBody::ByStatus(s) => {
            let name = &s.name;
            (quote!(#name), quote!(core.send_by_status(request).await))
        }
        ResponseBody::Rooted { key, ty } => {
            let t = cx.paths.ty(ty);
            (t, quote!(core.send_rooted(request, #key).await))
        }
        ResponseBody::Envelope(r) => {
            let item = cx.paths.ty(&r.item);
            let key = &r.key;
            let env = cx.api.settings.envelope(r.envelope);
            let status = names::envelope_status_static(&env.base);
            match r.result {
                EnvelopeResult::List(nf) => {
                    let nf = match nf {
                        NotFound::Empty => quote!(rt::NotFound::Empty),
                        NotFound::Error => quote!(rt::NotFound::Error),
                    };
                    (
                        quote!(Vec<#item>),
                        quote!(core.send_records(request, #key, #nf).await),
                    )
                }
                EnvelopeResult::Each => (
                    quote!(Vec<rt::RecordOutcome<#item>>),
                    quote!(core.send_outcomes(request, #key, &#status).await),
                ),
                EnvelopeResult::OneChecked => (
                    item,
                    quote!(core.send_outcome(request, #key, &#status).await),
                ),
                EnvelopeResult::One => (item, quote!(core.send_record(request, #key).await)),
            }
        }
    };
    (quote!(rt::Response<#ret>), send)
}
