//! `--baseline OLD.json`: an earlier `lub report --format json`, and what
//! got better or worse since, per rule and per unit.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::figures::{Counts, Figures, UnitFigures, VERSION};
use crate::files::{display_path, read_file};
use crate::messages::{Msg, Text};

/// The parts of an earlier report that are compared (its `version` is
/// checked first). Reading only these lets a report with fields added
/// since serve as well.
#[derive(Debug, Deserialize)]
pub struct Baseline {
    totals: Counts,
    rules: Vec<RuleCount>,
    faculties: Vec<UnitFigures>,
    departments: Vec<UnitFigures>,
}

#[derive(Debug, Deserialize)]
struct RuleCount {
    id: String,
    findings: usize,
}

/// The largest baseline read: a report of far more than 100,000 documents.
const MAX_BASELINE: u64 = 512 * 1024 * 1024;

impl Baseline {
    /// Reads an earlier report, or says plainly why it is not one.
    /// The reason is in each language.
    pub fn read(path: &Path) -> Result<Baseline, Text> {
        let shown = display_path(path);
        let file = || ("file", shown.clone());
        let bytes =
            read_file(path, MAX_BASELINE).map_err(|e| Text::each(|lang| e.in_lang(lang)))?;
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| Msg::BaselineNotJson.text(|_| vec![file(), ("error", e.to_string())]))?;
        let version = value.get("version").and_then(serde_json::Value::as_u64);
        match version {
            None => return Err(Msg::BaselineNoVersion.text(|_| vec![file()])),
            Some(v) if v != u64::from(VERSION) => {
                return Err(Msg::BaselineVersion.text(|_| {
                    vec![
                        file(),
                        ("version", v.to_string()),
                        ("reads", VERSION.to_string()),
                    ]
                }));
            }
            Some(_) => {}
        }
        serde_json::from_value(value)
            .map_err(|e| Msg::BaselineNotReport.text(|_| vec![file(), ("error", e.to_string())]))
    }
}

/// Before and now, for the whole catalogue and per rule and unit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Comparison {
    pub totals: Change,
    pub rules: Vec<Change>,
    pub faculties: Vec<Change>,
    pub departments: Vec<Change>,
}

/// Findings and documents before and now. Better or worse is judged by
/// findings per document, so that a catalogue that grew is not called
/// worse for its size alone.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Change {
    pub name: String,
    pub findings_before: usize,
    pub findings_now: usize,
    pub documents_before: usize,
    pub documents_now: usize,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Better,
    Worse,
    Unchanged,
}

impl Change {
    fn new(name: String, before: (usize, usize), now: (usize, usize)) -> Change {
        let (findings_before, documents_before) = before;
        let (findings_now, documents_now) = now;
        let per = |findings: usize, documents: usize| {
            if documents == 0 {
                0.0
            } else {
                findings as f64 / documents as f64
            }
        };
        let old = per(findings_before, documents_before);
        let new = per(findings_now, documents_now);
        // Rounding noise in a ratio is not a change.
        let verdict = if (new - old).abs() < 1e-9 {
            Verdict::Unchanged
        } else if new < old {
            Verdict::Better
        } else {
            Verdict::Worse
        };
        Change {
            name,
            findings_before,
            findings_now,
            documents_before,
            documents_now,
            verdict,
        }
    }

    /// Findings now less findings before.
    pub fn delta(&self) -> i64 {
        self.findings_now as i64 - self.findings_before as i64
    }
}

/// `(findings, documents)` before and now.
type BeforeNow = ((usize, usize), (usize, usize));

/// The changes between `baseline` and `now`, largest first.
pub fn compare(baseline: &Baseline, now: &Figures) -> Comparison {
    let totals = Change::new(
        "total".into(),
        (baseline.totals.findings, baseline.totals.documents),
        (now.totals.findings, now.totals.documents),
    );
    let rules = {
        // A rule that did not run on one side found nothing in all of its
        // documents.
        let empty = ((0, baseline.totals.documents), (0, now.totals.documents));
        let mut both: BTreeMap<&str, BeforeNow> = BTreeMap::new();
        for rule in &baseline.rules {
            both.entry(&rule.id).or_insert(empty).0 = (rule.findings, baseline.totals.documents);
        }
        for rule in &now.rules {
            both.entry(&rule.id).or_insert(empty).1 = (rule.findings, now.totals.documents);
        }
        changes(both)
    };
    let units = |before: &[UnitFigures], now: &[UnitFigures]| {
        let mut both: BTreeMap<&str, BeforeNow> = BTreeMap::new();
        for unit in before {
            both.entry(&unit.name).or_default().0 = (unit.counts.findings, unit.counts.documents);
        }
        for unit in now {
            both.entry(&unit.name).or_default().1 = (unit.counts.findings, unit.counts.documents);
        }
        changes(both)
    };
    Comparison {
        totals,
        rules,
        faculties: units(&baseline.faculties, &now.faculties),
        departments: units(&baseline.departments, &now.departments),
    }
}

fn changes(both: BTreeMap<&str, BeforeNow>) -> Vec<Change> {
    let mut changes: Vec<Change> = both
        .into_iter()
        .map(|(name, (before, now))| Change::new(name.to_string(), before, now))
        .filter(|c| c.findings_before > 0 || c.findings_now > 0)
        .collect();
    changes.sort_by(|a, b| {
        b.delta()
            .abs()
            .cmp(&a.delta().abs())
            .then_with(|| a.name.cmp(&b.name))
    });
    changes
}
