//! Query parameter structs (`<Resource><Endpoint>Query` with `to_query()`,
//! range checks and the pagination cursor) and the `<method>_pages` /
//! `<method>_items` streams of paginated endpoints.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client::{models, to_text};
use super::docs;
use super::rust::{ident, ty};
use crate::ir::{CursorParam, Endpoint, Param, QueryStruct, Resource, Ty};

/// `<method>_pages` and `<method>_items` of a paginated endpoint.
pub(super) fn streams(e: &Endpoint, r: &Resource, rt: &syn::Path) -> TokenStream {
    let (Some(pagination), Some(q)) = (&e.pagination, &e.query) else {
        return quote!();
    };
    let method = ident(&e.method_name);
    let pages = format_ident!("{}_pages", e.method_name.trim_start_matches("r#"));
    let items = format_ident!("{}_items", e.method_name.trim_start_matches("r#"));
    let accessor = ident(&r.accessor);
    let qt = ident(&q.name);
    let page_ty = ty(&pagination.page, rt, &models());
    let item_ty = ty(&pagination.item, rt, &models());
    let deprecated = docs::deprecated(e.deprecated.as_ref());
    let pages_doc = docs::outer(&format!(
        "All pages of [`Self::{}`], fetched one after another with the other query parameters unchanged. The stream is `Send + Unpin + 'static` (it owns a clone of the client).\n\n{}",
        e.method_name, pagination.doc
    ));
    let items_doc = docs::outer(&format!(
        "Every item of [`Self::{}`], across pages; one page is held in memory at a time. Stops at the first error.\n\n{}",
        e.method_name, pagination.doc
    ));
    quote! {
        #pages_doc
        #deprecated
        pub fn #pages(&self, query: #qt) -> rt::futures::stream::BoxStream<'static, std::result::Result<#page_ty, super::Error>> {
            let client = self.client.clone();
            Box::pin(rt::pages(query, move |query: #qt| {
                let client = client.clone();
                async move { client.#accessor().#method(&query).await.map(rt::Response::into_body) }
            }))
        }

        #items_doc
        #deprecated
        pub fn #items(&self, query: #qt) -> rt::futures::stream::BoxStream<'static, std::result::Result<#item_ty, super::Error>> {
            Box::pin(rt::items(self.#pages(query)))
        }
    }
}

/// Range checks of integer query parameters, run before anything is sent.
fn range_checks(p: &Param) -> TokenStream {
    let n = ident(&p.rust);
    let wire = &p.wire;
    let v = if p.ty == Ty::I64 {
        quote!(v)
    } else {
        quote!(i64::from(v))
    };
    let (cond, text) = match (p.min, p.max) {
        (Some(lo), Some(hi)) => (
            quote!(!(#lo..=#hi).contains(&#v)),
            format!("between {lo} and {hi}"),
        ),
        (Some(lo), None) => (quote!(#v < #lo), format!("at least {lo}")),
        (None, Some(hi)) => (quote!(#v > #hi), format!("at most {hi}")),
        (None, None) => return quote!(),
    };
    let msg = format!("query parameter `{wire}` must be {text}, got {{}}");
    let value = if p.required {
        quote!(Some(self.#n))
    } else {
        quote!(self.#n)
    };
    quote! {
        if let Some(v) = #value {
            if #cond {
                return Err(rt::InvalidRequest(format!(#msg, v)));
            }
        }
    }
}

pub(super) fn query_struct(
    q: &QueryStruct,
    r: &Resource,
    e: &Endpoint,
    rt: &syn::Path,
) -> TokenStream {
    let name = ident(&q.name);
    let doc = format!(
        " Query parameters of [`{}::{}`].",
        r.type_name, e.method_name
    );
    let all_optional = q.params.iter().all(|p| !p.required);
    let fields = q.params.iter().map(|p| {
        let n = ident(&p.rust);
        let t = ty(&p.ty, rt, &models());
        let mut text = format!("{}\n\nSent as `{}`.", p.doc, p.wire);
        match (p.min, p.max) {
            (Some(lo), Some(hi)) => text.push_str(&format!(
                " Must be between {lo} and {hi}; checked before sending."
            )),
            (Some(lo), None) => {
                text.push_str(&format!(" Must be at least {lo}; checked before sending."))
            }
            (None, Some(hi)) => {
                text.push_str(&format!(" Must be at most {hi}; checked before sending."))
            }
            (None, None) => {}
        }
        let fdoc = docs::outer(&text);
        let fdep = docs::deprecated(p.deprecated.as_ref());
        let t = match (&p.ty, p.required) {
            (Ty::List(_), _) | (_, true) => t,
            (_, false) => quote!(Option<#t>),
        };
        quote! { #fdoc #fdep pub #n: #t, }
    });
    let checks = q.params.iter().map(range_checks);
    let pushes = q.params.iter().map(|p| {
        let n = ident(&p.rust);
        let wire = &p.wire;
        match (&p.ty, p.required) {
            (Ty::List(inner), _) => {
                let text = to_text(inner, quote!(v));
                quote!(query.push_repeated(#wire, self.#n.iter().map(|v| #text));)
            }
            (Ty::Search, true) => quote!(query.push(#wire, self.#n.to_expression()?);),
            (Ty::Search, false) => quote! {
                if let Some(v) = &self.#n {
                    query.push(#wire, v.to_expression()?);
                }
            },
            (t, true) => {
                let text = to_text(t, quote!(&self.#n));
                quote!(query.push(#wire, #text);)
            }
            (Ty::String, false) => quote!(query.push_opt(#wire, self.#n.as_deref());),
            (t, false) => {
                let text = to_text(t, quote!(v));
                quote!(query.push_opt(#wire, self.#n.as_ref().map(|v| #text));)
            }
        }
    });
    let derives = if all_optional {
        quote!(#[derive(Clone, Debug, Default, PartialEq)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq)])
    };
    let paged = q.cursor.as_ref().map(|c| {
        let (get, set) = match c {
            CursorParam::Token(field) => {
                let f = ident(field);
                (
                    quote!(self.#f.clone().map(rt::Cursor::Token)),
                    quote! {
                        if let rt::Cursor::Token(token) = cursor {
                            next.#f = Some(token);
                        }
                    },
                )
            }
            CursorParam::Page(field, is_i32) => {
                let f = ident(field);
                let (get, conv) = if *is_i32 {
                    (
                        quote!(self.#f.map(|p| rt::Cursor::Page(i64::from(p)))),
                        quote!(i32::try_from(page).ok()),
                    )
                } else {
                    (quote!(self.#f.map(rt::Cursor::Page)), quote!(Some(page)))
                };
                (
                    get,
                    quote! {
                        if let rt::Cursor::Page(page) = cursor {
                            next.#f = #conv;
                        }
                    },
                )
            }
        };
        quote! {
            impl rt::PagedQuery for #name {
                fn cursor(&self) -> Option<rt::Cursor> {
                    #get
                }

                fn with_cursor(&self, cursor: rt::Cursor) -> Self {
                    let mut next = self.clone();
                    #set
                    next
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #derives
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// The encoded query parameters, in declaration order. Fails, before
            /// anything is sent, if a value is outside its documented range.
            pub fn to_query(&self) -> Result<rt::QueryBuilder, rt::InvalidRequest> {
                #(#checks)*
                let mut query = rt::QueryBuilder::new();
                #(#pushes)*
                Ok(query)
            }
        }

        #paged
    }
}
