//! An endpoint's `responses` (success bodies by status, instead of one
//! `response`) and its own `error_body`.

use super::super::Reporter;
use super::super::resolve::Resolver;
use super::Endpoints;
use crate::diag::{Rule, did_you_mean};
use crate::ir::{RustIdent, StatusEnum, StatusVariant, TypeId};
use crate::load::Item;
use crate::names;
use crate::raw::RawEndpoint;

/// The status enum of an endpoint with `responses`, named after its handle
/// and method; `None` without them (or when they are misused, reported).
pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    resolver: &Resolver<'_>,
    item: &Item<RawEndpoint>,
    (method, handle): (&RustIdent, &RustIdent),
) -> Option<StatusEnum> {
    let (f, p, raw) = (item.file, item.path.as_str(), &item.raw);
    if raw.responses.0.is_empty() {
        return None;
    }
    let at = format!("{p}.responses");
    let clash = [
        ("response", raw.response.is_some()),
        ("envelope", raw.envelope.is_some()),
        ("pagination", raw.pagination.is_some()),
        ("response_key", raw.response_key.is_some()),
    ];
    if let Some((key, _)) = clash.iter().find(|(_, given)| *given) {
        let msg = format!("`responses` (bodies by status) cannot be combined with `{key}`");
        cx.error(
            f,
            &at,
            Rule::BadValue,
            msg,
            Some(format!("remove `{key}` or `responses`")),
        );
        return None;
    }
    let mut variants = Vec::new();
    for (status, r) in &raw.responses.0 {
        let path = format!("{at}.{status}");
        if !(200..=299).contains(status) {
            let msg = format!(
                "status {status} is not a success status (200-299); error bodies are `errors`/`error_body`"
            );
            cx.error(f, &path, Rule::BadStatus, msg, None);
            continue;
        }
        let doc = cx.doc(f, &path, &r.doc);
        let ty = match &r.body {
            Some(t) => Some(resolver.resolve(cx, f, &format!("{path}.body"), t)?),
            None => None,
        };
        variants.push(StatusVariant {
            status: *status,
            variant: names::status_variant(*status),
            ty,
            doc: crate::ir::Doc::plain(doc),
        });
    }
    // A clash with another type is the scope step's (`validate/scopes.rs`).
    let name = names::status_enum(handle, method);
    Some(StatusEnum { name, variants })
}

/// The endpoint's `error_body`: a declared model.
pub(super) fn error_body(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    item: &Item<RawEndpoint>,
) -> Option<TypeId> {
    let name = item.raw.error_body.as_deref()?;
    let found = eps.types.models().find(|(_, d, _)| d.name.as_str() == name);
    if found.is_none() && !eps.names.contains(name) {
        let help = did_you_mean(name, eps.types.models().map(|(_, d, _)| d.name.as_str()));
        let msg = format!("error body `{name}` is not a model");
        cx.error(
            item.file,
            &format!("{}.error_body", item.path),
            Rule::UnknownType,
            msg,
            help,
        );
    }
    found.map(|(id, _, _)| id)
}
