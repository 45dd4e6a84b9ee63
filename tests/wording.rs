#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! How sure lub is, as a user sees it in `--format json`: the framework's
//! own wording is info where the NKR descriptors of the document's level
//! use it, and a warning elsewhere.

mod support;
use support::{lub, write};

/// `(rule, severity, text)` of every finding of a run over `file`.
fn findings(dir: &std::path::Path, file: &str) -> Vec<(String, String, String)> {
    let out = lub()
        .args(["check", "--format", "json"])
        .arg(dir.join(file))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("rule"), s("severity"), s("text"))
        })
        .collect()
}

fn document(level: u8) -> String {
    format!(
        "---\nkind: course\nlevel: {level}\n---\n## Kunnskap\nKandidaten\n- kjenner til forskning på sedimenttransport i norske elver\n\n## Ferdigheter\nKandidaten kan\n- måle vannføring i en elv med en strømmåler\n\n## Generell kompetanse\nKandidaten kan\n- formidle målinger av vannføring til en kommune\n"
    )
}

#[test]
fn framework_wording_is_info_at_its_own_level_and_a_warning_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bachelor.lub.md", &document(6));
    write(dir.path(), "master.lub.md", &document(7));
    let severity = |file: &str| {
        findings(dir.path(), file)
            .into_iter()
            .find(|(rule, _, text)| rule == "vague-verb" && text == "kjenner til")
            .map(|(_, severity, _)| severity)
    };
    // Level 6 knowledge: "kjenner til forsknings- og utviklingsarbeid".
    assert_eq!(severity("bachelor.lub.md").as_deref(), Some("info"));
    assert_eq!(severity("master.lub.md").as_deref(), Some("warning"));
}

#[test]
fn a_lead_in_that_cannot_be_assessed_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "emne.en.lub.md",
        "## Knowledge\nThe student understands\n- how tides are forecast from harmonic constants\n",
    );
    let found = findings(dir.path(), "emne.en.lub.md");
    assert!(
        found
            .iter()
            .any(|(rule, _, text)| rule == "vague-verb" && text == "understands"),
        "{found:?}"
    );
}

#[test]
fn missing_level_and_kind_are_said_with_what_did_not_run() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Læringsutbytte\n\nKunnskap\n- kan gjøre rede for flomberegning i små nedbørfelt\n";
    write(dir.path(), "uten.lub.md", body);
    write(
        dir.path(),
        "master.lub.md",
        &format!("Etter fullført masterprogram har kandidaten følgende læringsutbytte:\n\n{body}"),
    );
    let info = |file: &str| {
        findings(dir.path(), file)
            .into_iter()
            .find(|(rule, _, _)| rule == "front-matter")
    };
    let (_, severity, text) =
        info("uten.lub.md").expect("an info on the document without metadata");
    assert_eq!(
        (severity.as_str(), text.as_str()),
        ("info", "Læringsutbytte")
    );
    let out = lub()
        .args(["check", "--format", "compact"])
        .arg(dir.path().join("uten.lub.md"))
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("level-mismatch") && shown.contains("innovation-missing"),
        "{shown}"
    );
    // "masterprogram": a programme of level 7, read from the text.
    assert_eq!(info("master.lub.md"), None);
}

#[test]
fn render_calls_a_document_a_programme_only_when_it_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let body = "## Kunnskap\nKandidaten kan\n- gjøre rede for flomberegning i små nedbørfelt\n\n## Ferdigheter\nKandidaten kan\n- måle vannføring i en elv med en strømmåler\n\n## Generell kompetanse\nKandidaten kan\n- formidle flomfare til en kommune\n";
    write(dir.path(), "uten.lub.md", body);
    write(
        dir.path(),
        "program.lub.md",
        &format!("---\nkind: programme\nlevel: 6\n---\n{body}"),
    );
    let render = |file: &str| {
        let out = lub()
            .args(["render"])
            .arg(dir.path().join(file))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let unknown = render("uten.lub.md");
    assert!(!unknown.contains("program"), "{unknown}");
    assert!(
        unknown.contains("Kandidaten har følgende læringsutbytte"),
        "{unknown}"
    );
    let programme = render("program.lub.md");
    assert!(programme.contains("Etter fullført program"), "{programme}");
}

