//! A spec file as read: its text and the name diagnostics give it.

/// One spec file's text and the name it is reported under.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path shown in diagnostics.
    pub name: String,
    /// The YAML text.
    pub text: String,
}

/// An I/O error that names the path it happened at.
pub(crate) fn io_at(path: &std::path::Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}
