//! Any delivery (body and signature header) through every generated
//! webhook receiver and every runtime scheme. No panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    integration_tests::properties::webhooks(data);
});
