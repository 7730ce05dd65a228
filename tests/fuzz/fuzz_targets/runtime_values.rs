//! Every runtime value type deserialised from any JSON: no panic, and a
//! value read writes JSON that reads back to the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    integration_tests::properties::json_values(data);
});
