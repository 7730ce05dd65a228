//! How a generated `Cargo.toml` names the runtime crate: the TOML of the
//! `api-client-runtime` dependency, from where the runtime is
//! ([`RuntimeSource`]) and where the crate is written.

use std::path::{Component, Path, PathBuf};

use crate::ir::RuntimeSource;

/// The runtime this generator was built with: the folder beside its own
/// sources (in this repository, and for `cargo install --path generator`).
pub fn bundled_runtime() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime")
}

/// The dependency's inline table, for a crate written to `out`. A path is
/// written relative to `out` (so the crate moves with its repository) with
/// `/` separators; absolute when the two share no root.
pub fn toml(source: &RuntimeSource, out: &Path) -> String {
    match source {
        RuntimeSource::Path(p) => {
            let rel = relative(out, p);
            format!(
                "{{ path = {} }}",
                string(&rel.to_string_lossy().replace('\\', "/"))
            )
        }
        RuntimeSource::Git { url, reference } => match reference {
            Some((kind, value)) => format!(
                "{{ git = {}, {} = {} }}",
                string(url),
                kind.key(),
                string(value)
            ),
            None => format!("{{ git = {} }}", string(url)),
        },
        RuntimeSource::Version(v) => format!("{{ version = {} }}", string(v)),
    }
}

/// A TOML basic string.
fn string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `path` as seen from the folder `from` (both made absolute against the
/// current directory and normalised without touching the file system).
pub fn relative(from: &Path, path: &Path) -> PathBuf {
    let (from, to) = (normalise(from), normalise(path));
    let (a, b): (Vec<Component>, Vec<Component>) =
        (from.components().collect(), to.components().collect());
    if a.first() != b.first() {
        return to;
    }
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// Absolute, with `.` and `..` resolved lexically.
pub fn normalise(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::GitReference;

    #[test]
    fn paths_are_relative_to_the_crate() {
        let rel = |a: &str, b: &str| {
            relative(Path::new(a), Path::new(b))
                .to_string_lossy()
                .into_owned()
        };
        assert_eq!(
            rel("/w/repo/generated", "/w/repo/generator/runtime"),
            "../generator/runtime"
        );
        assert_eq!(rel("/w/repo/./client/", "/w/repo/client/../rt"), "../rt");
        assert_eq!(rel("/a", "/a"), ".");
        assert_eq!(rel("/a/b/c", "/x"), "../../../x");
    }

    #[test]
    fn toml_text() {
        let out = Path::new("/w/repo/generated");
        assert_eq!(
            toml(
                &RuntimeSource::Path("/w/repo/generator/runtime".into()),
                out
            ),
            r#"{ path = "../generator/runtime" }"#
        );
        let git = RuntimeSource::Git {
            url: "https://example.com/g.git".into(),
            reference: Some((GitReference::Tag, "v\"1".into())),
        };
        assert_eq!(
            toml(&git, out),
            r#"{ git = "https://example.com/g.git", tag = "v\"1" }"#
        );
        assert_eq!(
            toml(&RuntimeSource::Version("0.1".into()), out),
            r#"{ version = "0.1" }"#
        );
    }
}
