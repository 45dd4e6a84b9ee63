//! `--help` in the user's language: the command clap derives from [`Cli`],
//! with every about and help text, value name and heading taken from the
//! table in `messages.rs`, in the language lub speaks before it has parsed
//! anything (`--message-lang` as written, else `message-lang:` in
//! `lub.yaml`, else the locale, else English).
//!
//! The English texts of the table are those of the doc comments, so the
//! English help is what clap prints from them; in Norwegian, clap's own
//! headings ("Usage:", "Options:") and its notes on values ("[default:
//! …]", "[possible values: …]") are replaced as well, and its usage errors
//! ("unexpected argument …") are said again from what clap knows of them
//! (the argument, the value, the usage); a rare kind lub has no words for
//! stays in clap's English.

use std::ffi::OsString;
use std::path::Path;

use clap::builder::StyledStr;
use clap::{Arg, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::lang::Lang;
use crate::messages::{Msg, quote};

/// The arguments parsed, with `--help` and errors in `lang`.
pub fn parse_from(args: Vec<OsString>, lang: Lang) -> Result<Cli, clap::Error> {
    // The help texts are read only when clap prints something: arguments
    // it takes are parsed without putting the whole command tree into the
    // language first, and anything else is parsed again with it.
    if let Ok(matches) = Cli::command().try_get_matches_from(args.iter())
        && let Ok(cli) = Cli::from_arg_matches(&matches)
    {
        return Ok(cli);
    }
    let mut cmd = command(lang);
    let matches = cmd
        .try_get_matches_from_mut(args)
        .map_err(|e| usage_error(e, lang))?;
    Cli::from_arg_matches(&matches).map_err(|e| usage_error(e.format(&mut cmd), lang))
}

/// clap's usage error said in `lang`, from what clap knows of it (the
/// argument, the value, the usage); in English, or for an error lub does
/// not know the words of, clap's own.
fn usage_error(error: clap::Error, lang: Lang) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if lang == Lang::En {
        return error;
    }
    let get = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(all)) => Some(crate::messages::list(
            lang,
            &all.iter().map(|s| quote(lang, s)).collect::<Vec<_>>(),
        )),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg).map(|a| quote(lang, &a));
    let value = get(ContextKind::InvalidValue);
    let mut text = match (error.kind(), arg.as_deref(), value.as_deref()) {
        (ErrorKind::UnknownArgument, Some(arg), _) => {
            Msg::ClapUnknownArgument.say(lang, &[("arg", arg)])
        }
        (ErrorKind::InvalidValue, Some(arg), Some("")) => {
            Msg::ClapNoValue.say(lang, &[("arg", arg)])
        }
        (ErrorKind::InvalidValue | ErrorKind::ValueValidation, Some(arg), Some(value)) => {
            Msg::ClapInvalidValue.say(lang, &[("arg", arg), ("value", &quote(lang, value))])
        }
        (ErrorKind::TooManyValues, Some(arg), Some(value)) => {
            Msg::ClapTooMany.say(lang, &[("arg", arg), ("value", &quote(lang, value))])
        }
        (ErrorKind::MissingRequiredArgument, _, _) => {
            let args = match error.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(all)) => {
                    let all: Vec<String> = all.iter().map(|a| quote(lang, a)).collect();
                    crate::messages::list(lang, &all)
                }
                _ => return error,
            };
            Msg::ClapMissing.say(lang, &[("args", &args)])
        }
        (ErrorKind::ArgumentConflict, Some(arg), _) => match error.get(ContextKind::PriorArg) {
            Some(ContextValue::String(prior))
                if Some(&quote(lang, prior)) == Some(&arg.to_string()) =>
            {
                Msg::ClapRepeated.say(lang, &[("arg", arg)])
            }
            Some(ContextValue::String(prior)) => {
                Msg::ClapConflict.say(lang, &[("arg", arg), ("other", &quote(lang, prior))])
            }
            _ => return error,
        },
        (ErrorKind::InvalidSubcommand, _, _) => match get(ContextKind::InvalidSubcommand) {
            Some(command) => {
                Msg::ClapUnknownCommand.say(lang, &[("command", &quote(lang, &command))])
            }
            None => return error,
        },
        (ErrorKind::MissingSubcommand, _, _) => Msg::ClapMissingCommand.get(lang).to_string(),
        _ => return error,
    };
    if let Some(ContextValue::Strings(values)) = error.get(ContextKind::ValidValue) {
        let values: Vec<String> = values.iter().map(|v| quote(lang, v)).collect();
        text.push_str(&format!(
            "\n  {}",
            Msg::HelpValues.say(lang, &[("values", &crate::messages::list(lang, &values))])
        ));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let suggestion = match error.get(kind) {
            Some(ContextValue::String(one)) => Some(one),
            Some(ContextValue::Strings(all)) => all.first(),
            _ => None,
        };
        if let Some(suggestion) = suggestion {
            let suggestion = quote(lang, suggestion);
            text.push_str(&format!(
                "\n\n  {}",
                Msg::DidYouMean.say(lang, &[("suggestion", &suggestion)])
            ));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim();
        text.push_str(&format!("\n\n{} {usage}", Msg::HelpUsage.get(lang)));
    }
    text.push_str(&format!("\n\n{}\n", Msg::ClapMoreHelp.get(lang)));
    clap::Error::raw(error.kind(), text)
}

