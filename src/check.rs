//! The pipeline of `lub check`: find the files, read each, parse, analyse,
//! run the rules, and hand each file's findings to a reporter in a stable
//! order; then the rules that compare documents.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::analyse::{self, Data, FrameworkSource};
use crate::catalogue::DocFacts;
use crate::config::{Config, Defaults, FrameworkChoice, Include, RuleSetting};
use crate::error::FileError;
use crate::finding::{FileReport, Finding, Severity};
use crate::lang::{Lang, LangSource};
use crate::messages::{Msg, Text};
use crate::parse::{self, Document, Field};
use crate::report::Reporter;
use crate::rules::{Catalogue, Context, DocSummary, RuleSet, Scope};
use crate::source::{self, SourceFile};
use crate::suppress::Allowances;

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

/// The rules and data of a run, ready to check any number of documents.
pub struct Linter {
    data: Data,
    rules: RuleSet,
    defaults: Defaults,
    /// Files larger than this are refused, not read.
    pub max_file_size: u64,
    include: Option<Include>,
    setup_errors: Vec<FileError>,
    speak: Speak,
}

/// Which language lub speaks in a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Speak {
    /// `--message-lang` or `message-lang:` in `lub.yaml`: every finding
    /// in this language. Without it, each finding speaks its document's.
    pub message_lang: Option<Lang>,
    /// lub's own words (summary lines, errors), and the findings of a
    /// document whose language lub could not tell: the message language,
    /// else the user's locale, else English.
    pub ui_lang: Lang,
}

impl Speak {
    /// The message language if one is set, else the locale's (read by
    /// `var`), else English.
    pub fn new(message_lang: Option<Lang>, var: impl Fn(&str) -> Option<String>) -> Speak {
        Speak {
            message_lang,
            ui_lang: message_lang
                .or_else(|| crate::messages::locale_lang(var))
                .unwrap_or(Lang::En),
        }
    }
}

/// What `check_files` does beyond checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Only report.
    #[default]
    Off,
    /// Apply the safe fixes and write each changed file.
    Write,
    /// Compute the safe fixes and report them as diffs; write nothing.
    Diff,
}

/// A document after its safe fixes.
pub struct Fixed {
    /// The findings that remain, positioned in the fixed text.
    pub report: FileReport,
    pub summary: Option<DocSummary>,
    /// The fixed text, if any fix applied.
    pub text: Option<String>,
    /// How many fixes applied.
    pub fixes: usize,
    /// The safe fixes that were not applied, and why.
    pub refused: Vec<RefusedFix>,
    /// What each applied fix changed, in the order applied.
    pub applied: Vec<AppliedFix>,
}

/// One change `--fix` made: where, by which rule, the text before and
/// after (an insertion has no text before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    /// 1-based, in the text as it was before the fix.
    pub line: usize,
    pub rule: String,
    pub before: String,
    pub after: String,
}

impl AppliedFix {
    /// The changes of `finding`'s fix to `source`.
    fn of(finding: &Finding, source: &SourceFile) -> Vec<AppliedFix> {
        finding
            .fix
            .iter()
            .flat_map(|f| &f.edits)
            .map(|edit| AppliedFix {
                line: source.position(edit.span.start).line,
                rule: finding.rule.to_string(),
                before: source
                    .text
                    .get(edit.span.clone())
                    .unwrap_or("")
                    .trim()
                    .to_string(),
                after: edit.replacement.trim().to_string(),
            })
            .collect()
    }
}

