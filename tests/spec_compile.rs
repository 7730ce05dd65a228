//! "Every spec that validates compiles", at scale. The fuzz property stops
//! at "the output parses"; this generates many specs that validate into one
//! crate and runs `cargo check` on it:
//!
//! - mutants of the construct specs and the real APIs (lines deleted,
//!   duplicated, swapped, keys renamed to Rust keywords, prelude and runtime
//!   names, values replaced), kept when they validate;
//! - synthetic specs: the benchmark's spec of every construct, chains of
//!   models at the depth limit, deeply nested type expressions, and names
//!   chosen to collide with the generated code's own (those the scope check
//!   refuses are not compiled: refusing them is its job).
//!
//! CI runs the bounded version (`SPEC_COMPILE_COUNT` mutants, default 40,
//! seed `SPEC_COMPILE_SEED`, default 1); the longer one is the same test with
//! a larger count (README, "Fuzzing"). The crate is written to
//! `target/spec-compile/` and checked with its own target folder there; a
//! failure names the module, and its spec files are kept beside it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::SourceFile;
use generator::properties::{Choices, Corpus, generated_module, mutated_api};

/// A spec to compile: where it came from, and its files.
struct Candidate {
    origin: String,
    files: Vec<SourceFile>,
}

fn one_file(origin: &str, text: String) -> Candidate {
    Candidate {
        origin: origin.to_owned(),
        files: vec![SourceFile {
            name: format!("{origin}.yaml"),
            text,
        }],
    }
}

const HEADER: &str = "api:\n  name: synthetic\n  title: Synthetic\n  doc: A synthetic spec.\n  source: \"doc.txt#Section A\"\n  base_url: https://api.example.com/v1\n  auth: {kind: bearer, assumption: test}\n";

/// Models `M0 .. M{n-1}` each holding the next through `ty` (`{}` is the
/// next model), and an endpoint returning the first.
fn chain(n: usize, ty: &str, required: bool) -> String {
    let mut s = format!("{HEADER}models:\n");
    for i in 0..n {
        let _ = write!(
            s,
            "  M{i}:\n    doc: Model {i}.\n    source: \"doc.txt#Section A\"\n    fields:\n      Name: {{type: string, doc: The name.}}\n"
        );
        if i + 1 < n {
            let next = ty.replace("{}", &format!("M{}", i + 1));
            let req = if required { ", required: true" } else { "" };
            let _ = writeln!(s, "      Next: {{type: \"{next}\"{req}, doc: The next.}}");
        }
    }
    s.push_str("resources:\n  things:\n    doc: Things.\n    endpoints:\n      get:\n        method: GET\n        path: /things/{id}\n        doc: Gets one.\n        source: \"doc.txt#Section A\"\n        params:\n          id: {in: path, type: string, doc: The id.}\n        response: M0\n");
    s
}

/// A model with fields of deeply nested type expressions.
fn nested_types() -> String {
    let mut deep = "Leaf".to_owned();
    for i in 0..12 {
        deep = if i % 2 == 0 {
            format!("list<{deep}>")
        } else {
            format!("map<{deep}>")
        };
    }
    format!(
        "{HEADER}ids:\n  LeafId: {{doc: An id., source: \"doc.txt#Section A\"}}\nmodels:\n  Leaf:\n    doc: A leaf.\n    source: \"doc.txt#Section A\"\n    fields:\n      Id: {{type: LeafId, required: true, doc: The id.}}\n  Tree:\n    doc: Nested containers.\n    source: \"doc.txt#Section A\"\n    fields:\n      Deep: {{type: \"{deep}\", doc: Deep.}}\n      Mixed: {{type: \"one_or_many<id_or_object<LeafId, Leaf>>\", doc: Mixed.}}\n      Maps: {{type: \"map<map<map<one_or_many<decimal>>>>\", doc: Maps.}}\nresources:\n  trees:\n    doc: Trees.\n    endpoints:\n      get:\n        method: GET\n        path: /trees/{{id}}\n        doc: Gets one.\n        source: \"doc.txt#Section A\"\n        params:\n          id: {{in: path, type: string, doc: The id.}}\n        response: Tree\n"
    )
}

