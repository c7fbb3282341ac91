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
//! let mut rec = Recorder::new(routine, now);
//! let started = Event::SessionStarted { side: None, variant: None, pain_before: Some(4), steps_planned: None };
//! if let Err(e) = rec.record(&history, started, now) {
//!     // Tell the user `e`; the line is kept in `rec.unsaved()`.
//!     eprintln!("{e}");
//! }
//! assert_eq!(history.lines().unwrap().len(), 1);
//! assert_eq!(history.sessions(None, None).unwrap().len(), 1);
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

use crate::core::progress::{
    CourseWalk, DayTally, Glance, SessionSummary, Target, glance, summarize,
};
use crate::core::record::{Event, LOG_VERSION, LogLine, RoutineRef};
use crate::core::routine::Course;

pub mod jsonl;
pub use jsonl::{LineProblem, Read, parse};

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

/// `PRAGMA user_version` of the schema below. 2 added `course_walks`
/// ([`WALKS`]); a version 1 file gets it when a walk is first kept, after
/// the file was checked, never at open.
const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
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

const WALKS: &str = "
CREATE TABLE IF NOT EXISTS course_walks (
    routine_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    through TEXT NOT NULL,
    walk TEXT NOT NULL,
    PRIMARY KEY (routine_id, rule)
) WITHOUT ROWID;
";

/// What was being done when the log failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    CreateDir,
    Open,
    Check,
    Read,
    Write,
    Import,
    Encode,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::CreateDir => "create the directory",
            Action::Open => "open",
            Action::Check => "check",
            Action::Read => "read",
            Action::Write => "write to",
            Action::Import => "import",
            Action::Encode => "encode an event for",
        })
    }
}

