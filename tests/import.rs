#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `lub import`: the reference examples and our own fixtures in
//! `tests/import/` become documents that `lub check` and `lub render` read
//! whole, with the same outcomes in the same order; a second run refuses or,
//! with `--force`, replaces; broken and hostile exports are reported without
//! harm.

mod support;

use std::path::{Path, PathBuf};

use support::{Run, lub};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/fs-studieinfo-examples")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import")
}

fn import(inputs: &[&Path], out: &Path, force: bool) -> Run {
    let mut cmd = lub();
    cmd.arg("import").args(inputs).arg("--out").arg(out);
    if force {
        cmd.arg("--force");
    }
    Run::of(&mut cmd)
}

/// The produced documents, by file name, in order.
fn documents(out: &Path) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    all.sort();
    all
}

/// A snapshot name insta can put in a file name on every system.
fn snapshot_name(prefix: &str, file: &str) -> String {
    let ascii: String = file
        .chars()
        .map(|c| match c {
            'Ø' => 'O',
            'ø' => 'o',
            c if c.is_ascii_alphanumeric() || c == '-' => c,
            _ => '_',
        })
        .collect();
    format!("{prefix}__{ascii}")
}

/// What `lub render --to json` reads in a document: each category and its
/// outcomes, in order.
fn rendered(path: &Path) -> Vec<(String, Vec<String>)> {
    let run = Run::of(lub().args(["render", "--to", "json", "--force"]).arg(path));
    assert_eq!(run.status, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["category"].as_str().unwrap_or("no category").to_string(),
                c["outcomes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

/// The `<li>` texts of a record's learning outcomes, read straight from the
/// export with scraper: what the source says the outcomes are.
fn source_items(export: &Path, code: &str) -> Vec<String> {
    let xml = std::fs::read_to_string(export).unwrap();
    let at = xml
        .find(&format!("<emnekode>{code}<"))
        .or_else(|| xml.find(&format!("<studieprogramkode>{code}<")))
        .unwrap();
    let rest = &xml[at..];
    let start = rest.find("<laringsutbytte><![CDATA[").unwrap() + "<laringsutbytte><![CDATA[".len();
    let end = rest[start..].find("]]>").unwrap() + start;
    let html = scraper::Html::parse_fragment(&rest[start..end]);
    let li = scraper::Selector::parse("li").unwrap();
    html.select(&li)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The JSON findings of `lub check` on a folder: rule ids per file.
fn check_rules(out: &Path) -> Vec<(String, String)> {
    let run = Run::of(lub().args(["check", "--format", "json"]).arg(out));
    let mut found: Vec<(String, String)> = run
        .findings
        .iter()
        // An info that a page does not say its level is not a fault of
        // the import: saved pages carry no level.
        .filter(|f| {
            f.rule == "parse-error"
                || f.rule == "missing-category"
                || f.rule == "front-matter" && f.severity != "info"
        })
        .map(|f| {
            let file = Path::new(&f.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (file, f.rule.clone())
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_examples_become_documents_lub_reads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = import(&[&examples()], &out, false);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let docs = documents(&out);
    let names: Vec<&str> = docs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "BIO232.nn.lub.md",
            "KYS210.nb.lub.md",
            "M-HAVTEK.en.lub.md",
            "ØKB105.nb.lub.md"
        ]
    );
    for (name, text) in &docs {
        insta::assert_snapshot!(snapshot_name("example", name), text);
    }

    // The three good records: every `<li>` of the source is an outcome,
    // in order, under the three categories.
    for (file, code, lang) in [
        ("emne-nb.xml", "KYS210", "nb"),
        ("emne-nn.xml", "BIO232", "nn"),
        ("studieprogram-en.xml", "M-HAVTEK", "en"),
    ] {
        let categories = rendered(&out.join(format!("{code}.{lang}.lub.md")));
        let keys: Vec<&str> = categories.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            keys,
            ["knowledge", "skills", "general-competence"],
            "{code}"
        );
        let outcomes: Vec<String> = categories.into_iter().flat_map(|(_, o)| o).collect();
        assert_eq!(
            outcomes,
            source_items(&examples().join(file), code),
            "{code}"
        );
    }

    // ØKB105 has one category, and the paragraph after its list is kept as
    // an outcome of it; the list before it, under its lead-in, has no
    // category to be in and is rendered after the categories.
    let categories = rendered(&out.join("ØKB105.nb.lub.md"));
    assert_eq!(
        categories,
        [
            (
                "knowledge".to_string(),
                vec![
                    "Sirkulærøkonomi og ressursbruk".to_string(),
                    "Klimaregnskap og rapportering".into(),
                    "Grønne obligasjoner".into(),
                    "ha fått innsikt i FNs bærekraftsmål".into(),
                ]
            ),
            (
                "no category".to_string(),
                vec![
                    "ha forståelse for bærekraftig økonomi".to_string(),
                    "kjenne til sirkulærøkonomi".into(),
                    "være kjent med klimaregnskap".into(),
                ]
            )
        ]
    );
    let okb = &docs[3].1;
    for vague in [
        "ha forståelse for bærekraftig økonomi",
        "kjenne til sirkulærøkonomi",
        "være kjent med klimaregnskap",
    ] {
        assert!(
            okb.contains(&format!("- {vague}\n")),
            "nothing is dropped: {vague}"
        );
    }
    assert_eq!(
        check_rules(&out),
        [(
            "ØKB105.nb.lub.md".to_string(),
            "missing-category".to_string()
        )],
        "the front matter is valid everywhere, and only ØKB105 misses categories"
    );
}

#[test]
fn our_fixtures_become_documents_lub_reads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let inputs: Vec<PathBuf> = [
        "raw-emner-nb.xml",
        "emner-en.xml",
        "studieprogram-nn.xml",
        "page-dat310.html",
        "fragment-inf250.html",
    ]
    .iter()
    .map(|f| fixtures().join(f))
    .collect();
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let run = import(&inputs, &out, false);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("raw-emner-nb.xml: 3 documents written, 1 kurs record skipped"),
        "{}",
        run.stdout
    );
    run.said("emner-en.xml:24: the record has no learning outcomes");
    run.said(
        "studieniva “XX” is not a code lub knows; `level: 6` is taken from the NUS code 655101",
    );
    let docs = documents(&out);
    for (name, text) in &docs {
        insta::assert_snapshot!(snapshot_name("fixture", name), text);
    }
    let counts = |file: &str| -> Vec<(String, usize)> {
        rendered(&out.join(file))
            .into_iter()
            .map(|(c, o)| (c, o.len()))
            .collect()
    };
    let three = |k: usize, s: usize, g: usize| {
        vec![
            ("knowledge".to_string(), k),
            ("skills".to_string(), s),
            ("general-competence".to_string(), g),
        ]
    };
    assert_eq!(counts("DAT200_1.nb.lub.md"), three(2, 3, 1));
    assert_eq!(counts("DAT200_2.nb.lub.md"), three(1, 1, 1));
    assert_eq!(counts("MAT-110.en.lub.md"), three(2, 2, 1));
    assert_eq!(counts("STA-100.en.lub.md"), three(1, 1, 1));
    assert_eq!(counts("B-GRUNN.nn.lub.md"), three(2, 2, 2));
    assert_eq!(counts("DAT310.nb.lub.md"), three(2, 1, 1));
    assert_eq!(counts("fragment-inf250.en.lub.md"), three(1, 1, 1));
    assert_eq!(
        rendered(&out.join("DAT200_1.nb.lub.md"))[1].1,
        [
            "implementere grafalgoritmer (Dijkstra, Prim) i Java",
            "velge en datastruktur som gir ¼ av kjøretiden til en naiv løsning, og begrunne valget",
            "og måle kjøretiden til egne programmer med «benchmarks».",
        ],
        "entities decoded, the list and the paragraph after it kept in order"
    );
    // Which rule says "no category" is the parser's business (a
    // `parse-error` or a `missing-category` per category); that exactly
    // these two say it, and no front matter is wrong, is ours.
    let found = check_rules(&out);
    let files: std::collections::BTreeSet<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        files,
        ["ALU101.nb.lub.md", "MAT-199.en.lub.md"].into(),
        "only the record grouped by topic and the empty one have no categories: {found:?}"
    );
    assert!(
        found
            .iter()
            .all(|(_, rule)| rule == "parse-error" || rule == "missing-category"),
        "{found:?}"
    );
}

#[test]
fn a_broken_export_writes_nothing_and_the_others_are_imported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = import(
        &[
            &fixtures().join("broken.xml"),
            &examples().join("emne-nn.xml"),
        ],
        &out,
        false,
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said("broken.xml:10:36: not well-formed XML");
    run.said("nothing was imported from it");
    let names: Vec<String> = documents(&out).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["BIO232.nn.lub.md"],
        "BRK100, before the error, is not written either"
    );
}

