//! The text of an imported description as lub Markdown: the blocks that
//! the HTML and FS markup readers produce, and how a record's metadata and
//! blocks become a `*.lub.md` document that `lub check` reads whole.

use std::fmt::Write as _;

use crate::lang::{self, Lang};
use crate::parse::Kind;

/// A piece of learning-outcome text, as the source structured it. The
/// readers decide what is a paragraph and what is a list; this module
/// decides what a paragraph means (a category heading, a lead-in, an
/// outcome left after a list) only as far as Markdown must show it.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph; its lines are those the source broke with `<br>`.
    Para(Para),
    /// A list; its items in order.
    List { ordered: bool, items: Vec<Item> },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Para {
    /// White space normalised, none empty.
    pub lines: Vec<String>,
    /// All of its text is bold (`<b>`, `<strong>`, FS `<bold>`).
    pub bold: bool,
    /// An HTML heading element (`<h3>`), not a paragraph.
    pub heading: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    /// White space normalised; may be empty when the item holds only a
    /// nested list.
    pub text: String,
    /// A list nested in the item.
    pub children: Vec<Item>,
}

/// What the front matter says of the record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub code: Option<String>,
    pub kind: Option<Kind>,
    pub level: Option<u8>,
    pub credits: Option<f64>,
    pub lang: Option<Lang>,
    pub title: Option<String>,
    pub faculty: Option<String>,
    pub department: Option<String>,
}

/// `text` with white-space runs (including no-break spaces) made one space
/// and the ends trimmed; characters that show nothing are removed.
pub fn normalise_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let word: String = word
            .chars()
            .filter(|c| !matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}'))
            .collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Whether a line is, as a whole, the name of an NKR category, or nearly
/// one (a misspelling `lub check` will point out).
pub fn is_category_label(line: &str) -> bool {
    let label = lang::normalise_label(line);
    !label.is_empty()
        && (lang::category_name(&label).is_some() || lang::near_category_name(&label).is_some())
}

/// The document: front matter, title, the blocks.
pub fn markdown(meta: &Meta, blocks: &[Block]) -> String {
    let mut out = String::from("---\n");
    if let Some(code) = &meta.code {
        let _ = writeln!(out, "code: {}", yaml_scalar(code));
    }
    if let Some(kind) = meta.kind {
        let _ = writeln!(out, "kind: {}", kind.key());
    }
    if let Some(level) = meta.level {
        let _ = writeln!(out, "level: {level}");
    }
    if let Some(credits) = meta.credits {
        let _ = writeln!(out, "credits: {}", number(credits));
    }
    if let Some(lang) = meta.lang {
        let _ = writeln!(out, "lang: {lang}");
    }
    for (key, value) in [
        ("title", &meta.title),
        ("faculty", &meta.faculty),
        ("department", &meta.department),
    ] {
        if let Some(value) = value {
            let _ = writeln!(out, "{key}: {}", yaml_scalar(value));
        }
    }
    out.push_str("---\n");
    if let Some(title) = &meta.title {
        let _ = writeln!(out, "# {}", guard(title));
    }
    body(&mut out, blocks);
    out
}

/// A paragraph right after a list that starts in lower case, and is not
/// the lead-in of another list, goes on from the list's lead-in: it is the
/// list's last outcome, left outside the `</ul>` (the card's M-LEKTOR), and
/// becomes its last item. lub reads prose after a list as a note, so left a
/// paragraph it would drop out of the outcomes.
fn outcomes_after_lists(blocks: &[Block]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        let next_is_list = matches!(blocks.get(i + 1), Some(Block::List { .. }));
        if let (Block::Para(para), Some(Block::List { items, .. })) = (block, out.last_mut()) {
            let continues = para
                .lines
                .first()
                .and_then(|l| l.chars().next())
                .is_some_and(char::is_lowercase);
            let first = para.lines.first().map(String::as_str).unwrap_or_default();
            if continues
                && !next_is_list
                && !para.heading
                && !para.bold
                && !is_category_label(first)
            {
                items.push(Item {
                    text: para.lines.join(" "),
                    children: Vec::new(),
                });
                continue;
            }
        }
        out.push(block.clone());
    }
    out
}

/// The blocks as Markdown: a blank line between blocks, none after a
/// heading, so that a lead-in stays with its heading as in the README.
fn body(out: &mut String, blocks: &[Block]) {
    let blocks = outcomes_after_lists(blocks);
    let mut after_heading = false;
    for block in &blocks {
        match block {
            Block::Para(para) => {
                let mut lines = para.lines.iter().map(String::as_str);
                let Some(first) = lines.next() else { continue };
                let rest: Vec<&str> = lines.collect();
                if is_category_label(first) || para.heading {
                    // A heading paragraph, plain or bold. A category name
                    // is the heading alone, and the lines after its `<br>`
                    // follow it; an HTML heading is all of its text.
                    let (heading, rest) = if is_category_label(first) {
                        (first.to_string(), rest)
                    } else {
                        (para.lines.join(" "), Vec::new())
                    };
                    out.push('\n');
                    let _ = writeln!(out, "## {}", guard(&heading));
                    after_heading = rest.is_empty();
                    lines_of(out, &rest, para.bold);
                    continue;
                }
                if !after_heading {
                    out.push('\n');
                }
                lines_of(
                    out,
                    &para.lines.iter().map(String::as_str).collect::<Vec<_>>(),
                    para.bold,
                );
                after_heading = false;
            }
            Block::List { ordered, items } => {
                // A list of categories ("- Kunnskap" with the outcomes
                // nested under it) is headings with lists under them.
                let mut run: Vec<Item> = Vec::new();
                for item in items {
                    if is_category_label(&item.text) && !item.children.is_empty() {
                        if !run.is_empty() {
                            if !after_heading {
                                out.push('\n');
                            }
                            list(out, &std::mem::take(&mut run), *ordered, 0);
                        }
                        out.push('\n');
                        let _ = writeln!(out, "## {}", guard(&item.text));
                        list(out, &item.children, false, 0);
                        after_heading = false;
                    } else {
                        run.push(item.clone());
                    }
                }
                if run.is_empty() {
                    continue;
                }
                if !after_heading {
                    out.push('\n');
                }
                list(out, &run, *ordered, 0);
                after_heading = false;
            }
        }
    }
}

