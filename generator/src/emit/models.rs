//! `models.rs` of an API: id newtypes, open enums and model structs.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::rust::{ident, ty};
use crate::ir::{
    Api, Encoding, Enum, ErrorDetails, IdType, Model, PageField, PageImpl, PageNext, Presence,
};

/// The tokens of the `models` module.
pub fn file(api: &Api, rt: &syn::Path) -> TokenStream {
    let ids = api.ids.iter().map(id_type);
    let enums = api.enums.iter().map(enum_type);
    let models = api.models.iter().map(|m| model(m, rt));
    let details = api
        .error_body
        .as_ref()
        .map(|body| error_details(body, &api.error_details, rt));
    let doc = docs::inner(&format!(
        "Types of the {} API: ids, enums and request/response bodies.",
        api.title
    ));
    quote! {
        #doc
        // Uses of deprecated spec items inside generated code are intended;
        // callers still get the warning.
        #![allow(deprecated)]
        #[allow(unused_imports)]
        use #rt as rt;
        #(#ids)*
        #(#enums)*
        #(#models)*
        #details
    }
}

/// `rt::ErrorDetails` for the error body, from the fields the spec names.
fn error_details(body: &str, d: &ErrorDetails, rt: &syn::Path) -> TokenStream {
    let name = ident(body);
    // With `item`, the fields are read from the first item of that list.
    let (base, first) = match &d.item {
        Some(list) => {
            let list = ident(list);
            (quote!(item), quote!(let item = self.#list.first()?;))
        }
        None => (quote!(self), quote!()),
    };
    let code = d.code.as_ref().map(|(field, optional, _)| {
        let f = ident(field);
        let value = if *optional {
            quote!(#base.#f.as_ref().map(|c| c.to_string()))
        } else {
            quote!(Some(#base.#f.to_string()))
        };
        let hint = d.code_hints.then(|| {
            let hint = if *optional {
                quote!(#base.#f.as_ref().and_then(|c| c.hint()))
            } else {
                quote!(#base.#f.hint())
            };
            quote! {
                fn hint(&self) -> Option<&'static str> {
                    #first
                    #hint
                }
            }
        });
        quote! {
            fn code(&self) -> Option<String> {
                #first
                #value
            }
            #hint
        }
    });
    let message = (!d.messages.is_empty()).then(|| {
        let parts = d.messages.iter().map(|(field, optional)| {
            let f = ident(field);
            if *optional {
                quote!(#base.#f.as_deref())
            } else {
                quote!(Some(#base.#f.as_str()))
            }
        });
        quote! {
            fn message(&self) -> Option<String> {
                #first
                let parts: Vec<&str> = [#(#parts),*].into_iter().flatten().filter(|p| !p.is_empty()).collect();
                (!parts.is_empty()).then(|| parts.join(": "))
            }
        }
    });
    quote! {
        impl #rt::ErrorDetails for #name {
            #code
            #message
        }
    }
}

fn id_type(id: &IdType) -> TokenStream {
    let name = ident(&id.name);
    let doc = docs::outer(&id.doc);
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
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }
    }
}

/// `fn hint` of an enum whose values carry hints.
fn enum_hints(e: &Enum) -> TokenStream {
    if e.variants.iter().all(|v| v.hint.is_none()) {
        return quote!();
    }
    let name = ident(&e.name);
    let arms = e.variants.iter().filter_map(|v| {
        let vname = ident(&v.rust);
        v.hint
            .as_ref()
            .map(|h| quote! { Self::#vname => Some(#h), })
    });
    quote! {
        impl #name {
            /// What to do when this value is returned, as documented.
            pub fn hint(&self) -> Option<&'static str> {
                match self {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    }
}

fn int_enum_type(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let doc = docs::outer(&format!(
        "{}\n\nOpen enum of integer codes: codes unknown to this client are kept in `Unknown`.",
        e.doc
    ));
    let deprecated = docs::deprecated(e.deprecated.as_ref());
    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.rust);
        let vdoc = docs::outer(&format!("{}\n\nCode `{}`.", v.doc, v.wire));
        let vdep = docs::deprecated(v.deprecated.as_ref());
        quote! { #vdoc #vdep #vname, }
    });
    let code = |v: &crate::ir::Variant| {
        let n: i64 = v.wire.parse().unwrap_or_default();
        proc_macro2::Literal::i64_unsuffixed(n)
    };
    let to_code = e.variants.iter().map(|v| {
        let vname = ident(&v.rust);
        let c = code(v);
        quote! { Self::#vname => #c, }
    });
    let from_code = e.variants.iter().map(|v| {
        let vname = ident(&v.rust);
        let c = code(v);
        quote! { #c => Self::#vname, }
    });
    let allow_deprecated = if e.variants.iter().any(|v| v.deprecated.is_some()) {
        quote!(#[allow(deprecated)])
    } else {
        quote!()
    };
    let hints = enum_hints(e);
    quote! {
        #doc
        #deprecated
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A code this client does not know (yet), kept as sent.
            Unknown(i64),
        }

        #allow_deprecated
        impl #name {
            /// The code as it appears on the wire.
            pub fn code(&self) -> i64 {
                match self {
                    #(#to_code)*
                    Self::Unknown(code) => *code,
                }
            }
        }

        #hints

        #allow_deprecated
        impl From<i64> for #name {
            fn from(code: i64) -> Self {
                match code {
                    #(#from_code)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.code())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <i64 as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(code))
            }
        }
    }
}

fn enum_type(e: &Enum) -> TokenStream {
    if e.int_repr {
        return int_enum_type(e);
    }
    let hints = enum_hints(e);
    let name = ident(&e.name);
    let doc = docs::outer(&format!(
        "{}\n\nOpen enum: values unknown to this client are kept in `Unknown`.",
        e.doc
    ));
    let deprecated = docs::deprecated(e.deprecated.as_ref());
    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.rust);
        let vdoc = docs::outer(&format!("{}\n\nWire value `{}`.", v.doc, v.wire));
        let vdep = docs::deprecated(v.deprecated.as_ref());
        quote! { #vdoc #vdep #vname, }
    });
    let to_str = e.variants.iter().map(|v| {
        let vname = ident(&v.rust);
        let wire = &v.wire;
        quote! { Self::#vname => #wire, }
    });
    let from_str = e.variants.iter().map(|v| {
        let vname = ident(&v.rust);
        let wire = &v.wire;
        quote! { #wire => Self::#vname, }
    });
    let allow_deprecated = if e.variants.iter().any(|v| v.deprecated.is_some()) {
        quote!(#[allow(deprecated)])
    } else {
        quote!()
    };
    quote! {
        #doc
        #deprecated
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know (yet), kept as sent.
            Unknown(String),
        }

        #allow_deprecated
        impl #name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value,
                }
            }
        }

        #hints

        #allow_deprecated
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}

/// `Some(i64)` of an integer page field.
fn page_int(f: &PageField) -> TokenStream {
    let n = ident(&f.rust);
    match (f.optional, f.wide) {
        (true, true) => quote!(self.#n),
        (true, false) => quote!(self.#n.map(i64::from)),
        (false, true) => quote!(Some(self.#n)),
        (false, false) => quote!(Some(i64::from(self.#n))),
    }
}

/// `rt::Page` for a page model.
fn page_impl(m: &Model, page: &PageImpl, rt: &syn::Path) -> TokenStream {
    let name = ident(&m.name);
    let tp = ident(m.type_params.first().map(String::as_str).unwrap_or("T"));
    let (count, size) = (page_int(&page.count), page_int(&page.size));
    let next = match &page.next {
        PageNext::Token(f) => {
            let n = ident(&f.rust);
            let token = if f.optional {
                quote!(self.#n.as_deref())
            } else {
                quote!(Some(self.#n.as_str()))
            };
            quote!(#rt::token_cursor(#token, #count, #size))
        }
        PageNext::Page(f) => {
            let p = page_int(f);
            quote!(#rt::page_cursor(#p, #count, #size))
        }
    };
    let items = ident(&page.items.rust);
    let take = if page.items.optional {
        quote!(self.#items.unwrap_or_default())
    } else {
        quote!(self.#items)
    };
    quote! {
        impl<#tp> #rt::Page for #name<#tp> {
            type Item = #tp;

            fn next_cursor(&self) -> Option<#rt::Cursor> {
                #next
            }

            fn into_items(self) -> Vec<#tp> {
                #take
            }
        }
    }
}

fn model(m: &Model, rt: &syn::Path) -> TokenStream {
    let name = ident(&m.name);
    let generics = if m.type_params.is_empty() {
        quote!()
    } else {
        let tps = m.type_params.iter().map(|t| ident(t));
        quote!(<#(#tps),*>)
    };
    let page = m.page.as_ref().map(|p| page_impl(m, p, rt));
    // Serde would require `T: Default` for optional `T` fields; the real bounds are these.
    let bounds = m.type_params.first().map(|t| {
        let de = format!("{t}: serde::Deserialize<'de>");
        let ser = format!("{t}: serde::Serialize");
        quote!(#[serde(bound(deserialize = #de, serialize = #ser))])
    });
    let doc = docs::outer(&m.doc);
    let deprecated = docs::deprecated(m.deprecated.as_ref());
    let models_path = quote!();
    let fields = m.fields.iter().map(|f| {
        let fname = ident(&f.rust);
        let wire = &f.wire;
        let inner = ty(&f.ty, rt, &models_path);
        let fdoc = docs::outer(&f.doc);
        let fdep = docs::deprecated(f.deprecated.as_ref());
        let (field_ty, attr) = match f.presence {
            Presence::Required => (inner, quote!(#[serde(rename = #wire)])),
            Presence::RequiredNullable => (quote!(Option<#inner>), quote!(#[serde(rename = #wire)])),
            Presence::Optional => (quote!(Option<#inner>), quote!(#[serde(rename = #wire, default, skip_serializing_if = "Option::is_none")])),
            Presence::Tristate => (quote!(#rt::Patch<#inner>), quote!(#[serde(rename = #wire, default, skip_serializing_if = "rt::Patch::is_absent")])),
        };
        let encoding = f.encoding.map(|e| encoding_attr(e, f.presence));
        quote! { #fdoc #fdep #attr #encoding pub #fname: #field_ty, }
    });
    let extra = if m.open {
        quote! {
            /// Fields not described by the spec, kept as received so that nothing is lost on a round trip.
            #[serde(flatten)]
            pub extra: std::collections::BTreeMap<String, #rt::serde_json::Value>,
        }
    } else {
        quote!()
    };
    let derives = if m.derive_default {
        quote!(#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)])
    };
    let constructor = (!m.derive_default).then(|| {
        let required: Vec<_> = m
            .fields
            .iter()
            .filter(|f| matches!(f.presence, Presence::Required | Presence::RequiredNullable))
            .collect();
        let args = required.iter().map(|f| {
            let n = ident(&f.rust);
            let t = ty(&f.ty, rt, &models_path);
            match f.presence {
                Presence::RequiredNullable => quote!(#n: Option<#t>),
                _ => quote!(#n: #t),
            }
        });
        let inits = m.fields.iter().map(|f| {
            let n = ident(&f.rust);
            match f.presence {
                Presence::Required | Presence::RequiredNullable => quote!(#n,),
                Presence::Optional => quote!(#n: None,),
                Presence::Tristate => quote!(#n: #rt::Patch::Absent,),
            }
        });
        let extra_init = m
            .open
            .then(|| quote!(extra: std::collections::BTreeMap::new(),));
        let names = required
            .iter()
            .map(|f| format!("`{}`", f.rust))
            .collect::<Vec<_>>()
            .join(", ");
        let cdoc = format!(
            " A `{}` with the required fields ({names}); all others are left out.",
            m.name
        );
        let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            impl #generics #name #generics {
                #[doc = #cdoc]
                #allow
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits)* #extra_init }
                }
            }
        }
    });
    let entity = m.entity.as_ref().map(|entity| {
        let cdoc = format!(
            " The `{entity}` entity with typed `{}` records, for the record operations.",
            m.name
        );
        quote! {
            impl #rt::Entity for #name {
                const NAME: &'static str = #entity;
            }

            impl #name {
                #[doc = #cdoc]
                pub const ENTITY: #rt::Typed<Self> = #rt::Typed::new();
            }
        }
    });
    quote! {
        #doc
        #deprecated
        #derives
        #bounds
        pub struct #name #generics {
            #(#fields)*
            #extra
        }
        #constructor
        #entity
        #page
    }
}

/// `serialize_with`/`deserialize_with` of a string-encoded field.
fn encoding_attr(e: Encoding, presence: Presence) -> TokenStream {
    let enc = match e {
        Encoding::Text => "Text",
        Encoding::Flag => "Flag",
        Encoding::CompactDate => "CompactDate",
    };
    let suffix = match presence {
        Presence::Required => "",
        Presence::RequiredNullable | Presence::Optional => "_option",
        Presence::Tristate => "_patch",
    };
    let ser = format!("rt::encoded::serialize{suffix}::<rt::encoded::{enc}, _, _>");
    let de = format!("rt::encoded::deserialize{suffix}::<rt::encoded::{enc}, _, _>");
    quote!(#[serde(serialize_with = #ser, deserialize_with = #de)])
}
