//! `--statistics`: instead of each finding, how many each rule made,
//! most first, with the rule's one-line summary (as ruff prints it).

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Reporter;
use crate::files::PathError;
use crate::finding::Summary;
use crate::finding::{FileReport, Severity};
use crate::lang::Lang;
use crate::rules::RuleSet;

pub struct StatisticsReporter<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
    json: bool,
    /// Per rule id: the rule's severity, its summary, and its findings.
    counts: BTreeMap<String, (Severity, String, usize)>,
    /// The language of the errors on standard error.
    lang: Lang,
}

impl<'a> StatisticsReporter<'a> {
    /// `json`: one JSON array rather than a table.
    pub fn new(
        out: Box<dyn Write + 'a>,
        err: Box<dyn Write + 'a>,
        rules: &RuleSet,
        lang: Lang,
        json: bool,
    ) -> Self {
        let counts = rules
            .iter()
            .map(|r| {
                let summary = r.meta.summary.get(lang).trim().to_string();
                (r.id.to_string(), (r.severity, summary, 0))
            })
            .collect();
        StatisticsReporter {
            out,
            err,
            json,
            counts,
            lang,
        }
    }
}

impl Reporter for StatisticsReporter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        for finding in &report.findings {
            let entry = self.counts.entry(finding.rule.to_string()).or_insert((
                finding.severity,
                String::new(),
                0,
            ));
            entry.2 += 1;
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        writeln!(self.err, "error: {}", error.in_lang(self.lang))
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        let mut rows: Vec<(&String, &(Severity, String, usize))> =
            self.counts.iter().filter(|(_, (_, _, n))| *n > 0).collect();
        // Most findings first; ties by id, so the order is stable.
        rows.sort_by(|a, b| b.1.2.cmp(&a.1.2).then(a.0.cmp(b.0)));
        if self.json {
            let list: Vec<serde_json::Value> = rows
                .iter()
                .map(|(id, (severity, summary, count))| {
                    serde_json::json!({
                        "rule": id,
                        "count": count,
                        "severity": severity.as_str(),
                        "summary": summary,
                    })
                })
                .collect();
            writeln!(self.out, "{}", serde_json::Value::Array(list))?;
            return self.out.flush();
        }
        let count_width = rows
            .iter()
            .map(|(_, (_, _, n))| n.to_string().len())
            .max()
            .unwrap_or(1);
        let id_width = rows.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
        for (id, (severity, summary, count)) in rows {
            writeln!(
                self.out,
                "{count:>count_width$}  {id:id_width$}  {:7}  {summary}",
                severity.as_str()
            )?;
        }
        self.out.flush()
    }
}
