//! The pain question after a step with `ask_pain`, on a fake clock: the
//! clock stands still while it is open, Enter keeps the previous score,
//! Back asks again, too much pain leaves the session paused.

use super::*;
use crate::core::parse::parse_routine;
use crate::core::plan::expand;
use crate::core::routine::Side;
use crossterm::event::{KeyCode, KeyEvent};

/// A hold on each side that asks, then a timed step; no get-ready or
/// switch, so the left hold ends at 10 s and the right at 20 s.
const STEPS: &str = r#"Step(id: "h", title: "Hold", sides: Each, ask_pain: true,
        kind: Hold(duration: "10s"), rest_after: "5s"),
    Step(id: "w", title: "W", kind: Timed(duration: "10s"))"#;

fn start(pain_before: Option<u8>) -> Runner {
    let text = format!(
        r#"Routine(id: "t", version: 1, lang: "en", title: "T", sided: true,
            schedule: Schedule(), get_ready: "0s", switch_side: "0s", steps: [{STEPS}])"#
    );
    let r = parse_routine(text.as_bytes()).expect("test routine is valid");
    let plan = expand(&r, None, Side::Left).unwrap();
    Runner::start(&r, plan, pain_before, Lang::En, s(0)).0
}

fn s(secs: u64) -> Mono {
    Mono::from_secs(secs)
}

fn press(runner: &mut Runner, code: KeyCode, now: Mono) -> Vec<Happening> {
    let input = Some(Input::Key(KeyEvent::from(code)));
    runner.turn(Turn {
        now,
        away_since: None,
        input,
    })
}

fn tick(runner: &mut Runner, now: Mono) -> Vec<Happening> {
    runner.turn(Turn {
        now,
        away_since: None,
        input: None,
    })
}