/// The language of lub's own words, known before parsing: `--message-lang`
/// as written in `args`, else `message-lang:` in the `lub.yaml` that
/// `--config` names or that is found, else the locale's (read by `env`),
/// else English.
pub fn ui_lang(args: &[OsString], env: &dyn Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = flag(args, "--message-lang").and_then(|v| Lang::from_code(&v)) {
        return lang;
    }
    let config = match flag(args, "--config") {
        Some(path) => crate::config::Config::load(Path::new(&path)).ok(),
        None => crate::config::Config::discover().ok(),
    };
    config
        .and_then(|c| c.message_lang)
        .or_else(|| crate::messages::locale_lang(env))
        .unwrap_or(Lang::En)
}

/// The value of `--name VALUE` or `--name=VALUE` in `args`, before `--`.
fn flag(args: &[OsString], name: &str) -> Option<String> {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            return None;
        }
        if arg == name {
            return args.next().map(std::borrow::Cow::into_owned);
        }
        if let Some(value) = arg.strip_prefix(name).and_then(|v| v.strip_prefix('=')) {
            return Some(value.to_string());
        }
    }
    None
}

/// lub's command line, speaking `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    // Built first, so that clap's own `--help`, `--version` and `help` are
    // there to be said in the language too.
    cmd.build();
    localize(cmd, None, lang)
}

fn localize(mut cmd: Command, parent: Option<&str>, lang: Lang) -> Command {
    let name = cmd.get_name().to_string();
    let about = match parent {
        None => Some(Msg::HelpLub),
        Some(_) => command_about(&name),
    };
    if let Some(about) = about {
        cmd = cmd.about(about.get(lang));
    }
    let sub = parent.map(|_| name.clone());
    cmd = cmd.mut_args(|arg| localize_arg(arg, sub.as_deref(), lang));
    if lang != Lang::En {
        let usage = cmd.get_styles().get_usage();
        let heading = Msg::HelpUsage.get(lang);
        let template = format!(
            "{{before-help}}{{about-with-newline}}\n{usage}{heading}{usage:#} {{usage}}\n\n{{all-args}}{{after-help}}"
        );
        cmd = cmd
            .help_template(StyledStr::from(template))
            .subcommand_help_heading(Msg::HelpCommands.get(lang))
            .subcommand_value_name(Msg::HelpCommandName.get(lang));
    }
    for sub in cmd.get_subcommands_mut() {
        let taken = std::mem::take(sub);
        *sub = localize(taken, Some(&name), lang);
    }
    if lang != Lang::En {
        // clap writes "[OPTIONS]" into the usage itself.
        let usage = cmd.render_usage().to_string();
        let usage = usage
            .split_once(' ')
            .map_or(usage.as_str(), |(_, rest)| rest)
            .replace(
                "[OPTIONS]",
                &format!("[{}]", Msg::HelpOptionsName.get(lang)),
            );
        cmd = cmd.override_usage(usage);
    }
    cmd
}

