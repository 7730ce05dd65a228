//! Root keys of responses: the result is read from under a top-level key
//! (`{"customer": {..}}`), with the members beside it as a model when
//! declared (`rt::WithSiblings`), or a list under a key with its page
//! info and wrapped items (`rt::KeyedPage`). The body side (sent wrapped)
//! is the body encoding's; unwrapping is the runtime's.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::super::context::ClientCx;
use super::super::part::EndpointPart;
use crate::ir::{Api, Endpoint, ListedResponse, ResponseBody};

pub(super) struct RootKey;

impl EndpointPart for RootKey {
    fn read(&self, e: &Endpoint, cx: &ClientCx<'_>) -> Option<(TokenStream, TokenStream)> {
        match &e.response {
            ResponseBody::Rooted { key, ty, siblings } => {
                let t = cx.paths.ty(ty);
                let t = match siblings {
                    Some(s) => {
                        let s = cx.paths.ty(s);
                        quote!(rt::WithSiblings<#t, #s>)
                    }
                    None => t,
                };
                Some((t, quote!(rt::plumbing::Read::Rooted(#key))))
            }
            ResponseBody::Listed(l) => Some(listed(l, cx)),
            ResponseBody::Empty
            | ResponseBody::Json(_)
            | ResponseBody::Envelope(_)
            | ResponseBody::ByStatus(_) => None,
        }
    }

    fn doc_note(&self, e: &Endpoint, _api: &Api) -> Option<String> {
        match &e.response {
            ResponseBody::Rooted {
                key,
                siblings: None,
                ..
            } => Some(format!(
                "The result is read from the response's `{key}` key."
            )),
            ResponseBody::Rooted {
                key,
                siblings: Some(_),
                ..
            } => Some(format!(
                "The result is read from the response's `{key}` key; the other top-level members are its `siblings`."
            )),
            ResponseBody::Listed(l) => Some(match &l.item_key {
                Some(item) => format!(
                    "The items are the `{item}` member of each element of the response's `{}` list.",
                    l.key
                ),
                None => format!("The items are the response's `{}` list.", l.key),
            }),
            ResponseBody::Empty
            | ResponseBody::Json(_)
            | ResponseBody::Envelope(_)
            | ResponseBody::ByStatus(_) => None,
        }
    }
}

/// `rt::KeyedPage<Item, Info, Siblings>` and its read.
fn listed(l: &ListedResponse, cx: &ClientCx<'_>) -> (TokenStream, TokenStream) {
    let item = cx.paths.ty(&l.item);
    let models = &cx.paths.models;
    let info = match l.info {
        Some(id) => {
            let n = cx.paths.types.name(id);
            quote!(#models #n)
        }
        None => quote!(rt::NoSiblings),
    };
    let key = &l.key;
    let (ty, read) = match (&l.item_key, &l.item_siblings) {
        (Some(item_key), siblings) => {
            let s = siblings
                .as_ref()
                .map_or_else(|| quote!(rt::NoSiblings), |s| cx.paths.ty(s));
            (
                quote!(rt::KeyedPage<#item, #info, #s>),
                quote!(rt::plumbing::Read::Listed { key: #key, item: #item_key }),
            )
        }
        (None, _) if l.info.is_some() => (
            quote!(rt::KeyedPage<#item, #info>),
            quote!(rt::plumbing::Read::Rooted(#key)),
        ),
        (None, _) => (
            quote!(rt::KeyedPage<#item>),
            quote!(rt::plumbing::Read::Rooted(#key)),
        ),
    };
    (ty, read)
}
