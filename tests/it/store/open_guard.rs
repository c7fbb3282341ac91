//! What every open of the log refuses or sets right: a link at the
//! database or beside it, files another program left readable by all, and
//! a WAL index mapped into memory.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use limber::store::history::History;
use limber::store::history::sample::{Spec, routine_ref};
use rusqlite::Connection;

use crate::common::cli;
use crate::common::pty::Env;

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Another program's SQLite file.
fn foreign_db(path: &Path) -> Vec<u8> {
    let c = Connection::open(path).unwrap();
    c.execute_batch("CREATE TABLE accounts (name TEXT); INSERT INTO accounts VALUES ('x');")
        .unwrap();
    drop(c);
    fs::read(path).unwrap()
}

#[test]
fn a_symlinked_database_is_refused_and_its_target_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    let other = tmp.path().join("other.sqlite3");
    let before = foreign_db(&other);
    symlink(&other, History::path_in(&data)).unwrap();
    for e in [
        History::open(&data).unwrap_err(),
        History::open_read(&data).unwrap_err(),
    ] {
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert!(e.to_string().contains("history.sqlite3"), "{e}");
        assert!(!e.is_damaged(), "{e}");
    }
    assert_eq!(fs::read(&other).unwrap(), before);
}

#[test]
fn a_dangling_link_creates_nothing_where_it_points() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    let target = tmp.path().join("elsewhere.sqlite3");
    symlink(&target, History::path_in(&data)).unwrap();
    let e = History::open(&data).unwrap_err();
    assert!(e.to_string().contains("symbolic link"), "{e}");
    assert!(!target.exists());
    // The commands say so in words, and a run rescues its session.
    let env = Env::new(&["pty-quick"]);
    env.acknowledge_safety();
    symlink(&target, env.history_path()).unwrap();
    let out = cli::run(env.command(&["status"]), "");
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("symbolic link"), "{}", out.stderr);
    let out = cli::run(env.command(&["run", "pty-quick", "--plain"]), "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("symbolic link"), "{}", out.stderr);
    assert_eq!(fs::read_dir(env.state()).unwrap().count(), 1);
    assert!(!target.exists());
}

#[test]
fn a_link_beside_the_database_is_refused() {
    for suffix in ["-wal", "-shm", "-journal"] {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        drop(History::open(&data).unwrap());
        let other = tmp.path().join("other");
        fs::write(&other, b"someone else's").unwrap();
        let mut name = History::path_in(&data).into_os_string();
        name.push(suffix);
        symlink(&other, &name).unwrap();
        let e = History::open(&data).unwrap_err();
        assert!(e.to_string().contains(suffix), "{suffix}: {e}");
        assert!(e.to_string().contains("symbolic link"), "{suffix}: {e}");
        assert_eq!(fs::read(&other).unwrap(), b"someone else's");
    }
}

/// A database another program made 0644, in WAL mode and held open (so
/// its WAL and index exist): opening makes all three 0600.
#[test]
fn an_existing_0644_database_and_its_wal_become_0600() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(History::open(&data).unwrap());
    let path = History::path_in(&data);
    let other = Connection::open(&path).unwrap();
    other
        .query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
        .unwrap();
    other.execute_batch("PRAGMA user_version=2").unwrap();
    let files = [
        "history.sqlite3",
        "history.sqlite3-wal",
        "history.sqlite3-shm",
    ];
    for f in files {
        fs::set_permissions(data.join(f), fs::Permissions::from_mode(0o644)).unwrap();
    }
    let log = History::open(&data).unwrap().history;
    for f in files {
        assert_eq!(mode(&data.join(f)), 0o600, "{f}");
    }
    drop(log);
    drop(other);
    // Read-only opens do the same.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    drop(History::open_read(&data).unwrap());
    assert_eq!(mode(&path), 0o600);
}

/// A log frozen under an open connection (`chattr +i`, as a read-only
/// remount would): reads go on, a write is an error, and nothing touches
/// the memory-mapped WAL index the file system now refuses ("Bus error"
/// would end this test binary); the database file itself is never mapped.
#[test]
fn a_log_frozen_under_an_open_connection_reads_on_and_refuses_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let log = History::open(&data).unwrap().history;
    let at = chrono::DateTime::parse_from_rfc3339("2026-01-01T08:00:00+01:00").unwrap();
    let r = routine_ref("r", 1);
    // One session ended (copied into the database), one under way: its
    // events are still in the WAL.
    let ended = Spec::new(&r, "ended", at).steps(1).lines();
    let mut first = Spec::new(&r, "first", at).steps(2).lines();
    let last = first.pop().unwrap();
    for l in ended.iter().chain(&first) {
        log.append(l).unwrap();
    }
    let path = History::path_in(&data);
    let maps = fs::read_to_string("/proc/self/maps").unwrap();
    let db = path.display().to_string();
    assert!(
        !maps.lines().any(|l| l.ends_with(&db)),
        "the database is mapped:\n{maps}"
    );
    // Flushed, so each page of the index must be made writable again.
    std::process::Command::new("sync").status().unwrap();
    let frozen = crate::common::faults::Immutable::set(&data);
    // Read as the database file holds it: the ended session; the one
    // under way was only in the WAL, which is not read while frozen.
    assert_eq!(log.lines().unwrap(), ended);
    assert_eq!(log.sessions(None, None).unwrap().len(), 1);
    let e = log.append(&last).unwrap_err();
    assert!(e.to_string().contains("history.sqlite3"), "{e}");
    drop(log);
    drop(frozen);
    // Nothing was lost; the next open writes again.
    let log = History::open(&data).unwrap().history;
    let all: Vec<_> = ended.iter().chain(&first).cloned().collect();
    assert_eq!(log.lines().unwrap(), all);
    log.append(&last).unwrap();
}
