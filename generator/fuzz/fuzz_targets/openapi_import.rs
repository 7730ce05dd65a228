//! Any text as an OpenAPI document: importing never panics, and what it
//! imports validates without a panic and, when valid, generates Rust that
//! parses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        generator::properties::check_openapi(text);
    }
});
