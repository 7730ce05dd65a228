//! `models.rs` of an API: id newtypes, open enums, model structs (with
//! their constructors, entity and page implementations) and the error
//! body's `ErrorDetails`.

mod enums;
mod errors;
mod example;
mod ids;
mod inputs;
mod open;
mod page;
mod unions;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::rust::TypePaths;
use crate::ir::{Api, Field, Model, Presence, TypeDef, TypeId, TypeKind, TypeSpace, UnknownFields};

/// One section of `models.rs`. Sections are emitted and formatted on their
/// own (on several threads, in chunks) and joined in this order.
#[derive(Clone, Copy, Debug)]
pub enum Section {
    /// The module doc, lints and imports.
    Head,
    Id(TypeId),
    Enum(TypeId),
    Model(TypeId),
    Union(TypeId),
    /// `ErrorDetails` of the API's error body and the endpoints' own.
    ErrorDetails,
}

/// The sections of `models.rs`, in order: ids, enums, models and unions,
/// each sorted by name, then the error details.
pub fn sections(api: &Api) -> Vec<Section> {
    let types = &api.types;
    let mut out = vec![Section::Head];
    out.extend(types.ids().map(|(id, _)| Section::Id(id)));
    out.extend(types.enums().map(|(id, _)| Section::Enum(id)));
    out.extend(types.models().map(|(id, _, _)| Section::Model(id)));
    out.extend(types.sorted().filter_map(|(id, d)| match &d.kind {
        TypeKind::Union(_) => Some(Section::Union(id)),
        TypeKind::Struct(_)
        | TypeKind::StringEnum(_)
        | TypeKind::IntEnum(_)
        | TypeKind::IdNewtype => None,
    }));
    out.push(Section::ErrorDetails);
    out
}

/// The tokens of one section.
/// The tokens of one section; `examples` is the API module's public path,
/// for the models' examples (none: no examples).
pub fn section(api: &Api, runtime: &syn::Path, examples: Option<&str>, s: Section) -> TokenStream {
    let paths = TypePaths {
        types: &api.types,
        models: quote!(),
    };
    let def = |id: TypeId| api.types.get(id);
    match s {
        Section::Head => head(api, runtime),
        Section::Id(id) => ids::id_type(def(id)),
        Section::Enum(id) => match &def(id).kind {
            TypeKind::StringEnum(e) => enums::string_enum(def(id), e),
            TypeKind::IntEnum(e) => enums::int_enum(def(id), e),
            TypeKind::Struct(_) | TypeKind::Union(_) | TypeKind::IdNewtype => quote!(),
        },
        Section::Model(id) => match &def(id).kind {
            TypeKind::Struct(m) => {
                let example =
                    examples.and_then(|root| example::example(def(id), m, &api.types, root));
                model(api, (id, def(id), m), &paths, example)
            }
            TypeKind::StringEnum(_)
            | TypeKind::IntEnum(_)
            | TypeKind::Union(_)
            | TypeKind::IdNewtype => quote!(),
        },
        Section::Union(id) => match &def(id).kind {
            TypeKind::Union(u) => unions::union(def(id), u, &paths),
            TypeKind::Struct(_)
            | TypeKind::StringEnum(_)
            | TypeKind::IntEnum(_)
            | TypeKind::IdNewtype => quote!(),
        },
        Section::ErrorDetails => error_details(api),
    }
}

/// The tokens of the whole `models` module.
pub fn file(api: &Api, runtime: &syn::Path, examples: Option<&str>) -> TokenStream {
    sections(api)
        .into_iter()
        .map(|s| section(api, runtime, examples, s))
        .collect()
}

fn head(api: &Api, runtime: &syn::Path) -> TokenStream {
    let kinds =
        (api.types.ids().next().is_some()).then(|| ids::kinds(api.types.ids().map(|(_, d)| d)));
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
        use #runtime as rt;
        #kinds
    }
}

