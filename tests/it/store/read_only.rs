//! A log that cannot be written (read-only media, `chattr +i`) is still
//! read: the commands that only read open it read-only, in SQLite's
//! immutable mode where the file system refuses writes.

use std::fs;

use limber::store::history::History;
use limber::store::history::sample::{Spec, demo, routine_ref};
use rusqlite::Connection;

use crate::common::cli;
use crate::common::faults::Immutable;
use crate::common::pty::Env;

/// The demo log in `env`, in `journal_mode` (round one's files are WAL).
fn a_log(env: &Env, journal_mode: &str) -> usize {
    let log = History::open(&env.data()).unwrap().history;
    let lines = demo(chrono::Local::now().date_naive());
    log.import(&lines).unwrap();
    drop(log);
    let c = Connection::open(env.history_path()).unwrap();
    c.query_row(&format!("PRAGMA journal_mode={journal_mode}"), [], |_| {
        Ok(())
    })
    .unwrap();
    drop(c);
    lines.len()
}

#[test]
fn an_immutable_log_is_read_by_history_report_status_and_export() {
    for journal_mode in ["DELETE", "WAL"] {
        let env = Env::new(&["pty-quick"]);
        env.acknowledge_safety();
        let events = a_log(&env, journal_mode);
        let before = fs::read(env.history_path()).unwrap();
        let frozen = Immutable::set(&env.data());
        for args in [
            vec!["history"],
            vec!["report"],
            vec!["status"],
            vec!["log", "export"],
        ] {
            let out = cli::run(env.command(&args), "");
            assert_eq!(out.code, 0, "{journal_mode} {args:?}: {}", out.stderr);
            assert!(
                !out.stderr.contains("os error"),
                "{journal_mode} {args:?}: {}",
                out.stderr
            );
            assert!(!out.stdout.is_empty(), "{journal_mode} {args:?}");
            if args[0] == "log" {
                assert_eq!(out.stdout.lines().count(), events, "{journal_mode}");
            }
        }
        drop(frozen);
        assert_eq!(
            fs::read(env.history_path()).unwrap(),
            before,
            "{journal_mode}"
        );
    }
}

/// The store itself: read-only where writes are refused, and a write on
/// it is an error, not a crash.
#[test]
fn an_immutable_log_opens_read_only_and_refuses_writes_with_an_error() {
    let env = Env::new(&["pty-quick"]);
    let events = a_log(&env, "DELETE");
    let writer = History::open(&env.data()).unwrap().history;
    let frozen = Immutable::set(&env.data());
    let reader = History::open_read(&env.data()).unwrap().history;
    assert_eq!(reader.lines().unwrap().len(), events);
    // The writer opened before: reads on, its write is refused.
    assert_eq!(writer.lines().unwrap().len(), events);
    let lines = Spec::new(
        &routine_ref("pty-quick", 1),
        "new-session",
        chrono::DateTime::parse_from_rfc3339("2026-01-01T08:00:00+01:00").unwrap(),
    )
    .lines();
    assert!(writer.append(&lines[0]).is_err());
    assert!(History::open(&env.data()).is_err());
    drop(frozen);
    // That connection stays read-only; the next open writes again.
    drop(writer);
    let writer = History::open(&env.data()).unwrap().history;
    writer.append(&lines[0]).unwrap();
    assert_eq!(writer.lines().unwrap().len(), events + 1);
}
