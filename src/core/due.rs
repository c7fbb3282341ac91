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
//!
//! Sessions count for the local date they started on, in the offset they
//! were recorded in, as in `progress`.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};

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
    let (Some(interval), Some(last)) = (schedule.interval, completed.iter().max()) else {
        return Due::Now;
    };
    let Ok(gap) = Duration::from_std(interval.0) else {
        return Due::Now;
    };
    let due = *last + gap;
    if due <= now.fixed_offset() {
        Due::Now
    } else {
        Due::At(due.with_timezone(&now.timezone()).fixed_offset())
    }
}