/// A log operation that failed, with the file it failed on, so the user can
/// be told exactly what to fix (free space, permissions) or where to look.
#[derive(Debug)]
pub struct HistoryError {
    pub action: Action,
    pub path: PathBuf,
    pub source: io::Error,
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_damaged() {
            return write!(f, "{} is damaged: {}", self.path.display(), self.source);
        }
        write!(
            f,
            "cannot {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for HistoryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl HistoryError {
    fn new(action: Action, path: &Path, source: io::Error) -> Self {
        HistoryError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    fn sql(action: Action, path: &Path, e: rusqlite::Error) -> Self {
        Self::new(action, path, to_io(e))
    }

    /// The underlying IO error kind (`StorageFull`, `PermissionDenied`,
    /// `ResourceBusy` for a lock held too long, `InvalidData` for a
    /// damaged database), for the UI to choose its advice.
    pub fn kind(&self) -> io::ErrorKind {
        self.source.kind()
    }

    /// The database is damaged: nothing may be written to it.
    pub fn is_damaged(&self) -> bool {
        self.action == Action::Check || self.kind() == io::ErrorKind::InvalidData
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

/// The session log, open.
pub struct History {
    conn: Connection,
    path: PathBuf,
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
    /// `data_dir`, and imports an old `history.jsonl` found there. Does not
    /// check the whole file: see [`History::check`].
    pub fn open(data_dir: &Path) -> Result<Opened, HistoryError> {
        let path = Self::path_in(data_dir);
        crate::store::private::create_dir(data_dir)
            .map_err(|e| HistoryError::new(Action::CreateDir, data_dir, e))?;
        // One an earlier limber made 0755: only the user may look inside.
        let _ = crate::store::private::make_private(data_dir);
        // SQLite gives the WAL and SHM files the mode of the database, so
        // making this one 0600 makes all three private.
        crate::store::private::open_or_create(&path)
            .map_err(|e| HistoryError::new(Action::Open, &path, e))?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| HistoryError::sql(Action::Open, &path, e))?;
        let history = History::setup(conn, path)?;
        let migration = history.migrate(data_dir)?;
        Ok(Opened { history, migration })
    }

    /// A store in memory, gone when dropped: for reading someone else's
    /// export without touching the user's own data.
    pub fn in_memory() -> Result<History, HistoryError> {
        let path = PathBuf::from(":memory:");
        let conn =
            Connection::open_in_memory().map_err(|e| HistoryError::sql(Action::Open, &path, e))?;
        History::setup(conn, path)
    }

    fn setup(conn: Connection, path: PathBuf) -> Result<History, HistoryError> {
        let err = |e| HistoryError::sql(Action::Open, &path, e);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(HistoryError::new(
                Action::Open,
                &path,
                io::Error::other(format!(
                    "written by a newer limber (schema {version}); not changed"
                )),
            ));
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
                "BEGIN IMMEDIATE; {SCHEMA} {WALKS} PRAGMA user_version={SCHEMA_VERSION}; COMMIT;"
            ))
            .map_err(|e| {
                let _ = conn.execute_batch("ROLLBACK");
                err(e)
            })?;
        }
        Ok(History { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `PRAGMA quick_check`: reads every page once, so a damaged file is
    /// found before anything is written to it.
    pub fn check(&self) -> Result<(), HistoryError> {
        check_file(&self.path)
    }

    /// Appends one event, in a transaction of its own, flushed to disk. An
    /// event id already in the log is ignored.
    pub fn append(&self, line: &LogLine) -> Result<(), HistoryError> {
        self.write(|tx| {
            let mut touched = Touched::new();
            if insert_event(tx, line)? {
                resummarize(tx, &line.session, &mut touched)?;
            }
            rewalk(tx, &touched)
        })
    }

    /// Appends `lines`, each in its own transaction, in order; stops at the
    /// first failure and says how many went in before it.
    pub fn append_all(&self, lines: &[LogLine]) -> Result<(), (usize, HistoryError)> {
        for (n, line) in lines.iter().enumerate() {
            self.append(line).map_err(|e| (n, e))?;
        }
        Ok(())
    }

    /// Appends `pending`, oldest first, and takes out of it every line
    /// that went in: on an error the rest stay, for the next try.
    pub fn flush(&self, pending: &mut Vec<LogLine>) -> Result<(), HistoryError> {
        let result = self.append_all(pending);
        let saved = match &result {
            Ok(()) => pending.len(),
            Err((n, _)) => *n,
        };
        pending.drain(..saved);
        result.map_err(|(_, e)| e)
    }

    /// Adds every event of `lines` not yet present, in one transaction.
    pub fn import(&self, lines: &[LogLine]) -> Result<Imported, HistoryError> {
        let mut imported = Imported::default();
        self.write_as(Action::Import, |tx| {
            let mut sessions = BTreeSet::new();
            imported = Imported::default();
            for line in lines {
                if insert_event(tx, line)? {
                    imported.added += 1;
                    sessions.insert(line.session.as_str());
                } else {
                    imported.present += 1;
                }
            }
            let mut touched = Touched::new();
            for session in sessions {
                resummarize(tx, session, &mut touched)?;
            }
            rewalk(tx, &touched)
        })?;
        Ok(imported)
    }

    fn write(
        &self,
        f: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<()>,
    ) -> Result<(), HistoryError> {
        self.write_as(Action::Write, f)
    }

    fn write_as(
        &self,
        action: Action,
        f: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<()>,
    ) -> Result<(), HistoryError> {
        let err = |e| HistoryError::sql(action, &self.path, e);
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(err)?;
        f(&tx).map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Every event, in the order they reached this store.
    pub fn lines(&self) -> Result<Vec<LogLine>, HistoryError> {
        let err = |e| HistoryError::sql(Action::Read, &self.path, e);
        let mut stmt = self
            .conn
            .prepare("SELECT json FROM events ORDER BY seq")
            .map_err(err)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(err)?;
        let mut out = Vec::new();
        for json in rows {
            let json = json.map_err(err)?;
            out.push(decode(&json).map_err(err)?);
        }
        Ok(out)
    }

    /// The sessions of `routine_id` (every routine if `None`) from `since`
    /// on, oldest first, from the summaries; no event is read.
    pub fn sessions(
        &self,
        routine_id: Option<&str>,
        since: Option<NaiveDate>,
    ) -> Result<Vec<SessionSummary>, HistoryError> {
        let err = |e| HistoryError::sql(Action::Read, &self.path, e);
        let since = since.map(|d| d.to_string()).unwrap_or_default();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT summary FROM sessions
                 WHERE (?1 IS NULL OR routine_id = ?1) AND local_date >= ?2",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map(params![routine_id, since], |r| r.get::<_, String>(0))
            .map_err(err)?;
        let mut out = Vec::new();
        for json in rows {
            let json = json.map_err(err)?;
            let s: SessionSummary = serde_json::from_str(&json).map_err(|e| err(json_error(e)))?;
            out.push(s);
        }
        out.sort_by(|a, b| {
            a.started_at
                .cmp(&b.started_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(out)
    }

    /// When each completed session of `routine_id` from `since` on
    /// started, oldest first: what the next due time is reckoned from.
    pub fn completed_since(
        &self,
        routine_id: &str,
        since: Option<NaiveDate>,
    ) -> Result<Vec<DateTime<FixedOffset>>, HistoryError> {
        Ok(self
            .sessions(Some(routine_id), since)?
            .iter()
            .filter(|s| s.is_completed())
            .map(|s| s.started_at)
            .collect())
    }

    /// Sessions of `routine_id` counted by day, in date order, one row a
    /// day.
    pub fn days(&self, routine_id: &str) -> Result<Vec<DayTally>, HistoryError> {
        days_between(&self.conn, routine_id, "", MAX_DATE, false)
            .map_err(|e| HistoryError::sql(Action::Read, &self.path, e))
    }

    /// Today's count and the course of `target` on `today`: what home, the
    /// finish screen, reminders and `limber status` need. Reads the kept
    /// course walk and the days after it, or every day if none is kept.
    pub fn glance(&self, target: &Target, today: NaiveDate) -> Result<Glance, HistoryError> {
        let err = |e| HistoryError::sql(Action::Read, &self.path, e);
        let id = target.routine_id.as_str();
        let date = today.to_string();
        // One snapshot: the walk and the days after it as one write left them.
        let tx = self.conn.unchecked_transaction().map_err(err)?;
        let (after, walk) = match target.course() {
            // Kept past today only if the clock went back: walk it all.
            Some(c) => match kept_walk(&tx, id, c).map_err(err)? {
                Some((through, walk)) if through < date => (through, walk),
                _ => (String::new(), CourseWalk::default()),
            },
            None => (
                today.pred_opt().map(|d| d.to_string()).unwrap_or_default(),
                CourseWalk::default(),
            ),
        };
        let days = days_between(&tx, id, &after, &date, false).map_err(err)?;
        Ok(glance(target, walk, &days, today))
    }

    /// Keeps the course walk of every target with a course through the day
    /// before `today`, and drops those of rules the targets' routines no
    /// longer have, in one transaction: so the next [`History::glance`]
    /// reads only the days since. Writes nothing when all are up to date.
    pub fn keep_courses(&self, targets: &[Target], today: NaiveDate) -> Result<(), HistoryError> {
        let Some(through) = today.pred_opt().map(|d| d.to_string()) else {
            return Ok(());
        };
        // Every rule each routine has now, kept through yesterday: one kept
        // through another day (or ahead of a clock that went back) is
        // stale, and a rule no routine has any more goes.
        let mut wanted: BTreeMap<&str, BTreeMap<String, &Course>> = BTreeMap::new();
        for t in targets {
            let rules = wanted.entry(&t.routine_id).or_default();
            if let Some(c) = t.course() {
                rules.insert(rule_key(c), c);
            }
        }
        let up_to_date = |conn: &Connection| -> rusqlite::Result<bool> {
            if !has_walks(conn)? {
                return Ok(false);
            }
            for (routine, rules) in &wanted {
                let kept = kept_rules(conn, routine)?;
                if kept.len() != rules.len()
                    || kept
                        .iter()
                        .any(|(rule, kept)| *kept != through || !rules.contains_key(rule))
                {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        if up_to_date(&self.conn).map_err(|e| HistoryError::sql(Action::Read, &self.path, e))? {
            return Ok(());
        }
        // Looked at again inside the transaction: another process may have
        // kept them meanwhile.
        self.write(|tx| {
            if up_to_date(tx)? {
                return Ok(());
            }
            tx.execute_batch(&format!("{WALKS} PRAGMA user_version={SCHEMA_VERSION};"))?;
            for (routine, rules) in &wanted {
                for (rule, _) in kept_rules(tx, routine)? {
                    if !rules.contains_key(&rule) {
                        tx.prepare_cached(
                            "DELETE FROM course_walks WHERE routine_id = ?1 AND rule = ?2",
                        )?
                        .execute([routine, &rule.as_str()])?;
                    }
                }
                for c in rules.values() {
                    let (after, walk) = kept_walk(tx, routine, c)?
                        .filter(|(kept, _)| *kept <= through)
                        .unwrap_or_default();
                    if after != through {
                        let walk = walk_days(tx, routine, c, walk, &after, &through)?;
                        save_walk(tx, routine, c, &through, &walk)?;
                    }
                }
            }
            Ok(())
        })
    }

    /// Routine ids with sessions in the log, in order of first use.
    pub fn routine_ids(&self) -> Result<Vec<String>, HistoryError> {
        let err = |e| HistoryError::sql(Action::Read, &self.path, e);
        let mut stmt = self
            .conn
            // One index seek a routine, not a scan of every day.
            .prepare_cached(
                "WITH RECURSIVE ids(id) AS (
                   SELECT (SELECT min(routine_id) FROM days)
                   UNION ALL
                   SELECT (SELECT min(routine_id) FROM days WHERE routine_id > ids.id)
                   FROM ids WHERE ids.id IS NOT NULL)
                 SELECT id FROM ids WHERE id IS NOT NULL
                 ORDER BY (SELECT min(local_date) FROM days WHERE routine_id = id), id",
            )
            .map_err(err)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(err)?;
        rows.collect::<Result<_, _>>().map_err(err)
    }

    /// How many events the log holds.
    pub fn event_count(&self) -> Result<usize, HistoryError> {
        self.conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| HistoryError::sql(Action::Read, &self.path, e))
    }

    /// Imports `data_dir/history.jsonl` if there is one, then renames it.
    fn migrate(&self, data_dir: &Path) -> Result<Option<Migration>, HistoryError> {
        let from = data_dir.join(OLD_FILE_NAME);
        let bytes = match crate::store::safe_file::read_capped(&from, MAX_JSONL_BYTES) {
            Ok(bytes) => bytes,
            Err(e) if e.is_not_found() => return Ok(None),
            Err(e) => {
                return Err(HistoryError::new(
                    Action::Import,
                    &from,
                    io::Error::other(e),
                ));
            }
        };
        let read = parse(&bytes);
        let imported = self.import(&read.lines)?;
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
    let err = |e| HistoryError::sql(Action::Check, path, e);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(err)?;
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
            Action::Check,
            path,
            io::Error::new(io::ErrorKind::InvalidData, found.join("; ")),
        ))
    }
}

/// [`History::keep_courses`] on the existing database at `path`, through
/// a connection of its own, so it can run on another thread.
pub fn keep_courses_in(
    path: &Path,
    targets: &[Target],
    today: NaiveDate,
) -> Result<(), HistoryError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| HistoryError::sql(Action::Open, path, e))?;
    History::setup(conn, path.to_path_buf())?.keep_courses(targets, today)
}

/// Later than any local date `days` holds.
const MAX_DATE: &str = "9";

/// Whether the file has `course_walks` (a version 1 file does not until
/// a walk is kept).
fn has_walks(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'course_walks'",
    )?
    .query_row([], |r| r.get::<_, i64>(0))
    .map(|n| n > 0)
}

/// The rules kept for `routine`, each with the date kept through.
fn kept_rules(conn: &Connection, routine: &str) -> rusqlite::Result<Vec<(String, String)>> {
    conn.prepare_cached("SELECT rule, through FROM course_walks WHERE routine_id = ?1")?
        .query_map([routine], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// A course rule as the key of its kept walk.
fn rule_key(course: &Course) -> String {
    serde_json::to_string(course).unwrap_or_default()
}

fn json_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

/// The day counts of `routine` after `after` and through `through` (dates
/// as text, which sort as dates), in date order; only days with a
/// completed session if `completed_only`.
fn days_between(
    conn: &Connection,
    routine: &str,
    after: &str,
    through: &str,
    completed_only: bool,
) -> rusqlite::Result<Vec<DayTally>> {
    let mut stmt = conn.prepare_cached(
        "SELECT local_date, completed, other FROM days
         WHERE routine_id = ?1 AND local_date > ?2 AND local_date <= ?3
           AND (?4 = 0 OR completed > 0)
         ORDER BY local_date",
    )?;
    let rows = stmt.query_map(params![routine, after, through, completed_only], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (date, completed, other) = row?;
        if let Ok(date) = date.parse() {
            out.push(DayTally {
                date,
                completed,
                other,
            });
        }
    }
    Ok(out)
}

/// The walk kept for `routine` under `course`, with the date it is kept
/// through; `None` if none is (or it cannot be read: walked again).
fn kept_walk(
    conn: &Connection,
    routine: &str,
    course: &Course,
) -> rusqlite::Result<Option<(String, CourseWalk)>> {
    if !has_walks(conn)? {
        return Ok(None);
    }
    let row: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT through, walk FROM course_walks WHERE routine_id = ?1 AND rule = ?2",
        )?
        .query_row(params![routine, rule_key(course)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(through, walk)| Some((through, serde_json::from_str(&walk).ok()?))))
}

/// `walk` resumed with the days after `after` through `through`.
fn walk_days(
    conn: &Connection,
    routine: &str,
    course: &Course,
    mut walk: CourseWalk,
    after: &str,
    through: &str,
) -> rusqlite::Result<CourseWalk> {
    for d in days_between(conn, routine, after, through, true)? {
        walk.take(course, d.date, d.completed);
    }
    Ok(walk)
}

fn save_walk(
    conn: &Connection,
    routine: &str,
    course: &Course,
    through: &str,
    walk: &CourseWalk,
) -> rusqlite::Result<()> {
    let walk = serde_json::to_string(walk).map_err(json_error)?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO course_walks (routine_id, rule, through, walk)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![routine, rule_key(course), through, walk])?;
    Ok(())
}

/// The earliest day whose counts a write changed, per routine.
type Touched = BTreeMap<String, String>;

/// Walks again, from the first day, every kept walk that had taken a day
/// `touched` says changed (an import, or a session of another device).
fn rewalk(tx: &rusqlite::Transaction, touched: &Touched) -> rusqlite::Result<()> {
    if touched.is_empty() || !has_walks(tx)? {
        return Ok(());
    }
    for (routine, from) in touched {
        let kept: Vec<(String, String)> = tx
            .prepare_cached(
                "SELECT rule, through FROM course_walks WHERE routine_id = ?1 AND through >= ?2",
            )?
            .query_map([routine, from], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (rule, through) in kept {
            match serde_json::from_str::<Course>(&rule) {
                Ok(course) => {
                    let walk =
                        walk_days(tx, routine, &course, CourseWalk::default(), "", &through)?;
                    save_walk(tx, routine, &course, &through, &walk)?;
                }
                Err(_) => {
                    tx.prepare_cached(
                        "DELETE FROM course_walks WHERE routine_id = ?1 AND rule = ?2",
                    )?
                    .execute([routine, &rule])?;
                }
            }
        }
    }
    Ok(())
}

fn decode(json: &str) -> rusqlite::Result<LogLine> {
    serde_json::from_str(json).map_err(json_error)
}

fn insert_event(tx: &rusqlite::Transaction, line: &LogLine) -> rusqlite::Result<bool> {
    let json = serde_json::to_string(line).map_err(json_error)?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO events (id, session, at, json) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let n = stmt.execute(params![line.id, line.session, line.at.to_rfc3339(), json])?;
    Ok(n == 1)
}

/// Rebuilds the `sessions` row of `session` from its events, and moves its
/// count in `days` from where it was to where it is now (both in
/// `touched`).
fn resummarize(
    tx: &rusqlite::Transaction,
    session: &str,
    touched: &mut Touched,
) -> rusqlite::Result<()> {
    let lines: Vec<LogLine> = {
        let mut stmt = tx.prepare_cached("SELECT json FROM events WHERE session = ?1")?;
        let rows = stmt.query_map([session], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            out.push(decode(&json?)?);
        }
        out
    };
    let Some(summary) = summarize(&lines).into_iter().next() else {
        return Ok(());
    };
    let old: Option<(String, String, bool)> = tx
        .prepare_cached("SELECT routine_id, local_date, completed FROM sessions WHERE id = ?1")?
        .query_row([session], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((routine, date, completed)) = old {
        count_day(tx, &routine, &date, completed, -1, touched)?;
    }
    let date = summary.local_date.to_string();
    let completed = summary.is_completed();
    let json = serde_json::to_string(&summary).map_err(json_error)?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sessions (id, routine_id, started_at, local_date, completed, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        session,
        summary.routine.id,
        summary.started_at.to_rfc3339(),
        date,
        completed,
        json
    ])?;
    count_day(tx, &summary.routine.id, &date, completed, 1, touched)
}

fn count_day(
    tx: &rusqlite::Transaction,
    routine: &str,
    date: &str,
    completed: bool,
    by: i64,
    touched: &mut Touched,
) -> rusqlite::Result<()> {
    let earliest = touched
        .entry(routine.to_string())
        .or_insert_with(|| date.to_string());
    if date < earliest.as_str() {
        *earliest = date.to_string();
    }
    let (c, o) = if completed { (by, 0) } else { (0, by) };
    tx.prepare_cached(
        "INSERT INTO days (routine_id, local_date, completed, other) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (routine_id, local_date) DO UPDATE SET
           completed = completed + excluded.completed, other = other + excluded.other",
    )?
    .execute(params![routine, date, c, o])?;
    tx.prepare_cached(
        "DELETE FROM days WHERE routine_id = ?1 AND local_date = ?2 AND completed <= 0 AND other <= 0",
    )?
    .execute(params![routine, date])?;
    Ok(())
}

/// Distinguishes sessions started in the same nanosecond by one process.
static SESSION_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Turns the engine's events for one session into log lines, and keeps any
/// line the log refused until it is saved somewhere.
#[derive(Clone, Debug)]
pub struct Recorder {
    session: String,
    routine: RoutineRef,
    seq: u64,
    unsaved: Vec<LogLine>,
}

impl Recorder {
    /// A new session of `routine` starting at `started` (local time with its
    /// offset). The session id is the start time in ns, the process id and a
    /// per-process counter: unique across processes without a new crate.
    /// Outside the ±292 years around 1970 that ns in an i64 can hold, the
    /// time is seconds and ns apart (`s<secs>.<ns>`), so ids stay unique.
    pub fn new(routine: RoutineRef, started: DateTime<FixedOffset>) -> Self {
        let time = match started.timestamp_nanos_opt() {
            Some(ns) => format!("{ns:x}"),
            None => format!(
                "s{:x}.{:x}",
                started.timestamp(),
                started.timestamp_subsec_nanos()
            ),
        };
        let n = SESSION_COUNTER.fetch_add(1, Ordering::Relaxed);
        let session = format!("{time}-{:x}-{n:x}", std::process::id());
        Self::with_session_id(routine, session)
    }

    /// A recorder with a chosen session id (tests).
    pub fn with_session_id(routine: RoutineRef, session: impl Into<String>) -> Self {
        Recorder {
            session: session.into(),
            routine,
            seq: 0,
            unsaved: Vec::new(),
        }
    }

    pub fn session_id(&self) -> &str {
        &self.session
    }

    /// Wraps `event` in a log line at `at`. Ids are `session/sequence`, so
    /// they are unique and sort in the order they were stamped.
    pub fn stamp(&mut self, event: Event, at: DateTime<FixedOffset>) -> LogLine {
        self.seq += 1;
        LogLine {
            v: LOG_VERSION,
            id: format!("{}/{}", self.session, self.seq),
            session: self.session.clone(),
            at,
            routine: self.routine.clone(),
            event,
        }
    }

    /// Stamps `event` and appends it, after any lines an earlier failure left
    /// unsaved (order kept). On error the line is kept in [`Self::unsaved`]:
    /// call [`Self::retry`] or [`Self::save_unsaved_elsewhere`].
    pub fn record(
        &mut self,
        history: &History,
        event: Event,
        at: DateTime<FixedOffset>,
    ) -> Result<LogLine, HistoryError> {
        let line = self.stamp(event, at);
        self.unsaved.push(line.clone());
        self.retry(history)?;
        Ok(line)
    }

    /// Tries again to append the lines the log refused, oldest first.
    pub fn retry(&mut self, history: &History) -> Result<(), HistoryError> {
        history.flush(&mut self.unsaved)
    }

    /// Lines stamped but not yet in the log.
    pub fn unsaved(&self) -> &[LogLine] {
        &self.unsaved
    }
}

#[cfg(any(test, feature = "sample"))]
pub mod sample;
