//! Rules about the repository itself, checked on its files.

use std::path::{Path, PathBuf};

use integration_tests::workspace_root;

fn files_with(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_with(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The code of a Rust file without its comments and its `#[cfg(test)]`
/// module (by this repository's convention, the last item of a file).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..end]
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("")))
}

/// The generator knows no API by name: no line of its code or templates
/// names a vendor API (doc comments and tests aside). Everything
/// API-specific lives in `spec/`.
#[test]
fn the_generator_names_no_api() {
    const VENDOR_WORDS: &[&str] = &[
        "billwerk",
        "optimize",
        "billingplatform",
        "billing_platform",
        "reepay",
        "brmobjects",
    ];
    let root = workspace_root();
    let mut files = Vec::new();
    files_with(&root.join("generator/src"), "rs", &mut files);
    files_with(&root.join("generator/runtime/src"), "rs", &mut files);
    files_with(&root.join("generator/templates"), "j2", &mut files);
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (line, code) in code_lines(&text) {
            let lower = code.to_lowercase();
            if let Some(word) = VENDOR_WORDS.iter().find(|w| lower.contains(*w)) {
                found.push(format!("{}:{line}: `{word}`", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "API names in generator code:\n{}",
        found.join("\n")
    );
}
