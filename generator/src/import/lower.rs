//! Schemas as spec types: a reference is the component's type (or the type
//! it aliases), a scalar its built-in type, an array `list<T>`, a map
//! `map<T>`; an inline object, enum or union is declared under a name made
//! from where it is (`TaxConfig` for `Tax.config`). Models get their
//! fields (required, read-only, nullable, docs), unions their variants.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};
use serde_yaml::{Mapping, Value};

use super::Ctx;
use super::report::token;
use super::shapes::{self, Members, Node};
use super::yaml::{doc_of, map};

/// A schema's spec type, and whether `null` is one of its values.
pub struct Ty {
    pub expr: String,
    pub nullable: bool,
}

impl Ty {
    fn plain(expr: impl Into<String>) -> Self {
        Ty {
            expr: expr.into(),
            nullable: false,
        }
    }
}

/// The spec type of `node` at `pointer`; inline declarations are named
/// from `hint`.
pub fn type_of(cx: &mut Ctx, node: &Node, pointer: &str, hint: &str) -> Ty {
    match node {
        ReferenceOr::Reference { reference } => Ty::plain(reference_type(cx, reference, pointer)),
        ReferenceOr::Item(schema) => {
            let mut ty = inline_type(cx, schema, pointer, hint);
            ty.nullable |= schema.schema_data.nullable;
            ty
        }
    }
}

/// The type a `$ref` names.
pub fn reference_type(cx: &mut Ctx, reference: &str, pointer: &str) -> String {
    let name = shapes::component_name(reference).unwrap_or_default();
    if let Some(alias) = cx.aliases.get(name) {
        return alias.clone();
    }
    // An alias is worked out at its first use; taken out of the waiting
    // list first, so a cycle of aliases ends in `json` (noted below).
    if let Some(node) = cx.alias_nodes.remove(name) {
        let at = format!("/components/schemas/{}", token(name));
        let ty = type_of(cx, &node, &at, name);
        cx.aliases.insert(name.to_owned(), ty.expr.clone());
        return ty.expr;
    }
    if let Some(declared) = cx.names.get(name) {
        return declared.clone();
    }
    cx.report.note(
        pointer,
        format!("reference `{reference}` is not a component schema of this document: read as any JSON (`json`)"),
    );
    "json".into()
}

fn inline_type(cx: &mut Ctx, schema: &Schema, pointer: &str, hint: &str) -> Ty {
    if let Some(values) = shapes::string_enum(schema) {
        let name = cx.fresh_name(hint);
        declare_enum(cx, &name, schema, &values, pointer);
        return Ty::plain(name);
    }
    if let Some(values) = shapes::int_enum(schema) {
        let name = cx.fresh_name(hint);
        declare_int_enum(cx, &name, schema, &values, pointer);
        return Ty::plain(name);
    }
    if let Some(param) = schema
        .schema_data
        .extensions
        .get("x-type-parameter")
        .and_then(|v| v.as_str())
    {
        return Ty::plain(param);
    }
    if let Some(reference) = shapes::single_ref(schema) {
        let named = reference_type(cx, reference, pointer);
        // A generic model applied (`x-type-argument`, as `generator openapi` writes it).
        let argument = schema
            .schema_data
            .extensions
            .get("x-type-argument")
            .and_then(|a| serde_json::from_value::<Node>(a.clone()).ok());
        return Ty::plain(match argument {
            Some(a) => format!(
                "{named}<{}>",
                type_of(
                    cx,
                    &a,
                    &format!("{pointer}/x-type-argument"),
                    &format!("{hint}Argument")
                )
                .expr
            ),
            None => named,
        });
    }
    if shapes::is_object(schema) {
        let name = cx.fresh_name(hint);
        declare_model(cx, &name, schema, pointer);
        return Ty::plain(name);
    }
    if let Some(alternatives) = shapes::union_parts(schema) {
        return Ty::plain(union_type(cx, schema, alternatives, pointer, hint));
    }
    Ty::plain(structural(cx, schema, pointer, hint))
}

