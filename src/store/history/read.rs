//! Every read: events, session summaries, day counts and the glance,
//! each an indexed query, never a scan of the whole log.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, params};

use super::walks::kept_walk;
use super::{Doing, History, HistoryError, decode, json_error};
use crate::core::progress::{CourseWalk, DayTally, Glance, SessionSummary, Target, glance};
use crate::core::record::LogLine;

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
                "SELECT summary FROM sessions
                 WHERE (?1 IS NULL OR routine_id = ?1) AND local_date >= ?2",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map(params![routine_id, since], |r| r.get::<_, String>(0))
            .map_err(err)?;
        let mut out = Vec::new();
        for json in rows {
            let json = json.map_err(err)?;
            let s: SessionSummary = serde_json::from_str(&json).map_err(|e| err(json_error(e)))?;
            out.push(s);
        }
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
        days_between(&self.conn, routine_id, "", MAX_DATE, false)
            .map_err(|e| HistoryError::sql(Doing::Read, &self.path, e))
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
        Ok(glance(target, walk, &days, today))
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

/// The day counts of `routine` after `after` and through `through` (dates
/// as text, which sort as dates), in date order; only days with a
/// completed session if `completed_only`.
pub(super) fn days_between(
    conn: &Connection,
    routine: &str,
    after: &str,
    through: &str,
    completed_only: bool,
) -> rusqlite::Result<Vec<DayTally>> {
    let mut stmt = conn.prepare_cached(
        "SELECT local_date, completed, other FROM days
         WHERE routine_id = ?1 AND local_date > ?2 AND local_date <= ?3
           AND (?4 = 0 OR completed > 0)
         ORDER BY local_date",
    )?;
    let rows = stmt.query_map(params![routine, after, through, completed_only], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (date, completed, other) = row?;
        if let Ok(date) = date.parse() {
            out.push(DayTally {
                date,
                completed,
                other,
            });
        }
    }
    Ok(out)
}
