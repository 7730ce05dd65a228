//! Fixed body values: members an endpoint always sends (`fixed_body:
//! {status: archived}`), declared once in the spec, so the method takes no
//! argument for them. They go first in the body object, before the body
//! argument's members, or make up the whole body.

use super::super::Reporter;
use super::Endpoints;
use super::envelope::EnvelopeUse;
use crate::diag::Rule;
use crate::ir::{HttpMethod, Ty, TypeKind};
use crate::load::Item;
use crate::raw::RawEndpoint;

/// The fixed members (wire name, JSON text), in the order written; misuse
/// is reported.
pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    item: &Item<RawEndpoint>,
    method: Option<HttpMethod>,
    (body, envelope): (&Option<Ty>, &Option<EnvelopeUse>),
) -> Vec<(String, String)> {
    let Some(fixed) = &item.raw.fixed_body else {
        return Vec::new();
    };
    let (f, at) = (item.file, format!("{}.fixed_body", item.path));
    let mut refuse = |rule: Rule, message: String, help: &str| {
        cx.error(f, &at, rule, message, Some(help.to_owned()));
        Vec::new()
    };
    if fixed.is_empty() {
        return refuse(
            Rule::BadValue,
            "`fixed_body` is empty".into(),
            "list the members the endpoint always sends, e.g. `fixed_body: {status: archived}`",
        );
    }
    if method == Some(HttpMethod::Get) {
        return refuse(
            Rule::BodyOnGet,
            "a GET request cannot have a body, fixed or not".into(),
            "remove `fixed_body` or use another method",
        );
    }
    if envelope.is_some() {
        return refuse(
            Rule::BadEnvelope,
            "`fixed_body` cannot be combined with an envelope".into(),
            "send constant fields of an envelope as `in: envelope` parameters",
        );
    }
    let model = match body {
        Some(Ty::Named(id)) => match &eps.types.get(*id).kind {
            TypeKind::Struct(m) => Some(m),
            _ => None,
        },
        None => None,
        Some(_) => {
            return refuse(
                Rule::BadType,
                "`fixed_body` needs an object body: a model, or no `body` at all".into(),
                "send the fixed members alone (no `body`), or with a model body",
            );
        }
    };
    let mut out = Vec::new();
    for (name, value) in fixed {
        let Some(name) = name.as_str().map(str::to_owned) else {
            return refuse(
                Rule::BadValue,
                "a fixed member's name must be a string".into(),
                "name it as on the wire",
            );
        };
        if name.trim().is_empty() {
            return refuse(
                Rule::BadValue,
                "a fixed member has an empty name".into(),
                "name it as on the wire",
            );
        }
        if let Some(field) = model.and_then(|m| m.fields.iter().find(|x| x.wire == *name)) {
            return refuse(
                Rule::BadValue,
                format!(
                    "the body model has field `{}`; a fixed `{name}` would send it twice",
                    field.wire
                ),
                "remove the field from the model (the endpoint always sends the fixed value) or the fixed member",
            );
        }
        match serde_json::to_string(value) {
            Ok(json) => out.push((name, json)),
            Err(e) => {
                return refuse(
                    Rule::BadValue,
                    format!("fixed member `{name}` is not a JSON value: {e}"),
                    "use a string, number, bool, list or mapping",
                );
            }
        }
    }
    out
}
