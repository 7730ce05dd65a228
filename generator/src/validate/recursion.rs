//! Recursive models: a model that contains itself, directly or through
//! others, needs a pointer somewhere in the cycle or its Rust type would be
//! infinitely large. Fields reached through a list or map are on the heap
//! already; every other reference that lies on a cycle (a plain or optional
//! field, one value of `one_or_many`, the object of `id_or_object`, a union
//! variant) is boxed (`Box<T>`). A cycle of
//! required fields only is refused: no finite value could be written.

use std::collections::BTreeMap;

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

/// The strongly connected component of each node of a graph of `n` nodes
/// (Tarjan's algorithm, iterative so deep chains need no deep stack): two
/// nodes share a component exactly when each reaches the other. Linear in
/// nodes and edges.
pub(super) fn components(n: usize, next: impl Fn(usize) -> Vec<usize>) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let (mut index, mut low, mut comp) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
    let (mut counter, mut comps) = (0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, its successors, how many of them were visited)
        let mut work: Vec<(usize, Vec<usize>, usize)> = vec![(root, next(root), 0)];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some((v, succ, i)) = work.last_mut() {
            let v = *v;
            if let Some(&w) = succ.get(*i) {
                *i += 1;
                if index[w] == UNSEEN {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, next(w), 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some((parent, _, _)) = work.last() {
                low[*parent] = low[*parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = comps;
                    if w == v {
                        break;
                    }
                }
                comps += 1;
            }
        }
    }
    comp
}

/// Boxes the fields that close a cycle; reports cycles of required fields.
pub(super) fn box_cycles(cx: &mut Reporter<'_>, defs: &mut [TypeDef], files: &[(usize, String)]) {
    let graph = edges(defs);
    let comp = components(defs.len(), |n| {
        let fields = graph.get(&n).into_iter().flatten();
        fields
            .flat_map(|(_, refs)| refs.iter().map(|r| r.0))
            .collect()
    });
    for (model, fields) in &graph {
        for (field, refs) in fields {
            // The field lies on a cycle if a model it holds leads back here.
            let cyclic = refs
                .iter()
                .any(|r| r.0 == *model || comp[r.0] == comp[*model]);
            if cyclic {
                box_field(&mut defs[*model], *field);
            }
        }
    }
    for model in required_cycles(defs) {
        let (file, path) = &files[model];
        cx.error(
            *file,
            path,
            Rule::BadType,
            format!(
                "model `{}` contains itself through required fields only: no finite value exists",
                defs[model].name
            ),
            Some("make one field of the cycle optional, or a list".into()),
        );
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

/// The models that reach themselves through required, unboxed-by-nature
/// fields only (a required `T` or `Box<T>`, never an `Option` or a list),
/// in index order.
fn required_cycles(defs: &[TypeDef]) -> Vec<usize> {
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
    let comp = components(defs.len(), next);
    let mut size = vec![0usize; defs.len()];
    for c in &comp {
        size[*c] += 1;
    }
    (0..defs.len())
        .filter(|n| size[comp[*n]] > 1 || next(*n).contains(n))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn components_are_the_mutually_reachable_sets() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3, 3 -> 3, 4 alone; and a long chain.
        let edges = [vec![1], vec![2], vec![0, 3], vec![3], vec![]];
        let comp = super::components(5, |n| edges[n].clone());
        assert!(comp[0] == comp[1] && comp[1] == comp[2]);
        assert!(comp[3] != comp[0] && comp[4] != comp[3] && comp[4] != comp[0]);
        let n = 100_000;
        let comp = super::components(n, |i| if i + 1 < n { vec![i + 1] } else { vec![0] });
        assert!(
            comp.iter().all(|c| *c == comp[0]),
            "a ring is one component"
        );
        let comp = super::components(n, |i| if i + 1 < n { vec![i + 1] } else { vec![] });
        let distinct: std::collections::BTreeSet<_> = comp.iter().collect();
        assert_eq!(distinct.len(), n, "a chain is n components");
    }
}
