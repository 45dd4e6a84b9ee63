//! HTML → blocks, through html5ever (by way of `scraper`): the HTML in an
//! export's `laringsutbytte`, FS markup rewritten as HTML, and saved course
//! pages, whose learning-outcome section is found by its heading.

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use scraper::{ElementRef, Html, Node};

use super::document::{Block, Item, Para, is_category_label, normalise_space};
use crate::lang::{self, Lang};

/// Past this depth the tree's text is taken as it stands rather than
/// walked, so a hostile nesting cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// HTML nested deeper than this is not given to the tree builder: its scope
/// checks walk the open elements, so 100,000 nested `<div>`s take hours.
/// Real course texts nest a handful deep.
const MAX_TREE_DEPTH: usize = 1000;

/// The blocks of an HTML fragment (a free-text field of an export). A
/// field with no markup at all is plain text: its lines are kept.
pub fn fragment_blocks(html: &str) -> Vec<Block> {
    if !looks_like_html(html) {
        return plain_text_blocks(html);
    }
    let scan = scan(html);
    if scan.deepest > MAX_TREE_DEPTH {
        return scan.blocks();
    }
    let fragment = Html::parse_fragment(html);
    let mut builder = Builder::default();
    builder.children(fragment.root_element(), 0);
    builder.finish()
}

/// Whether the text holds a tag (`<p>`, `</li>`, `<br/>`); a lone `<` in
/// "a < b" is not one.
fn looks_like_html(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

/// Text with no markup: blank lines part paragraphs, and each line is kept,
/// so that a list typed with "-" stays a list when lub reads it.
fn plain_text_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = Vec::new();
    for line in text.lines() {
        let line = normalise_space(line);
        if line.is_empty() {
            if !lines.is_empty() {
                blocks.push(Block::Para(Para {
                    lines: std::mem::take(&mut lines),
                    ..Para::default()
                }));
            }
        } else {
            lines.push(line);
        }
    }
    if !lines.is_empty() {
        blocks.push(Block::Para(Para {
            lines,
            ..Para::default()
        }));
    }
    blocks
}

/// The paragraph being gathered: its finished lines, the line being
/// written, and how much of its text is bold.
#[derive(Default)]
struct Gathering {
    lines: Vec<String>,
    line: String,
    bold_chars: usize,
    plain_chars: usize,
    heading: bool,
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    para: Gathering,
    bold: usize,
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "blockquote"
            | "pre"
            | "address"
            | "figure"
            | "figcaption"
            | "details"
            | "summary"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "form"
            | "fieldset"
            | "legend"
            | "hr"
            | "body"
            | "html"
            | "center"
    )
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Elements whose content is not text a reader sees.
fn is_hidden(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "head" | "template" | "noscript" | "iframe" | "object" | "svg"
    )
}

impl Builder {
    fn children(&mut self, element: ElementRef<'_>, depth: usize) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.text(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn text(&mut self, text: &str) {
        let count = text.chars().filter(|c| !c.is_whitespace()).count();
        if self.bold > 0 {
            self.para.bold_chars += count;
        } else {
            self.para.plain_chars += count;
        }
        self.para.line.push_str(text);
    }

    fn element(&mut self, element: ElementRef<'_>, depth: usize) {
        let name = element.value().name();
        if is_hidden(name) {
            return;
        }
        if depth > MAX_DEPTH {
            // Too deep to walk: its text, in order, as one run.
            for text in element.text() {
                self.text(text);
                self.text(" ");
            }
            return;
        }
        match name {
            "br" => self.line_break(),
            "ul" | "ol" | "menu" => {
                self.flush();
                let items = list_items(element, depth);
                self.blocks.push(Block::List {
                    ordered: name == "ol",
                    items,
                });
            }
            "li" => {
                // A list item outside a list: a list of one.
                self.flush();
                let item = list_item(element, depth);
                self.blocks.push(Block::List {
                    ordered: false,
                    items: vec![item],
                });
            }
            "b" | "strong" => {
                self.bold += 1;
                self.children(element, depth);
                self.bold -= 1;
            }
            "td" | "th" => {
                self.children(element, depth);
                self.text(" ");
            }
            _ if heading_level(name).is_some() => {
                self.flush();
                self.para.heading = true;
                self.children(element, depth);
                self.flush();
            }
            _ if is_block(name) => {
                self.flush();
                self.children(element, depth);
                self.flush();
            }
            _ => self.children(element, depth),
        }
    }

