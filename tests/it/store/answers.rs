//! The patient's answers in the log (store::history::answers): the table,
//! the migration of a schema 1 or 2 file, export and import beside the
//! events, and old exports still read.

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use limber::core::outcome::{
    Answer, Compared, Measure, MeasureKind, PsfsItem, RedFlag, RedFlagAnswer,
};
use limber::core::record::{Event, RoutineRef};
use limber::store::history::{History, Recorder, jsonl};

fn at(day: u32, hour: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 3, day, hour, 0, 0)
        .unwrap()
}

fn morning(day: u32, pain: u8) -> Answer {
    Answer {
        v: 1,
        id: format!("m{day}"),
        at: at(day, 7),
        measure: Measure::Morning {
            pain: Some(pain),
            stiffness: Some(3),
            compared: Some(Compared::Worse),
        },
    }
}

fn psfs(day: u32) -> Answer {
    Answer {
        v: 1,
        id: format!("p{day}"),
        at: at(day, 20),
        measure: Measure::Psfs {
            items: vec![PsfsItem {
                activity: "sitting through a film".into(),
                score: Some(4),
            }],
        },
    }
}

fn user_version(path: &std::path::Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn answers_are_kept_once_by_id_and_read_by_measure_and_day() {
    let tmp = tempfile::tempdir().unwrap();
    let history = History::open(tmp.path()).unwrap().history;
    assert_eq!(user_version(history.path()), 3);
    for a in [morning(1, 3), morning(2, 5), psfs(2), morning(2, 5)] {
        history.append_answer(&a).unwrap();
    }
    let all = history.answers(None, None).unwrap();
    assert_eq!(all.len(), 3, "the second copy of m2 is ignored");
    let mornings = history.answers(Some("morning"), None).unwrap();
    assert_eq!(mornings, vec![morning(1, 3), morning(2, 5)]);
    let since = history
        .answers(Some("morning"), Some(at(2, 0).date_naive()))
        .unwrap();
    assert_eq!(since, vec![morning(2, 5)]);
    assert_eq!(history.last_morning().unwrap(), Some(at(2, 0).date_naive()));
    assert_eq!(
        history.last_answered(MeasureKind::Psfs).unwrap(),
        Some(at(2, 0).date_naive())
    );
    assert_eq!(history.last_answered(MeasureKind::Sitting).unwrap(), None);
}

#[test]
fn a_schema_1_or_2_file_is_read_without_answers_and_upgraded_by_the_first() {
    for (version, drop) in [
        (1, "DROP TABLE course_walks; DROP TABLE answers;"),
        (2, "DROP TABLE answers;"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let path = History::path_in(tmp.path());
        drop_(History::open(tmp.path()).unwrap().history);
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(&format!("{drop} PRAGMA user_version = {version};"))
            .unwrap();
        // Opened and read as it is: no answers, nothing written.
        let history = History::open(tmp.path()).unwrap().history;
        assert!(history.answers(None, None).unwrap().is_empty());
        assert_eq!(history.last_morning().unwrap(), None);
        assert_eq!(user_version(&path), version);
        let read = History::open_read(tmp.path()).unwrap().history;
        assert!(read.answers(None, None).unwrap().is_empty());
        drop_(read);
        // The first answer brings it to schema 3, every table there.
        history.append_answer(&morning(1, 4)).unwrap();
        assert_eq!(user_version(&path), 3);
        assert_eq!(history.answers(None, None).unwrap(), vec![morning(1, 4)]);
        drop_(history);
        let again = History::open(tmp.path()).unwrap().history;
        assert_eq!(
            again.answers(None, None).unwrap().len(),
            1,
            "schema 3 accepted"
        );
    }
}

fn drop_<T>(t: T) {
    drop(t);
}

#[test]
fn an_export_holds_answers_after_the_events_and_reads_back() {
    let routine = RoutineRef {
        id: "r".into(),
        version: 1,
        hash: "ab".into(),
    };
    let mut rec = Recorder::new(routine, at(1, 9), 1, 0);
    let started = Event::SessionStarted {
        side: None,
        variant: None,
        pain_before: Some(4),
        steps_planned: None,
        dose: vec![],
        prescription: None,
    };
    let line = rec.stamp(started, at(1, 9));
    let flags = Answer {
        v: 1,
        id: "f1".into(),
        at: at(3, 8),
        measure: Measure::RedFlags {
            answers: vec![RedFlagAnswer {
                flag: RedFlag::Fever,
                yes: true,
            }],
        },
    };
    let answers = vec![morning(1, 3), psfs(2), flags];
    let mut bytes = jsonl::to_bytes(std::slice::from_ref(&line));
    jsonl::write_answers(&answers, &mut bytes).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert_eq!(text.lines().count(), 4);
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.contains("\"measure\"") && !l.contains("\"event\""))
    );
    let read = jsonl::parse(&bytes);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.lines, vec![line.clone()]);
    assert_eq!(read.answers, answers);
    // An export from before answers reads as it did.
    let old = jsonl::parse(&jsonl::to_bytes(&[line]));
    assert!(old.answers.is_empty() && old.problems.is_empty() && old.lines.len() == 1);
    // A damaged answer is a damaged line, reported with its number.
    let bad = b"{\"v\":1,\"id\":\"x\",\"measure\":\"usual_pain\"}\n";
    let read = jsonl::parse(bad);
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].line_no, 1);
}

#[test]
fn import_vetting_refuses_future_and_impossible_answers_and_cuts_long_texts() {
    use limber::core::outcome::vet::{ACTIVITY_MAX, vet_answers};
    let now = at(10, 12);
    let mut future = morning(9, 2);
    future.at = now + Duration::days(2);
    let impossible = Answer {
        v: 1,
        id: "u".into(),
        at: at(2, 8),
        measure: Measure::UsualPain { pain: 11 },
    };
    let long = Answer {
        v: 1,
        id: "l".into(),
        at: at(2, 8),
        measure: Measure::Psfs {
            items: (0..7)
                .map(|_| PsfsItem {
                    activity: "я".repeat(500),
                    score: Some(3),
                })
                .collect(),
        },
    };
    let vetted = vet_answers(vec![future, impossible, long, morning(1, 2)], &now);
    assert_eq!(vetted.future, 1);
    assert_eq!(vetted.out_of_range, 1);
    assert_eq!(vetted.answers.len(), 2);
    let Measure::Psfs { items } = &vetted.answers[0].measure else {
        panic!()
    };
    assert_eq!(items.len(), 5);
    assert!(
        items
            .iter()
            .all(|i| i.activity.chars().count() == ACTIVITY_MAX)
    );
}
