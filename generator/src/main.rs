//! Command line: `generate`, `generate --check`, `validate`, `apis`, `new`.
//! Exit codes: 0 done, 1 the spec or the files need attention (or an I/O
//! error, naming the path), 2 a usage error (clap's).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use generator::{CrateOptions, GenerateError, GitReference, RuntimeSource, SpecSource};

/// The generator makes and frees millions of small token vectors; with the
/// system allocator that was half of a run (see README, Performance).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXAMPLES: &str = "\
Examples:
  generator new acme --base-url https://api.acme.com/v1   # scaffold spec/acme/
  generator validate                                      # check spec/
  generator generate                                      # write generated/ from spec/
  generator generate --check                              # exit 1 if generated/ is stale
  generator --spec api-specs generate --out crates/acme-client";

#[derive(Parser)]
#[command(
    name = "generator",
    version,
    about = "Generates typed async Rust API clients from YAML specs",
    long_about = "Generates typed async Rust API clients from YAML specs: one folder per API \
                  under the spec folder, an optional package.yaml naming the crate.",
    after_help = EXAMPLES
)]
struct Cli {
    /// The spec folder: one sub-folder per API, and package.yaml.
    #[arg(long, global = true, value_name = "DIR", default_value = "spec")]
    spec: PathBuf,
    /// Folder of the documents citations name, checked against them
    /// [default: package.yaml's `documents`, when that folder exists].
    #[arg(long, global = true, value_name = "DIR", alias = "seeds")]
    documents: Option<PathBuf>,
    /// Run as if started in DIR (earlier versions' option; the benchmarks
    /// pass it to old and new binaries alike).
    #[arg(long, global = true, value_name = "DIR", hide = true)]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the client crate from the spec (only files that changed; files
    /// the spec no longer produces are removed).
    #[command(
        after_help = "Examples:\n  generator generate\n  generator generate --check\n  \
                            generator --spec specs generate --out client --runtime-git https://example.com/gen.git --runtime-tag v0.1.0"
    )]
    Generate {
        /// Do not write; exit 1 and list the files that are out of date.
        #[arg(long)]
        check: bool,
        /// The crate folder to write.
        #[arg(long, value_name = "DIR", default_value = "generated")]
        out: PathBuf,
        #[command(flatten)]
        runtime: RuntimeArgs,
    },
    /// Check the spec and print every diagnostic.
    #[command(
        after_help = "Examples:\n  generator validate\n  generator --spec specs --documents docs validate"
    )]
    Validate,
    /// What a spec change does to the generated crate's callers: each change
    /// classified breaking, wire, additive or docs.
    #[command(
        after_help = "Examples:\n  generator diff --against main                # the working tree's spec/ against main\n  \
                            generator diff old-spec spec --format markdown > comment.md\n  \
                            generator diff --against origin/main --fail-on breaking   # in CI"
    )]
    Diff {
        /// The old spec folder (with NEW), instead of --against.
        #[arg(conflicts_with = "against", requires = "new")]
        old: Option<PathBuf>,
        /// The new spec folder [default: --spec].
        new: Option<PathBuf>,
        /// Compare --spec with itself at this git revision (read through git).
        #[arg(long, value_name = "REV")]
        against: Option<String>,
        /// text or markdown.
        #[arg(long, default_value = "text", value_parser = ["text", "markdown"])]
        format: String,
        /// Exit 1 when a change is at least this severe: breaking, wire, additive or docs.
        #[arg(long, value_name = "KIND", value_parser = ["breaking", "wire", "additive", "docs"])]
        fail_on: Option<String>,
    },
    /// Which sections of the source documents the spec cites, which it does
    /// not, and which items rest on assumptions (Markdown).
    #[command(
        after_help = "Examples:\n  generator coverage > COVERAGE.md\n  generator --documents docs coverage"
    )]
    Coverage,
    /// Export each API as an OpenAPI 3.1 document (what OpenAPI cannot say
    /// as `x-` extensions).
    #[command(
        after_help = "Examples:\n  generator openapi --out openapi        # openapi/<api>.openapi.yaml per API\n  generator openapi --api acme            # one API to stdout"
    )]
    Openapi {
        /// Write `<api>.openapi.yaml` files into DIR instead of stdout.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Only this API (its module name).
        #[arg(long)]
        api: Option<String>,
    },
    /// Print the spec's APIs (module and cargo feature names), one per line, for scripts.
    #[command(
        after_help = "Examples:\n  generator apis\n  for api in $(generator apis); do cargo build -p my-client --no-default-features --features $api; done"
    )]
    Apis,
    /// Bootstrap a spec from another description of the API.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Scaffold a spec folder for a new API that validates and generates.
    #[command(after_help = "Examples:\n  generator new acme\n  \
                            generator --spec specs new acme_billing --title \"Acme Billing\" --base-url https://api.acme.com/v2")]
    New {
        /// The API's module name, snake_case (`acme`); also its folder and cargo feature.
        name: String,
        /// The API's human name [default: NAME].
        #[arg(long)]
        title: Option<String>,
        /// The API's base URL (https) [default: https://api.NAME.example.com/v1].
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Write a spec for an OpenAPI 3.0 or 3.1 document (JSON or YAML) to
    /// SPEC/NAME, every item citing the document; what could not be mapped
    /// is listed (and written to SPEC/NAME/IMPORT.md).
    #[command(
        after_help = "Examples:\n  generator import openapi docs/openapi.yaml --name acme\n  \
                            generator --spec specs import openapi lago.json --name lago"
    )]
    Openapi {
        /// The OpenAPI document.
        file: PathBuf,
        /// The API's module name, snake_case [default: from the document's title].
        #[arg(long)]
        name: Option<String>,
    },
}

