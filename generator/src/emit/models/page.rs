//! `rt::Page` for the page model of a pagination description: where its
//! items are and what its signal fields say.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::field_path::{Access, access};
use crate::ir::{FieldPath, IntPath, IntWidth, PageModel, TypeSpace};

/// `Option<String>` of a string signal.
fn text(path: Option<&FieldPath>) -> TokenStream {
    match path.map(|p| access(quote!(self), p)) {
        Some(Access::Always(e)) => quote!(Some(#e.clone())),
        Some(Access::Maybe(e)) => quote!(#e.cloned()),
        None => quote!(None),
    }
}

/// `Option<bool>` of a flag.
fn flag(path: Option<&FieldPath>) -> TokenStream {
    match path.map(|p| access(quote!(self), p)) {
        Some(Access::Always(e)) => quote!(Some(#e)),
        Some(Access::Maybe(e)) => quote!(#e.copied()),
        None => quote!(None),
    }
}

/// `Option<i64>` of an integer signal.
fn int(path: Option<&IntPath>) -> TokenStream {
    let Some(p) = path else {
        return quote!(None);
    };
    match (access(quote!(self), &p.path), p.width) {
        (Access::Always(e), IntWidth::I64) => quote!(Some(#e)),
        (Access::Always(e), IntWidth::I32) => quote!(Some(i64::from(#e))),
        (Access::Maybe(e), IntWidth::I64) => quote!(#e.copied()),
        (Access::Maybe(e), IntWidth::I32) => quote!(#e.map(|v| i64::from(*v))),
    }
}

pub(super) fn page_impl(page: &PageModel, types: &TypeSpace) -> TokenStream {
    let name = types.name(page.model);
    let tp = &page.type_param;
    let s = &page.signals;
    let (next, more) = (text(s.next.as_ref()), flag(s.more.as_ref()));
    let (number, size, count) = (
        int(s.page.as_ref()),
        int(s.size.as_ref()),
        int(s.count.as_ref()),
    );
    let next_number = int(s.next_number.as_ref());
    let items = &page.items.name;
    let (get, get_mut, take) = if page.items.presence.is_wrapped() {
        (
            quote!(self.#items.as_deref().unwrap_or_default()),
            quote!(self.#items.as_mut()),
            quote!(self.#items.unwrap_or_default()),
        )
    } else {
        (
            quote!(&self.#items),
            quote!(Some(&mut self.#items)),
            quote!(self.#items),
        )
    };
    quote! {
        impl<#tp> rt::Page for #name<#tp> {
            type Item = #tp;

            #[inline]
            fn items(&self) -> &[#tp] {
                #get
            }

            #[inline]
            fn items_mut(&mut self) -> Option<&mut Vec<#tp>> {
                #get_mut
            }

            #[inline]
            fn into_items(self) -> Vec<#tp> {
                #take
            }

            #[inline]
            fn signals(&self) -> rt::Signals {
                rt::Signals {
                    next: #next,
                    next_number: #next_number,
                    page: #number,
                    more: #more,
                    size: #size,
                    count: #count,
                }
            }
        }
    }
}
