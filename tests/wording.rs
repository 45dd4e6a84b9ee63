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
