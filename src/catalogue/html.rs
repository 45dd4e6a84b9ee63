//! `--format html`: one self-contained page. CSS and the SVG charts are
//! inline, nothing is fetched, and every chart has a table with its
//! numbers beside it, for readers without colour, screen readers, and
//! copying into a report. A small inline script adds sorting and
//! filtering; the page reads the same without it.

use std::fmt::Write as _;

use super::baseline::{Change, Verdict};
use super::figures::{Counts, DocumentFigures, Figures, UnitFigures};
use super::words::{Words, words};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::parse::Kind;

/// How many rows the long lists show on the page: enough to act on, and a
/// page that stays small however large the catalogue. The CSV and JSON
/// have them all.
pub const MAX_UNITS: usize = 50;
pub const MAX_CHART_ROWS: usize = 20;
pub const MAX_DOCUMENTS: usize = 100;
pub const MAX_THEMES_CHARTED: usize = 12;
pub const MAX_CHANGES: usize = 30;
pub const MAX_UNREAD: usize = 50;

/// The page for `figures`, its words in `lang`.
pub fn page(figures: &Figures, lang: Lang) -> String {
    let w = words(lang);
    let mut p = Page {
        out: String::with_capacity(256 * 1024),
        w,
        lang,
        charts: 0,
    };
    p.head();
    p.totals(figures);
    p.rules(figures);
    p.units(
        "faculties",
        w.per_faculty,
        w.faculty,
        &figures.faculties,
        false,
    );
    p.units(
        "departments",
        w.per_department,
        w.department,
        &figures.departments,
        true,
    );
    p.kinds(figures);
    p.languages(figures);
    p.outcomes(figures);
    p.themes(figures);
    p.documents(figures);
    if let Some(comparison) = &figures.baseline {
        p.baseline(comparison);
    }
    p.unread(figures);
    p.foot();
    p.out
}

const STYLE: &str = r#"
:root{--e:#b3261e;--w:#a15c00;--i:#2f5fb3;--b:#3b6e8f;--g:#2e7d32;--r:#b3261e;--ink:#1d1d1f;--mute:#5b5b60;--line:#d9d9de}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);margin:0 auto;max-width:1320px;padding:24px}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.8em 0 .4em;border-bottom:2px solid var(--line);padding-bottom:.2em}
p.note,p.cut,.made{color:var(--mute);margin:.3em 0}
nav ol{columns:3;padding-left:1.2em;margin:.4em 0}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:.6em 0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:130px}
.card b{display:block;font-size:1.5em}
.card.e b{color:var(--e)}.card.w b{color:var(--w)}.card.i b{color:var(--i)}
.fig{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:18px;align-items:start}
@media (max-width:900px){.fig{grid-template-columns:1fr}}
svg.chart{width:100%;height:auto;display:block}
svg text{font:12px system-ui,sans-serif;fill:var(--ink)}
svg .e{fill:var(--e)}svg .w{fill:var(--w)}svg .i{fill:var(--i)}svg .b{fill:var(--b)}svg .g{fill:var(--g)}svg .r{fill:var(--r)}svg .axis{stroke:var(--mute);stroke-width:1}
.scroll{max-height:520px;overflow:auto;border:1px solid var(--line)}
table{border-collapse:collapse;width:100%;font-size:12.5px}
caption{text-align:left;font-weight:600;padding:4px 6px}
th,td{padding:3px 6px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:#f3f3f5}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.n{white-space:nowrap}
td.path{word-break:break-all;font-family:ui-monospace,monospace;font-size:12px}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
.sev-error{color:var(--e)}.sev-warning{color:var(--w)}.sev-info{color:var(--i)}
.sub{font-weight:normal;color:var(--mute)}.better{color:var(--g)}.worse{color:var(--r)}
th[aria-sort]{cursor:pointer}
input[type=search]{margin:.4em 0;padding:4px 8px;width:20em;max-width:100%}
@media print{.scroll{max-height:none;overflow:visible}}
"#;

/// Sorting by a click on a column head, and a filter over the rows: an
/// aid on top of a page that is complete without it.
const SCRIPT: &str = r#"
document.querySelectorAll("table.sortable").forEach(function(t){
  var heads=t.tHead?t.tHead.rows[0].cells:[];
  Array.prototype.forEach.call(heads,function(th,col){
    th.setAttribute("aria-sort","none");th.tabIndex=0;
    function sort(){
      var asc=th.getAttribute("aria-sort")!=="ascending";
      Array.prototype.forEach.call(heads,function(h){h.setAttribute("aria-sort","none")});
      th.setAttribute("aria-sort",asc?"ascending":"descending");
      var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[col],y=b.cells[col];if(!x||!y)return 0;
        var u=x.getAttribute("data-v"),v=y.getAttribute("data-v");
        var r=(u!==null&&v!==null)?(parseFloat(u)-parseFloat(v)):x.textContent.localeCompare(y.textContent);
        return asc?r:-r});
      rows.forEach(function(r){body.appendChild(r)})}
    th.addEventListener("click",sort);
    th.addEventListener("keydown",function(e){if(e.key==="Enter"){sort()}})})});
