//! `lub.yaml`: found upward from the working folder (or named by
//! `--config`), it sets rule severities or turns rules off, adds rule
//! folders, names the framework version, and gives defaults for documents
//! that do not say their language, level or kind. Layered: built-in rules,
//! then the file, then the command line (`--select`, `--ignore`).
//!
//! ```yaml
//! framework: nkr-2014        # a version lub has, or a file beside lub.yaml
//! rules:
//!   vague-verb: error        # error | warning | info | off
//!   readability: off
//! rule-folders: [lub-rules]  # more rule files, beside lub.yaml
//! defaults:
//!   lang: nn
//!   level: 7
//!   kind: course
//! max-file-size-mb: 10       # larger files are refused, not read
//! include: ["outcomes/**/*.md"]  # more files folder walks check
//! message-lang: nb           # findings in this language, not the document's
//! ```

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::FileError;
use crate::files::Include;
use crate::finding::Severity;
use crate::lang::Lang;
use crate::messages::{Msg, Text, quote};
use crate::parse::Kind;

/// The names `lub.yaml` may have, tried in each folder from the working
/// folder up.
pub const FILE_NAMES: &[&str] = &["lub.yaml", ".lub.yaml"];

/// A rule's setting in `lub.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Severity(Severity),
    Off,
}

/// Defaults for documents whose front matter (and file name, for the
/// language) does not say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Defaults {
    pub lang: Option<Lang>,
    pub level: Option<crate::lang::Level>,
    pub kind: Option<Kind>,
}

