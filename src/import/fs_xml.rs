//! The FS studieinfo export (`fs-studieinfo`), read as a stream with
//! quick-xml: one [`Record`] per `emne`, `studieprogram` and `kurs`, handed
//! on as soon as it closes, so memory stays that of one record however big
//! the export. Both dialects: the normalised one with HTML in a
//! `<laringsutbytte>` CDATA section, and raw FS output with `p` / `bold` /
//! `list` / `listItem` markup in `<læringsutbytte>`; the markup is rewritten
//! as HTML here, so that one HTML reader turns both into document text.
//!
//! quick-xml does not read a DTD, so entities it declares (a "billion
//! laughs") are never expanded: such a reference is kept as the text
//! `&name;`. HTML's named entities, which raw exports use undeclared
//! (`&nbsp;`), are decoded; a bare `&` is text.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// What kind of record: the element's name says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// `emne`
    Course,
    /// `studieprogram`
    Programme,
    /// `kurs`: short and continuing-education courses, with no learning
    /// outcomes in the format.
    ShortCourse,
}

/// A responsible unit: `navn` is the department, `avdnavn` the faculty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unit {
    pub name: Option<String>,
    pub division: Option<String>,
}

/// One record of the export, with the fields lub uses, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub kind: RecordKind,
    /// Byte offset of the record's start tag, for messages.
    pub offset: u64,
    /// The `sprak` attribute: `BOKMÅL`, `NYNORSK`, `ENGELSK`.
    pub sprak: Option<String>,
    pub code: Option<String>,
    pub version: Option<String>,
    pub title: Option<String>,
    pub credits: Option<String>,
    pub studieniva: Option<String>,
    pub nuskode: Option<String>,
    pub subject_unit: Unit,
    pub admin_unit: Unit,
    /// The learning outcomes as HTML (or plain text); `None` when the
    /// field is missing, nil or empty.
    pub outcomes: Option<String>,
}

impl Record {
    fn new(kind: RecordKind, offset: u64) -> Self {
        Record {
            kind,
            offset,
            sprak: None,
            code: None,
            version: None,
            title: None,
            credits: None,
            studieniva: None,
            nuskode: None,
            subject_unit: Unit::default(),
            admin_unit: Unit::default(),
            outcomes: None,
        }
    }
}

/// Why an export could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Not well-formed XML, at a byte offset.
    Xml { offset: u64, message: String },
    /// Not UTF-8; where, the caller finds out.
    NotUtf8,
    /// Well-formed, but its root is not `fs-studieinfo`.
    NotAnExport { root: String },
    /// The consumer of the records failed (writing a document).
    Consumer(std::io::Error),
}

/// Records the reader saw and did not hand on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub records: usize,
    pub short_courses: usize,
}

/// Which field of the record a text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Code,
    Version,
    Title,
    Credits,
    Level,
    Nus,
    UnitName(UnitSlot),
    UnitDivision(UnitSlot),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitSlot {
    Subject,
    Admin,
}

/// Element names lub keeps track of, as far down as it needs them; the
/// depth is counted beyond.
const NAMES_KEPT: usize = 8;

struct State {
    depth: usize,
    names: Vec<String>,
    root_seen: bool,
    record: Option<Record>,
    /// The unit whose fields are being read (`fagansvarlig`, or `sted
    /// type="fagansvarlig"` in raw exports).
    unit: Option<UnitSlot>,
    field: Option<(Field, usize, String)>,
    outcomes: Option<Outcomes>,
    counts: Counts,
}

/// The learning-outcome field being gathered, as HTML.
struct Outcomes {
    depth: usize,
    html: String,
    /// The HTML elements the FS markup inside it opened, innermost last.
    open: Vec<&'static str>,
}

fn read_error(reader_offset: u64, e: impl std::fmt::Display) -> ReadError {
    ReadError::Xml {
        offset: reader_offset,
        message: e.to_string(),
    }
}