fn lines_of(out: &mut String, lines: &[&str], bold: bool) {
    for line in lines {
        if bold {
            let _ = writeln!(out, "**{}**", guard(line));
        } else {
            let _ = writeln!(out, "{}", guard(line));
        }
    }
}

fn list(out: &mut String, items: &[Item], ordered: bool, indent: usize) {
    for (i, item) in items.iter().enumerate() {
        let pad = "  ".repeat(indent);
        let marker = if ordered {
            format!("{}.", i + 1)
        } else {
            "-".to_string()
        };
        if item.text.is_empty() && item.children.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{pad}{marker} {}", guard(&item.text));
        if !item.children.is_empty() {
            list(out, &item.children, false, indent + 1);
        }
    }
}

/// Text from an export must not become markup of lub's: an HTML comment
/// opener would start a comment, and `<!-- lub: allow … -->` in a course
/// text would silence the rules that should look at it.
fn guard(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("<!--") {
        std::borrow::Cow::Owned(text.replace("<!--", "< !--"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Credits as written: `10`, `7.5`.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A front matter value, plain where YAML reads it back as the same text,
/// else quoted (JSON strings are YAML strings).
pub fn yaml_scalar(value: &str) -> String {
    let lower = value.to_lowercase();
    let plain = !value.is_empty()
        && value.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '-' | '_' | '.' | '(' | ')' | '\'' | '’' | ',' | '/'
                )
        })
        && !value.starts_with(['-', ' ', '\'', '.'])
        && !value.ends_with(' ')
        && !value.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !matches!(
            lower.as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        value.to_string()
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| format!("\"{}\"", value.escape_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(line: &str) -> Block {
        Block::Para(Para {
            lines: vec![line.into()],
            ..Para::default()
        })
    }

    #[test]
    fn values_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_scalar("DAT200"), "DAT200");
        assert_eq!(yaml_scalar("ØKB105"), "ØKB105");
        assert_eq!(yaml_scalar("Master's programme"), "Master's programme");
        assert_eq!(yaml_scalar("200"), "\"200\"");
        assert_eq!(yaml_scalar("no"), "\"no\"");
        assert_eq!(
            yaml_scalar("Økonomi: en innføring"),
            "\"Økonomi: en innføring\""
        );
        assert_eq!(
            yaml_scalar("Økonomi - en innføring"),
            "Økonomi - en innføring"
        );
        assert_eq!(yaml_scalar("#1 kurs"), "\"#1 kurs\"");
    }

    #[test]
    fn a_category_paragraph_becomes_a_heading_and_a_paragraph_after_a_list_its_last_item() {
        let blocks = vec![
            para("Etter fullført emne skal studenten:"),
            para("Kunnskap"),
            Block::List {
                ordered: false,
                items: vec![Item {
                    text: "kan forklare tidevann".into(),
                    children: vec![],
                }],
            },
            para("har fått innsikt i kyster"),
        ];
        let text = markdown(&Meta::default(), &blocks);
        assert_eq!(
            text,
            "---\n---\n\nEtter fullført emne skal studenten:\n\n## Kunnskap\n- kan forklare tidevann\n- har fått innsikt i kyster\n"
        );
        let capital = vec![blocks[2].clone(), para("Se også emneplanen.")];
        assert_eq!(
            markdown(&Meta::default(), &capital),
            "---\n---\n\n- kan forklare tidevann\n\nSe også emneplanen.\n",
            "a sentence of its own stays a paragraph"
        );
    }

    #[test]
    fn a_list_of_categories_is_headings_with_lists() {
        let item = |text: &str, children: Vec<Item>| Item {
            text: text.into(),
            children,
        };
        let blocks = vec![Block::List {
            ordered: false,
            items: vec![
                item("Kunnskap", vec![item("kan forklare", vec![])]),
                item(
                    "Ferdigheter:",
                    vec![item("kan måle", vec![]), item("kan tegne", vec![])],
                ),
            ],
        }];
        assert_eq!(
            markdown(&Meta::default(), &blocks),
            "---\n---\n\n## Kunnskap\n- kan forklare\n\n## Ferdigheter:\n- kan måle\n- kan tegne\n"
        );
    }

    #[test]
    fn a_comment_in_the_text_cannot_become_a_directive() {
        let text = markdown(&Meta::default(), &[para("<!-- lub: allow vague-verb -->")]);
        assert!(!text.contains("<!--"), "{text}");
    }

    #[test]
    fn white_space_is_one_space() {
        assert_eq!(normalise_space("  a\u{a0}\n\t b\u{200b} "), "a b");
        assert_eq!(normalise_space("\u{a0}"), "");
    }
}
