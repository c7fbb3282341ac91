//! Properties of the engine over generated routines and command sequences
//! at arbitrary (nanosecond) times.

use std::collections::HashMap;
use std::time::Duration;

use proptest::prelude::*;

use crate::common::engine::session_for;
use limber::core::clock::Mono;
use limber::core::duration::Dur;
use limber::core::plan::{PhaseKind, ceilings, expand};
use limber::core::record::{Event, Outcome, StepStatus, StopReason};
use limber::core::results::EntryStatus;
use limber::core::routine::{Beat, Kind, Routine, Schedule, Side, Sides, Step};
use limber::core::session::{Command, Effect, Session, State};

fn dur(max_ms: u64, min_ns: u64) -> impl Strategy<Value = Dur> {
    (min_ns..=max_ms * 1_000_000).prop_map(|ns| Dur(Duration::from_nanos(ns)))
}

/// Rests and get-ready may be zero (they are then left out of the plan).
fn pause() -> impl Strategy<Value = Dur> {
    prop_oneof![Just(Dur::ZERO), dur(4000, 1)]
}

fn work() -> impl Strategy<Value = Dur> {
    dur(25_000, 1)
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        work().prop_map(|duration| Kind::Timed { duration }),
        (
            work(),
            1u32..4,
            pause(),
            1u32..3,
            pause(),
            prop::option::of(pause())
        )
            .prop_map(|(duration, reps, rest, sets, set_rest, more)| Kind::Hold {
                duration,
                reps,
                rest,
                sets,
                set_rest,
                // Sometimes a hold "as long as possible", up to `more` past
                // its minimum.
                up_to: more.map(|m| Dur(duration.0 + m.0)),
            }),
        (
            1u32..4,
            prop::collection::vec(dur(5000, 1), 1..4),
            1u32..3,
            pause()
        )
            .prop_map(|(count, beats, sets, set_rest)| Kind::Reps {
                count,
                tempo: beats
                    .into_iter()
                    .enumerate()
                    .map(|(i, duration)| Beat {
                        label: format!("beat {i}"),
                        duration,
                        pose: None,
                    })
                    .collect(),
                sets,
                set_rest,
            }),
        Just(Kind::Manual),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let sides = prop_oneof![
        Just(Sides::None),
        Just(Sides::Each),
        Just(Sides::Affected),
        Just(Sides::AffectedFirst),
    ];
    (
        kind(),
        sides,
        prop::option::of(pause()),
        pause(),
        any::<bool>(),
    )
        .prop_map(|(kind, sides, get_ready, rest_after, optional)| Step {
            id: "s".into(),
            title: "S".into(),
            instructions: String::new(),
            cues: vec![],
            sides,
            kind,
            get_ready,
            rest_after,
            optional,
            equipment: vec![],
            pose: None,
            ask_pain: false,
        })
}

fn routine() -> impl Strategy<Value = Routine> {
    (prop::collection::vec(step(), 1..5), pause(), pause()).prop_map(
        |(steps, get_ready, switch_side)| Routine {
            id: "gen".into(),
            version: 1,
            lang: "en".into(),
            title: "Generated".into(),
            description: String::new(),
            sided: true,
            equipment: vec![],
            safety: vec![],
            schedule: Schedule {
                times_per_day: 1,
                interval: None,
                course: None,
            },
            get_ready,
            switch_side,
            steps,
            variants: vec![],
            pain: None,
            progression: None,
            measures: None,
        },
    )
}

fn side() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::Left), Just(Side::Right)]
}

#[derive(Clone, Copy, Debug)]
enum Op {
    Tick,
    Pause,
    Resume,
    Toggle,
    Ready,
    /// Enter on a manual step only: a timing run never cuts a get-ready
    /// short, which Ready does.
    Answer,
    Next,
    Back,
    Stop,
    Abandon,
    Away,
}

/// Time steps up to 8 s, in nanoseconds, with a bias to zero (commands at
/// the very same moment) and to whole seconds.
fn gap() -> impl Strategy<Value = Duration> {
    prop_oneof![
        1 => Just(Duration::ZERO),
        1 => (0u64..8).prop_map(Duration::from_secs),
        4 => (0u64..8_000_000_000).prop_map(Duration::from_nanos),
    ]
}

