//! Types as OpenAPI 3.1 schemas: scalars by their JSON form (with `x-`
//! extensions where OpenAPI has no word: epoch instants, local date-times,
//! intervals, search and SQL expressions), models as objects, enums,
//! ids (`x-id`), tagged unions with a discriminator, untagged ones as
//! `oneOf`; generic models keep their parameter (`x-type-parameter`).

use serde_yaml::{Mapping, Value};

use crate::ir::{
    Model, Presence, Scalar, Ty, TypeDef, TypeKind, TypeSpace, Union, UnionKind, UnknownFields,
};

pub use crate::yaml_value::map;

fn typed(t: &str, more: Vec<(&str, Value)>) -> Value {
    let mut pairs = vec![("type", Value::from(t))];
    pairs.extend(more);
    map(pairs)
}

fn scalar(s: Scalar) -> Value {
    match s {
        Scalar::String | Scalar::ETag => typed("string", vec![]),
        Scalar::Bool => typed("boolean", vec![]),
        Scalar::I32 => typed("integer", vec![("format", "int32".into())]),
        Scalar::I64 => typed("integer", vec![("format", "int64".into())]),
        Scalar::U32 => typed(
            "integer",
            vec![("format", "uint32".into()), ("minimum", 0.into())],
        ),
        Scalar::U64 => typed(
            "integer",
            vec![("format", "uint64".into()), ("minimum", 0.into())],
        ),
        Scalar::F64 => typed("number", vec![("format", "double".into())]),
        Scalar::Decimal => typed("number", vec![]),
        Scalar::Timestamp => typed("string", vec![("format", "date-time".into())]),
        Scalar::Date => typed("string", vec![("format", "date".into())]),
        Scalar::Duration => typed("string", vec![("format", "duration".into())]),
        Scalar::Bytes => typed("string", vec![("format", "byte".into())]),
        Scalar::Json => Value::Mapping(Mapping::new()),
        Scalar::EpochSeconds => typed("integer", vec![("x-epoch", "seconds".into())]),
        Scalar::EpochMillis => typed("integer", vec![("x-epoch", "milliseconds".into())]),
        Scalar::LocalDateTime => typed(
            "string",
            vec![("x-local-datetime", "yyyy-MM-dd[THH:mm[:ss[.SSS]]]".into())],
        ),
        Scalar::StringOrNumber => map(vec![
            (
                "oneOf",
                Value::Sequence(vec![typed("string", vec![]), typed("number", vec![])]),
            ),
            ("x-string-or-number", true.into()),
        ]),
        Scalar::Search => typed(
            "string",
            vec![(
                "x-search-expression",
                "field:value criteria joined by `,`".into(),
            )],
        ),
        Scalar::SqlCondition => typed("string", vec![("x-sql", "condition".into())]),
        Scalar::SqlSelect => typed("string", vec![("x-sql", "select".into())]),
    }
}

/// The reference to a declared type.
pub fn reference(name: &str) -> Value {
    map(vec![(
        "$ref",
        format!("#/components/schemas/{name}").into(),
    )])
}

/// The schema of a type expression.
pub fn schema(t: &Ty, types: &TypeSpace) -> Value {
    match t {
        Ty::Scalar(s) => scalar(*s),
        Ty::Entity => typed("string", vec![("x-entity", true.into())]),
        Ty::Record => typed("object", vec![("x-record", true.into())]),
        Ty::OneOrMany(i) => map(vec![(
            "oneOf",
            Value::Sequence(vec![
                schema(i, types),
                typed("array", vec![("items", schema(i, types))]),
            ]),
        )]),
        Ty::Interval(i) => typed("string", vec![("x-interval", schema(i, types))]),
        Ty::Generic(n, a) => map(vec![
            (
                "allOf",
                Value::Sequence(vec![reference(types.name(*n).as_str())]),
            ),
            ("x-type-argument", schema(a, types)),
        ]),
        Ty::TypeParam(n) => map(vec![("x-type-parameter", n.to_string().into())]),
        Ty::List(i) => typed("array", vec![("items", schema(i, types))]),
        Ty::Map(i) => typed("object", vec![("additionalProperties", schema(i, types))]),
        Ty::Named(n) => reference(types.name(*n).as_str()),
        Ty::Boxed(i) => schema(i, types),
        Ty::IdOrObject(i, o) => map(vec![(
            "oneOf",
            Value::Sequence(vec![schema(i, types), schema(o, types)]),
        )]),
    }
}