/// Which rules run, from the command line: `--select` keeps only the
/// named ones, `--ignore` drops the named ones.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Linter {
    /// A linter with lub's built-in rules and no configuration.
    pub fn builtin() -> Result<Self, FileError> {
        Linter::new(&Config::default(), &Selection::default())
    }

    /// A linter for a configuration and a selection of rules, speaking
    /// the configuration's `message-lang`, else each document's language
    /// (and English where that is not known).
    pub fn new(config: &Config, selection: &Selection) -> Result<Self, FileError> {
        let speak = Speak::new(config.message_lang, |_| None);
        Linter::speaking(config, selection, speak)
    }

    /// A linter that speaks as `speak` says.
    pub fn speaking(
        config: &Config,
        selection: &Selection,
        speak: Speak,
    ) -> Result<Self, FileError> {
        let config_name = config
            .path
            .as_deref()
            .map_or_else(|| "lub.yaml".to_string(), display_path);
        let framework_yaml;
        let framework_path;
        let framework = match &config.framework {
            None => FrameworkSource::Builtin(analyse::DEFAULT_FRAMEWORK),
            Some(FrameworkChoice::Builtin(name)) => FrameworkSource::Builtin(name),
            Some(FrameworkChoice::File(path)) => {
                framework_path = display_path(path);
                framework_yaml = read_own_file(path)?;
                FrameworkSource::File {
                    path: &framework_path,
                    yaml: &framework_yaml,
                }
            }
        };
        let data = Data::load(&framework)?;

        let mut files = crate::rules::builtin_files()?;
        let mut setup_errors = Vec::new();
        // Rule files are read only from within the configuration's folder,
        // resolved: a link in a rule folder may lead anywhere.
        let within = config
            .path
            .as_deref()
            .and_then(|path| std::fs::canonicalize(folder_of(path)).ok());
        for folder in &config.rule_folders {
            let (read, errors) = read_rule_folder(folder, within.as_deref());
            files.extend(read);
            setup_errors.extend(errors);
        }
        let (mut rules, errors) = RuleSet::compile(files, &data);
        setup_errors.extend(errors);

        for (id, setting, line, column) in &config.rules {
            let Some(rule) = rules.get_mut(id) else {
                let error = FileError::at(
                    &config_name,
                    *line,
                    *column,
                    rules.not_a_rule(id, speak.ui_lang),
                );
                // The rule may be in a file that was left out for its error.
                if setup_errors.is_empty() {
                    return Err(error);
                }
                setup_errors.push(error);
                continue;
            };
            match setting {
                RuleSetting::Off => rule.enabled = false,
                RuleSetting::Severity(severity) => rule.severity = *severity,
            }
        }
        for (flag, ids) in [
            ("--select", &selection.select),
            ("--ignore", &selection.ignore),
        ] {
            for id in ids {
                if rules.get(id).is_none() {
                    return Err(FileError::new(flag, rules.not_a_rule(id, speak.ui_lang)));
                }
            }
        }
        if !selection.select.is_empty() {
            rules.enable_only(|r| selection.select.iter().any(|id| **id == *r.id));
        }
        rules.enable_only(|r| !selection.ignore.iter().any(|id| **id == *r.id));
        Ok(Linter {
            data,
            rules,
            defaults: config.defaults.clone(),
            max_file_size: config.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
            include: config.include.clone(),
            setup_errors,
            speak,
        })
    }

    /// Rule files that were left out for their errors; the run goes on
    /// without them but must not pass as complete.
    pub fn setup_errors(&self) -> &[FileError] {
        &self.setup_errors
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The language of lub's own words in this run.
    pub fn ui_lang(&self) -> Lang {
        self.speak.ui_lang
    }

    /// `lub.yaml`'s defaults for documents that do not say.
    pub fn defaults(&self) -> &Defaults {
        &self.defaults
    }

    /// How the findings about `doc` speak: the message language, else the
    /// document's own, else (when lub could not tell it) lub's.
    pub fn speech(&self, doc: &Document) -> crate::rules::Speech {
        let lang = self.speak.message_lang.unwrap_or(match doc.lang_source {
            LangSource::Default => self.speak.ui_lang,
            _ => doc.lang,
        });
        crate::rules::Speech {
            lang,
            kind: doc.meta.kind.as_ref().map(|k| k.value),
        }
    }

    /// The `include:` patterns of the configuration: more files that
    /// folder walks check.
    pub fn include(&self) -> Option<&Include> {
        self.include.as_ref()
    }

    pub fn rules_mut(&mut self) -> &mut RuleSet {
        &mut self.rules
    }

    pub fn data(&self) -> &Data {
        &self.data
    }

    /// Checks a file's bytes. `name` is what findings are reported under.
    pub fn check_bytes(&self, name: &str, bytes: Vec<u8>) -> FileReport {
        let (source, doc) = self.document(name, bytes);
        self.run(source, &doc).finish(&self.rules, Vec::new())
    }

    pub fn check_source(&self, source: SourceFile) -> FileReport {
        let doc = self.parse(&source);
        self.run(source, &doc).finish(&self.rules, Vec::new())
    }

    /// Checks a file's bytes and keeps the parsed document, for commands
    /// that go on to use it (`render`). A file that is not text gives a
    /// document with no sections.
    pub fn check_document(&self, name: &str, bytes: Vec<u8>) -> (Document, FileReport) {
        let (source, doc) = self.document(name, bytes);
        let report = self.run(source, &doc).finish(&self.rules, Vec::new());
        (doc, report)
    }

    /// The document a file's bytes hold: parsed if they are text, else an
    /// empty one whose problem says what they are.
    fn document(&self, name: &str, bytes: Vec<u8>) -> (SourceFile, Document) {
        match source::decode(bytes) {
            Ok(text) => {
                let source = SourceFile::new(name, text);
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
                let source = SourceFile::new(name, undecodable.shown);
                let (message, help) = decode_error_text(&undecodable.error);
                let doc = parse::unreadable(&source, message, Some(help), span);
                (source, doc)
            }
        }
    }

    /// Checks a file's bytes and applies the safe fixes, round after round
    /// until none is left (or `fix::MAX_ROUNDS`).
    pub fn fix_bytes(&self, name: &str, bytes: Vec<u8>) -> Fixed {
        let fixing = self.fixing(name, bytes);
        Fixed {
            report: fixing.checked.finish(&self.rules, Vec::new()),
            summary: fixing.summary,
            text: fixing.text,
            fixes: fixing.fixes,
            refused: fixing.refused,
            applied: fixing.applied,
        }
    }

    /// `fix_bytes`, with the last round's findings not yet suppressed.
    ///
    /// Every fix is checked after it is applied: the document is checked
    /// again, and the fix is kept only if its finding is gone and no new
    /// finding came of it. Fixes are tried together first; when that fails,
    /// one at a time, and each that fails alone is refused.
    fn fixing(&self, name: &str, bytes: Vec<u8>) -> Fixing {
        let (source, doc) = self.document(name, bytes);
        let unreadable = doc
            .problems
            .iter()
            .any(|p| p.kind == parse::ProblemKind::Unreadable);
        let mut text = source.text.to_string();
        let (mut checked, mut summary) = self.check_parsed(source, &doc);
        let mut fixes = 0;
        let mut refused: Vec<(Finding, RefusedBecause)> = Vec::new();
        let mut changes = Vec::new();
        // Each round applies at least one fix or refuses at least one, so
        // this bounds the work by the number of fixes, not the rounds.
        let mut rounds = 0;
        while !unreadable && rounds < crate::fix::MAX_ROUNDS * 8 {
            rounds += 1;
            // A finding its directive allows is not fixed, nor one whose fix
            // was refused.
            let findings: Vec<Finding> = checked
                .allowed_out(&self.rules)
                .into_iter()
                .filter(|f| {
                    !refused
                        .iter()
                        .any(|(r, _)| r.rule == f.rule && r.message == f.message)
                })
                .collect();
            let Some((fixed, applied)) = crate::fix::apply_which(&text, &findings) else {
                break;
            };
            let attempt = self.recheck(name, &fixed);
            let applied_findings: Vec<&Finding> =
                applied.iter().filter_map(|&i| findings.get(i)).collect();
            if fix_holds(
                &findings,
                &applied_findings,
                &attempt.0.allowed_out(&self.rules),
            )
            .is_ok()
            {
                fixes += applied.len();
                let before = &checked.source;
                changes.extend(
                    applied_findings
                        .iter()
                        .flat_map(|f| AppliedFix::of(f, before)),
                );
                text = fixed;
                (checked, summary) = attempt;
                continue;
            }
            // Together they fail: the first that holds alone is kept, and
            // those tried before it that fail alone are refused.
            let mut progress = false;
            let refused_before = refused.len();
            for finding in applied_findings {
                let alone = std::slice::from_ref(finding);
                let Some((fixed, _)) = crate::fix::apply_which(&text, alone) else {
                    continue;
                };
                let attempt = self.recheck(name, &fixed);
                match fix_holds(&findings, &[finding], &attempt.0.allowed_out(&self.rules)) {
                    Ok(()) => {
                        fixes += 1;
                        changes.extend(AppliedFix::of(finding, &checked.source));
                        text = fixed;
                        (checked, summary) = attempt;
                        progress = true;
                        break;
                    }
                    Err(reason) => refused.push((finding.clone(), reason)),
                }
            }
            if !progress && refused.len() == refused_before {
                break;
            }
        }
        let refused = refused
            .into_iter()
            .map(|(finding, reason)| {
                // Placed where the finding stands in the fixed text.
                let standing = checked
                    .findings
                    .iter()
                    .find(|f| f.rule == finding.rule && f.message == finding.message)
                    .unwrap_or(&finding);
                let at = checked.source.position(standing.span.start);
                RefusedFix {
                    file: name.to_string(),
                    line: at.line,
                    column: at.column,
                    rule: finding.rule.to_string(),
                    reason,
                }
            })
            .collect();
        Fixing {
            checked,
            summary,
            text: (fixes > 0).then_some(text),
            fixes,
            refused,
            applied: changes,
        }
    }

    /// A parked file's report made whole again: its text read back, and
    /// the findings across documents with it. A file that changed since it
    /// was checked is checked again as it is now, without them, since they
    /// point into the text that was.
    fn unpark(
        &self,
        path: &Path,
        parked: Parked,
        across: Vec<Finding>,
    ) -> (Result<FileChecked, PathError>, Vec<Finding>) {
        let mut file = parked.file;
        let name = file.checked.source.name.clone();
        let bytes = match read_file(path, self.max_file_size) {
            Ok(bytes) => bytes,
            Err(error) => return (Err(error), Vec::new()),
        };
        let text = match source::decode(bytes.clone()) {
            Ok(text) => text,
            Err(undecodable) => undecodable.shown,
        };
        if text_hash(&text) == parked.hash {
            file.checked.source = SourceFile::new(name, text);
            return (Ok(file), across);
        }
        let (source, doc) = self.document(&name, bytes);
        (file.checked, _) = self.check_parsed(source, &doc);
        (Ok(file), Vec::new())
    }

    /// A fixed text, checked as a document of its own.
    fn recheck(&self, name: &str, text: &str) -> (Checked, Option<DocSummary>) {
        let source = SourceFile::new(name, text);
        let doc = self.parse(&source);
        self.check_parsed(source, &doc)
    }

    fn check_parsed(&self, source: SourceFile, doc: &Document) -> (Checked, Option<DocSummary>) {
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
            && let Some(value) = defaults.level
        {
            doc.meta.level = Some(Field { value, span: 0..0 });
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
                    || matches!(r.meta.kind.as_str(), "level-wording" | "nkr-themes")
            });
            if !rules.is_empty() {
                said.push((Msg::MissingLevel, rules.join(", ")));
                help.push(Msg::MissingLevelHelp);
            }
        }
        if doc.meta.kind.is_none() {
            let rules = enabled(&|r| r.meta.applies_to.is_some() || r.meta.kind == "count");
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

    fn run(&self, source: SourceFile, doc: &Document) -> Checked {
        let analysis = analyse::analyse(doc, &source, &self.data, self.rules.phrases());
        let findings = self.rules.check(&Context {
            source: &source,
            doc,
            analysis: &analysis,
            data: &self.data,
            speech: self.speech(doc),
        });
        let allowances = Allowances::read(doc, &source, self.speech(doc));
        Checked {
            source,
            findings,
            allowances,
        }
    }

    /// Whether a rule that compares documents is on, so that every
    /// document's report waits for the others.
    fn wants_summaries(&self) -> bool {
        self.rules
            .iter()
            .any(|r| r.enabled && r.meta.scope == Scope::Catalogue)
    }

    /// Checks documents held in memory, the rules that compare documents
    /// included; one report per document, in order.
    pub fn check_sources(&self, sources: Vec<SourceFile>) -> Vec<FileReport> {
        let checked: Vec<(Checked, Option<DocSummary>)> = sources
            .into_iter()
            .map(|source| {
                let doc = self.parse(&source);
                self.check_parsed(source, &doc)
            })
            .collect();
        let mut across = self.across_documents(checked.iter().map(|(_, s)| s.as_ref()));
        checked
            .into_iter()
            .zip(across.iter_mut())
            .map(|((checked, _), found)| checked.finish(&self.rules, std::mem::take(found)))
            .collect()
    }

    /// The findings of the rules that compare documents, one list for each
    /// of `summaries` (empty for a document with no summary).
    fn across_documents<'s>(
        &self,
        summaries: impl Iterator<Item = Option<&'s DocSummary>>,
    ) -> Vec<Vec<Finding>> {
        let mut catalogue = Catalogue::default();
        // The index of each summarised document among all of them.
        let mut index = Vec::new();
        let mut count = 0;
        for (i, summary) in summaries.enumerate() {
            if let Some(summary) = summary {
                catalogue.docs.push(summary.clone());
                index.push(i);
            }
            count = i + 1;
        }
        let mut found = vec![Vec::new(); count];
        if catalogue.docs.is_empty() {
            return found;
        }
        for (doc, finding) in self.rules.check_catalogue(&catalogue) {
            if let Some(list) = index.get(doc).and_then(|&i| found.get_mut(i)) {
                list.push(finding);
            }
        }
        found
    }

    /// Checks every file and hands each report to `reporter`, in the order
    /// of `files`. Files are read and checked in parallel, a batch at a
    /// time. When no rule compares documents, each batch is reported while
    /// the next is checked, so memory stays flat however many files there
    /// are; otherwise every report waits for the findings across documents,
    /// which join their document's report in its place.
    pub fn check_files(
        &self,
        files: &[PathBuf],
        reporter: &mut dyn Reporter,
    ) -> std::io::Result<Summary> {
        self.check_files_fixing(files, reporter, FixMode::Off)
    }

    /// `check_files`, fixing or diffing as `mode` says.
    pub fn check_files_fixing(
        &self,
        files: &[PathBuf],
        reporter: &mut dyn Reporter,
        mode: FixMode,
    ) -> std::io::Result<Summary> {
        const BATCH: usize = 512;
        // Only the catalogue report asks, and it never fixes.
        let wants_facts = mode == FixMode::Off && reporter.wants_facts();
        let check_one = |path: &PathBuf| -> Result<FileChecked, PathError> {
            let bytes = read_file(path, self.max_file_size)?;
            let name = display_path(path);
            if mode == FixMode::Off {
                let (source, doc) = self.document(&name, bytes);
                let facts = wants_facts.then(|| DocFacts::new(&doc, &source, &self.rules));
                let (checked, summary) = self.check_parsed(source, &doc);
                return Ok(FileChecked {
                    checked,
                    summary,
                    fixed: None,
                    refused: Vec::new(),
                    applied: Vec::new(),
                    facts,
                    not_fixed: None,
                });
            }
            let fixing = self.fixing(&name, bytes.clone());
            let diff = match (&fixing.text, mode) {
                (Some(text), FixMode::Write) => {
                    if let Err(e) = crate::fix::write_atomic(path, &bytes, text) {
                        let error = PathError::new(path, &e);
                        let text = Msg::NotFixed.text(|lang| {
                            let why = error.text.as_ref().map_or(&*error.message, |t| t.get(lang));
                            vec![("error", why.to_string())]
                        });
                        let error = PathError {
                            message: format!("not fixed: {}", error.message),
                            text: Some(text),
                            ..error
                        };
                        // The file is as it was: so are its findings, all of
                        // them, where they stand in it.
                        let (source, doc) = self.document(&name, bytes);
                        let (checked, summary) = self.check_parsed(source, &doc);
                        return Ok(FileChecked {
                            checked,
                            summary,
                            fixed: None,
                            refused: Vec::new(),
                            applied: Vec::new(),
                            facts: None,
                            not_fixed: Some(error),
                        });
                    }
                    None
                }
                (Some(text), _) => Some(crate::report::unified_diff(
                    &name,
                    &String::from_utf8_lossy(&bytes),
                    text,
                )),
                (None, _) => None,
            };
            Ok(FileChecked {
                checked: fixing.checked,
                summary: fixing.summary,
                fixed: Some((fixing.fixes, diff)),
                refused: fixing.refused,
                // What was written is listed; a diff shows itself.
                applied: if mode == FixMode::Write {
                    fixing.applied
                } else {
                    Vec::new()
                },
                facts: None,
                not_fixed: None,
            })
        };
        let check_batch = |batch: &[PathBuf]| -> Vec<Result<FileChecked, PathError>> {
            batch.par_iter().map(check_one).collect()
        };
        let mut summary = Summary::default();
        let mut report_one =
            |result: Result<FileChecked, PathError>, across: Vec<Finding>| -> std::io::Result<()> {
                match result {
                    Ok(file) => {
                        let report = file.checked.finish(&self.rules, across);
                        if let Some((fixes, diff)) = file.fixed
                            && fixes > 0
                        {
                            summary.fixes += fixes;
                            summary.files_fixed += 1;
                            reporter.fixed(&report.source.name, fixes, diff.as_deref())?;
                            if !file.applied.is_empty() {
                                reporter.applied(&report.source.name, &file.applied)?;
                            }
                        }
                        summary.add(&report);
                        summary.refused.extend(file.refused);
                        if let Some(facts) = &file.facts {
                            reporter.facts(facts)?;
                        }
                        reporter.file(&report)?;
                        if let Some(error) = file.not_fixed {
                            reporter.error(&error)?;
                            summary.errors.push(error);
                        }
                        Ok(())
                    }
                    Err(error) => {
                        reporter.error(&error)?;
                        summary.errors.push(error);
                        Ok(())
                    }
                }
            };
        if self.wants_summaries() {
            // Every report waits for the findings across documents, so the
            // texts are not kept meanwhile: each is read again when its
            // report is written, and memory holds the findings and small
            // summaries of the run, not its documents.
            let mut parked = Vec::with_capacity(files.len());
            for batch in files.chunks(BATCH) {
                parked.extend(check_batch(batch).into_iter().map(|r| r.map(Parked::of)));
            }
            let across = self.across_documents(
                parked
                    .iter()
                    .map(|r| r.as_ref().ok().and_then(|p| p.file.summary.as_ref())),
            );
            let mut across = across.into_iter();
            for (paths, results) in files.chunks(BATCH).zip(chunks_of(parked, BATCH)) {
                let found: Vec<Vec<Finding>> = across.by_ref().take(results.len()).collect();
                let restored: Vec<(Result<FileChecked, PathError>, Vec<Finding>)> = paths
                    .par_iter()
                    .zip(results.into_par_iter().zip(found))
                    .map(|(path, (result, found))| match result {
                        Ok(parked) => self.unpark(path, parked, found),
                        Err(error) => (Err(error), found),
                    })
                    .collect();
                for (result, found) in restored {
                    report_one(result, found)?;
                }
            }
            return Ok(summary);
        }
        // While one batch is reported here, the next is checked on the pool:
        // the report never waits for the whole run, and memory holds at most
        // two batches.
        std::thread::scope(|scope| -> std::io::Result<()> {
            let mut previous: Option<Vec<Result<FileChecked, PathError>>> = None;
            for batch in batches(files, BATCH, self.max_file_size) {
                if batch.alone
                    && let Some(results) = previous.take()
                {
                    for result in results {
                        report_one(result, Vec::new())?;
                    }
                }
                let range = batch.files.clone();
                let next = scope.spawn(|| check_batch(&files[range]));
                if let Some(results) = previous.take() {
                    for result in results {
                        report_one(result, Vec::new())?;
                    }
                }
                let results = next
                    .join()
                    .map_err(|_| std::io::Error::other("a checking thread failed"))?;
                previous = Some(results);
            }
            for result in previous.into_iter().flatten() {
                report_one(result, Vec::new())?;
            }
            Ok(())
        })?;
        Ok(summary)
    }
}

