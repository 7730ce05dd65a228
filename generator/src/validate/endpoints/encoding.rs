//! An endpoint's body encoding: its own `body_encoding`, else the API's.
//! A form body is an object (a model or a map) and travels outside any
//! envelope.

use super::super::Reporter;
use super::super::settings::body_encoding;
use super::Endpoints;
use super::body::Bodies;
use crate::diag::Rule;
use crate::ir::{BodyEncoding, Scalar, Ty, TypeKind};
use crate::load::Item;
use crate::raw::RawEndpoint;

/// The encoding, and for multipart the file fields (`bytes` fields of the
/// body model).
pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    item: &Item<RawEndpoint>,
    bodies: &Bodies,
) -> (BodyEncoding, Vec<String>) {
    let (f, p) = (item.file, item.path.as_str());
    let encoding = match item.raw.body_encoding.as_deref() {
        Some(name) => body_encoding(cx, f, &format!("{p}.body_encoding"), name),
        None => eps.body_encoding,
    };
    match encoding {
        BodyEncoding::Form => check_form(cx, eps, (f, p), bodies),
        BodyEncoding::Multipart => return (encoding, files(cx, eps, (f, p), bodies)),
        BodyEncoding::Json => {}
    }
    (encoding, Vec::new())
}

/// A multipart body is a model with at least one `bytes` field (a file).
fn files(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    (f, p): (usize, &str),
    bodies: &Bodies,
) -> Vec<String> {
    let model = match &bodies.body {
        Some(Ty::Named(id)) => eps.types.model(*id),
        _ => None,
    };
    let files: Vec<String> = model
        .map(|m| {
            m.fields
                .iter()
                .filter(|x| x.ty == Ty::Scalar(Scalar::Bytes))
                .map(|x| x.wire.clone())
                .collect()
        })
        .unwrap_or_default();
    if files.is_empty() || bodies.envelope.is_some() {
        let msg = "a multipart body is a model with at least one `bytes` field (the file) and no envelope";
        let help = Some("use `body_encoding: form` or `json` when no file is sent".into());
        cx.error(f, &format!("{p}.body_encoding"), Rule::BadType, msg, help);
    }
    files
}

fn check_form(cx: &mut Reporter<'_>, eps: &Endpoints<'_>, (f, p): (usize, &str), bodies: &Bodies) {
    let object = match &bodies.body {
        None | Some(Ty::Map(_)) | Some(Ty::Generic(..)) => true,
        Some(Ty::Named(id)) => matches!(eps.types.get(*id).kind, TypeKind::Struct(_)),
        Some(_) => false,
    };
    if !object {
        cx.error(
            f,
            &format!("{p}.body"),
            Rule::BadType,
            "a form body must be an object: a model or a `map<..>`",
            Some("use `body_encoding: json` for lists and scalars".into()),
        );
    }
    if bodies.envelope.as_ref().is_some_and(|e| e.wrap) {
        cx.error(
            f,
            &format!("{p}.body_encoding"),
            Rule::BadEnvelope,
            "envelopes are JSON: a wrapped body cannot be form-encoded",
            None,
        );
    }
}
