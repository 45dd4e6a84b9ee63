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
    /// The same words as numbers, one for each `framework_noun` of them:
    /// an outcome is compared with many descriptors, and numbers compare
    /// at once where words compare letter by letter.
    pub nouns: Vec<u32>,
}

/// The word an outcome's word and a descriptor's are compared as: the
/// words that name a category ("kompetanse", "insight") are one.
const CATEGORY_NOUNS: [(&str, &str); 13] = [
    ("kunnskap", "kunnskap"),
    ("kompetanse", "kunnskap"),
    ("ferdighet", "kunnskap"),
    ("ferdigheit", "kunnskap"),
    ("innsikt", "kunnskap"),
    ("forstå", "kunnskap"),
    ("knowledg", "knowledge"),
    ("knowledge", "knowledge"),
    ("competenc", "knowledge"),
    ("competence", "knowledge"),
    ("skill", "knowledge"),
    ("insight", "knowledge"),
    ("understand", "knowledge"),
];

fn framework_noun(norm: &str) -> &str {
    CATEGORY_NOUNS
        .iter()
        .find(|(word, _)| *word == norm)
        .map_or(norm, |(_, noun)| noun)
}

/// The number of an outcome's word that no descriptor has, nor names.
const UNKNOWN: u32 = u32::MAX;

/// An outcome's words as the descriptors of its language know them.
#[derive(Debug)]
pub struct Matching {
    /// Each word's `Descriptor::nouns` number, `UNKNOWN` where it has none.
    pub nouns: Vec<u32>,
    /// The descriptors that share enough distinct words to be compared.
    pub candidates: Vec<usize>,
}

/// A theme a level expects of a category, and the words that address it.
#[derive(Debug, Clone)]
pub struct Theme {
    pub level: u8,
    pub category: Category,
    pub name: BTreeMap<Lang, String>,
    /// The words that address it, per language, as the file gives them.
    words: BTreeMap<Lang, Vec<String>>,
    /// The words of each language as patterns, made the first time a
    /// document of that language asks.
    patterns: [OnceLock<Vec<Pattern>>; 3],
}

impl Theme {
    /// The patterns of the words that address the theme in `lang`; `None`
    /// where the framework gives it no words in `lang`, and it is only
    /// listed, never checked.
    pub fn patterns(&self, lang: Lang) -> Option<&[Pattern]> {
        let words = self.words.get(&lang)?;
        Some(self.patterns[lang.index()].get_or_init(|| patterns_of(words)))
    }

    /// Whether the theme is checked in documents of `lang`.
    pub fn is_checked_in(&self, lang: Lang) -> bool {
        self.words.contains_key(&lang)
    }
}

fn patterns_of(words: &[String]) -> Vec<Pattern> {
    words.iter().map(|w| Pattern::parse(w)).collect()
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

    /// The pattern's first part, and whether it is a prefix: a text
    /// without such a word cannot match.
    pub fn first_part(&self) -> Option<(&str, bool)> {
        self.parts
            .first()
            .map(|(part, prefix)| (part.as_str(), *prefix))
    }

    /// Whether the pattern is one word or prefix, which a text matches
    /// exactly when one of its words is that word or begins so.
    pub fn is_one_part(&self) -> bool {
        self.parts.len() == 1
    }
}

/// The descriptors of one language, normalised, and what each of their
/// words, and each word `framework_noun` knows, stands for.
#[derive(Debug, Default)]
struct Compiled {
    descriptors: Vec<Descriptor>,
    words: HashMap<String, Known>,
}

/// The number of `noun`, given it the first time it is seen.
fn number(noun: &str, nouns: &mut HashMap<String, u32>) -> u32 {
    if let Some(&number) = nouns.get(noun) {
        return number;
    }
    let next = u32::try_from(nouns.len()).unwrap_or(UNKNOWN - 1);
    nouns.insert(noun.to_string(), next);
    next
}

