//! Every phrase of every phrase rule, compiled once per run into one
//! matcher per language over normalised words. An outcome is walked once;
//! each match says which rule's which phrase it is.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use super::lexicon::Lexicon;
use super::tokens::Word;
use crate::lang::Lang;

/// A phrase's owner (the rule's position in the rule set) and its number
/// in that rule's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseId {
    pub owner: usize,
    pub entry: usize,
}

/// Words `start..end` of a text are the phrase `id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub id: PhraseId,
    pub start: usize,
    pub end: usize,
}

/// The phrases of a run, one matcher per language, built the first time a
/// document in that language is checked: a pre-commit run on one bokmål
/// file never stems an English phrase.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    phrases: [Vec<(String, PhraseId)>; 3],
    matchers: [OnceLock<Matcher>; 3],
}

/// One phrase as a sequence of positions, each a set of words, some of
/// them optional. Phrases are matched as written rather than spelt out as
/// every word sequence they stand for: "show|shows (a|an) (good|…sixteen
/// more) understanding|familiarity|…" is over a thousand sequences.
#[derive(Debug)]
struct Pattern {
    id: PhraseId,
    positions: Vec<Position>,
}

#[derive(Debug)]
struct Position {
    /// The normalised words that fill it, as vocabulary ids.
    words: Vec<u32>,
    optional: bool,
}

#[derive(Debug, Default)]
struct Matcher {
    /// Normalised word → id, for the words that occur in some phrase.
    vocabulary: HashMap<String, u32>,
    patterns: Vec<Pattern>,
    /// Word → the patterns a match can begin with it, in the order added.
    starts: HashMap<u32, Vec<usize>>,
}

/// The word sequences a phrase stands for. A word in parentheses is
/// optional, and `|` separates alternatives: "gi (en|ei) innføring i" is
/// "gi innføring i", "gi en innføring i" and "gi ei innføring i";
/// "familiarity|awareness" is either word.
pub fn expand(phrase: &str) -> Vec<Vec<String>> {
    let mut variants: Vec<Vec<String>> = vec![Vec::new()];
    for word in phrase.split_whitespace() {
        let (choices, optional) = match word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
            Some(inner) => (inner, true),
            None => (word, false),
        };
        let choices: Vec<String> = choices
            .split('|')
            .filter(|c| !c.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut next = Vec::new();
        for variant in &variants {
            if optional {
                next.push(variant.clone());
            }
            for choice in &choices {
                let mut extended = variant.clone();
                extended.push(choice.clone());
                next.push(extended);
            }
        }
        variants = next;
    }
    variants.retain(|v| !v.is_empty());
    variants
}

impl PhraseIndex {
    /// Adds `phrase` (with optional words and alternatives, see `expand`)
    /// for `lang`.
    pub fn add(&mut self, lang: Lang, phrase: &str, id: PhraseId) {
        self.phrases[lang.index()].push((phrase.to_string(), id));
    }

    fn matcher(&self, lang: Lang, lexicon: &Lexicon) -> &Matcher {
        self.matchers[lang.index()].get_or_init(|| {
            let mut matcher = Matcher::default();
            for (phrase, id) in &self.phrases[lang.index()] {
                matcher.add(phrase, *id, lexicon);
            }
            matcher
        })
    }

    /// Every match in `words`, by start then length, and for one start and
    /// length in the order the phrases were added. Quoted words and names
    /// are never part of a match.
    pub fn find(&self, lang: Lang, words: &[Word], lexicon: &Lexicon) -> Vec<PhraseMatch> {
        self.matcher(lang, lexicon).find(words)
    }
}

/// Normalises a phrase's word as a text's word is: cleaned (a phrase
/// written decomposed, or with a soft hyphen, matches the words it shows),
/// lowered and normalised.
fn phrase_word(word: &str, lexicon: &Lexicon) -> String {
    let cleaned = super::clean::clean(word);
    let lower = Lexicon::lower_case(&cleaned.text);
    lexicon.normalise_uncached(&lower).into_owned()
}

/// The vocabulary ids of `words`: `None` for a word no phrase has, and for
/// a quoted word or a name.
fn symbols(vocabulary: &HashMap<String, u32>, words: &[Word]) -> Vec<Option<u32>> {
    words
        .iter()
        .map(|w| {
            if w.quoted || w.proper {
                None
            } else {
                vocabulary.get(&*w.norm).copied()
            }
        })
        .collect()
}

