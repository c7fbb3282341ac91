//! Every write: an event appended or imported in a transaction of its
//! own, the session's summary and its day's count brought up to date in
//! the same transaction, and the kept walks a changed day touches walked
//! again.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{OptionalExtension, params};

use super::walks::{has_walks, rule_of, save_walk, walk_days};
use super::{Doing, History, HistoryError, Imported, decode, json_error};
use crate::core::progress::{CourseWalk, summarize};
use crate::core::record::{Event, LogLine};

impl History {
    /// Appends one event, in a transaction of its own, flushed to disk. An
    /// event id already in the log is ignored.
    pub fn append(&self, line: &LogLine) -> Result<(), HistoryError> {
        self.write(|tx| {
            let mut touched = Touched::new();
            if insert_event(tx, line)? {
                resummarize(tx, &line.session, &mut touched)?;
            }
            rewalk(tx, &touched)
        })?;
        if matches!(line.event, Event::SessionEnded { .. }) {
            self.checkpoint();
        }
        Ok(())
    }

    /// After each session the WAL is copied into the database and emptied,
    /// so it does not grow without bound (nor keeps a session's pages from
    /// a reader that sees only the database, see `guarded`). A checkpoint
    /// that cannot run now (a reader of another limber) is left to the
    /// next session.
    fn checkpoint(&self) {
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }

    /// Appends `lines`, each in its own transaction, in order; stops at the
    /// first failure and says how many went in before it.
    pub fn append_all(&self, lines: &[LogLine]) -> Result<(), (usize, HistoryError)> {
        for (n, line) in lines.iter().enumerate() {
            self.append(line).map_err(|e| (n, e))?;
        }
        Ok(())
    }

    /// Appends `pending`, oldest first, and takes out of it every line
    /// that went in: on an error the rest stay, for the next try.
    pub fn flush(&self, pending: &mut Vec<LogLine>) -> Result<(), HistoryError> {
        let result = self.append_all(pending);
        let saved = match &result {
            Ok(()) => pending.len(),
            Err((n, _)) => *n,
        };
        pending.drain(..saved);
        result.map_err(|(_, e)| e)
    }

    /// Adds every event of `lines` not yet present, in one transaction.
    pub fn import(&self, lines: &[LogLine]) -> Result<Imported, HistoryError> {
        let mut imported = Imported::default();
        self.write_as(Doing::Import, |tx| {
            let mut sessions = BTreeSet::new();
            imported = Imported::default();
            for line in lines {
                if insert_event(tx, line)? {
                    imported.added += 1;
                    sessions.insert(line.session.as_str());
                } else {
                    imported.present += 1;
                }
            }
            let mut touched = Touched::new();
            for session in sessions {
                resummarize(tx, session, &mut touched)?;
            }
            rewalk(tx, &touched)
        })?;
        Ok(imported)
    }

    pub(super) fn write(
        &self,
        f: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<()>,
    ) -> Result<(), HistoryError> {
        self.write_as(Doing::Write, f)
    }

    pub(super) fn write_as(
        &self,
        doing: Doing,
        f: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<()>,
    ) -> Result<(), HistoryError> {
        let err = |e| HistoryError::sql(doing, &self.path, e);
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(err)?;
        f(&tx).map_err(err)?;
        tx.commit().map_err(err)
    }
}

/// The earliest day whose counts a write changed, per routine.
pub(super) type Touched = BTreeMap<String, String>;

/// Walks again, from the first day, every kept walk that had taken a day
/// `touched` says changed (an import, or a session of another device).
fn rewalk(tx: &rusqlite::Transaction, touched: &Touched) -> rusqlite::Result<()> {
    if touched.is_empty() || !has_walks(tx)? {
        return Ok(());
    }
    for (routine, from) in touched {
        let kept: Vec<(String, String)> = tx
            .prepare_cached(
                "SELECT rule, through FROM course_walks WHERE routine_id = ?1 AND through >= ?2",
            )?
            .query_map([routine, from], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (rule, through) in kept {
            match rule_of(&rule) {
                Some(course) => {
                    let walk =
                        walk_days(tx, routine, &course, CourseWalk::default(), "", &through)?;
                    save_walk(tx, routine, &course, &through, &walk)?;
                }
                None => {
                    tx.prepare_cached(
                        "DELETE FROM course_walks WHERE routine_id = ?1 AND rule = ?2",
                    )?
                    .execute([routine, &rule])?;
                }
            }
        }
    }
    Ok(())
}

fn insert_event(tx: &rusqlite::Transaction, line: &LogLine) -> rusqlite::Result<bool> {
    let json = serde_json::to_string(line).map_err(json_error)?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO events (id, session, at, json) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let n = stmt.execute(params![line.id, line.session, line.at.to_rfc3339(), json])?;
    Ok(n == 1)
}

/// Rebuilds the `sessions` row of `session` from its events, and moves its
/// count in `days` from where it was to where it is now (both in
/// `touched`). `limber log repair` rebuilds every row through it.
pub(super) fn resummarize(
    tx: &rusqlite::Transaction,
    session: &str,
    touched: &mut Touched,
) -> rusqlite::Result<()> {
    let lines: Vec<LogLine> = {
        let mut stmt = tx.prepare_cached("SELECT json FROM events WHERE session = ?1")?;
        let rows = stmt.query_map([session], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for json in rows {
            // An event edited into something unreadable is left out of
            // the summary, rather than failing every write of its session.
            if let Ok(line) = decode(&json?) {
                out.push(line);
            }
        }
        out
    };
    let Some(summary) = summarize(&lines).into_iter().next() else {
        return Ok(());
    };
    let old: Option<(String, String, bool)> = tx
        .prepare_cached("SELECT routine_id, local_date, completed FROM sessions WHERE id = ?1")?
        .query_row([session], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((routine, date, completed)) = old {
        count_day(tx, &routine, &date, completed, -1, touched)?;
    }
    let date = summary.local_date.to_string();
    let completed = summary.is_completed();
    let json = serde_json::to_string(&summary).map_err(json_error)?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sessions (id, routine_id, started_at, local_date, completed, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        session,
        summary.routine.id,
        summary.started_at.to_rfc3339(),
        date,
        completed,
        json
    ])?;
    count_day(tx, &summary.routine.id, &date, completed, 1, touched)
}

fn count_day(
    tx: &rusqlite::Transaction,
    routine: &str,
    date: &str,
    completed: bool,
    by: i64,
    touched: &mut Touched,
) -> rusqlite::Result<()> {
    let earliest = touched
        .entry(routine.to_string())
        .or_insert_with(|| date.to_string());
    if date < earliest.as_str() {
        *earliest = date.to_string();
    }
    let (c, o) = if completed { (by, 0) } else { (0, by) };
    tx.prepare_cached(
        "INSERT INTO days (routine_id, local_date, completed, other) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (routine_id, local_date) DO UPDATE SET
           completed = completed + excluded.completed, other = other + excluded.other",
    )?
    .execute(params![routine, date, c, o])?;
    tx.prepare_cached(
        "DELETE FROM days WHERE routine_id = ?1 AND local_date = ?2 AND completed <= 0 AND other <= 0",
    )?
    .execute(params![routine, date])?;
    Ok(())
}
