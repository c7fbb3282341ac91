//! Standard output for commands, closed or not: `limber status | head -0`
//! closes the pipe before limber writes, and Rust ignores SIGPIPE, so a
//! plain `print!` would panic with "Broken pipe". Writing through
//! [`Stdout`] treats a closed reader as one that wanted no more: the rest is
//! dropped, and the command ends with the status it would have had.

use std::io::{self, Write};

/// Standard output that swallows `BrokenPipe` (and everything after it).
#[derive(Default)]
pub struct Stdout {
    closed: bool,
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout::default()
    }

    /// Whether the reader has gone.
    pub fn is_closed(&self) -> bool {
        self.closed
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

/// Standard error for messages, coloured by [`paint`] when `color` is on.
/// Whole lines are written at once, so colour never splits a character.
pub struct Stderr {
    color: bool,
    pending: Vec<u8>,
}

impl Stderr {
    pub fn new(color: bool) -> Stderr {
        Stderr {
            color,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut err = io::stderr().lock();
        if !self.color {
            return err.write_all(bytes);
        }
        let text = String::from_utf8_lossy(bytes);
        for piece in text.split_inclusive('\n') {
            let (line, end) = match piece.strip_suffix('\n') {
                Some(l) => (l, "\n"),
                None => (piece, ""),
            };
            write!(err, "{}{end}", paint(line))?;
        }
        Ok(())
    }
}

impl Write for Stderr {
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
        io::stderr().flush()
    }
}

impl Drop for Stderr {
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
}
