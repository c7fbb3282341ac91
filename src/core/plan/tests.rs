//! Expansion of each kind and side mode, checked phase by phase.

use super::*;
use crate::core::duration::Dur;
use crate::core::routine::{Beat, Schedule, Sides, Variant};

fn step(id: &str, sides: Sides, kind: Kind) -> Step {
    Step {
        id: id.into(),
        title: id.to_uppercase(),
        instructions: String::new(),
        cues: vec![],
        sides,
        kind,
        get_ready: None,
        rest_after: Dur::ZERO,
        optional: false,
        equipment: vec![],
        pose: None,
        ask_pain: false,
    }
}

fn routine(steps: Vec<Step>) -> Routine {
    Routine {
        id: "r".into(),
        version: 1,
        lang: "en".into(),
        title: "R".into(),
        description: String::new(),
        sided: true,
        equipment: vec![],
        safety: vec![],
        schedule: Schedule {
            times_per_day: 1,
            interval: None,
            course: None,
        },
        get_ready: Dur::secs(10),
        switch_side: Dur::secs(5),
        steps,
        variants: vec![],
        pain: None,
        progression: None,
        measures: None,
    }
}

fn secs(s: u64) -> Option<Duration> {
    Some(Duration::from_secs(s))
}

/// A compact picture of a plan: kind, side, rep, set, seconds.
fn sketch(plan: &Plan) -> Vec<String> {
    plan.phases()
        .iter()
        .map(|p| {
            let kind = match &p.kind {
                PhaseKind::Beat { label } => label.clone(),
                k => format!("{k:?}"),
            };
            let side = match p.side {
                Some(Side::Left) => " L",
                Some(Side::Right) => " R",
                Some(Side::Both) => " LR",
                None => "",
            };
            let c = |c: Option<Count>, t: &str| {
                c.map(|c| format!(" {t}{}/{}", c.n, c.of))
                    .unwrap_or_default()
            };
            let d = p
                .duration
                .map(|d| format!(" {}s", d.as_secs()))
                .unwrap_or_else(|| " wait".into());
            format!(
                "{}{kind}{side}{}{}{d}",
                p.step,
                c(p.rep, "r"),
                c(p.set, "s")
            )
        })
        .collect()
}

#[test]
fn hold_with_reps_sets_and_rests() {
    let mut s = step(
        "h",
        Sides::None,
        Kind::Hold {
            duration: Dur::secs(30),
            reps: 2,
            rest: Dur::secs(10),
            sets: 2,
            set_rest: Dur::secs(60),
            up_to: None,
        },
    );
    s.rest_after = Dur::secs(20);
    let mut last = step("m", Sides::None, Kind::Manual);
    last.get_ready = Some(Dur::ZERO);
    last.rest_after = Dur::secs(99);
    let plan = expand(&routine(vec![s, last]), None, Side::Left).unwrap();
    assert_eq!(
        sketch(&plan),
        [
            "0GetReady 10s",
            "0Hold r1/2 s1/2 30s",
            "0Rest r1/2 s1/2 10s",
            "0Hold r2/2 s1/2 30s",
            "0SetRest s1/2 60s",
            "0Hold r1/2 s2/2 30s",
            "0Rest r1/2 s2/2 10s",
            "0Hold r2/2 s2/2 30s",
            "0RestAfter 20s",
            // zero get-ready and the last step's rest_after are dropped
            "1WaitForUser wait",
        ]
    );
    assert_eq!(
        plan.total(),
        Duration::from_secs(10 + 4 * 30 + 2 * 10 + 60 + 20)
    );
    assert_eq!(plan.entries()[0].reps_planned, 4);
    assert_eq!(plan.entries()[1].reps_planned, 1);
    assert_eq!(plan.last_work(0), Some(7));
    assert_eq!(plan.step_phases(1), 9..10);
    assert_eq!(plan.left_after(0), plan.total() - Duration::from_secs(10));
    assert_eq!(plan.left_after(9), Duration::ZERO);
}

#[test]
fn reps_expand_into_beats_per_side_with_switch() {
    let kind = Kind::Reps {
        count: 2,
        tempo: vec![
            Beat {
                label: "Push".into(),
                duration: Dur::secs(5),
                pose: None,
            },
            Beat {
                label: "Relax".into(),
                duration: Dur::secs(3),
                pose: None,
            },
        ],
        sets: 1,
        set_rest: Dur::secs(30),
    };
    let plan = expand(
        &routine(vec![step("k", Sides::AffectedFirst, kind)]),
        None,
        Side::Right,
    )
    .unwrap();
    assert_eq!(
        sketch(&plan),
        [
            "0GetReady R 10s",
            "0Push R r1/2 s1/1 5s",
            "0Relax R r1/2 s1/1 3s",
            "0Push R r2/2 s1/1 5s",
            "0Relax R r2/2 s1/1 3s",
            "0SwitchSide L 5s",
            "0Push L r1/2 s1/1 5s",
            "0Relax L r1/2 s1/1 3s",
            "0Push L r2/2 s1/1 5s",
            "0Relax L r2/2 s1/1 3s",
        ]
    );
    let ends: Vec<bool> = plan.phases().iter().map(Phase::ends_rep).collect();
    assert_eq!(ends.iter().filter(|&&e| e).count(), 4);
    assert!(ends[2] && !ends[1]);
    assert_eq!(plan.entries().len(), 2);
    assert_eq!(plan.entries()[0].side, Some(Side::Right));
    assert_eq!(
        plan.phases()[5].entry,
        1,
        "switch belongs to the side switched to"
    );
    assert_eq!(plan.step_entries(0), 0..2);
}