/// Names the generated code itself uses, as models, fields, enum values
/// and endpoints.
fn colliding_names() -> Vec<Candidate> {
    let models = [
        "Client",
        "ClientBuilder",
        "Error",
        "Response",
        "Call",
        "Result",
        "Models",
        "Rt",
        "ErrorBody",
        "ErrorDetails",
        "Page",
        "Pages",
        "Items",
        "Secret",
        "Extra",
        "IdKinds",
    ];
    let fields = [
        "type", "self", "Self", "extra", "new", "fn", "crate", "super", "r#type", "match", "async",
        "await", "dyn", "Type", "TYPE", "type_", "_type", "1st", "f0",
    ];
    let endpoints = [
        "timeout",
        "build",
        "header",
        "deadline",
        "retry_policy",
        "list",
        "get",
    ];
    let mut out = Vec::new();
    for (i, m) in models.iter().enumerate() {
        let field = fields[i % fields.len()];
        let endpoint = endpoints[i % endpoints.len()];
        let text = format!(
            "{HEADER}models:\n  {m}:\n    doc: A model.\n    source: \"doc.txt#Section A\"\n    open: true\n    fields:\n      {field}: {{type: string, required: true, doc: A field.}}\n      other: {{type: {m}, doc: Itself.}}\nenums:\n  Kind:\n    doc: Kinds.\n    source: \"doc.txt#Section A\"\n    values:\n      a-b: {{doc: One.}}\n      a_b2: {{doc: Two.}}\n      Self: {{doc: Three.}}\nresources:\n  things:\n    doc: Things.\n    endpoints:\n      {endpoint}:\n        method: GET\n        path: /things/{{id}}\n        doc: Gets one.\n        source: \"doc.txt#Section A\"\n        params:\n          id: {{in: path, type: string, doc: The id.}}\n          kind: {{in: query, type: Kind, doc: The kind.}}\n        response: {m}\n"
        );
        out.push(one_file(&format!("names-{i}"), text));
    }
    out
}

/// The benchmark's synthetic spec (every construct) at a small size.
fn every_construct(dir: &Path) -> Candidate {
    let spec = dir.join("every-construct");
    std::fs::create_dir_all(&spec).expect("a spec folder");
    generator_bench::synth::write(&spec, "synth", 24).expect("the synthetic spec is written");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&spec)
        .expect("the spec folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    paths.sort();
    Candidate {
        origin: "every-construct".into(),
        files: paths
            .iter()
            .map(|p| SourceFile {
                name: format!("synth/{}", p.file_name().unwrap().to_string_lossy()),
                text: std::fs::read_to_string(p).expect("a spec file"),
            })
            .collect(),
    }
}

fn synthetic(dir: &Path) -> Vec<Candidate> {
    let mut out = vec![
        every_construct(dir),
        one_file("chain-optional", chain(51, "{}", false)),
        one_file("chain-required", chain(101, "{}", true)),
        one_file("chain-list", chain(34, "list<{}>", false)),
        one_file("chain-one-or-many", chain(34, "one_or_many<{}>", false)),
        one_file("chain-map-list", chain(26, "map<list<{}>>", false)),
        one_file("nested-types", nested_types()),
    ];
    out.extend(colliding_names());
    out
}