/// Files checked together, by their place in the list.
struct Batch {
    files: std::ops::Range<usize>,
    /// Checked while no other batch is held: a file of more than a quarter
    /// of the size limit.
    alone: bool,
}

/// `files` cut into batches of at most `most` files and, together, half of
/// `max_file_size` bytes, and every file of more than a quarter of it in a
/// batch of its own. Checking takes up to 40 times a file's size while it
/// runs, and two batches are held at a time (one checked, one reported), so
/// memory stays within 40 times the limit, whatever the files: five hundred
/// files of 10 MB checked side by side took many gigabytes.
fn batches(files: &[PathBuf], most: usize, max_file_size: u64) -> Vec<Batch> {
    let budget = max_file_size / 2;
    let large = max_file_size / 4;
    let mut out: Vec<Batch> = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, path) in files.iter().enumerate() {
        // A file that cannot be read is refused by `read_file`, cheaply.
        let size = std::fs::metadata(path).map_or(0, |m| m.len().min(max_file_size));
        if size > large {
            if start < i {
                out.push(Batch {
                    files: start..i,
                    alone: false,
                });
            }
            out.push(Batch {
                files: i..i + 1,
                alone: true,
            });
            start = i + 1;
            bytes = 0;
            continue;
        }
        if start < i && (i - start >= most || bytes + size > budget) {
            out.push(Batch {
                files: start..i,
                alone: false,
            });
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < files.len() {
        out.push(Batch {
            files: start..files.len(),
            alone: false,
        });
    }
    out
}

/// A document checked, before its directives are applied: the findings
/// across documents may still join it.
struct Checked {
    source: SourceFile,
    findings: Vec<Finding>,
    allowances: Allowances,
}

impl Checked {
    /// The document's report: its findings and those `across` documents,
    /// less what its directives allow, in order.
    fn finish(self, rules: &RuleSet, mut across: Vec<Finding>) -> FileReport {
        let mut findings = self.findings;
        findings.append(&mut across);
        let findings = self.allowances.apply(findings, rules);
        FileReport::new(self.source, findings)
    }

    /// The findings its directives do not allow, for fixing.
    fn allowed_out(&self, rules: &RuleSet) -> Vec<Finding> {
        self.allowances.apply(self.findings.clone(), rules)
    }
}

/// A document being fixed: the last round checked, and what was fixed.
struct Fixing {
    checked: Checked,
    summary: Option<DocSummary>,
    text: Option<String>,
    fixes: usize,
    refused: Vec<RefusedFix>,
    applied: Vec<AppliedFix>,
}

/// Whether applying the fixes of `applied` to a document whose findings
/// were `before` gave a document whose findings are `after` as a fix must:
/// each fixed finding gone, and no finding that was not there before.
/// Findings are compared by how many of each rule there are, since a fix
/// moves the others and may change the words they quote.
fn fix_holds(
    before: &[Finding],
    applied: &[&Finding],
    after: &[Finding],
) -> Result<(), RefusedBecause> {
    let mut allowed: std::collections::BTreeMap<&str, isize> = std::collections::BTreeMap::new();
    for finding in before {
        *allowed.entry(&finding.rule).or_default() += 1;
    }
    for finding in applied {
        *allowed.entry(&finding.rule).or_default() -= 1;
    }
    let mut found: std::collections::BTreeMap<&str, isize> = std::collections::BTreeMap::new();
    for finding in after {
        *found.entry(&finding.rule).or_default() += 1;
    }
    for (rule, &count) in &found {
        let limit = allowed.get(rule).copied().unwrap_or(0);
        if count > limit {
            let fixed_here = applied.iter().any(|f| &*f.rule == *rule);
            let before = limit + applied.iter().filter(|f| &*f.rule == *rule).count() as isize;
            return Err(if fixed_here && count <= before {
                RefusedBecause::StillThere
            } else {
                RefusedBecause::NewFinding(rule.to_string())
            });
        }
    }
    Ok(())
}

/// A safe fix lub did not apply, because the document it gave did not
/// hold (`fix_holds`), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedFix {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub rule: String,
    pub reason: RefusedBecause,
}

