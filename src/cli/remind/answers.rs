//! The morning check and the measures due, reminded as a session is: at
//! most once a day each, within the waking hours, only with reminders on.
//! Each goes into the same file of what was sent, under a key no routine
//! can have (a routine id has no `:`).

use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, TimeZone};

use super::notify::Notifier;
use super::{Record, Reminder, show};
use crate::core::due::Due;
use crate::core::remind::{Allowed, RoutineDue, to_send};
use crate::i18n::outcome::outcome;
use crate::i18n::{CliStrings, Lang, fill};
use crate::shell::exit::Exit;
use crate::shell::outcomes::Asked;
use crate::store;

/// The key of the morning check's reminder.
pub const MORNING: &str = "limber:morning-check";
/// The key of the measures' reminder.
pub const MEASURES: &str = "limber:measures";

/// Sends what `asked` says is due and was not reminded today; what was
/// shown is written to `out` and recorded in `state`.
#[allow(clippy::too_many_arguments)]
pub fn check<Tz: TimeZone>(
    now: &DateTime<Tz>,
    asked: &Asked,
    allowed: Allowed,
    state: &Path,
    notifier: &mut dyn Notifier,
    lang: Lang,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let o = outcome(lang);
    let s = CliStrings::load(lang);
    let mut due = Vec::new();
    if asked.morning_due {
        due.push(MORNING);
    }
    if !asked.due.is_empty() {
        due.push(MEASURES);
    }
    if due.is_empty() {
        return Ok(Exit::Done);
    }
    // A broken file was told of by the sessions' check.
    let sent = store::remind::load(state).unwrap_or_default();
    let candidates: Vec<RoutineDue> = due
        .iter()
        .map(|k| RoutineDue {
            routine: (*k).to_string(),
            due: Due::Now,
            done_today: 0,
        })
        .collect();
    let reminders = to_send(now, &candidates, allowed, &sent)
        .into_iter()
        .map(|key| {
            let (summary, body) = if key.routine == MORNING {
                (
                    o.remind_morning_summary.clone(),
                    o.remind_morning_body.clone(),
                )
            } else {
                let names = o.due_line(&asked.due);
                let names = names.split_once(": ").map_or(names.as_str(), |(_, n)| n);
                (
                    o.remind_measures_summary.clone(),
                    fill(&o.remind_measures_body, &[("measures", names)]),
                )
            };
            Reminder {
                key,
                title: summary.clone(),
                summary,
                body,
            }
        })
        .collect();
    let record = Record {
        sent,
        state,
        today: now.date_naive(),
    };
    show(reminders, record, notifier, &s, out, err)
}
