//! The scope step: every name the emitters will define
//! ([`ir::scopes::defined`]) is defined once in its scope. A clash is
//! reported at the spec item that brought the later name, naming the item
//! (or the runtime) that holds the first.

use std::collections::BTreeMap;

use super::Reporter;
use crate::diag::Rule;
use crate::ir::scopes::{Defined, Origin, Scope, defined};
use crate::ir::{Resource, RustIdent, Settings, TypeSpace};

/// Reports every name defined twice in one emitted scope.
pub(super) fn check(
    cx: &mut Reporter<'_>,
    settings: &Settings,
    resources: &[Resource],
    types: &TypeSpace,
) {
    let mut first: BTreeMap<(&Scope, &str), &Defined> = BTreeMap::new();
    let all = defined(settings, resources, types);
    for d in &all {
        match first.get(&(&d.scope, d.name.as_str())) {
            None => {
                first.insert((&d.scope, d.name.as_str()), d);
            }
            Some(earlier) => report(cx, earlier, d),
        }
    }
}

fn report(cx: &mut Reporter<'_>, earlier: &Defined, later: &Defined) {
    // The spec item to change is the later one, unless only the earlier
    // comes from the spec.
    let (here, other) = match (locate(cx, later), locate(cx, earlier)) {
        (Some(l), e) => (l, e),
        (None, Some(e)) => (e, None),
        (None, None) => (locate_api(cx), None),
    };
    let other_text = match (&other, &earlier.origin) {
        (Some((_, path)), _) => format!("`{path}`"),
        (None, Origin::Fixed) => "the generated code itself".into(),
        (None, _) => "another item".into(),
    };
    let message = format!(
        "`{}` is defined twice in {}: by `{}` and by {other_text}",
        later.name,
        later.scope.describe(),
        here.1,
    );
    cx.error(
        here.0,
        &here.1,
        Rule::DuplicateName,
        message,
        Some(fix(&later.origin).into()),
    );
}

/// How to give the item another name.
fn fix(origin: &Origin) -> &'static str {
    match origin {
        Origin::Fixed | Origin::Auth | Origin::Environments => "rename the other item",
        Origin::Variable(_) => "rename the variable (its `{..}` in `base_url` too)",
        Origin::Header(_) => "set another `method:` for the header",
        Origin::Resource(_) => "rename the resource",
        Origin::Endpoint { .. } => "rename the endpoint or set its `rust_name:`",
        Origin::Type(_) => "rename the type",
    }
}

/// The file and YAML path of the spec item a name comes from.
fn locate(cx: &Reporter<'_>, d: &Defined) -> Option<(usize, String)> {
    let spec = cx.spec;
    let api = spec.api.first()?;
    let at_api = |path: String| Some((api.file, path));
    match &d.origin {
        Origin::Fixed => None,
        Origin::Auth => at_api(format!("{}.auth", api.path)),
        Origin::Environments => at_api(format!("{}.environments", api.path)),
        Origin::Variable(v) => at_api(format!("{}.variables.{v}", api.path)),
        Origin::Header(h) => {
            // As the spec writes it (the IR holds header names lowercased).
            let headers = &api.raw.overridable_headers.0;
            let written = headers
                .iter()
                .map(|(k, _)| k)
                .find(|k| k.eq_ignore_ascii_case(h));
            let h = written.map_or(h.as_str(), String::as_str);
            at_api(format!("{}.overridable_headers.{h}", api.path))
        }
        Origin::Resource(r) => spec
            .resources
            .iter()
            .find(|i| ident_of(&i.name, None).as_deref() == Some(r.as_str()))
            .map(|i| (i.file, i.path.clone())),
        Origin::Endpoint { resource, method } => spec
            .endpoints
            .iter()
            .find(|e| {
                ident_of(&e.resource, None).as_deref() == Some(resource.as_str())
                    && ident_of(&e.item.name, e.item.raw.rust_name.as_deref()).as_deref()
                        == Some(method.as_str())
            })
            .map(|e| (e.item.file, e.item.path.clone())),
        Origin::Type(t) => {
            let items = spec.models.iter().map(|i| (&i.name, i.file, &i.path));
            let items = items
                .chain(spec.enums.iter().map(|i| (&i.name, i.file, &i.path)))
                .chain(spec.ids.iter().map(|i| (&i.name, i.file, &i.path)));
            items
                .into_iter()
                .find(|(n, _, _)| *n == t)
                .map(|(_, f, p)| (f, p.clone()))
        }
    }
}

/// The Rust name a resource or endpoint written `name` (or `rust_name`)
/// gets, as the IR prints it (`r#type` for `type`).
fn ident_of(name: &str, rust_name: Option<&str>) -> Option<String> {
    let ident = match rust_name {
        Some(n) => RustIdent::parse(n),
        None => RustIdent::snake(name),
    };
    ident.map(|i| i.to_string())
}

fn locate_api(cx: &Reporter<'_>) -> (usize, String) {
    cx.spec
        .api
        .first()
        .map(|a| (a.file, a.path.clone()))
        .unwrap_or((0, "api".into()))
}
