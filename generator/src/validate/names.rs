//! Pass 1: every declared id, enum and model gets a [`TypeId`] (declaration
//! order: ids, enums, models) and a Rust name; duplicates, bad and reserved
//! names are reported. Later passes look types up here by spec name.

use std::collections::BTreeMap;

use super::Reporter;
use crate::diag::Rule;
use crate::ir::TypeId;
use crate::names::{self, RustIdent};

/// What a declared type name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameKind {
    Id,
    Enum,
    Model,
}

/// One declaration: its kind, the index of its item in the raw section and
/// its Rust name.
#[derive(Clone, Debug)]
pub(crate) struct Declared {
    pub id: TypeId,
    pub kind: NameKind,
    pub item: usize,
    pub name: RustIdent,
    /// Number of type parameters (generic models).
    pub arity: usize,
}

/// The declared types, by spec name; `in_order` lists them by [`TypeId`].
pub(crate) struct Names {
    by_name: BTreeMap<String, TypeId>,
    pub in_order: Vec<Declared>,
}

impl Names {
    pub fn get(&self, name: &str) -> Option<&Declared> {
        self.by_name.get(name).map(|id| &self.in_order[id.0])
    }

    pub fn contains(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// Every declared spec name, sorted.
    pub fn spec_names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }

    /// The spec names of one kind, sorted.
    pub fn of_kind(&self, kind: NameKind) -> impl Iterator<Item = &str> {
        self.by_name
            .iter()
            .filter(move |(_, id)| self.in_order[id.0].kind == kind)
            .map(|(n, _)| n.as_str())
    }
}

/// Registers every declared type name, reporting duplicates and bad names.
pub(super) fn declare(cx: &mut Reporter<'_>) -> Names {
    let spec = cx.spec;
    let declared = spec
        .ids
        .iter()
        .enumerate()
        .map(|(i, it)| (NameKind::Id, i, &it.name, it.file, &it.path, 0))
        .chain(
            spec.enums
                .iter()
                .enumerate()
                .map(|(i, it)| (NameKind::Enum, i, &it.name, it.file, &it.path, 0)),
        )
        .chain(spec.models.iter().enumerate().map(|(i, it)| {
            let arity = it.raw.type_params.len();
            (NameKind::Model, i, &it.name, it.file, &it.path, arity)
        }));
    let mut out = Names {
        by_name: BTreeMap::new(),
        in_order: Vec::new(),
    };
    let mut first_at: BTreeMap<String, String> = BTreeMap::new();
    for (kind, item, name, file, path, arity) in declared {
        if let Some(first) = first_at.get(name) {
            cx.error(
                file,
                path,
                Rule::DuplicateName,
                format!("`{name}` is declared twice; first at {first}"),
                Some("rename one of them; ids, enums and models share one namespace".into()),
            );
            continue;
        }
        check_type_name(cx, file, path, name);
        first_at.insert(
            name.clone(),
            format!("{} ({})", spec.files[file].name, path),
        );
        let id = TypeId(out.in_order.len());
        let rust = RustIdent::parse(name)
            .or_else(|| RustIdent::upper_camel(name))
            .unwrap_or_else(|| RustIdent::upper_camel("invalid").expect("a valid name"));
        out.by_name.insert(name.clone(), id);
        out.in_order.push(Declared {
            id,
            kind,
            item,
            name: rust,
            arity,
        });
    }
    out
}

fn check_type_name(cx: &mut Reporter<'_>, file: usize, path: &str, name: &str) {
    if !RustIdent::is_type_name(name) {
        let help = RustIdent::upper_camel(name).map(|n| format!("did you mean `{n}`?"));
        cx.error(
            file,
            path,
            Rule::BadName,
            format!("type name `{name}` is not UpperCamelCase"),
            help,
        );
    } else if names::is_reserved_type(name) {
        let clash = if name.len() == 1 {
            format!(
                "`{name}` has the form of a type parameter (`K`, `T`), which the generated code uses"
            )
        } else {
            format!(
                "`{name}` would shadow Rust's prelude `{name}`, which the generated code uses unqualified"
            )
        };
        cx.error(
            file,
            path,
            Rule::ReservedName,
            clash,
            Some(format!(
                "rename it after what it holds in this API, e.g. `{}`",
                natural_rename(name, cx.spec)
            )),
        );
    }
}

/// A rename for a type named like a prelude item: the API's own name
/// before it (`Option` in API `billing` -> `BillingOption`).
fn natural_rename(name: &str, spec: &crate::load::RawSpec) -> String {
    let api = spec
        .api
        .first()
        .and_then(|a| RustIdent::upper_camel(&a.raw.name))
        .map(|n| n.to_string())
        .unwrap_or_else(|| "Api".into());
    format!("{api}{name}")
}
