//! Ids: `pub type <Name> = rt::Id<id_kinds::<Name>>`, a string with a type
//! of its own. The impls are the runtime's, written once for every id (not
//! per id: they were a tenth of the generated crate's check time); each id
//! declares only its kind, an empty enum in the hidden `id_kinds` module.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs;
use crate::ir::TypeDef;

pub(super) fn id_type(def: &TypeDef) -> TokenStream {
    let name = &def.name;
    let doc = docs::outer(&docs::text(&def.doc));
    let deprecated = docs::deprecated(def.deprecated.as_ref());
    quote! {
        #doc
        #deprecated
        pub type #name = rt::Id<id_kinds::#name>;
    }
}

/// The module of the ids' kinds (one empty enum per id).
pub(super) fn kinds<'a>(names: impl Iterator<Item = &'a TypeDef>) -> TokenStream {
    let kinds = names.map(|d| {
        let name = &d.name;
        quote!(pub enum #name {})
    });
    quote! {
        /// The kinds of the ids: marker types that keep ids of different
        /// objects apart.
        #[doc(hidden)]
        pub mod id_kinds {
            #(#kinds)*
        }
    }
}
