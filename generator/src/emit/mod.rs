//! Emitters: pure functions from the IR to file contents. Rust goes through
//! `quote!` -> `syn::File` -> `prettyplease` (or, for output nobody reads,
//! the tokens' text); other text through minijinja templates kept in
//! `generator/templates/`. Each API's parts are emitted on their own threads.

mod client;
mod context;
mod docs;
mod endpoint;
mod field_path;
mod models;
mod module;
mod query;
mod query_builder;
mod reference;
mod rust;
mod shape_text;
mod statuses;
mod text;
pub(crate) use docs::endpoint_doc;
pub(crate) use reference::signature;
pub(crate) use shape_text::{response_text, type_text};
pub(crate) use text::one_line;
mod wire_text;

use std::ops::Range;
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;

use crate::ir::{Api, Ir};
use crate::parallel;

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
    /// Give every endpoint method's rustdoc an example, compiled as a
    /// doctest, reaching the APIs through the package's crate
    /// (`billing_clients::billwerk`): for the crate files' layout.
    pub examples: bool,
    /// The command that regenerates the files, named in their headers.
    pub regenerate: String,
    /// How the Rust files are written out.
    pub format: Format,
    /// Also emit each API's `REFERENCE.md` (the checked-in crate's; a
    /// `build.rs` has no use for it).
    pub reference: bool,
    /// Threads that emit the parts of the APIs (0: one per available CPU).
    pub threads: usize,
}

