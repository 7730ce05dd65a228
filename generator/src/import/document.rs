//! Reading an OpenAPI document: JSON or YAML, version 3.0 or 3.1, parsed
//! with the `openapiv3` crate (3.0). A 3.1 document is first rewritten to
//! 3.0 where the two say the same thing in different words (`type: [T,
//! "null"]` is `nullable`, `const` a one-value `enum`, numeric
//! `exclusiveMinimum`...); what 3.0 cannot say is reported.

use serde_yaml::{Mapping as Map, Value};

use super::report::Report;

/// Largest document read, in bytes.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// Parses `text` (JSON or YAML) into a 3.0 document, noting what a 3.1
/// rewrite changed or left out.
pub fn parse(text: &str, report: &mut Report) -> Result<openapiv3::OpenAPI, String> {
    if text.len() > MAX_BYTES {
        return Err(format!(
            "the document has {} bytes; at most {MAX_BYTES} are read",
            text.len()
        ));
    }
    // Read as YAML (JSON is YAML), whose mappings keep the document's
    // order: paths, properties and enum values are imported in it.
    let mut value: Value = if text.trim_start().starts_with('{') {
        let json: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        // JSON YAML does not read (rare) is taken as JSON, sorted by key.
        serde_yaml::from_str(text)
            .or_else(|_| serde_yaml::to_value(&json))
            .map_err(|e| format!("not valid JSON: {e}"))?
    } else {
        serde_yaml::from_str(text).map_err(|e| format!("not valid YAML: {e}"))?
    };
    let version = value
        .get("openapi")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or(
            "not an OpenAPI 3 document: it has no `openapi` version (Swagger 2.0 is not read)",
        )?;
    if version.starts_with("3.1") {
        upgrade_from_31(&mut value, report);
    } else if !version.starts_with("3.0") {
        return Err(format!(
            "OpenAPI {version} is not read; the importer reads 3.0 and 3.1"
        ));
    }
    if let Some(webhooks) = value.get("webhooks").and_then(Value::as_mapping) {
        for name in webhooks.keys().filter_map(Value::as_str) {
            report.note(
                format!("/webhooks/{}", super::report::token(name)),
                "webhook not imported: declare its event under `api.webhooks` (see spec/README.md, Webhooks)",
            );
        }
    }
    serde_yaml::from_value(value).map_err(|e| format!("not a valid OpenAPI document: {e}"))
}

/// Rewrites a 3.1 document as 3.0, in place.
fn upgrade_from_31(doc: &mut Value, report: &mut Report) {
    if let Some(o) = doc.as_mapping_mut() {
        o.insert("openapi".into(), "3.0.3".into());
    }
    if let Some(license) = doc
        .get_mut("info")
        .and_then(|i| i.get_mut("license"))
        .and_then(Value::as_mapping_mut)
    {
        license.remove("identifier");
    }
    if let Some(o) = doc.as_mapping_mut() {
        for key in ["jsonSchemaDialect", "$schema"] {
            if o.remove(key).is_some() {
                report.note(
                    format!("/{key}"),
                    "a JSON Schema dialect is not read: schemas are read as OpenAPI 3.0 schemas",
                );
            }
        }
    }
    walk(doc, String::new(), report);
}

/// Visits every object of the document, rewriting those that are schemas.
fn walk(value: &mut Value, pointer: String, report: &mut Report) {
    match value {
        Value::Mapping(o) => {
            schema_31_to_30(o, &pointer, report);
            for (k, v) in o.iter_mut() {
                let key = k
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("{k:?}"));
                walk(
                    v,
                    format!("{pointer}/{}", super::report::token(&key)),
                    report,
                );
            }
        }
        Value::Sequence(a) => {
            for (i, v) in a.iter_mut().enumerate() {
                walk(v, format!("{pointer}/{i}"), report);
            }
        }
        _ => {}
    }
}

/// The 3.1 forms of one schema object, in their 3.0 words.
fn schema_31_to_30(o: &mut Map, pointer: &str, report: &mut Report) {
    if let Some(Value::Sequence(types)) = o.get("type").cloned() {
        let (nulls, rest): (Vec<Value>, Vec<Value>) =
            types.into_iter().partition(|t| t.as_str() == Some("null"));
        if !nulls.is_empty() {
            o.insert("nullable".into(), Value::Bool(true));
        }
        match rest.as_slice() {
            [one] => {
                o.insert("type".into(), one.clone());
            }
            [] => {
                o.remove("type");
                report.note(
                    pointer,
                    "a schema of type `null` only is read as any JSON value",
                );
            }
            many => {
                o.remove("type");
                let alternatives = many
                    .iter()
                    .map(|t| Value::Mapping(Map::from_iter([("type".into(), t.clone())])))
                    .collect();
                o.insert("anyOf".into(), Value::Sequence(alternatives));
            }
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Sequence(alternatives)) = o.get_mut(key) {
            let before = alternatives.len();
            alternatives.retain(|a| a.get("type").and_then(Value::as_str) != Some("null"));
            if alternatives.len() < before {
                o.insert("nullable".into(), Value::Bool(true));
            }
        }
    }
    if let Some(c) = o.remove("const") {
        o.insert("enum".into(), Value::Sequence(vec![c]));
    }
    if let Some(Value::Sequence(examples)) = o.get("examples").cloned() {
        o.remove("examples");
        if let Some(first) = examples.into_iter().next() {
            o.entry("example".into()).or_insert(first);
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(n) = o.get(exclusive).filter(|v| v.is_number()).cloned() {
            o.insert(bound.into(), n);
            o.insert(exclusive.into(), Value::Bool(true));
        }
    }
    for key in [
        "$id",
        "$schema",
        "$defs",
        "$anchor",
        "prefixItems",
        "patternProperties",
    ] {
        if o.remove(key).is_some() {
            report.note(
                pointer,
                format!("`{key}` (JSON Schema 2020-12) is not read"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_31_schema_reads_as_30() {
        let mut report = Report::default();
        let mut v: Value = serde_yaml::from_str(
            r#"{"type": ["string", "null"], "examples": ["a"], "exclusiveMinimum": 3,
                "properties": {"k": {"const": "x"}, "u": {"oneOf": [{"type": "integer"}, {"type": "null"}]}}}"#,
        )
        .unwrap();
        walk(&mut v, String::new(), &mut report);
        let yaml = |s: &str| serde_yaml::from_str::<Value>(s).unwrap();
        assert_eq!(v["type"], yaml("string"));
        assert_eq!(v["nullable"], yaml("true"));
        assert_eq!(v["example"], yaml("a"));
        assert_eq!(
            (v["minimum"].clone(), v["exclusiveMinimum"].clone()),
            (yaml("3"), yaml("true"))
        );
        assert_eq!(v["properties"]["k"]["enum"], yaml("[x]"));
        assert_eq!(v["properties"]["u"]["oneOf"], yaml("[{type: integer}]"));
        assert_eq!(v["properties"]["u"]["nullable"], yaml("true"));
    }

    #[test]
    fn other_versions_are_refused() {
        let mut report = Report::default();
        for (text, says) in [
            ("swagger: '2.0'", "no `openapi` version"),
            ("openapi: 4.0.0", "OpenAPI 4.0.0 is not read"),
            ("{not json", "not valid JSON"),
            ("a: [", "not valid YAML"),
        ] {
            let e = parse(text, &mut report).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
        }
    }
}
