#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]
//! Which language lub speaks, as a user sees it through the binary: each
//! finding in its document's language, unless `--message-lang` or
//! `message-lang:` in `lub.yaml` says otherwise; lub's own words in that
//! language, else the locale's, else English; plurals and the document's
//! kind in the words.

mod support;
use support::{Run, lub, lub_in, write};

const NB: &str = "---\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten\n- forstår hvordan et operativsystem fordeler prosessortid\n\n## Ferdigheter\nKandidaten kan\n- programmere med tråder i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere sikkerhetsrisiko ved deling av minne\n";
const NN: &str = "---\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten\n- forstår korleis eit operativsystem fordeler prosessortid\n\n## Ferdigheiter\nKandidaten kan\n- programmere med trådar i C\n\n## Generell kompetanse\nKandidaten kan\n- vurdere tryggleiksrisiko ved deling av minne\n";
const EN: &str = "---\nkind: course\nlevel: 6\n---\n## Knowledge\nThe candidate\n- understands how an operating system schedules processes\n\n## Skills\nThe candidate can\n- program with threads in C\n\n## General competence\nThe candidate can\n- assess the security risks of shared memory\n";

fn catalogue() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "os.nb.lub.md", NB);
    write(dir.path(), "os.nn.lub.md", NN);
    write(dir.path(), "os.en.lub.md", EN);
    dir
}

fn json(cmd: &mut assert_cmd::Command) -> Run {
    Run::of(cmd.args(["--format", "json"]))
}

#[test]
fn each_finding_speaks_its_documents_language() {
    let dir = catalogue();
    let run = json(lub().arg("check").arg(dir.path()));
    assert_eq!(
        run.finding("os.nb.lub.md", "vague-verb"),
        Some("«forstår» kan ikke vurderes: si hva kandidaten kan gjøre")
    );
    assert_eq!(
        run.finding("os.nn.lub.md", "vague-verb"),
        Some("«forstår» kan ikkje vurderast: sei kva kandidaten kan gjere")
    );
    assert_eq!(
        run.finding("os.en.lub.md", "vague-verb"),
        Some("“understands” cannot be assessed: say what the candidate can do")
    );
}

