//! "Did you mean …?" for keys, kinds and rule ids.

/// The candidate closest to `word`, if it is close enough to be what was
/// meant: at least 60 % alike after case folding.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(&word, c), c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn close_words_are_suggested_and_far_ones_are_not() {
        assert_eq!(super::closest("levle", ["level", "lang"]), Some("level"));
        assert_eq!(super::closest("Kind", ["kind"]), Some("kind"));
        assert_eq!(super::closest("colour", ["level", "lang"]), None);
    }
}
