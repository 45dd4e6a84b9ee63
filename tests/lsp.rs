#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]
//! `lub lsp` as an editor speaks to it: the protocol over the binary's
//! standard input and output (initialize, didOpen, didChange, codeAction,
//! hover, shutdown, exit), with diagnostics that must equal what `lub check
//! --format json` finds, at the positions an editor counts (UTF-16, with
//! æøå and emoji before the findings). `LUB_LSP_TRANSCRIPT=FILE` keeps the
//! session's messages.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

struct Editor {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications that came while waiting for something else.
    held: Vec<Value>,
    next_id: i64,
    transcript: String,
}

impl Editor {
    fn start(dir: &Path) -> Editor {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("lub"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("lub lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                stdout.read_exact(&mut body).unwrap();
                if send.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Editor {
            child,
            stdin,
            incoming,
            held: Vec::new(),
            next_id: 0,
            transcript: String::new(),
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.transcript.push_str(&format!(
            "--> {}\n",
            serde_json::to_string_pretty(&message).unwrap()
        ));
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let message = self
            .incoming
            .recv_timeout(Duration::from_secs(30))
            .expect("lub lsp answers within 30 s");
        self.transcript.push_str(&format!(
            "<-- {}\n",
            serde_json::to_string_pretty(&message).unwrap()
        ));
        message
    }

    fn notify(&mut self, method: &str, params: Value) {
        let mut message = json!({ "jsonrpc": "2.0", "method": method });
        message["params"] = params;
        self.send(&message);
    }

    /// Sends a request and waits for its answer, keeping what comes first.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "jsonrpc": "2.0", "id": id, "method": method });
        message["params"] = params;
        self.send(&message);
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.held.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.held.iter().position(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        }) {
            let message = self.held.remove(i);
            return message["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.held.push(message);
        }
    }
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A protocol position for a byte offset, counted here on its own: lines
/// by `\n`, columns in UTF-16 units.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": text[start..offset].encode_utf16().count() })
}

/// `lub check --format json`'s findings as the diagnostics they must be:
/// (range, code, severity, message).
fn expected(text: &str, json_findings: &str) -> Vec<Value> {
    let findings: Value = serde_json::from_str(json_findings).unwrap();
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let start = f["byte_start"].as_u64().unwrap() as usize;
            let end = f["byte_end"].as_u64().unwrap() as usize;
            let severity = match f["severity"].as_str().unwrap() {
                "error" => 1,
                "warning" => 2,
                _ => 3,
            };
            json!({
                "range": { "start": position(text, start), "end": position(text, end) },
                "code": f["rule"],
                "severity": severity,
                "message": f["message"],
            })
        })
        .collect()
}

fn seen(diagnostics: &[Value]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|d| {
            json!({
                "range": d["range"],
                "code": d["code"],
                "severity": d["severity"],
                "message": d["message"],
            })
        })
        .collect()
}

fn check_json(dir: &Path, name: &str, text: &str) -> String {
    let run = support::Run::of(
        support::lub_in(dir)
            .args([
                "check",
                "--stdin",
                "--stdin-filename",
                name,
                "--format",
                "json",
            ])
            .write_stdin(text.as_bytes()),
    );
    run.stdout
}

const FIRST: &str = "---\nkind: course\nlevel: 6\nlang: nb\n---\n\
## Kunnskap\n\
Kandidaten\n\
- har kunnskap om næringskjeder i ferskvann\n\
- 🌱 forstår økologiske modeller for sjøer og elver\n\
\n\
## Ferdigeter\n\
- kan måle biomasse 🐟 i felt\n\
\n\
## Generell kompetanse\n\
Kandidaten kan\n\
- formidle funn om økosystemer til allmennheten\n";

