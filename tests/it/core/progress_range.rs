//! A pain outside 0-10 in the log is reported and ignored, never averaged
//! (issue 13 item 7).

use chrono::NaiveDate;
use limber::cli::report::report;
use limber::core::lang::Lang;
use limber::core::progress::{out_of_range, pain_trend, summarize};
use limber::core::record::Event;
use limber::store::history::sample::{demo, demo_targets};

#[test]
fn a_pain_of_255_is_reported_and_left_out() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut lines = demo(today);
    let line = lines
        .iter_mut()
        .rev()
        .find(|l| matches!(l.event, Event::SessionStarted { .. }))
        .unwrap();
    let Event::SessionStarted { pain_before, .. } = &mut line.event else {
        unreachable!()
    };
    *pain_before = Some(255);
    let session = line.session.clone();
    let problems = out_of_range(&lines);
    let sessions = summarize(&lines);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].session, session);
    assert_eq!(problems[0].value, 255);
    assert!(problems[0].to_string().contains("outside 0-10"));
    let s = sessions.iter().find(|s| s.id == session).unwrap();
    assert_eq!(s.pain_before, None);
    assert!(
        pain_trend(&sessions, None, None)
            .iter()
            .all(|p| p.before.is_none_or(|v| v <= 10.0))
    );
    let text = report(&sessions, &demo_targets(), &[], today, Lang::En);
    assert!(!text.contains("255"), "{text}");
}
