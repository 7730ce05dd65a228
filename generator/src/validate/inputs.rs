//! Pass 5: input twins. A model with `read_only` or `always_returned`
//! fields is read differently from how it is sent. Where such a model (or
//! one holding it) is both sent in a request body and read from a response,
//! it gets an input twin, `<Name>Input`: the fields a request sends (no
//! read-only ones, `always_returned` ones as the request needs them) and no
//! unknown fields, so nothing the server set is sent back; so do the open
//! models (those keeping unknown fields) it holds. Request bodies then take
//! the twin. A model that is only ever sent takes its sent form instead (it
//! needs no second shape).
//!
//! This pass runs between the two halves of pass 4: it reads the body and
//! response types of the resolved endpoints (pass 4a), and the signatures
//! assembled after it (pass 4b) take the bodies' sent forms, so no endpoint
//! argument is rewritten once made.

use std::collections::{BTreeMap, BTreeSet};

use super::Reporter;
use super::names::{NameKind, Names};
use crate::diag::Rule;
use crate::ir::{Model, TwinOf, Ty, TypeDef, TypeId, TypeKind, TypeSpace, UnknownFields};

/// The input twin of each twinned model: request bodies take
/// [`Twins::sent`] of their declared type (pass 4b).
pub(super) struct Twins(BTreeMap<TypeId, TypeId>);

impl Twins {
    /// `ty` as a request sends it: every twinned model replaced by its twin.
    pub(super) fn sent(&self, ty: &Ty) -> Ty {
        map_ty(ty, &self.0)
    }
}

/// Decides the input twins of the models both `sent` (named by request
/// bodies) and `read` (named by responses, bodies by status, envelope items
/// and error bodies, and the API's error body), adds them to `types`, and
/// gives the models only sent their sent form.
pub(super) fn decide(
    cx: &mut Reporter<'_>,
    names: &Names,
    types: &mut TypeSpace,
    sent: Vec<TypeId>,
    read: Vec<TypeId>,
) -> Twins {
    let needs = needs_input(types);
    if needs.is_empty() {
        return Twins(BTreeMap::new());
    }
    let sent = reachable(types, sent);
    let read = reachable(types, read);
    let (twinned, in_place): (Vec<TypeId>, Vec<TypeId>) = sent
        .iter()
        .filter(|id| needs.contains(id))
        .partition(|id| read.contains(id));
    let twinned: BTreeSet<TypeId> = twinned
        .into_iter()
        .filter(|id| !unsupported(cx, names, types, *id))
        .collect();
    let twinned = with_open_models_inside(types, twinned);
    let map = twin_ids(cx, names, types, twinned.into_iter());
    // A model only sent that holds a twinned one (a `CustomerPatch` with
    // an `Address`) sends the twin too, whether or not it needs one itself.
    let holds_twin = |id: &TypeId| {
        slots(types.get(*id))
            .iter()
            .any(|t| refs(t).iter().any(|r| map.contains_key(r)))
    };
    let only_sent: Vec<TypeId> = sent
        .iter()
        .filter(|id| !read.contains(id) && !in_place.contains(id) && !map.contains_key(id))
        .filter(|id| types.model(**id).is_some() && holds_twin(id))
        .copied()
        .collect();
    add_twins(types, &map);
    for id in in_place.into_iter().chain(only_sent) {
        rewrite_in_place(types, id, &map);
    }
    Twins(map)
}

/// The declared models whose fields, or the models they hold, are sent
/// otherwise than read (a fixpoint, so cycles are covered), and the open
/// models (keeping unknown fields, which a read value would send back).
/// Entity records and generic models are sent as read by design.
fn needs_input(types: &TypeSpace) -> BTreeSet<TypeId> {
    let open = |m: &Model| {
        m.unknown_fields == UnknownFields::Keep && m.entity.is_none() && m.type_params.is_empty()
    };
    let seed = types
        .models()
        .filter(|(_, _, m)| m.fields.iter().any(|f| !f.sent_as_read()) || open(m))
        .map(|(id, _, _)| id)
        .collect();
    leading_to(types, seed, |_| true)
}

