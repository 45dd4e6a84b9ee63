#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // a build script that cannot read rules/ must stop the build

//! Compiles every YAML file under `rules/` into the binary, sorted by path,
//! so that adding a rule is adding a file (and its examples become tests).
//! Files directly in `rules/` are rules; those in sub-folders (`lexicon/`,
//! `nkr/`) are the data they share.
//!
//! Each file is read here, through the same `yaml.rs` lub reads YAML with
//! (strict booleans, duplicate keys refused, budgets), and embedded as JSON:
//! a broken rule file stops the build with its line and column, and lub
//! reads its rules several times faster at every start.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Links the `lub` binary (not the library, nor the tests) at a fixed
/// address on Linux. Built position-independent, it carries some 24,000
/// relocations that the loader applies at every start, writing to about
/// 110 pages it must first copy: over a millisecond of a pre-commit check
/// of one file, a quarter of it, on a small machine. The code is
/// compiled position-independent all the same; only the final link differs,
/// and its one cost is that the binary's own code is not placed at a random
/// address (the libraries it loads still are).
fn link_at_a_fixed_address() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

#[path = "src/analyse/inflect.rs"]
mod inflect;

#[path = "src/analyse/lexicon_tables.rs"]
#[allow(dead_code)]
mod lexicon_tables;

#[path = "src/rules/header.rs"]
mod header;

#[path = "src/yaml.rs"]
#[allow(dead_code, unused_imports, unreachable_pub)]
mod yaml;

fn main() {
    link_at_a_fixed_address();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut words = std::collections::BTreeSet::new();
    let mut out = String::from("&[\n");
    let mut lexicons = String::new();
    let mut rules = String::from("&[\n");
    // By language code; written in lub's order of languages.
    let mut learners = std::collections::BTreeMap::new();
    for path in &files {
        let relative = path
            .strip_prefix(&root)
            .unwrap()
            .to_str()
            .expect("rule paths are UTF-8")
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).expect("rule files are UTF-8 text");
        let value: serde_json::Value = yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("rules/{relative}:{}:{}: {}", e.line, e.column, e.message));
        words_of(&value, &mut words);
        // The analysis inflects each framework word of a lexicon itself.
        if relative.starts_with("lexicon/")
            && let Some(framework) = value.get("framework").and_then(|v| v.as_array())
        {
            for word in framework.iter().filter_map(|w| w.as_str()) {
                for ending in inflect::FRAMEWORK_ENDINGS {
                    words.insert(format!("{}{ending}", word.to_lowercase()));
                }
            }
        }
        if let Some(lang) = relative
            .strip_prefix("lexicon/")
            .and_then(|r| r.strip_suffix(".yaml"))
        {
            lexicons.push_str(
                &lexicon(lang, &value).unwrap_or_else(|e| panic!("rules/{relative}: {e}")),
            );
            let words = learner(&value).unwrap_or_else(|e| panic!("rules/{relative}: {e}"));
            learners.insert(lang.to_string(), words);
        }
        let json_path = out_dir.join("rules").join(format!("{relative}.json"));
        std::fs::create_dir_all(json_path.parent().unwrap()).unwrap();
        if !relative.contains('/') {
            rules.push_str(&split_rule(&relative, &value, &json_path));
        }
        std::fs::write(&json_path, value.to_string()).unwrap();
        writeln!(
            out,
            "    ({relative:?}, include_str!({:?})),",
            json_path.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    rules.push(']');
    std::fs::write(out_dir.join("embedded_rules.rs"), out).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("builtin_rules.rs"), rules).expect("OUT_DIR is writable");
    let learners: String = ["nb", "nn", "en"]
        .iter()
        .map(|lang| {
            learners
                .remove(*lang)
                .unwrap_or_else(|| panic!("rules/lexicon/{lang}.yaml is missing"))
        })
        .collect();
    std::fs::write(out_dir.join("learners.rs"), format!("[\n{learners}]"))
        .expect("OUT_DIR is writable");
    write_stems(&out_dir, &words);
    std::fs::write(out_dir.join("lexicons.rs"), lexicons).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=src/yaml.rs");
    println!("cargo:rerun-if-changed=src/analyse/inflect.rs");
    println!("cargo:rerun-if-changed=src/analyse/lexicon_tables.rs");
    println!("cargo:rerun-if-changed=src/rules/header.rs");
}

