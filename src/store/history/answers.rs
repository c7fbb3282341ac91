//! The patient's answers outside a session (`core::outcome::Answer`): the
//! morning check and the outcome measures, in the `answers` table, one row
//! each. An answer whose id is already there is ignored, as an event is.
//! A file of schema 1 or 2 has no table yet: reads find no answer, and the
//! first write brings the file to the current schema.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::schema::upgrade;
use super::{Doing, History, HistoryError, json_error};
use crate::core::outcome::{Answer, MORNING, MeasureKind};

/// What an import of answers added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswersImported {
    pub added: usize,
    pub present: usize,
}

fn has_answers(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'answers'",
    )?
    .query_row([], |r| r.get::<_, i64>(0))
    .map(|n| n > 0)
}

fn insert(tx: &rusqlite::Transaction, a: &Answer) -> rusqlite::Result<bool> {
    let json = serde_json::to_string(a).map_err(json_error)?;
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO answers (id, at, local_date, measure, json) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            a.id,
            a.at.to_rfc3339(),
            a.at.date_naive().to_string(),
            a.measure.name(),
            json
        ])?;
    Ok(n == 1)
}

impl History {
    /// Writes one answer, in a transaction of its own, on disk before it
    /// returns. An id already in the log is ignored.
    pub fn append_answer(&self, answer: &Answer) -> Result<(), HistoryError> {
        self.import_answers(std::slice::from_ref(answer))
            .map(|_| ())
    }

    /// Adds every answer of `answers` not yet present, in one transaction.
    pub fn import_answers(&self, answers: &[Answer]) -> Result<AnswersImported, HistoryError> {
        let mut out = AnswersImported::default();
        if answers.is_empty() {
            return Ok(out);
        }
        self.write(|tx| {
            if !has_answers(tx)? {
                tx.execute_batch(&upgrade())?;
            }
            out = AnswersImported::default();
            for a in answers {
                if insert(tx, a)? {
                    out.added += 1;
                } else {
                    out.present += 1;
                }
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The answers of `measure` (its log name, every measure if `None`)
    /// from `since` on, oldest first. A row that cannot be read is skipped
    /// and counted in [`History::unreadable`].
    pub fn answers(
        &self,
        measure: Option<&str>,
        since: Option<NaiveDate>,
    ) -> Result<Vec<Answer>, HistoryError> {
        let err = |e| HistoryError::sql(Doing::Read, &self.path, e);
        if !has_answers(&self.conn).map_err(err)? {
            return Ok(Vec::new());
        }
        let since = since.map(|d| d.to_string()).unwrap_or_default();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, json FROM answers WHERE (?1 IS NULL OR measure = ?1) \
                 AND local_date >= ?2 ORDER BY at, seq",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map(params![measure, since], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(err)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, json) = row.map_err(err)?;
            match serde_json::from_str::<Answer>(&json) {
                Ok(a) => out.push(a),
                Err(_) => self.note_unreadable(format!("answer {id:?}")),
            }
        }
        Ok(out)
    }

    /// The local day each scheduled measure was last answered.
    pub fn last_answered(&self, kind: MeasureKind) -> Result<Option<NaiveDate>, HistoryError> {
        self.last_day(kind.log_name())
    }

    /// The local day of the last morning check, skipped or not.
    pub fn last_morning(&self) -> Result<Option<NaiveDate>, HistoryError> {
        self.last_day(MORNING)
    }

    /// Every morning check, oldest first (what a progression rule reads).
    pub fn mornings(&self) -> Result<Vec<Answer>, HistoryError> {
        self.answers(Some(MORNING), None)
    }

    fn last_day(&self, measure: &str) -> Result<Option<NaiveDate>, HistoryError> {
        let err = |e| HistoryError::sql(Doing::Read, &self.path, e);
        if !has_answers(&self.conn).map_err(err)? {
            return Ok(None);
        }
        let day: Option<String> = self
            .conn
            .prepare_cached("SELECT max(local_date) FROM answers WHERE measure = ?1")
            .map_err(err)?
            .query_row([measure], |r| r.get(0))
            .map_err(err)?;
        Ok(day.and_then(|d| d.parse().ok()))
    }
}
