//! Course walks kept in the store (issue 12): home and `status` resume a
//! walk kept through yesterday and read only the days since, and every
//! write keeps what they show equal to a walk of the whole history.

use chrono::{Duration, NaiveDate};
use limber::core::progress::{Target, progress, summarize};
use limber::core::record::LogLine;
use limber::core::routine::{Course, CourseCount};
use limber::store::history::History;
use limber::store::history::sample::{demo_targets, years};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// The targets of the sample log, and the massage one counted in days with
/// a short pause as well: two rules kept side by side for one routine.
fn targets() -> Vec<Target> {
    let mut all = demo_targets();
    let mut days = all[1].clone();
    days.course = Some(Course {
        sessions: 5,
        count: CourseCount::Days,
        pause_days: 3,
    });
    all.push(days);
    all
}

/// What home shows from the store equals what the whole history gives.
fn assert_glances_match(history: &History, lines: &[LogLine], on: NaiveDate) {
    let all = summarize(lines);
    for t in targets() {
        assert_eq!(
            history.glance(&t, on).unwrap(),
            progress(&all, &t, on).glance(),
            "{} {:?} on {on}",
            t.routine_id,
            t.course
        );
    }
}

fn before(lines: &[LogLine], date: NaiveDate) -> (Vec<LogLine>, Vec<LogLine>) {
    lines
        .iter()
        .cloned()
        .partition(|l| l.at.date_naive() < date)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Kept on any day, the walk resumed gives the full figures: after the
    /// days since are added, and after another device's sessions land, one
    /// event at a time, on a day the walk may already have taken.
    #[test]
    fn a_kept_walk_stays_equal_to_the_whole_history(
        seed in 0..1000u64,
        kept_back in 1..40i64,
        late_back in 1..60i64,
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let history = History::open(tmp.path()).unwrap().history;
        let lines = years(240, today(), seed);
        let kept_on = today() - Duration::days(kept_back);
        let (old, new) = before(&lines, kept_on);
        // Hold back one earlier day, as if from a second device.
        let late_day = today() - Duration::days(late_back);
        let (late, old): (Vec<_>, Vec<_>) =
            old.into_iter().partition(|l| l.at.date_naive() == late_day);

        history.import(&old).unwrap();
        history.keep_courses(&targets(), kept_on).unwrap();
        assert_glances_match(&history, &old, kept_on);
        history.import(&new).unwrap();
        let mut seen = [old, new].concat();
        assert_glances_match(&history, &seen, today());
        for l in &late {
            history.append(l).unwrap();
        }
        seen.extend(late);
        assert_glances_match(&history, &seen, today());
        // Kept again the next day: the same figures.
        history.keep_courses(&targets(), today()).unwrap();
        assert_glances_match(&history, &seen, today());
    }
}

#[test]
fn an_up_to_date_walk_needs_no_write_so_a_held_lock_does_not_matter() {
    let tmp = tempfile::tempdir().unwrap();
    let history = History::open(tmp.path()).unwrap().history;
    let lines = years(200, today(), 3);
    history.import(&lines).unwrap();
    history.keep_courses(&targets(), today()).unwrap();

    // Another process in the middle of a write transaction.
    let other = rusqlite::Connection::open(history.path()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    history.keep_courses(&targets(), today()).unwrap();
    assert_glances_match(&history, &lines, today());
    // A day later the walk is stale: keeping it now waits for the lock,
    // briefly, and says so; reading still works.
    let tomorrow = today() + Duration::days(1);
    let e = history.keep_courses(&targets(), tomorrow).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::ResourceBusy, "{e}");
    assert_glances_match(&history, &lines, tomorrow);
    other.execute_batch("ROLLBACK").unwrap();
    history.keep_courses(&targets(), tomorrow).unwrap();
}

#[test]
fn a_version_1_store_gets_the_walks_table_at_open() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = years(120, today(), 5);
    {
        let history = History::open(tmp.path()).unwrap().history;
        history.import(&lines).unwrap();
        let conn = rusqlite::Connection::open(history.path()).unwrap();
        conn.execute_batch("DROP TABLE course_walks; PRAGMA user_version = 1;")
            .unwrap();
    }
    let history = History::open(tmp.path()).unwrap().history;
    history.keep_courses(&targets(), today()).unwrap();
    assert_glances_match(&history, &lines, today());
    let conn = rusqlite::Connection::open(history.path()).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2);
    let kept: i64 = conn
        .query_row("SELECT count(*) FROM course_walks", [], |r| r.get(0))
        .unwrap();
    // Two course rules of the massage routine; the stretch has none.
    assert_eq!(kept, 2);
}

#[test]
fn the_check_at_start_keeps_the_walks_of_the_runs_routines() {
    use limber::shell::journal::Journal;
    let tmp = tempfile::tempdir().unwrap();
    let history = History::open(tmp.path()).unwrap().history;
    let lines = years(120, limber::shell::clock::local_now().date_naive(), 9);
    history.import(&lines).unwrap();
    let mut journal = Journal::new(Some(tmp.path())).keeping(targets());
    assert!(journal.wait_checked());
    let conn = rusqlite::Connection::open(history.path()).unwrap();
    let kept: Vec<(String, String)> = conn
        .prepare("SELECT routine_id, through FROM course_walks ORDER BY rule")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let yesterday = limber::shell::clock::local_now().date_naive() - Duration::days(1);
    assert_eq!(kept.len(), 2, "{kept:?}");
    for (routine, through) in kept {
        assert_eq!(routine, "piriformis-massage");
        assert_eq!(through, yesterday.to_string());
    }
}
