//! The runner on a fake clock: each `Mono` is given, never read.

use super::*;
use crate::core::parse::parse_routine;
use crate::core::plan::expand;
use crate::core::routine::Side;
use crossterm::event::{KeyCode, KeyEvent};

fn routine(steps: &str, extra: &str) -> Routine {
    let text = format!(
        r#"Routine(id: "t", version: 1, lang: "en", title: "T", sided: true, {extra}
            schedule: Schedule(), get_ready: "0s", switch_side: "0s", steps: [{steps}])"#
    );
    parse_routine(text.as_bytes()).expect("test routine is valid")
}

const TIMED: &str = r#"Step(id: "w", title: "W", kind: Timed(duration: "10s"))"#;
const MANUAL: &str = r#"Step(id: "m", title: "M", kind: Manual)"#;

fn s(secs: u64) -> Mono {
    Mono::from_secs(secs)
}

fn start(steps: &str, pain: Option<u8>) -> Runner {
    let r = routine(steps, "");
    let plan = expand(&r, None, Side::Left).unwrap();
    Runner::start(&r, plan, pain, Lang::En, s(0)).0
}

fn turn(input: Option<Input>, now: Mono) -> Turn {
    Turn {
        now,
        away_since: None,
        input,
    }
}

fn key(c: char) -> Option<Input> {
    Some(Input::Key(KeyEvent::from(KeyCode::Char(c))))
}

fn ended(happened: &[Happening]) -> Vec<Outcome> {
    happened
        .iter()
        .filter_map(|h| match h {
            Happening::Ended(o) => Some(*o),
            _ => None,
        })
        .collect()
}

#[test]
fn each_signal_maps_to_one_command_and_the_first_is_the_exit() {
    let cases = [
        (
            Sig::Interrupt,
            Outcome::Stopped(StopReason::Other),
            Exit::Interrupted,
        ),
        (Sig::Terminate, Outcome::Abandoned, Exit::Terminated),
        (Sig::Quit, Outcome::Abandoned, Exit::Quit),
        (Sig::Hangup, Outcome::Abandoned, Exit::HungUp),
    ];
    for (sig, outcome, exit) in cases {
        let mut runner = start(TIMED, None);
        let happened = runner.turn(turn(Some(Input::Signal(sig)), s(1)));
        assert_eq!(ended(&happened), [outcome], "{sig:?}");
        assert_eq!(runner.signal_exit(), Some(exit), "{sig:?}");
        // A second signal neither ends the session again nor changes the
        // exit code.
        let again = runner.turn(turn(Some(Input::Signal(Sig::Terminate)), s(2)));
        assert!(again.is_empty(), "{sig:?}: {again:?}");
        assert_eq!(runner.signal_exit(), Some(exit));
        assert_eq!(runner.outcome(), Some(outcome));
    }
}

#[test]
fn stop_and_continue_belong_to_the_front_end() {
    let mut runner = start(TIMED, None);
    for sig in [Sig::Stop, Sig::Continue] {
        assert!(runner.signal(sig, s(1)).is_empty());
    }
    assert_eq!(runner.signal_exit(), None);
    assert_eq!(runner.outcome(), None);
}

#[test]
fn ctrl_c_as_a_key_is_the_interrupt_signal() {
    let mut runner = start(TIMED, None);
    let happened = runner.action(Action::Interrupt, s(1));
    assert_eq!(ended(&happened), [Outcome::Stopped(StopReason::Other)]);
    assert_eq!(runner.signal_exit(), Some(Exit::Interrupted));
}

#[test]
fn a_question_holds_a_running_session_and_dismissing_it_resumes_it() {
    let mut runner = start(TIMED, None);
    let happened = runner.turn(turn(key('s'), s(1)));
    assert_eq!(
        happened[0],
        Happening::Asked(Question::Stop { selected: 0 })
    );
    assert!(happened.contains(&Happening::Effect(Effect::Paused)));
    assert!(matches!(runner.session().state(), State::Paused { .. }));
    assert_eq!(runner.ctx(), Ctx::StopReason);
    let happened = runner.turn(turn(Some(Input::Key(KeyEvent::from(KeyCode::Esc))), s(2)));
    assert_eq!(happened[0], Happening::Dismissed);
    assert!(happened.contains(&Happening::Effect(Effect::Resumed)));
    assert_eq!(runner.question(), None);
    assert!(matches!(runner.session().state(), State::Running { .. }));
}

