//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other tools
//! read it. The driver lists every rule (id, name, short and full
//! description, help, default level); each result has its rule, level,
//! message and a physical location with a relative URI and a 1-based region.
//! Columns count Unicode code points (`columnKind`), as lub's do. Results
//! are written as files are checked.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Reporter;
use crate::check::{PathError, Summary};
use crate::finding::{FileReport, Severity};
use crate::rules::RuleSet;

pub struct SarifReporter<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
    /// Rule ids in the driver's order, for `ruleIndex`.
    ids: Vec<String>,
    /// The document up to the results array.
    head: Option<String>,
    written: usize,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// "vague-verb" → "VagueVerb": SARIF's `name` is an identifier-like
/// display name.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

impl<'a> SarifReporter<'a> {
    pub fn new(
        out: Box<dyn Write + 'a>,
        err: Box<dyn Write + 'a>,
        rules: &RuleSet,
        lang: crate::lang::Lang,
    ) -> Self {
        let descriptors: Vec<Value> = rules
            .iter()
            .map(|rule| {
                let mut descriptor = json!({
                    "id": &*rule.id,
                    "name": pascal_case(&rule.id),
                    "shortDescription": { "text": rule.meta.summary.get(lang).trim() },
                    "fullDescription": { "text": crate::source::one_line(rule.meta.why.get(lang)) },
                    "defaultConfiguration": { "level": level(rule.meta.severity), "enabled": rule.enabled },
                    "properties": { "scope": rule.meta.scope.as_str() },
                });
                if let Some(help) = &rule.meta.help {
                    descriptor["help"] = json!({ "text": help.get(lang) });
                }
                descriptor
            })
            .collect();
        let driver = json!({
            "name": "lub",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": descriptors,
        });
        let head = format!(
            "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{}}},\"columnKind\":\"unicodeCodePoints\",\"results\":[",
            driver
        );
        SarifReporter {
            out,
            err,
            ids: rules.ids().map(String::from).collect(),
            head: Some(head),
            written: 0,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if let Some(head) = self.head.take() {
            self.out.write_all(head.as_bytes())?;
        }
        Ok(())
    }
}

/// A path as a relative URI reference: `/` separators, and everything but
/// unreserved characters percent-encoded.
pub fn uri(path: &str) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            std::path::Path::new(path)
                .strip_prefix(&cwd)
                .ok()
                .map(|p| p.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| path.to_string())
        .replace('\\', "/");
    let mut out = String::with_capacity(relative.len());
    for byte in relative.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

impl Reporter for SarifReporter<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        self.start()?;
        let uri = uri(&report.source.name);
        for finding in &report.findings {
            let start = report.source.position(finding.span.start);
            let mut region = json!({ "startLine": start.line, "startColumn": start.column });
            if !finding.span.is_empty() {
                let end = report.source.position(finding.span.end);
                region["endLine"] = json!(end.line);
                region["endColumn"] = json!(end.column);
                region["snippet"] = json!({ "text": report.source.slice(&finding.span) });
            }
            let mut result = json!({
                "ruleId": &*finding.rule,
                "level": level(finding.severity),
                "message": { "text": &finding.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": &uri, "uriBaseId": "%SRCROOT%" },
                        "region": region,
                    }
                }],
            });
            if let Some(index) = self.ids.iter().position(|id| **id == *finding.rule) {
                result["ruleIndex"] = json!(index);
            }
            let separator = if self.written == 0 { "\n" } else { ",\n" };
            write!(self.out, "{separator}{result}")?;
            self.written += 1;
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        writeln!(self.err, "error: {error}")
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.start()?;
        writeln!(self.out, "\n]}}]}}")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_and_uris() {
        assert_eq!(
            super::pascal_case("missing-specific-competence"),
            "MissingSpecificCompetence"
        );
        assert_eq!(
            super::uri("emner/økonomi 1.lub.md"),
            "emner/%C3%B8konomi%201.lub.md"
        );
    }
}
