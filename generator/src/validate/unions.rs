//! Unions, declared as models with `tagged:` (a discriminator field and the
//! model of each of its values) or `one_of:` (variant name -> type, tried in
//! order). Pass 2 lowers their shape ([`lower`]); once every type is known,
//! [`check`] requires the tag field on every tagged variant and refuses
//! untagged unions in which one JSON value could decode as two variants.

use super::Reporter;
use super::names::NameKind;
use super::resolve::Resolver;
use crate::diag::Rule;
use crate::ir::{
    Presence, RustIdent, Scalar, Ty, TypeDef, TypeKind, Union, UnionKind, UnionVariant,
};
use crate::load::Item;
use crate::names::UNKNOWN_VARIANT;
use crate::raw::RawModel;

/// The union a model declares, if it declares one (`None` otherwise).
pub(super) fn lower(
    cx: &mut Reporter<'_>,
    resolver: &Resolver<'_>,
    it: &Item<RawModel>,
) -> Option<Union> {
    let raw = &it.raw;
    if raw.tagged.is_none() && raw.one_of.0.is_empty() {
        return None;
    }
    let shaped = [
        ("fields", !raw.fields.0.is_empty()),
        ("type_params", !raw.type_params.is_empty()),
        ("entity", raw.entity.is_some()),
        ("one_of", raw.tagged.is_some() && !raw.one_of.0.is_empty()),
    ];
    if let Some((key, _)) = shaped.iter().find(|(_, given)| *given) {
        let msg = format!("a union (`tagged` or `one_of`) cannot also have `{key}`");
        cx.error(
            it.file,
            &format!("{}.{key}", it.path),
            Rule::BadValue,
            msg,
            Some("make it a separate model".into()),
        );
        return Some(Union {
            kind: UnionKind::Untagged,
            variants: Vec::new(),
        });
    }
    let (kind, entries): (UnionKind, Vec<(&String, &String)>) = match &raw.tagged {
        Some(t) => (
            UnionKind::Tagged {
                field: t.field.clone(),
            },
            t.variants.0.iter().map(|(k, v)| (k, v)).collect(),
        ),
        None => (
            UnionKind::Untagged,
            raw.one_of.0.iter().map(|(k, v)| (k, v)).collect(),
        ),
    };
    let at = match kind {
        UnionKind::Tagged { .. } => format!("{}.tagged.variants", it.path),
        UnionKind::Untagged => format!("{}.one_of", it.path),
    };
    let mut variants: Vec<UnionVariant> = Vec::new();
    for (key, written) in entries {
        let path = format!("{at}.{key}");
        let Some(ty) = resolver.resolve(cx, it.file, &path, written) else {
            continue;
        };
        let tagged = matches!(kind, UnionKind::Tagged { .. });
        let name = if tagged {
            variant_of_model(&ty, resolver)
        } else {
            RustIdent::upper_camel(key)
        };
        if tagged && name.is_none() {
            cx.error(
                it.file,
                &path,
                Rule::BadType,
                format!("variant `{key}` of a tagged union must be a model"),
                None,
            );
            continue;
        }
        let Some(name) = name.filter(|n| n.as_str() != UNKNOWN_VARIANT) else {
            let msg = format!(
                "`{key}` gives no usable variant name (or `{UNKNOWN_VARIANT}`, which the tagged union keeps for values it does not know)"
            );
            cx.error(it.file, &path, Rule::BadName, msg, None);
            continue;
        };
        if variants.iter().any(|v| v.name == name) {
            let msg = format!("two variants are named `{name}`");
            cx.error(
                it.file,
                &path,
                Rule::DuplicateName,
                msg,
                Some("give each variant its own model or name".into()),
            );
            continue;
        }
        variants.push(UnionVariant {
            name,
            tag: tagged.then(|| key.clone()),
            ty,
        });
    }
    Some(Union { kind, variants })
}

/// A tagged variant is named after its model.
fn variant_of_model(ty: &Ty, resolver: &Resolver<'_>) -> Option<RustIdent> {
    let Ty::Named(id) = ty else { return None };
    let d = resolver.names.in_order.get(id.0)?;
    (d.kind == NameKind::Model).then(|| d.name.clone())
}

/// Checks every union against the lowered types; `at` locates each
/// declaration (file, YAML path).
pub(super) fn check(cx: &mut Reporter<'_>, defs: &[TypeDef], at: &[(usize, String)]) {
    for (i, d) in defs.iter().enumerate() {
        let TypeKind::Union(u) = &d.kind else {
            continue;
        };
        let (file, path) = (&at[i].0, &at[i].1);
        match &u.kind {
            UnionKind::Tagged { field } => check_tagged(cx, (*file, path), field, u, defs),
            UnionKind::Untagged => check_untagged(cx, (*file, path), u, defs),
        }
    }
}