    fn line_break(&mut self) {
        let line = normalise_space(&std::mem::take(&mut self.para.line));
        if !line.is_empty() {
            self.para.lines.push(line);
        }
    }

    fn flush(&mut self) {
        self.line_break();
        let para = std::mem::take(&mut self.para);
        if para.lines.is_empty() {
            return;
        }
        self.blocks.push(Block::Para(Para {
            lines: para.lines,
            bold: para.plain_chars == 0 && para.bold_chars > 0,
            heading: para.heading,
        }));
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }
}

fn list_items(list: ElementRef<'_>, depth: usize) -> Vec<Item> {
    let mut items = Vec::new();
    // Text or elements straight inside a list, outside any `<li>`, is kept
    // as an item of its own.
    let mut stray = Builder::default();
    for child in list.children() {
        match child.value() {
            Node::Text(text) => stray.text(text),
            Node::Element(e) if e.name() == "li" => {
                push_stray(&mut stray, &mut items);
                if let Some(li) = ElementRef::wrap(child) {
                    items.push(list_item(li, depth + 1));
                }
            }
            Node::Element(_) => {
                if let Some(element) = ElementRef::wrap(child) {
                    stray.element(element, depth + 1);
                }
            }
            _ => {}
        }
    }
    push_stray(&mut stray, &mut items);
    items
}

fn push_stray(stray: &mut Builder, items: &mut Vec<Item>) {
    let blocks = std::mem::take(stray).finish();
    for block in blocks {
        match block {
            Block::Para(para) => items.push(Item {
                text: para.lines.join(" "),
                children: Vec::new(),
            }),
            Block::List { items: inner, .. } => items.extend(inner),
        }
    }
}

/// An item's text (its paragraphs and line breaks joined by spaces) and
/// the items of the lists nested in it.
fn list_item(li: ElementRef<'_>, depth: usize) -> Item {
    let mut builder = Builder::default();
    builder.children(li, depth);
    let mut item = Item::default();
    let mut texts = Vec::new();
    for block in builder.finish() {
        match block {
            Block::Para(para) => texts.extend(para.lines),
            Block::List { items, .. } => item.children.extend(items),
        }
    }
    item.text = texts.join(" ");
    item
}

/// A saved course page, or a fragment of one, cut down to its learning
/// outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub blocks: Vec<Block>,
    /// The course's name, from the page's first `<h1>` or its `<title>`.
    pub title: Option<String>,
    /// A course code at the start of that name ("DAT200 Algoritmer").
    pub code: Option<String>,
    /// From `<html lang>`, else from category headings only one language
    /// uses.
    pub lang: Option<Lang>,
}

/// Why a page gave no learning outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    NoSection,
    /// Elements nested deeper than `MAX_TREE_DEPTH`: not a real page.
    TooDeep(usize),
}

/// Names a learning-outcome section goes by, normalised.
fn is_section_heading(text: &str) -> bool {
    let label = normalise_space(text)
        .trim_end_matches([':', '.'])
        .trim()
        .to_lowercase();
    matches!(
        label.as_str(),
        "læringsutbytte"
            | "læringsutbyte"
            | "læringsutbyttebeskrivelse"
            | "forventet læringsutbytte"
            | "forventa læringsutbyte"
            | "forventa læringsutbytte"
            | "learning outcome"
            | "learning outcomes"
            | "expected learning outcome"
            | "expected learning outcomes"
            | "intended learning outcomes"
    )
}

/// The short text of an element, or `None` when it has more than a
/// heading could (read no further than that).
fn short_text(element: ElementRef<'_>) -> Option<String> {
    const LONGEST: usize = 80;
    let mut text = String::new();
    for piece in element.text() {
        text.push_str(piece);
        if text.len() > LONGEST {
            return None;
        }
    }
    Some(text)
}

