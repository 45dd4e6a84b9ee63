//! The command line: clap's definitions, and `run`, which turns parsed
//! arguments into a run of the library and an exit status.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::{self, Linter, Selection, Speak};
use crate::config::Config;
use crate::finding::Severity;
use crate::finding::Summary;
use crate::messages::Msg;
use crate::output::{self, Format};

mod catalogue_report;
pub mod help;
mod import;
mod output_file;
pub mod pages;
mod progress;
mod render;

#[derive(Debug, Parser)]
#[command(
    name = "lub",
    version,
    about = "Lints and renders learning-outcome descriptions (læringsutbyttebeskrivelser) in bokmål, nynorsk and English."
)]
pub struct Cli {
    // As each command's `--message-lang` (which wins), written before the
    // command.
    /// The language of the messages: every finding, and lub's own words.
    /// Default: `message-lang` in `lub.yaml`, else each document's
    /// language (lub's own words: the locale's, else English).
    #[arg(long, value_enum, value_name = "LANG")]
    pub message_lang: Option<crate::lang::Lang>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check documents and report what is wrong with them.
    Check(CheckArgs),
    /// List every rule: id, default severity, languages and what it flags.
    Rules(RulesArgs),
    /// Explain a rule: why it matters, what to write instead, and examples.
    Explain(ExplainArgs),
    /// Print a document's learning outcomes as the text of the Diploma
    /// Supplement (section 4.2, with 2.1, 3.1 and 3.2).
    Render(RenderArgs),
    /// Print the skeleton of a new description, with the NKR themes of its
    /// level as comments.
    New(NewArgs),
    /// Check a whole catalogue and write one report of it: an HTML page
    /// with charts, a CSV with a row per document, or JSON.
    Report(ReportArgs),
    /// Write a `*.lub.md` document for every course and programme of FS
    /// studieinfo exports (XML) and saved course pages (HTML).
    Import(ImportArgs),
    /// Serve a web page where a description can be written and checked,
    /// and a JSON API, until Ctrl+C.
    Serve(ServeArgs),
    /// Speak the Language Server Protocol on standard input and output, for
    /// editors: findings as you type, safe fixes, and each rule explained.
    Lsp,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on. Only this machine can reach the default;
    /// `0.0.0.0:8080` lets others in.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: std::net::SocketAddr,

    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files and folders to check, as for `lub check`. Default: the current
    /// folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The file to write (`-` for standard output); an existing file is
    /// replaced.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,

    /// What to write.
    #[arg(long, value_enum, default_value_t = ReportFormatArg::Html)]
    pub format: ReportFormatArg,

    /// An earlier `lub report --format json`: show what got better or worse
    /// since.
    #[arg(long, value_name = "OLD.json")]
    pub baseline: Option<PathBuf>,

    /// The language of the page's headings, labels and captions. Default:
    /// `message-lang` in `lub.yaml`, else the locale, else English.
    #[arg(long, value_enum, value_name = "LANG")]
    pub message_lang: Option<crate::lang::Lang>,

    #[command(flatten)]
    pub rules: SelectArgs,

    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    /// One self-contained page with charts and tables.
    Html,
    /// One row per document, a column per rule.
    Csv,
    /// The figures, with a version field (schema in the README).
    Json,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// FS studieinfo exports (`*.xml`), saved course pages or fragments
    /// (`*.html`), or folders holding them.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// The folder to write the documents to (`CODE.LANG.lub.md`); made if
    /// missing.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Replace documents that exist already (atomically); without it an
    /// existing document is left as it is and reported.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub speak: SpeakArgs,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The document to render.
    #[arg(required_unless_present = "stdin", conflicts_with = "stdin")]
    pub path: Option<PathBuf>,

    /// Read the document from standard input.
    #[arg(long)]
    pub stdin: bool,

    /// The name to report a document from standard input under; its
    /// language code (`x.en.lub.md`) is used like a file's.
    #[arg(long, value_name = "NAME", requires = "stdin")]
    pub stdin_filename: Option<String>,

    /// Output format.
    #[arg(long = "to", value_enum, default_value_t = RenderTo::Text, value_name = "FORMAT")]
    pub to: RenderTo,

