//! `cli::Error`: what a command could not do, the one error type every
//! command returns. It knows its exit status and is reported in the user's
//! language in one place, [`report_error`], through the stderr that shows
//! control characters instead of obeying them.

use std::io::{self, Write};

use crate::core::plan::PlanError;
use crate::i18n::{CliStrings, fill};
use crate::shell::exit::Exit;
use crate::store::config::ConfigError;
use crate::store::history::HistoryError;
use crate::store::safe_file::ReadError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    History(#[from] HistoryError),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A file the command was given or writes, with the path the IO error
    /// itself does not carry.
    #[error("{}: {source}", path.display())]
    File {
        path: std::path::PathBuf,
        source: io::Error,
    },
    /// The file to write exists already: limber never writes over one.
    #[error("{} exists already", path.display())]
    Exists { path: std::path::PathBuf },
    /// The history database is damaged; what to do about it has been told
    /// already, where it was found.
    #[error("the history database is damaged")]
    Damaged,
    /// No data directory could be found and none was given.
    #[error("no data directory: give --data-dir")]
    NoDataDir,
}

impl Error {
    /// A new file at `path` could not be made: `Exists` when something is
    /// already there (output is never written over), else `File`.
    pub fn creating(path: &std::path::Path, source: io::Error) -> Error {
        let path = path.to_path_buf();
        if source.kind() == io::ErrorKind::AlreadyExists {
            Error::Exists { path }
        } else {
            Error::File { path, source }
        }
    }

    /// How the command exits after this error.
    pub fn exit(&self) -> Exit {
        Exit::Failed
    }

    /// The error as the user reads it, in `s`'s language where limber
    /// words it; an error from the system or a file keeps its own text.
    pub fn text(&self, s: &CliStrings) -> String {
        match self {
            Error::Damaged => s.error_damaged.clone(),
            Error::NoDataDir => s.error_no_data_dir.clone(),
            Error::Exists { path } => fill(
                &s.error_exists,
                &[(
                    "file",
                    &crate::core::sanitize::visible(&path.display().to_string()),
                )],
            ),
            other => other.to_string(),
        }
    }
}

/// Reports `e` on `err` as `limber COMMAND: what went wrong` and returns
/// the exit status it calls for.
pub fn report_error(
    e: &Error,
    command: Option<&str>,
    s: &CliStrings,
    err: &mut impl Write,
) -> Exit {
    let command = command.map(|c| format!(" {c}")).unwrap_or_default();
    let _ = writeln!(
        err,
        "{}",
        fill(
            &s.error_line,
            &[("command", &command), ("error", &e.text(s))]
        )
    );
    e.exit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::Lang;

    #[test]
    fn an_error_is_told_with_its_command_in_the_users_language() {
        let mut out = Vec::new();
        let s = CliStrings::load(Lang::Ru);
        let exit = report_error(&Error::NoDataDir, Some("log export"), &s, &mut out);
        assert_eq!(exit, Exit::Failed);
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("limber log export: "), "{text}");
        assert!(text.contains("--data-dir"), "{text}");
        assert!(!text.contains("no data directory"), "{text}");
    }

    #[test]
    fn a_system_error_keeps_its_own_text() {
        let mut out = Vec::new();
        let s = CliStrings::load(Lang::En);
        let e = Error::from(io::Error::new(io::ErrorKind::NotFound, "gone"));
        report_error(&e, None, &s, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "limber: gone\n");
    }
}
