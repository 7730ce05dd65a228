//! `generator coverage`: for each source document, its sections with the
//! spec items that cite them, the sections no item cites, and the items
//! that rest on an assumption instead: what a reviewer should look at.
//!
//! Sections are what citations name, plus the headings found in the
//! document: in text exports a short line that reads like a title (a
//! capital first, at most eight words, no sentence or table punctuation,
//! followed by text); in Markdown the `#` lines; in JSON and YAML documents
//! (OpenAPI) the operations and component schemas, as JSON pointers.

use std::collections::BTreeMap;
use std::path::Path;

use minijinja::{Environment, context};

use crate::emit::one_line;
use crate::ir::Ir;

const TEMPLATE: &str = include_str!("../templates/coverage.md.j2");

/// The headings of a document, in order.
pub fn headings(name: &str, text: &str) -> Vec<String> {
    if name.ends_with(".json") || name.ends_with(".yaml") || name.ends_with(".yml") {
        return pointers(text);
    }
    if name.ends_with(".md") {
        return text
            .lines()
            .filter_map(|l| l.strip_prefix('#'))
            .map(|l| l.trim_start_matches('#').trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
    }
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).copied().unwrap_or_default();
        let words = line.split_whitespace().count();
        let looks = (1..=8).contains(&words)
            && line.len() <= 60
            && line.starts_with(|c: char| c.is_uppercase())
            && !line.ends_with(['.', ':', ',', ';', '|', '{', '}', '[', ']', '"'])
            && !line.contains(['|', '{', '}', '"', '=', '`', ':'])
            && !line.starts_with("HTTP/")
            && !(line.starts_with("The ") && words >= 5)
            && !next.is_empty();
        if looks && !out.iter().any(|h: &String| h == line) {
            out.push((*line).to_owned());
        }
    }
    out
}

/// The operations and component schemas of an OpenAPI document, as JSON pointers.
fn pointers(text: &str) -> Vec<String> {
    let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return Vec::new();
    };
    let token = crate::import::pointer_token;
    let mut out = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(|p| p.as_mapping()) {
        for (path, item) in paths {
            let (Some(path), Some(item)) = (path.as_str(), item.as_mapping()) else {
                continue;
            };
            for method in ["get", "put", "post", "delete", "patch"] {
                if item.contains_key(method) {
                    out.push(format!("/paths/{}/{method}", token(path)));
                }
            }
        }
    }
    if let Some(schemas) = doc
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(|s| s.as_mapping())
    {
        out.extend(
            schemas
                .keys()
                .filter_map(|k| k.as_str())
                .map(|k| format!("/components/schemas/{}", token(k))),
        );
    }
    out
}

/// The coverage report of `ir` against the documents in `documents` (the
/// documents folder; without it only the citations are listed).
pub fn report(ir: &Ir, documents: Option<&Path>) -> Result<String, String> {
    // document -> section -> citing items ("api: item").
    let mut cited: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for api in &ir.apis {
        for c in &api.citations {
            cited
                .entry(c.document.clone())
                .or_default()
                .entry(c.section.clone())
                .or_default()
                .push(format!("{}: {}", api.module, c.item));
        }
    }
    let mut docs = Vec::new();
    let mut names: Vec<String> = cited.keys().cloned().collect();
    if let Some(dir) = documents {
        let mut found: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "README.md" && !n.starts_with('.'))
            .collect();
        found.retain(|n| !names.contains(n));
        names.extend(found);
        names.sort();
    }
    for name in names {
        let text = documents.and_then(|d| std::fs::read_to_string(d.join(&name)).ok());
        let sections = sections(&name, text.as_deref(), cited.get(&name));
        let uncited = sections.iter().filter(|(_, by)| by.is_empty()).count();
        let count = sections.len();
        let rows: Vec<minijinja::Value> = sections
            .into_iter()
            .map(|(section, by)| context! { section => section.replace('|', "\\|"), by => by.join(", ").replace('|', "\\|") })
            .collect();
        docs.push(context! { name, rows, uncited, count, read => text.is_some() });
    }
    let assumptions: Vec<minijinja::Value> = ir
        .apis
        .iter()
        .flat_map(|a| a.assumptions.iter().map(move |s| (a.module.as_str(), s)))
        .map(|(api, s)| context! { api, item => s.item, text => one_line(&s.text) })
        .collect();
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_keep_trailing_newline(true);
    env.render_str(
        TEMPLATE,
        context! { docs, assumptions, folder => documents.map(|d| d.display().to_string()) },
    )
    .map_err(|e| format!("coverage template: {e}"))
}

/// A document's sections in order (its headings, then cited sections it
/// does not show as headings, by where they occur), each with its citers.
fn sections(
    name: &str,
    text: Option<&str>,
    cited: Option<&BTreeMap<String, Vec<String>>>,
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = text
        .map(|t| headings(name, t))
        .unwrap_or_default()
        .into_iter()
        .map(|h| (h, Vec::new()))
        .collect();
    for (section, by) in cited.into_iter().flatten() {
        match out.iter_mut().find(|(h, _)| h == section) {
            Some((_, v)) => v.extend(by.iter().cloned()),
            None => out.push((section.clone(), by.clone())),
        }
    }
    let at = |s: &str| text.and_then(|t| t.find(s)).unwrap_or(usize::MAX);
    out.sort_by_key(|(s, _)| at(s));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_headings_are_short_title_lines() {
        let text = "Intro sentence that is long and ends with a period.\nRequests\nRequests are GET.\nParameter | Type |\nDefault range interval\nThe default is a month.\nwill be from=2022\nHTTP/1.1 200 OK\nX-RateLimit-Limit: 10\nThe default range interval from to\nQuery timeout\nA list query can time out.\n";
        assert_eq!(
            headings("a.txt", text),
            ["Requests", "Default range interval", "Query timeout"]
        );
    }

    #[test]
    fn openapi_sections_are_pointers() {
        let doc =
            "paths:\n  /a/{id}:\n    get: {}\n    post: {}\ncomponents:\n  schemas:\n    A: {}\n";
        assert_eq!(
            headings("x.yaml", doc),
            [
                "/paths/~1a~1{id}/get",
                "/paths/~1a~1{id}/post",
                "/components/schemas/A"
            ]
        );
    }
}