    /// Line width of the text format.
    #[arg(long, default_value_t = 80, value_name = "N")]
    pub width: usize,

    /// Fail, with the actual count, if the learning outcomes (section 4.2 as
    /// unwrapped plain text) are longer than N characters.
    #[arg(long, value_name = "N")]
    pub max_chars: Option<usize>,

    /// Render even a document with errors.
    #[arg(long)]
    pub force: bool,

    /// Render the translation in this language (a document beside this
    /// one with the same `code`), or `all` for every language, Norwegian
    /// first.
    #[arg(long, value_name = "LANG", conflicts_with = "stdin")]
    pub lang: Option<LangArg>,

    /// With `--to html`: a whole HTML page rather than a fragment.
    #[arg(long)]
    pub page: bool,

    #[command(flatten)]
    pub config: ConfigArgs,

    #[command(flatten)]
    pub speak: SpeakArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderTo {
    Text,
    Markdown,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Nb,
    Nn,
    En,
    All,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// A study programme or a course. Default: `defaults: kind:` in
    /// `lub.yaml`.
    #[arg(long, value_enum)]
    pub kind: Option<crate::lang::Kind>,

    /// NKR level: 5 fagskole, 6 bachelor, 7 master, 8 ph.d. Default:
    /// `defaults: level:` in `lub.yaml`.
    #[arg(long)]
    pub level: Option<crate::lang::Level>,

    /// The document's language. Default: `defaults: lang:` in `lub.yaml`.
    #[arg(long, value_enum)]
    pub lang: Option<crate::lang::Lang>,

    /// The programme's or course's code.
    #[arg(long)]
    pub code: Option<String>,

    /// The programme's or course's name.
    #[arg(long)]
    pub title: Option<String>,

    /// Write to this new file instead of standard output; an existing file
    /// is never replaced.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub config: ConfigArgs,

    #[command(flatten)]
    pub speak: SpeakArgs,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The configuration file; default: the first `lub.yaml` from the
    /// current folder upward.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `--message-lang`, as every command that speaks takes it.
#[derive(Debug, Args)]
pub struct SpeakArgs {
    /// The language of the messages: every finding, and lub's own words.
    /// Default: `message-lang` in `lub.yaml`, else each document's
    /// language (lub's own words: the locale's, else English).
    #[arg(long, value_enum, value_name = "LANG")]
    pub message_lang: Option<crate::lang::Lang>,
}

/// Text for people, or JSON for scripts and editors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormatArg {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = TextFormatArg::Text)]
    pub format: TextFormatArg,

    #[command(flatten)]
    pub config: ConfigArgs,

    #[command(flatten)]
    pub speak: SpeakArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's id, as `lub rules` lists it.
    pub id: String,

    /// How to print the explanation.
    #[arg(long, value_enum, default_value_t = TextFormatArg::Text)]
    pub format: TextFormatArg,

    #[command(flatten)]
    pub config: ConfigArgs,

    #[command(flatten)]
    pub speak: SpeakArgs,
}

/// When the human format is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When standard output is a terminal, unless `NO_COLOR` is set;
    /// `CLICOLOR_FORCE` turns it on elsewhere too.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check; folders are searched for `*.lub.md` (and
    /// the `include:` patterns of `lub.yaml`), honouring `.gitignore`; a
    /// folder with none is an error. Default: the current folder.
    #[arg(value_name = "PATH", conflicts_with = "stdin")]
    pub paths: Vec<PathBuf>,

    /// How to print findings.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,

    /// Exit with status 1 if a finding of this severity or worse is found.
    #[arg(long, value_enum, default_value_t = SeverityArg::Error, value_name = "SEVERITY")]
    pub fail_on: SeverityArg,

    /// Show only findings of this severity or worse; what fails the run is
    /// still `--fail-on`.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub min_severity: Option<SeverityArg>,

    /// Instead of each finding, how many each rule found, most first, with
    /// the rule's summary (`--format json`: as JSON).
    #[arg(long, conflicts_with = "diff")]
    pub statistics: bool,

