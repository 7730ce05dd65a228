//! Pass 5b: nullable by direction. `nullable: true` on a field that may be
//! left out says three things only a request needs: leave it out, clear it
//! (`null`), or set it — a `Patch<T>`. A response either has a value or
//! has not (absent and `null` mean the same to a reader), so in a model no
//! request sends, at any depth, a nullable optional field is an
//! `Option<T>`. Models a request sends (input twins, and models both sent
//! and read without a twin) keep `Patch<T>`.
//!
//! Runs after the input twins are added: a twinned model is then only read
//! (requests send its twin), and each twin's `From` conversion is decided
//! again against the read model's final presences.

use std::collections::BTreeSet;

use super::inputs::reachable;
use super::twin_from;
use crate::ir::{self, Presence, TypeId, TypeKind, TypeSpace};

/// Turns the `Patch` fields of the models no request sends (`sent`: the
/// types request bodies and query parameters name, twins in place) into
/// `Option`s, and refreshes the twins' conversions.
pub(super) fn settle(
    types: &mut TypeSpace,
    settings: Option<&mut ir::Settings>,
    sent: Vec<TypeId>,
) {
    let sent: BTreeSet<TypeId> = reachable(types, sent);
    let read_only: Vec<TypeId> = types
        .models()
        .filter(|(id, _, _)| !sent.contains(id))
        .map(|(id, _, _)| id)
        .collect();
    for id in read_only {
        if let TypeKind::Struct(m) = &mut types.get_mut(id).kind {
            for f in &mut m.fields {
                if f.presence == Presence::Tristate {
                    f.presence = Presence::Optional;
                }
            }
        }
    }
    // Paths into the models read by the settings follow their fields.
    for r in settings
        .map(ir::Settings::field_refs_mut)
        .unwrap_or_default()
    {
        let field = r
            .owner
            .and_then(|id| types.model(id))
            .and_then(|m| m.fields.iter().find(|f| f.rust == r.name));
        if let Some(f) = field {
            r.presence = f.presence;
        }
    }
    let twins: Vec<(TypeId, TypeId)> = types
        .models()
        .filter_map(|(id, _, m)| Some((id, m.input_of.as_ref()?.model)))
        .collect();
    for (twin, orig) in twins {
        let from_read = match (types.model(orig), types.model(twin)) {
            (Some(read), Some(sent)) => twin_from::from_read(read, &sent.fields),
            _ => None,
        };
        if let TypeKind::Struct(m) = &mut types.get_mut(twin).kind {
            if let Some(of) = &mut m.input_of {
                of.from_read = from_read;
            }
        }
    }
}
