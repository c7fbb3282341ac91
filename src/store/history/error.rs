//! How a log operation failed: what was being done, on which file, and
//! the IO error it amounts to (a SQLite error is mapped to one).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

/// What was being done when the log failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    CreateDir,
    Open,
    Check,
    Read,
    Write,
    Import,
    Encode,
}

impl fmt::Display for Doing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Doing::CreateDir => "create the directory",
            Doing::Open => "open",
            Doing::Check => "check",
            Doing::Read => "read",
            Doing::Write => "write to",
            Doing::Import => "import",
            Doing::Encode => "encode an event for",
        })
    }
}

/// A log operation that failed, with the file it failed on, so the user can
/// be told exactly what to fix (free space, permissions) or where to look.
#[derive(Debug, thiserror::Error)]
#[error("{}", describe(*.doing, .path, .source))]
pub struct HistoryError {
    pub doing: Doing,
    pub path: PathBuf,
    pub source: io::Error,
}
/// Whether a failure means the database is damaged: its check failed, or
/// SQLite found it malformed.
fn damaged(doing: Doing, source: &io::Error) -> bool {
    doing == Doing::Check || source.kind() == io::ErrorKind::InvalidData
}

/// A damaged file says so; any other failure says what could not be done.
fn describe(doing: Doing, path: &Path, source: &io::Error) -> String {
    if damaged(doing, source) {
        format!("{} is damaged: {source}", path.display())
    } else {
        format!("cannot {doing} {}: {source}", path.display())
    }
}

impl HistoryError {
    pub(super) fn new(doing: Doing, path: &Path, source: io::Error) -> Self {
        HistoryError {
            doing,
            path: path.to_path_buf(),
            source,
        }
    }

    pub(super) fn sql(doing: Doing, path: &Path, e: rusqlite::Error) -> Self {
        Self::new(doing, path, to_io(e))
    }

    /// The underlying IO error kind (`StorageFull`, `PermissionDenied`,
    /// `ResourceBusy` for a lock held too long, `InvalidData` for a
    /// damaged database), for the UI to choose its advice.
    pub fn kind(&self) -> io::ErrorKind {
        self.source.kind()
    }

    /// The database is damaged: nothing may be written to it.
    pub fn is_damaged(&self) -> bool {
        damaged(self.doing, &self.source)
    }
}

/// A SQLite error as the IO error it amounts to.
fn to_io(e: rusqlite::Error) -> io::Error {
    let kind = match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => io::ErrorKind::StorageFull,
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => io::ErrorKind::ResourceBusy,
        Some(ErrorCode::ReadOnly) => io::ErrorKind::ReadOnlyFilesystem,
        Some(ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
            io::ErrorKind::PermissionDenied
        }
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => io::ErrorKind::InvalidData,
        _ => io::ErrorKind::Other,
    };
    let text = match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            format!("{e} (another program holds the database)")
        }
        _ => e.to_string(),
    };
    io::Error::new(kind, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A damaged file is named as damaged, whatever was being done; any
    /// other failure says what could not be done to which file.
    #[test]
    fn the_message_says_damaged_or_what_failed() {
        let path = Path::new("/d/history.sqlite3");
        let full = io::Error::new(io::ErrorKind::StorageFull, "disk full");
        let e = HistoryError::new(Doing::Write, path, full);
        assert_eq!(
            e.to_string(),
            "cannot write to /d/history.sqlite3: disk full"
        );
        assert!(!e.is_damaged());
        let bad = io::Error::new(io::ErrorKind::InvalidData, "malformed");
        let e = HistoryError::new(Doing::Read, path, bad);
        assert_eq!(e.to_string(), "/d/history.sqlite3 is damaged: malformed");
        assert!(e.is_damaged());
        let e = HistoryError::new(Doing::Check, path, io::Error::other("page 3"));
        assert!(e.is_damaged());
        assert!(e.to_string().ends_with("is damaged: page 3"));
        assert!(std::error::Error::source(&e).is_some());
    }
}