/// A rule file in four parts, for a start that reads only what a check
/// needs: its header without the examples and the why, its kind's options,
/// and the examples and the why, which `lub explain`, SARIF and the tests
/// read.
fn split_rule(relative: &str, value: &serde_json::Value, json_path: &Path) -> String {
    let all = value
        .as_object()
        .unwrap_or_else(|| panic!("rules/{relative}: a rule file is a mapping"));
    let mut head = serde_json::Map::new();
    let mut options = serde_json::Map::new();
    for (key, field) in all {
        // Read only by `lub explain`, SARIF and the tests, and most of a
        // rule file's text: a check of one file would decode it for nothing.
        if key == "examples" || key == "why" {
            continue;
        }
        let part = if header::HEADER_FIELDS.contains(&key.as_str()) {
            &mut head
        } else {
            &mut options
        };
        let mut field = field.clone();
        if ["message", "message_one", "help"].contains(&key.as_str()) {
            on_one_line(&mut field);
        }
        part.insert(key.clone(), field);
    }
    let examples = all
        .get("examples")
        .cloned()
        .unwrap_or(serde_json::Value::Array(Vec::new()));
    let mut row = format!("    ({relative:?}");
    for (part, text) in [
        ("header", serde_json::Value::Object(head).to_string()),
        ("options", serde_json::Value::Object(options).to_string()),
        ("examples", examples.to_string()),
        (
            "why",
            all.get("why")
                .unwrap_or_else(|| panic!("rules/{relative}: a rule says why"))
                .to_string(),
        ),
    ] {
        let path = json_path.with_extension(format!("{part}.json"));
        std::fs::write(&path, text).unwrap();
        write!(row, ", include_str!({:?})", path.display().to_string()).unwrap();
    }
    row.push_str("),\n");
    row
}

/// A message's or help's text in each language with its runs of white
/// space each one space, as lub shows it: done here, so that a start need
/// not. A test holds each to `source::one_line`.
fn on_one_line(text: &mut serde_json::Value) {
    match text {
        serde_json::Value::String(line) => {
            *line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        serde_json::Value::Object(languages) => languages.values_mut().for_each(on_one_line),
        _ => {}
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in std::fs::read_dir(dir).expect("the rules/ folder is part of the source") {
        let path = entry.expect("rules/ is readable").path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            println!("cargo:rerun-if-changed={}", path.display());
            files.push(path);
        }
    }
}

/// Every word the data files hold, lower case: the words lub normalises
/// at every start (lexicons, phrases, frameworks, learners), and more.
fn words_of(value: &serde_json::Value, words: &mut std::collections::BTreeSet<String>) {
    let add = |text: &str, words: &mut std::collections::BTreeSet<String>| {
        let lower = text.to_lowercase();
        let inside_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
        for word in lower.split(|c: char| !inside_word(c)) {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.is_empty() {
                continue;
            }
            words.insert(word.to_string());
            for part in word.split(|c: char| !c.is_alphanumeric()) {
                if !part.is_empty() {
                    words.insert(part.to_string());
                }
            }
        }
    };
    match value {
        serde_json::Value::String(text) => add(text, words),
        serde_json::Value::Array(items) => items.iter().for_each(|v| words_of(v, words)),
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                add(key, words);
                words_of(v, words);
            }
        }
        _ => {}
    }
}

/// The Snowball stem of every word of the data files, by algorithm, so
/// that a start stems none of them (stemming was a third of checking one
/// file). One text and a table of offsets into it, sorted by word: no
/// pointer the loader has to relocate at every start.
fn write_stems(out_dir: &Path, words: &std::collections::BTreeSet<String>) {
    use rust_stemmers::{Algorithm, Stemmer};
    let mut out = String::new();
    for (name, algorithm) in [
        ("ENGLISH", Algorithm::English),
        ("NORWEGIAN", Algorithm::Norwegian),
    ] {
        let stemmer = Stemmer::create(algorithm);
        let mut text = String::new();
        let mut table = String::new();
        for word in words {
            let stem = stemmer.stem(word);
            let at = text.len();
            text.push_str(word);
            text.push_str(&stem);
            writeln!(table, "({at}, {}, {}),", word.len(), stem.len()).unwrap();
        }
        let slots = lexicon_tables::slots(words.iter().map(String::as_str));
        writeln!(
            out,
            "pub(super) const {name}: Stems = Stems {{ text: {text:?}, table: &[\n{table}], slots: &{slots:?} }};"
        )
        .unwrap();
    }
    std::fs::write(out_dir.join("stems.rs"), out).expect("OUT_DIR is writable");
}

/// The `learner:` words of a lexicon, as a `Words` of src/learner.rs.
fn learner(value: &serde_json::Value) -> Result<String, String> {
    let learner = value
        .get("learner")
        .and_then(|v| v.as_object())
        .ok_or("`learner` is not a mapping")?;
    if let Some(field) = learner
        .keys()
        .find(|k| !["nouns", "determiners", "pronouns", "write"].contains(&k.as_str()))
    {
        return Err(format!("`learner` has the unknown field `{field}`"));
    }
    let mut out = String::from("    Words {\n");
    for field in ["nouns", "determiners", "pronouns"] {
        let words: Vec<String> = learner
            .get(field)
            .and_then(|v| v.as_array())
            .ok_or(format!("`learner.{field}` is not a list"))?
            .iter()
            .map(|w| {
                w.as_str()
                    .map(str::to_string)
                    .ok_or(format!("`learner.{field}` holds a non-text"))
            })
            .collect::<Result<_, String>>()?;
        writeln!(out, "        {field}: &{words:?},").unwrap();
    }
    let write = learner
        .get("write")
        .and_then(|v| v.as_str())
        .ok_or("`learner.write` is not a text")?;
    writeln!(out, "        write: {write:?},\n    }},").unwrap();
    Ok(out)
}

