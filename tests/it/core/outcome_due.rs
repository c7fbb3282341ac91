//! When each outcome measure is due (core::outcome::due): the routines'
//! intervals, the defaults, a measure asked once for the patient.

use chrono::{Duration, NaiveDate};
use limber::core::outcome::due::{is_due, morning_due};
use limber::core::outcome::{Every, MeasureKind, Measures};
use limber::core::parse::parse_routine;

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Duration::days(n)
}

#[test]
fn without_a_routine_that_says_the_defaults_apply() {
    let every = Every::of([None]);
    assert_eq!(every.days(MeasureKind::Psfs), Some(14));
    assert_eq!(every.days(MeasureKind::Sitting), Some(7));
    assert_eq!(every.days(MeasureKind::UsualPain), Some(7));
    assert_eq!(every.days(MeasureKind::RedFlags), Some(7));
    assert_eq!(Every::of([]), every, "no routine at all");
}

#[test]
fn two_routines_ask_a_measure_once_at_the_shorter_interval() {
    let daily = Measures {
        usual_pain: Some(1),
        psfs: Some(0),
        ..Measures::default()
    };
    let every = Every::of([Some(&daily), None]);
    assert_eq!(every.days(MeasureKind::UsualPain), Some(1));
    assert_eq!(every.days(MeasureKind::Psfs), Some(14), "the other asks it");
    let alone = Every::of([Some(&daily)]);
    assert_eq!(alone.days(MeasureKind::Psfs), None, "0: not asked");
}

#[test]
fn a_measure_is_due_when_never_answered_or_its_days_have_passed() {
    assert!(is_due(None, 7, day(0)));
    assert!(!is_due(Some(day(0)), 7, day(6)));
    assert!(is_due(Some(day(0)), 7, day(7)));
    assert!(!is_due(Some(day(9)), 7, day(7)), "a clock set back");
    let every = Every::of([None]);
    let last = |k| (k == MeasureKind::Psfs).then(|| day(0));
    assert_eq!(
        every.due(last, day(3)),
        vec![
            MeasureKind::Sitting,
            MeasureKind::UsualPain,
            MeasureKind::RedFlags
        ]
    );
    assert_eq!(every.due(last, day(14)), MeasureKind::ALL.to_vec());
}

#[test]
fn the_morning_check_is_due_once_a_day() {
    assert!(morning_due(None, day(0)));
    assert!(!morning_due(Some(day(0)), day(0)));
    assert!(morning_due(Some(day(0)), day(1)));
}

#[test]
fn a_routine_sets_measures_and_out_of_range_days_are_at_their_line() {
    let text = r#"(
    id: "m",
    version: 1,
    lang: "en",
    title: "M",
    schedule: (times_per_day: 1),
    steps: [(id: "a", title: "A", kind: Timed(duration: "10s"))],
    measures: (psfs: 7, red_flags: 400),
)"#;
    let errs = parse_routine(text.as_bytes()).unwrap_err();
    assert!(
        errs.iter().any(|d| d.pos.line == 8
            && d.pos.col == 36
            && d.message.contains("red_flags every 400 days")),
        "{errs:?}"
    );
    let ok = text.replace("400", "7");
    let r = parse_routine(ok.as_bytes()).unwrap();
    assert_eq!(r.measures.unwrap().psfs, Some(7));
}