#[test]
fn the_help_gives_examples_in_the_documents_language() {
    let dir = catalogue();
    let run = Run::of(lub().args(["check", "--format", "compact"]).arg(dir.path()));
    let help_of = |file: &str| {
        let out = Run::of(
            lub()
                .args(["check", "--format", "json"])
                .arg(dir.path().join(file)),
        );
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        json.as_array().unwrap()[0]["help"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(run.status == 0, "{}", run.stderr);
    assert!(help_of("os.nb.lub.md").contains("«gjøre rede for»"));
    assert!(help_of("os.nn.lub.md").contains("«gjere greie for»"));
    assert!(help_of("os.en.lub.md").contains("“explain”"));
}

#[test]
fn message_lang_on_the_command_line_or_in_lub_yaml_wins() {
    let dir = catalogue();
    let run = json(
        lub()
            .args(["check", "--message-lang", "nn"])
            .arg(dir.path()),
    );
    for file in ["os.nb.lub.md", "os.nn.lub.md", "os.en.lub.md"] {
        let message = run.finding(file, "vague-verb").unwrap();
        assert!(
            message.ends_with("kan ikkje vurderast: sei kva kandidaten kan gjere"),
            "{file}: {message}"
        );
    }
    write(dir.path(), "lub.yaml", "message-lang: en\n");
    let run = json(lub_in(dir.path()).args(["check", "."]));
    assert_eq!(
        run.finding("os.nb.lub.md", "vague-verb"),
        Some("“forstår” cannot be assessed: say what the candidate can do")
    );
    let run = json(lub_in(dir.path()).args(["check", "--message-lang", "nb", "."]));
    assert!(
        run.finding("os.en.lub.md", "vague-verb")
            .unwrap()
            .contains("kan ikke vurderes")
    );

    write(dir.path(), "lub.yaml", "message-lang: nynorsk\n");
    let run = Run::of(lub_in(dir.path()).args(["check", "."]));
    assert_eq!(run.status, 2);
    run.said("`message-lang` is “nynorsk”; write nb, nn or en");
}

#[test]
fn lubs_own_words_follow_the_setting_then_the_locale_then_english() {
    let dir = catalogue();
    let summary = |cmd: &mut assert_cmd::Command| {
        let run = Run::of(cmd.arg(dir.path()));
        run.stdout.lines().last().unwrap_or_default().to_string()
    };
    assert_eq!(
        summary(lub().arg("check")),
        "Found 0 errors, 3 warnings and 0 infos in 3 of 3 files."
    );
    assert_eq!(
        summary(lub().arg("check").env("LANG", "nb_NO.UTF-8")),
        "Fant 0 feil, 3 advarsler og 0 merknader i 3 av 3 filer."
    );
    assert_eq!(
        summary(lub().arg("check").env("LANG", "no_NO.UTF-8")),
        "Fant 0 feil, 3 advarsler og 0 merknader i 3 av 3 filer.",
        "`no` is bokmål"
    );
    assert_eq!(
        summary(
            lub()
                .arg("check")
                .env("LANG", "en_GB.UTF-8")
                .env("LC_MESSAGES", "nn_NO.UTF-8")
        ),
        "Fann 0 feil, 3 åtvaringar og 0 merknader i 3 av 3 filer."
    );
    assert_eq!(
        summary(
            lub()
                .arg("check")
                .env("LANG", "nb_NO.UTF-8")
                .env("LC_ALL", "C.UTF-8")
        ),
        "Found 0 errors, 3 warnings and 0 infos in 3 of 3 files.",
        "LC_ALL comes first, and C is not Norwegian"
    );
    assert_eq!(
        summary(
            lub()
                .args(["check", "--message-lang", "nn"])
                .env("LANG", "nb_NO.UTF-8")
        ),
        "Fann 0 feil, 3 åtvaringar og 0 merknader i 3 av 3 filer."
    );
}

#[test]
fn plurals_are_right_in_each_language() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.nb.lub.md", NB);
    let nb = Run::of(
        lub()
            .args(["check", "--message-lang", "nb"])
            .arg(dir.path()),
    );
    assert!(
        nb.stdout
            .ends_with("Fant 0 feil, 1 advarsel og 0 merknader i 1 av 1 fil.\n"),
        "{}",
        nb.stdout
    );
    let one = "---\nkind: course\nlevel: 6\n---\n## Kunnskap\nKandidaten kan\n• gjøre rede for hvordan et operativsystem fordeler prosessortid\n";
    let three = "---\nkind: course\nlevel: 6\n---\n## Knowledge\nThe candidate can\n• explain how an operating system schedules processes\n• explain paging\n• explain interrupts\n";
    write(dir.path(), "one.nb.lub.md", one);
    write(dir.path(), "three.en.lub.md", three);
    let run = json(lub().arg("check").arg(dir.path()));
    assert_eq!(
        run.finding("one.nb.lub.md", "list-format"),
        Some("1 læringsutbytte er merket med «•»: Markdown leser det ikke som en liste")
    );
    assert_eq!(
        run.finding("three.en.lub.md", "list-format"),
        Some("3 outcomes are marked with “•”: Markdown does not read them as a list")
    );
    let run = json(
        lub()
            .args(["check", "--message-lang", "en"])
            .arg(dir.path().join("one.nb.lub.md")),
    );
    assert_eq!(
        run.finding("one.nb.lub.md", "list-format"),
        Some("1 outcome is marked with “•”: Markdown does not read it as a list")
    );
}

#[test]
fn findings_name_a_course_or_a_programme() {
    let dir = tempfile::tempdir().unwrap();
    let generic = |kind: &str| {
        format!(
            "---\nkind: {kind}\nlevel: 6\n---\n## Kunnskap\nKandidaten\n- har bred kunnskap om sentrale temaer innenfor fagområdet\n\n## Ferdigheter\nKandidaten kan\n- anvende faglig kunnskap på relevante problemstillinger\n\n## Generell kompetanse\nKandidaten kan\n- formidle sentralt fagstoff\n"
        )
    };
    write(dir.path(), "emne.lub.md", &generic("course"));
    write(dir.path(), "program.lub.md", &generic("programme"));
    let run = json(
        lub()
            .args(["check", "--select", "missing-specific-competence"])
            .arg(dir.path()),
    );
    let message = |file| {
        run.finding(file, "missing-specific-competence")
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        message("emne.lub.md").ends_with("et hvilket som helst emne"),
        "{}",
        message("emne.lub.md")
    );
    assert!(
        message("program.lub.md").ends_with("et hvilket som helst studieprogram"),
        "{}",
        message("program.lub.md")
    );
}

#[test]
fn the_human_format_explains_its_symbols_once_and_never_breaks_a_path() {
    let dir = tempfile::tempdir().unwrap();
    // A message that names another file, long enough to be wrapped.
    let long = "institutt-for-datateknologi-og-informatikk/emner-pa-masterniva";
    let nb = format!("{long}/nb/datamaskinarkitektur-og-operativsystemer.nb.lub.md");
    let en = format!("{long}/en/datamaskinarkitektur-og-operativsystemer.en.lub.md");
    write(
        dir.path(),
        &nb,
        &NB.replace("kind: course", "code: TDT4186\nkind: course"),
    );
    write(
        dir.path(),
        &en,
        &EN.replace(
            "kind: course\nlevel: 6",
            "code: TDT4186\nkind: course\nlevel: 7",
        ),
    );
    let run = Run::of(lub_in(dir.path()).args(["check", "--message-lang", "nn", long]));
    // The message, from the rule's id to the snippet's header.
    let message: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|line| *line != "translation-mismatch")
        .take_while(|line| !line.contains("╭─["))
        .collect();
    assert!(message.len() > 2, "{}", run.stdout);
    assert!(
        message.iter().any(|line| line.contains(&nb)),
        "the path is on one line:\n{}",
        message.join("\n")
    );
    let legend = "× feil  ⚠ åtvaring  ☞ merknad; «help» seier kva du kan skrive i staden";
    assert_eq!(run.stdout.matches(legend).count(), 1, "{}", run.stdout);

    let clean = tempfile::tempdir().unwrap();
    write(
        clean.path(),
        "a.lub.md",
        NB.replace("forstår", "gjør rede for").as_str(),
    );
    let run = Run::of(lub().arg("check").arg(clean.path()));
    assert_eq!(
        run.stdout, "No findings in 1 file.\n",
        "no legend without findings"
    );
}