/// A configuration, read and checked.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    /// A framework version lub has (`nkr-2014`), or a file.
    pub framework: Option<FrameworkChoice>,
    /// `(rule id, setting, line, column)`: ids are checked once the rules
    /// are loaded, so an unknown one can be reported where it is.
    pub rules: Vec<(String, RuleSetting, u64, u64)>,
    /// Folders of rule files, resolved against the config's folder.
    pub rule_folders: Vec<PathBuf>,
    pub defaults: Defaults,
    /// `max-file-size-mb`, in bytes.
    pub max_file_size: Option<u64>,
    /// `include`: files beyond `*.lub.md` that folder walks check.
    pub include: Option<Include>,
    /// `message-lang`: the language of every finding and of lub's own
    /// words, instead of each document's.
    pub message_lang: Option<Lang>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameworkChoice {
    Builtin(String),
    File(PathBuf),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    framework: Option<Spanned<String>>,
    rules: Option<crate::yaml::Entries<String>>,
    #[serde(default)]
    rule_folders: Vec<Spanned<String>>,
    #[serde(default)]
    defaults: Option<DefaultsFile>,
    max_file_size_mb: Option<Spanned<f64>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    message_lang: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultsFile {
    lang: Option<Spanned<String>>,
    level: Option<Spanned<i64>>,
    kind: Option<Spanned<String>>,
}

const TOP_KEYS: &[&str] = &[
    "framework",
    "rules",
    "rule-folders",
    "defaults",
    "max-file-size-mb",
    "include",
    "message-lang",
];
const DEFAULT_KEYS: &[&str] = &["lang", "level", "kind"];

/// How many folders up from `folder` the first configuration file is, and
/// its name. Whatever has the name is the configuration: a folder, a
/// dangling link or a FIFO there is an error when it is loaded, not a
/// reason to fall back on the parent's.
fn first_named(folder: &Path) -> Option<(usize, &'static str)> {
    folder.ancestors().enumerate().find_map(|(up, dir)| {
        FILE_NAMES
            .iter()
            .find(|name| std::fs::symlink_metadata(dir.join(name)).is_ok())
            .map(|name| (up, *name))
    })
}

impl Config {
    /// The configuration for a run in the working folder: the first
    /// `lub.yaml` from there upward, or none.
    pub fn discover() -> Result<Config, FileError> {
        let dir = std::env::current_dir()
            .map_err(|e| crate::files::PathError::new(Path::new("."), &e).file_error())?;
        match first_named(&dir) {
            Some((up, name)) => {
                // Relative, so that messages name `../lub.yaml` and
                // `rules/x.yaml`, not absolute paths.
                let path: PathBuf = std::iter::repeat_n(Path::new(".."), up)
                    .collect::<PathBuf>()
                    .join(name);
                Config::load(&path)
            }
            None => Ok(Config::default()),
        }
    }

    /// The configuration file of the documents in `folder`, found as
    /// [`Config::discover`] finds it from the working folder: for the
    /// server and the language server, whose documents lie anywhere.
    pub fn file_for(folder: &Path) -> Option<PathBuf> {
        first_named(folder)
            .map(|(up, name)| folder.ancestors().nth(up).unwrap_or(folder).join(name))
    }

    /// The configuration of the documents in `folder`, or the default when
    /// no folder from there upward has one. [`ConfigCache`] keeps it.
    pub fn from_dir(folder: &Path) -> Result<Config, FileError> {
        match Config::file_for(folder) {
            Some(file) => Config::load(&file),
            None => Ok(Config::default()),
        }
    }

    /// Reads `path` as a configuration.
    pub fn load(path: &Path) -> Result<Config, FileError> {
        let shown = crate::files::display_path(path);
        let text = crate::files::read_own_file(path)?;
        let folder = crate::files::folder_of(path);
        let mut config = Config::parse(&text, &shown, folder)?;
        config.path = Some(path.to_path_buf());
        // A symbolic link inside the folder may still lead out of it.
        let within = std::fs::canonicalize(folder);
        if let (Some(include), Ok(within)) = (&mut config.include, &within) {
            // Walked files are matched as resolved paths.
            include.base.clone_from(within);
        }
        let mut named: Vec<&PathBuf> = config.rule_folders.iter().collect();
        if let Some(FrameworkChoice::File(file)) = &config.framework {
            named.push(file);
        }
        for target in named {
            if let (Ok(within), Ok(resolved)) = (&within, std::fs::canonicalize(target))
                && !resolved.starts_with(within)
            {
                let target = crate::files::display_path(target);
                return Err(FileError::said(
                    &shown,
                    Msg::ConfigLeadsOutside.text(|lang| vec![("path", quote(lang, &target))]),
                ));
            }
        }
        Ok(config)
    }

    /// Reads configuration text; `folder` is where relative paths in it
    /// start.
    pub fn parse(text: &str, shown: &str, folder: &Path) -> Result<Config, FileError> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let file: ConfigFile = crate::yaml::from_str(text).map_err(|e| {
            let mut error = FileError::from_yaml(shown, &e);
            if let Some(text) = with_suggestion(&e.message) {
                error.message = text.en.clone();
                error.text = Some(Box::new(text));
            }
            error
        })?;
        let at = |s: &serde_saphyr::Location, message: Text| {
            FileError::said_at(shown, s.line(), s.column(), message)
        };
        let mut config = Config::default();
        if let Some(name) = file.framework {
            config.framework = Some(
                if name.value.ends_with(".yaml") || name.value.contains('/') {
                    FrameworkChoice::File(
                        inside(folder, &name.value).map_err(|m| at(&name.referenced, m))?,
                    )
                } else {
                    FrameworkChoice::Builtin(name.value)
                },
            );
        }
        for (id, setting) in file.rules.map(|e| e.0).unwrap_or_default() {
            let value = match setting.value.as_str() {
                "off" => RuleSetting::Off,
                other => RuleSetting::Severity(other.parse().map_err(|_| {
                    at(
                        &setting.referenced,
                        Msg::ConfigSeverity.text(|lang| {
                            vec![("key", id.value.clone()), ("value", quote(lang, other))]
                        }),
                    )
                })?),
            };
            config.rules.push((
                id.value,
                value,
                id.referenced.line(),
                id.referenced.column(),
            ));
        }
        for folder_name in file.rule_folders {
            let resolved =
                inside(folder, &folder_name.value).map_err(|m| at(&folder_name.referenced, m))?;
            config.rule_folders.push(resolved);
        }
        if !file.include.is_empty() {
            config.include = Some(include(&file.include, shown, folder, at)?);
        }
        if let Some(size) = file.max_file_size_mb {
            if !(size.value > 0.0 && size.value <= 4096.0) {
                return Err(at(
                    &size.referenced,
                    Msg::ConfigMaxSize.text(|_| vec![("value", size.value.to_string())]),
                ));
            }
            config.max_file_size = Some((size.value * 1024.0 * 1024.0) as u64);
        }
        if let Some(lang) = file.message_lang {
            config.message_lang = Some(Lang::from_code(&lang.value).ok_or_else(|| {
                at(
                    &lang.referenced,
                    Msg::ConfigLang.text(|ui| {
                        vec![
                            ("key", "message-lang".to_string()),
                            ("value", quote(ui, &lang.value)),
                        ]
                    }),
                )
            })?);
        }
        if let Some(defaults) = file.defaults {
            if let Some(lang) = defaults.lang {
                config.defaults.lang = Some(Lang::from_code(&lang.value).ok_or_else(|| {
                    at(
                        &lang.referenced,
                        Msg::ConfigLang.text(|ui| {
                            vec![
                                ("key", "lang".to_string()),
                                ("value", quote(ui, &lang.value)),
                            ]
                        }),
                    )
                })?);
            }
            if let Some(level) = defaults.level {
                config.defaults.level = Some(
                    crate::lang::Level::try_from(level.value)
                        .ok()
                        .ok_or_else(|| {
                            at(
                                &level.referenced,
                                Msg::ConfigLevel.text(|_| vec![("value", level.value.to_string())]),
                            )
                        })?,
                );
            }
            if let Some(kind) = defaults.kind {
                config.defaults.kind = Some(kind.value.parse::<Kind>().map_err(|other| {
                    at(
                        &kind.referenced,
                        Msg::ConfigKind.text(|lang| vec![("value", quote(lang, &other.0))]),
                    )
                })?);
            }
        }
        Ok(config)
    }
}