/// Why a safe fix was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusedBecause {
    /// Its finding was found again in the fixed text.
    StillThere,
    /// The fixed text had a finding of this rule that the text before did
    /// not.
    NewFinding(String),
}

impl RefusedFix {
    /// What lub says of it, in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        let place = format!(
            "{}:{}:{}",
            crate::escape::visible(&self.file),
            self.line,
            self.column
        );
        match &self.reason {
            RefusedBecause::StillThere => {
                Msg::FixRefusedStillThere.say(lang, &[("place", &place), ("rule", &self.rule)])
            }
            RefusedBecause::NewFinding(other) => Msg::FixRefusedNewFinding.say(
                lang,
                &[("place", &place), ("rule", &self.rule), ("other", other)],
            ),
        }
    }
}

/// A file's result without its text, while the run waits for the findings
/// across documents; `hash` tells whether the text read back is the one
/// checked.
struct Parked {
    file: FileChecked,
    hash: u64,
}

impl Parked {
    fn of(mut file: FileChecked) -> Parked {
        let hash = text_hash(&file.checked.source.text);
        file.checked.source = SourceFile::new(file.checked.source.name.clone(), "");
        Parked { file, hash }
    }
}

fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// `items` in runs of `size`, taken apart rather than borrowed.
fn chunks_of<T>(items: Vec<T>, size: usize) -> Vec<Vec<T>> {
    let mut out = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        out.push(items.by_ref().take(size).collect());
    }
    out
}

