//! Structure-aware: the real specs with lines deleted, duplicated, swapped,
//! re-valued, renamed, re-indented or extended, chosen by the input. The
//! same properties as `spec_text`, reached deep inside validation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((which, ops)) = data.split_first() {
        generator::properties::check_mutated_api(*which, ops);
    }
});
