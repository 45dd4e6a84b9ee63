//! The YAML front matter: read through `crate::yaml`, then checked key by
//! key, so that every problem points at the key or value it is about and one
//! bad value does not hide the others.

use crate::messages::{Msg, Text};
use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};

use super::ast::{Field, Kind, Meta, Problem, ProblemKind};
use crate::lang::Lang;
use crate::source::Span;
use crate::suggest::closest;
use crate::yaml;

pub(crate) const KEYS: &[&str] = &[
    "code",
    "kind",
    "level",
    "credits",
    "lang",
    "title",
    "faculty",
    "department",
];

/// The most characters of a written value a message quotes.
const QUOTE_MAX: usize = 40;

/// Reads the front matter whose YAML text starts at byte `offset` of the
/// document. Spans in the result are document offsets.
pub(crate) fn read(text: &str, offset: usize, problems: &mut Vec<Problem>) -> Meta {
    let mut meta = Meta::default();
    if text.trim().is_empty() {
        return meta;
    }
    let entries = match entries(text) {
        Ok(entries) => entries,
        Err(e) => {
            let at = e
                .offset
                .unwrap_or_else(|| yaml::offset_of_line_column(text, e.line, e.column));
            let at = crate::source::floor_char_boundary(text, at);
            problems.push(problem(
                offset + at..offset + line_end(text, at),
                Msg::FrontMatterNotYaml.text(|lang| vec![("error", yaml_problem(&e, lang))]),
                Some(Msg::FrontMatterShape.text(|_| Vec::new())),
            ));
            return meta;
        }
    };
    for entry in entries {
        let key_span = shift(entry.key_span, offset);
        let value_span = shift(entry.value_span, offset);
        let name = entry.key.as_str();
        let value = entry.value;
        // A value quoted in a message as it is written: `1e-400` read as a
        // number is 0, and a long integer is rounded.
        let written = crate::source::cut(
            text.get(
                value_span.start.saturating_sub(offset)..value_span.end.saturating_sub(offset),
            )
            .unwrap_or_default()
            .trim(),
            QUOTE_MAX,
        );
        match name {
            "code" => match value.as_text() {
                Some(code) if !code.trim().is_empty() => {
                    meta.code = Some(Field {
                        value: code,
                        span: value_span,
                    });
                }
                _ => problems.push(wrong_type(value_span, "code", Msg::ExpectCode)),
            },
            "title" => match value.as_text() {
                Some(title) if !title.trim().is_empty() => {
                    meta.title = Some(Field {
                        value: title,
                        span: value_span,
                    });
                }
                _ => problems.push(wrong_type(value_span, "title", Msg::ExpectTitle)),
            },
            "faculty" | "department" => match value.as_text() {
                Some(unit) if !unit.trim().is_empty() => {
                    let field = Some(Field {
                        value: unit,
                        span: value_span,
                    });
                    if name == "faculty" {
                        meta.faculty = field;
                    } else {
                        meta.department = field;
                    }
                }
                _ => problems.push(wrong_type(value_span, name, Msg::ExpectUnit)),
            },
            "kind" => match value.as_text().as_deref() {
                Some(word) if word.parse::<Kind>().is_ok() => {
                    meta.kind = word.parse::<Kind>().ok().map(|value| Field {
                        value,
                        span: value_span,
                    });
                }
                Some(other) => {
                    let suggestion = closest(other, ["programme", "course"]).or(
                        match other.to_lowercase().as_str() {
                            "program" | "studieprogram" | "studieprogramme" => Some("programme"),
                            "emne" | "module" => Some("course"),
                            _ => None,
                        },
                    );
                    problems.push(Problem {
                        kind: ProblemKind::FrontMatter,
                        span: value_span,
                        message: Msg::KindIsNot
                            .text(|lang| vec![("value", crate::messages::quote(lang, other))]),
                        help: Some(match suggestion {
                            Some(s) => Msg::WriteKey.text(|_| vec![("fix", format!("kind: {s}"))]),
                            None => Msg::WriteKind.text(|_| Vec::new()),
                        }),
                        replacement: suggestion.map(str::to_string),
                    });
                }
                None => problems.push(wrong_type(value_span, "kind", Msg::ExpectKind)),
            },
            "level" => match value {
                Value::Int(n) if let Ok(level) = crate::lang::Level::try_from(n) => {
                    meta.level = Some(Field {
                        value: level,
                        span: value_span,
                    });
                }
                Value::Int(_) => problems.push(problem(
                    value_span,
                    Msg::LevelOutOfRange.text(|_| vec![("level", written.to_string())]),
                    Some(Msg::Levels.text(|_| Vec::new())),
                )),
                _ => problems.push(wrong_type(value_span, "level", Msg::ExpectLevel)),
            },
            "credits" => match value.as_number() {
                Some(n) if n > 0.0 && n <= 600.0 => {
                    meta.credits = Some(Field {
                        value: n,
                        span: value_span,
                    });
                }
                Some(_) => problems.push(problem(
                    value_span,
                    Msg::CreditsOutOfRange.text(|_| vec![("credits", written.to_string())]),
                    Some(Msg::CreditsYear.text(|_| Vec::new())),
                )),
                None => problems.push(wrong_type(value_span, "credits", Msg::ExpectCredits)),
            },
            "lang" => match value.as_text().as_deref().map(str::to_lowercase) {
                Some(code) if code.parse::<Lang>().is_ok() => {
                    meta.lang = code.parse::<Lang>().ok().map(|value| Field {
                        value,
                        span: value_span,
                    });
                }
                Some(other) => {
                    let suggestion = match other.as_str() {
                        "no" | "nob" | "norsk" | "bokmål" | "bokmal" | "nb-no" | "no-nb" => {
                            Some("nb")
                        }
                        "nno" | "nynorsk" | "nn-no" | "no-nn" => Some("nn"),
                        "eng" | "english" | "engelsk" | "en-gb" | "en-us" => Some("en"),
                        _ => None,
                    };
                    problems.push(Problem {
                        kind: ProblemKind::FrontMatter,
                        span: value_span,
                        message: Msg::LangIsNot
                            .text(|lang| vec![("value", crate::messages::quote(lang, &other))]),
                        help: Some(match suggestion {
                            Some(s) => Msg::WriteKey.text(|_| vec![("fix", format!("lang: {s}"))]),
                            None => Msg::LangCodes.text(|_| Vec::new()),
                        }),
                        replacement: suggestion.map(str::to_string),
                    });
                }
                None => problems.push(wrong_type(value_span, "lang", Msg::ExpectLang)),
            },
            unknown => {
                let suggestion = closest(unknown, KEYS.iter().copied());
                problems.push(Problem {
                    kind: ProblemKind::FrontMatter,
                    span: key_span,
                    message: Msg::UnknownKey.text(|_| vec![("key", unknown.to_string())]),
                    help: Some(match suggestion {
                        Some(s) => Msg::DidYouMean.text(|_| vec![("suggestion", format!("`{s}`"))]),
                        None => Msg::KeysAre.text(|_| vec![("keys", KEYS.join(", "))]),
                    }),
                    replacement: suggestion.map(str::to_string),
                });
            }
        }
    }
    meta
}

