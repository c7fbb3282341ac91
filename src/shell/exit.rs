//! How every limber command ends: one scheme, documented in `limber --help`.

use std::process::ExitCode;

use super::input::Sig;

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
    /// Ended by SIGTERM, after what was done was saved.
    Terminated,
    /// Ended by SIGQUIT, after what was done was saved.
    Quit,
    /// Ended by SIGHUP (the terminal went away), after what was done was saved.
    HungUp,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::Failed => 1,
            Exit::Usage => 2,
            Exit::Interrupted => 130,
            Exit::HungUp => 129,
            Exit::Quit => 131,
            Exit::Terminated => 143,
        }
    }

    /// How a run that a signal ended exits.
    pub fn for_signal(sig: Sig) -> Option<Exit> {
        match sig {
            Sig::Interrupt => Some(Exit::Interrupted),
            Sig::Terminate => Some(Exit::Terminated),
            Sig::Quit => Some(Exit::Quit),
            Sig::Hangup => Some(Exit::HungUp),
            Sig::Continue | Sig::Stop => None,
        }
    }

    /// A session's exit, unless a signal ended the run: done when it was
    /// completed and kept.
    pub fn of_run(completed: bool, kept: bool, signal: Option<Exit>) -> Exit {
        match signal {
            _ if !kept => Exit::Failed,
            Some(exit) => exit,
            None if completed => Exit::Done,
            None => Exit::Failed,
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
option); 130 ended by Ctrl-C, 143 by SIGTERM, 131 by SIGQUIT and 129 by SIGHUP, after the session was \
saved.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_session_fails_whatever_ended_the_run() {
        assert_eq!(Exit::of_run(true, true, None), Exit::Done);
        assert_eq!(Exit::of_run(false, true, None), Exit::Failed);
        let ctrl_c = Exit::for_signal(Sig::Interrupt);
        assert_eq!(Exit::of_run(false, true, ctrl_c).code(), 130);
        assert_eq!(
            Exit::of_run(false, true, Exit::for_signal(Sig::Terminate)).code(),
            143
        );
        assert_eq!(Exit::of_run(true, false, ctrl_c), Exit::Failed);
    }
}
