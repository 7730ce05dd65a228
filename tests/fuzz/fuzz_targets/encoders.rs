//! Any JSON value as each request encoder writes it (form, multipart,
//! deep-object query, idempotency key field): no panic; the output is well
//! formed and the members are kept.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    integration_tests::properties::encoders(data);
});
