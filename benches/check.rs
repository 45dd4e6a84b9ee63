#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]
//! `cargo bench`: the stages of a run on the bundled corpus, and a whole run
//! over the 21,380 real learning objectives in `../shared/realworld/` (when
//! present), each checked as the one outcome of a course document.

use std::path::Path;
use std::sync::LazyLock;

#[path = "../bench/realworld.rs"]
mod realworld;

#[path = "../bench/generator.rs"]
#[allow(dead_code)] // the benchmarks generate in memory; `write` is for bench/run
mod generator;

use divan::Bencher;
use lub::catalogue::{Collector, DocFacts, Format};
use lub::output::Reporter;
use lub::{Linter, SourceFile};
use rayon::prelude::*;

fn main() {
    divan::main();
}

static LINTER: LazyLock<Linter> = LazyLock::new(|| Linter::builtin().unwrap());

/// Every UTF-8 document of the corpus.
static CORPUS: LazyLock<Vec<SourceFile>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (files, _) = lub::collect_files(&[root]);
    files
        .iter()
        .filter_map(|p| {
            Some(SourceFile::new(
                p.display().to_string(),
                String::from_utf8(std::fs::read(p).ok()?).ok()?,
            ))
        })
        .collect()
});

/// The real learning objectives as one-outcome documents.
static OBJECTIVES: LazyLock<Vec<SourceFile>> = LazyLock::new(|| {
    let Ok(objectives) = realworld::objectives(&realworld::dir()) else {
        eprintln!("no real-world objectives found; the objectives benchmarks check nothing");
        return Vec::new();
    };
    objectives
        .iter()
        .enumerate()
        .map(|(i, o)| SourceFile::new(format!("edm:{}", i + 2), realworld::objective_document(o)))
        .collect()
});

/// Loading the rules and data: paid once per run, by every pre-commit call.
#[divan::bench(sample_count = 20)]
fn load_rules() -> Linter {
    Linter::builtin().unwrap()
}

#[divan::bench]
fn parse_corpus() -> usize {
    CORPUS.iter().map(|s| lub::parse(s).sections.len()).sum()
}

#[divan::bench]
fn check_corpus(bencher: Bencher<'_, '_>) {
    let linter = &*LINTER;
    bencher.bench(|| {
        CORPUS
            .iter()
            .map(|s| {
                lub::single::report(linter, &s.name, s.text.as_bytes().to_vec())
                    .findings
                    .len()
            })
            .sum::<usize>()
    });
}

/// 1,000 documents of the synthetic catalogue (`bench/generator.rs`), in
/// memory, on every core: the cost per document without the file system.
static CATALOGUE: LazyLock<Vec<SourceFile>> = LazyLock::new(|| {
    (0..1000)
        .map(|i| {
            let (name, text) = generator::document(2026, i);
            SourceFile::new(name, text)
        })
        .collect()
});

#[divan::bench(sample_count = 10)]
fn check_catalogue_1000(bencher: Bencher<'_, '_>) {
    let linter = &*LINTER;
    let catalogue = &*CATALOGUE;
    bencher.bench(|| {
        catalogue
            .par_iter()
            .map(|s| {
                lub::single::report(linter, &s.name, s.text.as_bytes().to_vec())
                    .findings
                    .len()
            })
            .sum::<usize>()
    });
}

/// All 21,380 objectives, on every core, as `lub check` runs them.
#[divan::bench(sample_count = 5)]
fn check_objectives_parallel(bencher: Bencher<'_, '_>) {
    let linter = &*LINTER;
    let objectives = &*OBJECTIVES;
    bencher.bench(|| {
        objectives
            .par_iter()
            .map(|s| {
                lub::single::report(linter, &s.name, s.text.as_bytes().to_vec())
                    .findings
                    .len()
            })
            .sum::<usize>()
    });
}

/// The same on one core.
#[divan::bench(sample_count = 5)]
fn check_objectives_one_core(bencher: Bencher<'_, '_>) {
    let linter = &*LINTER;
    let objectives = &*OBJECTIVES;
    bencher.bench(|| {
        objectives
            .iter()
            .map(|s| {
                lub::single::report(linter, &s.name, s.text.as_bytes().to_vec())
                    .findings
                    .len()
            })
            .sum::<usize>()
    });
}

