//! The request sections of an endpoint method: path, request line,
//! headers, query and body.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::wire_text::to_text;
use crate::ir::{
    Api, ArgRole, BodyEncoding, Endpoint, Idempotency, KeyPlace, PathPart, RequestBody,
};
use crate::names;

/// `let path = ...;`: literal segments and encoded parameters.
pub(super) fn path(e: &Endpoint) -> TokenStream {
    let segments = e.path.iter().map(|part| match part {
        PathPart::Literal(s) => quote!(.literal(#s)),
        PathPart::Param { arg, text } => {
            let text = to_text(*text, quote!(#arg));
            quote!(.param(#text.as_ref()))
        }
    });
    quote!(let path = rt::PathBuilder::new() #(#segments)*;)
}

/// `let request = ...;`: method, path and whether it may be repeated.
pub(super) fn start(e: &Endpoint) -> TokenStream {
    let method = format_ident!("{}", e.http_method.as_str());
    let idempotent = e.idempotency == Idempotency::Idempotent;
    quote!(let request = rt::Request::new(rt::reqwest::Method::#method, path, #idempotent);)
}

/// The idempotency key, where the spec puts it (after the body it may go in).
pub(super) fn idempotency_key(e: &Endpoint) -> TokenStream {
    let Idempotency::Keyed(place) = &e.idempotency else {
        return quote!();
    };
    let place = match place {
        KeyPlace::Header(h) => quote!(rt::KeyPlace::Header(#h)),
        KeyPlace::Field(f) => quote!(rt::KeyPlace::Field(#f)),
    };
    quote!(let (request, _) = request.idempotency_key(#place, None)?;)
}

/// Header parameters.
pub(super) fn headers(e: &Endpoint) -> TokenStream {
    let headers = e.args.iter().filter_map(|a| {
        let ArgRole::Header {
            wire,
            value,
            required,
        } = &a.role
        else {
            return None;
        };
        let n = &a.name;
        Some(if *required {
            let text = to_text(value.text, quote!(#n));
            quote!(let request = request.header(#wire, #text.to_owned());)
        } else {
            let text = to_text(value.text, quote!(v));
            quote!(let request = request.header_opt(#wire, #n.map(|v| #text.to_owned()));)
        })
    });
    quote!(#(#headers)*)
}

/// The query: from the query struct, or from required query arguments.
pub(super) fn query(e: &Endpoint) -> TokenStream {
    if e.query.is_some() {
        return quote!(let request = request.query(query.to_query()?););
    }
    let pushes: Vec<TokenStream> = e
        .args
        .iter()
        .filter_map(|a| {
            let ArgRole::Query { wire, value } = &a.role else {
                return None;
            };
            let n = &a.name;
            let text = to_text(value.text, quote!(#n));
            Some(quote!(query.push(#wire, #text);))
        })
        .collect();
    if pushes.is_empty() {
        return quote!();
    }
    quote! {
        let mut query = rt::QueryBuilder::new();
        #(#pushes)*
        let request = request.query(query);
    }
}

/// The body: JSON, or records wrapped in an envelope.
pub(super) fn body(e: &Endpoint, api: &Api) -> TokenStream {
    match &e.body {
        RequestBody::None => quote!(),
        RequestBody::Encoded {
            arg,
            encoding,
            root,
            files,
        } => {
            let value = match root {
                Some(key) => quote!(&rt::Rooted(#key, #arg)),
                None => quote!(#arg),
            };
            match encoding {
                BodyEncoding::Json => quote!(let request = request.json(#value)?;),
                BodyEncoding::Form => quote!(let request = request.body(&rt::Form, #value)?;),
                BodyEncoding::Multipart => quote! {
                    let request = request.body(&rt::Multipart { files: &[#(#files),*] }, #value)?;
                },
            }
        }
        RequestBody::Envelope {
            envelope,
            records,
            fields,
        } => {
            let env = api.settings.envelope(*envelope);
            let id = names::envelope_request_static(&env.base);
            let extra = fields.iter().map(|f| {
                let (wire, n) = (&f.wire, &f.arg);
                quote!((#wire, rt::serde_json::Value::from(#n)))
            });
            quote! {
                let body = rt::wrap(&#id, #records, vec![#(#extra),*])?;
                let request = request.json(&body)?;
            }
        }
    }
}
