//! Building YAML documents in order: what the importer writes (spec files)
//! and the exporter writes (OpenAPI documents).

use serde_yaml::Value;

/// A mapping of `pairs`, in order.
pub fn map(pairs: Vec<(&str, Value)>) -> Value {
    Value::Mapping(
        pairs
            .into_iter()
            .map(|(k, v)| (Value::String(k.into()), v))
            .collect(),
    )
}