/// The `code` that `read` would give of the front matter `text`, without
/// the rest of its work.
pub(crate) fn code(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    // Read before each document is checked, to find the ones that share a
    // code: a flat front matter is read without keeping its entries.
    let mut flat_code = None;
    if each_flat(text, |_, key, _, value| {
        if key == "code" {
            flat_code = Some(value);
        }
    })
    .is_some()
    {
        // As `Value::as_text` reads the same entry.
        return match flat_code? {
            Scalar::Text(code) => (!code.trim().is_empty()).then(|| code.to_string()),
            Scalar::Int(n) => Some(n.to_string()),
            Scalar::Float(_) => None,
        };
    }
    let mut code = None;
    for entry in entries(text).ok()? {
        if entry.key == "code"
            && let Some(value) = entry.value.as_text()
            && !value.trim().is_empty()
        {
            code = Some(value);
        }
    }
    code
}

/// One `key: value` of the front matter, with the spans a problem points
/// at, relative to the YAML text.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    key: String,
    key_span: Span,
    value: Value,
    value_span: Span,
}

/// The front matter's entries in order: read by [`flat_entries`] when
/// every line is a plain `key: value`, as nearly every document's is, else
/// by the YAML parser.
fn entries(text: &str) -> Result<Vec<Entry>, yaml::YamlError> {
    match flat_entries(text) {
        Some(entries) => Ok(entries),
        None => parsed_entries(text),
    }
}

