//! Adherence figures a clinician reads right: days with a session beside
//! days on target, and a streak of days with a session.

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use limber::core::progress::{Target, progress, summarize};
use limber::store::history::sample::{Spec, routine_ref};

#[test]
fn two_of_three_sessions_every_day_for_a_year_keeps_a_streak() {
    let r = routine_ref("piriformis-stretch", 1);
    let first = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    let offset = FixedOffset::east_opt(3600).unwrap();
    let mut lines = Vec::new();
    for day in 0..365 {
        let d = first + Duration::days(day);
        for (k, hour) in [8, 14].into_iter().enumerate() {
            let at = offset
                .from_local_datetime(&d.and_hms_opt(hour, 0, 0).unwrap())
                .unwrap();
            lines.extend(Spec::new(&r, &format!("s{day}-{k}"), at).lines());
        }
    }
    let sessions = summarize(&lines);
    let target = Target {
        routine_id: r.id.clone(),
        name: "stretch".into(),
        times_per_day: 3,
        course: None,
    };
    let last = first + Duration::days(364);
    let p = progress(&sessions, &target, last);
    assert_eq!(p.current_streak, 365);
    assert_eq!(p.longest_streak, 365);
    let a = p.adherence_30;
    assert_eq!(
        (a.days_due, a.days_with_session, a.days_on_target),
        (30, 30, 0)
    );
    assert_eq!((a.completed, a.target), (60, 90));
    // The next morning, before a session: the day is not over.
    let p = progress(&sessions, &target, last + Duration::days(1));
    assert_eq!(p.current_streak, 365);
    // A whole day without one ends it.
    let p = progress(&sessions, &target, last + Duration::days(2));
    assert_eq!(p.current_streak, 0);
}
