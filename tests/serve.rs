#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `lub serve` as an editor's browser and a script use it: started through
//! the binary on a free port, its API answering exactly what the command
//! line prints for the same text, the page working as a plain form with no
//! script, its limits, and Ctrl+C.

mod support;

use serde_json::json;
use support::served::Served;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Corpus documents in the three languages: one with a safe fix, one that
/// renders, one refused for its errors, one that is not UTF-8 text cannot
/// come through JSON and is left out.
const DOCUMENTS: &[&str] = &[
    "corpus/edge/misspelt-headings.lub.md",
    "corpus/nb/mtdt.nb.lub.md",
    "corpus/nb/bachelor-okonomi-missing-gc.lub.md",
    "corpus/nn/emne-grammatikk-vague.nn.lub.md",
    "corpus/en/course-machine-learning-vague.lub.md",
    "corpus/edge/crlf-bom.lub.md",
    "corpus/shapes/lead-in-with-own-verbs.lub.md",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap()
}

/// `lub ARGS… --stdin` with `text` on standard input: (status, stdout,
/// stderr).
fn cli(args: &[&str], text: &str) -> (i32, String, String) {
    let run = support::Run::of(support::lub().args(args).write_stdin(text.as_bytes()));
    (run.status, run.stdout, run.stderr)
}

#[test]
fn the_api_answers_what_the_command_line_prints() {
    let dir = tempfile::tempdir().unwrap();
    let server = Served::start(dir.path());
    let mut fixed_any = false;
    for path in DOCUMENTS {
        let text = read(path);
        let name = path.rsplit('/').next().unwrap();
        let body = json!({ "text": text, "filename": name });

        let (_, expected, _) = cli(
            &[
                "check",
                "--stdin",
                "--stdin-filename",
                name,
                "--format",
                "json",
            ],
            &text,
        );
        let checked = server.post_json("/api/check", &body);
        assert_eq!(checked.status, 200, "{path}: {}", checked.body);
        assert_eq!(checked.content_type, "application/json");
        assert_eq!(checked.body, expected, "{path}: /api/check");

        let (_, expected, _) = cli(
            &["check", "--stdin", "--stdin-filename", name, "--fix"],
            &text,
        );
        let fixed = server.post_json("/api/fix", &body);
        assert_eq!(fixed.status, 200, "{path}");
        assert_eq!(fixed.body, expected, "{path}: /api/fix");
        fixed_any |= fixed.body != text;

        let (status, stdout, stderr) = cli(&["render", "--stdin", "--stdin-filename", name], &text);
        let rendered = server.post_json("/api/render", &body);
        if status == 0 {
            assert_eq!(rendered.status, 200, "{path}: {}", rendered.body);
            assert_eq!(rendered.body, stdout, "{path}: /api/render");
        } else {
            assert_eq!(rendered.status, 422, "{path}: a refusal");
            assert_eq!(rendered.body, stderr, "{path}: /api/render refused");
        }
    }
    assert!(fixed_any, "at least one document had a safe fix to apply");

    // Refused for an outcome that does not read on from its lead-in.
    let text = "---\nlang: nb\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten\n\n\
                - har bred kunnskap om bærende konstruksjoner\n- forklare hvordan en bro bærer last\n\n\
                ## Ferdigheter\nKandidaten kan\n\n- beregne krefter i et fagverk\n\n\
                ## Generell kompetanse\nKandidaten kan\n\n- formidle beregninger til byggherren\n";
    let (status, _, stderr) = cli(&["render", "--stdin"], text);
    assert_eq!(status, 1);
    let refused = server.post_json("/api/render", &json!({ "text": text }));
    assert_eq!(refused.status, 422);
    assert_eq!(refused.body, stderr);

    // Without a name the findings are reported as the command line's are.
    let text = read(DOCUMENTS[3]);
    let (_, expected, _) = cli(&["check", "--stdin", "--format", "json"], &text);
    assert_eq!(
        server
            .post_json("/api/check", &json!({ "text": text }))
            .body,
        expected
    );
    let (_, expected, _) = cli(
        &["render", "--stdin", "--to", "markdown"],
        &read(DOCUMENTS[1]),
    );
    assert_eq!(
        server
            .post_json(
                "/api/render",
                &json!({ "text": read(DOCUMENTS[1]), "to": "markdown" })
            )
            .body,
        expected
    );
}