/// Up to `count` mutants that validate, from `seed`; and how many were tried.
fn mutants(corpus: &Corpus, count: usize, seed: u64) -> (Vec<Candidate>, usize) {
    let mut choices = Choices::new(seed);
    let (mut out, mut tried) = (Vec::new(), 0);
    while out.len() < count && tried < count * 400 {
        tried += 1;
        let which = choices.bytes(1)[0];
        let n = 3 + usize::try_from(choices.next_u64() % 22).unwrap_or(0);
        let ops = choices.bytes(n);
        if let Some(files) = mutated_api(corpus, which, &ops) {
            if generated_module(files.clone()).is_some() {
                out.push(Candidate {
                    origin: format!("mutant {which} {ops:?}"),
                    files,
                });
            }
        }
    }
    (out, tried)
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Writes the crate: one module per candidate that validates; returns the
/// modules written and their origins.
fn write_crate(dir: &Path, candidates: &[Candidate]) -> Vec<(String, String)> {
    let runtime = integration_tests::workspace_root().join("generator/runtime");
    let runtime = runtime.canonicalize().expect("the runtime folder");
    std::fs::create_dir_all(dir.join("src")).expect("the crate folder");
    let manifest = format!(
        "[package]\nname = \"spec-compile\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\napi-client-runtime = {{ path = {:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\n[workspace]\n",
        runtime.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("the manifest");
    let mut lib = String::from("//! Specs that validate, generated as a build script would.\n\n");
    let mut modules = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let Some(code) = generated_module(c.files.clone()) else {
            continue;
        };
        let name = format!("m{i}");
        std::fs::write(dir.join(format!("src/{name}.rs")), code).expect("a module");
        let spec = dir.join("specs").join(&name);
        std::fs::create_dir_all(&spec).expect("a spec folder");
        for f in &c.files {
            let file = f.name.rsplit('/').next().unwrap_or(&f.name);
            std::fs::write(spec.join(file), &f.text).expect("a spec file");
        }
        let _ = writeln!(
            lib,
            "/// {}\npub mod {name} {{\n    include!(\"{name}.rs\");\n}}",
            c.origin.replace('\n', " ")
        );
        modules.push((name, c.origin.clone()));
    }
    std::fs::write(dir.join("src/lib.rs"), lib).expect("lib.rs");
    modules
}

#[test]
fn every_spec_that_validates_compiles() {
    let root = integration_tests::workspace_root();
    let dir = root.join("target/spec-compile");
    let _ = std::fs::remove_dir_all(dir.join("src"));
    let _ = std::fs::remove_dir_all(dir.join("specs"));
    let corpus = Corpus::read(&[&root.join("tests/specs/constructs"), &root.join("spec")])
        .expect("the spec folders");
    let count = usize::try_from(env_number("SPEC_COMPILE_COUNT", 40)).unwrap_or(40);
    let seed = env_number("SPEC_COMPILE_SEED", 1);
    let mut candidates = synthetic(&dir);
    let synthetic_count = candidates.len();
    let (mutants, tried) = mutants(&corpus, count, seed);
    let mutant_count = mutants.len();
    candidates.extend(mutants);
    let modules = write_crate(&dir, &candidates);
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--message-format=short"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let errors = String::from_utf8_lossy(&output.stderr);
    let failing: Vec<&(String, String)> = modules
        .iter()
        .filter(|(name, _)| errors.contains(&format!("src/{name}.rs")))
        .collect();
    assert!(
        output.status.success(),
        "specs that validate do not compile ({} of {} modules; their specs are in {}):\n{failing:#?}\n{}",
        failing.len(),
        modules.len(),
        dir.join("specs").display(),
        errors.lines().take(60).collect::<Vec<_>>().join("\n")
    );
    let refused: Vec<&str> = candidates[..synthetic_count]
        .iter()
        .map(|c| c.origin.as_str())
        .filter(|o| !modules.iter().any(|(_, origin)| origin == o))
        .collect();
    println!(
        "spec-compile: {} modules compiled: {} of {synthetic_count} synthetic specs validated (refused by validate: {refused:?}), {mutant_count} mutants that validate (of {tried} tried, seed {seed})",
        modules.len(),
        modules.len() - mutant_count,
    );
    // The constructs, the chains at the depth limit and the nested types
    // must validate: a test that compiled nothing would prove nothing.
    // Names users choose are free: the colliding names validate too, but
    // for `names-3`, whose open model has a field `extra` (the unknown
    // fields' map: the diagnostic asks for a `rust_name`).
    assert!(
        refused.iter().all(|o| *o == "names-3"),
        "synthetic specs refused: {refused:?}"
    );
    assert!(
        modules.len() > synthetic_count / 2 + mutant_count,
        "most synthetic specs validate"
    );
    assert!(
        mutant_count * 2 >= count,
        "only {mutant_count} of {count} mutants validated"
    );
}