#[test]
fn each_goes_left_then_right_whatever_the_affected_side() {
    let r = routine(vec![step(
        "t",
        Sides::Each,
        Kind::Timed {
            duration: Dur::secs(20),
        },
    )]);
    let plan = expand(&r, None, Side::Right).unwrap();
    assert_eq!(
        sketch(&plan),
        [
            "0GetReady L 10s",
            "0Work L 20s",
            "0SwitchSide R 5s",
            "0Work R 20s"
        ]
    );
    assert_eq!(plan.total(), Duration::from_secs(55));
}

#[test]
fn variants_and_errors() {
    let mut r = routine(vec![step("a", Sides::None, Kind::Manual)]);
    r.variants.push(Variant {
        id: "v".into(),
        title: "V".into(),
        description: String::new(),
        equipment: vec![],
        steps: vec![step(
            "b",
            Sides::Affected,
            Kind::Timed {
                duration: Dur::secs(3),
            },
        )],
    });
    let plan = expand(&r, Some("v"), Side::Left).unwrap();
    assert_eq!(plan.steps()[0].id, "b");
    assert_eq!(plan.variant(), Some("v"));
    assert_eq!(plan.phases()[1].duration, secs(3));
    assert_eq!(
        expand(&r, Some("nope"), Side::Left),
        Err(PlanError::UnknownVariant("nope".into()))
    );
    assert_eq!(
        expand(&routine(vec![]), None, Side::Left),
        Err(PlanError::NoSteps)
    );
    let empty = step(
        "e",
        Sides::None,
        Kind::Reps {
            count: 3,
            tempo: vec![],
            sets: 1,
            set_rest: Dur::ZERO,
        },
    );
    assert_eq!(
        expand(&routine(vec![empty]), None, Side::Left),
        Err(PlanError::EmptyStep("e".into()))
    );
}

/// What `expand` built, in the terms of [`size`].
fn built(plan: &Plan) -> Size {
    Size {
        phases: plan.phases().len(),
        total: plan.total(),
    }
}

fn beats(n: usize, ms: u64) -> Vec<Beat> {
    (0..n)
        .map(|i| Beat {
            label: format!("b{i}"),
            duration: Dur(Duration::from_millis(ms)),
            pose: None,
        })
        .collect()
}

/// The file that once took a coach down: 200 reps of 30,000 beats, 20
/// sets, both sides. Refused before a phase is built: the count in the
/// error is 240 million phases, which only arithmetic on the step can
/// give (building them would take gigabytes), so no stopwatch is needed.
#[test]
fn expand_refuses_the_plan_bomb_without_building_it() {
    let bomb = step(
        "bomb",
        Sides::Each,
        Kind::Reps {
            count: 200,
            tempo: beats(30_000, 1000),
            sets: 20,
            set_rest: Dur::ZERO,
        },
    );
    let r = routine(vec![bomb]);
    for side in [Side::Left, Side::Right] {
        assert_eq!(
            expand(&r, None, side),
            // Two sides of 20 sets of 200 reps of 30,000 beats, a
            // get-ready and a switch-side pause.
            Err(PlanError::TooManyPhases(2 * 20 * 200 * 30_000 + 2))
        );
    }
}

#[test]
fn expand_builds_up_to_the_limits_and_refuses_one_past_them() {
    // Exactly MAX_PHASES: 100 reps of 5 beats in 20 sets, no get-ready.
    let reps = |count| {
        let mut s = step(
            "r",
            Sides::None,
            Kind::Reps {
                count,
                tempo: beats(5, 100),
                sets: 20,
                set_rest: Dur::ZERO,
            },
        );
        s.get_ready = Some(Dur::ZERO);
        routine(vec![s])
    };
    let plan = expand(&reps(100), None, Side::Left).unwrap();
    assert_eq!(plan.phases().len(), MAX_PHASES);
    assert_eq!(
        expand(&reps(101), None, Side::Left),
        Err(PlanError::TooManyPhases(MAX_PHASES + 100))
    );

    // Exactly MAX_SESSION: four one-hour steps; a millisecond more is over.
    let hours = |extra: u64| {
        let mut steps: Vec<Step> = (0..4)
            .map(|i| {
                let mut s = step(
                    &format!("t{i}"),
                    Sides::None,
                    Kind::Timed {
                        duration: Dur::secs(3600),
                    },
                );
                s.get_ready = Some(Dur::ZERO);
                s
            })
            .collect();
        steps[3].get_ready = Some(Dur(Duration::from_millis(extra)));
        routine(steps)
    };
    assert_eq!(
        expand(&hours(0), None, Side::Left).unwrap().total(),
        MAX_SESSION
    );
    let over = MAX_SESSION + Duration::from_millis(1);
    assert_eq!(
        expand(&hours(1), None, Side::Left),
        Err(PlanError::TooLong(over))
    );
    assert_eq!(
        PlanError::TooLong(over).to_string(),
        "this session would last 4h1ms; limber allows at most 4h"
    );
}

