//! Generates typed async Rust clients from the YAML specs in `spec/`.
//!
//! Pipeline, one direction only:
//! `load` (YAML -> raw structs) -> `validate` (diagnostics, raw -> IR) ->
//! `emit` (IR -> files) -> `writer` (files -> disk).
//!
//! A downstream `build.rs` can call [`generate_into`] to emit into `OUT_DIR`.

pub mod coverage;
mod diag;
pub mod diff;
mod emit;
pub mod export;
pub mod git_tree;
pub mod import;
pub mod ir;
mod load;
mod locate;
mod names;
mod parallel;
#[doc(hidden)]
pub mod properties;
mod raw;
mod runtime_dependency;
mod scaffold;
mod scalars;
mod source;
mod types;
mod validate;
mod writer;
mod yaml_errors;
mod yaml_value;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use diag::{Diagnostic, Rule, render};
pub use emit::{
    DEFAULT_RUNTIME_DEPENDENCY, EmitOptions, EmitTimes, Format, Layout, OutputFile, RUNTIME_CRATE,
};
pub use scaffold::{ImportDone, NewApi, ScaffoldError, import_openapi_file, new_api};
pub use source::SourceFile;
pub use validate::{SeedIndex, seed_index};
pub use writer::{Stale, WriteReport};

/// Where a spec lives and how its files are named in diagnostics.
#[derive(Clone, Debug)]
pub struct SpecSource {
    /// Folder with one sub-folder per API.
    pub root: PathBuf,
    /// Folder of the seed documents citations are checked against, if available.
    pub seeds: Option<PathBuf>,
}

