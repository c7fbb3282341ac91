//! The session log: `DATA_DIR/history.jsonl`, one JSON [`LogLine`] a line.
//!
//! The file is only ever appended to. Every line goes out in one
//! `write_all` on a file opened for appending, under an exclusive lock on a
//! sidecar file, and is flushed to disk before `append` returns, so a crash
//! or `kill -9` can at worst leave one torn last line. Reading never
//! modifies the file: damaged lines are reported and skipped, so a newer or
//! a broken limber can never cost the user their history.
//!
//! ```
//! # use chrono::{FixedOffset, TimeZone};
//! # use limber::core::record::{Event, Outcome, RoutineRef};
//! # use limber::store::history::{History, Recorder};
//! # let dir = tempfile::tempdir().unwrap();
//! # let routine = RoutineRef { id: "r".into(), version: 1, hash: "ab".into() };
//! # let now = FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
//! let history = History::in_dir(dir.path());
//! let mut rec = Recorder::new(routine, now);
//! let started = Event::SessionStarted { side: None, variant: None, pain_before: Some(4) };
//! if let Err(e) = rec.record(&history, started, now) {
//!     // Tell the user `e` (it names the file); offer `rec.retry(&history)`
//!     // or `rec.save_unsaved_elsewhere(path)`: the line is kept until then.
//!     eprintln!("{e}");
//! }
//! let read = history.read().unwrap();
//! assert_eq!(read.lines.len(), 1);
//! assert!(read.problems.is_empty());
//! ```

use std::collections::HashSet;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read as _, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, FixedOffset};

use crate::core::record::{Event, LOG_VERSION, LogLine, RoutineRef};

/// Name of the log inside the data directory.
pub const FILE_NAME: &str = "history.jsonl";
/// Suffix of the sidecar lock file (`history.jsonl.lock`).
pub const LOCK_SUFFIX: &str = ".lock";

/// What was being done when the log failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    CreateDir,
    Lock,
    Open,
    Read,
    Write,
    Sync,
    Encode,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::CreateDir => "create the directory",
            Action::Lock => "lock",
            Action::Open => "open",
            Action::Read => "read",
            Action::Write => "write to",
            Action::Sync => "flush to disk",
            Action::Encode => "encode a line for",
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

    /// The underlying IO error kind (e.g. `StorageFull`, `PermissionDenied`,
    /// `ReadOnlyFilesystem`), for the UI to choose its advice.
    pub fn kind(&self) -> io::ErrorKind {
        self.source.kind()
    }
}

/// A line of the log that was skipped while reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    /// 1-based, as an editor shows it.
    pub line_no: usize,
    pub message: String,
}

/// What reading the log found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    /// Every readable event, in file order, each event id once.
    pub lines: Vec<LogLine>,
    /// Lines that could not be read; they stay in the file untouched.
    pub problems: Vec<LineProblem>,
    /// Lines skipped because an earlier line had the same event id (e.g. a
    /// retried append whose first attempt had in fact reached the disk).
    pub duplicates: usize,
}

/// The log file at one path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    path: PathBuf,
}

impl History {
    /// The log in `data_dir` (`data_dir/history.jsonl`).
    pub fn in_dir(data_dir: &Path) -> Self {
        History {
            path: data_dir.join(FILE_NAME),
        }
    }

    /// A log at an explicit file path (tests, "save elsewhere").
    pub fn at(path: impl Into<PathBuf>) -> Self {
        History { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn lock_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(LOCK_SUFFIX);
        PathBuf::from(name)
    }

    /// Appends one line and flushes it to disk.
    pub fn append(&self, line: &LogLine) -> Result<(), HistoryError> {
        self.append_all(std::slice::from_ref(line))
    }

    /// Appends `lines` in one write (nothing if empty) and flushes them to
    /// disk. Safe against other limber processes appending at the same time.
    pub fn append_all(&self, lines: &[LogLine]) -> Result<(), HistoryError> {
        if lines.is_empty() {
            return Ok(());
        }
        let mut buf = Vec::with_capacity(256 * lines.len());
        for line in lines {
            serde_json::to_writer(&mut buf, line)
                .map_err(|e| HistoryError::new(Action::Encode, &self.path, io::Error::other(e)))?;
            buf.push(b'\n');
        }

        // A bare file name lives in the current directory.
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        create_dir_durably(dir)?;

        let lock_path = self.lock_path();
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| HistoryError::new(Action::Lock, &lock_path, e))?;
        // Released when `lock` is dropped, on every return path.
        lock.lock()
            .map_err(|e| HistoryError::new(Action::Lock, &lock_path, e))?;

        let created = !self.path.exists();
        let mut file = OpenOptions::new()
            .append(true)
            .create(true)
            .read(true)
            .open(&self.path)
            .map_err(|e| HistoryError::new(Action::Open, &self.path, e))?;

        // A torn last line (crash mid-write) must not swallow the new one:
        // glued together, both would be unreadable.
        if ends_torn(&mut file).map_err(|e| HistoryError::new(Action::Read, &self.path, e))? {
            buf.insert(0, b'\n');
        }

        // One write per append: under O_APPEND the kernel places the whole
        // buffer at the end, so a crash tears at most this line.
        file.write_all(&buf)
            .map_err(|e| HistoryError::new(Action::Write, &self.path, e))?;
        file.sync_data()
            .map_err(|e| HistoryError::new(Action::Sync, &self.path, e))?;
        if created {
            sync_dir(dir)?;
        }
        drop(lock);
        Ok(())
    }

