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
