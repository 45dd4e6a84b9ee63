//! The one page of `lub serve`, rendered on the server: a form that works
//! without JavaScript, the text with its findings marked, the list of
//! findings and the diploma text. With JavaScript, the same parts are
//! fetched anew as the user types (`/api/page`). Everything the user wrote
//! is escaped; the page loads nothing from anywhere.

use std::fmt::Write as _;

use super::compose::Meta;
use crate::diploma::Refused;
use crate::escape;
use crate::finding::{FileReport, Finding, Severity};
use crate::lang::Lang;
use crate::parse::Kind;

/// The page's own words, in the three languages.
pub struct Words {
    pub lang: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub kind: &'static str,
    pub as_text_says: &'static str,
    pub programme: &'static str,
    pub course: &'static str,
    pub level: &'static str,
    pub levels: [&'static str; 4],
    pub language: &'static str,
    pub languages: [&'static str; 3],
    pub code: &'static str,
    pub text: &'static str,
    pub check: &'static str,
    pub fix: &'static str,
    pub download: &'static str,
    pub marked: &'static str,
    pub findings: &'static str,
    pub none: &'static str,
    pub help: &'static str,
    pub diploma: &'static str,
    pub refused: &'static str,
    pub severities: [&'static str; 3],
    pub fixed: &'static str,
    pub nothing_to_fix: &'static str,
    pub page_language: &'static str,
    pub live: &'static str,
}

const NB: Words = Words {
    lang: "nb",
    title: "Sjekk læringsutbyttet",
    intro: "Skriv eller lim inn læringsutbyttebeskrivelsen til et emne eller et studieprogram. \
            Du ser hva som bør rettes, og teksten slik den blir i vitnemålstillegget. \
            Ingenting av det du skriver, blir lagret.",
    kind: "Type",
    as_text_says: "som teksten sier",
    programme: "Studieprogram",
    course: "Emne",
    level: "Nivå (NKR)",
    levels: ["5 – fagskole", "6 – bachelor", "7 – master", "8 – ph.d."],
    language: "Språk",
    languages: ["Bokmål", "Nynorsk", "Engelsk"],
    code: "Kode",
    text: "Beskrivelse",
    check: "Sjekk",
    fix: "Gjør de trygge rettingene",
    download: "Last ned som .lub.md",
    marked: "Teksten med funn",
    findings: "Funn",
    none: "Ingen funn.",
    help: "Råd:",
    diploma: "Tekst til vitnemålstillegget",
    refused: "Teksten har feil. Når de er rettet, står teksten til vitnemålstillegget her.",
    severities: ["feil", "advarsel", "merknad"],
    fixed: "Rettinger som ble gjort:",
    nothing_to_fix: "Ingen trygge rettinger å gjøre.",
    page_language: "Språk på siden",
    live: "Funnene oppdateres mens du skriver.",
};

const NN: Words = Words {
    lang: "nn",
    title: "Sjekk læringsutbytet",
    intro: "Skriv eller lim inn læringsutbyteskildringa til eit emne eller eit studieprogram. \
            Du ser kva som bør rettast, og teksten slik han blir i vitnemålstillegget. \
            Ingenting av det du skriv, blir lagra.",
    kind: "Type",
    as_text_says: "som teksten seier",
    programme: "Studieprogram",
    course: "Emne",
    level: "Nivå (NKR)",
    levels: ["5 – fagskule", "6 – bachelor", "7 – master", "8 – ph.d."],
    language: "Språk",
    languages: ["Bokmål", "Nynorsk", "Engelsk"],
    code: "Kode",
    text: "Skildring",
    check: "Sjekk",
    fix: "Gjer dei trygge rettingane",
    download: "Last ned som .lub.md",
    marked: "Teksten med funn",
    findings: "Funn",
    none: "Ingen funn.",
    help: "Råd:",
    diploma: "Tekst til vitnemålstillegget",
    refused: "Teksten har feil. Når dei er retta, står teksten til vitnemålstillegget her.",
    severities: ["feil", "åtvaring", "merknad"],
    fixed: "Rettingar som vart gjorde:",
    nothing_to_fix: "Ingen trygge rettingar å gjere.",
    page_language: "Språk på sida",
    live: "Funna blir oppdaterte medan du skriv.",
};

const EN: Words = Words {
    lang: "en",
    title: "Check learning outcomes",
    intro: "Write or paste the learning outcomes of a course or a study programme. \
            You see what to mend, and the text as the Diploma Supplement will print it. \
            Nothing you write is stored.",
    kind: "Kind",
    as_text_says: "as the text says",
    programme: "Study programme",
    course: "Course",
    level: "Level (NKR)",
    levels: ["5 – vocational", "6 – bachelor", "7 – master", "8 – PhD"],
    language: "Language",
    languages: ["Bokmål", "Nynorsk", "English"],
    code: "Code",
    text: "Description",
    check: "Check",
    fix: "Apply the safe fixes",
    download: "Download as .lub.md",
    marked: "The text with its findings",
    findings: "Findings",
    none: "No findings.",
    help: "Help:",
    diploma: "Text for the Diploma Supplement",
    refused: "The text has errors. Once they are mended, the Diploma Supplement text appears here.",
    severities: ["error", "warning", "info"],
    fixed: "Fixes applied:",
    nothing_to_fix: "No safe fixes to apply.",
    page_language: "Page language",
    live: "The findings follow as you type.",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Nb => &NB,
        Lang::Nn => &NN,
        Lang::En => &EN,
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// What the page shows: the form as the user filled it, and what lub
/// found in the document it makes.
pub struct View<'a> {
    pub ui: Lang,
    /// The text area's content.
    pub text: &'a str,
    pub meta: &'a Meta,
    /// The findings in the composed document.
    pub report: &'a FileReport,
    pub diploma: &'a Result<String, Refused>,
    /// A line above the results: fixes done, or a field that was refused.
    pub notice: Option<String>,
}

/// The parts that change as the user types, as the page's script replaces
/// them.
pub struct Parts {
    pub notice: String,
    pub marked: String,
    pub findings: String,
    pub diploma: String,
}

pub fn parts(view: &View<'_>) -> Parts {
    let words = words(view.ui);
    Parts {
        notice: view.notice.as_deref().map(escape::html).unwrap_or_default(),
        marked: marked(view.report, words),
        findings: findings(view.report, words),
        diploma: match view.diploma {
            Ok(text) => format!("<pre class=\"diploma\">{}</pre>", escape::html(text)),
            Err(_) => format!("<p class=\"refused\">{}</p>", words.refused),
        },
    }
}

/// The findings' spans, each on character boundaries inside `text`; a bad
/// span is left out rather than trusted.
fn spans<'f>(text: &str, findings: &'f [Finding]) -> Vec<(usize, &'f Finding, usize, usize)> {
    findings
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            f.span.start <= f.span.end
                && text.is_char_boundary(f.span.start)
                && text.is_char_boundary(f.span.end)
        })
        .map(|(n, f)| (n + 1, f, f.span.start, f.span.end))
        .collect()
}

