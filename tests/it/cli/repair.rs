//! The log edited or imported into nonsense, through the real binary
//! (issue 21): `history`, `report` and `status` skip a row they cannot
//! read and say so once, `limber log repair` rebuilds it, `limber log
//! import` holds back what would rewrite the past, and a session dated in
//! 9999 moves no due time.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, FixedOffset, Local, NaiveDate, TimeZone};
use limber::core::due::Due;
use limber::core::record::{Event, LogLine, Outcome, StopReason};
use limber::i18n::{ClinicStrings, Formats, Lang};
use limber::store::history::sample::{Spec, routine_ref};
use limber::store::history::{FILE_NAME, History, jsonl};

use crate::common::cli::limber;

const UNREADABLE: &str = "1 entry in the log could not be read";

/// A temporary directory with `routines` (empty: the built-ins load) and
/// `data` beside it, the log holding `lines`.
fn dirs(lines: &[LogLine]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    std::fs::create_dir(&routines).unwrap();
    let history = History::open(&tmp.path().join("data")).unwrap().history;
    history.import(lines).unwrap();
    (tmp, routines)
}

fn sql(routines: &Path, edit: &str) {
    let db = routines.with_file_name("data").join(FILE_NAME);
    rusqlite::Connection::open(db)
        .unwrap()
        .execute_batch(edit)
        .unwrap();
}

/// Now, less `hours`, in a fixed offset.
fn ago(hours: i64) -> DateTime<FixedOffset> {
    (Local::now() - Duration::hours(hours)).fixed_offset()
}

fn stretch(session: &str, start: DateTime<FixedOffset>) -> Spec {
    Spec::new(&routine_ref("piriformis-stretch", 1), session, start)
        .outcome(Some(Outcome::Completed))
        .pain(Some(4), Some(2))
        .note("fine")
}

#[test]
fn a_bad_summary_is_skipped_by_history_report_and_status_and_repair_rebuilds_it() {
    let mut lines = stretch("good", ago(30)).lines();
    lines.extend(stretch("bad", ago(1)).lines());
    let (_tmp, routines) = dirs(&lines);
    sql(
        &routines,
        r#"UPDATE sessions SET summary = replace(summary, '"pain_before":4', '"pain_before":1e308') WHERE id = 'bad'"#,
    );
    for args in [&["history"][..], &["report"], &["status"]] {
        let run = limber(&routines, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr.matches(UNREADABLE).count(),
            1,
            "{args:?} says it once: {}",
            run.stderr
        );
        assert!(run.stderr.contains("limber log repair"), "{}", run.stderr);
    }
    let history = limber(&routines, &["history", "--format", "json"]);
    assert!(history.stdout.contains("\"good\""), "{}", history.stdout);
    assert!(!history.stdout.contains("\"bad\""), "{}", history.stdout);

    let repair = limber(&routines, &["log", "repair"]);
    assert_eq!(repair.code, 0, "{}", repair.stderr);
    assert!(repair.stdout.contains("(sessions: 2)"), "{}", repair.stdout);
    assert!(
        repair.stdout.ends_with(": 1\n"),
        "one row fixed: {}",
        repair.stdout
    );
    let history = limber(&routines, &["history", "--format", "json"]);
    assert_eq!(history.stderr, "");
    assert!(history.stdout.contains("\"bad\""), "{}", history.stdout);
    assert!(
        history.stdout.contains("\"pain_before\": 4"),
        "{}",
        history.stdout
    );
}

#[test]
fn the_message_is_russian_under_lang_ru() {
    let (_tmp, routines) = dirs(&stretch("bad", ago(1)).lines());
    sql(&routines, "UPDATE sessions SET summary = 'x'");
    let run = limber(&routines, &["--lang", "ru", "history"]);
    assert!(
        run.stderr
            .contains("1 запись журнала не удалось прочитать, она пропущена"),
        "{}",
        run.stderr
    );
}

/// The log's session, and a file that adds events under its id: stopped
/// for pain, pain 10, another note (its end first, its feedback last).
fn rewrite_file(tmp: &Path, start: DateTime<FixedOffset>) -> PathBuf {
    let mut lines = stretch("s1", start)
        .outcome(Some(Outcome::Stopped(StopReason::Pain)))
        .pain(Some(4), Some(10))
        .note("worse")
        .lines();
    for l in &mut lines {
        l.id = format!("x-{}", l.id);
        l.at = if matches!(l.event, Event::Feedback { .. }) {
            start + Duration::hours(1)
        } else {
            l.at - Duration::minutes(10)
        };
    }
    lines.extend(stretch("s2", start + Duration::hours(2)).lines());
    let file = tmp.join("other.jsonl");
    std::fs::write(&file, jsonl::to_bytes(&lines)).unwrap();
    file
}

