//! The words lub writes itself, in the three languages it speaks: the one
//! table of the CLI's own words (summary lines, headings of `lub explain`,
//! errors) and of the parts of findings that code puts together (which
//! categories are missing, why a lead-in breaks). The rules' own texts are
//! in their YAML, as a [`Text`] per field. It depends on nothing but the
//! languages, so every stage of the pipeline, the parser included, can use
//! it.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// One text in each language lub speaks. In a rule file: a map with the
/// keys `nb`, `nn` and `en`, each required; a user's own rule may give one
/// string, which is then its text in every language. (lub's own rules give
/// all three: a test reads them.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub nb: String,
    pub nn: String,
    pub en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextMap {
    nb: String,
    nn: String,
    en: String,
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a text, or a map of its texts in nb, nn and en")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text::same(text))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
                let TextMap { nb, nn, en } =
                    TextMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Text { nb, nn, en })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nb => &self.nb,
            Lang::Nn => &self.nn,
            Lang::En => &self.en,
        }
    }

    /// The same text in every language: for what is not words (a path, a
    /// number, a message of a YAML library lub cannot translate).
    pub fn same(text: impl Into<String>) -> Text {
        let text = text.into();
        Text {
            nb: text.clone(),
            nn: text.clone(),
            en: text,
        }
    }

    /// Each language's text made by `f`.
    pub fn each(mut f: impl FnMut(Lang) -> String) -> Text {
        Text {
            nb: f(Lang::Nb),
            nn: f(Lang::Nn),
            en: f(Lang::En),
        }
    }

    pub fn map(&self, mut f: impl FnMut(Lang, &str) -> String) -> Text {
        Text::each(|lang| f(lang, self.get(lang)))
    }

    /// `(language, text)` for each language.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        Lang::ALL.into_iter().map(|lang| (lang, self.get(lang)))
    }
}

/// An error lub says in its own words, carried where an `io::Error` goes
/// (a fix refused): `PathError` says it in the user's language.
#[derive(Debug, Clone)]
pub struct Said(pub Text);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.en)
    }
}

impl std::error::Error for Said {}

/// Replaces `{name}` in `template` by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    // A value with a brace in it, or a placeholder inside braces of the
    // template's own, may make a placeholder of a later value, which a
    // replacement in turn fills: such a message is filled value by value.
    // Told on the bytes: a brace is never part of another character.
    let nested = || {
        let mut open = false;
        template.bytes().any(|b| match b {
            b'{' if open => true,
            b'{' => {
                open = true;
                false
            }
            b'}' => {
                open = false;
                false
            }
            _ => false,
        })
    };
    let braced = |value: &str| value.bytes().any(|b| b == b'{' || b == b'}');
    if values.iter().any(|(_, value)| braced(value)) || nested() {
        let mut out = template.to_string();
        for (name, value) in values {
            out = out.replace(
                &format!("{{{name}}}"),
                &crate::source::cut(value, VALUE_MAX),
            );
        }
        return out;
    }
    // Otherwise in one pass: a message is filled for every finding.
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(&crate::source::cut(value, VALUE_MAX));
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The most characters of a value a message shows: an outcome of nothing
/// but dots, quoted whole, put a line of megabytes in one message.
const VALUE_MAX: usize = 200;

/// `text` in the quotation marks of the language: «» in Norwegian, “ ” in
/// English.
pub fn quote(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => format!("“{text}”"),
        Lang::Nb | Lang::Nn => format!("«{text}»"),
    }
}

