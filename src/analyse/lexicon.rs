//! Word data per language (`rules/lexicon/*.yaml`) and the one function that
//! turns a word into the form rules match on: `Lexicon::normalise`.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

use crate::lang::Lang;

/// The Bloom levels of the revised taxonomy, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bloom {
    Remember,
    Understand,
    Apply,
    Analyse,
    Evaluate,
    Create,
}

/// A lexicon file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LexiconFile {
    pub lang: Lang,
    pub forms: BTreeMap<String, Vec<String>>,
    pub conjunctions: Vec<String>,
    pub stopwords: Vec<String>,
    pub lead: Vec<String>,
    pub framework: Vec<String>,
    pub verbs: BTreeMap<Bloom, Vec<String>>,
}

/// The lexicon of one language, ready to use: every set holds normalised
/// forms.
pub struct Lexicon {
    pub lang: Lang,
    /// Word form → key, for the forms Snowball does not join.
    forms: HashMap<String, String>,
    stemmer: Stemmer,
    pub conjunctions: HashSet<String>,
    pub stopwords: HashSet<String>,
    pub lead: HashSet<String>,
    pub framework: HashSet<String>,
    pub verbs: HashMap<String, Bloom>,
    /// The verbs as listed (infinitives), lower case, unnormalised: "forklare"
    /// but not "forklarer".
    pub infinitives: HashSet<String>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

thread_local! {
    /// Snowball results, per thread: a catalogue repeats the same few
    /// thousand words, and stemming is the costly step.
    static STEMS: RefCell<[HashMap<String, Rc<str>>; 3]> = RefCell::new(Default::default());
}

/// The cache is dropped when it grows past this, so memory stays bounded
/// whatever the input.
const STEM_CACHE_LIMIT: usize = 100_000;

impl Lexicon {
    pub(crate) fn new(file: &LexiconFile) -> Result<Lexicon, String> {
        let stemmer = Stemmer::create(match file.lang {
            Lang::En => Algorithm::English,
            Lang::Nb | Lang::Nn => Algorithm::Norwegian,
        });
        let mut lexicon = Lexicon {
            lang: file.lang,
            forms: HashMap::new(),
            stemmer,
            conjunctions: HashSet::new(),
            stopwords: HashSet::new(),
            lead: HashSet::new(),
            framework: HashSet::new(),
            verbs: HashMap::new(),
            infinitives: HashSet::new(),
        };
        for (key, forms) in &file.forms {
            for form in forms.iter().chain(std::iter::once(key)) {
                let form = form.to_lowercase();
                match lexicon.forms.get(&form) {
                    Some(other) if other != key => {
                        return Err(format!(
                            "the form «{form}» is listed under both «{other}» and «{key}»"
                        ));
                    }
                    _ => {
                        lexicon.forms.insert(form, key.clone());
                    }
                }
            }
        }
        let normalise_all = |lexicon: &Lexicon, words: &[String]| -> HashSet<String> {
            words
                .iter()
                .map(|w| lexicon.normalise(&w.to_lowercase()).to_string())
                .collect()
        };
        lexicon.conjunctions = normalise_all(&lexicon, &file.conjunctions);
        lexicon.stopwords = normalise_all(&lexicon, &file.stopwords);
        lexicon.lead = normalise_all(&lexicon, &file.lead);
        // Framework words are listed in one form; their regular inflections
        // ("sentralt", "effectively") must not pass for subject words.
        let inflected: Vec<String> = file
            .framework
            .iter()
            .flat_map(|w| ["", "t", "e", "s", "er", "ly"].map(|suffix| format!("{w}{suffix}")))
            .collect();
        lexicon.framework = normalise_all(&lexicon, &inflected);
        for (level, verbs) in &file.verbs {
            for verb in verbs {
                let lower = verb.to_lowercase();
                let norm = lexicon.normalise(&lower).to_string();
                lexicon.verbs.entry(norm).or_insert(*level);
                lexicon.infinitives.insert(lower);
            }
        }
        Ok(lexicon)
    }

    /// The form a rule matches `lower` (a lower-case word) on: its key in
    /// `forms`, else its Snowball stem.
    pub fn normalise(&self, lower: &str) -> Rc<str> {
        if let Some(key) = self.forms.get(lower) {
            return Rc::from(key.as_str());
        }
        let slot = match self.lang {
            Lang::Nb => 0,
            Lang::Nn => 1,
            Lang::En => 2,
        };
        STEMS.with(|caches| {
            let mut caches = caches.borrow_mut();
            let cache = &mut caches[slot];
            if let Some(stem) = cache.get(lower) {
                return stem.clone();
            }
            if cache.len() >= STEM_CACHE_LIMIT {
                cache.clear();
            }
            let stem: Rc<str> = Rc::from(self.stemmer.stem(lower).as_ref());
            cache.insert(lower.to_string(), stem.clone());
            stem
        })
    }

    /// Whether a lower-case written word is one of the listed verbs, or a
    /// regular inflection of one ("forklarer", "forklarte"; "explains",
    /// "planned", "designing").
    pub fn is_verb_form(&self, lower: &str) -> bool {
        if self.infinitives.contains(lower) {
            return true;
        }
        let suffixes: &[&str] = match self.lang {
            Lang::En => &["s", "es", "d", "ed", "ing"],
            Lang::Nb | Lang::Nn => &["r", "er", "te", "t", "de", "dd", "et", "s"],
        };
        for suffix in suffixes {
            let Some(stem) = lower.strip_suffix(suffix) else {
                continue;
            };
            if self.infinitives.contains(stem) || self.infinitives.contains(&format!("{stem}e")) {
                return true;
            }
            // "planned", "planning": the final consonant doubled.
            let mut last = stem.chars().rev();
            if let (Some(a), Some(b)) = (last.next(), last.next())
                && a == b
                && self
                    .infinitives
                    .contains(&stem[..stem.len() - a.len_utf8()])
            {
                return true;
            }
        }
        false
    }

    /// The key a listed form reaches, for the lexicon test.
    pub fn key_of_form(&self, lower: &str) -> Option<&str> {
        self.forms.get(lower).map(String::as_str)
    }

    /// Every `(key, form)` pair listed, for the lexicon test.
    pub fn listed_forms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.forms
            .iter()
            .map(|(form, key)| (key.as_str(), form.as_str()))
    }

    /// Whether a normalised word is a function word, a lead word, a
    /// framework word or a verb: anything but the subject.
    pub fn names_no_subject(&self, norm: &str) -> bool {
        self.stopwords.contains(norm)
            || self.lead.contains(norm)
            || self.framework.contains(norm)
            || self.verbs.contains_key(norm)
    }
}
