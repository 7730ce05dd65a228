//! `generator diff` on the spec pairs under `specs/diff/` (one change kind
//! each): the classification is snapshot-tested here; that it matches what
//! compiles is proven by the doctests `build.rs` writes
//! (`integration_tests::diff_proof`: each pair's `use.rs`, written against
//! the old crate, must compile against the new crate exactly when the diff
//! finds nothing breaking).

use std::path::{Path, PathBuf};

use generator::diff::{self, Change, Kind};

fn pairs() -> Vec<PathBuf> {
    let root = integration_tests::workspace_root().join("tests/specs/diff");
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

fn changes(case: &Path) -> Vec<Change> {
    let load = |side: &str| {
        let source = generator::SpecSource {
            root: case.join(side),
            seeds: None,
        };
        generator::load_ir(&source).unwrap_or_else(|e| panic!("{}: {e}", case.display()))
    };
    diff::compare(&load("old"), &load("new"))
}

#[test]
fn every_pair_is_classified() {
    let mut text = String::new();
    for case in pairs() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        text.push_str(&format!("== {name}\n{}", diff::text(&changes(&case))));
    }
    insta::assert_snapshot!("diff_pairs", text);
}

#[test]
fn the_pairs_cover_every_kind_of_change() {
    let all: Vec<Change> = pairs().iter().flat_map(|c| changes(c)).collect();
    assert!(pairs().len() >= 25, "{} pairs", pairs().len());
    for kind in [Kind::Breaking, Kind::Wire, Kind::Additive, Kind::Docs] {
        assert!(all.iter().any(|c| c.kind == kind), "no {kind:?} change");
    }
    // Breaking in meaning only (old code compiles, the call changes).
    assert!(all.iter().any(|c| c.kind == Kind::Breaking && c.compiles));
    for section in [
        "resources.",
        "models.",
        "enums.",
        "ids.",
        "api.auth",
        "api.base_url",
        ".params.",
        ".variants.",
    ] {
        assert!(
            all.iter().any(|c| c.item.contains(section)),
            "no change under `{section}`"
        );
    }
    // Every pair changes something, and a pair that changes nothing is `no changes`.
    for case in pairs() {
        assert!(!changes(&case).is_empty(), "{}", case.display());
    }
    assert_eq!(diff::text(&[]), "no changes\n");
}

#[test]
fn markdown_for_a_pull_request() {
    let case =
        integration_tests::workspace_root().join("tests/specs/diff/18_id_replaced_by_string");
    insta::assert_snapshot!("diff_markdown", diff::markdown(&changes(&case)).unwrap());
}

#[test]
fn the_seed_specs_do_not_change_against_themselves() {
    let source = generator::SpecSource {
        root: integration_tests::workspace_root().join("spec"),
        seeds: None,
    };
    let ir = generator::load_ir(&source).unwrap();
    assert!(diff::compare(&ir, &ir).is_empty());
}
