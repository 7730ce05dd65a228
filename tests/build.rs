//! Generates, into `OUT_DIR`, through the generator's library entry points
//! (as a downstream `build.rs` would, naming the runtime crate
//! `api_client_runtime` directly), so the code the tests store and read is
//! also compiled:
//! - the construct specs under `specs/constructs/`;
//! - the specs `generator import openapi` makes of the public OpenAPI
//!   documents under `fixtures/openapi/` (`lago`, `openmeter`).

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    println!("cargo::rerun-if-changed=specs/constructs");
    println!("cargo::rerun-if-changed=fixtures/openapi");
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
}