    /// Print the findings only: no summary, no legend, no list of fixes.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Write the report to FILE instead of standard output; the file is
    /// replaced only once the report is complete.
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Colour in the human format.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Apply the safe fixes and write each changed file (atomically, keeping
    /// its permissions); unsafe findings are reported as usual. With
    /// `--stdin`: print the fixed document on standard output, and what
    /// remains on standard error.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Print what --fix would change, as unified diffs, and write nothing.
    /// Exit status 1 if anything would change.
    #[arg(long, conflicts_with = "stdin")]
    pub diff: bool,

    /// Read one document from standard input.
    #[arg(long)]
    pub stdin: bool,

    /// The name to report a document from standard input under; its
    /// language code (`x.en.lub.md`) is used like a file's.
    #[arg(long, value_name = "NAME", requires = "stdin")]
    pub stdin_filename: Option<String>,

    #[command(flatten)]
    pub rules: SelectArgs,

    #[command(flatten)]
    pub config: ConfigArgs,

    #[command(flatten)]
    pub speak: SpeakArgs,
}

/// `--select` and `--ignore`, as `check` and `report` take them.
#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Run only these rules (comma-separated ids).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub ignore: Vec<String>,
}

impl SelectArgs {
    pub fn selection(&self) -> Selection {
        Selection {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Each finding with the source line underlined.
    Human,
    /// One JSON array of findings (schema in the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other tools.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// One line per finding: `path:line:col: severity rule: message`.
    Compact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

/// How a run ended, which `main` maps to the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 0: nothing at or above `--fail-on`.
    Clean,
    /// 1: findings at or above `--fail-on`.
    Findings,
    /// 2: the run itself failed: a path that does not exist or cannot be
    /// read, a folder with no document, a broken configuration. This wins
    /// over findings, because a CI job that did not check everything must
    /// not look like a lint failure someone can wave through.
    Failure,
}

impl Status {
    /// A run without some of the user's rule files is a failed run, whatever
    /// it found.
    fn or_incomplete(self, linter: &Linter) -> Status {
        if linter.setup_errors().is_empty() {
            self
        } else {
            Status::Failure
        }
    }

    pub fn code(self) -> u8 {
        match self {
            Status::Clean => 0,
            Status::Findings => 1,
            Status::Failure => 2,
        }
    }
}

/// What the process can read and write. Tests give buffers; `main` gives
/// the real streams.
pub struct Io<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether stdout is a terminal.
    pub stdout_terminal: bool,
    /// Whether stderr is a terminal (for the progress bar).
    pub stderr_terminal: bool,
    /// The environment: `LANG` and the other locale variables, `NO_COLOR`,
    /// `CLICOLOR_FORCE`.
    pub env: &'a dyn Fn(&str) -> Option<String>,
}

impl Io<'_> {
    /// The environment of a run that has none: no locale, no colour.
    pub fn no_env(_: &str) -> Option<String> {
        None
    }
}

/// Whether the human format is coloured: `--color always` or `never` as
/// said; `auto` colours a terminal unless `NO_COLOR` is set (to anything
/// but the empty string), and anything when `CLICOLOR_FORCE` is set and not
/// `0`.
pub fn use_color(
    choice: ColorArg,
    stdout_terminal: bool,
    env: &dyn Fn(&str) -> Option<String>,
) -> bool {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto if set("NO_COLOR") => false,
        ColorArg::Auto
            if set("CLICOLOR_FORCE") && env("CLICOLOR_FORCE").as_deref() != Some("0") =>
        {
            true
        }
        ColorArg::Auto => stdout_terminal,
    }
}

