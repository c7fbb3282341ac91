//! Whole journeys with the real binary in a pseudo-terminal: keys go in
//! through the terminal, the screen is read back through a vt100 parser, and
//! the session log is checked afterwards.
//!
//! Every wait polls the screen (see `common/pty.rs`), so the tests hold on a
//! slow, loaded machine; the only clock they depend on is the product's own.

use crate::common::pty::{self, Env, Pty, event, events, outcome, the_end};

/// `limber run` straight into a session: pause, resume, skip a step, let
/// the rest run out, answer the manual step, read the finish screen, leave
/// feedback, go home; the log has the whole session.
#[test]
fn run_pause_resume_skip_finish() {
    let env = Env::new(&["pty-journey"]);
    env.acknowledge_safety();
    let mut t = Pty::spawn(&env, &["run", "pty-journey", "--pain", "2"], 80, 24);

    // The first step waits 5 minutes to get ready: nothing moves on its own.
    t.wait_text("Warm up · step 1 of 4");
    t.wait_text("GET READY");
    t.send_str(" ");
    let paused = t.wait_text("PAUSED");
    assert!(paused.contains("press Space to go on"), "{paused}");
    t.send_str(" ");
    t.wait_gone("PAUSED");
    t.wait_text("GET READY");

    // Skip the first step before any work: it is "skipped", and being
    // optional it leaves the session complete and counted.
    t.send_str("n");
    t.wait_text("Sway · step 2 of 4");
    // Sway and the holds run out by themselves; the manual step waits.
    t.wait_text("Check in · step 4 of 4");
    t.wait_text("Press Enter when you are ready");
    t.send_str("\r");

    // The finish screen, step by step.
    t.wait_all(&[
        "Session complete · PTY journey",
        "[–] Warm up: skipped, 0/1",
        "[✓] Sway: done, 1/1",
        "[✓] Hold it: done, 2/2",
        "[✓] Check in: done, 1/1",
        "Active time",
    ]);

    // Pain after and a note, then home.
    t.send_str("3");
    t.wait_for("pain after 3", |s| s.contains("Pain now (0-10): 3"));
    t.send_str("\t");
    t.wait_text("▏");
    t.send_str("felt fine");
    t.wait_text("felt fine▏");
    t.send_str("\r");
    t.wait_gone("▏");
    t.send_str("\r");
    // Home again, with the session counted for today.
    t.wait_all(&["Routines", "PTY journey", "1 of 2 today"]);

    t.send_str("q");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    t.assert_terminal_restored();

    let log = env.history();
    assert_eq!(event(&log[0]), "session_started", "{log:#?}");
    let steps = events(&log, "step_done");
    let status_of = |id: &str| {
        steps
            .iter()
            .find(|l| l["step"] == id)
            .map(|l| l["status"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(status_of("warm").as_deref(), Some("skipped"));
    assert_eq!(status_of("sway").as_deref(), Some("done"));
    assert_eq!(status_of("hold").as_deref(), Some("done"));
    assert_eq!(status_of("check").as_deref(), Some("done"));
    let end = the_end(&log);
    assert_eq!(outcome(end), "completed", "{end}");
    assert!(end["paused_ms"].as_u64().unwrap() > 0, "{end}");
    let feedback = events(&log, "feedback");
    assert_eq!(feedback.len(), 1, "{log:#?}");
    assert_eq!(feedback[0]["pain_after"], 3);
    assert_eq!(feedback[0]["note"], "felt fine");
    let session = log[0]["session"].clone();
    assert!(log.iter().all(|l| l["session"] == session), "{log:#?}");
}

/// First run from `limber` alone: the safety notice, then home, setup and
/// a session; the acknowledgement is remembered.
#[test]
fn first_run_safety_home_setup_session() {
    let env = Env::new(&["pty-long"]);
    let mut t = Pty::spawn(&env, &[], 80, 24);

    t.wait_text("Before you start");
    t.wait_text("Press Enter to confirm you have read this.");
    t.send_str("\r");
    t.wait_all(&["Routines", "Piriformis exercises", "PTY long"]);
    let settings = std::fs::read_to_string(env.data().join("settings.json")).unwrap();
    let settings: serde_json::Value = serde_json::from_str(&settings).unwrap();
    assert_eq!(settings["safety_acknowledged"], true);

    // The first routine is the built-in exercise sequence; it asks for a side.
    t.wait_text("▶ Piriformis exercises");
    t.send_str("\r");
    t.wait_all(&["Press Enter to start", "Affected leg: ● left"]);
    t.send_str("\x1b[C"); // → : right leg
    t.wait_text("● right");
    t.send_str("4");
    t.wait_text("Pain now (0-10): 4");
    t.send_str("\r");
    t.wait_all(&["Knee pushes · step 1 of 5", "GET READY", "Space pause"]);

    t.send_str("q");
    t.wait_text("Leave this session?");
    t.send_str("y");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    t.assert_terminal_restored();

    let log = env.history();
    let started = &events(&log, "session_started")[0];
    assert_eq!(started["routine"]["id"], "piriformis-stretch");
    assert_eq!(started["side"], "right");
    assert_eq!(started["pain_before"], 4);
    // The side chosen is remembered for next time.
    let settings = std::fs::read_to_string(env.data().join("settings.json")).unwrap();
    assert!(settings.contains("right"), "{settings}");
}

/// Starts `limber run pty-long` (a 10-minute step) and waits for its
/// session screen.
fn long_session(env: &Env) -> Pty {
    env.acknowledge_safety();
    let t = Pty::spawn(env, &["run", "pty-long", "--pain", "2"], 80, 24);
    t.wait_text("Sit still · step 1 of 2");
    t
}

/// `q` then `y` mid-session: exit 0, the session is kept as abandoned, and
/// the terminal is given back.
#[test]
fn quit_mid_session_is_abandoned_and_restores_the_terminal() {
    let env = Env::new(&["pty-long"]);
    let mut t = long_session(&env);
    t.send_str("q");
    t.wait_text("Leave this session?");
    // "n" answers no: the session goes on.
    t.send_str("n");
    t.wait_gone("Leave this session?");
    assert!(t.try_exit().is_none(), "quit without confirmation");
    t.send_str("q");
    t.wait_text("Leave this session?");
    t.send_str("y");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    t.assert_terminal_restored();

    let log = env.history();
    assert_eq!(events(&log, "session_started").len(), 1, "{log:#?}");
    assert_eq!(outcome(the_end(&log)), "abandoned");
    let steps = events(&log, "step_done");
    assert_eq!(steps.len(), 1, "{log:#?}");
    assert_eq!(steps[0]["status"], "partial");
}

/// Resizing mid-session: bigger, the minimum, too small ("enlarge"), and
/// back; the session screen is redrawn each time and the session goes on.
#[test]
fn resize_during_a_session_redraws() {
    let env = Env::new(&["pty-long"]);
    let mut t = long_session(&env);

    t.resize(120, 40);
    t.wait_for("a 120x40 frame", |_| {
        t.row(0).contains("Sit still · step 1 of 2") && t.row(39).contains("Space pause")
    });

    t.resize(40, 12);
    t.wait_for("a 40x12 frame", |_| {
        t.row(0).contains("Sit still · step 1 of 2") && t.row(11).contains("Space")
    });

    t.resize(30, 8);
    t.wait_for("the enlarge message alone", |s| {
        s.contains("enlarge") && s.contains("40x12") && !s.contains("Sit still")
    });

    t.resize(80, 24);
    t.wait_for("the session back at 80x24", |s| {
        s.contains("Sit still · step 1 of 2") && !s.contains("enlarge")
    });
    t.wait_for("the footer on the last row", |_| {
        t.row(23).contains("Space pause")
    });
    assert!(t.try_exit().is_none(), "limber ended during resizes");

    // Still responsive.
    t.send_str(" ");
    t.wait_text("PAUSED");
    t.send_str("q");
    t.wait_text("Leave this session?");
    t.send_str("y");
    assert!(t.wait_exit().success());
    t.assert_terminal_restored();
    assert_eq!(outcome(the_end(&env.history())), "abandoned");
}

/// Ctrl-C during a session: the session ends as stopped and is kept, the
/// program exits 130 (as a shell expects of Ctrl-C) and gives the terminal
/// back.
#[test]
fn ctrl_c_stops_the_session() {
    let env = Env::new(&["pty-long"]);
    let mut t = long_session(&env);
    t.send(b"\x03");
    let status = t.wait_exit();
    assert!(status.signal().is_none(), "killed by a signal: {status:?}");
    assert_eq!(status.exit_code(), 130, "exit status {status:?}");
    t.assert_terminal_restored();
    let log = env.history();
    let end = the_end(&log);
    assert_eq!(outcome(end), "stopped", "{end}");
    assert_eq!(end["outcome"]["reason"], "other", "{end}");
}

/// SIGTERM (a shutdown, `kill`): the session is kept as abandoned and the
/// terminal given back.
#[test]
fn sigterm_abandons_the_session() {
    let env = Env::new(&["pty-long"]);
    let mut t = long_session(&env);
    t.signal("TERM");
    let status = t.wait_exit();
    assert!(status.signal().is_none(), "killed by a signal: {status:?}");
    assert_eq!(status.exit_code(), 143, "exit status {status:?}");
    t.assert_terminal_restored();
    let log = env.history();
    assert_eq!(outcome(the_end(&log)), "abandoned");
}

/// SIGHUP (the terminal window closed): the session is kept as abandoned.
#[test]
fn sighup_abandons_the_session() {
    let env = Env::new(&["pty-long"]);
    let mut t = long_session(&env);
    t.signal("HUP");
    let status = t.wait_exit();
    assert!(status.signal().is_none(), "killed by a signal: {status:?}");
    assert_eq!(status.exit_code(), 129, "exit status {status:?}");
    assert_eq!(outcome(the_end(&env.history())), "abandoned");
}

/// Reads a child's standard output line by line on a thread, so a test can
/// wait for a line with a timeout.
pub(super) fn lines_of(stdout: std::process::ChildStdout) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Collects lines from `rx` until one contains `needle`; panics after the
/// timeout with what came.
pub(super) fn read_until(
    rx: &std::sync::mpsc::Receiver<String>,
    seen: &mut Vec<String>,
    needle: &str,
) {
    let deadline = std::time::Instant::now() + pty::TIMEOUT;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                let hit = line.contains(needle);
                seen.push(line);
                if hit {
                    return;
                }
            }
            Err(e) => panic!("no line with {needle:?} ({e}); got {seen:#?}"),
        }
    }
}

