//! How deeply models hold other models. The Rust compiler checks a type's
//! layout, its drop glue and its auto traits (`Send`) by following its
//! fields, and gives up at its recursion limit (128): a crate whose models
//! nest deeper does not compile (E0320, "queries overflow the depth
//! limit"). Cycles are fine (rustc recognises them, and pass 2 boxes them);
//! a long chain of distinct models is not.
//!
//! Each step from a model to one it holds weighs 1 plus the wrappers around
//! the held model (`Option`, `Patch`, `Box`, a list, a map, `one_or_many`,
//! `id_or_object`); a chain heavier than [`MAX_WEIGHT`] is refused. Measured:
//! 64 models each holding the next as an `Option` compile, 66 do not; 33
//! through `Option<OneOrMany<_>>` compile, 45 do not.

use super::Reporter;
use super::recursion::components;
use crate::diag::Rule;
use crate::ir::{Presence, Ty, TypeDef, TypeKind};

/// The heaviest chain of models accepted (rustc's limit is 128 levels; a
/// margin is left for the client types around a model: `Call`, `Response`).
pub(super) const MAX_WEIGHT: usize = 100;

/// The models `ty` holds, each with the number of type constructors around
/// it (`list<map<T>>`: 2).
fn held(ty: &Ty, wrappers: usize, out: &mut Vec<(usize, usize)>) {
    if let Some(id) = ty.head() {
        out.push((id.0, wrappers));
    }
    for child in ty.children() {
        held(child.ty, wrappers + 1, out);
    }
}

/// Every step of every model: (held model, weight), in field order.
fn steps(defs: &[TypeDef]) -> Vec<Vec<(usize, usize)>> {
    defs.iter()
        .map(|d| {
            let mut out = Vec::new();
            match &d.kind {
                TypeKind::Struct(m) => {
                    for f in &m.fields {
                        let optional = usize::from(f.presence != Presence::Required);
                        held(&f.ty, 1 + optional, &mut out);
                    }
                }
                TypeKind::Union(u) => {
                    for v in &u.variants {
                        held(&v.ty, 1, &mut out);
                    }
                }
                TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::IdNewtype => {}
            }
            // Ids and enums hold nothing; a step to one weighs nothing more.
            out.retain(|(to, _)| {
                matches!(defs[*to].kind, TypeKind::Struct(_) | TypeKind::Union(_))
            });
            out
        })
        .collect()
}

/// The weight of the heaviest chain from each model, and the next model
/// on it. A cycle counts once around (rustc stops where a type repeats).
fn heaviest(defs: &[TypeDef], steps: &[Vec<(usize, usize)>]) -> Vec<(usize, Option<usize>)> {
    let n = defs.len();
    let comp = components(n, |m| steps[m].iter().map(|(to, _)| *to).collect());
    let comps = comp.iter().copied().max().map_or(0, |c| c + 1);
    // The weight of going once around each cycle.
    let mut around = vec![0usize; comps];
    for (m, out) in steps.iter().enumerate() {
        let inside = out
            .iter()
            .filter(|(to, _)| comp[*to] == comp[m])
            .map(|(_, w)| *w)
            .max();
        around[comp[m]] += inside.unwrap_or(0);
    }
    // Tarjan numbers components sinks first: a chain's rest is known
    // before the models that lead into it.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); comps];
    for (m, c) in comp.iter().enumerate() {
        members[*c].push(m);
    }
    let mut best: Vec<(usize, Option<usize>)> = vec![(0, None); n];
    for (c, ms) in members.iter().enumerate() {
        let mut out_of = (0usize, None);
        for &m in ms {
            for &(to, w) in &steps[m] {
                if comp[to] != c && w + best[to].0 > out_of.0 {
                    out_of = (w + best[to].0, Some(to));
                }
            }
        }
        for &m in ms {
            best[m] = (around[c] + out_of.0, out_of.1);
        }
    }
    best
}

/// Refuses the models at the top of chains heavier than [`MAX_WEIGHT`]
/// (one diagnostic per chain, at the model that starts it).
pub(super) fn check(cx: &mut Reporter<'_>, defs: &[TypeDef], files: &[(usize, String)]) {
    let steps = steps(defs);
    let best = heaviest(defs, &steps);
    let too_deep = |m: usize| best[m].0 > MAX_WEIGHT;
    let mut led_into = vec![false; defs.len()];
    for (m, out) in steps.iter().enumerate() {
        if too_deep(m) {
            for (to, _) in out {
                if *to != m {
                    led_into[*to] = true;
                }
            }
        }
    }
    for m in (0..defs.len()).filter(|m| too_deep(*m) && !led_into[*m]) {
        let mut chain = vec![m];
        while let (Some(next), true) = (best[*chain.last().unwrap_or(&m)].1, chain.len() < 1000) {
            chain.push(next);
        }
        let names: Vec<String> = chain.iter().map(|i| defs[*i].name.to_string()).collect();
        let shown = if names.len() > 8 {
            format!(
                "{} → … → {}",
                names[..4].join(" → "),
                names[names.len() - 2..].join(" → ")
            )
        } else {
            names.join(" → ")
        };
        let (file, path) = &files[m];
        cx.error(
            *file,
            path,
            Rule::TooLarge,
            format!(
                "model `{}` nests {} models deep ({shown}), weighing {} where at most {MAX_WEIGHT} compiles: the Rust compiler cannot check types nested this deeply",
                defs[m].name,
                chain.len(),
                best[m].0
            ),
            Some("break the chain: hold a deep part as raw JSON (`type: json`), or merge levels of the spec".into()),
        );
    }
}