fn may_be_heading(name: &str) -> bool {
    heading_level(name).is_some()
        || matches!(
            name,
            "dt" | "summary" | "button" | "strong" | "b" | "legend" | "th" | "caption"
        )
}

pub fn page(html: &str) -> Result<Page, PageError> {
    let deepest = scan(html).deepest;
    if deepest > MAX_TREE_DEPTH {
        return Err(PageError::TooDeep(deepest));
    }
    let document = Html::parse_document(html);
    let root = document.root_element();
    let heading = root
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| may_be_heading(e.value().name()))
        .find(|e| short_text(*e).is_some_and(|t| is_section_heading(&t)));
    let blocks = match heading {
        Some(heading) => section(heading),
        None => {
            // A fragment copied out of a page, with the category headings
            // but not the section's own.
            let body = root
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == "body")
                .unwrap_or(root);
            let mut builder = Builder::default();
            builder.children(body, 0);
            let blocks = builder.finish();
            let has_category = blocks.iter().any(|b| match b {
                Block::Para(p) => p.lines.first().is_some_and(|l| is_category_label(l)),
                Block::List { .. } => false,
            });
            if !has_category {
                return Err(PageError::NoSection);
            }
            blocks
        }
    };
    let (code, title) = page_name(root);
    let lang = root
        .value()
        .attr("lang")
        .and_then(lang_of_attribute)
        .or_else(|| lang_of_headings(&blocks));
    Ok(Page {
        blocks,
        title,
        code,
        lang,
    })
}

/// The section under a heading: the elements after it up to the next
/// heading of its rank or higher. A heading alone in its wrapper (`<div
/// class="header"><h2>…</h2></div>`) takes what follows the wrapper.
fn section(heading: ElementRef<'_>) -> Vec<Block> {
    let name = heading.value().name();
    let rank = heading_level(name).unwrap_or(6);
    // An emphasised heading stands for the block that holds it.
    let mut start = heading;
    if heading_level(name).is_none() {
        while let Some(parent) = start.parent().and_then(ElementRef::wrap) {
            if is_block(parent.value().name()) && parent.value().name() != "body" {
                start = parent;
                if matches!(parent.value().name(), "p" | "div" | "dt" | "summary") {
                    break;
                }
            } else {
                break;
            }
        }
    }
    let mut builder = Builder::default();
    let mut from = start;
    for _ in 0..4 {
        let mut any = false;
        for sibling in from.next_siblings() {
            match sibling.value() {
                Node::Text(text) => builder.text(text),
                Node::Element(_) => {
                    let Some(element) = ElementRef::wrap(sibling) else {
                        continue;
                    };
                    if holds_heading(element, rank) {
                        return builder.finish();
                    }
                    any = true;
                    builder.element(element, 1);
                }
                _ => {}
            }
        }
        let blocks_so_far = !builder.blocks.is_empty() || !builder.para.line.trim().is_empty();
        if any && blocks_so_far {
            break;
        }
        match from.parent().and_then(ElementRef::wrap) {
            Some(parent) if parent.value().name() != "body" => from = parent,
            _ => break,
        }
    }
    builder.finish()
}

/// An element that is, or holds, a heading of `rank` or higher (or the
/// next section's own emphasised heading).
fn holds_heading(element: ElementRef<'_>, rank: u8) -> bool {
    std::iter::once(element)
        .chain(element.descendants().filter_map(ElementRef::wrap))
        .any(|e| heading_level(e.value().name()).is_some_and(|level| level <= rank))
}

fn lang_of_attribute(value: &str) -> Option<Lang> {
    let value = value.trim().to_lowercase();
    let primary = value.split(['-', '_']).next().unwrap_or_default();
    match primary {
        "nb" | "no" | "nob" => Some(Lang::Nb),
        "nn" | "nno" => Some(Lang::Nn),
        "en" | "eng" => Some(Lang::En),
        _ => None,
    }
}