/// The `StepPain` events not yet saved: (step, side, pain, kept).
fn logged(runner: &Runner) -> Vec<(String, Option<Side>, u8, bool)> {
    runner
        .unsaved()
        .iter()
        .filter_map(|e| match e {
            Event::StepPain {
                step,
                side,
                pain,
                kept,
                ..
            } => Some((step.clone(), *side, *pain, *kept)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_question_holds_the_clock_and_enter_keeps_the_score_before() {
    let mut runner = start(Some(3));
    let happened = tick(&mut runner, s(10));
    let asked = Question::StepPain {
        entry: 0,
        keep: Some(3),
    };
    assert!(happened.contains(&Happening::Asked(asked)), "{happened:?}");
    assert_eq!(runner.ctx(), Ctx::StepPain);
    assert!(
        happened
            .iter()
            .any(|h| matches!(h, Happening::Speak(s) if s.text.contains("pain"))),
        "the voice asks too: {happened:?}"
    );
    // Nobody answers for a minute: the session does not move.
    let before = runner.session().time_left(s(10));
    assert!(tick(&mut runner, s(70)).is_empty());
    assert_eq!(runner.session().time_left(s(70)), before);
    assert_eq!(runner.next_wake(s(70)), None, "nothing to wake for");
    // Enter: no change, the pain before, logged as kept.
    let happened = press(&mut runner, KeyCode::Enter, s(70));
    assert!(happened.contains(&Happening::Effect(Effect::Resumed)));
    assert_eq!(logged(&runner), [("h".into(), Some(Side::Left), 3, true)]);
    assert_eq!(runner.question(), None);
    // The right side runs its full 10 s from the answer.
    tick(&mut runner, s(79));
    assert_eq!(
        runner.question(),
        None,
        "the right hold is not over at 79 s"
    );
    tick(&mut runner, s(80));
    assert!(matches!(
        runner.question(),
        Some(Question::StepPain { entry: 1, .. })
    ));
}

#[test]
fn a_digit_is_the_score_and_the_next_enter_keeps_it() {
    let mut runner = start(None);
    tick(&mut runner, s(10));
    press(&mut runner, KeyCode::Char('4'), s(12));
    tick(&mut runner, s(22));
    assert_eq!(
        runner.question(),
        Some(Question::StepPain {
            entry: 1,
            keep: Some(4)
        })
    );
    press(&mut runner, KeyCode::Enter, s(23));
    assert_eq!(
        logged(&runner),
        [
            ("h".into(), Some(Side::Left), 4, false),
            ("h".into(), Some(Side::Right), 4, true)
        ]
    );
}

#[test]
fn without_a_score_enter_skips_and_esc_always_does() {
    let mut runner = start(None);
    tick(&mut runner, s(10));
    press(&mut runner, KeyCode::Enter, s(11));
    assert_eq!(runner.question(), None);
    assert!(matches!(runner.session().state(), State::Running { .. }));
    tick(&mut runner, s(21));
    press(&mut runner, KeyCode::Esc, s(22));
    assert_eq!(runner.question(), None);
    assert!(logged(&runner).is_empty());
}

#[test]
fn back_does_the_step_again_and_asks_again() {
    let mut runner = start(Some(2));
    tick(&mut runner, s(10));
    let happened = press(&mut runner, KeyCode::Char('b'), s(11));
    assert!(happened.contains(&Happening::Dismissed));
    assert!(logged(&runner).is_empty(), "nothing logged for a redo");
    // The step runs again from 11 s: its left hold ends at 21 s.
    assert!(matches!(runner.session().state(), State::Running { .. }));
    tick(&mut runner, s(21));
    assert!(matches!(
        runner.question(),
        Some(Question::StepPain { entry: 0, .. })
    ));
}

#[test]
fn too_much_pain_says_so_and_leaves_the_session_paused_until_space() {
    let mut runner = start(Some(2));
    tick(&mut runner, s(10));
    let happened = press(&mut runner, KeyCode::Char('7'), s(11));
    assert_eq!(happened, [Happening::TooMuchPain(7)]);
    assert_eq!(runner.too_much(), Some(7));
    assert!(matches!(runner.session().state(), State::Paused { .. }));
    // The pause is the user's: s asks why they stop, Space goes on.
    press(&mut runner, KeyCode::Char(' '), s(30));
    assert_eq!(runner.too_much(), None);
    assert!(matches!(runner.session().state(), State::Running { .. }));
    // Five is the most the pain-monitoring model accepts: no warning.
    tick(&mut runner, s(40));
    let happened = press(&mut runner, KeyCode::Char('5'), s(41));
    assert!(happened.contains(&Happening::Effect(Effect::Resumed)));
    assert_eq!(runner.too_much(), None);
}

#[test]
fn s_at_the_question_asks_why_the_session_stops() {
    let mut runner = start(None);
    tick(&mut runner, s(10));
    press(&mut runner, KeyCode::Char('ы'), s(11));
    assert_eq!(runner.question(), Some(Question::Stop { selected: 0 }));
    let happened = press(&mut runner, KeyCode::Char('p'), s(12));
    assert!(happened.contains(&Happening::Ended(Outcome::Stopped(StopReason::Pain))));
}

#[test]
fn ten_is_t_or_the_russian_e_on_its_key() {
    for key in ['t', 'е'] {
        let mut runner = start(None);
        tick(&mut runner, s(10));
        press(&mut runner, KeyCode::Char(key), s(11));
        assert_eq!(logged(&runner)[0].2, 10, "{key}");
    }
}

#[test]
fn a_line_answers_the_question_and_closed_input_skips_it() {
    let line = |text: &str| Some(Input::Line(text.to_string()));
    let mut runner = start(Some(1));
    tick(&mut runner, s(10));
    // Not a score: still asking.
    runner.turn(Turn {
        now: s(11),
        away_since: None,
        input: line("a lot"),
    });
    assert!(runner.question().is_some());
    runner.turn(Turn {
        now: s(11),
        away_since: None,
        input: line(" 3 "),
    });
    tick(&mut runner, s(21));
    runner.turn(Turn {
        now: s(22),
        away_since: None,
        input: line(""),
    });
    assert_eq!(
        logged(&runner),
        [
            ("h".into(), Some(Side::Left), 3, false),
            ("h".into(), Some(Side::Right), 3, true)
        ]
    );
    // With nobody left to answer, the question closes unanswered and the
    // session runs to its end.
    let mut runner = start(Some(1));
    tick(&mut runner, s(10));
    let happened = runner.turn(Turn {
        now: s(11),
        away_since: None,
        input: Some(Input::Closed),
    });
    assert!(happened.contains(&Happening::Dismissed));
    // The right side ends at 21 s and is not asked: the session goes on
    // at once, its rest to 26 s and the last step to 36 s.
    let happened = tick(&mut runner, s(21));
    let asked = |h: &Happening| match h {
        Happening::Asked(_) => true,
        Happening::Speak(s) => s.text.contains("pain"),
        _ => false,
    };
    assert!(!happened.iter().any(asked), "{happened:?}");
    let happened = tick(&mut runner, s(36));
    assert!(happened.contains(&Happening::Ended(Outcome::Completed)));
    assert!(logged(&runner).is_empty());
}

#[test]
fn the_warning_goes_with_the_phase_it_was_shown_on() {
    let mut runner = start(None);
    tick(&mut runner, s(10));
    press(&mut runner, KeyCode::Char('9'), s(11));
    assert_eq!(runner.too_much(), Some(9));
    // Skipping on from the pause: the next phase is not about that pain.
    press(&mut runner, KeyCode::Char('n'), s(12));
    assert_eq!(runner.too_much(), None);
}
