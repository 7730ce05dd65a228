//! An endpoint's `body` and `response` types, and how they travel: as JSON
//! or in an envelope.

use super::super::Reporter;
use super::super::resolve::Resolver;
use super::Endpoints;
use super::envelope::{self, EnvelopeUse};
use crate::diag::Rule;
use crate::ir::{HttpMethod, Ty, TypeKind};
use crate::load::Item;
use crate::raw::RawEndpoint;

/// The resolved body and response types and the envelope they travel in.
pub(super) struct Bodies {
    pub body: Option<Ty>,
    /// Members the body always carries (`fixed_body`): wire name, JSON text.
    pub fixed: Vec<(String, String)>,
    pub response: Option<Ty>,
    pub envelope: Option<EnvelopeUse>,
}

pub(super) fn lower(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    resolver: &Resolver<'_>,
    item: &Item<RawEndpoint>,
    http_method: Option<HttpMethod>,
    envelope_params: Option<&str>,
) -> Bodies {
    let (f, p, raw) = (item.file, item.path.as_str(), &item.raw);
    let body = raw
        .body
        .as_deref()
        .and_then(|b| resolver.resolve(cx, f, &format!("{p}.body"), b));
    if http_method == Some(HttpMethod::Get) && raw.body.is_some() {
        cx.error(
            f,
            &format!("{p}.body"),
            Rule::BodyOnGet,
            "a GET request cannot have a body",
            Some("remove `body` or use another method".into()),
        );
    }
    let response = raw
        .response
        .as_deref()
        .and_then(|r| resolver.resolve(cx, f, &format!("{p}.response"), r));
    for (key, t) in [("body", &body), ("response", &response)] {
        if let Some(Ty::Named(id)) = t {
            let def = eps.types.get(*id);
            if !matches!(def.kind, TypeKind::Struct(_)) {
                cx.error(
                    f,
                    &format!("{p}.{key}"),
                    Rule::BadType,
                    format!(
                        "`{key}` must be a model, list, map or json, not `{}`",
                        def.name
                    ),
                    None,
                );
            }
        }
    }
    let envelope = match &raw.envelope {
        Some(env) => {
            let has = (body.is_some(), envelope_params.is_some());
            let e = envelope::resolve(cx, eps, (f, p), env, has.0, has.1);
            check_enveloped(cx, (f, p), e.as_ref(), &body, raw.response.is_none());
            e
        }
        None => {
            if let Some(wire) = envelope_params {
                cx.error(
                    f,
                    &format!("{p}.params.{wire}"),
                    Rule::BadEnvelope,
                    "`in: envelope` parameters need an `envelope`",
                    None,
                );
            }
            None
        }
    };
    let fixed = super::fixed_body::resolve(cx, eps, item, http_method, (&body, &envelope));
    Bodies {
        body,
        fixed,
        response,
        envelope,
    }
}

fn check_enveloped(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    e: Option<&EnvelopeUse>,
    body: &Option<Ty>,
    no_response: bool,
) {
    if e.is_some_and(|e| e.wrap) && matches!(body, Some(Ty::List(_))) {
        cx.error(
            f,
            &format!("{p}.body"),
            Rule::BadEnvelope,
            "with a wrapped envelope, `body` is the record type (the method takes a slice)",
            Some("write the element type, e.g. `record` instead of `list<record>`".into()),
        );
    }
    if no_response {
        cx.error(
            f,
            &format!("{p}.response"),
            Rule::BadEnvelope,
            "an enveloped endpoint needs `response` (the type of one result)",
            None,
        );
    }
}
