//! The tables, their version, the one-time import of the old JSON Lines
//! log, and the check of a whole file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{
    BUSY_TIMEOUT, Doing, History, HistoryError, IMPORTED_SUFFIX, MAX_JSONL_BYTES, Migration,
    OLD_FILE_NAME, parse,
};

/// `PRAGMA user_version` of the schema below. 2 added `course_walks`
/// ([`WALKS`]); a version 1 file gets it when a walk is first kept, after
/// the file was checked, never at open. 3 added `answers` ([`ANSWERS`]);
/// a version 1 or 2 file gets both tables ([`UPGRADE`]) with the first
/// walk kept or the first answer written, never at open.
pub(super) const SCHEMA_VERSION: i64 = 3;

pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    session TEXT NOT NULL,
    at TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_session ON events (session);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    routine_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    local_date TEXT NOT NULL,
    completed INTEGER NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_routine_date ON sessions (routine_id, local_date);
CREATE INDEX IF NOT EXISTS sessions_by_date ON sessions (local_date);
CREATE TABLE IF NOT EXISTS days (
    routine_id TEXT NOT NULL,
    local_date TEXT NOT NULL,
    completed INTEGER NOT NULL,
    other INTEGER NOT NULL,
    PRIMARY KEY (routine_id, local_date)
) WITHOUT ROWID;
";

pub(super) const WALKS: &str = "
CREATE TABLE IF NOT EXISTS course_walks (
    routine_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    through TEXT NOT NULL,
    walk TEXT NOT NULL,
    PRIMARY KEY (routine_id, rule)
) WITHOUT ROWID;
";

/// The patient's answers outside a session (`core::outcome::Answer`): the
/// morning check and the outcome measures, one row each, by local day.
pub(super) const ANSWERS: &str = "
CREATE TABLE IF NOT EXISTS answers (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    local_date TEXT NOT NULL,
    measure TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_by_measure_date ON answers (measure, local_date);
";

/// What brings a version 1 or 2 file to this schema, inside a write
/// transaction: the tables it lacks, then the version.
pub(super) fn upgrade() -> String {
    format!("{WALKS} {ANSWERS} PRAGMA user_version={SCHEMA_VERSION};")
}

impl History {
    /// Imports `data_dir/history.jsonl` if there is one, then renames it.
    pub(super) fn migrate(&self, data_dir: &Path) -> Result<Option<Migration>, HistoryError> {
        let from = data_dir.join(OLD_FILE_NAME);
        let bytes = match crate::store::safe_file::read_capped(&from, MAX_JSONL_BYTES) {
            Ok(bytes) => bytes,
            Err(e) if e.is_not_found() => return Ok(None),
            Err(e) => {
                // HistoryError carries an io::Error by design (its kind
                // picks the advice); the refused old log becomes one.
                let e = io::Error::new(io::ErrorKind::InvalidInput, e);
                return Err(HistoryError::new(Doing::Import, &from, e));
            }
        };
        let read = parse(&bytes);
        let imported = self.import(&read.lines)?;
        self.import_answers(&read.answers)?;
        let mut to = from.as_os_str().to_owned();
        to.push(IMPORTED_SUFFIX);
        let to = PathBuf::from(to);
        // Never over an earlier import's file: that one is kept as it is.
        let renamed_to = (!to.exists() && fs::rename(&from, &to).is_ok()).then_some(to);
        // The old log was made 0644: its content stays as it was, but from
        // now on only the user may read it.
        #[cfg(unix)]
        if let Some(to) = &renamed_to {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(to, fs::Permissions::from_mode(0o600));
        }
        Ok(Some(Migration {
            from,
            renamed_to,
            added: imported.added,
            problems: read.problems,
        }))
    }
}

/// Runs `PRAGMA quick_check` on the database at `path` through a
/// connection of its own (read only), so it can run on another thread.
pub fn check_file(path: &Path) -> Result<(), HistoryError> {
    let err = |e| HistoryError::sql(Doing::Check, path, e);
    super::guard::refuse_links(path).map_err(|e| HistoryError::new(Doing::Open, path, e))?;
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(err)?;
    super::guard::harden(&mut conn, super::guard::CHECK_BOUND).map_err(err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
    // Every page is read once, so a big page cache only adds to the
    // coach's memory (2 MB by default); 256 KiB holds the tree's inner pages.
    conn.execute_batch("PRAGMA cache_size = -256")
        .map_err(err)?;
    let mut stmt = conn.prepare("PRAGMA quick_check").map_err(err)?;
    let found: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .map_err(err)?
        .collect::<Result<_, _>>()
        .map_err(err)?;
    if found.len() == 1 && found[0] == "ok" {
        Ok(())
    } else {
        Err(HistoryError::new(
            Doing::Check,
            path,
            io::Error::new(io::ErrorKind::InvalidData, found.join("; ")),
        ))
    }
}
