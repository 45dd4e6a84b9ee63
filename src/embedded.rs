//! The data files under `rules/` compiled into the binary: rules, lexicons
//! and NKR frameworks. At the bottom of the house, so that the parser, the
//! analysis, the framework and the rules can all read them without
//! importing each other.

use crate::error::FileError;

/// `(path relative to rules/, the file as JSON)`, sorted by path. Generated
/// by `build.rs`, so a rule file that exists is a rule that ships, and is
/// tested.
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// Each built-in rule (a file directly in `rules/`) as build.rs split it:
/// `(path, header, options of its kind, examples, why)`, each JSON, sorted
/// by path. The header is read at every start, the examples and the why
/// only on demand.
pub const RULES: &[(&str, &str, &str, &str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The text of an embedded data file, by its path under `rules/`.
pub fn file(path: &str) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, json)| *json)
}

/// An embedded file, as `build.rs` compiled it: read as YAML (through
/// `crate::yaml`, so with its strictness) when lub was built, and stored as
/// JSON, which reads many times faster at every start.
pub fn data<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, FileError> {
    let shown = format!("rules/{path}");
    let json = file(path).ok_or_else(|| FileError::new(&shown, "is not compiled into lub"))?;
    serde_json::from_str(json).map_err(|e| FileError::new(&shown, e.to_string()))
}
