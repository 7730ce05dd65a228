//! Query parameter structs (`<Resource><Endpoint>Query` with `to_query()`,
//! range checks and the pagination cursor). The streams of paginated
//! endpoints are the pagination part's (`endpoint/parts/pagination.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::rust::TypePaths;
use super::wire_text::to_text;
use crate::ir::{
    CursorParam, Endpoint, IntWidth, PagedParams, Param, QueryStruct, QueryStyle, Resource, Ty,
    WireText,
};

/// The documented range of a parameter, as text (`between 10 and 100`).
fn range_text(p: &Param) -> Option<String> {
    match (p.range.min, p.range.max) {
        (Some(lo), Some(hi)) => Some(format!("between {lo} and {hi}")),
        (Some(lo), None) => Some(format!("at least {lo}")),
        (None, Some(hi)) => Some(format!("at most {hi}")),
        (None, None) => None,
    }
}

/// Range checks of integer query parameters, run before anything is sent.
fn range_check(p: &Param) -> TokenStream {
    let n = &p.rust;
    let wire = &p.wire;
    let v = match p.range.width {
        Some(IntWidth::I64) => quote!(v),
        Some(IntWidth::I32) | None => quote!(i64::from(v)),
    };
    let cond = match (p.range.min, p.range.max) {
        (Some(lo), Some(hi)) => quote!(!(#lo..=#hi).contains(&#v)),
        (Some(lo), None) => quote!(#v < #lo),
        (None, Some(hi)) => quote!(#v > #hi),
        (None, None) => return quote!(),
    };
    let msg = format!(
        "query parameter `{wire}` must be {}, got {{}}",
        range_text(p).unwrap_or_default()
    );
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

fn field(p: &Param, paths: &TypePaths<'_>) -> TokenStream {
    let n = &p.rust;
    let t = paths.ty(&p.ty);
    let sent = match p.style {
        QueryStyle::Brackets => format!("`{}[]=..` once per value", p.wire),
        QueryStyle::Comma => format!("`{}=a,b` (comma-joined)", p.wire),
        QueryStyle::Json => format!("`{}=[..]` (one JSON array)", p.wire),
        QueryStyle::Repeat => format!("`{}=..` once per value", p.wire),
        QueryStyle::DeepObject => format!("`{}[key]=value` pairs (nested)", p.wire),
        QueryStyle::Plain => format!("`{}`", p.wire),
    };
    let mut text = format!("{}\n\nSent as {sent}.", docs::text(&p.doc));
    if let Some(range) = range_text(p) {
        text.push_str(&format!(" Must be {range}; checked before sending."));
    }
    if let Some(example) = &p.example {
        text.push_str(&format!(" Example: `{example}`."));
    }
    let fdoc = docs::outer(&text);
    let fdep = docs::deprecated(p.deprecated.as_ref());
    let t = match (&p.ty, p.required) {
        (Ty::List(_), _) | (_, true) => t,
        (_, false) => quote!(Option<#t>),
    };
    quote! { #fdoc #fdep pub #n: #t, }
}

fn push(p: &Param) -> TokenStream {
    let n = &p.rust;
    let wire = &p.wire;
    let text = p.text;
    match (&p.ty, p.required) {
        // The values' JSON, as a body would carry them (numbers bare).
        (Ty::List(_), _) if p.style == QueryStyle::Json => {
            quote!(query.push_json(#wire, &self.#n)?;)
        }
        (Ty::List(_), _) => {
            let push = match p.style {
                QueryStyle::Brackets => quote!(push_brackets),
                QueryStyle::Comma => quote!(push_comma),
                QueryStyle::Repeat
                | QueryStyle::Plain
                | QueryStyle::DeepObject
                | QueryStyle::Json => quote!(push_repeated),
            };
            if text == WireText::Itself {
                return quote!(query.#push(#wire, self.#n.iter()););
            }
            let item = to_text(text, quote!(v));
            if text.is_fallible() {
                // Made outside a closure, so `?` returns the error.
                return quote! {
                    let mut values = Vec::with_capacity(self.#n.len());
                    for v in &self.#n {
                        values.push(#item);
                    }
                    query.#push(#wire, values.iter());
                };
            }
            quote!(query.#push(#wire, self.#n.iter().map(|v| #item));)
        }
        (_, true) if p.style == QueryStyle::DeepObject => {
            quote!(query.push_deep(#wire, &self.#n)?;)
        }
        (_, false) if p.style == QueryStyle::DeepObject => quote! {
            if let Some(v) = &self.#n {
                query.push_deep(#wire, v)?;
            }
        },
        (_, true) => {
            let place = if text == WireText::Itself {
                quote!(&self.#n)
            } else {
                quote!(self.#n)
            };
            let text = to_text(text, place);
            quote!(query.push(#wire, #text);)
        }
        // Text that can fail (`?`) is made outside a closure.
        (_, false) if text.is_fallible() => {
            let text = to_text(text, quote!(v));
            quote! {
                if let Some(v) = &self.#n {
                    query.push(#wire, #text);
                }
            }
        }
        (_, false) if text == WireText::Itself => {
            quote!(query.push_opt(#wire, self.#n.as_deref());)
        }
        (_, false) => {
            let text = to_text(text, quote!(v));
            quote!(query.push_opt(#wire, self.#n.as_ref().map(|v| #text));)
        }
    }
}

pub(super) fn query_struct(
    q: &QueryStruct,
    r: &Resource,
    e: &Endpoint,
    paths: &TypePaths<'_>,
) -> TokenStream {
    let name = &q.name;
    let doc = format!(" Query parameters of [`{}::{}`].", r.type_name, e.method);
    let fields = q.params.iter().map(|p| field(p, paths));
    let checks = q.params.iter().map(range_check);
    let pushes = q.params.iter().map(push);
    let derives = if q.params.iter().all(|p| !p.required) {
        quote!(#[derive(Clone, Debug, Default, PartialEq)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq)])
    };
    let paged = q.paged.as_ref().map(|p| paged_query(name, p));
    let build = if q.params.is_empty() {
        quote!(Ok(rt::QueryBuilder::new()))
    } else {
        quote! {
            #(#checks)*
            let mut query = rt::QueryBuilder::new();
            #(#pushes)*
            Ok(query)
        }
    };
    let builder = super::query_builder::methods(q, paths);
    quote! {
        #[doc = #doc]
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #builder

            /// The encoded query parameters, in declaration order. Fails, before
            /// anything is sent, if a value is outside its documented range.
            #[inline]
            pub fn to_query(&self) -> Result<rt::QueryBuilder, rt::InvalidRequest> {
                #build
            }
        }

        #paged
    }
}

/// `rt::plumbing::PagedQuery`: where the cursor is read from and written to, and
/// the page size asked for.
fn paged_query(name: &crate::ir::RustIdent, paged: &PagedParams) -> TokenStream {
    let (get, set) = match &paged.cursor {
        None => (quote!(None), quote!()),
        Some(CursorParam::Text(f)) => (
            quote!(self.#f.clone().map(rt::Cursor::Token)),
            quote! {
                if let rt::Cursor::Token(token) = cursor {
                    next.#f = Some(token);
                }
            },
        ),
        Some(CursorParam::Id(f)) => (
            quote!(self.#f.clone().map(|id| rt::Cursor::Token(id.into_string()))),
            quote! {
                if let rt::Cursor::Token(token) = cursor {
                    next.#f = Some(token.into());
                }
            },
        ),
        Some(CursorParam::Number(f, width)) => {
            let (get, conv) = match width {
                IntWidth::I32 => (
                    quote!(self.#f.map(|p| rt::Cursor::Number(i64::from(p)))),
                    quote!(i32::try_from(n).ok()),
                ),
                IntWidth::I64 => (quote!(self.#f.map(rt::Cursor::Number)), quote!(Some(n))),
            };
            (
                get,
                quote! {
                    if let rt::Cursor::Number(n) = cursor {
                        next.#f = #conv;
                    }
                },
            )
        }
    };
    // A next-page URL replaces the whole query: nothing to set.
    let with_cursor = if paged.cursor.is_some() {
        quote! {
            #[inline]
            fn with_cursor(&self, cursor: rt::Cursor) -> Self {
                let mut next = self.clone();
                #set
                next
            }
        }
    } else {
        quote! {
            #[inline]
            fn with_cursor(&self, _cursor: rt::Cursor) -> Self {
                self.clone()
            }
        }
    };
    let size = paged.size.as_ref().map(|s| {
        let f = &s.name;
        let value = match (s.required, s.width) {
            (true, IntWidth::I64) => quote!(Some(self.#f)),
            (true, IntWidth::I32) => quote!(Some(i64::from(self.#f))),
            (false, IntWidth::I64) => quote!(self.#f),
            (false, IntWidth::I32) => quote!(self.#f.map(i64::from)),
        };
        quote! {
            #[inline]
            fn page_size(&self) -> Option<i64> {
                #value
            }
        }
    });
    let before = paged.before.as_ref().map(|b| cursor_before(paged, b));
    quote! {
        impl rt::plumbing::PagedQuery for #name {
            #[inline]
            fn cursor(&self) -> Option<rt::Cursor> {
                #get
            }

            #with_cursor

            #size

            #before
        }
    }
}

/// `cursor_before`/`with_cursor_before` of a query that walks backwards
/// through the string parameter `b`; setting it clears the forward cursor.
fn cursor_before(paged: &PagedParams, b: &crate::ir::RustIdent) -> TokenStream {
    let clear = match &paged.cursor {
        Some(CursorParam::Text(f) | CursorParam::Id(f) | CursorParam::Number(f, _)) if f != b => {
            quote!(next.#f = None;)
        }
        _ => quote!(),
    };
    quote! {
        #[inline]
        fn cursor_before(&self) -> Option<rt::Cursor> {
            self.#b.clone().map(rt::Cursor::Token)
        }

        #[inline]
        fn with_cursor_before(&self, cursor: rt::Cursor) -> Self {
            let mut next = self.clone();
            #clear
            if let rt::Cursor::Token(token) = cursor {
                next.#b = Some(token);
            }
            next
        }
    }
}