/// What checking one file gave.
struct FileChecked {
    checked: Checked,
    summary: Option<DocSummary>,
    /// How many fixes, and the diff, when fixing.
    fixed: Option<(usize, Option<String>)>,
    refused: Vec<RefusedFix>,
    /// What the fixes changed, when they were written.
    applied: Vec<AppliedFix>,
    facts: Option<DocFacts>,
    /// Why the fixed text could not be written; the findings are then
    /// those of the file as it is.
    not_fixed: Option<PathError>,
}

/// The rule files of a folder named in `lub.yaml`, sorted by name, and the
/// errors of those that could not be read or that lead outside `within`.
fn read_rule_folder(
    folder: &Path,
    within: Option<&Path>,
) -> (Vec<(String, crate::rules::RuleFile)>, Vec<FileError>) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            let error = PathError::new(folder, &e).file_error();
            return (Vec::new(), vec![error]);
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let shown = display_path(&path);
        if let (Some(within), Ok(resolved)) = (within, std::fs::canonicalize(&path))
            && !resolved.starts_with(within)
        {
            errors.push(FileError::said(
                &shown,
                Msg::ConfigLinkOutside.text(|_| Vec::new()),
            ));
            continue;
        }
        match read_own_file(&path).and_then(|text| crate::rules::read(&shown, &text)) {
            Ok(rule) => rules.push((shown, rule)),
            Err(error) => errors.push(error),
        }
    }
    (rules, errors)
}