fn parsed_entries(text: &str) -> Result<Vec<Entry>, yaml::YamlError> {
    let entries: yaml::Entries<Value> = yaml::from_str(text)?;
    Ok(entries
        .0
        .into_iter()
        .map(|(key, value)| {
            let key_span = yaml::span_of(&key, text);
            let value_span = yaml::span_of(&value, text);
            let key_span = if key_span.is_empty() {
                key_span.start..key_span.start + key.value.len()
            } else {
                key_span
            };
            let value_span = if value_span.is_empty() {
                value_span.start..line_end(text, value_span.start)
            } else {
                value_span
            };
            Entry {
                key: key.value,
                key_span,
                value: value.value,
                value_span,
            }
        })
        .collect())
}

/// The entries of a front matter made only of lines `key: value`, each
/// value a plain word, phrase or number that YAML reads one way only; `None`
/// for anything else (quotes, comments, lists, blank lines, a key twice,
/// words YAML gives a meaning), which the parser reads instead. Saves the
/// parser's set-up on every document; `flat_entries_agree_with_the_parser`
/// holds it to the parser's reading.
fn flat_entries(text: &str) -> Option<Vec<Entry>> {
    let mut entries: Vec<Entry> = Vec::new();
    each_flat(text, |start, key, written, value| {
        let value_start = start + key.len() + 2;
        entries.push(Entry {
            key: key.to_string(),
            key_span: start..start + key.len(),
            value: match value {
                Scalar::Text(text) => Value::Text(text.to_string()),
                Scalar::Int(n) => Value::Int(n),
                Scalar::Float(x) => Value::Float(x),
            },
            value_span: value_start..value_start + written.len(),
        });
    })?;
    Some(entries)
}

/// Hands each `key: value` of a front matter made only of such lines, as
/// [`flat_entries`] takes them, to `each` in order (with where its line
/// starts, the key, the value as written and as read); `None`, and no
/// promise about what `each` was given, for any other front matter.
fn each_flat<'t>(
    text: &'t str,
    mut each: impl FnMut(usize, &'t str, &'t str, Scalar<'t>),
) -> Option<()> {
    const FLAT_MOST: usize = 32;
    // The keys before this line, in the first `count` places.
    let mut keys: [&str; FLAT_MOST] = [""; FLAT_MOST];
    let mut at = 0;
    for (count, line) in text.split_inclusive('\n').enumerate() {
        let start = at;
        at += line.len();
        let line = line.strip_suffix('\n')?;
        let (key, value) = split_key(line)?;
        let plain_key = key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        // A block of more keys than any front matter has is left to the
        // parser, whose budget refuses the hostile ones.
        let seen = keys.get(..count)?;
        if !plain_key || count == FLAT_MOST || seen.contains(&key) {
            return None;
        }
        *keys.get_mut(count)? = key;
        each(start, key, value, flat_value(value)?);
    }
    (at == text.len()).then_some(())
}

/// A line cut at its first `: `: what `split_once(": ")` gives, found by
/// the colons alone, as a search for two bytes costs more to set up than
/// such a line takes to read.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let colon = line
        .match_indices(':')
        .map(|(at, _)| at)
        .find(|&at| bytes.get(at + 1) == Some(&b' '))?;
    Some((&line[..colon], &line[colon + 2..]))
}

/// A plain value of a flat front matter, as YAML reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scalar<'t> {
    Text(&'t str),
    Int(i64),
    Float(f64),
}