impl Matcher {
    fn add(&mut self, phrase: &str, id: PhraseId, lexicon: &Lexicon) {
        let mut positions = Vec::new();
        for word in phrase.split_whitespace() {
            let (choices, optional) = match word.strip_prefix('(').and_then(|w| w.strip_suffix(')'))
            {
                Some(inner) => (inner, true),
                None => (word, false),
            };
            let mut words = Vec::new();
            for choice in choices.split('|').filter(|c| !c.is_empty()) {
                let fresh = self.vocabulary.len() as u32;
                let symbol = *self
                    .vocabulary
                    .entry(phrase_word(choice, lexicon))
                    .or_insert(fresh);
                if !words.contains(&symbol) {
                    words.push(symbol);
                }
            }
            positions.push(Position { words, optional });
        }
        let index = self.patterns.len();
        // The words a match can begin with: the first position's, and past
        // an optional one the next one's too.
        for position in &positions {
            for &symbol in &position.words {
                let starting = self.starts.entry(symbol).or_default();
                if starting.last() != Some(&index) {
                    starting.push(index);
                }
            }
            if !position.optional {
                break;
            }
        }
        self.patterns.push(Pattern { id, positions });
    }

    fn find(&self, words: &[Word]) -> Vec<PhraseMatch> {
        let symbols = symbols(&self.vocabulary, words);
        let mut matches = Vec::new();
        // `(end, pattern)` of the matches at one start.
        let mut found: Vec<(usize, usize)> = Vec::new();
        // Which positions a pattern's match may stand before; one more for
        // the pattern matched whole.
        let mut at: Vec<bool> = Vec::new();
        let mut next: Vec<bool> = Vec::new();
        for start in 0..symbols.len() {
            let Some(first) = symbols[start] else {
                continue;
            };
            let Some(starting) = self.starts.get(&first) else {
                continue;
            };
            found.clear();
            for &index in starting {
                let positions = &self.patterns[index].positions;
                at.clear();
                at.resize(positions.len() + 1, false);
                at[0] = true;
                skip_optional(positions, &mut at);
                for (offset, symbol) in symbols[start..].iter().enumerate() {
                    let Some(symbol) = symbol else { break };
                    next.clear();
                    next.resize(positions.len() + 1, false);
                    let mut any = false;
                    for (p, position) in positions.iter().enumerate() {
                        if at[p] && position.words.contains(symbol) {
                            next[p + 1] = true;
                            any = true;
                        }
                    }
                    if !any {
                        break;
                    }
                    skip_optional(positions, &mut next);
                    std::mem::swap(&mut at, &mut next);
                    if at[positions.len()] {
                        found.push((start + offset + 1, index));
                    }
                }
            }
            found.sort_unstable();
            let first_of_start = matches.len();
            for &(end, index) in &found {
                let id = self.patterns[index].id;
                // One phrase reached by two of its spellings is one match.
                let seen = matches[first_of_start..]
                    .iter()
                    .any(|m: &PhraseMatch| m.end == end && m.id == id);
                if !seen {
                    matches.push(PhraseMatch { id, start, end });
                }
            }
        }
        matches
    }
}

