//! Open enums: documented values plus `Unknown` keeping any other value as
//! sent. String and integer enums share one emitter; [`Repr`] holds what
//! differs between them.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs;
use crate::ir::{Enum, TypeDef, Variant};

/// What differs between a string enum and an integer enum.
struct Repr {
    /// Sentence appended to the enum's doc.
    note: &'static str,
    /// Derives (integer codes are `Copy`).
    derives: TokenStream,
    /// The `Unknown` variant with its doc.
    unknown: TokenStream,
    /// The wire accessor: `fn as_str` or `fn code`.
    accessor: Accessor,
    /// `From<..>` parameter, its type and the `Unknown` arm.
    from: (TokenStream, TokenStream, TokenStream),
    display: TokenStream,
    serialize: TokenStream,
    deserialize: TokenStream,
}

fn string_repr() -> Repr {
    Repr {
        note: "Open enum: values unknown to this client are kept in `Unknown`.",
        derives: quote!(#[derive(Clone, Debug, PartialEq, Eq, Hash)]),
        unknown: quote! {
            /// A value this client does not know (yet), kept as sent. Made only by
            /// `From` (for values no variant has); read it with `as_str()`.
            Unknown(rt::Unknown<String>),
        },
        accessor: Accessor {
            doc: " The value as it appears on the wire.",
            name: "as_str",
            ret: quote!(&str),
            unknown_arm: quote!(Self::Unknown(value) => value.as_str(),),
        },
        from: (
            quote!(value),
            quote!(&str),
            quote!(other => Self::Unknown(rt::Unknown::__new(other.to_owned())),),
        ),
        display: quote!(f.write_str(self.as_str())),
        serialize: quote!(serializer.serialize_str(self.as_str())),
        deserialize: quote! {
            let value = <String as serde::Deserialize>::deserialize(deserializer)?;
            Ok(Self::from(value.as_str()))
        },
    }
}

fn int_repr() -> Repr {
    Repr {
        note: "Open enum of integer codes: codes unknown to this client are kept in `Unknown`.",
        derives: quote!(#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]),
        unknown: quote! {
            /// A code this client does not know (yet), kept as sent. Made only by
            /// `From` (for codes no variant has); read it with `code()`.
            Unknown(rt::Unknown<i64>),
        },
        accessor: Accessor {
            doc: " The code as it appears on the wire.",
            name: "code",
            ret: quote!(i64),
            unknown_arm: quote!(Self::Unknown(code) => *code.get(),),
        },
        from: (
            quote!(code),
            quote!(i64),
            quote!(other => Self::Unknown(rt::Unknown::__new(other)),),
        ),
        display: quote!(write!(f, "{}", self.code())),
        serialize: quote!(serializer.serialize_i64(self.code())),
        deserialize: quote! {
            let code = <i64 as serde::Deserialize>::deserialize(deserializer)?;
            Ok(Self::from(code))
        },
    }
}

/// The method giving a value's wire form.
struct Accessor {
    doc: &'static str,
    name: &'static str,
    ret: TokenStream,
    /// The match arm of the `Unknown` variant.
    unknown_arm: TokenStream,
}

/// A variant as the shared emitter needs it, whatever its wire type.
struct Case<'a> {
    v: &'a Variant<String>,
    /// Its doc with the wire value.
    doc: String,
    literal: TokenStream,
}

pub(super) fn string_enum(def: &TypeDef, e: &Enum<String>) -> TokenStream {
    let cases: Vec<Case<'_>> = e
        .variants
        .iter()
        .map(|v| {
            let w = &v.wire;
            Case {
                v,
                doc: format!("{}\n\nWire value `{w}`.", docs::text(&v.doc)),
                literal: quote!(#w),
            }
        })
        .collect();
    open_enum(def, &cases, &string_repr())
}

pub(super) fn int_enum(def: &TypeDef, e: &Enum<i64>) -> TokenStream {
    // The variants with their codes as text, so both kinds share `Case`.
    let texts: Vec<Variant<String>> = e
        .variants
        .iter()
        .map(|v| Variant {
            rust: v.rust.clone(),
            wire: v.wire.to_string(),
            doc: v.doc.clone(),
            deprecated: v.deprecated.clone(),
            hint: v.hint.clone(),
        })
        .collect();
    let cases: Vec<Case<'_>> = texts
        .iter()
        .zip(&e.variants)
        .map(|(v, orig)| {
            let lit = proc_macro2::Literal::i64_unsuffixed(orig.wire);
            Case {
                v,
                doc: format!("{}\n\nCode `{}`.", docs::text(&v.doc), v.wire),
                literal: quote!(#lit),
            }
        })
        .collect();
    open_enum(def, &cases, &int_repr())
}

fn open_enum(def: &TypeDef, variants: &[Case<'_>], repr: &Repr) -> TokenStream {
    let name = &def.name;
    let doc = docs::outer(&format!("{}\n\n{}", docs::text(&def.doc), repr.note));
    let deprecated = docs::deprecated(def.deprecated.as_ref());
    let decls = variants.iter().map(|vt| {
        let vname = &vt.v.rust;
        let vdoc = docs::outer(&vt.doc);
        let vdep = docs::deprecated(vt.v.deprecated.as_ref());
        quote! { #vdoc #vdep #vname, }
    });
    let to_wire = variants.iter().map(|vt| {
        let (vname, lit) = (&vt.v.rust, &vt.literal);
        quote! { Self::#vname => #lit, }
    });
    let from_wire = variants.iter().map(|vt| {
        let (vname, lit) = (&vt.v.rust, &vt.literal);
        quote! { #lit => Self::#vname, }
    });
    let allow_deprecated = variants
        .iter()
        .any(|vt| vt.v.deprecated.is_some())
        .then(|| quote!(#[allow(deprecated)]));
    let hints = hints(name, variants);
    let Repr {
        derives,
        unknown,
        display,
        serialize,
        deserialize,
        ..
    } = repr;
    let Accessor {
        doc: accessor_doc,
        name: accessor,
        ret,
        unknown_arm,
    } = &repr.accessor;
    let accessor = quote::format_ident!("{}", accessor);
    let (from_arg, from_ty, from_other) = &repr.from;
    quote! {
        #doc
        #deprecated
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#decls)*
            #unknown
        }

        #allow_deprecated
        impl #name {
            #[doc = #accessor_doc]
            #[inline]
            pub fn #accessor(&self) -> #ret {
                match self {
                    #(#to_wire)*
                    #unknown_arm
                }
            }
        }

        #hints

        #allow_deprecated
        impl From<#from_ty> for #name {
            #[inline]
            fn from(#from_arg: #from_ty) -> Self {
                match #from_arg {
                    #(#from_wire)*
                    #from_other
                }
            }
        }

        impl std::fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #display
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                #deserialize
            }
        }
    }
}

/// `fn hint` of an enum whose values carry hints.
fn hints(name: &crate::ir::RustIdent, variants: &[Case<'_>]) -> TokenStream {
    if variants.iter().all(|vt| vt.v.hint.is_none()) {
        return quote!();
    }
    let arms = variants.iter().filter_map(|vt| {
        let vname = &vt.v.rust;
        vt.v.hint
            .as_ref()
            .map(|h| quote! { Self::#vname => Some(#h), })
    });
    quote! {
        impl #name {
            /// What to do when this value is returned, as documented.
            #[inline]
            pub fn hint(&self) -> Option<&'static str> {
                match self {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    }
}
