//! `models`: structs, their fields and presence rules.

use std::collections::BTreeMap;

use super::Reporter;
use super::names::{Declared, Names};
use super::resolve::{Resolver, Scope};
use super::settings::{ApiHeader, WireCase};
use crate::diag::Rule;
use crate::ir::{
    Encoding, Field, Model, Presence, RustIdent, Ty, TypeDef, TypeKind, UnknownFields,
};
use crate::load::Item;
use crate::names::EXTRA_FIELD;
use crate::raw::{RawField, RawModel};

pub(super) fn lower(
    cx: &mut Reporter<'_>,
    names: &Names,
    header: Option<&ApiHeader>,
    d: &Declared,
) -> TypeDef {
    let it = &cx.spec.models[d.item];
    let doc = cx.documented_item(it);
    check_type_params(cx, it);
    let open = it.raw.open.unwrap_or(header.is_some_and(|h| h.open_models));
    let wire_case = header.map_or(WireCase::AsIs, |h| h.wire_case);
    let resolver = Resolver {
        names,
        scope: Scope {
            type_params: &it.raw.type_params,
            record: false,
        },
    };
    if let Some(union) = super::unions::lower(cx, &resolver, it) {
        return TypeDef {
            name: d.name.clone(),
            doc,
            deprecated: it.raw.deprecated.clone(),
            kind: TypeKind::Union(union),
        };
    }
    let mut fields: Vec<Field> = Vec::new();
    // Rust name -> the wire name that took it first (a linear check).
    let mut taken: BTreeMap<RustIdent, String> = BTreeMap::new();
    // Every wire name a field is read from -> that field's key.
    let mut wires: BTreeMap<&str, &str> = it
        .raw
        .fields
        .0
        .iter()
        .map(|(w, _)| (w.as_str(), w.as_str()))
        .collect();
    for (wire, raw) in &it.raw.fields.0 {
        let path = format!("{}.fields.{wire}", it.path);
        check_aliases(cx, it.file, &path, wire, &raw.aliases, &mut wires);
        let f = field(
            cx,
            &resolver,
            it,
            &path,
            wire,
            raw,
            (open, wire_case),
            &taken,
        );
        if let Some(f) = f {
            taken.insert(f.rust.clone(), f.wire.clone());
            fields.push(f);
        }
    }
    let entity = entity(cx, it);
    TypeDef {
        name: d.name.clone(),
        doc,
        deprecated: it.raw.deprecated.clone(),
        kind: TypeKind::Struct(Model {
            unknown_fields: if open {
                UnknownFields::Keep
            } else {
                UnknownFields::Ignore
            },
            fields,
            type_params: it
                .raw
                .type_params
                .iter()
                .filter_map(|t| RustIdent::parse(t))
                .collect(),
            entity,
            input_of: None,
        }),
    }
}

/// An alias is a wire name no other field (or alias) of the model uses.
fn check_aliases<'a>(
    cx: &mut Reporter<'_>,
    file: usize,
    path: &str,
    wire: &'a str,
    aliases: &'a [String],
    wires: &mut BTreeMap<&'a str, &'a str>,
) {
    for (i, alias) in aliases.iter().enumerate() {
        if let Some(owner) = wires.get(alias.as_str()) {
            cx.error(
                file,
                &format!("{path}.aliases.{i}"),
                Rule::DuplicateName,
                format!("alias `{alias}` of `{wire}` is already the wire name of `{owner}`"),
                Some("remove the alias; one wire name can fill one field".into()),
            );
        } else {
            wires.insert(alias, wire);
        }
    }
}

fn check_type_params(cx: &mut Reporter<'_>, it: &Item<RawModel>) {
    for (i, tp) in it.raw.type_params.iter().enumerate() {
        let ok = tp.len() == 1 && tp.chars().all(|c| c.is_ascii_uppercase());
        if !ok || i > 0 {
            cx.error(
                it.file,
                &format!("{}.type_params", it.path),
                Rule::BadValue,
                format!(
                    "type parameter `{tp}`: a model takes at most one, named by one capital letter"
                ),
                Some("write `type_params: [T]`".into()),
            );
        }
    }
}

