//! The signature section: `pub fn name<generics>(&self, args...)
//! -> rt::Call<ret, super::Error>` (with a third parameter when a part marks
//! the call), a `'static` future that borrows neither the handle nor the
//! arguments. Ids are taken as `impl Into<Id>`.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::rust::TypePaths;
use crate::ir::{Arg, ArgRole, Endpoint, Generic, Passing, TextValue, Ty};

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
    let marker = super::parts::call_marker(e).map(|m| quote!(, #m));
    quote! {
        #[inline]
        pub fn #name #generics (&self, #(#args),*) -> rt::Call<#ret, #error #marker>
    }
}

/// `pub fn <method>_typed<T: rt::Entity>(&self, args...)`, where the IR
/// gives the endpoint one: the method with the entity taken from the
/// records' type (`records.create_typed(&accounts)`), delegating to it.
pub(super) fn typed_records(
    e: &Endpoint,
    paths: &TypePaths<'_>,
    ret: &TokenStream,
    example: Option<TokenStream>,
) -> Option<TokenStream> {
    let name = e.typed_records.as_ref()?;
    let records = |a: &Arg| {
        matches!(
            &a.role,
            ArgRole::Records(Ty::Record) | ArgRole::BodyList(Ty::Record)
        )
    };
    let entity = |a: &Arg| matches!(&a.role, ArgRole::Path(v) if v.pass == Passing::Entity);
    let method = &e.method;
    let params = e.args.iter().filter(|a| !entity(a)).map(|a| {
        let n = &a.name;
        let t = if records(a) {
            quote!(&[I])
        } else {
            arg_type(a, paths)
        };
        quote!(#n: #t)
    });
    let passed = e.args.iter().map(|a| {
        let n = &a.name;
        if entity(a) {
            quote!(rt::Typed::<I::Entity>::new())
        } else {
            quote!(#n)
        }
    });
    let error = super::super::statuses::error_type(e, paths);
    let marker = super::parts::call_marker(e).map(|m| quote!(, #m));
    let doc = format!(
        " [`Self::{method}`] with the entity taken from the records' type: `{name}(&records)` for a slice of one entity's records as requests send them (its input twin, or the model)."
    );
    Some(quote! {
        #[doc = #doc]
        #example
        #[inline]
        pub fn #name<I: rt::EntityInput>(&self, #(#params),*) -> rt::Call<#ret, #error #marker> {
            self.#method(#(#passed),*)
        }
    })
}

/// `let id: Id = id.into();` for every id argument taken as `impl Into<Id>`,
/// so the method body works with the id itself.
pub(super) fn owned_ids(e: &Endpoint, paths: &TypePaths<'_>) -> TokenStream {
    let ids = e.args.iter().filter_map(|a| {
        let value = text_value(&a.role)?;
        (value.pass == Passing::IntoId).then(|| {
            let (n, t) = (&a.name, paths.ty(&value.ty));
            quote!(let #n: #t = #n.into();)
        })
    });
    quote!(#(#ids)*)
}

/// The value of an argument sent as text (path, query or header).
fn text_value(role: &ArgRole) -> Option<&TextValue> {
    match role {
        ArgRole::Path(value) | ArgRole::Query { value, .. } | ArgRole::Header { value, .. } => {
            Some(value)
        }
        ArgRole::QueryStruct(_)
        | ArgRole::EnvelopeField
        | ArgRole::Body(_)
        | ArgRole::BodyList(_)
        | ArgRole::Records(_) => None,
    }
}

/// The Rust type of an argument.
fn arg_type(a: &Arg, paths: &TypePaths<'_>) -> TokenStream {
    match &a.role {
        ArgRole::Path(value) | ArgRole::Query { value, .. } | ArgRole::Header { value, .. } => {
            value_type(value, paths)
        }
        ArgRole::QueryStruct(name) => quote!(&#name),
        ArgRole::EnvelopeField => quote!(&str),
        // An entity's records are sent as its input type.
        ArgRole::Body(Ty::Record) => quote!(&K::Input),
        ArgRole::BodyList(Ty::Record) | ArgRole::Records(Ty::Record) => quote!(&[K::Input]),
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

/// How a single value is taken, as the IR decided.
pub(in crate::emit) fn value_type(value: &TextValue, paths: &TypePaths<'_>) -> TokenStream {
    let t = paths.ty(&value.ty);
    match value.pass {
        Passing::IntoId => quote!(impl Into<#t>),
        Passing::Str => quote!(&str),
        Passing::Value => t,
        Passing::Ref => quote!(&#t),
        Passing::Entity => quote!(K),
    }
}