/// `seed` and every type passing `enter` whose fields (or variants) hold
/// one of the set, at any depth: a fixpoint, so cycles are covered.
fn leading_to(
    types: &TypeSpace,
    mut set: BTreeSet<TypeId>,
    enter: impl Fn(TypeId) -> bool,
) -> BTreeSet<TypeId> {
    loop {
        let before = set.len();
        for (id, def) in types.sorted() {
            let holds = || {
                slots(def)
                    .iter()
                    .any(|t| refs(t).iter().any(|r| set.contains(r)))
            };
            if !set.contains(&id) && enter(id) && holds() {
                set.insert(id);
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// `twinned` and the plain models its fields hold at any depth that keep
/// unknown fields (or hold such a model): they get twins too, so a twin
/// sends no unknown field anywhere inside it. Unions, entity records and
/// generic models are not entered.
fn with_open_models_inside(types: &TypeSpace, mut twinned: BTreeSet<TypeId>) -> BTreeSet<TypeId> {
    let plain = |id: TypeId| {
        types
            .model(id)
            .filter(|m| m.entity.is_none() && m.type_params.is_empty())
    };
    let open = types
        .models()
        .filter(|(id, _, m)| m.unknown_fields == UnknownFields::Keep && plain(*id).is_some())
        .map(|(id, _, _)| id)
        .collect();
    // Models leading to an open one count as open.
    let open = leading_to(types, open, |id| plain(id).is_some());
    let mut stack: Vec<TypeId> = twinned.iter().copied().collect();
    while let Some(id) = stack.pop() {
        let Some(m) = plain(id) else { continue };
        for r in m.fields.iter().flat_map(|f| refs(&f.ty)) {
            if open.contains(&r) && twinned.insert(r) {
                stack.push(r);
            }
        }
    }
    twinned
}

/// The types a declaration holds: field types or union variants.
fn slots(def: &TypeDef) -> Vec<&Ty> {
    def.kind.slots()
}

/// Every declared type a type expression names, at any depth.
fn refs(ty: &Ty) -> Vec<TypeId> {
    ty.named()
}

/// The declared types reachable from `roots`.
pub(super) fn reachable(types: &TypeSpace, roots: Vec<TypeId>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        if seen.insert(id) {
            stack.extend(slots(types.get(id)).into_iter().flat_map(refs));
        }
    }
    seen
}

/// Reports a sent type that cannot get a twin: a union, an entity record or
/// a generic model. Returns whether it did.
fn unsupported(cx: &mut Reporter<'_>, names: &Names, types: &TypeSpace, id: TypeId) -> bool {
    let def = types.get(id);
    let why = match &def.kind {
        TypeKind::Union(_) => "a union",
        TypeKind::Struct(m) if !m.type_params.is_empty() => "a generic model",
        _ => return false,
    };
    let (file, path) = declared_at(cx, names, id);
    cx.error(
        file,
        &path,
        Rule::BadType,
        format!("`{}` is {why} sent in a request that holds `read_only` or `always_returned` fields; it cannot get an input twin", def.name),
        Some("declare the request's shape as a model of its own, or drop `read_only`/`always_returned` from the fields it holds".into()),
    );
    true
}

/// Where a declared type is, for diagnostics.
fn declared_at(cx: &Reporter<'_>, names: &Names, id: TypeId) -> (usize, String) {
    let d = &names.in_order[id.0];
    match d.kind {
        NameKind::Id => (cx.spec.ids[d.item].file, cx.spec.ids[d.item].path.clone()),
        NameKind::Enum => (
            cx.spec.enums[d.item].file,
            cx.spec.enums[d.item].path.clone(),
        ),
        NameKind::Model => (
            cx.spec.models[d.item].file,
            cx.spec.models[d.item].path.clone(),
        ),
    }
}

/// The id each twin will get (in the order they are added), for the
/// models whose twin name is free; a taken name is reported.
fn twin_ids(
    cx: &mut Reporter<'_>,
    names: &Names,
    types: &TypeSpace,
    models: impl Iterator<Item = TypeId>,
) -> BTreeMap<TypeId, TypeId> {
    let mut map = BTreeMap::new();
    let mut next = types.next_id().0;
    for orig in models {
        let name = crate::names::input_twin(&types.get(orig).name);
        if types.has_name(name.as_str()) {
            let (file, path) = declared_at(cx, names, orig);
            cx.error(
                file,
                &path,
                Rule::DuplicateName,
                format!(
                    "`{name}`, the input twin of `{}`, is the name of a declared type",
                    types.get(orig).name
                ),
                Some(format!("rename the declared `{name}`")),
            );
            continue;
        }
        map.insert(orig, TypeId(next));
        next += 1;
    }
    map
}

/// Adds each twin, complete, at the id [`twin_ids`] gave it.
fn add_twins(types: &mut TypeSpace, map: &BTreeMap<TypeId, TypeId>) {
    let mut by_id: Vec<(TypeId, TypeId)> = map.iter().map(|(o, t)| (*t, *o)).collect();
    by_id.sort();
    for (twin, orig) in by_id {
        let model = input_model(types, orig, map);
        let def = types.get(orig);
        let def = TypeDef {
            name: crate::names::input_twin(&def.name),
            // The twin's own sentence is the emitter's (it knows `input_of`).
            doc: def.doc.clone(),
            deprecated: def.deprecated.clone(),
            kind: TypeKind::Struct(model),
        };
        let added = types.push(def);
        debug_assert_eq!(added, Some(twin), "twins are added in id order");
    }
}

/// The fields of `orig` as sent: read-only ones left out, each with its
/// sent presence, types pointing at twins.
fn input_model(types: &TypeSpace, orig: TypeId, map: &BTreeMap<TypeId, TypeId>) -> Model {
    let Some(m) = types.model(orig) else {
        unreachable!("only models get input twins")
    };
    let fields: Vec<crate::ir::Field> = m
        .fields
        .iter()
        .filter_map(|f| {
            let sent = f.sent?;
            let mut f = f.clone();
            f.presence = sent;
            f.ty = map_ty(f.sent_ty.as_ref().unwrap_or(&f.ty), map);
            f.sent_ty = None;
            Some(f)
        })
        .collect();
    let from_read = super::twin_from::from_read(m, &fields);
    // An entity record's twin keeps the record's unknown fields (an org's
    // custom fields, the caller's data; `From` the read record carries
    // them over). Other twins send declared fields only.
    let unknown_fields = match m.entity {
        Some(_) => m.unknown_fields,
        None => UnknownFields::Ignore,
    };
    Model {
        unknown_fields,
        fields,
        type_params: m.type_params.clone(),
        entity: None,
        input_of: Some(TwinOf {
            model: orig,
            from_read,
        }),
    }
}

/// A type that is only sent becomes its input shape itself: a model keeps
/// only the fields it sends (and its unknown fields, which are the
/// caller's), a union points at the twins.
fn rewrite_in_place(types: &mut TypeSpace, id: TypeId, map: &BTreeMap<TypeId, TypeId>) {
    let model = types
        .model(id)
        .is_some()
        .then(|| input_model(types, id, map));
    match &mut types.get_mut(id).kind {
        TypeKind::Struct(m) => {
            if let Some(model) = model {
                *m = Model {
                    input_of: None,
                    unknown_fields: m.unknown_fields,
                    entity: m.entity.clone(),
                    ..model
                };
            }
        }
        TypeKind::Union(u) => {
            for v in &mut u.variants {
                v.ty = map_ty(&v.ty, map);
            }
        }
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::IdNewtype => {}
    }
}

/// `ty` with every twinned model replaced by its twin.
fn map_ty(ty: &Ty, map: &BTreeMap<TypeId, TypeId>) -> Ty {
    let twin = |id: &TypeId| *map.get(id).unwrap_or(id);
    match ty {
        Ty::Named(id) => Ty::Named(twin(id)),
        Ty::Generic(id, arg) => Ty::Generic(twin(id), Box::new(map_ty(arg, map))),
        other => other.map_children(&mut |t| map_ty(t, map)),
    }
}
