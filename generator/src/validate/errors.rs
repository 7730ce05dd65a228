//! `api.errors`: the documented statuses and the error body model, with the
//! fields `rt::ErrorDetails` reads (code, messages, an optional item list).

use super::names::{NameKind, Names};
use super::{Reporter, field_path};
use crate::diag::{Rule, did_you_mean};
use crate::ir::{self, ErrorBody, ErrorShape, Model, Scalar, Ty, TypeKind, TypeSpace};
use crate::raw::RawErrors;

pub(super) fn lower(
    cx: &mut Reporter<'_>,
    f: usize,
    raw: Option<&RawErrors>,
    names: &Names,
    types: &TypeSpace,
) -> ErrorShape {
    let Some(errors) = raw else {
        return ErrorShape::default();
    };
    let assumption = cx.citation(
        f,
        "api.errors",
        errors.source.as_deref(),
        errors.assumption.as_deref(),
        true,
    );
    let mut statuses = Vec::new();
    for (status, s) in &errors.statuses.0 {
        if !(400..=599).contains(status) {
            cx.error(
                f,
                &format!("api.errors.statuses.{status}"),
                Rule::BadStatus,
                format!("`{status}` is not an error status (400-599)"),
                None,
            );
        }
        statuses.push(ir::ErrorStatus {
            status: *status,
            doc: ir::Doc::plain(s.doc.trim()),
            not_processed: s.not_processed,
        });
    }
    statuses.sort_by_key(|s| s.status);
    ErrorShape {
        body: body(cx, f, errors, names, types),
        statuses,
        assumption,
    }
}

/// Resolves `body`, `item`, `code` and `message`.
fn body(
    cx: &mut Reporter<'_>,
    f: usize,
    errors: &RawErrors,
    names: &Names,
    types: &TypeSpace,
) -> Option<ErrorBody> {
    let Some(body) = errors.body.as_ref() else {
        if errors.code.is_some() || !errors.message.is_empty() {
            cx.error(
                f,
                "api.errors",
                Rule::MissingKey,
                "`code` and `message` name fields of `body`, which is not given",
                Some("add `body: <ErrorModel>`".into()),
            );
        }
        return None;
    };
    let id = match names.get(body) {
        Some(d) if d.kind == NameKind::Model => d.id,
        None if cx.spec.may_declare(body) => return None,
        _ => {
            let help = did_you_mean(body, names.of_kind(NameKind::Model))
                .or_else(|| Some("name a model declared under `models`".into()));
            cx.error(
                f,
                "api.errors.body",
                Rule::UnknownType,
                format!("error body `{body}` is not a model"),
                help,
            );
            return None;
        }
    };
    let model = types.model(id)?;
    let mut out = ErrorBody {
        model: id,
        item: None,
        code: None,
        messages: Vec::new(),
        request_id: Vec::new(),
    };
    let mut fields_of = (body.as_str(), model);
    if let Some(item) = &errors.item {
        let (rust, inner) = item_list(cx, f, item, body, model, types)?;
        out.item = Some(rust);
        fields_of = (types.name(inner.0).as_str(), inner.1);
    }
    if let Some(code) = &errors.code {
        if let Some((path, ty)) = field_path(cx, f, "code", code, fields_of, types) {
            let hints = match ty {
                Ty::Named(e) => match &types.get(*e).kind {
                    TypeKind::StringEnum(en) => en.has_hints(),
                    TypeKind::IntEnum(en) => en.has_hints(),
                    _ => false,
                },
                _ => false,
            };
            out.code = Some(ir::ErrorCode { field: path, hints });
        }
    }
    for (key, wires) in [
        ("message", &errors.message),
        ("request_id", &errors.request_id),
    ] {
        for m in wires {
            let Some((path, ty)) = field_path(cx, f, key, m, fields_of, types) else {
                continue;
            };
            if *ty != Ty::Scalar(Scalar::String) {
                cx.error(
                    f,
                    &format!("api.errors.{key}"),
                    Rule::BadType,
                    format!("{key} field `{m}` must be a `string`"),
                    None,
                );
            }
            match key {
                "message" => out.messages.push(path),
                _ => out.request_id.push(path),
            }
        }
    }
    Some(out)
}

/// The `item` list field and the model of its items.
fn item_list<'t>(
    cx: &mut Reporter<'_>,
    f: usize,
    item: &str,
    body: &str,
    model: &Model,
    types: &'t TypeSpace,
) -> Option<(ir::RustIdent, (ir::TypeId, &'t Model))> {
    let found = model
        .fields
        .iter()
        .find(|x| x.wire == item)
        .and_then(|x| match &x.ty {
            Ty::List(t) if x.presence == ir::Presence::Required => match **t {
                Ty::Named(m) => types.model(m).map(|mm| (x.rust.clone(), (m, mm))),
                _ => None,
            },
            _ => None,
        });
    if found.is_none() {
        cx.error(
            f,
            "api.errors.item",
            Rule::UnknownField,
            format!("`{item}` is not a required `list<Model>` field of `{body}`"),
            did_you_mean(item, model.fields.iter().map(|x| x.wire.as_str())),
        );
    }
    found
}

/// A dotted path (`error.code`) through the models of the error body.
fn field_path<'m>(
    cx: &mut Reporter<'_>,
    f: usize,
    key: &str,
    dotted: &str,
    start: field_path::Start<'m>,
    types: &'m TypeSpace,
) -> Option<(ir::FieldPath, &'m Ty)> {
    let yaml = format!("api.errors.{key}");
    let at = field_path::At {
        file: f,
        yaml: &yaml,
        text: dotted,
    };
    let segments: Vec<&str> = dotted.split('.').collect();
    field_path::resolve(cx, &at, &segments, start, types)
}
