//! `From<Model> for ModelInput`: an input twin made from a value read, for
//! read-modify-write, as the IR decided each field ([`FieldFrom`]): read-only
//! fields are dropped, `always_returned` ones become optional again, nested
//! models turn into their twins.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Conversion, FieldFrom, Model, TypeDef, TypeSpace};

/// The conversion from the read model into its twin `def`, if the IR has
/// one for every field.
pub(super) fn from_read(types: &TypeSpace, def: &TypeDef, twin: &Model) -> Option<TokenStream> {
    let of = twin.input_of.as_ref()?;
    let fields = of.from_read.as_ref()?;
    let (name, orig_name) = (&def.name, types.name(of.model));
    let inits = twin.fields.iter().zip(fields).map(|(sent, from)| {
        let n = &sent.rust;
        let value = field(from, quote!(value.#n));
        quote!(#n: #value,)
    });
    let doc = format!(
        " The fields of a [`{orig_name}`] a request sends back (read-only and unknown fields are dropped)."
    );
    // An entity record's twin carries the record's own unknown fields (an
    // org's custom fields) back: they are the caller's data, not the
    // server's bookkeeping.
    let extra = (twin.unknown_fields == crate::ir::UnknownFields::Keep)
        .then(|| quote!(extra: value.extra,));
    Some(quote! {
        impl From<#orig_name> for #name {
            #[doc = #doc]
            #[inline]
            fn from(value: #orig_name) -> Self {
                Self { #(#inits)* #extra }
            }
        }
    })
}

/// The sent value of a field from its read value `e`.
fn field(from: &FieldFrom, e: TokenStream) -> TokenStream {
    match from {
        FieldFrom::Moved => e,
        FieldFrom::Converted(c) => convert(c, e),
        FieldFrom::Wrapped(c) => {
            let v = convert(c, e);
            quote!(Some(#v))
        }
        FieldFrom::NullToPatch(c) => {
            let v = convert(c, quote!(v));
            quote!(match #e { Some(v) => rt::Patch::Value(#v), None => rt::Patch::Null })
        }
        FieldFrom::OptionToPatch(c) => {
            let v = convert(c, quote!(v));
            quote!(match #e { Some(v) => rt::Patch::Value(#v), None => rt::Patch::Absent })
        }
        FieldFrom::InPatch(c) => {
            let v = convert(c, quote!(v));
            quote!(match #e {
                rt::Patch::Value(v) => rt::Patch::Value(#v),
                rt::Patch::Null => rt::Patch::Null,
                rt::Patch::Absent => rt::Patch::Absent,
            })
        }
        FieldFrom::InOption(c) => {
            let v = convert(c, quote!(v));
            quote!(#e.map(|v| #v))
        }
    }
}

/// `e` converted as `c` says.
fn convert(c: &Conversion, e: TokenStream) -> TokenStream {
    match c {
        Conversion::Same => e,
        Conversion::Into => quote!(#e.into()),
        Conversion::EachItem(c) => {
            let v = convert(c, quote!(v));
            quote!(#e.into_iter().map(|v| #v).collect())
        }
        Conversion::EachValue(c) => {
            let v = convert(c, quote!(v));
            quote!(#e.into_iter().map(|(k, v)| (k, #v)).collect())
        }
        Conversion::Boxed(c) => {
            let v = convert(c, quote!((*#e)));
            quote!(Box::new(#v))
        }
    }
}