/// The largest configuration, rule or framework file lub reads: far more
/// than any real one, and a bound on what a hostile one can cost.
const OWN_FILE_MAX: u64 = 4 * 1024 * 1024;

/// Reads a file lub needs for itself: `lub.yaml`, a rule or framework file.
pub fn read_own_file(path: &Path) -> Result<String, FileError> {
    let shown = display_path(path);
    let bytes = read_file(path, OWN_FILE_MAX).map_err(|e| FileError {
        file: shown.clone(),
        ..e.file_error()
    })?;
    String::from_utf8(bytes)
        .map_err(|_| FileError::said(&shown, Msg::NotUtf8Text.text(|_| Vec::new())))
}

/// The largest file lub reads unless `lub.yaml` says otherwise: a thousand
/// times a long programme description, and small enough that checking it
/// takes seconds and a few hundred megabytes at most.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Reads a file of at most `max` bytes, refusing what is not a regular file
/// (a FIFO would block the run forever) and never holding more than `max`
/// bytes of it, even if it grows while being read.
///
/// The file is opened first, without blocking, and its type and size are
/// read from the open handle: checked by name before opening, a file
/// swapped for a FIFO in between blocked the run forever.
pub fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, PathError> {
    let file = open_without_blocking(path).map_err(|e| PathError::new(path, &e))?;
    let meta = file.metadata().map_err(|e| PathError::new(path, &e))?;
    if !meta.is_file() {
        let said = if meta.is_dir() {
            Msg::IsAFolder
        } else {
            Msg::NotRegular
        };
        return Err(PathError::said(path, said.text(|_| Vec::new())));
    }
    if meta.len() > max {
        return Err(PathError::said(
            path,
            too_large_message(Some(meta.len()), max),
        ));
    }
    read_at_most(file, max, path, usize::try_from(meta.len()).unwrap_or(0))
}

/// Opens `path` for reading; on Unix with `O_NONBLOCK`, so that opening a
/// FIFO with no writer returns at once instead of waiting for one.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // `OFlags` bits are the C `int` flags, which `custom_flags` takes.
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    options.open(path)
}

/// Reads at most `max` bytes from `reader`, refusing more, so that a file
/// that grows while it is read, or standard input, is never held whole.
pub fn read_at_most(
    reader: impl std::io::Read,
    max: u64,
    shown: &Path,
    capacity: usize,
) -> Result<Vec<u8>, PathError> {
    use std::io::Read as _;
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| PathError::new(shown, &e))?;
    if bytes.len() as u64 > max {
        return Err(PathError::said(shown, too_large_message(None, max)));
    }
    Ok(bytes)
}

/// Why a file over the limit was refused; `size` is unknown for a stream.
pub fn too_large_message(size: Option<u64>, max: u64) -> Text {
    match size {
        Some(size) => Msg::TooLargeFile.text(|lang| {
            vec![
                ("size", megabytes(lang, size)),
                ("max", megabytes(lang, max)),
            ]
        }),
        None => Msg::TooLargeStream.text(|lang| vec![("max", megabytes(lang, max))]),
    }
}