#[test]
fn metadata_fields_are_checked_as_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let server = Served::start(dir.path());
    let text = "## Kunnskap\nKandidaten\n- har grunnleggende kunnskap om statistiske metoder\n\n\
                ## Ferdigheter\nKandidaten kan\n- analysere data med regresjonsmodeller\n\n\
                ## Generell kompetanse\nKandidaten kan\n- formidle resultater av analyser\n";
    let with = |fields: serde_json::Value| {
        let mut body = json!({ "text": text });
        body.as_object_mut()
            .unwrap()
            .extend(fields.as_object().unwrap().clone());
        let answer = server.post_json("/api/check", &body);
        (answer.status, answer.body)
    };
    let rules = |body: &str| -> Vec<String> {
        serde_json::from_str::<serde_json::Value>(body)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let (status, plain) = with(json!({}));
    assert_eq!(status, 200);
    assert!(!rules(&plain).contains(&"level-mismatch".to_string()));

    // A master's text may not call its knowledge basic; the level comes
    // from the field alone.
    let (status, master) =
        with(json!({ "kind": "course", "level": 7, "lang": "nb", "code": "STA500" }));
    assert_eq!(status, 200);
    assert!(
        rules(&master).contains(&"level-mismatch".to_string()),
        "{master}"
    );
    let composed =
        "---\ncode: \"STA500\"\nkind: course\nlevel: 7\nlang: nb\n---\n".to_string() + text;
    let (_, expected, _) = cli(&["check", "--stdin", "--format", "json"], &composed);
    assert_eq!(master, expected, "the fields are the front matter");

    let (status, body) = with(json!({ "level": 9 }));
    assert_eq!(status, 400);
    assert!(body.contains("not an NKR level"), "{body}");
    let (status, body) = with(json!({ "code": "X\nlevel: 5" }));
    assert_eq!(status, 400, "{body}");
}

#[test]
fn the_page_works_as_a_plain_form() {
    let dir = tempfile::tempdir().unwrap();
    let server = Served::start(dir.path());

    let empty = server.get("/");
    assert_eq!(empty.status, 200);
    assert!(empty.content_type.starts_with("text/html"));
    assert!(
        empty
            .body
            .contains("<form id=\"form\" method=\"post\" action=\"/\">")
    );
    // Nothing is fetched from elsewhere.
    for outside in ["http://", "https://", "src=", "<link"] {
        assert!(!empty.body.contains(outside), "the page names {outside}");
    }
    assert!(
        empty
            .header("content-security-policy")
            .is_some_and(|csp| csp.contains("default-src 'none'"))
    );

    let text = "## Kunnskap\nKandidaten\n- forstår <script>alert(1)</script> og statistikk\n\n\
                ## Ferdigeter\n- kan analysere data\n";
    let page = server.post_form(
        "/",
        &[
            ("text", text),
            ("kind", "course"),
            ("level", "6"),
            ("lang", "nb"),
            ("code", "STA100"),
            ("action", "check"),
        ],
    );
    assert_eq!(page.status, 200);
    let html = &page.body;
    assert!(
        !html.contains("<script>alert(1)"),
        "the user's text is escaped"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let dom = scraper::Html::parse_document(html);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let marks: Vec<_> = dom.select(&select("#marked-body mark")).collect();
    assert!(!marks.is_empty(), "the findings are marked in the text");
    let items = dom.select(&select("#findings-body li.finding")).count();
    let composed =
        "---\ncode: \"STA100\"\nkind: course\nlevel: 6\nlang: nb\n---\n".to_string() + text;
    let run = support::Run::of(
        support::lub()
            .args(["check", "--stdin", "--format", "json"])
            .write_stdin(composed.as_bytes()),
    );
    assert_eq!(items, run.findings.len(), "one list item per finding");
    for found in &run.findings {
        assert!(
            html.contains(&scraper_escape(&found.message)),
            "the message «{}» is on the page",
            found.message
        );
    }
    // The misspelt heading is marked, with its message in the mark's title.
    let heading = run.finding("", "unknown-heading").unwrap();
    assert!(
        marks
            .iter()
            .any(|m| m.value().attr("title").is_some_and(|t| t.contains(heading))),
        "a mark carries «{heading}»"
    );
    // The form keeps what the user chose.
    assert!(
        dom.select(&select("select[name=level] option[selected]"))
            .any(|o| o.value().attr("value") == Some("6"))
    );

    // Apply the safe fixes: the text area now holds the fixed document.
    let fixed = server.post_form("/", &[("text", text), ("lang", "nb"), ("action", "fix")]);
    let dom = scraper::Html::parse_document(&fixed.body);
    let area: String = dom
        .select(&select("textarea#text"))
        .next()
        .unwrap()
        .text()
        .collect();
    let with_lang = "---\nlang: nb\n---\n".to_string() + text;
    let (_, expected, _) = cli(&["check", "--stdin", "--fix"], &with_lang);
    assert_eq!(area, expected);
    assert!(area.contains("## Ferdigheter"));

    // Download as .lub.md: the document the fields and the text make.
    let download = server.post_form(
        "/",
        &[
            ("text", text),
            ("kind", "course"),
            ("level", "6"),
            ("lang", "nb"),
            ("code", "STA100"),
            ("action", "download"),
        ],
    );
    assert_eq!(download.status, 200);
    assert_eq!(
        download.header("content-disposition"),
        Some("attachment; filename=\"STA100.nb.lub.md\"")
    );
    assert_eq!(download.body, composed);

    // The page speaks nynorsk and English when asked, bokmål by default.
    assert!(empty.body.contains("<html lang=\"nb\">"));
    assert!(server.get("/?ui=nn").body.contains("Skildring"));
    assert!(server.get("/?ui=en").body.contains("Download as .lub.md"));
}

/// A message as the page writes it in element content.
fn scraper_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn the_page_script_gets_the_same_parts_as_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let server = Served::start(dir.path());
    let text = read("corpus/nb/emne-statistikk-vague.lub.md");
    let page = server.post_form("/", &[("text", &text)]);
    let parts = server.post_json(
        "/api/page",
        &json!({ "text": text, "kind": "", "level": "", "lang": "", "code": "" }),
    );
    assert_eq!(parts.status, 200);
    let parts: serde_json::Value = serde_json::from_str(&parts.body).unwrap();
    for part in ["marked", "findings", "diploma"] {
        let html = parts[part].as_str().unwrap();
        assert!(!html.is_empty(), "{part}");
        assert!(
            page.body
                .contains(&format!("<div id=\"{part}-body\">{html}</div>")),
            "the script's {part} is what the form shows"
        );
    }
}

