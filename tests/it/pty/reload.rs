//! The coach notices routine files changing while it runs.

use crate::common::pty::{Env, Pty};

#[test]
fn editing_a_routine_file_shows_on_the_home_screen_and_a_broken_edit_shows_its_diagnostic() {
    let env = Env::new(&["pty-long"]);
    env.acknowledge_safety();
    env.checked_in_today();
    let mut t = Pty::spawn(&env, &[], 100, 30);
    t.wait_all(&["Routines", "PTY long"]);

    let file = env.routines().join("pty-long.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let renamed = text.replace("PTY long", "Renamed while running");
    assert_ne!(renamed, text, "the fixture's title is `PTY long`");
    std::fs::write(&file, &renamed).unwrap();
    t.wait_text("Renamed while running");

    // A broken edit: the file is reported with line and column, and the
    // built-ins keep working.
    let broken = renamed.replacen("version: 1", "version: 0", 1);
    assert_ne!(broken, renamed, "the fixture has `version: 1`");
    std::fs::write(&file, broken).unwrap();
    let screen = t.wait_text("version must be at least 1");
    assert!(screen.contains("pty-long.ron:"), "{screen}");
    assert!(screen.contains("Piriformis exercises"), "{screen}");
    assert!(!screen.contains("Renamed while running"), "{screen}");

    t.send_str("q");
    assert!(t.wait_exit().success());
    t.assert_terminal_restored();
}

/// `limber run ID` names the routine by id in the one library it loaded:
/// the file going away before the session starts is a message, not a panic
/// or another routine; once a session runs, it keeps its own copy.
#[test]
fn a_routine_file_deleted_between_run_and_the_session_is_a_clear_message() {
    let env = Env::new(&["pty-long"]);
    // A first run: the safety notice stands between `run` and the session.
    let mut t = Pty::spawn(&env, &["run", "pty-long"], 100, 30);
    t.wait_text("Before you start");
    std::fs::remove_file(env.routines().join("pty-long.ron")).unwrap();
    t.wait_text("`pty-long` is no longer in your routines directory");
    t.send_str("\r");
    let home = t.wait_text("Routines");
    assert!(home.contains("Piriformis exercises"), "{home}");
    assert!(!home.contains("PTY long"), "{home}");
    t.send_str("q");
    assert!(t.wait_exit().success());
    t.assert_terminal_restored();

    let env = Env::new(&["pty-long"]);
    env.acknowledge_safety();
    let mut t = Pty::spawn(&env, &["run", "pty-long", "--pain", "2"], 100, 30);
    t.wait_text("Sit still");
    std::fs::remove_file(env.routines().join("pty-long.ron")).unwrap();
    // The watcher reloads; the running session is not disturbed.
    t.send_str("s");
    t.wait_text("Why are you stopping?");
    t.send_str("p");
    t.wait_text("PTY long");
    t.send_str("\r");
    t.wait_text("Routines");
    t.send_str("q");
    assert!(t.wait_exit().success());
}