/// Where the generated crate finds the runtime crate; overrides
/// package.yaml's `runtime`. Default: the runtime beside this generator's sources.
#[derive(Args)]
struct RuntimeArgs {
    /// The runtime crate's folder (written relative to the crate).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["runtime_git", "runtime_version"])]
    runtime_path: Option<PathBuf>,
    /// A git repository holding the runtime crate.
    #[arg(long, value_name = "URL", conflicts_with = "runtime_version")]
    runtime_git: Option<String>,
    /// The runtime's version in a registry (once it is published).
    #[arg(long, value_name = "VERSION")]
    runtime_version: Option<String>,
    /// With --runtime-git: the commit.
    #[arg(long, requires = "runtime_git", conflicts_with_all = ["runtime_branch", "runtime_tag"])]
    runtime_rev: Option<String>,
    /// With --runtime-git: the branch.
    #[arg(long, requires = "runtime_git", conflicts_with = "runtime_tag")]
    runtime_branch: Option<String>,
    /// With --runtime-git: the tag.
    #[arg(long, requires = "runtime_git")]
    runtime_tag: Option<String>,
}

impl RuntimeArgs {
    fn source(self) -> Option<RuntimeSource> {
        if let Some(p) = self.runtime_path {
            return Some(RuntimeSource::Path(p));
        }
        if let Some(url) = self.runtime_git {
            let reference = [
                (GitReference::Rev, self.runtime_rev),
                (GitReference::Branch, self.runtime_branch),
                (GitReference::Tag, self.runtime_tag),
            ]
            .into_iter()
            .find_map(|(k, v)| v.map(|v| (k, v)));
            return Some(RuntimeSource::Git { url, reference });
        }
        self.runtime_version.map(RuntimeSource::Version)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(root) = &cli.root {
        if let Err(e) = std::env::set_current_dir(root) {
            eprintln!("error: cannot enter {}: {e}", root.display());
            return ExitCode::from(1);
        }
    }
    let source = SpecSource {
        root: cli.spec.clone(),
        seeds: cli.documents.clone(),
    };
    let result = match cli.command {
        Command::New {
            name,
            title,
            base_url,
        } => {
            return new(
                &cli.spec,
                generator::NewApi {
                    name,
                    title,
                    base_url,
                },
            );
        }
        Command::Import(ImportCommand::Openapi { file, name }) => {
            return import_openapi(&cli.spec, &file, name.as_deref());
        }
        Command::Diff {
            old,
            new,
            against,
            format,
            fail_on,
        } => {
            return diff(
                &source,
                old,
                new,
                against.as_deref(),
                &format,
                fail_on.as_deref(),
            );
        }
        Command::Coverage => spec_folder(&source).and_then(|()| {
            let ir = generator::load_ir(&source)?;
            let folder = generator::documents_folder(&source, Some(&ir.package));
            let text =
                generator::coverage::report(&ir, folder.as_deref()).map_err(GenerateError::Emit)?;
            print!("{text}");
            Ok(true)
        }),
        Command::Openapi { out, api } => {
            spec_folder(&source).and_then(|()| export(&source, out.as_deref(), api.as_deref()))
        }
        Command::Validate => validate(&source),
        Command::Apis => spec_folder(&source).and_then(|()| {
            for api in generator::load_ir(&source)?.apis {
                println!("{}", api.module.as_str());
            }
            Ok(true)
        }),
        Command::Generate {
            check,
            out,
            runtime,
        } => {
            let options = CrateOptions {
                runtime: runtime.source(),
                regenerate: regenerate_command(&cli.spec, &out),
            };
            if check {
                check_crate(&source, &out, &options)
            } else {
                generate(&source, &out, &options)
            }
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(GenerateError::Spec(d)) => {
            eprint!("{}", generator::render(&d));
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// The command the headers name: this one, with the folders it was given.
fn regenerate_command(spec: &std::path::Path, out: &std::path::Path) -> String {
    let mut command = String::from("generator");
    if spec != std::path::Path::new("spec") {
        command.push_str(&format!(" --spec {}", spec.display()));
    }
    command.push_str(" generate");
    if out != std::path::Path::new("generated") {
        command.push_str(&format!(" --out {}", out.display()));
    }
    command
}

/// Fails early, naming the folder, when the spec folder is missing.
fn spec_folder(source: &SpecSource) -> Result<(), GenerateError> {
    if source.root.is_dir() {
        return Ok(());
    }
    Err(GenerateError::Io(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        format!(
            "the spec folder {} does not exist; pass --spec DIR, or scaffold one with `generator new NAME`",
            source.root.display()
        ),
    )))
}

fn export(
    source: &SpecSource,
    out: Option<&std::path::Path>,
    only: Option<&str>,
) -> Result<bool, GenerateError> {
    let ir = generator::load_ir(source)?;
    let apis: Vec<&generator::ir::Api> = ir
        .apis
        .iter()
        .filter(|a| only.is_none_or(|o| a.module.as_str() == o))
        .collect();
    if apis.is_empty() {
        eprintln!(
            "error: no API named `{}` in {}",
            only.unwrap_or_default(),
            source.root.display()
        );
        return Ok(false);
    }
    for api in apis {
        let text = generator::export::openapi(api, &ir.package).map_err(GenerateError::Emit)?;
        match out {
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    GenerateError::Io(std::io::Error::new(
                        e.kind(),
                        format!("{}: {e}", dir.display()),
                    ))
                })?;
                let path = dir.join(format!("{}.openapi.yaml", api.module.as_str()));
                std::fs::write(&path, text).map_err(|e| {
                    GenerateError::Io(std::io::Error::new(
                        e.kind(),
                        format!("{}: {e}", path.display()),
                    ))
                })?;
                println!("wrote {}", path.display());
            }
            None => print!("{text}"),
        }
    }
    Ok(true)
}

fn validate(source: &SpecSource) -> Result<bool, GenerateError> {
    spec_folder(source)?;
    let ir = generator::load_ir(source)?;
    let names: Vec<&str> = ir.apis.iter().map(|a| a.module.as_str()).collect();
    println!(
        "{} is valid: crate {} with {} API(s): {}",
        source.root.display(),
        ir.package.name,
        names.len(),
        names.join(", ")
    );
    match generator::documents_folder(source, Some(&ir.package)) {
        Some(d) => println!("citations checked against {}", d.display()),
        None => println!(
            "note: no documents folder, citations were checked for syntax only (pass --documents DIR or set package.documents)"
        ),
    }
    Ok(true)
}

fn check_crate(
    source: &SpecSource,
    out: &std::path::Path,
    options: &CrateOptions,
) -> Result<bool, GenerateError> {
    spec_folder(source)?;
    let stale = generator::check_crate(source, out, options)?;
    if stale.is_empty() {
        println!("{} is up to date", out.display());
        return Ok(true);
    }
    eprintln!(
        "{} is out of date with {}:",
        out.display(),
        source.root.display()
    );
    for s in &stale {
        eprintln!("  {s}");
    }
    eprintln!("run `{}` and commit the result", options.regenerate);
    Ok(false)
}

fn generate(
    source: &SpecSource,
    out: &std::path::Path,
    options: &CrateOptions,
) -> Result<bool, GenerateError> {
    spec_folder(source)?;
    let r = generator::generate_crate(source, out, options)?;
    let shown = |p: &String| out.join(p).display().to_string();
    for p in &r.written {
        println!("wrote {}", shown(p));
    }
    for p in &r.removed {
        println!("removed {}", shown(p));
    }
    println!(
        "{} written, {} unchanged, {} removed",
        r.written.len(),
        r.unchanged.len(),
        r.removed.len()
    );
    Ok(true)
}

fn import_openapi(spec: &std::path::Path, file: &std::path::Path, name: Option<&str>) -> ExitCode {
    match generator::import_openapi_file(spec, file, name) {
        Ok(done) => {
            for f in &done.written {
                println!("created {}", f.display());
            }
            let c = &done.imported.counts;
            println!(
                "\nimported {} operation(s), {} model(s), {} enum(s), {} id(s), {} union(s)",
                c.operations, c.models, c.enums, c.ids, c.unions
            );
            if !done.imported.report.notes.is_empty() {
                println!("\nto finish by hand ({}):", done.report_path.display());
                for n in &done.imported.report.notes {
                    println!("  {}: {}", n.pointer, n.what);
                }
            }
            let spec_arg = if spec == std::path::Path::new("spec") {
                String::new()
            } else {
                format!(" --spec {}", spec.display())
            };
            println!(
                "\nNext steps:\n  1. review {} against the document\n  2. generator{spec_arg} validate\n  3. generator{spec_arg} generate",
                done.folder.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn diff(
    source: &SpecSource,
    old: Option<PathBuf>,
    new: Option<PathBuf>,
    against: Option<&str>,
    format: &str,
    fail_on: Option<&str>,
) -> ExitCode {
    let load = |root: PathBuf| {
        let s = SpecSource {
            root,
            seeds: source.seeds.clone(),
        };
        spec_folder(&s).and_then(|()| generator::load_ir(&s))
    };
    let tree;
    let (old, new) = match (old, new, against) {
        (Some(o), Some(n), _) => (load(o), load(n)),
        (None, _, Some(rev)) => {
            tree = match generator::git_tree::spec_at(&source.root, rev) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(1);
                }
            };
            (load(tree.spec.clone()), load(source.root.clone()))
        }
        _ => {
            eprintln!("error: give two spec folders (OLD NEW) or --against REV");
            return ExitCode::from(2);
        }
    };
    let (old, new) = match (old, new) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprint!(
                "{}",
                match e {
                    GenerateError::Spec(d) => generator::render(&d),
                    e => format!("error: {e}\n"),
                }
            );
            return ExitCode::from(1);
        }
    };
    let changes = generator::diff::compare(&old, &new);
    match format {
        "markdown" => match generator::diff::markdown(&changes) {
            Ok(m) => print!("{m}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        },
        _ => print!("{}", generator::diff::text(&changes)),
    }
    let kind = match fail_on {
        Some("breaking") => Some(generator::diff::Kind::Breaking),
        Some("wire") => Some(generator::diff::Kind::Wire),
        Some("additive") => Some(generator::diff::Kind::Additive),
        Some("docs") => Some(generator::diff::Kind::Docs),
        _ => None,
    };
    match kind {
        Some(k) if generator::diff::any_at_least(&changes, k) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

fn new(spec: &std::path::Path, api: generator::NewApi) -> ExitCode {
    let name = api.name.clone();
    match generator::new_api(spec, &api) {
        Ok(files) => {
            for f in &files {
                println!("created {}", f.display());
            }
            let spec_arg = if spec == std::path::Path::new("spec") {
                String::new()
            } else {
                format!(" --spec {}", spec.display())
            };
            println!(
                "\nNext steps:\n  \
                 1. describe the API in {dir}/*.yaml from its docs: every item cites `source:` or says `assumption:`\n  \
                 2. generator{spec_arg} validate\n  \
                 3. generator{spec_arg} generate --out {name}-client\n  \
                 4. add the crate to your workspace and call it: {lib}_client::{module}::Client::builder()...",
                dir = spec.join(&name).display(),
                name = name.replace('_', "-"),
                lib = name,
                module = name,
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
