//! SIGQUIT and an external SIGTSTP give the terminal back as SIGTERM and
//! Ctrl-Z do (issue 13 item 4): the real binary in a pseudo-terminal.
#![cfg(unix)]

use std::process::Command;

use crate::common::pty::{Env, Pty, poll};

fn signal(pid: u32, name: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{name} {pid}");
}

/// The state letter of process `pid` (`T` when stopped), from /proc.
fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

fn coach(env: &Env) -> Pty {
    env.acknowledge_safety();
    let t = Pty::spawn(env, &["run", "pty-long", "--pain", "2"], 80, 24);
    t.wait_text("Sit still · step 1 of 2");
    assert_eq!(t.modes(), (true, true), "the coach has the terminal");
    t
}

#[test]
fn sigquit_restores_the_terminal() {
    let env = Env::new(&["pty-long"]);
    let mut t = coach(&env);
    signal(t.pid(), "QUIT");
    let status = t.wait_exit();
    assert_eq!(
        t.modes(),
        (false, false),
        "alternate screen left and cursor shown"
    );
    // 128 + 3, as a shell reports a program SIGQUIT ended.
    assert_eq!(status.exit_code(), 131, "{status:?}");
}

#[test]
fn kill_tstp_restores_the_terminal_stops_and_takes_it_back() {
    let env = Env::new(&["pty-long"]);
    let mut t = coach(&env);
    let pid = t.pid();
    signal(pid, "TSTP");
    poll(
        "limber to be stopped",
        || (state(pid) == Some('T')).then_some(()),
        || t.screen(),
    );
    poll(
        "the terminal to be given back",
        || (t.modes() == (false, false)).then_some(()),
        || t.screen(),
    );
    signal(pid, "CONT");
    poll(
        "the coach to take the terminal again",
        || (t.modes() == (true, true)).then_some(()),
        || t.screen(),
    );
    t.wait_text("Sit still · step 1 of 2");
    signal(pid, "TERM");
    t.wait_exit();
    assert_eq!(t.modes(), (false, false));
}
