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
    pub fn headline(&self, path: &str) -> String {
        format!(
            "{}:{}:{}: {}",
            visible(path),
            self.pos.line,
            self.pos.col,
            visible(&self.message)
        )
    }

    /// The headline, the offending source line with a caret under the
    /// column, and the hint if there is one.
    pub fn render(&self, path: &str, src: &str) -> String {
        let mut out = self.headline(path);
        out.push('\n');
        if let Some(line) = src.lines().nth(self.pos.line.saturating_sub(1)) {
            let number = self.pos.line.to_string();
            let gutter = " ".repeat(number.len());
            // Tabs would shift the caret; show them as single spaces.
            let spaced: String = line
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            // Escape sequences in the file are shown, never obeyed.
            let shown = visible(&spaced);
            // `col` counts characters; the caret goes as many terminal
            // columns in as they take: two for a CJK ideograph, none for
            // a combining accent, four for an ESC shown as `\x1b`.
            let before: String = spaced
                .chars()
                .take(self.pos.col.saturating_sub(1))
                .collect();
            let pad = " ".repeat(visible(&before).width());
            let _ = writeln!(out, "{gutter} |\n{number} | {shown}\n{gutter} | {pad}^");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = hint: {}", visible(hint));
        }
        out
    }
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
        let out = diagnostics[0].render("r.ron", &src);
        let caret = out.lines().nth(3).unwrap().strip_prefix("  | ").unwrap();
        let value = line.find("\"10").unwrap();
        assert_eq!(caret.trim_start().len(), 1, "{out}");
        assert_eq!(caret.len() - 1, line[..value].width(), "{out}");
        assert!(caret.len() - 1 > line[..value].chars().count(), "{out}");
    }
}
