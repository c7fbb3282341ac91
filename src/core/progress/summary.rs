//! From log lines to sessions: each session's outcome, steps and pain,
//! the range the log's values must keep, and the pain trend over them.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::core::record::{Event, LogLine, Outcome, RoutineRef, StepStatus, StopReason};
use crate::core::routine::Side;

/// How a session ended, as the history shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionOutcome {
    Completed,
    /// Ran to the end with a required step skipped: shown, never counted.
    CompletedWithSkips,
    Stopped(StopReason),
    Abandoned,
    /// No `SessionEnded` was logged: the program died mid-session.
    Interrupted,
}

impl SessionOutcome {
    /// The stable code CSV and JSON write, the same in every language:
    /// `completed`, `completed_with_skips`, `stopped`, `abandoned`,
    /// `interrupted` (a stop's reason
    /// is a field of its own). People read `i18n::HistoryStrings::outcome`.
    pub fn code(self) -> &'static str {
        match self {
            SessionOutcome::Completed => "completed",
            SessionOutcome::CompletedWithSkips => "completed_with_skips",
            SessionOutcome::Stopped(_) => "stopped",
            SessionOutcome::Abandoned => "abandoned",
            SessionOutcome::Interrupted => "interrupted",
        }
    }
}

impl From<Outcome> for SessionOutcome {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Completed => SessionOutcome::Completed,
            Outcome::CompletedWithSkips => SessionOutcome::CompletedWithSkips,
            Outcome::Stopped(r) => SessionOutcome::Stopped(r),
            Outcome::Abandoned => SessionOutcome::Abandoned,
        }
    }
}

/// One step as logged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepSummary {
    pub index: usize,
    pub step: String,
    pub side: Option<Side>,
    pub reps_done: u32,
    pub reps_planned: u32,
    pub status: StepStatus,
    /// A hold "as long as possible": the longest hold on this side, in
    /// milliseconds (see `Event::StepDone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_ms: Option<u64>,
}

/// Everything the log says about one session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: String,
    pub routine: RoutineRef,
    pub variant: Option<String>,
    pub side: Option<Side>,
    /// When it started, in the offset it was recorded in.
    pub started_at: DateTime<FixedOffset>,
    /// The day it counts for: `started_at`'s date in its own offset.
    pub local_date: NaiveDate,
    pub outcome: SessionOutcome,
    pub steps: Vec<StepSummary>,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    pub note: Option<String>,
    /// Time spent exercising, from `SessionEnded` (zero if interrupted).
    pub active_ms: u64,
    pub paused_ms: u64,
    /// Steps in the plan, from `SessionStarted` (absent in older logs).
    #[serde(default)]
    pub steps_planned: Option<u32>,
    /// Pain during the steps that ask for it, in the order answered; a
    /// step answered again (after Back) keeps its last answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub step_pain: Vec<StepPain>,
    /// The dose in force of the steps a progression rule names, from
    /// `SessionStarted` (empty without a rule, and in older logs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dose: Vec<crate::core::progression::StepDose>,
    /// The prescription and version the session ran under (`SessionStarted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prescription: Option<crate::core::record::PrescriptionRef>,
}

/// One answer to a step's `ask_pain` (see `Event::StepPain`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepPain {
    pub index: usize,
    pub step: String,
    pub side: Option<Side>,
    pub pain: u8,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kept: bool,
}

/// Steps done against steps planned: "3 of 7".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepCounts {
    pub done: u32,
    pub planned: u32,
}

impl SessionSummary {
    /// Whether the session counts toward the daily target and the course:
    /// it ran to the end with every required step done. This is the one
    /// place that rule lives; docs/ROUTINE_FORMAT.md states it.
    pub fn is_completed(&self) -> bool {
        self.outcome == SessionOutcome::Completed
    }

