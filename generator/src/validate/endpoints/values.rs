//! How an endpoint method takes each value it sends as text, and how the
//! value becomes that text: decided once here (from the scalar table's
//! `pass` and `text` columns and the kind of a named type), so the
//! signature, the request, the query struct and the example read it.

use crate::ir::{Passing, Ty, TypeKind, TypeSpace, WireText};
use crate::scalars::{Pass, Text};

/// How a method takes a value of `ty`. An optional header lends an id
/// (`Option<&Id>`: `None` needs no type) instead of taking `impl Into<Id>`.
pub(super) fn passing(ty: &Ty, types: &TypeSpace, optional_header: bool) -> Passing {
    match ty {
        Ty::Entity => Passing::Entity,
        Ty::Named(id) if matches!(types.get(*id).kind, TypeKind::IdNewtype) => {
            if optional_header {
                Passing::Ref
            } else {
                Passing::IntoId
            }
        }
        Ty::Scalar(s) => match s.row().pass {
            Pass::Str => Passing::Str,
            Pass::Value => Passing::Value,
            Pass::Ref => Passing::Ref,
        },
        Ty::Named(_)
        | Ty::Interval(_)
        | Ty::OneOrMany(_)
        | Ty::List(_)
        | Ty::Map(_)
        | Ty::Generic(..)
        | Ty::TypeParam(_)
        | Ty::Record
        | Ty::Boxed(_)
        | Ty::IdOrObject(..) => Passing::Ref,
    }
}

/// How a value of `ty` (a list's items, for a list) becomes wire text.
pub(super) fn wire_text(ty: &Ty, types: &TypeSpace) -> WireText {
    match ty {
        Ty::Entity => WireText::EntityName,
        Ty::Scalar(s) => match s.row().text {
            Text::Itself => WireText::Itself,
            Text::AsStr => WireText::AsStr,
            Text::Display => WireText::Display,
            Text::Sql => WireText::Sql,
            Text::Expression => WireText::Expression,
        },
        Ty::Named(id) => match types.get(*id).kind {
            TypeKind::IdNewtype | TypeKind::StringEnum(_) => WireText::AsStr,
            TypeKind::IntEnum(_) | TypeKind::Struct(_) | TypeKind::Union(_) => WireText::Display,
        },
        Ty::List(item) => wire_text(item, types),
        Ty::Interval(_)
        | Ty::OneOrMany(_)
        | Ty::Map(_)
        | Ty::Generic(..)
        | Ty::TypeParam(_)
        | Ty::Record
        | Ty::Boxed(_)
        | Ty::IdOrObject(..) => WireText::Display,
    }
}
