//! Rows of the log edited into nonsense (issue 21): a summary or a day
//! count that cannot be read is skipped and counted, never fatal, a pain
//! past 10 is never averaged, and `History::repair` rebuilds every row from
//! the events.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use limber::core::progress::{Target, pain_trend, summarize};
use limber::core::record::{LogLine, Outcome};
use limber::store::history::sample::{Spec, routine_ref};
use limber::store::history::{FILE_NAME, History};

fn at(day: u32, h: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, day, h, 0, 0)
        .unwrap()
}

/// Three completed sessions of one routine on 18, 19 and 20 November, pain
/// 4 -> 2 each.
fn lines() -> Vec<LogLine> {
    let r = routine_ref("piriformis-stretch", 1);
    (0..3)
        .flat_map(|i| {
            Spec::new(&r, &format!("s{i}"), at(18 + i, 9))
                .outcome(Some(Outcome::Completed))
                .steps(2)
                .pain(Some(4), Some(2))
                .lines()
        })
        .collect()
}

/// A data directory holding `lines()`, and the SQL `edit` run on it from
/// outside, as another program would.
fn edited(edit: &str) -> (tempfile::TempDir, History) {
    let dir = tempfile::tempdir().unwrap();
    let history = History::open(dir.path()).unwrap().history;
    history.import(&lines()).unwrap();
    drop(history);
    sql(dir.path(), edit);
    let history = History::open(dir.path()).unwrap().history;
    (dir, history)
}

fn sql(dir: &Path, edit: &str) {
    let conn = rusqlite::Connection::open(dir.join(FILE_NAME)).unwrap();
    conn.execute_batch(edit).unwrap();
}

