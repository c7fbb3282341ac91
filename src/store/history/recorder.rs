//! Session ids and log lines: a pure stamper, no IO and no buffer (the
//! shell's journal keeps what the log has not taken yet).

use chrono::{DateTime, FixedOffset};

use crate::core::record::{Event, LOG_VERSION, LogLine, RoutineRef};

/// Turns the engine's events for one session into log lines. Keeps
/// nothing but the session and the last sequence number: a line the log
/// refuses is the caller's to keep (the shell's journal does).
#[derive(Clone, Debug)]
pub struct Recorder {
    session: String,
    routine: RoutineRef,
    seq: u64,
}

impl Recorder {
    /// A new session of `routine` starting at `started` (local time with its
    /// offset), in the process `process` as its `nth` session. The session
    /// id is the start time in ns, the process id and that counter: unique
    /// across processes without a new crate, and the caller, not a global
    /// here, owns the counter. Outside the ±292 years around 1970 that ns in
    /// an i64 can hold, the time is seconds and ns apart (`s<secs>.<ns>`),
    /// so ids stay unique.
    pub fn new(
        routine: RoutineRef,
        started: DateTime<FixedOffset>,
        process: u32,
        nth: u64,
    ) -> Self {
        let time = match started.timestamp_nanos_opt() {
            Some(ns) => format!("{ns:x}"),
            None => format!(
                "s{:x}.{:x}",
                started.timestamp(),
                started.timestamp_subsec_nanos()
            ),
        };
        Self::with_session_id(routine, format!("{time}-{process:x}-{nth:x}"))
    }

    /// A recorder with a chosen session id (tests).
    pub fn with_session_id(routine: RoutineRef, session: impl Into<String>) -> Self {
        Recorder {
            session: session.into(),
            routine,
            seq: 0,
        }
    }

    pub fn session_id(&self) -> &str {
        &self.session
    }

    /// Wraps `event` in a log line at `at`. Ids are `session/sequence`, so
    /// they are unique and sort in the order they were stamped.
    pub fn stamp(&mut self, event: Event, at: DateTime<FixedOffset>) -> LogLine {
        self.seq += 1;
        LogLine {
            v: LOG_VERSION,
            id: format!("{}/{}", self.session, self.seq),
            session: self.session.clone(),
            at,
            routine: self.routine.clone(),
            event,
        }
    }
}
