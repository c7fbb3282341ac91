//! The dose in force for a session, as both front ends get it: read from
//! the log through the one pure walk (`core::progression::in_force`),
//! applied to the routine before its plan is built, said in the same
//! words on the coach's setup screen and in plain mode, and handed to the
//! runner to log with the session.

use chrono::NaiveDate;

use crate::core::plan::{Plan, PlanError, expand};
use crate::core::progression::{Dosed, StepDose, apply, in_force, logged};
use crate::core::routine::{Routine, Side};
use crate::i18n::{DoseStrings, Lang};
use crate::store::history::{History, HistoryError};

/// The dose in force today of each step `routine`'s progression rule
/// names; nothing to read for a routine without a rule, or without a log.
pub fn read(
    history: Option<&History>,
    routine: &Routine,
    today: NaiveDate,
) -> Result<Vec<Dosed>, HistoryError> {
    let (Some(history), Some(_)) = (history, &routine.progression) else {
        return Ok(Vec::new());
    };
    let sessions = history.sessions(Some(&routine.id), None)?;
    Ok(in_force(routine, &sessions, &history.mornings()?, today))
}

/// The plan of a session of `variant` with `doses` in force, and the
/// doses to log with it. A variant keeps its written doses: nothing is
/// logged for it.
pub fn plan(
    routine: &Routine,
    variant: Option<&str>,
    side: Side,
    doses: &[Dosed],
) -> Result<(Plan, Vec<StepDose>), PlanError> {
    if variant.is_some() || doses.is_empty() {
        return Ok((expand(routine, variant, side)?, Vec::new()));
    }
    let dose = logged(doses);
    Ok((expand(&apply(routine, &dose), None, side)?, dose))
}

/// What changed and why, one line a step whose dose ever changed, in the
/// order of the rule: what the setup screen and plain mode say before a
/// session of the main steps.
pub fn lines(routine: &Routine, doses: &[Dosed], variant: Option<&str>, lang: Lang) -> Vec<String> {
    if variant.is_some() {
        return Vec::new();
    }
    let strings = DoseStrings::get(lang);
    doses
        .iter()
        .filter(|d| !d.pinned)
        .filter_map(|d| {
            let change = d.last.as_ref()?;
            let title = routine
                .steps
                .iter()
                .find(|s| s.id == d.step)?
                .title
                .as_str();
            Some(strings.change(title, change, lang))
        })
        .collect()
}
