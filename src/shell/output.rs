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
//! reaching the terminal.

use std::io::{self, Write};

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

/// A writer that shows what `inner` gets through
/// [`visible_lines`]: for messages to the user on a terminal. A character
/// split over two writes is held until it is whole; bytes that are not
/// UTF-8 are shown as U+FFFD.
pub struct Stderr<W: Write = io::Stderr> {
    inner: W,
    pending: Vec<u8>,
}

impl Stderr {
    pub fn new() -> Stderr {
        Stderr::to(io::stderr())
    }
}

impl Default for Stderr {
    fn default() -> Self {
        Stderr::new()
    }
}

impl<W: Write> Stderr<W> {
    pub fn to(inner: W) -> Stderr<W> {
        Stderr {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes out what is pending; an unfinished character only if `all`.
    fn pass(&mut self, all: bool) -> io::Result<()> {
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() && !all => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let rest = self.pending.split_off(whole);
        let text = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending = rest;
        self.inner.write_all(visible_lines(&text).as_bytes())
    }
}

impl<W: Write> Write for Stderr<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.pass(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass(true)?;
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
            let mut err = Stderr::to(&mut out);
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
}
