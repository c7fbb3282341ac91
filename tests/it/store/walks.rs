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

fn user_version(history: &History) -> i64 {
    rusqlite::Connection::open(history.path())
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// (routine, rule, through) of every kept walk.
fn kept(history: &History) -> Vec<(String, String, String)> {
    rusqlite::Connection::open(history.path())
        .unwrap()
        .prepare("SELECT routine_id, rule, through FROM course_walks ORDER BY rule")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_version_1_store_is_not_written_at_open_and_gets_the_table_when_a_walk_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = years(120, today(), 5);
    let (old, new) = before(&lines, today());
    {
        let history = History::open(tmp.path()).unwrap().history;
        history.import(&old).unwrap();
        let conn = rusqlite::Connection::open(history.path()).unwrap();
        conn.execute_batch("DROP TABLE course_walks; PRAGMA user_version = 1;")
            .unwrap();
    }
    // Opened, read and written to as before: still version 1, no table.
    let history = History::open(tmp.path()).unwrap().history;
    assert_glances_match(&history, &old, today());
    history.import(&new).unwrap();
    assert_glances_match(&history, &lines, today());
    assert_eq!(user_version(&history), 1);
    // Keeping a walk (after the check) adds the table.
    history.keep_courses(&targets(), today()).unwrap();
    assert_glances_match(&history, &lines, today());
    assert_eq!(user_version(&history), 3, "and answers with it");
    // Two course rules of the massage routine; the stretch has none.
    assert_eq!(kept(&history).len(), 2);
}

#[test]
fn a_walk_kept_ahead_of_a_clock_that_went_back_is_walked_again() {
    let tmp = tempfile::tempdir().unwrap();
    let history = History::open(tmp.path()).unwrap().history;
    let lines = years(200, today(), 11);
    history.import(&lines).unwrap();
    history
        .keep_courses(&targets(), today() + Duration::days(10))
        .unwrap();
    assert_glances_match(&history, &lines, today());
    history.keep_courses(&targets(), today()).unwrap();
    let yesterday = (today() - Duration::days(1)).to_string();
    assert!(kept(&history).iter().all(|(_, _, t)| *t == yesterday));
    assert_glances_match(&history, &lines, today());
}

#[test]
fn a_rule_no_routine_has_any_more_is_not_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let history = History::open(tmp.path()).unwrap().history;
    history.import(&years(80, today(), 2)).unwrap();
    let all = targets();
    history.keep_courses(&all, today()).unwrap();
    assert_eq!(kept(&history).len(), 2);
    // The physiotherapist changed the course: only the new rule is kept.
    history.keep_courses(&all[..2], today()).unwrap();
    let rules = kept(&history);
    assert_eq!(rules.len(), 1, "{rules:?}");
    assert!(rules[0].1.contains("\"sessions\":12"), "{rules:?}");
}

#[test]
fn the_check_at_start_keeps_the_walks_of_the_runs_routines() {
    use limber::shell::clock::local_now;
    use limber::shell::journal::Journal;
    let tmp = tempfile::tempdir().unwrap();
    let history = History::open(tmp.path()).unwrap().history;
    let before = local_now().date_naive();
    history.import(&years(120, before, 9)).unwrap();
    let mut journal = Journal::new(Some(tmp.path())).keeping(targets());
    assert!(journal.wait_checked());
    // The day before the check's today (which may be tomorrow by now).
    let days = [before, local_now().date_naive()].map(|d| (d - Duration::days(1)).to_string());
    let kept = kept(&history);
    assert_eq!(kept.len(), 2, "{kept:?}");
    for (routine, _, through) in kept {
        assert_eq!(routine, "piriformis-massage");
        assert!(days.contains(&through), "{through} {days:?}");
    }
}

#[test]
fn a_damaged_file_gets_no_walk() {
    use limber::shell::journal::Journal;
    let tmp = tempfile::tempdir().unwrap();
    let path = {
        let history = History::open(tmp.path()).unwrap().history;
        history.import(&years(400, today(), 4)).unwrap();
        history.path().to_path_buf()
    };
    let mut bytes = std::fs::read(&path).unwrap();
    // Damage b-tree pages past the schema: the file still opens.
    let end = bytes.len() - 4096;
    bytes[end - 4096 * 4..end].fill(0x5a);
    std::fs::write(&path, &bytes).unwrap();
    let mut journal = Journal::new(Some(tmp.path())).keeping(targets());
    assert!(!journal.wait_checked());
    assert!(
        std::fs::read(&path).unwrap() == bytes,
        "the file was changed"
    );
}
