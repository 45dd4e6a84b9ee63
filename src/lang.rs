//! Languages, the three NKR categories, and the words a document uses for
//! them: what the parser recognises as a category heading or a lead-in, and
//! what `render` and `new` write.

use serde::{Deserialize, Serialize};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    // Norwegian bokmål, Norwegian nynorsk, English; plain comments, so that
    // `--help` lists the codes alone, as it always has.
    Nb,
    Nn,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "nb" => Some(Lang::Nb),
            "nn" => Some(Lang::Nn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's place in `ALL`: for tables with one entry each.
    pub fn index(self) -> usize {
        match self {
            Lang::Nb => 0,
            Lang::Nn => 1,
            Lang::En => 2,
        }
    }

    pub fn is_norwegian(self) -> bool {
        matches!(self, Lang::Nb | Lang::Nn)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The three categories of the Norwegian Qualifications Framework, in the
/// framework's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Knowledge,
    Skills,
    GeneralCompetence,
}

impl Category {
    pub const ALL: [Category; 3] = [
        Category::Knowledge,
        Category::Skills,
        Category::GeneralCompetence,
    ];

    /// The stable name used in JSON, configuration and rule files.
    pub fn key(self) -> &'static str {
        match self {
            Category::Knowledge => "knowledge",
            Category::Skills => "skills",
            Category::GeneralCompetence => "general-competence",
        }
    }

    /// The heading a document in `lang` should use.
    pub fn heading(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Category::Knowledge, Lang::En) => "Knowledge",
            (Category::Knowledge, _) => "Kunnskap",
            (Category::Skills, Lang::Nb) => "Ferdigheter",
            (Category::Skills, Lang::Nn) => "Ferdigheiter",
            (Category::Skills, Lang::En) => "Skills",
            (Category::GeneralCompetence, Lang::En) => "General competence",
            (Category::GeneralCompetence, _) => "Generell kompetanse",
        }
    }
}

/// A name a document may give a category, and which languages use it.
pub(crate) struct CategoryName {
    pub name: &'static str,
    pub category: Category,
    pub langs: &'static [Lang],
    /// A name texts use that is not the framework's ("Kompetanse"): read as
    /// the category, and reported with the framework's name.
    pub loose: bool,
}

const NB_NN: &[Lang] = &[Lang::Nb, Lang::Nn];
const NB: &[Lang] = &[Lang::Nb];
const NN: &[Lang] = &[Lang::Nn];
const EN: &[Lang] = &[Lang::En];

/// Every category name lub accepts, lower case. The first name of each
/// category and language is the canonical one.
pub(crate) const CATEGORY_NAMES: &[CategoryName] = &[
    name("kunnskap", Category::Knowledge, NB_NN),
    name("kunnskaper", Category::Knowledge, NB),
    name("kunnskapar", Category::Knowledge, NN),
    name("kunnskap og forståelse", Category::Knowledge, NB_NN),
    name("kunnskaper og forståelse", Category::Knowledge, NB),
    name("kunnskapar og forståing", Category::Knowledge, NN),
    name("kunnskap og forståing", Category::Knowledge, NN),
    name("knowledge", Category::Knowledge, EN),
    name("knowledge and understanding", Category::Knowledge, EN),
    name("knowledge and comprehension", Category::Knowledge, EN),
    name("ferdigheter", Category::Skills, NB),
    name("ferdighet", Category::Skills, NB),
    name("ferdigheiter", Category::Skills, NN),
    name("ferdigheit", Category::Skills, NN),
    name("dugleikar", Category::Skills, NN),
    name("dugleik", Category::Skills, NN),
    loose("ferdigheitar", Category::Skills, NN),
    name("skills", Category::Skills, EN),
    name("generell kompetanse", Category::GeneralCompetence, NB_NN),
    name("generelle kompetanser", Category::GeneralCompetence, NB),
    name("generelle kompetansar", Category::GeneralCompetence, NN),
    name("general competence", Category::GeneralCompetence, EN),
    name("general competences", Category::GeneralCompetence, EN),
    name("general competencies", Category::GeneralCompetence, EN),
    name("general competency", Category::GeneralCompetence, EN),
    name("general qualifications", Category::GeneralCompetence, EN),
    loose("competence", Category::GeneralCompetence, EN),
    loose("competences", Category::GeneralCompetence, EN),
    loose("kompetanse", Category::GeneralCompetence, NB_NN),
];

const fn name(name: &'static str, category: Category, langs: &'static [Lang]) -> CategoryName {
    CategoryName {
        name,
        category,
        langs,
        loose: false,
    }
}

const fn loose(name: &'static str, category: Category, langs: &'static [Lang]) -> CategoryName {
    CategoryName {
        name,
        category,
        langs,
        loose: true,
    }
}

