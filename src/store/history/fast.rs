//! A faster reader for one log line.
//!
//! `LogLine` flattens its tagged `Event`, and serde reads flattened fields
//! through a buffered generic map: about 9 µs a line, close to a second for
//! ten years of history. This reader takes every field any event has in one
//! flat struct and builds the event itself. It must accept exactly what
//! `LogLine`'s own `Deserialize` accepts; when it cannot read a line, the
//! caller falls back to the derived reader, which then also gives the error
//! message. `tests/history_store.rs` checks both agree.

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use crate::core::record::{Event, LogLine, Outcome, RoutineRef, StepStatus};
use crate::core::routine::Side;

#[derive(Deserialize)]
struct Flat {
    v: u32,
    id: String,
    session: String,
    at: DateTime<FixedOffset>,
    routine: RoutineRef,
    event: String,
    // Option<Option<_>>: a field present as `null` differs from one absent
    // only where the derived reader requires it, which is checked below.
    side: Option<Option<Side>>,
    variant: Option<Option<String>>,
    pain_before: Option<Option<u8>>,
    index: Option<usize>,
    step: Option<String>,
    reps_done: Option<u32>,
    reps_planned: Option<u32>,
    status: Option<StepStatus>,
    outcome: Option<Outcome>,
    active_ms: Option<u64>,
    paused_ms: Option<u64>,
    pain_after: Option<Option<u8>>,
    note: Option<Option<String>>,
}

/// The line, or `None` if this reader is unsure (the caller then uses the
/// derived reader).
pub(super) fn parse(raw: &[u8]) -> Option<LogLine> {
    let f: Flat = serde_json::from_slice(raw).ok()?;
    let event = match f.event.as_str() {
        "session_started" => Event::SessionStarted {
            side: f.side.flatten(),
            variant: f.variant.flatten(),
            pain_before: f.pain_before.flatten(),
        },
        "step_done" => Event::StepDone {
            index: f.index?,
            step: f.step?,
            side: f.side.flatten(),
            reps_done: f.reps_done?,
            reps_planned: f.reps_planned?,
            status: f.status?,
        },
        "session_ended" => Event::SessionEnded {
            outcome: f.outcome?,
            active_ms: f.active_ms?,
            paused_ms: f.paused_ms?,
        },
        "feedback" => Event::Feedback {
            pain_after: f.pain_after.flatten(),
            note: f.note.flatten(),
        },
        _ => return None,
    };
    Some(LogLine {
        v: f.v,
        id: f.id,
        session: f.session,
        at: f.at,
        routine: f.routine,
        event,
    })
}