#[test]
fn size_saturates_instead_of_overflowing() {
    let huge = step(
        "h",
        Sides::Each,
        Kind::Hold {
            duration: Dur::secs(u64::MAX / 4),
            reps: u32::MAX,
            rest: Dur::secs(1),
            sets: u32::MAX,
            set_rest: Dur::secs(1),
            up_to: None,
        },
    );
    let r = routine(vec![huge]);
    assert_eq!(
        size(&r, &r.steps, Side::Left),
        Size {
            phases: usize::MAX,
            total: Duration::MAX
        }
    );
    assert_eq!(
        expand(&r, None, Side::Left),
        Err(PlanError::TooManyPhases(usize::MAX))
    );
}

mod props {
    use proptest::prelude::*;

    use super::*;

    /// Millisecond durations up to `max_ms`, zero included when `zero`.
    fn dur(max_ms: u64, zero: bool) -> impl Strategy<Value = Dur> {
        (u64::from(!zero)..=max_ms).prop_map(|ms| Dur(Duration::from_millis(ms)))
    }

    fn kind() -> impl Strategy<Value = Kind> {
        prop_oneof![
            dur(5000, false).prop_map(|duration| Kind::Timed { duration }),
            Just(Kind::Manual),
            (
                dur(5000, false),
                1u32..5,
                dur(2000, true),
                1u32..4,
                dur(2000, true),
                prop::option::of(dur(5000, true)),
            )
                .prop_map(|(duration, reps, rest, sets, set_rest, more)| Kind::Hold {
                    duration,
                    reps,
                    rest,
                    sets,
                    set_rest,
                    // A hold "as long as possible": its ceiling past the minimum.
                    up_to: more.map(|m| Dur(duration.0 + m.0)),
                }),
            (
                1u32..5,
                prop::collection::vec(dur(3000, false), 1..5),
                1u32..4,
                dur(2000, true)
            )
                .prop_map(|(count, durations, sets, set_rest)| Kind::Reps {
                    count,
                    tempo: durations
                        .into_iter()
                        .map(|duration| Beat {
                            label: "b".into(),
                            duration,
                            pose: None,
                        })
                        .collect(),
                    sets,
                    set_rest,
                }),
        ]
    }

    fn sides() -> impl Strategy<Value = Sides> {
        prop::sample::select(vec![
            Sides::None,
            Sides::Each,
            Sides::Affected,
            Sides::AffectedFirst,
        ])
    }

    fn a_step() -> impl Strategy<Value = Step> {
        (
            sides(),
            kind(),
            prop::option::of(dur(3000, true)),
            dur(3000, true),
        )
            .prop_map(|(sides, kind, get_ready, rest_after)| {
                let mut s = step("s", sides, kind);
                s.get_ready = get_ready;
                s.rest_after = rest_after;
                s
            })
    }

    fn a_routine() -> impl Strategy<Value = Routine> {
        (
            prop::collection::vec(a_step(), 1..6),
            dur(3000, true),
            dur(3000, true),
        )
            .prop_map(|(steps, get_ready, switch_side)| {
                let mut r = routine(steps);
                r.get_ready = get_ready;
                r.switch_side = switch_side;
                r
            })
    }

    proptest! {
        #[test]
        fn size_is_what_expand_builds(r in a_routine()) {
            for side in [Side::Left, Side::Right, Side::Both] {
                let plan = expand(&r, None, side).unwrap();
                prop_assert_eq!(size(&r, &r.steps, side), built(&plan));
                if side != Side::Both {
                    prop_assert_eq!(size(&r, &r.steps, Side::Left), built(&plan));
                }
                // Every count-up runs to its ceiling: the longest session.
                let longest: Duration = plan.phases().iter().map(|p| p.duration.unwrap_or_default()).sum();
                prop_assert_eq!(plan.total() + ceilings(&r.steps, side), longest);
                // Step by step too: each step's phases are its span.
                let last = r.steps.len() - 1;
                for (s, step) in r.steps.iter().enumerate() {
                    let span = plan.step_phases(s);
                    let total = plan.phases()[span.clone()]
                        .iter()
                        .map(Phase::planned)
                        .sum();
                    prop_assert_eq!(
                        step_size(&r, step, s == last, side),
                        Size { phases: span.len(), total }
                    );
                }
            }
        }
    }
}
