//! The patient's answers as the front ends need them: whether the morning
//! check is due, today's morning flag, which measures are due and the PSFS
//! activities; and a new answer stamped and saved. The one gathering
//! behind the coach's home, `limber status`, `remind check`, `checkin`,
//! `measure` and plain mode.

use chrono::{DateTime, FixedOffset, TimeZone};

use crate::core::outcome::due::morning_due;
use crate::core::outcome::morning::{MorningFlag, mornings, today_flag};
use crate::core::outcome::{ANSWER_VERSION, Answer, Every, Measure, MeasureKind, psfs_activities};
use crate::store::history::{History, HistoryError};
use crate::store::routines::Library;

/// What is asked of the patient today.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Asked {
    /// No morning check yet today (skipped counts as done).
    pub morning_due: bool,
    /// Today's morning, when it is flagged.
    pub flag: Option<MorningFlag>,
    /// The measures due, in `MeasureKind::ALL` order.
    pub due: Vec<MeasureKind>,
    /// The activities PSFS rates; empty before the first PSFS.
    pub activities: Vec<String>,
}

/// How often the library's routines ask each measure.
pub fn every(library: &Library) -> Every {
    Every::of(library.routines.iter().map(|l| l.routine.measures.as_ref()))
}

/// What is asked today, as of `now`. Without a log, what a new patient is
/// asked.
pub fn asked<Tz: TimeZone>(
    history: Option<&History>,
    library: &Library,
    now: &DateTime<Tz>,
) -> Result<Asked, HistoryError> {
    let today = now.date_naive();
    let every = every(library);
    let Some(h) = history else {
        return Ok(Asked {
            morning_due: true,
            due: every.due(|_| None, today),
            ..Asked::default()
        });
    };
    let days = mornings(&h.mornings()?);
    let mut last = [None; 4];
    for k in MeasureKind::ALL {
        last[k as usize] = h.last_answered(k)?;
    }
    Ok(Asked {
        morning_due: morning_due(h.last_morning()?, today),
        flag: today_flag(&days, today),
        due: every.due(|k| last[k as usize], today),
        activities: psfs_activities(&h.answers(Some("psfs"), None)?),
    })
}

/// A new answer of `measure` at `now`, with an id no other answer has:
/// the moment in nanoseconds and the process.
pub fn answer(measure: Measure, now: DateTime<FixedOffset>) -> Answer {
    let time = now
        .timestamp_nanos_opt()
        .map_or_else(|| format!("s{:x}", now.timestamp()), |ns| format!("{ns:x}"));
    Answer {
        v: ANSWER_VERSION,
        id: format!("a{time}-{:x}-{}", std::process::id(), measure.name()),
        at: now,
        measure,
    }
}