#[test]
fn an_import_that_changes_a_session_needs_merge_existing() {
    let start = ago(48);
    let (tmp, routines) = dirs(&stretch("s1", start).lines());
    let file = rewrite_file(tmp.path(), start);
    let file = file.to_str().unwrap();

    let run = limber(&routines, &["log", "import", file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("is already in the log and the file would change it (outcome: completed → stopped (pain), pain after: 2 → 10, note); left as it is"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--merge-existing"), "{}", run.stderr);
    let json = limber(&routines, &["history", "--format", "json"]).stdout;
    assert!(json.contains("\"s2\""), "the new session is added: {json}");
    assert!(!json.contains("stopped"), "{json}");
    assert!(!json.contains("worse"), "{json}");

    let run = limber(&routines, &["log", "import", "--merge-existing", file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("was changed as the file says"),
        "{}",
        run.stderr
    );
    let json = limber(&routines, &["history", "--format", "json"]).stdout;
    assert!(json.contains("stopped"), "{json}");
    assert!(json.contains("\"pain_after\": 10"), "{json}");
}

#[test]
fn an_event_of_year_9999_is_refused_and_counted() {
    let (tmp, routines) = dirs(&[]);
    let y9999 = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(9999, 12, 31, 14, 0, 0)
        .unwrap();
    let lines = stretch("future", y9999).lines();
    let file = tmp.path().join("future.jsonl");
    std::fs::write(&file, jsonl::to_bytes(&lines)).unwrap();
    let run = limber(&routines, &["log", "import", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{} events dated more than a day from now were refused",
            lines.len()
        )),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("0 new events added"), "{}", run.stdout);
}

#[test]
fn a_long_note_is_cut_on_import() {
    let (tmp, routines) = dirs(&[]);
    let lines = stretch("s1", ago(3)).note(&"n".repeat(1_000_000)).lines();
    let file = tmp.path().join("long.jsonl");
    std::fs::write(&file, jsonl::to_bytes(&lines)).unwrap();
    let run = limber(&routines, &["log", "import", file.to_str().unwrap()]);
    assert!(
        run.stderr
            .contains("1 note was longer than the coach allows and was cut to 200 characters"),
        "{}",
        run.stderr
    );
    let json = limber(&routines, &["history", "--format", "json"]).stdout;
    assert!(json.contains(&format!("\"{}\"", "n".repeat(200))), "{json}");
    assert!(!json.contains(&"n".repeat(201)), "{json}");
}

/// A session in 9999 already in the log (written before imports were
/// vetted) has not happened: the next due time of a routine with hours
/// between sessions is reckoned without it (it said "next due 12-31
/// 18:00", and reminders never came).
#[test]
fn a_session_in_the_future_moves_no_due_time() {
    let y9999 = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(9999, 12, 31, 14, 0, 0)
        .unwrap();
    let massage = Spec::new(&routine_ref("piriformis-massage", 1), "future", y9999)
        .outcome(Some(Outcome::Completed));
    let (_tmp, routines) = dirs(&massage.lines());
    let run = limber(&routines, &["status"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("massage 0/12 (next: now)"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("12-31"), "{}", run.stdout);
}

/// A due time in another year says the year.
#[test]
fn a_due_time_in_another_year_shows_the_year() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let t = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2027, 1, 2, 9, 30, 0)
        .unwrap();
    let same_year = t.with_year(2026).unwrap();
    for (lang, next_year, this_year) in [
        (
            Lang::En,
            "next due 2027-01-02 09:30",
            "next due 01-02 09:30",
        ),
        (
            Lang::Ru,
            "следующий 02.01.2027 в 09:30",
            "следующий 02.01 в 09:30",
        ),
    ] {
        let c = ClinicStrings::load(lang);
        let f = Formats::load(lang);
        let said = c.due(&Due::At(t), today, &f);
        assert!(said.contains(next_year), "{said}");
        let said = c.due(&Due::At(same_year), today, &f);
        assert!(said.contains(this_year), "{said}");
    }
}
