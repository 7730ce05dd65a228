//! `rt::ErrorDetails` for the error body, reading the fields the spec names.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{ErrorBody, TypeSpace};

pub(super) fn error_details(body: &ErrorBody, types: &TypeSpace) -> TokenStream {
    let name = types.name(body.model);
    // With `item`, the fields are read from the first item of that list.
    let (base, first) = match &body.item {
        Some(list) => (quote!(item), quote!(let item = self.#list.first()?;)),
        None => (quote!(self), quote!()),
    };
    let code = body.code.as_ref().map(|code| {
        let f = &code.field.name;
        let optional = code.field.presence.is_wrapped();
        let value = if optional {
            quote!(#base.#f.as_ref().map(|c| c.to_string()))
        } else {
            quote!(Some(#base.#f.to_string()))
        };
        let hint = code.hints.then(|| {
            let hint = if optional {
                quote!(#base.#f.as_ref().and_then(|c| c.hint()))
            } else {
                quote!(#base.#f.hint())
            };
            quote! {
                fn hint(&self) -> Option<&'static str> {
                    #first
                    #hint
                }
            }
        });
        quote! {
            fn code(&self) -> Option<String> {
                #first
                #value
            }
            #hint
        }
    });
    let message = (!body.messages.is_empty()).then(|| {
        let parts = body.messages.iter().map(|m| {
            let f = &m.name;
            if m.presence.is_wrapped() {
                quote!(#base.#f.as_deref())
            } else {
                quote!(Some(#base.#f.as_str()))
            }
        });
        quote! {
            fn message(&self) -> Option<String> {
                #first
                let parts: Vec<&str> = [#(#parts),*].into_iter().flatten().filter(|p| !p.is_empty()).collect();
                (!parts.is_empty()).then(|| parts.join(": "))
            }
        }
    });
    quote! {
        impl rt::ErrorDetails for #name {
            #code
            #message
        }
    }
}
