//! Any bytes as an FS export and as a saved course page, through `lub
//! import`'s readers, and each document they make through the whole of lub,
//! with the same assertions as the property tests.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::run_import(bytes);
});
