//! The regular endings of a framework word, shared with build.rs, which
//! stems the inflected forms before lub ever starts.

/// "sentral" → "sentralt", "sentrale"; "effective" → "effectives",
/// "effectively": forms that must not pass for subject words either.
pub(crate) const FRAMEWORK_ENDINGS: [&str; 6] = ["", "t", "e", "s", "er", "ly"];
