//! A problem in a routine file, with where it is and how to fix it.

use std::fmt::Write;

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
    pub fn headline(&self, path: &str) -> String {
        format!(
            "{path}:{}:{}: {}",
            self.pos.line, self.pos.col, self.message
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
            let shown: String = line
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let pad = " ".repeat(self.pos.col.saturating_sub(1));
            let _ = writeln!(out, "{gutter} |\n{number} | {shown}\n{gutter} | {pad}^");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = hint: {hint}");
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
}
