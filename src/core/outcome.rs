//! The patient's answers outside a session: the morning check and the
//! outcome measures (PSFS, sitting tolerance, usual pain, the red-flag
//! check-in). Each answer is one [`Answer`], kept in the log beside the
//! sessions; it belongs to the patient, not to a routine.
//!
//! Only instruments free to use are here (PSFS, numeric rating scales).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The log name of the morning check, which is not a scheduled measure.
pub const MORNING: &str = "morning";

/// Version of the answer format, written in every answer.
pub const ANSWER_VERSION: u32 = 1;

/// One answer as the log keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// Format version ([`ANSWER_VERSION`]).
    pub v: u32,
    /// Unique id of this answer.
    pub id: String,
    /// Local time with its UTC offset; its date is the day it counts for.
    pub at: DateTime<FixedOffset>,
    #[serde(flatten)]
    pub measure: Measure,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "measure", rename_all = "snake_case")]
pub enum Measure {
    /// The morning check: the 24-hour response the pain-monitoring model
    /// doses by. Every part may be skipped.
    Morning {
        pain: Option<u8>,
        stiffness: Option<u8>,
        compared: Option<Compared>,
    },
    /// Patient-Specific Functional Scale: 3-5 activities the patient names
    /// at the first ask, each rated 0 (unable) to 10 (as before).
    Psfs { items: Vec<PsfsItem> },
    /// How long the patient can sit before the pain makes them get up.
    Sitting { minutes: u32 },
    /// Usual pain over the last 24 hours, 0-10.
    UsualPain { pain: u8 },
    /// The weekly red-flag check-in: each sign asked yes or no.
    RedFlags { answers: Vec<RedFlagAnswer> },
}

/// "Better, the same or worse than yesterday".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compared {
    Better,
    Same,
    Worse,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PsfsItem {
    /// The activity in the patient's words, as named at the first ask.
    pub activity: String,
    /// 0-10; `None` when the activity was only named.
    pub score: Option<u8>,
}

/// The red flags the clinical review lists (DOMAIN.md, CLINICAL-NOTES.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RedFlag {
    /// New trouble passing or holding urine or stool.
    Bladder,
    /// Numbness in the groin, between the legs or around the back passage.
    SaddleNumbness,
    /// Fever or feeling unwell with the back or buttock pain.
    Fever,
    /// Weakness of the leg or foot that is getting quickly worse.
    Weakness,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedFlagAnswer {
    pub flag: RedFlag,
    pub yes: bool,
}

pub mod due;
pub mod morning;
pub mod vet;

pub use due::{Every, MeasureKind, Measures};
pub use morning::{MorningDay, MorningFlag, Reason};

impl Measure {
    /// The measure asked on a schedule this answer is of; `None` for the
    /// morning check, asked every day.
    pub fn kind(&self) -> Option<MeasureKind> {
        match self {
            Measure::Morning { .. } => None,
            Measure::Psfs { .. } => Some(MeasureKind::Psfs),
            Measure::Sitting { .. } => Some(MeasureKind::Sitting),
            Measure::UsualPain { .. } => Some(MeasureKind::UsualPain),
            Measure::RedFlags { .. } => Some(MeasureKind::RedFlags),
        }
    }

    /// The name the log's `measure` column and tag use.
    pub fn name(&self) -> &'static str {
        self.kind().map_or(MORNING, MeasureKind::log_name)
    }
}

impl RedFlag {
    /// Every flag, in the order they are asked.
    pub const ALL: [RedFlag; 4] = [
        RedFlag::Bladder,
        RedFlag::SaddleNumbness,
        RedFlag::Fever,
        RedFlag::Weakness,
    ];
}

/// Whether any red flag was answered yes: such an answer is shown at once
/// with the same-day advice, and at the top of the report.
pub fn any_red_flag(answer: &Answer) -> bool {
    matches!(&answer.measure, Measure::RedFlags { answers } if answers.iter().any(|a| a.yes))
}

/// The activities PSFS rates: those of the latest PSFS answer that named
/// any; empty when none has yet (the first ask names them).
pub fn psfs_activities(answers: &[Answer]) -> Vec<String> {
    answers
        .iter()
        .rev()
        .find_map(|a| match &a.measure {
            Measure::Psfs { items } if !items.is_empty() => {
                Some(items.iter().map(|i| i.activity.clone()).collect())
            }
            _ => None,
        })
        .unwrap_or_default()
}
