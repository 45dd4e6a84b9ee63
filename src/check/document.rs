//! One document through parse, analyse and the rules, its directives read
//! but not yet applied: what the pipeline does for each input.

use crate::analyse;
use crate::finding::{FileReport, Finding};
use crate::lang::LangSource;
use crate::messages::{Msg, Text};
use crate::parse::{self, Document, Field};
use crate::rules::{Context, DocSummary, RuleKind, RuleSet};
use crate::source::{self, SourceFile, SourceId};
use crate::suppress::Allowances;

use super::Linter;

/// Why a file is not text, and what to do, in each language.
fn decode_error_text(error: &source::DecodeError) -> (Text, Text) {
    match *error {
        source::DecodeError::Binary { offset } => (
            Msg::Binary.text(|_| vec![("offset", offset.to_string())]),
            Msg::BinaryHelp.text(|_| Vec::new()),
        ),
        source::DecodeError::Utf16 => (
            Msg::Utf16.text(|_| Vec::new()),
            Msg::SaveAsUtf8.text(|_| Vec::new()),
        ),
        source::DecodeError::NotUtf8 { offset, line } => (
            Msg::NotUtf8.text(|_| vec![("offset", offset.to_string()), ("line", line.to_string())]),
            Msg::SaveAsUtf8.text(|_| Vec::new()),
        ),
    }
}

impl Linter {
    /// The document a file's bytes hold: parsed if they are text, else an
    /// empty one whose problem says what they are.
    pub(super) fn document(
        &self,
        id: SourceId,
        name: &str,
        bytes: Vec<u8>,
    ) -> (SourceFile, Document) {
        match source::decode(bytes) {
            Ok(text) => {
                let source = SourceFile::new(name, text).with_id(id);
                let doc = self.parse(&source);
                (source, doc)
            }
            Err(undecodable) => {
                // Point at the first bad byte, shown as U+FFFD in the line
                // around it.
                let span = match undecodable.error {
                    source::DecodeError::NotUtf8 { offset, .. } => {
                        offset..offset + '\u{FFFD}'.len_utf8()
                    }
                    _ => 0..0,
                };
                let source = SourceFile::new(name, undecodable.shown).with_id(id);
                let (message, help) = decode_error_text(&undecodable.error);
                let doc = parse::unreadable(&source, message, Some(help), span);
                (source, doc)
            }
        }
    }
    pub(super) fn check_parsed(
        &self,
        source: SourceFile,
        doc: &Document,
    ) -> (Checked, Option<DocSummary>) {
        let summary = self
            .wants_summaries()
            .then(|| DocSummary::new(doc, &source, self.speech(doc)));
        (self.run(source, doc), summary)
    }

    /// The parsed document with what the configuration supplies where the
    /// document says nothing.
    pub fn parse(&self, source: &SourceFile) -> Document {
        let mut doc = parse::parse(source);
        self.apply_defaults(&mut doc);
        doc
    }

    fn apply_defaults(&self, doc: &mut Document) {
        let defaults = &self.defaults;
        if let Some(lang) = defaults.lang
            && matches!(doc.lang_source, LangSource::Content | LangSource::Default)
        {
            doc.lang = lang;
            doc.lang_source = LangSource::Config;
        }
        // What `lub.yaml` says wins over what lub read from the text.
        if (doc.meta.level.is_none() || doc.inferred.level)
            && let Some(level) = defaults.level
        {
            doc.meta.level = Some(Field {
                value: level,
                span: 0..0,
            });
            doc.inferred.level = false;
        }
        if (doc.meta.kind.is_none() || doc.inferred.kind)
            && let Some(value) = defaults.kind
        {
            doc.meta.kind = Some(Field { value, span: 0..0 });
            doc.inferred.kind = false;
        }
        self.say_missing_metadata(doc);
    }

    /// When neither the front matter, `lub.yaml` nor the text says the
    /// document's level or kind: which rules did not run for that, and what
    /// to add.
    fn say_missing_metadata(&self, doc: &mut Document) {
        let readable = !doc.problems.iter().any(|p| {
            matches!(
                p.kind,
                parse::ProblemKind::Unreadable | parse::ProblemKind::Empty
            )
        });
        // Bad front matter is reported as such; saying that its level is
        // missing too would say it twice.
        let bad_front_matter = doc
            .problems
            .iter()
            .any(|p| p.kind == parse::ProblemKind::FrontMatter);
        if !readable || bad_front_matter {
            return;
        }
        let enabled = |wants: &dyn Fn(&crate::rules::Rule) -> bool| -> Vec<String> {
            self.rules
                .iter()
                .filter(|r| r.enabled && wants(r))
                .map(|r| r.meta.id.to_string())
                .collect()
        };
        let mut said: Vec<(Msg, String)> = Vec::new();
        let mut help = Vec::new();
        if doc.meta.level.is_none() {
            let rules = enabled(&|r| {
                r.meta.levels.is_some()
                    || matches!(r.kind, RuleKind::LevelWording | RuleKind::NkrThemes)
            });
            if !rules.is_empty() {
                said.push((Msg::MissingLevel, rules.join(", ")));
                help.push(Msg::MissingLevelHelp);
            }
        }
        if doc.meta.kind.is_none() {
            let rules = enabled(&|r| r.meta.applies_to.is_some() || r.kind == RuleKind::Count);
            if !rules.is_empty() {
                said.push((Msg::MissingKind, rules.join(", ")));
                help.push(Msg::MissingKindHelp);
            }
        }
        if said.is_empty() {
            return;
        }
        doc.problems.push(parse::Problem {
            kind: parse::ProblemKind::MissingMetadata,
            span: crate::rules::kinds::document_anchor(doc),
            message: Msg::MissingMetadata.text(|lang| {
                let what: Vec<String> = said
                    .iter()
                    .map(|(msg, rules)| msg.say(lang, &[("rules", rules)]))
                    .collect();
                vec![("what", what.join(&format!(", {} ", Msg::Nor.get(lang))))]
            }),
            help: Some(Msg::MissingMetadataHelp.text(|lang| {
                let what: Vec<String> = help.iter().map(|m| m.get(lang).to_string()).collect();
                vec![("what", what.join(&format!(" {} ", Msg::And.get(lang))))]
            })),
            replacement: None,
        });
    }

    pub(super) fn run(&self, source: SourceFile, doc: &Document) -> Checked {
        let analysis = analyse::analyse(doc, &source, &self.data, self.rules.phrases());
        let findings = self.rules.check(&Context {
            source: &source,
            doc,
            analysis: &analysis,
            data: &self.data,
            speech: self.speech(doc),
            outcome_words: Default::default(),
        });
        let allowances = Allowances::read(doc, &source, self.speech(doc));
        Checked {
            source,
            findings,
            allowances,
        }
    }
}

/// A document checked, before its directives are applied: the findings
/// across documents may still join it.
pub(super) struct Checked {
    pub(super) source: SourceFile,
    pub(super) findings: Vec<Finding>,
    allowances: Allowances,
}

impl Checked {
    /// The document's report: its findings and those `across` documents,
    /// less what its directives allow, in order.
    pub(super) fn finish(self, rules: &RuleSet, mut across: Vec<Finding>) -> FileReport {
        let mut findings = self.findings;
        findings.append(&mut across);
        let findings = self.allowances.apply(findings, rules);
        FileReport::new(self.source, findings)
    }

    /// The findings its directives do not allow, for fixing.
    pub(super) fn allowed_out(&self, rules: &RuleSet) -> Vec<Finding> {
        self.allowances.apply(self.findings.clone(), rules)
    }
}
