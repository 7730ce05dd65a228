//! Ids, enums, models and unions, matched by their Rust names.

use std::collections::BTreeSet;

use super::{Changes, Kind};
use crate::emit::type_text;
use crate::ir::{
    Api, Enum, Model, Presence, Ty, TypeDef, TypeKind, TypeSpace, Union, UnknownFields,
};

pub fn compare(cx: &mut Changes, old: &Api, new: &Api) {
    let sent = sent_types(new);
    for (_, o) in old.types.sorted() {
        let name = o.name.to_string();
        match new.types.sorted().find(|(_, n)| n.name == o.name) {
            None => cx.push(
                Kind::Breaking,
                kind_path(o, &name),
                format!("`{name}` is removed"),
            ),
            Some((_, n)) => {
                compare_type(cx, (o, &old.types), (n, &new.types), sent.contains(&name))
            }
        }
    }
    for (_, n) in new
        .types
        .sorted()
        .filter(|(_, n)| !old.types.sorted().any(|(_, o)| o.name == n.name))
    {
        let name = n.name.to_string();
        cx.push(
            Kind::Additive,
            kind_path(n, &name),
            format!("`{name}` is new"),
        );
    }
}

/// The spec section a type is declared in, with its name.
fn kind_path(t: &TypeDef, name: &str) -> String {
    let section = match t.kind {
        TypeKind::IdNewtype => "ids",
        TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => "enums",
        TypeKind::Struct(_) | TypeKind::Union(_) => "models",
    };
    format!("{section}.{name}")
}

/// The names of the types a request sends (bodies, records, and what
/// their fields hold): callers build these, so a new required field breaks them.
fn sent_types(api: &Api) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo: Vec<&Ty> = Vec::new();
    for e in api.resources.iter().flat_map(|r| &r.endpoints) {
        for a in &e.args {
            if let crate::ir::ArgRole::Body(t)
            | crate::ir::ArgRole::Records(t)
            | crate::ir::ArgRole::BodyList(t) = &a.role
            {
                todo.push(t);
            }
        }
    }
    while let Some(t) = todo.pop() {
        for id in t.named() {
            let def = api.types.get(id);
            if out.insert(def.name.to_string()) {
                match &def.kind {
                    TypeKind::Struct(m) => {
                        todo.extend(m.fields.iter().map(|f| f.sent_ty.as_ref().unwrap_or(&f.ty)))
                    }
                    TypeKind::Union(u) => todo.extend(u.variants.iter().map(|v| &v.ty)),
                    _ => {}
                }
            }
        }
    }
    out
}

fn compare_type(
    cx: &mut Changes,
    (o, ot): (&TypeDef, &TypeSpace),
    (n, nt): (&TypeDef, &TypeSpace),
    sent: bool,
) {
    let name = o.name.to_string();
    let path = kind_path(n, &name);
    if o.doc.text != n.doc.text {
        cx.push(Kind::Docs, &path, "its doc changed");
    }
    if o.deprecated != n.deprecated {
        cx.push(
            Kind::Docs,
            &path,
            if n.deprecated.is_some() {
                "now deprecated"
            } else {
                "no longer deprecated"
            },
        );
    }
    match (&o.kind, &n.kind) {
        (TypeKind::IdNewtype, TypeKind::IdNewtype) => {}
        (TypeKind::StringEnum(a), TypeKind::StringEnum(b)) => {
            enum_values(cx, &path, a, b, |w| w.clone())
        }
        (TypeKind::IntEnum(a), TypeKind::IntEnum(b)) => {
            enum_values(cx, &path, a, b, |w| w.to_string())
        }
        (TypeKind::Struct(a), TypeKind::Struct(b)) => model(cx, &path, (a, ot), (b, nt), sent),
        (TypeKind::Union(a), TypeKind::Union(b)) => union(cx, &path, (a, ot), (b, nt)),
        _ => cx.push(
            Kind::Breaking,
            &path,
            format!("`{name}` is another kind of type now"),
        ),
    }
}

fn enum_values<W: PartialEq>(
    cx: &mut Changes,
    path: &str,
    old: &Enum<W>,
    new: &Enum<W>,
    text: fn(&W) -> String,
) {
    for o in &old.variants {
        let at = format!("{path}.values.{}", text(&o.wire));
        match new.variants.iter().find(|n| n.rust == o.rust) {
            None => cx.push(
                Kind::Breaking,
                at,
                format!("value `{}` (`{}`) is removed", text(&o.wire), o.rust),
            ),
            Some(n) if n.wire != o.wire => cx.push(
                Kind::Wire,
                at,
                format!(
                    "`{}` is sent as `{}` (was `{}`)",
                    o.rust,
                    text(&n.wire),
                    text(&o.wire)
                ),
            ),
            Some(n) if n.doc.text != o.doc.text => cx.push(Kind::Docs, at, "its doc changed"),
            Some(_) => {}
        }
    }
    for n in new
        .variants
        .iter()
        .filter(|n| !old.variants.iter().any(|o| o.rust == n.rust))
    {
        cx.push(
            Kind::Additive,
            format!("{path}.values.{}", text(&n.wire)),
            format!(
                "value `{}` (`{}`) is new; the enum is open and `#[non_exhaustive]`",
                text(&n.wire),
                n.rust
            ),
        );
    }
}