fn timing_ops() -> impl Strategy<Value = Vec<(Duration, Op)>> {
    let op = prop_oneof![
        4 => Just(Op::Tick),
        2 => Just(Op::Pause),
        2 => Just(Op::Resume),
        1 => Just(Op::Toggle),
        1 => Just(Op::Answer),
        1 => Just(Op::Away),
    ];
    prop::collection::vec((gap(), op), 0..40)
}

fn any_ops() -> impl Strategy<Value = Vec<(Duration, Op)>> {
    let op = prop_oneof![
        4 => Just(Op::Tick),
        1 => Just(Op::Pause),
        1 => Just(Op::Resume),
        1 => Just(Op::Toggle),
        1 => Just(Op::Ready),
        2 => Just(Op::Next),
        2 => Just(Op::Back),
        1 => Just(Op::Away),
        1 => Just(Op::Stop),
        1 => Just(Op::Abandon),
    ];
    prop::collection::vec((gap(), op), 0..40)
}

fn command(op: Op, now: Mono, gap: Duration) -> Command {
    match op {
        Op::Tick => Command::Tick,
        Op::Pause => Command::Pause,
        Op::Resume => Command::Resume,
        Op::Toggle => Command::TogglePause,
        Op::Ready | Op::Answer => Command::Ready,
        Op::Next => Command::Next,
        Op::Back => Command::Back,
        Op::Stop => Command::Stop(StopReason::Pain),
        Op::Abandon => Command::Abandon,
        // The machine slept for the whole gap.
        Op::Away => Command::TimeAway {
            since: Mono(now.0 - gap),
        },
    }
}

fn live(st: &State) -> bool {
    st.phase().is_some()
}

/// Everything a run produced, plus checks made along the way.
struct Run {
    sn: Session,
    fx: Vec<Effect>,
    user_paused: Duration,
    backs: usize,
    /// Count-ups of holds "as long as possible" let go before their
    /// ceiling: the part of them that did not run.
    let_go_early: Duration,
}

/// Starts at 1 s, plays `ops`, then drives the session to its end as an
/// attentive shell would: waking at `next_wake`, answering manual steps,
/// resuming pauses.
fn play(sn: Session, ops: &[(Duration, Op)]) -> Run {
    let t0 = Mono::from_secs(1);
    let mut run = Run {
        sn,
        fx: Vec::new(),
        user_paused: Duration::ZERO,
        backs: 0,
        let_go_early: Duration::ZERO,
    };
    let mut now = t0;
    let mut paused_at: Option<Mono> = None;
    let mut send = |run: &mut Run, cmd: Command, now: Mono| {
        let was_live = live(run.sn.state());
        // Enter, Space or Next in a count-up lets go of the hold, as it
        // stands once the deadlines that passed have ended their phases.
        let mut probe = run.sn.clone();
        probe.update(Command::Tick, now);
        let counting_up = probe
            .current()
            .is_some_and(|(_, p)| p.kind == PhaseKind::HoldOn);
        let running = matches!(probe.state(), State::Running { .. });
        let lets_go = match cmd {
            Command::Ready | Command::Next => counting_up,
            Command::TogglePause => counting_up && running,
            _ => false,
        };
        if lets_go {
            run.let_go_early += probe.remaining(now).unwrap_or_default();
        }
        let fx = run.sn.update(cmd, now);
        // Only the user's own pauses, as the effects report them.
        for e in &fx {
            match e {
                Effect::Paused => paused_at = Some(now),
                Effect::Resumed => run.user_paused += now - paused_at.take().expect("resumed"),
                // The gap is counted apart; a pause open before it
                // ends where the gap begins and goes on after it.
                &Effect::TimeAway { gap } => {
                    let since = Mono(now.0 - gap);
                    if let Some(p) = paused_at.take() {
                        run.user_paused += since - p;
                    }
                    if matches!(run.sn.state(), State::Paused { .. }) {
                        paused_at = Some(now);
                    }
                }
                _ => {}
            }
        }
        if matches!(cmd, Command::Back) && was_live {
            run.backs += 1;
        }
        // Time adds up exactly: every moment since the start is active,
        // paused or waiting, and none is two of these.
        if live(run.sn.state()) {
            let r = run.sn.results(now);
            assert_eq!(r.active + r.paused + r.waiting, now - t0, "after {cmd:?}");
        }
        run.fx.extend(fx);
    };
    send(&mut run, Command::Start, now);
    for &(gap, op) in ops {
        now = now + gap;
        let cmd = match op {
            Op::Answer if !matches!(run.sn.state(), State::Waiting { .. }) => Command::Tick,
            op => command(op, now, gap),
        };
        send(&mut run, cmd, now);
    }
    for _ in 0..100_000 {
        let cmd = match *run.sn.state() {
            State::Paused { .. } => Command::Resume,
            State::Waiting { .. } => Command::Ready,
            State::Running { .. } => {
                let wake = run.sn.next_wake(now).expect("running phases wake");
                assert!(wake > now, "next_wake {wake:?} not after {now:?}");
                now = wake;
                Command::Tick
            }
            _ => break,
        };
        send(&mut run, cmd, now);
    }
    assert!(!live(run.sn.state()), "the session never ended");
    run
}

