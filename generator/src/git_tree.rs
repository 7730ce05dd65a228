//! A spec folder as it was at a git revision, read through `git` into a
//! temporary folder without touching the working copy (for `generator diff
//! --against REV`).

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary copy of a spec folder at a revision; removed when dropped.
#[derive(Debug)]
pub struct TreeAt {
    dir: PathBuf,
    /// The spec folder inside the copy.
    pub spec: PathBuf,
}

impl Drop for TreeAt {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn git(cwd: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// The spec folder `spec` (a folder of the working copy) as it was at `rev`.
pub fn spec_at(spec: &Path, rev: &str) -> Result<TreeAt, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    let spec = std::fs::canonicalize(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let top = String::from_utf8_lossy(&git(&spec, &["rev-parse", "--show-toplevel"])?)
        .trim()
        .to_owned();
    let top = std::fs::canonicalize(&top).map_err(|e| format!("{top}: {e}"))?;
    let rel = spec.strip_prefix(&top).map_err(|_| {
        format!(
            "{} is not inside the repository {}",
            spec.display(),
            top.display()
        )
    })?;
    let rel = rel.to_string_lossy().replace('\\', "/");
    let listed = git(
        &top,
        &["ls-tree", "-r", "--name-only", "-z", rev, "--", &rel],
    )?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("generator-diff-{}-{nanos}", std::process::id()));
    let name = spec
        .file_name()
        .map_or("spec".into(), |n| n.to_string_lossy().into_owned());
    let tree = TreeAt {
        spec: dir.join(&name),
        dir,
    };
    std::fs::create_dir_all(&tree.spec).map_err(|e| format!("{}: {e}", tree.spec.display()))?;
    let mut any = false;
    for path in listed.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let path = String::from_utf8_lossy(path).into_owned();
        let inside = path
            .strip_prefix(&rel)
            .unwrap_or(&path)
            .trim_start_matches('/');
        if inside.split('/').any(|s| s == ".." || s.is_empty()) {
            continue;
        }
        let text = git(&top, &["show", &format!("{rev}:{path}")])?;
        let target = tree.spec.join(inside);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&target, text).map_err(|e| format!("{}: {e}", target.display()))?;
        any = true;
    }
    if !any {
        return Err(format!("{rel} has no files at {rev}"));
    }
    Ok(tree)
}
