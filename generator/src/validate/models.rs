//! `ids`, `enums` and `models`: names, fields and their presence rules.

use std::collections::BTreeSet;

use super::{with_citation, Ctx, NameKind, WireCase};
use crate::ident;
use crate::ir;

/// Names the generated module defines itself; a spec type may not take them.
const RESERVED: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Environment",
    "Error",
    "Result",
    "Response",
    "Patch",
    "Decimal",
    "Timestamp",
    "ETag",
    "Date",
    "LocalDateTime",
    "IsoDuration",
    "Interval",
    "SearchExpr",
];

/// Registers every declared type name, reporting duplicates and bad names.
/// Returns the indexes of the ids and enums that were declared.
pub(super) fn declare_names(ctx: &mut Ctx<'_>) -> (Vec<usize>, Vec<usize>) {
    let spec = ctx.spec;
    let mut seen: Vec<(String, String)> = Vec::new(); // (name, where)
    let mut ids = Vec::new();
    let mut enums = Vec::new();
    let declared = spec
        .ids
        .iter()
        .enumerate()
        .map(|(i, it)| (NameKind::Id, i, &it.name, it.file, &it.path))
        .chain(
            spec.enums
                .iter()
                .enumerate()
                .map(|(i, it)| (NameKind::Enum, i, &it.name, it.file, &it.path)),
        )
        .chain(
            spec.models
                .iter()
                .enumerate()
                .map(|(i, it)| (NameKind::Model, i, &it.name, it.file, &it.path)),
        );
    let resource_types: BTreeSet<String> = spec
        .resources
        .iter()
        .filter_map(|r| ident::upper_camel(&r.name))
        .map(|n| format!("{n}Api"))
        .collect();
    for (kind, idx, name, file, path) in declared {
        let here = format!("{} ({})", spec.files[file].name, path);
        if let Some((_, first)) = seen.iter().find(|(n, _)| n == name) {
            ctx.error(
                file,
                path,
                "duplicate-name",
                format!("`{name}` is declared twice; first at {first}"),
                Some("rename one of them; ids, enums and models share one namespace".into()),
            );
            continue;
        }
        if !ident::is_type_name(name) {
            let help = ident::upper_camel(name).map(|n| format!("did you mean `{n}`?"));
            ctx.error(
                file,
                path,
                "bad-name",
                format!("type name `{name}` is not UpperCamelCase"),
                help,
            );
        } else if RESERVED.contains(&name.as_str()) || resource_types.contains(name.as_str()) {
            ctx.error(
                file,
                path,
                "reserved-name",
                format!("`{name}` is a name the generated module defines itself"),
                Some(format!("rename it, e.g. `{name}Body`")),
            );
        }
        seen.push((name.clone(), here));
        ctx.names.insert(name.clone(), kind);
        if kind == NameKind::Model && !spec.models[idx].raw.type_params.is_empty() {
            ctx.generics
                .insert(name.clone(), spec.models[idx].raw.type_params.len());
        }
        match kind {
            NameKind::Id => ids.push(idx),
            NameKind::Enum => enums.push(idx),
            NameKind::Model => {}
        }
    }
    (ids, enums)
}