/// The language of the category headings, when one of them is used by one
/// language only ("Ferdigheiter", "Skills").
fn lang_of_headings(blocks: &[Block]) -> Option<Lang> {
    blocks.iter().find_map(|block| {
        let Block::Para(para) = block else {
            return None;
        };
        let label = lang::normalise_label(para.lines.first()?);
        match lang::category_name(&label)?.langs {
            [only] => Some(*only),
            _ => None,
        }
    })
}

/// The course's code and name from the page's first `<h1>`, else its
/// `<title>`: "DAT200 Algoritmer og datastrukturer", "DAT200 - …".
fn page_name(root: ElementRef<'_>) -> (Option<String>, Option<String>) {
    let named = |tag: &str| {
        root.descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == tag)
            .map(|e| normalise_space(&e.text().collect::<String>()))
            .filter(|t| !t.is_empty() && !is_section_heading(t))
    };
    let Some(name) = named("h1").or_else(|| named("title")) else {
        return (None, None);
    };
    let (first, rest) = name.split_once(' ').unwrap_or((name.as_str(), ""));
    let first = first.trim_end_matches([':', ',']);
    if is_course_code(first) {
        let title = rest
            .trim_start_matches(['-', '–', '—', ':', '|', ' '])
            .trim();
        let title = (!title.is_empty()).then(|| title.to_string());
        (Some(first.to_string()), title)
    } else {
        (None, Some(name))
    }
}

