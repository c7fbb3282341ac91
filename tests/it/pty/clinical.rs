//! The exercise routine's pain rules through the real binary (issue 22):
//! a high pain before proposes the gentle variant on the setup screen, and
//! a session after which pain rose by the rule is listed for the
//! physiotherapist in the report.

use crate::common::pty::{Env, Pty, outcome, the_end};

#[test]
fn pain_7_before_the_exercises_proposes_the_gentle_variant() {
    let env = Env::new(&[]);
    env.acknowledge_safety();
    env.checked_in_today();
    let mut t = Pty::spawn(&env, &["run", "piriformis-stretch"], 100, 30);
    let setup = t.wait_text("Pain now (0-10)");
    assert!(!setup.contains("proposes"), "{setup}");
    t.send_str("7");
    let proposed = t.wait_text("proposes \"Gentle (on a painful day)\"");
    assert!(proposed.contains("Pain now (0-10): 7"), "{proposed}");
    // The patient chooses: v takes the proposal.
    t.send_str("v");
    t.wait_text("● Gentle (on a painful day)");
    t.send_str("q");
    assert!(t.wait_exit().success());
    t.assert_terminal_restored();
}

#[test]
fn a_stretch_session_from_4_to_7_is_listed_under_pain_rose_in_the_report() {
    let env = Env::new(&[]);
    env.acknowledge_safety();
    let mut t = Pty::spawn(&env, &["run", "piriformis-stretch", "--pain", "4"], 100, 30);
    t.wait_text("Knee pushes · step 1 of 5");
    // Stopped for pain, then pain after on the finish screen.
    t.send_str("s");
    t.wait_text("Why are you stopping?");
    t.send_str("p");
    t.wait_text("Pain now (0-10)");
    t.send_str("7");
    t.wait_text("Pain now (0-10): 7");
    t.send_str("q");
    assert!(t.wait_exit().success());
    t.assert_terminal_restored();
    let log = env.history();
    assert_eq!(outcome(the_end(&log)), "stopped");

    let report = env.command(&["report"]).output().unwrap();
    assert!(report.status.success(), "{report:?}");
    let text = String::from_utf8(report.stdout).unwrap();
    let rose = text
        .split("## ")
        .find(|s| s.starts_with("Pain rose after the session"))
        .unwrap_or_else(|| panic!("no pain-rise section:\n{text}"));
    let row = rose
        .lines()
        .find(|l| l.starts_with("|") && l.contains("Piriformis exercises"))
        .unwrap_or_else(|| panic!("the stretch session is not listed:\n{rose}"));
    assert!(row.contains("| 4 |") && row.contains("| 7 |"), "{row}");
}
