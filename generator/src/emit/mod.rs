//! Emitters: pure functions from the IR to file contents. Rust goes through
//! `quote!` -> `syn::File` -> `prettyplease`; other text through minijinja
//! templates kept in `generator/templates/`.

mod client;
mod context;
mod docs;
mod endpoint;
mod field_path;
mod models;
mod module;
mod query;
mod query_builder;
mod rust;
mod statuses;
mod text;
mod wire_text;

use proc_macro2::TokenStream;

use crate::ir::{Api, Ir};

pub use rust::format_file;

/// How an API's submodules are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `api/mod.rs`, `api/models.rs`, `api/client.rs` (the checked-in crate).
    Files,
    /// One `api.rs` holding `pub mod api { .. }` with inline submodules, for
    /// `include!` from `OUT_DIR`.
    Inline,
}

/// Settings of one emission.
#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// Module layout.
    pub layout: Layout,
    /// Path of the runtime module as seen from the emitted code.
    pub runtime_path: String,
    /// How the emitted `Cargo.toml` depends on the runtime crate
    /// (`api-client-runtime = <this>`), when crate files are emitted.
    pub runtime_dependency: String,
    /// Also emit the crate files (`Cargo.toml`, `src/lib.rs`).
    pub crate_files: bool,
    /// The path users reach the emitted APIs by (`billing_clients`, whose
    /// `billwerk` module is `billing_clients::billwerk`). With it, every
    /// endpoint method's rustdoc gets an example, compiled as a doctest.
    pub example_path: Option<String>,
}

impl Default for EmitOptions {
    fn default() -> Self {
        Self {
            layout: Layout::Files,
            runtime_path: "crate::runtime".into(),
            runtime_dependency: DEFAULT_RUNTIME_DEPENDENCY.into(),
            crate_files: true,
            example_path: Some("billing_clients".into()),
        }
    }
}

/// The runtime crate's path, as emitted code names it when it depends on
/// the runtime directly (a `build.rs` user of `generate_into`).
pub const RUNTIME_CRATE: &str = "::api_client_runtime";

/// The runtime crate's name in Rust (the generated crate re-exports it).
pub(crate) const RUNTIME_CRATE_NAME: &str = "api_client_runtime";

/// Where the checked-in crate finds the runtime crate: beside the generator.
pub const DEFAULT_RUNTIME_DEPENDENCY: &str = r#"{ path = "../generator/runtime" }"#;

/// One emitted file, relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` separators.
    pub path: String,
    /// Full contents including the `@generated` header.
    pub contents: String,
}

/// A generated Rust module: its own items and its child modules.
pub(crate) struct ModuleTokens {
    pub items: TokenStream,
    pub children: Vec<(&'static str, TokenStream)>,
}

/// Emits every file for `ir`.
pub fn emit(ir: &Ir, options: &EmitOptions) -> Result<Vec<OutputFile>, String> {
    let runtime: syn::Path = syn::parse_str(&options.runtime_path)
        .map_err(|e| format!("runtime path `{}`: {e}", options.runtime_path))?;
    let mut files = Vec::new();
    for api in &ir.apis {
        let examples = options
            .example_path
            .as_ref()
            .map(|p| format!("{p}::{}", api.module.as_str()));
        files.extend(emit_api(
            api,
            &runtime,
            options.layout,
            examples.as_deref(),
        )?);
        files.push(text::reference(api)?);
    }
    if options.crate_files {
        files.push(text::cargo_toml(ir, &options.runtime_dependency)?);
        files.push(text::crate_readme(ir)?);
        files.push(module::crate_root(ir)?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn emit_api(
    api: &Api,
    runtime: &syn::Path,
    layout: Layout,
    examples: Option<&str>,
) -> Result<Vec<OutputFile>, String> {
    let module = ModuleTokens {
        items: module::api_root(api, runtime),
        children: vec![
            ("models", models::file(api, runtime)),
            ("client", client::file(api, runtime, examples)),
        ],
    };
    let header = rust::header(&api.spec_files.join(", "));
    Ok(match layout {
        Layout::Files => {
            let mut root = module.items;
            for (name, _) in &module.children {
                let ident = quote::format_ident!("{}", name);
                let vis = if *name == "models" {
                    quote::quote!(pub)
                } else {
                    quote::quote!()
                };
                root.extend(quote::quote! { #vis mod #ident; });
            }
            let mut out = vec![OutputFile {
                path: format!("src/{}/mod.rs", api.module.as_str()),
                contents: format_file(&header, root)?,
            }];
            for (name, tokens) in module.children {
                out.push(OutputFile {
                    path: format!("src/{}/{name}.rs", api.module.as_str()),
                    contents: format_file(&header, tokens)?,
                });
            }
            out
        }
        Layout::Inline => {
            let mut all = module.items;
            for (name, tokens) in module.children {
                let name = quote::format_ident!("{}", name);
                let vis = if name == "models" {
                    quote::quote!(pub)
                } else {
                    quote::quote!()
                };
                all.extend(quote::quote! { #vis mod #name { #tokens } });
            }
            // `include!` rejects inner attributes at file level, so the
            // module is declared in the file itself.
            let module_name = &api.module;
            let wrapped = quote::quote! { pub mod #module_name { #all } };
            vec![OutputFile {
                path: format!("{}.rs", api.module.as_str()),
                contents: format_file(&header, wrapped)?,
            }]
        }
    })
}
