//! Progress rules: from log lines to sessions, daily targets, courses,
//! streaks, adherence and the pain trend. Pure: the caller passes `today`.
//!
//! The rules, in one place:
//! - A session belongs to the **local date it started**, in the UTC offset
//!   recorded with it. A session at 23:30 in Berlin counts for that Berlin
//!   day even if read later in Tokyo, and DST changes move nothing.
//! - **Only completed sessions count** toward daily targets, courses and
//!   streaks. Stopped, abandoned and interrupted ones are listed, not counted.
//! - A session without `SessionEnded` (crash, kill -9, power loss) is
//!   *interrupted*, with the steps it logged.
//! - A course is per routine id (any version, any variant). It is *at
//!   least* `sessions`: completed sessions (`count: Sessions`, the default)
//!   or local days with a completed session (`count: Days`). It completes on
//!   the day that reaches the number, and every completed session of that
//!   day counts toward it (extra sessions within a course count, in either
//!   mode). The next course may start `pause_days` days after that date.
//!   Completed sessions started before then are *pause sessions*: listed,
//!   counted in nothing, and they do not start the next course.
//! - Days inside a course pause have no target: they neither extend nor
//!   break a streak, and adherence leaves them out.
//! - A day *meets the target* with at least `times_per_day` completed
//!   sessions. The current streak counts back from today, or from yesterday
//!   while today is not yet met (the day is not over).
//! - Adherence over the last N days is completed / target, where each day's
//!   completed count is capped at its target (three sessions on Monday do
//!   not make up for none on Tuesday) and the window starts no earlier than
//!   the first session ever logged for the routine (a new user is not 0%).
//! - The pain trend averages, per local day, the pain recorded before and
//!   after sessions of every outcome: a session stopped for pain is exactly
//!   what a physiotherapist wants to see.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::record::{Event, LogLine, Outcome, RoutineRef, StepStatus, StopReason};
use super::routine::{Course, CourseCount, Routine, Side};

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
fn line_key(l: &LogLine) -> (DateTime<FixedOffset>, u64, &str) {
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

/// [`summarize`], with every out-of-range value it ignored.
pub fn summarize_checked(lines: &[LogLine]) -> (Vec<SessionSummary>, Vec<OutOfRange>) {
    let mut sessions = summarize_raw(lines);
    let mut problems = Vec::new();
    for s in &mut sessions {
        for (field, value) in [
            ("pain_before", &mut s.pain_before),
            ("pain_after", &mut s.pain_after),
        ] {
            if let Some(v) = *value
                && v > PAIN_MAX
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
    (sessions, problems)
}

/// Groups log lines into sessions, oldest first. Order of `lines` and
/// duplicate event ids do not matter. A pain outside 0–10 is dropped, so
/// it is never averaged; [`summarize_checked`] says which.
pub fn summarize(lines: &[LogLine]) -> Vec<SessionSummary> {
    summarize_checked(lines).0
}

fn summarize_raw(lines: &[LogLine]) -> Vec<SessionSummary> {
    let mut by_session: HashMap<&str, Vec<&LogLine>> = HashMap::new();
    for l in lines {
        by_session.entry(l.session.as_str()).or_default().push(l);
    }
    let mut out: Vec<SessionSummary> = by_session
        .into_values()
        .map(|mut group| {
            group.sort_by(|a, b| line_key(a).cmp(&line_key(b)));
            group.dedup_by(|a, b| a.id == b.id);
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
    };
    let mut ended = false;
    for l in group {
        match &l.event {
            Event::SessionStarted {
                side,
                variant,
                pain_before,
                steps_planned,
            } => {
                s.side = *side;
                s.variant = variant.clone();
                s.pain_before = *pain_before;
                s.steps_planned = *steps_planned;
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
        }
    }
    s
}

/// What a routine asks for, taken from its schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub routine_id: String,
    /// Short name for one-line output, e.g. `stretch`.
    pub name: String,
    pub times_per_day: u32,
    pub course: Option<Course>,
}

impl Target {
    /// A target for a routine id with no routine file (deleted or renamed):
    /// once a day, no course. The name is the id's last `-` part.
    pub fn fallback(routine_id: &str) -> Self {
        Target {
            routine_id: routine_id.to_string(),
            name: short_name(routine_id),
            times_per_day: 1,
            course: None,
        }
    }

    /// The course, if it has one that counts anything.
    pub fn course(&self) -> Option<&Course> {
        self.course.as_ref().filter(|c| c.sessions > 0)
    }
}

impl From<&Routine> for Target {
    fn from(r: &Routine) -> Self {
        Target {
            routine_id: r.id.clone(),
            name: short_name(&r.id),
            times_per_day: r.schedule.times_per_day.max(1),
            course: r.schedule.course.clone(),
        }
    }
}

/// `piriformis-stretch` → `stretch`.
pub fn short_name(id: &str) -> String {
    id.rsplit('-').next().unwrap_or(id).to_string()
}

/// Sessions on one local day, for one routine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayCount {
    pub completed: u32,
    /// Stopped, abandoned, interrupted and pause sessions.
    pub other: u32,
    /// 0 on pause days.
    pub target: u32,
}

impl DayCount {
    pub fn met(&self) -> bool {
        self.target > 0 && self.completed >= self.target
    }
}

/// Where a routine's course stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CourseState {
    /// `done` of `of` completed sessions in the current course.
    InProgress { done: u32, of: u32 },
    /// The last course completed; the next may start on `next_start`.
    Pause {
        completed_on: NaiveDate,
        next_start: NaiveDate,
    },
    /// The pause is over: the next completed session starts a new course.
    Ready { since: NaiveDate },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CourseProgress {
    /// The course being done (or the one to be done next), from 1.
    pub number: u32,
    pub courses_completed: u32,
    pub sessions: u32,
    /// Whether `sessions` counts sessions or days with a session.
    pub count: CourseCount,
    pub pause_days: u32,
    pub state: CourseState,
    /// Completed sessions done during a pause: counted in no course.
    pub pause_sessions: u32,
    /// Completed sessions that counted toward a course, this one included:
    /// with the pause sessions, every completed session.
    pub sessions_counted: u32,
}

impl CourseProgress {
    /// Sessions done in the current course (0 in a pause).
    pub fn done(&self) -> u32 {
        match self.state {
            CourseState::InProgress { done, .. } => done,
            _ => 0,
        }
    }

    /// The date the next course may start, if a pause is under way.
    pub fn next_start(&self) -> Option<NaiveDate> {
        match self.state {
            CourseState::Pause { next_start, .. } => Some(next_start),
            _ => None,
        }
    }
}

/// Completed / target over a window of days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Adherence {
    pub days: u32,
    pub completed: u32,
    pub target: u32,
}

impl Adherence {
    /// 0.0 ..= 1.0, `None` when nothing was due.
    pub fn ratio(&self) -> Option<f64> {
        (self.target > 0).then(|| f64::from(self.completed) / f64::from(self.target))
    }
}

/// Average pain (0–10) on one local day; `None` where none was recorded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PainPoint {
    pub date: NaiveDate,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// One routine's progress as of `today`.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutineProgress {
    pub target: Target,
    pub today: NaiveDate,
    /// Completed sessions today.
    pub today_done: u32,
    /// Today's target (0 during a course pause).
    pub today_target: u32,
    pub course: Option<CourseProgress>,
    pub current_streak: u32,
    pub longest_streak: u32,
    pub adherence_7: Adherence,
    pub adherence_30: Adherence,
    /// Every day from the first session to `today` that had a session or a
    /// target, by local date.
    pub days: BTreeMap<NaiveDate, DayCount>,
    /// The first local date with a session, if any.
    pub first_day: Option<NaiveDate>,
    /// Pause periods `[from, to)`: completing date + 1 .. next start.
    pub pauses: Vec<(NaiveDate, NaiveDate)>,
}

impl RoutineProgress {
    /// The counts for `date` (target filled in even with no session).
    pub fn day(&self, date: NaiveDate) -> DayCount {
        if let Some(d) = self.days.get(&date) {
            return *d;
        }
        DayCount {
            completed: 0,
            other: 0,
            target: self.target_on(date),
        }
    }

    /// The target on `date`: 0 inside a pause or before the first session.
    pub fn target_on(&self, date: NaiveDate) -> u32 {
        match self.first_day {
            Some(first) if date >= first => {
                if self.in_pause(date) {
                    0
                } else {
                    self.target.times_per_day
                }
            }
            _ => 0,
        }
    }

    pub fn in_pause(&self, date: NaiveDate) -> bool {
        self.pauses
            .iter()
            .any(|&(from, to)| date >= from && date < to)
    }
}

/// Progress of the routine `target` as of `today`, from `sessions` of any
/// routines (others are ignored). Sessions after `today` are ignored too.
pub fn progress(sessions: &[SessionSummary], target: &Target, today: NaiveDate) -> RoutineProgress {
    progress_days(&tally(sessions, &target.routine_id), target, today)
}

/// One routine's sessions on one local day: all that the progress rules
/// need, so a store can keep these counts and never hand over every
/// session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayTally {
    pub date: NaiveDate,
    /// Completed sessions.
    pub completed: u32,
    /// Stopped, abandoned and interrupted ones.
    pub other: u32,
}