#[test]
fn render_refuses_in_lubs_language() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "feil.lub.md",
        &NB.replace("level: 6", "level: 9"),
    );
    let run = Run::of(
        lub_in(dir.path())
            .args(["render", "feil.lub.md"])
            .env("LANG", "nn_NO.UTF-8"),
    );
    assert_eq!(run.status, 1);
    run.said("feil.lub.md har feil; bruk --force for å skrive det ut likevel");
    assert!(run.stderr.contains("`level` er 9"), "{}", run.stderr);
}

#[test]
fn path_errors_speak_lubs_language() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "outcomes/notes.md", "not a document\n");
    write(dir.path(), "outcomes/more.md", "not a document\n");
    let run = Run::of(
        lub_in(dir.path())
            .args(["check", "outcomes", "missing.lub.md"])
            .env("LANG", "nb_NO.UTF-8"),
    );
    assert_eq!(run.status, 2);
    run.said("error: outcomes: ingen *.lub.md-dokumenter her (2 .md-filer ble ikke sjekket); nevn dem på kommandolinjen, eller legg dem til i lub.yaml: include: [\"**/*.md\"]");
    run.said("error: missing.lub.md: ingen slik fil eller mappe");
    let run = Run::of(lub_in(dir.path()).args(["check", "--message-lang", "nn", "missing.lub.md"]));
    run.said("error: missing.lub.md: inga slik fil eller mappe");
    let run = Run::of(lub_in(dir.path()).args(["check", "missing.lub.md"]));
    run.said("error: missing.lub.md: no such file or folder");
}