document.querySelectorAll("table[data-filter]").forEach(function(t){
  var input=document.createElement("input");input.type="search";
  input.placeholder=t.getAttribute("data-filter");input.setAttribute("aria-label",input.placeholder);
  var box=t.closest(".scroll")||t;box.parentNode.insertBefore(input,box);
  input.addEventListener("input",function(){var q=input.value.toLowerCase();
    Array.prototype.forEach.call(t.tBodies[0].rows,function(r){
      r.hidden=q!==""&&r.textContent.toLowerCase().indexOf(q)<0})})});
"#;

struct Page {
    out: String,
    w: &'static Words,
    lang: Lang,
    /// Charts drawn so far: each gets an id for its label.
    charts: usize,
}

/// One bar of a chart: its label and its segments, `(value, CSS class)`.
struct Bar {
    label: String,
    segments: Vec<(f64, &'static str)>,
    /// Shown after the bar.
    value: String,
}

impl Page {
    fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text);
    }

    fn count(&self, n: usize) -> String {
        format_count(n, self.lang)
    }

    fn share(&self, part: usize, whole: usize) -> String {
        format_share(part, whole, self.lang)
    }

    fn head(&mut self) {
        let w = self.w;
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"lub {}\">\n<title>",
            self.lang.code(),
            env!("CARGO_PKG_VERSION")
        );
        self.text(w.title);
        self.push("</title>\n<style>");
        self.push(STYLE);
        self.push("</style>\n</head>\n<body>\n<header>\n<h1>");
        self.text(w.title);
        self.push("</h1>\n");
    }

    fn made_by(&mut self, documents: usize) {
        let made = self
            .w
            .made_by
            .replace("{version}", env!("CARGO_PKG_VERSION"))
            .replace("{n}", &self.count(documents));
        self.push("<p class=\"made\">");
        self.text(&made);
        self.push("</p>\n");
    }

    fn nav(&mut self, figures: &Figures) {
        let w = self.w;
        let mut entries = vec![
            ("totals", w.totals),
            ("rules", w.per_rule),
            ("faculties", w.per_faculty),
            ("departments", w.per_department),
            ("kinds", w.per_kind),
            ("languages", w.per_language),
            ("outcomes", w.outcomes_per_document),
            ("themes", w.themes),
            ("documents", w.worst),
        ];
        if figures.baseline.is_some() {
            entries.push(("baseline", w.baseline));
        }
        if !figures.unread.is_empty() {
            entries.push(("unread", w.unread));
        }
        self.push("<nav aria-label=\"");
        self.text(w.contents);
        self.push("\"><ol>");
        for (id, title) in entries {
            let _ = write!(self.out, "<li><a href=\"#{id}\">");
            self.text(title);
            self.push("</a></li>");
        }
        self.push("</ol></nav>\n</header>\n<main>\n");
    }

    fn section(&mut self, id: &str, title: &str) {
        let _ = write!(
            self.out,
            "<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">"
        );
        self.text(title);
        self.push("</h2>\n");
    }

    fn note(&mut self, text: &str) {
        self.push("<p class=\"note\">");
        self.text(text);
        self.push("</p>\n");
    }

    fn cut(&mut self, template: &str, shown: usize, total: usize) {
        if shown < total {
            let text = template
                .replace("{shown}", &self.count(shown))
                .replace("{total}", &self.count(total));
            self.push("<p class=\"cut\">");
            self.text(&text);
            self.push("</p>\n");
        }
    }

    fn totals(&mut self, figures: &Figures) {
        self.made_by(figures.totals.documents);
        self.nav(figures);
        let w = self.w;
        let t = figures.totals;
        self.section("totals", w.totals);
        self.push("<div class=\"cards\">");
        for (class, label, n) in [
            ("", w.documents, t.documents),
            ("", w.outcomes, t.outcomes),
            ("", w.documents_with_findings, t.documents_with_findings),
            ("e", w.errors, t.errors),
            ("w", w.warnings, t.warnings),
            ("i", w.infos, t.infos),
        ] {
            let _ = write!(
                self.out,
                "<div class=\"card {class}\"><b>{}</b>",
                self.count(n)
            );
            self.text(label);
            self.push("</div>");
        }
        self.push("</div>\n<div class=\"fig\">\n");
        let bars = vec![
            severity_bar(w.errors, t.errors, "e", self.lang),
            severity_bar(w.warnings, t.warnings, "w", self.lang),
            severity_bar(w.infos, t.infos, "i", self.lang),
        ];
        self.bar_chart(w.findings, &bars);
        self.push("<div>");
        self.table_start(w.totals, false, None);
        self.heads(&[("", false), (w.totals, true)]);
        for (label, n) in [
            (w.documents, t.documents),
            (w.outcomes, t.outcomes),
            (w.documents_with_findings, t.documents_with_findings),
            (w.findings, t.findings),
            (w.errors, t.errors),
            (w.warnings, t.warnings),
            (w.infos, t.infos),
        ] {
            self.push("<tr><th scope=\"row\">");
            self.text(label);
            self.push("</th>");
            self.num(n);
            self.push("</tr>\n");
        }
        self.push("</tbody></table></div>\n</div>\n</section>\n");
    }

    fn rules(&mut self, figures: &Figures) {
        let w = self.w;
        self.section("rules", w.per_rule);
        let documents = figures.totals.documents;
        let bars: Vec<Bar> = figures
            .rules
            .iter()
            .filter(|r| r.findings > 0)
            .map(|r| Bar {
                label: r.id.clone(),
                segments: vec![(r.findings as f64, severity_class(r.severity))],
                value: format!(
                    "{} · {}",
                    self.count(r.findings),
                    self.share(r.documents, documents)
                ),
            })
            .collect();
        self.push("<div class=\"fig\">\n");
        if bars.is_empty() {
            self.note(w.no_findings);
        } else {
            self.bar_chart(w.per_rule, &bars);
        }
        self.push("<div class=\"scroll\">");
        self.table_start(w.per_rule, true, None);
        self.heads(&[
            (w.rule, false),
            (w.severity, false),
            (w.summary, false),
            (w.findings, true),
            (w.documents, true),
            (w.share_of_documents, true),
        ]);
        for rule in &figures.rules {
            self.push("<tr><th scope=\"row\"><code>");
            self.text(&rule.id);
            let _ = write!(
                self.out,
                "</code></th><td class=\"sev-{}\">",
                rule.severity.as_str()
            );
            self.text(w.severity(rule.severity));
            self.push("</td><td>");
            self.text(&rule.summary);
            self.push("</td>");
            self.num(rule.findings);
            self.num(rule.documents);
            self.share_cell(rule.documents, documents);
            self.push("</tr>\n");
        }
        self.push("</tbody></table></div>\n</div>\n</section>\n");
    }

    fn units(
        &mut self,
        id: &str,
        title: &str,
        column: &str,
        units: &[UnitFigures],
        with_faculty: bool,
    ) {
        let w = self.w;
        self.section(id, title);
        if units.iter().any(|u| u.from_folder) {
            self.note(w.folder_note);
        }
        let rows: Vec<(String, Counts)> =
            units.iter().map(|u| (u.name.clone(), u.counts)).collect();
        self.counts_figure(
            title,
            column,
            &rows,
            // The faculty under the department's name, not in a column of
            // its own, so that the table fits beside its chart.
            |p, i| {
                if with_faculty
                    && let Some(faculty) = units.get(i).and_then(|u| u.faculty.as_deref())
                {
                    p.push("<br><span class=\"sub\">");
                    p.text(faculty);
                    p.push("</span>");
                }
            },
        );
        self.cut(w.cut_json, units.len().min(MAX_UNITS), units.len());
        self.push("</section>\n");
    }

    /// A stacked bar per row (errors, warnings, notes) and a table of the
    /// counts; `extra` writes further cells after the name.
    fn counts_figure(
        &mut self,
        title: &str,
        column: &str,
        rows: &[(String, Counts)],
        mut extra: impl FnMut(&mut Page, usize),
    ) {
        let w = self.w;
        let bars: Vec<Bar> = rows
            .iter()
            .take(MAX_CHART_ROWS)
            .map(|(name, c)| Bar {
                label: name.clone(),
                segments: vec![
                    (c.errors as f64, "e"),
                    (c.warnings as f64, "w"),
                    (c.infos as f64, "i"),
                ],
                value: self.count(c.findings),
            })
            .collect();
        self.push("<div class=\"fig\">\n<div>");
        self.legend();
        self.bar_chart(title, &bars);
        self.push("</div>\n<div class=\"scroll\">");
        self.table_start(title, true, None);
        let mut heads = vec![(column, false)];
        heads.extend([
            (w.documents, true),
            (w.outcomes, true),
            (w.errors, true),
            (w.warnings, true),
            (w.infos, true),
            (w.findings_per_document, true),
            (w.share_with_findings, true),
        ]);
        self.heads(&heads);
        for (i, (name, c)) in rows.iter().enumerate().take(MAX_UNITS) {
            self.push("<tr><th scope=\"row\">");
            self.text(name);
            extra(self, i);
            self.push("</th>");
            self.num(c.documents);
            self.num(c.outcomes);
            self.num(c.errors);
            self.num(c.warnings);
            self.num(c.infos);
            let per = if c.documents == 0 {
                0.0
            } else {
                c.findings as f64 / c.documents as f64
            };
            let _ = write!(
                self.out,
                "<td class=\"n\" data-v=\"{per:.4}\">{}</td>",
                format_decimal(per, self.lang)
            );
            self.share_cell(c.documents_with_findings, c.documents);
            self.push("</tr>\n");
        }
        self.push("</tbody></table></div>\n</div>\n");
    }

    fn kinds(&mut self, figures: &Figures) {
        let w = self.w;
        self.section("kinds", w.per_kind);
        let rows: Vec<(String, Counts)> = figures
            .kinds
            .iter()
            .map(|k| {
                let kind = match k.kind {
                    Some(Kind::Programme) => w.programme,
                    Some(Kind::Course) => w.course,
                    None => w.not_given,
                };
                let level = k
                    .level
                    .map_or_else(|| w.not_given.to_string(), |l| l.to_string());
                (format!("{kind}, {} {level}", w.level), k.counts)
            })
            .collect();
        self.counts_figure(w.per_kind, w.kind, &rows, |_, _| {});
        self.push("</section>\n");
    }

    fn languages(&mut self, figures: &Figures) {
        let w = self.w;
        self.section("languages", w.per_language);
        let rows: Vec<(String, Counts)> = figures
            .languages
            .iter()
            .map(|l| {
                let name = w.lang_names.get(l.lang.index()).copied().unwrap_or("");
                (format!("{name} ({})", l.lang.code()), l.counts)
            })
            .collect();
        self.counts_figure(w.per_language, w.language, &rows, |_, _| {});
        self.push("</section>\n");
    }

    fn outcomes(&mut self, figures: &Figures) {
        let w = self.w;
        self.section("outcomes", w.outcomes_per_document);
        let label = |min: usize, max: Option<usize>| match max {
            Some(_) => min.to_string(),
            None => format!("{min} {}", w.or_more),
        };
        self.push("<div class=\"fig\">\n");
        let columns: Vec<(String, usize)> = figures
            .outcomes_per_document
            .iter()
            .map(|b| (label(b.min, b.max), b.documents))
            .collect();
        self.column_chart(w.outcomes_per_document, &columns);
        self.push("<div class=\"scroll\">");
        self.table_start(w.outcomes_per_document, false, None);
        self.heads(&[(w.outcomes_in_document, true), (w.documents, true)]);
        for bin in &figures.outcomes_per_document {
            let _ = write!(
                self.out,
                "<tr><th scope=\"row\" class=\"n\">{}</th>",
                escape(&label(bin.min, bin.max))
            );
            self.num(bin.documents);
            self.push("</tr>\n");
        }
        self.push("</tbody></table></div>\n</div>\n</section>\n");
    }

    fn themes(&mut self, figures: &Figures) {
        let w = self.w;
        self.section("themes", w.themes);
        self.note(w.themes_note);
        if figures.nkr_themes.is_empty() {
            self.note(w.no_themes);
            self.push("</section>\n");
            return;
        }
        let lang = self.lang;
        let name = |names: &std::collections::BTreeMap<Lang, String>| {
            names
                .get(&lang)
                .or_else(|| names.get(&Lang::En))
                .cloned()
                .unwrap_or_default()
        };
        let bars: Vec<Bar> = figures
            .nkr_themes
            .iter()
            .take(MAX_THEMES_CHARTED)
            .map(|t| Bar {
                label: format!("{} · {}", t.level, name(&t.name)),
                segments: vec![(t.missing as f64 / t.documents.max(1) as f64, "b")],
                value: self.share(t.missing, t.documents),
            })
            .collect();
        self.push("<div class=\"fig\">\n");
        self.bar_chart(w.themes, &bars);
        self.push("<div class=\"scroll\">");
        self.table_start(w.themes, true, None);
        self.heads(&[
            (w.theme, false),
            (w.level, true),
            (w.category, false),
            (w.looked_for_in, true),
            (w.missing_in, true),
            (w.covered, true),
        ]);
        for theme in &figures.nkr_themes {
            self.push("<tr><th scope=\"row\">");
            self.text(&name(&theme.name));
            let _ = write!(
                self.out,
                "</th><td class=\"n\" data-v=\"{0}\">{0}</td><td>",
                theme.level
            );
            self.text(theme.category.heading(self.lang));
            self.push("</td>");
            self.num(theme.documents);
            self.num(theme.missing);
            self.share_cell(
                theme.documents - theme.missing.min(theme.documents),
                theme.documents,
            );
            self.push("</tr>\n");
        }
        self.push("</tbody></table></div>\n</div>\n</section>\n");
    }

    fn documents(&mut self, figures: &Figures) {
        let w = self.w;
        self.section("documents", w.worst);
        self.note(w.worst_note);
        let mut worst: Vec<&DocumentFigures> = figures
            .documents
            .iter()
            .filter(|d| d.findings() > 0)
            .collect();
        if worst.is_empty() {
            self.note(w.no_findings);
            self.push("</section>\n");
            return;
        }
        worst.sort_by(|a, b| {
            (b.errors, b.warnings, b.infos)
                .cmp(&(a.errors, a.warnings, a.infos))
                .then_with(|| a.path.cmp(&b.path))
        });
        let total = worst.len();
        self.push("<div class=\"scroll\">");
        self.table_start(w.worst, true, Some(w.filter));
        self.heads(&[
            (w.path, false),
            (w.code, false),
            (w.doc_title, false),
            (w.errors, true),
            (w.warnings, true),
            (w.infos, true),
            (w.top_findings, false),
        ]);
        for doc in worst.iter().take(MAX_DOCUMENTS) {
            self.push("<tr><td class=\"path\">");
            self.text(&doc.path);
            self.push("</td><td>");
            self.text(doc.code.as_deref().unwrap_or(""));
            self.push("</td><td>");
            self.text(doc.title.as_deref().unwrap_or(""));
            self.push("</td>");
            self.num(doc.errors);
            self.num(doc.warnings);
            self.num(doc.infos);
            self.push("<td>");
            let mut top: Vec<(&String, &usize)> = doc.rules.iter().collect();
            top.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
            for (i, (rule, n)) in top.iter().take(3).enumerate() {
                if i > 0 {
                    self.push(", ");
                }
                self.push("<code>");
                self.text(rule);
                let _ = write!(self.out, "</code>&nbsp;×{n}");
            }
            self.push("</td></tr>\n");
        }
        self.push("</tbody></table></div>\n");
        self.cut(w.cut_csv, total.min(MAX_DOCUMENTS), total);
        self.push("</section>\n");
    }

    fn baseline(&mut self, comparison: &super::baseline::Comparison) {
        let w = self.w;
        self.section("baseline", w.baseline);
        self.note(w.baseline_note);
        let mut all = vec![comparison.totals.clone()];
        if let Some(first) = all.first_mut() {
            first.name = w.in_total.to_string();
        }
        self.changes(w.in_total, w.findings, &all, false);
        self.changes(w.per_rule, w.rule, &comparison.rules, true);
        self.changes(w.per_faculty, w.faculty, &comparison.faculties, true);
        self.changes(
            w.per_department,
            w.department,
            &comparison.departments,
            true,
        );
        self.push("</section>\n");
    }

    fn changes(&mut self, title: &str, column: &str, changes: &[Change], chart: bool) {
        let w = self.w;
        self.push("<h3>");
        self.text(title);
        self.push("</h3>\n<div class=\"fig\">\n");
        if chart {
            let bars: Vec<(String, i64)> = changes
                .iter()
                .filter(|c| c.delta() != 0)
                .take(MAX_CHART_ROWS)
                .map(|c| (c.name.clone(), c.delta()))
                .collect();
            self.change_chart(title, &bars);
        } else {
            self.push("<div></div>");
        }
        self.push("<div class=\"scroll\">");
        self.table_start(title, true, None);
        self.heads(&[
            (column, false),
            (w.before, true),
            (w.now, true),
            (w.change, true),
            (w.documents, true),
            (w.verdict, false),
        ]);
        for change in changes.iter().take(MAX_CHANGES) {
            self.push("<tr><th scope=\"row\">");
            self.text(&change.name);
            self.push("</th>");
            self.num(change.findings_before);
            self.num(change.findings_now);
            let delta = change.delta();
            let _ = write!(
                self.out,
                "<td class=\"n\" data-v=\"{delta}\">{}</td>",
                format_signed(delta, self.lang)
            );
            let _ = write!(
                self.out,
                "<td class=\"n\">{} → {}</td>",
                self.count(change.documents_before),
                self.count(change.documents_now)
            );
            let (class, word) = match change.verdict {
                Verdict::Better => ("better", w.better),
                Verdict::Worse => ("worse", w.worse),
                Verdict::Unchanged => ("", w.unchanged),
            };
            let _ = write!(self.out, "<td class=\"{class}\">");
            self.text(word);
            self.push("</td></tr>\n");
        }
        self.push("</tbody></table></div>\n</div>\n");
        self.cut(w.cut_json, changes.len().min(MAX_CHANGES), changes.len());
    }

    fn unread(&mut self, figures: &Figures) {
        if figures.unread.is_empty() {
            return;
        }
        let w = self.w;
        self.section("unread", w.unread);
        self.table_start(w.unread, false, None);
        self.heads(&[(w.path, false), (w.reason, false)]);
        for unread in figures.unread.iter().take(MAX_UNREAD) {
            self.push("<tr><td class=\"path\">");
            self.text(&unread.path);
            self.push("</td><td>");
            self.text(&unread.message);
            self.push("</td></tr>\n");
        }
        self.push("</tbody></table>\n");
        self.cut(
            w.cut_json,
            figures.unread.len().min(MAX_UNREAD),
            figures.unread.len(),
        );
        self.push("</section>\n");
    }

    fn foot(&mut self) {
        self.push("</main>\n<script>");
        self.push(SCRIPT);
        self.push("</script>\n</body>\n</html>\n");
    }

    fn legend(&mut self) {
        let w = self.w;
        self.push("<p class=\"legend\" aria-hidden=\"true\">");
        for (class, label) in [("e", w.errors), ("w", w.warnings), ("i", w.infos)] {
            let _ = write!(
                self.out,
                "<span><i style=\"background:var(--{class})\"></i>"
            );
            self.text(label);
            self.push("</span>");
        }
        self.push("</p>");
    }

    fn table_start(&mut self, caption: &str, sortable: bool, filter: Option<&str>) {
        self.push("<table");
        if sortable {
            self.push(" class=\"sortable\"");
        }
        if let Some(filter) = filter {
            self.push(" data-filter=\"");
            self.text(filter);
            self.push("\"");
        }
        self.push("><caption>");
        self.text(caption);
        self.push("</caption><thead>");
    }

    fn heads(&mut self, heads: &[(&str, bool)]) {
        self.push("<tr>");
        for (head, numeric) in heads {
            self.push(if *numeric {
                "<th scope=\"col\" class=\"n\">"
            } else {
                "<th scope=\"col\">"
            });
            self.text(head);
            self.push("</th>");
        }
        self.push("</tr></thead><tbody>\n");
    }

    fn num(&mut self, n: usize) {
        let _ = write!(
            self.out,
            "<td class=\"n\" data-v=\"{n}\">{}</td>",
            self.count(n)
        );
    }

    fn share_cell(&mut self, part: usize, whole: usize) {
        let value = if whole == 0 {
            0.0
        } else {
            part as f64 / whole as f64
        };
        let _ = write!(
            self.out,
            "<td class=\"n\" data-v=\"{value:.4}\">{}</td>",
            self.share(part, whole)
        );
    }

    fn chart_id(&mut self) -> String {
        self.charts += 1;
        format!("chart-{}", self.charts)
    }

    /// Horizontal bars, one row each, segments stacked left to right.
    fn bar_chart(&mut self, title: &str, bars: &[Bar]) {
        const WIDTH: f64 = 480.0;
        const LABEL: f64 = 175.0;
        const VALUE: f64 = 95.0;
        const ROW: f64 = 22.0;
        let id = self.chart_id();
        let height = ROW * bars.len() as f64 + 8.0;
        let max = bars
            .iter()
            .map(|b| b.segments.iter().map(|s| s.0).sum::<f64>())
            .fold(0.0, f64::max);
        let scale = if max > 0.0 {
            (WIDTH - LABEL - VALUE) / max
        } else {
            0.0
        };
        let _ = write!(
            self.out,
            "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}\">\
             <title id=\"{id}\">"
        );
        self.text(title);
        self.push(". ");
        self.text(self.w.chart_note);
        self.push("</title>");
        for (row, bar) in bars.iter().enumerate() {
            let y = 4.0 + ROW * row as f64;
            let _ = write!(
                self.out,
                "<g><title>{}: {}</title><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                escape(&bar.label),
                escape(&bar.value),
                LABEL - 6.0,
                y + 14.0,
                escape(&shorten(&bar.label, 24))
            );
            let mut x = LABEL;
            for (value, class) in &bar.segments {
                let width = value * scale;
                if width > 0.0 {
                    let _ = write!(
                        self.out,
                        "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>",
                        y + 2.0,
                        width.max(1.0),
                        ROW - 6.0
                    );
                    x += width;
                }
            }
            let _ = write!(
                self.out,
                "<text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
                x + 5.0,
                y + 14.0,
                escape(&bar.value)
            );
        }
        self.push("</svg>\n");
    }

    /// Vertical columns: a distribution.
    fn column_chart(&mut self, title: &str, columns: &[(String, usize)]) {
        const WIDTH: f64 = 480.0;
        const HEIGHT: f64 = 220.0;
        const BOTTOM: f64 = 30.0;
        const TOP: f64 = 16.0;
        let id = self.chart_id();
        let max = columns.iter().map(|c| c.1).max().unwrap_or(0) as f64;
        let step = WIDTH / columns.len().max(1) as f64;
        let _ = write!(
            self.out,
            "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{id}\">\
             <title id=\"{id}\">"
        );
        self.text(title);
        self.push(". ");
        self.text(self.w.chart_note);
        self.push("</title>");
        let _ = write!(
            self.out,
            "<line class=\"axis\" x1=\"0\" x2=\"{WIDTH}\" y1=\"{0}\" y2=\"{0}\"/>",
            HEIGHT - BOTTOM
        );
        for (i, (label, n)) in columns.iter().enumerate() {
            let x = step * i as f64;
            let h = if max > 0.0 {
                (HEIGHT - BOTTOM - TOP) * *n as f64 / max
            } else {
                0.0
            };
            let _ = write!(
                self.out,
                "<g><title>{label}: {count}</title><rect class=\"b\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{label}</text>",
                x + step * 0.12,
                HEIGHT - BOTTOM - h,
                step * 0.76,
                x + step / 2.0,
                HEIGHT - BOTTOM + 14.0,
                label = escape(label),
                count = self.count(*n),
            );
            if *n > 0 {
                let _ = write!(
                    self.out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                    x + step / 2.0,
                    HEIGHT - BOTTOM - h - 3.0,
                    self.count(*n)
                );
            }
            self.push("</g>");
        }
        self.push("</svg>\n");
    }

    /// Bars left of the axis for fewer findings, right for more.
    fn change_chart(&mut self, title: &str, bars: &[(String, i64)]) {
        const WIDTH: f64 = 480.0;
        const LABEL: f64 = 175.0;
        const ROW: f64 = 22.0;
        let id = self.chart_id();
        let height = ROW * bars.len() as f64 + 8.0;
        let max = bars.iter().map(|b| b.1.unsigned_abs()).max().unwrap_or(0) as f64;
        let half = (WIDTH - LABEL) / 2.0 - 40.0;
        let axis = LABEL + (WIDTH - LABEL) / 2.0;
        let scale = if max > 0.0 { half / max } else { 0.0 };
        let _ = write!(
            self.out,
            "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}\">\
             <title id=\"{id}\">"
        );
        self.text(title);
        self.push(". ");
        self.text(self.w.chart_note);
        self.push("</title>");
        let _ = write!(
            self.out,
            "<line class=\"axis\" x1=\"{axis}\" x2=\"{axis}\" y1=\"0\" y2=\"{height}\"/>"
        );
        for (row, (label, delta)) in bars.iter().enumerate() {
            let y = 4.0 + ROW * row as f64;
            let width =
                (delta.unsigned_abs() as f64 * scale).max(if *delta == 0 { 0.0 } else { 1.0 });
            let (x, class, text_x, anchor) = if *delta < 0 {
                (axis - width, "g", axis - width - 4.0, "end")
            } else {
                (axis, "r", axis + width + 4.0, "start")
            };
            let shown = format_signed(*delta, self.lang);
            let _ = write!(
                self.out,
                "<g><title>{}: {shown}</title><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
                 <rect class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{:.1}\"/>\
                 <text x=\"{text_x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{shown}</text></g>",
                escape(label),
                LABEL - 6.0,
                y + 14.0,
                escape(&shorten(label, 24)),
                y + 2.0,
                ROW - 6.0,
                y + 14.0,
            );
        }
        self.push("</svg>\n");
    }
}

