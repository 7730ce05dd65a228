//! `enums`: open enums of string values or integer codes.

use std::collections::BTreeMap;

use super::Reporter;
use super::names::Declared;
use crate::diag::Rule;
use crate::ir::{Enum, RustIdent, TypeDef, TypeKind, Variant};
use crate::load::Item;
use crate::names::UNKNOWN_VARIANT;
use crate::raw::{RawEnum, RawEnumValue};

/// How the enum's values are written on the wire.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repr {
    String,
    Integer,
}

pub(super) fn lower(cx: &mut Reporter<'_>, d: &Declared) -> TypeDef {
    let it = &cx.spec.enums[d.item];
    let doc = cx.documented_item(it);
    if it.raw.values.0.is_empty() {
        cx.error(
            it.file,
            &format!("{}.values", it.path),
            Rule::EmptyEnum,
            format!("enum `{}` has no values", it.name),
            Some("list the documented values; unknown ones are kept automatically".into()),
        );
    }
    let repr = match it.raw.repr.as_deref() {
        None | Some("string") => Repr::String,
        Some("integer") => Repr::Integer,
        Some(other) => {
            cx.error(
                it.file,
                &format!("{}.repr", it.path),
                Rule::BadValue,
                format!("unknown enum representation `{other}`"),
                Some("use `string` or `integer`".into()),
            );
            Repr::String
        }
    };
    let mut variants: Vec<Variant<String>> = Vec::new();
    // Wire value and variant name -> the wire value that took it first.
    let mut taken = Taken::default();
    for (key, v) in &it.raw.values.0 {
        if let Some(variant) = variant(cx, it, repr, &key.0, v, &taken) {
            taken
                .rust
                .insert(variant.rust.clone(), variant.wire.clone());
            taken
                .wire
                .insert(variant.wire.clone(), variant.wire.clone());
            variants.push(variant);
        }
    }
    let kind = match repr {
        Repr::String => TypeKind::StringEnum(Enum { variants }),
        Repr::Integer => TypeKind::IntEnum(Enum {
            variants: variants
                .into_iter()
                .map(|v| Variant {
                    wire: v.wire.parse().unwrap_or_default(),
                    rust: v.rust,
                    doc: v.doc,
                    deprecated: v.deprecated,
                    hint: v.hint,
                })
                .collect(),
        }),
    };
    TypeDef {
        name: d.name.clone(),
        doc,
        deprecated: it.raw.deprecated.clone(),
        kind,
    }
}

/// The names and wire values already used, for linear duplicate checks.
#[derive(Default)]
struct Taken {
    rust: BTreeMap<RustIdent, String>,
    wire: BTreeMap<String, String>,
}

/// One value; `None` after reporting why it cannot be a variant.
fn variant(
    cx: &mut Reporter<'_>,
    it: &Item<RawEnum>,
    repr: Repr,
    wire: &str,
    v: &RawEnumValue,
    taken: &Taken,
) -> Option<Variant<String>> {
    let path = format!("{}.values.{wire}", it.path);
    if repr == Repr::Integer && wire.parse::<i64>().is_err() {
        cx.error(
            it.file,
            &path,
            Rule::BadValue,
            format!("`{wire}` is not an integer, but the enum has `repr: integer`"),
            None,
        );
        return None;
    }
    if repr == Repr::Integer && v.rust_name.is_none() {
        cx.error(
            it.file,
            &path,
            Rule::BadName,
            format!("integer value `{wire}` needs a variant name"),
            Some("set `rust_name`, e.g. `rust_name: SubscriptionExpired`".into()),
        );
        return None;
    }
    let rust = match &v.rust_name {
        Some(n) => RustIdent::parse(n),
        None => RustIdent::upper_camel(wire),
    };
    let Some(rust) = rust else {
        cx.error(
            it.file,
            &path,
            Rule::BadName,
            format!("value `{wire}` gives no usable variant name"),
            Some("set `rust_name`".into()),
        );
        return None;
    };
    if rust.as_str() == UNKNOWN_VARIANT {
        cx.error(
            it.file,
            &path,
            Rule::ReservedName,
            "`Unknown` is the variant that keeps unrecognised values",
            Some("set `rust_name` to another name".into()),
        );
    }
    if let Some(prev) = taken.rust.get(&rust).or_else(|| taken.wire.get(wire)) {
        cx.error(
            it.file,
            &path,
            Rule::DuplicateName,
            format!("value `{wire}` gives variant `{rust}`, which `{prev}` already has"),
            Some("remove the duplicate or set `rust_name`".into()),
        );
        return None;
    }
    // A value may cite its own source; the enum's citation covers it otherwise.
    let doc = cx.cited_doc(
        (it.file, &path),
        &v.doc,
        v.source.as_deref(),
        v.assumption.as_deref(),
        false,
    );
    Some(Variant {
        rust,
        wire: wire.to_owned(),
        doc,
        deprecated: v.deprecated.clone(),
        hint: v.hint.as_ref().map(|h| h.trim().to_owned()),
    })
}
