//! A problem in a routine file, with where it is and how to fix it.

use std::fmt::Write;

use crate::core::sanitize::visible;
use unicode_width::UnicodeWidthStr;

use super::ron_spans::Pos;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// `path:line:col: message` on one line, for lists and the TUI.
    /// `path:line:col: message`; the path and message made safe for a
    /// terminal (a message may quote the file).
    /// A message that quotes the file (a value of 10,000 characters in
    /// "unknown variant `...`") is cut after [`QUOTE_COLS`] characters.
    pub fn headline(&self, path: &str) -> String {
        let message = match self.message.char_indices().nth(QUOTE_COLS) {
            Some((at, _)) => format!("{}…", &self.message[..at]),
            None => self.message.clone(),
        };
        format!(
            "{}:{}:{}: {}",
            visible(path),
            self.pos.line,
            self.pos.col,
            visible(&message)
        )
    }

    /// The headline, the offending source line with a caret under the
    /// column, and the hint if there is one.
    pub fn render(&self, path: &str, src: &str) -> String {
        self.render_line(path, src.lines().nth(self.pos.line.saturating_sub(1)))
    }

    /// [`Diagnostic::render`] with the source line at fault given (or none
    /// to quote): at most [`QUOTE_COLS`] characters of it around the
    /// caret, so a routine written on one long line costs a screenful per
    /// diagnostic, not the whole line.
    pub fn render_line(&self, path: &str, line: Option<&str>) -> String {
        let mut out = self.headline(path);
        out.push('\n');
        if let Some(line) = line {
            let number = self.pos.line.to_string();
            let gutter = " ".repeat(number.len());
            let caret = self.pos.col.saturating_sub(1);
            let start = caret.saturating_sub(QUOTE_COLS / 2);
            let mut window = line.chars().skip(start);
            // Tabs would shift the caret; show them as single spaces.
            let spaced: String = window
                .by_ref()
                .take(QUOTE_COLS)
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let cut_before = if start > 0 { "…" } else { "" };
            let cut_after = if window.next().is_some() { "…" } else { "" };
            // Escape sequences in the file are shown, never obeyed.
            let shown = visible(&spaced);
            // `col` counts characters; the caret goes as many terminal
            // columns in as they take: two for a CJK ideograph, none for
            // a combining accent, four for an ESC shown as `\x1b`.
            let before: String = spaced.chars().take(caret - start).collect();
            let pad = " ".repeat(cut_before.width() + visible(&before).width());
            let _ = writeln!(
                out,
                "{gutter} |\n{number} | {cut_before}{shown}{cut_after}\n{gutter} | {pad}^"
            );
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = hint: {}", visible(hint));
        }
        out
    }
}

/// How many characters of a source line a diagnostic quotes at most.
pub const QUOTE_COLS: usize = 200;
/// How many diagnostics of one file are shown; the rest are counted.
pub const MAX_SHOWN: usize = 50;

