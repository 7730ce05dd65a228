//! Any JSON read as the recursive shapes (unions that contain themselves,
//! id_or_object, boxed trees, one_or_many): no panic, no stack overflow, and
//! what reads writes back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    integration_tests::properties::unions(data);
});
