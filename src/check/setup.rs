//! The linter's set-up: the rules and data of a run, from the
//! configuration and the command line's selection.

use std::path::{Path, PathBuf};

use crate::analyse::{self, Data, FrameworkSource};
use crate::config::{Config, Defaults, FrameworkChoice, RuleSetting};
use crate::error::FileError;
use crate::files::{
    DEFAULT_MAX_FILE_SIZE, Include, PathError, display_path, folder_of, read_own_file,
};
use crate::lang::{Lang, LangSource};
use crate::messages::Msg;
use crate::parse::Document;
use crate::rules::RuleSet;

/// The rules and data of a run, ready to check any number of documents.
pub struct Linter {
    pub(super) data: Data,
    pub(super) rules: RuleSet,
    pub(super) defaults: Defaults,
    /// Files larger than this are refused, not read.
    pub max_file_size: u64,
    /// The most bytes of text kept while a run waits for the findings
    /// across documents.
    pub(super) kept_texts: usize,
    pub(super) include: Option<Include>,
    pub(super) setup_errors: Vec<FileError>,
    pub(super) speak: Speak,
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
            kept_texts: super::KEPT_TEXTS,
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
