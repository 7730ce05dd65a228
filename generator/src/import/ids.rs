//! Ids: a property the document marks (`x-id: true`, or `x-id: Name`), else
//! by a documented heuristic (spec/README.md, "Importing an OpenAPI
//! document"): a model's string property `id`, or a string property with
//! `format: uuid` whose name ends in `_id`/`Id` (`lago_id`), is the
//! model's id. Its type is `<Model>Id` (a trailing `Object` dropped;
//! variants of one union share the union's id); properties and path
//! parameters named `<model>_id`/`<model>Id` elsewhere take it too.

use heck::ToSnakeCase;
use openapiv3::{ReferenceOr, SchemaKind, Type, VariantOrUnknownOrEmpty};

use super::Ctx;
use super::report::token;
use super::shapes::{self, Members};
use super::yaml::map;

/// Whether a property schema is a plain string (`format: uuid` when
/// `uuid_only`); dates and enums are not ids.
fn is_string(node: &shapes::Node, uuid_only: bool) -> bool {
    let ReferenceOr::Item(s) = node else {
        return false;
    };
    let format = match &s.schema_kind {
        SchemaKind::Type(Type::String(t)) if t.enumeration.is_empty() => match &t.format {
            VariantOrUnknownOrEmpty::Unknown(f) => f.as_str(),
            VariantOrUnknownOrEmpty::Empty => "",
            VariantOrUnknownOrEmpty::Item(_) => return false,
        },
        SchemaKind::Any(a) if a.typ.as_deref() == Some("string") && a.enumeration.is_empty() => {
            a.format.as_deref().unwrap_or_default()
        }
        _ => return false,
    };
    !uuid_only || format == "uuid"
}

/// The id property of a model's members, if it has one: one the document
/// marks (`x-id: true`, or `x-id: <IdName>` naming the id type), else by
/// the heuristic.
fn id_property(m: &Members) -> Option<(String, Option<String>)> {
    let marked = m.properties.iter().find_map(|(w, n)| {
        let mark = n.as_item()?.schema_data.extensions.get("x-id")?;
        match mark {
            serde_json::Value::Bool(true) => Some((w.clone(), None)),
            serde_json::Value::String(name) => {
                Some((w.clone(), Some(crate::names::type_name_from(name))))
            }
            _ => None,
        }
    });
    marked.or_else(|| heuristic(m).map(|w| (w, None)))
}

fn heuristic(m: &Members) -> Option<String> {
    if let Some((w, _)) = m
        .properties
        .iter()
        .find(|(w, n)| w == "id" && is_string(n, false))
    {
        return Some(w.clone());
    }
    m.properties
        .iter()
        .find(|(w, n)| w.to_snake_case().ends_with("_id") && is_string(n, true))
        .map(|(w, _)| w.clone())
}

/// Finds the models with an id and declares their id types.
pub fn find(cx: &mut Ctx) {
    let Some(components) = &cx.doc.components else {
        return;
    };
    // A document that marks its id types (`x-id: true` on a component)
    // says which strings are ids: the heuristic does not add others.
    let marks_ids = components
        .schemas
        .values()
        .filter_map(ReferenceOr::as_item)
        .any(|s| s.schema_data.extensions.get("x-id") == Some(&serde_json::Value::Bool(true)));
    if marks_ids {
        return;
    }
    let owners = union_owners(cx);
    for (component, node) in &components.schemas {
        let (Some(model), ReferenceOr::Item(schema)) = (cx.names.get(component).cloned(), node)
        else {
            continue;
        };
        if !shapes::is_object(schema) {
            continue;
        }
        let mut m = Members::default();
        shapes::members(cx.doc, schema, &mut m, 0);
        let Some((wire, named)) = id_property(&m) else {
            continue;
        };
        let owner = owners.get(&model).cloned().unwrap_or_else(|| model.clone());
        let base = owner
            .strip_suffix("Object")
            .filter(|b| !b.is_empty())
            .unwrap_or(&owner);
        let id = named.unwrap_or_else(|| format!("{base}Id"));
        let pointer = format!(
            "/components/schemas/{}/properties/{}",
            token(component),
            token(&wire)
        );
        if !cx.out_ids.contains_key(id.as_str()) {
            if cx.taken.contains(&id) {
                cx.report.note(
                    &pointer,
                    format!("an id of `{model}`, but the name `{id}` is taken: left a `string`"),
                );
                continue;
            }
            cx.taken.insert(id.clone());
            let doc = format!("Id of {}.", article(base));
            cx.out_ids.insert(
                id.clone().into(),
                map(vec![("doc", doc.into()), ("source", cx.source(&pointer))]),
            );
            cx.counts.ids += 1;
        }
        cx.ids.insert(model, (id, wire));
    }
}

fn article(name: &str) -> String {
    let words = name.to_snake_case().replace('_', " ");
    match words.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {words}"),
        _ => format!("a {words}"),
    }
}

/// Model type name -> the union it is a variant of (by component name).
fn union_owners(cx: &Ctx) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let Some(components) = &cx.doc.components else {
        return out;
    };
    for (name, node) in &components.schemas {
        let (Some(union), ReferenceOr::Item(s)) = (cx.names.get(name), node) else {
            continue;
        };
        for alt in shapes::union_parts(s).unwrap_or_default() {
            if let ReferenceOr::Reference { reference } = alt {
                let variant = shapes::component_name(reference).and_then(|c| cx.names.get(c));
                if let Some(v) = variant {
                    out.entry(v.clone()).or_insert_with(|| union.clone());
                }
            }
        }
    }
    out
}

/// The id type a property or parameter named `<model>_id` / `<model>Id` refers to.
pub fn named_by(cx: &Ctx, name: &str) -> Option<String> {
    let snake = name.to_snake_case();
    let stem = snake.strip_suffix("_id")?;
    cx.ids
        .values()
        .find(|(id, _)| {
            id.strip_suffix("Id")
                .is_some_and(|b| b.to_snake_case() == stem)
        })
        .map(|(id, _)| id.clone())
}
