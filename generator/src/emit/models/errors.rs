//! `rt::ErrorDetails` for the error body, reading the fields the spec names
//! (through nested objects where a path has several steps).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::field_path::{Access, access};
use crate::ir::{ErrorBody, FieldPath, Presence, TypeSpace};

/// `Option<Cow<str>>` of the field's text (`to_string`).
fn text(acc: Access) -> TokenStream {
    match acc {
        Access::Always(e) => quote!(Some(std::borrow::Cow::Owned(#e.to_string()))),
        Access::Maybe(e) => quote!(#e.map(|c| std::borrow::Cow::Owned(c.to_string()))),
    }
}

/// `Option<&str>` of the string field at the end of `path`.
fn str_ref(base: TokenStream, path: &FieldPath) -> TokenStream {
    // An optional last step on a path that is always there: `as_deref`.
    if let Some((last, prefix)) = path.0.split_last() {
        let optional = matches!(
            last.presence,
            Presence::Optional | Presence::RequiredNullable
        );
        if let (true, Access::Always(e)) =
            (optional, access(base.clone(), &FieldPath(prefix.to_vec())))
        {
            let n = &last.name;
            return quote!(#e.#n.as_deref());
        }
    }
    match access(base, path) {
        Access::Always(e) => quote!(Some(#e.as_str())),
        Access::Maybe(e) => quote!(#e.map(String::as_str)),
    }
}

pub(super) fn error_details(body: &ErrorBody, types: &TypeSpace) -> TokenStream {
    let name = types.name(body.model);
    // With `item`, the fields are read from the first item of that list.
    let (base, first) = match &body.item {
        Some(list) => (quote!(item), quote!(let item = self.#list.first()?;)),
        None => (quote!(self), quote!()),
    };
    let code = body.code.as_ref().map(|code| {
        let value = text(access(base.clone(), &code.field));
        let hint = code.hints.then(|| {
            let hint = match access(base.clone(), &code.field) {
                Access::Always(e) => quote!(#e.hint()),
                Access::Maybe(e) => quote!(#e.and_then(|c| c.hint())),
            };
            quote! {
                #[inline]
                fn hint(&self) -> Option<&'static str> {
                    #first
                    #hint
                }
            }
        });
        quote! {
            #[inline]
            fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
                #first
                #value
            }
            #hint
        }
    });
    let message = (!body.messages.is_empty()).then(|| {
        let parts = body.messages.iter().map(|m| str_ref(base.clone(), m));
        quote! {
            #[inline]
            fn message(&self) -> Option<String> {
                #first
                let parts: Vec<&str> = [#(#parts),*].into_iter().flatten().filter(|p| !p.is_empty()).collect();
                (!parts.is_empty()).then(|| parts.join(": "))
            }
        }
    });
    let request_id = (!body.request_id.is_empty()).then(|| {
        let ids = body.request_id.iter().map(|m| str_ref(base.clone(), m));
        quote! {
            #[inline]
            fn request_id(&self) -> Option<&str> {
                #first
                [#(#ids),*].into_iter().flatten().find(|id| !id.is_empty())
            }
        }
    });
    quote! {
        impl rt::ErrorDetails for #name {
            #code
            #message
            #request_id
        }
    }
}
