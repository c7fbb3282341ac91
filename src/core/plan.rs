//! A routine flattened into the exact sequence of phases a session runs.
//!
//! The session engine never looks at `Kind` or `Sides` again: every rule
//! about sides, sets, rests and get-ready lives here, so the state machine
//! only walks a list, and the list can be shown, tested and timed on its own.

use std::ops::Range;
use std::time::Duration;

use super::duration::Dur;
use super::limits::{MAX_PHASES, MAX_SESSION};
use super::routine::{Kind, Routine, Side, Step};

/// "n of N", counted from 1 because that is what the screen says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Count {
    pub n: u32,
    pub of: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PhaseKind {
    /// Countdown before a step, to get into position.
    GetReady,
    /// The whole of a `Timed` step.
    Work,
    /// One hold of a `Hold` step; of a hold "as long as possible"
    /// (`up_to`), its minimum.
    Hold,
    /// After the minimum of a hold "as long as possible": the hold counts
    /// up until the user lets go, or ends at the ceiling. The phase's
    /// `duration` is the time from the minimum to the ceiling, a deadline
    /// like any other; it counts as no planned time (see
    /// [`Phase::planned`]).
    HoldOn,
    /// Between two holds of a set.
    Rest,
    /// One beat of a rep, e.g. "Push".
    Beat { label: String },
    /// Between the two sides of a step; the phase's `side` is the side
    /// being switched to.
    SwitchSide,
    /// Between two sets.
    SetRest,
    /// After the step's last side, before the next step.
    RestAfter,
    /// A `Manual` step: no clock, the user says when they are done.
    WaitForUser,
}

impl PhaseKind {
    /// Phases in which the user does the exercise itself, as opposed to
    /// getting ready or resting. A step counts as started once one of these
    /// is reached.
    pub fn is_work(&self) -> bool {
        matches!(
            self,
            PhaseKind::Work
                | PhaseKind::Hold
                | PhaseKind::HoldOn
                | PhaseKind::Beat { .. }
                | PhaseKind::WaitForUser
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phase {
    /// Index of the step in [`Plan::steps`].
    pub step: usize,
    /// Index of the (step, side) pair in [`Plan::entries`] this phase
    /// belongs to. Get-ready belongs to the step's first side, switch-side
    /// to the side switched to, rest-after to the last side.
    pub entry: usize,
    pub kind: PhaseKind,
    pub side: Option<Side>,
    pub rep: Option<Count>,
    pub set: Option<Count>,
    /// Which beat of the rep, for `Beat` phases.
    pub beat: Option<Count>,
    /// `None`: waits for the user.
    pub duration: Option<Duration>,
}

impl Phase {
    /// True when finishing this phase completes one of the step's reps:
    /// a hold, the whole of a timed step, an answered manual step, or the
    /// last beat of a rep.
    pub fn ends_rep(&self) -> bool {
        match self.kind {
            PhaseKind::Work | PhaseKind::Hold | PhaseKind::WaitForUser => true,
            PhaseKind::Beat { .. } => self.beat.is_some_and(|b| b.n == b.of),
            _ => false,
        }
    }

    /// The time this phase adds to the plan's length: its duration, but
    /// nothing for the count-up of a hold "as long as possible", whose
    /// minimum is what is planned.
    pub fn planned(&self) -> Duration {
        match self.kind {
            PhaseKind::HoldOn => Duration::ZERO,
            _ => self.duration.unwrap_or_default(),
        }
    }
}

/// One step done on one side: the unit of results and of `StepDone`
/// records. A step with `Sides::None` or `Affected` has one entry, `Each`
/// and `AffectedFirst` have two.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    pub step: usize,
    pub side: Option<Side>,
    pub reps_planned: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("this routine has no variant `{0}`")]
    UnknownVariant(String),
    #[error("this routine has no steps")]
    NoSteps,
    /// Zero reps, sets or beats: validation refuses these, but a plan must
    /// not silently drop a step.
    #[error("step `{0}` has nothing to do (zero reps, sets or beats)")]
    EmptyStep(String),
    /// Over [`MAX_PHASES`]: validation refuses these, but a plan must not
    /// exhaust memory for a caller that skipped it.
    #[error("this session would have {0} phases; limber allows at most {MAX_PHASES}")]
    TooManyPhases(usize),
    /// Over [`MAX_SESSION`], refused for the same reason.
    #[error("this session would last {}; limber allows at most {}", Dur(*.0), Dur(MAX_SESSION))]
    TooLong(Duration),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    phases: Vec<Phase>,
    steps: Vec<Step>,
    entries: Vec<Entry>,
    /// First phase of each step, plus `phases.len()` at the end, so step
    /// `s` spans `step_start[s]..step_start[s + 1]`.
    step_start: Vec<usize>,
    /// Index of the last work phase of each step: the moment the step's
    /// work is complete, even if a rest follows.
    last_work: Vec<usize>,
    /// `left_after[i]`: planned time of the phases after phase `i`.
    left_after: Vec<Duration>,
    total: Duration,
    affected: Side,
    sided: bool,
    variant: Option<String>,
}

impl Plan {
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    pub fn phase(&self, index: usize) -> Option<&Phase> {
        self.phases.get(index)
    }

