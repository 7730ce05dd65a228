//! Component schemas: which are declarations of their own (models, enums,
//! unions, named in the spec after the component) and which are another
//! type under a name (a string with a pattern, a list, a map, a union of
//! one type, a reference), which the spec writes where they are used.

use openapiv3::ReferenceOr;

use super::Ctx;
use super::lower;
use super::report::token;
use super::shapes;

/// What a component schema becomes.
enum Kind {
    /// A string the document marks `x-id: true`: an id type of its own.
    Id,
    Model,
    Enum(Vec<String>),
    IntEnum(Vec<i64>),
    Union,
    Alias,
}

fn kind(node: &shapes::Node) -> Kind {
    let ReferenceOr::Item(s) = node else {
        return Kind::Alias;
    };
    if s.schema_data.extensions.get("x-id") == Some(&serde_json::Value::Bool(true)) {
        return Kind::Id;
    }
    if let Some(values) = shapes::string_enum(s) {
        return Kind::Enum(values);
    }
    if let Some(values) = shapes::int_enum(s) {
        return Kind::IntEnum(values);
    }
    if shapes::is_object(s) {
        return Kind::Model;
    }
    match shapes::union_parts(s) {
        Some(alternatives) if alternatives.len() > 1 && !collapses(alternatives) => Kind::Union,
        _ => Kind::Alias,
    }
}

/// Whether every alternative is the same inline scalar (then the union is
/// that scalar).
fn collapses(alternatives: &[shapes::Node]) -> bool {
    let scalar = |n: &shapes::Node| match n {
        ReferenceOr::Item(s) => match &s.schema_kind {
            openapiv3::SchemaKind::Type(t) if shapes::string_enum(s).is_none() => shapes::scalar(t),
            _ => None,
        },
        ReferenceOr::Reference { .. } => None,
    };
    let first = alternatives.first().and_then(scalar);
    first.is_some() && alternatives.iter().all(|a| scalar(a) == first)
}

/// Names every component that is a declaration; the others wait in
/// `alias_nodes` until a use needs their type.
pub fn name_components(cx: &mut Ctx) {
    let Some(components) = &cx.doc.components else {
        return;
    };
    for (name, node) in &components.schemas {
        match kind(node) {
            Kind::Alias => {
                cx.alias_nodes.insert(name.clone(), node.clone());
            }
            _ => {
                let type_name = cx.fresh_name(name);
                cx.names.insert(name.clone(), type_name);
            }
        }
    }
}

/// Declares every named component, in document order.
pub fn declare(cx: &mut Ctx) {
    let Some(components) = &cx.doc.components else {
        return;
    };
    for (name, node) in &components.schemas {
        let pointer = format!("/components/schemas/{}", token(name));
        let (Some(type_name), ReferenceOr::Item(schema)) = (cx.names.get(name).cloned(), node)
        else {
            continue;
        };
        match kind(node) {
            Kind::Enum(values) => lower::declare_enum(cx, &type_name, schema, &values, &pointer),
            Kind::IntEnum(values) => {
                lower::declare_int_enum(cx, &type_name, schema, &values, &pointer)
            }
            Kind::Model => lower::declare_model(cx, &type_name, schema, &pointer),
            Kind::Union => {
                let alternatives = shapes::union_parts(schema).unwrap_or_default();
                let key = if matches!(schema.schema_kind, openapiv3::SchemaKind::OneOf { .. }) {
                    "oneOf"
                } else {
                    "anyOf"
                };
                lower::declare_union(
                    cx,
                    &type_name,
                    schema,
                    alternatives,
                    &format!("{pointer}/{key}"),
                );
            }
            Kind::Id => {
                let doc = super::yaml::doc_of(&schema.schema_data, &type_name);
                let item = super::yaml::map(vec![("doc", doc), ("source", cx.source(&pointer))]);
                cx.out_ids.insert(type_name.into(), item);
                cx.counts.ids += 1;
            }
            Kind::Alias => {}
        }
    }
    // Aliases no declaration used: their inline parts are still declared.
    let waiting: Vec<String> = cx.alias_nodes.keys().cloned().collect();
    for name in waiting {
        lower::reference_type(
            cx,
            &format!("#/components/schemas/{name}"),
            &format!("/components/schemas/{}", token(&name)),
        );
    }
}