#[test]
fn a_question_over_a_pause_leaves_it_paused() {
    let mut runner = start(TIMED, None);
    runner.action(Action::TogglePause, s(1));
    runner.action(Action::Quit, s(2));
    assert_eq!(runner.question(), Some(Question::Quit));
    runner.action(Action::No, s(3));
    assert!(matches!(runner.session().state(), State::Paused { .. }));
}

#[test]
fn answering_quit_abandons_and_is_no_signal() {
    let mut runner = start(TIMED, None);
    runner.action(Action::Quit, s(1));
    let happened = runner.action(Action::Yes, s(2));
    assert_eq!(ended(&happened), [Outcome::Abandoned]);
    assert_eq!(runner.signal_exit(), None);
    assert_eq!(runner.question(), None);
}

#[test]
fn the_finish_is_told_before_its_event_is_written() {
    let mut runner = start(TIMED, Some(3));
    let mut journal = Journal::new(None);
    runner.save(&mut journal);
    assert!(runner.unsaved().is_empty());
    let happened = runner.turn(turn(None, s(10)));
    assert_eq!(ended(&happened), [Outcome::Completed]);
    assert!(happened.contains(&Happening::Sound(Cue::End)));
    assert!(
        matches!(runner.unsaved().last(), Some(Event::SessionEnded { .. })),
        "{:?}",
        runner.unsaved()
    );
    assert!(runner.save(&mut journal).is_empty());
    assert!(runner.unsaved().is_empty());
    // Ended comes once, whatever comes after.
    assert!(ended(&runner.turn(turn(None, s(11)))).is_empty());
    // Nor does a signal after the end change how the run exits.
    assert!(runner.signal(Sig::Terminate, s(12)).is_empty());
    assert_eq!(runner.signal_exit(), None);
}

#[test]
fn with_nobody_to_answer_a_manual_step_goes_on() {
    let mut runner = start(MANUAL, None);
    assert!(matches!(runner.session().state(), State::Waiting { .. }));
    let happened = runner.turn(turn(Some(Input::Closed), s(1)));
    assert_eq!(ended(&happened), [Outcome::Completed]);
}

#[test]
fn a_line_answers_a_manual_step() {
    let steps = format!("{MANUAL}, {TIMED}");
    let mut runner = start(&steps, None);
    runner.turn(turn(Some(Input::Line(String::new())), s(1)));
    assert!(matches!(runner.session().state(), State::Running { .. }));
}

#[test]
fn feedback_is_logged_once_the_session_has_ended() {
    let mut runner = start(TIMED, Some(2));
    runner.feedback(Some(5), None);
    assert!(
        !runner
            .unsaved()
            .iter()
            .any(|e| matches!(e, Event::Feedback { .. })),
        "not before the end"
    );
    runner.turn(turn(None, s(10)));
    runner.feedback(None, Some("  ".into()));
    assert!(!matches!(
        runner.unsaved().last(),
        Some(Event::Feedback { .. })
    ));
    runner.feedback(Some(5), Some("tight".into()));
    assert_eq!(
        runner.unsaved().last(),
        Some(&Event::Feedback {
            pain_after: Some(5),
            note: Some("tight".into())
        })
    );
}

#[test]
fn pain_rose_follows_the_routines_rule() {
    let r = routine(TIMED, "pain: PainRules(report_rise: 2),");
    let plan = expand(&r, None, Side::Left).unwrap();
    let (runner, _) = Runner::start(&r, plan, Some(3), Lang::En, s(0));
    assert_eq!(runner.pain_rose(Some(5)), Some((3, 5)));
    assert_eq!(runner.pain_rose(Some(4)), None);
    assert_eq!(runner.pain_rose(None), None);
    // Without the rule nothing is worth telling.
    assert_eq!(start(TIMED, Some(3)).pain_rose(Some(9)), None);
}

#[test]
fn the_proposal_names_the_gentle_variant_at_high_pain_unless_chosen() {
    let r = routine(
        TIMED,
        &format!(
            r#"pain: PainRules(propose_at: 6, variant: "gentle"),
            variants: [Variant(id: "gentle", title: "Gentle", steps: [{TIMED}])],"#
        ),
    );
    let (at, v) = proposal(&r, None, Some(7)).expect("proposed at 7");
    assert_eq!((at, v.id.as_str()), (6, "gentle"));
    assert!(proposal(&r, None, Some(5)).is_none());
    assert!(proposal(&r, None, None).is_none());
    assert!(proposal(&r, Some("gentle"), Some(8)).is_none());
}
