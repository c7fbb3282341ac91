//! The session log: a SQLite database, `DATA_DIR/history.sqlite3`.
//!
//! Every event is a row of `events`, under its own id (a second copy of an
//! id is ignored), written in a transaction of its own that is on disk
//! before [`History::append`] returns (WAL, `synchronous=FULL`). In the
//! same transaction the session's row of `sessions` and the routine's row
//! of `days` are brought up to date, so what the screens and commands need
//! is an indexed read, never a scan of the whole log. A routine's course
//! is walked day by day from its first session; `course_walks` keeps that
//! walk through yesterday for each course rule asked about
//! ([`History::keep_courses`]), so home and `status` resume it and read
//! only the days since. A write that changes a day a kept walk has taken
//! walks it again in the same transaction. Waits for another
//! process's lock are short ([`BUSY_TIMEOUT`]): a write that cannot get in
//! fails, and the caller keeps the event and tries again later.
//!
//! A damaged database is reported at open and never written, rewritten or
//! deleted. An old `history.jsonl` beside it is imported once, then renamed
//! to `history.jsonl.imported`; the store never speaks to the user, so the
//! lines it could not read come back as data.
//!
//! ```
//! # use chrono::{FixedOffset, TimeZone};
//! # use limber::core::record::{Event, RoutineRef};
//! # use limber::store::history::{History, Recorder};
//! # let dir = tempfile::tempdir().unwrap();
//! # let routine = RoutineRef { id: "r".into(), version: 1, hash: "ab".into() };
//! # let now = FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
//! let history = History::open(dir.path()).unwrap().history;
//! let mut rec = Recorder::new(routine, now, std::process::id(), 0);
//! let started = Event::SessionStarted {
//!     side: None, variant: None, pain_before: Some(4), steps_planned: None,
//!     dose: vec![], prescription: None,
//! };
//! if let Err(e) = history.append(&rec.stamp(started, now)) {
//!     // Tell the user `e`; keeping the line for a later try is the caller's.
//!     eprintln!("{e}");
//! }
//! assert_eq!(history.lines().unwrap().len(), 1);
//! assert_eq!(history.sessions(None, None).unwrap().len(), 1);

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::core::record::LogLine;
use guarded::Guarded;
use schema::{ANSWERS, SCHEMA, SCHEMA_VERSION, WALKS};

mod answers;
mod error;
mod guard;
mod guarded;
pub mod jsonl;
mod read;
mod recorder;
mod repair;
mod schema;
mod walks;
mod wire;
mod write;

pub use answers::AnswersImported;
pub use error::{Doing, HistoryError};
pub use guard::interrupt_on_signals;
pub use jsonl::{LineProblem, Read, parse};
pub use recorder::Recorder;
pub use repair::Repaired;
pub use schema::check_file;

/// Name of the database inside the data directory.
pub const FILE_NAME: &str = "history.sqlite3";
/// The log of limber before the database, imported once.
pub const OLD_FILE_NAME: &str = "history.jsonl";
/// The most limber reads of a JSON Lines log (an old `history.jsonl`, an
/// export to import): ten years of six sessions a day is about 50 MB.
pub const MAX_JSONL_BYTES: usize = 256 * 1024 * 1024;
/// What the old log is renamed to once imported.
pub const IMPORTED_SUFFIX: &str = ".imported";
/// How long a write waits for another limber's transaction. Short, so the
/// coach never freezes: past it the write fails and is retried later.
pub const BUSY_TIMEOUT: Duration = Duration::from_millis(200);

/// What the one-time import of the old `history.jsonl` did.
#[derive(Debug)]
pub struct Migration {
    /// The old log as it was found.
    pub from: PathBuf,
    /// Where it is now (renamed), or `None` if it could not be renamed and
    /// stays where it was (it will be looked at again, adding nothing).
    pub renamed_to: Option<PathBuf>,
    pub added: usize,
    /// Its lines that could not be read, by number.
    pub problems: Vec<LineProblem>,
}

/// A store just opened, and what opening it did.
#[derive(Debug)]
pub struct Opened {
    pub history: History,
    pub migration: Option<Migration>,
}

/// What an import added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// Events new to the store.
    pub added: usize,
    /// Events it already had.
    pub present: usize,
}

/// What a connection is opened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    Read,
    /// Read-only, of a file no one can be writing: no lock, no WAL index.
    Immutable,
    Write,
}

/// The session log, open.
pub struct History {
    conn: Guarded,
    path: PathBuf,
    /// The rows reads have skipped as unreadable (see `read.rs`).
    unreadable: read::Unreadable,
}

impl fmt::Debug for History {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("History").field("path", &self.path).finish()
    }
}

