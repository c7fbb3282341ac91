//! The coach notices routine files changing while it runs.

use crate::common::pty::{Env, Pty};

#[test]
fn editing_a_routine_file_shows_on_the_home_screen_and_a_broken_edit_shows_its_diagnostic() {
    let env = Env::new(&["pty-long"]);
    env.acknowledge_safety();
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