/// Scalars, arrays, maps and what is left (any JSON).
fn structural(cx: &mut Ctx, schema: &Schema, pointer: &str, hint: &str) -> String {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Array(a)) => {
            list(cx, a.items.as_ref().map(shapes::unbox), pointer, hint)
        }
        SchemaKind::Type(Type::Object(o)) => {
            let additional = o.additional_properties.as_ref().map(shapes::additional);
            map_type(cx, additional, pointer, hint)
        }
        SchemaKind::Type(t) => shapes::scalar(t).unwrap_or("json").to_owned(),
        SchemaKind::Any(a) => {
            if let Some(items) = &a.items {
                return list(cx, Some(shapes::unbox(items)), pointer, hint);
            }
            let typ = a.typ.as_deref().unwrap_or_default();
            match shapes::any_scalar(typ, a.format.as_deref().unwrap_or_default()) {
                Some(s) => s.to_owned(),
                None if typ == "object" => {
                    let additional = a.additional_properties.as_ref().map(shapes::additional);
                    map_type(cx, additional, pointer, hint)
                }
                None => "json".into(),
            }
        }
        SchemaKind::Not { .. } => {
            cx.report
                .note(pointer, "`not` schema read as any JSON (`json`)");
            "json".into()
        }
        _ => "json".into(),
    }
}

fn list(cx: &mut Ctx, items: Option<Node>, pointer: &str, hint: &str) -> String {
    match items {
        Some(items) => {
            let item = type_of(
                cx,
                &items,
                &format!("{pointer}/items"),
                &format!("{hint}Item"),
            );
            format!("list<{}>", item.expr)
        }
        None => "list<json>".into(),
    }
}

/// `map<T>` for `additionalProperties: T`; any other object without
/// properties is any JSON object (`json`).
fn map_type(cx: &mut Ctx, additional: Option<Option<Node>>, pointer: &str, hint: &str) -> String {
    match additional {
        Some(Some(values)) => {
            let pointer = format!("{pointer}/additionalProperties");
            let value = type_of(cx, &values, &pointer, &format!("{hint}Value"));
            format!("map<{}>", value.expr)
        }
        _ => "json".into(),
    }
}

/// Declares an enum of string values.
pub fn declare_enum(cx: &mut Ctx, name: &str, schema: &Schema, values: &[String], pointer: &str) {
    let mut out = Mapping::new();
    for v in values {
        out.insert(
            v.clone().into(),
            map(vec![("doc", format!("`{v}`.").into())]),
        );
    }
    let item = map(vec![
        ("doc", doc_of(&schema.schema_data, name)),
        ("source", cx.source(pointer)),
        ("values", Value::Mapping(out)),
    ]);
    cx.out_enums.insert(name.into(), item);
    cx.counts.enums += 1;
}

/// Declares an enum of integer codes; each value's Rust name is the
/// document's `x-enum-varnames` entry, else `Code<n>`.
pub fn declare_int_enum(cx: &mut Ctx, name: &str, schema: &Schema, values: &[i64], pointer: &str) {
    let names = schema
        .schema_data
        .extensions
        .get("x-enum-varnames")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let mut out = Mapping::new();
    for (i, v) in values.iter().enumerate() {
        let fallback = if *v < 0 {
            format!("CodeMinus{}", v.unsigned_abs())
        } else {
            format!("Code{v}")
        };
        let rust = names
            .get(i)
            .and_then(|n| n.as_str())
            .filter(|n| crate::names::RustIdent::is_type_name(n))
            .map_or(fallback, str::to_owned);
        out.insert(
            Value::from(*v),
            map(vec![
                ("doc", format!("`{v}`.").into()),
                ("rust_name", rust.into()),
            ]),
        );
    }
    let item = map(vec![
        ("doc", doc_of(&schema.schema_data, name)),
        ("source", cx.source(pointer)),
        ("repr", "integer".into()),
        ("values", Value::Mapping(out)),
    ]);
    cx.out_enums.insert(name.into(), item);
    cx.counts.enums += 1;
}

