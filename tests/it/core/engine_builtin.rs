//! The built-in routines, expanded and run end to end.

use std::time::Duration;

use crate::common::engine::{only, session_for};
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::plan::{PhaseKind, Plan, PlanError, ceilings, expand};
use limber::core::results::EntryStatus;
use limber::core::routine::{Routine, Side};
use limber::core::session::{Command, State};
use limber::store::routines::builtin;

fn routine(lang: &str, id: &str) -> Routine {
    builtin(Lang::from_code(lang).expect("a language limber speaks"))
        .into_iter()
        .find(|l| l.routine.id == id)
        .unwrap_or_else(|| panic!("no built-in {id}"))
        .routine
}

#[test]
fn planned_totals_of_the_builtins() {
    let stretch = routine("en", "piriformis-stretch");
    // knee pushes 10 + 5 * (5 + 3 + 5 + 3) + 15, knee-across at its
    // minimum 10 + 30 + 10 + 30 + 15, figure-four 10 + 3 * 30 + 2 * 10 + 20, assisted rise 20 + 40 +
    // 20, band abduction 20 + 60 (no rest after the last step).
    let plan = expand(&stretch, None, Side::Right).unwrap();
    assert_eq!(plan.total(), Duration::from_secs(500));
    // Both count-ups at their 3-minute ceiling: 2 * 150 s more.
    assert_eq!(
        ceilings(&stretch.steps, Side::Right),
        Duration::from_secs(300)
    );
    assert_eq!(plan.entries().len(), 6);
    let massage = routine("en", "piriformis-massage");
    for (variant, secs) in [
        (None, 1230),
        (Some("gentle"), 1220),
        (Some("tennis-ball"), 680),
    ] {
        let plan = expand(&massage, variant, Side::Left).unwrap();
        assert_eq!(plan.total(), Duration::from_secs(secs), "{variant:?}");
        assert!(plan.phases().iter().all(|p| p.side == Some(Side::Left)));
    }
    assert_eq!(
        expand(&massage, Some("vigorous"), Side::Left),
        Err(PlanError::UnknownVariant("vigorous".into()))
    );
}

#[test]
fn the_figure_four_works_the_affected_side_only() {
    let stretch = routine("en", "piriformis-stretch");
    for affected in [Side::Left, Side::Right] {
        let plan = expand(&stretch, None, affected).unwrap();
        let step = plan
            .steps()
            .iter()
            .position(|s| s.id == "figure-four")
            .unwrap();
        let sides: Vec<_> = plan.phases()[plan.step_phases(step)]
            .iter()
            .map(|p| p.side)
            .collect();
        assert!(sides.iter().all(|&s| s == Some(affected)), "{sides:?}");
    }
}

/// The knee pushes alternate push by push, as the article says: within
/// each rep the left knee pushes, then the right, and each beat's label
/// names the knee; no side switch, no side on the phases.
#[test]
fn the_knee_pushes_alternate_within_each_rep() {
    for (lang, left, right) in [
        ("en", "Left knee pushes", "Right knee pushes"),
        ("ru", "Давите левым коленом", "Давите правым коленом"),
    ] {
        let plan = expand(&routine(lang, "piriformis-stretch"), None, Side::Left).unwrap();
        let knee = &plan.phases()[plan.step_phases(0)];
        assert!(knee.iter().all(|p| p.side.is_none()), "{lang}");
        let pushes: Vec<&str> = knee
            .iter()
            .filter_map(|p| match &p.kind {
                PhaseKind::Beat { label } if label == left || label == right => {
                    Some(if label == left { "L" } else { "R" })
                }
                _ => None,
            })
            .collect();
        assert_eq!(pushes.concat(), "LRLRLRLRLR", "{lang}");
        // Each rep holds one push of each knee.
        let first_rep: Vec<_> = knee
            .iter()
            .filter(|p| p.rep.is_some_and(|r| r.n == 1))
            .map(|p| p.beat.unwrap().n)
            .collect();
        assert_eq!(first_rep, [1, 2, 3, 4], "{lang}");
    }
}

/// Everything but the words, so the languages can be compared.
fn shape(plan: &Plan) -> Vec<String> {
    plan.phases()
        .iter()
        .map(|p| {
            let kind = match p.kind {
                PhaseKind::Beat { .. } => "Beat".to_string(),
                ref k => format!("{k:?}"),
            };
            format!(
                "{} {kind} {:?} {:?} {:?} {:?}",
                p.step, p.side, p.rep, p.set, p.duration
            )
        })
        .collect()
}

#[test]
fn both_languages_plan_the_same_session() {
    for id in ["piriformis-stretch", "piriformis-massage"] {
        let (en, ru) = (routine("en", id), routine("ru", id));
        assert_eq!(
            shape(&expand(&en, None, Side::Left).unwrap()),
            shape(&expand(&ru, None, Side::Left).unwrap()),
            "{id}"
        );
    }
}

#[test]
fn the_stretch_session_runs_to_the_end_second_by_second() {
    let plan = expand(&routine("en", "piriformis-stretch"), None, Side::Right).unwrap();
    let total = plan.total();
    let mut sn = session_for(plan);
    let mut fx = sn.update(Command::Start, Mono::ZERO);
    // Nobody lets go: each knee-across hold counts up to its ceiling. The
    // pain questions after the pushes and the holds are answered at once.
    for t in 1..=800 {
        let now = Mono::from_secs(t);
        fx.extend(sn.update(Command::Tick, now));
        if matches!(sn.state(), State::Paused { .. }) {
            fx.extend(sn.update(Command::Resume, now));
        }
    }
    assert_eq!(sn.state(), &State::Finished);
    assert_eq!(only(&fx, &["switch"]), "switch R");
    assert_eq!(
        only(&fx, &["ask pain"]),
        "ask pain 0 paused, ask pain 1 paused, ask pain 2 paused, ask pain 3 paused"
    );
    assert_eq!(
        only(&fx, &["rec step"]),
        "rec step 0 Done 5/5, rec step 1 L Done 1/1 held 180s, \
         rec step 1 R Done 1/1 held 180s, rec step 2 R Done 3/3, rec step 3 Done 5/5, \
         rec step 4 R Done 10/10"
    );
    assert_eq!(only(&fx, &["halfway"]).split(", ").count(), 2 + 3);
    let r = sn.results(Mono::from_secs(800));
    assert_eq!(r.active, total + Duration::from_secs(300));
    assert!(r.entries.iter().all(|e| e.status == EntryStatus::Done));
}
