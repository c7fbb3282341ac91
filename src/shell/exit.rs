//! How every limber command ends: one scheme, documented in `limber --help`.

use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// It did what was asked: a session completed and saved, a valid file,
    /// an edit installed.
    Done,
    /// It ran, but the result is not what was asked: a session stopped or
    /// lost, an invalid routine, an edit not installed, a file that exists.
    Failed,
    /// The command line asked for something that is not there: an unknown
    /// routine, variant or path, a bad option.
    Usage,
    /// Ended by Ctrl-C (SIGINT), after what was done was saved.
    Interrupted,
    /// Ended by SIGTERM or SIGHUP, after what was done was saved.
    Terminated,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::Failed => 1,
            Exit::Usage => 2,
            Exit::Interrupted => 130,
            Exit::Terminated => 143,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e.code())
    }
}

/// The scheme as `limber --help` prints it.
pub const HELP: &str = "Exit status: 0 done; 1 failed (a session not completed, an invalid \
routine, an edit not installed, an error); 2 usage (no such routine, variant, file or \
option); 130 ended by Ctrl-C and 143 by SIGTERM or SIGHUP, after the session was saved.";
