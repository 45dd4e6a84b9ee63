//! `lub new`: the skeleton of a description — front matter, the three
//! categories with lead-ins, a placeholder under each (reported by the
//! `placeholder` rule until replaced), and, as comments, the themes the NKR
//! descriptors of the level expect, for the writer to cover in the
//! subject's own words.

use std::fmt::Write as _;
use std::path::Path;

use crate::framework::Framework;
use crate::lang::{Category, Lang, Level};
use crate::parse::Kind;

#[derive(Debug, Clone)]
pub struct NewDocument {
    pub kind: Kind,
    pub level: Level,
    pub lang: Lang,
    pub code: Option<String>,
    pub title: Option<String>,
}

/// What `lub new` is missing when neither its options nor `lub.yaml`'s
/// `defaults:` say it: the names of the options.
pub fn missing_options(
    kind: Option<Kind>,
    level: Option<Level>,
    lang: Option<Lang>,
) -> Vec<&'static str> {
    [
        (kind.is_none(), "--kind"),
        (level.is_none(), "--level"),
        (lang.is_none(), "--lang"),
    ]
    .into_iter()
    .filter_map(|(missing, name)| missing.then_some(name))
    .collect()
}

/// The nominal credits of a programme at a level, when the framework
/// text gives one (bachelor 180, master 120, ph.d. 180).
fn nominal_credits(kind: Kind, level: Level) -> Option<u32> {
    match (kind, level.get()) {
        (Kind::Programme, 6) => Some(180),
        (Kind::Programme, 7) => Some(120),
        (Kind::Programme, 8) => Some(180),
        _ => None,
    }
}

pub fn skeleton(new: &NewDocument, framework: &Framework) -> String {
    let lang = new.lang;
    let mut out = String::from("---\n");
    if let Some(code) = &new.code {
        let _ = writeln!(out, "code: {}", yaml_scalar(code));
    }
    let _ = writeln!(out, "kind: {}", new.kind.key());
    let _ = writeln!(out, "level: {}", new.level);
    match nominal_credits(new.kind, new.level) {
        Some(credits) => {
            let _ = writeln!(out, "credits: {credits}");
        }
        None => {
            let _ = writeln!(
                out,
                "# credits: {}",
                if new.kind == Kind::Course {
                    "7.5"
                } else {
                    "120"
                }
            );
        }
    }
    let _ = writeln!(out, "lang: {lang}");
    if let Some(title) = &new.title {
        let _ = writeln!(out, "title: {}", yaml_scalar(title));
    }
    out.push_str("---\n");
    if let Some(title) = &new.title {
        let _ = writeln!(out, "# {}", title.trim());
    }
    out.push('\n');
    let _ = writeln!(out, "{}", crate::render::opening(Some(new.kind), lang));
    for category in Category::ALL {
        let _ = writeln!(out, "\n## {}", category.heading(lang));
        out.push_str(&themes_comment(framework, new.level, category, lang));
        let candidate = crate::learner::written(lang);
        let can = if lang == Lang::En { "can" } else { "kan" };
        match category {
            Category::Knowledge => {
                let _ = writeln!(out, "{candidate}\n");
            }
            _ => {
                let _ = writeln!(out, "{candidate} {can}\n");
            }
        }
        out.push_str("- TODO\n");
    }
    out
}

/// The themes of a level and category as an HTML comment, in the
/// document's language.
fn themes_comment(framework: &Framework, level: Level, category: Category, lang: Lang) -> String {
    let level = level.get();
    let themes: Vec<&str> = framework
        .themes
        .iter()
        .filter(|t| t.level == level && t.category == category)
        .filter_map(|t| {
            t.name
                .get(&lang)
                .or_else(|| t.name.get(&Lang::Nb))
                .map(String::as_str)
        })
        .collect();
    let heading = match (lang, themes.is_empty()) {
        (Lang::En, false) => format!("NKR level {level} expects here, in the subject's own words:"),
        (Lang::Nb, false) => format!("NKR nivå {level} forventer her, med fagets egne ord:"),
        (Lang::Nn, false) => format!("NKR nivå {level} forventar her, med fagets eigne ord:"),
        (Lang::En, true) => format!(
            "lub has no NKR descriptors for level {level} in {}; see the framework text.",
            framework.name
        ),
        (Lang::Nb, true) => format!(
            "lub har ikke NKR-beskrivelsene for nivå {level} i {}; se rammeverket.",
            framework.name
        ),
        (Lang::Nn, true) => format!(
            "lub har ikkje NKR-skildringane for nivå {level} i {}; sjå rammeverket.",
            framework.name
        ),
    };
    if themes.is_empty() {
        return format!("<!-- {heading} -->\n");
    }
    let mut out = format!("<!-- {heading}\n");
    for theme in themes {
        let _ = writeln!(out, "     - {theme}");
    }
    out.push_str("-->\n");
    out
}

/// A front matter value, quoted when YAML would read it as something else.
fn yaml_scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '\'' | '’'))
        && !value.starts_with(['-', ' ', '\''])
        && !value.ends_with(' ');
    if plain {
        value.to_string()
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""))
    }
}

/// Writes `text` to `path`, which must not exist: the file appears whole or
/// not at all, and nothing that was there is replaced.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let exists = || {
        std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            crate::messages::Said(crate::messages::Msg::NewExists.text(|_| Vec::new())),
        )
    };
    // Checked first only to spare the writing; the rename below decides.
    if path.exists() {
        return Err(exists());
    }
    let file = crate::fix::written_beside(path, ".lub-new-", text, std::io::Write::write_all)?;
    file.persist_noclobber(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            exists()
        } else {
            e
        }
    })?;
    Ok(())
}
