//! `lub lsp`: a Language Server over standard input and output, on the same
//! calls as `lub check`. For `*.lub.md` and the files `include:`d by the
//! document's `lub.yaml`: diagnostics on open, change and save (the rule id
//! as the code, the help as related information), code actions for the
//! safe fixes, and the rule's `lub explain` text on hover.
//!
//! Each document is checked with the configuration `lub check` would use in
//! its folder: the first `lub.yaml` from there upward, read again when it
//! changes. Positions are in UTF-16 code units, as the protocol wants.

mod position;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    Location, MarkupContent, MarkupKind, NumberOrString, PositionEncodingKind,
    PublishDiagnosticsParams, Range, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Url, WorkspaceEdit,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::check::{self};
use crate::check::{Linter, Selection};
use crate::config::{self, Config, ConfigCache};
use crate::finding::{FileReport, Finding, Severity};
use crate::messages::{Msg, quote};
use position::Lines;

/// Serves an editor on standard input and output until it says `exit`.
pub fn run_stdio() -> Result<(), String> {
    let (connection, threads) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    threads
        .join()
        .map_err(|e| format!("the editor's connection failed: {e}"))
}

/// The protocol on `connection`: the handshake, then each message in turn.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let capabilities = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let initialize = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo {
            name: "lub".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    let (id, _params) = connection
        .initialize_start()
        .map_err(|e| format!("the editor did not start the protocol: {e}"))?;
    connection
        .initialize_finish(id, initialize)
        .map_err(|e| format!("the editor did not start the protocol: {e}"))?;
    let mut server = LanguageServer::default();
    for message in &connection.receiver {
        let replies = match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(());
                }
                vec![Message::Response(server.request(request))]
            }
            Message::Notification(notification) => server
                .notification(notification)
                .into_iter()
                .map(Message::Notification)
                .collect(),
            Message::Response(_) => Vec::new(),
        };
        for reply in replies {
            connection
                .sender
                .send(reply)
                .map_err(|_| "the editor closed the connection".to_string())?;
        }
    }
    Ok(())
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(true),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// A document the editor has open.
struct Open {
    text: String,
    version: i32,
    language: String,
    /// What lub found in `text`, when it is a document lub checks.
    checked: Option<Checked>,
}

struct Checked {
    linter: Arc<Linter>,
    report: FileReport,
}

/// A linter, and the configuration it was built from.
struct Loaded {
    config: Result<Arc<Config>, crate::error::FileError>,
    linter: Result<Arc<Linter>, String>,
}

#[derive(Default)]
struct LanguageServer {
    open: HashMap<Url, Open>,
    configs: ConfigCache,
    /// By configuration file; `None` for lub's built-in rules.
    linters: HashMap<Option<PathBuf>, Loaded>,
}

fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, String> {
    serde_json::from_value(value).map_err(|e| format!("bad parameters: {e}"))
}

fn outgoing(method: &str, params: impl Serialize) -> Notification {
    Notification::new(method.to_string(), params)
}