/// The sessions of `routine_id` counted by day, in date order.
pub fn tally(sessions: &[SessionSummary], routine_id: &str) -> Vec<DayTally> {
    let mut days: BTreeMap<NaiveDate, DayTally> = BTreeMap::new();
    for s in sessions.iter().filter(|s| s.routine.id == routine_id) {
        let d = days.entry(s.local_date).or_insert(DayTally {
            date: s.local_date,
            ..DayTally::default()
        });
        if s.is_completed() {
            d.completed += 1;
        } else {
            d.other += 1;
        }
    }
    days.into_values().collect()
}

/// [`progress`] from day counts of the one routine of `target` (any
/// order). Courses count completed sessions day by day in calendar order.
pub fn progress_days(days: &[DayTally], target: &Target, today: NaiveDate) -> RoutineProgress {
    let mut mine: Vec<DayTally> = days
        .iter()
        .filter(|d| d.date <= today && d.completed + d.other > 0)
        .copied()
        .collect();
    mine.sort_by_key(|d| d.date);
    let first_day = mine.first().map(|d| d.date);

    // Courses decide which completed sessions count at all, so go first.
    let mut in_pause: HashMap<NaiveDate, u32> = HashMap::new();
    let mut pauses = Vec::new();
    let course = target.course().map(|c| {
        let mut walk = CourseWalk::default();
        for day in mine.iter().filter(|d| d.completed > 0) {
            match walk.take(c, day.date, day.completed) {
                Taken::InPause => {
                    *in_pause.entry(day.date).or_default() += day.completed;
                }
                Taken::Counted => {}
                Taken::EndsCourse { next_start } => {
                    if c.pause_days > 0 {
                        pauses.push((day.date + Duration::days(1), next_start));
                    }
                }
            }
        }
        walk.progress(c, today)
    });

    let mut p = RoutineProgress {
        target: target.clone(),
        today,
        today_done: 0,
        today_target: 0,
        course,
        current_streak: 0,
        longest_streak: 0,
        adherence_7: Adherence::default(),
        adherence_30: Adherence::default(),
        days: BTreeMap::new(),
        first_day,
        pauses,
    };

    for d in &mine {
        let target_on = p.target_on(d.date);
        let paused = in_pause.get(&d.date).copied().unwrap_or(0);
        p.days.insert(
            d.date,
            DayCount {
                target: target_on,
                completed: d.completed - paused,
                other: d.other + paused,
            },
        );
    }
    p.today_done = p.day(today).completed;
    // Unlike past days, today has a target even before the first session:
    // a new user sees 0/3, not 0/0.
    p.today_target = if p.in_pause(today) {
        0
    } else {
        target.times_per_day
    };

    if let Some(first) = first_day {
        // Longest: walk every day; pause days are transparent.
        let mut run = 0;
        let mut date = first;
        while date <= today {
            let d = p.day(date);
            if d.target > 0 {
                if d.met() {
                    run += 1;
                    p.longest_streak = p.longest_streak.max(run);
                } else if date != today {
                    run = 0;
                }
            }
            date += Duration::days(1);
        }
        // Walking forward, an unmet today does not break the run, so what
        // is left is the current streak.
        p.current_streak = run;
        p.adherence_7 = p.adherence(7);
        p.adherence_30 = p.adherence(30);
    }
    p
}

