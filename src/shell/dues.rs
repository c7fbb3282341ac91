//! Where each routine stands today and when its next session is due: the
//! one gathering behind the coach's home, `limber status` and
//! `limber remind check`.

use chrono::{DateTime, FixedOffset, TimeZone};

use crate::core::due::{Due, next_due, too_soon};
use crate::core::progress::{Glance, Target, progress_days};
use crate::store::history::{History, HistoryError};
use crate::store::routines::Library;

/// One routine's figures for today and its next due session.
#[derive(Clone, Debug, PartialEq)]
pub struct Outlook {
    pub routine: String,
    pub glance: Glance,
    /// When the next session is due; `None` for a routine that is only in
    /// the log (no schedule to go by).
    pub due: Option<Due>,
    /// Sessions completed today, pause or not.
    pub completed_today: usize,
    /// When the interval after the last completed session passes, while a
    /// session now would be too soon (`core::due::too_soon`).
    pub too_soon: Option<DateTime<FixedOffset>>,
}

/// Which routines to look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The routines of the library.
    Library,
    /// Those, then every other routine the log has sessions of.
    LibraryAndLog,
}

/// The outlook of each routine as of `now`, from the kept course walk and
/// the days since: never every session. Without a log, as for a new user.
pub fn dues<Tz: TimeZone>(
    history: Option<&History>,
    library: &Library,
    scope: Scope,
    now: &DateTime<Tz>,
) -> Result<Vec<Outlook>, HistoryError> {
    let today = now.date_naive();
    let mut targets: Vec<Target> = library
        .routines
        .iter()
        .map(|l| Target::from(&l.routine))
        .collect();
    if let (Some(history), Scope::LibraryAndLog) = (history, scope) {
        for id in history.routine_ids()? {
            if !targets.iter().any(|t| t.routine_id == id) {
                targets.push(Target::fallback(&id));
            }
        }
    }
    let mut out = Vec::with_capacity(targets.len());
    for target in targets {
        let (glance, completed) = match history {
            Some(h) => (
                h.glance(&target, today)?,
                // Yesterday's too: a late session sets the time after midnight.
                h.completed_since(&target.routine_id, today.pred_opt())?,
            ),
            None => (progress_days(&[], &target, today).glance(), Vec::new()),
        };
        let pause = glance.course.and_then(|c| c.next_start());
        let schedule = library
            .find(&target.routine_id)
            .map(|l| &l.routine.schedule);
        let due = schedule.map(|s| next_due(now, s, &completed, pause));
        let too_soon = schedule.and_then(|s| too_soon(now, s, &completed));
        let completed_today = completed.iter().filter(|t| t.date_naive() == today).count();
        out.push(Outlook {
            routine: target.routine_id.clone(),
            glance,
            due,
            completed_today,
            too_soon,
        });
    }
    Ok(out)
}
