//! Every phrase of every phrase rule, compiled once per run into one trie
//! per language over normalised words. An outcome is walked once; each
//! match says which rule's which phrase it is.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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

#[derive(Debug)]
struct Trie {
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

/// The phrases of a run, one trie per language, built the first time a
/// document in that language is checked: a pre-commit run on one bokmål
/// file never stems an English phrase.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    phrases: [Vec<(String, PhraseId)>; 3],
    tries: [OnceLock<Trie>; 3],
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

    fn trie(&self, lang: Lang, lexicon: &Lexicon) -> &Trie {
        self.tries[lang.index()].get_or_init(|| {
            let mut trie = Trie::default();
            for (phrase, id) in &self.phrases[lang.index()] {
                trie.insert(phrase, *id, lexicon);
            }
            trie
        })
    }

    /// Every match in `words`, by start then length. Quoted words and names
    /// are never part of a match.
    pub fn find(&self, lang: Lang, words: &[Word], lexicon: &Lexicon) -> Vec<PhraseMatch> {
        let trie = self.trie(lang, lexicon);
        let symbols: Vec<Option<u32>> = words
            .iter()
            .map(|w| {
                if w.quoted || w.proper {
                    None
                } else {
                    trie.vocabulary.get(&*w.norm).copied()
                }
            })
            .collect();
        let mut matches = Vec::new();
        for start in 0..symbols.len() {
            let mut node = 0;
            for (offset, symbol) in symbols[start..].iter().take(trie.longest).enumerate() {
                let Some(symbol) = symbol else { break };
                let Some(&next) = trie.edges.get(&(node, *symbol)) else {
                    break;
                };
                node = next;
                let node = node as usize;
                for &id in trie.outputs.get(node).into_iter().flatten() {
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
            let (choices, optional) = match word.strip_prefix('(').and_then(|w| w.strip_suffix(')'))
            {
                Some(inner) => (inner, true),
                None => (word, false),
            };
            let mut next = if optional { ends.clone() } else { Vec::new() };
            listed.clear();
            listed.extend(next.iter().map(|&(node, _)| node));
            for choice in choices.split('|').filter(|c| !c.is_empty()) {
                // Cleaned as the text is: a phrase written decomposed, or with
                // a soft hyphen, matches the words it shows.
                let choice = super::clean::clean(choice).text.to_lowercase();
                let norm = lexicon.normalise_uncached(&choice).into_owned();
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

#[cfg(test)]
mod tests {
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