#[test]
fn a_second_run_refuses_and_force_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_eq!(import(&[&examples()], &out, false).status, 0);
    let kys = out.join("KYS210.nb.lub.md");
    let imported = std::fs::read_to_string(&kys).unwrap();
    std::fs::write(&kys, "edited by hand\n").unwrap();

    let again = import(&[&examples()], &out, false);
    assert_eq!(again.status, 1, "{}", again.stderr);
    again.said("KYS210.nb.lub.md: exists already; not replaced without --force");
    assert_eq!(std::fs::read_to_string(&kys).unwrap(), "edited by hand\n");

    let forced = import(&[&examples()], &out, true);
    assert_eq!(forced.status, 0, "{}", forced.stderr);
    assert_eq!(std::fs::read_to_string(&kys).unwrap(), imported);
    let names: Vec<String> = documents(&out).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.len(), 4, "no temporary file is left: {names:?}");
}

#[test]
fn the_same_code_twice_is_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let copy = dir.path().join("copy.xml");
    std::fs::copy(examples().join("emne-nn.xml"), &copy).unwrap();
    let run = import(&[&examples().join("emne-nn.xml"), &copy], &out, false);
    assert_eq!(run.status, 1, "{}", run.stderr);
    run.said("has the same code and language as");
    assert_eq!(documents(&out).len(), 1);
}