/// The first [`MAX_SHOWN`] of `diagnostics` rendered against `src`, then
/// "and N more" when there are more. The lines are found in one pass, so a
/// file with thousands of mistakes is not read once per mistake.
pub fn render_all(diagnostics: &[Diagnostic], path: &str, src: &str) -> String {
    let shown = &diagnostics[..diagnostics.len().min(MAX_SHOWN)];
    let mut wanted: Vec<usize> = shown.iter().map(|d| d.pos.line).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut lines = std::collections::HashMap::new();
    let mut want = wanted.iter().peekable();
    for (i, line) in src.lines().enumerate() {
        let Some(&&next) = want.peek() else { break };
        if i + 1 == next {
            lines.insert(next, line);
            want.next();
        }
    }
    let mut out: String = shown
        .iter()
        .map(|d| d.render_line(path, lines.get(&d.pos.line).copied()))
        .collect();
    if diagnostics.len() > shown.len() {
        let _ = writeln!(
            out,
            "{}: and {} more",
            visible(path),
            diagnostics.len() - shown.len()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headline_source_caret_and_hint() {
        let d = Diagnostic::new(Pos { line: 2, col: 7 }, "reps must be at least 1")
            .with_hint(Some("try 5".into()));
        let out = d.render("r.ron", "a\nreps: 0,\n");
        assert_eq!(
            out,
            "r.ron:2:7: reps must be at least 1\n  |\n2 | reps: 0,\n  |       ^\n  = hint: try 5\n"
        );
    }

    #[test]
    fn a_long_line_is_quoted_around_the_caret_only() {
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::new(Pos { line: 1, col: 5001 }, "here");
        let out = d.render("r.ron", &line);
        let rows: Vec<&str> = out.lines().collect();
        let quoted = rows[2].strip_prefix("1 | ").unwrap();
        assert!(quoted.starts_with('…') && quoted.ends_with('…'), "{quoted}");
        assert!(quoted.chars().count() <= QUOTE_COLS + 2, "{quoted}");
        let caret = rows[3].strip_prefix("  | ").unwrap();
        assert_eq!(quoted.chars().nth(caret.len() - 1), Some('X'), "{out}");
    }

    #[test]
    fn more_than_fifty_diagnostics_are_counted_not_shown() {
        let src = "x\n".repeat(60);
        let all: Vec<Diagnostic> = (1..=60)
            .map(|l| Diagnostic::new(Pos { line: l, col: 1 }, format!("m{l}")))
            .collect();
        let out = render_all(&all, "r.ron", &src);
        assert_eq!(out.matches(": m").count(), MAX_SHOWN, "{out}");
        assert!(out.contains("r.ron:50:1: m50\n"), "{out}");
        assert!(out.ends_with("r.ron: and 10 more\n"), "{out}");
    }

    #[test]
    fn the_caret_is_under_the_column_on_screen_after_wide_or_combining_text() {
        // col 23 is the `0`: 22 characters before it, 4 of them CJK (two
        // columns each) and one a combining accent (none).
        let line = "title: \"梨状筋症\", re\u{301}ps: 0,";
        let col = line.chars().position(|c| c == '0').unwrap() + 1;
        assert_eq!(col, 23);
        let d = Diagnostic::new(Pos { line: 1, col }, "reps must be at least 1");
        let out = d.render("r.ron", line);
        let rows: Vec<&str> = out.lines().collect();
        let source = rows[2].strip_prefix("1 | ").unwrap();
        let caret = rows[3].strip_prefix("  | ").unwrap();
        assert_eq!(caret, format!("{}^", " ".repeat(25)));
        assert_eq!(source.width(), line.width());
        // The caret's column is where the `0` starts on screen.
        let zero = line.find('0').unwrap();
        assert_eq!(caret.len() - 1, line[..zero].width());
    }

    #[test]
    fn the_caret_points_at_the_mistake_after_a_cjk_title_from_the_parser() {
        let line = "Routine(id: \"x\", version: 1, lang: \"ja\", title: \"梨状筋のストレッチ\", get_ready: \"10 секунд\",";
        let src = format!(
            "{line}\n  schedule: (), steps: [Step(id: \"a\", title: \"a\", kind: Manual)])\n"
        );
        let diagnostics = crate::core::parse::parse_routine(src.as_bytes()).unwrap_err();
        let duration = diagnostics
            .iter()
            .find(|d| d.message.contains("is not a duration"))
            .unwrap();
        let out = duration.render("r.ron", &src);
        let caret = out.lines().nth(3).unwrap().strip_prefix("  | ").unwrap();
        let value = line.find("\"10").unwrap();
        assert_eq!(caret.trim_start().len(), 1, "{out}");
        assert_eq!(caret.len() - 1, line[..value].width(), "{out}");
        assert!(caret.len() - 1 > line[..value].chars().count(), "{out}");
    }
}
