//! What an import may add of the patient's answers: the rules of
//! `core::progress::merge` for events, for answers. Pure: `now` and the
//! caps are arguments.
//!
//! - An answer dated more than [`FUTURE_SLACK`] after `now` is refused.
//! - A score outside 0-10, or more than a day of sitting, is refused: no
//!   screen of limber could have given it.
//! - An activity's text is cut to [`ACTIVITY_MAX`] characters, and PSFS
//!   keeps at most [`PSFS_MAX`] activities.

use chrono::{DateTime, TimeZone};

use super::{Answer, Measure};
use crate::core::progress::merge::FUTURE_SLACK;

/// The longest activity the coach and `limber measure psfs` take.
pub const ACTIVITY_MAX: usize = 80;
/// PSFS names 3 to 5 activities.
pub const PSFS_MIN: usize = 3;
pub const PSFS_MAX: usize = 5;
/// More minutes than a day has is not an answer.
pub const SITTING_MAX: u32 = 24 * 60;

/// Answers sorted: those that may go in, and how many were refused or cut.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VettedAnswers {
    pub answers: Vec<Answer>,
    pub future: usize,
    pub out_of_range: usize,
    pub texts_cut: usize,
}

/// Sorts `incoming` (see the module's rules).
pub fn vet_answers<Tz: TimeZone>(incoming: Vec<Answer>, now: &DateTime<Tz>) -> VettedAnswers {
    let latest = now.fixed_offset() + FUTURE_SLACK;
    let mut out = VettedAnswers::default();
    for mut a in incoming {
        if a.at > latest {
            out.future += 1;
            continue;
        }
        if !in_range(&a.measure) {
            out.out_of_range += 1;
            continue;
        }
        if let Measure::Psfs { items } = &mut a.measure {
            if items.len() > PSFS_MAX {
                items.truncate(PSFS_MAX);
                out.texts_cut += 1;
            }
            for item in items {
                if let Some((cut, _)) = item.activity.char_indices().nth(ACTIVITY_MAX) {
                    item.activity.truncate(cut);
                    out.texts_cut += 1;
                }
            }
        }
        out.answers.push(a);
    }
    out
}

/// Whether every number of `m` is one limber could have asked for.
pub fn in_range(m: &Measure) -> bool {
    let score = |s: Option<u8>| s.is_none_or(|s| s <= 10);
    match m {
        Measure::Morning {
            pain, stiffness, ..
        } => score(*pain) && score(*stiffness),
        Measure::Psfs { items } => items.iter().all(|i| score(i.score)),
        Measure::Sitting { minutes } => *minutes <= SITTING_MAX,
        Measure::UsualPain { pain } => *pain <= 10,
        Measure::RedFlags { .. } => true,
    }
}
