//! `generator diff`: what a spec change does to the callers of the
//! generated crate. Two validated specs (their IRs) are compared API by
//! API, item by item by their Rust names, and every change is classified:
//! **breaking** (code written against the old crate may stop compiling or
//! mean something else), **additive** (new items; old code compiles),
//! **docs** (documentation only) and **wire** (the bytes on the wire change
//! while the Rust API does not). The rules are in spec/README.md ("Spec
//! review: generator diff") and proven by `tests/specs/diff/` (each pair's
//! old code is compiled against the new crate: it must compile exactly when
//! nothing is breaking).

mod endpoints;
mod render;
mod settings;
mod types;

use crate::ir::{Api, Ir};

pub use render::{markdown, text};

/// What a change does to callers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Old code may not compile, or means something else.
    Breaking,
    /// The bytes on the wire change; the Rust API does not.
    Wire,
    /// New items; old code compiles and means the same.
    Additive,
    /// Only documentation changes.
    Docs,
}

impl Kind {
    /// The word used in reports.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Breaking => "breaking",
            Kind::Additive => "additive",
            Kind::Wire => "wire",
            Kind::Docs => "docs",
        }
    }
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The API's module.
    pub api: String,
    pub kind: Kind,
    /// The item, as the spec names it (`models.Customer.fields.email`).
    pub item: String,
    /// What changed, for a reviewer.
    pub what: String,
    /// A breaking change old code still compiles against: the same call
    /// means something else (a changed path or method).
    pub compiles: bool,
}

impl Change {
    /// Whether code written against the old crate may stop compiling.
    pub fn breaks_compilation(&self) -> bool {
        self.kind == Kind::Breaking && !self.compiles
    }
}

/// Collects changes of one API.
pub(crate) struct Changes<'a> {
    api: &'a str,
    pub out: Vec<Change>,
}

impl Changes<'_> {
    pub fn push(&mut self, kind: Kind, item: impl Into<String>, what: impl Into<String>) {
        self.out.push(Change {
            api: self.api.to_owned(),
            kind,
            item: item.into(),
            what: what.into(),
            compiles: false,
        });
    }

    /// A breaking change that still compiles: the meaning changes.
    pub fn semantic(&mut self, item: impl Into<String>, what: impl Into<String>) {
        self.push(Kind::Breaking, item, what);
        if let Some(last) = self.out.last_mut() {
            last.compiles = true;
        }
    }
}

/// Every change from `old` to `new`, sorted by API, kind and item.
pub fn compare(old: &Ir, new: &Ir) -> Vec<Change> {
    let mut out = Vec::new();
    for o in &old.apis {
        let mut cx = Changes {
            api: o.module.as_str(),
            out: Vec::new(),
        };
        match new.apis.iter().find(|n| n.module == o.module) {
            Some(n) => compare_api(&mut cx, o, n),
            None => cx.push(
                Kind::Breaking,
                "api",
                format!("the API `{}` (cargo feature) is removed", o.module),
            ),
        }
        out.extend(cx.out);
    }
    for n in new
        .apis
        .iter()
        .filter(|n| !old.apis.iter().any(|o| o.module == n.module))
    {
        let mut cx = Changes {
            api: n.module.as_str(),
            out: Vec::new(),
        };
        cx.push(
            Kind::Additive,
            "api",
            format!("the API `{}` (cargo feature) is new", n.module),
        );
        out.extend(cx.out);
    }
    // A spec from before `package.yaml` has the default name: not a rename.
    if old.package.declared && new.package.declared && old.package.name != new.package.name {
        out.push(Change {
            api: String::new(),
            kind: Kind::Breaking,
            item: "package.name".into(),
            what: format!(
                "the crate is renamed `{}` -> `{}`",
                old.package.name, new.package.name
            ),
            compiles: false,
        });
    }
    out.sort();
    out
}

fn compare_api(cx: &mut Changes, old: &Api, new: &Api) {
    if old.doc.text != new.doc.text || old.title != new.title {
        cx.push(Kind::Docs, "api.doc", "the API's title or doc changed");
    }
    settings::compare(cx, old, new);
    types::compare(cx, old, new);
    endpoints::compare(cx, old, new);
}

/// Whether code written against the old crate may stop compiling against
/// the new one (some change is breaking and not only in meaning).
pub fn breaks_compilation(changes: &[Change]) -> bool {
    changes.iter().any(Change::breaks_compilation)
}

/// Whether any change is at least as severe as `kind` (breaking, then
/// wire, additive, docs).
pub fn any_at_least(changes: &[Change], kind: Kind) -> bool {
    changes.iter().any(|c| c.kind <= kind)
}
