//! What a schema is, without declaring anything: its scalar type, its
//! object members (allOf flattened), its enum values, the target of a
//! reference. Pure functions over the document; [`super::lower`] turns
//! shapes into spec types.

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

/// A schema, boxed or not, by reference or inline.
pub type Node = ReferenceOr<Schema>;

/// The component name a `#/components/schemas/X` reference names.
pub fn component_name(reference: &str) -> Option<&str> {
    reference.strip_prefix("#/components/schemas/")
}

/// The schema a reference names (one level), if it is a component schema.
pub fn resolve<'a>(doc: &'a OpenAPI, reference: &str) -> Option<&'a Schema> {
    let name = component_name(reference)?;
    doc.components.as_ref()?.schemas.get(name)?.as_item()
}

/// A boxed schema node as a plain one.
pub fn unbox(node: &ReferenceOr<Box<Schema>>) -> Node {
    match node {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(b) => ReferenceOr::Item((**b).clone()),
    }
}

/// The scalar spec type of a string format.
pub fn string_type(format: &str) -> &'static str {
    match format {
        "date-time" => "timestamp",
        "date" => "date",
        "byte" => "bytes",
        "duration" => "duration",
        _ => "string",
    }
}

/// The scalar spec type of an integer format (`int32`, `uint64`...; no
/// format is a 64-bit integer).
pub fn integer_type(format: &str) -> &'static str {
    match format {
        "int8" | "int16" | "int32" | "uint8" | "uint16" => "int32",
        "uint32" => "uint32",
        "uint64" => "uint64",
        _ => "int64",
    }
}

/// The scalar spec type of a number format: `float`/`double` are
/// `float64`; a number without format is an exact `decimal` (amounts).
pub fn number_type(format: &str) -> &'static str {
    match format {
        "float" | "double" => "float64",
        _ => "decimal",
    }
}

fn format_text<T: std::fmt::Debug>(
    f: &VariantOrUnknownOrEmpty<T>,
    known: fn(&T) -> &str,
) -> String {
    match f {
        VariantOrUnknownOrEmpty::Item(i) => known(i).to_owned(),
        VariantOrUnknownOrEmpty::Unknown(s) => s.clone(),
        VariantOrUnknownOrEmpty::Empty => String::new(),
    }
}

/// The scalar type of a typed schema that is no object, array or enum.
pub fn scalar(t: &Type) -> Option<&'static str> {
    Some(match t {
        Type::String(s) => string_type(&format_text(&s.format, |f| match f {
            StringFormat::Date => "date",
            StringFormat::DateTime => "date-time",
            StringFormat::Byte => "byte",
            StringFormat::Binary => "binary",
            StringFormat::Password => "password",
        })),
        Type::Integer(i) => integer_type(&format_text(&i.format, |f| match f {
            IntegerFormat::Int32 => "int32",
            IntegerFormat::Int64 => "int64",
        })),
        Type::Number(n) => number_type(&format_text(&n.format, |f| match f {
            NumberFormat::Float => "float",
            NumberFormat::Double => "double",
        })),
        Type::Boolean(_) => "bool",
        Type::Object(_) | Type::Array(_) => return None,
    })
}

/// The scalar type of an untyped (`Any`) schema's `type` and `format`.
pub fn any_scalar(typ: &str, format: &str) -> Option<&'static str> {
    Some(match typ {
        "string" => string_type(format),
        "integer" => integer_type(format),
        "number" => number_type(format),
        "boolean" => "bool",
        _ => return None,
    })
}

/// The string values of an enum schema (nulls left out), if it is one.
pub fn string_enum(schema: &Schema) -> Option<Vec<String>> {
    let values: Vec<String> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
            s.enumeration.iter().flatten().cloned().collect()
        }
        SchemaKind::Any(a) if !a.enumeration.is_empty() => a
            .enumeration
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => return None,
    };
    (!values.is_empty()).then_some(values)
}