impl Default for EmitOptions {
    fn default() -> Self {
        Self {
            layout: Layout::Files,
            runtime_path: "crate::runtime".into(),
            runtime_dependency: DEFAULT_RUNTIME_DEPENDENCY.into(),
            crate_files: true,
            examples: true,
            regenerate: "generator generate".into(),
            format: Format::Pretty,
            reference: true,
            threads: 0,
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

/// How emitted Rust is written out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Parsed and pretty-printed (`prettyplease`): the checked-in crate,
    /// which people read and review.
    Pretty,
    /// The tokens' text as it is (long lines): for `build.rs` output that
    /// nobody reads. It compiles to the same API, several times faster to
    /// produce.
    Plain,
}

/// Time spent building tokens and formatting them, summed over the threads
/// that did it (for the benchmarks).
#[derive(Clone, Copy, Debug, Default)]
pub struct EmitTimes {
    pub emit: Duration,
    pub format: Duration,
}

/// Sections per chunk: a chunk of `models.rs` or `client.rs` is emitted and
/// formatted by one thread, on its own, and the chunks' texts are joined in
/// order (printing items one chunk at a time gives the same bytes as
/// printing the file at once, with a fraction of the memory).
const SECTIONS_PER_CHUNK: usize = 32;

/// What one job emits and formats: a part of one API.
#[derive(Clone, Debug)]
enum Part {
    /// The API's root module (`mod.rs`).
    Root,
    /// Sections of `models.rs`.
    Models(Range<usize>),
    /// Sections of `client.rs`.
    Client(Range<usize>),
    /// `REFERENCE.md`.
    Reference,
    /// The whole API as one pretty-printed inline module.
    Inline,
}

/// The text a job produced.
struct Piece {
    api: usize,
    part: Part,
    text: String,
}

/// Emits every file for `ir`.
pub fn emit(ir: &Ir, options: &EmitOptions) -> Result<Vec<OutputFile>, String> {
    emit_timed(ir, options, &mut EmitTimes::default())
}

/// [`emit`], adding the time spent per phase to `times`. Independent parts
/// (each API's root module, reference, and chunks of its models and client)
/// are emitted and formatted on [`EmitOptions::threads`] threads; the output
/// does not depend on their number or order.
pub fn emit_timed(
    ir: &Ir,
    options: &EmitOptions,
    times: &mut EmitTimes,
) -> Result<Vec<OutputFile>, String> {
    syn::parse_str::<syn::Path>(&options.runtime_path)
        .map_err(|e| format!("runtime path `{}`: {e}", options.runtime_path))?;
    let jobs: Vec<(usize, Part)> = ir
        .apis
        .iter()
        .enumerate()
        .flat_map(|(i, api)| parts(api, options).into_iter().map(move |p| (i, p)))
        .collect();
    let done = parallel::map(&jobs, options.threads, |(api, part)| {
        run_job(ir, &ir.apis[*api], part, options).map(|(text, t)| {
            let piece = Piece {
                api: *api,
                part: part.clone(),
                text,
            };
            (piece, t)
        })
    });
    let mut pieces = Vec::with_capacity(done.len());
    for result in done {
        let (piece, t) = result?;
        times.emit += t.emit;
        times.format += t.format;
        pieces.push(piece);
    }
    let mut files = Vec::new();
    for (i, api) in ir.apis.iter().enumerate() {
        let mine: Vec<&Piece> = pieces.iter().filter(|p| p.api == i).collect();
        files.extend(assemble(api, &mine, options));
    }
    if options.crate_files {
        files.push(text::cargo_toml(ir, options)?);
        files.push(text::crate_readme(ir, options)?);
        files.push(module::crate_root(ir, options)?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The jobs of one API.
fn parts(api: &Api, options: &EmitOptions) -> Vec<Part> {
    let reference = options.reference.then_some(Part::Reference);
    if options.layout == Layout::Inline && options.format == Format::Pretty {
        // Nested modules are indented: printed at once.
        return [Some(Part::Inline), reference]
            .into_iter()
            .flatten()
            .collect();
    }
    let chunks = |n: usize| {
        (0..n)
            .step_by(SECTIONS_PER_CHUNK)
            .map(move |start| start..(start + SECTIONS_PER_CHUNK).min(n))
    };
    let mut out: Vec<Part> = [Some(Part::Root), reference]
        .into_iter()
        .flatten()
        .collect();
    out.extend(chunks(models::sections(api).len()).map(Part::Models));
    out.extend(chunks(client::sections(api).len()).map(Part::Client));
    out
}

/// Emits and formats one part of an API.
fn run_job(
    ir: &Ir,
    api: &Api,
    part: &Part,
    options: &EmitOptions,
) -> Result<(String, EmitTimes), String> {
    let runtime: syn::Path = syn::parse_str(&options.runtime_path).map_err(|e| e.to_string())?;
    let examples = options
        .examples
        .then(|| format!("{}::{}", ir.package.lib.as_str(), api.module.as_str()));
    let examples = examples.as_deref();
    let started = Instant::now();
    let tokens: TokenStream = match part {
        Part::Reference => {
            let text = text::reference(api, ir.package.lib.as_str())?.contents;
            let t = EmitTimes {
                emit: started.elapsed(),
                format: Duration::ZERO,
            };
            return Ok((text, t));
        }
        Part::Root => root_module(api, &runtime, options.layout),
        Part::Models(range) => models::sections(api)[range.clone()]
            .iter()
            .map(|s| models::section(api, &runtime, examples, *s))
            .collect(),
        Part::Client(range) => client::sections(api)[range.clone()]
            .iter()
            .map(|s| client::section(api, &runtime, examples, *s))
            .collect(),
        Part::Inline => inline_module(api, &runtime, examples),
    };
    let emitted = started.elapsed();
    let text = match options.format {
        Format::Pretty => rust::pretty(tokens)?,
        Format::Plain => rust::plain(tokens),
    };
    let t = EmitTimes {
        emit: emitted,
        format: started.elapsed() - emitted,
    };
    Ok((text, t))
}

/// An API's root module: its items, then its submodules (declared as files,
/// or nested by [`assemble`]).
fn root_module(api: &Api, runtime: &syn::Path, layout: Layout) -> TokenStream {
    let mut root = module::api_root(api, runtime);
    if layout == Layout::Files {
        root.extend(quote::quote! { pub mod models; mod client; });
    }
    root
}

/// The whole API as `pub mod <api> { .. }` with inline submodules, for
/// `include!` (which rejects inner attributes at file level, so the module
/// is declared in the file itself).
fn inline_module(api: &Api, runtime: &syn::Path, examples: Option<&str>) -> TokenStream {
    let root = module::api_root(api, runtime);
    let models = models::file(api, runtime, examples);
    let client = client::file(api, runtime, examples);
    let name = &api.module;
    quote::quote! { pub mod #name { #root pub mod models { #models } mod client { #client } } }
}

/// The files of one API from its pieces (in job order).
fn assemble(api: &Api, pieces: &[&Piece], options: &EmitOptions) -> Vec<OutputFile> {
    let joined = |want: fn(&Part) -> bool| -> String {
        pieces
            .iter()
            .filter(|p| want(&p.part))
            .map(|p| p.text.as_str())
            .collect()
    };
    let header = rust::header(&api.spec_files.join(", "), &options.regenerate);
    let m = api.module.as_str();
    let file = |path: String, contents: String| OutputFile { path, contents };
    let mut out = Vec::new();
    if options.reference {
        out.push(file(
            format!("src/{m}/REFERENCE.md"),
            joined(|p| matches!(p, Part::Reference)),
        ));
    }
    let root = joined(|p| matches!(p, Part::Root));
    let models = joined(|p| matches!(p, Part::Models(_)));
    let client = joined(|p| matches!(p, Part::Client(_)));
    match (options.layout, options.format) {
        (Layout::Files, _) => {
            out.push(file(format!("src/{m}/mod.rs"), format!("{header}{root}")));
            out.push(file(format!("src/{m}/models.rs"), format!("{header}{models}")));
            out.push(file(format!("src/{m}/client.rs"), format!("{header}{client}")));
        }
        (Layout::Inline, Format::Plain) => out.push(file(
            format!("{m}.rs"),
            format!("{header}pub mod {m} {{\n{root}pub mod models {{\n{models}}}\nmod client {{\n{client}}}\n}}\n"),
        )),
        (Layout::Inline, Format::Pretty) => out.push(file(
            format!("{m}.rs"),
            format!("{header}{}", joined(|p| matches!(p, Part::Inline))),
        )),
    }
    out
}