fn target() -> Target {
    Target::fallback("piriformis-stretch")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// Each way a summary is found broken: the session is left out, counted
/// once however often it is read, and the others are all there.
#[test]
fn an_unreadable_summary_is_skipped_and_counted_once() {
    for (what, edit) in [
        (
            "pain 1e308",
            r#"UPDATE sessions SET summary = replace(summary, '"pain_before":4', '"pain_before":1e308') WHERE id = 's1'"#,
        ),
        (
            "not JSON",
            "UPDATE sessions SET summary = 'not json {' WHERE id = 's1'",
        ),
        (
            "year +262143",
            "UPDATE sessions SET summary = replace(summary, '2026-11-19', '+262143-11-19') WHERE id = 's1'",
        ),
        (
            "a number, not text",
            "UPDATE sessions SET summary = 42 WHERE id = 's1'",
        ),
    ] {
        let (_dir, history) = edited(edit);
        let ids = |h: &History| -> Vec<String> {
            h.sessions(None, None)
                .unwrap_or_else(|e| panic!("{what}: {e}"))
                .into_iter()
                .map(|s| s.id)
                .collect()
        };
        assert_eq!(ids(&history), ["s0", "s2"], "{what}");
        assert_eq!(ids(&history), ["s0", "s2"], "{what}");
        assert_eq!(history.unreadable(), 1, "{what}: one row, counted once");
        assert_eq!(
            history
                .completed_since("piriformis-stretch", None)
                .unwrap()
                .len(),
            2,
            "{what}"
        );
    }
}

/// A day count past what a day can hold is left out of the glance and the
/// days, and counted.
#[test]
fn a_day_count_beyond_u32_is_skipped_and_counted() {
    let (_dir, history) = edited(
        "UPDATE days SET completed = 5000000000 WHERE local_date = '2026-11-20';
         UPDATE days SET other = -1 WHERE local_date = '2026-11-19';",
    );
    let days = history.days("piriformis-stretch").unwrap();
    assert_eq!(
        days.iter().map(|d| d.date.to_string()).collect::<Vec<_>>(),
        ["2026-11-18"]
    );
    let glance = history.glance(&target(), today()).unwrap();
    assert_eq!(glance.today_done, 0, "the bad count is not taken as done");
    assert_eq!(history.unreadable(), 2);
}

/// A pain of 255 edited into a summary is not a score: it is read as none,
/// and never averaged into the trend the report shows.
#[test]
fn a_pain_of_255_in_the_database_is_not_averaged() {
    let (_dir, history) = edited(
        r#"UPDATE sessions SET summary = replace(summary, '"pain_before":4', '"pain_before":255') WHERE id = 's1'"#,
    );
    let sessions = history.sessions(None, None).unwrap();
    let s1 = sessions.iter().find(|s| s.id == "s1").unwrap();
    assert_eq!((s1.pain_before, s1.pain_after), (None, Some(2)));
    let trend = pain_trend(&sessions, None, None);
    assert!(
        trend.iter().all(|p| p.before.is_none_or(|b| b <= 10.0)),
        "{trend:?}"
    );
    assert_eq!(trend.len(), 3);
    assert_eq!(
        trend[1].before, None,
        "the day of the 255 has no pain before"
    );
    assert_eq!(history.unreadable(), 0, "readable, only out of range");
}

/// Summaries built by hand are held to the range too.
#[test]
fn the_trend_ignores_pain_past_10_wherever_it_comes_from() {
    let mut sessions = summarize(&lines());
    sessions[0].pain_before = Some(255);
    sessions[0].pain_after = Some(200);
    let trend = pain_trend(&sessions, None, None);
    assert_eq!(trend.len(), 2, "a day with only bad scores has no point");
    assert!(trend.iter().all(|p| p.before == Some(4.0)));
}

/// `repair` rebuilds every summary and day count from the events: after
/// it, the log reads as it did before the edits, and nothing is skipped.
#[test]
fn repair_rebuilds_summaries_and_days_from_the_events() {
    let (dir, history) = edited(
        r#"UPDATE sessions SET summary = 'not json {' WHERE id = 's1';
           UPDATE days SET completed = 5000000000 WHERE local_date = '2026-11-20';
           DELETE FROM sessions WHERE id = 's2';
           INSERT INTO days VALUES ('ghost', '2026-11-01', 7, 0);"#,
    );
    let want = summarize(&lines());
    assert_ne!(history.sessions(None, None).unwrap(), want);
    let repaired = history.repair().unwrap();
    assert_eq!(repaired.sessions, 3);
    assert_eq!(repaired.unreadable_events, 0);
    assert_eq!(
        repaired.fixed, 4,
        "s1's summary, s2's missing row, the bad count and the ghost day"
    );
    drop(history);
    let history = History::open(dir.path()).unwrap().history;
    assert_eq!(history.sessions(None, None).unwrap(), want);
    assert_eq!(history.routine_ids().unwrap(), ["piriformis-stretch"]);
    assert_eq!(history.glance(&target(), today()).unwrap().today_done, 1);
    assert_eq!(history.unreadable(), 0);
    // Nothing left to fix: a second repair changes nothing.
    assert_eq!(history.repair().unwrap().fixed, 0);
}

/// An event edited into something unreadable is kept as it is, counted,
/// and left out of its session's summary; the rest is rebuilt.
#[test]
fn repair_leaves_an_unreadable_event_out_and_counts_it() {
    let (_dir, history) = edited(
        "UPDATE events SET json = 'garbage' WHERE id = (SELECT max(id) FROM events WHERE session = 's2')",
    );
    let repaired = history.repair().unwrap();
    assert_eq!(repaired.unreadable_events, 1);
    assert_eq!(repaired.sessions, 3);
    assert_eq!(history.event_count().unwrap(), lines().len());
}

/// What the coach's start-up check runs: nothing written to a sound log,
/// and a log with a row that cannot be read repaired whole.
#[test]
fn mend_repairs_only_a_log_with_an_unreadable_row() {
    let (_dir, history) = edited("");
    assert_eq!(history.mend().unwrap(), None);
    for edit in [
        "UPDATE sessions SET summary = '{' WHERE id = 's2'",
        "UPDATE days SET completed = -3 WHERE local_date = '2026-11-18'",
        "UPDATE days SET other = 'x' WHERE local_date = '2026-11-19'",
    ] {
        let (_dir, history) = edited(edit);
        let repaired = history.mend().unwrap().expect(edit);
        assert_eq!(repaired.fixed, 1, "{edit}");
        assert_eq!(history.sessions(None, None).unwrap(), summarize(&lines()));
        assert_eq!(history.days("piriformis-stretch").unwrap().len(), 3);
        assert_eq!(history.unreadable(), 0, "{edit}");
        assert_eq!(history.mend().unwrap(), None, "{edit}: mended for good");
    }
}
