//! What the catalogue report needs to know of a document beyond its
//! findings, taken from the document the check parsed, so that nothing is
//! read or parsed twice.

use std::path::Path;

use crate::files::folder_of;
use crate::lang::Lang;
use crate::parse::{Document, Kind};
use crate::rules::RuleSet;
use crate::source::{SourceFile, SourceId};

/// The rule whose findings name the NKR themes a document does not cover.
pub(crate) const COVERAGE_RULE: &str = "nkr-coverage";

/// One document's metadata and size.
#[derive(Debug, Clone, PartialEq)]
pub struct DocFacts {
    /// Which input of the run the document is.
    pub id: SourceId,
    /// As findings name the file.
    pub name: String,
    pub code: Option<String>,
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub level: Option<u8>,
    pub lang: Lang,
    pub faculty: Unit,
    pub department: Unit,
    pub outcomes: usize,
    /// Whether the NKR themes of the document's level were looked for: the
    /// documents a theme could be missing from.
    pub themes_checked: bool,
}

/// A faculty or department: as the front matter names it, else the folder
/// the document is in (for a department) or the folder above (for a
/// faculty), written with a trailing `/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit {
    pub name: String,
    pub from_folder: bool,
}

impl Unit {
    fn named(name: &str) -> Option<Unit> {
        let name = name.trim();
        (!name.is_empty()).then(|| Unit {
            name: name.to_string(),
            from_folder: false,
        })
    }

    fn folder(path: &Path) -> Unit {
        let shown = crate::files::display_path(path);
        Unit {
            name: if shown.ends_with('/') {
                shown
            } else {
                format!("{shown}/")
            },
            from_folder: true,
        }
    }
}

impl DocFacts {
    pub fn new(doc: &Document, source: &SourceFile, rules: &RuleSet) -> DocFacts {
        let meta = &doc.meta;
        let folder = folder_of(Path::new(&source.name));
        let above = folder_of(folder);
        // `folder_of(".")` is "." again: a document in the working folder
        // has that folder as its department and faculty.
        let department = meta
            .department
            .as_ref()
            .and_then(|d| Unit::named(&d.value))
            .unwrap_or_else(|| Unit::folder(folder));
        let faculty = meta
            .faculty
            .as_ref()
            .and_then(|f| Unit::named(&f.value))
            .unwrap_or_else(|| Unit::folder(above));
        DocFacts {
            id: source.id,
            name: source.name.to_string(),
            code: meta.code.as_ref().map(|c| c.value.clone()),
            title: doc.title(source).map(|t| t.trim().to_string()),
            kind: meta.kind.as_ref().map(|k| k.value),
            level: meta.level.as_ref().map(|l| l.value.get()),
            lang: doc.lang,
            faculty,
            department,
            outcomes: doc.outcomes().count(),
            themes_checked: rules.get(COVERAGE_RULE).is_some_and(|r| r.applies(doc)),
        }
    }
}