/// Several texts joined as a list is written: "a, b and c", "a, b og c".
pub fn list(lang: Lang, items: &[String]) -> String {
    let and = Msg::And.get(lang);
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// "1 fil", "2 filer", "1 outcome", "2 outcomes": `noun` is a table entry
/// written `one|many`.
pub fn count(lang: Lang, n: usize, noun: Msg) -> String {
    let text = noun.get(lang);
    let (one, many) = text.split_once('|').unwrap_or((text, text));
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The language of the user's locale, from the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty, as POSIX orders
/// them: `nb`, `nn` and `no` (which means bokmål) are Norwegian, `en`
/// English; any other locale, or none, is `None`. `var` reads a variable.
pub fn locale_lang(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(&var)
        .find(|v| !v.is_empty())?;
    // "nb_NO.UTF-8", "nn-NO", "no": the language is what comes before the
    // territory, the encoding and the modifier.
    let code = value
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match code.as_str() {
        "nb" | "no" => Some(Lang::Nb),
        "nn" => Some(Lang::Nn),
        "en" => Some(Lang::En),
        _ => None,
    }
}

macro_rules! messages {
    ($($(#[$doc:meta])* $name:ident { nb: $nb:literal, nn: $nn:literal, en: $en:literal $(,)? })*) => {
        /// An entry of the table. Each has a text in every language, or
        /// lub does not compile.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($(#[$doc])* $name,)*
        }

        impl Msg {
            /// Every entry, for the test that reads them all.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// The entry's texts, in `Lang::ALL` order.
            pub fn texts(self) -> [&'static str; 3] {
                match self {
                    $(Msg::$name => [$nb, $nn, $en],)*
                }
            }
        }
    };
}

impl Msg {
    pub fn get(self, lang: Lang) -> &'static str {
        self.texts()[lang.index()]
    }

    /// The entry in `lang` with its placeholders filled.
    pub fn say(self, lang: Lang, values: &[(&str, &str)]) -> String {
        fill(self.get(lang), values)
    }

    /// The entry in every language, with its placeholders filled by
    /// `values`, which may depend on the language (quotation marks).
    pub fn text(self, values: impl Fn(Lang) -> Vec<(&'static str, String)>) -> Text {
        Text::each(|lang| {
            let values = values(lang);
            let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            self.say(lang, &values)
        })
    }

    pub fn name(self) -> String {
        format!("{self:?}")
    }
}

messages! {
    // Words that go into other texts.
    And { nb: "og", nn: "og", en: "and" }
    Nor { nb: "eller", nn: "eller", en: "nor" }
    Files { nb: "fil|filer", nn: "fil|filer", en: "file|files" }
    Findings { nb: "funn|funn", nn: "funn|funn", en: "finding|findings" }
    Errors { nb: "feil|feil", nn: "feil|feil", en: "error|errors" }
    Warnings { nb: "advarsel|advarsler", nn: "åtvaring|åtvaringar", en: "warning|warnings" }
    Infos { nb: "merknad|merknader", nn: "merknad|merknader", en: "info|infos" }
    Outcomes { nb: "læringsutbytte|læringsutbytter", nn: "læringsutbyte|læringsutbyte", en: "outcome|outcomes" }
    SeverityError { nb: "feil", nn: "feil", en: "error" }
    SeverityWarning { nb: "advarsel", nn: "åtvaring", en: "warning" }
    SeverityInfo { nb: "merknad", nn: "merknad", en: "info" }
    KindCourse { nb: "emne", nn: "emne", en: "course" }
    KindProgramme { nb: "studieprogram", nn: "studieprogram", en: "programme" }
    KindEither { nb: "studieprogram eller emne", nn: "studieprogram eller emne", en: "programme or course" }
    ThisCourse { nb: "dette emnet", nn: "dette emnet", en: "this course" }
    ThisProgramme { nb: "dette studieprogrammet", nn: "dette studieprogrammet", en: "this programme" }
    ThisEither { nb: "denne beskrivelsen", nn: "denne skildringa", en: "this description" }
    TheOutcomes { nb: "læringsutbyttet", nn: "læringsutbytet", en: "the outcomes" }
    Line { nb: "linje {line}", nn: "linje {line}", en: "line {line}" }
    RelatedRepeated {
        nb: "utbyttet det gjentar",
        nn: "utbytet det gjentek",
        en: "the outcome it repeats",
    }
    RelatedOtherVersion {
        nb: "det som står i den andre språkversjonen",
        nn: "det som står i den andre språkversjonen",
        en: "what the other language version says",
    }

    // missing-category: after the names of the categories.
    CategoriesAllMissingUnlabelled {
        nb: "mangler alle: ingen overskrift sier hvilken kategori et læringsutbytte hører til",
        nn: "manglar alle: inga overskrift seier kva kategori eit læringsutbyte høyrer til",
        en: "are all missing: no heading says which category an outcome belongs to",
    }
    CategoriesAllMissing { nb: "mangler alle", nn: "manglar alle", en: "are all missing" }
    CategoriesWithoutOutcomes { nb: "har ingen læringsutbytter", nn: "har ingen læringsutbyte", en: "have no outcomes" }
    CategoryEmpty {
        nb: "er tom: den har ingen læringsutbytter",
        nn: "er tom: han har ingen læringsutbyte",
        en: "is empty: it has no outcomes",
    }
    CategoryMissing { nb: "mangler", nn: "manglar", en: "is missing" }

    // lead-in.
    LearnerChanges {
        nb: "{written} her, men {first} ellers: nevn den som lærer, på én måte hele veien",
        nn: "{written} her, men {first} elles: nemn den som lærer, på éin måte heile vegen",
        en: "{written} here, but {first} elsewhere: name the learner one way throughout",
    }
    LeadInMissing {
        nb: "ingen innledning sier hvem læringsutbyttet gjelder: skriv {learner} på en linje før det",
        nn: "inga innleiing seier kven læringsutbytet gjeld: skriv {learner} på ei linje før det",
        en: "no lead-in says whose outcomes these are: add {learner} on a line before them",
    }
    LeadInNamesLearner {
        nb: "innledningen {lead-in} nevner allerede den som lærer",
        nn: "innleiinga {lead-in} nemner alt den som lærer",
        en: "the lead-in {lead-in} names the learner already",
    }
    LeadInRepeated {
        nb: "{written} gjentar slutten av innledningen {lead-in}",
        nn: "{written} gjentek slutten av innleiinga {lead-in}",
        en: "{written} repeats the end of the lead-in {lead-in}",
    }
    LeadInNotASentence {
        nb: "{sentence} er ikke en setning: et læringsutbytte under en innledning som slutter på {last}, begynner med det kandidaten kan gjøre",
        nn: "{sentence} er ikkje ei setning: eit læringsutbyte under ei innleiing som sluttar på {last}, byrjar med det kandidaten kan gjere",
        en: "{sentence} does not read as a sentence: an outcome under a lead-in that ends in {last} starts with what the candidate can do",
    }
    LeadInNotContinued {
        nb: "{written} fører ikke innledningen {lead-in} videre: skriv {fixed}",
        nn: "{written} fører ikkje innleiinga {lead-in} vidare: skriv {fixed}",
        en: "{written} does not continue the lead-in {lead-in}: write {fixed}",
    }

    // list-format.
    MarkedOne {
        nb: "{outcomes} er merket med {markers}: Markdown leser det ikke som en liste",
        nn: "{outcomes} er merkt med {markers}: Markdown les det ikkje som ei liste",
        en: "{outcomes} is marked with {markers}: Markdown does not read it as a list",
    }
    MarkedMany {
        nb: "{outcomes} er merket med {markers}: Markdown leser dem ikke som en liste",
        nn: "{outcomes} er merkte med {markers}: Markdown les dei ikkje som ei liste",
        en: "{outcomes} are marked with {markers}: Markdown does not read them as a list",
    }

    // compound-outcome and outcome-count.
    Verbs { nb: "verb|verb", nn: "verb|verb", en: "verb|verbs" }
    Sentences { nb: "setning|setninger", nn: "setning|setningar", en: "sentence|sentences" }
    Predicates {
        nb: "{count} ting å gjøre, hver med sitt eget objekt",
        nn: "{count} ting å gjere, kvar med sitt eige objekt",
        en: "{count} things to do, each with its own object",
    }
    GuidanceCourse { nb: "{min}–{max} for et emne", nn: "{min}–{max} for eit emne", en: "{min}–{max} for a course" }
    GuidanceProgramme {
        nb: "{min}–{max} for et studieprogram",
        nn: "{min}–{max} for eit studieprogram",
        en: "{min}–{max} for a programme",
    }
    GuidancePerCategory {
        nb: "minst {min} i {category}",
        nn: "minst {min} i {category}",
        en: "at least {min} in {category}",
    }

    // readability.
    LongWords {
        nb: "{share} % av ordene har mer enn seks bokstaver",
        nn: "{share} % av orda har meir enn seks bokstavar",
        en: "{share} % of the words are longer than six letters",
    }

    // translation-mismatch.
    FieldDiffers {
        nb: "`{key}` er {ours} her, men {theirs} i {there}",
        nn: "`{key}` er {ours} her, men {theirs} i {there}",
        en: "`{key}` is {ours} here but {theirs} in {there}",
    }
    CountsDiffer {
        nb: "{ours} under {category} her, men {theirs} under {their-category} i {there}",
        nn: "{ours} under {category} her, men {theirs} under {their-category} i {there}",
        en: "{ours} under {category} here but {theirs} under {their-category} in {there}",
    }

    // bad-directive.
    UnknownDirective {
        nb: "{written} er ikke et direktiv lub kjenner: skriv {allow}",
        nn: "{written} er ikkje eit direktiv lub kjenner: skriv {allow}",
        en: "{written} is not a directive lub knows: write {allow}",
    }
    AllowNamesNothing { nb: "{allow} nevner ingen regel", nn: "{allow} nemner ingen regel", en: "{allow} names no rule" }
    AllowsBeforeNothing {
        nb: "tillater {id} foran noe den ikke kan gjelde",
        nn: "tillèt {id} framfor noko han ikkje kan gjelde",
        en: "allows {id} before nothing it could apply to",
    }
    AllowsUnused {
        nb: "tillater {id}, som ikke finner noe her",
        nn: "tillèt {id}, som ikkje finn noko her",
        en: "allows {id}, which finds nothing here",
    }

    // What the parser finds.
    FrontMatterUnclosed {
        nb: "front matter som begynner her, blir aldri avsluttet",
        nn: "front matter som byrjar her, blir aldri avslutta",
        en: "the front matter that starts here is never closed",
    }
    FrontMatterUnclosedHelp {
        nb: "avslutt front matter med en egen linje: `---`",
        nn: "avslutt front matter med ei eiga linje: `---`",
        en: "end the front matter with a line of its own: `---`",
    }
    DocumentEmpty {
        nb: "dokumentet er tomt: det har ikke noe læringsutbytte",
        nn: "dokumentet er tomt: det har ikkje noko læringsutbyte",
        en: "the document is empty: it has no learning outcomes",
    }
    DocumentEmptyHelp {
        nb: "skriv læringsutbyttet under de tre NKR-kategoriene, hver med sin overskrift",
        nn: "skriv læringsutbytet under dei tre NKR-kategoriane, kvar med si overskrift",
        en: "write the outcomes under the three NKR categories, each with its heading",
    }
    NotACategoryName {
        nb: "{written} er ikke navnet på en NKR-kategori",
        nn: "{written} er ikkje namnet på ein NKR-kategori",
        en: "{written} is not the name of an NKR category",
    }
    FrameworkCallsIt {
        nb: "rammeverket kaller kategorien {name}",
        nn: "rammeverket kallar kategorien {name}",
        en: "the framework calls it {name}",
    }
    NotACategoryHeading {
        nb: "{written} er ikke en kategorioverskrift",
        nn: "{written} er ikkje ei kategorioverskrift",
        en: "{written} is not a category heading",
    }
    DidYouMean { nb: "mente du {suggestion}?", nn: "meinte du {suggestion}?", en: "did you mean {suggestion}?" }
    FrontMatterNotYaml {
        nb: "front matter er ikke gyldig YAML: {error}",
        nn: "front matter er ikkje gyldig YAML: {error}",
        en: "the front matter is not valid YAML: {error}",
    }
    FrontMatterShape {
        nb: "front matter er linjer med `nøkkel: verdi` mellom to `---`-linjer",
        nn: "front matter er linjer med `nøkkel: verdi` mellom to `---`-linjer",
        en: "front matter is `key: value` lines between two `---` lines",
    }
    KindIsNot {
        nb: "`kind` er {value}, men må være `programme` eller `course`",
        nn: "`kind` er {value}, men må vere `programme` eller `course`",
        en: "`kind` is {value}; it must be `programme` or `course`",
    }
    WriteKey { nb: "skriv `{fix}`", nn: "skriv `{fix}`", en: "write `{fix}`" }
    WriteKind {
        nb: "skriv `kind: programme` eller `kind: course`",
        nn: "skriv `kind: programme` eller `kind: course`",
        en: "write `kind: programme` or `kind: course`",
    }
    LevelOutOfRange {
        nb: "`level` er {level}; NKR-nivåene for høyere utdanning og fagskole er 5 til 8",
        nn: "`level` er {level}; NKR-nivåa for høgare utdanning og fagskule er 5 til 8",
        en: "`level` is {level}; NKR levels of higher and vocational education are 5 to 8",
    }
    Levels {
        nb: "5 fagskole, 6 bachelor, 7 master, 8 ph.d.",
        nn: "5 fagskule, 6 bachelor, 7 master, 8 ph.d.",
        en: "5 fagskole, 6 bachelor, 7 master, 8 ph.d.",
    }
    CreditsOutOfRange {
        nb: "`credits` er {credits}; studiepoeng ligger mellom 0 og 600",
        nn: "`credits` er {credits}; studiepoeng ligg mellom 0 og 600",
        en: "`credits` is {credits}; ECTS credits lie between 0 and 600",
    }
    CreditsYear {
        nb: "et år med fulltidsstudier er 60 studiepoeng",
        nn: "eit år med fulltidsstudium er 60 studiepoeng",
        en: "a year of full-time study is 60 credits",
    }
    LangIsNot {
        nb: "`lang` er {value}, men må være `nb`, `nn` eller `en`",
        nn: "`lang` er {value}, men må vere `nb`, `nn` eller `en`",
        en: "`lang` is {value}; it must be `nb`, `nn` or `en`",
    }
    LangCodes {
        nb: "nb for bokmål, nn for nynorsk, en for engelsk",
        nn: "nb for bokmål, nn for nynorsk, en for engelsk",
        en: "nb for bokmål, nn for nynorsk, en for English",
    }
    UnknownKey {
        nb: "ukjent nøkkel i front matter: `{key}`",
        nn: "ukjend nøkkel i front matter: `{key}`",
        en: "unknown front matter key `{key}`",
    }
    KeysAre { nb: "nøklene er {keys}", nn: "nøklane er {keys}", en: "the keys are {keys}" }
    MustBe { nb: "`{key}` må være {expected}", nn: "`{key}` må vere {expected}", en: "`{key}` must be {expected}" }
    ExpectCode {
        nb: "en kode for et studieprogram eller emne, som MTDT",
        nn: "ein kode for eit studieprogram eller emne, som MTDT",
        en: "a programme or course code such as MTDT",
    }
    ExpectTitle {
        nb: "navnet på studieprogrammet eller emnet",
        nn: "namnet på studieprogrammet eller emnet",
        en: "the programme's or course's name",
    }
    ExpectUnit {
        nb: "navnet på den ansvarlige enheten, som Fakultet for naturvitenskap",
        nn: "namnet på den ansvarlege eininga, som Fakultet for naturvitskap",
        en: "the name of the responsible unit, such as Fakultet for naturvitenskap",
    }
    ExpectKind { nb: "`programme` eller `course`", nn: "`programme` eller `course`", en: "`programme` or `course`" }
    ExpectLevel { nb: "et NKR-nivå, 5 til 8", nn: "eit NKR-nivå, 5 til 8", en: "an NKR level, 5 to 8" }
    ExpectCredits {
        nb: "et antall studiepoeng, som 7,5 eller 120",
        nn: "eit tal på studiepoeng, som 7,5 eller 120",
        en: "a number of ECTS credits, such as 7.5 or 120",
    }
    ExpectLang { nb: "`nb`, `nn` eller `en`", nn: "`nb`, `nn` eller `en`", en: "`nb`, `nn` or `en`" }
    MissingMetadata {
        nb: "dokumentet sier ikke {what}",
        nn: "dokumentet seier ikkje {what}",
        en: "the document does not say {what}",
    }
    MissingLevel {
        nb: "hvilket NKR-nivå det har ({rules} kjørte ikke)",
        nn: "kva NKR-nivå det har ({rules} køyrde ikkje)",
        en: "its NKR level ({rules} did not run)",
    }
    MissingKind {
        nb: "om det er et emne eller et studieprogram ({rules} kjørte ikke)",
        nn: "om det er eit emne eller eit studieprogram ({rules} køyrde ikkje)",
        en: "whether it is a course or a programme ({rules} did not run)",
    }
    MissingMetadataHelp {
        nb: "legg til front matter med {what}",
        nn: "legg til front matter med {what}",
        en: "add front matter with {what}",
    }
    MissingLevelHelp {
        nb: "`level: 6` for en bachelor, 7 for en master, 8 for en ph.d., 5 for fagskole",
        nn: "`level: 6` for ein bachelor, 7 for ein master, 8 for ein ph.d., 5 for fagskule",
        en: "`level: 6` for a bachelor's, 7 for a master's, 8 for a ph.d., 5 for fagskole",
    }
    MissingKindHelp {
        nb: "`kind: course` eller `kind: programme`",
        nn: "`kind: course` eller `kind: programme`",
        en: "`kind: course` or `kind: programme`",
    }
    NotUtf8 {
        nb: "filen er ikke gyldig UTF-8 (linje {line}, byte {offset}); den er trolig Latin-1 eller Windows-1252",
        nn: "fila er ikkje gyldig UTF-8 (linje {line}, byte {offset}); ho er truleg Latin-1 eller Windows-1252",
        en: "the file is not valid UTF-8 (line {line}, byte {offset}); it is probably Latin-1 or Windows-1252",
    }
    Utf16 {
        nb: "filen er UTF-16-tekst; lub leser UTF-8",
        nn: "fila er UTF-16-tekst; lub les UTF-8",
        en: "the file is UTF-16 text; lub reads UTF-8",
    }
    Binary {
        nb: "dette er en binærfil, ikke tekst (en NUL-byte ved byte {offset})",
        nn: "dette er ei binærfil, ikkje tekst (ein NUL-byte ved byte {offset})",
        en: "this is a binary file, not text (a NUL byte at byte {offset})",
    }
    BinaryHelp {
        nb: "sjekk bare tekstfilene med læringsutbytte (`*.lub.md`)",
        nn: "sjekk berre tekstfilene med læringsutbyte (`*.lub.md`)",
        en: "check only the text files of learning outcomes (`*.lub.md`)",
    }
    SaveAsUtf8 {
        nb: "lagre filen som UTF-8: i de fleste redigeringsprogram, Lagre som … og velg tegnkodingen UTF-8",
        nn: "lagre fila som UTF-8: i dei fleste redigeringsprogram, Lagre som … og vel teiknkodinga UTF-8",
        en: "save the file as UTF-8: in most editors, Save as… and choose the encoding UTF-8",
    }

    // Lub's limits on YAML.
    YamlTooDeep {
        nb: "YAML-en er nestet mer enn {depth} nivåer dypt",
        nn: "YAML-en er nesta meir enn {depth} nivå djupt",
        en: "the YAML is nested more than {depth} levels deep",
    }
    YamlAliases {
        nb: "YAML-en gjentar forankrede verdier (`*navn`) for ofte; skriv verdiene ut",
        nn: "YAML-en gjentek forankra verdiar (`*namn`) for ofte; skriv verdiane ut",
        en: "the YAML repeats anchored values (`*name`) too often; write the values out",
    }
    YamlKeyTwice {
        nb: "nøkkelen `{key}` står to ganger; behold én",
        nn: "nøkkelen `{key}` står to gonger; behald éin",
        en: "the key `{key}` appears twice; keep one",
    }
    YamlSomeKeyTwice {
        nb: "en nøkkel står to ganger i samme tabell; behold én",
        nn: "ein nøkkel står to gonger i same tabell; behald éin",
        en: "a key appears twice in the same mapping; keep one",
    }
    YamlTooMany {
        nb: "YAML-en har mer enn {values} verdier",
        nn: "YAML-en har meir enn {values} verdiar",
        en: "the YAML has more than {values} values",
    }
    YamlDocuments {
        nb: "YAML-en har mer enn ett dokument (`---`)",
        nn: "YAML-en har meir enn eitt dokument (`---`)",
        en: "the YAML holds more than one document (`---`)",
    }
    YamlTooLarge {
        nb: "YAML-en er større enn lub leser",
        nn: "YAML-en er større enn lub les",
        en: "the YAML is larger than lub reads",
    }

    // Paths that cannot be read.
    NoSuchFile { nb: "ingen slik fil eller mappe", nn: "inga slik fil eller mappe", en: "no such file or folder" }
    PermissionDenied { nb: "ingen tilgang", nn: "ingen tilgang", en: "permission denied" }
    IsAFolder { nb: "er en mappe", nn: "er ei mappe", en: "is a folder" }
    NotAFolder {
        nb: "en del av stien er ikke en mappe",
        nn: "ein del av stien er ikkje ei mappe",
        en: "a part of the path is not a folder",
    }
    DiskFull { nb: "disken er full", nn: "disken er full", en: "the disk is full" }
    ReadOnlyFileSystem {
        nb: "filsystemet kan bare leses",
        nn: "filsystemet kan berre lesast",
        en: "the file system is read-only",
    }
    LinkLoop {
        nb: "er en symbolsk lenke som fører tilbake til seg selv",
        nn: "er ei symbolsk lenkje som fører attende til seg sjølv",
        en: "is a symbolic link that leads back to itself",
    }
    NotRegular { nb: "er ikke en vanlig fil", nn: "er ikkje ei vanleg fil", en: "is not a regular file" }
    NoDocumentHere { nb: "ingen *.lub.md-dokumenter her", nn: "ingen *.lub.md-dokument her", en: "no *.lub.md document here" }
    NorIncluded {
        nb: ", og ingen filer som passer til `include:` i {config}",
        nn: ", og ingen filer som passar til `include:` i {config}",
        en: ", nor any file matching `include:` in {config}",
    }
    NorMdTxt {
        nb: " (heller ingen .md- eller .txt-filer)",
        nn: " (heller ingen .md- eller .txt-filer)",
        en: " (nor any .md or .txt file)",
    }
    MdFiles { nb: ".md-fil|.md-filer", nn: ".md-fil|.md-filer", en: ".md file|.md files" }
    TxtFiles { nb: ".txt-fil|.txt-filer", nn: ".txt-fil|.txt-filer", en: ".txt file|.txt files" }
    MdAndTxtFiles {
        nb: "{md} .md- og {txt} .txt-filer",
        nn: "{md} .md- og {txt} .txt-filer",
        en: "{md} .md and {txt} .txt files",
    }
    UncheckedOne {
        nb: " ({seen} ble ikke sjekket); nevn den på kommandolinjen, eller legg den til i lub.yaml: include: {patterns}",
        nn: " ({seen} vart ikkje sjekka); nemn ho på kommandolinja, eller legg ho til i lub.yaml: include: {patterns}",
        en: " ({seen} was not checked); name them on the command line, or add them to lub.yaml: include: {patterns}",
    }
    UncheckedMany {
        nb: " ({seen} ble ikke sjekket); nevn dem på kommandolinjen, eller legg dem til i lub.yaml: include: {patterns}",
        nn: " ({seen} vart ikkje sjekka); nemn dei på kommandolinja, eller legg dei til i lub.yaml: include: {patterns}",
        en: " ({seen} were not checked); name them on the command line, or add them to lub.yaml: include: {patterns}",
    }

    NotFixed { nb: "ikke rettet: {error}", nn: "ikkje retta: {error}", en: "not fixed: {error}" }

    // The summary of `lub check`.
    SummaryClean { nb: "Ingen funn i {files}.", nn: "Ingen funn i {files}.", en: "No findings in {files}." }
    SummaryFound {
        nb: "Fant {errors}, {warnings} og {infos} i {with} av {files}.",
        nn: "Fann {errors}, {warnings} og {infos} i {with} av {files}.",
        en: "Found {errors}, {warnings} and {infos} in {with} of {files}.",
    }
    SummaryFixed {
        nb: "Rettet {findings} i {files}.",
        nn: "Retta {findings} i {files}.",
        en: "Fixed {findings} in {files}.",
    }
    SummaryRemainsOne {
        nb: "{findings} gjenstår; lub kan ikke rette det selv.",
        nn: "{findings} står att; lub kan ikkje rette det sjølv.",
        en: "{findings} remains; lub cannot fix it itself.",
    }
    SummaryRemainMany {
        nb: "{findings} gjenstår; lub kan ikke rette dem selv.",
        nn: "{findings} står att; lub kan ikkje rette dei sjølv.",
        en: "{findings} remain; lub cannot fix them itself.",
    }
    FixedLine {
        nb: "rettet {file}:{line}: {rule}: {before} → {after}",
        nn: "retta {file}:{line}: {rule}: {before} → {after}",
        en: "fixed {file}:{line}: {rule}: {before} → {after}",
    }
    Legend {
        nb: "× feil  ⚠ advarsel  ☞ merknad; «help» sier hva du kan skrive i stedet",
        nn: "× feil  ⚠ åtvaring  ☞ merknad; «help» seier kva du kan skrive i staden",
        en: "× error  ⚠ warning  ☞ info; “help” says what to write instead",
    }
    Progress { nb: "sjekker", nn: "sjekkar", en: "checking" }

    // `lub explain`.
    ExplainDefaults {
        nb: "standard alvorsgrad: {severity}; språk: {languages}; ser på {scope}",
        nn: "standard alvorsgrad: {severity}; språk: {languages}; ser på {scope}",
        en: "default severity {severity}, languages {languages}, looks at {scope}",
    }
    ScopeOutcome { nb: "hvert læringsutbytte", nn: "kvart læringsutbyte", en: "each outcome" }
    ScopeSection { nb: "hver del", nn: "kvar del", en: "each section" }
    ScopeDocument { nb: "hvert dokument", nn: "kvart dokument", en: "each document" }
    ScopeCatalogue {
        nb: "dokumentene samlet (oversettelser)",
        nn: "dokumenta samla (omsetjingar)",
        en: "documents together (translations)",
    }
    ExplainAppliesTo { nb: "gjelder: {kinds}", nn: "gjeld: {kinds}", en: "applies to: {kinds}" }
    ExplainLevels { nb: "gjelder NKR-nivå: {levels}", nn: "gjeld NKR-nivå: {levels}", en: "applies at NKR levels: {levels}" }
    ExplainWhy { nb: "Hvorfor", nn: "Kvifor", en: "Why" }
    ExplainHelp { nb: "Hva du kan skrive i stedet", nn: "Kva du kan skrive i staden", en: "What to write instead" }
    ExplainSuggestions { nb: "verbene nedenfor", nn: "verba nedanfor", en: "the verbs below" }
    ExplainItsCategory { nb: "sin kategori", nn: "sin kategori", en: "its category" }
    ExplainLimits { nb: "Grenser", nn: "Grenser", en: "Limits" }
    ExplainExamples {
        nb: "Eksempler (✗ gir funn, ✓ går gjennom)",
        nn: "Døme (✗ gir funn, ✓ går gjennom)",
        en: "Examples (✗ flagged, ✓ passes)",
    }
    ExplainAt { nb: "ved", nn: "ved", en: "at" }

    // Errors of the command line.
    NotARule {
        nb: "{id} er ikke en regel; mente du {suggestion}?",
        nn: "{id} er ikkje ein regel; meinte du {suggestion}?",
        en: "{id} is not a rule; did you mean {suggestion}?",
    }
    NotARuleList {
        nb: "{id} er ikke en regel; `lub rules` viser dem",
        nn: "{id} er ikkje ein regel; `lub rules` viser dei",
        en: "{id} is not a rule; `lub rules` lists them",
    }
    CannotWrite { nb: "kan ikke skrive: {error}", nn: "kan ikkje skrive: {error}", en: "cannot write: {error}" }
    RenderErrors {
        nb: "{file} har feil; bruk --force for å skrive det ut likevel",
        nn: "{file} har feil; bruk --force for å skrive det ut likevel",
        en: "{file} has errors; use --force to render it anyway",
    }
    RenderNothing {
        nb: "{file} har feil; det har ikke noe læringsutbytte å skrive ut",
        nn: "{file} har feil; det har ikkje noko læringsutbyte å skrive ut",
        en: "{file} has errors; it has no learning outcomes to render",
    }
    /// Outcomes `render` cannot make read on from their lead-in.
    RenderBrokenOne {
        nb: "{file}: dette utfallet leser ikke videre fra innledningen sin, og lub kan ikke gjøre det om til en setning ut fra teksten alene; rett innledningen eller utfallet (`lub check --fix` kan gjøre det), eller bruk --force for å skrive det ut som det står",
        nn: "{file}: dette utfallet les ikkje vidare frå innleiinga si, og lub kan ikkje gjere det om til ei setning ut frå teksten åleine; rett innleiinga eller utfallet (`lub check --fix` kan gjere det), eller bruk --force for å skrive det ut som det står",
        en: "{file}: this outcome does not read on from its lead-in, and lub cannot make it read as a sentence from the text alone; mend the lead-in or the outcome (`lub check --fix` may), or use --force to render it as it is",
    }
    RenderBrokenMany {
        nb: "{file}: disse utfallene leser ikke videre fra innledningen sin, og lub kan ikke gjøre dem om til setninger ut fra teksten alene; rett innledningen eller utfallene (`lub check --fix` kan gjøre det), eller bruk --force for å skrive dem ut som de står",
        nn: "{file}: desse utfalla les ikkje vidare frå innleiinga si, og lub kan ikkje gjere dei om til setningar ut frå teksten åleine; rett innleiinga eller utfalla (`lub check --fix` kan gjere det), eller bruk --force for å skrive dei ut som dei står",
        en: "{file}: these outcomes do not read on from their lead-in, and lub cannot make them read as sentences from the text alone; mend the lead-in or the outcomes (`lub check --fix` may), or use --force to render them as they are",
    }
    RenderBrokenLine {
        nb: "  linje {line}: {text}",
        nn: "  linje {line}: {text}",
        en: "  line {line}: {text}",
    }
    /// A safe fix lub did not apply, because of what it would do.
    FixRefusedStillThere {
        nb: "{place}: den sikre rettingen for {rule} ble ikke gjort: funnet var der fortsatt etterpå",
        nn: "{place}: den trygge rettinga for {rule} vart ikkje gjord: funnet var der framleis etterpå",
        en: "{place}: the safe fix of {rule} was not applied: the finding was still there after it",
    }
    FixRefusedNewFinding {
        nb: "{place}: den sikre rettingen for {rule} ble ikke gjort: den ville gitt et nytt funn av {other}",
        nn: "{place}: den trygge rettinga for {rule} vart ikkje gjord: ho ville gitt eit nytt funn av {other}",
        en: "{place}: the safe fix of {rule} was not applied: it would bring a new finding of {other}",
    }
    RenderTooLong {
        nb: "{file}: læringsutbyttet er {count} tegn; grensen er {max}",
        nn: "{file}: læringsutbytet er {count} teikn; grensa er {max}",
        en: "{file}: the learning outcomes are {count} characters; the limit is {max}",
    }
    RenderNoCode {
        nb: "{file} har ingen `code` i front matter, så oversettelsene kan ikke finnes",
        nn: "{file} har ingen `code` i front matter, så omsetjingane kan ikkje finnast",
        en: "{file} has no `code` in its front matter, so its translations cannot be found",
    }
    RenderNoTranslation {
        nb: "ingen dokumenter på {lang} med koden {code} ved siden av {file}",
        nn: "ingen dokument på {lang} med koden {code} ved sida av {file}",
        en: "no document in {lang} with code {code} beside {file}",
    }
    ReportNothing {
        nb: "ingen dokumenter å lage rapport om",
        nn: "ingen dokument å lage rapport om",
        en: "no document to report",
    }
    CannotWriteReport {
        nb: "kan ikke skrive rapporten: {error}",
        nn: "kan ikkje skrive rapporten: {error}",
        en: "cannot write the report: {error}",
    }
    NewNeeds {
        nb: "`lub new` trenger {options} (eller `defaults:` i lub.yaml)",
        nn: "`lub new` treng {options} (eller `defaults:` i lub.yaml)",
        en: "`lub new` needs {options} (or `defaults:` in lub.yaml)",
    }
    RuleUnknownKind {
        nb: "regeltypen {kind} finnes ikke; mente du {suggestion}? Typene er:",
        nn: "regeltypen {kind} finst ikkje; meinte du {suggestion}? Typane er:",
        en: "there is no kind {kind}; did you mean {suggestion}? The kinds are:",
    }
    RuleUnknownKindList {
        nb: "regeltypen {kind} finnes ikke; typene er:",
        nn: "regeltypen {kind} finst ikkje; typane er:",
        en: "there is no kind {kind}; the kinds are:",
    }
    RuleWrongScope {
        nb: "`scope` kan ikke være {scope} for regeltypen {kind}, som ser på {scopes}",
        nn: "`scope` kan ikkje vere {scope} for regeltypen {kind}, som ser på {scopes}",
        en: "`scope` cannot be {scope} for kind {kind}, which looks at {scopes}",
    }
    RuleUnknownPlaceholder {
        nb: "{field} bruker {placeholder}, som regeltypen {kind} ikke fyller ut; den fyller ut {known}",
        nn: "{field} bruker {placeholder}, som regeltypen {kind} ikkje fyller ut; han fyller ut {known}",
        en: "{field} uses {placeholder}, which kind {kind} does not fill in; it fills in {known}",
    }
    RuleUnknownField {
        nb: "feltet {field} leses ikke av regeltypen {kind}; mente du {suggestion}? Typen leser {known}",
        nn: "feltet {field} blir ikkje lese av regeltypen {kind}; meinte du {suggestion}? Typen les {known}",
        en: "the field {field} is not read by kind {kind}; did you mean {suggestion}? The kind reads {known}",
    }
    RuleUnknownFieldList {
        nb: "feltet {field} leses ikke av regeltypen {kind}, som leser {known}",
        nn: "feltet {field} blir ikkje lese av regeltypen {kind}, som les {known}",
        en: "the field {field} is not read by kind {kind}, which reads {known}",
    }
    RuleUnknownFieldNone {
        nb: "feltet {field} leses ikke av regeltypen {kind}, som bare leser de felles feltene",
        nn: "feltet {field} blir ikkje lese av regeltypen {kind}, som berre les dei felles felta",
        en: "the field {field} is not read by kind {kind}, which reads only the common fields",
    }
    RuleUnknownLimit {
        nb: "regeltypen {kind} har ingen grense {field}; mente du {suggestion}? Grensene er {known}",
        nn: "regeltypen {kind} har inga grense {field}; meinte du {suggestion}? Grensene er {known}",
        en: "kind {kind} has no limit {field}; did you mean {suggestion}? The limits are {known}",
    }
    RuleUnknownLimitList {
        nb: "regeltypen {kind} har ingen grense {field}; grensene er {known}",
        nn: "regeltypen {kind} har inga grense {field}; grensene er {known}",
        en: "kind {kind} has no limit {field}; the limits are {known}",
    }
    RuleBadValue {
        nb: "feil verdi i {field}: {error}",
        nn: "feil verdi i {field}: {error}",
        en: "wrong value in {field}: {error}",
    }
    ExplainCode {
        nb: "Logikken i denne regelen er i koden til lub; YAML-filen har ordene og grensene.",
        nn: "Logikken i denne regelen er i koden til lub; YAML-fila har orda og grensene.",
        en: "This rule's logic is in lub's code; its YAML holds its words and limits.",
    }
    ExplainData {
        nb: "Denne regelen er data: frasene den ser etter, står i YAML-filen.",
        nn: "Denne regelen er data: frasane han ser etter, står i YAML-fila.",
        en: "This rule is data: the phrases it looks for are in its YAML.",
    }

    // The closing line of `lub check --diff`.
    SafeFixes { nb: "sikker retting|sikre rettinger", nn: "trygg retting|trygge rettingar", en: "safe fix|safe fixes" }
    DiffWould {
        nb: "{fixes} ville endret {changed} av {files}",
        nn: "{fixes} ville endra {changed} av {files}",
        en: "{fixes} would change {changed} of {files}",
    }

    // Why a fix was not written.
    FixFileChanged {
        nb: "filen ble endret mens lub rettet den",
        nn: "fila vart endra medan lub retta ho",
        en: "the file changed while lub was fixing it",
    }
    FixLinkTo {
        nb: "er en symbolsk lenke til {target}, som ikke finnes",
        nn: "er ei symbolsk lenkje til {target}, som ikkje finst",
        en: "is a symbolic link to {target}, which does not exist",
    }
    FixLinkNowhere {
        nb: "er en symbolsk lenke som ikke fører noe sted",
        nn: "er ei symbolsk lenkje som ikkje fører nokon stad",
        en: "is a symbolic link that leads nowhere",
    }
    FixHardLinks {
        nb: "filen har {count} harde lenker: å bytte den ut ville skille dem, og å skrive i den kunne etterlate den halvskrevet; gjør rettingene `lub check --diff` viser, for hånd",
        nn: "fila har {count} harde lenkjer: å byte ho ut ville skilje dei, og å skrive i ho kunne gjere ho halvskriven; gjer rettingane `lub check --diff` viser, for hand",
        en: "the file has {count} hard links: replacing it would split them and writing it in place could leave it half-written; apply the fixes `lub check --diff` shows by hand",
    }
    FixReadOnly { nb: "filen er skrivebeskyttet", nn: "fila er skriveverna", en: "the file is read-only" }
    FixMayNotWrite {
        nb: "du har ikke lov til å skrive denne filen ({reason})",
        nn: "du har ikkje lov til å skrive denne fila ({reason})",
        en: "you may not write this file ({reason})",
    }
    FixOwner {
        nb: "den rettede filen kunne ikke få eieren og gruppen denne har (bruker {uid}, gruppe {gid}): {reason}",
        nn: "den retta fila kunne ikkje få eigaren og gruppa denne har (brukar {uid}, gruppe {gid}): {reason}",
        en: "the fixed file could not be given the owner and group this one has (user {uid}, group {gid}): {reason}",
    }
    FixMode {
        nb: "den rettede filen kunne ikke få tilgangsmodusen til denne ({mode}); systemet ville ikke sette alle bitene",
        nn: "den retta fila kunne ikkje få tilgangsmodusen til denne ({mode}); systemet ville ikkje setje alle bitane",
        en: "the fixed file could not be given this one's mode ({mode}); the system would not set all of its bits",
    }
    FixXattr {
        nb: "den rettede filen kunne ikke få det utvidede attributtet {name} som denne har: {reason}",
        nn: "den retta fila kunne ikkje få det utvida attributtet {name} som denne har: {reason}",
        en: "the fixed file could not be given this one's extended attribute {name}: {reason}",
    }
    NewExists {
        nb: "finnes allerede; lub new skriver aldri over en fil",
        nn: "finst alt; lub new skriv aldri over ei fil",
        en: "exists already; lub new never overwrites a file",
    }

    // What `lub import` notes of a record or a page.
    ImportNoCode {
        nb: "{record}-posten har ingen kode; dokumentet får navn etter eksporten og postens plass i den",
        nn: "{record}-posten har ingen kode; dokumentet får namn etter eksporten og plassen til posten i han",
        en: "the {record} record has no code; its document is named after the export and the record's place in it",
    }
    ImportUnknownSprak {
        nb: "språket {sprak} er ikke BOKMÅL, NYNORSK eller ENGELSK; `lang` er ikke tatt med",
        nn: "språket {sprak} er ikkje BOKMÅL, NYNORSK eller ENGELSK; `lang` er ikkje teke med",
        en: "the language {sprak} is not BOKMÅL, NYNORSK or ENGELSK; `lang` is left out",
    }
    ImportNoSprak {
        nb: "posten sier ikke hvilket språk den er på (`sprak`); `lang` er ikke tatt med",
        nn: "posten seier ikkje kva språk han er på (`sprak`); `lang` er ikkje teke med",
        en: "the record does not say its language (`sprak`); `lang` is left out",
    }
    ImportBadCredits {
        nb: "studiepoengene {credits} er ikke et tall; `credits` er ikke tatt med",
        nn: "studiepoenga {credits} er ikkje eit tal; `credits` er ikkje teke med",
        en: "the credits {credits} are not a number; `credits` is left out",
    }
    ImportNoOutcomes {
        nb: "posten har ikke noe læringsutbytte (feltet mangler eller er tomt); dokumentet har bare front matter",
        nn: "posten har ikkje noko læringsutbyte (feltet manglar eller er tomt); dokumentet har berre front matter",
        en: "the record has no learning outcomes (the field is missing or empty); the document holds its front matter only",
    }
    ImportLevelsDisagree {
        nb: "studieniva {code} sier nivå {level}, NUS-koden {nus} sier {other}; `level: {level}` skrives",
        nn: "studieniva {code} seier nivå {level}, NUS-koden {nus} seier {other}; `level: {level}` vert skrive",
        en: "studieniva {code} says level {level}, the NUS code {nus} says {other}; `level: {level}` is written",
    }
    ImportLevelFromNus {
        nb: "studieniva {code} er ikke en kode lub kjenner; `level: {level}` er hentet fra NUS-koden {nus}",
        nn: "studieniva {code} er ikkje ein kode lub kjenner; `level: {level}` er henta frå NUS-koden {nus}",
        en: "studieniva {code} is not a code lub knows; `level: {level}` is taken from the NUS code {nus}",
    }
    ImportNoLevelCode {
        nb: "studieniva {code} er ikke en kode lub kjenner, og NUS-koden {nus} gir ikke noe nivå; `level` er ikke tatt med",
        nn: "studieniva {code} er ikkje ein kode lub kjenner, og NUS-koden {nus} gjev ikkje noko nivå; `level` er ikkje teke med",
        en: "studieniva {code} is not a code lub knows, and the NUS code {nus} gives no level; `level` is left out",
    }
    ImportNoLevel {
        nb: "posten oppgir ikke noe nivå (verken studieniva eller NUS-kode); `level` er ikke tatt med",
        nn: "posten gjev ikkje noko nivå (korkje studieniva eller NUS-kode); `level` er ikkje teke med",
        en: "the record gives no level (no studieniva or NUS code); `level` is left out",
    }
    ImportPageNoLang {
        nb: "siden sier ikke hvilket språk den er på (`<html lang>`); dokumentet får navn uten språkkode, og lub finner språket ut fra teksten",
        nn: "sida seier ikkje kva språk ho er på (`<html lang>`); dokumentet får namn utan språkkode, og lub finn språket ut frå teksten",
        en: "the page does not say its language (`<html lang>`); the document is named without one, and lub will tell it from the text",
    }

    ImportNotXml {
        nb: "{line}:{column}: ikke velformet XML: {message}",
        nn: "{line}:{column}: ikkje velforma XML: {message}",
        en: "{line}:{column}: not well-formed XML: {message}",
    }
    ImportNotAnExport {
        nb: "er XML, men ikke en eksport fra FS studieinfo: rotelementet er <{root}>, ikke <fs-studieinfo>",
        nn: "er XML, men ikkje ein eksport frå FS studieinfo: rotelementet er <{root}>, ikkje <fs-studieinfo>",
        en: "is XML, but not an FS studieinfo export: its root is <{root}>, not <fs-studieinfo>",
    }
    ImportNoSection {
        nb: "har ingen del om læringsutbytte: ingen overskrift som {nb} eller {en}, og ingen kategorioverskrifter",
        nn: "har ingen del om læringsutbyte: inga overskrift som {nb} eller {en}, og ingen kategorioverskrifter",
        en: "has no learning-outcome section: no heading such as {nb} or {en}, and no category headings",
    }
    ImportTooDeep {
        nb: "har elementer nestet {depth} nivåer dypt; lub leser sider med høyst 1000 nivåer",
        nn: "har element nesta {depth} nivå djupt; lub les sider med høgst 1000 nivå",
        en: "nests its elements {depth} deep; lub reads pages nested at most 1000 deep",
    }
    ImportUnknownKind {
        nb: "er verken en eksport fra FS studieinfo (XML) eller en nettside (HTML)",
        nn: "er korkje ein eksport frå FS studieinfo (XML) eller ei nettside (HTML)",
        en: "is neither an FS studieinfo export (XML) nor a web page (HTML)",
    }
    ImportCannotWrite { nb: "kan ikke skrive {path}: {error}", nn: "kan ikkje skrive {path}: {error}", en: "cannot write {path}: {error}" }
    ImportCannotMakeFolder {
        nb: "kan ikke lage mappen det skal skrives til: {error}",
        nn: "kan ikkje lage mappa det skal skrivast til: {error}",
        en: "cannot make the output folder {error}",
    }
    ImportNothingImported {
        nb: "; ingenting ble importert fra den",
        nn: "; ingenting vart importert frå ho",
        en: "; nothing was imported from it",
    }
    ImportExists {
        nb: "finnes allerede; byttes ikke ut uten --force",
        nn: "finst alt; vert ikkje bytt ut utan --force",
        en: "exists already; not replaced without --force",
    }
    ImportSameCode {
        nb: "{this} har samme kode og språk som {first}; bare den første skrives",
        nn: "{this} har same kode og språk som {first}; berre den første vert skriven",
        en: "{this} has the same code and language as {first}; only the first is written",
    }
    ImportRecord { nb: "{input} (post {record})", nn: "{input} (post {record})", en: "{input} (record {record})" }
    Documents { nb: "dokument|dokumenter", nn: "dokument|dokument", en: "document|documents" }
    KursRecords { nb: "kurs-post|kurs-poster", nn: "kurs-post|kurs-postar", en: "kurs record|kurs records" }
    ImportFileLine { nb: "{file}: skrev {written}", nn: "{file}: skreiv {written}", en: "{file}: {written} written" }
    ImportRefusedPart { nb: ", avviste {refused}", nn: ", avviste {refused}", en: ", {refused} refused" }
    ImportSkippedPart {
        nb: ", hoppet over {skipped} (kurs-poster har ikke læringsutbytte)",
        nn: ", hoppa over {skipped} (kurs-postar har ikkje læringsutbyte)",
        en: ", {skipped} skipped (kurs records have no learning outcomes)",
    }
    ImportSummary {
        nb: "Importerte {written} til {out} fra {files}; avviste {refused}; {failed} kunne ikke leses.",
        nn: "Importerte {written} til {out} frå {files}; avviste {refused}; {failed} kunne ikkje lesast.",
        en: "Imported {written} into {out} from {files}; {refused} refused; {failed} could not be read.",
    }

    // What is wrong with the kind of a rule file.
    KindNeeds { nb: "regeltypen `{kind}` trenger `{field}`", nn: "regeltypen `{kind}` treng `{field}`", en: "kind `{kind}` needs `{field}`" }
    KindLimitNumber {
        nb: "grensen `{name}` må være et tall på minst 0",
        nn: "grensa `{name}` må vere eit tal på minst 0",
        en: "the limit `{name}` must be a number of at least 0",
    }
    ParserNoProblem {
        nb: "ingen parserproblemer heter `{name}`; de er {known}",
        nn: "ingen parserproblem heiter `{name}`; dei er {known}",
        en: "no parser problem is called `{name}`; they are {known}",
    }
    PhraseLangUnlisted {
        nb: "`phrases` har {lang}, som `languages` ikke lister opp",
        nn: "`phrases` har {lang}, som `languages` ikkje listar opp",
        en: "`phrases` has {lang}, which `languages` does not list",
    }
    PhraseEmpty { nb: "en frase er tom", nn: "ein frase er tom", en: "a phrase is empty" }
    PhraseWordless {
        nb: "{phrase} har {word}, som verken har bokstav eller siffer: en frase treffer ord, så den ville aldri gi treff",
        nn: "{phrase} har {word}, som korkje har bokstav eller siffer: ein frase treffer ord, så han ville aldri gje treff",
        en: "{phrase} has {word}, which has no letter or digit: a phrase matches words, so it would never match",
    }
    PhraseSafeNoReplace {
        nb: "{phrase} er `safe`, men har ingen `replace`",
        nn: "{phrase} er `safe`, men har ingen `replace`",
        en: "{phrase} is `safe` but has no `replace`",
    }
    PlaceholderOneWord {
        nb: "en plassholder er ett ord, ikke {phrase}",
        nn: "ein plasshaldar er eitt ord, ikkje {phrase}",
        en: "a placeholder marker is one word, not {phrase}",
    }
    SpecificityScope {
        nb: "regeltypen `specificity` virker med `scope: outcome` eller `scope: document`, ikke {scope}",
        nn: "regeltypen `specificity` verkar med `scope: outcome` eller `scope: document`, ikkje {scope}",
        en: "kind `specificity` works at outcome or document scope, not {scope}",
    }

    // `lub report --baseline` that is not a report.
    BaselineNotJson { nb: "{file}: er ikke JSON ({error})", nn: "{file}: er ikkje JSON ({error})", en: "{file}: is not JSON ({error})" }
    BaselineNoVersion {
        nb: "{file}: er ikke en rapport fra `lub report --format json` (den har ingen `version`)",
        nn: "{file}: er ikkje ein rapport frå `lub report --format json` (han har ingen `version`)",
        en: "{file}: is not a report of `lub report --format json` (it has no `version`)",
    }
    BaselineVersion {
        nb: "{file}: er en rapport av versjon {version}; denne lub leser versjon {reads}",
        nn: "{file}: er ein rapport av versjon {version}; denne lub les versjon {reads}",
        en: "{file}: is a report of version {version}; this lub reads version {reads}",
    }
    BaselineNotReport {
        nb: "{file}: er ikke en rapport fra `lub report --format json` ({error})",
        nn: "{file}: er ikkje ein rapport frå `lub report --format json` ({error})",
        en: "{file}: is not a report of `lub report --format json` ({error})",
    }

    // The fields of `lub serve`'s page.
    ServeNotAKind {
        nb: "{value} er ikke en type: programme eller course",
        nn: "{value} er ikkje ein type: programme eller course",
        en: "{value} is not a kind: programme or course",
    }
    ServeNotALevel {
        nb: "{value} er ikke et NKR-nivå: 5, 6, 7 eller 8",
        nn: "{value} er ikkje eit NKR-nivå: 5, 6, 7 eller 8",
        en: "{value} is not an NKR level: 5, 6, 7 or 8",
    }
    ServeNotALanguage {
        nb: "{value} er ikke et språk: nb, nn eller en",
        nn: "{value} er ikkje eit språk: nb, nn eller en",
        en: "{value} is not a language: nb, nn or en",
    }
    ServeCodeOneLine {
        nb: "koden må være én linje tekst",
        nn: "koden må vere éi linje tekst",
        en: "the code must be one line of text",
    }

    // The language server's quick fixes and messages.
    LspReplace { nb: "lub: bytt ut {old} med {new}", nn: "lub: byt ut {old} med {new}", en: "lub: replace {old} with {new}" }
    LspInsert { nb: "lub: sett inn {new}", nn: "lub: set inn {new}", en: "lub: insert {new}" }
    LspRemove { nb: "lub: fjern {old}", nn: "lub: fjern {old}", en: "lub: remove {old}" }
    LspFix { nb: "lub: rett {rule}", nn: "lub: rett {rule}", en: "lub: fix {rule}" }
    LspFixAll {
        nb: "lub: gjør alle de sikre rettingene ({count})",
        nn: "lub: gjer alle dei trygge rettingane ({count})",
        en: "lub: apply all safe fixes ({count})",
    }
    LspCannotCheck {
        nb: "lub kan ikke sjekke denne filen: {error}",
        nn: "lub kan ikkje sjekke denne fila: {error}",
        en: "lub cannot check this file: {error}",
    }
    LspRuleFileUnread {
        nb: "en regelfil kunne ikke leses: {error}",
        nn: "ei regelfil kunne ikkje lesast: {error}",
        en: "a rule file could not be read: {error}",
    }

    // Errors in `lub.yaml`, rule files and the framework file.
    /// The YAML parser's own words, which lub cannot translate; in English
    /// they stand alone.
    YamlNotValid {
        nb: "YAML-en er ikke gyldig: {detail}",
        nn: "YAML-en er ikkje gyldig: {detail}",
        en: "{detail}",
    }
    NotUtf8Text { nb: "er ikke UTF-8-tekst", nn: "er ikkje UTF-8-tekst", en: "is not UTF-8 text" }
    TooLargeFile {
        nb: "er {size}; lub leser filer på opptil {max} (`max-file-size-mb` i lub.yaml)",
        nn: "er {size}; lub les filer på opptil {max} (`max-file-size-mb` i lub.yaml)",
        en: "is {size}; lub reads files of up to {max} (`max-file-size-mb` in lub.yaml)",
    }
    TooLargeStream {
        nb: "er større enn {max}; lub leser filer på opptil {max} (`max-file-size-mb` i lub.yaml)",
        nn: "er større enn {max}; lub les filer på opptil {max} (`max-file-size-mb` i lub.yaml)",
        en: "is larger than {max}; lub reads files of up to {max} (`max-file-size-mb` in lub.yaml)",
    }
    ConfigLeadsOutside {
        nb: "{path} fører ut av mappen til konfigurasjonen",
        nn: "{path} fører ut av mappa til konfigurasjonen",
        en: "{path} leads outside the folder of the configuration",
    }
    ConfigMustBeInside {
        nb: "{path} må være en sti inne i mappen til konfigurasjonen",
        nn: "{path} må vere ein sti inne i mappa til konfigurasjonen",
        en: "{path} must be a path inside the folder of the configuration",
    }
    ConfigLinkOutside {
        nb: "er en lenke som fører ut av mappen til konfigurasjonen; lub leser den ikke",
        nn: "er ei lenkje som fører ut av mappa til konfigurasjonen; lub les ho ikkje",
        en: "is a link that leads outside the folder of the configuration; lub does not read it",
    }
    ConfigSeverity {
        nb: "`{key}` er {value}; skriv error, warning, info eller off",
        nn: "`{key}` er {value}; skriv error, warning, info eller off",
        en: "`{key}` is {value}; write error, warning, info or off",
    }
    ConfigMaxSize {
        nb: "`max-file-size-mb` er {value}; oppgi et antall megabyte over 0 og høyst 4096",
        nn: "`max-file-size-mb` er {value}; gje eit tal på megabyte over 0 og høgst 4096",
        en: "`max-file-size-mb` is {value}; give a number of megabytes above 0 and at most 4096",
    }
    ConfigLang {
        nb: "`{key}` er {value}; skriv nb, nn eller en",
        nn: "`{key}` er {value}; skriv nb, nn eller en",
        en: "`{key}` is {value}; write nb, nn or en",
    }
    ConfigLevel {
        nb: "`level` er {value}; NKR-nivåene er 5 til 8",
        nn: "`level` er {value}; NKR-nivåa er 5 til 8",
        en: "`level` is {value}; NKR levels are 5 to 8",
    }
    ConfigKind {
        nb: "`kind` er {value}; skriv programme eller course",
        nn: "`kind` er {value}; skriv programme eller course",
        en: "`kind` is {value}; write programme or course",
    }
    ConfigUnknownKeyMeant {
        nb: "ukjent nøkkel `{key}`; mente du `{suggestion}`?",
        nn: "ukjend nøkkel `{key}`; meinte du `{suggestion}`?",
        en: "unknown key `{key}`; did you mean `{suggestion}`?",
    }
    ConfigUnknownKey {
        nb: "ukjent nøkkel `{key}`; nøklene er {keys}",
        nn: "ukjend nøkkel `{key}`; nøklane er {keys}",
        en: "unknown key `{key}`; expected {keys}",
    }
    ConfigIncludeEmpty {
        nb: "et `include`-mønster er tomt; skriv et glob-mønster som \"**/*.txt\"",
        nn: "eit `include`-mønster er tomt; skriv eit glob-mønster som \"**/*.txt\"",
        en: "an `include` pattern is empty; write a glob such as \"**/*.txt\"",
    }
    ConfigIncludeNotGlob {
        nb: "`include`-mønsteret {pattern} er ikke et glob-mønster: {error}",
        nn: "`include`-mønsteret {pattern} er ikkje eit glob-mønster: {error}",
        en: "the `include` pattern {pattern} is not a glob: {error}",
    }
    ConfigIncludeUnusable {
        nb: "`include`-mønstrene kan ikke brukes: {error}",
        nn: "`include`-mønstera kan ikkje brukast: {error}",
        en: "the `include` patterns cannot be used: {error}",
    }
    NoFramework {
        nb: "ingen rammeverk `{name}`; lub har {known}",
        nn: "ikkje noko rammeverk `{name}`; lub har {known}",
        en: "no framework `{name}`; lub has {known}",
    }
    RuleIdNotFileName {
        nb: "id-en `{id}` til regelen må være lik filnavnet `{stem}`",
        nn: "id-en `{id}` til regelen må vere lik filnamnet `{stem}`",
        en: "the rule's id `{id}` must equal its file name `{stem}`",
    }
    RuleIdKebab {
        nb: "id-en `{id}` må skrives med små bokstaver og bindestrek: a-z, 0-9 og -",
        nn: "id-en `{id}` må skrivast med små bokstavar og bindestrek: a-z, 0-9 og -",
        en: "the id `{id}` must be kebab-case: a-z, 0-9 and -",
    }
    RuleFieldEmpty { nb: "`{field}` er tom", nn: "`{field}` er tom", en: "`{field}` is empty" }
    RuleFieldMissing { nb: "`{field}` mangler", nn: "`{field}` manglar", en: "`{field}` is missing" }
    RuleExampleShape {
        nb: "et eksempel har nøyaktig én av `bad`, `good`, `document` og `documents`",
        nn: "eit døme har nøyaktig éin av `bad`, `good`, `document` og `documents`",
        en: "an example has exactly one of `bad`, `good`, `document` and `documents`",
    }
    RuleGoodFlags {
        nb: "et `good`-eksempel har ingen `flags`",
        nn: "eit `good`-døme har ingen `flags`",
        en: "a `good` example has no `flags`",
    }
    RuleBadFlags {
        nb: "et `bad`-eksempel lister opp i `flags` tekstene det skal gi funn for",
        nn: "eit `bad`-døme listar opp i `flags` tekstane det skal gje funn for",
        en: "a `bad` example lists the texts it must be flagged at in `flags`",
    }
    RuleExists { nb: "en regel `{id}` finnes allerede", nn: "ein regel `{id}` finst alt", en: "a rule `{id}` exists already" }
    RuleDefersTo {
        nb: "`defers_to` nevner `{id}`, som ikke er en regel",
        nn: "`defers_to` nemner `{id}`, som ikkje er ein regel",
        en: "`defers_to` names `{id}`, which is not a rule",
    }

    // `--help`: clap's headings, and what each command and option does.
    HelpUsage { nb: "Bruk:", nn: "Bruk:", en: "Usage:" }
    HelpOptions { nb: "Valg", nn: "Val", en: "Options" }
    HelpArguments { nb: "Argumenter", nn: "Argument", en: "Arguments" }
    HelpCommands { nb: "Kommandoer", nn: "Kommandoar", en: "Commands" }
    HelpCommandName { nb: "KOMMANDO", nn: "KOMMANDO", en: "COMMAND" }
    HelpOptionsName { nb: "VALG", nn: "VAL", en: "OPTIONS" }
    HelpValues { nb: "Verdier: {values}", nn: "Verdiar: {values}", en: "Values: {values}" }
    HelpDefault { nb: "Standard: {default}", nn: "Standard: {default}", en: "Default: {default}" }
    HelpHelp { nb: "Skriv ut hjelp", nn: "Skriv ut hjelp", en: "Print help" }
    HelpHelpMore {
        nb: "Skriv ut hjelp (mer med «--help»)",
        nn: "Skriv ut hjelp (meir med «--help»)",
        en: "Print help (see more with '--help')",
    }
    HelpHelpLess {
        nb: "Skriv ut hjelp (et sammendrag med «-h»)",
        nn: "Skriv ut hjelp (eit samandrag med «-h»)",
        en: "Print help (see a summary with '-h')",
    }
    HelpVersion { nb: "Skriv ut versjonen", nn: "Skriv ut versjonen", en: "Print version" }
    HelpHelpCommand {
        nb: "Skriv ut denne hjelpen, eller hjelpen til de gitte kommandoene",
        nn: "Skriv ut denne hjelpa, eller hjelpa til dei gitte kommandoane",
        en: "Print this message or the help of the given subcommand(s)",
    }
    HelpLub {
        nb: "Sjekker og skriver ut læringsutbyttebeskrivelser på bokmål, nynorsk og engelsk.",
        nn: "Sjekkar og skriv ut læringsutbyteskildringar på bokmål, nynorsk og engelsk.",
        en: "Lints and renders learning-outcome descriptions (læringsutbyttebeskrivelser) in bokmål, nynorsk and English.",
    }
    HelpCheck {
        nb: "Sjekk dokumenter og si hva som er galt i dem",
        nn: "Sjekk dokument og sei kva som er gale i dei",
        en: "Check documents and report what is wrong with them",
    }
    HelpRules {
        nb: "List opp alle reglene: id, standard alvorsgrad, språk og hva regelen finner",
        nn: "List opp alle reglane: id, standard alvorsgrad, språk og kva regelen finn",
        en: "List every rule: id, default severity, languages and what it flags",
    }
    HelpExplain {
        nb: "Forklar en regel: hvorfor den betyr noe, hva du kan skrive i stedet, og eksempler",
        nn: "Forklar ein regel: kvifor han er viktig, kva du kan skrive i staden, og døme",
        en: "Explain a rule: why it matters, what to write instead, and examples",
    }
    HelpRender {
        nb: "Skriv ut læringsutbyttet i et dokument som teksten i vitnemålstillegget (Diploma Supplement, del 4.2, med 2.1, 3.1 og 3.2)",
        nn: "Skriv ut læringsutbytet i eit dokument som teksten i vitnemålstillegget (Diploma Supplement, del 4.2, med 2.1, 3.1 og 3.2)",
        en: "Print a document's learning outcomes as the text of the Diploma Supplement (section 4.2, with 2.1, 3.1 and 3.2)",
    }
    HelpNew {
        nb: "Skriv ut skjelettet til en ny beskrivelse, med NKR-temaene for nivået som kommentarer",
        nn: "Skriv ut skjelettet til ei ny skildring, med NKR-tema for nivået som kommentarar",
        en: "Print the skeleton of a new description, with the NKR themes of its level as comments",
    }
    HelpReport {
        nb: "Sjekk en hel katalog og skriv én rapport om den: en HTML-side med diagrammer, en CSV-fil med én rad per dokument, eller JSON",
        nn: "Sjekk ein heil katalog og skriv éin rapport om han: ei HTML-side med diagram, ei CSV-fil med éi rad per dokument, eller JSON",
        en: "Check a whole catalogue and write one report of it: an HTML page with charts, a CSV with a row per document, or JSON",
    }
    HelpImport {
        nb: "Skriv et `*.lub.md`-dokument for hvert emne og studieprogram i eksporter fra FS studieinfo (XML) og lagrede emnesider (HTML)",
        nn: "Skriv eit `*.lub.md`-dokument for kvart emne og studieprogram i eksportar frå FS studieinfo (XML) og lagra emnesider (HTML)",
        en: "Write a `*.lub.md` document for every course and programme of FS studieinfo exports (XML) and saved course pages (HTML)",
    }
    HelpServe {
        nb: "Vis en nettside der en beskrivelse kan skrives og sjekkes, og et JSON-API, til Ctrl+C",
        nn: "Vis ei nettside der ei skildring kan skrivast og sjekkast, og eit JSON-API, til Ctrl+C",
        en: "Serve a web page where a description can be written and checked, and a JSON API, until Ctrl+C",
    }
    HelpLsp {
        nb: "Snakk Language Server Protocol på standard inn og ut, for redigeringsprogrammer: funn mens du skriver, sikre rettinger og hver regel forklart",
        nn: "Snakk Language Server Protocol på standard inn og ut, for redigeringsprogram: funn medan du skriv, trygge rettingar og kvar regel forklart",
        en: "Speak the Language Server Protocol on standard input and output, for editors: findings as you type, safe fixes, and each rule explained",
    }
    HelpConfig {
        nb: "Konfigurasjonsfilen; standard: den første `lub.yaml` fra mappen du står i og oppover",
        nn: "Konfigurasjonsfila; standard: den første `lub.yaml` frå mappa du står i og oppover",
        en: "The configuration file; default: the first `lub.yaml` from the current folder upward",
    }
    HelpMessageLang {
        nb: "Språket i meldingene: hvert funn, og lubs egne ord. Standard: `message-lang` i `lub.yaml`, ellers språket i hvert dokument (lubs egne ord: systemspråket (`LANG`), ellers engelsk)",
        nn: "Språket i meldingane: kvart funn, og orda til lub sjølv. Standard: `message-lang` i `lub.yaml`, elles språket i kvart dokument (orda til lub: systemspråket (`LANG`), elles engelsk)",
        en: "The language of the messages: every finding, and lub's own words. Default: `message-lang` in `lub.yaml`, else each document's language (lub's own words: the locale's, else English)",
    }
    HelpSelect {
        nb: "Kjør bare disse reglene (id-er skilt med komma)",
        nn: "Køyr berre desse reglane (id-ar skilde med komma)",
        en: "Run only these rules (comma-separated ids)",
    }
    HelpIgnore {
        nb: "Ikke kjør disse reglene (id-er skilt med komma)",
        nn: "Ikkje køyr desse reglane (id-ar skilde med komma)",
        en: "Do not run these rules (comma-separated ids)",
    }
    HelpStdinFilename {
        nb: "Navnet lub bruker om et dokument fra standard inn; en språkkode i det (`x.en.lub.md`) teller som i et filnavn",
        nn: "Namnet lub brukar om eit dokument frå standard inn; ein språkkode i det (`x.en.lub.md`) tel som i eit filnamn",
        en: "The name to report a document from standard input under; its language code (`x.en.lub.md`) is used like a file's",
    }
    HelpCheckPaths {
        nb: "Filer og mapper som skal sjekkes; i mapper letes det etter `*.lub.md` (og `include:`-mønstrene i `lub.yaml`), og `.gitignore` følges; en mappe uten dokumenter er en feil. Standard: mappen du står i",
        nn: "Filer og mapper som skal sjekkast; i mapper vert det leita etter `*.lub.md` (og `include:`-mønstera i `lub.yaml`), og `.gitignore` vert følgd; ei mappe utan dokument er ein feil. Standard: mappa du står i",
        en: "Files and folders to check; folders are searched for `*.lub.md` (and the `include:` patterns of `lub.yaml`), honouring `.gitignore`; a folder with none is an error. Default: the current folder",
    }
    HelpCheckFormat { nb: "Hvordan funnene skrives ut", nn: "Korleis funna vert skrivne ut", en: "How to print findings" }
    HelpFailOn {
        nb: "Avslutt med status 1 hvis det finnes et funn med denne alvorsgraden eller verre",
        nn: "Avslutt med status 1 om det finst eit funn med denne alvorsgraden eller verre",
        en: "Exit with status 1 if a finding of this severity or worse is found",
    }
    HelpMinSeverity {
        nb: "Vis bare funn med denne alvorsgraden eller verre; det er fortsatt `--fail-on` som avgjør om kjøringen feiler",
        nn: "Vis berre funn med denne alvorsgraden eller verre; det er framleis `--fail-on` som avgjer om køyringa feilar",
        en: "Show only findings of this severity or worse; what fails the run is still `--fail-on`",
    }
    HelpStatistics {
        nb: "I stedet for hvert funn: hvor mange hver regel fant, flest først, med regelens sammendrag (`--format json`: som JSON)",
        nn: "I staden for kvart funn: kor mange kvar regel fann, flest først, med samandraget til regelen (`--format json`: som JSON)",
        en: "Instead of each finding, how many each rule found, most first, with the rule's summary (`--format json`: as JSON)",
    }
    HelpQuiet {
        nb: "Skriv bare ut funnene: ingen oppsummering, ingen tegnforklaring, ingen liste over rettinger",
        nn: "Skriv berre ut funna: inga oppsummering, inga teiknforklaring, inga liste over rettingar",
        en: "Print the findings only: no summary, no legend, no list of fixes",
    }
    HelpOutputFile {
        nb: "Skriv rapporten til FIL i stedet for standard ut; filen byttes ut først når rapporten er ferdig",
        nn: "Skriv rapporten til FIL i staden for standard ut; fila vert bytt ut først når rapporten er ferdig",
        en: "Write the report to FILE instead of standard output; the file is replaced only once the report is complete",
    }
    HelpColor {
        nb: "Farger i formatet `human`",
        nn: "Fargar i formatet `human`",
        en: "Colour in the human format",
    }
    HelpFix {
        nb: "Gjør de sikre rettingene og skriv hver endrede fil (atomisk, uten å endre tillatelsene); usikre funn meldes som vanlig. Med `--stdin`: skriv det rettede dokumentet til standard ut, og det som gjenstår til standard feil",
        nn: "Gjer dei trygge rettingane og skriv kvar endra fil (atomisk, utan å endre løyva); utrygge funn vert melde som vanleg. Med `--stdin`: skriv det retta dokumentet til standard ut, og det som står att til standard feil",
        en: "Apply the safe fixes and write each changed file (atomically, keeping its permissions); unsafe findings are reported as usual. With `--stdin`: print the fixed document on standard output, and what remains on standard error",
    }
    HelpDiff {
        nb: "Skriv ut hva --fix ville endret, som unified diff, og skriv ingen filer. Status 1 hvis noe ville blitt endret",
        nn: "Skriv ut kva --fix ville endra, som unified diff, og skriv ingen filer. Status 1 om noko ville vorte endra",
        en: "Print what --fix would change, as unified diffs, and write nothing. Exit status 1 if anything would change",
    }
    HelpCheckStdin {
        nb: "Les ett dokument fra standard inn",
        nn: "Les eitt dokument frå standard inn",
        en: "Read one document from standard input",
    }
    HelpRulesFormat { nb: "Hvordan listen skrives ut", nn: "Korleis lista vert skriven ut", en: "How to print the list" }
    HelpExplainId {
        nb: "Id-en til regelen, slik `lub rules` viser den",
        nn: "Id-en til regelen, slik `lub rules` viser han",
        en: "The rule's id, as `lub rules` lists it",
    }
    HelpExplainFormat {
        nb: "Hvordan forklaringen skrives ut",
        nn: "Korleis forklaringa vert skriven ut",
        en: "How to print the explanation",
    }
    HelpRenderPath { nb: "Dokumentet som skal skrives ut", nn: "Dokumentet som skal skrivast ut", en: "The document to render" }
    HelpRenderStdin {
        nb: "Les dokumentet fra standard inn",
        nn: "Les dokumentet frå standard inn",
        en: "Read the document from standard input",
    }
    HelpRenderTo { nb: "Formatet det skrives ut i", nn: "Formatet det vert skrive ut i", en: "Output format" }
    HelpWidth { nb: "Linjebredden i tekstformatet", nn: "Linjebreidda i tekstformatet", en: "Line width of the text format" }
    HelpMaxChars {
        nb: "Feil, med det faktiske antallet, hvis læringsutbyttet (del 4.2 som ren tekst uten linjeskift) er lenger enn N tegn",
        nn: "Feil, med det faktiske talet, om læringsutbytet (del 4.2 som rein tekst utan linjeskift) er lengre enn N teikn",
        en: "Fail, with the actual count, if the learning outcomes (section 4.2 as unwrapped plain text) are longer than N characters",
    }
    HelpRenderForce {
        nb: "Skriv ut også et dokument med feil",
        nn: "Skriv ut òg eit dokument med feil",
        en: "Render even a document with errors",
    }
    HelpRenderLang {
        nb: "Skriv ut oversettelsen på dette språket (et dokument ved siden av dette med samme `code`), eller `all` for alle språk, norsk først",
        nn: "Skriv ut omsetjinga på dette språket (eit dokument ved sida av dette med same `code`), eller `all` for alle språk, norsk først",
        en: "Render the translation in this language (a document beside this one with the same `code`), or `all` for every language, Norwegian first",
    }
    HelpPage {
        nb: "Med `--to html`: en hel HTML-side i stedet for et utdrag",
        nn: "Med `--to html`: ei heil HTML-side i staden for eit utdrag",
        en: "With `--to html`: a whole HTML page rather than a fragment",
    }
    HelpNewKind {
        nb: "Et studieprogram eller et emne. Standard: `defaults: kind:` i `lub.yaml`",
        nn: "Eit studieprogram eller eit emne. Standard: `defaults: kind:` i `lub.yaml`",
        en: "A study programme or a course. Default: `defaults: kind:` in `lub.yaml`",
    }
    HelpNewLevel {
        nb: "NKR-nivå: 5 fagskole, 6 bachelor, 7 master, 8 ph.d. Standard: `defaults: level:` i `lub.yaml`",
        nn: "NKR-nivå: 5 fagskule, 6 bachelor, 7 master, 8 ph.d. Standard: `defaults: level:` i `lub.yaml`",
        en: "NKR level: 5 fagskole, 6 bachelor, 7 master, 8 ph.d. Default: `defaults: level:` in `lub.yaml`",
    }
    HelpNewLang {
        nb: "Språket i dokumentet. Standard: `defaults: lang:` i `lub.yaml`",
        nn: "Språket i dokumentet. Standard: `defaults: lang:` i `lub.yaml`",
        en: "The document's language. Default: `defaults: lang:` in `lub.yaml`",
    }
    HelpNewCode {
        nb: "Koden til studieprogrammet eller emnet",
        nn: "Koden til studieprogrammet eller emnet",
        en: "The programme's or course's code",
    }
    HelpNewTitle {
        nb: "Navnet på studieprogrammet eller emnet",
        nn: "Namnet på studieprogrammet eller emnet",
        en: "The programme's or course's name",
    }
    HelpNewOutput {
        nb: "Skriv til denne nye filen i stedet for standard ut; en fil som finnes fra før, byttes aldri ut",
        nn: "Skriv til denne nye fila i staden for standard ut; ei fil som finst frå før, vert aldri bytt ut",
        en: "Write to this new file instead of standard output; an existing file is never replaced",
    }
    HelpReportPaths {
        nb: "Filer og mapper som skal sjekkes, som for `lub check`. Standard: mappen du står i",
        nn: "Filer og mapper som skal sjekkast, som for `lub check`. Standard: mappa du står i",
        en: "Files and folders to check, as for `lub check`. Default: the current folder",
    }
    HelpReportOutput {
        nb: "Filen som skal skrives (`-` for standard ut); en fil som finnes fra før, byttes ut",
        nn: "Fila som skal skrivast (`-` for standard ut); ei fil som finst frå før, vert bytt ut",
        en: "The file to write (`-` for standard output); an existing file is replaced",
    }
    HelpReportFormat { nb: "Hva som skal skrives", nn: "Kva som skal skrivast", en: "What to write" }
    HelpBaseline {
        nb: "En tidligere `lub report --format json`: vis hva som har blitt bedre eller verre siden",
        nn: "Ein tidlegare `lub report --format json`: vis kva som har vorte betre eller verre sidan",
        en: "An earlier `lub report --format json`: show what got better or worse since",
    }
    HelpReportMessageLang {
        nb: "Språket i overskriftene, etikettene og bildetekstene på siden. Standard: `message-lang` i `lub.yaml`, ellers systemspråket (`LANG`), ellers engelsk",
        nn: "Språket i overskriftene, etikettane og bilettekstane på sida. Standard: `message-lang` i `lub.yaml`, elles systemspråket (`LANG`), elles engelsk",
        en: "The language of the page's headings, labels and captions. Default: `message-lang` in `lub.yaml`, else the locale, else English",
    }
    HelpImportPaths {
        nb: "Eksporter fra FS studieinfo (`*.xml`), lagrede emnesider eller utdrag av dem (`*.html`), eller mapper med slike filer",
        nn: "Eksportar frå FS studieinfo (`*.xml`), lagra emnesider eller utdrag av dei (`*.html`), eller mapper med slike filer",
        en: "FS studieinfo exports (`*.xml`), saved course pages or fragments (`*.html`), or folders holding them",
    }
    HelpImportOut {
        nb: "Mappen dokumentene skrives til (`KODE.SPRÅK.lub.md`); den lages hvis den mangler",
        nn: "Mappa dokumenta vert skrivne til (`KODE.SPRÅK.lub.md`); ho vert laga om ho manglar",
        en: "The folder to write the documents to (`CODE.LANG.lub.md`); made if missing",
    }
    HelpImportForce {
        nb: "Bytt ut dokumenter som finnes fra før (atomisk); uten dette valget blir et dokument som finnes, stående som det er, og det meldes",
        nn: "Byt ut dokument som finst frå før (atomisk); utan dette valet vert eit dokument som finst, ståande som det er, og det vert meldt",
        en: "Replace documents that exist already (atomically); without it an existing document is left as it is and reported",
    }
    HelpServeAddr {
        nb: "Adressen lub lytter på. Standardadressen kan bare nås fra denne maskinen; `0.0.0.0:8080` slipper andre inn",
        nn: "Adressa lub lyttar på. Standardadressa kan berre nåast frå denne maskina; `0.0.0.0:8080` slepper andre inn",
        en: "The address to listen on. Only this machine can reach the default; `0.0.0.0:8080` lets others in",
    }
    // clap's usage errors, from what clap knows of them; in English clap's
    // own words are printed, which these follow.
    ClapUnknownArgument { nb: "ukjent argument {arg}", nn: "ukjent argument {arg}", en: "unexpected argument {arg} found" }
    ClapNoValue { nb: "{arg} trenger en verdi", nn: "{arg} treng ein verdi", en: "a value is required for {arg} but none was supplied" }
    ClapInvalidValue { nb: "ugyldig verdi {value} for {arg}", nn: "ugyldig verdi {value} for {arg}", en: "invalid value {value} for {arg}" }
    ClapTooMany {
        nb: "uventet verdi {value} for {arg}; det skal ikke være flere",
        nn: "uventa verdi {value} for {arg}; det skal ikkje vere fleire",
        en: "unexpected value {value} for {arg} found; no more were expected",
    }
    ClapMissing { nb: "{args} må være med", nn: "{args} må vere med", en: "the following required arguments were not provided: {args}" }
    ClapConflict {
        nb: "{arg} kan ikke brukes sammen med {other}",
        nn: "{arg} kan ikkje brukast saman med {other}",
        en: "the argument {arg} cannot be used with {other}",
    }
    ClapRepeated {
        nb: "{arg} kan bare brukes én gang",
        nn: "{arg} kan berre brukast éin gong",
        en: "the argument {arg} cannot be used multiple times",
    }
    ClapUnknownCommand { nb: "ukjent kommando {command}", nn: "ukjend kommando {command}", en: "unrecognized subcommand {command}" }
    ClapMissingCommand { nb: "lub trenger en kommando", nn: "lub treng ein kommando", en: "lub requires a subcommand" }
    ClapMoreHelp {
        nb: "Skriv «--help» for mer hjelp.",
        nn: "Skriv «--help» for meir hjelp.",
        en: "For more information, try '--help'.",
    }
    // The values of options, in `--help`.
    ValueHuman {
        nb: "hvert funn med kildelinjen understreket",
        nn: "kvart funn med kjeldelinja understreka",
        en: "Each finding with the source line underlined",
    }
    ValueJson {
        nb: "én JSON-liste med funnene (skjemaet står i README)",
        nn: "éi JSON-liste med funna (skjemaet står i README)",
        en: "One JSON array of findings (schema in the README)",
    }
    ValueSarif {
        nb: "SARIF 2.1.0, for GitHub code scanning og andre verktøy",
        nn: "SARIF 2.1.0, for GitHub code scanning og andre verktøy",
        en: "SARIF 2.1.0, for GitHub code scanning and other tools",
    }
    ValueGithub {
        nb: "merknader for GitHub Actions (workflow commands)",
        nn: "merknader for GitHub Actions (workflow commands)",
        en: "GitHub Actions annotations (workflow commands)",
    }
    ValueCompact {
        nb: "én linje per funn: `sti:linje:kolonne: alvorsgrad regel: melding`",
        nn: "éi linje per funn: `sti:linje:kolonne: alvorsgrad regel: melding`",
        en: "One line per finding: `path:line:col: severity rule: message`",
    }
    ValueAuto {
        nb: "når standard ut er en terminal, med mindre `NO_COLOR` er satt; `CLICOLOR_FORCE` slår farger på ellers også",
        nn: "når standard ut er ein terminal, med mindre `NO_COLOR` er sett; `CLICOLOR_FORCE` slår fargar på elles òg",
        en: "When standard output is a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` turns it on elsewhere too",
    }
    ValueReportHtml {
        nb: "én selvstendig side med diagrammer og tabeller",
        nn: "éi sjølvstendig side med diagram og tabellar",
        en: "One self-contained page with charts and tables",
    }
    ValueReportCsv {
        nb: "én rad per dokument, én kolonne per regel",
        nn: "éi rad per dokument, éin kolonne per regel",
        en: "One row per document, a column per rule",
    }
    ValueReportJson {
        nb: "tallene, med et versjonsfelt (skjemaet står i README)",
        nn: "tala, med eit versjonsfelt (skjemaet står i README)",
        en: "The figures, with a version field (schema in the README)",
    }
    // The names of values in `--help`.
    ValueFile { nb: "FIL", nn: "FIL", en: "FILE" }
    ValuePath { nb: "STI", nn: "STI", en: "PATH" }
    ValueLang { nb: "SPRÅK", nn: "SPRÅK", en: "LANG" }
    ValueSeverity { nb: "ALVORSGRAD", nn: "ALVORSGRAD", en: "SEVERITY" }
    ValueWhen { nb: "NÅR", nn: "NÅR", en: "WHEN" }
    ValueName { nb: "NAVN", nn: "NAMN", en: "NAME" }
    ValueAddr { nb: "ADRESSE", nn: "ADRESSE", en: "ADDR" }
    ValueDir { nb: "MAPPE", nn: "MAPPE", en: "DIR" }
    ValueKind { nb: "TYPE", nn: "TYPE", en: "KIND" }
    ValueLevel { nb: "NIVÅ", nn: "NIVÅ", en: "LEVEL" }
    ValueCode { nb: "KODE", nn: "KODE", en: "CODE" }
    ValueTitle { nb: "TITTEL", nn: "TITTEL", en: "TITLE" }
    ValueOldJson { nb: "GAMMEL.json", nn: "GAMAL.json", en: "OLD.json" }
}

#[cfg(test)]
mod fill_tests {
    use super::fill;
    use proptest::prelude::*;

    /// What `fill` did before it went in one pass: each value in turn.
    fn value_by_value(template: &str, values: &[(&str, &str)]) -> String {
        let mut out = template.to_string();
        for (name, value) in values {
            out = out.replace(
                &format!("{{{name}}}"),
                &crate::source::cut(value, super::VALUE_MAX),
            );
        }
        out
    }

    proptest! {
        #[test]
        fn one_pass_fills_as_value_by_value_did(
            template in "[a{}b {}]{0,12}((\\{(a|b|ab|x)\\}|\\{\\{b\\}\\})[a-z {}]{0,6}){0,6}",
            a in "[a-zø {}]{0,8}",
            b in "a|[a-z]{0,300}",
            twice in any::<bool>(),
        ) {
            let mut values = vec![("a", a.as_str()), ("b", b.as_str())];
            if twice {
                values.push(("a", "igjen"));
            }
            prop_assert_eq!(fill(&template, &values), value_by_value(&template, &values));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_picks_the_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_string())
            }
        };
        assert_eq!(locale_lang(env(&[("LANG", "nb_NO.UTF-8")])), Some(Lang::Nb));
        assert_eq!(locale_lang(env(&[("LANG", "no_NO")])), Some(Lang::Nb));
        assert_eq!(locale_lang(env(&[("LANG", "nn_NO.UTF-8")])), Some(Lang::Nn));
        assert_eq!(
            locale_lang(env(&[("LANG", "nb_NO"), ("LC_ALL", "en_GB.UTF-8")])),
            Some(Lang::En)
        );
        assert_eq!(
            locale_lang(env(&[("LANG", "en_GB"), ("LC_MESSAGES", "nn")])),
            Some(Lang::Nn)
        );
        assert_eq!(
            locale_lang(env(&[("LC_ALL", ""), ("LANG", "nn")])),
            Some(Lang::Nn)
        );
        assert_eq!(locale_lang(env(&[("LANG", "C.UTF-8")])), None);
        assert_eq!(locale_lang(env(&[("LANG", "de_DE")])), None);
        assert_eq!(locale_lang(env(&[])), None);
    }

    #[test]
    fn plurals_follow_the_language() {
        assert_eq!(count(Lang::Nb, 1, Msg::Findings), "1 funn");
        assert_eq!(count(Lang::Nb, 2, Msg::Findings), "2 funn");
        assert_eq!(count(Lang::En, 1, Msg::Outcomes), "1 outcome");
        assert_eq!(count(Lang::En, 2, Msg::Outcomes), "2 outcomes");
        assert_eq!(count(Lang::Nn, 2, Msg::Warnings), "2 åtvaringar");
        assert_eq!(count(Lang::Nb, 1, Msg::Files), "1 fil");
    }
}
