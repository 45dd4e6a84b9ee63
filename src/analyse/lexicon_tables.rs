//! How a lexicon file becomes the tables a word is looked up in: which form
//! stands for which key, and what each normalised word is. build.rs runs
//! this on `rules/lexicon/*.yaml`, so a start reads finished tables instead
//! of stemming and lowering every listed word again; the lexicon test runs
//! it on the same files to show the tables built in are these.

use std::collections::{BTreeMap, BTreeSet};

use super::inflect::FRAMEWORK_ENDINGS;

/// What a normalised word is, as bits: one lookup answers every question a
/// rule asks of a word.
pub(crate) mod class {
    /// A function word ("og", "the").
    pub(crate) const STOP: u8 = 1;
    /// A word that opens an outcome before its verb ("skal", "kunne").
    pub(crate) const LEAD: u8 = 2;
    /// A word of the framework that names no subject ("relevante").
    pub(crate) const FRAMEWORK: u8 = 4;
    /// One of the listed verbs, by its normalised form.
    pub(crate) const VERB: u8 = 8;
    /// "og", "and": joins two verbs of one outcome.
    pub(crate) const CONJUNCTION: u8 = 16;
    /// Who the outcomes are about ("studenten", "candidates").
    pub(crate) const LEARNER: u8 = 32;
}

/// The lists of one lexicon file, as written.
pub(crate) struct Lists<'a> {
    /// Key → the forms that normalise to it.
    pub(crate) forms: &'a [(String, Vec<String>)],
    pub(crate) conjunctions: &'a [String],
    pub(crate) stopwords: &'a [String],
    pub(crate) lead: &'a [String],
    pub(crate) framework: &'a [String],
    /// The verbs of each Bloom level, lowest level first.
    pub(crate) verbs: &'a [Vec<String>],
    pub(crate) learners: &'a [String],
}

/// A lexicon's words, ready to look up; every list sorted.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Tables {
    /// Lower-case form → key, for the forms Snowball does not join.
    pub(crate) forms: Vec<(String, String)>,
    /// Normalised word → its `class` bits.
    pub(crate) classes: Vec<(String, u8)>,
    /// The verbs as listed, lower case and not normalised.
    pub(crate) infinitives: Vec<String>,
}

impl Lists<'_> {
    /// The tables, with `stem` giving a lower-case word's Snowball stem; an
    /// error for a form listed under two keys, since which would win is a
    /// guess.
    pub(crate) fn tables(&self, stem: &dyn Fn(&str) -> String) -> Result<Tables, String> {
        let mut forms: BTreeMap<String, &str> = BTreeMap::new();
        for (key, listed) in self.forms {
            for form in listed.iter().chain(std::iter::once(key)) {
                match forms.insert(form.to_lowercase(), key) {
                    Some(other) if other != key => {
                        return Err(format!(
                            "the form «{form}» is listed under both «{other}» and «{key}»"
                        ));
                    }
                    _ => {}
                }
            }
        }
        let normalise = |lower: &str| match forms.get(lower) {
            Some(key) => (*key).to_string(),
            None => stem(lower),
        };
        let infinitives: BTreeSet<String> = self
            .verbs
            .iter()
            .flatten()
            .map(|v| v.to_lowercase())
            .collect();
        // Framework words are listed in one form; their regular inflections
        // ("sentralt", "effectively") must not pass for subject words.
        let inflected: Vec<String> = self
            .framework
            .iter()
            .flat_map(|w| FRAMEWORK_ENDINGS.map(|ending| format!("{w}{ending}")))
            .collect();
        let listed_verbs: Vec<String> = self.verbs.iter().flatten().cloned().collect();
        let mut classes: BTreeMap<String, u8> = BTreeMap::new();
        for (words, bit) in [
            (self.stopwords, class::STOP),
            (self.lead, class::LEAD),
            (&inflected[..], class::FRAMEWORK),
            (&listed_verbs[..], class::VERB),
            (self.conjunctions, class::CONJUNCTION),
            (self.learners, class::LEARNER),
        ] {
            for word in words {
                *classes.entry(normalise(&word.to_lowercase())).or_default() |= bit;
            }
        }
        Ok(Tables {
            forms: forms
                .into_iter()
                .map(|(form, key)| (form, key.to_string()))
                .collect(),
            classes: classes.into_iter().collect(),
            infinitives: infinitives.into_iter().collect(),
        })
    }
}

/// Where a word of a table built in is placed and looked for (FNV-1a over
/// its bytes): build.rs and lub compute it alike. A lookup touches a slot
/// or two, where a binary search touched pages all over the table, each a
/// page fault in a short run.
pub(crate) fn slot_hash(word: &str) -> u32 {
    word.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The index of `word` in a table whose `slots` were made by `slots`, with
/// `word_of` giving the word of an index; `None` for a word not in it.
pub(crate) fn find<'a>(
    slots: &[u32],
    word: &str,
    word_of: impl Fn(usize) -> Option<&'a str>,
) -> Option<usize> {
    let mask = slots.len().checked_sub(1)?;
    let mut slot = slot_hash(word) as usize & mask;
    loop {
        let index = usize::try_from(slots.get(slot)?.checked_sub(1)?).ok()?;
        if word_of(index)? == word {
            return Some(index);
        }
        slot = (slot + 1) & mask;
    }
}

/// The slots of `words` by `slot_hash`, with linear probing: each slot 0
/// for none or a word's index plus one. Twice as many slots as words,
/// rounded up to a power of two, so that a search always meets an empty
/// slot. Run by build.rs; lub's tests run it to check the slots built in.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn slots<'a>(words: impl ExactSizeIterator<Item = &'a str>) -> Vec<u32> {
    let size = (words.len() * 2).next_power_of_two().max(2);
    let mask = size - 1;
    let mut slots = vec![0u32; size];
    for (index, word) in words.enumerate() {
        let mut slot = slot_hash(word) as usize & mask;
        while slots[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        slots[slot] = u32::try_from(index + 1).unwrap_or(u32::MAX);
    }
    slots
}