fn error_details(api: &Api) -> TokenStream {
    let details = api
        .settings
        .errors
        .body
        .as_ref()
        .map(|body| errors::error_details(body, &api.types));
    // Endpoint-specific error bodies: the defaults (no code or message
    // fields declared for them).
    let endpoint_details = api.endpoint_error_bodies.iter().map(|id| {
        let name = api.types.name(*id);
        quote!(impl rt::ErrorDetails for #name {})
    });
    quote! {
        #details
        #(#endpoint_details)*
    }
}

fn model(
    api: &Api,
    (id, def, m): (TypeId, &TypeDef, &Model),
    paths: &TypePaths<'_>,
    example: Option<TokenStream>,
) -> TokenStream {
    let name = &def.name;
    let generics = generics(m);
    let page = api
        .settings
        .page_models
        .iter()
        .filter(|p| p.model == id)
        .map(|p| page::page_impl(p, &api.types));
    // Serde would require `T: Default` for optional `T` fields; the real bounds are these.
    let bounds = m.type_params.first().map(|t| {
        let de = format!("{t}: serde::Deserialize<'de>");
        let ser = format!("{t}: serde::Serialize");
        quote!(#[serde(bound(deserialize = #de, serialize = #ser))])
    });
    let doc = docs::outer(&docs::type_doc(def, &api.types));
    let deprecated = docs::deprecated(def.deprecated.as_ref());
    let fields = m.fields.iter().map(|f| field(f, paths));
    let extra = (m.unknown_fields == UnknownFields::Keep).then(|| {
        quote! {
            /// Fields not described by the spec, kept as received (their JSON text) so that nothing is lost on a round trip.
            #[serde(flatten)]
            pub extra: rt::Extra,
        }
    });
    // An open model reads itself in one pass (`open`), not through a
    // derived `#[serde(flatten)]`.
    let open = m.unknown_fields == UnknownFields::Keep;
    let default = m.derives_default().then(|| quote!(Default,));
    let deserialize = (!open).then(|| quote!(, serde::Deserialize));
    let derives =
        quote!(#[derive(Clone, Debug, #default PartialEq, serde::Serialize #deserialize)]);
    let open_impls = open.then(|| open::deserialize_impls(def, m, paths));
    let constructor = (!m.derives_default()).then(|| constructor(def, m, paths));
    let entity = m.entity.as_ref().map(|e| entity(&api.types, (id, def), e));
    let from_read = inputs::from_read(&api.types, def, m);
    quote! {
        #doc
        #example
        #deprecated
        #derives
        #bounds
        pub struct #name #generics {
            #(#fields)*
            #extra
        }
        #open_impls
        #constructor
        #entity
        #from_read
        #(#page)*
    }
}

fn generics(m: &Model) -> TokenStream {
    if m.type_params.is_empty() {
        quote!()
    } else {
        let tps = &m.type_params;
        quote!(<#(#tps),*>)
    }
}

/// A field's documentation: the spec's, its example, and what `read_only`
/// and `always_returned` mean for it.
fn field_doc(f: &Field) -> String {
    let mut doc = docs::text(&f.doc);
    if let Some(example) = &f.example {
        doc.push_str(&format!("\n\nExample: `{example}`"));
    }
    let note = match (f.read_only, f.always_returned) {
        (true, true) => "Read-only: set by the server, present in every response, never sent.",
        (true, false) => "Read-only: set by the server, never sent.",
        (false, true) => "Present in every response.",
        (false, false) => return doc,
    };
    doc.push_str("\n\n");
    doc.push_str(note);
    doc
}

fn field(f: &Field, paths: &TypePaths<'_>) -> TokenStream {
    let fname = &f.rust;
    let wire = &f.wire;
    let inner = paths.ty(&f.ty);
    let fdoc = docs::outer(&field_doc(f));
    let fdep = docs::deprecated(f.deprecated.as_ref());
    let aliases = &f.aliases;
    let rename = quote!(rename = #wire #(, alias = #aliases)*);
    let (field_ty, attr) = match f.presence {
        Presence::Required => (inner, quote!(#[serde(#rename)])),
        Presence::RequiredNullable => (quote!(Option<#inner>), quote!(#[serde(#rename)])),
        Presence::Optional => (
            quote!(Option<#inner>),
            quote!(#[serde(#rename, default, skip_serializing_if = "Option::is_none")]),
        ),
        Presence::Tristate => (
            quote!(rt::Patch<#inner>),
            quote!(#[serde(#rename, default, skip_serializing_if = "rt::Patch::is_absent")]),
        ),
    };
    let encoding = f.encoding.map(|e| {
        let enc = e.runtime_marker();
        let suffix = match f.presence {
            Presence::Required => "",
            Presence::RequiredNullable | Presence::Optional => "_option",
            Presence::Tristate => "_patch",
        };
        let ser = format!(
            "rt::plumbing::encoded::serialize{suffix}::<rt::plumbing::encoded::{enc}, _, _>"
        );
        let de = format!(
            "rt::plumbing::encoded::deserialize{suffix}::<rt::plumbing::encoded::{enc}, _, _>"
        );
        quote!(#[serde(serialize_with = #ser, deserialize_with = #de)])
    });
    quote! { #fdoc #fdep #attr #encoding pub #fname: #field_ty, }
}

/// `new(required fields...)` of a model that cannot derive `Default`.
fn constructor(def: &TypeDef, m: &Model, paths: &TypePaths<'_>) -> TokenStream {
    let name = &def.name;
    let generics = generics(m);
    let required: Vec<&Field> = m
        .fields
        .iter()
        .filter(|f| f.presence.is_required())
        .collect();
    let args = required.iter().map(|f| {
        let n = &f.rust;
        let t = paths.ty(&f.ty);
        match f.presence {
            Presence::RequiredNullable => quote!(#n: Option<#t>),
            _ => quote!(#n: #t),
        }
    });
    let inits = m.fields.iter().map(|f| {
        let n = &f.rust;
        match f.presence {
            Presence::Required | Presence::RequiredNullable => quote!(#n,),
            Presence::Optional => quote!(#n: None,),
            Presence::Tristate => quote!(#n: rt::Patch::Absent,),
        }
    });
    let extra_init =
        (m.unknown_fields == UnknownFields::Keep).then(|| quote!(extra: rt::Extra::new(),));
    let names = required
        .iter()
        .map(|f| format!("`{}`", f.rust))
        .collect::<Vec<_>>()
        .join(", ");
    let cdoc = format!(" A `{name}` with the required fields ({names}); all others are left out.");
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        impl #generics #name #generics {
            #[doc = #cdoc]
            #allow
            #[inline]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* #extra_init }
            }
        }
    }
}

/// `rt::Entity` and `ENTITY` of a model that is an entity's record.
fn entity(types: &TypeSpace, (id, def): (TypeId, &TypeDef), entity: &str) -> TokenStream {
    let name = &def.name;
    let cdoc =
        format!(" The `{entity}` entity with typed `{name}` records, for the record operations.");
    // What requests send: the input twin, where the model has one.
    let input = types
        .models()
        .find(|(_, _, m)| m.input_of.as_ref().is_some_and(|o| o.model == id))
        .map(|(_, d, _)| d.name.clone());
    let (input_ty, input_impl) = match &input {
        Some(twin) => (
            quote!(#twin),
            quote! {
                impl rt::EntityInput for #twin {
                    type Entity = #name;
                }
            },
        ),
        None => (
            quote!(Self),
            quote! {
                impl rt::EntityInput for #name {
                    type Entity = Self;
                }
            },
        ),
    };
    quote! {
        impl rt::Entity for #name {
            const NAME: &'static str = #entity;
            type Input = #input_ty;
        }

        #input_impl

        impl #name {
            #[doc = #cdoc]
            pub const ENTITY: rt::Typed<Self> = rt::Typed::new();
        }
    }
}
