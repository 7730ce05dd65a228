//! Responses read as one JSON body of the endpoint's type, or not read at
//! all (`()`).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::super::context::ClientCx;
use super::super::part::EndpointPart;
use crate::ir::{Endpoint, ResponseBody};

pub(super) struct JsonBody;

impl EndpointPart for JsonBody {
    fn read(&self, e: &Endpoint, cx: &ClientCx<'_>) -> Option<(TokenStream, TokenStream)> {
        match &e.response {
            ResponseBody::Empty => Some((quote!(()), quote!(rt::plumbing::Read::Empty))),
            ResponseBody::Json(t) => {
                let t = cx.paths.ty(t);
                Some((t, quote!(rt::plumbing::Read::Json)))
            }
            ResponseBody::Rooted { .. }
            | ResponseBody::Listed(_)
            | ResponseBody::Envelope(_)
            | ResponseBody::ByStatus(_) => None,
        }
    }
}
