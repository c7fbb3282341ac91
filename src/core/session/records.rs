//! What the engine records: each (step, side) as it ended, the session's
//! end, and the longest hold of a hold "as long as possible".

use std::time::Duration;

use super::{Effect, Ending, Session, State};
use crate::core::plan::PhaseKind;
use crate::core::record::{Event, Outcome, StepStatus};
use crate::core::routine::Kind;

impl Session {
    /// Whether a step the routine requires (not `optional`) ended, on
    /// some side, other than done: its last record decides, so a step
    /// redone after Back counts as it ended the second time.
    pub(super) fn skipped_required(&self) -> bool {
        self.plan.entries().iter().zip(&self.tracks).any(|(e, t)| {
            !self.plan.steps()[e.step].optional
                && t.logged.map(|(status, _)| status) != Some(StepStatus::Done)
        })
    }

    /// Records each side of `step` as it stands.
    pub(super) fn end_step(&mut self, step: usize, ending: Ending, fx: &mut Vec<Effect>) {
        for e in self.plan.step_entries(step) {
            self.end_entry(e, ending, fx);
        }
    }

    /// Records one (step, side) entry as it stands.
    pub(super) fn end_entry(&mut self, e: usize, ending: Ending, fx: &mut Vec<Effect>) {
        let entry = &self.plan.entries()[e];
        let t = &mut self.tracks[e];
        let status = if t.reps_done >= entry.reps_planned {
            StepStatus::Done
        } else if t.reached {
            StepStatus::Partial
        } else if t.logged.is_some() || ending == Ending::SessionOver {
            // Not reached this time: an earlier record stands, and a side
            // the session never got to is simply not reached.
            return;
        } else {
            StepStatus::Skipped
        };
        t.logged = Some((status, t.reps_done));
        t.logged_hold = t.best_hold;
        fx.push(Effect::Record(Event::StepDone {
            index: entry.step,
            step: self.plan.steps()[entry.step].id.clone(),
            side: entry.side,
            reps_done: t.reps_done,
            reps_planned: entry.reps_planned,
            status,
            held_ms: t.best_hold.map(millis),
        }));
    }

    pub(super) fn finish(&mut self, outcome: Outcome, fx: &mut Vec<Effect>) {
        self.state = match outcome {
            Outcome::Completed => State::Finished,
            Outcome::CompletedWithSkips => State::FinishedWithSkips,
            Outcome::Stopped(r) => State::Stopped(r),
            Outcome::Abandoned => State::Abandoned,
        };
        fx.push(match outcome {
            Outcome::Completed | Outcome::CompletedWithSkips => Effect::Finished,
            Outcome::Stopped(r) => Effect::Stopped(r),
            Outcome::Abandoned => Effect::Abandoned,
        });
        fx.push(Effect::Record(Event::SessionEnded {
            outcome,
            active_ms: millis(self.active),
            paused_ms: millis(self.paused),
        }));
    }

    /// Whether phase `index` belongs to a hold "as long as possible".
    pub(super) fn until_release(&self, index: usize) -> bool {
        let step = self.plan.phases()[index].step;
        matches!(
            self.plan.steps()[step].kind,
            Kind::Hold { up_to: Some(_), .. }
        )
    }

    /// `ran` of phase `index` was held: adds it to the hold under way when
    /// the phase is the minimum or count-up of a hold "as long as
    /// possible".
    pub(super) fn held(&mut self, index: usize, ran: Duration) {
        let p = &self.plan.phases()[index];
        if !matches!(p.kind, PhaseKind::Hold | PhaseKind::HoldOn) || !self.until_release(index) {
            return;
        }
        let t = &mut self.tracks[p.entry];
        t.hold_run = t.hold_run.saturating_add(ran);
        t.best_hold = Some(t.best_hold.unwrap_or_default().max(t.hold_run));
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
