//! The qualifications framework as data (`rules/nkr/<version>.yaml`): the
//! NKR descriptors by level and category, the themes each level expects, the
//! wording that marks a level, and the words of innovation. One file per
//! version of the framework, chosen in `lub.yaml`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use serde::Deserialize;

use crate::analyse::{Lexicon, Word};
use crate::lang::{Category, Lang};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrameworkFile {
    name: String,
    title: String,
    descriptors: Vec<DescriptorGroup>,
    themes: Vec<ThemeFile>,
    level_wording: Vec<LevelWordingFile>,
    innovation: BTreeMap<Lang, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DescriptorGroup {
    level: u8,
    category: Category,
    nb: Vec<String>,
    #[serde(default)]
    nn: Vec<String>,
    en: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    level: u8,
    category: Category,
    name: BTreeMap<Lang, String>,
    /// Without words a theme is only listed (by `lub new`), never checked.
    #[serde(default)]
    words: BTreeMap<Lang, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelWordingFile {
    belongs_to: BTreeMap<Lang, String>,
    out_of_place_at: Vec<u8>,
    phrases: BTreeMap<Lang, Vec<String>>,
    #[serde(default)]
    except: BTreeMap<Lang, Vec<String>>,
}

/// One descriptor of the framework in one language.
#[derive(Debug, Clone)]
pub struct Descriptor {
    pub level: u8,
    pub category: Category,
    pub text: String,
    /// Normalised words of the descriptor, function words left out.
    pub content: Vec<String>,
}

/// A theme a level expects of a category, and the words that address it.
#[derive(Debug, Clone)]
pub struct Theme {
    pub level: u8,
    pub category: Category,
    pub name: BTreeMap<Lang, String>,
    pub patterns: BTreeMap<Lang, Vec<Pattern>>,
}

/// Wording that belongs to some levels and is out of place at others.
#[derive(Debug, Clone)]
pub struct LevelWording {
    pub belongs_to: BTreeMap<Lang, String>,
    pub out_of_place_at: Vec<u8>,
    pub phrases: BTreeMap<Lang, Vec<String>>,
    /// Longer phrases in which the wording means something else ("basic
    /// research" is not basic knowledge).
    pub except: BTreeMap<Lang, Vec<String>>,
}

/// Words matched on their lower-case written form: each part is a word, or
/// a prefix when written with a trailing `*` ("etikk*" matches "etikken").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    parts: Vec<(String, bool)>,
}

impl Pattern {
    pub fn parse(text: &str) -> Pattern {
        Pattern {
            parts: text
                .split_whitespace()
                .map(|part| match part.strip_suffix('*') {
                    Some(prefix) => (prefix.to_lowercase(), true),
                    None => (part.to_lowercase(), false),
                })
                .collect(),
        }
    }

    /// Whether the pattern matches the words starting at `at`, in their
    /// lower-case forms.
    pub fn matches_at(&self, words: &[Word], at: usize) -> bool {
        self.parts.iter().enumerate().all(|(i, (part, prefix))| {
            words.get(at + i).is_some_and(|w| {
                if *prefix {
                    w.lower.starts_with(part.as_str())
                } else {
                    *w.lower == **part
                }
            })
        })
    }

    pub fn matches_anywhere(&self, words: &[Word]) -> bool {
        (0..words.len()).any(|at| self.matches_at(words, at))
    }

    /// The word the pattern must begin with, when its first part is a
    /// whole word: a text without that word cannot match.
    pub fn first_word(&self) -> Option<&str> {
        match self.parts.first() {
            Some((word, false)) => Some(word),
            _ => None,
        }
    }
}

/// The descriptors of one language, normalised, and an index from word to
/// the descriptors that use it.
#[derive(Debug, Default)]
struct Compiled {
    descriptors: Vec<Descriptor>,
    index: HashMap<String, Vec<usize>>,
}

/// A framework version, ready to use.
#[derive(Debug)]
pub struct Framework {
    pub name: String,
    pub title: String,
    /// The descriptor texts as the file gives them; nynorsk falls back to
    /// bokmål where the file has none.
    groups: Vec<DescriptorGroup>,
    /// Per language, the descriptors compiled the first time they are
    /// needed (normalising them takes the language's lexicon).
    compiled: [OnceLock<Compiled>; 3],
    pub themes: Vec<Theme>,
    pub level_wording: Vec<LevelWording>,
    pub innovation: BTreeMap<Lang, Vec<Pattern>>,
}

impl Framework {
    pub(crate) fn new(file: FrameworkFile) -> Framework {
        let themes = file
            .themes
            .into_iter()
            .map(|t| Theme {
                level: t.level,
                category: t.category,
                name: t.name,
                patterns: t
                    .words
                    .into_iter()
                    .map(|(lang, words)| (lang, words.iter().map(|w| Pattern::parse(w)).collect()))
                    .collect(),
            })
            .collect();
        let level_wording = file
            .level_wording
            .into_iter()
            .map(|w| LevelWording {
                belongs_to: w.belongs_to,
                out_of_place_at: w.out_of_place_at,
                phrases: w.phrases,
                except: w.except,
            })
            .collect();
        let innovation = file
            .innovation
            .into_iter()
            .map(|(lang, words)| (lang, words.iter().map(|w| Pattern::parse(w)).collect()))
            .collect();
        Framework {
            name: file.name,
            title: file.title,
            groups: file.descriptors,
            compiled: Default::default(),
            themes,
            level_wording,
            innovation,
        }
    }

    fn compiled(&self, lang: Lang, lexicon: &Lexicon) -> &Compiled {
        self.compiled[lang.index()].get_or_init(|| {
            let mut compiled = Compiled::default();
            for group in &self.groups {
                let texts = match lang {
                    Lang::Nb => &group.nb,
                    Lang::Nn if group.nn.is_empty() => &group.nb,
                    Lang::Nn => &group.nn,
                    Lang::En => &group.en,
                };
                for text in texts {
                    let id = compiled.descriptors.len();
                    let content = content_words(text, lexicon);
                    for word in &content {
                        let ids = compiled.index.entry(word.clone()).or_default();
                        if ids.last() != Some(&id) {
                            ids.push(id);
                        }
                    }
                    compiled.descriptors.push(Descriptor {
                        level: group.level,
                        category: group.category,
                        text: text.clone(),
                        content,
                    });
                }
            }
            compiled
        })
    }

    /// The descriptors in `lang`, whose `lexicon` normalises them.
    pub fn descriptors(&self, lang: Lang, lexicon: &Lexicon) -> &[Descriptor] {
        &self.compiled(lang, lexicon).descriptors
    }

    /// Descriptors of `lang` that share at least `min_shared` distinct
    /// words with `words`: the only ones worth comparing in full.
    pub fn candidates(
        &self,
        lang: Lang,
        lexicon: &Lexicon,
        words: &[&str],
        min_shared: usize,
    ) -> Vec<usize> {
        let compiled = self.compiled(lang, lexicon);
        let index = &compiled.index;
        // A count for each descriptor: there are a few hundred at most.
        let mut shared = vec![0usize; compiled.descriptors.len()];
        // Each distinct word once: an outcome has a few dozen at most, and
        // sorting them costs less than a table.
        let mut distinct: Vec<&str> = words.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        for word in distinct {
            for &id in index.get(word).map_or(&[][..], Vec::as_slice) {
                if let Some(count) = shared.get_mut(id) {
                    *count += 1;
                }
            }
        }
        (0..shared.len())
            .filter(|&id| shared[id] >= min_shared.max(1))
            .collect()
    }

    /// Levels that have descriptors.
    pub fn levels(&self) -> Vec<u8> {
        let mut levels: Vec<u8> = self.groups.iter().map(|g| g.level).collect();
        levels.sort_unstable();
        levels.dedup();
        levels
    }
}

/// Normalised words of `text`, function words left out.
pub(crate) fn content_words(text: &str, lexicon: &Lexicon) -> Vec<String> {
    crate::analyse::segment::words(text)
        .map(|w| lexicon.normalise(&w.to_lowercase()))
        .filter(|w| !lexicon.is(w, crate::analyse::class::STOP))
        .map(|w| w.to_string())
        .collect()
}
