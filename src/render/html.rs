//! HTML: a fragment (`<section>`) to place in a page, or a whole page;
//! every piece of text escaped.

use std::fmt::Write as _;

use super::{Rendering, labels, length_line, level_line};

pub fn html(renderings: &[Rendering], page: bool) -> String {
    let mut out = String::new();
    if page {
        let lang = renderings.first().map_or("en", |r| r.lang.code());
        let title = renderings
            .first()
            .and_then(|r| r.title.as_deref())
            .unwrap_or("Learning outcomes");
        let _ = writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>",
            escape(title)
        );
    }
    for rendering in renderings {
        section(rendering, &mut out);
    }
    if page {
        out.push_str("</body>\n</html>\n");
    }
    out
}

fn section(rendering: &Rendering, out: &mut String) {
    let labels = labels(rendering.lang, rendering.kind);
    let _ = writeln!(
        out,
        "<section class=\"lub-outcomes\" lang=\"{}\">",
        rendering.lang.code()
    );
    if let Some(title) = &rendering.title {
        let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    }
    let mut fields = Vec::new();
    if let Some(title) = &rendering.title {
        fields.push((labels.name, title.clone()));
    }
    if let Some(level) = &rendering.level {
        fields.push((labels.level, level_line(level, rendering.lang)));
    }
    if let Some(length) = length_line(rendering) {
        fields.push((labels.length, length));
    }
    if !fields.is_empty() {
        out.push_str("<dl>\n");
        for (label, value) in fields {
            let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(&value));
        }
        out.push_str("</dl>\n");
    }
    let _ = writeln!(out, "<h2>{}</h2>", escape(labels.outcomes));
    let _ = writeln!(out, "<p>{}</p>", escape(&rendering.opening));
    for category in &rendering.categories {
        let _ = writeln!(out, "<h3>{}</h3>", escape(&category.name));
        if let Some(lead_in) = &category.lead_in {
            let _ = writeln!(out, "<p>{}</p>", escape(lead_in));
        }
        out.push_str("<ul>\n");
        for outcome in &category.outcomes {
            let _ = writeln!(out, "<li>{}</li>", escape(outcome));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn escape(text: &str) -> String {
    crate::escape::html(text)
}
