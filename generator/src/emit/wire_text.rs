//! How a value becomes its wire text in a path, query or header: the
//! scalar table's `text` column (or the kind of a named type) rendered as an
//! expression.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Ty, TypeKind, TypeSpace};
use crate::scalars::Text;

/// An expression giving the wire text of a scalar value `v` as something `AsRef<str>`.
pub(in crate::emit) fn to_text(t: &Ty, types: &TypeSpace, v: TokenStream) -> TokenStream {
    if *t == Ty::Entity {
        return quote!(#v.name());
    }
    match text_of(t, types) {
        Text::Itself => quote!(#v),
        Text::AsStr => quote!(#v.as_str()),
        Text::Display => quote!(#v.to_string()),
        Text::Sql => quote!(#v.to_sql()?),
        Text::Expression => quote!(#v.to_expression()?),
    }
}

/// Whether the text of a `t` is the value itself (a string), which a
/// place then has to lend.
pub(in crate::emit) fn is_text_itself(t: &Ty, types: &TypeSpace) -> bool {
    matches!(text_of(t, types), Text::Itself)
}

/// Whether making the text of a `t` can fail (a builder checks it), so it
/// is made with `?` where the method can return the error.
pub(in crate::emit) fn is_text_fallible(t: &Ty, types: &TypeSpace) -> bool {
    text_of(t, types).is_fallible()
}

fn text_of(t: &Ty, types: &TypeSpace) -> Text {
    match t {
        Ty::Scalar(s) => s.row().text,
        Ty::Named(id) => match types.get(*id).kind {
            TypeKind::IdNewtype | TypeKind::StringEnum(_) => Text::AsStr,
            _ => Text::Display,
        },
        _ => Text::Display,
    }
}
