//! Any bytes as a document: parse, check, fix, every report and render
//! format, with the same assertions as the property tests.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|bytes: &[u8]| {
    invariants::run_everything(bytes);
});
