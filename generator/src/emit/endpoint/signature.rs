//! The signature section: `pub fn name<generics>(&self, args...)
//! -> rt::Call<ret, super::Error>` (`rt::Keyed` as a third parameter when
//! the endpoint takes an idempotency key), a `'static` future that borrows
//! neither the handle nor the arguments. Ids are taken as `impl Into<Id>`.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::rust::TypePaths;
use crate::ir::{Arg, ArgRole, Endpoint, Generic, Idempotency, Ty, TypeKind};
use crate::scalars::Pass;

pub(super) fn signature(e: &Endpoint, paths: &TypePaths<'_>, ret: &TokenStream) -> TokenStream {
    let name = &e.method;
    let generics = e.generics.iter().map(|g| match g {
        Generic::Entity => quote!(K: rt::EntityKind),
        Generic::Row(t) => quote!(#t: serde::de::DeserializeOwned + Send + 'static),
    });
    let generics = (!e.generics.is_empty()).then(|| quote!(<#(#generics),*>));
    let args = e.args.iter().map(|a| {
        let n = &a.name;
        let t = arg_type(a, paths);
        quote!(#n: #t)
    });
    let error = super::super::statuses::error_type(e, paths);
    let keyed = matches!(e.idempotency, Idempotency::Keyed(_)).then(|| quote!(, rt::Keyed));
    quote! {
        pub fn #name #generics (&self, #(#args),*) -> rt::Call<#ret, #error #keyed>
    }
}

/// `let id: Id = id.into();` for every id argument taken as `impl Into<Id>`,
/// so the method body works with the id itself.
pub(super) fn owned_ids(e: &Endpoint, paths: &TypePaths<'_>) -> TokenStream {
    let ids = e.args.iter().filter_map(|a| {
        let ty = match &a.role {
            ArgRole::Path(ty) | ArgRole::Query { ty, .. } => ty,
            ArgRole::Header {
                ty, required: true, ..
            } => ty,
            _ => return None,
        };
        is_id(ty, paths).then(|| {
            let (n, t) = (&a.name, paths.ty(ty));
            quote!(let #n: #t = #n.into();)
        })
    });
    quote!(#(#ids)*)
}

/// Whether `ty` is an id newtype (taken as `impl Into<Id>`).
fn is_id(ty: &Ty, paths: &TypePaths<'_>) -> bool {
    matches!(ty, Ty::Named(id) if matches!(paths.types.get(*id).kind, TypeKind::IdNewtype))
}

/// The Rust type of an argument.
fn arg_type(a: &Arg, paths: &TypePaths<'_>) -> TokenStream {
    match &a.role {
        ArgRole::Path(ty) | ArgRole::Query { ty, .. } => value_type(ty, paths),
        ArgRole::Header {
            ty, required: true, ..
        } => value_type(ty, paths),
        ArgRole::Header { ty, .. } => {
            // An optional id is lent (`Option<&Id>`): `None` needs no type.
            let base = if is_id(ty, paths) {
                let t = paths.ty(ty);
                quote!(&#t)
            } else {
                value_type(ty, paths)
            };
            quote!(Option<#base>)
        }
        ArgRole::QueryStruct(name) => quote!(&#name),
        ArgRole::EnvelopeField => quote!(&str),
        ArgRole::Body(ty) => {
            let t = paths.ty(ty);
            quote!(&#t)
        }
        ArgRole::BodyList(ty) | ArgRole::Records(ty) => {
            let t = paths.ty(ty);
            quote!(&[#t])
        }
    }
}

/// How a single value is taken: `&str`, by value, or by reference.
fn value_type(ty: &Ty, paths: &TypePaths<'_>) -> TokenStream {
    if is_id(ty, paths) {
        let t = paths.ty(ty);
        return quote!(impl Into<#t>);
    }
    let pass = match ty {
        Ty::Entity => return quote!(K),
        Ty::Scalar(s) => s.row().pass,
        _ => Pass::Ref,
    };
    match pass {
        Pass::Str => quote!(&str),
        Pass::Value => paths.ty(ty),
        Pass::Ref => {
            let t = paths.ty(ty);
            quote!(&#t)
        }
    }
}