impl History {
    /// The database path in `data_dir`.
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join(FILE_NAME)
    }

    /// Opens (creating if needed, 0600 in a 0700 directory) the log in
    /// `data_dir` to write to it, and imports an old `history.jsonl` found
    /// there. Does not check the whole file: see [`History::check`]. A
    /// database that is a link, or whose schema holds anything limber did
    /// not create, is refused (see [`guard`]).
    pub fn open(data_dir: &Path) -> Result<Opened, HistoryError> {
        let path = Self::path_in(data_dir);
        crate::store::private::create_dir(data_dir)
            .map_err(|e| HistoryError::new(Doing::CreateDir, data_dir, e))?;
        // One an earlier limber made 0755: only the user may look inside.
        let _ = crate::store::private::make_private(data_dir);
        guard::refuse_links(&path).map_err(|e| HistoryError::new(Doing::Open, &path, e))?;
        // Never through a link, even one planted since the look above.
        crate::store::private::open_or_create(&path)
            .map_err(|e| HistoryError::new(Doing::Open, &path, e))?;
        guard::make_private(&path);
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| HistoryError::sql(Doing::Open, &path, e))?;
        let history = History::setup(conn, path, Access::Write)?;
        let migration = history.migrate(data_dir)?;
        Ok(Opened { history, migration })
    }

    /// Opens the log in `data_dir` to read it only: read-only, and in
    /// SQLite's immutable mode where the file system will not let it be
    /// written (read-only media, `chattr +i`), so a log can be read where
    /// it cannot be written. With no database yet, or an old
    /// `history.jsonl` still to import, it is [`History::open`].
    pub fn open_read(data_dir: &Path) -> Result<Opened, HistoryError> {
        let path = Self::path_in(data_dir);
        let exists = std::fs::symlink_metadata(&path).is_ok();
        if !exists || std::fs::symlink_metadata(data_dir.join(OLD_FILE_NAME)).is_ok() {
            return Self::open(data_dir);
        }
        guard::refuse_links(&path).map_err(|e| HistoryError::new(Doing::Open, &path, e))?;
        guard::make_private(&path);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let writable = guard::files_of(&path)
            .iter()
            .chain([&data_dir.to_path_buf()])
            .all(|f| guard::can_write(f));
        let read_only = || {
            let conn = Connection::open_with_flags(&path, flags)
                .map_err(|e| HistoryError::sql(Doing::Open, &path, e))?;
            History::setup(conn, path.clone(), Access::Read)
        };
        let immutable = || {
            let conn = Connection::open_with_flags(
                guard::immutable_uri(&path),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )
            .map_err(|e| HistoryError::sql(Doing::Open, &path, e))?;
            History::setup(conn, path.clone(), Access::Immutable)
        };
        let history = if writable {
            // A WAL file needs its index written even to be read: where
            // that fails, the file is read as it is.
            read_only().or_else(|e| if e.is_damaged() { Err(e) } else { immutable() })?
        } else {
            immutable()?
        };
        Ok(Opened {
            history,
            migration: None,
        })
    }

    /// A store in memory, gone when dropped: for reading someone else's
    /// export without touching the user's own data.
    pub fn in_memory() -> Result<History, HistoryError> {
        let path = PathBuf::from(":memory:");
        let conn =
            Connection::open_in_memory().map_err(|e| HistoryError::sql(Doing::Open, &path, e))?;
        History::setup(conn, path, Access::Write)
    }

    /// Sets up a connection: hardened ([`guard::harden`]), its schema
    /// verified, the busy timeout, WAL, full sync, and the
    /// whole schema in a new file. A file of a newer schema is refused.
    fn setup(mut conn: Connection, path: PathBuf, access: Access) -> Result<History, HistoryError> {
        let err = |e| HistoryError::sql(Doing::Open, &path, e);
        guard::harden(&mut conn, guard::STATEMENT_BOUND).map_err(err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        match guard::verify_schema(&conn) {
            Ok(()) => {}
            Err(guard::SchemaProblem::Sql(e)) => return Err(err(e)),
            Err(guard::SchemaProblem::Foreign(found)) => {
                return Err(HistoryError::new(
                    Doing::Open,
                    &path,
                    io::Error::new(io::ErrorKind::InvalidData, found),
                ));
            }
        }
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(HistoryError::new(
                Doing::Open,
                &path,
                io::Error::new(
                    io::ErrorKind::Unsupported,
                    format!("written by a newer limber (schema {version}); not changed"),
                ),
            ));
        }
        // What maps the WAL index is looked after (see `guarded`).
        let watch =
            (access != Access::Immutable && path != Path::new(":memory:")).then(|| path.clone());
        if access != Access::Write && version == 0 {
            // Nothing written yet (an empty file): read as an empty log.
            let mut empty = History::in_memory()?;
            empty.path = path;
            return Ok(empty);
        }
        if access != Access::Write {
            return Ok(History {
                conn: Guarded::new(conn, watch),
                path,
                unreadable: Default::default(),
            });
        }
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(err)?;
        if path != Path::new(":memory:") && !mode.eq_ignore_ascii_case("wal") {
            conn.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
                .map_err(err)?;
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;")
            .map_err(err)?;
        // A new file gets the whole schema; an older one is not written
        // before it has been checked (see `keep_courses`).
        if version == 0 {
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {SCHEMA} {WALKS} {ANSWERS} PRAGMA user_version={SCHEMA_VERSION}; COMMIT;"
            ))
            .map_err(|e| {
                let _ = conn.execute_batch("ROLLBACK");
                err(e)
            })?;
        }
        Ok(History {
            conn: Guarded::new(conn, watch),
            path,
            unreadable: Default::default(),
        })
    }

    /// The existing database at `path`, opened through a connection of its
    /// own (no directory made, nothing imported), so a thread of its own
    /// can keep its course walks.
    pub fn open_file(path: &Path) -> Result<History, HistoryError> {
        guard::refuse_links(path).map_err(|e| HistoryError::new(Doing::Open, path, e))?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| HistoryError::sql(Doing::Open, path, e))?;
        History::setup(conn, path.to_path_buf(), Access::Write)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `PRAGMA quick_check`: reads every page once, so a damaged file is
    /// found before anything is written to it.
    pub fn check(&self) -> Result<(), HistoryError> {
        check_file(&self.path)
    }
}

fn json_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

fn decode(json: &str) -> rusqlite::Result<LogLine> {
    if let Some(line) = wire::read(json.as_bytes()) {
        return Ok(line);
    }
    serde_json::from_str(json).map_err(json_error)
}

#[cfg(any(test, feature = "sample"))]
pub mod sample;
