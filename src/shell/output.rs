//! Standard output for commands, closed or not: `limber status | head -0`
//! closes the pipe before limber writes, and Rust ignores SIGPIPE, so a
//! plain `print!` would panic with "Broken pipe". Writing through
//! [`Stdout`] treats a closed reader as one that wanted no more: the rest is
//! dropped, and the command ends with the status it would have had.
//!
//! [`Stderr`] is standard error for messages that may quote a file, the
//! log or the command line (a routine id, a variant, a path): every
//! control character but the line break, and every bidi control, is shown
//! (`\x1b`, `U+202E`) by [`crate::core::sanitize::visible_lines`] instead of
//! reaching the terminal; then, when colour is on, [`paint`] colours it.

use std::io::{self, IsTerminal, Write};

use crate::core::sanitize::visible_lines;

/// Standard output that swallows `BrokenPipe` (and everything after it).
#[derive(Default)]
pub struct Stdout {
    closed: bool,
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout::default()
    }

    /// Whether standard output is a terminal, where text from a file or
    /// the log must be shown rather than obeyed; a file or a pipe gets the
    /// exact bytes.
    pub fn is_terminal(&self) -> bool {
        io::stdout().is_terminal()
    }

    /// The terminal's width in columns when standard output is one; `None`
    /// for a file or a pipe, whose reader has no width to fit.
    pub fn width(&self) -> Option<usize> {
        if !self.is_terminal() {
            return None;
        }
        let cols = crossterm::terminal::size().map_or(0, |(cols, _)| usize::from(cols));
        Some(if cols == 0 { 80 } else { cols })
    }
}

/// `result`, with a broken pipe counted as a whole write that went nowhere.
fn quiet<T>(closed: &mut bool, result: io::Result<T>, gone: T) -> io::Result<T> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            *closed = true;
            Ok(gone)
        }
        other => other,
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let r = io::stdout().lock().write(buf);
        quiet(&mut self.closed, r, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = io::stdout().lock().flush();
        quiet(&mut self.closed, r, ())
    }
}

/// Whether messages on standard error are coloured: `always` and `never`
/// (`Some(true)`, `Some(false)`) decide; `auto` (`None`) colours a
/// terminal unless `NO_COLOR` is set to anything non-empty (no-color.org)
/// or `TERM` is `dumb`.
pub fn use_color(
    choice: Option<bool>,
    is_terminal: bool,
    no_color: Option<&str>,
    term: Option<&str>,
) -> bool {
    choice.unwrap_or_else(|| {
        is_terminal && no_color.is_none_or(str::is_empty) && term != Some("dumb")
    })
}

