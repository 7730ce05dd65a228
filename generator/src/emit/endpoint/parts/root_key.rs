//! Root keys of responses: the result is read from under a top-level key
//! (`{"customer": {..}}`). The body side (sent wrapped) is the body
//! encoding's; unwrapping is the runtime's.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::super::context::ClientCx;
use super::super::part::EndpointPart;
use crate::ir::{Api, Endpoint, ResponseBody};

pub(super) struct RootKey;

impl EndpointPart for RootKey {
    fn read(&self, e: &Endpoint, cx: &ClientCx<'_>) -> Option<(TokenStream, TokenStream)> {
        let ResponseBody::Rooted { key, ty } = &e.response else {
            return None;
        };
        let t = cx.paths.ty(ty);
        Some((t, quote!(rt::Read::Rooted(#key))))
    }

    fn doc_note(&self, e: &Endpoint, _api: &Api) -> Option<String> {
        match &e.response {
            ResponseBody::Rooted { key, .. } => Some(format!(
                "The result is read from the response's `{key}` key."
            )),
            ResponseBody::Empty
            | ResponseBody::Json(_)
            | ResponseBody::Envelope(_)
            | ResponseBody::ByStatus(_) => None,
        }
    }
}
