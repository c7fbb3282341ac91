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
            },
            Beat {
                label: "Relax".into(),
                duration: Dur::secs(3),
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