/// Declares a model with the members of `schema`.
pub fn declare_model(cx: &mut Ctx, name: &str, schema: &Schema, pointer: &str) {
    let mut m = Members::default();
    shapes::members(cx.doc, schema, &mut m, 0);
    for r in &m.unresolved {
        cx.report.note(
            pointer,
            format!(
                "`allOf` part `{r}` could not be followed: its members are missing from `{name}`"
            ),
        );
    }
    let mut fields = Mapping::new();
    for (wire, node) in &m.properties {
        let at = format!("{pointer}/properties/{}", token(wire));
        let hint = format!("{name}{}", crate::names::type_name_from(wire));
        fields.insert(
            wire.clone().into(),
            field(cx, name, wire, node, m.required.contains(wire), &at, &hint),
        );
    }
    let mut item = vec![
        ("doc", doc_of(&schema.schema_data, name)),
        ("source", cx.source(pointer)),
    ];
    if schema.schema_data.deprecated {
        item.push(("deprecated", "deprecated in the document".into()));
    }
    let params = schema
        .schema_data
        .extensions
        .get("x-type-parameters")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    if !params.is_empty() {
        item.push((
            "type_params",
            Value::Sequence(
                params
                    .iter()
                    .filter_map(|p| p.as_str().map(Value::from))
                    .collect(),
            ),
        ));
    }
    if m.additional.is_some() {
        // Members the document does not name are kept, not dropped.
        item.push(("open", Value::Bool(true)));
    }
    if fields.is_empty() {
        cx.report.note(
            pointer,
            format!("`{name}` has no properties: a model without fields"),
        );
    }
    item.push(("fields", Value::Mapping(fields)));
    cx.out_models.insert(name.into(), map(item));
    cx.counts.models += 1;
}

/// One field of a model: its type, presence, nullability and doc.
fn field(
    cx: &mut Ctx,
    model: &str,
    wire: &str,
    node: &Node,
    required: bool,
    pointer: &str,
    hint: &str,
) -> Value {
    let id = cx
        .ids
        .get(model)
        .filter(|(_, w)| w == wire)
        .map(|(t, _)| t.clone());
    let ty = match id {
        Some(id) => Ty::plain(id),
        None => {
            let ty = type_of(cx, node, pointer, hint);
            match super::ids::named_by(cx, wire) {
                Some(id) if ty.expr == "string" => Ty { expr: id, ..ty },
                _ => ty,
            }
        }
    };
    let data = match node {
        ReferenceOr::Item(s) => Some(&s.schema_data),
        ReferenceOr::Reference { .. } => None,
    };
    let read_only = data.is_some_and(|d| d.read_only);
    let mut out = vec![("type", Value::String(ty.expr))];
    match (required, read_only) {
        (true, true) => {
            out.push(("read_only", true.into()));
            out.push(("always_returned", true.into()));
        }
        (true, false) => out.push(("required", true.into())),
        (false, true) => out.push(("read_only", true.into())),
        (false, false) => {}
    }
    if ty.nullable {
        out.push(("nullable", true.into()));
    }
    if data.is_some_and(|d| d.deprecated) {
        out.push(("deprecated", "deprecated in the document".into()));
    }
    out.push(("doc", described(cx, node, wire)));
    map(out)
}

/// The doc of a member or parameter: its description, else that of the
/// schema it references.
pub fn described(cx: &Ctx, node: &Node, name: &str) -> Value {
    match node {
        ReferenceOr::Item(s) => doc_of(&s.schema_data, name),
        ReferenceOr::Reference { reference } => match shapes::resolve(cx.doc, reference) {
            Some(s) => doc_of(&s.schema_data, name),
            None => doc_of(&openapiv3::SchemaData::default(), name),
        },
    }
}

