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
    let entries: yaml::Entries<Value> = match yaml::from_str(text) {
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
    for (key, value) in entries.0 {
        let key_span = shift(yaml::span_of(&key, text), offset);
        let value_span = shift(yaml::span_of(&value, text), offset);
        let key_span = if key_span.is_empty() {
            key_span.start..key_span.start + key.value.len()
        } else {
            key_span
        };
        let value_span = if value_span.is_empty() {
            value_span.start..offset + line_end(text, value_span.start - offset)
        } else {
            value_span
        };
        let name = key.value.as_str();
        let value = value.value;
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
                Some("programme") => {
                    meta.kind = Some(Field {
                        value: Kind::Programme,
                        span: value_span,
                    });
                }
                Some("course") => {
                    meta.kind = Some(Field {
                        value: Kind::Course,
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
                Value::Int(n) if (5..=8).contains(&n) => {
                    meta.level = Some(Field {
                        value: n as u8,
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
                Some(code) if Lang::from_code(&code).is_some() => {
                    meta.lang = Lang::from_code(&code).map(|value| Field {
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
    fn typed_fields_keep_their_spans() {
        let text = "code: MTDT\nkind: programme\nlevel: 7\ncredits: 7,5\nlang: nn\ntitle: Master\n";
        let (meta, problems) = read_all(text);
        assert!(problems.is_empty(), "{problems:?}");
        let level = meta.level.unwrap();
        assert_eq!(level.value, 7);
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