/// serde says "unknown field `rulez`, expected one of …"; say it as lub
/// does, with the field that was probably meant. `None` for another
/// message.
fn with_suggestion(message: &str) -> Option<Text> {
    let rest = message.split("unknown field `").nth(1)?;
    let field = rest.split('`').next()?.to_string();
    // serde names the keys it expected; whichever list they come from,
    // the closest key of either is the likely one.
    let known = TOP_KEYS.iter().chain(DEFAULT_KEYS).copied();
    Some(match crate::suggest::closest(&field, known) {
        Some(s) => Msg::ConfigUnknownKeyMeant
            .text(|_| vec![("key", field.clone()), ("suggestion", s.to_string())]),
        None => {
            let expected = message.split_once("expected").map_or("", |(_, e)| e).trim();
            // "one of `a`, `b`" in English; the keys alone in Norwegian.
            let keys: Vec<String> = expected
                .split('`')
                .skip(1)
                .step_by(2)
                .map(|k| format!("`{k}`"))
                .collect();
            Msg::ConfigUnknownKey.text(|lang| {
                let keys = match lang {
                    Lang::En => expected.to_string(),
                    _ => crate::messages::list(lang, &keys),
                };
                vec![("key", field.clone()), ("keys", keys)]
            })
        }
    })
}

/// The `include:` patterns compiled, each checked to be a glob that stays
/// inside the configuration's folder.
fn include(
    patterns: &[Spanned<String>],
    shown: &str,
    folder: &Path,
    at: impl Fn(&serde_saphyr::Location, Text) -> FileError,
) -> Result<Include, FileError> {
    let mut set = globset::GlobSetBuilder::new();
    for pattern in patterns {
        let text = pattern.value.as_str();
        if text.trim().is_empty() {
            return Err(at(
                &pattern.referenced,
                Msg::ConfigIncludeEmpty.text(|_| Vec::new()),
            ));
        }
        inside(folder, text).map_err(|m| at(&pattern.referenced, m))?;
        let glob = globset::GlobBuilder::new(text)
            .literal_separator(true)
            .build()
            .map_err(|e| {
                at(
                    &pattern.referenced,
                    Msg::ConfigIncludeNotGlob.text(|lang| {
                        vec![
                            ("pattern", quote(lang, text)),
                            ("error", e.kind().to_string()),
                        ]
                    }),
                )
            })?;
        set.add(glob);
    }
    let set = set.build().map_err(|e| {
        FileError::said(
            shown,
            Msg::ConfigIncludeUnusable.text(|_| vec![("error", e.to_string())]),
        )
    })?;
    Ok(Include {
        base: folder.to_path_buf(),
        patterns: patterns.iter().map(|p| p.value.clone()).collect(),
        config: shown.to_string(),
        set,
    })
}

/// `relative` resolved against `folder`, refused if it is absolute or
/// leads out of `folder`: a configuration checked into a catalogue must not
/// make lub read files elsewhere on the machine.
fn inside(folder: &Path, relative: &str) -> Result<PathBuf, Text> {
    let path = Path::new(relative);
    if path.is_absolute()
        || path
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
    {
        return Err(Msg::ConfigMustBeInside.text(|lang| vec![("path", quote(lang, relative))]));
    }
    Ok(folder.join(path))
}