fn check_tagged(
    cx: &mut Reporter<'_>,
    (file, path): (usize, &str),
    field: &str,
    u: &Union,
    defs: &[TypeDef],
) {
    for v in &u.variants {
        let tag = v.tag.as_deref().unwrap_or_default();
        let at = format!("{path}.tagged.variants.{tag}");
        let model = match &v.ty {
            Ty::Named(id) => match &defs[id.0].kind {
                TypeKind::Struct(m) => Some(m),
                _ => None,
            },
            _ => None,
        };
        let Some(model) = model else {
            cx.error(
                file,
                &at,
                Rule::BadType,
                format!("variant `{tag}` of a tagged union must be a model"),
                None,
            );
            continue;
        };
        let declared = model.fields.iter().find(|f| f.wire == field);
        let ok = declared.is_some_and(|f| match &f.ty {
            Ty::Scalar(Scalar::String) => true,
            Ty::Named(e) => matches!(defs[e.0].kind, TypeKind::StringEnum(_)),
            _ => false,
        });
        if !ok {
            let msg = format!(
                "variant model `{}` must declare the tag field `{field}` (a string), so the tag is written back",
                v.name
            );
            cx.error(
                file,
                &at,
                Rule::MissingKey,
                msg,
                Some(format!(
                    "add `{field}: {{type: string, required: true, doc: ...}}`"
                )),
            );
        }
    }
}

/// What JSON a type accepts, for telling untagged variants apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Text,
    Integer,
    Number,
    Bool,
    Array,
    Object,
    Any,
}

fn shape(ty: &Ty, defs: &[TypeDef]) -> Shape {
    match ty {
        Ty::Scalar(s) => match s {
            Scalar::Bool => Shape::Bool,
            Scalar::I32 | Scalar::I64 | Scalar::U32 | Scalar::U64 => Shape::Integer,
            Scalar::EpochSeconds | Scalar::EpochMillis => Shape::Integer,
            Scalar::F64 | Scalar::Decimal => Shape::Number,
            Scalar::Json | Scalar::StringOrNumber => Shape::Any,
            _ => Shape::Text,
        },
        Ty::List(_) | Ty::OneOrMany(_) => Shape::Array,
        Ty::Map(_) | Ty::Generic(..) => Shape::Object,
        Ty::Boxed(inner) => shape(inner, defs),
        Ty::IdOrObject(..) => Shape::Any,
        Ty::Named(id) => match &defs[id.0].kind {
            TypeKind::Struct(_) => Shape::Object,
            TypeKind::IntEnum(_) => Shape::Integer,
            TypeKind::Union(_) => Shape::Any,
            _ => Shape::Text,
        },
        _ => Shape::Any,
    }
}

/// Required wire names of a model variant (`None`: not a plain model).
fn required(ty: &Ty, defs: &[TypeDef]) -> Option<(Vec<String>, Vec<String>)> {
    let Ty::Named(id) = ty else { return None };
    let TypeKind::Struct(m) = &defs[id.0].kind else {
        return None;
    };
    let req = m
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Required)
        .map(|f| f.wire.clone())
        .collect();
    let all = m.fields.iter().map(|f| f.wire.clone()).collect();
    Some((req, all))
}

/// An earlier variant shadows a later one when every JSON value of the
/// later could decode as the earlier.
fn shadows(a: &Ty, b: &Ty, defs: &[TypeDef]) -> bool {
    let (sa, sb) = (shape(a, defs), shape(b, defs));
    match (sa, sb) {
        (Shape::Any, _) => true,
        (Shape::Integer, Shape::Number) => false,
        (Shape::Object, Shape::Object) => match (required(a, defs), required(b, defs)) {
            // `a` reads any object that has its required fields: it
            // shadows `b` unless it requires one `b` does not declare.
            (Some((req_a, _)), Some((_, all_b))) => req_a.iter().all(|r| all_b.contains(r)),
            _ => true,
        },
        (x, y) => x == y,
    }
}

fn check_untagged(cx: &mut Reporter<'_>, (file, path): (usize, &str), u: &Union, defs: &[TypeDef]) {
    for (j, later) in u.variants.iter().enumerate() {
        if let Some(earlier) = u.variants[..j]
            .iter()
            .find(|e| shadows(&e.ty, &later.ty, defs))
        {
            let msg = format!(
                "untagged union is ambiguous: a value of variant `{}` also decodes as the earlier `{}`, so `{}` would never be chosen",
                later.name, earlier.name, later.name
            );
            let help = "tell them apart by JSON type or a required field only the earlier has, reorder them, or use `tagged:`";
            cx.error(
                file,
                &format!("{path}.one_of.{}", later.name),
                Rule::BadType,
                msg,
                Some(help.into()),
            );
        }
    }
}
