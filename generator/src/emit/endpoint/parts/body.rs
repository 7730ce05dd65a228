//! Request bodies by encoding: JSON, bracket-nested form or multipart, and
//! optionally wrapped under a root key. The encoders are the runtime's.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::part::EndpointPart;
use crate::ir::{Api, BodyEncoding, Endpoint, RequestBody};

pub(super) struct Encoding;

/// The encoded body of `e`: its argument (if any), fixed members,
/// encoding, root key and file parts.
struct Encoded<'a> {
    arg: Option<&'a crate::ir::RustIdent>,
    fixed: &'a [(String, String)],
    encoding: BodyEncoding,
    root: Option<&'a String>,
    files: &'a [String],
}

fn encoded(e: &Endpoint) -> Option<Encoded<'_>> {
    match &e.body {
        RequestBody::Encoded {
            arg,
            fixed,
            encoding,
            root,
            files,
        } => Some(Encoded {
            arg: arg.as_ref(),
            fixed,
            encoding: *encoding,
            root: root.as_ref(),
            files,
        }),
        RequestBody::None | RequestBody::Envelope { .. } => None,
    }
}

impl EndpointPart for Encoding {
    fn build(&self, e: &Endpoint, api: &Api) -> TokenStream {
        let Some(Encoded {
            arg,
            fixed,
            encoding,
            root,
            files,
        }) = encoded(e)
        else {
            return quote!();
        };
        // The fixed members first, then the argument's (exact JSON text).
        let (fixed_body, arg) = if fixed.is_empty() {
            (quote!(), quote!(#arg))
        } else {
            let names = fixed.iter().map(|(n, _)| n);
            let values = fixed.iter().map(|(_, v)| v);
            let given = match arg {
                Some(a) => quote!(Some(#a)),
                None => quote!(None::<&()>),
            };
            let members = quote!(&[#((#names, #values)),*]);
            (
                quote!(let fixed = rt::plumbing::with_fixed_members(#given, #members)?;),
                quote!(&fixed),
            )
        };
        let value = match root {
            Some(key) => quote!(&rt::plumbing::Rooted(#key, #arg)),
            None => quote!(#arg),
        };
        let encode = match encoding {
            BodyEncoding::Json => quote!(let request = request.json(#value)?;),
            BodyEncoding::Form => {
                let form = form_encoder(&api.settings.form);
                quote!(let request = request.body(&#form, #value)?;)
            }
            BodyEncoding::Multipart => quote! {
                let request = request.body(&rt::Multipart { files: &[#(#files),*] }, #value)?;
            },
        };
        quote!(#fixed_body #encode)
    }

    fn doc_note(&self, e: &Endpoint, _api: &Api) -> Option<String> {
        let Encoded {
            fixed,
            encoding,
            root,
            ..
        } = encoded(e)?;
        let mut notes = Vec::new();
        if !fixed.is_empty() {
            let members: Vec<String> = fixed
                .iter()
                .map(|(n, v)| format!("`\"{n}\": {v}`"))
                .collect();
            notes.push(format!("The body always carries {}.", members.join(", ")));
        }
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
        let Encoded {
            fixed,
            encoding,
            root,
            ..
        } = encoded(e)?;
        let fixed_text = fixed
            .iter()
            .map(|(n, v)| format!("{n}: {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        let body = match (body.is_empty() || body == "-", fixed_text.is_empty()) {
            (_, true) => body.to_owned(),
            (true, false) => format!("{{{fixed_text}}}"),
            (false, false) => format!("{{{fixed_text}}} + {body}"),
        };
        let body = match root {
            Some(key) => format!("{body} under {key}"),
            None => body,
        };
        Some(match encoding {
            BodyEncoding::Form => format!("{body} as form"),
            BodyEncoding::Multipart => format!("{body} as multipart"),
            BodyEncoding::Json => body,
        })
    }
}

/// The form encoder with the API's rules for `null` and lists: only what
/// differs from the default is written.
fn form_encoder(rules: &crate::ir::FormRules) -> TokenStream {
    let mut set = Vec::new();
    if rules.empty_nulls {
        set.push(quote!(empty_nulls: true));
    }
    if !rules.null_except.is_empty() {
        let except = &rules.null_except;
        set.push(quote!(null_except: &[#(#except),*]));
    }
    if rules.field_then_index {
        set.push(quote!(field_then_index: true));
    }
    if !rules.list_except.is_empty() {
        let except = &rules.list_except;
        set.push(quote!(list_except: &[#(#except),*]));
    }
    if set.is_empty() {
        return quote!(rt::Form::OMIT_NULLS);
    }
    quote!(rt::Form { #(#set,)* ..rt::Form::OMIT_NULLS })
}
