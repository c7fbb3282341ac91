//! A log whose schema holds SQL limber did not write (a trigger, a view):
//! refused at open and never written, the run's session rescued, the other
//! sessions left as they were, and no planted query holds the coach or its
//! signals.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use limber::store::history::History;
use limber::store::history::sample::{Spec, routine_ref};
use rusqlite::Connection;

use crate::common::cli;
use crate::common::pty::{Env, Pty};

/// What each planted file holds, besides limber's tables.
const DELETE_OTHERS: &str = "CREATE TRIGGER forget AFTER INSERT ON events BEGIN
    DELETE FROM events WHERE session <> NEW.session;
    DELETE FROM sessions WHERE id <> NEW.session;
END;";
const REWRITE_SUMMARY: &str = "CREATE TRIGGER rewrite AFTER INSERT ON sessions BEGIN
    UPDATE sessions SET summary = replace(summary, '\"completed\"', '\"abandoned\"') WHERE id = NEW.id;
END;";
const ENDLESS_TRIGGER: &str = "CREATE TRIGGER forever AFTER INSERT ON events BEGIN
    SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c);
END;";
/// `days` made a view that never ends: read by home and `status`.
const ENDLESS_VIEW: &str = "DROP TABLE days;
CREATE VIEW days AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
    SELECT 'pty-quick' AS routine_id, '2026-01-01' AS local_date, x AS completed, 0 AS other FROM c;";

const PLANTS: [(&str, &str); 4] = [
    (DELETE_OTHERS, "trigger \"forget\""),
    (REWRITE_SUMMARY, "trigger \"rewrite\""),
    (ENDLESS_TRIGGER, "trigger \"forever\""),
    (ENDLESS_VIEW, "view \"days\""),
];

/// A log of two earlier sessions in `data`, then `sql` planted in it
/// by another program.
fn planted(data: &Path, sql: &str) {
    let log = History::open(data).unwrap().history;
    let r = routine_ref("pty-quick", 1);
    let at = chrono::DateTime::parse_from_rfc3339("2026-01-01T08:00:00+01:00").unwrap();
    for s in ["earlier-1", "earlier-2"] {
        log.import(&Spec::new(&r, s, at).steps(1).lines()).unwrap();
    }
    drop(log);
    let c = Connection::open(History::path_in(data)).unwrap();
    c.execute_batch(sql).unwrap();
}

fn sessions_in(path: &Path) -> i64 {
    let c = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    c.query_row("SELECT count(DISTINCT session) FROM events", [], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn a_planted_trigger_or_view_is_refused_at_open_and_named() {
    for (sql, named) in PLANTS {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        planted(&data, sql);
        let before = fs::read(History::path_in(&data)).unwrap();
        let start = Instant::now();
        let e = History::open(&data).unwrap_err();
        assert!(start.elapsed() < Duration::from_secs(1), "{named}");
        assert!(e.is_damaged(), "{named}: {e}");
        assert!(e.to_string().contains(named), "{named}: {e}");
        assert!(e.to_string().contains("did not create"), "{e}");
        // Read-only opens refuse it as well.
        let e = History::open_read(&data).unwrap_err();
        assert!(e.is_damaged(), "{named}: {e}");
        assert_eq!(
            fs::read(History::path_in(&data)).unwrap(),
            before,
            "{named}"
        );
    }
}

/// The run is refused the log, rescued, and told where; the planted file
/// is not changed, so the earlier sessions are all still in it.
#[test]
fn a_run_on_a_planted_log_is_rescued_and_changes_nothing() {
    for (sql, named) in PLANTS {
        let env = Env::new(&["pty-quick"]);
        env.acknowledge_safety();
        planted(&env.data(), sql);
        let path = env.history_path();
        let before = fs::read(&path).unwrap();
        let start = Instant::now();
        let out = cli::run(env.command(&["run", "pty-quick", "--plain"]), "");
        assert!(start.elapsed() < Duration::from_secs(10), "{named}");
        assert_eq!(out.code, 0, "{named}: {}", out.stderr);
        assert!(out.stderr.contains("damaged"), "{named}: {}", out.stderr);
        assert!(out.stderr.contains(named), "{named}: {}", out.stderr);
        let rescued: Vec<_> = fs::read_dir(env.state())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(rescued.len(), 1, "{named}: {rescued:?}");
        assert!(
            out.stderr.contains(&rescued[0].display().to_string()),
            "{named}: the rescue file was not named:\n{}",
            out.stderr
        );
        let read = limber::store::history::parse(&fs::read(&rescued[0]).unwrap());
        assert_eq!(read.lines.len(), 4, "{named}");
        assert_eq!(
            fs::read(&path).unwrap(),
            before,
            "{named}: the file was changed"
        );
        assert_eq!(sessions_in(&path), 2, "{named}");
        // The commands that read say so too, and at once.
        let start = Instant::now();
        let out = cli::run(env.command(&["status"]), "");
        assert!(start.elapsed() < Duration::from_secs(2), "{named}");
        assert_ne!(out.code, 0, "{named}");
        assert!(out.stderr.contains("damaged"), "{named}: {}", out.stderr);
    }
}

/// The coach on a log with an endless trigger or view: it runs, SIGTERM
/// ends it within a second, the terminal is restored and the session is
/// in a rescue file.
#[test]
fn the_coach_on_an_endless_log_answers_sigterm_within_a_second() {
    for (sql, named) in [PLANTS[2], PLANTS[3]] {
        let env = Env::new(&["pty-long"]);
        env.acknowledge_safety();
        planted(&env.data(), sql);
        let mut t = Pty::spawn(&env, &["run", "pty-long", "--pain", "2"], 100, 30);
        let first = t.wait_text("Sit still · step 1 of 2");
        t.wait_for("the countdown to move", |s| s != first);
        let sent = Instant::now();
        t.signal("TERM");
        let status = t.wait_exit();
        assert!(
            sent.elapsed() < Duration::from_secs(1),
            "{named}: {:?}",
            sent.elapsed()
        );
        t.assert_terminal_restored();
        assert_eq!(status.exit_code(), 143, "{named}: {status:?}");
        let rescued: Vec<_> = fs::read_dir(env.state())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(rescued.len(), 1, "{named}: {rescued:?}");
        assert_eq!(sessions_in(&env.history_path()), 2, "{named}");
    }
}
