//! Recursive models: a model that contains itself, directly or through
//! others, needs a pointer somewhere in the cycle or its Rust type would be
//! infinitely large. Fields reached through a list or map are on the heap
//! already; every other reference that lies on a cycle (a plain or optional
//! field, one value of `one_or_many`, the object of `id_or_object`, a union
//! variant) is boxed (`Box<T>`). A cycle of
//! required fields only is refused: no finite value could be written.

use std::collections::{BTreeMap, BTreeSet};

use super::Reporter;
use crate::diag::Rule;
use crate::ir::{Presence, Ty, TypeDef, TypeId, TypeKind};

/// The models a type holds inline (not behind a list, map or box).
fn inline_refs(ty: &Ty, out: &mut Vec<TypeId>) {
    out.extend(ty.head());
    for child in ty.children() {
        if !child.on_heap {
            inline_refs(child.ty, out);
        }
    }
}

/// Inline edges of every model: model -> (field index, referenced models).
fn edges(defs: &[TypeDef]) -> BTreeMap<usize, Vec<(usize, Vec<TypeId>)>> {
    let mut out = BTreeMap::new();
    for (i, d) in defs.iter().enumerate() {
        let slots = d.kind.slots();
        if slots.is_empty() {
            continue;
        }
        let slots = slots
            .into_iter()
            .enumerate()
            .map(|(f, ty)| {
                let mut refs = Vec::new();
                inline_refs(ty, &mut refs);
                (f, refs)
            })
            .collect();
        out.insert(i, slots);
    }
    out
}

/// The models reachable from `start` through inline edges.
fn reachable(graph: &BTreeMap<usize, Vec<(usize, Vec<TypeId>)>>, start: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(n) = stack.pop() {
        for (_, refs) in graph.get(&n).into_iter().flatten() {
            for r in refs {
                if seen.insert(r.0) {
                    stack.push(r.0);
                }
            }
        }
    }
    seen
}

/// Boxes the fields that close a cycle; reports cycles of required fields.
pub(super) fn box_cycles(cx: &mut Reporter<'_>, defs: &mut [TypeDef], files: &[(usize, String)]) {
    let graph = edges(defs);
    let reach: BTreeMap<usize, BTreeSet<usize>> =
        graph.keys().map(|n| (*n, reachable(&graph, *n))).collect();
    for (model, fields) in &graph {
        for (field, refs) in fields {
            // The field lies on a cycle if a model it holds leads back here.
            let cyclic = refs
                .iter()
                .any(|r| r.0 == *model || reach.get(&r.0).is_some_and(|s| s.contains(model)));
            if cyclic {
                box_field(&mut defs[*model], *field);
            }
        }
    }
    for model in graph.keys() {
        if required_cycle(defs, *model) {
            let (file, path) = &files[*model];
            cx.error(
                *file,
                path,
                Rule::BadType,
                format!(
                    "model `{}` contains itself through required fields only: no finite value exists",
                    defs[*model].name
                ),
                Some("make one field of the cycle optional, or a list".into()),
            );
        }
    }
}

/// Boxes the field (of a model) or variant (of a union) at `slot`.
fn box_field(def: &mut TypeDef, slot: usize) {
    if let Some(ty) = def.kind.slots_mut().into_iter().nth(slot) {
        *ty = boxed(std::mem::replace(ty, Ty::Entity));
    }
}

/// The type with its inline model references boxed.
fn boxed(ty: Ty) -> Ty {
    match ty {
        Ty::Named(_) | Ty::Generic(..) => Ty::Boxed(Box::new(ty)),
        Ty::OneOrMany(inner) => Ty::OneOrMany(Box::new(boxed(*inner))),
        // The id half is a string newtype, never part of a cycle.
        Ty::IdOrObject(id, object) => Ty::IdOrObject(id, Box::new(boxed(*object))),
        // On the heap already, or no model inside.
        Ty::List(_)
        | Ty::Map(_)
        | Ty::Boxed(_)
        | Ty::Scalar(_)
        | Ty::Interval(_)
        | Ty::TypeParam(_)
        | Ty::Entity
        | Ty::Record => ty,
    }
}

/// Whether `start` reaches itself through required, unboxed-by-nature
/// fields only (a required `T` or `Box<T>`, never an `Option` or a list).
fn required_cycle(defs: &[TypeDef], start: usize) -> bool {
    let next = |n: usize| -> Vec<usize> {
        let TypeKind::Struct(m) = &defs[n].kind else {
            return Vec::new();
        };
        m.fields
            .iter()
            .filter(|f| f.presence == Presence::Required)
            .filter_map(|f| f.ty.unboxed().head().map(|id| id.0))
            .collect()
    };
    let mut seen = BTreeSet::new();
    let mut stack = next(start);
    while let Some(n) = stack.pop() {
        if n == start {
            return true;
        }
        if seen.insert(n) {
            stack.extend(next(n));
        }
    }
    false
}
