//! What an import may add (issue 21): events dated far ahead are refused
//! and counted, notes are cut to the coach's length, and a session the log
//! already has is changed only when the user says so; filling in what the
//! log lacks (a rescue file's end of an interrupted session) is not a
//! change.

use chrono::{DateTime, FixedOffset, TimeZone};
use limber::core::progress::SessionOutcome;
use limber::core::progress::merge::{sessions_of, vet};
use limber::core::record::{Event, LogLine, Outcome, StopReason};
use limber::shell::runner::NOTE_MAX;
use limber::store::history::History;
use limber::store::history::sample::{Spec, routine_ref};

fn at(y: i32, h: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(y, 11, 20, h, 0, 0)
        .unwrap()
}

fn now() -> DateTime<FixedOffset> {
    at(2026, 12)
}

fn session(id: &str, start: DateTime<FixedOffset>) -> Spec {
    Spec::new(&routine_ref("piriformis-stretch", 1), id, start)
        .outcome(Some(Outcome::Completed))
        .pain(Some(4), Some(2))
        .note("fine")
}

/// The log's session `s1`, completed with pain 4 -> 2, and an import that
/// adds events under its id: stopped for pain, pain 10, another note.
fn log_and_rewrite() -> (History, Vec<LogLine>) {
    let history = History::in_memory().unwrap();
    history.import(&session("s1", at(2026, 9)).lines()).unwrap();
    let mut rewrite = session("s1", at(2026, 8))
        .outcome(Some(Outcome::Stopped(StopReason::Pain)))
        .pain(Some(4), Some(10))
        .note("worse")
        .lines();
    for l in &mut rewrite {
        l.id = format!("x-{}", l.id);
        // Its end comes first and its feedback last, so both would win.
        if matches!(l.event, Event::Feedback { .. }) {
            l.at = at(2026, 11);
        }
    }
    let new = session("s2", at(2026, 10)).lines();
    rewrite.extend(new);
    (history, rewrite)
}

fn import(history: &History, lines: Vec<LogLine>, merge: bool) -> usize {
    let known = history.events_of(sessions_of(&lines)).unwrap();
    let vetted = vet(lines, &known, &now(), NOTE_MAX, merge);
    let changed = vetted.changed.len();
    history.import(&vetted.lines).unwrap();
    changed
}

#[test]
fn a_session_already_in_the_log_is_not_changed_without_merge_existing() {
    let (history, rewrite) = log_and_rewrite();
    let known = history.events_of(sessions_of(&rewrite)).unwrap();
    let vetted = vet(rewrite.clone(), &known, &now(), NOTE_MAX, false);
    assert_eq!(vetted.changed.len(), 1);
    let c = &vetted.changed[0];
    assert_eq!(c.session, "s1");
    assert_eq!(c.fields, ["outcome", "pain_after", "note"]);
    assert_eq!(c.after.outcome, SessionOutcome::Stopped(StopReason::Pain));
    assert!(vetted.lines.iter().all(|l| l.session == "s2"));

    assert_eq!(import(&history, rewrite, false), 1);
    let sessions = history.sessions(None, None).unwrap();
    assert_eq!(sessions.len(), 2, "the new session is added");
    let s1 = sessions.iter().find(|s| s.id == "s1").unwrap();
    assert_eq!(s1.outcome, SessionOutcome::Completed);
    assert_eq!((s1.pain_after, s1.note.as_deref()), (Some(2), Some("fine")));
}

#[test]
fn merge_existing_applies_the_change() {
    let (history, rewrite) = log_and_rewrite();
    assert_eq!(import(&history, rewrite, true), 1);
    let sessions = history.sessions(None, None).unwrap();
    let s1 = sessions.iter().find(|s| s.id == "s1").unwrap();
    assert_eq!(s1.outcome, SessionOutcome::Stopped(StopReason::Pain));
    assert_eq!(s1.pain_after, Some(10));
    assert_eq!(sessions.len(), 2);
}

/// A rescue file holds the end and feedback of a session the log has only
/// begun: that fills in, and goes in without being asked.
#[test]
fn the_end_of_an_interrupted_session_is_not_a_change() {
    let history = History::in_memory().unwrap();
    let whole = session("s1", at(2026, 9)).lines();
    let (start, rest) = whole.split_at(1);
    history.import(start).unwrap();
    assert_eq!(import(&history, rest.to_vec(), false), 0);
    let s = &history.sessions(None, None).unwrap()[0];
    assert_eq!(s.outcome, SessionOutcome::Completed);
    assert_eq!(s.note.as_deref(), Some("fine"));
}

#[test]
fn events_dated_far_ahead_are_refused_and_counted() {
    let history = History::in_memory().unwrap();
    let mut lines = session("future", at(9999, 14)).lines();
    let n = lines.len();
    // Within a day ahead is a clock a little off: taken.
    lines.extend(session("soon", now() + chrono::Duration::hours(20)).lines());
    let vetted = vet(lines, &Default::default(), &now(), NOTE_MAX, false);
    assert_eq!(vetted.future, n);
    history.import(&vetted.lines).unwrap();
    let ids: Vec<String> = history
        .sessions(None, None)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, ["soon"]);
}

#[test]
fn a_note_over_the_coach_s_length_is_cut_to_it() {
    let long = "é".repeat(NOTE_MAX * 5000);
    let lines = session("s1", at(2026, 9)).note(&long).lines();
    let vetted = vet(lines, &Default::default(), &now(), NOTE_MAX, false);
    assert_eq!(vetted.notes_cut, 1);
    let note = vetted
        .lines
        .iter()
        .find_map(|l| match &l.event {
            Event::Feedback { note, .. } => note.clone(),
            _ => None,
        })
        .unwrap();
    assert_eq!(note.chars().count(), NOTE_MAX);
    assert_eq!(note, "é".repeat(NOTE_MAX));
}