fn export(records: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<fs-studieinfo xmlns=\"http://fsws.usit.no/schemas/studinfo\">\n{records}</fs-studieinfo>\n"
    )
}

fn emne(code: &str, outcomes: &str) -> String {
    format!(
        "<emne sprak=\"BOKMÅL\"><emneid><emnekode>{code}</emnekode></emneid><emnenavn>Emne {code}</emnenavn><studieniva>LN</studieniva><laringsutbytte>{outcomes}</laringsutbytte></emne>\n"
    )
}

#[test]
fn hostile_exports_do_no_harm() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    // A billion laughs: the DTD's entities are never expanded.
    let mut dtd = String::from("<!DOCTYPE fs-studieinfo [<!ENTITY lol0 \"lol\">");
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY lol{i} \"{refs}\">"));
    }
    dtd.push(']');
    dtd.push('>');
    let laughs = write(
        "laughs.xml",
        &format!(
            "<?xml version=\"1.0\"?>{dtd}<fs-studieinfo>{}</fs-studieinfo>",
            emne(
                "LOL100",
                "<![CDATA[<p>Kunnskap</p><ul><li>kan le</li></ul>]]>&lol9;"
            )
        ),
    );
    // Deep nesting, in the record and in the HTML of its outcomes.
    let deep = 100_000;
    let nested = write(
        "nested.xml",
        &export(&format!(
            "<emne sprak=\"BOKMÅL\"><emneid><emnekode>DYP100</emnekode></emneid><x>{}</x><laringsutbytte><![CDATA[<p>Kunnskap</p>{}kan dykke{}]]></laringsutbytte></emne>\n",
            "<a>".repeat(deep) + &"</a>".repeat(deep),
            "<div>".repeat(deep),
            "</div>".repeat(deep)
        )),
    );
    let raw_nested = write(
        "raw-nested.xml",
        &export(&emne(
            "DYP200",
            &format!(
                "<p>Kunnskap</p>{}kan svømme{}",
                "<list><listItem>".repeat(deep / 10),
                "</listItem></list>".repeat(deep / 10)
            ),
        )),
    );
    // Not UTF-8, and not an export.
    let latin1 = dir.path().join("latin1.xml");
    std::fs::write(&latin1, b"<?xml version=\"1.0\"?><fs-studieinfo><emne><emnenavn>\xd8konomi</emnenavn></emne></fs-studieinfo>").unwrap();
    let foreign = write("foreign.xml", "<?xml version=\"1.0\"?><html><body/></html>");
    // A code that would climb out of the output folder.
    let climber = write(
        "climber.xml",
        &export(&emne(
            "../../ut",
            "<![CDATA[<p>Kunnskap</p><ul><li>kan klatre</li></ul>]]>",
        )),
    );

    let run = import(
        &[&laughs, &nested, &raw_nested, &latin1, &foreign, &climber],
        &out,
        false,
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    run.said("latin1.xml:1:53: not well-formed XML: the file is not UTF-8; it is probably Latin-1");
    run.said("foreign.xml: is XML, but not an FS studieinfo export: its root is <html>");
    let docs = documents(&out);
    let names: Vec<&str> = docs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "DYP100.nb.lub.md",
            "DYP200.nb.lub.md",
            "LOL100.nb.lub.md",
            "______ut.nb.lub.md"
        ]
    );
    assert!(docs[0].1.contains("kan dykke"), "{}", docs[0].1);
    assert!(docs[1].1.contains("kan svømme"), "{}", docs[1].1);
    assert!(
        docs[2].1.contains("&lol9;") && !docs[2].1.contains("lollol"),
        "{}",
        docs[2].1
    );
    assert!(!dir.path().join("ut.nb.lub.md").exists());
}

