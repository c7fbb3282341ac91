//! What every connection to the log gets before it reads a row: no link
//! followed, no SQL of anyone else's run, no statement that holds the
//! program, and no file mapped into memory.
//!
//! The log is a file other programs and people can reach (a restored
//! backup, a shared directory, another tool's database at the same name),
//! so it is untrusted input like any other: a trigger or view in it would
//! run inside limber's own transactions, and an endless one would hold the
//! coach and its signals. Its `sqlite_schema` must hold exactly what
//! limber creates ([`verify_schema`]); SQLite's defensive mode and
//! `trusted_schema=OFF` keep schema SQL from reaching functions with side
//! effects; a progress handler ([`watchdog`]) ends any statement that runs
//! past [`STATEMENT_BOUND`], and at once one that a signal arrived during.

use std::collections::BTreeSet;
use std::ffi::c_int;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use rusqlite::config::DbConfig;

use super::schema::{ANSWERS, SCHEMA, WALKS};

/// The longest one run of one statement may take: a whole ten-year log is
/// read in well under a second, so past this something is wrong (a planted
/// endless query the schema check missed, a file built to be slow).
pub const STATEMENT_BOUND: Duration = Duration::from_secs(10);
/// The whole-file check reads every page: a larger bound.
pub const CHECK_BOUND: Duration = Duration::from_secs(60);
/// Virtual machine steps between two looks of the watchdog: about a
/// millisecond of work, so a signal is answered at once.
const OPS_PER_LOOK: c_int = 10_000;

/// Looks at one run come about a millisecond apart; a look this long after
/// the last is at another run.
const NEW_RUN_GAP: Duration = Duration::from_millis(100);

/// The files SQLite keeps beside the database.
const SIBLINGS: [&str; 3] = ["-wal", "-shm", "-journal"];

static SIGNALS: OnceLock<fn() -> u64> = OnceLock::new();

/// How many signals that end the program have arrived so far: the shell
/// passes its counter in once at start (the store does not know the
/// shell), and a statement running when the count moves is ended, so the
/// signal's handling does not wait for it.
pub fn interrupt_on_signals(count: fn() -> u64) {
    let _ = SIGNALS.set(count);
}

fn signals() -> u64 {
    SIGNALS.get().map_or(0, |count| count())
}

/// `path` and the files SQLite keeps beside it.
pub(super) fn files_of(path: &Path) -> Vec<PathBuf> {
    let mut out = vec![path.to_path_buf()];
    for suffix in SIBLINGS {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        out.push(PathBuf::from(name));
    }
    out
}

/// Refuses a database, WAL, index or journal that is a symbolic link
/// (dangling or not) or not a regular file: a link would have limber
/// write its tables into another program's file, or create one wherever
/// the link points. Missing files are fine (SQLite creates them, and opens
/// every file with `O_NOFOLLOW`).
pub(super) fn refuse_links(path: &Path) -> io::Result<()> {
    for file in files_of(path) {
        let meta = match fs::symlink_metadata(&file) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        let what = if meta.file_type().is_symlink() {
            "is a symbolic link; limber does not follow links to its log (put the file itself there)"
        } else if !meta.is_file() {
            "is not a regular file"
        } else {
            continue;
        };
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} {what}", file.display()),
        ));
    }
    Ok(())
}

/// Makes the database and the files beside it 0600, as limber creates
/// them: an earlier version or another program may have left them 0644.
/// Best effort: a file that cannot be changed (read-only media) is read
/// as it is.
pub(super) fn make_private(path: &Path) {
    for file in files_of(path) {
        let _ = crate::store::private::make_private(&file);
    }
}

/// Whether `path` can be written now, as far as the file system says
/// (read-only mounts, `chattr +i`, permissions); a missing file counts as
/// writable. The read-only opens use it to choose SQLite's immutable mode.
pub(super) fn can_write(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: `c` is a valid NUL-terminated string for the call.
        let ok = unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0;
        ok || io::Error::last_os_error().kind() == io::ErrorKind::NotFound
    }
    #[cfg(not(unix))]
    {
        !fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
    }
}