/// `--help` with the language said on the command line, or by the locale.
fn help(args: &[&str], lang: Option<&str>) -> String {
    let mut cmd = lub();
    cmd.args(args);
    if let Some(lang) = lang {
        cmd.env("LANG", lang);
    }
    let run = Run::of(&mut cmd);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.stdout
}

#[track_caller]
fn no_english_headings(help: &str) {
    for english in [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "Print help",
        "Print version",
        "[OPTIONS]",
        "[default:",
        "[possible values:",
        "Possible values:",
    ] {
        assert!(!help.contains(english), "«{english}» in:\n{help}");
    }
}

#[test]
fn help_speaks_the_message_language_or_the_locales() {
    let top = help(&["--message-lang", "nb", "--help"], None);
    no_english_headings(&top);
    for nb in [
        "Bruk: lub [VALG] <KOMMANDO>",
        "Kommandoer:",
        "Valg:",
        "Skriv ut hjelp",
        "Sjekk dokumenter og si hva som er galt i dem",
    ] {
        assert!(top.contains(nb), "«{nb}» in:\n{top}");
    }
    let top = help(&["--message-lang", "nn", "--help"], None);
    no_english_headings(&top);
    assert!(top.contains("Kommandoar:") && top.contains("Val:"), "{top}");
    assert!(
        top.contains("Sjekk dokument og sei kva som er gale i dei"),
        "{top}"
    );
    let top = help(&["--help"], Some("nb_NO.UTF-8"));
    no_english_headings(&top);
    assert!(top.contains("Kommandoer:"), "{top}");

    for (args, lang) in [
        (&["check", "--message-lang", "nb", "--help"][..], None),
        (&["check", "--help"][..], Some("nb_NO.UTF-8")),
        (&["check", "-h"][..], Some("no_NO.UTF-8")),
    ] {
        let check = help(args, lang);
        no_english_headings(&check);
        for nb in [
            "Bruk: lub check [VALG] [STI]...",
            "Argumenter:",
            "Valg:",
            "--output-file <FIL>",
            "Hvordan funnene skrives ut",
            "Standard: human",
            "Skriv ut hjelp",
        ] {
            assert!(check.contains(nb), "«{nb}» in:\n{check}");
        }
    }
    let long = help(&["check", "--help"], Some("nb_NO.UTF-8"));
    assert!(
        long.contains("- human: hvert funn med kildelinjen understreket"),
        "{long}"
    );
    let short = help(&["check", "-h"], Some("nb_NO.UTF-8"));
    assert!(short.contains("Verdier: human, json, sarif,"), "{short}");
    let check = help(&["check", "--message-lang", "nn", "--help"], None);
    no_english_headings(&check);
    for nn in [
        "Bruk: lub check [VAL] [STI]...",
        "Argument:",
        "Val:",
        "Korleis funna vert skrivne ut",
        "Les eitt dokument frå standard inn",
    ] {
        assert!(check.contains(nn), "«{nn}» in:\n{check}");
    }
    let check = help(&["check", "--help"], Some("nn_NO.UTF-8"));
    assert!(check.contains("Bruk: lub check [VAL]"), "{check}");

    // Every command says its help in Norwegian.
    for command in [
        "render", "new", "explain", "rules", "import", "report", "serve", "lsp",
    ] {
        let said = help(&[command, "--help"], Some("nb_NO.UTF-8"));
        no_english_headings(&said);
        assert!(said.contains(&format!("Bruk: lub {command}")), "{said}");
    }
    // English as before, when nothing says otherwise.
    let check = help(&["check", "--help"], None);
    assert!(
        check.contains("Usage: lub check [OPTIONS] [PATH]..."),
        "{check}"
    );
    assert!(check.contains("[default: human]"), "{check}");
}

