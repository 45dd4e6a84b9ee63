//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other tools
//! read it. The driver lists every rule (id, name, short and full
//! description, help, default level); each result has its rule, level,
//! message and a physical location with a relative URI and a 1-based region.
//! Columns count Unicode code points (`columnKind`), as lub's do. A result
//! whose finding points to other places (the outcome a duplicate repeats,
//! the other language version) lists them as `relatedLocations`, and a safe
//! fix as `fixes` (one `artifactChange` of `replacements`). Results are
//! written as files are checked; files that could not be read follow them,
//! as the invocation's `toolExecutionNotifications`.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};

use super::Reporter;
use crate::files::PathError;
use crate::finding::Summary;
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
    /// The working folder, which relative URIs are relative to.
    cwd: Option<PathBuf>,
    /// The language of the errors on standard error.
    lang: crate::lang::Lang,
    /// The files that could not be read, for the run's invocation.
    notifications: Vec<Value>,
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

/// A rule's help as Markdown, for viewers that show it (GitHub code
/// scanning does): what to write instead, then why.
fn help_markdown(rule: &crate::rules::Rule, lang: crate::lang::Lang) -> String {
    let mut out = rule
        .meta
        .help
        .as_ref()
        .map_or("", |help| help.get(lang))
        .trim()
        .to_string();
    let why = rule.meta.why().get(lang).trim();
    if !why.is_empty() {
        out.push_str("\n\n");
        out.push_str(why);
    }
    out
}

impl<'a> SarifReporter<'a> {
    /// `lang`: the language of the rules' descriptions.
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
                    "fullDescription": { "text": crate::source::one_line(rule.meta.why().get(lang)) },
                    "defaultConfiguration": { "level": level(rule.meta.severity), "enabled": rule.enabled },
                    "properties": { "scope": rule.meta.scope.as_str() },
                });
                if let Some(help) = &rule.meta.help {
                    descriptor["help"] = json!({
                        "text": crate::source::one_line(help.get(lang)),
                        "markdown": help_markdown(rule, lang),
                    });
                }
                descriptor
            })
            .collect();
        let driver = json!({
            "name": "lub",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": descriptors,
        });
        let cwd = std::env::current_dir().ok();
        // Where `%SRCROOT%` is, for a consumer that reads the file elsewhere.
        let bases = match &cwd {
            Some(cwd) => {
                let mut root = percent_encoded(&cwd.to_string_lossy());
                if !root.ends_with('/') {
                    root.push('/');
                }
                json!({ SRCROOT: { "uri": format!("file://{root}") } })
            }
            None => json!({}),
        };
        let head = format!(
            "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{driver}}},\"originalUriBaseIds\":{bases},\"columnKind\":\"unicodeCodePoints\",\"results\":["
        );
        SarifReporter {
            out,
            err,
            ids: rules.ids().map(String::from).collect(),
            head: Some(head),
            written: 0,
            cwd,
            lang,
            notifications: Vec::new(),
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if let Some(head) = self.head.take() {
            self.out.write_all(head.as_bytes())?;
        }
        Ok(())
    }
}

/// Where a result's file is: relative to the working folder, with
/// `uriBaseId`, when it is under it; else an absolute `file://` URI, which
/// SARIF forbids to carry a `uriBaseId`.
pub(super) fn artifact_location(name: &str, cwd: Option<&Path>) -> Value {
    let path = Path::new(name);
    let absolute = match cwd {
        Some(cwd) if path.is_relative() => lexically_normal(&cwd.join(path)),
        _ => lexically_normal(path),
    };
    match cwd.and_then(|cwd| absolute.strip_prefix(lexically_normal(cwd)).ok()) {
        Some(relative) => json!({
            "uri": percent_encoded(&relative.to_string_lossy()),
            "uriBaseId": SRCROOT,
        }),
        _ if absolute.is_absolute() => {
            json!({ "uri": format!("file://{}", percent_encoded(&absolute.to_string_lossy())) })
        }
        // No working folder to resolve against: the name as given.
        _ => json!({ "uri": percent_encoded(name), "uriBaseId": SRCROOT }),
    }
}

/// The base the relative URIs are resolved against.
const SRCROOT: &str = "%SRCROOT%";

/// `path` with `.` and `..` resolved by their names, not by the file
/// system: a SARIF URI names the path the user gave.
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A path as a URI path: `/` separators, and everything but unreserved
/// characters percent-encoded.
fn percent_encoded(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
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
        let location = artifact_location(&report.source.name, self.cwd.as_deref());
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
                        "artifactLocation": &location,
                        "region": region,
                    }
                }],
            });
            if let Some(index) = self.ids.iter().position(|id| **id == *finding.rule) {
                result["ruleIndex"] = json!(index);
            }
            if !finding.related.is_empty() {
                let related: Vec<Value> = finding
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, related)| {
                        let mut region = json!({
                            "startLine": related.start.line,
                            "startColumn": related.start.column,
                        });
                        if !related.span.is_empty() {
                            region["endLine"] = json!(related.end.line);
                            region["endColumn"] = json!(related.end.column);
                        }
                        json!({
                            "id": id,
                            "physicalLocation": {
                                "artifactLocation": artifact_location(&related.file, self.cwd.as_deref()),
                                "region": region,
                            },
                            "message": { "text": &related.label },
                        })
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if let Some(fix) = finding.fix.as_ref().filter(|f| f.safe) {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|edit| {
                        let start = report.source.position(edit.span.start);
                        let end = report.source.position(edit.span.end);
                        // An empty region (its end at its start) is an
                        // insertion point.
                        json!({
                            "deletedRegion": {
                                "startLine": start.line,
                                "startColumn": start.column,
                                "endLine": end.line,
                                "endColumn": end.column,
                            },
                            "insertedContent": { "text": &edit.replacement },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "artifactChanges": [{
                        "artifactLocation": &location,
                        "replacements": replacements,
                    }],
                }]);
            }
            let separator = if self.written == 0 { "\n" } else { ",\n" };
            write!(self.out, "{separator}{result}")?;
            self.written += 1;
        }
        Ok(())
    }

    fn error(&mut self, error: &PathError) -> io::Result<()> {
        writeln!(self.err, "error: {}", error.in_lang(self.lang))?;
        let said = error.message_in(self.lang);
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": said },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": artifact_location(&error.path, self.cwd.as_deref()),
                }
            }],
        }));
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.start()?;
        if self.notifications.is_empty() {
            writeln!(self.out, "\n]}}]}}")?;
        } else {
            // Files that could not be read: the run did not do all it was
            // asked to.
            let invocations = json!([{
                "executionSuccessful": false,
                "toolExecutionNotifications": std::mem::take(&mut self.notifications),
            }]);
            writeln!(self.out, "\n],\"invocations\":{invocations}}}]}}")?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use std::path::Path;

    #[test]
    fn names_and_uris() {
        assert_eq!(
            super::pascal_case("missing-specific-competence"),
            "MissingSpecificCompetence"
        );
        let cwd = Some(Path::new("/work/katalog"));
        let location = |name| super::artifact_location(name, cwd);
        assert_eq!(
            location("emner/økonomi 1.lub.md"),
            json!({"uri": "emner/%C3%B8konomi%201.lub.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            location("/work/katalog/./a/b.lub.md"),
            json!({"uri": "a/b.lub.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            location("/tmp/x.lub.md"),
            json!({"uri": "file:///tmp/x.lub.md"})
        );
        assert_eq!(
            location("../andre/x.lub.md"),
            json!({"uri": "file:///work/andre/x.lub.md"})
        );
    }
}
