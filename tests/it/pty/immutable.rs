//! The data directory made immutable (`chattr +i` on it and its files)
//! while the coach runs: the next sessions are not lost to a fault on a
//! memory-mapped page ("Bus error"); each is in the log or a rescue file,
//! and the terminal is given back.
#![cfg(target_os = "linux")]

use std::collections::BTreeSet;
use std::fs;

use crate::common::faults::Immutable;
use crate::common::pty::{Env, Pty};

/// From home: `routine` selected and started.
fn start(t: &mut Pty, routine: &str) {
    t.wait_text("Routines");
    let wanted = format!("▶ {routine}");
    for _ in 0..10 {
        if t.screen().contains(&wanted) {
            break;
        }
        t.send_str("\x1b[B");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    t.wait_text(&wanted);
    t.send_str("\r");
    t.wait_text("Press Enter to start");
    t.send_str("\r");
}

/// From the finish screen (its title `title`), back home.
fn home(t: &mut Pty, title: &str) {
    t.wait_text(title);
    t.send_str("\r");
    t.wait_gone(title);
}

/// Frozen in the middle of a session (the log open, its WAL index mapped
/// and flushed to disk, so the next touch of a mapped page asks the file
/// system again): that session ends, a second one runs.
#[test]
fn an_immutable_data_directory_under_the_coach_costs_no_session() {
    let env = Env::new(&["pty-long", "pty-quick"]);
    env.acknowledge_safety();
    env.checked_in_today();
    let mut t = Pty::spawn(&env, &[], 100, 30);
    start(&mut t, "PTY long");
    t.wait_text("Sit still · step 1 of 2");
    std::process::Command::new("sync").status().unwrap();
    let frozen = Immutable::set(&env.data());
    // Its steps skipped to its end.
    t.send_str("n");
    t.wait_text("step 2 of 2");
    t.send_str("n");
    home(&mut t, "Session done, with skipped steps");
    start(&mut t, "PTY quick");
    home(&mut t, "Session complete");
    t.send_str("q");
    let status = t.wait_exit();
    let text = String::from_utf8_lossy(&t.raw()).to_string();
    assert!(!text.contains("Bus error"), "{text}");
    assert!(status.success(), "{status:?}\n{text}");
    t.assert_terminal_restored();
    drop(frozen);

    // Both sessions, each in the log or the rescue file.
    let mut sessions: BTreeSet<String> = env
        .history()
        .iter()
        .map(|l| l["session"].as_str().unwrap().to_string())
        .collect();
    let rescued: Vec<_> = fs::read_dir(env.state())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    let name = rescued[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(
        text.contains(&name),
        "the rescue file was not named:\n{text}"
    );
    let read = limber::store::history::parse(&fs::read(&rescued[0]).unwrap());
    assert!(read.problems.is_empty());
    sessions.extend(read.lines.iter().map(|l| l.session.clone()));
    assert_eq!(sessions.len(), 2, "{sessions:?}");
}

/// The coach started on a log it cannot write (read-only media): home and
/// the history screen still show its sessions, read read-only.
#[test]
fn the_coach_reads_a_log_it_cannot_write() {
    let env = Env::new(&["pty-quick"]);
    env.acknowledge_safety();
    env.checked_in_today();
    for _ in 0..2 {
        let out = crate::common::cli::run(env.command(&["run", "pty-quick", "--plain"]), "");
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let frozen = Immutable::set(&env.data());
    let mut t = Pty::spawn(&env, &[], 100, 30);
    t.wait_text("2 of 1 today");
    for _ in 0..10 {
        if t.screen().contains("▶ PTY quick") {
            break;
        }
        t.send_str("\x1b[B");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    t.wait_text("▶ PTY quick");
    t.send_str("h");
    t.wait_text("Sessions 1/2");
    t.send_str("\x1b");
    t.wait_text("Routines");
    t.send_str("q");
    let status = t.wait_exit();
    assert!(status.success(), "{status:?}");
    t.assert_terminal_restored();
    drop(frozen);
}
