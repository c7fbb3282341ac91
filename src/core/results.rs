//! What a session achieved so far, step by step: the finish screen and the
//! `StepDone` records both read from here, so they cannot disagree.

use std::time::Duration;

use super::record::{Outcome, StepStatus};
use super::routine::Side;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryStatus {
    /// Never started (or restarted with Back and not started again).
    NotReached,
    /// The step being done now, work begun.
    InProgress,
    Done,
    Partial,
    Skipped,
}

impl From<StepStatus> for EntryStatus {
    fn from(s: StepStatus) -> Self {
        match s {
            StepStatus::Done => EntryStatus::Done,
            StepStatus::Partial => EntryStatus::Partial,
            StepStatus::Skipped => EntryStatus::Skipped,
        }
    }
}

/// One step on one side (see [`crate::core::plan::Entry`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryResult {
    pub step: usize,
    pub side: Option<Side>,
    pub status: EntryStatus,
    pub reps_done: u32,
    pub reps_planned: u32,
    /// A hold "as long as possible": the longest hold on this side so far.
    pub held: Option<Duration>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Results {
    /// One row per (step, side) of the plan, in plan order, always all of
    /// them.
    pub entries: Vec<EntryResult>,
    /// Time spent in running timed phases.
    pub active: Duration,
    /// Time paused by the user, plus time away (sleep, suspension).
    pub paused: Duration,
    /// Time spent on manual steps waiting for the user to say "ready":
    /// neither active (no clock ran) nor paused (the user was working).
    pub waiting: Duration,
    /// `None` while the session is not over.
    pub outcome: Option<Outcome>,
}

impl Results {
    /// The entries of one step.
    pub fn step(&self, step: usize) -> impl Iterator<Item = &EntryResult> {
        self.entries.iter().filter(move |e| e.step == step)
    }
}