pub fn run(cli: Cli, io: Io<'_>) -> Status {
    // Whatever reaches standard error is read by a person or a CI log.
    let Io {
        stdin,
        stdout,
        stderr,
        stdout_terminal,
        stderr_terminal,
        env,
    } = io;
    let mut stderr = crate::escape::VisibleWriter::new(stderr);
    let io = Io {
        stdin,
        stdout,
        stderr: &mut stderr,
        stdout_terminal,
        stderr_terminal,
        env,
    };
    let mut command = cli.command;
    // `lub --message-lang nb check`: the command's own option wins.
    if let Some(top) = cli.message_lang {
        match &mut command {
            Command::Check(CheckArgs { speak, .. })
            | Command::Rules(RulesArgs { speak, .. })
            | Command::Explain(ExplainArgs { speak, .. })
            | Command::Render(RenderArgs { speak, .. })
            | Command::New(NewArgs { speak, .. })
            | Command::Import(ImportArgs { speak, .. }) => {
                speak.message_lang = speak.message_lang.or(Some(top));
            }
            Command::Report(args) => args.message_lang = args.message_lang.or(Some(top)),
            Command::Serve(_) | Command::Lsp => {}
        }
    }
    // A check decides on huge pages when it knows its files; every other
    // command may be long or large.
    if !matches!(command, Command::Check(_)) {
        pages::allow_huge_pages();
    }
    match command {
        Command::Check(args) => check(&args, io),
        Command::Rules(args) => {
            let Some(linter) = linter(
                &args.config,
                &Selection::default(),
                &args.speak,
                env,
                io.stderr,
            ) else {
                return Status::Failure;
            };
            let lang = linter.ui_lang();
            let text = match args.format {
                TextFormatArg::Text => crate::explain::rules(linter.rules(), lang),
                TextFormatArg::Json => crate::explain::rules_json(linter.rules(), lang),
            };
            write_out(io.stderr, text.as_bytes(), io.stdout, lang).or_incomplete(&linter)
        }
        Command::Render(args) => {
            match linter(
                &args.config,
                &Selection::default(),
                &args.speak,
                env,
                io.stderr,
            ) {
                // Text for a diploma is not written while a rule that guards it
                // could not be read.
                Some(linter) if !linter.setup_errors().is_empty() => Status::Failure,
                Some(linter) => render::run(&linter, &args, io.stdin, io.stdout, io.stderr),
                None => Status::Failure,
            }
        }
        Command::New(args) => {
            match linter(
                &args.config,
                &Selection::default(),
                &args.speak,
                env,
                io.stderr,
            ) {
                Some(linter) => {
                    new_document(&linter, &args, io.stdout, io.stderr).or_incomplete(&linter)
                }
                None => Status::Failure,
            }
        }
        Command::Report(args) => {
            let speak = SpeakArgs {
                message_lang: args.message_lang,
            };
            match linter(
                &args.config,
                &args.rules.selection(),
                &speak,
                env,
                io.stderr,
            ) {
                Some(linter) => catalogue_report::run(&linter, &args, io.stdout, io.stderr)
                    .or_incomplete(&linter),
                None => Status::Failure,
            }
        }
        Command::Import(args) => {
            // No linter: the language is `--message-lang`, else lub.yaml's,
            // else the locale's.
            let configured = Config::discover().ok().and_then(|c| c.message_lang);
            let message_lang = args.speak.message_lang;
            let lang = Speak::new(message_lang.or(configured), env).ui_lang;
            import::run(&args, lang, io.stdout, io.stderr)
        }
        Command::Serve(args) => serve(&args, env, io.stdout, io.stderr),
        Command::Lsp => match crate::lsp::run_stdio() {
            Ok(()) => Status::Clean,
            Err(message) => {
                let _ = writeln!(io.stderr, "error: {message}");
                Status::Failure
            }
        },
        Command::Explain(args) => {
            let Some(linter) = linter(
                &args.config,
                &Selection::default(),
                &args.speak,
                env,
                io.stderr,
            ) else {
                return Status::Failure;
            };
            let lang = linter.ui_lang();
            let text = match args.format {
                TextFormatArg::Text => crate::explain::explain(linter.rules(), &args.id, lang),
                TextFormatArg::Json => crate::explain::explain_json(linter.rules(), &args.id, lang),
            };
            match text {
                Ok(text) => {
                    write_out(io.stderr, text.as_bytes(), io.stdout, lang).or_incomplete(&linter)
                }
                Err(message) => {
                    let _ = writeln!(io.stderr, "error: {message}");
                    Status::Failure
                }
            }
        }
    }
}