#[test]
fn a_hundred_thousand_records_are_read_as_a_stream() {
    let count = 100_000;
    let mut xml = String::from("<fs-studieinfo>");
    for i in 0..count {
        xml.push_str(&emne(
            &format!("E{i}"),
            "<![CDATA[<p>Kunnskap</p><ul><li>kan telle</li></ul>]]>",
        ));
    }
    xml.push_str("</fs-studieinfo>");
    let mut seen = 0;
    let mut last = None;
    let counts = lub::import::fs_xml::read(xml.as_bytes(), |record| {
        seen += 1;
        last = record.code;
        Ok(())
    })
    .unwrap();
    assert_eq!((seen, counts.records), (count, count));
    assert_eq!(last.as_deref(), Some("E99999"));

    // And some of them written, each to its own file (the 50 MB export is
    // timed by `bench/import`, in release).
    let dir = tempfile::tempdir().unwrap();
    let head: String = xml.lines().take(500).collect::<Vec<_>>().join("\n") + "\n</fs-studieinfo>";
    let path = dir.path().join("many.xml");
    std::fs::write(&path, head).unwrap();
    let out = dir.path().join("out");
    let run = import(&[&path], &out, false);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 500);
}

mod properties {
    use proptest::prelude::*;

    /// A piece of learning-outcome HTML, with the words it holds.
    #[derive(Debug, Clone)]
    enum Piece {
        Para(Vec<String>, bool),
        Break(Vec<String>, Vec<String>),
        List(Vec<Vec<String>>, bool),
        Spacer,
    }

    fn words() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec("[a-zæøå]{1,8}", 1..6)
    }

    fn piece() -> impl Strategy<Value = Piece> {
        prop_oneof![
            (words(), any::<bool>()).prop_map(|(w, b)| Piece::Para(w, b)),
            (words(), words()).prop_map(|(a, b)| Piece::Break(a, b)),
            (prop::collection::vec(words(), 1..4), any::<bool>())
                .prop_map(|(i, o)| Piece::List(i, o)),
            Just(Piece::Spacer),
        ]
    }

    fn html(pieces: &[Piece]) -> (String, Vec<String>) {
        let mut html = String::new();
        let mut all = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Para(w, bold) => {
                    let text = w.join(" \n ");
                    if *bold {
                        html.push_str(&format!("<p><b>{text}</b></p>"));
                    } else {
                        html.push_str(&format!("<p>{text}</p>"));
                    }
                    all.extend(w.iter().cloned());
                }
                Piece::Break(a, b) => {
                    html.push_str(&format!("<p>{}<br/>{}</p>", a.join(" "), b.join("&nbsp;")));
                    all.extend(a.iter().cloned());
                    all.extend(b.iter().cloned());
                }
                Piece::List(items, ordered) => {
                    let tag = if *ordered { "ol" } else { "ul" };
                    html.push_str(&format!("<{tag}>"));
                    for item in items {
                        html.push_str(&format!("<li> {} </li>", item.join(" ")));
                        all.extend(item.iter().cloned());
                    }
                    html.push_str(&format!("</{tag}>"));
                }
                Piece::Spacer => html.push_str("<p>\u{a0}</p><p/>"),
            }
        }
        (html, all)
    }

    /// The words of a produced document's body, without Markdown's marks.
    fn body_words(document: &str) -> Vec<String> {
        let body = document.splitn(3, "---\n").nth(2).unwrap();
        body.split_whitespace()
            .map(|w| w.trim_matches('*').to_string())
            .filter(|w| {
                !w.is_empty()
                    && w != "-"
                    && w != "##"
                    && !w.trim_end_matches('.').chars().all(|c| c.is_ascii_digit())
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Nothing is dropped, nothing added, nothing reordered: the words
        /// of the source's paragraphs and lists are the document's words.
        #[test]
        fn every_word_is_kept_in_order(pieces in prop::collection::vec(piece(), 1..8)) {
            let (html, words) = html(&pieces);
            let xml = format!(
                "<fs-studieinfo><emne sprak=\"NYNORSK\"><emneid><emnekode>P1</emnekode></emneid><laringsutbytte><![CDATA[{html}]]></laringsutbytte></emne></fs-studieinfo>"
            );
            let (documents, _) = lub::import::convert_export(xml.as_bytes()).unwrap();
            prop_assert_eq!(body_words(&documents[0].text), words);
        }

        /// Whatever is in the field, the import does not panic and lub reads
        /// the document it makes.
        #[test]
        fn any_field_gives_a_document(field in "(<|>|&|;|p|li|ul|b|/| |\n|x|Kunnskap|nbsp|\\]\\]>|<!\\[CDATA\\[){0,60}") {
            let xml = format!(
                "<fs-studieinfo><emne sprak=\"BOKMÅL\"><emneid><emnekode>P2</emnekode></emneid><læringsutbytte>{field}</læringsutbytte></emne></fs-studieinfo>"
            );
            if let Ok((documents, _)) = lub::import::convert_export(xml.as_bytes()) {
                let source = lub::SourceFile::new("p.lub.md", documents[0].text.as_str());
                let _ = lub::parse(&source);
            }
        }
    }
}
