//! Generates the `ledger` client from `spec/` into `OUT_DIR`; cargo runs
//! this again whenever a spec file changes.

fn main() {
    println!("cargo::rerun-if-changed=spec");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    if let Err(e) = generator::generate_into("spec".as_ref(), out.as_ref()) {
        // The spec's diagnostics, with file, line and a suggested fix.
        eprintln!("the spec in spec/ does not generate:\n{e}");
        std::process::exit(1);
    }
}