/// The integer values of an integer enum schema, if it is one.
pub fn int_enum(schema: &Schema) -> Option<Vec<i64>> {
    let values: Vec<i64> = match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(i)) => i.enumeration.iter().flatten().copied().collect(),
        SchemaKind::Any(a) if a.typ.as_deref() == Some("integer") => a
            .enumeration
            .iter()
            .filter_map(serde_json::Value::as_i64)
            .collect(),
        _ => return None,
    };
    (!values.is_empty()).then_some(values)
}

/// The members of an object schema: its properties in order (those of its
/// `allOf` parts first, references followed), which are required, and
/// what `additionalProperties` says.
#[derive(Default)]
pub struct Members {
    pub properties: Vec<(String, Node)>,
    pub required: BTreeSet<String>,
    pub additional: Option<Option<Node>>,
    /// References the flattening could not follow.
    pub unresolved: Vec<String>,
}

/// Collects the members of `schema` (depth-limited: a cycle of `allOf`s is
/// cut and its reference listed as unresolved).
pub fn members(doc: &OpenAPI, schema: &Schema, out: &mut Members, depth: usize) {
    let (parts, properties, required, additional): (&[Node], _, _, _) = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => (all_of, None, &[][..], None),
        SchemaKind::Type(Type::Object(o)) => (
            &[],
            Some(&o.properties),
            &o.required[..],
            o.additional_properties.as_ref(),
        ),
        SchemaKind::Any(a) => (
            &a.all_of,
            Some(&a.properties),
            &a.required[..],
            a.additional_properties.as_ref(),
        ),
        _ => return,
    };
    for part in parts {
        match part {
            ReferenceOr::Reference { reference } => match resolve(doc, reference) {
                Some(s) if depth < 16 => members(doc, s, out, depth + 1),
                _ => out.unresolved.push(reference.clone()),
            },
            ReferenceOr::Item(s) => members(doc, s, out, depth + 1),
        }
    }
    for (name, node) in properties.into_iter().flatten() {
        out.properties.retain(|(n, _)| n != name);
        out.properties.push((name.clone(), unbox(node)));
    }
    out.required.extend(required.iter().cloned());
    if let Some(a) = additional.filter(|a| !matches!(a, AdditionalProperties::Any(false))) {
        out.additional = Some(self::additional(a));
    }
}

/// The schema `additionalProperties` gives the values, if it gives one
/// (`true` allows any value).
pub fn additional(a: &AdditionalProperties) -> Option<Node> {
    match a {
        AdditionalProperties::Schema(s) => Some((**s).clone()),
        AdditionalProperties::Any(_) => None,
    }
}

/// Whether a schema describes an object with members (a model).
pub fn is_object(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
        SchemaKind::AllOf { all_of } => {
            all_of.len() > 1 || all_of.iter().any(|p| p.as_item().is_some())
        }
        SchemaKind::Any(a) => {
            !a.properties.is_empty()
                || (a.all_of.len() > 1)
                || (a.typ.as_deref() == Some("object") && !a.all_of.is_empty())
        }
        _ => false,
    }
}

/// The alternatives and discriminator of a union schema, if it is one.
pub fn union_parts(schema: &Schema) -> Option<&[Node]> {
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => Some(one_of),
        SchemaKind::AnyOf { any_of } => Some(any_of),
        SchemaKind::Any(a) if a.properties.is_empty() && !a.one_of.is_empty() => Some(&a.one_of),
        SchemaKind::Any(a) if a.properties.is_empty() && !a.any_of.is_empty() => Some(&a.any_of),
        _ => None,
    }
}

/// The one reference of an `allOf: [$ref]` wrapper (a reference with a
/// description beside it).
pub fn single_ref(schema: &Schema) -> Option<&str> {
    let parts = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(a) if a.properties.is_empty() => &a.all_of,
        _ => return None,
    };
    match parts.as_slice() {
        [ReferenceOr::Reference { reference }] => Some(reference),
        _ => None,
    }
}