/// "4.0 MB", "4,0 MB": Norwegian writes a decimal comma.
fn megabytes(lang: Lang, bytes: u64) -> String {
    let text = format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0));
    match lang {
        Lang::En => text,
        Lang::Nb | Lang::Nn => text.replace('.', ","),
    }
}

/// What a whole run found.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub errors_found: usize,
    pub warnings_found: usize,
    pub infos_found: usize,
    /// Safe fixes applied (or, with `--diff`, that would be).
    pub fixes: usize,
    pub files_fixed: usize,
    /// Paths that could not be read (or fixed).
    pub errors: Vec<PathError>,
    /// Safe fixes that were not applied, because the document they gave
    /// did not hold.
    pub refused: Vec<RefusedFix>,
}

impl Summary {
    /// Counts a checked file and its findings.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        if !report.findings.is_empty() {
            self.files_with_findings += 1;
        }
        self.add_findings(report);
    }

    /// Counts findings of a file already counted.
    pub fn add_findings(&mut self, report: &FileReport) {
        self.errors_found += report.count(Severity::Error);
        self.warnings_found += report.count(Severity::Warning);
        self.infos_found += report.count(Severity::Info);
    }

    /// The most severe finding of the run.
    pub fn worst(&self) -> Option<Severity> {
        if self.errors_found > 0 {
            Some(Severity::Error)
        } else if self.warnings_found > 0 {
            Some(Severity::Warning)
        } else if self.infos_found > 0 {
            Some(Severity::Info)
        } else {
            None
        }
    }
}

/// A path given on the command line, or found while walking, that could
/// not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    /// What is wrong, in English.
    pub message: String,
    /// The message in each language, where lub wrote it itself (not the
    /// system's own words).
    pub text: Option<Text>,
}

impl PathError {
    pub fn new(path: &Path, error: &std::io::Error) -> Self {
        if let Some(said) = error
            .get_ref()
            .and_then(|e| e.downcast_ref::<crate::messages::Said>())
        {
            return PathError::said(path, said.0.clone());
        }
        let said = match error.kind() {
            // A message lub wrote itself ("the file is read-only") says more
            // than the name of its kind.
            _ if error.get_ref().is_some() => None,
            std::io::ErrorKind::NotFound => Some(Msg::NoSuchFile),
            std::io::ErrorKind::PermissionDenied => Some(Msg::PermissionDenied),
            std::io::ErrorKind::IsADirectory => Some(Msg::IsAFolder),
            std::io::ErrorKind::NotADirectory => Some(Msg::NotAFolder),
            std::io::ErrorKind::StorageFull => Some(Msg::DiskFull),
            std::io::ErrorKind::ReadOnlyFilesystem => Some(Msg::ReadOnlyFileSystem),
            // `ErrorKind::FilesystemLoop` is not stable yet; its name is.
            kind if format!("{kind:?}") == "FilesystemLoop" => Some(Msg::LinkLoop),
            _ => None,
        };
        match said {
            Some(said) => PathError::said(path, said.text(|_| Vec::new())),
            None => PathError {
                path: display_path(path),
                message: without_os_code(&error.to_string()),
                text: None,
            },
        }
    }

    /// The error as one in a file lub reads for itself.
    pub fn file_error(&self) -> FileError {
        match &self.text {
            Some(text) => FileError::said(&self.path, text.clone()),
            None => FileError::new(&self.path, &self.message),
        }
    }

    /// An error in lub's own words, in each language.
    fn said(path: &Path, text: Text) -> Self {
        PathError {
            path: display_path(path),
            message: text.en.clone(),
            text: Some(text),
        }
    }

    /// The error in `lang`, where lub has it in that language.
    pub fn in_lang(&self, lang: Lang) -> String {
        let message = self.text.as_ref().map_or(&*self.message, |t| t.get(lang));
        // Both on one line, whatever the name holds.
        format!(
            "{}: {}",
            crate::escape::visible(&self.path),
            crate::escape::visible(message)
        )
    }
}

/// What went wrong, in lub's plain words: "the disk is full", not "No space
/// left on device (os error 28)".
pub fn io_message(error: &std::io::Error) -> String {
    PathError::new(Path::new(""), error).message
}

/// An OS message as a sentence of ours: "Broken pipe (os error 32)" reads
/// "broken pipe".
fn without_os_code(message: &str) -> String {
    let message = match message.rfind(" (os error ") {
        Some(i) => message.get(..i).unwrap_or(message),
        None => message,
    };
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Both on one line, whatever the name holds.
        write!(
            f,
            "{}: {}",
            crate::escape::visible(&self.path),
            crate::escape::visible(&self.message)
        )
    }
}

/// The folder a path is in; `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// How a path is shown in findings: as given, without a leading `./`, with
/// `/` separators.
pub fn display_path(path: &Path) -> String {
    let shown = lossless_name(path.as_os_str());
    match shown.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => shown,
    }
}

/// The files to check: explicit files as given (any name), and the
/// `*.lub.md` files below each folder, honouring `.gitignore`. Sorted and
/// without duplicates, so output is the same on every run and machine. A
/// folder with no document in it is an error: a check that looked at
/// nothing must not pass.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathError>) {
    collect_files_including(paths, None)
}

/// `collect_files`, with the files `include:` in `lub.yaml` names found in
/// folders too.
pub fn collect_files_including(
    paths: &[PathBuf],
    include: Option<&Include>,
) -> (Vec<PathBuf>, Vec<PathError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => errors.push(PathError::new(path, &e)),
            Ok(meta) if meta.is_dir() => {
                let (found, failed) = (files.len(), errors.len());
                let unchecked = walk(path, include, &mut files, &mut errors);
                // A folder that could not be read says so already.
                if files.len() == found && errors.len() == failed {
                    errors.push(PathError::said(
                        path,
                        Text::each(|lang| no_document_message(&unchecked, include, lang)),
                    ));
                }
            }
            Ok(_) => files.push(path.clone()),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// Text files a folder walk saw and did not check.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Unchecked {
    md: usize,
    txt: usize,
}

