//! Pagination: the `<method>_pages` and `<method>_items` streams of a
//! paginated endpoint, following its description (`rt::plumbing::Paging`) with the
//! runtime's `rt::plumbing::pages`. The query struct's cursor methods are the query
//! struct's (`emit/query.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::super::context::ClientCx;
use super::super::super::docs;
use super::super::super::field_path::{Access, access};
use super::super::super::rust::TypePaths;
use super::super::example;
use super::super::part::EndpointPart;
use crate::ir::{Advance, ArgRole, Endpoint, PageWire, Paging, Passing, Resource, RustIdent};

pub(super) struct Pagination;

impl EndpointPart for Pagination {
    fn handle_methods(&self, e: &Endpoint, r: &Resource, cx: &ClientCx<'_>) -> TokenStream {
        let page = super::body_and_read(e, cx);
        streams(e, r, (&cx.paths, page), cx.examples)
    }
}

/// `<method>_pages` and `<method>_items` of a paginated endpoint.
fn streams(
    e: &Endpoint,
    r: &Resource,
    (paths, (page_ty, read)): (&TypePaths<'_>, (TokenStream, TokenStream)),
    examples: Option<&str>,
) -> TokenStream {
    let (Some(pagination), Some(q)) = (&e.pagination, &e.query) else {
        return quote!();
    };
    let method = &e.method;
    let (pages, items) = (&pagination.pages_method, &pagination.items_method);
    let accessor = &r.accessor;
    let qt = &q.name;
    let item_ty = paths.ty(&pagination.item);
    let deprecated = docs::deprecated(e.deprecated.as_ref());
    let doc = format!(
        "{}\n\n{}",
        rule(&pagination.wire, &pagination.paging),
        docs::text(&pagination.doc)
    );
    let pages_doc = docs::outer(&format!(
        "All pages of [`Self::{}`], fetched one after another with the other query parameters unchanged. The stream is `Send + Unpin + 'static` (it owns a clone of the client); [`Pages::max_pages`](rt::Pages::max_pages) bounds the requests, and a server pointing back at a page already requested ends it with an error.\n\n{}",
        e.method, doc
    ));
    let items_doc = docs::outer(&format!(
        "Every item of [`Self::{}`], across pages; one page is held in memory at a time. Stops at the first error.\n\n{}",
        e.method, doc
    ));
    let items_example = examples.map(|root| {
        let lines = example::items(e, r, items.as_str(), paths.types, root);
        docs::example(&lines)
    });
    let paging = paging(&pagination.paging);
    let error = super::super::super::statuses::error_type(e, paths);
    let path = path_args(e, paths);
    let (params, names) = (&path.params, &path.names);
    let (owned, cloned, passed) = (&path.owned, &path.cloned, &path.passed);
    let key = match &pagination.key {
        Some((path, _)) => match access(quote!(item), path) {
            Access::Always(e) => quote!(Some(|item: &#item_ty| Some(#e.to_string()))),
            Access::Maybe(e) => quote!(Some(|item: &#item_ty| #e.map(ToString::to_string))),
        },
        None => quote!(None),
    };
    let fetch = match pagination.paging.advance {
        Advance::Url => quote! {
            match at.url {
                None => client.#accessor().#method(#(#passed,)* &at.query),
                Some(url) => rt::Call::new(
                    client.core.clone(),
                    Ok(rt::Request::follow(rt::reqwest::Method::GET, url)),
                    #read,
                ),
            }
        },
        _ => quote!(client.#accessor().#method(#(#passed,)* &at.query)),
    };
    let call = quote!(client.#accessor().#method(#(#passed,)* &at.query.0));
    let back = backward_streams(e, &path, (qt, &page_ty, &error), (&key, &call));
    quote! {
        #pages_doc
        #deprecated
        #[inline]
        pub fn #pages(&self, #(#params,)* query: &#qt) -> rt::Pages<#page_ty, #error> {
            static PAGING: rt::plumbing::Paging = #paging;
            let query = query.clone();
            let client = self.client.clone();
            #(#owned)*
            rt::plumbing::pages(query, &PAGING, #key, move |at: rt::plumbing::PageRequest<#qt>| {
                #(#cloned)*
                #fetch
            })
        }

        #items_doc
        #items_example
        #deprecated
        #[inline]
        pub fn #items(&self, #(#params,)* query: &#qt) -> rt::Items<#page_ty, #error> {
            self.#pages(#(#names,)* query).items()
        }

        #back
    }
}

/// `<method>_pages_backward` and `<method>_items_backward`, where the
/// description walks backwards: the query wrapped in `rt::plumbing::Backward`, so
/// its cursor is the backward parameter.
fn backward_streams(
    e: &Endpoint,
    path: &PathArgs,
    (qt, page_ty, error): (&RustIdent, &TokenStream, &TokenStream),
    (key, call): (&TokenStream, &TokenStream),
) -> TokenStream {
    let Some(p) = &e.pagination else {
        return quote!();
    };
    let Some(b) = &p.backward else {
        return quote!();
    };
    let (pages, items) = (&b.pages_method, &b.items_method);
    let param = p.wire.backward_param.as_deref().unwrap_or_default();
    let how = match b.paging.advance {
        Advance::ItemBefore => format!(
            "sets `{param}` to the key `{}` of each page's first item",
            p.wire.key.as_deref().unwrap_or_default()
        ),
        _ => format!(
            "sends the token at `{}` of each page as `{param}`",
            p.wire.previous.as_deref().unwrap_or_default()
        ),
    };
    let pages_doc = docs::outer(&format!(
        "The pages of [`Self::{}`] walked backwards, towards the start of the list: the first request is the query as given (set `{param}` to start before an item), then the stream {how}, until no page comes before. Each page is as the server sent it; [`Self::{}`] gives the items nearest the cursor first. `Send + Unpin + 'static`, bounded by [`Pages::max_pages`](rt::Pages::max_pages).",
        e.method, items
    ));
    let items_doc = docs::outer(&format!(
        "Every item before the query's `{param}` cursor, nearest first (each page reversed), across pages walked backwards ([`Self::{pages}`]). Stops at the first error."
    ));
    let paging = paging(&b.paging);
    let deprecated = docs::deprecated(e.deprecated.as_ref());
    let (params, names) = (&path.params, &path.names);
    let (owned, cloned) = (&path.owned, &path.cloned);
    quote! {
        #pages_doc
        #deprecated
        #[inline]
        pub fn #pages(&self, #(#params,)* query: &#qt) -> rt::Pages<#page_ty, #error> {
            static PAGING: rt::plumbing::Paging = #paging;
            let query = query.clone();
            let client = self.client.clone();
            #(#owned)*
            let query = rt::plumbing::Backward(query);
            rt::plumbing::pages(query, &PAGING, #key, move |at: rt::plumbing::PageRequest<rt::plumbing::Backward<#qt>>| {
                #(#cloned)*
                #call
            })
        }

        #items_doc
        #deprecated
        #[inline]
        pub fn #items(&self, #(#params,)* query: &#qt) -> rt::Items<#page_ty, #error> {
            self.#pages(#(#names,)* query).items()
        }
    }
}

/// The path arguments of a paginated endpoint, as its streams take them
/// (like the method), keep them (owned) and pass them on every page.
struct PathArgs {
    params: Vec<TokenStream>,
    names: Vec<TokenStream>,
    owned: Vec<TokenStream>,
    cloned: Vec<TokenStream>,
    passed: Vec<TokenStream>,
}

fn path_args(e: &Endpoint, paths: &TypePaths<'_>) -> PathArgs {
    let mut out = PathArgs {
        params: Vec::new(),
        names: Vec::new(),
        owned: Vec::new(),
        cloned: Vec::new(),
        passed: Vec::new(),
    };
    for a in &e.args {
        let ArgRole::Path(value) = &a.role else {
            continue;
        };
        let n = &a.name;
        let t = paths.ty(&value.ty);
        let (param, owned, passed) = match value.pass {
            Passing::IntoId => (
                quote!(#n: impl Into<#t>),
                quote!(let #n: #t = #n.into();),
                quote!(&#n),
            ),
            Passing::Str => (
                quote!(#n: &str),
                quote!(let #n = #n.to_owned();),
                quote!(&#n),
            ),
            Passing::Value => (quote!(#n: #t), quote!(), quote!(#n)),
            Passing::Entity => (quote!(#n: K), quote!(), quote!(#n)),
            Passing::Ref => (quote!(#n: &#t), quote!(let #n = #n.clone();), quote!(&#n)),
        };
        out.params.push(param);
        out.names.push(quote!(#n));
        out.owned.push(owned);
        if !matches!(value.pass, Passing::Value | Passing::Entity) {
            out.cloned.push(quote!(let #n = #n.clone();));
        }
        out.passed.push(passed);
    }
    out
}

/// The `rt::plumbing::Paging` value of a description.
fn paging(p: &Paging) -> TokenStream {
    let advance = match p.advance {
        Advance::Token => quote!(rt::plumbing::Advance::Token),
        Advance::Page { first } => {
            let first = proc_macro2::Literal::i64_unsuffixed(first);
            quote!(rt::plumbing::Advance::Page { first: #first })
        }
        Advance::Offset => quote!(rt::plumbing::Advance::Offset),
        Advance::NextNumber => quote!(rt::plumbing::Advance::NextNumber),
        Advance::Item => quote!(rt::plumbing::Advance::Item),
        Advance::Url => quote!(rt::plumbing::Advance::Url),
        Advance::ItemBefore => quote!(rt::plumbing::Advance::ItemBefore),
        Advance::Previous => quote!(rt::plumbing::Advance::Previous),
    };
    let (short, empty, inclusive) = (p.short_page, p.empty_page, p.inclusive);
    quote! {
        rt::plumbing::Paging {
            advance: #advance,
            short_page: #short,
            empty_page: #empty,
            inclusive: #inclusive,
        }
    }
}

/// How the stream advances and stops, from the description's wire names.
fn rule(wire: &PageWire, paging: &Paging) -> String {
    let (r, resp) = (wire, wire);
    let param = r.param.as_deref().unwrap_or_default();
    let next = resp.next.as_deref().unwrap_or_default();
    let advance = match paging.advance {
        Advance::Token => {
            format!("The stream sends the token at `{next}` of each page as `{param}`")
        }
        Advance::Url => format!(
            "The stream requests the URL at `{next}` of each page (it must be under the base URL)"
        ),
        Advance::NextNumber => {
            format!("The stream sends the number at `{next}` of each page as `{param}`")
        }
        Advance::Page { .. } if resp.page.is_some() => format!(
            "The stream asks for the page after `{}` (its number + 1) in `{param}`",
            resp.page.as_deref().unwrap_or_default()
        ),
        Advance::Page { first } => format!(
            "The stream asks for the next page number in `{param}` (the first request gets page {first})"
        ),
        Advance::Offset => format!("The stream sets `{param}` to the offset of the next item"),
        Advance::Item if paging.inclusive => format!(
            "The stream sets `{param}` to the key `{}` of the last item; the server repeats that item first, and the repeat is dropped",
            r.key.as_deref().unwrap_or_default()
        ),
        Advance::Item => format!(
            "The stream sets `{param}` to the key `{}` of the last item",
            r.key.as_deref().unwrap_or_default()
        ),
        // Backward walks are described by their own streams' docs.
        Advance::ItemBefore | Advance::Previous => String::new(),
    };
    let mut stops = Vec::new();
    if matches!(
        paging.advance,
        Advance::Token | Advance::Url | Advance::NextNumber
    ) {
        stops.push("a page has no next position".to_owned());
    }
    if let Some(more) = &resp.more {
        stops.push(format!("`{more}` is false"));
    }
    if paging.short_page {
        let size = match (&resp.size, &r.size_param) {
            (Some(size), _) => format!("`{size}`"),
            (None, size) => format!("the requested `{}`", size.as_deref().unwrap_or_default()),
        };
        stops.push(format!("a page holds fewer items than {size}"));
    }
    if paging.empty_page || matches!(paging.advance, Advance::Offset | Advance::Item) {
        stops.push("a page is empty".to_owned());
    }
    format!("{advance}; it stops when {}.", stops.join(", or when "))
}