/// Normalises a heading or label for comparison with category names: lower
/// case; emphasis, a trailing colon, numbering ("2.", "B)") and a trailing
/// parenthesis ("(K)") removed; white space collapsed.
pub(crate) fn normalise_label(text: &str) -> String {
    // The longest category name with numbering, emphasis and a parenthesis
    // is far shorter; a longer line is not a label, and need not be copied.
    const LONGEST_LABEL: usize = 80;
    if text.len() > LONGEST_LABEL {
        return String::new();
    }
    let mut label = strip_decoration(text);
    if let Some((number, rest)) = label.split_once([' ', '\t'])
        && is_numbering(number)
    {
        label = strip_decoration(rest);
    }
    if label.ends_with(')')
        && let Some(open) = label.rfind('(')
    {
        label = strip_decoration(&label[..open]);
    }
    joined_lower(label)
}

/// The words of `label` lower case, joined by one space.
fn joined_lower(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    // Nearly every line a label is looked for in is ASCII, whose white
    // space is ASCII's but for the line tabulation: its words are found and
    // lowered bytes at a time, not decoded a character at a time.
    if label.is_ascii() && !label.contains('\u{b}') {
        for word in label.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out.make_ascii_lowercase();
        return out;
    }
    for word in label.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// `**Kunnskap:**`, `*Kunnskaper*:` → `Kunnskap`, `Kunnskaper`.
fn strip_decoration(text: &str) -> &str {
    let mut text = text;
    loop {
        let before = text;
        text = text
            .trim_matches(|c: char| matches!(c, '*' | '_') || c.is_whitespace())
            .trim_end_matches([':', '.', '…']);
        if text == before {
            return text;
        }
    }
}

/// "1.", "2)", "A.", "b)" before a heading's words.
fn is_numbering(word: &str) -> bool {
    let Some(body) = word.strip_suffix(['.', ')']) else {
        return false;
    };
    (!body.is_empty() && body.len() <= 2 && body.chars().all(|c| c.is_ascii_digit()))
        || (body.len() == 1 && body.chars().all(|c| c.is_ascii_alphabetic()))
}

pub(crate) fn category_name(label: &str) -> Option<&'static CategoryName> {
    CATEGORY_NAMES.iter().find(|n| n.name == label)
}

/// A label that is nearly a category name ("ferdigeter"), with the name it
/// was probably meant to be. Short labels must be closer: one edit in six
/// letters is a typo, two are another word.
pub(crate) fn near_category_name(label: &str) -> Option<&'static CategoryName> {
    let len = label.chars().count();
    if len < 5 {
        return None;
    }
    let allowed = if len <= 8 { 1 } else { 2 };
    CATEGORY_NAMES
        .iter()
        // An edit distance of at most `allowed` needs lengths that close;
        // checking that first keeps long lines of text cheap.
        .filter(|n| n.name.chars().count().abs_diff(len) <= allowed)
        .map(|n| (strsim::osa_distance(label, n.name), n))
        .filter(|(d, _)| *d > 0 && *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Words that, in a lead-in or an unlabelled paragraph, say which category
/// the outcomes after it belong to ("Studenten har kunnskap om:").
pub(crate) fn category_named_in(words: &[String]) -> Option<Category> {
    let mut found = None;
    for (i, word) in words.iter().enumerate() {
        let after_general =
            i > 0 && matches!(words[i - 1].as_str(), "generell" | "generelle" | "general");
        // One-word category names; a loose one ("kompetanse") names general
        // competence only after "generell".
        let Some(name) = category_name(word) else {
            continue;
        };
        if name.loose && !(after_general && name.category == Category::GeneralCompetence) {
            continue;
        }
        let category = name.category;
        match found {
            // "kunnskap og ferdigheter" names two: not the lead-in of one category.
            Some(previous) if previous != category => return None,
            _ => found = Some(category),
        }
    }
    found
}

/// Where a document's language came from, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LangSource {
    FrontMatter,
    FileName,
    /// `defaults: lang:` in `lub.yaml`.
    Config,
    Content,
    Default,
}

/// The language of a document: its front matter's `lang`, else a language
/// code among the parts of its file name (`mtdt.en.lub.md`), else its
/// category headings and the words it uses most, else bokmål.
pub fn detect(
    front_matter: Option<Lang>,
    file_name: &str,
    headings: &[&str],
    text: &str,
) -> (Lang, LangSource) {
    if let Some(lang) = front_matter {
        return (lang, LangSource::FrontMatter);
    }
    if let Some(lang) = lang_of_file_name(file_name) {
        return (lang, LangSource::FileName);
    }
    match lang_of_content(headings, text) {
        Some(lang) => (lang, LangSource::Content),
        None => (Lang::Nb, LangSource::Default),
    }
}

