//! Structure-aware: the real specs with lines deleted, duplicated, swapped,
//! re-valued, renamed, re-indented or extended, chosen by the input. The
//! same properties as `spec_text`, reached deep inside validation.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use generator::properties::Corpus;
use libfuzzer_sys::fuzz_target;

/// The construct specs and the real APIs, read once from their folders.
static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Corpus::read(&[&root.join("tests/specs/constructs"), &root.join("spec")])
        .expect("the spec folders are readable")
});

fuzz_target!(|data: &[u8]| {
    if let Some((which, ops)) = data.split_first() {
        generator::properties::check_mutated_api(&CORPUS, *which, ops);
    }
});
