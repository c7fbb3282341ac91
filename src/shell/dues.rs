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
        let (glance, mut completed) = match history {
            Some(h) => (
                h.glance(&target, today)?,
                // Yesterday's too: a late session sets the time after midnight.
                h.completed_since(&target.routine_id, today.pred_opt())?,
            ),
            None => (progress_days(&[], &target, today).glance(), Vec::new()),
        };
        // A session dated ahead of now (an import, a clock that was wrong)
        // has not happened: counted from, it would put the next one off
        // for as long, and a reminder would never come.
        completed.retain(|t| *t <= *now);
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

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, TimeZone};

    use super::*;
    use crate::core::lang::Lang;
    use crate::store::history::sample::{Spec, routine_ref};
    use crate::store::routines::load_library;

    fn at(h: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(3 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 20, h, 0, 0)
            .unwrap()
    }

    fn ids(o: &[Outlook]) -> Vec<&str> {
        o.iter().map(|o| o.routine.as_str()).collect()
    }

    #[test]
    fn the_log_sets_the_next_due_time_and_adds_its_own_routines_only_when_asked() {
        let library = load_library(Lang::En, None);
        let now = at(9);
        // A routine whose schedule makes a session at 8 push the next one
        // past 9, so that reading the log or not shows in the due time.
        let (index, first) = library
            .routines
            .iter()
            .map(|l| l.routine.clone())
            .enumerate()
            .find(|(_, r)| next_due(&now, &r.schedule, &[at(8)], None) != Due::Now)
            .expect("a built-in routine with a gap between sessions");
        let history = History::in_memory().unwrap();
        let mut lines = Spec::new(&routine_ref(&first.id, 1), "s1", at(8)).lines();
        lines.extend(Spec::new(&routine_ref("gone", 1), "s2", at(7)).lines());
        history.import(&lines).unwrap();

        let fresh = dues(None, &library, Scope::LibraryAndLog, &now).unwrap();
        let known: Vec<&str> = library
            .routines
            .iter()
            .map(|l| l.routine.id.as_str())
            .collect();
        assert_eq!(ids(&fresh), known);
        assert!(
            fresh
                .iter()
                .all(|o| o.completed_today == 0 && o.due.is_some())
        );

        let library_only = dues(Some(&history), &library, Scope::Library, &now).unwrap();
        assert_eq!(ids(&library_only), known);
        let all = dues(Some(&history), &library, Scope::LibraryAndLog, &now).unwrap();
        assert_eq!(ids(&all)[..known.len()], known[..]);
        let gone = all.last().unwrap();
        assert_eq!(
            (gone.routine.as_str(), gone.due, gone.completed_today),
            ("gone", None, 1),
            "a routine only the log knows has figures but no schedule"
        );

        let done = &all[index];
        assert_eq!(done.completed_today, 1);
        assert_eq!(done.glance.today_done, 1);
        let completed = history.completed_since(&first.id, None).unwrap();
        assert_eq!(completed.len(), 1);
        assert_eq!(
            done.due,
            Some(next_due(&now, &first.schedule, &completed, None)),
            "the next due time reckons from the session done today"
        );
        assert_eq!(
            fresh[index].due,
            Some(next_due(&now, &first.schedule, &[], None))
        );
        assert_ne!(
            done.due, fresh[index].due,
            "a session done moves the next one"
        );
    }
}
