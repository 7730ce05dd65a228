//! Generates the construct specs under `specs/constructs/` into `OUT_DIR`
//! through the generator's library entry point (as a downstream `build.rs`
//! would, naming the runtime crate `api_client_runtime` directly), so the
//! code the snapshot tests store is also compiled.

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo::rerun-if-changed=specs/constructs");
    println!("cargo::rerun-if-changed=../generator/src");
    println!("cargo::rerun-if-changed=../generator/templates");
    println!("cargo::rerun-if-changed=../generator/runtime/src");
    if let Err(e) = generator::generate_into("specs/constructs".as_ref(), out.as_ref()) {
        panic!("generating the construct specs failed:\n{e}");
    }
}
