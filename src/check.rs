//! The pipeline of `lub check`: find the files, read each, parse, analyse,
//! run the rules, and hand each file's findings to a reporter in a stable
//! order; then the rules that compare documents.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::analyse::{self, Data, FrameworkSource};
use crate::config::{Config, Defaults, FrameworkChoice, RuleSetting};
use crate::error::FileError;
use crate::facts::DocFacts;
use crate::files::{
    DEFAULT_MAX_FILE_SIZE, Include, PathError, display_path, folder_of, read_file, read_own_file,
};
use crate::finding::{AppliedFix, FileReport, Finding, RefusedBecause, RefusedFix, Summary};
use crate::lang::{Lang, LangSource};
use crate::messages::{Msg, Text};
use crate::output::Reporter;
use crate::parse::{self, Document, Field};
use crate::rules::{Catalogue, Context, DocSummary, RuleKind, RuleSet};
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
    /// The most bytes of text kept while a run waits for the findings
    /// across documents.
    kept_texts: usize,
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

/// What `Linter::check` does beyond checking.
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

/// A document for a run: a file to read, or a text already in memory
/// (standard input, an editor's buffer, a rule's example). A text is never
/// written back: fixing it gives its fixed text as a diff would.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Text { name: String, bytes: Vec<u8> },
}

impl Input {
    /// The input's name, as findings show it.
    fn name(&self) -> String {
        match self {
            Input::File(path) => display_path(path),
            Input::Text { name, .. } => name.clone(),
        }
    }

    /// Its bytes: read (at most `max` of them) for a file.
    fn bytes(&self, max: u64) -> Result<Vec<u8>, PathError> {
        match self {
            Input::File(path) => read_file(path, max),
            Input::Text { bytes, .. } => Ok(bytes.clone()),
        }
    }

