//! `generator coverage`: the sections of the source documents each spec
//! item cites, the ones none cites, and the items resting on assumptions.

use std::path::Path;

fn report(spec: &Path, documents: &Path) -> String {
    let source = generator::SpecSource {
        root: spec.to_path_buf(),
        seeds: None,
    };
    let ir = generator::load_ir(&source).unwrap_or_else(|e| panic!("{e}"));
    generator::coverage::report(&ir, Some(documents)).unwrap()
}

#[test]
fn the_construct_specs_against_their_document() {
    // Relative to the test's folder (`tests/`), so the report names the same folder anywhere.
    let text = report(Path::new("specs/constructs"), Path::new("specs/seeds"));
    insta::assert_snapshot!("coverage_constructs", text);
    assert!(
        text.contains("| Section A | c_enums: api"),
        "{}",
        &text[..400]
    );
}

#[test]
fn imported_specs_by_json_pointer_with_uncited_schemas_listed() {
    let dir = std::env::temp_dir().join(format!("coverage-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let fixtures = integration_tests::workspace_root().join("tests/fixtures/openapi");
    generator::import_openapi_file(
        &dir.join("spec"),
        &fixtures.join("lago-taxes.yaml"),
        Some("lago"),
    )
    .unwrap();
    let text = report(&dir.join("spec"), &fixtures);
    std::fs::remove_dir_all(&dir).ok();
    // Every operation is cited; the OpenMeter document, imported elsewhere, is not.
    assert!(
        text.contains("| /paths/~1taxes/get | lago: resources.taxes.endpoints.find_all |"),
        "{text}"
    );
    assert!(text.contains("## `openmeter-customers.json`"), "{text}");
    assert!(
        text.contains("| /paths/~1api~1v1~1customers/get | **not cited** |"),
        "{text}"
    );
    // The README of the folder is no source document.
    assert!(!text.contains("## `README.md`"));
}