pub(super) fn lower_ids(ctx: &mut Ctx<'_>, indexes: Vec<usize>) -> Vec<ir::IdType> {
    let spec = ctx.spec;
    let mut out = Vec::new();
    for i in indexes {
        let it = &spec.ids[i];
        let doc = ctx.documented(
            it.file,
            &it.path,
            &it.raw.doc,
            it.raw.source.as_deref(),
            it.raw.assumption.as_deref(),
        );
        out.push(ir::IdType {
            name: it.name.clone(),
            doc,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

pub(super) fn lower_enums(ctx: &mut Ctx<'_>, indexes: Vec<usize>) -> Vec<ir::Enum> {
    let spec = ctx.spec;
    let mut out = Vec::new();
    for i in indexes {
        let it = &spec.enums[i];
        let doc = ctx.documented(
            it.file,
            &it.path,
            &it.raw.doc,
            it.raw.source.as_deref(),
            it.raw.assumption.as_deref(),
        );
        if it.raw.values.0.is_empty() {
            ctx.error(
                it.file,
                &format!("{}.values", it.path),
                "empty-enum",
                format!("enum `{}` has no values", it.name),
                Some("list the documented values; unknown ones are kept automatically".into()),
            );
        }
        let int_repr = match it.raw.repr.as_deref() {
            None | Some("string") => false,
            Some("integer") => true,
            Some(other) => {
                ctx.error(
                    it.file,
                    &format!("{}.repr", it.path),
                    "bad-value",
                    format!("unknown enum representation `{other}`"),
                    Some("use `string` or `integer`".into()),
                );
                false
            }
        };
        let mut variants: Vec<ir::Variant> = Vec::new();
        for (key, v) in &it.raw.values.0 {
            let wire = &key.0;
            let path = format!("{}.values.{wire}", it.path);
            if int_repr && wire.parse::<i64>().is_err() {
                ctx.error(
                    it.file,
                    &path,
                    "bad-value",
                    format!("`{wire}` is not an integer, but the enum has `repr: integer`"),
                    None,
                );
                continue;
            }
            if int_repr && v.rust_name.is_none() {
                ctx.error(
                    it.file,
                    &path,
                    "bad-name",
                    format!("integer value `{wire}` needs a variant name"),
                    Some("set `rust_name`, e.g. `rust_name: SubscriptionExpired`".into()),
                );
                continue;
            }
            let rust = v.rust_name.clone().or_else(|| ident::upper_camel(wire));
            let Some(rust) = rust else {
                ctx.error(
                    it.file,
                    &path,
                    "bad-name",
                    format!("value `{wire}` gives no usable variant name"),
                    Some("set `rust_name`".into()),
                );
                continue;
            };
            if rust == "Unknown" {
                ctx.error(
                    it.file,
                    &path,
                    "reserved-name",
                    "`Unknown` is the variant that keeps unrecognised values",
                    Some("set `rust_name` to another name".into()),
                );
            }
            if let Some(prev) = variants.iter().find(|p| p.rust == rust || p.wire == *wire) {
                ctx.error(
                    it.file,
                    &path,
                    "duplicate-name",
                    format!(
                        "value `{wire}` gives variant `{rust}`, which `{}` already has",
                        prev.wire
                    ),
                    Some("remove the duplicate or set `rust_name`".into()),
                );
                continue;
            }
            let vdoc = ctx.doc(it.file, &path, &v.doc);
            let hint = v.hint.as_ref().map(|h| h.trim().to_owned());
            variants.push(ir::Variant {
                rust,
                wire: wire.clone(),
                doc: vdoc,
                deprecated: v.deprecated.clone(),
                hint,
            });
        }
        out.push(ir::Enum {
            name: it.name.clone(),
            doc,
            deprecated: it.raw.deprecated.clone(),
            int_repr,
            variants,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
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

pub(super) fn lower_models(ctx: &mut Ctx<'_>) -> Vec<ir::Model> {
    let spec = ctx.spec;
    let open_default = spec.api.first().is_some_and(|a| a.raw.open_models);
    let mut out = Vec::new();
    for it in &spec.models {
        if ctx.names.get(&it.name) != Some(&NameKind::Model) {
            continue; // a duplicate, already reported
        }
        let doc = ctx.documented(
            it.file,
            &it.path,
            &it.raw.doc,
            it.raw.source.as_deref(),
            it.raw.assumption.as_deref(),
        );
        for (i, tp) in it.raw.type_params.iter().enumerate() {
            let ok = tp.len() == 1 && tp.chars().all(|c| c.is_ascii_uppercase());
            if !ok || i > 0 {
                ctx.error(
                    it.file,
                    &format!("{}.type_params", it.path),
                    "bad-value",
                    format!("type parameter `{tp}`: a model takes at most one, named by one capital letter"),
                    Some("write `type_params: [T]`".into()),
                );
            }
        }
        ctx.type_params = it.raw.type_params.clone();
        let mut fields: Vec<ir::Field> = Vec::new();
        for (wire, raw) in &it.raw.fields.0 {
            let path = format!("{}.fields.{wire}", it.path);
            let exempt = match raw.wire_case.as_deref() {
                None => false,
                Some("as_is") => true,
                Some(other) => {
                    ctx.error(
                        it.file,
                        &format!("{path}.wire_case"),
                        "bad-value",
                        format!("`wire_case: {other}` on a field"),
                        Some("the only field-level value is `as_is` (exempt from the API's wire case)".into()),
                    );
                    false
                }
            };
            if let Some(expected) = wire_case_ok(ctx.wire_case, wire).filter(|_| !exempt) {
                ctx.error(it.file, &path, "wire-case", format!("field `{wire}` does not follow the API's wire case (`{expected}` would)"), Some("fix the spelling, or set `api.wire_case: as_is` if the API mixes conventions".into()));
            }
            let rust = raw.rust_name.clone().or_else(|| ident::snake(wire));
            let Some(rust) = rust else {
                ctx.error(
                    it.file,
                    &path,
                    "bad-name",
                    format!("field `{wire}` gives no usable Rust name"),
                    Some("set `rust_name`".into()),
                );
                continue;
            };
            if rust == "extra" && it.raw.open.unwrap_or(open_default) {
                ctx.error(
                    it.file,
                    &path,
                    "reserved-name",
                    "`extra` holds the unknown fields of an open model",
                    Some("set `rust_name` to another name".into()),
                );
            }
            if let Some(prev) = fields.iter().find(|f| f.rust == rust) {
                ctx.error(
                    it.file,
                    &path,
                    "duplicate-name",
                    format!("field `{wire}` and `{}` both become `{rust}`", prev.wire),
                    Some("set `rust_name` on one of them".into()),
                );
                continue;
            }
            let Some(ty) = ctx.resolve_type(it.file, &format!("{path}.type"), &raw.ty) else {
                continue;
            };
            if ty == ir::Ty::ETag {
                ctx.error(
                    it.file,
                    &format!("{path}.type"),
                    "bad-type",
                    "`etag` is for header parameters only",
                    Some("use `string`".into()),
                );
            }
            if endpoint_only(&ty) {
                ctx.error(
                    it.file,
                    &format!("{path}.type"),
                    "bad-type",
                    format!("`{}` is for endpoint parameters and bodies only", raw.ty),
                    None,
                );
            }
            let encoding = raw
                .encoding
                .as_deref()
                .and_then(|e| encoding(ctx, it.file, &path, e, &ty));
            let presence = match (raw.required, raw.nullable) {
                (true, false) => ir::Presence::Required,
                (true, true) => ir::Presence::RequiredNullable,
                (false, false) => ir::Presence::Optional,
                (false, true) => ir::Presence::Tristate,
            };
            let fdoc = ctx.doc(it.file, &path, &raw.doc);
            let fcite = ctx.citation(
                it.file,
                &path,
                raw.source.as_deref(),
                raw.assumption.as_deref(),
                false,
            );
            let mut fdoc = with_citation(&fdoc, &fcite);
            if let Some(example) = &raw.example {
                let shown = serde_yaml::to_string(example).unwrap_or_default();
                fdoc.push_str(&format!("\n\nExample: `{}`", shown.trim()));
            }
            fields.push(ir::Field {
                wire: wire.clone(),
                rust,
                doc: fdoc,
                ty,
                presence,
                deprecated: raw.deprecated.clone(),
                encoding,
            });
        }
        ctx.type_params.clear();
        let entity = it.raw.entity.as_ref().filter(|e| {
            let ok = e.starts_with(|c: char| c.is_ascii_alphabetic())
                && e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ok || !it.raw.type_params.is_empty() {
                ctx.error(
                    it.file,
                    &format!("{}.entity", it.path),
                    "bad-value",
                    format!("`entity: {e}` must be an entity name (letters, digits, `_`) on a model without type parameters"),
                    None,
                );
            }
            ok
        });
        let derive_default = fields.iter().all(|f| {
            f.presence != ir::Presence::Required && f.presence != ir::Presence::RequiredNullable
        });
        out.push(ir::Model {
            name: it.name.clone(),
            doc,
            deprecated: it.raw.deprecated.clone(),
            open: it.raw.open.unwrap_or(open_default),
            fields,
            derive_default,
            type_params: it.raw.type_params.clone(),
            page: None,
            entity: entity.cloned(),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Types that only make sense on endpoints.
fn endpoint_only(t: &ir::Ty) -> bool {
    match t {
        ir::Ty::Entity | ir::Ty::Record | ir::Ty::SqlCondition | ir::Ty::SqlSelect => true,
        ir::Ty::List(i) | ir::Ty::Map(i) | ir::Ty::OneOrMany(i) | ir::Ty::Generic(_, i) => {
            endpoint_only(i)
        }
        _ => false,
    }
}

/// Resolves a field's `encoding` against its type.
fn encoding(
    ctx: &mut Ctx<'_>,
    file: usize,
    path: &str,
    name: &str,
    ty: &ir::Ty,
) -> Option<ir::Encoding> {
    let (enc, fits) = match name {
        "string" => (
            ir::Encoding::Text,
            matches!(
                ty,
                ir::Ty::I32 | ir::Ty::I64 | ir::Ty::F64 | ir::Ty::Decimal | ir::Ty::Bool
            ),
        ),
        "flag" => (ir::Encoding::Flag, *ty == ir::Ty::Bool),
        "compact_date" => (ir::Encoding::CompactDate, *ty == ir::Ty::Date),
        other => {
            ctx.error(
                file,
                &format!("{path}.encoding"),
                "bad-encoding",
                format!("unknown encoding `{other}`"),
                Some("use `string` (numbers, decimals, bools), `flag` (bool as \"1\"/\"0\") or `compact_date` (date as yyyyMMdd)".into()),
            );
            return None;
        }
    };
    if !fits {
        ctx.error(
            file,
            &format!("{path}.encoding"),
            "bad-encoding",
            format!("`encoding: {name}` does not apply to this field's type"),
            Some("`string`: int32, int64, float64, decimal or bool; `flag`: bool; `compact_date`: date".into()),
        );
        return None;
    }
    Some(enc)
}
