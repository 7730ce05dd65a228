//! Serde errors of the loader as located diagnostics: the YAML path inside
//! the item (from `serde_path_to_error`), the line of that path (flow
//! mappings included), and one diagnostic per unknown key of a mapping,
//! not only the first one serde stops at.

use serde_yaml::Value;

use crate::diag::{Diagnostic, Rule, did_you_mean};
use crate::locate::{key_path, locate};
use crate::source::SourceFile;

/// A file that is not YAML (or not a mapping of the known sections).
pub(crate) fn file_error(file: &SourceFile, err: &serde_yaml::Error) -> Diagnostic {
    let msg = err.to_string();
    // serde_yaml appends " at line L column C" for errors it can place.
    let (message, line) = match (msg.rfind(" at line "), err.location()) {
        (Some(i), Some(loc)) => (msg[..i].to_owned(), Some(loc.line())),
        _ => (msg.clone(), None),
    };
    let (rule, help) = if let Some(name) = between(&message, "unknown field `", "`") {
        (Rule::UnknownKey, unknown_key_help(name, &message))
    } else {
        (
            Rule::YamlSyntax,
            Some("fix the YAML syntax; spec files are block-style YAML".to_owned()),
        )
    };
    Diagnostic {
        file: file.name.clone(),
        line,
        path: String::new(),
        rule,
        message,
        help,
    }
}

/// The diagnostics of an item (`models.Cart`) that did not deserialise.
pub(crate) fn item_errors(
    file: &SourceFile,
    item_path: &str,
    err: &serde_path_to_error::Error<serde_yaml::Error>,
    value: &Value,
) -> Vec<Diagnostic> {
    let inner = inner_path(&err.path().to_string());
    let message = err.inner().to_string();
    let at = |segs: &[String]| -> String {
        std::iter::once(item_path.to_owned())
            .chain(segs.iter().cloned())
            .collect::<Vec<_>>()
            .join(".")
    };
    let diag = |path: String, rule: Rule, message: String, help: Option<String>| Diagnostic {
        file: file.name.clone(),
        line: locate(&file.text, &key_path(&path)),
        path,
        rule,
        message,
        help,
    };
    if let Some(name) = between(&message, "unknown field `", "`") {
        let container = &inner[..inner.len().saturating_sub(1)];
        let expected = expected_keys(&message);
        // Every unknown key of the mapping, each at its own line.
        let unknown: Vec<String> = match mapping_at(value, container) {
            Some(keys) => keys.into_iter().filter(|k| !expected.contains(k)).collect(),
            None => vec![name.to_owned()],
        };
        let allowed = message.split_once("expected ").map(|(_, e)| e.to_owned());
        return unknown
            .into_iter()
            .map(|key| {
                let mut segs = container.to_vec();
                segs.push(key.clone());
                let text = match &allowed {
                    Some(a) => format!("unknown field `{key}`, expected {a}"),
                    None => format!("unknown field `{key}`"),
                };
                let help = unknown_key_help(&key, &message);
                diag(at(&segs), Rule::UnknownKey, text, help)
            })
            .collect();
    }
    let (rule, help) = match between(&message, "missing field `", "`") {
        Some(name) => (
            Rule::MissingKey,
            Some(format!(
                "add `{name}:` (see spec/README.md for its meaning)"
            )),
        ),
        None => (Rule::BadValue, None),
    };
    vec![diag(at(&inner), rule, message, help)]
}

/// `fields.Id.type` or `params_from[0]` as key segments (`.` is the root).
fn inner_path(path: &str) -> Vec<String> {
    path.replace('[', ".")
        .replace(']', "")
        .split('.')
        .filter(|s| !s.is_empty() && *s != "?")
        .map(str::to_owned)
        .collect()
}

/// The keys of the mapping at `segs` inside `value`, in order.
fn mapping_at(value: &Value, segs: &[String]) -> Option<Vec<String>> {
    let mut v = value;
    for s in segs {
        v = match v {
            Value::Mapping(m) => m.iter().find(|(k, _)| key_text(k) == Some(s.clone()))?.1,
            Value::Sequence(items) => items.get(s.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    match v {
        Value::Mapping(m) => Some(m.keys().filter_map(key_text).collect()),
        _ => None,
    }
}

fn key_text(k: &Value) -> Option<String> {
    match k {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The keys serde lists after "expected".
fn expected_keys(message: &str) -> Vec<String> {
    message
        .split_once("expected ")
        .map(|(_, e)| e.split('`').skip(1).step_by(2).map(str::to_owned).collect())
        .unwrap_or_default()
}

fn unknown_key_help(name: &str, message: &str) -> Option<String> {
    // `{doc: The id, if any.}` splits at `, ` in a flow mapping (and `: `
    // starts a value): the "key" is the rest of a sentence.
    if looks_like_prose(name) {
        return Some(format!(
            "`{name}` looks like the rest of a text cut at `, ` or `: `: quote the whole text, e.g. `doc: \"The id, if any.\"`"
        ));
    }
    let candidates = expected_keys(message);
    did_you_mean(name, candidates.iter().map(String::as_str)).or_else(|| {
        message
            .split_once("expected ")
            .map(|(_, e)| format!("allowed keys: {e}"))
    })
}

/// Whether an unknown key reads as words of a sentence rather than a key:
/// spaces, or a full stop or a parenthesis at its end.
fn looks_like_prose(key: &str) -> bool {
    let key = key.trim();
    key.contains(' ') || key.ends_with(['.', ')', '!', '?'])
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}
