//! The data directory made immutable (`chattr +i` on it and its files)
//! while the coach runs: the next sessions are not lost to a fault on a
//! memory-mapped page ("Bus error"); each is in the log or a rescue file,
//! and the terminal is given back.
#![cfg(target_os = "linux")]

use std::collections::BTreeSet;
use std::fs;

use crate::common::faults::Immutable;
use crate::common::pty::{Env, Pty};

/// From home: PTY quick, started, run to its end, and back home.
fn one_session(t: &mut Pty) {
    t.wait_text("Routines");
    for _ in 0..10 {
        if t.screen().contains("▶ PTY quick") {
            break;
        }
        t.send_str("\x1b[B");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    t.wait_text("▶ PTY quick");
    t.send_str("\r");
    t.wait_text("Press Enter to start");
    t.send_str("\r");
    t.wait_text("Session complete");
    t.send_str("\r");
    t.wait_gone("Session complete");
}

#[test]
fn an_immutable_data_directory_under_the_coach_costs_no_session() {
    let env = Env::new(&["pty-quick"]);
    env.acknowledge_safety();
    let mut t = Pty::spawn(&env, &[], 100, 30);
    t.wait_text("PTY quick");
    // A first session while the log can be written: the log is open and
    // has been written when the files are frozen.
    one_session(&mut t);
    let frozen = Immutable::set(&env.data());
    one_session(&mut t);
    one_session(&mut t);
    t.send_str("q");
    let status = t.wait_exit();
    let text = String::from_utf8_lossy(&t.raw()).to_string();
    assert!(!text.contains("Bus error"), "{text}");
    assert!(status.success(), "{status:?}\n{text}");
    t.assert_terminal_restored();
    drop(frozen);

    // Three sessions: the first in the log, the two others rescued.
    let mut sessions: BTreeSet<String> = env
        .history()
        .iter()
        .map(|l| l["session"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    let rescued: Vec<_> = fs::read_dir(env.state())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    let name = rescued[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(text.contains(&name), "the rescue file was not named:\n{text}");
    let read = limber::store::history::parse(&fs::read(&rescued[0]).unwrap());
    assert!(read.problems.is_empty());
    sessions.extend(read.lines.iter().map(|l| l.session.clone()));
    assert_eq!(sessions.len(), 3, "{sessions:?}");
}