/// What is known of `word`, with `noun` as its number if it is new.
fn known<'a>(words: &'a mut HashMap<String, Known>, word: &str, noun: u32) -> &'a mut Known {
    let next = u32::try_from(words.len()).unwrap_or(UNKNOWN);
    words.entry(word.to_string()).or_insert_with(|| Known {
        word: next,
        noun,
        descriptors: Vec::new(),
    })
}

/// What the descriptors of a language know of one normalised word.
#[derive(Debug)]
struct Known {
    /// The word's own number, to tell the distinct words of an outcome.
    word: u32,
    /// The number of its `framework_noun`.
    noun: u32,
    /// The descriptors that use it, in order.
    descriptors: Vec<usize>,
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
    /// The words of innovation per language, and as patterns once a
    /// document of the language asks (see `innovation`).
    innovation_words: BTreeMap<Lang, Vec<String>>,
    innovation: [OnceLock<Vec<Pattern>>; 3],
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
                words: t.words,
                patterns: Default::default(),
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
        Framework {
            name: file.name,
            title: file.title,
            groups: file.descriptors,
            compiled: Default::default(),
            themes,
            level_wording,
            innovation_words: file.innovation,
            innovation: Default::default(),
        }
    }

    /// The patterns of the words of innovation in `lang`, if the framework
    /// gives them.
    pub fn innovation(&self, lang: Lang) -> Option<&[Pattern]> {
        let words = self.innovation_words.get(&lang)?;
        Some(self.innovation[lang.index()].get_or_init(|| patterns_of(words)))
    }

    fn compiled(&self, lang: Lang, lexicon: &Lexicon) -> &Compiled {
        self.compiled[lang.index()].get_or_init(|| {
            let mut compiled = Compiled::default();
            let mut nouns: HashMap<String, u32> = HashMap::default();
            for group in &self.groups {
                let texts = match lang {
                    Lang::Nb => &group.nb,
                    Lang::Nn if group.nn.is_empty() => &group.nb,
                    Lang::Nn => &group.nn,
                    Lang::En => &group.en,
                };
                for text in texts {
                    let content = content_words(text, lexicon);
                    let id = compiled.descriptors.len();
                    let noun_numbers: Vec<u32> = content
                        .iter()
                        .map(|word| number(framework_noun(word), &mut nouns))
                        .collect();
                    for (word, &noun) in content.iter().zip(&noun_numbers) {
                        let ids = &mut known(&mut compiled.words, word, noun).descriptors;
                        if ids.last() != Some(&id) {
                            ids.push(id);
                        }
                    }
                    compiled.descriptors.push(Descriptor {
                        level: group.level,
                        category: group.category,
                        text: text.clone(),
                        content,
                        nouns: noun_numbers,
                    });
                }
            }
            for (word, noun) in CATEGORY_NOUNS {
                let noun = number(noun, &mut nouns);
                known(&mut compiled.words, word, noun);
            }
            compiled
        })
    }

    /// The descriptors in `lang`, whose `lexicon` normalises them.
    pub fn descriptors(&self, lang: Lang, lexicon: &Lexicon) -> &[Descriptor] {
        &self.compiled(lang, lexicon).descriptors
    }

    /// The normalised `words` of an outcome as numbers, and the
    /// descriptors of `lang` that share at least `min_shared` distinct
    /// words with them: the only ones worth comparing in full.
    pub fn matching(
        &self,
        lang: Lang,
        lexicon: &Lexicon,
        words: &[&str],
        min_shared: usize,
    ) -> Matching {
        let compiled = self.compiled(lang, lexicon);
        let known: Vec<Option<&Known>> = words.iter().map(|w| compiled.words.get(*w)).collect();
        let nouns = known
            .iter()
            .map(|k| k.map_or(UNKNOWN, |k| k.noun))
            .collect();
        // A count for each descriptor: there are a few hundred at most.
        let mut shared = vec![0usize; compiled.descriptors.len()];
        // Each distinct word once: an outcome has a few dozen at most.
        let mut distinct: Vec<&Known> = known.into_iter().flatten().collect();
        distinct.sort_unstable_by_key(|k| k.word);
        distinct.dedup_by_key(|k| k.word);
        for word in distinct {
            for &id in &word.descriptors {
                if let Some(count) = shared.get_mut(id) {
                    *count += 1;
                }
            }
        }
        let candidates = (0..shared.len())
            .filter(|&id| shared[id] >= min_shared.max(1))
            .collect();
        Matching { nouns, candidates }
    }

    /// Levels that have descriptors.
    pub fn levels(&self) -> Vec<u8> {
        let mut levels: Vec<u8> = self.groups.iter().map(|g| g.level).collect();
        levels.sort_unstable();
        levels.dedup();
        levels
    }
}

