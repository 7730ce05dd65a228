//! Doc text shared by validation (which builds the rustdoc of each item)
//! and the emitters (which add notes to it).

/// Joins a doc text with its citation lines (a blank line between).
pub fn with_citation(doc: &str, citation: &str) -> String {
    if citation.is_empty() {
        doc.to_owned()
    } else {
        format!("{doc}\n\n{citation}")
    }
}
