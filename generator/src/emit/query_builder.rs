//! The constructor and builder methods of a query struct: the struct is
//! `#[non_exhaustive]` (a new optional parameter is not a breaking change),
//! so callers make it with `new(required..)` and set the rest by name.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::TypePaths;
use crate::ir::{Param, QueryStruct, Ty};
use crate::names;

/// `new` and one setter per optional parameter.
pub(super) fn methods(q: &QueryStruct, paths: &TypePaths<'_>) -> TokenStream {
    let required: Vec<&Param> = q
        .params
        .iter()
        .filter(|p| p.required && !is_list(p))
        .collect();
    let args = required.iter().map(|p| {
        let (n, t) = (&p.rust, paths.ty(&p.ty));
        quote!(#n: impl Into<#t>)
    });
    let inits = q.params.iter().map(|p| {
        let n = &p.rust;
        match (is_list(p), p.required) {
            (true, _) => quote!(#n: Vec::new(),),
            (false, true) => quote!(#n: #n.into(),),
            (false, false) => quote!(#n: None,),
        }
    });
    let setters = q
        .params
        .iter()
        .filter(|p| is_list(p) || !p.required)
        .map(|p| setter(p, paths));
    let new_doc = if required.is_empty() {
        " A query with no parameter set; set them with the methods below.".to_owned()
    } else {
        let names: Vec<String> = required.iter().map(|p| format!("`{}`", p.wire)).collect();
        format!(
            " A query with the required {}; set the others with the methods below.",
            names.join(", ")
        )
    };
    quote! {
        #[doc = #new_doc]
        #[inline]
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits)* }
        }

        #(#setters)*
    }
}

fn is_list(p: &Param) -> bool {
    matches!(p.ty, Ty::List(_))
}

fn setter(p: &Param, paths: &TypePaths<'_>) -> TokenStream {
    let (n, m) = (&p.rust, names::query_setter(&p.rust));
    let doc = format!(
        " Sets the `{}` parameter: {}",
        p.wire,
        p.doc.text.lines().next().unwrap_or_default()
    );
    match &p.ty {
        Ty::List(inner) => {
            let t = paths.ty(inner);
            quote! {
                #[doc = #doc]
                pub fn #m(mut self, values: impl IntoIterator<Item = #t>) -> Self {
                    self.#n = values.into_iter().collect();
                    self
                }
            }
        }
        t => {
            let t = paths.ty(t);
            quote! {
                #[doc = #doc]
                pub fn #m(mut self, value: impl Into<#t>) -> Self {
                    self.#n = Some(value.into());
                    self
                }
            }
        }
    }
}
