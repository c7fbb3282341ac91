//! The connection of an open log, looked after so that a page of the WAL
//! index that can no longer be written never faults under limber.
//!
//! In WAL mode SQLite maps the index (`-shm`) into memory and writes to it
//! on reads as well as writes. Once the file system refuses those pages
//! (the files made immutable, a read-only remount), the next touch ends
//! the process with SIGBUS: the coach's terminal left raw and its session
//! neither written nor rescued. WAL is kept (several limbers write and
//! read one log at once without waiting on each other), so every use of
//! the connection first asks the file system whether the database, its
//! WAL and its index can still be written. The first time they cannot,
//! the log is read from then on through a read-only connection that
//! writes to no mapped page; every write is then an error, which the
//! journal rescues. The mapped connection is never touched again, not even to be
//! closed (closing checkpoints through the index): it is let go with the
//! process. What remains is the instant between the look and the touch.

use std::cell::OnceCell;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::guard;

pub(super) struct Guarded {
    mapped: ManuallyDrop<Connection>,
    /// The database whose files are looked at; `None` for a connection
    /// that maps nothing (in memory, immutable).
    watch: Option<PathBuf>,
    /// Set, once and for good, when the files could not be written.
    safe: OnceCell<Connection>,
}

impl Guarded {
    /// A connection to the file at `watch`, or to nothing that can be
    /// taken away (`None`).
    pub(super) fn new(conn: Connection, watch: Option<PathBuf>) -> Guarded {
        Guarded {
            mapped: ManuallyDrop::new(conn),
            watch,
            safe: OnceCell::new(),
        }
    }

    /// The connection that maps nothing: the database file read as it is
    /// (immutable: no lock, no WAL, no index), else an empty database in
    /// memory on which every read and write is an error. Not a plain
    /// read-only connection: in one process SQLite shares the mapped index
    /// between connections to one file, and a reader writes its marks
    /// there. What the WAL held and was not yet copied into the database
    /// (the session under way: each ended one is, see `checkpoint`) is
    /// not seen until the next start.
    fn safe(path: &Path) -> Connection {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let usable = |c: rusqlite::Result<Connection>| {
            let mut c = c?;
            guard::harden(&mut c, guard::STATEMENT_BOUND)?;
            c.busy_timeout(super::BUSY_TIMEOUT)?;
            c.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
            Ok::<_, rusqlite::Error>(c)
        };
        usable(Connection::open_with_flags(
            guard::immutable_uri(path),
            flags | OpenFlags::SQLITE_OPEN_URI,
        ))
        .unwrap_or_else(|_| {
            Connection::open_in_memory_with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY)
                .or_else(|_| Connection::open_in_memory())
                .expect("an in-memory database")
        })
    }
}

impl Deref for Guarded {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        if let Some(safe) = self.safe.get() {
            return safe;
        }
        match &self.watch {
            Some(path) if !guard::files_of(path).iter().all(|f| guard::can_write(f)) => {
                self.safe.get_or_init(|| Guarded::safe(path))
            }
            _ => &self.mapped,
        }
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        let frozen = self
            .watch
            .as_ref()
            .is_some_and(|path| !guard::files_of(path).iter().all(|f| guard::can_write(f)));
        if self.safe.get().is_none() && !frozen {
            // SAFETY: dropped once, here, and never used after.
            unsafe { ManuallyDrop::drop(&mut self.mapped) }
        }
    }
}