/// Reads an export, handing each `emne` and `studieprogram` to `each` as it
/// closes; `kurs` records are counted only.
pub fn read<R: BufRead>(
    input: R,
    mut each: impl FnMut(Record) -> std::io::Result<()>,
) -> Result<Counts, ReadError> {
    let mut reader = Reader::from_reader(input);
    let config = reader.config_mut();
    config.allow_dangling_amp = true;
    config.check_end_names = true;
    let mut state = State {
        depth: 0,
        names: Vec::new(),
        root_seen: false,
        record: None,
        unit: None,
        field: None,
        outcomes: None,
        counts: Counts::default(),
    };
    let mut buf = Vec::new();
    loop {
        let before = reader.buffer_position();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(quick_xml::Error::Encoding(_)) => return Err(ReadError::NotUtf8),
            Err(e) => return Err(read_error(reader.error_position(), e)),
        };
        match event {
            Event::Start(start) => {
                state.start(&start, before)?;
            }
            Event::Empty(start) => {
                state.start(&start, before)?;
                state.end(&mut each)?;
            }
            Event::End(_) => state.end(&mut each)?,
            Event::Text(text) => state.text(&text.xml10_content()),
            Event::CData(data) => state.text(&data.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Resolved::Char(c),
                    Ok(None) => match entity(&reference) {
                        Some(c) => Resolved::Char(c),
                        None => Resolved::Unknown(reference.to_string()),
                    },
                    // `&#0;` or a number past Unicode: kept as written.
                    Err(_) => Resolved::Unknown(reference.to_string()),
                };
                state.reference(&resolved);
            }
            Event::Eof => {
                if state.depth > 0 {
                    let open = state
                        .names
                        .last()
                        .map(|n| format!(" <{n}>"))
                        .unwrap_or_default();
                    return Err(read_error(
                        reader.buffer_position(),
                        format!(
                            "the file ends before the export does: {} element(s) are still open, the innermost{open}",
                            state.depth
                        ),
                    ));
                }
                return Ok(state.counts);
            }
            // Declarations, comments, processing instructions and the DTD
            // carry no text of a record.
            _ => {}
        }
        buf.clear();
    }
}

enum Resolved {
    Char(char),
    Unknown(String),
}

impl State {
    fn start(&mut self, start: &BytesStart<'_>, offset: u64) -> Result<(), ReadError> {
        let local = start.local_name();
        let name: &str = local.as_ref();
        let depth = self.depth;
        self.depth += 1;
        if self.names.len() < NAMES_KEPT {
            self.names.push(name.to_string());
        }
        if depth == 0 {
            if self.root_seen || name != "fs-studieinfo" {
                return Err(ReadError::NotAnExport {
                    root: name.to_string(),
                });
            }
            self.root_seen = true;
            return Ok(());
        }
        if let Some(outcomes) = &mut self.outcomes {
            let tag = html_tag(name, start);
            outcomes.html.push('<');
            outcomes.html.push_str(tag);
            outcomes.html.push('>');
            outcomes.open.push(tag);
            return Ok(());
        }
        if depth == 1 {
            let kind = match name {
                "emne" => RecordKind::Course,
                "studieprogram" => RecordKind::Programme,
                "kurs" => RecordKind::ShortCourse,
                _ => return Ok(()),
            };
            let mut record = Record::new(kind, offset);
            record.sprak = attribute(start, "sprak");
            self.record = Some(record);
            return Ok(());
        }
        let Some(record) = &self.record else {
            return Ok(());
        };
        // Depth within the record: 1 for its fields, 2 for theirs.
        let inner = depth - 1;
        let parent = self.names.get(depth - 1).map(String::as_str);
        let field = match (inner, parent, name) {
            (1, _, "studieprogramkode") => Some(Field::Code),
            (1, _, "emnenavn" | "studieprogramnavn" | "kursnavn") => Some(Field::Title),
            (1, _, "studiepoeng") => Some(Field::Credits),
            (1, _, "studieniva") => Some(Field::Level),
            (1, _, "nuskode") => Some(Field::Nus),
            (2, Some("emneid"), "emnekode") => Some(Field::Code),
            (2, Some("emneid"), "versjonskode") => Some(Field::Version),
            (2, Some("kursid"), "kurskode") => Some(Field::Code),
            (2, Some(_), "navn") => self.unit.map(Field::UnitName),
            (2, Some(_), "avdnavn") => self.unit.map(Field::UnitDivision),
            _ => None,
        };
        if inner == 1 {
            self.unit = match name {
                "fagansvarlig" => Some(UnitSlot::Subject),
                "adminansvarlig" => Some(UnitSlot::Admin),
                "sted" => match attribute(start, "type").as_deref() {
                    Some("fagansvarlig") => Some(UnitSlot::Subject),
                    Some("adminansvarlig") => Some(UnitSlot::Admin),
                    _ => None,
                },
                _ => None,
            };
            if matches!(name, "laringsutbytte" | "læringsutbytte")
                && record.kind != RecordKind::ShortCourse
            {
                self.outcomes = Some(Outcomes {
                    depth: self.depth,
                    html: String::new(),
                    open: Vec::new(),
                });
                return Ok(());
            }
        }
        if let Some(field) = field {
            self.field = Some((field, self.depth, String::new()));
        }
        Ok(())
    }

