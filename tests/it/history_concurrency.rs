//! Two limber processes appending to one log at the same time.
//!
//! The test re-runs its own binary twice with `LIMBER_TEST_WRITER` set; in
//! those children `writer` appends sessions while the parent waits.

use std::path::PathBuf;
use std::process::Command;

use chrono::{Duration, FixedOffset, TimeZone};
use limber::core::progress::{SessionOutcome, summarize};
use limber::core::record::Outcome;
use limber::store::history::History;
use limber::store::history::sample::{Spec, routine_ref};

use crate::common::test_name;

const ENV: &str = "LIMBER_TEST_WRITER";
const SESSIONS: usize = 1_000;

/// Does nothing in a normal run; in a child it is the writer.
#[test]
fn writer() {
    let Ok(spec) = std::env::var(ENV) else {
        return;
    };
    let (path, name) = spec.split_once('|').expect("path|name");
    let history = History::at(PathBuf::from(path));
    let r = routine_ref("piriformis-stretch", 1);
    let start = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 1, 1, 8, 0, 0)
        .unwrap();
    // Start together, so the two writers really overlap.
    let go = PathBuf::from(format!("{path}.go"));
    while !go.exists() {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    for i in 0..SESSIONS {
        let spec = Spec::new(
            &r,
            &format!("{name}-{i}"),
            start + Duration::minutes(i as i64),
        )
        .steps(1)
        .outcome(Some(Outcome::Completed));
        // One append per event, as the app does.
        for line in spec.lines() {
            history.append(&line).expect("append");
        }
    }
}

#[test]
fn two_processes_append_two_thousand_sessions_intact() {
    if std::env::var(ENV).is_ok() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("data/history.jsonl");
    let exe = std::env::current_exe().unwrap();
    let writer = test_name(module_path!(), "writer");
    let mut children: Vec<_> = ["a", "b"]
        .iter()
        .map(|name| {
            Command::new(&exe)
                .args(["--exact", &writer, "--test-threads=1", "--nocapture"])
                .env(ENV, format!("{}|{name}", path.display()))
                .spawn()
                .unwrap()
        })
        .collect();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(format!("{}.go", path.display()), "").unwrap();
    // Reading while they write: never a torn line, never a lost one.
    let mut reads = 0;
    let mut last = 0;
    while children.iter_mut().any(|c| c.try_wait().unwrap().is_none()) {
        let read = History::at(&path).read().unwrap();
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert!(read.lines.len() >= last);
        last = read.lines.len();
        reads += 1;
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    eprintln!("{reads} reads while writing");
    let read = History::at(&path).read().unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.duplicates, 0);
    assert_eq!(read.lines.len(), 2 * SESSIONS * 3);
    let sessions = summarize(&read.lines);
    assert_eq!(sessions.len(), 2 * SESSIONS);
    for s in &sessions {
        assert_eq!(s.outcome, SessionOutcome::Completed, "{}", s.id);
        assert_eq!(s.steps.len(), 1, "{}", s.id);
    }
    // Both writers really ran at once: their lines interleave.
    let first_b = read.lines.iter().position(|l| l.session.starts_with("b-"));
    let last_a = read.lines.iter().rposition(|l| l.session.starts_with("a-"));
    assert!(
        first_b.unwrap() < last_a.unwrap(),
        "writers did not overlap"
    );
}
