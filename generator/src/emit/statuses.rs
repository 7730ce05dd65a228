//! The enum of an endpoint's success responses by status, with its
//! `rt::plumbing::FromStatus` (and `rt::plumbing::FromBody`) implementation, and the error type of an endpoint with
//! its own error body.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::rust::TypePaths;
use crate::ir::{Endpoint, Resource, ResponseBody};

/// `Result`'s error type of an endpoint's method and streams.
pub(super) fn error_type(e: &Endpoint, paths: &TypePaths<'_>) -> TokenStream {
    match e.error_body {
        Some(id) => {
            let name = paths.types.name(id);
            let models = &paths.models;
            quote!(rt::Error<#models #name>)
        }
        None => quote!(super::Error),
    }
}

/// The status enum of an endpoint with `responses`.
pub(super) fn status_enum(e: &Endpoint, r: &Resource, paths: &TypePaths<'_>) -> TokenStream {
    let ResponseBody::ByStatus(s) = &e.response else {
        return quote!();
    };
    let name = &s.name;
    let doc = format!(
        " The success responses of [`{}::{}`], by HTTP status.",
        r.type_name, e.method
    );
    let variants = s.variants.iter().map(|v| {
        let (n, status) = (&v.variant, v.status);
        let vdoc = docs::outer(&format!("HTTP {status}: {}", docs::text(&v.doc)));
        match &v.ty {
            Some(t) => {
                let t = paths.ty(t);
                quote! { #vdoc #n(#t), }
            }
            None => quote! { #vdoc #n, },
        }
    });
    let arms = s.variants.iter().map(|v| {
        let (n, status) = (&v.variant, proc_macro2::Literal::u16_unsuffixed(v.status));
        match &v.ty {
            Some(_) => quote!(#status => rt::plumbing::decode_json(status, body).map(Self::#n),),
            None => quote!(#status => Ok(Self::#n),),
        }
    });
    let declared = s
        .variants
        .iter()
        .map(|v| proc_macro2::Literal::u16_unsuffixed(v.status));
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
        }

        impl rt::plumbing::FromStatus for #name {
            #[inline]
            fn from_status(status: u16, body: &[u8]) -> Result<Self, rt::DecodeError> {
                match status {
                    #(#arms)*
                    _ => Err(rt::plumbing::unexpected_status(status, body, &[#(#declared),*])),
                }
            }
        }

        impl rt::plumbing::FromBody for #name {
            #[inline]
            fn from_body(_: rt::plumbing::Read, status: u16, body: &[u8]) -> Result<Self, rt::plumbing::BodyError> {
                Ok(<Self as rt::plumbing::FromStatus>::from_status(status, body)?)
            }
        }
    }
}
