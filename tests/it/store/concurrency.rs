//! Several limber processes writing one log at once while others read it.
//!
//! The test re-runs its own binary with `LIMBER_TEST_WRITER` set; in those
//! children `writer` appends sessions while the parent reads.

use std::path::PathBuf;
use std::process::Command;

use chrono::{Duration, FixedOffset, TimeZone};
use limber::core::progress::{SessionOutcome, summarize};
use limber::core::record::Outcome;
use limber::store::history::History;
use limber::store::history::sample::{Spec, routine_ref};

use crate::common::test_name;

const ENV: &str = "LIMBER_TEST_WRITER";
const WRITERS: [&str; 3] = ["a", "b", "c"];
const SESSIONS: usize = 60;

/// Does nothing in a normal run; in a child it is a writer.
#[test]
fn writer() {
    let Ok(spec) = std::env::var(ENV) else {
        return;
    };
    let (dir, name) = spec.split_once('|').expect("dir|name");
    let dir = PathBuf::from(dir);
    let go = dir.join("go");
    while !go.exists() {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let history = History::open(&dir).expect("open").history;
    let r = routine_ref("piriformis-stretch", 1);
    let start = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 1, 1, 8, 0, 0)
        .unwrap();
    for i in 0..SESSIONS {
        let spec = Spec::new(
            &r,
            &format!("{name}-{i}"),
            start + Duration::minutes(i as i64),
        )
        .steps(1)
        .outcome(Some(Outcome::Completed));
        // One transaction per event, as the app does; a write that finds
        // the database busy past the timeout is retried, as the journal does.
        for line in spec.lines() {
            let mut tries = 0;
            while let Err(e) = history.append(&line) {
                tries += 1;
                assert!(tries < 50, "{e}");
            }
            if i == 0 {
                wait_for_the_others(&dir, name);
            }
        }
    }
}

/// After its first event, each writer waits (a few seconds at most) until
/// every writer has written one: on a loaded machine one process could
/// otherwise finish before another starts, and nothing would run at once.
fn wait_for_the_others(dir: &std::path::Path, name: &str) {
    std::fs::write(dir.join(format!("started-{name}")), "").unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !WRITERS
        .iter()
        .all(|w| dir.join(format!("started-{w}")).exists())
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the other writers never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

#[test]
fn writers_and_readers_at_once_lose_nothing() {
    if std::env::var(ENV).is_ok() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    // Created first, so the writers race on writing, not on creating.
    drop(History::open(&dir).unwrap());
    let exe = std::env::current_exe().unwrap();
    let writer = test_name(module_path!(), "writer");
    let mut children: Vec<_> = WRITERS
        .iter()
        .map(|name| {
            Command::new(&exe)
                .args(["--exact", &writer, "--test-threads=1", "--nocapture"])
                .env(ENV, format!("{}|{name}", dir.display()))
                .spawn()
                .unwrap()
        })
        .collect();
    std::fs::write(dir.join("go"), "").unwrap();
    // Reading while they write: counts only grow, summaries agree.
    let mut reads = 0;
    let mut last = 0;
    while children.iter_mut().any(|c| c.try_wait().unwrap().is_none()) {
        let log = History::open(&dir).unwrap().history;
        let n = log.event_count().unwrap();
        assert!(n >= last);
        last = n;
        let days = log.days("piriformis-stretch").unwrap();
        let sessions: u32 = days.iter().map(|d| d.completed + d.other).sum();
        assert!(sessions as usize <= WRITERS.len() * SESSIONS);
        reads += 1;
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    eprintln!("{reads} reads while writing");
    let log = History::open(&dir).unwrap().history;
    log.check().unwrap();
    let lines = log.lines().unwrap();
    assert_eq!(lines.len(), WRITERS.len() * SESSIONS * 3);
    let sessions = summarize(&lines);
    assert_eq!(sessions.len(), WRITERS.len() * SESSIONS);
    for s in &sessions {
        assert_eq!(s.outcome, SessionOutcome::Completed, "{}", s.id);
        assert_eq!(s.steps.len(), 1, "{}", s.id);
    }
    // The kept summaries are what the events say.
    assert_eq!(log.sessions(None, None).unwrap(), sessions);
    let days = log.days("piriformis-stretch").unwrap();
    let completed: u32 = days.iter().map(|d| d.completed).sum();
    assert_eq!(completed as usize, WRITERS.len() * SESSIONS);
    // The writers really ran at once: their events interleave.
    let first_b = lines.iter().position(|l| l.session.starts_with("b-"));
    let last_a = lines.iter().rposition(|l| l.session.starts_with("a-"));
    assert!(
        first_b.unwrap() < last_a.unwrap(),
        "writers did not overlap"
    );
}
