//! A spec file as read: its text and the name diagnostics give it.

/// One spec file's text and the name it is reported under.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path shown in diagnostics.
    pub name: String,
    /// The YAML text.
    pub text: String,
}