// ---------------------------------------------------------------------------
// Every text in bokmål, nynorsk and English.

/// Words only bokmål writes, and words only nynorsk writes: a nynorsk text
/// with "ikke" in it is bokmål, and the other way round.
const BOKMAL_ONLY: &[&str] = &[
    "ikke",
    "hva",
    "hvordan",
    "hvilke",
    "hvilket",
    "fra",
    "noen",
    "bare",
    "hver",
    "hvert",
    "være",
    "mye",
    "gjøre",
    "læringsutbyttet",
    "læringsutbytter",
    "sier",
    "skjuler",
];
const NYNORSK_ONLY: &[&str] = &[
    "ikkje",
    "kva",
    "korleis",
    "frå",
    "nokon",
    "berre",
    "kvar",
    "kvart",
    "vere",
    "mykje",
    "gjere",
    "læringsutbytet",
    "seier",
    "eit",
    "ein",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The `{placeholders}` of a text, sorted.
fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// What is wrong with one text in one language, if anything.
fn faults(what: &str, lang: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if text.trim().is_empty() {
        out.push(format!("{what}: no {lang} text"));
        return out;
    }
    // Quoted words and examples are the document's own, in any language;
    // the words around them are what must be the language's.
    let prose = strip_quoted(text);
    let wrong_marks: &[char] = if lang == "en" {
        &['«', '»']
    } else {
        &['“', '”']
    };
    if text.contains(wrong_marks) {
        out.push(format!(
            "{what}: {lang} has the other language's quotation marks: {text}"
        ));
    }
    let other = match lang {
        "nn" => BOKMAL_ONLY,
        "nb" => NYNORSK_ONLY,
        _ => &[],
    };
    if let Some(word) = words(&prose).find(|w| other.contains(&w.as_str())) {
        out.push(format!("{what}: {lang} has «{word}»: {text}"));
    }
    out
}

/// `text` without what stands in quotation marks, backticks or parentheses
/// of examples: "«Kandidaten kan»" and "(«kan bruke X og vurdere Y»)".
fn strip_quoted(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '«' | '“' => depth += 1,
            '»' | '”' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn every_word_of_lubs_own_is_in_three_languages() {
    let mut all = Vec::new();
    for msg in lub::messages::Msg::ALL {
        let [nb, nn, en] = msg.texts();
        let what = msg.name();
        for (lang, text) in [("nb", nb), ("nn", nn), ("en", en)] {
            all.extend(faults(&what, lang, text));
        }
        if placeholders(nb) != placeholders(en) || placeholders(nn) != placeholders(en) {
            all.push(format!("{what}: the languages fill different placeholders"));
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn every_rule_text_is_in_three_languages() {
    let mut all = Vec::new();
    let mut rules = 0;
    for (path, json) in lub::embedded::FILES
        .iter()
        .filter(|(p, _)| !p.contains('/'))
    {
        rules += 1;
        let rule: serde_json::Value = serde_json::from_str(json).unwrap();
        for field in ["summary", "message", "message_one", "why", "help"] {
            let value = &rule[field];
            if value.is_null() && (field == "help" || field == "message_one") {
                continue;
            }
            let what = format!("rules/{path} `{field}`");
            let Some(texts) = value.as_object() else {
                all.push(format!("{what} is one text, not one per language"));
                continue;
            };
            for lang in ["nb", "nn", "en"] {
                let text = texts.get(lang).and_then(|t| t.as_str()).unwrap_or("");
                all.extend(faults(&what, lang, text));
            }
            let of = |lang: &str| placeholders(texts[lang].as_str().unwrap_or(""));
            if of("nb") != of("en") || of("nn") != of("en") {
                all.push(format!("{what}: the languages fill different placeholders"));
            }
        }
    }
    assert!(rules > 20, "the rules are read");
    assert!(all.is_empty(), "{}", all.join("\n"));
}
