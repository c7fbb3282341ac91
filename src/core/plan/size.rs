//! How big and how long a plan is, by arithmetic, without building it:
//! the checks measure any routine in the time it takes to read it, and
//! every place that shows a routine's length writes it by one rule.

use std::time::Duration;

use super::super::duration::Dur;
use super::super::routine::{Kind, Routine, Side, Step};

/// How many phases a plan has and how long they last.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Size {
    pub phases: usize,
    /// As [`Plan::total`]: waits for the user count as zero.
    pub total: Duration,
}

impl Size {
    /// One phase of `d`, or none when it lasts no time, as [`expand`](super::expand)
    /// leaves out zero-length pauses.
    fn pause(d: Dur) -> Size {
        if d.is_zero() {
            Size::default()
        } else {
            Size::one(d.0)
        }
    }

    fn one(total: Duration) -> Size {
        Size { phases: 1, total }
    }

    /// This, then `next`. Saturating, so that any routine gets an answer,
    /// however absurd.
    pub fn then(self, next: Size) -> Size {
        Size {
            phases: self.phases.saturating_add(next.phases),
            total: self.total.saturating_add(next.total),
        }
    }

    fn times(self, n: u32) -> Size {
        Size {
            phases: self.phases.saturating_mul(n as usize),
            total: self.total.saturating_mul(n),
        }
    }
}

/// The size of what [`expand`](super::expand) builds from `steps` (the routine's or a
/// variant's) for a patient whose affected side is `affected`, by
/// arithmetic, without building it: checks can measure a routine of any
/// size in the time it takes to read it. Left and right give the same
/// size, since a step has as many sides whichever it is; with
/// [`Side::Both`], affected-only steps run on two sides.
pub fn size(routine: &Routine, steps: &[Step], affected: Side) -> Size {
    let last = steps.len().saturating_sub(1);
    steps
        .iter()
        .enumerate()
        .fold(Size::default(), |acc, (s, step)| {
            acc.then(step_size(routine, step, s == last, affected))
        })
}

/// The phases of one step in [`expand`](super::expand) for a patient whose affected side
/// is `affected`: its get-ready, its work on each side with the
/// switch-side pauses between, and its rest after unless it is the `last`
/// step.
pub fn step_size(routine: &Routine, step: &Step, last: bool, affected: Side) -> Size {
    let sides = step.sides.order(affected).len() as u32;
    let rest_after = if last {
        Size::default()
    } else {
        Size::pause(step.rest_after)
    };
    Size::pause(step.get_ready.unwrap_or(routine.get_ready))
        .then(Size::pause(routine.switch_side).times(sides - 1))
        .then(work_size(&step.kind).times(sides))
        .then(rest_after)
}

/// How long a routine takes, as every place that shows it writes it: the
/// planned length, with every hold "as long as possible" at its minimum,
/// and what those holds can add if each runs to its ceiling. The total
/// never counts the extra, so it does not jump when a hold passes its
/// minimum; the extra is shown beside it ("+ up to 5 min").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Length {
    pub planned: Duration,
    pub extra: Duration,
}

/// The [`Length`] of `routine`'s main steps (`variant` `None`) or of a
/// variant, for a patient affected on one side; zero for an unknown
/// variant. By arithmetic, as [`size`]: cheap enough for every frame.
pub fn length(routine: &Routine, variant: Option<&str>) -> Length {
    let Some(steps) = routine.steps_for(variant) else {
        return Length::default();
    };
    Length {
        planned: size(routine, steps, Side::Left).total,
        extra: ceilings(steps, Side::Left),
    }
}

/// How much longer than [`Size::total`] the session can last when every
/// hold "as long as possible" runs to its ceiling: what the session-length
/// limit counts on top of the planned length.
pub fn ceilings(steps: &[Step], affected: Side) -> Duration {
    steps.iter().fold(Duration::ZERO, |acc, step| {
        let sides = step.sides.order(affected).len() as u32;
        acc.saturating_add(step_ceiling(&step.kind).saturating_mul(sides))
    })
}

/// One side of a step: what its holds "as long as possible" can add past
/// their minimum.
pub fn step_ceiling(kind: &Kind) -> Duration {
    match kind {
        Kind::Hold {
            duration,
            reps,
            sets,
            up_to: Some(up_to),
            ..
        } => up_to
            .0
            .saturating_sub(duration.0)
            .saturating_mul(*reps)
            .saturating_mul(*sets),
        _ => Duration::ZERO,
    }
}

/// The phases of one side of a step, as `Builder::work` pushes them.
fn work_size(kind: &Kind) -> Size {
    match kind {
        Kind::Timed { duration } => Size::one(duration.0),
        Kind::Manual => Size::one(Duration::ZERO),
        Kind::Hold {
            duration,
            reps,
            rest,
            sets,
            set_rest,
            up_to,
        } => {
            // A hold "as long as possible" has one more phase, its
            // count-up, planned as no time.
            let hold = match up_to {
                Some(_) => Size::one(duration.0).then(Size::one(Duration::ZERO)),
                None => Size::one(duration.0),
            };
            let set = hold
                .times(*reps)
                .then(Size::pause(*rest).times(reps.saturating_sub(1)));
            set.times(*sets)
                .then(Size::pause(*set_rest).times(sets.saturating_sub(1)))
        }
        Kind::Reps {
            count,
            tempo,
            sets,
            set_rest,
        } => {
            let rep = tempo
                .iter()
                .fold(Size::default(), |acc, b| acc.then(Size::one(b.duration.0)));
            rep.times(*count)
                .times(*sets)
                .then(Size::pause(*set_rest).times(sets.saturating_sub(1)))
        }
    }
}