/// Marks, after each position a match may stand before, the positions
/// past the optional ones that follow it.
fn skip_optional(positions: &[Position], at: &mut [bool]) {
    for (p, position) in positions.iter().enumerate() {
        if at[p] && position.optional {
            at[p + 1] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Lexicon, PhraseId, PhraseMatch, Word};
    use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

    /// The trie lub matched phrases with before: every word sequence a
    /// phrase stands for, spelt out. The matcher must find what it found.
    mod reference {
        use super::{HashMap, HashSet, Lexicon, PhraseId, PhraseMatch, Word};

        #[derive(Debug)]
        pub(super) struct Trie {
            /// Normalised word → id, for the words that occur in some phrase.
            vocabulary: HashMap<String, u32>,
            /// `(node, word)` → the node it leads to. One map for every node: a
            /// phrase with many alternatives makes a thousand nodes, and a map of
            /// each node's own cost an allocation each at every start.
            edges: HashMap<(u32, u32), u32>,
            /// The phrases that end at each node; node 0 is the root.
            outputs: Vec<Vec<PhraseId>>,
            /// Words in the longest phrase: how far a match can reach.
            longest: usize,
        }

        impl Default for Trie {
            fn default() -> Self {
                Trie {
                    vocabulary: HashMap::default(),
                    edges: HashMap::default(),
                    outputs: vec![Vec::new()],
                    longest: 0,
                }
            }
        }

        impl Trie {
            /// Inserts a phrase position by position: every alternative of a word is
            /// normalised once, and optional words branch without writing out every
            /// combination.
            fn insert(&mut self, phrase: &str, id: PhraseId, lexicon: &Lexicon) {
                // The nodes the phrase has reached so far, with their depth. A node
                // of a trie has one depth, so a node is in `ends` at most once.
                let mut ends: Vec<(u32, usize)> = vec![(0, 0)];
                let mut listed: HashSet<u32> = HashSet::default();
                for word in phrase.split_whitespace() {
                    let (choices, optional) =
                        match word.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
                            Some(inner) => (inner, true),
                            None => (word, false),
                        };
                    let mut next = if optional { ends.clone() } else { Vec::new() };
                    listed.clear();
                    listed.extend(next.iter().map(|&(node, _)| node));
                    for choice in choices.split('|').filter(|c| !c.is_empty()) {
                        // Cleaned as the text is: a phrase written decomposed, or with
                        // a soft hyphen, matches the words it shows.
                        let norm = super::super::phrase_word(choice, lexicon);
                        let fresh = self.vocabulary.len() as u32;
                        let symbol = *self.vocabulary.entry(norm).or_insert(fresh);
                        for &(node, depth) in &ends {
                            let fresh = self.outputs.len() as u32;
                            let child = *self.edges.entry((node, symbol)).or_insert(fresh);
                            if child == fresh {
                                self.outputs.push(Vec::new());
                            }
                            if listed.insert(child) {
                                next.push((child, depth + 1));
                            }
                        }
                    }
                    ends = next;
                }
                for (node, depth) in ends {
                    let Some(outputs) = self.outputs.get_mut(node as usize) else {
                        continue;
                    };
                    // The empty phrase matches nothing.
                    if depth > 0 && !outputs.contains(&id) {
                        self.longest = self.longest.max(depth);
                        outputs.push(id);
                    }
                }
            }
        }

        /// The trie of `phrases`.
        pub(super) fn build(phrases: &[(String, PhraseId)], lexicon: &Lexicon) -> Trie {
            let mut trie = Trie::default();
            for (phrase, id) in phrases {
                trie.insert(phrase, *id, lexicon);
            }
            trie
        }

        impl Trie {
            pub(super) fn find(&self, words: &[Word]) -> Vec<PhraseMatch> {
                let symbols = super::super::symbols(&self.vocabulary, words);
                let mut matches = Vec::new();
                for start in 0..symbols.len() {
                    let mut node = 0;
                    for (offset, symbol) in symbols[start..].iter().take(self.longest).enumerate() {
                        let Some(symbol) = symbol else { break };
                        let Some(&next) = self.edges.get(&(node, *symbol)) else {
                            break;
                        };
                        node = next;
                        for &id in &self.outputs[node as usize] {
                            matches.push(PhraseMatch {
                                id,
                                start,
                                end: start + offset + 1,
                            });
                        }
                    }
                }
                matches
            }
        }
    }

    /// A word of a text, as the analysis gives it.
    fn word(text: &str, quoted: bool, lexicon: &Lexicon) -> Word {
        let lower: std::rc::Rc<str> = text.to_lowercase().into();
        Word {
            span: 0..0,
            norm: lexicon.normalise(&lower),
            lower,
            class: 0,
            quoted,
            proper: false,
            sentence_start: false,
            numeric: false,
            head_end: 0,
        }
    }

    proptest::proptest! {
        /// The matcher finds what spelling out every word sequence of every
        /// phrase finds, in the same order: phrases with optional words,
        /// alternatives, repeated words and inflected forms, in texts with
        /// quoted words and words no phrase has.
        #[test]
        fn the_matcher_finds_what_the_trie_of_every_sequence_finds(
            phrases in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        (
                            proptest::collection::vec(
                                proptest::sample::select(vec!["kunne", "kan", "forstå", "forstår", "om", "i", "gi", "en", "ei"]),
                                0..3,
                            ),
                            proptest::bool::ANY,
                        ),
                        1..5,
                    ),
                    0..3usize,
                ),
                1..6,
            ),
            text in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["kunne", "kan", "forstå", "Forstår", "om", "i", "gi", "en", "ei", "bil"]),
                    proptest::bool::weighted(0.1),
                ),
                0..12,
            ),
        ) {
            let lexicon = Lexicon::new(crate::lang::Lang::Nb);
            let phrases: Vec<(String, PhraseId)> = phrases
                .iter()
                .enumerate()
                .map(|(i, (positions, entry))| {
                    let written: Vec<String> = positions
                        .iter()
                        .map(|(choices, optional)| {
                            let choices = choices.join("|");
                            if *optional { format!("({choices})") } else { choices }
                        })
                        .collect();
                    // Some phrases share an id, as two spellings of one entry do.
                    (written.join(" "), PhraseId { owner: i % 2, entry: *entry })
                })
                .collect();
            let words: Vec<Word> = text.iter().map(|(w, quoted)| word(w, *quoted, &lexicon)).collect();
            let mut index = super::PhraseIndex::default();
            for (phrase, id) in &phrases {
                index.add(crate::lang::Lang::Nb, phrase, *id);
            }
            let found = index.find(crate::lang::Lang::Nb, &words, &lexicon);
            let expected = reference::build(&phrases, &lexicon).find(&words);
            proptest::prop_assert_eq!(found, expected, "{:?}", phrases);
        }
    }

    #[test]
    fn optional_words_expand() {
        assert_eq!(
            super::expand("gi (en|ei) innføring i"),
            vec![
                vec!["gi", "innføring", "i"],
                vec!["gi", "en", "innføring", "i"],
                vec!["gi", "ei", "innføring", "i"]
            ]
        );
        assert_eq!(super::expand("a|b c"), vec![vec!["a", "c"], vec!["b", "c"]]);
    }
}
