//! Every integration test, as one test binary (one link of the client crate,
//! the generator, wiremock, proptest and insta instead of one per file).
//! Each file is a module named for what it tests; `cargo test -p
//! integration-tests <module>::` runs one of them.

mod billingplatform_fixtures;
mod billingplatform_flow;
mod billwerk_faults;
mod billwerk_fixtures;
mod constructs_behaviour;
mod coverage;
mod diagnostics;
mod diff;
mod docs;
mod emit_snapshots;
mod fixture_format;
mod freshness;
mod function_length;
mod hardening;
mod idempotency;
mod import;
mod json_compare;
mod nesting;
mod openapi_export;
mod optimize_errors;
mod optimize_fixtures;
mod option_noise;
mod pagination;
mod properties;
mod spec_compile;
mod tidy;
mod user_programs;
mod webhooks;