fn started(fx: &[Effect]) -> Vec<usize> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::PhaseStarted { index } => Some(*index),
            _ => None,
        })
        .collect()
}

/// Within each phase, countdown numbers only go down and halfway comes at
/// most once: no cue is ever repeated, whatever the tick times.
fn cues_never_repeat(fx: &[Effect]) -> Result<(), TestCaseError> {
    let mut last_cd = u8::MAX;
    let mut halfway = false;
    for e in fx {
        match *e {
            Effect::PhaseStarted { .. } => (last_cd, halfway) = (u8::MAX, false),
            Effect::Countdown { secs } => {
                prop_assert!(
                    (1..=3).contains(&secs) && secs < last_cd,
                    "{secs} after {last_cd}"
                );
                last_cd = secs;
            }
            Effect::Halfway => {
                prop_assert!(!halfway, "halfway twice");
                halfway = true;
            }
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// (a), (b), (c): without skips, phases come in plan order, active
    /// time is the plan's total to the nanosecond, and paused time is the
    /// user's pauses plus time away, never active.
    #[test]
    fn timing_is_exact(r in routine(), affected in side(), ops in timing_ops()) {
        let plan = expand(&r, None, affected).unwrap();
        // Every count-up of a hold "as long as possible" runs to its
        // ceiling unless Space lets go of it first.
        let total = plan.total() + ceilings(&r.steps, affected);
        let n = plan.phases().len();
        let run = play(session_for(plan), &ops);
        let total = total - run.let_go_early;
        prop_assert_eq!(started(&run.fx), (0..n).collect::<Vec<_>>());
        cues_never_repeat(&run.fx)?;
        let end = Mono(Duration::MAX);
        let res = run.sn.results(end);
        prop_assert_eq!(res.active, total);
        prop_assert_eq!(res.outcome, Some(Outcome::Completed));
        let away: Duration = run.fx.iter().filter_map(|e| match e {
            Effect::TimeAway { gap } => Some(*gap),
            _ => None,
        }).sum();
        prop_assert_eq!(res.paused, run.user_paused + away);
        let ended = run.fx.iter().find_map(|e| match e {
            Effect::Record(Event::SessionEnded { active_ms, paused_ms, .. }) => Some((*active_ms, *paused_ms)),
            _ => None,
        });
        prop_assert_eq!(ended, Some((total.as_millis() as u64, res.paused.as_millis() as u64)));
        prop_assert!(res.entries.iter().all(|e| e.status == EntryStatus::Done && e.reps_done == e.reps_planned));
    }

    /// (d): Next, Back, Stop and Abandon never lose or duplicate a step:
    /// results list every (step, side) once, in order; the log's last word
    /// on each agrees with the results; without Back nothing is logged
    /// twice; and jumps only ever land on the start of a step or of a side.
    #[test]
    fn skips_and_backs_keep_every_step(r in routine(), affected in side(), ops in any_ops()) {
        let plan = expand(&r, None, affected).unwrap();
        let run = play(session_for(plan.clone()), &ops);
        let res = run.sn.results(Mono(Duration::MAX));

        let rows: Vec<_> = res.entries.iter().map(|e| (e.step, e.side, e.reps_planned)).collect();
        let want: Vec<_> = plan.entries().iter().map(|e| (e.step, e.side, e.reps_planned)).collect();
        prop_assert_eq!(rows, want);
        prop_assert!(res.entries.iter().all(|e| e.status != EntryStatus::InProgress));

        let mut last: HashMap<(usize, Option<Side>), (StepStatus, u32)> = HashMap::new();
        let mut times: HashMap<(usize, Option<Side>), usize> = HashMap::new();
        for e in &run.fx {
            if let Effect::Record(Event::StepDone { index, side, status, reps_done, .. }) = e {
                last.insert((*index, *side), (*status, *reps_done));
                *times.entry((*index, *side)).or_default() += 1;
            }
        }
        for e in &res.entries {
            let logged = last.get(&(e.step, e.side)).map(|&(s, n)| (EntryStatus::from(s), n));
            let shown = (e.status != EntryStatus::NotReached).then_some((e.status, e.reps_done));
            prop_assert_eq!(logged, shown, "step {} side {:?}", e.step, e.side);
        }
        if run.backs == 0 {
            prop_assert!(times.values().all(|&n| n == 1), "{:?}", times);
        }
        if res.outcome == Some(Outcome::Completed) {
            prop_assert!(res.entries.iter().all(|e| e.status != EntryStatus::NotReached));
        }

        // Next skips one side of a two-sided step: a side's first phase is
        // a start too.
        let phases = plan.phases();
        let starts: Vec<usize> = (0..phases.len())
            .filter(|&i| i == 0 || phases[i - 1].entry != phases[i].entry || phases[i - 1].step != phases[i].step)
            .collect();
        let mut prev: Option<usize> = None;
        for i in started(&run.fx) {
            let in_order = prev.is_none_or(|p| i == p + 1);
            prop_assert!(in_order || starts.contains(&i), "jumped from {:?} to {}", prev, i);
            prev = Some(i);
        }
        cues_never_repeat(&run.fx)?;
        let ends = run.fx.iter().filter(|e| matches!(e, Effect::Record(Event::SessionEnded { .. }))).count();
        prop_assert_eq!(ends, 1);
    }

    /// The outcome rule: a session that ran to the end is completed when
    /// every required (not optional) step ended done on every side, by its
    /// last record, so a step redone after Back counts as it ended; else
    /// it is completed with skips. Optional steps never decide it.
    #[test]
    fn the_outcome_follows_the_required_steps(r in routine(), affected in side(), ops in any_ops()) {
        let plan = expand(&r, None, affected).unwrap();
        let run = play(session_for(plan.clone()), &ops);
        let res = run.sn.results(Mono(Duration::MAX));
        let mut last: HashMap<(usize, Option<Side>), StepStatus> = HashMap::new();
        for e in &run.fx {
            if let Effect::Record(Event::StepDone { index, side, status, .. }) = e {
                last.insert((*index, *side), *status);
            }
        }
        let required_done = plan.entries().iter().all(|e| {
            plan.steps()[e.step].optional || last.get(&(e.step, e.side)) == Some(&StepStatus::Done)
        });
        match res.outcome {
            Some(Outcome::Completed) => prop_assert!(required_done, "{:?}", last),
            Some(Outcome::CompletedWithSkips) => prop_assert!(!required_done, "{:?}", last),
            _ => {}
        }
        let ended = run.fx.iter().find_map(|e| match e {
            Effect::Record(Event::SessionEnded { outcome, .. }) => Some(*outcome),
            _ => None,
        });
        prop_assert_eq!(ended, res.outcome);
    }
}