/// Normalised words of `text`, function words left out: lub's own data,
/// read once at start, so not kept in the cache of a text's words.
fn content_words(text: &str, lexicon: &Lexicon) -> Vec<String> {
    crate::analyse::segment::words(text)
        .filter_map(|w| {
            let norm = lexicon
                .normalise_uncached(&Lexicon::lower_case(w))
                .into_owned();
            (!lexicon.is(&norm, crate::analyse::class::STOP)).then_some(norm)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::{DEFAULT_FRAMEWORK, Data, FrameworkSource};
    use proptest::prelude::*;

    /// What the descriptors were compared with before they had numbers:
    /// the words themselves, each as its `framework_noun`.
    fn by_words(descriptors: &[Descriptor], words: &[&str]) -> Vec<(usize, usize, usize)> {
        let ours: Vec<&str> = words.iter().map(|w| framework_noun(w)).collect();
        let mut distinct = words.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        descriptors
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                distinct
                    .iter()
                    .filter(|w| d.content.iter().any(|c| c == *w))
                    .count()
                    >= 2
            })
            .map(|(id, d)| {
                let theirs: Vec<&str> = d.content.iter().map(|w| framework_noun(w)).collect();
                let distance = strsim::generic_levenshtein(&ours, &theirs);
                (
                    id,
                    distance,
                    ours.iter().filter(|w| theirs.contains(w)).count(),
                )
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Numbers find the descriptors that words find, at the same
        /// distance and with the same words shared: words of the
        /// descriptors, the words that name a category, and others.
        #[test]
        fn numbers_compare_as_the_words_do(
            lang in proptest::sample::select(vec![Lang::Nb, Lang::Nn, Lang::En]),
            picks in proptest::collection::vec((0usize..10_000, 0u8..4), 0..14),
        ) {
            let data = Data::load(&FrameworkSource::Builtin(DEFAULT_FRAMEWORK)).unwrap();
            let descriptors = data.descriptors(lang);
            let vocabulary: Vec<&str> = descriptors
                .iter()
                .flat_map(|d| d.content.iter().map(String::as_str))
                .collect();
            let words: Vec<&str> = picks
                .iter()
                .map(|&(at, kind)| match kind {
                    0 | 1 => vocabulary[at % vocabulary.len()],
                    2 => CATEGORY_NOUNS[at % CATEGORY_NOUNS.len()].0,
                    _ => ["vegbygging", "rust", "zzz"][at % 3],
                })
                .collect();
            let matching = data.framework.matching(lang, data.lexicon(lang), &words, 2);
            let by_numbers: Vec<(usize, usize, usize)> = matching
                .candidates
                .iter()
                .map(|&id| {
                    let theirs = &descriptors[id].nouns;
                    let distance = strsim::generic_levenshtein(&matching.nouns, theirs);
                    (id, distance, matching.nouns.iter().filter(|n| theirs.contains(n)).count())
                })
                .collect();
            prop_assert_eq!(by_numbers, by_words(descriptors, &words));
        }
    }
}
