//! Which reminders to send: pure, the caller hands in `now`, each
//! routine's [`Due`] and what was already sent.
//!
//! The rules, in one place:
//! - One reminder per due session: a session is named by its routine, the
//!   local day and how many sessions of that routine were completed that
//!   day before it ([`DueKey`]), so it is the same session however often
//!   the check runs, and the next one after a completed session is new.
//! - Never twice for the same due session: keys already sent are skipped.
//! - Nothing while reminders are off, outside the waking hours, or for a
//!   session not due yet (`At` in the future, `Tomorrow`), or during a
//!   course pause (`CourseFrom`).

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};

use super::due::Due;

/// A due session, as reminders name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueKey {
    pub routine: String,
    /// The local day it is due on.
    pub date: NaiveDate,
    /// Sessions of the routine completed that day before it.
    pub done: usize,
}

/// One routine as the check sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutineDue {
    pub routine: String,
    pub due: Due,
    /// Its sessions completed today.
    pub done_today: usize,
}

/// What the user allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allowed {
    pub reminders: bool,
    /// Waking hours, `from` to `to`; the end may be before the start.
    pub from: NaiveTime,
    pub to: NaiveTime,
}

impl Allowed {
    /// Whether `t` is inside the waking hours.
    pub fn awake(&self, t: NaiveTime) -> bool {
        if self.from <= self.to {
            self.from <= t && t < self.to
        } else {
            t >= self.from || t < self.to
        }
    }
}

/// The reminders to send now, in the order of `routines`.
pub fn to_send<Tz: TimeZone>(
    now: &DateTime<Tz>,
    routines: &[RoutineDue],
    allowed: Allowed,
    sent: &[DueKey],
) -> Vec<DueKey> {
    if !allowed.reminders || !allowed.awake(now.time()) {
        return Vec::new();
    }
    let today = now.date_naive();
    let now = now.fixed_offset();
    routines
        .iter()
        .filter(|r| match r.due {
            Due::Now => true,
            Due::At(t) => t <= now,
            Due::Tomorrow | Due::CourseFrom(_) => false,
        })
        .map(|r| DueKey {
            routine: r.routine.clone(),
            date: today,
            done: r.done_today,
        })
        .filter(|k| !sent.contains(k))
        .collect()
}

/// The keys worth keeping: those of `today` and the day before (a key of
/// an older day can never come again).
pub fn keep(sent: Vec<DueKey>, today: NaiveDate) -> Vec<DueKey> {
    let yesterday = today.pred_opt().unwrap_or(today);
    sent.into_iter().filter(|k| k.date >= yesterday).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn at(h: u32, m: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 3, 2, h, m, 0)
            .unwrap()
    }

    fn hours() -> Allowed {
        Allowed {
            reminders: true,
            from: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            to: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
        }
    }

    fn due(routine: &str, due: Due, done_today: usize) -> RoutineDue {
        RoutineDue {
            routine: routine.into(),
            due,
            done_today,
        }
    }

    #[test]
    fn a_due_session_is_reminded_once() {
        let now = at(9, 0);
        let routines = [
            due("stretch", Due::Now, 0),
            due("massage", Due::At(at(13, 0)), 1),
        ];
        let first = to_send(&now, &routines, hours(), &[]);
        assert_eq!(
            first,
            [DueKey {
                routine: "stretch".into(),
                date: now.date_naive(),
                done: 0
            }]
        );
        assert!(to_send(&at(9, 15), &routines, hours(), &first).is_empty());
        // At 13:00 the massage is due; the stretch was already sent.
        let later = to_send(&at(13, 0), &routines, hours(), &first);
        assert_eq!(later.len(), 1);
        assert_eq!(later[0].routine, "massage");
    }

    #[test]
    fn the_next_session_after_a_completed_one_is_reminded_again() {
        let sent = to_send(&at(9, 0), &[due("stretch", Due::Now, 0)], hours(), &[]);
        let next = to_send(&at(14, 0), &[due("stretch", Due::Now, 1)], hours(), &sent);
        assert_eq!(next[0].done, 1);
    }

    #[test]
    fn nothing_during_a_course_pause_or_when_the_day_is_done() {
        let day = at(9, 0).date_naive().succ_opt().unwrap();
        let routines = [
            due("massage", Due::CourseFrom(day), 0),
            due("stretch", Due::Tomorrow, 3),
            due("later", Due::At(at(10, 0)), 1),
        ];
        assert!(to_send(&at(9, 0), &routines, hours(), &[]).is_empty());
    }

    #[test]
    fn nothing_at_night_or_when_reminders_are_off() {
        let routines = [due("stretch", Due::Now, 0)];
        assert!(to_send(&at(23, 0), &routines, hours(), &[]).is_empty());
        assert!(to_send(&at(7, 59), &routines, hours(), &[]).is_empty());
        assert!(to_send(&at(22, 0), &routines, hours(), &[]).is_empty());
        let off = Allowed {
            reminders: false,
            ..hours()
        };
        assert!(to_send(&at(12, 0), &routines, off, &[]).is_empty());
        // Night-shift hours run across midnight.
        let night = Allowed {
            reminders: true,
            from: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
            to: NaiveTime::from_hms_opt(6, 0, 0).unwrap(),
        };
        assert_eq!(to_send(&at(23, 0), &routines, night, &[]).len(), 1);
        assert!(to_send(&at(12, 0), &routines, night, &[]).is_empty());
    }

    #[test]
    fn only_keys_of_today_and_yesterday_are_kept() {
        let key = |d: u32| DueKey {
            routine: "s".into(),
            date: NaiveDate::from_ymd_opt(2026, 3, d).unwrap(),
            done: 0,
        };
        let today = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(keep(vec![key(3), key(4), key(5)], today), [key(4), key(5)]);
    }
}