/// The Rust type of a field, as callers see it.
fn field_type(f: &crate::ir::Field, types: &TypeSpace) -> String {
    let inner = type_text(&f.ty, types);
    match f.presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional => format!("Option<{inner}>"),
        Presence::Tristate => format!("Patch<{inner}>"),
    }
}

fn model(
    cx: &mut Changes,
    path: &str,
    (o, ot): (&Model, &TypeSpace),
    (n, nt): (&Model, &TypeSpace),
    sent: bool,
) {
    for f in &o.fields {
        let at = format!("{path}.fields.{}", f.wire);
        let Some(g) = n.fields.iter().find(|g| g.rust == f.rust) else {
            cx.push(Kind::Breaking, at, format!("field `{}` is removed", f.rust));
            continue;
        };
        let (was, now) = (field_type(f, ot), field_type(g, nt));
        if was != now {
            let what = match (f.presence.is_required(), g.presence.is_required()) {
                (false, true) if sent => format!(
                    "field `{}` is required now (`{was}` -> `{now}`): requests must give it",
                    f.rust
                ),
                _ => format!("field `{}` is `{now}` (was `{was}`)", f.rust),
            };
            cx.push(Kind::Breaking, &at, what);
        }
        if f.wire != g.wire || f.encoding != g.encoding || f.aliases != g.aliases {
            cx.push(
                Kind::Wire,
                &at,
                format!(
                    "field `{}` is written as `{}` (was `{}`) or its encoding changed",
                    f.rust, g.wire, f.wire
                ),
            );
        }
        if f.doc.text != g.doc.text {
            cx.push(Kind::Docs, &at, "its doc changed");
        }
    }
    for g in n
        .fields
        .iter()
        .filter(|g| !o.fields.iter().any(|f| f.rust == g.rust))
    {
        let at = format!("{path}.fields.{}", g.wire);
        if g.presence.is_required() && sent {
            cx.push(
                Kind::Breaking,
                at,
                format!(
                    "field `{}` is new and required: code that builds the model must give it",
                    g.rust
                ),
            );
        } else {
            cx.push(Kind::Additive, at, format!("field `{}` is new (`new(..)`, `Default` and assignments are unaffected; a struct literal that lists every field must add it)", g.rust));
        }
    }
    match (o.unknown_fields, n.unknown_fields) {
        (UnknownFields::Keep, UnknownFields::Keep)
        | (UnknownFields::Ignore, UnknownFields::Ignore) => {}
        (UnknownFields::Keep, _) => cx.push(
            Kind::Breaking,
            path,
            "no longer keeps unknown members (its `extra` field is gone)",
        ),
        (_, UnknownFields::Keep) => cx.push(
            Kind::Additive,
            path,
            "keeps unknown members now (a new `extra` field)",
        ),
    }
}

fn union(
    cx: &mut Changes,
    path: &str,
    (o, ot): (&Union, &TypeSpace),
    (n, nt): (&Union, &TypeSpace),
) {
    for v in &o.variants {
        let at = format!("{path}.variants.{}", v.name);
        match n.variants.iter().find(|w| w.name == v.name) {
            None => cx.push(
                Kind::Breaking,
                at,
                format!("variant `{}` is removed", v.name),
            ),
            Some(w) if type_text(&w.ty, nt) != type_text(&v.ty, ot) => cx.push(
                Kind::Breaking,
                at,
                format!(
                    "variant `{}` holds `{}` (was `{}`)",
                    v.name,
                    type_text(&w.ty, nt),
                    type_text(&v.ty, ot)
                ),
            ),
            Some(w) if w.tag != v.tag => cx.push(
                Kind::Wire,
                at,
                format!(
                    "variant `{}` is tagged `{}` (was `{}`)",
                    v.name,
                    w.tag.as_deref().unwrap_or("-"),
                    v.tag.as_deref().unwrap_or("-")
                ),
            ),
            Some(_) => {}
        }
    }
    for w in n
        .variants
        .iter()
        .filter(|w| !o.variants.iter().any(|v| v.name == w.name))
    {
        cx.push(
            Kind::Breaking,
            format!("{path}.variants.{}", w.name),
            format!(
                "variant `{}` is new: an exhaustive `match` on the union no longer compiles",
                w.name
            ),
        );
    }
    if std::mem::discriminant(&o.kind) != std::mem::discriminant(&n.kind) {
        cx.push(
            Kind::Wire,
            path,
            "tagged / untagged changed: the JSON is read differently",
        );
    }
}
