//! A path of field names through nested models (`error.code` in an error
//! body, `/meta/next_page` in a page): each step but the last a field holding
//! a model. Shared by every construct that reads a value out of a body.

use super::Reporter;
use crate::diag::{Rule, did_you_mean};
use crate::ir::{self, FieldRef, Model, Ty, TypeSpace};

/// Where a path is written, for diagnostics.
pub(super) struct At<'a> {
    /// The spec file.
    pub file: usize,
    /// The YAML path of the key holding the path.
    pub yaml: &'a str,
    /// The path as written (`error.code`, `/meta/next_page`).
    pub text: &'a str,
}

/// The model a path starts from: its spec name and its definition.
pub(super) type Start<'m> = (&'m str, &'m Model);

/// Resolves `segments` (wire names) from `start`. Returns the path and the
/// type of its last field; every problem is reported at `at`.
pub(super) fn resolve<'m>(
    cx: &mut Reporter<'_>,
    at: &At<'_>,
    segments: &[&str],
    start: Start<'m>,
    types: &'m TypeSpace,
) -> Option<(ir::FieldPath, &'m Ty)> {
    let mut steps = Vec::new();
    let (mut name, mut current) = (start.0.to_owned(), start.1);
    let mut owner = types
        .models()
        .find(|(_, d, _)| d.name.as_str() == start.0)
        .map(|(id, _, _)| id);
    for (i, wire) in segments.iter().enumerate() {
        let found = field(cx, at, wire, (&name, current))?;
        steps.push(FieldRef {
            name: found.rust.clone(),
            presence: found.presence,
            owner,
        });
        if i + 1 == segments.len() {
            return Some((ir::FieldPath(steps), &found.ty));
        }
        let Some((id, next)) = model_of(&found.ty).and_then(|id| types.model(id).map(|m| (id, m)))
        else {
            cx.error(
                at.file,
                at.yaml,
                Rule::BadType,
                format!(
                    "`{wire}` in `{}` is not a field holding an object (a model)",
                    at.text
                ),
                None,
            );
            return None;
        };
        name = types.name(id).to_string();
        current = next;
        owner = Some(id);
    }
    None
}

/// The model a field holds directly (or boxed).
fn model_of(ty: &Ty) -> Option<ir::TypeId> {
    match ty {
        Ty::Named(id) => Some(*id),
        Ty::Boxed(b) => model_of(b),
        _ => None,
    }
}

fn field<'m>(
    cx: &mut Reporter<'_>,
    at: &At<'_>,
    wire: &str,
    (body, model): (&str, &'m Model),
) -> Option<&'m ir::Field> {
    let found = model.fields.iter().find(|x| x.wire == wire);
    // A field the spec declares but that did not lower was reported already.
    let declared = cx
        .spec
        .models
        .iter()
        .find(|m| m.name == body)
        .is_some_and(|m| m.raw.fields.0.iter().any(|(w, _)| w == wire));
    if found.is_none() && !declared {
        let help = did_you_mean(wire, model.fields.iter().map(|x| x.wire.as_str()))
            .or_else(|| Some(format!("add `{wire}` to the fields of `{body}`")));
        cx.error(
            at.file,
            at.yaml,
            Rule::UnknownField,
            format!("`{wire}` is not a field of `{body}`"),
            help,
        );
    }
    found
}