#[test]
fn an_editor_gets_what_lub_check_finds() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let path = root.join("bio100.lub.md");
    std::fs::write(&path, FIRST).unwrap();
    let uri = uri_of(&path);
    let mut editor = Editor::start(&root);

    let init = editor.request(
        "initialize",
        json!({ "processId": null, "rootUri": uri_of(&root), "capabilities": {} }),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "lub");
    editor.notify("initialized", json!({}));

    editor.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": FIRST } }),
    );
    let diagnostics = editor.diagnostics(&uri);
    let run = support::Run::of(support::lub_in(&root).args([
        "check",
        "--format",
        "json",
        "bio100.lub.md",
    ]));
    assert_eq!(seen(&diagnostics), expected(FIRST, &run.stdout));
    let rules: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"vague-verb"), "{rules:?}");
    assert!(rules.contains(&"unknown-heading"), "{rules:?}");
    // The help comes as related information.
    let vague = diagnostics
        .iter()
        .find(|d| d["code"] == "vague-verb")
        .unwrap();
    let help = vague["relatedInformation"][0]["message"].as_str().unwrap();
    let json_help = serde_json::from_str::<Value>(&run.stdout).unwrap();
    assert!(
        json_help
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["help"] == help),
        "the help of the finding: {help}"
    );

    // Hover on the vague verb: what `lub explain` says of the rule, in the
    // language the finding speaks, its document's.
    let at = vague["range"]["start"].clone();
    let hover = editor.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    let explained = support::Run::of(support::lub_in(&root).args([
        "explain",
        "vague-verb",
        "--message-lang",
        "nb",
    ]));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains(explained.stdout.trim()), "{shown}");
    assert_eq!(hover["range"], vague["range"]);

    // The misspelt heading's safe fix, as a quick fix.
    let heading = diagnostics
        .iter()
        .find(|d| d["code"] == "unknown-heading")
        .unwrap();
    let actions = editor.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": heading["range"],
            "context": { "diagnostics": [heading] }
        }),
    );
    let actions = actions.as_array().unwrap();
    let quick = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == "unknown-heading")
        .unwrap_or_else(|| panic!("a quick fix for the heading in {actions:?}"));
    let edit = &quick["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "Ferdigheter");
    let start = FIRST.find("Ferdigeter").unwrap();
    assert_eq!(edit["range"]["start"], position(FIRST, start));
    assert_eq!(
        edit["range"]["end"],
        position(FIRST, start + "Ferdigeter".len())
    );
    // And all safe fixes at once: what `check --stdin --fix` prints.
    let all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll")
        .expect("an action that applies every safe fix");
    let fixed = support::Run::of(
        support::lub_in(&root)
            .args(["check", "--stdin", "--fix"])
            .write_stdin(FIRST.as_bytes()),
    );
    assert_eq!(
        all["edit"]["changes"][&uri][0]["newText"],
        fixed.stdout.as_str()
    );

    // The user types: the emoji move the findings, which move with them.
    let second = FIRST
        .replace("Ferdigeter", "Ferdigheter")
        .replace("- 🌱 forstår", "- 🌱🌿 og 🦠 forstår");
    editor.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": second }]
        }),
    );
    let diagnostics = editor.diagnostics(&uri);
    assert_eq!(
        seen(&diagnostics),
        expected(&second, &check_json(&root, "bio100.lub.md", &second))
    );
    assert!(!diagnostics.iter().any(|d| d["code"] == "unknown-heading"));

    assert_eq!(editor.request("shutdown", Value::Null), Value::Null);
    editor.notify("exit", Value::Null);
    let status = editor.child.wait().unwrap();
    assert!(status.success(), "lub lsp exits cleanly: {status}");
    if let Ok(keep) = std::env::var("LUB_LSP_TRANSCRIPT") {
        std::fs::write(keep, &editor.transcript).unwrap();
    }
}

