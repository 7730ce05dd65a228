//! Id newtypes: a `String` with a type of its own.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs;
use crate::ir::TypeDef;

pub(super) fn id_type(def: &TypeDef) -> TokenStream {
    let name = &def.name;
    let doc = docs::outer(&docs::text(&def.doc));
    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct #name(pub String);

        impl #name {
            /// Wraps an id value.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The id as a string.
            #[inline]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for #name {
            #[inline]
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for #name {
            #[inline]
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<&str> for #name {
            #[inline]
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<&#name> for #name {
            #[inline]
            fn from(value: &#name) -> Self {
                value.clone()
            }
        }
    }
}
