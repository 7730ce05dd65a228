//! Shared support for the integration tests: the construct modules compiled
//! from `specs/constructs/`, fixture exchanges and a loopback HTTP server.

pub mod exchange;
pub mod json;
pub mod properties;
pub mod typed;

/// The runtime, where the construct modules expect it (`crate::runtime`).
pub use billing_clients::runtime;

/// Modules generated at build time from `specs/constructs/` (see `build.rs`).
#[allow(missing_docs)]
pub mod constructs {
    include!(concat!(env!("OUT_DIR"), "/c_enums.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_errors.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_form.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_ids.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_inputs.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_keys.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_lifecycle.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_open.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_pages.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_paging.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_paths.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_presence.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_query.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_records.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_recursive.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_rooted.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_scalars.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_settings.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_statuses.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_unions.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_unusual.rs"));
}

/// The workspace root.
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The README's code examples, compiled as doctests so they cannot rot.
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