fn lang_of_file_name(file_name: &str) -> Option<Lang> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    // The first part is the name itself ("en.lub.md" is a file named "en").
    base.split('.')
        .skip(1)
        .find_map(|part| Lang::from_code(&part.to_lowercase()))
}

/// A word that only one of the three languages uses often.
fn marker_word(word: &str) -> Option<Lang> {
    match word {
        "ikke" | "hva" | "hvordan" | "hvilke" | "fra" | "være" | "en" | "et" | "egen" | "egne"
        | "noen" | "bare" | "deres" | "kunnskaper" | "ferdigheter" | "studentene" => Some(Lang::Nb),
        "ikkje" | "kva" | "korleis" | "frå" | "vere" | "ein" | "eit" | "eigen" | "eigne"
        | "nokon" | "berre" | "deira" | "dei" | "òg" | "sjølv" | "sjølvstendig" | "kunnskapar"
        | "ferdigheiter" | "studentane" => Some(Lang::Nn),
        "the" | "and" | "of" | "to" | "can" | "with" | "has" | "knowledge" | "skills"
        | "competence" | "is" | "are" | "be" => Some(Lang::En),
        _ => None,
    }
}

fn lang_of_content(headings: &[&str], text: &str) -> Option<Lang> {
    let mut score = [0usize; 3];
    for heading in headings {
        if let Some(name) = category_name(&normalise_label(heading)) {
            for lang in name.langs {
                score[lang.index()] += 5;
            }
        }
    }
    // The first two thousand words are plenty to tell the languages apart.
    let words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(2_000);
    for word in words {
        if let Some(lang) = marker_word(&word.to_lowercase()) {
            score[lang.index()] += 1;
        }
    }
    let [nb, nn, en] = score;
    if en > nb.max(nn) {
        Some(Lang::En)
    } else if nn > nb {
        Some(Lang::Nn)
    } else if nb > 0 {
        Some(Lang::Nb)
    } else {
        None
    }
}

/// What a document describes: a programme or a course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Programme,
    Course,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Programme => "programme",
            Kind::Course => "course",
        }
    }
}

/// `nb`, `nn` or `en`, as front matter, `lub.yaml` and the command line
/// write a language.
impl std::str::FromStr for Lang {
    type Err = UnknownWord;
    fn from_str(code: &str) -> Result<Lang, UnknownWord> {
        Lang::from_code(code).ok_or_else(|| UnknownWord(code.to_string()))
    }
}

/// `programme` or `course`.
impl std::str::FromStr for Kind {
    type Err = UnknownWord;
    fn from_str(word: &str) -> Result<Kind, UnknownWord> {
        match word {
            "programme" => Ok(Kind::Programme),
            "course" => Ok(Kind::Course),
            _ => Err(UnknownWord(word.to_string())),
        }
    }
}

/// A word that names no language or kind; callers say what they expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownWord(pub String);

/// An NKR level: 5 fagskole, 6 bachelor, 7 master, 8 ph.d. (the EQF's
/// numbers). Front matter, `lub.yaml`, the command line and the editors'
/// page all read it here, so that each refuses the same numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Level(u8);

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 4] = [Level(5), Level(6), Level(7), Level(8)];

    pub const fn get(self) -> u8 {
        self.0
    }
}

/// A number or a text that is no NKR level, as it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotALevel(pub String);

impl std::fmt::Display for NotALevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not an NKR level: 5, 6, 7 or 8", self.0)
    }
}

impl std::error::Error for NotALevel {}

impl TryFrom<i64> for Level {
    type Error = NotALevel;
    fn try_from(n: i64) -> Result<Level, NotALevel> {
        match u8::try_from(n) {
            Ok(n @ 5..=8) => Ok(Level(n)),
            _ => Err(NotALevel(n.to_string())),
        }
    }
}

impl TryFrom<u8> for Level {
    type Error = NotALevel;
    fn try_from(n: u8) -> Result<Level, NotALevel> {
        Level::try_from(i64::from(n))
    }
}