fn entity(cx: &mut Reporter<'_>, it: &Item<RawModel>) -> Option<String> {
    let e = it.raw.entity.as_ref()?;
    let ok = e.starts_with(|c: char| c.is_ascii_alphabetic())
        && e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !ok || !it.raw.type_params.is_empty() {
        cx.error(
            it.file,
            &format!("{}.entity", it.path),
            Rule::BadValue,
            format!("`entity: {e}` must be an entity name (letters, digits, `_`) on a model without type parameters"),
            None,
        );
    }
    ok.then(|| e.clone())
}

fn wire_case_ok(case: WireCase, wire: &str) -> Option<String> {
    let expected = match case {
        WireCase::AsIs => return None,
        WireCase::Pascal => heck::ToUpperCamelCase::to_upper_camel_case(wire),
        WireCase::Snake => heck::ToSnakeCase::to_snake_case(wire),
        WireCase::Camel => heck::ToLowerCamelCase::to_lower_camel_case(wire),
    };
    (expected != wire).then_some(expected)
}

/// The field's own `wire_case` exemption.
fn exempt(cx: &mut Reporter<'_>, file: usize, path: &str, raw: &RawField) -> bool {
    match raw.wire_case.as_deref() {
        None => false,
        Some("as_is") => true,
        Some(other) => {
            cx.error(
                file,
                &format!("{path}.wire_case"),
                Rule::BadValue,
                format!("`wire_case: {other}` on a field"),
                Some(
                    "the only field-level value is `as_is` (exempt from the API's wire case)"
                        .into(),
                ),
            );
            false
        }
    }
}

/// One field; `None` after reporting why it cannot be one.
#[allow(clippy::too_many_arguments)]
fn field(
    cx: &mut Reporter<'_>,
    resolver: &Resolver<'_>,
    it: &Item<RawModel>,
    path: &str,
    wire: &str,
    raw: &RawField,
    (open, wire_case): (bool, WireCase),
    taken: &BTreeMap<RustIdent, String>,
) -> Option<Field> {
    let file = it.file;
    let exempt = exempt(cx, file, path, raw);
    if let Some(expected) = wire_case_ok(wire_case, wire).filter(|_| !exempt) {
        cx.error(
            file,
            path,
            Rule::WireCase,
            format!("field `{wire}` does not follow the API's wire case (`{expected}` would)"),
            Some(
                "fix the spelling, or set `api.wire_case: as_is` if the API mixes conventions"
                    .into(),
            ),
        );
    }
    let rust = match &raw.rust_name {
        Some(n) => RustIdent::parse(n),
        None => RustIdent::snake(wire),
    };
    let Some(rust) = rust else {
        cx.error(
            file,
            path,
            Rule::BadName,
            format!("field `{wire}` gives no usable Rust name"),
            Some("set `rust_name`".into()),
        );
        return None;
    };
    if rust.as_str() == EXTRA_FIELD && open {
        cx.error(
            file,
            path,
            Rule::ReservedName,
            "`extra` holds the unknown fields of an open model",
            Some("set `rust_name` to another name".into()),
        );
    }
    if let Some(prev) = taken.get(&rust) {
        cx.error(
            file,
            path,
            Rule::DuplicateName,
            format!("field `{wire}` and `{prev}` both become `{rust}`"),
            Some("set `rust_name` on one of them".into()),
        );
        return None;
    }
    let ty = resolver.resolve(cx, file, &format!("{path}.type"), &raw.ty)?;
    check_field_type(cx, file, path, &raw.ty, &ty);
    let encoding = raw
        .encoding
        .as_deref()
        .and_then(|e| encoding(cx, file, path, e, &ty));
    let (presence, sent) = presence(cx, file, path, raw);
    let sent_ty = super::sent_type::resolve(cx, resolver, (file, path), raw, &ty);
    Some(Field {
        wire: wire.to_owned(),
        rust,
        doc: field_doc(cx, file, path, raw),
        ty,
        presence,
        deprecated: raw.deprecated.clone(),
        encoding,
        aliases: raw.aliases.clone(),
        sent,
        sent_ty,
        example: raw.example.as_ref().map(|e| {
            let shown = serde_yaml::to_string(e).unwrap_or_default();
            shown.trim().to_owned()
        }),
        read_only: raw.read_only,
        always_returned: raw.always_returned,
    })
}

