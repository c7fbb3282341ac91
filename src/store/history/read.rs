//! Every read: events, session summaries, day counts and the glance,
//! each an indexed query, never a scan of the whole log.
//!
//! A summary or a day count that cannot be read (a file edited by hand or
//! by another program: a pain of 1e308, text that is not JSON, a year past
//! what a date holds, a count past `u32`) is skipped, not fatal, and noted
//! once per row: [`History::unreadable`] says how many, for the shells to
//! tell, and `limber log repair` rebuilds them from `events`.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use super::walks::kept_walk;
use super::{Doing, History, HistoryError, decode};
use crate::core::progress::{
    CourseWalk, DayTally, Glance, SessionSummary, Target, drop_out_of_range, glance,
};
use crate::core::record::LogLine;

/// The rows skipped as unreadable since the store was opened, each once
/// however often it is read (`session ID`, `day ROUTINE DATE`).
pub(super) type Unreadable = RefCell<BTreeSet<String>>;

impl History {
    /// Every event, in the order they reached this store.
    pub fn lines(&self) -> Result<Vec<LogLine>, HistoryError> {
        let err = |e| HistoryError::sql(Doing::Read, &self.path, e);
        let mut stmt = self
            .conn
            .prepare("SELECT json FROM events ORDER BY seq")
            .map_err(err)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(err)?;
        let mut out = Vec::new();
        for json in rows {
            let json = json.map_err(err)?;
            out.push(decode(&json).map_err(err)?);
        }
        Ok(out)
    }

    /// The sessions of `routine_id` (every routine if `None`) from `since`
    /// on, oldest first, from the summaries; no event is read.
    pub fn sessions(
        &self,
        routine_id: Option<&str>,
        since: Option<NaiveDate>,
    ) -> Result<Vec<SessionSummary>, HistoryError> {
        let err = |e| HistoryError::sql(Doing::Read, &self.path, e);
        let since = since.map(|d| d.to_string()).unwrap_or_default();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, summary FROM sessions
                 WHERE (?1 IS NULL OR routine_id = ?1) AND local_date >= ?2",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map(params![routine_id, since], |r| {
                // Any type SQLite holds: a summary that is not text is a
                // bad row, not a failed read of every row.
                Ok((r.get::<_, Value>(0)?, r.get::<_, Value>(1)?))
            })
            .map_err(err)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, json) = row.map_err(err)?;
            match summary_row(json) {
                Some(s) => out.push(s),
                None => self.note_unreadable(format!("session {id:?}")),
            }
        }
        // A pain edited into the database past 10 is not a score.
        drop_out_of_range(&mut out);
        out.sort_by(|a, b| {
            a.started_at
                .cmp(&b.started_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(out)
    }

    /// When each completed session of `routine_id` from `since` on
    /// started, oldest first: what the next due time is reckoned from.
    pub fn completed_since(
        &self,
        routine_id: &str,
        since: Option<NaiveDate>,
    ) -> Result<Vec<DateTime<FixedOffset>>, HistoryError> {
        Ok(self
            .sessions(Some(routine_id), since)?
            .iter()
            .filter(|s| s.is_completed())
            .map(|s| s.started_at)
            .collect())
    }

    /// Sessions of `routine_id` counted by day, in date order, one row a
    /// day.
    pub fn days(&self, routine_id: &str) -> Result<Vec<DayTally>, HistoryError> {
        let days = days_between(&self.conn, routine_id, "", MAX_DATE, false)
            .map_err(|e| HistoryError::sql(Doing::Read, &self.path, e))?;
        Ok(self.noted(routine_id, days))
    }

    /// Today's count and the course of `target` on `today`: what home, the
    /// finish screen, reminders and `limber status` need. Reads the kept
    /// course walk and the days after it, or every day if none is kept.
    pub fn glance(&self, target: &Target, today: NaiveDate) -> Result<Glance, HistoryError> {
        let err = |e| HistoryError::sql(Doing::Read, &self.path, e);
        let id = target.routine_id.as_str();
        let date = today.to_string();
        // One snapshot: the walk and the days after it as one write left them.
        let tx = self.conn.unchecked_transaction().map_err(err)?;
        let (after, walk) = match target.course() {
            // Kept past today only if the clock went back: walk it all.
            Some(c) => match kept_walk(&tx, id, c).map_err(err)? {
                Some((through, walk)) if through < date => (through, walk),
                _ => (String::new(), CourseWalk::default()),
            },
            None => (
                today.pred_opt().map(|d| d.to_string()).unwrap_or_default(),
                CourseWalk::default(),
            ),
        };
        let days = days_between(&tx, id, &after, &date, false).map_err(err)?;
        Ok(glance(target, walk, &self.noted(id, days), today))
    }

    /// Routine ids with sessions in the log, in order of first use.
    pub fn routine_ids(&self) -> Result<Vec<String>, HistoryError> {
        let err = |e| HistoryError::sql(Doing::Read, &self.path, e);
        let mut stmt = self
            .conn
            // One index seek a routine, not a scan of every day.
            .prepare_cached(
                "WITH RECURSIVE ids(id) AS (
                   SELECT (SELECT min(routine_id) FROM days)
                   UNION ALL
                   SELECT (SELECT min(routine_id) FROM days WHERE routine_id > ids.id)
                   FROM ids WHERE ids.id IS NOT NULL)
                 SELECT id FROM ids WHERE id IS NOT NULL
                 ORDER BY (SELECT min(local_date) FROM days WHERE routine_id = id), id",
            )
            .map_err(err)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(err)?;
        rows.collect::<Result<_, _>>().map_err(err)
    }

    /// The events of each of `sessions` the log has, by session id (a
    /// session it does not have is absent): what an import is vetted
    /// against. One indexed query a session.
    pub fn events_of<'a>(
        &self,
        sessions: impl IntoIterator<Item = &'a str>,
    ) -> Result<BTreeMap<String, Vec<LogLine>>, HistoryError> {
        let err = |e| HistoryError::sql(Doing::Read, &self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT json FROM events WHERE session = ?1 ORDER BY seq")
            .map_err(err)?;
        let mut out = BTreeMap::new();
        for session in sessions {
            let mut lines = Vec::new();
            for json in stmt
                .query_map([session], |r| r.get::<_, String>(0))
                .map_err(err)?
            {
                lines.push(decode(&json.map_err(err)?).map_err(err)?);
            }
            if !lines.is_empty() {
                out.insert(session.to_string(), lines);
            }
        }
        Ok(out)
    }

    /// How many rows reads have skipped since the store was opened because
    /// they could not be read; each row counts once. `limber log repair`
    /// rebuilds them.
    pub fn unreadable(&self) -> usize {
        self.unreadable.borrow().len()
    }

    pub(super) fn note_unreadable(&self, row: String) {
        self.unreadable.borrow_mut().insert(row);
    }

    /// The day counts `days_between` could read; the others noted.
    fn noted(&self, routine: &str, days: Days) -> Vec<DayTally> {
        for date in days.unreadable {
            self.note_unreadable(format!("day {routine} {date}"));
        }
        days.read
    }

    /// How many events the log holds.
    pub fn event_count(&self) -> Result<usize, HistoryError> {
        self.conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| HistoryError::sql(Doing::Read, &self.path, e))
    }
}

