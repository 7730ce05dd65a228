//! Bodies by success status: the response is decoded as the variant of
//! the endpoint's status enum its status picks (the enum itself is emitted
//! by `emit/statuses.rs`; choosing is the runtime's `FromStatus`).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::super::context::ClientCx;
use super::super::part::EndpointPart;
use crate::ir::{Endpoint, Resource, ResponseBody};

pub(super) struct StatusBodies;

impl EndpointPart for StatusBodies {
    /// The enum of the endpoint's bodies by status.
    fn items(&self, e: &Endpoint, r: &Resource, cx: &ClientCx<'_>) -> TokenStream {
        super::super::super::statuses::status_enum(e, r, &cx.paths)
    }

    fn read(&self, e: &Endpoint, _cx: &ClientCx<'_>) -> Option<(TokenStream, TokenStream)> {
        let ResponseBody::ByStatus(s) = &e.response else {
            return None;
        };
        let name = &s.name;
        Some((quote!(#name), quote!(rt::plumbing::Read::ByStatus)))
    }
}