#[test]
fn the_folders_lub_yaml_decides_what_is_checked_and_how() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    support::write(
        &root,
        "catalogue/lub.yaml",
        "rules:\n  vague-verb: error\ninclude:\n  - \"notes/*.md\"\n",
    );
    let text = FIRST.replace("Ferdigeter", "Ferdigheter");
    let included = root.join("catalogue/notes/bio100.md");
    let other = root.join("catalogue/readme.md");
    support::write(&root, "catalogue/notes/bio100.md", &text);
    support::write(&root, "catalogue/readme.md", &text);
    let mut editor = Editor::start(&root);
    editor.request(
        "initialize",
        json!({ "processId": null, "capabilities": {} }),
    );
    editor.notify("initialized", json!({}));

    for path in [&other, &included] {
        editor.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri_of(path), "languageId": "markdown", "version": 1, "text": text } }),
        );
    }
    let diagnostics = editor.diagnostics(&uri_of(&included));
    // Checked as `lub check` checks it in that folder.
    let expected_json = check_json(&root.join("catalogue"), "notes/bio100.md", &text);
    assert_eq!(seen(&diagnostics), expected(&text, &expected_json));
    let vague = diagnostics
        .iter()
        .find(|d| d["code"] == "vague-verb")
        .unwrap();
    assert_eq!(vague["severity"], 1, "lub.yaml makes vague verbs errors");
    // A hover answered after both opens: nothing was said of the file that
    // is neither a *.lub.md nor included.
    editor.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri_of(&other) }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(
        !editor
            .held
            .iter()
            .any(|m| m["params"]["uri"] == uri_of(&other).as_str()),
        "readme.md is not a document lub checks"
    );

    // The configuration changes: the open document is checked anew.
    support::write(
        &root,
        "catalogue/lub.yaml",
        "rules:\n  vague-verb: info\ninclude:\n  - \"notes/*.md\"\n",
    );
    editor.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri_of(&included) }, "text": text }),
    );
    let diagnostics = editor.diagnostics(&uri_of(&included));
    let vague = diagnostics
        .iter()
        .find(|d| d["code"] == "vague-verb")
        .unwrap();
    assert_eq!(vague["severity"], 3, "read again after the change");

    editor.request("shutdown", Value::Null);
    editor.notify("exit", Value::Null);
    assert!(editor.child.wait().unwrap().success());
}

/// A duplicate outcome's diagnostic points to the outcome it repeats, at
/// the editor's UTF-16 position (after an «ø» and an emoji on its line).
#[test]
fn a_duplicate_points_to_the_outcome_it_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let path = root.join("db.lub.md");
    let first = "kan gjøre rede for normalformer i relasjonsdatabaser";
    let text = format!(
        "## Kunnskap\n- 😀 {first}\n## Ferdigheter\n- kan gjøre rede for normalformene i relasjonsdatabaser\n"
    );
    std::fs::write(&path, &text).unwrap();
    let uri = uri_of(&path);
    let mut editor = Editor::start(&root);
    editor.request(
        "initialize",
        json!({ "processId": null, "rootUri": uri_of(&root), "capabilities": {} }),
    );
    editor.notify("initialized", json!({}));
    editor.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
    );
    let diagnostics = editor.diagnostics(&uri);
    let duplicate = diagnostics
        .iter()
        .find(|d| d["code"] == "duplicate-outcome")
        .unwrap_or_else(|| panic!("a duplicate: {diagnostics:#?}"));
    let related = duplicate["relatedInformation"].as_array().unwrap();
    let place = related
        .iter()
        .find(|r| r["message"] == "utbyttet det gjentar")
        .unwrap_or_else(|| panic!("the repeated outcome: {related:#?}"));
    assert_eq!(place["location"]["uri"], uri);
    let start = text.find(first).unwrap();
    let end = text.find(first).unwrap() + first.len();
    assert_eq!(place["location"]["range"]["start"], position(&text, start));
    assert_eq!(place["location"]["range"]["end"], position(&text, end));
    assert_eq!(editor.request("shutdown", Value::Null), Value::Null);
    editor.notify("exit", Value::Null);
    assert!(editor.child.wait().unwrap().success());
}
