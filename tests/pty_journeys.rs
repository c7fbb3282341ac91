//! Whole journeys with the real binary in a pseudo-terminal: keys go in
//! through the terminal, the screen is read back through a vt100 parser, and
//! the session log is checked afterwards.
//!
//! Every wait polls the screen (see `common/pty.rs`), so the tests hold on a
//! slow, loaded machine; the only clock they depend on is the product's own.

#[path = "common/pty.rs"]
mod pty;

use pty::{Env, Pty, event, events, outcome, the_end};

/// `limber run` straight into a session: pause, resume, skip a step, let
/// the rest run out, answer the manual step, read the finish screen, leave
/// feedback, go home; the log has the whole session.
#[test]
fn run_pause_resume_skip_finish() {
    let env = Env::new(&["pty-journey"]);
    env.acknowledge_safety();
    let mut t = Pty::spawn(&env, &["run", "pty-journey"], 80, 24);

    // The first step waits 5 minutes to get ready: nothing moves on its own.
    t.wait_text("Warm up 1/4");
    t.wait_text("GET READY");
    t.send_str(" ");
    let paused = t.wait_text("PAUSED");
    assert!(paused.contains("press Space to go on"), "{paused}");
    t.send_str(" ");
    t.wait_gone("PAUSED");
    t.wait_text("GET READY");

    // Skip the first step before any work: it is "skipped".
    t.send_str("n");
    t.wait_text("Sway 2/4");
    // Sway and the holds run out by themselves; the manual step waits.
    t.wait_text("Check in 4/4");
    t.wait_text("Press Enter when you are ready");
    t.send_str("\r");

    let finish = t.wait_text("Session complete");
    assert!(finish.contains("PTY journey"), "{finish}");
    for line in [
        "[–] Warm up: skipped, 0/1",
        "[✓] Sway: done, 1/1",
        "[✓] Hold it: done, 2/2",
        "[✓] Check in: done, 1/1",
    ] {
        assert!(
            finish.contains(line),
            "finish screen lacks {line:?}:\n{finish}"
        );
    }

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
    let home = t.wait_text("Routines");
    t.wait_for("today's count to include the session", |s| {
        s.contains("1 of 2 today")
    });
    assert!(home.contains("PTY journey"), "{home}");

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