/// A plain value YAML can read only as this text or number.
fn flat_value(value: &str) -> Option<Scalar<'_>> {
    let first = value.chars().next()?;
    if value.ends_with(' ') || value.as_bytes().windows(2).any(|pair| pair == b"  ") {
        return None;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let no_leading_zero = |s: &str| s == "0" || !s.starts_with('0');
    if first.is_ascii_digit() {
        if digits(value) && no_leading_zero(value) && value.len() <= 18 {
            return value.parse().ok().map(Scalar::Int);
        }
        let (whole, fraction) = value.split_once('.')?;
        return (digits(whole) && no_leading_zero(whole) && digits(fraction) && whole.len() <= 15)
            .then(|| value.parse().ok().map(Scalar::Float))
            .flatten();
    }
    // After the first letter, what a plain scalar reads as itself ("Bachelor's
    // programme", "Helse & omsorg").
    let words_only = first.is_alphabetic()
        && value.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '.' | ',' | '-' | '(' | ')' | '/' | '\'' | '’' | '&' | '+' | '–' | '—'
                )
        });
    // Words YAML reads as something else, in any of its versions.
    const SPECIAL: &[&str] = &[
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ];
    let special = SPECIAL.iter().any(|w| value.eq_ignore_ascii_case(w));
    (words_only && !special).then_some(Scalar::Text(value))
}

/// What is wrong with the YAML, in `lang` where it is one of lub's own
/// limits; the parser's own message is English.
fn yaml_problem(error: &yaml::YamlError, lang: Lang) -> String {
    match &error.problem {
        None => error.message.clone(),
        Some(_) => crate::error::yaml_text(error).get(lang).to_string(),
    }
}

fn problem(span: Span, message: Text, help: Option<Text>) -> Problem {
    Problem {
        kind: ProblemKind::FrontMatter,
        span,
        message,
        help,
        replacement: None,
    }
}

fn wrong_type(span: Span, key: &str, expected: Msg) -> Problem {
    problem(
        span,
        Msg::MustBe.text(|lang| {
            vec![
                ("key", key.to_string()),
                ("expected", expected.get(lang).to_string()),
            ]
        }),
        None,
    )
}

fn shift(span: Span, by: usize) -> Span {
    span.start + by..span.end + by
}

fn line_end(text: &str, from: usize) -> usize {
    let from = crate::source::floor_char_boundary(text, from);
    text[from..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| from + i)
}

/// A front matter value of whatever type was written, so that each key can
/// say what it expected instead of failing the whole block.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    Nested,
}