fn severity_bar(label: &str, n: usize, class: &'static str, lang: Lang) -> Bar {
    Bar {
        label: label.to_string(),
        segments: vec![(n as f64, class)],
        value: format_count(n, lang),
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "e",
        Severity::Warning => "w",
        Severity::Info => "i",
    }
}

/// At most `max` characters, cut with "…".
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    crate::escape::html(text)
}

fn escape_into(out: &mut String, text: &str) {
    crate::escape::html_into(out, text);
}

/// A count as the language writes it: "4,000" in English, "4 000" (with a
/// no-break space) in Norwegian.
pub fn format_count(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let separator = if lang == Lang::En { "," } else { "\u{a0}" };
    let mut out = String::with_capacity(digits.len() + 4);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

fn format_signed(n: i64, lang: Lang) -> String {
    let count = format_count(
        usize::try_from(n.unsigned_abs()).unwrap_or(usize::MAX),
        lang,
    );
    match n.signum() {
        -1 => format!("−{count}"),
        1 => format!("+{count}"),
        _ => count,
    }
}

/// One decimal, with the language's decimal sign.
fn format_decimal(value: f64, lang: Lang) -> String {
    let text = format!("{value:.1}");
    if lang == Lang::En {
        text
    } else {
        text.replace('.', ",")
    }
}

/// `part` of `whole` in per cent: "12.5%" in English, "12,5 %" in
/// Norwegian.
pub fn format_share(part: usize, whole: usize, lang: Lang) -> String {
    let value = if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    };
    let number = format_decimal(value, lang);
    if lang == Lang::En {
        format!("{number}%")
    } else {
        format!("{number}\u{a0}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        assert_eq!(format_count(4000, Lang::En), "4,000");
        assert_eq!(format_count(1_234_567, Lang::Nb), "1\u{a0}234\u{a0}567");
        assert_eq!(format_count(999, Lang::Nn), "999");
        assert_eq!(format_share(1, 8, Lang::En), "12.5%");
        assert_eq!(format_share(1, 8, Lang::Nb), "12,5\u{a0}%");
        assert_eq!(format_share(1, 0, Lang::En), "0.0%");
        assert_eq!(format_signed(-1200, Lang::En), "−1,200");
        assert_eq!(format_signed(3, Lang::Nn), "+3");
    }

    #[test]
    fn text_is_escaped_for_content_and_attributes() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    /// Figures of a large catalogue: `documents` documents, each in a
    /// department of its own, every one with findings.
    fn large(documents: usize) -> Figures {
        use super::super::figures::*;
        use std::collections::BTreeMap;
        let counts = Counts {
            documents: 1,
            documents_with_findings: 1,
            outcomes: 12,
            findings: 6,
            errors: 1,
            warnings: 3,
            infos: 2,
        };
        let unit = |i: usize| UnitFigures {
            name: format!("Institutt for fag nummer {i} med et langt navn/"),
            from_folder: true,
            faculty: Some("Fakultet/".into()),
            counts,
        };
        let docs = (0..documents)
            .map(|i| DocumentFigures {
                path: format!("katalog/institutt-{i}/emne-{i}-med-langt-navn.nb.lub.md"),
                code: Some(format!("EMNE{i}")),
                title: Some(format!("Emne nummer {i} om noe som har en lang tittel")),
                kind: Some(Kind::Course),
                level: Some(6),
                lang: Lang::Nb,
                faculty: "katalog/".into(),
                department: format!("katalog/institutt-{i}/"),
                outcomes: 12,
                errors: 1,
                warnings: 3,
                infos: 2,
                rules: BTreeMap::from([("vague-verb".to_string(), 3), ("lead-in".to_string(), 3)]),
            })
            .collect();
        let change = |i: usize| Change {
            name: format!("katalog/institutt-{i}/"),
            findings_before: 9,
            findings_now: 6,
            documents_before: 1,
            documents_now: 1,
            verdict: Verdict::Better,
        };
        Figures {
            version: VERSION,
            lub: "0".into(),
            totals: Counts {
                documents,
                ..counts
            },
            rules: Vec::new(),
            faculties: vec![unit(0)],
            departments: (0..documents).map(unit).collect(),
            kinds: Vec::new(),
            languages: Vec::new(),
            outcomes_per_document: Vec::new(),
            nkr_themes: Vec::new(),
            documents: docs,
            unread: (0..documents)
                .map(|i| Unread {
                    path: format!("katalog/{i}.lub.md"),
                    message: "permission denied".into(),
                    text: None,
                })
                .collect(),
            baseline: Some(super::super::baseline::Comparison {
                totals: change(0),
                rules: Vec::new(),
                faculties: vec![change(0)],
                departments: (0..documents).map(change).collect(),
            }),
        }
    }

    #[test]
    fn the_page_of_a_huge_catalogue_stays_small_and_says_what_it_cut() {
        let small = page(&large(200), Lang::En).len();
        let huge = page(&large(100_000), Lang::En);
        assert!(huge.len() < 2 * 1024 * 1024, "{} bytes", huge.len());
        // The long lists are cut: the page hardly grows with the catalogue.
        assert!(huge.len() < small + 64 * 1024, "{} vs {small}", huge.len());
        assert!(huge.contains("Showing 100 of 100,000. The full list is in the CSV"));
        assert!(huge.contains("Showing 50 of 100,000. The full list is in the JSON"));
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("kort", 30), "kort");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