/// The configuration of each folder's documents, read once and read again
/// only when its file changed, or another one now stands nearer: the
/// language server checks documents of many folders, each on every
/// keystroke, and must not parse `lub.yaml` each time.
#[derive(Debug, Default)]
pub struct ConfigCache {
    folders: std::collections::HashMap<PathBuf, Cached>,
}

#[derive(Debug)]
struct Cached {
    file: Option<PathBuf>,
    modified: Option<std::time::SystemTime>,
    config: Result<std::sync::Arc<Config>, FileError>,
}

impl ConfigCache {
    /// The configuration of the documents in `folder` (`None`: a document
    /// in no folder, which gets the default), as [`Config::from_dir`]
    /// reads it. The same `Arc` comes back until the file changes, so a
    /// caller can keep what it built from it.
    pub fn get(&mut self, folder: Option<&Path>) -> Result<std::sync::Arc<Config>, FileError> {
        let Some(folder) = folder else {
            return Ok(self.default_config());
        };
        // Finding the file is a few file-system checks; reading it is what
        // is saved.
        let file = Config::file_for(folder);
        let modified = file.as_deref().and_then(modified);
        if let Some(cached) = self.folders.get(folder)
            && cached.file == file
            && cached.modified == modified
        {
            return cached.config.clone();
        }
        let config = match &file {
            Some(path) => Config::load(path).map(std::sync::Arc::new),
            None => Ok(self.default_config()),
        };
        self.folders.insert(
            folder.to_path_buf(),
            Cached {
                file,
                modified,
                config: config.clone(),
            },
        );
        config
    }

    /// The file `get` found for `folder` when it last read it: `None` for
    /// the default, or a folder it has not been asked about.
    pub fn file(&self, folder: Option<&Path>) -> Option<&Path> {
        self.folders.get(folder?)?.file.as_deref()
    }

    /// One default for every folder without a file, so that what is built
    /// from it is built once.
    fn default_config(&mut self) -> std::sync::Arc<Config> {
        let none = self
            .folders
            .entry(PathBuf::new())
            .or_insert_with(|| Cached {
                file: None,
                modified: None,
                config: Ok(std::sync::Arc::new(Config::default())),
            });
        match &none.config {
            Ok(config) => config.clone(),
            Err(_) => std::sync::Arc::new(Config::default()),
        }
    }
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Level;

    fn parse(text: &str) -> Result<Config, FileError> {
        Config::parse(text, "lub.yaml", Path::new("/catalogue"))
    }

    #[test]
    fn a_full_config_reads() {
        let config = parse(
            "framework: nkr-2014\nrules:\n  vague-verb: error\n  readability: off\nrule-folders: [extra]\ndefaults:\n  lang: nn\n  level: 7\n  kind: course\n",
        )
        .unwrap();
        assert_eq!(
            config.framework,
            Some(FrameworkChoice::Builtin("nkr-2014".into()))
        );
        assert_eq!(config.rules[0].0, "vague-verb");
        assert_eq!(config.rules[0].1, RuleSetting::Severity(Severity::Error));
        assert_eq!(
            (config.rules[1].1, config.rules[1].2),
            (RuleSetting::Off, 4)
        );
        assert_eq!(config.rule_folders, vec![PathBuf::from("/catalogue/extra")]);
        assert_eq!(
            config.defaults,
            Defaults {
                lang: Some(Lang::Nn),
                level: Level::try_from(7u8).ok(),
                kind: Some(Kind::Course)
            }
        );
    }

