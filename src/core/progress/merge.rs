//! What an import may add to the log: the rules that keep a file from
//! rewriting the past. Pure: the caller passes the sessions the log already
//! has, `now` and the note cap.
//!
//! - An event dated more than [`FUTURE_SLACK`] after `now` is refused: a
//!   clock that is a few hours off is forgiven, a year of 9999 is not.
//! - A note longer than the coach lets anyone type is cut to that length.
//! - An event under a session the log already has may fill in what the log
//!   lacks (the end of an interrupted session, feedback not yet given: what
//!   a rescue file holds), but may not replace what the log says: another
//!   outcome, pain or note. Such a session is listed, and added only when
//!   the user says so.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{DateTime, Duration, TimeZone};

use super::summary::{SessionOutcome, SessionSummary, summarize};
use crate::core::record::{Event, LogLine};

/// How far past `now` an imported event may be dated.
pub const FUTURE_SLACK: Duration = Duration::days(1);

/// What the log said of a session and what the import would make it say.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    pub session: String,
    pub before: SessionSummary,
    pub after: SessionSummary,
    /// The fields the import would change, by their log names:
    /// `outcome`, `pain_before`, `pain_after`, `note`.
    pub fields: Vec<&'static str>,
}

/// An import sorted: what may go in, and what was held back and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vetted {
    /// The events to add, in the file's order.
    pub lines: Vec<LogLine>,
    /// Events refused for being dated too far ahead.
    pub future: usize,
    /// Notes cut to the cap.
    pub notes_cut: usize,
    /// Sessions the import would change, each once.
    pub changed: Vec<Changed>,
    /// Whether the events of `changed` are in `lines` (the user agreed to
    /// merge them) or were left out.
    pub merged: bool,
}

/// Sorts `incoming` for a log whose events of the sessions `incoming`
/// names are `known` (by session id; a session absent is new). Events of a
/// session the import would change go in only if `merge_existing`.
pub fn vet<Tz: TimeZone>(
    incoming: Vec<LogLine>,
    known: &BTreeMap<String, Vec<LogLine>>,
    now: &DateTime<Tz>,
    note_max: usize,
    merge_existing: bool,
) -> Vetted {
    let latest = now.fixed_offset() + FUTURE_SLACK;
    let mut out = Vetted {
        merged: merge_existing,
        ..Vetted::default()
    };
    let mut lines = Vec::with_capacity(incoming.len());
    for mut line in incoming {
        if line.at > latest {
            out.future += 1;
            continue;
        }
        if let Event::Feedback {
            note: Some(note), ..
        } = &mut line.event
            && let Some((cut, _)) = note.char_indices().nth(note_max)
        {
            note.truncate(cut);
            out.notes_cut += 1;
        }
        lines.push(line);
    }
    // The sessions of the log this import adds events to.
    let mut new_ids: BTreeMap<&str, Vec<&LogLine>> = BTreeMap::new();
    for line in &lines {
        if let Some(old) = known.get(&line.session).filter(|old| !old.is_empty())
            && !old.iter().any(|o| o.id == line.id)
        {
            new_ids.entry(line.session.as_str()).or_default().push(line);
        }
    }
    let mut held: HashSet<String> = HashSet::new();
    for (session, added) in new_ids {
        let old = &known[session];
        let before = summarize(old).into_iter().next();
        let mut all: Vec<LogLine> = old.clone();
        all.extend(added.into_iter().cloned());
        let after = summarize(&all).into_iter().next();
        if let (Some(before), Some(after)) = (before, after) {
            let fields = changes(&before, &after);
            if !fields.is_empty() {
                held.insert(session.to_string());
                out.changed.push(Changed {
                    session: session.to_string(),
                    before,
                    after,
                    fields,
                });
            }
        }
    }
    if !merge_existing {
        lines.retain(|l| !held.contains(&l.session));
    }
    out.lines = lines;
    out
}

/// The session ids `lines` names, each once.
pub fn sessions_of(lines: &[LogLine]) -> BTreeSet<&str> {
    lines.iter().map(|l| l.session.as_str()).collect()
}

/// What `after` says differently from `before`, where `before` said
/// something: filling in an outcome the log lacked (an interrupted
/// session's end) or a missing score or note is not a change.
pub fn changes(before: &SessionSummary, after: &SessionSummary) -> Vec<&'static str> {
    let mut out = Vec::new();
    if before.outcome != SessionOutcome::Interrupted && before.outcome != after.outcome {
        out.push("outcome");
    }
    if before.pain_before.is_some() && before.pain_before != after.pain_before {
        out.push("pain_before");
    }
    if before.pain_after.is_some() && before.pain_after != after.pain_after {
        out.push("pain_after");
    }
    if before.note.is_some() && before.note != after.note {
        out.push("note");
    }
    out
}