fn serve(
    args: &ServeArgs,
    env: &dyn Fn(&str) -> Option<String>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Status {
    let speak = SpeakArgs { message_lang: None };
    let Some(linter) = linter(&args.config, &Selection::default(), &speak, env, stderr) else {
        return Status::Failure;
    };
    let ui = linter.ui_lang();
    // A page that checks with rules missing would pass texts it should not.
    if !linter.setup_errors().is_empty() {
        return Status::Failure;
    }
    // The page's linters, one per language, each speaking it throughout.
    let mut speaking = Vec::new();
    for lang in crate::lang::Lang::ALL {
        let speak = SpeakArgs {
            message_lang: Some(lang),
        };
        let Some(one) = self::linter(&args.config, &Selection::default(), &speak, env, stderr)
        else {
            return Status::Failure;
        };
        speaking.push(one);
    }
    let Ok(speaking) = <[Linter; 3]>::try_from(speaking) else {
        return Status::Failure;
    };
    let server = match crate::serve::Server::bind(args.addr, linter, speaking) {
        Ok(server) => server,
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            return Status::Failure;
        }
    };
    let ready = format!("lub serve: {} (Ctrl+C stops it)\n", server.url());
    if write_out(stderr, ready.as_bytes(), stdout, ui) == Status::Failure {
        return Status::Failure;
    }
    match server.run() {
        Ok(counts) => {
            let _ = writeln!(stderr, "lub serve: stopped; answered {counts}");
            Status::Clean
        }
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            Status::Failure
        }
    }
}

