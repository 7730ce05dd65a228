//! `rt::Page` for the page model of a pagination description: where its
//! items are and what its signal fields say; `rt::plumbing::PageInfo` (the signals
//! alone) for a model of the members beside a list under a key.

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

/// The `rt::plumbing::Signals` the page's fields give.
fn signals(page: &PageModel) -> TokenStream {
    let s = &page.signals;
    let (next, more) = (text(s.next.as_ref()), flag(s.more.as_ref()));
    let previous = text(s.previous.as_ref());
    let (number, size, count) = (
        int(s.page.as_ref()),
        int(s.size.as_ref()),
        int(s.count.as_ref()),
    );
    let next_number = int(s.next_number.as_ref());
    quote! {
        rt::plumbing::Signals {
            next: #next,
            previous: #previous,
            next_number: #next_number,
            page: #number,
            more: #more,
            size: #size,
            count: #count,
        }
    }
}

pub(super) fn page_impl(page: &PageModel, types: &TypeSpace) -> TokenStream {
    let name = types.name(page.model);
    let signals = signals(page);
    let (Some(tp), Some(items)) = (&page.type_param, &page.items) else {
        // The members beside a list under the endpoint's key.
        return quote! {
            impl rt::plumbing::PageInfo for #name {
                #[inline]
                fn signals(&self) -> rt::plumbing::Signals {
                    #signals
                }
            }
        };
    };
    let wrapped = items.presence.is_wrapped();
    let items = &items.name;
    let (get, drop_first, take) = if wrapped {
        (
            quote!(self.#items.as_deref().unwrap_or_default()),
            quote!(if let Some(items) = self.#items.as_mut().filter(|i| !i.is_empty()) {
                items.remove(0);
            }),
            quote!(self.#items.unwrap_or_default()),
        )
    } else {
        (
            quote!(&self.#items),
            quote!(if !self.#items.is_empty() {
                self.#items.remove(0);
            }),
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
            fn drop_first(&mut self) {
                #drop_first
            }

            #[inline]
            fn into_items(self) -> Vec<#tp> {
                #take
            }

            #[inline]
            fn signals(&self) -> rt::plumbing::Signals {
                #signals
            }
        }
    }
}
