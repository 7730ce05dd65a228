//! The generated crate as a package: its name, version and metadata, and
//! where it finds the runtime crate.

use std::path::PathBuf;

use crate::names::RustIdent;

/// What `package.yaml` at the spec root says (or the defaults).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    /// Cargo package name (`billing-clients`).
    pub name: String,
    /// Its name in Rust (`billing_clients`), the path of the doc examples.
    pub lib: RustIdent,
    pub version: String,
    /// One line.
    pub description: String,
    /// An SPDX expression.
    pub license: String,
    /// Folder of the cited documents, relative to the spec folder.
    pub documents: Option<PathBuf>,
    /// Where the generated crate finds the runtime crate, when the spec says.
    pub runtime: Option<RuntimeSource>,
    /// Whether a `package.yaml` said this (not the defaults).
    pub declared: bool,
}

impl Package {
    /// The package when the spec folder has no `package.yaml`: `<api>-client`
    /// for one API, `api-clients` for several.
    pub fn named_after(api_modules: &[&str]) -> Package {
        let name = match api_modules {
            [one] => format!("{}-client", one.replace('_', "-")),
            _ => "api-clients".to_owned(),
        };
        Package {
            lib: RustIdent::snake(&name.replace('-', "_")).expect("a valid default name"),
            name,
            version: "0.1.0".into(),
            description: "Typed async API clients, generated from hand-written specs".into(),
            license: "MIT OR Apache-2.0".into(),
            documents: None,
            runtime: None,
            declared: false,
        }
    }
}

/// Where a generated crate finds the runtime crate (`api-client-runtime`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeSource {
    /// A folder; relative paths are resolved against the folder they were
    /// given in (the spec folder, or the current directory on the command line).
    Path(PathBuf),
    /// A git repository holding the runtime crate.
    Git {
        url: String,
        /// `rev`, `branch` or `tag`, with its value.
        reference: Option<(GitReference, String)>,
    },
    /// A version from a registry (once the runtime is published).
    Version(String),
}

/// Which git reference a [`RuntimeSource::Git`] pins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GitReference {
    Rev,
    Branch,
    Tag,
}

impl GitReference {
    /// The Cargo key.
    pub fn key(self) -> &'static str {
        match self {
            GitReference::Rev => "rev",
            GitReference::Branch => "branch",
            GitReference::Tag => "tag",
        }
    }
}
