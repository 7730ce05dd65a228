//! How `REFERENCE.md` (and `generator diff`) write a type, a request body
//! and a response: the Rust type as callers see it, with the key or
//! envelope it travels under.

use crate::ir::{Api, ArgRole, Endpoint, EnvelopeResult, ResponseBody, Ty, TypeSpace};

/// How `REFERENCE.md` shows a type.
pub(crate) fn type_text(t: &Ty, types: &TypeSpace) -> String {
    match t {
        Ty::Scalar(s) => s.row().reference.to_owned(),
        Ty::Entity => "impl EntityKind".into(),
        Ty::Record => "Record".into(),
        Ty::OneOrMany(i) => format!("OneOrMany<{}>", type_text(i, types)),
        Ty::Interval(i) => format!("Interval<{}>", type_text(i, types)),
        Ty::Generic(n, a) => format!("{}<{}>", types.name(*n), type_text(a, types)),
        Ty::TypeParam(n) => n.to_string(),
        Ty::List(i) => format!("Vec<{}>", type_text(i, types)),
        Ty::Map(i) => format!("BTreeMap<String, {}>", type_text(i, types)),
        Ty::Named(n) => types.name(*n).to_string(),
        Ty::Boxed(i) => format!("Box<{}>", type_text(i, types)),
        Ty::IdOrObject(i, o) => format!(
            "IdOrObject<{}, {}>",
            type_text(i, types),
            type_text(o, types)
        ),
    }
}

/// The body column: the type, as the body's part writes it (its encoding
/// and root key, or the records and their envelope key).
pub(super) fn body_text(api: &Api, e: &Endpoint) -> String {
    let types = &api.types;
    let arg = |role: &ArgRole| match role {
        ArgRole::Body(t) | ArgRole::Records(t) => Some(type_text(t, types)),
        ArgRole::BodyList(t) => Some(format!("Vec<{}>", type_text(t, types))),
        ArgRole::Path(_)
        | ArgRole::Query { .. }
        | ArgRole::Header { .. }
        | ArgRole::QueryStruct(_)
        | ArgRole::EnvelopeField => None,
    };
    match e.args.iter().find_map(|a| arg(&a.role)) {
        Some(body) => super::endpoint::parts::body_cell(e, api, &body),
        // A body of fixed members only has no argument.
        None if matches!(e.body, crate::ir::RequestBody::Encoded { .. }) => {
            super::endpoint::parts::body_cell(e, api, "")
        }
        None => "-".into(),
    }
}

/// The response column: the type, or what is unwrapped from which key.
pub(crate) fn response_text(e: &Endpoint, types: &TypeSpace) -> String {
    match &e.response {
        ResponseBody::Empty => "()".into(),
        ResponseBody::Json(t) => type_text(t, types),
        ResponseBody::ByStatus(s) => s
            .variants
            .iter()
            .map(|v| match &v.ty {
                Some(t) => format!("{}: {}", v.status, type_text(t, types)),
                None => format!("{}: ()", v.status),
            })
            .collect::<Vec<_>>()
            .join(" \\| "),
        ResponseBody::Rooted { key, ty, siblings } => match siblings {
            Some(s) => format!(
                "{} from {key}, beside it {}",
                type_text(ty, types),
                type_text(s, types)
            ),
            None => format!("{} from {key}", type_text(ty, types)),
        },
        ResponseBody::Listed(l) => {
            let item = type_text(&l.item, types);
            match &l.item_key {
                Some(k) => format!("Vec<{item}> from {}[].{k}", l.key),
                None => format!("Vec<{item}> from {}", l.key),
            }
        }
        ResponseBody::Envelope(r) => {
            let (t, key) = (type_text(&r.item, types), &r.key);
            match r.result {
                EnvelopeResult::List(_) => format!("Vec<{t}> from {key}"),
                EnvelopeResult::Each => format!("Outcomes<{t}> from {key}"),
                EnvelopeResult::One | EnvelopeResult::OneChecked => format!("{t} from {key}"),
            }
        }
    }
}