/// The Bloom levels a lexicon's `verbs` may name (`Bloom` in
/// src/analyse/lexicon.rs).
const BLOOM: [&str; 6] = [
    "remember",
    "understand",
    "apply",
    "analyse",
    "evaluate",
    "create",
];

/// The fields of a lexicon file.
const LEXICON_FIELDS: [&str; 8] = [
    "lang",
    "learner",
    "forms",
    "conjunctions",
    "stopwords",
    "lead",
    "framework",
    "verbs",
];

/// The word tables of the lexicon of `lang`, as Rust: one text and the
/// offsets of each word in it, so the loader relocates no pointer.
fn lexicon(lang: &str, value: &serde_json::Value) -> Result<String, String> {
    let map = value.as_object().ok_or("is not a mapping")?;
    if let Some(field) = map.keys().find(|k| !LEXICON_FIELDS.contains(&k.as_str())) {
        return Err(format!("has the unknown field `{field}`"));
    }
    if map.get("lang").and_then(|v| v.as_str()) != Some(lang) {
        return Err(format!("must say `lang: {lang}`"));
    }
    let strings = |v: Option<&serde_json::Value>, what: &str| -> Result<Vec<String>, String> {
        let items = v
            .and_then(|v| v.as_array())
            .ok_or(format!("`{what}` is not a list"))?;
        items
            .iter()
            .map(|w| {
                w.as_str()
                    .map(str::to_string)
                    .ok_or(format!("`{what}` holds a non-text"))
            })
            .collect()
    };
    let forms = map
        .get("forms")
        .and_then(|v| v.as_object())
        .ok_or("`forms` is not a mapping")?;
    let forms: Vec<(String, Vec<String>)> = forms
        .iter()
        .map(|(key, listed)| Ok((key.clone(), strings(Some(listed), "forms")?)))
        .collect::<Result<_, String>>()?;
    let verbs = map
        .get("verbs")
        .and_then(|v| v.as_object())
        .ok_or("`verbs` is not a mapping")?;
    if let Some(level) = verbs.keys().find(|k| !BLOOM.contains(&k.as_str())) {
        return Err(format!("`verbs` has the unknown level `{level}`"));
    }
    let verbs: Vec<Vec<String>> = BLOOM
        .iter()
        .map(|level| {
            verbs
                .get(*level)
                .map_or(Ok(Vec::new()), |v| strings(Some(v), "verbs"))
        })
        .collect::<Result<_, String>>()?;
    let learner = map
        .get("learner")
        .and_then(|v| v.as_object())
        .ok_or("`learner` is not a mapping")?;
    let lists = |field: &str| strings(map.get(field), field);
    let (conjunctions, stopwords, lead, framework) = (
        lists("conjunctions")?,
        lists("stopwords")?,
        lists("lead")?,
        lists("framework")?,
    );
    let learners = strings(learner.get("nouns"), "learner.nouns")?;
    let stemmer = rust_stemmers::Stemmer::create(match lang {
        "en" => rust_stemmers::Algorithm::English,
        _ => rust_stemmers::Algorithm::Norwegian,
    });
    let tables = lexicon_tables::Lists {
        forms: &forms,
        conjunctions: &conjunctions,
        stopwords: &stopwords,
        lead: &lead,
        framework: &framework,
        verbs: &verbs,
        learners: &learners,
    }
    .tables(&|word| stemmer.stem(word).into_owned())?;
    let mut text = String::new();
    let mut put = |word: &str| {
        let at = text.len();
        text.push_str(word);
        format!("{at}, {}", word.len())
    };
    let mut rows = String::new();
    // Each table with its slots, so that a lookup at start builds no map.
    let slots = |words: Vec<&str>| format!("{:?}", lexicon_tables::slots(words.into_iter()));
    writeln!(
        rows,
        "    form_slots: &{},\n    class_slots: &{},\n    infinitive_slots: &{},",
        slots(tables.forms.iter().map(|(form, _)| form.as_str()).collect()),
        slots(
            tables
                .classes
                .iter()
                .map(|(word, _)| word.as_str())
                .collect()
        ),
        slots(tables.infinitives.iter().map(String::as_str).collect()),
    )
    .unwrap();
    writeln!(rows, "    forms: &[").unwrap();
    for (form, key) in &tables.forms {
        writeln!(rows, "        ({}, {}),", put(form), put(key)).unwrap();
    }
    writeln!(rows, "    ],\n    classes: &[").unwrap();
    for (word, bits) in &tables.classes {
        writeln!(rows, "        ({}, {bits}),", put(word)).unwrap();
    }
    writeln!(rows, "    ],\n    infinitives: &[").unwrap();
    for word in &tables.infinitives {
        writeln!(rows, "        ({}),", put(word)).unwrap();
    }
    writeln!(rows, "    ],").unwrap();
    Ok(format!(
        "pub(super) const {}: Built = Built {{\n    text: {text:?},\n{rows}}};\n",
        lang.to_uppercase()
    ))
}
