//! The kept course walks: each routine's course walked through yesterday
//! per rule, so a glance reads only the days since.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::read::days_between;
use super::schema::upgrade;
use super::{Doing, History, HistoryError, json_error};
use crate::core::progress::{CourseWalk, Target};
use crate::core::routine::Course;

impl History {
    /// Keeps the course walk of every target with a course through the day
    /// before `today`, and drops those of rules the targets' routines no
    /// longer have, in one transaction: so the next [`History::glance`]
    /// reads only the days since. Writes nothing when all are up to date.
    pub fn keep_courses(&self, targets: &[Target], today: NaiveDate) -> Result<(), HistoryError> {
        let Some(through) = today.pred_opt().map(|d| d.to_string()) else {
            return Ok(());
        };
        // Every rule each routine has now, kept through yesterday: one kept
        // through another day (or ahead of a clock that went back) is
        // stale, and a rule no routine has any more goes.
        let mut wanted: BTreeMap<&str, BTreeMap<String, &Course>> = BTreeMap::new();
        for t in targets {
            let rules = wanted.entry(&t.routine_id).or_default();
            if let Some(c) = t.course() {
                rules.insert(rule_key(c), c);
            }
        }
        let up_to_date = |conn: &Connection| -> rusqlite::Result<bool> {
            if !has_walks(conn)? {
                return Ok(false);
            }
            for (routine, rules) in &wanted {
                let kept = kept_rules(conn, routine)?;
                if kept.len() != rules.len()
                    || kept
                        .iter()
                        .any(|(rule, kept)| *kept != through || !rules.contains_key(rule))
                {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        if up_to_date(&self.conn).map_err(|e| HistoryError::sql(Doing::Read, &self.path, e))? {
            return Ok(());
        }
        // Looked at again inside the transaction: another process may have
        // kept them meanwhile.
        self.write(|tx| {
            if up_to_date(tx)? {
                return Ok(());
            }
            tx.execute_batch(&upgrade())?;
            for (routine, rules) in &wanted {
                for (rule, _) in kept_rules(tx, routine)? {
                    if !rules.contains_key(&rule) {
                        tx.prepare_cached(
                            "DELETE FROM course_walks WHERE routine_id = ?1 AND rule = ?2",
                        )?
                        .execute([routine, &rule.as_str()])?;
                    }
                }
                for c in rules.values() {
                    let (after, walk) = kept_walk(tx, routine, c)?
                        .filter(|(kept, _)| *kept <= through)
                        .unwrap_or_default();
                    if after != through {
                        let walk = walk_days(tx, routine, c, walk, &after, &through)?;
                        save_walk(tx, routine, c, &through, &walk)?;
                    }
                }
            }
            Ok(())
        })
    }
}

/// Whether the file has `course_walks` (a version 1 file does not until
/// a walk is kept).
pub(super) fn has_walks(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'course_walks'",
    )?
    .query_row([], |r| r.get::<_, i64>(0))
    .map(|n| n > 0)
}

/// The rules kept for `routine`, each with the date kept through.
fn kept_rules(conn: &Connection, routine: &str) -> rusqlite::Result<Vec<(String, String)>> {
    conn.prepare_cached("SELECT rule, through FROM course_walks WHERE routine_id = ?1")?
        .query_map([routine], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

/// A course rule as the key of its kept walk, with the walk's format: a
/// walk kept by older course rules has another key, so it is walked again
/// and its row dropped, never resumed.
fn rule_key(course: &Course) -> String {
    let rule = serde_json::to_string(course).unwrap_or_default();
    format!("walk{}:{rule}", CourseWalk::FORMAT)
}

/// The course rule of a key [`rule_key`] wrote; `None` for a key of another
/// walk format.
pub(super) fn rule_of(key: &str) -> Option<Course> {
    let rule = key.strip_prefix(&format!("walk{}:", CourseWalk::FORMAT))?;
    serde_json::from_str(rule).ok()
}

/// The walk kept for `routine` under `course`, with the date it is kept
/// through; `None` if none is (or it cannot be read: walked again).
pub(super) fn kept_walk(
    conn: &Connection,
    routine: &str,
    course: &Course,
) -> rusqlite::Result<Option<(String, CourseWalk)>> {
    if !has_walks(conn)? {
        return Ok(None);
    }
    let row: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT through, walk FROM course_walks WHERE routine_id = ?1 AND rule = ?2",
        )?
        .query_row(params![routine, rule_key(course)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row.and_then(|(through, walk)| Some((through, serde_json::from_str(&walk).ok()?))))
}

/// `walk` resumed with the days after `after` through `through`.
pub(super) fn walk_days(
    conn: &Connection,
    routine: &str,
    course: &Course,
    mut walk: CourseWalk,
    after: &str,
    through: &str,
) -> rusqlite::Result<CourseWalk> {
    // A day count that cannot be read is left out (reads say so, and
    // `limber log repair` rebuilds it).
    for d in days_between(conn, routine, after, through, true)?.read {
        walk.take(course, d.date, d.completed);
    }
    Ok(walk)
}

pub(super) fn save_walk(
    conn: &Connection,
    routine: &str,
    course: &Course,
    through: &str,
    walk: &CourseWalk,
) -> rusqlite::Result<()> {
    let walk = serde_json::to_string(walk).map_err(json_error)?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO course_walks (routine_id, rule, through, walk)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![routine, rule_key(course), through, walk])?;
    Ok(())
}
