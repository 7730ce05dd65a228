//! Writes emitted files: only when their contents changed, and removes
//! generated files the spec no longer produces. Hand-written files (those
//! without the `@generated` marker in their first line) are never touched.

use std::path::{Path, PathBuf};

use crate::emit::OutputFile;

/// Marker in the first line of every generated file.
pub const MARKER: &str = "@generated";

/// What a write did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub removed: Vec<String>,
}

/// A difference between the emitted files and the folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stale {
    /// The file differs from what the spec produces.
    Changed(String),
    /// The spec produces the file but it does not exist.
    Missing(String),
    /// A generated file the spec no longer produces.
    Extra(String),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Changed(p) => write!(f, "changed: {p}"),
            Stale::Missing(p) => write!(f, "missing: {p}"),
            Stale::Extra(p) => write!(f, "no longer generated: {p}"),
        }
    }
}

fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| t.lines().next().map(|l| l.contains(MARKER)))
        .unwrap_or(false)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                walk(&path, out)?;
            }
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Generated files present under `root` that are not in `files`.
fn extras(root: &Path, files: &[OutputFile]) -> std::io::Result<Vec<String>> {
    let mut all = Vec::new();
    walk(root, &mut all)?;
    let mut out: Vec<String> = all
        .iter()
        .filter(|p| is_generated(p))
        .map(|p| relative(root, p))
        .filter(|rel| !files.iter().any(|f| &f.path == rel))
        .collect();
    out.sort();
    Ok(out)
}

/// Refuses, before anything is written, to replace a file that exists and
/// was not generated (the hand-written runtime, a README): no spec can make
/// the writer destroy work it did not produce.
fn refuse_hand_written(root: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    for f in files {
        let path = root.join(&f.path);
        if path.exists() && !is_generated(&path) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!(
                    "refusing to overwrite {}: it exists and has no `{MARKER}` marker (a hand-written file); rename the API or move the file",
                    path.display()
                ),
            ));
        }
    }
    Ok(())
}

/// Writes `files` under `root`; with `remove_stale`, deletes generated files
/// no longer produced. Writes nothing if a file to write exists and was not
/// generated.
pub fn write(
    root: &Path,
    files: &[OutputFile],
    remove_stale: bool,
) -> std::io::Result<WriteReport> {
    refuse_hand_written(root, files)?;
    let mut report = WriteReport::default();
    for f in files {
        let path = root.join(&f.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(f.contents.as_str()) {
            report.unchanged.push(f.path.clone());
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &f.contents)?;
        report.written.push(f.path.clone());
    }
    if remove_stale {
        for rel in extras(root, files)? {
            std::fs::remove_file(root.join(&rel))?;
            report.removed.push(rel);
        }
    }
    Ok(report)
}

/// Compares `files` with the folder without writing anything.
pub fn check(root: &Path, files: &[OutputFile]) -> std::io::Result<Vec<Stale>> {
    refuse_hand_written(root, files)?;
    let mut stale = Vec::new();
    for f in files {
        match std::fs::read_to_string(root.join(&f.path)) {
            Ok(existing) if existing == f.contents => {}
            Ok(_) => stale.push(Stale::Changed(f.path.clone())),
            Err(_) => stale.push(Stale::Missing(f.path.clone())),
        }
    }
    stale.extend(extras(root, files)?.into_iter().map(Stale::Extra));
    stale.sort();
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: format!("// {MARKER}\n{body}"),
        }
    }

    #[test]
    fn writes_only_changes_and_removes_stale_generated_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src/runtime")).unwrap();
        std::fs::write(root.join("src/runtime/mod.rs"), "// hand-written\n").unwrap();
        std::fs::write(root.join("src/old.rs"), format!("// {MARKER}\nold")).unwrap();

        let files = vec![file("src/a.rs", "a"), file("src/b/mod.rs", "b")];
        assert_eq!(
            check(root, &files).unwrap(),
            vec![
                Stale::Missing("src/a.rs".into()),
                Stale::Missing("src/b/mod.rs".into()),
                Stale::Extra("src/old.rs".into())
            ]
        );

        let report = write(root, &files, true).unwrap();
        assert_eq!(report.written, vec!["src/a.rs", "src/b/mod.rs"]);
        assert_eq!(report.removed, vec!["src/old.rs"]);
        assert!(
            root.join("src/runtime/mod.rs").exists(),
            "hand-written files are kept"
        );
        assert!(check(root, &files).unwrap().is_empty());

        let again = write(root, &files, true).unwrap();
        assert!(again.written.is_empty() && again.unchanged.len() == 2);

        // A spec that would emit over a hand-written file writes nothing.
        let clash = vec![file("src/c.rs", "c"), file("src/runtime/mod.rs", "x")];
        let err = write(root, &clash, true).unwrap_err();
        assert!(err.to_string().contains("refusing to overwrite"), "{err}");
        assert!(check(root, &clash).is_err());
        assert!(!root.join("src/c.rs").exists(), "nothing was written");
        assert_eq!(
            std::fs::read_to_string(root.join("src/runtime/mod.rs")).unwrap(),
            "// hand-written\n"
        );

        let changed = vec![file("src/a.rs", "A"), file("src/b/mod.rs", "b")];
        assert_eq!(
            check(root, &changed).unwrap(),
            vec![Stale::Changed("src/a.rs".into())]
        );
    }
}
