//! What an import could not map, collected as it goes and written as the
//! import report (`IMPORT.md` beside the spec, and the command's output):
//! nothing is dropped without a line here.

use minijinja::{Environment, context};

const TEMPLATE: &str = include_str!("../../templates/import-report.md.j2");

/// One thing the human has to finish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// JSON pointer into the document (`/paths/~1taxes/get`).
    pub pointer: String,
    /// What was found and what the spec says instead.
    pub what: String,
}

/// The notes of one import, in the order they were made.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub notes: Vec<Note>,
}

impl Report {
    /// Records a note.
    pub fn note(&mut self, pointer: impl Into<String>, what: impl Into<String>) {
        self.notes.push(Note {
            pointer: pointer.into(),
            what: what.into(),
        });
    }
}

/// What was imported, counted for the report's summary.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    pub operations: usize,
    pub models: usize,
    pub enums: usize,
    pub ids: usize,
    pub unions: usize,
}

/// The report as Markdown.
pub fn markdown(
    document: &str,
    api: &str,
    counts: &Counts,
    report: &Report,
) -> Result<String, String> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_keep_trailing_newline(true);
    let notes: Vec<minijinja::Value> = report
        .notes
        .iter()
        .map(|n| context! { pointer => n.pointer, what => n.what.replace('|', "\\|") })
        .collect();
    env.render_str(
        TEMPLATE,
        context! {
            document, api, notes,
            operations => counts.operations, models => counts.models, enums => counts.enums,
            ids => counts.ids, unions => counts.unions,
        },
    )
    .map_err(|e| format!("import report template: {e}"))
}

/// JSON pointer escaping of one reference token (`/` -> `~1`, `~` -> `~0`).
pub fn token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}
