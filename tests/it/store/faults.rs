//! The log refusing writes, locked by another process, damaged: nothing of
//! any session is lost, nothing hangs, nothing damaged is touched.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use limber::core::record::{Event, LogLine, Outcome};
use limber::shell::journal::{Journal, Saved};
use limber::store::history::History;
use limber::store::history::sample::{Spec, routine_ref};
use rusqlite::Connection;

use crate::common::cli;
use crate::common::pty::{Env, Pty, event, outcome};

/// Another process's write transaction on the log in `dir`, held until
/// dropped (`BEGIN IMMEDIATE`, as a writer in the middle of its work).
struct Holder(Connection);

impl Holder {
    fn take(dir: &Path) -> Holder {
        drop(History::open(dir).unwrap());
        let c = Connection::open(History::path_in(dir)).unwrap();
        c.execute_batch("BEGIN IMMEDIATE").unwrap();
        Holder(c)
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.0.execute_batch("ROLLBACK");
    }
}

fn started() -> Event {
    Event::SessionStarted {
        side: None,
        variant: None,
        pain_before: None,
        steps_planned: None,
        dose: vec![],
        prescription: None,
    }
}

fn ended() -> Event {
    Event::SessionEnded {
        outcome: Outcome::Completed,
        active_ms: 1000,
        paused_ms: 0,
    }
}

fn sessions_in(lines: &[LogLine]) -> std::collections::BTreeSet<String> {
    lines.iter().map(|l| l.session.clone()).collect()
}

#[test]
fn two_sessions_refused_then_the_fault_clears_between_them_both_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let r = routine_ref("piriformis-stretch", 1);
    let holder = Holder::take(&dir);
    let mut journal = Journal::new(Some(&dir)).rescue_to(vec![tmp.path().join("rescue")]);
    assert!(journal.wait_checked());
    let t = Instant::now();
    assert!(journal.record(r.clone(), started()).is_err());
    assert!(journal.record(r.clone(), ended()).is_err());
    // Waits are bounded by the busy timeout.
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert_eq!(journal.unsaved().len(), 2);
    drop(holder);
    journal.record(r.clone(), started()).unwrap();
    journal.record(r, ended()).unwrap();
    assert!(
        journal.unsaved().is_empty(),
        "{:?}",
        journal.unsaved().len()
    );
    assert!(matches!(journal.finish(), Saved::InLog));
    let log = History::open(&dir).unwrap().history;
    let lines = log.lines().unwrap();
    assert_eq!(lines.len(), 4);
    assert_eq!(sessions_in(&lines).len(), 2);
    assert_eq!(log.sessions(None, None).unwrap().len(), 2);
}

#[test]
fn two_sessions_refused_throughout_are_both_rescued() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let rescue = tmp.path().join("rescue");
    let r = routine_ref("piriformis-stretch", 1);
    let holder = Holder::take(&dir);
    let mut journal = Journal::new(Some(&dir)).rescue_to(vec![rescue.clone()]);
    assert!(journal.wait_checked());
    for e in [started(), ended(), started(), ended()] {
        assert!(journal.record(r.clone(), e).is_err());
    }
    let Saved::Rescued(path) = journal.finish() else {
        panic!("not rescued");
    };
    drop(holder);
    assert!(path.starts_with(&rescue));
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let read = limber::store::history::parse(&fs::read(&path).unwrap());
    assert!(read.problems.is_empty());
    assert_eq!(read.lines.len(), 4);
    assert_eq!(sessions_in(&read.lines).len(), 2);
    // The rescue file imports like any export.
    let log = History::open(&dir).unwrap().history;
    assert_eq!(log.import(&read.lines).unwrap().added, 4);
}

