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
}