    /// Reads every line it can. A missing file is an empty history. The
    /// file is never modified.
    pub fn read(&self) -> Result<Read, HistoryError> {
        // A shared lock keeps a line another limber is writing right now
        // from showing up as torn. Best effort: a log on a read-only disk
        // (no lock file, cannot create one) is still readable.
        let lock = File::open(self.lock_path()).ok();
        if let Some(lock) = &lock {
            let _ = lock.lock_shared();
        }
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Read::default()),
            Err(e) => return Err(HistoryError::new(Action::Read, &self.path, e)),
        };
        Ok(parse(&bytes))
    }
}

/// Writes `lines` to `path` (appending if it exists), for when the log
/// itself cannot be written: the UI offers "retry or save elsewhere" and
/// nothing the user did is lost. The file has the log's format, so its lines
/// can later be appended to the real log.
pub fn save_elsewhere(lines: &[LogLine], path: &Path) -> Result<(), HistoryError> {
    History::at(path).append_all(lines)
}

/// Parses the bytes of a log. Pure, so tests can cut and shuffle at will.
pub fn parse(bytes: &[u8]) -> Read {
    let mut read = Read::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut rest = bytes;
    let mut line_no = 0;
    while !rest.is_empty() {
        line_no += 1;
        let Some(end) = rest.iter().position(|&b| b == b'\n') else {
            read.problems.push(LineProblem {
                line_no,
                message: "torn last line (no newline): an unfinished write, ignored".into(),
            });
            break;
        };
        let raw = &rest[..end];
        rest = &rest[end + 1..];
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_line(raw) {
            Ok(line) => {
                if seen.contains(&line.id) {
                    read.duplicates += 1;
                } else {
                    seen.insert(line.id.clone());
                    read.lines.push(line);
                }
            }
            Err(message) => read.problems.push(LineProblem { line_no, message }),
        }
    }
    read
}

fn parse_line(raw: &[u8]) -> Result<LogLine, String> {
    match serde_json::from_slice::<LogLine>(raw) {
        Ok(line) => Ok(line),
        Err(e) => {
            // Say "newer limber" rather than "damaged" when that is why, so
            // nobody deletes lines a later version can read.
            let newer = serde_json::from_slice::<serde_json::Value>(raw)
                .ok()
                .and_then(|v| v.get("v").and_then(serde_json::Value::as_u64))
                .filter(|&v| v > u64::from(LOG_VERSION));
            Err(match newer {
                Some(v) => format!("written by a newer limber (format {v}): {e}"),
                None => format!("damaged line: {e}"),
            })
        }
    }
}

fn ends_torn(file: &mut File) -> io::Result<bool> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// Creates `dir` and any missing parents, and flushes each new entry into
/// its parent, so a fresh log does not vanish with its directory on a crash.
fn create_dir_durably(dir: &Path) -> Result<(), HistoryError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut missing = Vec::new();
    let mut cur = Some(dir);
    while let Some(d) = cur.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(d);
        cur = d.parent();
    }
    fs::create_dir_all(dir).map_err(|e| HistoryError::new(Action::CreateDir, dir, e))?;
    for d in missing.iter().rev() {
        if let Some(parent) = d.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> Result<(), HistoryError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| HistoryError::new(Action::Sync, dir, e))
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> Result<(), HistoryError> {
    // Windows cannot open a directory as a file; NTFS journals the entry.
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
    pub fn new(routine: RoutineRef, started: DateTime<FixedOffset>) -> Self {
        let ns = started.timestamp_nanos_opt().unwrap_or_default();
        let n = SESSION_COUNTER.fetch_add(1, Ordering::Relaxed);
        let session = format!("{ns:x}-{:x}-{n:x}", std::process::id());
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

    /// Tries again to append the lines the log refused.
    pub fn retry(&mut self, history: &History) -> Result<(), HistoryError> {
        history.append_all(&self.unsaved)?;
        self.unsaved.clear();
        Ok(())
    }

    /// Lines stamped but not yet on disk.
    pub fn unsaved(&self) -> &[LogLine] {
        &self.unsaved
    }

    /// Writes the unsaved lines to `path` instead of the log.
    pub fn save_unsaved_elsewhere(&mut self, path: &Path) -> Result<(), HistoryError> {
        save_elsewhere(&self.unsaved, path)?;
        self.unsaved.clear();
        Ok(())
    }
}

#[cfg(any(test, feature = "sample"))]
pub mod sample;
