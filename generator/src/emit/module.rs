//! Module roots: an API's `mod.rs` and the crate's `lib.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::OutputFile;
use super::docs;
use super::rust::{format_file, header};
use crate::ir::{Api, Ir};

/// Items of an API's root module (submodules are added by the layout).
pub fn api_root(api: &Api, rt: &syn::Path) -> TokenStream {
    let doc = docs::inner(&format!(
        "# {}\n\n{}\n\nEnable with the cargo feature `{}`. Start with [`Client::builder`].",
        api.title,
        docs::text(&api.doc),
        api.module.as_str()
    ));
    let mut reexports: Vec<TokenStream> = vec![quote!(Client), quote!(ClientBuilder)];
    if !api.settings.environments.is_empty() {
        reexports.push(quote!(Environment));
    }
    if api.settings.webhooks.is_some() {
        reexports.push(quote!(WebhookEvent));
    }
    for r in &api.resources {
        let t = &r.type_name;
        reexports.push(quote!(#t));
        for e in &r.endpoints {
            if let Some(q) = &e.query {
                let q = &q.name;
                reexports.push(quote!(#q));
            }
            if let crate::ir::ResponseBody::ByStatus(s) = &e.response {
                let n = &s.name;
                reexports.push(quote!(#n));
            }
        }
    }
    let mut error_doc = format!(
        "Errors of the {} client. Match on the variant; the parsed error body is in `ApiError::body`.",
        api.title
    );
    let errors = &api.settings.errors;
    if !errors.statuses.is_empty() {
        error_doc.push_str("\n\nDocumented statuses:");
        for s in &errors.statuses {
            error_doc.push_str(&format!("\n- `{}`: {}", s.status, docs::text(&s.doc)));
        }
    }
    let error_doc = docs::outer(&error_doc);
    let error_body = match &errors.body {
        Some(b) => {
            let b = api.types.name(b.model);
            quote!(models::#b)
        }
        None => quote!(rt::serde_json::Value),
    };
    let timestamp = api.settings.timestamp_format.map(|t| {
        let (digits, style) = (t.fraction_digits, quote::format_ident!("{}", t.offset.variant()));
        let doc = format!(" How this API writes timestamps; use it with `Timestamp::new` for values you create ({digits} fraction digits).");
        quote! {
            #[doc = #doc]
            pub const TIMESTAMP_FORMAT: rt::TimestampFormat = rt::TimestampFormat::new(#digits, rt::OffsetStyle::#style);
        }
    });
    quote! {
        #doc
        use #rt as rt;
        pub use client::{#(#reexports),*};
        #error_doc
        pub type Error = rt::Error<#error_body>;
        /// `Result` with this API's [`Error`]: `Result<()>` is a plain `Ok(())`. Calls return a
        /// `runtime::Call`, a `Send + 'static` future of `Result<Response<T>>` (the typed body
        /// with its status and headers) that borrows neither the handle nor the arguments.
        pub type Result<T, E = Error> = std::result::Result<T, E>;
        #timestamp
    }
}

/// The crate root of the generated crate.
pub fn crate_root(ir: &Ir, options: &super::EmitOptions) -> Result<OutputFile, String> {
    // The crate page is the generated README (see `text::crate_readme`).
    let doc = quote!(#![doc = include_str!("../README.md")]);
    // Sorted with `runtime` among them, as rustfmt orders them; the API
    // modules are skipped by rustfmt because prettyplease formats them.
    let mut names: Vec<&str> = ir
        .apis
        .iter()
        .map(|a| a.module.as_str())
        .chain(["runtime"])
        .collect();
    names.sort_unstable();
    let modules = names.into_iter().map(|name| {
        let m = quote::format_ident!("{}", name);
        if name == "runtime" {
            let runtime_crate = quote::format_ident!("{}", super::RUNTIME_CRATE_NAME);
            quote! {
                #[doc(inline)]
                pub use #runtime_crate as runtime;
            }
        } else {
            quote! {
                #[cfg(feature = #name)]
                #[cfg_attr(docsrs, doc(cfg(feature = #name)))]
                #[rustfmt::skip]
                pub mod #m;
            }
        }
    });
    let tokens = quote! {
        #doc
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #(#modules)*
    };
    Ok(OutputFile {
        path: "src/lib.rs".into(),
        contents: format_file(&header("the spec (all APIs)", &options.regenerate), tokens)?,
    })
}
