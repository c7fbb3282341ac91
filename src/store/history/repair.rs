//! `limber log repair`: every session summary and day count rebuilt from
//! `events`, the log's only source, in one write transaction. The rows are
//! derived data, so nothing a user gave is lost; each is rebuilt by the
//! same `resummarize` every append uses, so a repaired row is exactly the
//! row a fresh import of the events would have written. [`History::mend`]
//! does the same on its own when a row cannot be read: the journal calls
//! it at the coach's start, once the file has passed its check.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;

use super::read::{day_row, summary_row};
use super::walks::has_walks;
use super::write::{Touched, resummarize};
use super::{Doing, History, HistoryError, decode};

/// What a repair did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Repaired {
    /// Sessions rebuilt from their events.
    pub sessions: usize,
    /// Summary and day rows that differed from their rebuild (wrong,
    /// unreadable, missing or left over): what the repair fixed.
    pub fixed: usize,
    /// Events that could not be read themselves: kept as they are, and
    /// left out of the summaries.
    pub unreadable_events: usize,
}

impl History {
    /// Rebuilds every row of `sessions` and `days` from `events`, and drops
    /// the kept course walks (walked again when next asked for), in one
    /// transaction: it all happens or none of it does.
    pub fn repair(&self) -> Result<Repaired, HistoryError> {
        let mut repaired = Repaired::default();
        self.write_as(Doing::Write, |tx| {
            let rows = |sql: &str| -> rusqlite::Result<BTreeMap<String, String>> {
                tx.prepare(sql)?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            };
            // Read as text, whatever was edited in, to compare afterwards.
            let sessions_sql = "SELECT id, CAST(summary AS TEXT) FROM sessions";
            let days_sql = "SELECT routine_id || ' ' || local_date,
                 CAST(completed AS TEXT) || ' ' || CAST(other AS TEXT) FROM days";
            let before = (rows(sessions_sql)?, rows(days_sql)?);

            let mut ids = BTreeSet::new();
            let mut unreadable = 0;
            {
                let mut stmt = tx.prepare("SELECT session, json FROM events")?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    ids.insert(row.get::<_, String>(0)?);
                    if decode(&row.get::<_, String>(1)?).is_err() {
                        unreadable += 1;
                    }
                }
            }
            tx.execute_batch("DELETE FROM sessions; DELETE FROM days;")?;
            if has_walks(tx)? {
                tx.execute_batch("DELETE FROM course_walks;")?;
            }
            let mut touched = Touched::new();
            for id in &ids {
                resummarize(tx, id, &mut touched)?;
            }

            let after = (rows(sessions_sql)?, rows(days_sql)?);
            repaired = Repaired {
                sessions: after.0.len(),
                fixed: differing(&before.0, &after.0) + differing(&before.1, &after.1),
                unreadable_events: unreadable,
            };
            Ok(())
        })?;
        Ok(repaired)
    }
}

impl History {
    /// Repairs the log if any summary or day count in it cannot be read
    /// (`None` if all can: nothing is written). Reads every summary once,
    /// so it belongs with the start-up check, on its thread, never on a
    /// screen's way.
    pub fn mend(&self) -> Result<Option<Repaired>, HistoryError> {
        let err = |e| HistoryError::sql(Doing::Read, &self.path, e);
        let unreadable = |sql: &str, bad: &dyn Fn(&rusqlite::Row) -> rusqlite::Result<bool>| {
            let mut stmt = self.conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                if bad(row)? {
                    return Ok(true);
                }
            }
            Ok(false)
        };
        let broken = unreadable("SELECT summary FROM sessions", &|r| {
            Ok(summary_row(r.get::<_, Value>(0)?).is_none())
        })
        .map_err(err)?
            || unreadable("SELECT local_date, completed, other FROM days", &|r| {
                let date: Value = r.get(0)?;
                let Value::Text(date) = date else {
                    return Ok(true);
                };
                Ok(day_row(&date, r.get(1)?, r.get(2)?).is_none())
            })
            .map_err(err)?;
        if broken {
            self.repair().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// How many keys of either map are missing from the other or differ.
fn differing(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> usize {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).count()
}