/// A subcommand's about, by its name.
fn command_about(name: &str) -> Option<Msg> {
    Some(match name {
        "check" => Msg::HelpCheck,
        "rules" => Msg::HelpRules,
        "explain" => Msg::HelpExplain,
        "render" => Msg::HelpRender,
        "new" => Msg::HelpNew,
        "report" => Msg::HelpReport,
        "import" => Msg::HelpImport,
        "serve" => Msg::HelpServe,
        "lsp" => Msg::HelpLsp,
        "help" => Msg::HelpHelpCommand,
        _ => return None,
    })
}

/// An argument's help, by its subcommand and its id.
pub fn arg_help(command: Option<&str>, id: &str, long: bool) -> Option<Msg> {
    Some(match (command.unwrap_or_default(), id) {
        (_, "help") if long => Msg::HelpHelpMore,
        (_, "help") => Msg::HelpHelp,
        (_, "version") => Msg::HelpVersion,
        (_, "config") => Msg::HelpConfig,
        ("report", "message_lang") => Msg::HelpReportMessageLang,
        (_, "message_lang") => Msg::HelpMessageLang,
        (_, "select") => Msg::HelpSelect,
        (_, "ignore") => Msg::HelpIgnore,
        (_, "stdin_filename") => Msg::HelpStdinFilename,
        ("check", "paths") => Msg::HelpCheckPaths,
        ("check", "format") => Msg::HelpCheckFormat,
        ("check", "fail_on") => Msg::HelpFailOn,
        ("check", "min_severity") => Msg::HelpMinSeverity,
        ("check", "statistics") => Msg::HelpStatistics,
        ("check", "quiet") => Msg::HelpQuiet,
        ("check", "output_file") => Msg::HelpOutputFile,
        ("check", "color") => Msg::HelpColor,
        ("check", "fix") => Msg::HelpFix,
        ("check", "diff") => Msg::HelpDiff,
        ("check", "stdin") => Msg::HelpCheckStdin,
        ("rules", "format") => Msg::HelpRulesFormat,
        ("explain", "id") => Msg::HelpExplainId,
        ("explain", "format") => Msg::HelpExplainFormat,
        ("render", "path") => Msg::HelpRenderPath,
        ("render", "stdin") => Msg::HelpRenderStdin,
        ("render", "to") => Msg::HelpRenderTo,
        ("render", "width") => Msg::HelpWidth,
        ("render", "max_chars") => Msg::HelpMaxChars,
        ("render", "force") => Msg::HelpRenderForce,
        ("render", "lang") => Msg::HelpRenderLang,
        ("render", "page") => Msg::HelpPage,
        ("new", "kind") => Msg::HelpNewKind,
        ("new", "level") => Msg::HelpNewLevel,
        ("new", "lang") => Msg::HelpNewLang,
        ("new", "code") => Msg::HelpNewCode,
        ("new", "title") => Msg::HelpNewTitle,
        ("new", "output") => Msg::HelpNewOutput,
        ("report", "paths") => Msg::HelpReportPaths,
        ("report", "output") => Msg::HelpReportOutput,
        ("report", "format") => Msg::HelpReportFormat,
        ("report", "baseline") => Msg::HelpBaseline,
        ("import", "paths") => Msg::HelpImportPaths,
        ("import", "out") => Msg::HelpImportOut,
        ("import", "force") => Msg::HelpImportForce,
        ("serve", "addr") => Msg::HelpServeAddr,
        _ => return None,
    })
}

/// The help of one value of an option, by its subcommand and name.
fn value_help(command: Option<&str>, value: &str) -> Option<Msg> {
    Some(match (command.unwrap_or_default(), value) {
        ("check", "human") => Msg::ValueHuman,
        ("check", "json") => Msg::ValueJson,
        ("check", "sarif") => Msg::ValueSarif,
        ("check", "github") => Msg::ValueGithub,
        ("check", "compact") => Msg::ValueCompact,
        ("check", "auto") => Msg::ValueAuto,
        ("report", "html") => Msg::ValueReportHtml,
        ("report", "csv") => Msg::ValueReportCsv,
        ("report", "json") => Msg::ValueReportJson,
        _ => return None,
    })
}

