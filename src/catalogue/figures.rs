//! The figures of a catalogue report, gathered while the check runs and
//! serialised as they are for `--format json`; the page and the CSV are
//! drawn from the same figures, so the three never disagree.
//!
//! The JSON schema is documented in the README ("The catalogue report").
//! `version` changes whenever a field is removed or changes its meaning;
//! new fields may be added within a version.

use std::collections::{BTreeMap, HashMap};
use std::io;

use serde::{Deserialize, Serialize};

use crate::check::Linter;
use crate::facts::{COVERAGE_RULE, DocFacts, Unit};
use crate::files::PathError;
use crate::finding::Summary;
use crate::finding::{FileReport, Severity};
use crate::lang::{Category, Lang};
use crate::output::Reporter;
use crate::parse::Kind;
use crate::source::SourceId;

/// The version of the JSON schema.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Figures {
    pub version: u32,
    /// The lub that wrote the report.
    pub lub: String,
    pub totals: Counts,
    /// Every rule that ran, most findings first.
    pub rules: Vec<RuleFigures>,
    pub faculties: Vec<UnitFigures>,
    pub departments: Vec<UnitFigures>,
    /// Per kind of document and NKR level.
    pub kinds: Vec<KindFigures>,
    pub languages: Vec<LangFigures>,
    pub outcomes_per_document: Vec<Bin>,
    /// The themes the NKR descriptors expect, least covered first.
    pub nkr_themes: Vec<ThemeFigures>,
    /// Every document, in the order checked (by path).
    pub documents: Vec<DocumentFigures>,
    /// Paths that could not be read, and why.
    pub unread: Vec<Unread>,
    /// With `--baseline`: the change since the earlier report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<super::baseline::Comparison>,
}

