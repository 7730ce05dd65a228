//! Command line: `generate`, `generate --check`, `validate`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use generator::{GenerateError, SpecSource};

/// The generator makes and frees millions of small token vectors; with the
/// system allocator that was half of a run (see README, Performance).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "Generates the typed billing API clients from spec/")]
struct Cli {
    /// Workspace root (holds spec/ and generated/). Defaults to this repository.
    #[arg(long, global = true)]
    root: Option<PathBuf>,
    /// Folder of the seed documents, to check citations against. Defaults to
    /// ../shared/seeds next to the workspace when it exists.
    #[arg(long, global = true)]
    seeds: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated/ from spec/.
    Generate {
        /// Do not write; exit 1 and list the files that are out of date.
        #[arg(long)]
        check: bool,
    },
    /// Check the spec only and print every diagnostic.
    Validate,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli
        .root
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."));
    let seeds = cli
        .seeds
        .or_else(|| Some(root.join("../shared/seeds")).filter(|p| p.is_dir()));
    // Run from the workspace root so file names in messages are `spec/...`.
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("cannot enter {}: {e}", root.display());
        return ExitCode::from(2);
    }
    let seeds = seeds.map(|s| std::fs::canonicalize(&s).unwrap_or(s));
    let source = SpecSource {
        root: PathBuf::from("spec"),
        seeds,
    };
    let out = PathBuf::from("generated");
    let result = match cli.command {
        Command::Validate => generator::load_ir(&source).map(|ir| {
            let names: Vec<&str> = ir.apis.iter().map(|a| a.module.as_str()).collect();
            println!("spec is valid: {} API(s): {}", names.len(), names.join(", "));
            if source.seeds.is_none() {
                println!("note: no seeds folder found, citations were checked for syntax only (pass --seeds)");
            }
            true
        }),
        Command::Generate { check: true } => generator::check(&source, &out).map(|stale| {
            if stale.is_empty() {
                println!("generated/ is up to date");
                true
            } else {
                eprintln!("generated/ is out of date with spec/:");
                for s in &stale {
                    eprintln!("  {s}");
                }
                eprintln!("run `cargo run -p generator -- generate` and commit the result");
                false
            }
        }),
        Command::Generate { check: false } => generator::generate(&source, &out).map(|r| {
            for p in &r.written {
                println!("wrote generated/{p}");
            }
            for p in &r.removed {
                println!("removed generated/{p}");
            }
            println!("{} written, {} unchanged, {} removed", r.written.len(), r.unchanged.len(), r.removed.len());
            true
        }),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(GenerateError::Spec(d)) => {
            eprint!("{}", generator::render(&d));
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