    fn end(
        &mut self,
        each: &mut impl FnMut(Record) -> std::io::Result<()>,
    ) -> Result<(), ReadError> {
        let depth = self.depth;
        if depth == 0 {
            // quick-xml refuses an end tag with no start; nothing to close.
            return Ok(());
        }
        self.depth -= 1;
        if depth <= self.names.len() {
            self.names.truncate(depth - 1);
        }
        if let Some(outcomes) = &mut self.outcomes {
            if depth > outcomes.depth {
                if let Some(tag) = outcomes.open.pop() {
                    outcomes.html.push_str("</");
                    outcomes.html.push_str(tag);
                    outcomes.html.push('>');
                }
                return Ok(());
            }
            let html = std::mem::take(&mut outcomes.html);
            self.outcomes = None;
            if let Some(record) = &mut self.record
                && !super::document::normalise_space(&html).is_empty()
            {
                // Two learning-outcome fields (both spellings) are both kept.
                match &mut record.outcomes {
                    Some(existing) => {
                        existing.push('\n');
                        existing.push_str(&html);
                    }
                    None => record.outcomes = Some(html),
                }
            }
            return Ok(());
        }
        if let Some((field, field_depth, _)) = &self.field
            && *field_depth == depth
        {
            let field = *field;
            let text = self.field.take().map(|(_, _, t)| t).unwrap_or_default();
            let text = super::document::normalise_space(&text);
            if let Some(record) = &mut self.record
                && !text.is_empty()
            {
                let slot = match field {
                    Field::Code => &mut record.code,
                    Field::Version => &mut record.version,
                    Field::Title => &mut record.title,
                    Field::Credits => &mut record.credits,
                    Field::Level => &mut record.studieniva,
                    Field::Nus => &mut record.nuskode,
                    Field::UnitName(UnitSlot::Subject) => &mut record.subject_unit.name,
                    Field::UnitName(UnitSlot::Admin) => &mut record.admin_unit.name,
                    Field::UnitDivision(UnitSlot::Subject) => &mut record.subject_unit.division,
                    Field::UnitDivision(UnitSlot::Admin) => &mut record.admin_unit.division,
                };
                // The first value counts; a programme's study plan repeats
                // names deeper down, which are not read.
                if slot.is_none() {
                    *slot = Some(text);
                }
            }
            return Ok(());
        }
        if depth == 3 {
            self.unit = None;
        }
        if depth == 2
            && let Some(record) = self.record.take()
        {
            self.counts.records += 1;
            if record.kind == RecordKind::ShortCourse {
                self.counts.short_courses += 1;
            } else {
                each(record).map_err(ReadError::Consumer)?;
            }
        }
        Ok(())
    }

    fn text(&mut self, text: &str) {
        if let Some(outcomes) = &mut self.outcomes {
            if outcomes.open.is_empty() {
                // Straight inside the field: the field's HTML source (or
                // plain text), whether in CDATA or escaped.
                outcomes.html.push_str(text);
            } else {
                // Inside FS markup: text, to be shown as it is.
                escape_into(&mut outcomes.html, text);
            }
        } else if let Some((_, _, buffer)) = &mut self.field {
            buffer.push_str(text);
        }
    }

    fn reference(&mut self, resolved: &Resolved) {
        if let Some(outcomes) = &mut self.outcomes {
            match resolved {
                Resolved::Char(c) if outcomes.open.is_empty() => outcomes.html.push(*c),
                Resolved::Char(c) => escape_into(&mut outcomes.html, c.encode_utf8(&mut [0; 4])),
                // html5ever knows every HTML entity; one it does not know
                // stays as written.
                Resolved::Unknown(name) => {
                    outcomes.html.push('&');
                    outcomes.html.push_str(name);
                    outcomes.html.push(';');
                }
            }
        } else if let Some((_, _, buffer)) = &mut self.field {
            match resolved {
                Resolved::Char(c) => buffer.push(*c),
                Resolved::Unknown(name) => {
                    buffer.push('&');
                    buffer.push_str(name);
                    buffer.push(';');
                }
            }
        }
    }
}

fn escape_into(out: &mut String, text: &str) {
    crate::escape::html_into(out, text);
}

