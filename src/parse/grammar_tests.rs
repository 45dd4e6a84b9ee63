//! Each rule of `grammar/lub.pest` on its own: the inputs it must consume
//! whole, and inputs it must refuse (so that the next alternative of `line`
//! gets them). A rule that consumed only part of its input would leave the
//! rest of a line unread.

use pest::Parser as _;

use super::{LubGrammar, Rule};

/// Asserts that `rule` matches each input from its first byte to its last.
fn consumes_whole(rule: Rule, inputs: &[&str]) {
    for input in inputs {
        match LubGrammar::parse(rule, input) {
            Ok(mut pairs) => {
                let end = pairs.next().map_or(0, |p| p.as_span().end());
                assert_eq!(
                    end,
                    input.len(),
                    "{rule:?} stopped at byte {end} of {input:?}"
                );
            }
            Err(e) => panic!("{rule:?} refused {input:?}:\n{e}"),
        }
    }
}

/// Asserts that `rule` does not match the whole of each input.
fn refuses(rule: Rule, inputs: &[&str]) {
    for input in inputs {
        if let Ok(mut pairs) = LubGrammar::parse(rule, input) {
            let end = pairs.next().map_or(0, |p| p.as_span().end());
            assert_ne!(end, input.len(), "{rule:?} accepted {input:?}");
        }
    }
}

#[test]
fn document_is_total() {
    consumes_whole(
        Rule::document,
        &[
            "",
            "\n",
            "\u{FEFF}",
            "\u{FEFF}# Kunnskap\r\n- a\r\n",
            "no newline at the end",
            "---\nlevel: 7\n---",
            "---\nnever closed\n",
            "<!-- open\nstill open",
            "\r\r\n\n\t \n",
            "* * *\n===\n####### seven hashes\n",
            "\u{0}\u{1}binary-ish\u{7f}",
        ],
    );
}

#[test]
fn front_matter() {
    consumes_whole(
        Rule::front_matter,
        &[
            "---\nlevel: 7\n---\n",
            "---\n---",
            "---\r\ncode: X\r\n---  \r\n",
            "---\na: ---\n---\n",
        ],
    );
    refuses(
        Rule::front_matter,
        &["---\nlevel: 7\n", "--- \nx\n--", "----\nx\n----\n"],
    );
}

#[test]
fn directive_and_comments() {
    consumes_whole(
        Rule::directive,
        &[
            "<!-- lub: allow vague-verb -->",
            "  <!--lub:allow a, b-->  ",
            "<!-- lub : allow x -->",
        ],
    );
    refuses(
        Rule::directive,
        &[
            "<!-- allow x -->",
            "<!-- lub: allow x",
            "<!-- lub: x --> trailing",
        ],
    );
    consumes_whole(
        Rule::comment,
        &["<!-- note -->", "<!---->", "  <!-- a -- b -->\t"],
    );
    refuses(Rule::comment, &["<!-- open", "<!-- a --> b"]);
    consumes_whole(Rule::comment_open, &["<!-- open", "<!--"]);
}

#[test]
fn headings() {
    consumes_whole(
        Rule::heading,
        &[
            "# Kunnskap",
            "## Ferdigheter:",
            "###### Generell kompetanse ##",
            "#",
            "   ## Skills  ",
            "#\tKnowledge",
        ],
    );
    refuses(
        Rule::heading,
        &[
            "#Kunnskap",
            "####### seven",
            "    # indented four",
            "#hashtag",
        ],
    );
    consumes_whole(Rule::setext_underline, &["=", "=====", "  ===  "]);
    refuses(Rule::setext_underline, &["== =", "=a"]);
}

#[test]
fn thematic_breaks() {
    consumes_whole(
        Rule::thematic_break,
        &["---", "***", "___", "- - -", "* * * *", "------ "],
    );
    refuses(Rule::thematic_break, &["--", "-- -a", "*-*"]);
}

#[test]
fn bullets() {
    consumes_whole(
        Rule::bullet,
        &[
            "- har kunnskap om X",
            "* kan Y",
            "+ z",
            "• kan",
            "– kan",
            "— kan",
            "▪ kan",
            "\u{F0B7}\tkan",
            "1. kan",
            "12) kan",
            "(3) kan",
            "a) kan",
            "(b) kan",
            "\t•\tkan",
            "-",
            "- ",
        ],
    );
    refuses(
        Rule::bullet,
        &[
            "-kan",
            "*Kunnskaper:*",
            "**Knowledge**",
            "1.5 kan",
            "2024. kan",
            "A) capital",
            "-5 °C",
        ],
    );
}

#[test]
fn blank_and_text() {
    consumes_whole(Rule::blank, &["", "   ", "\t \t"]);
    refuses(Rule::blank, &[" x"]);
    consumes_whole(
        Rule::text,
        &["Kandidaten kan:", "  indented text", "*Kunnskaper:*", "x"],
    );
}
