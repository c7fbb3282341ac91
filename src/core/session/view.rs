//! Read-only views of a session for the screen and the finish page.

use std::time::Duration;

use super::{CUE_HALFWAY, Meta, Session, State, has_halfway_cue};
use crate::core::clock::{Mono, shown_secs};
use crate::core::plan::{Length, Phase, PhaseKind, Plan};
use crate::core::results::{EntryResult, EntryStatus, Results};

impl Session {
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// The current phase and its index, while the session is under way.
    pub fn current(&self) -> Option<(usize, &Phase)> {
        let i = self.state.phase()?;
        Some((i, &self.plan.phases()[i]))
    }

    /// The phase after the current one ("next up"); before the start, the
    /// first phase.
    pub fn next_phase(&self) -> Option<(usize, &Phase)> {
        let i = match self.state {
            State::NotStarted => 0,
            s => s.phase()? + 1,
        };
        self.plan.phase(i).map(|p| (i, p))
    }

    /// Time left in the current timed phase; `None` on a manual phase or
    /// when no phase is current. Screens should round it up, so that "1"
    /// shows until the very end and "0" never does; [`Session::next_wake`]
    /// assumes that rounding.
    pub fn remaining(&self, now: Mono) -> Option<Duration> {
        match self.state {
            State::Running { deadline, .. } => Some(deadline.since(now)),
            State::Paused { remaining, .. } => Some(remaining),
            _ => None,
        }
    }

    /// How far through the current phase, from 0 to 1; a manual phase
    /// stays at 0.
    pub fn progress(&self, now: Mono) -> Option<f64> {
        let (_, p) = self.current()?;
        let (Some(d), Some(left)) = (p.duration, self.remaining(now)) else {
            return Some(0.0);
        };
        if d.is_zero() {
            return Some(1.0);
        }
        Some((1.0 - left.as_secs_f64() / d.as_secs_f64()).clamp(0.0, 1.0))
    }

    /// Planned time still ahead: the rest of this phase and every later
    /// one (manual phases count as zero), every hold "as long as possible"
    /// at its minimum. A count-up under way counts as zero, so the total
    /// does not jump up when a hold passes its minimum: what it may add is
    /// in [`Session::left`].
    pub fn time_left(&self, now: Mono) -> Duration {
        match self.state {
            State::NotStarted => self.plan.total(),
            s => match s.phase() {
                Some(i) => self.remaining_planned(i, now) + self.plan.left_after(i),
                None => Duration::ZERO,
            },
        }
    }

    /// [`Session::time_left`], and what the holds "as long as possible"
    /// still ahead (the one under way included) can add past it: the
    /// session screen's "left in total", written by the one rule for
    /// lengths.
    pub fn left(&self, now: Mono) -> Length {
        let extra = match self.state {
            State::NotStarted => self.plan.extra(),
            s => match s.phase() {
                Some(i) => {
                    let here = match self.plan.phases()[i].kind {
                        PhaseKind::HoldOn => self.remaining(now).unwrap_or_default(),
                        _ => Duration::ZERO,
                    };
                    here.saturating_add(self.plan.extra_after(i))
                }
                None => Duration::ZERO,
            },
        };
        Length {
            planned: self.time_left(now),
            extra,
        }
    }

    /// What is left of phase `i`'s planned time: nothing of a count-up.
    fn remaining_planned(&self, i: usize, now: Mono) -> Duration {
        match self.plan.phases()[i].kind {
            PhaseKind::HoldOn => Duration::ZERO,
            _ => self.remaining(now).unwrap_or_default(),
        }
    }

    /// The next moment the screen must change: when the rounded-up
    /// remaining time drops by a second, a cue falls due, or the phase
    /// ends. `None` when nothing counts down, so the shell can block until
    /// a key arrives.
    pub fn next_wake(&self, now: Mono) -> Option<Mono> {
        let State::Running { phase, deadline } = self.state else {
            return None;
        };
        let left = deadline.since(now);
        if left.is_zero() {
            return Some(deadline);
        }
        // When the shown second drops: one whole second less is left.
        let whole = Duration::from_secs(shown_secs(left) - 1);
        let mut wake = Mono(deadline.0 - whole);
        let p = &self.plan.phases()[phase];
        let d = p.duration.unwrap_or_default();
        if has_halfway_cue(p) && self.cues & CUE_HALFWAY == 0 && left > d / 2 {
            wake = wake.min(Mono(deadline.0 - d / 2));
        }
        Some(wake)
    }

    /// In a hold "as long as possible" (its minimum or its count-up): how
    /// long the hold under way has lasted by `now`, pauses not counted.
    pub fn holding(&self, now: Mono) -> Option<Duration> {
        let (i, p) = self.current()?;
        if !matches!(p.kind, PhaseKind::Hold | PhaseKind::HoldOn) || !self.until_release(i) {
            return None;
        }
        let d = p.duration.unwrap_or_default();
        let ran = d.saturating_sub(self.remaining(now).unwrap_or(d));
        Some(self.tracks[p.entry].hold_run + ran)
    }

    /// Active time up to `now` (see the module docs).
    pub fn active(&self, now: Mono) -> Duration {
        let duration = |i: usize| self.plan.phases()[i].duration.unwrap_or_default();
        self.active
            + match self.state {
                State::Running { phase, deadline } => {
                    duration(phase).saturating_sub(deadline.since(now))
                }
                State::Paused {
                    phase, remaining, ..
                } => duration(phase).saturating_sub(remaining),
                _ => Duration::ZERO,
            }
    }

    /// Paused time up to `now`, time away included.
    pub fn paused(&self, now: Mono) -> Duration {
        self.paused_at(now)
    }

    /// Time on manual steps up to `now`.
    pub fn waiting(&self, now: Mono) -> Duration {
        match self.state {
            State::Waiting { since, .. } => self.waiting + now.since(since),
            _ => self.waiting,
        }
    }

    /// Every (step, side) with its status so far.
    pub fn results(&self, now: Mono) -> Results {
        let current = self.current().map(|(_, p)| p.step);
        let entries = self
            .plan
            .entries()
            .iter()
            .zip(&self.tracks)
            .map(|(e, t)| {
                let live = current == Some(e.step) && (t.reached || t.reps_done > 0);
                let (status, reps_done, held) = if live && t.reps_done >= e.reps_planned {
                    (EntryStatus::Done, t.reps_done, t.best_hold)
                } else if live {
                    (EntryStatus::InProgress, t.reps_done, t.best_hold)
                } else if let Some((s, reps)) = t.logged {
                    (s.into(), reps, t.logged_hold)
                } else {
                    (EntryStatus::NotReached, 0, None)
                };
                EntryResult {
                    step: e.step,
                    side: e.side,
                    status,
                    reps_done,
                    reps_planned: e.reps_planned,
                    held,
                }
            })
            .collect();
        Results {
            entries,
            active: self.active(now),
            paused: self.paused(now),
            waiting: self.waiting(now),
            outcome: self.state.outcome(),
        }
    }
}
