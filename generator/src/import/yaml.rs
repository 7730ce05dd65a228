//! The imported spec as YAML files: mappings built in document order,
//! written by `serde_yaml` (which quotes what needs quoting) under a
//! header that says where they came from.

use openapiv3::SchemaData;
use serde_yaml::{Mapping, Value};

use super::Ctx;

pub use crate::yaml_value::map;

/// Text the spec can hold as a doc: no control characters but line breaks,
/// no trailing spaces.
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect::<String>()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// A schema's doc: its description, else its title, else its name.
pub fn doc_of(data: &SchemaData, name: &str) -> Value {
    let text = [data.description.as_deref(), data.title.as_deref()]
        .into_iter()
        .flatten()
        .map(clean)
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| format!("`{name}` (the document does not describe it)."));
    Value::String(text)
}

/// The five spec files.
pub fn files(cx: &Ctx, api: Value, resources: Mapping) -> Result<Vec<(String, String)>, String> {
    let header = format!(
        "# Imported from `{}` by `generator import openapi`: every item cites the\n# document by JSON pointer. Review it against the document (see IMPORT.md).\n",
        cx.file
    );
    let sections: [(&str, &str, Value); 5] = [
        ("api.yaml", "api", api),
        ("ids.yaml", "ids", Value::Mapping(cx.out_ids.clone())),
        ("enums.yaml", "enums", Value::Mapping(cx.out_enums.clone())),
        (
            "models.yaml",
            "models",
            Value::Mapping(cx.out_models.clone()),
        ),
        ("endpoints.yaml", "resources", Value::Mapping(resources)),
    ];
    let mut out = Vec::new();
    for (file, key, value) in sections {
        let empty = matches!(&value, Value::Mapping(m) if m.is_empty());
        let body = if empty {
            format!("# (none)\n{key}: {{}}\n")
        } else {
            serde_yaml::to_string(&map(vec![(key, value)]))
                .map_err(|e| format!("writing {file}: {e}"))?
        };
        out.push((file.to_owned(), format!("{header}{body}")));
    }
    Ok(out)
}