/// `5` to `8`, spaces around allowed. `07` and `+7` are no levels, as they
/// are no numbers to the YAML reader of front matter and `lub.yaml`: a
/// level that one of them refuses, the command line refuses too.
impl std::str::FromStr for Level {
    type Err = NotALevel;
    fn from_str(text: &str) -> Result<Level, NotALevel> {
        match text.trim().as_bytes() {
            [d @ b'5'..=b'8'] => Ok(Level(d - b'0')),
            _ => Err(NotALevel(text.to_string())),
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Level, D::Error> {
        let n = i64::deserialize(d)?;
        Level::try_from(n).map_err(serde::de::Error::custom)
    }
}

/// How a finding speaks: in which language, and whether it names a course
/// or a programme ("dette emnet", "this programme").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Speech {
    pub lang: Lang,
    pub kind: Option<Kind>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_normalised_before_comparison() {
        assert_eq!(normalise_label("*Kunnskaper:*"), "kunnskaper");
        assert_eq!(
            normalise_label("**Generell  Kompetanse**:"),
            "generell kompetanse"
        );
        assert_eq!(normalise_label("  SKILLS. "), "skills");
        assert_eq!(normalise_label("2. Ferdigheter (F)"), "ferdigheter");
        assert_eq!(normalise_label("Kunnskap (Knowledge):"), "kunnskap");
        assert_eq!(
            category_name(&normalise_label("Ferdigheiter")).map(|n| n.category),
            Some(Category::Skills)
        );
    }

    proptest::proptest! {
        /// A label of ASCII is lowered and joined as any other is.
        #[test]
        fn an_ascii_label_is_joined_and_lowered_as_any_other(
            label in "[ -~\t\n\u{b}\u{c}\r]{0,40}|[ a-zA-Z\u{b}\u{a0}ÆØÅæøå]{0,40}"
        ) {
            let by_chars = label
                .split_whitespace()
                .map(|word| word.chars().flat_map(char::to_lowercase).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ");
            proptest::prop_assert_eq!(joined_lower(&label), by_chars);
        }
    }

    #[test]
    fn near_names_need_to_be_near() {
        assert_eq!(
            near_category_name("ferdigeter").map(|n| n.name),
            Some("ferdigheter")
        );
        assert_eq!(
            near_category_name("generel kompetense").map(|n| n.name),
            Some("generell kompetanse")
        );
        assert!(near_category_name("praksis").is_none());
        assert!(near_category_name("skills").is_none(), "exact is not near");
        assert!(near_category_name("spill").is_none(), "too short to guess");
    }

    #[test]
    fn language_from_file_name_then_content() {
        assert_eq!(
            detect(None, "dir/mtdt.en.lub.md", &[], "Kandidaten kan"),
            (Lang::En, LangSource::FileName)
        );
        assert_eq!(detect(None, "en.lub.md", &[], "").1, LangSource::Default);
        assert_eq!(
            detect(None, "x.lub.md", &["Ferdigheiter"], "Kandidaten kan"),
            (Lang::Nn, LangSource::Content)
        );
        assert_eq!(
            detect(
                None,
                "x.lub.md",
                &["Kunnskap"],
                "Kandidaten har kunnskap om ulike metoder og kan ikke"
            ),
            (Lang::Nb, LangSource::Content)
        );
        assert_eq!(
            detect(None, "x.lub.md", &[], "The candidate can analyse the data"),
            (Lang::En, LangSource::Content)
        );
        assert_eq!(
            detect(Some(Lang::Nn), "x.en.lub.md", &[], "the and of").1,
            LangSource::FrontMatter
        );
    }

    #[test]
    fn a_lead_in_names_one_category_or_none() {
        let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            category_named_in(&words("studenten har kunnskap om")),
            Some(Category::Knowledge)
        );
        assert_eq!(
            category_named_in(&words("kandidaten har generell kompetanse til å")),
            Some(Category::GeneralCompetence)
        );
        assert_eq!(
            category_named_in(&words("kunnskap ferdigheter og generell kompetanse")),
            None
        );
    }

    #[test]
    fn a_level_is_5_to_8_however_it_is_written() {
        use std::str::FromStr;
        for n in 5u8..=8 {
            let level = Level::try_from(n).unwrap();
            assert_eq!(level.get(), n);
            assert_eq!(Level::from_str(&level.to_string()), Ok(level));
            assert_eq!(Level::try_from(i64::from(n)), Ok(level));
        }
        assert_eq!(Level::from_str(" 7 ").map(Level::get), Ok(7));
        for bad in ["4", "9", "07", "+7", "7.0", "-7", "", "sju", "77", "263"] {
            assert_eq!(
                Level::from_str(bad),
                Err(NotALevel(bad.to_string())),
                "{bad:?}"
            );
        }
        for bad in [0i64, 4, 9, 256, 263, -7] {
            assert!(Level::try_from(bad).is_err(), "{bad}");
        }
        assert!(Level::try_from(0u8).is_err());
        assert_eq!(
            NotALevel("9".into()).to_string(),
            "9 is not an NKR level: 5, 6, 7 or 8"
        );
        assert_eq!(Level::ALL.map(Level::get), [5, 6, 7, 8]);
    }
}
