//! JSON: the rendering as data, for systems that build their own page.
//! One object for one document, an array for a translation pair.

use super::Rendering;

pub fn json(renderings: &[Rendering]) -> String {
    let text = match renderings {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    };
    // Serialising plain data cannot fail; an empty object is the safe answer
    // if it ever did.
    let mut out = text.unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}