const RED_BOLD: &str = "\x1b[1;31m";
const BOLD: &str = "\x1b[1m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// One line of a message, coloured the one way every command's messages
/// are: the `limber COMMAND:` that starts an error in bold red, a
/// diagnostic's `path:line:col:` in bold, its caret in red, and a hint's
/// label in cyan. The words are the same with colour or without.
pub fn paint(line: &str) -> String {
    if let Some(end) = line.find(": ") {
        let head = &line[..end];
        let words: Vec<&str> = head.split(' ').collect();
        let command_like = words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        if words[0] == "limber" && words.len() <= 3 && command_like {
            return format!("{RED_BOLD}{head}:{RESET}{}", &line[end + 1..]);
        }
    }
    let trimmed = line.trim_start();
    if let Some((label, _)) = trimmed.split_once(": ")
        && (label == "hint" || label == "= hint" || label == "подсказка")
    {
        let indent = &line[..line.len() - trimmed.len()];
        let end = indent.len() + label.len() + 1;
        return format!(
            "{indent}{CYAN}{}{RESET}{}",
            &line[indent.len()..end],
            &line[end..]
        );
    }
    if trimmed.starts_with('|') && trimmed.trim_end().ends_with('^') {
        let caret = line.rfind('^').unwrap_or(0);
        return format!("{}{RED_BOLD}^{RESET}", &line[..caret]);
    }
    let mut parts = line.splitn(4, ':');
    if let (Some(path), Some(l), Some(c), Some(_)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
        && !path.is_empty()
        && l.parse::<u32>().is_ok()
        && c.parse::<u32>().is_ok()
    {
        let end = path.len() + l.len() + c.len() + 3;
        return format!("{BOLD}{}{RESET}{}", &line[..end], &line[end..]);
    }
    line.to_string()
}

/// Standard error for messages: what comes in is shown through
/// [`visible_lines`] and, when `color` is on, coloured by [`paint`]. Whole
/// lines are written at once, so neither splits a character.
pub struct Stderr<W: Write = io::Stderr> {
    inner: W,
    color: bool,
    pending: Vec<u8>,
}

impl Stderr {
    pub fn new(color: bool) -> Stderr {
        Stderr::to(io::stderr(), color)
    }
}

impl<W: Write> Stderr<W> {
    pub fn to(inner: W, color: bool) -> Stderr<W> {
        Stderr {
            inner,
            color,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        // Bytes that are not UTF-8 are shown as U+FFFD.
        let raw = String::from_utf8_lossy(bytes);
        let text = visible_lines(&raw);
        if !self.color {
            return self.inner.write_all(text.as_bytes());
        }
        for piece in text.split_inclusive('\n') {
            let (line, end) = match piece.strip_suffix('\n') {
                Some(l) => (l, "\n"),
                None => (piece, ""),
            };
            write!(self.inner, "{}{end}", paint(line))?;
        }
        Ok(())
    }
}

impl<W: Write> Write for Stderr<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            let done: Vec<u8> = self.pending.drain(..=last).collect();
            self.emit(&done)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        if !rest.is_empty() {
            self.emit(&rest)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Stderr<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_marks_the_parts_of_a_message() {
        assert_eq!(
            paint("limber run: no routine `x`"),
            "\x1b[1;31mlimber run:\x1b[0m no routine `x`"
        );
        assert_eq!(
            paint("limber: the coach"),
            "\x1b[1;31mlimber:\x1b[0m the coach"
        );
        assert_eq!(
            paint("  hint: did you mean"),
            "  \x1b[36mhint:\x1b[0m did you mean"
        );
        assert_eq!(paint("r.ron:2:7: reps"), "\x1b[1mr.ron:2:7:\x1b[0m reps");
        assert_eq!(paint("  |     ^"), "  |     \x1b[1;31m^\x1b[0m");
        assert_eq!(paint("plain words"), "plain words");
        assert!(!use_color(None, true, Some("1"), None));
        assert!(use_color(None, true, Some(""), None));
        assert!(!use_color(None, false, None, None));
        assert!(use_color(Some(true), false, Some("1"), None));
    }

    #[test]
    fn a_broken_pipe_is_a_write_that_went_nowhere() {
        let mut closed = false;
        let broken: io::Result<usize> = Err(io::ErrorKind::BrokenPipe.into());
        assert_eq!(quiet(&mut closed, broken, 5).unwrap(), 5);
        assert!(closed);
        let mut closed = false;
        let full: io::Result<usize> = Err(io::Error::from_raw_os_error(28));
        assert!(
            quiet(&mut closed, full, 5).is_err(),
            "other errors stay errors"
        );
        assert!(!closed);
    }

    #[test]
    fn stderr_shows_controls_even_split_over_writes() {
        let mut out = Vec::new();
        {
            let mut err = Stderr::to(&mut out, false);
            write!(err, "no routine \x1b]2;x\x07").unwrap();
            let rlo = "\u{202E}".as_bytes();
            err.write_all(&rlo[..1]).unwrap();
            err.write_all(&rlo[1..]).unwrap();
            writeln!(err, " ok").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "no routine \\x1b]2;x\\x07U+202E ok\n"
        );
    }

    #[test]
    fn colour_is_added_after_the_controls_are_made_visible() {
        let mut out = Vec::new();
        {
            let mut err = Stderr::to(&mut out, true);
            writeln!(err, "limber run: no routine `\x1b[2J`").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\x1b[1;31mlimber run:\x1b[0m no routine `\\x1b[2J`\n"
        );
    }
}