impl LanguageServer {
    /// The linter for a document at `path`: its folder's configuration, and
    /// a linter built again only when that changed.
    fn linter_for(&mut self, path: Option<&Path>) -> Result<Arc<Linter>, String> {
        let folder = path.and_then(|p| p.parent());
        let config = self.configs.get(folder);
        let key = self.configs.file(folder).map(Path::to_path_buf);
        if let Some(loaded) = self.linters.get(&key) {
            let same = match (&loaded.config, &config) {
                (Ok(was), Ok(now)) => Arc::ptr_eq(was, now),
                (Err(was), Err(now)) => was == now,
                _ => false,
            };
            if same {
                return loaded.linter.clone();
            }
        }
        let env = |name: &str| std::env::var(name).ok();
        // The language of lub's own words: the configuration's, else the
        // locale's; a configuration that cannot be read says none.
        let mut ui = check::Speak::new(None, env).ui_lang;
        let linter = config
            .clone()
            .and_then(|config| {
                let speak = check::Speak::new(config.message_lang, env);
                ui = speak.ui_lang;
                Linter::speaking(&config, &Selection::default(), speak)
            })
            .map(Arc::new)
            .map_err(|e| e.in_lang(ui));
        self.linters.insert(
            key,
            Loaded {
                config,
                linter: linter.clone(),
            },
        );
        linter
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let answer = match request.method.as_str() {
            CodeActionRequest::METHOD => {
                params(request.params).map(|p| to_json(self.code_actions(&p)))
            }
            HoverRequest::METHOD => params(request.params).map(|p| to_json(self.hover(&p))),
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("lub does not answer {}", request.method),
                );
            }
        };
        respond(id, answer)
    }

    fn notification(&mut self, notification: Notification) -> Vec<Notification> {
        let method = notification.method.as_str();
        let value = notification.params;
        match method {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = params::<DidOpenTextDocumentParams>(value) else {
                    return Vec::new();
                };
                let document = p.text_document;
                self.open.insert(
                    document.uri.clone(),
                    Open {
                        text: document.text,
                        version: document.version,
                        language: document.language_id,
                        checked: None,
                    },
                );
                self.diagnose(&document.uri).into_iter().collect()
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = params::<DidChangeTextDocumentParams>(value) else {
                    return Vec::new();
                };
                let uri = p.text_document.uri;
                let Some(open) = self.open.get_mut(&uri) else {
                    return Vec::new();
                };
                open.version = p.text_document.version;
                for change in p.content_changes {
                    match change.range {
                        None => open.text = change.text,
                        Some(range) => {
                            let lines = Lines::new(&open.text);
                            let start = lines.offset(range.start);
                            let end = lines.offset(range.end).max(start);
                            open.text.replace_range(start..end, &change.text);
                        }
                    }
                }
                self.diagnose(&uri).into_iter().collect()
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = params::<DidSaveTextDocumentParams>(value) else {
                    return Vec::new();
                };
                let uri = p.text_document.uri;
                if let (Some(open), Some(text)) = (self.open.get_mut(&uri), p.text) {
                    open.text = text;
                }
                let saved_config = uri.to_file_path().ok().is_some_and(|path| {
                    path.file_name()
                        .is_some_and(|name| config::FILE_NAMES.iter().any(|n| name == *n))
                });
                if saved_config {
                    // Every open document may stand under it.
                    let all: Vec<Url> = self.open.keys().cloned().collect();
                    all.iter().filter_map(|uri| self.diagnose(uri)).collect()
                } else {
                    self.diagnose(&uri).into_iter().collect()
                }
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = params::<DidCloseTextDocumentParams>(value) else {
                    return Vec::new();
                };
                let uri = p.text_document.uri;
                match self.open.remove(&uri) {
                    Some(Open {
                        checked: Some(_), ..
                    }) => vec![outgoing(
                        PublishDiagnostics::METHOD,
                        PublishDiagnosticsParams {
                            uri,
                            diagnostics: Vec::new(),
                            version: None,
                        },
                    )],
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// Checks an open document and says what it found; `None` for a file lub
    /// does not check.
    fn diagnose(&mut self, uri: &Url) -> Option<Notification> {
        let path = uri.to_file_path().ok();
        let language = self.open.get(uri)?.language.clone();
        let linter = self.linter_for(path.as_deref());
        let open_was_checked = self.open.get(uri)?.checked.is_some();
        let linter = match linter {
            Ok(linter) => linter,
            Err(message) => {
                let open = self.open.get_mut(uri)?;
                open.checked = None;
                return wanted_without_config(path.as_deref(), &language).then(|| {
                    publish(
                        uri,
                        open.version,
                        vec![Diagnostic {
                            range: Range::default(),
                            severity: Some(DiagnosticSeverity::ERROR),
                            source: Some("lub".to_string()),
                            message: Msg::LspCannotCheck.say(
                                check::Speak::new(None, |name: &str| std::env::var(name).ok())
                                    .ui_lang,
                                &[("error", &message)],
                            ),
                            ..Diagnostic::default()
                        }],
                    )
                });
            }
        };
        if !wanted(&linter, path.as_deref(), &language) {
            let open = self.open.get_mut(uri)?;
            open.checked = None;
            // A file lub no longer checks (its configuration changed) has
            // its old findings taken back.
            return open_was_checked.then(|| publish(uri, open.version, Vec::new()));
        }
        let open = self.open.get_mut(uri)?;
        let name = path
            .as_deref()
            .map_or_else(|| uri.to_string(), crate::files::display_path);
        let report = crate::single::report(&linter, &name, open.text.clone().into_bytes());
        let mut diagnostics = diagnostics(uri, &report);
        for error in linter.setup_errors() {
            diagnostics.insert(
                0,
                Diagnostic {
                    range: Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("lub".to_string()),
                    message: Msg::LspRuleFileUnread.say(
                        linter.ui_lang(),
                        &[("error", &error.in_lang(linter.ui_lang()))],
                    ),
                    ..Diagnostic::default()
                },
            );
        }
        open.checked = Some(Checked { linter, report });
        Some(publish(uri, open.version, diagnostics))
    }

    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        let Some(Open {
            text,
            checked: Some(checked),
            ..
        }) = self.open.get(uri)
        else {
            return Vec::new();
        };
        let lines = Lines::new(text);
        let asked = lines.offset(p.range.start)..lines.offset(p.range.end);
        let mut actions = Vec::new();
        for finding in &checked.report.findings {
            let Some(fix) = finding.fix.as_ref().filter(|f| f.safe) else {
                continue;
            };
            let touches = finding.span.start <= asked.end && asked.start <= finding.span.end;
            if !touches {
                continue;
            }
            let edits = fix
                .edits
                .iter()
                .map(|edit| TextEdit {
                    range: lines.range(&edit.span),
                    new_text: edit.replacement.clone(),
                })
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix_title(text, finding, checked.linter.ui_lang()),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic(uri, &lines, finding)]),
                edit: Some(edit_of(uri, edits)),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
        // All of them at once, round after round, as `lub check --fix`
        // does.
        let fixed = crate::single::fix(
            &checked.linter,
            &checked.report.source.name,
            text.clone().into_bytes(),
        );
        if fixed.fixes > 0
            && let Ok(new_text) = String::from_utf8(fixed.bytes)
        {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: Msg::LspFixAll.say(
                    checked.linter.ui_lang(),
                    &[("count", &fixed.fixes.to_string())],
                ),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(edit_of(
                    uri,
                    vec![TextEdit {
                        range: lines.range(&(0..text.len())),
                        new_text,
                    }],
                )),
                ..CodeAction::default()
            }));
        }
        actions
    }

    fn hover(&self, p: &HoverParams) -> Option<Hover> {
        let at = &p.text_document_position_params;
        let Open {
            text,
            checked: Some(checked),
            ..
        } = self.open.get(&at.text_document.uri)?
        else {
            return None;
        };
        let lines = Lines::new(text);
        let offset = lines.offset(at.position);
        let here: Vec<&Finding> = checked
            .report
            .findings
            .iter()
            .filter(|f| f.span.start <= offset && (offset < f.span.end || f.span.start == offset))
            .collect();
        let first = here.first()?;
        let mut value = String::new();
        let mut explained: Vec<&str> = Vec::new();
        for finding in &here {
            value.push_str(&format!("{}: {}\n", finding.rule, finding.message));
        }
        for finding in &here {
            if explained.contains(&&*finding.rule) {
                continue;
            }
            explained.push(&finding.rule);
            // In the language the finding speaks: its document's.
            let lang = checked.linter.parse(&checked.report.source).lang;
            if let Ok(explanation) =
                crate::explain::explain(checked.linter.rules(), &finding.rule, lang)
            {
                value.push('\n');
                value.push_str(&explanation);
            }
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::PlainText,
                value,
            }),
            range: Some(lines.range(&first.span)),
        })
    }
}

