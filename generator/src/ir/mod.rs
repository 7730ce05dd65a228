//! The intermediate representation: a validated spec in which every
//! reference is resolved (types by [`TypeId`], envelopes by [`EnvelopeId`])
//! and every Rust name is decided ([`RustIdent`]). Emitters read only this
//! and decide nothing. All collections are `Vec`s in a defined order.

mod endpoint;
mod package;
pub mod scopes;
mod settings;
mod types;
mod webhooks;

pub use crate::names::RustIdent;
pub use crate::scalars::{Encoding, Scalar};
pub use endpoint::*;
pub use package::*;
pub use settings::*;
pub use types::*;
pub use webhooks::*;

/// All APIs, sorted by module name.
#[derive(Clone, Debug)]
pub struct Ir {
    /// The generated crate (`package.yaml` at the spec root).
    pub package: Package,
    pub apis: Vec<Api>,
}

impl Ir {
    /// One API in the package its name gives (`<api>-client`).
    pub fn single(api: Api) -> Self {
        let package = Package::named_after(&[api.module.as_str()]);
        Ir {
            package,
            apis: vec![api],
        }
    }
}

/// One API, emitted as one module behind one cargo feature.
#[derive(Clone, Debug)]
pub struct Api {
    /// Module name and cargo feature, e.g. `billwerk`.
    pub module: RustIdent,
    pub title: String,
    pub doc: Doc,
    /// The spec files this API was read from, for the `@generated` header.
    pub spec_files: Vec<String>,
    pub settings: Settings,
    pub types: TypeSpace,
    pub resources: Vec<Resource>,
    /// Models endpoints use as their own error bodies (sorted, each once).
    pub endpoint_error_bodies: Vec<TypeId>,
    /// Where each spec item's facts come from, sorted by item (for
    /// `REFERENCE.md`; rustdoc does not name seed files).
    pub citations: Vec<Citation>,
    /// The assumptions spec items rest on instead of (or beside) a
    /// citation, sorted by item (for `REFERENCE.md`; rustdoc shows only
    /// what the item is).
    pub assumptions: Vec<Assumption>,
}

/// A spec item's assumption: what it rests on where the documents are
/// silent.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Assumption {
    /// The item's YAML path, e.g. `models.Contract.fields.Id`.
    pub item: String,
    /// The assumption, as the spec states it.
    pub text: String,
}

/// The doc of a spec item as the spec gives it: its checked `doc` text and,
/// for an item that rests on an assumption rather than a cited source, the
/// assumption. The emitters write the rustdoc from both (`emit/docs.rs`);
/// validation composes no prose.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    pub text: String,
    pub assumption: Option<String>,
}

impl Doc {
    /// A doc with no assumption.
    pub fn plain(text: impl Into<String>) -> Self {
        Doc {
            text: text.into(),
            assumption: None,
        }
    }
}

/// A checked `source:` of a spec item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The item's YAML path, e.g. `models.Customer`.
    pub item: String,
    /// The document: a seed file, a URL (without its anchor) or a document
    /// path.
    pub document: String,
    /// The section heading (seed file, document) or anchor (URL) cited.
    pub section: String,
}

/// A resource: one handle type on the client with one method per endpoint.
#[derive(Clone, Debug)]
pub struct Resource {
    /// Accessor method on the client, e.g. `orders`.
    pub accessor: RustIdent,
    /// Type of the resource handle, e.g. `OrdersApi`.
    pub type_name: RustIdent,
    pub doc: Doc,
    pub endpoints: Vec<Endpoint>,
}
