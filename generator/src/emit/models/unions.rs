//! Unions: an enum with a variant per alternative. A tagged union reads the
//! tag field and decodes that variant's model (an unknown tag is kept as
//! `Unknown(raw JSON)`); an untagged one takes the first variant the JSON
//! decodes as (validation refused ambiguous ones). Both decode from the exact
//! JSON text (`rt::RawJson`), so amounts stay exact, and write the variant
//! as it is.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs;
use super::super::rust::TypePaths;
use crate::ir::{TypeDef, Union, UnionKind};
use crate::names::UNKNOWN_VARIANT;

pub(super) fn union(def: &TypeDef, u: &Union, paths: &TypePaths<'_>) -> TokenStream {
    let name = &def.name;
    let doc = docs::outer(&docs::text(&def.doc));
    let deprecated = docs::deprecated(def.deprecated.as_ref());
    let unknown = quote::format_ident!("{}", UNKNOWN_VARIANT);
    let variants = u.variants.iter().map(|v| {
        let (n, t) = (&v.name, paths.ty(&v.ty));
        let text = match (&u.kind, &v.tag) {
            (UnionKind::Tagged { field }, Some(tag)) => format!("`{field}` is `\"{tag}\"`."),
            _ => format!(
                "The value decodes as `{}`.",
                super::super::shape_text::type_text(&v.ty, paths.types)
            ),
        };
        let vdoc = docs::outer(&text);
        quote! { #vdoc #n(#t), }
    });
    let tagged = matches!(u.kind, UnionKind::Tagged { .. });
    let unknown_variant = tagged.then(|| {
        quote! {
            /// A variant this client does not know (a newer API), kept as the server sent it.
            #unknown(rt::RawJson),
        }
    });
    let ser_arms = u.variants.iter().map(|v| {
        let n = &v.name;
        quote!(Self::#n(v) => v.serialize(serializer),)
    });
    let ser_unknown = tagged.then(|| quote!(Self::#unknown(v) => v.serialize(serializer),));
    let decode = match &u.kind {
        UnionKind::Tagged { field } => tagged_decode(field, u),
        UnionKind::Untagged => untagged_decode(u, paths),
    };
    quote! {
        #doc
        #deprecated
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
            #unknown_variant
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                match self {
                    #(#ser_arms)*
                    #ser_unknown
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                let raw = <rt::RawJson as serde::Deserialize>::deserialize(deserializer)?;
                #decode
            }
        }
    }
}

fn tagged_decode(field: &str, u: &Union) -> TokenStream {
    let unknown = quote::format_ident!("{}", UNKNOWN_VARIANT);
    let arms = u.variants.iter().map(|v| {
        let (n, tag) = (&v.name, v.tag.as_deref().unwrap_or_default());
        quote!(Some(#tag) => raw.parse().map(Self::#n),)
    });
    quote! {
        match raw.tag(#field).as_deref() {
            #(#arms)*
            _ => Ok(Self::#unknown(raw)),
        }
    }
}

fn untagged_decode(u: &Union, paths: &TypePaths<'_>) -> TokenStream {
    let tries = u.variants.iter().map(|v| {
        let n = &v.name;
        quote! {
            if let Some(v) = raw.reads_as::<_, D::Error>()? {
                return Ok(Self::#n(v));
            }
        }
    });
    let expected: Vec<String> = u
        .variants
        .iter()
        .map(|v| {
            format!(
                "{} (`{}`)",
                v.name,
                super::super::shape_text::type_text(&v.ty, paths.types)
            )
        })
        .collect();
    let msg = format!(
        "the value matches none of the variants: {}",
        expected.join(", ")
    );
    quote! {
        #(#tries)*
        Err(serde::de::Error::custom(#msg))
    }
}