    /// Steps done of the plan's steps. A step is done when every side of
    /// it ended done; each step is counted once, by its last record. Older
    /// logs, without the plan's count, count the steps they logged.
    pub fn step_counts(&self) -> StepCounts {
        let mut indices: Vec<usize> = self.steps.iter().map(|s| s.index).collect();
        indices.sort_unstable();
        indices.dedup();
        let done = indices
            .iter()
            .filter(|&&i| {
                self.steps
                    .iter()
                    .filter(|s| s.index == i)
                    .all(|s| s.status == StepStatus::Done)
            })
            .count();
        let done = u32::try_from(done).unwrap_or(u32::MAX);
        let logged = u32::try_from(indices.len()).unwrap_or(u32::MAX);
        StepCounts {
            done,
            planned: self.steps_planned.unwrap_or(logged).max(logged),
        }
    }
}

/// The order lines of one session were stamped in: time, then the sequence
/// number at the end of the id (`session/7`), then the id itself, so any
/// shuffle of the file gives the same order.
type LineKey<'a> = (DateTime<FixedOffset>, u64, &'a str);

fn line_key(l: &LogLine) -> LineKey<'_> {
    let seq =
        l.id.rsplit(['/', '-'])
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(u64::MAX);
    (l.at, seq, l.id.as_str())
}

/// The highest pain a log may record (0–10); more is damage, not pain.
pub const PAIN_MAX: u8 = 10;

/// A value in the log outside its range, ignored by the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutOfRange {
    pub session: String,
    /// `pain_before` or `pain_after`.
    pub field: &'static str,
    pub value: u8,
}

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "session {}: {} {} is outside 0-{PAIN_MAX}; ignored",
            self.session, self.field, self.value
        )
    }
}

/// Groups log lines into sessions, oldest first. Order of `lines` and
/// duplicate event ids do not matter. A pain outside 0–10 is dropped, so
/// it is never averaged; [`out_of_range`] says which.
pub fn summarize(lines: &[LogLine]) -> Vec<SessionSummary> {
    let mut sessions = summarize_raw(lines);
    drop_out_of_range(&mut sessions);
    sessions
}

/// Every value of `lines` out of its range, which [`summarize`] ignores.
pub fn out_of_range(lines: &[LogLine]) -> Vec<OutOfRange> {
    drop_out_of_range(&mut summarize_raw(lines))
}

/// Whether `pain` is a pain score at all: the one home of the range rule.
pub fn pain_in_range(pain: u8) -> bool {
    pain <= PAIN_MAX
}

/// Takes every pain outside 0–[`PAIN_MAX`] out of `sessions`, and says
/// which. Summaries the log kept go through it too when read, so a value
/// edited into the database is never averaged either.
pub fn drop_out_of_range(sessions: &mut [SessionSummary]) -> Vec<OutOfRange> {
    let mut problems = Vec::new();
    for s in sessions {
        for (field, value) in [
            ("pain_before", &mut s.pain_before),
            ("pain_after", &mut s.pain_after),
        ] {
            if let Some(v) = *value
                && !pain_in_range(v)
            {
                problems.push(OutOfRange {
                    session: s.id.clone(),
                    field,
                    value: v,
                });
                *value = None;
            }
        }
    }
    problems
}

