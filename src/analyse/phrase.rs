//! Every phrase of every phrase rule, compiled once per run into one trie
//! per language over normalised words. An outcome is walked once; each
//! match says which rule's which phrase it is.

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

#[derive(Debug, Default)]
struct Node {
    next: HashMap<u32, usize>,
    outputs: Vec<PhraseId>,
}

#[derive(Debug)]
struct Trie {
    /// Normalised word → id, for the words that occur in some phrase.
    vocabulary: HashMap<String, u32>,
    nodes: Vec<Node>,
}

impl Default for Trie {
    fn default() -> Self {
        Trie {
            vocabulary: HashMap::default(),
            nodes: vec![Node::default()],
        }
    }
}

#[derive(Debug, Default)]
pub struct PhraseIndex {
    tries: [Trie; 3],
    longest: usize,
}

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::Nb => 0,
        Lang::Nn => 1,
        Lang::En => 2,
    }
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
    /// Adds `phrase` (with optional words in parentheses) for `lang`.
    pub fn add(&mut self, lang: Lang, phrase: &str, id: PhraseId, lexicon: &Lexicon) {
        for words in expand(phrase) {
            let trie = &mut self.tries[slot(lang)];
            let mut node = 0;
            self.longest = self.longest.max(words.len());
            for word in &words {
                let norm = lexicon.normalise(word).to_string();
                let next_id = trie.vocabulary.len() as u32;
                let symbol = *trie.vocabulary.entry(norm).or_insert(next_id);
                let next_node = trie.nodes.len();
                node = match trie.nodes[node].next.get(&symbol) {
                    Some(&n) => n,
                    None => {
                        trie.nodes[node].next.insert(symbol, next_node);
                        trie.nodes.push(Node::default());
                        next_node
                    }
                };
            }
            if !trie.nodes[node].outputs.contains(&id) {
                trie.nodes[node].outputs.push(id);
            }
        }
    }

    /// Every match in `words`, by start then length. Quoted words and names
    /// are never part of a match.
    pub fn find(&self, lang: Lang, words: &[Word]) -> Vec<PhraseMatch> {
        let trie = &self.tries[slot(lang)];
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
            for (offset, symbol) in symbols[start..].iter().take(self.longest).enumerate() {
                let Some(symbol) = symbol else { break };
                let Some(&next) = trie.nodes[node].next.get(symbol) else {
                    break;
                };
                node = next;
                for &id in &trie.nodes[node].outputs {
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
