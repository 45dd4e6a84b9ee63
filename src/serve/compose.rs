//! The metadata fields of the page and the API (kind, level, language,
//! code) written into the document's front matter, so that what is checked,
//! rendered and downloaded is one `*.lub.md` text that says it all.

use crate::lang::Lang;
use crate::messages::{Msg, Text, quote};
use crate::parse::Kind;

/// Metadata given beside the text; a field left out leaves the text's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub kind: Option<Kind>,
    pub level: Option<crate::lang::Level>,
    pub lang: Option<Lang>,
    pub code: Option<String>,
}

impl Meta {
    /// Reads the fields as a form or a JSON body gives them: an empty field
    /// is no field. An unknown value is an error, in words for the user, in
    /// each language.
    pub fn from_fields(
        kind: Option<&str>,
        level: Option<&str>,
        lang: Option<&str>,
        code: Option<&str>,
    ) -> Result<Meta, Text> {
        fn given(field: Option<&str>) -> Option<&str> {
            field.map(str::trim).filter(|f| !f.is_empty())
        }
        let kind = match given(kind).map(|k| (k, k.parse::<Kind>())) {
            None => None,
            Some((_, Ok(kind))) => Some(kind),
            Some((other, Err(_))) => {
                return Err(Msg::ServeNotAKind.text(|lang| vec![("value", quote(lang, other))]));
            }
        };
        let level = match given(level) {
            None => None,
            Some(text) => match text.parse::<crate::lang::Level>() {
                Ok(level) => Some(level),
                Err(_) => {
                    return Err(Msg::ServeNotALevel.text(|lang| vec![("value", quote(lang, text))]));
                }
            },
        };
        let lang = match given(lang) {
            None => None,
            Some(code) => match Lang::from_code(code) {
                Some(lang) => Some(lang),
                None => {
                    return Err(
                        Msg::ServeNotALanguage.text(|lang| vec![("value", quote(lang, code))])
                    );
                }
            },
        };
        let code = match given(code) {
            None => None,
            Some(code) if code.chars().any(char::is_control) => {
                return Err(Msg::ServeCodeOneLine.text(|_| Vec::new()));
            }
            Some(code) => Some(code.to_string()),
        };
        Ok(Meta {
            kind,
            level,
            lang,
            code,
        })
    }

    pub fn is_empty(&self) -> bool {
        *self == Meta::default()
    }

    /// The `key: value` lines these fields write, in front-matter order.
    fn lines(&self) -> Vec<(&'static str, String)> {
        let mut lines = Vec::new();
        if let Some(code) = &self.code {
            lines.push(("code", quoted(code)));
        }
        if let Some(kind) = self.kind {
            lines.push(("kind", kind.key().to_string()));
        }
        if let Some(level) = self.level {
            lines.push(("level", level.to_string()));
        }
        if let Some(lang) = self.lang {
            lines.push(("lang", lang.code().to_string()));
        }
        lines
    }
}

/// A YAML double-quoted string: the code is the user's, and must stay one
/// value whatever it holds.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` with `meta` in its front matter: each given field replaces the
/// line of the same key, or is added after the opening fence; a text with
/// no front matter gets one. With no fields the text is returned as it is.
pub fn compose(text: &str, meta: &Meta) -> String {
    if meta.is_empty() {
        return text.to_string();
    }
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let newline = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let fields = meta.lines();
    let written: String = fields
        .iter()
        .map(|(key, value)| format!("{key}: {value}{newline}"))
        .collect();

    let mut lines = body.split_inclusive('\n');
    let opens = lines.next().is_some_and(|first| first.trim_end() == "---");
    let closing = opens.then(|| {
        let mut offset = body.find('\n').map_or(body.len(), |i| i + 1);
        for line in lines {
            let bare = line.trim_end();
            if bare == "---" || bare == "..." {
                return Some(offset);
            }
            offset += line.len();
        }
        None
    });
    let Some(Some(close)) = closing else {
        return format!("{bom}---{newline}{written}---{newline}{body}");
    };
    let open_end = body.find('\n').map_or(body.len(), |i| i + 1);
    let mut out = String::with_capacity(text.len() + written.len());
    out.push_str(bom);
    out.push_str(&body[..open_end]);
    out.push_str(&written);
    for line in body[open_end..close].split_inclusive('\n') {
        let replaced = fields.iter().any(|(key, _)| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        });
        if !replaced {
            out.push_str(line);
        }
    }
    out.push_str(&body[close..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(kind: &str, level: &str, lang: &str, code: &str) -> Meta {
        Meta::from_fields(Some(kind), Some(level), Some(lang), Some(code)).unwrap()
    }

    #[test]
    fn a_text_without_front_matter_gets_one() {
        assert_eq!(
            compose("## Kunnskap\n", &meta("course", "6", "nb", "INF100")),
            "---\ncode: \"INF100\"\nkind: course\nlevel: 6\nlang: nb\n---\n## Kunnskap\n"
        );
    }

    #[test]
    fn given_fields_replace_the_front_matters_own_and_keep_the_rest() {
        let text = "\u{feff}---\r\nlevel: 5\r\ntitle: X\r\n---\r\n## Kunnskap\r\n";
        assert_eq!(
            compose(text, &meta("", "7", "", "")),
            "\u{feff}---\r\nlevel: 7\r\ntitle: X\r\n---\r\n## Kunnskap\r\n"
        );
    }

    #[test]
    fn no_fields_change_nothing_and_a_hostile_code_stays_one_value() {
        assert_eq!(compose("x\n", &Meta::default()), "x\n");
        assert!(Meta::from_fields(None, None, None, Some("A\nlevel: 9")).is_err());
        assert_eq!(quoted(r#"a"b\c"#), r#""a\"b\\c""#);
        assert!(Meta::from_fields(None, Some("9"), None, None).is_err());
        assert!(Meta::from_fields(Some("kurs"), None, None, None).is_err());
        let said = Meta::from_fields(Some("kurs"), None, None, None).unwrap_err();
        assert_eq!(said.nb, "«kurs» er ikke en type: programme eller course");
        assert_eq!(said.en, "“kurs” is not a kind: programme or course");
    }
}
