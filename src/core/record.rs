//! What goes into the session log: one `LogLine` per event.
//!
//! The engine produces the [`Event`] payloads; the shell wraps each in a
//! [`LogLine`] with ids, the wall-clock time and the routine reference,
//! because only the shell knows the time of day.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use super::prescription::PrescriptionRef;
use super::routine::{Routine, Side};

/// Version of the log line format, written in every line.
pub const LOG_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogLine {
    /// Format version ([`LOG_VERSION`]).
    pub v: u32,
    /// Unique id of this event.
    pub id: String,
    /// Id shared by all events of one session.
    pub session: String,
    /// Local time with its UTC offset.
    pub at: DateTime<FixedOffset>,
    pub routine: RoutineRef,
    #[serde(flatten)]
    pub event: Event,
}

/// Which routine, exactly, a session followed: a later edit changes the
/// hash, so old sessions keep their meaning.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoutineRef {
    pub id: String,
    pub version: u32,
    /// Hex SHA-256 of the routine's canonical form.
    pub hash: String,
}

impl RoutineRef {
    /// The id, version and content hash of `routine`. The hash is of the
    /// canonical serialization, so comments and layout do not change it.
    pub fn of(routine: &Routine) -> RoutineRef {
        use sha2::{Digest, Sha256};
        let canonical = ron::to_string(routine).unwrap_or_default();
        let digest = Sha256::digest(canonical.as_bytes());
        RoutineRef {
            id: routine.id.clone(),
            version: routine.version,
            hash: digest.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    SessionStarted {
        side: Option<Side>,
        variant: Option<String>,
        pain_before: Option<u8>,
        /// How many steps the plan has, so a session stopped early still
        /// reads "1 of 7 steps". Absent in logs from before it was kept.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        steps_planned: Option<u32>,
        /// The dose in force of each step the routine's progression rule
        /// names (`core::progression`); absent without a rule.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        dose: Vec<super::progression::StepDose>,
        /// The signed prescription the routine came from, and its version;
        /// absent for a routine nobody prescribed, and in older logs.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prescription: Option<PrescriptionRef>,
    },
    StepDone {
        /// Position of the step in the routine (or variant), from 0.
        index: usize,
        step: String,
        side: Option<Side>,
        reps_done: u32,
        reps_planned: u32,
        status: StepStatus,
        /// A hold "as long as possible": the longest hold on this side,
        /// its minimum and count-up together, in milliseconds. Absent for
        /// other steps and in logs from before it was kept.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        held_ms: Option<u64>,
    },
    SessionEnded {
        outcome: Outcome,
        active_ms: u64,
        paused_ms: u64,
    },
    /// Written after the finish screen: how it felt.
    Feedback {
        pain_after: Option<u8>,
        note: Option<String>,
    },
    /// Pain during a step that asks for it (`ask_pain`), answered right
    /// after the step: 0-10. `kept` when the patient pressed Enter to keep
    /// the previous score ("no change") rather than typing one.
    StepPain {
        /// Position of the step in the routine (or variant), from 0.
        index: usize,
        step: String,
        side: Option<Side>,
        pain: u8,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        kept: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Every planned phase ran to its end.
    Done,
    /// Started, then skipped part way.
    Partial,
    /// Skipped before any work.
    Skipped,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "outcome", content = "reason", rename_all = "snake_case")]
pub enum Outcome {
    Completed,
    /// Ran to the end, but a required step (or one side of it) was
    /// skipped or cut short: logged, and counted toward nothing.
    CompletedWithSkips,
    Stopped(StopReason),
    /// Left without saying why (quit, Ctrl-C, the terminal closed).
    Abandoned,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    Pain,
    Other,
}
