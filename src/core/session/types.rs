//! The engine's vocabulary: what the shell sends in (commands), what comes
//! back (effects), and the states in between.

use std::time::Duration;

use crate::core::clock::Mono;
use crate::core::plan::Plan;
use crate::core::record::{Event, Outcome, StopReason};
use crate::core::routine::Side;

/// What the `SessionStarted` record says about the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub side: Option<Side>,
    pub variant: Option<String>,
    pub pain_before: Option<u8>,
    pub steps_planned: u32,
    /// The dose in force of the steps a progression rule names, which
    /// the plan was built with (`core::progression`).
    pub dose: Vec<crate::core::progression::StepDose>,
    /// The prescription the routine came from, if any.
    pub prescription: Option<crate::core::record::PrescriptionRef>,
}

impl Meta {
    /// Side and variant as the plan was expanded, so they cannot disagree.
    pub fn for_plan(plan: &Plan, pain_before: Option<u8>) -> Meta {
        Meta {
            side: plan.sided().then_some(plan.affected()),
            variant: plan.variant().map(str::to_string),
            pain_before,
            steps_planned: u32::try_from(plan.steps().len()).unwrap_or(u32::MAX),
            dose: Vec::new(),
            prescription: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Start,
    /// Only a running countdown pauses: a manual step has nothing to stop.
    Pause,
    Resume,
    /// Pause when running, resume when paused: the Space key.
    TogglePause,
    /// Skip the rest of the current step. On the last step this finishes
    /// the session (as completed; the records show the skip). When paused,
    /// the session stays paused at the start of the next step.
    Next,
    /// Restart the current step, or go to the previous one if this step
    /// began less than [`BACK_TO_PREVIOUS`](super::BACK_TO_PREVIOUS) ago.
    /// Either way the step starts again from its get-ready; a pause stays
    /// on.
    Back,
    /// The user stopped, saying why.
    Stop(StopReason),
    /// The user left without a reason (quit, Ctrl-C). Before Start there
    /// is nothing to close, so it does nothing.
    Abandon,
    /// The user is done with a manual step.
    Ready,
    /// Time passed; catch up with it.
    Tick,
    /// The machine slept or the process was suspended from `since` until
    /// now: the session pauses as it was at `since`.
    TimeAway {
        since: Mono,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Phase `index` of the plan began; announce it.
    PhaseStarted {
        index: usize,
    },
    /// The running phase has `secs` (3, 2 or 1) seconds left. When ticks
    /// come late, only the lowest number reached is sent.
    Countdown {
        secs: u8,
    },
    /// The running hold or timed work is half done.
    Halfway,
    /// A switch-side phase began.
    SwitchSide {
        to: Side,
    },
    /// The step's last hold, rep or work phase ended (a rest may follow).
    StepCompleted {
        step: usize,
    },
    /// Next left this step before its work was complete.
    StepSkipped {
        step: usize,
    },
    Paused,
    Resumed,
    /// The shell reported time away; the session is now paused (or, on a
    /// manual step, still waiting). Implies `Paused`, which is not sent too.
    TimeAway {
        gap: Duration,
    },
    Finished,
    Stopped(StopReason),
    Abandoned,
    /// A payload for the session log.
    Record(Event),
    /// The work of side `entry` (of [`Plan::entries`]) of a step with
    /// `ask_pain` ended: ask for pain during it. `paused`: the session
    /// paused for the question, and resumes when it is answered.
    AskPain {
        entry: usize,
        paused: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    NotStarted,
    /// A timed phase counting down to `deadline`.
    Running {
        phase: usize,
        deadline: Mono,
    },
    /// A timed phase stopped with `remaining` left, since `since`.
    Paused {
        phase: usize,
        remaining: Duration,
        since: Mono,
    },
    /// A manual phase waiting for [`Command::Ready`], since `since`.
    Waiting {
        phase: usize,
        since: Mono,
    },
    /// Ran to the end of the plan, every required step done.
    Finished,
    /// Ran to the end of the plan with a required step skipped.
    FinishedWithSkips,
    Stopped(StopReason),
    Abandoned,
}

impl State {
    /// The current phase, while the session is under way.
    pub fn phase(&self) -> Option<usize> {
        match *self {
            State::Running { phase, .. }
            | State::Paused { phase, .. }
            | State::Waiting { phase, .. } => Some(phase),
            _ => None,
        }
    }

    pub fn outcome(&self) -> Option<Outcome> {
        match *self {
            State::Finished => Some(Outcome::Completed),
            State::FinishedWithSkips => Some(Outcome::CompletedWithSkips),
            State::Stopped(r) => Some(Outcome::Stopped(r)),
            State::Abandoned => Some(Outcome::Abandoned),
            _ => None,
        }
    }
}
