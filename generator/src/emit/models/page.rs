//! `rt::Page` for the page model of a pagination style.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{FieldRef, IntWidth, PageInt, PageModel, TypeSpace};

/// `Some(i64)` of an integer page field.
fn page_int(f: &PageInt) -> TokenStream {
    let n = &f.field.name;
    let optional = f.field.presence.is_wrapped();
    match (optional, f.width) {
        (true, IntWidth::I64) => quote!(self.#n),
        (true, IntWidth::I32) => quote!(self.#n.map(i64::from)),
        (false, IntWidth::I64) => quote!(Some(self.#n)),
        (false, IntWidth::I32) => quote!(Some(i64::from(self.#n))),
    }
}

fn token(f: &FieldRef) -> TokenStream {
    let n = &f.name;
    if f.presence.is_wrapped() {
        quote!(self.#n.as_deref())
    } else {
        quote!(Some(self.#n.as_str()))
    }
}

pub(super) fn page_impl(page: &PageModel, types: &TypeSpace) -> TokenStream {
    let name = types.name(page.model);
    let tp = &page.type_param;
    let (count, size) = (page_int(&page.count), page_int(&page.size));
    let next = match &page.next {
        crate::ir::PageNext::Token(f) => {
            let token = token(f);
            quote!(rt::token_cursor(#token, #count, #size))
        }
        crate::ir::PageNext::Page(f) => {
            let p = page_int(f);
            quote!(rt::page_cursor(#p, #count, #size))
        }
    };
    let items = &page.items.name;
    let take = if page.items.presence.is_wrapped() {
        quote!(self.#items.unwrap_or_default())
    } else {
        quote!(self.#items)
    };
    quote! {
        impl<#tp> rt::Page for #name<#tp> {
            type Item = #tp;

            fn next_cursor(&self) -> Option<rt::Cursor> {
                #next
            }

            fn into_items(self) -> Vec<#tp> {
                #take
            }
        }
    }
}