/// Everything that can go wrong in a run.
#[derive(Debug)]
pub enum GenerateError {
    /// The spec has problems; all of them are listed.
    Spec(Vec<Diagnostic>),
    /// Reading or writing failed.
    Io(std::io::Error),
    /// An emitter failed (a generator bug).
    Emit(String),
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::Spec(d) => f.write_str(&render(d)),
            GenerateError::Io(e) => write!(f, "I/O error: {e}"),
            GenerateError::Emit(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for GenerateError {}

impl From<std::io::Error> for GenerateError {
    fn from(e: std::io::Error) -> Self {
        GenerateError::Io(e)
    }
}

/// Validates the files of one API (already read) and returns its IR.
pub fn validate_files(
    files: Vec<SourceFile>,
    seeds: &SeedIndex,
) -> Result<ir::Api, Vec<Diagnostic>> {
    validate_files_timed(files, seeds, &mut PhaseTimes::default())
}

fn validate_files_timed(
    files: Vec<SourceFile>,
    seeds: &SeedIndex,
    times: &mut PhaseTimes,
) -> Result<ir::Api, Vec<Diagnostic>> {
    let started = Instant::now();
    let mut diags = diag::Diagnostics::default();
    let raw = load::parse(files, &mut diags);
    let parsed = Instant::now();
    times.load += parsed - started;
    let api = validate::validate_api(&raw, seeds);
    times.validate += parsed.elapsed();
    let mut all = diags.into_sorted();
    match api {
        Ok(api) if all.is_empty() => Ok(api),
        Ok(_) => Err(all),
        Err(more) => {
            all.extend(more);
            if all.is_empty() {
                all.push(Diagnostic {
                    file: String::new(),
                    line: None,
                    path: "api".into(),
                    rule: diag::Rule::MissingApi,
                    message: "the API has no spec files".into(),
                    help: Some("add at least one `.yaml` file with an `api:` block".into()),
                });
            }
            all.sort();
            all.dedup();
            Err(all)
        }
    }
}

/// How long each phase of a run took (for the benchmarks): reading and
/// parsing the YAML, validation, building tokens and formatting them
/// (summed over the emitting threads), writing.
#[derive(Clone, Copy, Debug, Default)]
pub struct PhaseTimes {
    pub load: Duration,
    pub validate: Duration,
    pub emit: Duration,
    pub format: Duration,
    pub write: Duration,
}

/// Loads and validates every API under the spec root.
pub fn load_ir(source: &SpecSource) -> Result<ir::Ir, GenerateError> {
    load_ir_timed(source, &mut PhaseTimes::default())
}

fn load_ir_timed(source: &SpecSource, times: &mut PhaseTimes) -> Result<ir::Ir, GenerateError> {
    let mut errors = Vec::new();
    let package = match read_package(&source.root) {
        Ok(p) => p,
        Err(d) => {
            errors.extend(d);
            None
        }
    };
    let documents = documents_folder(source, package.as_ref());
    let seeds = validate::seed_index(documents.as_deref())?;
    let mut apis = Vec::new();
    for dir in load::api_dirs(&source.root)? {
        let started = Instant::now();
        let mut diags = diag::Diagnostics::default();
        let files = load::read_files(&source.root, &load::yaml_files(&dir)?, &mut diags);
        errors.extend(diags.into_sorted());
        times.load += started.elapsed();
        match validate_files_timed(files, &seeds, times) {
            Ok(api) => apis.push(api),
            Err(d) => errors.extend(d),
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for api in &apis {
        if !seen.insert(api.module.clone()) {
            errors.push(Diagnostic {
                file: load::display_name(&source.root, &source.root),
                line: None,
                path: "api.name".into(),
                rule: diag::Rule::DuplicateName,
                message: format!("two API folders are both named `{}`", api.module),
                help: Some("give each API a unique `api.name`".into()),
            });
        }
    }
    if apis.is_empty() && errors.is_empty() {
        errors.push(Diagnostic {
            file: load::display_name(&source.root, &source.root),
            line: None,
            path: String::new(),
            rule: diag::Rule::MissingApi,
            message: "the spec folder has no API: no sub-folder holds `.yaml` files".into(),
            help: Some(
                "create one with `generator new <name>`, or pass the right `--spec` folder".into(),
            ),
        });
    }
    if !errors.is_empty() {
        return Err(GenerateError::Spec(errors));
    }
    apis.sort_by(|a, b| a.module.cmp(&b.module));
    let package = package.unwrap_or_else(|| {
        let modules: Vec<&str> = apis.iter().map(|a| a.module.as_str()).collect();
        ir::Package::named_after(&modules)
    });
    Ok(ir::Ir { package, apis })
}

/// `package.yaml` of a spec folder, validated; `None` when there is none.
fn read_package(root: &Path) -> Result<Option<ir::Package>, Vec<Diagnostic>> {
    let path = root.join(validate::package::FILE);
    if !path.is_file() {
        return Ok(None);
    }
    let name = load::display_name(root, &path);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        vec![Diagnostic {
            file: name.clone(),
            line: None,
            path: String::new(),
            rule: diag::Rule::Io,
            message: format!("cannot read the file: {e}"),
            help: None,
        }]
    })?;
    validate::package::package(&SourceFile { name, text }).map(Some)
}

/// The folder citations are checked against: `--seeds` when given, else
/// the package's `documents` folder when it exists.
pub fn documents_folder(source: &SpecSource, package: Option<&ir::Package>) -> Option<PathBuf> {
    source.seeds.clone().or_else(|| {
        package
            .and_then(|p| p.documents.as_ref())
            .map(|d| runtime_dependency::normalise(&source.root.join(d)))
            .filter(|d| d.is_dir())
    })
}

/// Produces every file for the spec, in memory.
pub fn generate_files(
    source: &SpecSource,
    options: &EmitOptions,
) -> Result<Vec<OutputFile>, GenerateError> {
    let ir = load_ir(source)?;
    emit::emit(&ir, options).map_err(GenerateError::Emit)
}

/// How a checked-in crate is generated: where it finds the runtime and
/// the command its headers name.
#[derive(Clone, Debug)]
pub struct CrateOptions {
    /// Where the crate finds the runtime crate; `None`: what the spec's
    /// `package.yaml` says (its paths relative to the spec folder), else the
    /// runtime beside this generator's sources ([`bundled_runtime`]).
    pub runtime: Option<RuntimeSource>,
    /// The command that regenerates the crate, named in every file's header.
    pub regenerate: String,
}

impl Default for CrateOptions {
    fn default() -> Self {
        Self {
            runtime: None,
            regenerate: "generator generate".into(),
        }
    }
}

pub use ir::{GitReference, Package, RuntimeSource};
pub use runtime_dependency::bundled_runtime;

/// The emit options of the crate written to `out` for `ir`.
fn crate_emit_options(
    ir: &ir::Ir,
    source: &SpecSource,
    out: &Path,
    options: &CrateOptions,
) -> EmitOptions {
    let runtime = match (&options.runtime, &ir.package.runtime) {
        (Some(r), _) => r.clone(),
        (None, Some(RuntimeSource::Path(p))) => RuntimeSource::Path(source.root.join(p)),
        (None, Some(r)) => r.clone(),
        (None, None) => RuntimeSource::Path(bundled_runtime()),
    };
    EmitOptions {
        runtime_dependency: runtime_dependency::toml(&runtime, out),
        regenerate: options.regenerate.clone(),
        ..EmitOptions::default()
    }
}

/// Regenerates the checked-in crate at `out` (write-if-changed, stale files removed).
pub fn generate(source: &SpecSource, out: &Path) -> Result<WriteReport, GenerateError> {
    generate_crate(source, out, &CrateOptions::default())
}

/// [`generate`] with the runtime's source and the regenerating command.
pub fn generate_crate(
    source: &SpecSource,
    out: &Path,
    options: &CrateOptions,
) -> Result<WriteReport, GenerateError> {
    let mut times = PhaseTimes::default();
    let ir = load_ir_timed(source, &mut times)?;
    let emit_options = crate_emit_options(&ir, source, out, options);
    write_ir(&ir, out, &emit_options, &mut times)
}

/// Generates the files `options` asks for into `out` (write-if-changed,
/// stale files removed when crate files are emitted), adding the time of
/// each phase to `times`.
pub fn generate_timed(
    source: &SpecSource,
    out: &Path,
    options: &EmitOptions,
    times: &mut PhaseTimes,
) -> Result<WriteReport, GenerateError> {
    let ir = load_ir_timed(source, times)?;
    write_ir(&ir, out, options, times)
}

fn write_ir(
    ir: &ir::Ir,
    out: &Path,
    options: &EmitOptions,
    times: &mut PhaseTimes,
) -> Result<WriteReport, GenerateError> {
    let mut emitted = EmitTimes::default();
    let files = emit::emit_timed(ir, options, &mut emitted).map_err(GenerateError::Emit)?;
    times.emit += emitted.emit;
    times.format += emitted.format;
    let started = Instant::now();
    let report = writer::write(out, &files, options.crate_files)?;
    times.write += started.elapsed();
    Ok(report)
}

/// Lists what `generate` would change in `out`, without writing.
pub fn check(source: &SpecSource, out: &Path) -> Result<Vec<Stale>, GenerateError> {
    check_crate(source, out, &CrateOptions::default())
}

/// [`check`] with the options [`generate_crate`] takes.
pub fn check_crate(
    source: &SpecSource,
    out: &Path,
    options: &CrateOptions,
) -> Result<Vec<Stale>, GenerateError> {
    let ir = load_ir(source)?;
    let emit_options = crate_emit_options(&ir, source, out, options);
    let files = emit::emit(&ir, &emit_options).map_err(GenerateError::Emit)?;
    Ok(writer::check(out, &files)?)
}

/// One-call entry point for a downstream `build.rs`: emits one `<api>.rs` per
/// API into `out_dir` (e.g. `OUT_DIR`), each with inline submodules, for
/// `include!`. The emitted code uses the runtime crate directly
/// (`::api_client_runtime`), so the including crate depends on
/// `api-client-runtime` and `serde` (with `derive`), not on any generated
/// crate. The operations get no `# Example` doctests here: their paths would
/// depend on where the including crate puts the modules. The files are not
/// pretty-printed ([`Format::Plain`]: nobody reads them, and it is several
/// times faster); their API is the one the checked-in layout has.
///
/// ```no_run
/// // build.rs
/// let out = std::env::var("OUT_DIR").unwrap();
/// generator::generate_into("spec".as_ref(), out.as_ref()).unwrap();
/// println!("cargo::rerun-if-changed=spec");
/// ```
pub fn generate_into(spec_root: &Path, out_dir: &Path) -> Result<Vec<PathBuf>, GenerateError> {
    generate_into_with(spec_root, out_dir, &build_options(emit::RUNTIME_CRATE))
}

/// [`generate_into`], with the emitted code finding the runtime at
/// `runtime_path` instead (`crate::runtime` when the including crate
/// re-exports it as its own `runtime` module).
pub fn generate_into_with_runtime(
    spec_root: &Path,
    out_dir: &Path,
    runtime_path: &str,
) -> Result<Vec<PathBuf>, GenerateError> {
    generate_into_with(spec_root, out_dir, &build_options(runtime_path))
}

/// The options [`generate_into`] emits with: the inline layout, plain
/// format, no crate files and no examples.
pub fn build_options(runtime_path: &str) -> EmitOptions {
    EmitOptions {
        layout: Layout::Inline,
        runtime_path: runtime_path.to_owned(),
        crate_files: false,
        examples: false,
        format: Format::Plain,
        reference: false,
        ..EmitOptions::default()
    }
}

/// [`generate_into`] with other options (`format: Format::Pretty` for
/// files people read); writes the `.rs` files only.
pub fn generate_into_with(
    spec_root: &Path,
    out_dir: &Path,
    options: &EmitOptions,
) -> Result<Vec<PathBuf>, GenerateError> {
    let source = SpecSource {
        root: spec_root.to_path_buf(),
        seeds: None,
    };
    let files: Vec<OutputFile> = generate_files(&source, options)?
        .into_iter()
        .filter(|f| f.path.ends_with(".rs"))
        .collect();
    writer::write(out_dir, &files, false)?;
    Ok(files.iter().map(|f| out_dir.join(&f.path)).collect())
}