/// Waits for a `std::process::Child` with a timeout.
pub(super) fn wait_child(child: &mut std::process::Child) -> std::process::ExitStatus {
    pty::poll(
        "the program to exit",
        || child.try_wait().expect("try_wait"),
        String::new,
    )
}

/// `--plain` with piped standard input: one line per milestone, exit 0, a
/// completed session in the log. An input line answers the manual step.
#[test]
fn plain_with_piped_stdin_answers_the_manual_step() {
    use std::io::Write;
    use std::process::Stdio;
    let env = Env::new(&["pty-manual"]);
    env.acknowledge_safety();
    let mut child = env
        .command(&["run", "pty-manual", "--plain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = lines_of(child.stdout.take().unwrap());
    let mut seen = Vec::new();
    read_until(&rx, &mut seen, "Press Enter when you are ready");
    assert!(
        child.try_wait().unwrap().is_none(),
        "did not wait at the manual step: {seen:#?}"
    );
    // The manual step is still open: nothing was recorded for it yet.
    assert!(
        !env.history_text().contains("\"check\""),
        "{}",
        env.history_text()
    );
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"\n").unwrap();
    stdin.flush().unwrap();
    read_until(&rx, &mut seen, "Session complete");
    drop(stdin);
    let status = wait_child(&mut child);
    assert!(status.success(), "{status:?}; {seen:#?}");
    while let Ok(line) = rx.recv_timeout(std::time::Duration::from_secs(5)) {
        seen.push(line);
    }

    assert_eq!(seen[0], "PTY manual (0:00)", "{seen:#?}");
    for want in ["✓ Before", "✓ Check in", "✓ After"] {
        assert!(seen.iter().any(|l| l == want), "no {want:?} in {seen:#?}");
    }
    assert!(
        seen.iter().all(|l| !l.contains('\x1b')),
        "escape codes in plain output: {seen:#?}"
    );
    let log = env.history();
    assert_eq!(event(&log[0]), "session_started");
    assert_eq!(events(&log, "step_done").len(), 3, "{log:#?}");
    assert_eq!(outcome(the_end(&log)), "completed");
}

/// With standard input closed, a manual step goes on by itself; with
/// standard output not a terminal, plain mode is chosen without `--plain`.
#[test]
fn plain_with_closed_stdin_goes_on_by_itself() {
    use std::process::Stdio;
    let env = Env::new(&["pty-manual"]);
    let mut child = env
        .command(&["run", "pty-manual"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = lines_of(child.stdout.take().unwrap());
    let status = wait_child(&mut child);
    let seen: Vec<String> = rx.iter().collect();
    assert!(status.success(), "{status:?}; {seen:#?}");
    let want = [
        "PTY manual (0:00)",
        "✓ Before",
        "» When you are ready: Check in · Press Enter when you are ready",
        "✓ Check in",
        "✓ After",
    ];
    let mut at = 0;
    for w in want {
        at += seen[at..]
            .iter()
            .position(|l| l == w)
            .unwrap_or_else(|| panic!("no {w:?} in order in {seen:#?}"));
    }
    assert!(
        seen.last()
            .unwrap()
            .starts_with("Session complete · Active time"),
        "{seen:#?}"
    );
    let log = env.history();
    assert_eq!(outcome(the_end(&log)), "completed");
    let check = events(&log, "step_done")
        .into_iter()
        .find(|l| l["step"] == "check")
        .cloned();
    assert_eq!(check.unwrap()["status"], "done");
}

/// Plain mode, completed without a manual step: exit 0 and the log closes
/// the session.
#[test]
fn plain_quick_routine_completes() {
    use std::process::Stdio;
    let env = Env::new(&["pty-quick"]);
    let out = env
        .command(&["run", "pty-quick", "--plain"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{:?}\n{stdout}", out.status);
    // A first run: the safety notice comes before the session.
    assert!(stdout.starts_with("Before you start\n• "), "{stdout}");
    assert!(stdout.contains("\nPTY quick (0:01)\n"), "{stdout}");
    assert!(
        stdout.contains("✓ Work\n") && stdout.contains("✓ Hold\n"),
        "{stdout}"
    );
    assert!(stdout.contains("» Hold · rep 2 of 2"), "{stdout}");
    assert!(stdout.contains("Session complete"), "{stdout}");
    let log = env.history();
    let end = the_end(&log);
    assert_eq!(outcome(end), "completed");
    assert_eq!(end["active_ms"], 1400, "{end}");
}

/// `s` then `p` mid-session: the session ends as stopped for pain, the
/// finish screen says so, and the log keeps the reason. `?` shows help for
/// the session keys on the way.
#[test]
fn stop_for_pain_from_the_session() {
    let env = Env::new(&["pty-long"]);
    let mut t = long_session(&env);
    t.send_str("?");
    t.wait_all(&["Keys", "Ctrl-C", "pause"]);
    t.send(b"\x1b");
    t.wait_gone("Ctrl-C");
    t.send_str("s");
    t.wait_all(&["Why are you stopping?", "p  pain", "o  other reason"]);
    t.send_str("p");
    t.wait_all(&[
        "Session stopped · PTY long",
        "[~] Sit still: begun, no whole rep",
    ]);
    t.send_str("\r");
    t.wait_all(&["Routines", "PTY long"]);
    t.send_str("q");
    assert!(t.wait_exit().success());
    t.assert_terminal_restored();
    let log = env.history();
    let end = the_end(&log);
    assert_eq!(outcome(end), "stopped", "{end}");
    assert_eq!(end["outcome"]["reason"], "pain", "{end}");
}

/// The very first `limber run`, before the safety notice was ever read,
/// should show the notice and start the session only once it is confirmed,
/// as the coach does on its first run.
#[test]
fn first_limber_run_shows_the_safety_notice() {
    let env = Env::new(&["pty-long"]);
    let mut t = Pty::spawn(&env, &["run", "pty-long", "--pain", "2"], 80, 24);
    let first = t.wait_for("the safety notice or the session", |s| {
        s.contains("Before you start") || s.contains("Sit still · step 1 of 2")
    });
    assert!(
        first.contains("Before you start"),
        "the session started without the safety notice:\n{first}"
    );
    assert!(
        env.history().is_empty(),
        "a session was logged before the notice was confirmed"
    );
    t.send_str("\r");
    t.wait_all(&["Sit still · step 1 of 2", "WORK"]);
    t.send(b"\x03");
    assert_eq!(t.wait_exit().exit_code(), 130);
    let settings = std::fs::read_to_string(env.data().join("settings.json")).unwrap();
    assert!(
        settings.contains("\"safety_acknowledged\": true"),
        "{settings}"
    );
}

/// Plain mode (and the voice) should name each new step as it starts, as
/// `speech::announce` promises ("a new step says its title"), also a step
/// without a get-ready phase (`get_ready: "0s"`), which once started as a
/// bare "» Work · 0:01".
#[test]
fn plain_names_each_step_as_it_starts() {
    use std::process::Stdio;
    let env = Env::new(&["pty-manual"]);
    let out = env
        .command(&["run", "pty-manual", "--plain"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    for title in ["Before", "Check in", "After"] {
        let done = lines
            .iter()
            .position(|l| *l == format!("✓ {title}"))
            .unwrap_or_else(|| panic!("no ✓ {title} in {stdout}"));
        let started = lines[..done]
            .iter()
            .rev()
            .find(|l| l.starts_with("» "))
            .unwrap();
        assert!(
            started.contains(title),
            "step {title:?} started as {started:?}:\n{stdout}"
        );
    }
}

/// A hold "as long as possible": past its minimum it counts up until
/// Enter, and the time achieved is on the finish screen and in
/// `limber history --format json`.
#[test]
fn a_hold_counts_up_past_its_minimum_until_enter() {
    let env = Env::new(&["pty-hold-on"]);
    env.acknowledge_safety();
    env.checked_in_today();
    let mut t = Pty::spawn(&env, &["run", "pty-hold-on", "--side", "right"], 80, 24);
    t.wait_text("● right");
    t.send_str("\r");
    t.wait_text("Knee-across hold  RIGHT leg · step 1 of 1");
    // The 2 s minimum counts down, then the hold counts up.
    let up = t.wait_all(&["KEEP HOLDING", "press Enter when you let go", "up to 1:00"]);
    assert!(up.contains("RIGHT leg"), "{up}");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    t.send_str("\r");
    let finish = t.wait_text("Session complete · PTY hold on");
    assert!(
        finish.contains("[✓] Knee-across hold (right leg): done, 1/1, held 0:0"),
        "{finish}"
    );
    t.send_str("\r");
    t.wait_text("Routines");
    t.send_str("q");
    assert!(t.wait_exit().success());

    let out = env
        .command(&["history", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let step = &json[0]["steps"][0];
    assert_eq!(step["step"], "knee-across", "{json:#}");
    assert_eq!(step["side"], "right");
    let held = step["held_ms"].as_u64().expect("held_ms");
    assert!(
        (3_400..60_000).contains(&held),
        "held past the minimum: {held}"
    );
}

/// The knee-across hold of the built-in routine, 30 s minimum, in real
/// time: the clock counts past 30 s until Enter, and the time held is in
/// `limber history --format json`.
#[test]
fn the_knee_across_hold_counts_past_30_s_until_enter() {
    let env = Env::new(&["pty-knee-across"]);
    env.acknowledge_safety();
    let mut t = Pty::spawn(&env, &["run", "pty-knee-across", "--pain", "3"], 100, 30);
    t.wait_text("LEFT leg · step 1 of 1");
    // The minimum counts down for 30 s before the count-up begins.
    std::thread::sleep(std::time::Duration::from_secs(29));
    t.wait_all(&["KEEP HOLDING", "press Enter when you let go", "up to 3:00"]);
    std::thread::sleep(std::time::Duration::from_secs(2));
    t.send_str("\r");
    let finish = t.wait_text("Session complete · PTY knee across");
    assert!(finish.contains("held 0:3"), "{finish}");
    t.send_str("q");
    assert!(t.wait_exit().success());
    let out = env
        .command(&["history", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let held = json[0]["steps"][0]["held_ms"].as_u64().expect("held_ms");
    assert!((31_000..60_000).contains(&held), "held past 30 s: {held}");
}

/// Plain mode at a keyboard asks pain before, and at the finish pain after
/// and a note, as the coach's finish screen does; the log has both.
#[test]
fn plain_at_a_keyboard_asks_pain_after_and_a_note() {
    let env = Env::new(&["pty-quick"]);
    env.acknowledge_safety();
    env.checked_in_today();
    let mut t = Pty::spawn(&env, &["run", "pty-quick", "--plain"], 80, 24);
    let prompt = "Pain now (0-10): 0-9, t = 10, Enter: not given";
    t.wait_text(prompt);
    t.send_str("2");
    t.wait_text("Session complete");
    // The same question again, after the finish line.
    t.wait_for("pain after", |s| {
        s.find("Session complete")
            .is_some_and(|at| s[at..].contains(prompt))
    });
    t.send_str("5");
    t.wait_text("Note (type it, then Enter; Enter alone: none)");
    t.send_str("tight hipx");
    t.wait_text("tight hipx");
    // Backspace takes the last letter back, on screen and in the note.
    t.send(b"\x7f");
    t.wait_gone("tight hipx");
    t.send_str("\r");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {status:?}");

    let log = env.history();
    let feedback = events(&log, "feedback");
    assert_eq!(feedback.len(), 1, "{log:#?}");
    assert_eq!(feedback[0]["pain_after"], 5, "{log:#?}");
    assert_eq!(feedback[0]["note"], "tight hip", "{log:#?}");
    assert_eq!(log[0]["pain_before"], 2, "{log:#?}");
}

/// Enter at both finish questions skips them: nothing more is logged.
#[test]
fn plain_at_a_keyboard_skips_pain_after_and_the_note_with_enter() {
    let env = Env::new(&["pty-quick"]);
    env.acknowledge_safety();
    env.checked_in_today();
    let mut t = Pty::spawn(
        &env,
        &["run", "pty-quick", "--plain", "--pain", "1"],
        80,
        24,
    );
    t.wait_text("Pain now (0-10): 0-9, t = 10, Enter: not given");
    t.send_str("\r");
    t.wait_text("Note (type it, then Enter; Enter alone: none)");
    t.send_str("\r");
    let status = t.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let log = env.history();
    assert!(events(&log, "feedback").is_empty(), "{log:#?}");
    assert_eq!(outcome(the_end(&log)), "completed");
}
