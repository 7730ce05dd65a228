//! Request bodies by encoding: JSON, bracket-nested form or multipart, and
//! optionally wrapped under a root key. The encoders are the runtime's.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::part::EndpointPart;
use crate::ir::{Api, BodyEncoding, Endpoint, RequestBody};

pub(super) struct Encoding;

/// The encoded body of `e`: its argument, encoding, root key and file parts.
fn encoded(
    e: &Endpoint,
) -> Option<(
    &crate::ir::RustIdent,
    BodyEncoding,
    Option<&String>,
    &[String],
)> {
    match &e.body {
        RequestBody::Encoded {
            arg,
            encoding,
            root,
            files,
        } => Some((arg, *encoding, root.as_ref(), files)),
        RequestBody::None | RequestBody::Envelope { .. } => None,
    }
}

impl EndpointPart for Encoding {
    fn build(&self, e: &Endpoint, _api: &Api) -> TokenStream {
        let Some((arg, encoding, root, files)) = encoded(e) else {
            return quote!();
        };
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

    fn doc_note(&self, e: &Endpoint, _api: &Api) -> Option<String> {
        let (_, encoding, root, _) = encoded(e)?;
        let mut notes = Vec::new();
        match encoding {
            BodyEncoding::Form => notes.push("The body is sent form-encoded (`application/x-www-form-urlencoded`, nested fields as `name[key]`).".to_owned()),
            BodyEncoding::Multipart => notes.push("The body is sent as `multipart/form-data`: `bytes` fields as file parts, the others as text parts.".to_owned()),
            BodyEncoding::Json => {}
        }
        if let Some(key) = root {
            notes.push(format!("The body is sent wrapped as `{{\"{key}\": ...}}`."));
        }
        (!notes.is_empty()).then(|| notes.join(" "))
    }

    fn body_cell(&self, e: &Endpoint, _api: &Api, body: &str) -> Option<String> {
        let (_, encoding, root, _) = encoded(e)?;
        let body = match root {
            Some(key) => format!("{body} under {key}"),
            None => body.to_owned(),
        };
        Some(match encoding {
            BodyEncoding::Form => format!("{body} as form"),
            BodyEncoding::Multipart => format!("{body} as multipart"),
            BodyEncoding::Json => body,
        })
    }
}