impl Unchecked {
    fn count(&mut self, path: &Path) {
        let extension = path.extension().and_then(|e| e.to_str());
        if extension.is_some_and(|e| e.eq_ignore_ascii_case("md")) {
            self.md += 1;
        } else if extension.is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            self.txt += 1;
        }
    }
}

/// Why a folder gave nothing to check, and how to have its text files
/// checked.
fn no_document_message(unchecked: &Unchecked, include: Option<&Include>, lang: Lang) -> String {
    let mut message = Msg::NoDocumentHere.get(lang).to_string();
    if let Some(include) = include {
        message.push_str(&Msg::NorIncluded.say(lang, &[("config", &include.config)]));
    }
    let (seen, patterns) = match (unchecked.md, unchecked.txt) {
        (0, 0) => {
            message.push_str(Msg::NorMdTxt.get(lang));
            return message;
        }
        (md, 0) => (
            crate::messages::count(lang, md, Msg::MdFiles),
            r#"["**/*.md"]"#,
        ),
        (0, txt) => (
            crate::messages::count(lang, txt, Msg::TxtFiles),
            r#"["**/*.txt"]"#,
        ),
        (md, txt) => (
            Msg::MdAndTxtFiles.say(lang, &[("md", &md.to_string()), ("txt", &txt.to_string())]),
            r#"["**/*.md", "**/*.txt"]"#,
        ),
    };
    let unchecked_files = if unchecked.md + unchecked.txt == 1 {
        Msg::UncheckedOne
    } else {
        Msg::UncheckedMany
    };
    message.push_str(&unchecked_files.say(lang, &[("seen", &seen), ("patterns", patterns)]));
    message
}

/// Walks `dir` for documents, and returns the text files it left out.
fn walk(
    dir: &Path,
    include: Option<&Include>,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<PathError>,
) -> Unchecked {
    let walker = ignore::WalkBuilder::new(dir)
        // Honour .gitignore even outside a git repository: a catalogue
        // checked out as a tarball behaves like its clone.
        .require_git(false)
        .follow_links(false)
        .build();
    // `include:` patterns are relative to the configuration's folder,
    // resolved; entries below `dir` are resolved by resolving `dir` once
    // (the walk follows no links).
    let resolved = include.and_then(|_| std::fs::canonicalize(dir).ok());
    let included = |path: &Path| match (include, &resolved) {
        (Some(include), Some(resolved)) => path
            .strip_prefix(dir)
            .is_ok_and(|below| include.matches(&resolved.join(below))),
        _ => false,
    };
    let mut unchecked = Unchecked::default();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                if is_lub_file(entry.path()) || included(entry.path()) {
                    files.push(entry.into_path());
                } else {
                    unchecked.count(entry.path());
                }
            }
            Err(e) => errors.push(walk_error(dir, e)),
        }
    }
    unchecked
}

/// A name as text: bytes that are not UTF-8 are written `\xNN`, so that two
/// names that differ only there are still shown apart.
fn lossless_name(name: &std::ffi::OsStr) -> String {
    let mut shown = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        shown.push_str(&chunk.valid().replace('\\', "/"));
        for byte in chunk.invalid() {
            shown.push_str(&format!("\\x{byte:02x}"));
        }
    }
    shown
}

/// A document's name ends in `.lub.md`; the rest of it may be any bytes,
/// UTF-8 or not.
pub fn is_lub_file(path: &Path) -> bool {
    path.file_name()
        .map(std::ffi::OsStr::as_encoded_bytes)
        .is_some_and(|n| n.ends_with(b".lub.md") && n.len() > ".lub.md".len())
}

/// A walking error as path and message, without the path repeated inside
/// the message.
fn walk_error(dir: &Path, error: ignore::Error) -> PathError {
    let mut path = display_path(dir);
    let mut error = error;
    loop {
        error = match error {
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                *err
            }
            ignore::Error::WithPath { path: p, err } => {
                path = display_path(&p);
                *err
            }
            // The walker's own text repeats the path ("IO error for
            // operation on ./sub: …"); the kind says it in lub's words.
            ignore::Error::Io(io) if io.kind() != std::io::ErrorKind::Other => {
                return PathError::new(Path::new(&path), &std::io::Error::from(io.kind()));
            }
            ignore::Error::Io(io) => return PathError::new(Path::new(&path), &io),
            other => {
                return PathError {
                    path,
                    message: other.to_string(),
                    text: None,
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A FIFO with no writer: opened the usual way, the open waits for a
    /// writer forever. The answer is awaited on another thread so that a
    /// regression fails here instead of hanging the suite.
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_opened_without_waiting_and_refused_by_its_handle() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.lub.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let (send, receive) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let opened = open_without_blocking(&path).is_ok();
            let read = read_file(&path, DEFAULT_MAX_FILE_SIZE);
            let _ = send.send((opened, read));
        });
        let (opened, read) = receive
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("opening a FIFO returned");
        assert!(opened);
        assert_eq!(read.unwrap_err().message, "is not a regular file");
    }

    #[test]
    fn a_walking_error_is_said_in_plain_words() {
        let walker_text = std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "IO error for operation on ./sub: Permission denied (os error 13)",
        );
        let error = ignore::Error::WithPath {
            path: PathBuf::from("./sub"),
            err: Box::new(ignore::Error::Io(walker_text)),
        };
        let shown = walk_error(Path::new("."), error);
        assert_eq!(shown.to_string(), "sub: permission denied");
    }
}
