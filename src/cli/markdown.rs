//! Markdown, the one home of its escaping, for the handout (`export`) and
//! the report. Two strategies, each for where it is needed: text in a
//! paragraph, list item or heading is backslash-escaped ([`escape`]), which
//! every renderer undoes; text in a table cell ([`cell`]) uses entities
//! for `<`, `>` and `&`, since a backslash before them would show in some
//! renderers' tables, and escapes the `|` that would end the cell.

use std::fmt::Write as _;

use crate::core::sanitize::visible_lines;

/// Escapes text for Markdown: characters that would format, link or open
/// HTML are backslash-escaped, and a line never starts a heading or list.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    // Control characters and bidi overrides are shown, never written raw.
    for c in visible_lines(text).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|')
            || (line_start && matches!(c, '#' | '-' | '+'))
        {
            out.push('\\');
        }
        out.push(c);
        line_start = c == '\n' || (line_start && c == ' ');
    }
    out
}

/// Text on one Markdown line (a list item or heading): line breaks become
/// spaces so they cannot end the item.
pub fn inline(text: &str) -> String {
    escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A Markdown paragraph keeping the text's line breaks.
pub fn paragraph(text: &str) -> String {
    text.trim()
        .lines()
        .map(|l| escape(l.trim()))
        .collect::<Vec<_>>()
        .join("  \n")
}

/// A Markdown table row: `| a | b |`.
pub fn row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    let cells: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

/// A Markdown table's header and the rule below it.
pub fn header(out: &mut String, columns: &[String]) {
    row(out, columns);
    let _ = writeln!(out, "|{}", "---|".repeat(columns.len()));
}

/// Keeps text from the log from breaking the table it sits in, or from
/// being taken as HTML by a Markdown viewer: `<`, `>` and `&` become
/// entities, `|` is escaped, line breaks become spaces.
pub fn cell(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_leaves_no_markup() {
        assert_eq!(escape("a *b* _c_ `d`"), r"a \*b\* \_c\_ \`d\`");
        assert_eq!(escape("<script>"), r"\<script\>");
        assert_eq!(escape("# not a heading"), r"\# not a heading");
        assert_eq!(escape("- not\n- a list"), "\\- not\n\\- a list");
        assert_eq!(escape("knee-across"), "knee-across");
        assert_eq!(inline("two\nlines"), "two lines");
    }

    #[test]
    fn a_table_cell_stays_one_cell_and_no_html() {
        assert_eq!(cell("a|b\n<i>&"), "a\\|b &lt;i&gt;&amp;");
    }
}
