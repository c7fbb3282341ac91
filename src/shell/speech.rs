//! Words for a phase: what the screen's headline says and what the voice
//! speaks, so both say the same thing.

use crate::core::plan::{Phase, PhaseKind, Plan};
use crate::core::routine::Side;
use crate::i18n::{Strings, fill};

/// The name of what the user does in this phase: "Hold", "Push", "Rest".
pub fn phase_name<'a>(strings: &'a Strings, phase: &'a Phase) -> &'a str {
    match &phase.kind {
        PhaseKind::GetReady => &strings.phase_get_ready,
        PhaseKind::Work => &strings.phase_work,
        PhaseKind::Hold => &strings.phase_hold,
        PhaseKind::HoldOn => &strings.phase_hold_on,
        PhaseKind::Rest => &strings.phase_rest,
        PhaseKind::Beat { label } => label,
        PhaseKind::SwitchSide => &strings.phase_switch_side,
        PhaseKind::SetRest => &strings.phase_set_rest,
        PhaseKind::RestAfter => &strings.phase_rest_after,
        PhaseKind::WaitForUser => &strings.phase_wait,
    }
}

pub fn leg(strings: &Strings, side: Side) -> &str {
    match side {
        Side::Left => &strings.leg_left,
        Side::Right => &strings.leg_right,
        Side::Both => &strings.leg_both,
    }
}

/// Spoken when phase `index` starts. Beats within a rep are one word, so
/// the voice keeps pace with a 2-second beat; a new step says its title.
pub fn announce(strings: &Strings, plan: &Plan, index: usize) -> String {
    let Some(phase) = plan.phase(index) else {
        return String::new();
    };
    let name = phase_name(strings, phase);
    let title = plan
        .steps()
        .get(phase.step)
        .map_or("", |s| s.title.as_str());
    let side = phase.side.map(|s| leg(strings, s).to_lowercase());
    // The first phase of a step names the step, whatever its kind: a step
    // without a get-ready must not start as a bare "Work".
    let starts_step = plan.step_phases(phase.step).start == index;
    match (&phase.kind, side) {
        (PhaseKind::SwitchSide, Some(side)) => format!("{name}: {side}"),
        (PhaseKind::GetReady | PhaseKind::WaitForUser, Some(side)) => {
            format!("{name}: {title}, {side}")
        }
        (PhaseKind::GetReady | PhaseKind::WaitForUser, None) => format!("{name}: {title}"),
        (_, Some(side)) if starts_step => format!("{title}, {side}: {name}"),
        (_, None) if starts_step => format!("{title}: {name}"),
        _ => name.to_string(),
    }
}

/// "Rep 3 of 10", "Set 2 of 3": where the user is within a step, as the
/// screen's header and plain mode's line both say it (a single set is not
/// mentioned).
pub fn counts(strings: &Strings, phase: &Phase) -> Vec<String> {
    let of = |template: &str, n: u32, total: u32| {
        fill(
            template,
            &[("n", &n.to_string()), ("of", &total.to_string())],
        )
    };
    let mut out = Vec::new();
    if let Some(rep) = phase.rep {
        out.push(of(&strings.rep_of, rep.n, rep.of));
    }
    if let Some(set) = phase.set.filter(|c| c.of > 1) {
        out.push(of(&strings.set_of, set.n, set.of));
    }
    out
}
