//! Source citations: `"<seed file>#<section>"`, checked against the seed
//! documents when they are available; URLs with an anchor and document
//! paths, checked for syntax.

use std::collections::BTreeMap;
use std::path::Path;

use super::Reporter;
use crate::diag::{Rule, did_you_mean};
use crate::ir::Citation;

/// The seed documents, by file name. Empty when no seeds folder was given;
/// then only the citation syntax is checked.
#[derive(Debug, Default)]
pub struct SeedIndex {
    files: Option<BTreeMap<String, String>>,
    /// The JSON and YAML documents, parsed, for citations by JSON pointer
    /// (`openapi.yaml#/paths/~1taxes/get`).
    trees: BTreeMap<String, serde_json::Value>,
}

impl SeedIndex {
    pub(crate) fn load(dir: Option<&Path>) -> std::io::Result<Self> {
        let Some(dir) = dir else {
            return Ok(Self::default());
        };
        let mut files = BTreeMap::new();
        let mut trees = BTreeMap::new();
        for entry in std::fs::read_dir(dir).map_err(|e| crate::source::io_at(dir, e))? {
            let path = entry?.path();
            if path.is_file() {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                // Web exports use no-break spaces (`FILE\u{a0}DOWNLOAD`); a
                // citation written with plain spaces must still match.
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_default()
                    .replace('\u{a0}', " ");
                if let Some(tree) = tree(&name, &text) {
                    trees.insert(name.clone(), tree);
                }
                files.insert(name, text);
            }
        }
        Ok(Self {
            files: Some(files),
            trees,
        })
    }

    /// Whether citations are checked against documents.
    pub fn is_loaded(&self) -> bool {
        self.files.is_some()
    }
}

/// A JSON or YAML document, parsed (by its extension).
fn tree(name: &str, text: &str) -> Option<serde_json::Value> {
    if name.ends_with(".json") {
        serde_json::from_str(text).ok()
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        serde_yaml::from_str(text).ok()
    } else {
        None
    }
}

/// Checks one citation; returns it for `REFERENCE.md`. Three forms:
/// `<seed file>#<section>` (checked against the seeds when they are
/// loaded), `https://host/path#anchor` (a URL: syntax only) and
/// `<folder>/<file>#<section>` (a document path: syntax only).
pub(super) fn check(
    ctx: &mut Reporter<'_>,
    file: usize,
    path: &str,
    source: &str,
) -> Option<Citation> {
    let spath = format!("{path}.source");
    let source = source.trim();
    let mut bad = |message: String, help: &str| {
        ctx.error(
            file,
            &spath,
            Rule::BadSource,
            message,
            Some(help.to_owned()),
        );
        None
    };
    if let Some(scheme) = source.split_once("://").map(|(s, _)| s) {
        return match url_citation(path, source, scheme) {
            Ok(citation) => Some(citation),
            Err((message, help)) => bad(message, help),
        };
    }
    let Some((doc, section)) = source
        .split_once('#')
        .filter(|(d, s)| !d.trim().is_empty() && !s.trim().is_empty())
    else {
        return bad(
            format!(
                "citation `{source}` is not of the form `<seed file>#<section>`, `<document path>#<section>` or a URL with an anchor"
            ),
            "e.g. `source: \"001_02a77a4cc14841bd.txt#Override for components\"`",
        );
    };
    let (doc, section) = (doc.trim(), section.trim());
    // A path with a folder is a document of the user's own: not checked.
    let is_seed = !doc.contains('/');
    if let (true, Some(files)) = (is_seed, &ctx.seeds.files) {
        match files.get(doc) {
            None => {
                let help = did_you_mean(doc, files.keys().map(String::as_str)).unwrap_or_else(|| {
                    "cite one of the files in the seeds folder, a document by its path (`docs/api.pdf#Section`) or a URL".into()
                });
                ctx.error(
                    file,
                    &spath,
                    Rule::BadSource,
                    format!("seed file `{doc}` does not exist"),
                    Some(help),
                );
                return None;
            }
            Some(_) if section.starts_with('/') => {
                let found = ctx
                    .seeds
                    .trees
                    .get(doc)
                    .map(|t| t.pointer(section).is_some());
                if found != Some(true) {
                    let message = match found {
                        None => format!(
                            "`{doc}` is not a JSON or YAML document, so `{section}` is no JSON pointer into it"
                        ),
                        Some(_) => format!("JSON pointer `{section}` names nothing in `{doc}`"),
                    };
                    ctx.error(file, &spath, Rule::BadSource, message, Some("cite a JSON pointer the document has (`/` between keys, `~1` for `/` inside one)".into()));
                    return None;
                }
            }
            Some(text) if !text.contains(section) => {
                ctx.error(
                    file,
                    &spath,
                    Rule::BadSource,
                    format!("section `{section}` does not occur in `{doc}`"),
                    Some("copy the section heading exactly as it appears in the seed".into()),
                );
                return None;
            }
            Some(_) => {}
        }
    }
    Some(Citation {
        item: path.to_owned(),
        document: doc.to_owned(),
        section: section.to_owned(),
    })
}

/// A URL citation: `http`/`https`, a host and a non-empty anchor; the error
/// is the message and its help.
fn url_citation(
    path: &str,
    source: &str,
    scheme: &str,
) -> Result<Citation, (String, &'static str)> {
    const EXAMPLE: &str = "e.g. `source: \"https://docs.example.com/api#create-a-customer\"`";
    if !matches!(scheme, "http" | "https") {
        return Err((
            format!("citation `{source}` is a `{scheme}` URL; only http or https URLs are cited"),
            "cite the page on the web, e.g. `https://docs.example.com/api#create-a-customer`",
        ));
    }
    let u = url::Url::parse(source).map_err(|e| {
        (
            format!("citation `{source}` is not a valid URL: {e}"),
            EXAMPLE,
        )
    })?;
    if u.host_str().is_none_or(str::is_empty) {
        return Err((
            format!("citation `{source}` is not a valid URL: it has no host"),
            EXAMPLE,
        ));
    }
    let Some(anchor) = u.fragment().filter(|f| !f.trim().is_empty()) else {
        return Err((
            format!("citation `{source}` has no `#anchor`: it names a page, not the place in it"),
            "add the anchor of the section, as the page's table of contents links it",
        ));
    };
    let mut page = u.clone();
    page.set_fragment(None);
    Ok(Citation {
        item: path.to_owned(),
        document: page.to_string(),
        section: anchor.to_owned(),
    })
}