/// 10,000 generated documents, checked once, with what `lub report` is told
/// of each: the input of the report's own work.
static CHECKED_10000: LazyLock<Vec<(DocFacts, lub::FileReport)>> = LazyLock::new(|| {
    let linter = &*LINTER;
    (0..10_000)
        .into_par_iter()
        .map(|i| {
            let (name, text) = generator::document(2026, i);
            let source = SourceFile::new(name, text);
            let doc = linter.parse(&source);
            let facts = DocFacts::new(&doc, &source, linter.rules());
            (
                facts,
                lub::single::report(linter, &source.name, source.text.as_bytes().to_vec()),
            )
        })
        .collect()
});

/// What `lub report` adds to the check of 10,000 documents: gathering the
/// figures and writing the page, the CSV or the JSON (`bench/run --report`
/// times whole runs).
#[divan::bench(args = ["html", "csv", "json"], sample_count = 10)]
fn report_beyond_check_10000(bencher: Bencher<'_, '_>, format: &str) {
    let linter = &*LINTER;
    let checked = &*CHECKED_10000;
    let format = match format {
        "csv" => Format::Csv,
        "json" => Format::Json,
        _ => Format::Html,
    };
    bencher.bench(|| {
        let mut collector = Collector::new(linter);
        for (facts, report) in checked {
            collector.facts(facts).unwrap();
            collector.file(report).unwrap();
        }
        let figures = collector.figures();
        lub::catalogue::render(&figures, format, lub::lang::Lang::En)
            .unwrap()
            .len()
    });
}

/// The hostile sizes of issue 13, each at n and 2n: the time of the larger
/// should be about twice that of the smaller. `cargo bench -- doubling`.
mod doubling {
    use super::LINTER;
    use divan::Bencher;
    use lub::output::{self, Format};

    const DOC: &str = "## Kunnskap\n\nPARAGRAPH\n\n## Ferdigheter\n- kan analysere data\n\n## Generell kompetanse\n- kan formidle resultater\n";

    fn paragraph(n: usize) -> String {
        DOC.replace(
            "PARAGRAPH",
            &vec!["Kandidaten kan forstå emnet."; n].join(" "),
        )
    }

    /// Checks `text` and writes its findings in `format`.
    fn check_and_report(text: &str, format: Format) -> usize {
        let report = lub::single::report(&LINTER, "bench.lub.md", text.as_bytes().to_vec());
        let mut out = Vec::new();
        let mut reporter = output::reporter(
            format,
            Box::new(&mut out),
            Box::new(std::io::sink()),
            output::Style::plain(),
            LINTER.rules(),
        );
        reporter.file(&report).unwrap();
        drop(reporter);
        out.len()
    }

    /// One paragraph of n sentences on one line, a finding in each.
    #[divan::bench(args = [5_000, 10_000], sample_count = 5)]
    fn findings_on_one_line_compact(bencher: Bencher<'_, '_>, n: usize) {
        let text = paragraph(n);
        bencher.bench(|| check_and_report(&text, Format::Compact));
    }

    #[divan::bench(args = [5_000, 10_000], sample_count = 5)]
    fn findings_on_one_line_human(bencher: Bencher<'_, '_>, n: usize) {
        let text = paragraph(n);
        bencher.bench(|| check_and_report(&text, Format::Human));
    }

    /// A directive of 2n ids over n findings.
    #[divan::bench(args = [5_000, 10_000], sample_count = 5)]
    fn directive_of_many_ids(bencher: Bencher<'_, '_>, n: usize) {
        let ids = vec!["vague-verb, lead-in"; n].join(", ");
        let text = format!("<!-- lub: allow {ids} -->\n\n{}", paragraph(n));
        bencher.bench(|| check_and_report(&text, Format::Compact));
    }

    /// `--diff` of n changed lines.
    #[divan::bench(args = [20_000, 40_000], sample_count = 5)]
    fn diff_of_changed_lines(bencher: Bencher<'_, '_>, n: usize) {
        let before: String = (0..n)
            .map(|i| format!("• kan gjøre rede for tema {i}\n"))
            .collect();
        let after = before.replace('•', "-");
        bencher.bench(|| output::unified_diff("bench.lub.md", &before, &after).len());
    }
}