    #[test]
    fn mistakes_are_errors_with_positions_and_suggestions() {
        let e = parse("rulez:\n  vague-verb: off\n").unwrap_err();
        assert_eq!(e.message, "unknown key `rulez`; did you mean `rules`?");
        assert_eq!(e.line, 1);
        let e = parse("rules:\n  vague-verb: loud\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 15));
        let e = parse("defaults:\n  levle: 7\n").unwrap_err();
        assert_eq!(e.message, "unknown key `levle`; did you mean `level`?");
        let e = parse("defaults:\n  level: 9\n").unwrap_err();
        assert!(e.message.contains("5 to 8"), "{e}");
        let e = parse("rules: {a: off, a: on}\n").unwrap_err();
        assert_eq!(e.message, "the key `a` appears twice; keep one");
    }

    #[test]
    fn include_patterns_match_below_the_config_folder() {
        let config =
            parse("include: [\"outcomes/**/*.md\", \"*.txt\", \"k/*.{md,txt}\"]\n").unwrap();
        let include = config.include.unwrap();
        assert_eq!(include.patterns.len(), 3);
        let matches = |path: &str| include.matches(Path::new(path));
        assert!(matches("/catalogue/outcomes/a.md"));
        assert!(matches("/catalogue/outcomes/x/y/b.md"));
        assert!(matches("/catalogue/top.txt"));
        assert!(matches("/catalogue/k/c.txt"));
        assert!(
            !matches("/catalogue/sub/top.txt"),
            "`*` stays in its folder"
        );
        assert!(!matches("/catalogue/outcomes/a.txt"));
        assert!(
            !matches("/elsewhere/top.txt"),
            "outside the config's folder"
        );
        assert!(parse("include: []\n").unwrap().include.is_none());
        assert!(parse("include: [\"/etc/*.txt\"]\n").is_err());
        assert!(parse("include: [\"\"]\n").is_err());
    }

    #[test]
    fn the_configuration_of_any_folder_is_the_first_from_there_upward() {
        let root = tempfile::tempdir().unwrap();
        let deep = root.path().join("fak/inst/emne");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(root.path().join("fak/lub.yaml"), "defaults:\n  level: 7\n").unwrap();
        assert_eq!(
            Config::file_for(&deep),
            Some(root.path().join("fak/lub.yaml"))
        );
        assert_eq!(
            Config::from_dir(&deep)
                .unwrap()
                .defaults
                .level
                .map(Level::get),
            Some(7)
        );
        // A folder of that name nearer is the configuration, and an error,
        // as it is for `lub check`.
        std::fs::create_dir(root.path().join("fak/inst/lub.yaml")).unwrap();
        assert_eq!(
            Config::file_for(&deep),
            Some(root.path().join("fak/inst/lub.yaml"))
        );
        assert!(Config::from_dir(&deep).is_err());
    }

    #[test]
    fn paths_stay_inside_the_config_folder() {
        assert!(parse("rule-folders: [../elsewhere]\n").is_err());
        assert!(parse("rule-folders: [/etc]\n").is_err());
        assert!(parse("framework: ../nkr.yaml\n").is_err());
        assert!(parse("framework: frameworks/nkr-2026.yaml\n").is_ok());
    }

    #[test]
    fn the_cache_reads_a_folders_configuration_again_only_when_it_changed() {
        use std::sync::Arc;
        let root = tempfile::tempdir().unwrap();
        let deep = root.path().join("fak/emne");
        std::fs::create_dir_all(&deep).unwrap();
        let file = root.path().join("fak/lub.yaml");
        std::fs::write(&file, "defaults:\n  level: 7\n").unwrap();
        let mut cache = ConfigCache::default();
        let first = cache.get(Some(&deep)).unwrap();
        assert_eq!(first.defaults.level.map(Level::get), Some(7));
        assert!(Arc::ptr_eq(&first, &cache.get(Some(&deep)).unwrap()));

        std::fs::write(&file, "defaults:\n  level: 6\n").unwrap();
        // However fast the write, the file's time says it changed.
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(later)
            .unwrap();
        let second = cache.get(Some(&deep)).unwrap();
        assert_eq!(second.defaults.level.map(Level::get), Some(6));

        // A nearer file is the folder's now.
        std::fs::write(deep.join("lub.yaml"), "defaults:\n  level: 8\n").unwrap();
        let third = cache.get(Some(&deep)).unwrap();
        assert_eq!(third.defaults.level.map(Level::get), Some(8));
        assert_eq!(third.path.as_deref(), Some(deep.join("lub.yaml").as_path()));

        // A broken file is an error, kept as one until it is mended.
        std::fs::write(deep.join("lub.yaml"), "levle: 7\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(deep.join("lub.yaml"))
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(cache.get(Some(&deep)).is_err());
        assert!(cache.get(Some(&deep)).is_err());

        // Folders with no file, and documents in none, share one default.
        let bare = tempfile::tempdir().unwrap();
        let a = cache.get(Some(bare.path())).unwrap();
        assert!(a.path.is_none());
        assert!(Arc::ptr_eq(&a, &cache.get(None).unwrap()));
        assert_eq!(cache.file(Some(bare.path())), None);
        assert_eq!(
            cache.file(Some(&deep)),
            Some(deep.join("lub.yaml").as_path())
        );
    }
}