fn attribute(start: &BytesStart<'_>, name: &str) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| super::document::normalise_space(&a.value))
        .filter(|v| !v.is_empty())
}

/// The HTML element an element of FS markup (or HTML written as XML)
/// stands for; an unknown one is a `span`, so its text is kept.
fn html_tag(name: &str, start: &BytesStart<'_>) -> &'static str {
    match name {
        "p" | "paragraph" => "p",
        "bold" | "b" => "b",
        "strong" => "strong",
        "italic" | "i" => "i",
        "em" => "em",
        "underline" | "u" => "u",
        "list" => match attribute(start, "listType").as_deref() {
            Some("numbered") => "ol",
            _ => "ul",
        },
        "ul" => "ul",
        "ol" => "ol",
        "listItem" | "li" => "li",
        "br" | "linebreak" => "br",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "div" => "div",
        _ => "span",
    }
}

/// XML's own entities and the HTML ones raw FS exports use undeclared.
fn entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "bull" => '•',
        "middot" => '·',
        "frac14" => '¼',
        "frac12" => '½',
        "frac34" => '¾',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "sect" => '§',
        "para" => '¶',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "aring" => 'å',
        "Aring" => 'Å',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "auml" => 'ä',
        "Auml" => 'Ä',
        "ouml" => 'ö',
        "Ouml" => 'Ö',
        "uuml" => 'ü',
        "Uuml" => 'Ü',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "szlig" => 'ß',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(xml: &str) -> Result<(Vec<Record>, Counts), ReadError> {
        let mut all = Vec::new();
        let counts = read(xml.as_bytes(), |r| {
            all.push(r);
            Ok(())
        })?;
        Ok((all, counts))
    }

    #[test]
    fn raw_markup_becomes_html_and_entities_are_decoded() {
        let xml = "\u{feff}<?xml version=\"1.0\"?>\r\n<fs-studieinfo xmlns=\"http://fsws.usit.no/schemas/studinfo\">\r\n\
            <emne sprak=\"BOKMÅL\"><emneid><emnekode>BØK225</emnekode><versjonskode>1</versjonskode></emneid>\
            <emnenavn>Økonomi&nbsp;og &amp; ledelse</emnenavn>\
            <sted type=\"fagansvarlig\"><navn>Institutt</navn><avdnavn>Fakultet</avdnavn></sted>\
            <læringsutbytte><p><bold>Kunnskap</bold></p><list listType=\"numbered\"><listItem>a &lt; b &frac14; & c</listItem></list></læringsutbytte>\
            </emne></fs-studieinfo>";
        let (records, counts) = records(xml).unwrap();
        assert_eq!(counts.records, 1);
        let r = &records[0];
        assert_eq!(r.code.as_deref(), Some("BØK225"));
        assert_eq!(r.sprak.as_deref(), Some("BOKMÅL"));
        assert_eq!(r.title.as_deref(), Some("Økonomi og & ledelse"));
        assert_eq!(r.subject_unit.division.as_deref(), Some("Fakultet"));
        assert_eq!(
            r.outcomes.as_deref(),
            Some("<p><b>Kunnskap</b></p><ol><li>a &lt; b ¼ &amp; c</li></ol>")
        );
    }

    #[test]
    fn a_declared_entity_is_not_expanded() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\
            <fs-studieinfo><emne><emneid><emnekode>X1</emnekode></emneid><emnenavn>&lol2;</emnenavn></emne></fs-studieinfo>";
        let (records, _) = records(xml).unwrap();
        assert_eq!(records[0].title.as_deref(), Some("&lol2;"));
    }

    #[test]
    fn broken_and_foreign_files_are_errors() {
        assert!(matches!(
            records("<fs-studieinfo><emne></emn></fs-studieinfo>"),
            Err(ReadError::Xml { .. })
        ));
        assert!(matches!(
            records("<fs-studieinfo><emne>"),
            Err(ReadError::Xml { .. })
        ));
        assert!(matches!(
            records("<html><body/></html>"),
            Err(ReadError::NotAnExport { .. })
        ));
    }

    #[test]
    fn kurs_is_counted_and_a_nil_outcome_is_none() {
        let (records, counts) = records(
            "<fs-studieinfo xmlns:xsi=\"x\"><kurs><kursid><kurskode>K</kurskode></kursid></kurs>\
             <emne><laringsutbytte xsi:nil=\"true\"/></emne></fs-studieinfo>",
        )
        .unwrap();
        assert_eq!(counts.short_courses, 1);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].outcomes, None);
    }
}