/// Whether lub checks the document: a `*.lub.md`, a file its
/// configuration's `include:` names, or one the editor calls `lub`.
fn wanted(linter: &Linter, path: Option<&Path>, language: &str) -> bool {
    if wanted_without_config(path, language) {
        return true;
    }
    let Some(path) = path else {
        return false;
    };
    let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    linter
        .include()
        .is_some_and(|include| include.matches(&resolved))
}

fn wanted_without_config(path: Option<&Path>, language: &str) -> bool {
    language == "lub" || path.is_some_and(crate::files::is_lub_file)
}

fn publish(uri: &Url, version: i32, diagnostics: Vec<Diagnostic>) -> Notification {
    outgoing(
        PublishDiagnostics::METHOD,
        PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version: Some(version),
        },
    )
}

fn diagnostics(uri: &Url, report: &FileReport) -> Vec<Diagnostic> {
    let lines = Lines::of(&report.source);
    report
        .findings
        .iter()
        .map(|finding| diagnostic(uri, &lines, finding))
        .collect()
}

fn diagnostic(uri: &Url, lines: &Lines<'_>, finding: &Finding) -> Diagnostic {
    let range = lines.range(&finding.span);
    Diagnostic {
        range,
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        source: Some("lub".to_string()),
        message: finding.message.clone(),
        related_information: {
            let help = finding
                .help
                .iter()
                .map(|help| DiagnosticRelatedInformation {
                    location: Location {
                        uri: uri.clone(),
                        range,
                    },
                    message: help.clone(),
                });
            // An editor checks one document at a time: the places a finding
            // points to are in it.
            let places = finding
                .related
                .iter()
                .map(|related| DiagnosticRelatedInformation {
                    location: Location {
                        uri: uri.clone(),
                        range: lines.range(&related.span),
                    },
                    message: related.label.clone(),
                });
            let all: Vec<DiagnosticRelatedInformation> = help.chain(places).collect();
            (!all.is_empty()).then_some(all)
        },
        ..Diagnostic::default()
    }
}

/// What a quick fix says it does: the words it puts in place of the old.
fn fix_title(text: &str, finding: &Finding, lang: crate::lang::Lang) -> String {
    let fix = || Msg::LspFix.say(lang, &[("rule", &finding.rule)]);
    match finding.fix.as_ref().map(|f| f.edits.as_slice()) {
        Some([edit]) => {
            let old = text.get(edit.span.clone()).unwrap_or_default().trim();
            let new = edit.replacement.trim();
            let empty = (old.is_empty(), new.is_empty());
            let (old, new) = (quote(lang, old), quote(lang, new));
            let values = [("old", old.as_str()), ("new", new.as_str())];
            match empty {
                (false, false) => Msg::LspReplace.say(lang, &values),
                (true, false) => Msg::LspInsert.say(lang, &values),
                (false, true) => Msg::LspRemove.say(lang, &values),
                (true, true) => fix(),
            }
        }
        _ => fix(),
    }
}

fn edit_of(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn to_json(value: impl Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn respond(id: RequestId, answer: Result<serde_json::Value, String>) -> Response {
    match answer {
        Ok(value) => Response::new_ok(id, value),
        Err(message) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
    }
}