    /// Its size, for batching; 0 for a file that cannot be read, which
    /// `bytes` then refuses cheaply.
    fn size(&self, max: u64) -> u64 {
        match self {
            Input::File(path) => std::fs::metadata(path).map_or(0, |m| m.len().min(max)),
            Input::Text { bytes, .. } => (bytes.len() as u64).min(max),
        }
    }
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
        let (mut rules, errors) = RuleSet::compile(files, &data, speak.ui_lang);
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
            kept_texts: KEPT_TEXTS,
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
        input: &Input,
        parked: Parked,
        across: Vec<Finding>,
    ) -> (Result<FileChecked, PathError>, Vec<Finding>) {
        let mut file = parked.file;
        let Some(hash) = parked.hash else {
            return (Ok(file), across);
        };
        let name = file.checked.source.name.clone();
        let bytes = match input.bytes(self.max_file_size) {
            Ok(bytes) => bytes,
            Err(error) => return (Err(error), Vec::new()),
        };
        let text = match source::decode(bytes.clone()) {
            Ok(text) => text,
            Err(undecodable) => undecodable.shown,
        };
        if text_hash(&text) == hash {
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
            .any(|r| r.enabled && r.kind.compares_documents())
    }

    /// Checks documents held in memory, the rules that compare documents
    /// included, through the one pipeline [`Linter::check`]; one report per
    /// document, in order.
    pub fn check_sources(&self, sources: Vec<SourceFile>) -> Vec<FileReport> {
        let inputs: Vec<Input> = sources
            .into_iter()
            .map(|source| Input::Text {
                name: source.name.to_string(),
                bytes: source.text.to_string().into_bytes(),
            })
            .collect();
        let mut collected = crate::output::Collected::default();
        // Writing to memory cannot fail, and nothing is read from disk.
        let _ = self.check(&inputs, &mut collected, FixMode::Off);
        collected.reports
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

    /// The pipeline every front-end runs: checks every input and hands
    /// each report to `reporter`, in the order of `inputs`, fixing or
    /// diffing as `mode` says. Inputs are read and checked in parallel, a
    /// batch at a time, and each file's findings are written on the thread
    /// that checked it where the format can. When no rule compares
    /// documents, each batch is reported while the next is checked, so
    /// memory stays flat however many files there are; otherwise every
    /// report waits for the findings across documents, which join their
    /// document's report in its place, before its directives apply.
    pub fn check(
        &self,
        inputs: &[Input],
        reporter: &mut dyn Reporter,
        mode: FixMode,
    ) -> std::io::Result<Summary> {
        const BATCH: usize = 512;
        // Only the catalogue report asks, and it never fixes.
        let wants_facts = mode == FixMode::Off && reporter.wants_facts();
        let check_one = |input: &Input| -> Result<FileChecked, PathError> {
            let bytes = input.bytes(self.max_file_size)?;
            let name = input.name();
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
            let diff = match (&fixing.text, mode, input) {
                (Some(text), FixMode::Write, Input::File(path)) => {
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
                (Some(text), _, _) => Some(crate::output::unified_diff(
                    &name,
                    &String::from_utf8_lossy(&bytes),
                    text,
                )),
                (None, _, _) => None,
            };
            Ok(FileChecked {
                checked: fixing.checked,
                summary: fixing.summary,
                fixed: Some((fixing.fixes, diff)),
                refused: fixing.refused,
                // What was written is listed; a diff shows itself.
                applied: if mode == FixMode::Write && matches!(input, Input::File(_)) {
                    fixing.applied
                } else {
                    Vec::new()
                },
                facts: None,
                not_fixed: None,
            })
        };
        let ahead = reporter.ahead();
        let ahead = ahead.as_deref();
        let complete = |result: Result<FileChecked, PathError>, across: Vec<Finding>| {
            result.map(|file| Done::of(file, across, &self.rules, ahead))
        };
        let check_batch = |batch: &[Input]| -> Vec<Result<FileChecked, PathError>> {
            // One file (a pre-commit hook, an editor) is checked on this
            // thread: starting the pool would cost more than the check.
            if batch.len() == 1 {
                batch.iter().map(check_one).collect()
            } else {
                batch.par_iter().map(check_one).collect()
            }
        };
        let mut summary = Summary::default();
        let mut report_one = |result: Result<Done, PathError>| -> std::io::Result<()> {
            match result {
                Ok(file) => {
                    let report = &file.report;
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
                    summary.add(report);
                    summary.refused.extend(file.refused);
                    if let Some(facts) = &file.facts {
                        reporter.facts(facts)?;
                    }
                    match file.pieces {
                        Some(pieces) => reporter.file_ahead(report, pieces)?,
                        None => reporter.file(report)?,
                    }
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
            // Every report waits for the findings across documents. Past
            // `KEPT_TEXTS`, the texts are not kept meanwhile: each is read
            // again when its report is written, and memory holds the
            // findings and small summaries of the run, not its documents.
            let mut parked = Vec::with_capacity(inputs.len());
            let mut kept = 0;
            for batch in inputs.chunks(BATCH) {
                parked.extend(
                    check_batch(batch)
                        .into_iter()
                        .map(|r| r.map(|file| Parked::of(file, &mut kept, self.kept_texts))),
                );
            }
            let across = self.across_documents(
                parked
                    .iter()
                    .map(|r| r.as_ref().ok().and_then(|p| p.file.summary.as_ref())),
            );
            let mut across = across.into_iter();
            for (batch, results) in inputs.chunks(BATCH).zip(chunks_of(parked, BATCH)) {
                let found: Vec<Vec<Finding>> = across.by_ref().take(results.len()).collect();
                let restore = |(input, (result, found)): (
                    &Input,
                    (Result<Parked, PathError>, Vec<Finding>),
                )| match result {
                    Ok(parked) => {
                        let (result, found) = self.unpark(input, parked, found);
                        complete(result, found)
                    }
                    Err(error) => Err(error),
                };
                let restored: Vec<Result<Done, PathError>> = if batch.len() == 1 {
                    batch
                        .iter()
                        .zip(results.into_iter().zip(found))
                        .map(restore)
                        .collect()
                } else {
                    batch
                        .par_iter()
                        .zip(results.into_par_iter().zip(found))
                        .map(restore)
                        .collect()
                };
                for result in restored {
                    report_one(result)?;
                }
            }
            return Ok(summary);
        }
        // While one batch is reported here, the next is checked on the pool:
        // the report never waits for the whole run, and memory holds at most
        // two batches.
        let check_batch = |batch: &[Input]| -> Vec<Result<Done, PathError>> {
            batch
                .par_iter()
                .map(|path| complete(check_one(path), Vec::new()))
                .collect()
        };
        std::thread::scope(|scope| -> std::io::Result<()> {
            let mut previous: Option<Vec<Result<Done, PathError>>> = None;
            for batch in batches(inputs, BATCH, self.max_file_size) {
                if batch.alone
                    && let Some(results) = previous.take()
                {
                    for result in results {
                        report_one(result)?;
                    }
                }
                let range = batch.files.clone();
                let next = scope.spawn(|| check_batch(&inputs[range]));
                if let Some(results) = previous.take() {
                    for result in results {
                        report_one(result)?;
                    }
                }
                let results = next
                    .join()
                    .map_err(|_| std::io::Error::other("a checking thread failed"))?;
                previous = Some(results);
            }
            for result in previous.into_iter().flatten() {
                report_one(result)?;
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
fn batches(files: &[Input], most: usize, max_file_size: u64) -> Vec<Batch> {
    let budget = max_file_size / 2;
    let large = max_file_size / 4;
    let mut out: Vec<Batch> = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, path) in files.iter().enumerate() {
        let size = path.size(max_file_size);
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

/// A file's result while the run waits for the findings across documents:
/// with its text while the texts kept stay within `most` bytes, else
/// without it, and `hash` tells whether the text read back is the one
/// checked.
struct Parked {
    file: FileChecked,
    hash: Option<u64>,
}

/// The most bytes of text a run keeps while it waits for the findings
/// across documents: a catalogue of ordinary size is read once, and a huge
/// one still holds no more than this of its texts.
const KEPT_TEXTS: usize = 64 * 1024 * 1024;

impl Parked {
    fn of(mut file: FileChecked, kept: &mut usize, most: usize) -> Parked {
        let size = file.checked.source.held_bytes();
        if *kept + size <= most {
            *kept += size;
            return Parked { file, hash: None };
        }
        let hash = text_hash(&file.checked.source.text);
        file.checked.source = SourceFile::new(file.checked.source.name.clone(), "");
        Parked {
            file,
            hash: Some(hash),
        }
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

/// A file's report, its directives applied, and its findings written ahead
/// where the format can.
struct Done {
    report: FileReport,
    pieces: Option<Vec<String>>,
    fixed: Option<(usize, Option<String>)>,
    refused: Vec<RefusedFix>,
    applied: Vec<AppliedFix>,
    facts: Option<DocFacts>,
    not_fixed: Option<PathError>,
}

impl Done {
    fn of(
        file: FileChecked,
        across: Vec<Finding>,
        rules: &RuleSet,
        ahead: Option<&dyn crate::output::Ahead>,
    ) -> Done {
        let report = file.checked.finish(rules, across);
        // Written again on the printing thread if this fails, which then
        // says why.
        let pieces = ahead.and_then(|ahead| ahead.pieces(&report).ok());
        Done {
            report,
            pieces,
            fixed: file.fixed,
            refused: file.refused,
            applied: file.applied,
            facts: file.facts,
            not_fixed: file.not_fixed,
        }
    }
}

/// The rule files of a folder named in `lub.yaml`, sorted by name, and the
/// errors of those that could not be read or that lead outside `within`.
fn read_rule_folder(
    folder: &Path,
    within: Option<&Path>,
) -> (Vec<(String, crate::rules::RawRule)>, Vec<FileError>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts kept or read back, a catalogue's report is the same.
    #[test]
    fn a_run_that_reads_its_texts_back_reports_what_one_that_keeps_them_does() {
        let mut files = Vec::new();
        for entry in ignore::Walk::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")) {
            let path = entry.unwrap().into_path();
            if crate::files::is_lub_file(&path) {
                files.push(path);
            }
        }
        files.sort();
        assert!(files.len() > 20);
        let report = |kept_texts: usize| {
            let mut linter = Linter::builtin().unwrap();
            linter.kept_texts = kept_texts;
            assert!(linter.wants_summaries());
            let mut out = Vec::new();
            let mut reporter = crate::output::JsonReporter::new(
                Box::new(&mut out),
                Box::new(std::io::sink()),
                Lang::En,
            );
            let inputs: Vec<Input> = files.iter().cloned().map(Input::File).collect();
            let summary = linter.check(&inputs, &mut reporter, FixMode::Off).unwrap();
            reporter.finish(&summary).unwrap();
            drop(reporter);
            String::from_utf8(out).unwrap()
        };
        let kept = report(KEPT_TEXTS);
        assert!(kept.contains("translation-mismatch"));
        assert_eq!(kept, report(0));
        assert_eq!(kept, report(4096));
    }
}
