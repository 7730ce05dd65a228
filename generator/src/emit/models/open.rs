//! `Deserialize` of an open model (unknown members kept in `extra`): one
//! pass over the object's members through `rt::plumbing::open_object` (unknown ones
//! kept as their JSON text in `rt::Extra`), instead of
//! serde's `#[serde(flatten)]`, which buffers every member and decodes it
//! twice. `Serialize` stays derived (flattening on the way out costs
//! nothing extra).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::rust::TypePaths;
use crate::ir::{Field, Model, Presence, TypeDef};

/// The `Deserialize` and `rt::plumbing::open_object::OpenObject` impls of an open model.
pub fn deserialize_impls(def: &TypeDef, m: &Model, paths: &TypePaths<'_>) -> TokenStream {
    let name = &def.name;
    let wire_name = def.name.to_string();
    let tps = &m.type_params;
    let (impl_generics, ty_generics) = if tps.is_empty() {
        (quote!(<'de>), quote!())
    } else {
        (
            quote!(<'de, #(#tps: serde::Deserialize<'de>),*>),
            quote!(<#(#tps),*>),
        )
    };
    let slots = m.fields.iter().enumerate().map(|(i, _)| {
        let slot = slot(i);
        quote!(let mut #slot = None;)
    });
    let arms = m.fields.iter().enumerate().map(|(i, f)| arm(i, f, paths));
    let inits = m.fields.iter().enumerate().map(|(i, f)| init(i, f));
    quote! {
        impl #impl_generics serde::Deserialize<'de> for #name #ty_generics {
            #[inline]
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                rt::plumbing::open_object::deserialize(d)
            }
        }

        impl #impl_generics rt::plumbing::open_object::OpenObject<'de> for #name #ty_generics {
            const NAME: &'static str = #wire_name;
            fn visit_members<A: serde::de::MapAccess<'de>>(mut map: A) -> std::result::Result<Self, A::Error> {
                #(#slots)*
                let mut received = rt::plumbing::open_object::Received::new();
                while let Some(key) = map.next_key::<rt::plumbing::open_object::Key<'de>>()? {
                    match key.as_str() {
                        #(#arms)*
                        _ => received.push((key.into_string(), map.next_value()?)),
                    }
                }
                Ok(Self { #(#inits)* extra: rt::plumbing::open_object::extra(received) })
            }
        }
    }
}

fn slot(i: usize) -> proc_macro2::Ident {
    format_ident!("f{}", i)
}

/// `"wire" | "alias" => put(&mut slot, "wire", value)?,` with the value
/// read as the field's form (through its encoding, if it has one).
fn arm(i: usize, f: &Field, paths: &TypePaths<'_>) -> TokenStream {
    let slot = slot(i);
    let wire = &f.wire;
    let aliases = &f.aliases;
    let value = match f.encoding {
        None => quote!(map.next_value()?),
        Some(e) => {
            let enc = format_ident!("{}", e.runtime_marker());
            let inner = paths.ty(&f.ty);
            let seed = match f.presence {
                Presence::Required => quote!(Seed),
                Presence::RequiredNullable | Presence::Optional => quote!(SeedOption),
                Presence::Tristate => quote!(SeedPatch),
            };
            quote!(map.next_value_seed(rt::plumbing::encoded::#seed::<rt::plumbing::encoded::#enc, #inner>::NEW)?)
        }
    };
    quote! {
        #wire #(| #aliases)* => rt::plumbing::open_object::put(&mut #slot, #wire, #value)?,
    }
}

/// The field's value from its slot: a missing required member is an
/// error, a missing optional one `None` (or `Patch::Absent`).
fn init(i: usize, f: &Field) -> TokenStream {
    let slot = slot(i);
    let name = &f.rust;
    let wire = &f.wire;
    let value = match f.presence {
        Presence::Required => quote!(rt::plumbing::open_object::required(#slot, #wire)?),
        Presence::RequiredNullable | Presence::Optional => {
            quote!(rt::plumbing::open_object::optional(#slot))
        }
        Presence::Tristate => quote!(rt::plumbing::open_object::tristate(#slot)),
    };
    quote!(#name: #value,)
}
