//! When the next session of a routine is due, from its schedule and the
//! sessions already done. Pure: the caller hands in `now`.
//!
//! The rules, in one place:
//! - During the pause after a course, the next session is the first of the
//!   next course: due on the day the pause ends.
//! - A day whose target (`times_per_day`) is met has nothing more due: the
//!   next session is due tomorrow.
//! - Otherwise, with an `interval`, the next session is due that long after
//!   the *start* of the latest completed session ("every four hours"),
//!   whatever day that was: a session at 22:00 with a 4 h interval makes
//!   the next one due at 02:00. Time is added as real time, so across a
//!   change to or from summer time the due time reads an hour off the
//!   naive sum, as the clock on the wall does.
//! - With no interval, or no session yet, or the interval passed, a
//!   session is due now.
//! - The interval is also a ceiling ("desirably every four hours", 000:213,
//!   as "up to every 4 hours": DEFAULT reading): a session started sooner
//!   than `interval` after the start of the latest completed session is
//!   *too soon*. It is advice, never a refusal: the setup screen says so,
//!   and the report counts such sessions ([`too_soon_count`]). DEFAULT:
//!   sessions of every outcome count, since what matters is the load
//!   started, and a too-soon session is measured against the latest
//!   *completed* one, as the due time is.
//!
//! Sessions count for the local date they started on, in the offset they
//! were recorded in, as in `progress`.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};

use super::progress::SessionSummary;
use super::routine::Schedule;

/// When the next session is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// A session may start now.
    Now,
    /// Not before this moment, in the zone of `now`.
    At(DateTime<FixedOffset>),
    /// Today's target is met.
    Tomorrow,
    /// A course pause runs: the next course may start on this day.
    CourseFrom(NaiveDate),
}

/// The next due session of a routine with `schedule`, as of `now`.
/// `completed` are the start times of the completed sessions that count
/// (any order; those of today and yesterday are enough); `pause_until`
/// is the first day of the next course while a course pause runs.
pub fn next_due<Tz: TimeZone>(
    now: &DateTime<Tz>,
    schedule: &Schedule,
    completed: &[DateTime<FixedOffset>],
    pause_until: Option<NaiveDate>,
) -> Due {
    let today = now.date_naive();
    if let Some(day) = pause_until.filter(|d| *d > today) {
        return Due::CourseFrom(day);
    }
    let done_today = completed.iter().filter(|t| t.date_naive() == today).count();
    if done_today >= schedule.times_per_day.max(1) as usize {
        return Due::Tomorrow;
    }
    match too_soon(now, schedule, completed) {
        Some(due) => Due::At(due),
        None => Due::Now,
    }
}

/// Whether a session started at `now` would be too soon (see the module
/// rules): then the moment the interval after the latest of `completed`
/// passes, in the zone of `now`. `None` without an interval, with no
/// completed session, or once the interval has passed.
pub fn too_soon<Tz: TimeZone>(
    now: &DateTime<Tz>,
    schedule: &Schedule,
    completed: &[DateTime<FixedOffset>],
) -> Option<DateTime<FixedOffset>> {
    let gap = Duration::from_std(schedule.interval?.0).ok()?;
    let due = *completed.iter().max()? + gap;
    (due > now.fixed_offset()).then(|| due.with_timezone(&now.timezone()).fixed_offset())
}

/// How many of the sessions of `routine_id` in `sessions` (any order) were
/// started too soon after the latest completed one before them, by the
/// routine's `schedule`: the over-use count for the report.
pub fn too_soon_count(sessions: &[SessionSummary], routine_id: &str, schedule: &Schedule) -> u32 {
    u32::try_from(too_soon_sessions(sessions, routine_id, schedule).len()).unwrap_or(u32::MAX)
}

/// The sessions [`too_soon_count`] counts, oldest first.
pub fn too_soon_sessions<'a>(
    sessions: &'a [SessionSummary],
    routine_id: &str,
    schedule: &Schedule,
) -> Vec<&'a SessionSummary> {
    let mut mine: Vec<&SessionSummary> = sessions
        .iter()
        .filter(|s| s.routine.id == routine_id)
        .collect();
    mine.sort_by_key(|s| s.started_at);
    let mut last_completed: Option<DateTime<FixedOffset>> = None;
    let mut out = Vec::new();
    for s in mine {
        let earlier: Vec<_> = last_completed.into_iter().collect();
        if too_soon(&s.started_at, schedule, &earlier).is_some() {
            out.push(s);
        }
        if s.is_completed() {
            last_completed = Some(s.started_at);
        }
    }
    out
}