/// Later than any local date `days` holds.
const MAX_DATE: &str = "9";

/// Day counts as read: those that could be, and the dates of those that
/// could not.
#[derive(Default)]
pub(super) struct Days {
    pub read: Vec<DayTally>,
    pub unreadable: Vec<String>,
}

/// The day counts of `routine` after `after` and through `through` (dates
/// as text, which sort as dates), in date order; only days with a
/// completed session if `completed_only`. A row whose date or counts do
/// not fit (edited by hand) is left out and named in `unreadable`.
pub(super) fn days_between(
    conn: &Connection,
    routine: &str,
    after: &str,
    through: &str,
    completed_only: bool,
) -> rusqlite::Result<Days> {
    let mut stmt = conn.prepare_cached(
        "SELECT local_date, completed, other FROM days
         WHERE routine_id = ?1 AND local_date > ?2 AND local_date <= ?3
           AND (?4 = 0 OR completed > 0)
         ORDER BY local_date",
    )?;
    let rows = stmt.query_map(params![routine, after, through, completed_only], |r| {
        Ok((
            r.get::<_, String>(0)?,
            // Read wide and checked here: a count past u32 is a bad row,
            // not a failed read of every row.
            r.get::<_, Value>(1)?,
            r.get::<_, Value>(2)?,
        ))
    })?;
    let mut out = Days::default();
    for row in rows {
        let (date, completed, other) = row?;
        match day_row(&date, completed, other) {
            Some(day) => out.read.push(day),
            None => out.unreadable.push(date),
        }
    }
    Ok(out)
}

/// A row of `days` as read, or `None` if its date or a count does not fit.
pub(super) fn day_row(date: &str, completed: Value, other: Value) -> Option<DayTally> {
    let count = |v: Value| match v {
        Value::Integer(n) => u32::try_from(n).ok(),
        _ => None,
    };
    Some(DayTally {
        date: date.parse().ok()?,
        completed: count(completed)?,
        other: count(other)?,
    })
}

/// A `summary` of `sessions` as read, or `None` if it is not one.
pub(super) fn summary_row(summary: Value) -> Option<SessionSummary> {
    match summary {
        Value::Text(json) => serde_json::from_str(&json).ok(),
        _ => None,
    }
}
