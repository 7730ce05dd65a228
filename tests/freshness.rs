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
        stale.iter().map(|s| format!("  {s}")).collect::<Vec<_>>().join("\n")
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

    let stale = generator::check(
        &SpecSource {
            root: spec,
            seeds: None,
        },
        &root.join("generated"),
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