#[test]
fn a_broken_lub_yaml_is_said_in_the_users_language() {
    let dir = catalogue();
    write(dir.path(), "lub.yaml", "rulez:\n  vague-verb: off\n");
    let run = Run::of(lub_in(dir.path()).args(["check", "--message-lang", "nb", "."]));
    assert_eq!(run.status, 2);
    run.said("error: lub.yaml:1:1: ukjent nøkkel `rulez`; mente du `rules`?");
    // The parser's own words follow a sentence of lub's.
    write(dir.path(), "lub.yaml", "rules: [vague-verb\n");
    let run = Run::of(
        lub_in(dir.path())
            .env("LANG", "nb_NO.UTF-8")
            .args(["check", "."]),
    );
    assert_eq!(run.status, 2);
    run.said("error: lub.yaml:1:");
    run.said(": YAML-en er ikke gyldig: ");
    write(dir.path(), "lub.yaml", "defaults:\n  level: 9\n");
    let run = Run::of(lub_in(dir.path()).args(["check", "--message-lang", "nn", "."]));
    run.said("lub.yaml:2:10: `level` er 9; NKR-nivåa er 5 til 8");
    let run = Run::of(lub_in(dir.path()).args(["check", "."]));
    run.said("lub.yaml:2:10: `level` is 9; NKR levels are 5 to 8");
}

#[test]
fn a_file_over_the_size_limit_is_said_in_nynorsk() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "lub.yaml", "max-file-size-mb: 1\n");
    write(
        dir.path(),
        "stor.lub.md",
        &format!("{NN}{}", "x".repeat(3 * 1024 * 1024 / 2)),
    );
    let run = Run::of(
        lub_in(dir.path())
            .env("LANG", "nn_NO.UTF-8")
            .args(["check", "stor.lub.md"]),
    );
    assert_eq!(run.status, 2);
    run.said("error: stor.lub.md: er 1,5 MB; lub les filer på opptil 1,0 MB (`max-file-size-mb` i lub.yaml)");
}

#[test]
fn the_closing_line_of_diff_is_said_in_bokmal() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.lub.md",
        &NB.replace("## Ferdigheter", "## Ferdigeter"),
    );
    write(dir.path(), "b.lub.md", NB);
    let run = Run::of(lub_in(dir.path()).args(["check", "--diff", "--message-lang", "nb", "."]));
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.said("1 sikker retting ville endret 1 av 2 filer");
    let run = Run::of(lub_in(dir.path()).args(["check", "--diff", "."]));
    run.said("1 safe fix would change 1 of 2 files");
}

#[test]
fn path_errors_speak_the_language_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["json", "sarif", "github", "compact", "human"] {
        let run = Run::of(
            lub_in(dir.path())
                .args(["check", "--message-lang", "nb", "--format", format])
                .arg("borte.lub.md"),
        );
        assert_eq!(run.status, 2, "{format}");
        run.said("error: borte.lub.md: ingen slik fil eller mappe");
    }
    let run = Run::of(lub_in(dir.path()).env("LANG", "nn_NO.UTF-8").args([
        "check",
        "--format",
        "json",
        "borte.lub.md",
    ]));
    run.said("error: borte.lub.md: inga slik fil eller mappe");
}