    /// The steps being run, for titles, instructions and cues.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Every (step, side) pair in order, with its planned reps.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Sum of every timed phase; waits for the user count as zero.
    pub fn total(&self) -> Duration {
        self.total
    }

    /// Planned time of the phases after `index` (zero past the end).
    pub fn left_after(&self, index: usize) -> Duration {
        self.left_after.get(index).copied().unwrap_or_default()
    }

    /// What the count-ups of holds "as long as possible" after `index` can
    /// add to [`Plan::left_after`] if each runs to its ceiling.
    pub fn extra_after(&self, index: usize) -> Duration {
        self.extra_from(index.saturating_add(1))
    }

    /// What the count-ups of the whole plan can add to [`Plan::total`].
    pub fn extra(&self) -> Duration {
        self.extra_from(0)
    }

    fn extra_from(&self, index: usize) -> Duration {
        self.phases
            .iter()
            .skip(index)
            .filter(|p| p.kind == PhaseKind::HoldOn)
            .fold(Duration::ZERO, |acc, p| {
                acc.saturating_add(p.duration.unwrap_or_default())
            })
    }

    /// The phases of step `step`.
    pub fn step_phases(&self, step: usize) -> Range<usize> {
        match (self.step_start.get(step), self.step_start.get(step + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }

    /// Index of the last work phase of `step`.
    pub fn last_work(&self, step: usize) -> Option<usize> {
        self.last_work.get(step).copied()
    }

    /// The entries of `step`, as a range into [`Plan::entries`].
    pub fn step_entries(&self, step: usize) -> Range<usize> {
        let start = self.entries.partition_point(|e| e.step < step);
        let end = self.entries.partition_point(|e| e.step <= step);
        start..end
    }

    pub fn affected(&self) -> Side {
        self.affected
    }

    /// Whether the routine asked which side is affected.
    pub fn sided(&self) -> bool {
        self.sided
    }

    pub fn variant(&self) -> Option<&str> {
        self.variant.as_deref()
    }
}

/// Builds the phase list for `routine` (or one of its variants) for a
/// patient whose affected side is `affected`.
///
/// Zero-length get-ready, rests and switch-side pauses are left out: a
/// phase that lasts no time would only flash on screen. The last step's
/// `rest_after` is left out too, because nothing follows it.
///
/// A plan over [`MAX_PHASES`] or [`MAX_SESSION`] is refused before any of
/// it is built.
pub fn expand(routine: &Routine, variant: Option<&str>, affected: Side) -> Result<Plan, PlanError> {
    let steps = routine
        .steps_for(variant)
        .ok_or_else(|| PlanError::UnknownVariant(variant.unwrap_or_default().to_string()))?;
    if steps.is_empty() {
        return Err(PlanError::NoSteps);
    }
    // Measured before anything is built, so an absurd routine costs no
    // more memory than its file.
    let size = size(routine, steps, affected);
    if size.phases > MAX_PHASES {
        return Err(PlanError::TooManyPhases(size.phases));
    }
    // The length limit counts holds "as long as possible" at their ceiling.
    let longest = size.total.saturating_add(ceilings(steps, affected));
    if longest > MAX_SESSION {
        return Err(PlanError::TooLong(longest));
    }
    let mut b = Builder::default();
    for (s, step) in steps.iter().enumerate() {
        b.step_start.push(b.phases.len());
        let sides = step.sides.order(affected);
        for (k, &side) in sides.iter().enumerate() {
            let entry = b.entries.len();
            b.entries.push(Entry {
                step: s,
                side,
                reps_planned: reps_planned(&step.kind),
            });
            let at = At {
                step: s,
                entry,
                side,
            };
            if k == 0 {
                let get_ready = step.get_ready.unwrap_or(routine.get_ready).0;
                b.timed(at, PhaseKind::GetReady, get_ready);
            } else {
                b.timed(at, PhaseKind::SwitchSide, routine.switch_side.0);
            }
            b.work(at, &step.kind);
        }
        let work = b.phases.iter().rposition(|p| p.kind.is_work());
        match work {
            Some(i) if b.phases[i].step == s => b.last_work.push(i),
            _ => return Err(PlanError::EmptyStep(step.id.clone())),
        }
        if s + 1 < steps.len() {
            let last = b.entries.len() - 1;
            let at = At {
                step: s,
                entry: last,
                side: b.entries[last].side,
            };
            b.timed(at, PhaseKind::RestAfter, step.rest_after.0);
        }
    }
    b.step_start.push(b.phases.len());

    let mut left_after = vec![Duration::ZERO; b.phases.len()];
    let mut acc = Duration::ZERO;
    for (i, p) in b.phases.iter().enumerate().rev() {
        left_after[i] = acc;
        acc += p.planned();
    }
    Ok(Plan {
        phases: b.phases,
        steps: steps.to_vec(),
        entries: b.entries,
        step_start: b.step_start,
        last_work: b.last_work,
        left_after,
        total: acc,
        affected,
        sided: routine.sided,
        variant: variant.map(str::to_string),
    })
}

fn reps_planned(kind: &Kind) -> u32 {
    match kind {
        Kind::Timed { .. } | Kind::Manual => 1,
        Kind::Hold { reps, sets, .. } => reps.saturating_mul(*sets),
        Kind::Reps { count, sets, .. } => count.saturating_mul(*sets),
    }
}

#[derive(Clone, Copy)]
struct At {
    step: usize,
    entry: usize,
    side: Option<Side>,
}

#[derive(Default)]
struct Builder {
    phases: Vec<Phase>,
    entries: Vec<Entry>,
    step_start: Vec<usize>,
    last_work: Vec<usize>,
}

impl Builder {
    fn push(&mut self, at: At, kind: PhaseKind, duration: Option<Duration>) -> &mut Phase {
        self.phases.push(Phase {
            step: at.step,
            entry: at.entry,
            kind,
            side: at.side,
            rep: None,
            set: None,
            beat: None,
            duration,
        });
        self.phases.last_mut().expect("just pushed")
    }

    /// A pause-like phase, left out when it lasts no time.
    fn timed(&mut self, at: At, kind: PhaseKind, d: Duration) -> Option<&mut Phase> {
        (!d.is_zero()).then(|| self.push(at, kind, Some(d)))
    }

    fn work(&mut self, at: At, kind: &Kind) {
        match kind {
            Kind::Timed { duration } => {
                self.push(at, PhaseKind::Work, Some(duration.0));
            }
            Kind::Manual => {
                self.push(at, PhaseKind::WaitForUser, None);
            }
            Kind::Hold {
                duration,
                reps,
                rest,
                sets,
                set_rest,
                up_to,
            } => {
                for j in 1..=*sets {
                    let set = Some(Count { n: j, of: *sets });
                    for i in 1..=*reps {
                        let rep = Some(Count { n: i, of: *reps });
                        let p = self.push(at, PhaseKind::Hold, Some(duration.0));
                        (p.rep, p.set) = (rep, set);
                        if let Some(up_to) = up_to {
                            // Validation keeps the ceiling above the
                            // minimum; a plan must not panic for a caller
                            // that skipped it.
                            let more = up_to.0.saturating_sub(duration.0);
                            let p = self.push(at, PhaseKind::HoldOn, Some(more));
                            (p.rep, p.set) = (rep, set);
                        }
                        if i < *reps
                            && let Some(p) = self.timed(at, PhaseKind::Rest, rest.0)
                        {
                            // The rest belongs to the rep just held.
                            (p.rep, p.set) = (rep, set);
                        }
                    }
                    if j < *sets
                        && let Some(p) = self.timed(at, PhaseKind::SetRest, set_rest.0)
                    {
                        p.set = set;
                    }
                }
            }
            Kind::Reps {
                count,
                tempo,
                sets,
                set_rest,
            } => {
                let beats = u32::try_from(tempo.len()).unwrap_or(u32::MAX);
                for j in 1..=*sets {
                    let set = Some(Count { n: j, of: *sets });
                    for i in 1..=*count {
                        let rep = Some(Count { n: i, of: *count });
                        for (b, beat) in (1..=beats).zip(tempo) {
                            let kind = PhaseKind::Beat {
                                label: beat.label.clone(),
                            };
                            let p = self.push(at, kind, Some(beat.duration.0));
                            (p.rep, p.set, p.beat) = (rep, set, Some(Count { n: b, of: beats }));
                        }
                    }
                    if j < *sets
                        && let Some(p) = self.timed(at, PhaseKind::SetRest, set_rest.0)
                    {
                        p.set = set;
                    }
                }
            }
        }
    }
}

mod size;
pub use size::{Length, Size, ceilings, length, size, step_ceiling, step_size};

#[cfg(test)]
mod tests;