/// The type of a union: one type when every alternative is the same type
/// (`anyOf` of two string patterns is a string), else a declared union.
fn union_type(
    cx: &mut Ctx,
    schema: &Schema,
    alternatives: &[Node],
    pointer: &str,
    hint: &str,
) -> String {
    let key = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
        "oneOf"
    } else {
        "anyOf"
    };
    if let [one] = alternatives {
        // `anyOf: [X, {type: null}]`, read as 3.0, is X (nullable).
        return type_of(cx, one, &format!("{pointer}/{key}/0"), hint).expr;
    }
    let scalar_of = |n: &Node| match n {
        ReferenceOr::Item(s)
            if !shapes::is_object(s)
                && shapes::string_enum(s).is_none()
                && shapes::union_parts(s).is_none() =>
        {
            match &s.schema_kind {
                SchemaKind::Type(t) => shapes::scalar(t),
                _ => None,
            }
        }
        _ => None,
    };
    let scalars: Vec<Option<&str>> = alternatives.iter().map(scalar_of).collect();
    if let Some(Some(first)) = scalars.first() {
        if scalars.iter().all(|s| s == &Some(*first)) {
            return (*first).to_owned();
        }
    }
    let name = cx.fresh_name(hint);
    declare_union(cx, &name, schema, alternatives, &format!("{pointer}/{key}"));
    name
}

/// Declares a union: tagged by the discriminator's property, else tried
/// in order (`one_of`).
pub fn declare_union(
    cx: &mut Ctx,
    name: &str,
    schema: &Schema,
    alternatives: &[Node],
    pointer: &str,
) {
    let mut item = vec![
        ("doc", doc_of(&schema.schema_data, name)),
        (
            "source",
            cx.source(pointer.rsplit_once('/').map_or(pointer, |(p, _)| p)),
        ),
    ];
    let types: Vec<(String, String)> = alternatives
        .iter()
        .enumerate()
        .map(|(i, alt)| {
            let at = format!("{pointer}/{i}");
            let ty = type_of(cx, alt, &at, &format!("{name}{}", i + 1));
            (tag_of(cx, schema, alt, &ty.expr), ty.expr)
        })
        .collect();
    match &schema.schema_data.discriminator {
        Some(d) => {
            let variants: Mapping = types
                .into_iter()
                .map(|(tag, ty)| (tag.into(), ty.into()))
                .collect();
            item.push((
                "tagged",
                map(vec![
                    ("field", d.property_name.clone().into()),
                    ("variants", Value::Mapping(variants)),
                ]),
            ));
        }
        None => {
            let variants: Mapping = types
                .into_iter()
                .map(|(_, ty)| (Value::String(variant_name(&ty)), Value::String(ty)))
                .collect();
            item.push(("one_of", Value::Mapping(variants)));
        }
    }
    cx.out_models.insert(name.into(), map(item));
    cx.counts.unions += 1;
}

/// A variant's tag: the discriminator mapping's key naming it, else the
/// one value its tag property allows, else its type name.
fn tag_of(cx: &Ctx, schema: &Schema, alt: &Node, ty: &str) -> String {
    let Some(d) = &schema.schema_data.discriminator else {
        return String::new();
    };
    if let ReferenceOr::Reference { reference } = alt {
        if let Some((tag, _)) = d.mapping.iter().find(|(_, r)| *r == reference) {
            return tag.clone();
        }
        let enumerated = shapes::resolve(cx.doc, reference).and_then(|s| {
            let mut m = Members::default();
            shapes::members(cx.doc, s, &mut m, 0);
            let (_, tag) = m
                .properties
                .into_iter()
                .find(|(n, _)| *n == d.property_name)?;
            tag.as_item()
                .and_then(shapes::string_enum)
                .filter(|v| v.len() == 1)
        });
        if let Some(mut one) = enumerated {
            return one.remove(0);
        }
        return shapes::component_name(reference).unwrap_or(ty).to_owned();
    }
    ty.to_owned()
}

/// The variant name of an untagged alternative: its type in snake case.
fn variant_name(ty: &str) -> String {
    crate::names::RustIdent::snake(ty)
        .map(|i| i.as_str().to_owned())
        .unwrap_or_else(|| "value".into())
}