/// The coach on a log another process keeps locked: it counts on, quits
/// on `key` or SIGTERM, and the session is in a rescue file.
fn coach_on_a_locked_log(quit: &str) {
    let env = Env::new(&["pty-long"]);
    env.acknowledge_safety();
    let holder = Holder::take(&env.data());
    let mut t = Pty::spawn(&env, &["run", "pty-long", "--pain", "2"], 80, 24);
    let first = t.wait_text("Sit still · step 1 of 2");
    // Still counting: the screen changes by itself.
    t.wait_for("the countdown to move", |s| s != first);
    match quit {
        "TERM" => t.signal("TERM"),
        key => {
            t.send_str(key);
            t.wait_text("Leave this session?");
            t.send_str("y");
        }
    }
    let status = t.wait_exit();
    t.assert_terminal_restored();
    drop(holder);
    // SIGTERM exits 143 once the session is rescued; q then y exits 0.
    let expected = if quit == "TERM" { 143 } else { 0 };
    assert_eq!(status.exit_code(), expected, "{status:?}");
    let rescued: Vec<_> = fs::read_dir(env.state())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    let text = String::from_utf8_lossy(&t.raw()).to_string();
    let name = rescued[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(
        text.contains(&name),
        "the rescue file was not named:\n{text}"
    );
    let lines: Vec<serde_json::Value> = fs::read_to_string(&rescued[0])
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(event(&lines[0]), "session_started");
    assert_eq!(outcome(lines.last().unwrap()), "abandoned");
    assert!(env.history().is_empty());
}

#[test]
fn a_locked_log_does_not_stop_the_coach_or_q() {
    coach_on_a_locked_log("q");
}

#[test]
fn a_locked_log_does_not_stop_sigterm() {
    coach_on_a_locked_log("TERM");
}

fn limber(env: &Env, args: &[&str]) -> cli::Run {
    cli::run(env.command(args), "")
}

#[test]
fn every_file_created_is_private() {
    let env = Env::new(&["pty-quick"]);
    let data = env.dir.path().join("new/data");
    let mut cmd = cli::command(&env.routines(), &data);
    cmd.arg("status");
    let out = cli::run(cmd, "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&env.dir.path().join("new")), 0o700);
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&History::path_in(&data)), 0o600);
    // A session that cannot be written (a damaged log) goes to a rescue
    // file in a private state directory.
    fs::write(
        History::path_in(&env.data()),
        b"not a database at all, not at all",
    )
    .unwrap();
    env.acknowledge_safety();
    let out = limber(&env, &["run", "pty-quick", "--plain"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(mode(&env.state()), 0o700);
    for f in fs::read_dir(env.state()).unwrap() {
        assert_eq!(mode(&f.unwrap().path()), 0o600);
    }
    let out = limber(&env, &["log", "export", "-o", "x.jsonl"]);
    assert_ne!(out.code, 0);
}

#[test]
fn a_damaged_database_is_reported_and_left_as_it_was() {
    for damage in ["header", "page"] {
        let env = Env::new(&["pty-quick"]);
        env.acknowledge_safety();
        let log = History::open(&env.data()).unwrap().history;
        let lines: Vec<LogLine> = (0..200)
            .flat_map(|i| {
                Spec::new(
                    &routine_ref("piriformis-stretch", 1),
                    &format!("s{i}"),
                    chrono::DateTime::parse_from_rfc3339("2026-01-01T08:00:00+01:00").unwrap(),
                )
                .steps(3)
                .note("a note long enough to fill a few pages of the database")
                .lines()
            })
            .collect();
        log.import(&lines).unwrap();
        drop(log);
        let path = env.history_path();
        let mut bytes = fs::read(&path).unwrap();
        match damage {
            "header" => bytes[..16].copy_from_slice(b"garbage garbage!"),
            _ => {
                // The second page onwards: b-tree pages of the tables.
                for b in &mut bytes[4096..4096 * 3] {
                    *b = 0x5a;
                }
            }
        }
        fs::write(&path, &bytes).unwrap();

        let out = limber(&env, &["log", "import", "/dev/null"]);
        assert_ne!(out.code, 0, "{damage}: {}", out.stderr);
        assert!(out.stderr.contains("damaged"), "{damage}: {}", out.stderr);
        assert!(
            out.stderr.contains(&path.display().to_string()),
            "{}",
            out.stderr
        );
        // The coach's plain mode still runs, and rescues the session.
        let out = limber(&env, &["run", "pty-quick", "--plain"]);
        assert_eq!(out.code, 0, "{damage}: {}", out.stderr);
        assert!(out.stderr.contains("damaged"), "{damage}: {}", out.stderr);
        assert_eq!(fs::read_dir(env.state()).unwrap().count(), 1, "{damage}");
        assert_eq!(
            fs::read(&path).unwrap(),
            bytes,
            "{damage}: the file was changed"
        );
    }
}

#[test]
fn export_and_import_through_the_commands() {
    let env = Env::new(&["pty-quick"]);
    let log = History::open(&env.data()).unwrap().history;
    let lines = limber::store::history::sample::demo(chrono::Local::now().date_naive());
    log.import(&lines).unwrap();
    drop(log);
    let out = limber(&env, &["log", "export", "-o", "backup.jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let backup = env.dir.path().join("backup.jsonl");
    assert_eq!(
        fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // An export never overwrites a file.
    let again = limber(&env, &["log", "export", "-o", "backup.jsonl"]);
    assert_ne!(again.code, 0);
    // Into another, empty, data directory: everything added, then nothing.
    let other = env.dir.path().join("other");
    let b = backup.display().to_string();
    let import = |_: ()| {
        let mut cmd = cli::command(&env.routines(), &other);
        cmd.args(["log", "import", &b]);
        cli::run(cmd, "")
    };
    let first = import(());
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stdout.contains(&format!(
            "{} new events added, 0 already there",
            lines.len()
        )),
        "{}",
        first.stdout
    );
    let second = import(());
    assert!(
        second.stdout.contains(&format!(
            "0 new events added, {} already there",
            lines.len()
        )),
        "{}",
        second.stdout
    );
    let back = History::open(&other).unwrap().history;
    assert_eq!(back.lines().unwrap().len(), lines.len());

    // A report on the export touches no data of the user's.
    let mine = env.dir.path().join("mine");
    let mut cmd = cli::command(&env.routines(), &mine);
    cmd.args(["report", "--log", &b]);
    let report = cli::run(cmd, "");
    assert_eq!(report.code, 0, "{}", report.stderr);
    assert!(
        report.stdout.contains("# limber report"),
        "{}",
        report.stdout
    );
    assert!(!mine.exists(), "the report created {}", mine.display());
}