/// The document with each finding's text in a `<mark>` of its severity,
/// whose title holds the message and help, and the finding's number at its
/// start, linked to the list.
fn marked(report: &FileReport, words: &Words) -> String {
    let text: &str = &report.source.text;
    let spans = spans(text, &report.findings);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (_, _, start, end) in &spans {
        cuts.push(*start);
        cuts.push(*end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    out.push_str("<pre class=\"doc\">");
    for (i, &at) in cuts.iter().enumerate() {
        for (n, finding, _, _) in spans.iter().filter(|(_, _, start, _)| *start == at) {
            let _ = write!(
                out,
                "<a class=\"pin sev-{}\" id=\"m{n}\" href=\"#f{n}\">{n}</a>",
                finding.severity.as_str()
            );
        }
        let Some(&next) = cuts.get(i + 1) else {
            break;
        };
        let piece = text.get(at..next).unwrap_or_default();
        let covering: Vec<&Finding> = spans
            .iter()
            .filter(|(_, _, start, end)| *start <= at && next <= *end)
            .map(|(_, f, _, _)| *f)
            .collect();
        match covering.iter().map(|f| f.severity).max() {
            None => escape::html_into(&mut out, piece),
            Some(worst) => {
                let mut title = String::new();
                for finding in &covering {
                    if !title.is_empty() {
                        title.push('\n');
                    }
                    title.push_str(&finding.message);
                    if let Some(help) = &finding.help {
                        title.push('\n');
                        title.push_str(words.help);
                        title.push(' ');
                        title.push_str(help);
                    }
                }
                let _ = write!(
                    out,
                    "<mark class=\"sev-{}\" title=\"{}\">",
                    worst.as_str(),
                    escape::html(&title)
                );
                escape::html_into(&mut out, piece);
                out.push_str("</mark>");
            }
        }
    }
    out.push_str("</pre>");
    out
}

/// The list of findings, in the order of the text.
fn findings(report: &FileReport, words: &Words) -> String {
    if report.findings.is_empty() {
        return format!("<p class=\"none\">{}</p>", words.none);
    }
    let mut out = String::from("<ol class=\"findings\">");
    for (i, finding) in report.findings.iter().enumerate() {
        let n = i + 1;
        let at = report.source.position(finding.span.start);
        let severity = finding.severity.as_str();
        let _ = write!(
            out,
            "<li id=\"f{n}\" class=\"finding sev-{severity}\"><a class=\"where\" href=\"#m{n}\">{}:{}</a> \
             <span class=\"sev\">{}</span> <code class=\"rule\">{}</code> <span class=\"message\">{}</span>",
            at.line,
            at.column,
            words.severities[severity_index(finding.severity)],
            escape::html(&finding.rule),
            escape::html(&finding.message),
        );
        if let Some(help) = &finding.help {
            let _ = write!(
                out,
                "<p class=\"help\">{} {}</p>",
                words.help,
                escape::html(help)
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

fn option(out: &mut String, value: &str, label: &str, selected: bool) {
    let _ = write!(
        out,
        "<option value=\"{value}\"{}>{}</option>",
        if selected { " selected" } else { "" },
        escape::html(label)
    );
}

/// The whole page.
pub fn page(view: &View<'_>) -> String {
    let words = words(view.ui);
    let parts = parts(view);
    let meta = view.meta;
    let mut kind = String::new();
    option(
        &mut kind,
        "",
        &format!("({})", words.as_text_says),
        meta.kind.is_none(),
    );
    option(
        &mut kind,
        "programme",
        words.programme,
        meta.kind == Some(Kind::Programme),
    );
    option(
        &mut kind,
        "course",
        words.course,
        meta.kind == Some(Kind::Course),
    );
    let mut level = String::new();
    option(
        &mut level,
        "",
        &format!("({})", words.as_text_says),
        meta.level.is_none(),
    );
    for (n, label) in crate::lang::Level::ALL.into_iter().zip(words.levels) {
        option(&mut level, &n.to_string(), label, meta.level == Some(n));
    }
    let mut lang = String::new();
    option(
        &mut lang,
        "",
        &format!("({})", words.as_text_says),
        meta.lang.is_none(),
    );
    for (l, label) in Lang::ALL.into_iter().zip(words.languages) {
        option(&mut lang, l.code(), label, meta.lang == Some(l));
    }
    let code = escape::html(meta.code.as_deref().unwrap_or_default());
    let mut switch = String::new();
    for (l, name) in [
        (Lang::Nb, "bokmål"),
        (Lang::Nn, "nynorsk"),
        (Lang::En, "English"),
    ] {
        if l == view.ui {
            let _ = write!(switch, "<strong>{name}</strong> ");
        } else {
            let _ = write!(
                switch,
                "<a href=\"/?ui={}\" hreflang=\"{}\">{name}</a> ",
                l.code(),
                l.code()
            );
        }
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="{ui}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – lub</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<nav aria-label="{page_language}">{switch}</nav>
<p>{intro}</p>
</header>
<form id="form" method="post" action="/">
<input type="hidden" name="ui" value="{ui}">
<div class="columns">
<section class="write">
<div class="meta">
<label>{kind_label}<select name="kind">{kind}</select></label>
<label>{level_label}<select name="level">{level}</select></label>
<label>{language_label}<select name="lang">{lang}</select></label>
<label>{code_label}<input name="code" value="{code}" maxlength="40" autocomplete="off"></label>
</div>
<label for="text">{text_label}</label>
<textarea id="text" name="text" rows="16" spellcheck="true">{text}</textarea>
<div class="actions">
<button type="submit" name="action" value="check">{check}</button>
<button type="submit" name="action" value="fix">{fix}</button>
<button type="submit" name="action" value="download">{download}</button>
</div>
<p class="live-note">{live}</p>
<p id="notice" role="status">{notice}</p>
<section id="marked" aria-labelledby="marked-h">
<h2 id="marked-h">{marked_h}</h2>
<div id="marked-body">{marked}</div>
</section>
</section>
<section class="results">
<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">{findings_h}</h2>
<div id="findings-body">{findings}</div>
</section>
<section id="diploma" aria-labelledby="diploma-h">
<h2 id="diploma-h">{diploma_h}</h2>
<div id="diploma-body">{diploma}</div>
</section>
</section>
</div>
</form>
<script>{SCRIPT}</script>
</body>
</html>
"#,
        ui = words.lang,
        title = words.title,
        page_language = words.page_language,
        intro = words.intro,
        kind_label = words.kind,
        level_label = words.level,
        language_label = words.language,
        code_label = words.code,
        text_label = words.text,
        text = escape::html(view.text),
        check = words.check,
        fix = words.fix,
        download = words.download,
        live = words.live,
        notice = parts.notice,
        marked_h = words.marked,
        marked = parts.marked,
        findings_h = words.findings,
        findings = parts.findings,
        diploma_h = words.diploma,
        diploma = parts.diploma,
    )
}

const STYLE: &str = r#"
:root{--e:#b3261e;--w:#a15c00;--i:#2f5fb3;--eb:#f9d3cf;--wb:#fde3b0;--ib:#d5e2f8;font-family:system-ui,sans-serif;color:#1d1d1f;background:#fff}
body{margin:0 auto;max-width:1400px;padding:1rem 1.5rem}
header h1{margin:.2rem 0;font-size:1.6rem}
header nav{float:right;font-size:.9rem}
header p{max-width:60rem;color:#444}
.columns{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem}
@media (max-width:900px){.columns{grid-template-columns:1fr}}
.meta{display:flex;flex-wrap:wrap;gap:.8rem;margin-bottom:.6rem}
.meta label{display:flex;flex-direction:column;font-size:.85rem;gap:.2rem}
textarea{width:100%;box-sizing:border-box;font:14px/1.45 ui-monospace,monospace;padding:.5rem}
.actions{display:flex;gap:.5rem;flex-wrap:wrap;margin:.5rem 0}
button{font:inherit;padding:.35rem .8rem;cursor:pointer}
.live-note{display:none;font-size:.85rem;color:#555}
.live .live-note{display:block}
h2{font-size:1.1rem;margin:1rem 0 .4rem}
pre{white-space:pre-wrap;word-wrap:break-word;font:14px/1.5 ui-monospace,monospace;background:#fafafa;border:1px solid #ddd;padding:.6rem;margin:0}
pre.diploma{font-family:Georgia,serif;background:#fffdf6}
mark{color:inherit;border-bottom:3px solid}
mark.sev-error{background:var(--eb);border-color:var(--e)}
mark.sev-warning{background:var(--wb);border-color:var(--w)}
mark.sev-info{background:var(--ib);border-color:var(--i)}
a.pin{font:bold 10px/1 system-ui,sans-serif;vertical-align:super;text-decoration:none;color:#fff;border-radius:6px;padding:1px 3px;margin:0 1px}
a.pin.sev-error{background:var(--e)}a.pin.sev-warning{background:var(--w)}a.pin.sev-info{background:var(--i)}
ol.findings{padding-left:1.6rem;margin:0}
li.finding{margin:.35rem 0;padding-left:.3rem;border-left:4px solid}
li.sev-error{border-color:var(--e)}li.sev-warning{border-color:var(--w)}li.sev-info{border-color:var(--i)}
li.finding .sev{font-weight:600}
li.finding .where{font-variant-numeric:tabular-nums;color:#555}
li.finding .help{margin:.15rem 0 0;color:#444}
li.finding:target,a.pin:target{outline:2px solid #000}
#notice:empty{display:none}
#notice{background:#eef6ee;border:1px solid #9c9;padding:.4rem .6rem}
p.refused{color:#444;font-style:italic}
"#;

/// As the user types (or picks a field), the parts are fetched anew after
/// a pause, and an answer that a newer one has overtaken is dropped.
const SCRIPT: &str = r#"
(function () {
  var form = document.getElementById('form');
  if (!form || !window.fetch || !window.JSON) { return; }
  document.documentElement.className += ' live';
  var timer = null, asked = 0;
  function update() {
    var body = {};
    ['text', 'kind', 'level', 'lang', 'code', 'ui'].forEach(function (name) {
      var field = form.elements[name];
      if (field) { body[name] = field.value; }
    });
    var mine = ++asked;
    fetch('/api/page', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (parts) {
      if (!parts || mine !== asked) { return; }
      ['notice', 'marked', 'findings', 'diploma'].forEach(function (name) {
        var target = document.getElementById(name === 'notice' ? 'notice' : name + '-body');
        if (target) { target.innerHTML = parts[name]; }
      });
    }).catch(function () {});
  }
  function soon(delay) {
    clearTimeout(timer);
    timer = setTimeout(update, delay);
  }
  form.addEventListener('input', function () { soon(300); });
  form.addEventListener('change', function () { soon(0); });
})();
"#;