fn summarize_raw(lines: &[LogLine]) -> Vec<SessionSummary> {
    // foldhash, seeded per process: a ten-year log has 15,000 sessions.
    // Each line's key is computed once, not at every comparison.
    type Keyed<'a> = (LineKey<'a>, &'a LogLine);
    let mut by_session: HashMap<&str, Vec<Keyed>, foldhash::fast::RandomState> = HashMap::default();
    for l in lines {
        by_session
            .entry(l.session.as_str())
            .or_default()
            .push((line_key(l), l));
    }
    let mut out: Vec<SessionSummary> = by_session
        .into_values()
        .map(|mut group| {
            group.sort_by(|a, b| a.0.cmp(&b.0));
            group.dedup_by(|a, b| a.1.id == b.1.id);
            let group: Vec<&LogLine> = group.into_iter().map(|(_, l)| l).collect();
            summarize_one(&group)
        })
        .collect();
    out.sort_by(|a, b| {
        a.started_at
            .cmp(&b.started_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

fn summarize_one(group: &[&LogLine]) -> SessionSummary {
    let first = group[0];
    let start = group
        .iter()
        .find(|l| matches!(l.event, Event::SessionStarted { .. }));
    // A lost start line still leaves a session: date it by its first event.
    let anchor = start.copied().unwrap_or(first);
    let mut s = SessionSummary {
        id: first.session.clone(),
        routine: anchor.routine.clone(),
        variant: None,
        side: None,
        started_at: anchor.at,
        local_date: anchor.at.date_naive(),
        outcome: SessionOutcome::Interrupted,
        steps: Vec::new(),
        pain_before: None,
        pain_after: None,
        note: None,
        active_ms: 0,
        paused_ms: 0,
        steps_planned: None,
        step_pain: Vec::new(),
        dose: Vec::new(),
        prescription: None,
    };
    let mut ended = false;
    for l in group {
        match &l.event {
            Event::SessionStarted {
                side,
                variant,
                pain_before,
                steps_planned,
                dose,
                prescription,
            } => {
                s.side = *side;
                s.variant = variant.clone();
                s.pain_before = *pain_before;
                s.steps_planned = *steps_planned;
                s.dose = dose.clone();
                s.prescription = prescription.clone();
            }
            Event::StepDone {
                index,
                step,
                side,
                reps_done,
                reps_planned,
                status,
                held_ms,
            } => {
                // A step redone after Back: its last record stands, once.
                s.steps.retain(|x| (x.index, x.side) != (*index, *side));
                s.steps.push(StepSummary {
                    index: *index,
                    step: step.clone(),
                    side: *side,
                    reps_done: *reps_done,
                    reps_planned: *reps_planned,
                    status: *status,
                    held_ms: *held_ms,
                });
            }
            Event::SessionEnded {
                outcome,
                active_ms,
                paused_ms,
            } => {
                // The first end wins: nothing should follow it.
                if !ended {
                    ended = true;
                    s.outcome = (*outcome).into();
                    s.active_ms = *active_ms;
                    s.paused_ms = *paused_ms;
                }
            }
            // The latest feedback wins, so a later correction replaces it.
            Event::Feedback { pain_after, note } => {
                s.pain_after = *pain_after;
                s.note = note.clone();
            }
            Event::StepPain {
                index,
                step,
                side,
                pain,
                kept,
            } => {
                s.step_pain.retain(|x| (x.index, x.side) != (*index, *side));
                s.step_pain.push(StepPain {
                    index: *index,
                    step: step.clone(),
                    side: *side,
                    pain: *pain,
                    kept: *kept,
                });
            }
        }
    }
    s
}

/// Average pain (0–10) on one local day; `None` where none was recorded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PainPoint {
    pub date: NaiveDate,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// Per-day average pain before and after, for sessions of `routine_id` (all
/// routines if `None`) from `since` on, oldest first; only days with pain
/// recorded appear.
pub fn pain_trend(
    sessions: &[SessionSummary],
    routine_id: Option<&str>,
    since: Option<NaiveDate>,
) -> Vec<PainPoint> {
    #[derive(Default)]
    struct Acc {
        before: (u32, u32),
        after: (u32, u32),
    }
    let mut by_day: BTreeMap<NaiveDate, Acc> = BTreeMap::new();
    for s in sessions {
        // Summaries built by hand (tests, other callers) are held to the
        // range too: a score past 10 is damage, never averaged.
        let before = s.pain_before.filter(|&p| pain_in_range(p));
        let after = s.pain_after.filter(|&p| pain_in_range(p));
        if routine_id.is_some_and(|id| id != s.routine.id)
            || since.is_some_and(|d| s.local_date < d)
            || (before.is_none() && after.is_none())
        {
            continue;
        }
        let acc = by_day.entry(s.local_date).or_default();
        if let Some(p) = before {
            acc.before.0 += u32::from(p);
            acc.before.1 += 1;
        }
        if let Some(p) = after {
            acc.after.0 += u32::from(p);
            acc.after.1 += 1;
        }
    }
    let avg = |(sum, n): (u32, u32)| (n > 0).then(|| f64::from(sum) / f64::from(n));
    by_day
        .into_iter()
        .map(|(date, acc)| PainPoint {
            date,
            before: avg(acc.before),
            after: avg(acc.after),
        })
        .collect()
}
