//! Every textual runtime value (timestamps, dates, durations, decimals,
//! intervals, Base64, `Retry-After`) parsed from any text: no panic, and a
//! parsed value is stable through its own text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        integration_tests::properties::parsers(text);
    }
});
