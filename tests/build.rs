//! Generates, into `OUT_DIR`, through the generator's library entry points
//! (as a downstream `build.rs` would, naming the runtime crate
//! `api_client_runtime` directly), so the code the tests store and read is
//! also compiled:
//! - the construct specs under `specs/constructs/`;
//! - the specs `generator import openapi` makes of the public OpenAPI
//!   documents under `fixtures/openapi/` (`lago`, `openmeter`);
//! - both sides of every spec pair under `specs/diff/`, with a doc page
//!   whose doctests compile each pair's `use.rs` (code written against the
//!   old crate) against the old crate, and against the new one as a
//!   `compile_fail` test exactly when `generator diff` calls the change
//!   breaking (see `integration_tests::diff_proof`).

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    println!("cargo::rerun-if-changed=specs/constructs");
    println!("cargo::rerun-if-changed=fixtures/openapi");
    println!("cargo::rerun-if-changed=specs/diff");
    println!("cargo::rerun-if-changed=../generator/src");
    println!("cargo::rerun-if-changed=../generator/templates");
    println!("cargo::rerun-if-changed=../generator/runtime/src");
    if let Err(e) = generator::generate_into("specs/constructs".as_ref(), out) {
        panic!("generating the construct specs failed:\n{e}");
    }
    let imported = out.join("imported-spec");
    let _ = std::fs::remove_dir_all(&imported);
    for (file, name) in [
        ("lago-taxes.yaml", "lago"),
        ("openmeter-customers.json", "openmeter"),
    ] {
        let document = Path::new("fixtures/openapi").join(file);
        if let Err(e) = generator::import_openapi_file(&imported, &document, Some(name)) {
            panic!("importing {file} failed: {e}");
        }
    }
    if let Err(e) = generator::generate_into(&imported, out) {
        panic!("generating the imported specs failed:\n{e}");
    }
    diff_pairs(out);
}

/// Generates both sides of each diff pair and the doc page that proves the
/// diff's verdict by compiling.
fn diff_pairs(out: &Path) {
    let mut modules = String::new();
    let mut proof = String::from(
        "Each pair of `tests/specs/diff/`: its `use.rs` against the old crate, then against the new one.\n\n",
    );
    let mut cases: Vec<_> = std::fs::read_dir("specs/diff")
        .expect("specs/diff")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let load = |side: &str| {
            let source = generator::SpecSource {
                root: case.join(side),
                seeds: None,
            };
            generator::load_ir(&source).unwrap_or_else(|e| panic!("{name}/{side}: {e}"))
        };
        let changes = generator::diff::compare(&load("old"), &load("new"));
        let breaks = generator::diff::breaks_compilation(&changes);
        for side in ["old", "new"] {
            let dir = out.join("diff").join(&name).join(side);
            let files = generator::generate_into(&case.join(side), &dir)
                .unwrap_or_else(|e| panic!("{name}/{side}: {e}"));
            modules.push_str(&format!(
                "pub mod case_{}_{side} {{\n",
                name.replace('-', "_")
            ));
            for f in files {
                modules.push_str(&format!("    include!({:?});\n", f.display().to_string()));
            }
            modules.push_str("}\n");
        }
        let code = std::fs::read_to_string(case.join("use.rs"))
            .unwrap_or_else(|e| panic!("{name}/use.rs: {e}"));
        let module = name.replace('-', "_");
        let block = |side: &str, fence: &str| {
            format!(
                "```{fence}\nuse integration_tests::diffs::case_{module}_{side}::d as api;\n{code}```\n\n"
            )
        };
        let verdict = if breaks {
            "breaking: must not compile"
        } else {
            "not breaking: must compile"
        };
        proof.push_str(&format!(
            "## `{name}`\n\nAgainst the old crate:\n\n{}Against the new crate ({verdict}):\n\n{}",
            block("old", "rust,no_run"),
            block(
                "new",
                if breaks {
                    "compile_fail"
                } else {
                    "rust,no_run"
                }
            )
        ));
    }
    std::fs::write(out.join("diffs.rs"), modules).expect("write diffs.rs");
    std::fs::write(out.join("diff_proof.md"), proof).expect("write diff_proof.md");
}