/// Defensive mode, no trusted schema, no memory-mapped database file, and
/// the watchdog.
pub(super) fn harden(conn: &mut Connection, bound: Duration) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.execute_batch("PRAGMA trusted_schema=OFF; PRAGMA mmap_size=0;")?;
    // SAFETY: the handle is only kept by the connection's own handler.
    let running = Handle(unsafe { conn.handle() });
    conn.progress_handler(OPS_PER_LOOK, Some(watchdog(bound, running, signals)))
}

/// Statements running, each by its address and how often it was run.
type Runs = BTreeSet<(usize, c_int)>;

/// The connection's handle, for the watchdog to tell one run of a
/// statement from the next.
struct Handle(*mut rusqlite::ffi::sqlite3);

// SAFETY: the handler that owns this is the connection's own and SQLite
// calls it only while that connection runs a statement, on the thread
// running it; the handle is never used anywhere else.
unsafe impl Send for Handle {}

impl Handle {
    /// The statements running now, each with how many times it was run:
    /// a cached statement run again is a new run.
    fn runs(&self) -> Runs {
        let mut out = BTreeSet::new();
        // SAFETY: called from the progress handler of the connection whose
        // handle this is, while it is open; statements are only read.
        unsafe {
            let mut stmt = rusqlite::ffi::sqlite3_next_stmt(self.0, std::ptr::null_mut());
            while !stmt.is_null() {
                if rusqlite::ffi::sqlite3_stmt_busy(stmt) != 0 {
                    let runs = rusqlite::ffi::sqlite3_stmt_status(
                        stmt,
                        rusqlite::ffi::SQLITE_STMTSTATUS_RUN,
                        0,
                    );
                    out.insert((stmt as usize, runs));
                }
                stmt = rusqlite::ffi::sqlite3_next_stmt(self.0, stmt);
            }
        }
        out
    }
}

/// The progress handler: true (end the statement) once the same runs
/// have gone on past `bound`, or when `signals` moved since they began.
fn watchdog(
    bound: Duration,
    running: Handle,
    signals: fn() -> u64,
) -> impl FnMut() -> bool + Send + 'static {
    // The runs watched, the last look at them, since when, and the signal
    // count then.
    let mut watched: Option<(Runs, Instant, Instant, u64)> = None;
    move || {
        let now = Instant::now();
        let runs = running.runs();
        let count = signals();
        let end = match &mut watched {
            // A statement made anew where a finished one was has the same
            // address and count of runs; it did not follow at once.
            Some((same, last, since, seen)) if *same == runs && now < *last + NEW_RUN_GAP => {
                *last = now;
                count != *seen || now >= *since + bound
            }
            _ => {
                watched = Some((runs, now, now, count));
                false
            }
        };
        if end {
            // Whatever runs next is watched afresh.
            watched = None;
        }
        end
    }
}

/// The schema limber creates, as SQLite stores it: (type, name, table,
/// SQL) of each row of `sqlite_schema`.
type Row = (String, String, String, Option<String>);

fn expected() -> &'static BTreeSet<Row> {
    static EXPECTED: OnceLock<BTreeSet<Row>> = OnceLock::new();
    EXPECTED.get_or_init(|| {
        let conn = Connection::open_in_memory().expect("an in-memory database");
        conn.execute_batch(&format!("{SCHEMA} {WALKS} {ANSWERS}"))
            .expect("limber's own schema");
        rows(&conn).expect("limber's own schema")
    })
}

fn rows(conn: &Connection) -> rusqlite::Result<BTreeSet<Row>> {
    conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect()
}

/// `Err` with what was found when `sqlite_schema` holds anything limber
/// did not create (a trigger, a view, another table or index, or one of
/// limber's names defined otherwise): such a file is foreign or damaged.
/// A file of an earlier schema holds a part of it.
pub(super) fn verify_schema(conn: &Connection) -> Result<(), SchemaProblem> {
    let found = rows(conn).map_err(SchemaProblem::Sql)?;
    let expected = expected();
    match found.iter().find(|row| !expected.contains(*row)) {
        None => Ok(()),
        Some((kind, name, _, _)) => Err(SchemaProblem::Foreign(format!(
            "it holds a {} {:?} that limber did not create",
            clip(kind),
            clip(name)
        ))),
    }
}

/// Why the schema was refused.
pub(super) enum SchemaProblem {
    Sql(rusqlite::Error),
    Foreign(String),
}

