//! Any response body decoded as each generated client decodes it: success
//! models, error bodies and their details, pages and envelopes. No panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    integration_tests::properties::responses(data);
});