impl Value {
    fn as_text(&self) -> Option<String> {
        match self {
            Value::Text(s) => Some(s.clone()),
            Value::Int(n) => Some(n.to_string()),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Float(f) if f.is_finite() => Some(*f),
            // "7,5" is how credits are written in Norwegian.
            Value::Text(s) => s
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite()),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                Ok(Value::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Value, E> {
                Ok(Value::Text(v))
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Value::Nested)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Value::Nested)
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> (Meta, Vec<Problem>) {
        let mut problems = Vec::new();
        let meta = read(text, 0, &mut problems);
        (meta, problems)
    }

    #[test]
    fn a_flat_front_matter_is_read_without_the_parser() {
        let text = "code: C00000\nkind: course\nlevel: 6\ncredits: 7.5\nlang: en\ntitle: Course in machine learning (5)\nfaculty: Fakultet for IT, økonomi og sjøfart\n";
        let flat = flat_entries(text).expect("a flat front matter");
        assert_eq!(Ok(flat), parsed_entries(text));
        for not_flat in [
            "level: 6 # a comment\n",
            "title: \"quoted\"\n",
            "lang: no\n",
            "level: 6\nlevel: 7\n",
            "level: 0x10\n",
            "title: a  b\n",
            "code: C1\n\nlevel: 6\n",
        ] {
            assert_eq!(flat_entries(not_flat), None, "{not_flat:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        /// The short cut reads what the parser reads, or leaves the text to it.
        #[test]
        fn flat_entries_agree_with_the_parser(
            lines in proptest::collection::vec(
                (
                    // Mostly lines the short cut takes, so that it is tried
                    // often; the rest ask whether it knows what to leave.
                    proptest::sample::select(vec!["code", "level", "title", "x_1", "lang", "kind", "credits", "faculty", "code", "level", "Kind", "a-b", "é", ""]),
                    proptest::sample::select(vec![": ", ": ", ": ", ": ", ": ", ": ", ": ", ": ", ":", ":  ", " : ", ":\t"]),
                    proptest::collection::vec(
                        proptest::prop_oneof![
                            8 => proptest::sample::select(vec![
                                "6", "7.5", "0", "word", "Kurs", "Ø", "økonomi", "IT,", "(5)", "a/b",
                                "x-y", "Sjø.", "12345678901234567", "Bachelor's", "a'", "'a", "a&b",
                                "&", "C++", "+", "x–y", "–", "—", "d’Arc", "’",
                            ]),
                            1 => proptest::sample::select(vec![
                                "07", "7,5", ".5", "5.", "1e3", "-3", "+3", "0o7", "0x1f",
                                "123456789012345678901", "1.0e-400", "Inf", ".inf", "NaN", "null",
                                "Null", "~", "true", "False", "yes", "No", "on", "y", "-", "- x", "#",
                                " ", "  ", "'", "\"", ":", "[", "]", "{", "}", "&a", "*a", "!t", "|",
                                ">", "%", "@", "`", "?", "\r", "\t", "e\u{301}", "\u{ad}",
                                "\u{200b}", "\u{2028}", "\u{85}", "\u{feff}",
                            ]),
                        ],
                        1..4,
                    ),
                    proptest::sample::select(vec![" ", "", "", ""]),
                    proptest::sample::select(vec!["\n", "\n", "\n", "\n", "\n", "\n", "\n", "\n", "\n", "\n", "\r\n", "", "\n\n", " \n"]),
                ),
                0..6,
            )
        ) {
            let text: String = lines
                .iter()
                .map(|(key, colon, words, between, end)| format!("{key}{colon}{}{end}", words.join(between)))
                .collect();
            if let Some(flat) = flat_entries(&text) {
                proptest::prop_assert_eq!(Ok(flat), parsed_entries(&text), "{:?}", text);
            }
            // The code found before a check is the one the check reads.
            let read_code = read(&text, 0, &mut Vec::new()).code.map(|code| code.value);
            proptest::prop_assert_eq!(code(&text), read_code.filter(|c| !c.trim().is_empty()), "{:?}", text);
        }
    }

    #[test]
    fn typed_fields_keep_their_spans() {
        let text = "code: MTDT\nkind: programme\nlevel: 7\ncredits: 7,5\nlang: nn\ntitle: Master\n";
        let (meta, problems) = read_all(text);
        assert!(problems.is_empty(), "{problems:?}");
        let level = meta.level.unwrap();
        assert_eq!(level.value.get(), 7);
        assert_eq!(&text[level.span], "7");
        assert_eq!(&text[meta.code.unwrap().span], "MTDT");
        assert_eq!(meta.credits.unwrap().value, 7.5);
        assert_eq!(meta.lang.unwrap().value, Lang::Nn);
    }

    #[test]
    fn each_bad_key_is_its_own_problem() {
        let text = "levle: 7\nlevel: 9\nkind: program\ncredits: many\nlang: no\n";
        let (_, problems) = read_all(text);
        let at: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| {
                (
                    &text[p.span.clone()],
                    p.help.as_ref().map_or("", |h| h.en.as_str()),
                )
            })
            .collect();
        assert_eq!(
            at,
            vec![
                ("levle", "did you mean `level`?"),
                ("9", "5 fagskole, 6 bachelor, 7 master, 8 ph.d."),
                ("program", "write `kind: programme`"),
                ("many", ""),
                ("no", "write `lang: nb`"),
            ]
        );
    }

    #[test]
    fn duplicate_keys_and_broken_yaml_point_into_the_block() {
        let text = "level: 7\nlevel: 6\n";
        let (_, problems) = read_all(text);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].span.start >= 9, "{problems:?}");

        let (_, problems) = read_all("title: [unclosed\n");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .en
                .starts_with("the front matter is not valid YAML")
        );
    }
}