/// How a field is read (`always_returned` makes it required there) and how
/// it is sent (`None`: `read_only`, never).
fn presence(
    cx: &mut Reporter<'_>,
    file: usize,
    path: &str,
    raw: &RawField,
) -> (Presence, Option<Presence>) {
    let of = |required: bool| match (required, raw.nullable) {
        (true, false) => Presence::Required,
        (true, true) => Presence::RequiredNullable,
        (false, false) => Presence::Optional,
        (false, true) => Presence::Tristate,
    };
    if raw.required && raw.read_only {
        cx.error(
            file,
            &format!("{path}.required"),
            Rule::BadValue,
            "`required` says a request must send the field, `read_only` that it is never sent",
            Some("write `always_returned: true` for a field every response has".into()),
        );
    }
    if raw.required && raw.always_returned {
        cx.error(
            file,
            &format!("{path}.always_returned"),
            Rule::BadValue,
            "`always_returned` repeats `required`, which holds for responses too",
            Some("drop `always_returned`".into()),
        );
    }
    let read = of(raw.required || raw.always_returned);
    let sent = (!raw.read_only).then(|| of(raw.required));
    (read, sent)
}

fn field_doc(cx: &mut Reporter<'_>, file: usize, path: &str, raw: &RawField) -> crate::ir::Doc {
    let (doc, source) = (&raw.doc, raw.source.as_deref());
    cx.cited_doc((file, path), doc, source, raw.assumption.as_deref(), false)
}

fn check_field_type(cx: &mut Reporter<'_>, file: usize, path: &str, written: &str, ty: &Ty) {
    if *ty == Ty::Scalar(crate::ir::Scalar::ETag) {
        cx.error(
            file,
            &format!("{path}.type"),
            Rule::BadType,
            "`etag` is for header parameters only",
            Some("use `string`".into()),
        );
    }
    if endpoint_only(ty) {
        cx.error(
            file,
            &format!("{path}.type"),
            Rule::BadType,
            format!("`{written}` is for endpoint parameters and bodies only"),
            None,
        );
    }
}

/// Types that only make sense on endpoints, at any depth.
fn endpoint_only(t: &Ty) -> bool {
    t.any(&mut |t| match t {
        Ty::Entity | Ty::Record => true,
        Ty::Scalar(s) => {
            !s.row().in_fields && s.row().params == crate::scalars::ParamUse::QueryOnly
        }
        Ty::Interval(_)
        | Ty::OneOrMany(_)
        | Ty::List(_)
        | Ty::Map(_)
        | Ty::Named(_)
        | Ty::Generic(..)
        | Ty::TypeParam(_)
        | Ty::Boxed(_)
        | Ty::IdOrObject(..) => false,
    })
}

/// Resolves a field's `encoding` against its type.
fn encoding(
    cx: &mut Reporter<'_>,
    file: usize,
    path: &str,
    name: &str,
    ty: &Ty,
) -> Option<Encoding> {
    let Some(enc) = Encoding::from_spec(name) else {
        cx.error(
            file,
            &format!("{path}.encoding"),
            Rule::BadEncoding,
            format!("unknown encoding `{name}`"),
            Some("use `string` (numbers, decimals, bools), `flag` (bool as \"1\"/\"0\") or `compact_date` (date as yyyyMMdd)".into()),
        );
        return None;
    };
    if !ty.scalar().is_some_and(|s| s.fits(enc)) {
        cx.error(
            file,
            &format!("{path}.encoding"),
            Rule::BadEncoding,
            format!("`encoding: {name}` does not apply to this field's type"),
            Some(crate::scalars::Encoding::fits_text()),
        );
        return None;
    }
    Some(enc)
}