/// A name from the file, short and with no control character (they are
/// escaped by `{:?}` above), for a message.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(64).collect();
    if s.chars().count() > 64 {
        out.push('…');
    }
    out
}

/// `path` as a URI opened read-only and immutable: for a database no one
/// can be writing (read-only media, `chattr +i`), so SQLite takes no lock
/// and makes no WAL index.
pub(super) fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    static SIGNALLED: AtomicU64 = AtomicU64::new(0);

    fn count() -> u64 {
        SIGNALLED.load(Ordering::SeqCst)
    }

    fn none() -> u64 {
        0
    }

    const ENDLESS: &str =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";

    fn watched(bound: Duration, signals: fn() -> u64) -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        // SAFETY: as in `harden`.
        let running = Handle(unsafe { conn.handle() });
        conn.progress_handler(OPS_PER_LOOK, Some(watchdog(bound, running, signals)))
            .unwrap();
        conn
    }

    fn interrupted(r: rusqlite::Result<i64>) -> bool {
        r.is_err_and(|e| e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted))
    }

    /// An endless statement ends at the bound; the next statement has a
    /// bound of its own.
    #[test]
    fn an_endless_statement_ends_at_the_bound() {
        let conn = watched(Duration::from_millis(200), none);
        let start = Instant::now();
        assert!(interrupted(conn.query_row(ENDLESS, [], |r| r.get(0))));
        assert!(start.elapsed() >= Duration::from_millis(200));
        // Each run its own bound: a short statement after it runs.
        let n: i64 = conn
            .query_row(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) SELECT count(*) FROM c",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1000);
    }

    /// A signal during a statement ends it at once; one that came before
    /// the statement does not end the statement (the writes at exit still
    /// run).
    #[test]
    fn a_signal_ends_the_running_statement() {
        let conn = watched(Duration::from_secs(3600), count);
        SIGNALLED.fetch_add(1, Ordering::SeqCst);
        let n: i64 = conn
            .query_row(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT count(*) FROM c",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 100_000);
        let signal = std::thread::spawn(|| {
            std::thread::sleep(Duration::from_millis(100));
            SIGNALLED.fetch_add(1, Ordering::SeqCst);
            Instant::now()
        });
        assert!(interrupted(conn.query_row(ENDLESS, [], |r| r.get(0))));
        let sent = signal.join().unwrap();
        assert!(sent.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn limbers_own_schema_is_expected_and_anything_else_is_not() {
        let conn = Connection::open_in_memory().unwrap();
        assert!(verify_schema(&conn).is_ok(), "an empty file");
        conn.execute_batch(SCHEMA).unwrap();
        assert!(verify_schema(&conn).is_ok(), "schema 1");
        conn.execute_batch(WALKS).unwrap();
        assert!(verify_schema(&conn).is_ok(), "schema 2");
        conn.execute_batch(ANSWERS).unwrap();
        assert!(verify_schema(&conn).is_ok(), "schema 3");
        for (planted, said) in [
            ("CREATE VIEW v AS SELECT 1", "view \"v\""),
            (
                "CREATE TRIGGER t AFTER INSERT ON events BEGIN DELETE FROM sessions; END",
                "trigger \"t\"",
            ),
            (
                "CREATE TABLE \"x\x1b]0;y\x07\" (a)",
                "table \"x\\u{1b}]0;y\\u{7}\"",
            ),
            (
                "CREATE INDEX events_by_at ON events (at)",
                "index \"events_by_at\"",
            ),
            (
                "CREATE TRIGGER a AFTER INSERT ON answers BEGIN DELETE FROM answers; END",
                "trigger \"a\"",
            ),
        ] {
            conn.execute_batch(&format!("SAVEPOINT p; {planted};"))
                .unwrap();
            let Err(SchemaProblem::Foreign(found)) = verify_schema(&conn) else {
                panic!("{planted} passed");
            };
            assert!(found.contains(said), "{found}");
            conn.execute_batch("ROLLBACK TO p; RELEASE p;").unwrap();
        }
    }

    #[test]
    fn a_path_becomes_an_immutable_uri() {
        assert_eq!(
            immutable_uri(Path::new("/a b/50%?#/h.sqlite3")),
            "file:/a b/50%25%3F%23/h.sqlite3?immutable=1"
        );
    }
}
