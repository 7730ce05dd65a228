//! Any text as a spec file: loading and validating never panic, and a spec
//! that validates generates Rust that parses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        generator::properties::check_text(text);
    }
});