/// What a day's completed sessions did to the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    /// They fell in the pause after a course: counted in no course.
    InPause,
    Counted,
    /// They completed a course; the next may start on `next_start`.
    EndsCourse {
        next_start: NaiveDate,
    },
}

/// The course rule taken one day at a time, in date order: all it needs
/// to remember of the days before, so a store can keep a walk through some
/// date and resume it from there instead of from the first session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseWalk {
    done: u32,
    courses_completed: u32,
    /// The day the last course completed, and the day the next may start.
    last_end: Option<(NaiveDate, NaiveDate)>,
    pause_sessions: u32,
    sessions_counted: u32,
}

impl CourseWalk {
    /// Takes the `completed` sessions (more than 0) of `date`, a later date
    /// than any taken before. A day is never split between a course and
    /// what follows it: every session of the day a course completes counts
    /// toward it.
    pub fn take(&mut self, course: &Course, date: NaiveDate, completed: u32) -> Taken {
        if let Some((_, next)) = self.last_end
            && self.done == 0
            && date < next
        {
            self.pause_sessions += completed;
            return Taken::InPause;
        }
        self.sessions_counted += completed;
        self.done += match course.count {
            CourseCount::Sessions => completed,
            CourseCount::Days => 1,
        };
        if self.done < course.sessions {
            return Taken::Counted;
        }
        self.done = 0;
        self.courses_completed += 1;
        let next_start = date + Duration::days(i64::from(course.pause_days));
        self.last_end = Some((date, next_start));
        Taken::EndsCourse { next_start }
    }

