#![allow(clippy::print_stdout, clippy::print_stderr)] // a command-line tool for developers: it reports by printing
//! Runs lub over the real published texts in `../shared/realworld/` (or
//! `$LUB_REALWORLD`) and writes every finding to a TSV file, one row per
//! finding, for reading a sample of each rule's findings by hand: the
//! false-alarm rates in the README come from such readings.
//!
//! ```sh
//! cargo run --release --example realworld -- target/realworld.tsv
//! ```
//!
//! The 21,380 English learning objectives of the EDM 2022 data set are
//! checked one by one, each as the only outcome of a course document, with
//! the rules that look at one outcome at a time (the objectives were
//! published without their documents, so rules about a whole document or
//! its lead-ins have nothing real to look at); the Norwegian documents as
//! they are, with every rule.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::time::Instant;

use rayon::prelude::*;

#[path = "../bench/realworld.rs"]
mod realworld;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/realworld.tsv".into());
    let dir = realworld::dir();
    let linter = lub::Linter::builtin()?;
    let mut outcome_linter = lub::Linter::builtin()?;
    outcome_linter
        .rules_mut()
        .enable_only(|r| r.meta.scope == lub::rules::Scope::Outcome);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path)?);
    writeln!(out, "source\trule\tseverity\ttext\tmessage\toutcome")?;
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    // One row per finding; `outcome` is the whole objective, where there is one.
    let mut record = |report: &lub::FileReport, outcome: &str| -> std::io::Result<()> {
        for f in &report.findings {
            *counts
                .entry((f.rule.to_string(), f.severity.to_string()))
                .or_default() += 1;
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{outcome}",
                report.source.name,
                f.rule,
                f.severity,
                report.source.slice(&f.span),
                f.message,
            )?;
        }
        Ok(())
    };

    let objectives = realworld::objectives(&dir)?;
    let started = Instant::now();
    let reports: Vec<lub::FileReport> = objectives
        .par_iter()
        .enumerate()
        .map(|(i, objective)| {
            let text = realworld::objective_document(objective);
            lub::single::report(
                &outcome_linter,
                &format!("edm:{}", i + 2),
                text.into_bytes(),
            )
        })
        .collect();
    let elapsed = started.elapsed();
    for (report, objective) in reports.iter().zip(&objectives) {
        record(report, objective)?;
    }
    eprintln!(
        "{} EDM objectives checked in {:.0} ms",
        objectives.len(),
        elapsed.as_secs_f64() * 1000.0
    );

    for lang in ["nb", "nn", "en"] {
        let Ok(entries) = std::fs::read_dir(dir.join(lang)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                let name = format!("{lang}/{}", entry.file_name().to_string_lossy());
                record(
                    &lub::single::report(&linter, &name, std::fs::read(&path)?),
                    "",
                )?;
            }
        }
    }
    for ((rule, severity), n) in counts {
        println!("{rule:28} {severity:8} {n:6}");
    }
    eprintln!("findings written to {out_path}");
    Ok(())
}