/// A value's name in `--help`, as the derive gives it.
fn value_name(name: &str) -> Option<Msg> {
    Some(match name {
        "FILE" => Msg::ValueFile,
        "PATH" => Msg::ValuePath,
        "LANG" => Msg::ValueLang,
        "SEVERITY" => Msg::ValueSeverity,
        "WHEN" => Msg::ValueWhen,
        "NAME" => Msg::ValueName,
        "ADDR" => Msg::ValueAddr,
        "DIR" => Msg::ValueDir,
        "KIND" => Msg::ValueKind,
        "LEVEL" => Msg::ValueLevel,
        "CODE" => Msg::ValueCode,
        "TITLE" => Msg::ValueTitle,
        "OLD.json" => Msg::ValueOldJson,
        _ => return None,
    })
}

fn localize_arg(mut arg: Arg, command: Option<&str>, lang: Lang) -> Arg {
    let id = arg.get_id().to_string();
    let long = arg.get_long_help().is_some();
    if let Some(help) = arg_help(command, &id, long) {
        arg = arg.help(help.get(lang));
        if id == "help" && long {
            arg = arg.long_help(Msg::HelpHelpLess.get(lang));
        }
    }
    if lang == Lang::En {
        return arg;
    }
    let names: Vec<clap::builder::Str> = arg
        .get_value_names()
        .unwrap_or_default()
        .iter()
        .map(|name| value_name(name).map_or_else(|| name.clone(), |m| m.get(lang).into()))
        .collect();
    if !names.is_empty() {
        arg = arg.value_names(names);
    }
    let heading = if arg.is_positional() {
        Msg::HelpArguments
    } else {
        Msg::HelpOptions
    };
    arg = arg.help_heading(heading.get(lang));
    if !arg.get_action().takes_values() {
        return arg;
    }
    // clap's "[possible values: …]" and "[default: …]", in the language; in
    // the long help, each value with help of its own on a line, as clap
    // writes it.
    let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let base = help.clone();
    let possible = arg.get_possible_values();
    let shown: Vec<&clap::builder::PossibleValue> =
        possible.iter().filter(|v| !v.is_hide_set()).collect();
    let mut described = Vec::new();
    if !shown.is_empty() && !arg.is_hide_possible_values_set() {
        let names: Vec<&str> = shown.iter().map(|v| v.get_name()).collect();
        help = format!("{help}. {}", values_line(lang, &names.join(", ")));
        for value in &shown {
            match value_help(command, value.get_name()) {
                Some(said) if value.get_help().is_some() => {
                    described.push(format!("- {}: {}", value.get_name(), said.get(lang)));
                }
                _ => described.push(format!("- {}", value.get_name())),
            }
        }
        if !shown.iter().any(|v| v.get_help().is_some()) {
            described.clear();
        }
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let mut default = String::new();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        default = Msg::HelpDefault
            .get(lang)
            .replace("{default}", &defaults.join(", "));
        help = format!("{help}. {default}");
    }
    let arg = arg
        .hide_possible_values(true)
        .hide_default_value(true)
        .long_help(None::<&'static str>);
    if described.is_empty() {
        return arg.help(help);
    }
    let mut long = format!(
        "{base}\n\n{}\n{}",
        values_line(lang, ""),
        described.join("\n")
    );
    if !default.is_empty() {
        long.push_str(&format!("\n\n{default}"));
    }
    arg.help(help).long_help(long)
}

/// "Verdier: a, b" (or "Verdier:" before a list), without the cut a
/// message makes of a long value.
fn values_line(lang: Lang, values: &str) -> String {
    Msg::HelpValues
        .get(lang)
        .replace("{values}", values)
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_arg(cmd: &Command, parent: Option<&str>, f: &mut dyn FnMut(Option<&str>, &Arg)) {
        for arg in cmd.get_arguments() {
            f(parent, arg);
        }
        for sub in cmd.get_subcommands() {
            if sub.get_name() != "help" {
                every_arg(sub, Some(sub.get_name()), f);
            }
        }
    }

    #[test]
    fn every_command_and_option_has_its_help_in_the_table() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        every_arg(&cmd, None, &mut |command, arg| {
            let id = arg.get_id().as_str();
            if arg_help(command, id, false).is_none() {
                missing.push(format!("{command:?} {id}"));
            }
            let names = if arg.get_action().takes_values() {
                arg.get_value_names().unwrap_or_default()
            } else {
                &[]
            };
            for value in arg.get_possible_values() {
                if value.get_help().is_some() && value_help(command, value.get_name()).is_none() {
                    missing.push(format!("{command:?} {id}: value {}", value.get_name()));
                }
            }
            for name in names {
                let known = value_name(name).is_some()
                    || ["N", "FORMAT", "ID", "ID,…"].contains(&name.as_str());
                if !known {
                    missing.push(format!("{command:?} {id}: value name {name}"));
                }
            }
        });
        for sub in cmd.get_subcommands() {
            if command_about(sub.get_name()).is_none() {
                missing.push(sub.get_name().to_string());
            }
        }
        assert!(missing.is_empty(), "no help in the table for {missing:?}");
    }

    /// The table's English is the doc comments': what clap says in English
    /// is what it said before the table.
    #[test]
    fn the_english_help_is_the_doc_comments() {
        let mut derived = Cli::command();
        derived.build();
        let said = command(Lang::En);
        let help = |cmd: &Command, sub: Option<&str>| -> Vec<(String, String, String)> {
            let cmd = match sub {
                Some(sub) => cmd.find_subcommand(sub).unwrap_or(cmd),
                None => cmd,
            };
            let mut out = vec![(
                String::new(),
                cmd.get_about().map(ToString::to_string).unwrap_or_default(),
                String::new(),
            )];
            for arg in cmd.get_arguments() {
                out.push((
                    arg.get_id().to_string(),
                    arg.get_help().map(ToString::to_string).unwrap_or_default(),
                    arg.get_long_help()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                ));
            }
            out
        };
        let subs: Vec<String> = derived
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        assert_eq!(help(&derived, None), help(&said, None));
        for sub in subs {
            assert_eq!(help(&derived, Some(&sub)), help(&said, Some(&sub)), "{sub}");
        }
    }

    #[test]
    fn norwegian_help_has_no_english_headings() {
        let mut cmd = command(Lang::Nb);
        let top = cmd.render_help().to_string();
        assert!(top.contains("Bruk: lub [VALG] <KOMMANDO>"), "{top}");
        assert!(top.contains("Kommandoer:"), "{top}");
        let check = cmd
            .find_subcommand_mut("check")
            .map(|c| c.render_long_help().to_string())
            .unwrap_or_default();
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "[default",
            "possible values",
            "Print help",
        ] {
            assert!(!check.contains(english), "{english} in {check}");
        }
        assert!(check.contains("Bruk: lub check [VALG] [STI]..."), "{check}");
        assert!(check.contains("Standard: human"), "{check}");
    }

    #[test]
    fn message_lang_is_read_before_parsing() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        let none = |_: &str| None;
        assert_eq!(
            flag(
                &args(&["lub", "check", "--message-lang", "nn"]),
                "--message-lang"
            )
            .as_deref(),
            Some("nn")
        );
        assert_eq!(
            flag(&args(&["lub", "--message-lang=nb"]), "--message-lang").as_deref(),
            Some("nb")
        );
        assert_eq!(
            flag(&args(&["lub", "--", "--message-lang=nb"]), "--message-lang"),
            None
        );
        assert_eq!(
            ui_lang(
                &args(&["lub", "check", "--message-lang", "nn", "--help"]),
                &none
            ),
            Lang::Nn
        );
        let nb = |name: &str| (name == "LANG").then(|| "nb_NO.UTF-8".to_string());
        assert_eq!(
            ui_lang(&args(&["lub", "--config", "/nonexistent/lub.yaml"]), &nb),
            Lang::Nb
        );
    }
}