/// What a set of documents holds and what was found in it.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Counts {
    pub documents: usize,
    pub documents_with_findings: usize,
    pub outcomes: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    fn add(&mut self, doc: &DocumentFigures) {
        self.documents += 1;
        self.outcomes += doc.outcomes;
        let findings = doc.errors + doc.warnings + doc.infos;
        if findings > 0 {
            self.documents_with_findings += 1;
        }
        self.findings += findings;
        self.errors += doc.errors;
        self.warnings += doc.warnings;
        self.infos += doc.infos;
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RuleFigures {
    pub id: String,
    /// As configured for this run.
    pub severity: Severity,
    /// The rule's one line, from its YAML.
    pub summary: String,
    pub findings: usize,
    /// Documents with at least one finding of the rule.
    pub documents: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UnitFigures {
    /// As the front matter names it, or the folder, ending in `/`.
    pub name: String,
    pub from_folder: bool,
    /// For a department: its faculty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faculty: Option<String>,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KindFigures {
    /// `programme`, `course`, or null when the document does not say.
    pub kind: Option<Kind>,
    pub level: Option<u8>,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct LangFigures {
    pub lang: Lang,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Documents with `min..=max` outcomes (`max` null: `min` or more).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Bin {
    pub min: usize,
    pub max: Option<usize>,
    pub documents: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ThemeFigures {
    pub level: u8,
    pub category: Category,
    /// The theme's name in each language the framework gives it.
    pub name: BTreeMap<Lang, String>,
    /// Documents in which the theme was looked for.
    pub documents: usize,
    /// Documents in which no outcome addresses it.
    pub missing: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocumentFigures {
    pub path: String,
    pub code: Option<String>,
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub level: Option<u8>,
    pub lang: Lang,
    pub faculty: String,
    pub department: String,
    pub outcomes: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings per rule, only the rules that found something.
    pub rules: BTreeMap<String, usize>,
}

impl DocumentFigures {
    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Unread {
    pub path: String,
    pub message: String,
    /// The message in each language, where lub wrote it itself; not part
    /// of the report.
    #[serde(skip)]
    pub text: Option<crate::messages::Text>,
}

/// A document's row while the check runs.
struct Row {
    doc: DocumentFigures,
    faculty: Unit,
    department: Unit,
}

/// A `Reporter` that keeps the figures of the run instead of printing
/// findings: a row for each document, found by its id.
pub struct Collector<'a> {
    linter: &'a Linter,
    rows: Vec<Row>,
    by_id: HashMap<SourceId, usize>,
    unread: Vec<Unread>,
    /// Per theme of the framework: documents checked for it, and missing it.
    themes: Vec<(usize, usize)>,
    /// The message of each (theme, language) coverage finding, to tell
    /// which theme a finding is about.
    theme_messages: HashMap<String, usize>,
}

impl<'a> Collector<'a> {
    pub fn new(linter: &'a Linter) -> Collector<'a> {
        let themes = &linter.data().framework.themes;
        let mut theme_messages = HashMap::new();
        if let Some(rule) = linter.rules().get(COVERAGE_RULE) {
            for (index, theme) in themes.iter().enumerate() {
                for lang in Lang::ALL {
                    for speak in Lang::ALL {
                        for kind in [None, Some(Kind::Course), Some(Kind::Programme)] {
                            // The values the rule's checker fills in, so
                            // that the message is the one its finding
                            // carries.
                            let name = theme
                                .name
                                .get(&speak)
                                .or_else(|| theme.name.get(&lang))
                                .cloned()
                                .unwrap_or_default();
                            let category =
                                crate::rules::kinds::category_name(theme.category, lang, speak);
                            let finding = rule.finding(
                                crate::rules::Speech { lang: speak, kind },
                                0..0,
                                &[
                                    ("theme", &name),
                                    ("category", &category),
                                    ("level", &theme.level.to_string()),
                                ],
                            );
                            theme_messages.insert(finding.message, index);
                        }
                    }
                }
            }
        }
        Collector {
            linter,
            rows: Vec::new(),
            by_id: HashMap::new(),
            unread: Vec::new(),
            themes: vec![(0, 0); themes.len()],
            theme_messages,
        }
    }

    fn row_for(&mut self, facts: DocFacts) -> usize {
        if let Some(&index) = self.by_id.get(&facts.id) {
            return index;
        }
        let index = self.rows.len();
        self.by_id.insert(facts.id, index);
        self.rows.push(Row {
            doc: DocumentFigures {
                path: facts.name,
                code: facts.code,
                title: facts.title,
                kind: facts.kind,
                level: facts.level,
                lang: facts.lang,
                faculty: facts.faculty.name.clone(),
                department: facts.department.name.clone(),
                outcomes: facts.outcomes,
                errors: 0,
                warnings: 0,
                infos: 0,
                rules: BTreeMap::new(),
            },
            faculty: facts.faculty,
            department: facts.department,
        });
        index
    }

    /// The figures of everything collected.
    pub fn figures(self) -> Figures {
        let linter = self.linter;
        let docs: Vec<&DocumentFigures> = self.rows.iter().map(|r| &r.doc).collect();
        let mut totals = Counts::default();
        for doc in &docs {
            totals.add(doc);
        }

        let mut rules: Vec<RuleFigures> = linter
            .rules()
            .iter()
            .filter(|r| r.enabled)
            .map(|rule| {
                let id: &str = &rule.id;
                let mut findings = 0;
                let mut documents = 0;
                for doc in &docs {
                    if let Some(&n) = doc.rules.get(id) {
                        findings += n;
                        documents += 1;
                    }
                }
                RuleFigures {
                    id: id.to_string(),
                    severity: rule.severity,
                    summary: rule.meta.summary.get(linter.ui_lang()).trim().to_string(),
                    findings,
                    documents,
                }
            })
            .collect();
        rules.sort_by(|a, b| b.findings.cmp(&a.findings).then_with(|| a.id.cmp(&b.id)));

        let mut faculties: BTreeMap<&Unit, Counts> = BTreeMap::new();
        let mut departments: BTreeMap<(&Unit, &Unit), Counts> = BTreeMap::new();
        let mut kinds: BTreeMap<(u8, Option<u8>), (Option<Kind>, Counts)> = BTreeMap::new();
        let mut languages: BTreeMap<Lang, Counts> = BTreeMap::new();
        for row in &self.rows {
            faculties.entry(&row.faculty).or_default().add(&row.doc);
            departments
                .entry((&row.department, &row.faculty))
                .or_default()
                .add(&row.doc);
            // Programmes first, then courses, then documents that do not
            // say; levels in order, unknown last.
            let kind_order = match row.doc.kind {
                Some(Kind::Programme) => 0,
                Some(Kind::Course) => 1,
                None => 2,
            };
            let level_order = row.doc.level.map_or(Some(u8::MAX), Some);
            kinds
                .entry((kind_order, level_order))
                .or_insert((row.doc.kind, Counts::default()))
                .1
                .add(&row.doc);
            languages.entry(row.doc.lang).or_default().add(&row.doc);
        }
        let by_findings = |a: &UnitFigures, b: &UnitFigures| {
            b.counts
                .findings
                .cmp(&a.counts.findings)
                .then_with(|| a.name.cmp(&b.name))
        };
        let mut faculties: Vec<UnitFigures> = faculties
            .into_iter()
            .map(|(unit, counts)| UnitFigures {
                name: unit.name.clone(),
                from_folder: unit.from_folder,
                faculty: None,
                counts,
            })
            .collect();
        faculties.sort_by(by_findings);
        let mut departments: Vec<UnitFigures> = departments
            .into_iter()
            .map(|((unit, faculty), counts)| UnitFigures {
                name: unit.name.clone(),
                from_folder: unit.from_folder,
                faculty: Some(faculty.name.clone()),
                counts,
            })
            .collect();
        departments.sort_by(by_findings);
        let kinds = kinds
            .into_iter()
            .map(|((_, level), (kind, counts))| KindFigures {
                kind,
                level: level.filter(|l| *l != u8::MAX),
                counts,
            })
            .collect();
        let languages = languages
            .into_iter()
            .map(|(lang, counts)| LangFigures { lang, counts })
            .collect();

        let outcomes_per_document = bins(docs.iter().map(|d| d.outcomes));

        let framework = &linter.data().framework;
        let mut nkr_themes: Vec<ThemeFigures> = framework
            .themes
            .iter()
            .zip(&self.themes)
            .filter(|(_, (documents, _))| *documents > 0)
            .map(|(theme, &(documents, missing))| ThemeFigures {
                level: theme.level,
                category: theme.category,
                name: theme.name.clone(),
                documents,
                missing,
            })
            .collect();
        // Least covered first: the largest share of documents missing it.
        nkr_themes.sort_by(|a, b| {
            let share = |t: &ThemeFigures| t.missing as f64 / t.documents.max(1) as f64;
            share(b)
                .total_cmp(&share(a))
                .then_with(|| b.missing.cmp(&a.missing))
                .then_with(|| (a.level, a.category).cmp(&(b.level, b.category)))
        });

        Figures {
            version: VERSION,
            lub: env!("CARGO_PKG_VERSION").to_string(),
            totals,
            rules,
            faculties,
            departments,
            kinds,
            languages,
            outcomes_per_document,
            nkr_themes,
            documents: self.rows.into_iter().map(|r| r.doc).collect(),
            unread: self.unread,
            baseline: None,
        }
    }
}

/// The distribution of outcome counts: one bin per count up to 24, then
/// one for 25 or more, from the smallest to the largest count seen.
fn bins(counts: impl Iterator<Item = usize>) -> Vec<Bin> {
    const LAST: usize = 25;
    let mut per = [0usize; LAST + 1];
    for n in counts {
        if let Some(slot) = per.get_mut(n.min(LAST)) {
            *slot += 1;
        }
    }
    let first = per.iter().position(|&n| n > 0);
    let last = per.iter().rposition(|&n| n > 0);
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    (first..=last)
        .map(|n| Bin {
            min: n,
            max: (n < LAST).then_some(n),
            documents: per.get(n).copied().unwrap_or(0),
        })
        .collect()
}

impl Reporter for Collector<'_> {
    fn wants_facts(&self) -> bool {
        true
    }

    fn facts(&mut self, facts: &DocFacts) -> io::Result<()> {
        if facts.themes_checked
            && let Some(level) = facts.level
        {
            let themes = &self.linter.data().framework.themes;
            for (theme, counts) in themes.iter().zip(self.themes.iter_mut()) {
                if theme.level == level && theme.is_checked_in(facts.lang) {
                    counts.0 += 1;
                }
            }
        }
        self.row_for(facts.clone());
        Ok(())
    }

    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let index = match self.by_id.get(&report.source.id) {
            Some(&index) => index,
            // Not announced by `facts`: a document known only by its name.
            None => self.row_for(DocFacts {
                id: report.source.id,
                name: report.source.name.clone(),
                code: None,
                title: None,
                kind: None,
                level: None,
                lang: Lang::En,
                faculty: Unit {
                    name: "./".into(),
                    from_folder: true,
                },
                department: Unit {
                    name: "./".into(),
                    from_folder: true,
                },
                outcomes: 0,
                themes_checked: false,
            }),
        };
        let Some(row) = self.rows.get_mut(index) else {
            return Ok(());
        };
        for finding in &report.findings {
            match finding.severity {
                Severity::Error => row.doc.errors += 1,
                Severity::Warning => row.doc.warnings += 1,
                Severity::Info => row.doc.infos += 1,
            }
            *row.doc.rules.entry(finding.rule.to_string()).or_default() += 1;
            if *finding.rule == *COVERAGE_RULE
                && let Some(&theme) = self.theme_messages.get(&finding.message)
                && let Some(counts) = self.themes.get_mut(theme)
            {
                counts.1 += 1;
            }
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        self.unread.push(Unread {
            path: error.path.clone(),
            message: error.message.clone(),
            text: error.text.clone(),
        });
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{FixMode, Input};

    /// Documents are told apart by their place in the run, not by the name
    /// they are shown under: two texts of one name are two rows.
    #[test]
    fn two_documents_of_one_name_are_two_rows() {
        let linter = Linter::builtin().unwrap();
        let text = |code: &str| {
            Input::Text {
            name: "emne.lub.md".to_string(),
            bytes: format!(
                "---\ncode: {code}\nkind: course\nlevel: 6\n---\n## Ferdigheter\nKandidaten kan\n- bruke SQL til å hente ut data fra en relasjonsdatabase\n"
            )
            .into_bytes(),
        }
        };
        let mut collector = Collector::new(&linter);
        linter
            .check(&[text("A1"), text("B2")], &mut collector, FixMode::Off)
            .unwrap();
        let figures = collector.figures();
        let codes: Vec<Option<&str>> = figures
            .documents
            .iter()
            .map(|d| d.code.as_deref())
            .collect();
        assert_eq!(codes, [Some("A1"), Some("B2")]);
        assert_eq!(figures.totals.documents, 2);
    }

    #[test]
    fn bins_run_from_the_fewest_outcomes_to_the_most_and_gather_the_long_tail() {
        let bins = bins([3, 5, 5, 40, 26].into_iter());
        assert_eq!(bins.first().map(|b| (b.min, b.max)), Some((3, Some(3))));
        assert_eq!(
            bins.iter().find(|b| b.min == 5).map(|b| b.documents),
            Some(2)
        );
        assert_eq!(
            bins.iter().find(|b| b.min == 4).map(|b| b.documents),
            Some(0)
        );
        let last = bins.last().map(|b| (b.min, b.max, b.documents));
        assert_eq!(last, Some((25, None, 2)));
        assert!(super::bins(std::iter::empty()).is_empty());
    }
}