/// "DAT200", "BØK225", "AG-204", "TDT4100": capitals and digits, both.
pub fn is_course_code(word: &str) -> bool {
    let len = word.chars().count();
    (3..=16).contains(&len)
        && word.chars().any(|c| c.is_ascii_digit())
        && word.chars().any(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !word.starts_with('-')
}

/// What html5ever's tokenizer alone tells of a text, in linear time: how
/// deep its elements nest (closing what HTML closes implicitly, `<p>` and
/// `<li>`, well enough for an estimate), and its text in lines, for HTML
/// too deep to build a tree of.
#[derive(Default)]
struct Scan {
    open: RefCell<Vec<String>>,
    deepest_seen: Cell<usize>,
    lines: RefCell<Vec<String>>,
    line: RefCell<String>,
    deepest: usize,
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

impl Scan {
    fn break_line(&self) {
        let line = normalise_space(&std::mem::take(&mut *self.line.borrow_mut()));
        if !line.is_empty() {
            self.lines.borrow_mut().push(line);
        }
    }

    fn blocks(self) -> Vec<Block> {
        self.break_line();
        self.lines
            .into_inner()
            .into_iter()
            .map(|line| {
                Block::Para(Para {
                    lines: vec![line],
                    ..Para::default()
                })
            })
            .collect()
    }
}

impl TokenSink for Scan {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(text) => self.line.borrow_mut().push_str(&text),
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                if is_block(name)
                    || heading_level(name).is_some()
                    || matches!(name, "br" | "li" | "ul" | "ol")
                {
                    self.break_line();
                }
                let mut open = self.open.borrow_mut();
                match tag.kind {
                    TagKind::StartTag if tag.self_closing || is_void(name) => {}
                    TagKind::StartTag => {
                        // A `<p>` ends at the next block; a `<li>` at the next
                        // `<li>`, and so on.
                        let same_ends = matches!(
                            name,
                            "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "option"
                        );
                        if open.last().is_some_and(|top| {
                            (same_ends && top == name) || (top == "p" && is_block(name))
                        }) {
                            open.pop();
                        }
                        open.push(name.to_string());
                        self.deepest_seen
                            .set(self.deepest_seen.get().max(open.len()));
                    }
                    TagKind::EndTag => {
                        // Only the innermost few are looked at, so that a
                        // stray end tag in deep nesting costs nothing.
                        let len = open.len();
                        if let Some(at) = open.iter().rev().take(8).position(|n| n == name) {
                            open.truncate(len - at - 1);
                        }
                    }
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn scan(html: &str) -> Scan {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Scan::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut scan = tokenizer.sink;
    scan.deepest = scan.deepest_seen.get();
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Para(p) => {
                    format!("P{}:{}", if p.bold { "b" } else { "" }, p.lines.join("|"))
                }
                Block::List { items, .. } => format!(
                    "L:{}",
                    items
                        .iter()
                        .map(|i| i.text.as_str())
                        .collect::<Vec<_>>()
                        .join("|")
                ),
            })
            .collect()
    }

    #[test]
    fn paragraphs_lists_and_bold_headings() {
        let blocks = fragment_blocks(
            "<p>Etter emnet skal studenten: </p><p> </p><p>\u{a0}</p><p><b>Kunnskap</b></p><ul><li> kan &nbsp;forklare <i>x</i></li><li>kan\n  y</li></ul><p>igjen</p><p/>",
        );
        assert_eq!(
            paras(&blocks),
            [
                "P:Etter emnet skal studenten:",
                "Pb:Kunnskap",
                "L:kan forklare x|kan y",
                "P:igjen"
            ]
        );
    }

    #[test]
    fn line_breaks_part_lines_and_plain_text_keeps_its_lines() {
        assert_eq!(
            paras(&fragment_blocks("<p>Kunnskap:<br/>Studenten kan</p>")),
            ["P:Kunnskap:|Studenten kan"]
        );
        assert_eq!(
            paras(&fragment_blocks("Kandidaten kan:\n- a < b\n\nmer")),
            ["P:Kandidaten kan:|- a < b", "P:mer"]
        );
    }

    #[test]
    fn deep_nesting_keeps_its_text() {
        let html = format!("{}tekst{}", "<span>".repeat(5000), "</span>".repeat(5000));
        assert_eq!(paras(&fragment_blocks(&html)), ["P:tekst"]);
    }

    #[test]
    fn a_page_is_cut_to_its_section() {
        let page = page(
            "<html lang='nn'><head><title>x</title></head><body><h1>BIO232 – Fjellvegetasjon</h1>\
             <h2>Innhald</h2><p>Artar</p><div><h2>Læringsutbyte</h2></div>\
             <div><h3>Kunnskap</h3><ul><li>kan gjere greie for</li></ul></div><h2>Vurdering</h2><p>Eksamen</p></body></html>",
        )
        .unwrap();
        assert_eq!(page.code.as_deref(), Some("BIO232"));
        assert_eq!(page.title.as_deref(), Some("Fjellvegetasjon"));
        assert_eq!(page.lang, Some(Lang::Nn));
        assert_eq!(paras(&page.blocks), ["P:Kunnskap", "L:kan gjere greie for"]);
    }

    #[test]
    fn html_too_deep_for_a_tree_keeps_its_text_in_linear_time() {
        let html = format!(
            "<p>Kunnskap</p>{}dypt{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(paras(&fragment_blocks(&html)), ["P:Kunnskap", "P:dypt"]);
        assert_eq!(
            page(&format!(
                "<h2>Læringsutbytte</h2>{}",
                "<section>".repeat(5000)
            )),
            Err(PageError::TooDeep(5000))
        );
        let unclosed = format!("<ul>{}</ul>", "<li>punkt".repeat(5000));
        assert!(scan(&unclosed).deepest < 5, "implied ends are closed");
    }

    #[test]
    fn an_emphasised_section_heading_or_none_at_all() {
        let page = page(
            "<p><strong>Forventet læringsutbytte:</strong></p><p>Kandidaten kan</p><ul><li>lese kart</li></ul><h2>Vurdering</h2><p>Muntlig</p>",
        )
        .unwrap();
        assert_eq!(paras(&page.blocks), ["P:Kandidaten kan", "L:lese kart"]);
        let fragment = super::page("<p>Skills</p><ul><li>can read maps</li></ul>").unwrap();
        assert_eq!(paras(&fragment.blocks), ["P:Skills", "L:can read maps"]);
        assert_eq!(fragment.lang, Some(Lang::En));
    }

    #[test]
    fn a_page_without_outcomes_says_so() {
        assert_eq!(page("<p>Hei</p>"), Err(PageError::NoSection));
    }
}
