//! The one place lub reads YAML: front matter, rule files and `lub.yaml`.
//!
//! serde-saphyr with budgets on depth, nodes and aliases (a hostile file
//! fails fast instead of eating memory), duplicate keys as errors (the second
//! `level:` is a mistake, not an override) and strict booleans (`lang: no`
//! is the string "no", not `false`).

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde_saphyr::Spanned;

/// A YAML error with the position it refers to, relative to the text that was
/// read (callers add the offset of that text in its file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    /// Which of lub's own limits or rules the YAML broke, for a caller
    /// that says it in another language; `None` for the parser's own
    /// message.
    pub problem: Option<YamlProblem>,
    /// Byte offset into the YAML text, when the parser knows one.
    pub offset: Option<usize>,
    /// 1-based line and column in the YAML text (0 when unknown).
    pub line: u64,
    pub column: u64,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What lub refuses in YAML, beyond what does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlProblem {
    /// Nested more than `MAX_DEPTH` levels.
    TooDeep,
    /// Anchored values repeated too often (an alias bomb).
    TooManyAliases,
    /// A key twice in one mapping, with the key where the parser knows it.
    DuplicateKey(Option<String>),
    /// More than `MAX_NODES` values.
    TooManyValues,
    /// More than one document.
    SeveralDocuments,
    /// Another budget.
    TooLarge,
}

/// Nesting deeper than this is not a document, rule or config anyone writes.
pub const MAX_DEPTH: usize = 32;
/// Far more nodes than the biggest rule file (a few thousand phrases).
pub const MAX_NODES: usize = 200_000;

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_documents: 1,
            max_aliases: 1_000,
            max_anchors: 1_000,
        },
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| {
        let location = e.location();
        YamlError {
            message: plain_message(&e),
            problem: problem(&e),
            offset: location
                .and_then(|l| l.span().byte_offset())
                .and_then(|o| usize::try_from(o).ok()),
            line: location.map_or(0, |l| l.line()),
            column: location.map_or(0, |l| l.column()),
        }
    })
}

/// Which of lub's limits the error is, if any.
fn problem(error: &serde_saphyr::Error) -> Option<YamlProblem> {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    Some(match error {
        Error::AliasError { error, .. } | Error::WithSnippet { error, .. } => {
            return problem(error);
        }
        Error::DuplicateMappingKey { key, .. } => YamlProblem::DuplicateKey(key.clone()),
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => YamlProblem::TooDeep,
            BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => YamlProblem::TooManyValues,
            BudgetBreach::Documents { .. } => YamlProblem::SeveralDocuments,
            BudgetBreach::Aliases { .. }
            | BudgetBreach::Anchors { .. }
            | BudgetBreach::AliasAnchorRatio { .. } => YamlProblem::TooManyAliases,
            _ => YamlProblem::TooLarge,
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => YamlProblem::TooManyAliases,
        _ if error.to_string().contains("recursion limit exceeded") => YamlProblem::TooDeep,
        _ => return None,
    })
}

/// What went wrong, in words for whoever wrote the file: the parser's own
/// wording names its options (`DuplicateKeyPolicy`) and internal counters.
fn plain_message(error: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;
    let too_nested = || format!("the YAML is nested more than {MAX_DEPTH} levels deep");
    let too_many_aliases =
        || "the YAML repeats anchored values (`*name`) too often; write the values out".to_string();
    match error {
        Error::AliasError { error, .. } | Error::WithSnippet { error, .. } => plain_message(error),
        Error::DuplicateMappingKey { key: Some(key), .. } => {
            format!("the key `{key}` appears twice; keep one")
        }
        Error::DuplicateMappingKey { key: None, .. } => {
            "a key appears twice in the same mapping; keep one".to_string()
        }
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => too_nested(),
            BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
                format!("the YAML has more than {MAX_NODES} values")
            }
            BudgetBreach::Documents { .. } => {
                "the YAML holds more than one document (`---`)".to_string()
            }
            BudgetBreach::Aliases { .. }
            | BudgetBreach::Anchors { .. }
            | BudgetBreach::AliasAnchorRatio { .. } => too_many_aliases(),
            _ => "the YAML is larger than lub reads".to_string(),
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => too_many_aliases(),
        _ => {
            let message = first_line(&error.to_string());
            // The scanner's own guard against deep nesting, before the budget.
            if message.contains("recursion limit exceeded") {
                too_nested()
            } else {
                message
            }
        }
    }
}

/// The error's first line, without a position suffix: lub reports positions
/// itself, relative to the file rather than the YAML block.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    let line = match line.rfind(" at line ") {
        Some(i) => &line[..i],
        None => line,
    };
    line.trim_end_matches(['.', ':']).to_string()
}

/// A mapping's `key: value` pairs in order, each with its location, so that
/// a caller can check keys one by one and point at the one that is wrong.
pub struct Entries<V>(pub Vec<(Spanned<String>, Spanned<V>)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("`key: value` lines")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<V>, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = map.next_value::<Spanned<V>>()?;
                    entries.push((key, value));
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(std::marker::PhantomData))
    }
}

/// serde-saphyr's `Spanned<T>` gives a value's location; this turns it into a
/// byte range of `len` bytes at the value, relative to the YAML text.
pub(crate) fn span_of<T>(spanned: &Spanned<T>, text: &str) -> std::ops::Range<usize> {
    let location = spanned.referenced;
    let start = location
        .span()
        .byte_offset()
        .and_then(|o| usize::try_from(o).ok())
        .unwrap_or_else(|| offset_of_line_column(text, location.line(), location.column()));
    let len = location
        .span()
        .byte_len()
        .and_then(|o| usize::try_from(o).ok())
        .unwrap_or(0);
    let start = start.min(text.len());
    start..start.saturating_add(len).min(text.len())
}

/// Byte offset of a 1-based line and character column.
pub(crate) fn offset_of_line_column(text: &str, line: u64, column: u64) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i as u64 + 1 == line {
            let col = usize::try_from(column.saturating_sub(1)).unwrap_or(0);
            return offset + l.char_indices().nth(col).map_or(l.len(), |(b, _)| b);
        }
        offset += l.len();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn booleans_are_strict_and_duplicates_are_errors() {
        let map: BTreeMap<String, String> = from_str("lang: no\n").unwrap();
        assert_eq!(map["lang"], "no");
        let err = from_str::<BTreeMap<String, String>>("a: 1\na: 2\n").unwrap_err();
        assert_eq!(err.message, "the key `a` appears twice; keep one");
        assert_eq!(err.line, 2);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            bomb.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert!(from_str::<serde_json::Value>(&bomb).is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(from_str::<serde_json::Value>(&deep).is_err());
    }
}
