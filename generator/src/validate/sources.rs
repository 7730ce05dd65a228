//! Source citations: `"<seed file>#<section>"`, checked against the seed
//! documents when they are available.

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
}

impl SeedIndex {
    pub(crate) fn load(dir: Option<&Path>) -> std::io::Result<Self> {
        let Some(dir) = dir else {
            return Ok(Self::default());
        };
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(dir)? {
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
                files.insert(name, text);
            }
        }
        Ok(Self { files: Some(files) })
    }

    /// Whether citations are checked against documents.
    pub fn is_loaded(&self) -> bool {
        self.files.is_some()
    }
}

/// Checks one citation; returns its rustdoc line.
pub(super) fn check(
    ctx: &mut Reporter<'_>,
    file: usize,
    path: &str,
    source: &str,
) -> Option<Citation> {
    let spath = format!("{path}.source");
    let Some((doc, section)) = source
        .split_once('#')
        .filter(|(d, s)| !d.trim().is_empty() && !s.trim().is_empty())
    else {
        ctx.error(
            file,
            &spath,
            Rule::BadSource,
            format!("citation `{source}` is not of the form `<seed file>#<section>`"),
            Some("e.g. `source: \"001_02a77a4cc14841bd.txt#Override for components\"`".into()),
        );
        return None;
    };
    let (doc, section) = (doc.trim(), section.trim());
    if let Some(files) = &ctx.seeds.files {
        match files.get(doc) {
            None => {
                let help = did_you_mean(doc, files.keys().map(String::as_str))
                    .or_else(|| Some("cite one of the files in the seeds folder".into()));
                ctx.error(
                    file,
                    &spath,
                    Rule::BadSource,
                    format!("seed file `{doc}` does not exist"),
                    help,
                );
                return None;
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
        seed: doc.to_owned(),
        section: section.to_owned(),
    })
}