    /// Where the course stands on `today`, every day up to it taken.
    pub fn progress(&self, course: &Course, today: NaiveDate) -> CourseProgress {
        let state = match self.last_end {
            Some((completed_on, next_start)) if self.done == 0 && today < next_start => {
                CourseState::Pause {
                    completed_on,
                    next_start,
                }
            }
            Some((_, since)) if self.done == 0 => CourseState::Ready { since },
            _ => CourseState::InProgress {
                done: self.done,
                of: course.sessions,
            },
        };
        CourseProgress {
            number: self.courses_completed + 1,
            courses_completed: self.courses_completed,
            sessions: course.sessions,
            count: course.count,
            pause_days: course.pause_days,
            state,
            pause_sessions: self.pause_sessions,
            sessions_counted: self.sessions_counted,
        }
    }
}

/// What home, the finish screen, reminders and `limber status` show of a
/// routine: today against its target, and the course. Unlike
/// [`RoutineProgress`] it needs no day before a kept [`CourseWalk`].
#[derive(Clone, Debug, PartialEq)]
pub struct Glance {
    pub target: Target,
    pub today: NaiveDate,
    /// Completed sessions today (those of a course pause not counted).
    pub today_done: u32,
    /// Today's target (0 during a course pause).
    pub today_target: u32,
    pub course: Option<CourseProgress>,
}

/// The [`Glance`] of `target` on `today`, from `walk`, which has taken
/// every day before the first of `days`, and `days`, the routine's day
/// counts after it in date order (later than `today` ignored).
pub fn glance(
    target: &Target,
    mut walk: CourseWalk,
    days: &[DayTally],
    today: NaiveDate,
) -> Glance {
    let course = target.course();
    let mut today_done = 0;
    for d in days.iter().filter(|d| d.date <= today) {
        let taken = match course {
            Some(c) if d.completed > 0 => walk.take(c, d.date, d.completed),
            _ => Taken::Counted,
        };
        if d.date == today && taken != Taken::InPause {
            today_done = d.completed;
        }
    }
    let course = course.map(|c| walk.progress(c, today));
    // The pause starts the day after the course completed.
    let paused = course.is_some_and(
        |c| matches!(c.state, CourseState::Pause { completed_on, .. } if today > completed_on),
    );
    Glance {
        target: target.clone(),
        today,
        today_done,
        today_target: if paused { 0 } else { target.times_per_day },
        course,
    }
}

impl RoutineProgress {
    /// The part of the progress that [`glance`] gives.
    pub fn glance(&self) -> Glance {
        Glance {
            target: self.target.clone(),
            today: self.today,
            today_done: self.today_done,
            today_target: self.today_target,
            course: self.course,
        }
    }
}

impl RoutineProgress {
    /// Adherence over the `days` days ending today (see the module rules).
    pub fn adherence(&self, days: u32) -> Adherence {
        let Some(first) = self.first_day else {
            return Adherence::default();
        };
        let start = (self.today - Duration::days(i64::from(days) - 1)).max(first);
        let mut a = Adherence::default();
        let mut date = start;
        while date <= self.today {
            let d = self.day(date);
            a.days += 1;
            a.target += d.target;
            a.completed += d.completed.min(d.target);
            date += Duration::days(1);
        }
        a
    }
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
        if routine_id.is_some_and(|id| id != s.routine.id)
            || since.is_some_and(|d| s.local_date < d)
            || (s.pain_before.is_none() && s.pain_after.is_none())
        {
            continue;
        }
        let acc = by_day.entry(s.local_date).or_default();
        if let Some(p) = s.pain_before {
            acc.before.0 += u32::from(p);
            acc.before.1 += 1;
        }
        if let Some(p) = s.pain_after {
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

/// Routine ids in `sessions`, in order of first appearance.
pub fn routine_ids(sessions: &[SessionSummary]) -> Vec<String> {
    let mut seen = HashSet::new();
    sessions
        .iter()
        .filter(|s| seen.insert(s.routine.id.as_str()))
        .map(|s| s.routine.id.clone())
        .collect()
}

/// Targets for every routine in `known` plus a fallback for any routine id
/// the history has but `known` lacks.
pub fn targets_for(sessions: &[SessionSummary], known: &[Target]) -> Vec<Target> {
    let mut out = known.to_vec();
    for id in routine_ids(sessions) {
        if !out.iter().any(|t| t.routine_id == id) {
            out.push(Target::fallback(&id));
        }
    }
    out
}
