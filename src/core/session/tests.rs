//! Unit tests of the engine's timing; the command tables live in
//! `tests/engine_*.rs`.

use super::*;
use crate::core::parse::parse_routine;
use crate::core::plan::expand;
use crate::core::routine::Side;

fn session(steps: &str) -> Session {
    let text = format!(
        r#"Routine(id: "t", version: 1, lang: "en", title: "T", sided: true,
            schedule: Schedule(), get_ready: "3s", switch_side: "5s", steps: [{steps}])"#
    );
    let routine = parse_routine(text.as_bytes()).expect("test routine is valid");
    let plan = expand(&routine, None, Side::Left).unwrap();
    let meta = Meta::for_plan(&plan, Some(4));
    Session::new(plan, meta)
}

fn s(secs: u64) -> Mono {
    Mono::from_secs(secs)
}

fn started(fx: &[Effect]) -> Vec<usize> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::PhaseStarted { index } => Some(*index),
            _ => None,
        })
        .collect()
}

const HOLDS: &str =
    r#"Step(id: "h", title: "H", kind: Hold(duration: "30s", reps: 2, rest: "10s"))"#;

#[test]
fn a_late_tick_walks_every_missed_phase_on_the_original_deadlines() {
    let mut sn = session(HOLDS);
    sn.update(Command::Start, s(100));
    // get-ready 3, hold 30, rest 10, hold 30: phases end at 103, 133, 143, 173.
    let fx = sn.update(Command::Tick, s(150));
    assert_eq!(started(&fx), [1, 2, 3]);
    assert_eq!(
        sn.state(),
        &State::Running {
            phase: 3,
            deadline: s(173)
        },
        "the deadline chains from 143, not from the late tick at 150"
    );
    // Phases already over get no stale cues; the live one gets its
    // halfway cue (passed at 158) only once the time comes.
    assert!(!fx.contains(&Effect::Halfway));
    assert_eq!(sn.update(Command::Tick, s(158)), [Effect::Halfway]);
    let fx = sn.update(Command::Tick, s(200));
    assert_eq!(fx[0], Effect::StepCompleted { step: 0 });
    assert_eq!(sn.results(s(200)).active, sn.plan().total());
    assert_eq!(sn.state(), &State::Finished);
}

#[test]
fn a_shell_waking_at_next_wake_hears_each_cue_once() {
    let mut sn = session(HOLDS);
    let mut now = s(7);
    let mut all = sn.update(Command::Start, now);
    let mut wakes = 0;
    while let Some(w) = sn.next_wake(now) {
        assert!(w > now, "next_wake must move forward");
        now = w;
        all.extend(sn.update(Command::Tick, now));
        wakes += 1;
    }
    // One wake per displayed second, plus the two halfway moments
    // (15 s into each 30 s hold, on a whole second here).
    assert_eq!(wakes, 3 + 30 + 10 + 30);
    let count = |e: &Effect| all.iter().filter(|x| *x == e).count();
    assert_eq!(count(&Effect::Halfway), 2);
    // get-ready lasts exactly 3 s, so it cues only 2 and 1.
    assert_eq!(count(&Effect::Countdown { secs: 3 }), 3);
    assert_eq!(count(&Effect::Countdown { secs: 2 }), 4);
    assert_eq!(count(&Effect::Countdown { secs: 1 }), 4);
    assert_eq!(sn.results(now).active, Duration::from_secs(73));
}

#[test]
fn next_wake_follows_the_rounded_up_display() {
    let mut sn = session(HOLDS);
    sn.update(Command::Start, Mono::from_millis(500));
    // get-ready ends at 3.5 s; from 0.5 s the display shows 3, then 2
    // at 1.5 s.
    assert_eq!(
        sn.next_wake(Mono::from_millis(500)),
        Some(Mono::from_millis(1500))
    );
    assert_eq!(
        sn.next_wake(Mono::from_millis(1499)),
        Some(Mono::from_millis(1500))
    );
    assert_eq!(
        sn.next_wake(Mono::from_millis(3000)),
        Some(Mono::from_millis(3500))
    );
    sn.update(Command::Tick, Mono::from_millis(3500));
    // A 30 s hold from 3.5 s: its second boundaries fall on the half
    // second, and so does its halfway moment (18.5 s).
    assert_eq!(
        sn.next_wake(Mono::from_millis(18_000)),
        Some(Mono::from_millis(18_500))
    );
    sn.update(Command::Pause, Mono::from_millis(18_000));
    assert_eq!(sn.next_wake(Mono::from_millis(18_000)), None);
}

#[test]
fn halfway_wake_falls_between_whole_seconds() {
    let mut sn =
        session(r#"Step(id: "w", title: "W", kind: Timed(duration: "25s"), get_ready: "0s")"#);
    sn.update(Command::Start, s(0));
    // Halfway is 12.5 s in, between the 12 s and 13 s boundaries.
    assert_eq!(sn.next_wake(s(12)), Some(Mono::from_millis(12_500)));
    assert_eq!(
        sn.update(Command::Tick, Mono::from_millis(12_500)),
        [Effect::Halfway]
    );
    assert_eq!(sn.next_wake(Mono::from_millis(12_500)), Some(s(13)));
}
