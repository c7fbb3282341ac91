//! Pain per step through the real binary: a step with `ask_pain` asks
//! after each side, in the coach and in plain mode (at a keyboard and from
//! piped lines), and the answers are in the log as `limber log export`
//! writes it.

use std::io::Write;
use std::process::Stdio;

use serde_json::Value;

use super::journeys::{lines_of, read_until, wait_child};
use crate::common::pty::{Env, Pty, outcome, the_end};

/// The `step_pain` events of the log, read back by `limber log export`.
fn step_pains(env: &Env) -> Vec<Value> {
    let out = env.command(&["log", "export"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["event"] == "step_pain")
        .collect()
}

fn answer(v: &Value) -> (String, String, u64, bool) {
    (
        v["step"].as_str().unwrap().to_string(),
        v["side"].as_str().unwrap_or("-").to_string(),
        v["pain"].as_u64().unwrap(),
        v["kept"].as_bool().unwrap_or(false),
    )
}

#[test]
fn the_coach_asks_after_each_side_and_logs_the_answers() {
    let env = Env::new(&["pty-ask-pain"]);
    env.acknowledge_safety();
    let mut t = Pty::spawn(
        &env,
        &["run", "pty-ask-pain", "--pain", "3", "--side", "left"],
        100,
        30,
    );
    // The left hold ends: the question, with the pain before to keep.
    let asked = t.wait_text("Pain during this step");
    assert!(asked.contains("Hold, left leg"), "{asked}");
    assert!(asked.contains("Enter: no change (3)"), "{asked}");
    assert!(
        asked.contains("0-9,t pain score"),
        "the footer has the keys: {asked}"
    );
    t.send_str("4");
    // The right hold ends: Enter keeps the 4 just given.
    let asked = t.wait_text("Enter: no change (4)");
    assert!(asked.contains("Hold, right leg"), "{asked}");
    t.send_str("\r");
    t.wait_text("Pain now (0-10)");
    t.send_str("q");
    assert!(t.wait_exit().success());
    t.assert_terminal_restored();

    assert_eq!(outcome(the_end(&env.history())), "completed");
    let answers: Vec<_> = step_pains(&env).iter().map(answer).collect();
    assert_eq!(
        answers,
        [
            ("hold".into(), "left".into(), 4, false),
            ("hold".into(), "right".into(), 4, true)
        ]
    );
    // `history --format json` has them with the session.
    let out = env
        .command(&["history", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let sessions: Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed: Vec<_> = sessions[0]["step_pain"]
        .as_array()
        .expect("step_pain in the JSON")
        .iter()
        .map(answer)
        .collect();
    assert_eq!(listed, answers);
}

#[test]
fn plain_mode_at_a_keyboard_asks_and_too_much_pain_waits_for_space() {
    let env = Env::new(&["pty-ask-pain"]);
    env.acknowledge_safety();
    env.checked_in_today();
    let mut t = Pty::spawn(
        &env,
        &[
            "run",
            "pty-ask-pain",
            "--plain",
            "--pain",
            "2",
            "--side",
            "left",
        ],
        100,
        30,
    );
    t.wait_text(
        "Pain during this step: Hold, left leg · 0-9, t = 10 · Enter: no change (2) · Esc: skip",
    );
    t.send_str("7");
    let said = t.wait_text("more than 5 is too much");
    assert!(said.contains("‖ PAUSED · press Space to go on"), "{said}");
    // Paused: nothing more until Space.
    std::thread::sleep(std::time::Duration::from_millis(800));
    assert!(!t.screen().contains("Hold, right leg"), "{}", t.screen());
    t.send_str(" ");
    t.wait_text("Pain during this step: Hold, right leg");
    t.send(b"\x1b");
    t.wait_text("Pain now (0-10): 0-9, t = 10, Enter: not given");
    t.send_str("\r");
    t.wait_text("Note (type it, then Enter; Enter alone: none)");
    t.send_str("\r");
    assert!(t.wait_exit().success());
    let answers: Vec<_> = step_pains(&env).iter().map(answer).collect();
    assert_eq!(
        answers,
        [("hold".into(), "left".into(), 7, false)],
        "Esc skips"
    );
}

#[test]
fn plain_mode_takes_the_score_from_a_line_and_an_empty_line_keeps_it() {
    let env = Env::new(&["pty-ask-pain"]);
    env.acknowledge_safety();
    let mut child = env
        .command(&["run", "pty-ask-pain", "--plain", "--side", "right"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = lines_of(child.stdout.take().unwrap());
    let mut seen = Vec::new();
    let mut stdin = child.stdin.take().unwrap();
    read_until(&rx, &mut seen, "Pain during this step: Hold, left leg");
    assert!(seen.last().unwrap().contains("Enter: skip"), "{seen:#?}");
    stdin.write_all(b"5\n").unwrap();
    stdin.flush().unwrap();
    read_until(&rx, &mut seen, "Pain during this step: Hold, right leg");
    assert!(
        seen.last().unwrap().contains("Enter: no change (5)"),
        "{seen:#?}"
    );
    stdin.write_all(b"\n").unwrap();
    stdin.flush().unwrap();
    read_until(&rx, &mut seen, "Session complete");
    drop(stdin);
    let status = wait_child(&mut child);
    assert!(status.success(), "{status:?}; {seen:#?}");
    let answers: Vec<_> = step_pains(&env).iter().map(answer).collect();
    assert_eq!(
        answers,
        [
            ("hold".into(), "left".into(), 5, false),
            ("hold".into(), "right".into(), 5, true)
        ]
    );
}

/// Input closed (a script that gives nothing): the questions are not
/// asked, the session runs to its end, nothing is logged for them.
#[test]
fn plain_mode_with_closed_input_is_not_asked() {
    let env = Env::new(&["pty-ask-pain"]);
    env.acknowledge_safety();
    let out = env
        .command(&["run", "pty-ask-pain", "--plain", "--side", "left"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(text.contains("Session complete"), "{text}");
    assert!(step_pains(&env).is_empty());
}
