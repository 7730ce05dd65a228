//! `From<Model> for ModelInput`: an input twin made from a value read, for
//! read-modify-write. Read-only fields are dropped, `always_returned` ones
//! become optional again, nested models turn into their twins.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Field, Model, Presence, Ty, TypeDef, TypeSpace};

/// The conversion from the read model into its twin `def`, or nothing if a
/// field holds a twin where no conversion is written (inside `one_or_many`,
/// `id_or_object`, an interval or a generic model).
pub(super) fn from_read(types: &TypeSpace, def: &TypeDef, twin: &Model) -> Option<TokenStream> {
    let orig_id = twin.input_of?;
    let orig = types.model(orig_id)?;
    let (name, orig_name) = (&def.name, types.name(orig_id));
    let inits = twin
        .fields
        .iter()
        .map(|sent| {
            let read = orig.fields.iter().find(|f| f.rust == sent.rust)?;
            let n = &sent.rust;
            let value = presence(read, sent, quote!(value.#n))?;
            Some(quote!(#n: #value,))
        })
        .collect::<Option<Vec<_>>>()?;
    let doc = format!(
        " The fields of a [`{orig_name}`] a request sends back (read-only and unknown fields are dropped)."
    );
    Some(quote! {
        impl From<#orig_name> for #name {
            #[doc = #doc]
            fn from(value: #orig_name) -> Self {
                Self { #(#inits)* }
            }
        }
    })
}

/// The sent value of a field from its read value `e`.
fn presence(read: &Field, sent: &Field, e: TokenStream) -> Option<TokenStream> {
    let same = read.ty == sent.ty;
    let conv = |v: TokenStream| convert(&read.ty, &sent.ty, v);
    Some(match (read.presence, sent.presence) {
        (a, b) if a == b && same => e,
        (Presence::Required, Presence::Required) => conv(e)?,
        (Presence::Required, Presence::Optional) => {
            let v = conv(e)?;
            quote!(Some(#v))
        }
        (Presence::RequiredNullable, Presence::Tristate) => {
            let v = conv(quote!(v))?;
            quote!(match #e { Some(v) => rt::Patch::Value(#v), None => rt::Patch::Null })
        }
        (a, b) if a == b => {
            let v = conv(quote!(v))?;
            match a {
                Presence::Tristate => quote!(match #e {
                    rt::Patch::Value(v) => rt::Patch::Value(#v),
                    rt::Patch::Null => rt::Patch::Null,
                    rt::Patch::Absent => rt::Patch::Absent,
                }),
                _ => quote!(#e.map(|v| #v)),
            }
        }
        _ => return None,
    })
}

/// `e` of type `read` as a `sent` (the same type with twins inside).
fn convert(read: &Ty, sent: &Ty, e: TokenStream) -> Option<TokenStream> {
    if read == sent {
        return Some(e);
    }
    Some(match (read, sent) {
        (Ty::Named(_), Ty::Named(_)) => quote!(#e.into()),
        (Ty::List(r), Ty::List(s)) => {
            let v = convert(r, s, quote!(v))?;
            quote!(#e.into_iter().map(|v| #v).collect())
        }
        (Ty::Map(r), Ty::Map(s)) => {
            let v = convert(r, s, quote!(v))?;
            quote!(#e.into_iter().map(|(k, v)| (k, #v)).collect())
        }
        (Ty::Boxed(r), Ty::Boxed(s)) => {
            let v = convert(r, s, quote!((*#e)))?;
            quote!(Box::new(#v))
        }
        _ => return None,
    })
}