/// `schema` that may also be `null` (3.1: a type list, or `anyOf` with null).
pub fn nullable(s: Value) -> Value {
    let null = Value::from("null");
    match s {
        Value::Mapping(mut m) if m.get("type").is_some_and(Value::is_string) && m.len() <= 3 => {
            let t = m.remove("type").unwrap_or(Value::Null);
            m.insert("type".into(), Value::Sequence(vec![t, null]));
            Value::Mapping(m)
        }
        other => map(vec![(
            "anyOf",
            Value::Sequence(vec![other, typed("null", vec![])]),
        )]),
    }
}

/// `s` with a description; a reference is wrapped (`allOf: [$ref]`), so
/// readers that drop what stands beside `$ref` keep the description.
fn described(s: Value, doc: &str) -> Value {
    if doc.is_empty() {
        return s;
    }
    let mut s = match s {
        Value::Mapping(m) if m.contains_key("$ref") => {
            map(vec![("allOf", Value::Sequence(vec![Value::Mapping(m)]))])
        }
        other => other,
    };
    if let Value::Mapping(m) = &mut s {
        m.insert("description".into(), doc.into());
    }
    s
}

/// The component schema of a declared type.
pub fn component(def: &TypeDef, types: &TypeSpace) -> Value {
    let doc = def.doc.text.trim();
    let mut s = match &def.kind {
        TypeKind::IdNewtype => typed("string", vec![("x-id", true.into())]),
        TypeKind::StringEnum(e) => typed(
            "string",
            vec![(
                "enum",
                Value::Sequence(e.variants.iter().map(|v| v.wire.clone().into()).collect()),
            )],
        ),
        TypeKind::IntEnum(e) => typed(
            "integer",
            vec![(
                "enum",
                Value::Sequence(e.variants.iter().map(|v| v.wire.into()).collect()),
            )],
        ),
        TypeKind::Struct(m) => model(m, types),
        TypeKind::Union(u) => union(u, types),
    };
    if def.deprecated.is_some() {
        if let Value::Mapping(m) = &mut s {
            m.insert("deprecated".into(), true.into());
        }
    }
    described(s, doc)
}

fn model(m: &Model, types: &TypeSpace) -> Value {
    let mut properties = Mapping::new();
    let mut required = Vec::new();
    for f in &m.fields {
        let mut s = schema(&f.ty, types);
        if matches!(f.presence, Presence::RequiredNullable | Presence::Tristate) {
            s = nullable(s);
        }
        let mut s = described(s, f.doc.text.trim());
        if let Value::Mapping(p) = &mut s {
            if f.read_only {
                p.insert("readOnly".into(), true.into());
            }
            if f.deprecated.is_some() {
                p.insert("deprecated".into(), true.into());
            }
            if let Some(e) = f.encoding {
                p.insert("x-encoding".into(), format!("{e:?}").to_lowercase().into());
            }
        }
        if f.presence.is_required() || f.always_returned {
            required.push(Value::from(f.wire.clone()));
        }
        properties.insert(f.wire.clone().into(), s);
    }
    let mut pairs = vec![
        ("type", Value::from("object")),
        ("properties", Value::Mapping(properties)),
    ];
    if !required.is_empty() {
        pairs.push(("required", Value::Sequence(required)));
    }
    if m.unknown_fields == UnknownFields::Keep {
        pairs.push(("additionalProperties", true.into()));
    }
    if !m.type_params.is_empty() {
        pairs.push((
            "x-type-parameters",
            Value::Sequence(m.type_params.iter().map(|p| p.to_string().into()).collect()),
        ));
    }
    map(pairs)
}

fn union(u: &Union, types: &TypeSpace) -> Value {
    let variants: Vec<Value> = u.variants.iter().map(|v| schema(&v.ty, types)).collect();
    match &u.kind {
        UnionKind::Tagged { field } => {
            let mapping: Mapping = u
                .variants
                .iter()
                .filter_map(|v| {
                    Some((
                        v.tag.clone()?.into(),
                        schema(&v.ty, types).get("$ref")?.clone(),
                    ))
                })
                .collect();
            map(vec![
                ("oneOf", Value::Sequence(variants)),
                (
                    "discriminator",
                    map(vec![
                        ("propertyName", field.clone().into()),
                        ("mapping", Value::Mapping(mapping)),
                    ]),
                ),
            ])
        }
        UnionKind::Untagged => map(vec![("oneOf", Value::Sequence(variants))]),
    }
}
