//! Pain per step on the fake clock: after the work of each side of a step
//! with `ask_pain` the engine pauses where it is and asks; the clock stands
//! still until the shell resumes; Next asks about a side begun and left,
//! Back asks again, and the end of the plan asks nothing.

use std::time::Duration;

use crate::common::engine::{effects, only, s, session, state};
use limber::core::session::{Command, Effect};

const HOLD_EACH: &str = r#"Step(id: "h", title: "H", sides: Each, ask_pain: true,
    kind: Hold(duration: "10s"), rest_after: "4s"),
    Step(id: "after", title: "After", kind: Timed(duration: "6s"))"#;

#[test]
fn each_side_ends_in_a_pause_that_asks_and_no_deadline_runs_meanwhile() {
    let mut sn = session(HOLD_EACH);
    sn.update(Command::Start, s(0));
    // Get ready 3 s, left hold until 13 s: then the switch to the right
    // waits, paused at its whole length, and the question is asked.
    let fx = sn.update(Command::Tick, s(13));
    assert!(
        fx.contains(&Effect::AskPain {
            entry: 0,
            paused: true
        }),
        "{}",
        effects(&fx)
    );
    assert_eq!(state(sn.state()), "paused 2 left 5s");
    // A minute passes over the question: nothing moves.
    let fx = sn.update(Command::Tick, s(73));
    assert_eq!(effects(&fx), "");
    assert_eq!(state(sn.state()), "paused 2 left 5s");
    // Answered at 73 s: the switch runs from there, not from 13 s.
    let fx = sn.update(Command::Resume, s(73));
    assert_eq!(effects(&fx), "resumed");
    assert_eq!(state(sn.state()), "running 2 @78s");
    // The right side's hold ends at 88 s: asked again, on the rest after.
    let fx = sn.update(Command::Tick, s(88));
    assert_eq!(only(&fx, &["ask"]), "ask pain 1 paused");
    assert_eq!(state(sn.state()), "paused 4 left 4s");
    sn.update(Command::Resume, s(90));
    // Rest to 94 s, get ready to 97 s, the last step to 103 s.
    let fx = sn.update(Command::Tick, s(103));
    assert_eq!(state(sn.state()), "finished");
    assert_eq!(
        only(&fx, &["ask"]),
        "",
        "a step without ask_pain is not asked"
    );
    // The questions' time is paused time, never active.
    let r = sn.results(s(103));
    assert_eq!(r.paused, Duration::from_secs(60 + 2));
    assert_eq!(r.active, Duration::from_secs(3 + 10 + 5 + 10 + 4 + 3 + 6));
}

#[test]
fn a_late_wake_stops_at_the_question_instead_of_running_past_it() {
    let mut sn = session(HOLD_EACH);
    sn.update(Command::Start, s(0));
    // Woken only at 40 s: the session stops at 13 s, where the left hold
    // ended, and does not run the switch or the right side.
    let fx = sn.update(Command::Tick, s(40));
    assert_eq!(
        only(&fx, &["ask", "switch", "rec step"]),
        "switch R, ask pain 0 paused"
    );
    assert_eq!(state(sn.state()), "paused 2 left 5s");
    assert_eq!(sn.paused(s(40)), Duration::from_secs(27));
}

#[test]
fn next_asks_about_a_side_begun_and_not_about_one_never_started() {
    // Next on the get-ready: nothing was done, nothing is asked.
    let mut sn = session(HOLD_EACH);
    sn.update(Command::Start, s(0));
    let fx = sn.update(Command::Next, s(1));
    assert_eq!(only(&fx, &["ask"]), "");
    // Next 4 s into the hold: that side is asked about (the pain may be
    // why), and the session waits paused on the other side's switch.
    let mut sn = session(HOLD_EACH);
    sn.update(Command::Start, s(0));
    let fx = sn.update(Command::Next, s(7));
    assert_eq!(only(&fx, &["ask"]), "ask pain 0 paused");
    assert_eq!(state(sn.state()), "paused 2 left 5s");
    // Next on the rest after the second side, already asked: not again.
    sn.update(Command::Resume, s(8));
    sn.update(Command::Tick, s(23));
    sn.update(Command::Resume, s(23));
    let fx = sn.update(Command::Next, s(24));
    assert_eq!(only(&fx, &["ask"]), "");
}

#[test]
fn back_runs_the_step_again_and_its_end_asks_again() {
    let one = r#"Step(id: "p", title: "P", ask_pain: true, kind: Timed(duration: "10s")),
        Step(id: "q", title: "Q", kind: Timed(duration: "10s"))"#;
    let mut sn = session(one);
    sn.update(Command::Start, s(0));
    let fx = sn.update(Command::Tick, s(13));
    assert_eq!(only(&fx, &["ask"]), "ask pain 0 paused");
    // Back during the question: the step is just behind, so Back goes to
    // it; the pause stays on until the shell resumes.
    sn.update(Command::Back, s(14));
    assert_eq!(state(sn.state()), "paused 0 left 3s");
    sn.update(Command::Resume, s(14));
    let fx = sn.update(Command::Tick, s(27));
    assert_eq!(only(&fx, &["ask"]), "ask pain 0 paused");
}

#[test]
fn a_step_that_ends_the_session_is_not_asked_and_a_manual_next_is_not_paused() {
    let last = r#"Step(id: "p", title: "P", ask_pain: true, kind: Timed(duration: "10s"))"#;
    let mut sn = session(last);
    sn.update(Command::Start, s(0));
    let fx = sn.update(Command::Tick, s(13));
    assert_eq!(only(&fx, &["ask", "finished"]), "finished");
    // Before a manual step no clock runs: asked without a pause.
    let manual = r#"Step(id: "p", title: "P", ask_pain: true, kind: Timed(duration: "10s")),
        Step(id: "m", title: "M", get_ready: "0s", kind: Manual)"#;
    let mut sn = session(manual);
    sn.update(Command::Start, s(0));
    let fx = sn.update(Command::Tick, s(13));
    assert_eq!(only(&fx, &["ask"]), "ask pain 0");
    assert_eq!(state(sn.state()), "waiting 2");
}