#[test]
fn imports_notes_are_said_in_bokmal() {
    let dir = tempfile::tempdir().unwrap();
    let export = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/emner-en.xml");
    let run = Run::of(
        lub_in(dir.path())
            .args(["import", "--message-lang", "nb", "--out", "ut"])
            .arg(&export),
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.said(":24: posten har ikke noe læringsutbytte (feltet mangler eller er tomt); dokumentet har bare front matter");
    run.said(
        "studieniva «XX» er ikke en kode lub kjenner; `level: 6` er hentet fra NUS-koden 655101",
    );
    assert!(run.stdout.contains("Importerte "), "{}", run.stdout);
    assert!(run.stdout.contains(": skrev "), "{}", run.stdout);
}

#[test]
fn one_outcome_is_the_only_one_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let front = "---\nkind: course\nlevel: 6\n---\n";
    write(
        dir.path(),
        "en.nb.lub.md",
        &format!(
            "{front}## Kunnskap\nKandidaten\n- har bred kunnskap om sentrale temaer, teorier og metoder innenfor fagområdet\n"
        ),
    );
    write(
        dir.path(),
        "to.nb.lub.md",
        &format!(
            "{front}## Kunnskap\nKandidaten\n- har bred kunnskap om sentrale temaer, teorier og metoder innenfor fagområdet\n\n## Ferdigheter\nKandidaten kan\n- anvende faglig kunnskap på praktiske og teoretiske problemstillinger\n"
        ),
    );
    let message = |lang: &str, file: &str| {
        let run = json(lub_in(dir.path()).args(["check", "--message-lang", lang, file]));
        run.finding(file, "missing-specific-competence")
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no finding in {file}: {}", run.stdout))
    };
    assert_eq!(
        message("nb", "en.nb.lub.md"),
        "det eneste læringsutbyttet nevner ingenting fra faget: det kunne stått i et hvilket som helst emne"
    );
    assert_eq!(
        message("nn", "en.nb.lub.md"),
        "det einaste læringsutbytet nemner ingenting frå faget: det kunne stått i kva emne som helst"
    );
    assert_eq!(
        message("en", "en.nb.lub.md"),
        "the only outcome names nothing of the subject: it would fit any course"
    );
    assert!(message("nb", "to.nb.lub.md").starts_with("ingen av de 2 "));
    assert!(message("en", "to.nb.lub.md").starts_with("none of the 2 outcomes"));
}

#[test]
fn usage_errors_speak_the_users_language() {
    let run = Run::of(lub().env("LANG", "nb_NO.UTF-8").args(["check", "--bogus"]));
    assert_eq!(run.status, 2);
    run.said("error: ukjent argument «--bogus»");
    run.said("Bruk: lub check [VALG] [STI]...");
    run.said("Skriv «--help» for mer hjelp.");
    assert!(!run.stderr.contains("Usage:"), "{}", run.stderr);
    let run = Run::of(lub().args(["--message-lang", "nn", "chek"]));
    assert_eq!(run.status, 2);
    run.said("error: ukjend kommando «chek»");
    run.said("meinte du «check»?");
    let run = Run::of(lub().args(["check", "--message-lang", "nb", "--format", "xml"]));
    run.said("error: ugyldig verdi «xml» for «--format <FORMAT>»");
    let run = Run::of(lub().args(["check", "--fix", "--diff"]));
    run.said("error: the argument '--fix' cannot be used with '--diff'");
}

#[cfg(unix)]
#[test]
fn a_fix_refused_is_said_in_the_users_language() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emne.lub.md");
    std::fs::write(&path, NB.replace("## Ferdigheter", "## Ferdigeter")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = Run::of(
        lub()
            .args(["check", "--fix", "--message-lang", "nn"])
            .arg(&path),
    );
    assert_eq!(run.status, 2);
    run.said("ikkje retta: fila er skriveverna");
    let run = Run::of(
        lub()
            .args([
                "new",
                "--kind",
                "course",
                "--level",
                "6",
                "--lang",
                "nb",
                "--message-lang",
                "nb",
                "--output",
            ])
            .arg(&path),
    );
    assert_eq!(run.status, 2);
    run.said("finnes allerede; lub new skriver aldri over en fil");
}

#[test]
fn a_baseline_that_is_not_a_report_is_said_in_nynorsk() {
    let dir = catalogue();
    write(dir.path(), "gammal.json", "ikkje json");
    let run = Run::of(lub_in(dir.path()).env("LANG", "nn_NO.UTF-8").args([
        "report",
        ".",
        "--output",
        "-",
        "--format",
        "json",
        "--baseline",
        "gammal.json",
    ]));
    assert_eq!(run.status, 2);
    run.said("error: --baseline gammal.json: er ikkje JSON (");
}
