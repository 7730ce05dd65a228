//! Snapshots of the emitter for the small construct specs in
//! `specs/constructs/`. Each snapshot is the pretty-printed form of the very
//! code `build.rs` emitted (plain, as `generate_into` writes it) and the
//! crate compiled: both parse to the same syntax tree, so no stored code
//! goes uncompiled.

use std::path::Path;

use generator::{EmitOptions, Layout, SpecSource};

fn emitted() -> Vec<generator::OutputFile> {
    let source = SpecSource {
        root: "specs/constructs".into(),
        seeds: Some("specs/seeds".into()),
    };
    let options = EmitOptions {
        layout: Layout::Inline,
        runtime_path: generator::RUNTIME_CRATE.into(),
        crate_files: false,
        examples: false,
        format: generator::Format::Pretty,
        ..EmitOptions::default()
    };
    generator::generate_files(&source, &options).unwrap_or_else(|e| panic!("{e}"))
}

/// A Rust file's syntax tree, printed (so comments and layout aside).
fn syntax(text: &str) -> String {
    let file = syn::parse_file(text).unwrap_or_else(|e| panic!("does not parse: {e}"));
    prettyplease::unparse(&file)
}

macro_rules! construct {
    ($name:ident) => {
        #[test]
        fn $name() {
            let file = format!("{}.rs", stringify!($name));
            let out = emitted()
                .into_iter()
                .find(|f| f.path == file)
                .expect("construct is emitted");
            let compiled = std::fs::read_to_string(Path::new(env!("OUT_DIR")).join(&file))
                .expect("build.rs emitted it");
            assert_eq!(
                syntax(&out.contents),
                syntax(&compiled),
                "the snapshotted code is the compiled code"
            );
            insta::assert_snapshot!(stringify!($name), out.contents);
        }
    };
}

construct!(c_ids);
construct!(c_inputs);
construct!(c_enums);
construct!(c_errors);
construct!(c_fixed);
construct!(c_form);
construct!(c_presence);
construct!(c_open);
construct!(c_paths);
construct!(c_query);
construct!(c_settings);
construct!(c_keys);
construct!(c_lifecycle);
construct!(c_names);
construct!(c_pages);
construct!(c_paging);
construct!(c_records);
construct!(c_recursive);
construct!(c_rooted);
construct!(c_scalars);
construct!(c_statuses);
construct!(c_unions);
construct!(c_unusual);
construct!(c_webhooks);

#[test]
fn reference_document() {
    let out = emitted()
        .into_iter()
        .find(|f| f.path == "src/c_paths/REFERENCE.md")
        .expect("reference is emitted");
    insta::assert_snapshot!("c_paths_reference", out.contents);
}

#[test]
fn emission_is_deterministic() {
    assert_eq!(emitted(), emitted());
}

#[test]
fn reference_document_lists_unions() {
    let out = emitted()
        .into_iter()
        .find(|f| f.path == "src/c_unions/REFERENCE.md")
        .expect("reference is emitted");
    insta::assert_snapshot!("c_unions_reference", out.contents);
}

/// `generate_into` writes plain token text (fast; nobody reads it): it is
/// not the pretty text, and it is the same code.
#[test]
fn build_time_output_is_plain_and_the_same_code() {
    let compiled = std::fs::read_to_string(Path::new(env!("OUT_DIR")).join("c_pages.rs"))
        .expect("build.rs emitted it");
    let pretty = emitted()
        .into_iter()
        .find(|f| f.path == "c_pages.rs")
        .expect("emitted");
    assert!(compiled.lines().count() * 2 < pretty.contents.lines().count());
    assert!(compiled.starts_with("// @generated"));
    assert_eq!(syntax(&compiled), syntax(&pretty.contents));
}
