//! The checked-in `generated/` crate is exactly what `spec/` produces, and a
//! spec edit is detected with the stale file named.

use std::path::{Path, PathBuf};

use generator::{SpecSource, Stale};
use integration_tests::workspace_root;

fn seeds() -> Option<PathBuf> {
    Some(workspace_root().join("../shared/seeds")).filter(|p| p.is_dir())
}

#[test]
fn generated_crate_is_fresh() {
    let root = workspace_root();
    let source = SpecSource {
        root: root.join("spec"),
        seeds: seeds(),
    };
    let stale =
        generator::check(&source, &root.join("generated")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        stale.is_empty(),
        "generated/ is out of date:\n{}\nrun `cargo run -p generator -- generate` and commit the result",
        stale
            .iter()
            .map(|s| format!("  {s}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn editing_a_description_makes_the_check_name_the_stale_files() {
    let root = workspace_root();
    let tmp = std::env::temp_dir().join(format!("freshness-{}", std::process::id()));
    let spec = tmp.join("spec");
    copy_dir(&root.join("spec"), &spec);
    let models = spec.join("billwerk/models.yaml");
    let text = std::fs::read_to_string(&models).unwrap();
    std::fs::write(
        &models,
        text.replace("doc: A postal address.", "doc: A postal address (edited)."),
    )
    .unwrap();

    // The copy's package.yaml names the runtime relative to the copy: name
    // this repository's.
    let options = generator::CrateOptions {
        runtime: Some(generator::RuntimeSource::Path(
            root.join("generator/runtime"),
        )),
        ..generator::CrateOptions::default()
    };
    let stale = generator::check_crate(
        &SpecSource {
            root: spec,
            seeds: None,
        },
        &root.join("generated"),
        &options,
    )
    .unwrap();
    std::fs::remove_dir_all(&tmp).ok();
    assert_eq!(
        stale,
        vec![
            Stale::Changed("src/billwerk/REFERENCE.md".into()),
            Stale::Changed("src/billwerk/models.rs".into())
        ]
    );
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// `generated/` holds generated files only: the hand-written runtime is its
/// own crate (`generator/runtime/`), and every file here says it is output.
#[test]
fn every_file_in_generated_is_marked_generated() {
    let mut files = Vec::new();
    files_under(&workspace_root().join("generated"), &mut files);
    assert!(files.len() > 5, "generated/ has its files: {files:?}");
    let unmarked: Vec<_> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text.lines().take(3).any(|l| l.contains("@generated"))
        })
        .collect();
    assert!(
        unmarked.is_empty(),
        "files in generated/ without an `@generated` header (hand-written code belongs in generator/): {unmarked:?}"
    );
}
