//! The fields of a rule file's common header, shared with build.rs, which
//! splits each built-in rule into its header and its kind's options.

/// The fields of `RuleFile`: every other field of a rule file is an option
/// of its kind.
pub(crate) const HEADER_FIELDS: &[&str] = &[
    "id",
    "kind",
    "severity",
    "languages",
    "scope",
    "summary",
    "message",
    "message_one",
    "why",
    "help",
    "examples",
    "applies_to",
    "levels",
    "defers_to",
];