fn new_document(
    linter: &Linter,
    args: &NewArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Status {
    let defaults = linter.defaults();
    let kind = args.kind.or(defaults.kind);
    let level = args.level.or(defaults.level);
    let lang = args.lang.or(defaults.lang);
    let (Some(kind), Some(level), Some(lang)) = (kind, level, lang) else {
        let ui = linter.ui_lang();
        let missing: Vec<String> = crate::new::missing_options(kind, level, lang)
            .into_iter()
            .map(String::from)
            .collect();
        let options = crate::messages::list(ui, &missing);
        let _ = writeln!(
            stderr,
            "error: {}",
            Msg::NewNeeds.say(ui, &[("options", &options)])
        );
        return Status::Failure;
    };
    let new = crate::new::NewDocument {
        kind,
        level,
        lang,
        code: args.code.clone(),
        title: args.title.clone(),
    };
    let text = crate::new::skeleton(&new, &linter.data().framework);
    match &args.output {
        None => write_out(stderr, text.as_bytes(), stdout, linter.ui_lang()),
        Some(path) => match crate::new::write_new(path, &text) {
            Ok(()) => Status::Clean,
            Err(e) => {
                let error = crate::files::PathError::new(path, &e);
                let _ = writeln!(stderr, "error: {}", error.in_lang(linter.ui_lang()));
                Status::Failure
            }
        },
    }
}

pub(crate) fn write_out(
    stderr: &mut dyn Write,
    text: &[u8],
    stdout: &mut dyn Write,
    lang: crate::lang::Lang,
) -> Status {
    match stdout.write_all(text).and_then(|_| stdout.flush()) {
        Ok(()) => Status::Clean,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Status::Clean,
        Err(e) => {
            let error = crate::files::PathError::new(Path::new(""), &e);
            let why = error.message_in(lang);
            let _ = writeln!(
                stderr,
                "error: {}",
                Msg::CannotWrite.say(lang, &[("error", why)])
            );
            Status::Failure
        }
    }
}

/// The linter for a run: the configuration found or named, the selection
/// of rules, and the language it speaks (`--message-lang`, else the
/// configuration's, else the documents' and the locale's). Errors are
/// printed; `None` means exit 2.
fn linter(
    args: &ConfigArgs,
    selection: &Selection,
    speak: &SpeakArgs,
    env: &dyn Fn(&str) -> Option<String>,
    stderr: &mut dyn Write,
) -> Option<Linter> {
    let config = match &args.config {
        Some(path) => Config::load(path),
        None => Config::discover(),
    };
    let cli_lang = speak.message_lang;
    // A configuration that cannot be read says nothing of its language.
    let mut ui = Speak::new(cli_lang, env).ui_lang;
    let built = config.and_then(|config| {
        let message_lang = cli_lang.or(config.message_lang);
        let speak = Speak::new(message_lang, env);
        ui = speak.ui_lang;
        Linter::speaking(&config, selection, speak)
    });
    match built {
        Ok(linter) => {
            for error in linter.setup_errors() {
                let _ = writeln!(stderr, "error: {}", error.in_lang(ui));
            }
            Some(linter)
        }
        Err(e) => {
            let _ = writeln!(stderr, "error: {}", e.in_lang(ui));
            None
        }
    }
}

/// `check --stdin --fix`, as ruff does it: the document (fixed, or as it
/// came) is all that goes to standard output, so that an editor can put it
/// back in place of its text; what remains to mend goes to standard error,
/// in the format asked for, and decides the exit status.
fn fix_stdin(
    linter: &Linter,
    args: &CheckArgs,
    format: Format,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Status {
    let name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let bytes = match crate::files::read_at_most(stdin, linter.max_file_size, Path::new(name), 0) {
        Ok(bytes) => bytes,
        Err(error) => {
            let _ = writeln!(stderr, "error: {}", error.in_lang(linter.ui_lang()));
            return Status::Failure;
        }
    };
    let fixed = crate::single::fix(linter, name, bytes);
    if write_out(stderr, &fixed.bytes, stdout, linter.ui_lang()) == Status::Failure {
        return Status::Failure;
    }
    let mut summary = Summary::default();
    summary.add(&fixed.report);
    if fixed.fixes > 0 {
        summary.fixes = fixed.fixes;
        summary.files_fixed = 1;
    }
    let mut out: Vec<u8> = Vec::new();
    let style = output::Style {
        color: false,
        lang: linter.ui_lang(),
        quiet: args.quiet,
    };
    let mut reporter = output::reporter(
        format,
        Box::new(&mut out),
        Box::new(std::io::sink()),
        style,
        linter.rules(),
    );
    let _ = reporter
        .fixed(name, fixed.fixes, None)
        .and_then(|()| reporter.file(&fixed.report))
        .and_then(|()| reporter.finish(&summary));
    drop(reporter);
    let _ = stderr.write_all(&out);
    for refused in &fixed.refused {
        let _ = writeln!(stderr, "note: {}", refused.say(linter.ui_lang()));
    }
    if summary
        .worst()
        .is_some_and(|worst| worst >= Severity::from(args.fail_on))
    {
        Status::Findings
    } else {
        Status::Clean
    }
}

fn check(args: &CheckArgs, io: Io<'_>) -> Status {
    let Io {
        stdin,
        stdout,
        stderr,
        stdout_terminal,
        stderr_terminal,
        env,
    } = io;
    let Some(linter) = linter(
        &args.config,
        &args.rules.selection(),
        &args.speak,
        env,
        stderr,
    ) else {
        return Status::Failure;
    };
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Github => Format::Github,
        FormatArg::Compact => Format::Compact,
    };
    if args.stdin && args.fix {
        return fix_stdin(&linter, args, format, stdin, stdout, stderr).or_incomplete(&linter);
    }
    // The report goes to a temporary file beside `--output-file`, which
    // takes its place only once the report is whole.
    let mut output_file = match &args.output_file {
        None => None,
        Some(path) => match output_file::Pending::new(path) {
            Ok(pending) => Some(pending),
            Err(error) => {
                let error = crate::files::PathError::new(path, &error);
                let _ = writeln!(stderr, "error: {}", error.in_lang(linter.ui_lang()));
                return Status::Failure;
            }
        },
    };
    let (files, walk_errors) = if args.stdin {
        (Vec::new(), Vec::new())
    } else {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        crate::files::collect_files_including(&paths, linter.include())
    };
    if files.len() > pages::SMALL_RUN {
        pages::allow_huge_pages();
    }
    // To a pipe or a file the report goes in large writes: standard
    // output's own buffer writes at every line break, a system call for
    // each finding. A terminal still sees each line as it comes. The report
    // of a few files is small, and a buffer of 64 KiB would be the
    // allocator's only one of its size, which a short run pays for in pages
    // the kernel clears.
    let mut buffered;
    let out: &mut dyn Write = match output_file.as_mut() {
        Some(pending) => pending.writer(),
        None if !stdout_terminal => {
            let capacity = if files.len() <= pages::SMALL_RUN {
                8 * 1024
            } else {
                64 * 1024
            };
            buffered = std::io::BufWriter::with_capacity(capacity, stdout);
            &mut buffered
        }
        None => stdout,
    };
    let style = output::Style {
        color: args.output_file.is_none() && use_color(args.color, stdout_terminal, env),
        lang: linter.ui_lang(),
        quiet: args.quiet,
    };
    // The formats read as text get no raw control character. JSON and
    // SARIF escape their own; the coloured human format escapes what it
    // quotes itself, since its colours are escape sequences.
    let mut visible_out = None;
    let out: &mut dyn Write = match format {
        _ if args.diff => visible_out.insert(crate::escape::VisibleWriter::new(out)),
        Format::Human if style.color => out,
        Format::Human | Format::Compact | Format::Github => {
            visible_out.insert(crate::escape::VisibleWriter::new(out))
        }
        Format::Json | Format::Sarif => out,
    };
    let mut reporter: Box<dyn output::Reporter> = if args.diff {
        Box::new(output::DiffReporter::new(
            Box::new(&mut *out),
            Box::new(&mut *stderr),
            style.lang,
        ))
    } else if args.statistics {
        Box::new(output::StatisticsReporter::new(
            Box::new(&mut *out),
            Box::new(&mut *stderr),
            linter.rules(),
            style.lang,
            format == Format::Json,
        ))
    } else {
        output::reporter(
            format,
            Box::new(&mut *out),
            Box::new(&mut *stderr),
            style,
            linter.rules(),
        )
    };
    if let Some(min) = args.min_severity {
        reporter = Box::new(output::MinSeverity::new(reporter, min.into()));
    }
    if stderr_terminal && files.len() >= progress::MIN_FILES {
        reporter = Box::new(progress::Progress::new(reporter, files.len(), style.lang));
    }
    let mode = if args.fix {
        check::FixMode::Write
    } else if args.diff {
        check::FixMode::Diff
    } else {
        check::FixMode::Off
    };

    let result = if args.stdin {
        let name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
        match crate::files::read_at_most(stdin, linter.max_file_size, Path::new(name), 0) {
            Ok(bytes) => {
                let input = check::Input::Text {
                    name: name.to_string(),
                    bytes,
                };
                linter.check(&[input], reporter.as_mut(), check::FixMode::Off)
            }
            Err(error) => {
                let _ = reporter.error(&error);
                Ok(Summary {
                    errors: vec![error],
                    ..Summary::default()
                })
            }
        }
    } else {
        let mut failed = Vec::new();
        for error in walk_errors {
            if reporter.error(&error).is_err() {
                break;
            }
            failed.push(error);
        }
        let inputs: Vec<check::Input> = files.into_iter().map(check::Input::File).collect();
        linter
            .check(&inputs, reporter.as_mut(), mode)
            .map(|mut summary| {
                summary.errors.splice(0..0, failed);
                summary
            })
    };

    let summary = match result.and_then(|summary| reporter.finish(&summary).map(|_| summary)) {
        Ok(summary) => summary,
        // stdout closed (`lub check | head`): nothing more can be said.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Status::Failure,
        Err(e) => {
            drop(reporter);
            let ui = linter.ui_lang();
            let _ = writeln!(
                stderr,
                "error: {}",
                Msg::CannotWriteReport.say(ui, &[("error", &crate::files::io_message(&e))])
            );
            return Status::Failure;
        }
    };
    drop(reporter);
    drop(visible_out);
    for refused in &summary.refused {
        let _ = writeln!(stderr, "note: {}", refused.say(linter.ui_lang()));
    }
    if let (Some(pending), Some(path)) = (output_file, &args.output_file)
        && let Err(error) = pending.finish()
    {
        let error = crate::files::PathError::new(path, &error);
        let _ = writeln!(stderr, "error: {}", error.in_lang(linter.ui_lang()));
        return Status::Failure;
    }
    let status = if !summary.errors.is_empty() {
        Status::Failure
    } else if args.diff {
        if summary.files_fixed > 0 {
            Status::Findings
        } else {
            Status::Clean
        }
    } else if summary
        .worst()
        .is_some_and(|worst| worst >= Severity::from(args.fail_on))
    {
        Status::Findings
    } else {
        Status::Clean
    };
    let status = status.or_incomplete(&linter);
    // A check is the last thing its process does: the rules and tables go
    // with the process, not one allocation at a time, which was a
    // twentieth of a run on one file.
    std::mem::forget(linter);
    status
}