#[test]
fn limits_keep_it_safe_to_host() {
    let dir = tempfile::tempdir().unwrap();
    let server = Served::start(dir.path());
    let big = "a".repeat(1024 * 1024 + 1);
    let answer = server.post_json("/api/check", &json!({ "text": big }));
    assert_eq!(answer.status, 413, "a body over 1 MB");
    let answer = server.post_form("/", &[("text", &big)]);
    assert_eq!(answer.status, 413, "a form over 1 MB");

    let answer = server.post_raw("/api/check", "application/json", b"{\"text\": ");
    assert!(
        answer.status >= 400 && answer.status < 500,
        "broken JSON: {}",
        answer.status
    );
    let answer = server.post_json("/api/check", &json!({ "text": "x", "path": "/etc/passwd" }));
    assert!(
        answer.status >= 400 && answer.status < 500,
        "an unknown field"
    );

    // A file name is only a name: nothing is read from it.
    let answer = server.post_json(
        "/api/check",
        &json!({ "text": "", "filename": format!("{ROOT}/corpus/nb/mtdt.nb.lub.md") }),
    );
    let (_, expected, _) = cli(
        &[
            "check",
            "--stdin",
            "--stdin-filename",
            &format!("{ROOT}/corpus/nb/mtdt.nb.lub.md"),
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(answer.body, expected);

    // The rules, as `lub rules` lists them.
    let rules = server.get("/api/rules");
    assert_eq!(rules.status, 200);
    let rules: serde_json::Value = serde_json::from_str(&rules.body).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let listed = support::Run::of(support::lub().arg("rules"));
    let expected: Vec<&str> = listed
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(ids, expected);

    let (status, stderr) = server.interrupt();
    assert_eq!(status, Some(0), "Ctrl+C stops it cleanly: {stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
    // Only counts: no text, no name of what was checked.
    assert!(!stderr.contains("mtdt"), "{stderr}");
    assert!(
        stderr.contains("1 page, 4 check, 0 render, 0 fix, 1 rules, 0 other; 4 refused"),
        "{stderr}"
    );
}

#[test]
fn a_taken_address_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let run = support::Run::of(support::lub().args(["serve", "--addr", &address]));
    assert_eq!(run.status, 2);
    run.said(&format!("error: cannot listen on {address}"));
    assert!(run.stdout.is_empty(), "no URL is printed: {}", run.stdout);
}

#[test]
fn the_findings_on_the_page_speak_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let server = Served::start(dir.path());
    let text = "## Kunnskap\nKandidaten kan\n- forstå hvordan en bro bærer last\n";
    let page = |ui: &str| {
        server
            .post_form(
                "/",
                &[
                    ("text", text),
                    ("kind", "course"),
                    ("level", "6"),
                    ("lang", "nb"),
                    ("code", ""),
                    ("ui", ui),
                    ("action", "check"),
                ],
            )
            .body
    };
    let english = page("en");
    assert!(english.contains("cannot be assessed"), "{english}");
    let norwegian = page("nb");
    assert!(norwegian.contains("kan ikke vurderes"), "{norwegian}");
    let nynorsk = page("nn");
    assert!(nynorsk.contains("kan ikkje vurderast"), "{nynorsk}");
    // The API answers as the command line does: in the document's language.
    let api = server.post_json(
        "/api/check",
        &json!({"text": text, "filename": "a.nb.lub.md"}),
    );
    assert!(api.body.contains("kan ikke vurderes"), "{}", api.body);
}
