//! How a value becomes its wire text in a path, query or header, as the IR
//! decided it ([`WireText`]), rendered as an expression.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::WireText;

/// An expression giving the wire text of the value `v` as something
/// `AsRef<str>`; a fallible text ends in `?`.
pub(in crate::emit) fn to_text(text: WireText, v: TokenStream) -> TokenStream {
    match text {
        WireText::Itself => quote!(#v),
        WireText::AsStr => quote!(#v.as_str()),
        WireText::Display => quote!(#v.to_string()),
        WireText::Sql => quote!(#v.to_sql()?),
        WireText::Expression => quote!(#v.to_expression()?),
        WireText::EntityName => quote!(#v.name()),
    }
}
