//! The rules a physiotherapist tunes (issue 14): courses counted in
//! sessions or in days, when the next session is due (across midnight and
//! summer time), and what the pain scores propose and flag.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Europe::Berlin;
use limber::core::due::{Due, next_due};
use limber::core::duration::Dur;
use limber::core::pain::{proposed_variant, rise_to_report};
use limber::core::parse::parse_routine;
use limber::core::progress::{CourseState, DayTally, Target, progress_days};
use limber::core::routine::{Course, CourseCount, Schedule};

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn massage(sessions: u32, count: CourseCount, pause_days: u32) -> Target {
    Target {
        routine_id: "piriformis-massage".into(),
        name: "massage".into(),
        times_per_day: 4,
        course: Some(Course {
            sessions,
            count,
            pause_days,
        }),
    }
}

/// `n` completed sessions a day from 1 March, one entry per day.
fn days(per_day: &[u32]) -> Vec<DayTally> {
    per_day
        .iter()
        .enumerate()
        .map(|(i, &completed)| DayTally {
            date: date(3, 1) + chrono::Duration::days(i as i64),
            completed,
            other: 0,
        })
        .collect()
}

#[test]
fn a_course_counted_in_sessions_reaches_its_goal_on_the_day_of_the_twelfth_and_keeps_that_days_extra_ones()
 {
    // Four a day: the 12th is on day 3; the 13th, that same day, counts too.
    let log = days(&[4, 4, 5]);
    let p = progress_days(&log, &massage(12, CourseCount::Sessions, 30), date(3, 3));
    assert_eq!(
        p.course.unwrap().state,
        CourseState::InProgress { done: 13, of: 12 }
    );
    // Day 4 has no session: the course ended with day 3.
    let p = progress_days(&log, &massage(12, CourseCount::Sessions, 30), date(3, 5));
    let c = p.course.unwrap();
    assert_eq!(c.courses_completed, 1);
    assert_eq!(c.sessions_counted, 13);
    assert_eq!(c.pause_sessions, 0);
    assert_eq!(
        c.state,
        CourseState::Pause {
            completed_on: date(3, 3),
            next_start: date(4, 2)
        }
    );
    // The day it completed keeps every session it had.
    assert_eq!(p.day(date(3, 3)).completed, 5);
}

#[test]
fn a_course_counted_in_days_needs_twelve_days_with_a_session_and_counts_every_session() {
    let target = massage(12, CourseCount::Days, 30);
    // Eleven days, up to four sessions each, and a day with none between.
    let mut per_day = vec![4, 1, 3, 0, 2, 4, 4, 1, 1, 2, 3, 4];
    let log = days(&per_day);
    let today = date(3, 12);
    let c = progress_days(&log, &target, today).course.unwrap();
    assert_eq!(c.state, CourseState::InProgress { done: 11, of: 12 });
    assert_eq!(c.count, CourseCount::Days);
    assert_eq!(c.sessions_counted, per_day.iter().sum::<u32>());
    assert_eq!(c.pause_sessions, 0);

    // The twelfth day with a session reaches the goal; its sessions all
    // count, and so do the next day's: the course goes on.
    per_day.extend([2, 1]);
    let log = days(&per_day);
    let p = progress_days(&log, &target, date(3, 14));
    let c = p.course.unwrap();
    assert_eq!(c.state, CourseState::InProgress { done: 13, of: 12 });
    assert_eq!(c.sessions_counted, per_day.iter().sum::<u32>());
    assert_eq!(p.today_done, 1);

    // A day without a session ends it; in the pause that follows,
    // sessions count toward nothing.
    per_day.extend([0, 1]);
    let p = progress_days(&days(&per_day), &target, date(3, 16));
    assert_eq!(p.course.unwrap().next_start(), Some(date(4, 13)));
    let c = p.course.unwrap();
    assert_eq!(c.pause_sessions, 1);
    assert_eq!(p.today_done, 0);
}

#[test]
fn days_without_a_completed_session_do_not_count_toward_a_course_in_days() {
    let log = vec![DayTally {
        date: date(3, 1),
        completed: 0,
        other: 3,
    }];
    let c = progress_days(&log, &massage(12, CourseCount::Days, 30), date(3, 1))
        .course
        .unwrap();
    assert_eq!(c.state, CourseState::InProgress { done: 0, of: 12 });
}

#[test]
fn the_course_count_is_read_from_the_file_and_defaults_to_sessions() {
    let text = |course: &str| {
        format!(
            r#"Routine(id: "m", version: 1, lang: "en", title: "M",
               schedule: Schedule(course: {course}),
               steps: [Step(id: "a", title: "A", kind: Manual)])"#
        )
    };
    let read = |course: &str| {
        parse_routine(text(course).as_bytes())
            .unwrap()
            .schedule
            .course
            .unwrap()
            .count
    };
    assert_eq!(
        read("Course(sessions: 12, pause_days: 30)"),
        CourseCount::Sessions
    );
    assert_eq!(
        read("Course(sessions: 12, count: Days, pause_days: 30)"),
        CourseCount::Days
    );
}

fn every_four_hours(times: u32) -> Schedule {
    Schedule {
        times_per_day: times,
        interval: Some(Dur::secs(4 * 3600)),
        course: None,
    }
}

fn berlin(m: u32, d: u32, h: u32, min: u32) -> DateTime<chrono_tz::Tz> {
    Berlin
        .with_ymd_and_hms(2026, m, d, h, min, 0)
        .single()
        .unwrap()
}

fn at(t: DateTime<chrono_tz::Tz>) -> Due {
    Due::At(t.fixed_offset())
}

#[test]
fn the_next_session_is_due_an_interval_after_the_last_one_started() {
    let s = every_four_hours(4);
    let now = berlin(5, 4, 12, 0);
    assert_eq!(next_due(&now, &s, &[], None), Due::Now);
    let done = [berlin(5, 4, 8, 10).fixed_offset()];
    assert_eq!(next_due(&now, &s, &done, None), at(berlin(5, 4, 12, 10)));
    // At the due minute it is due now.
    assert_eq!(next_due(&berlin(5, 4, 12, 10), &s, &done, None), Due::Now);
    // Without an interval, any time.
    let any = Schedule {
        interval: None,
        ..s.clone()
    };
    assert_eq!(next_due(&now, &any, &done, None), Due::Now);
}

#[test]
fn a_met_target_and_a_course_pause_say_when_instead() {
    let s = every_four_hours(2);
    let done = [
        berlin(5, 4, 8, 0).fixed_offset(),
        berlin(5, 4, 12, 0).fixed_offset(),
    ];
    assert_eq!(
        next_due(&berlin(5, 4, 13, 0), &s, &done, None),
        Due::Tomorrow
    );
    assert_eq!(
        next_due(&berlin(5, 4, 13, 0), &s, &[], Some(date(6, 3))),
        Due::CourseFrom(date(6, 3))
    );
    // On the day the pause ends, the schedule applies again.
    assert_eq!(
        next_due(&berlin(6, 3, 9, 0), &s, &[], Some(date(6, 3))),
        Due::Now
    );
}

#[test]
fn across_midnight_yesterdays_late_session_sets_the_time_and_todays_count_starts_at_zero() {
    let s = every_four_hours(4);
    let late = [berlin(5, 4, 22, 30).fixed_offset()];
    // Just after midnight: due at 02:30 today, nothing done today yet.
    assert_eq!(
        next_due(&berlin(5, 5, 0, 15), &s, &late, None),
        at(berlin(5, 5, 2, 30))
    );
    // Before midnight, the same session makes the next due tomorrow at 02:30.
    let due = next_due(&berlin(5, 4, 23, 0), &s, &late, None);
    assert_eq!(due, at(berlin(5, 5, 2, 30)));
    // A target met yesterday says nothing about today.
    let two = every_four_hours(1);
    assert_eq!(next_due(&berlin(5, 5, 7, 0), &two, &late, None), Due::Now);
}

#[test]
fn across_the_change_to_summer_time_four_hours_are_four_real_hours() {
    // 2026-03-29: at 02:00 CET the clocks jump to 03:00 CEST.
    let s = every_four_hours(4);
    let done = [berlin(3, 29, 0, 30).fixed_offset()]; // 23:30 UTC
    let due = next_due(&berlin(3, 29, 1, 0), &s, &done, None);
    // 03:30 UTC is 05:30 on the wall, in the new offset.
    let Due::At(t) = due else { panic!("{due:?}") };
    assert_eq!(t.format("%H:%M %:z").to_string(), "05:30 +02:00");
    assert_eq!(due, at(berlin(3, 29, 5, 30)));
}

#[test]
fn across_the_change_back_to_winter_time_the_due_time_reads_an_hour_earlier() {
    // 2026-10-25: at 03:00 CEST the clocks go back to 02:00 CET.
    let s = every_four_hours(4);
    let start = Berlin
        .from_local_datetime(&date(10, 25).and_hms_opt(0, 30, 0).unwrap())
        .single()
        .unwrap();
    let due = next_due(&berlin(10, 25, 1, 0), &s, &[start.fixed_offset()], None);
    let Due::At(t) = due else { panic!("{due:?}") };
    assert_eq!(t.format("%H:%M %:z").to_string(), "03:30 +01:00");
}

#[test]
fn sessions_count_for_the_day_they_started_in_their_own_offset() {
    // Recorded in Moscow at 01:00 on 5 May (22:00 UTC on 4 May): it is a
    // session of 5 May, though Berlin still reads 4 May at that moment.
    let s = every_four_hours(1);
    let moscow = FixedOffset::east_opt(3 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 5, 5, 1, 0, 0)
        .unwrap();
    let now = berlin(5, 5, 9, 0);
    assert_eq!(next_due(&now, &s, &[moscow], None), Due::Tomorrow);
}

const PAINFUL: &str = r#"Routine(
    id: "m", version: 1, lang: "en", title: "M", sided: true,
    schedule: Schedule(),
    steps: [Step(id: "a", title: "A", kind: Manual)],
    variants: [Variant(id: "gentle", title: "Gentle", steps: [Step(id: "a", title: "A", kind: Manual)])],
    pain: PainRules(propose_at: 6, variant: "gentle", report_rise: 2),
)"#;

#[test]
fn pain_at_or_above_the_threshold_proposes_the_gentle_variant() {
    let r = parse_routine(PAINFUL.as_bytes()).unwrap();
    assert_eq!(proposed_variant(&r, None), None);
    assert_eq!(proposed_variant(&r, Some(5)), None);
    assert_eq!(
        proposed_variant(&r, Some(6)).map(|v| v.id.as_str()),
        Some("gentle")
    );
    assert_eq!(
        proposed_variant(&r, Some(10)).map(|v| v.id.as_str()),
        Some("gentle")
    );
    let mut plain = r.clone();
    plain.pain = None;
    assert_eq!(proposed_variant(&plain, Some(10)), None);
}

#[test]
fn pain_clearly_above_pain_before_is_flagged() {
    let rise = Some(2);
    assert_eq!(rise_to_report(rise, Some(3), Some(5)), Some(2));
    assert_eq!(rise_to_report(rise, Some(3), Some(9)), Some(6));
    assert_eq!(rise_to_report(rise, Some(3), Some(4)), None);
    assert_eq!(rise_to_report(rise, Some(6), Some(2)), None);
    assert_eq!(rise_to_report(rise, None, Some(9)), None);
    assert_eq!(rise_to_report(rise, Some(1), None), None);
    assert_eq!(rise_to_report(None, Some(0), Some(10)), None);
}

#[test]
fn pain_rules_that_cannot_work_are_refused_where_they_are_written() {
    let bad = [
        (
            "propose_at: 11, variant: \"gentle\"",
            "propose_at must be from 1 to 10",
        ),
        ("propose_at: 6", "propose_at needs the variant"),
        ("variant: \"gentle\"", "needs `propose_at`"),
        ("propose_at: 6, variant: \"soft\"", "no variant `soft`"),
        ("report_rise: 0", "report_rise must be from 1 to 10"),
    ];
    for (rules, message) in bad {
        let text = PAINFUL.replace("propose_at: 6, variant: \"gentle\", report_rise: 2", rules);
        let problems = parse_routine(text.as_bytes()).unwrap_err();
        assert!(
            problems.iter().any(|d| d.message.contains(message)),
            "{rules}: {problems:?}"
        );
    }
}

#[test]
fn status_says_when_each_routine_is_next_due_in_both_languages() {
    use limber::cli::status;
    use limber::i18n::Lang;
    let today = date(5, 4);
    let stretch = Target {
        routine_id: "piriformis-stretch".into(),
        name: "stretch".into(),
        times_per_day: 3,
        course: None,
    };
    let all = [
        progress_days(&[], &stretch, today).glance(),
        progress_days(&days(&[]), &massage(12, CourseCount::Days, 30), today).glance(),
    ];
    let due = [
        Some(Due::Now),
        Some(Due::At(berlin(5, 4, 15, 40).fixed_offset())),
    ];
    assert_eq!(
        status::line(&all, &due, Lang::En),
        "stretch 0/3 today (next: now), massage 0/12 (next due 15:40)"
    );
    assert_eq!(
        status::line(&all, &due, Lang::Ru),
        "stretch: сегодня 0/3 (следующий: сейчас), massage: 0/12 (следующий в 15:40)"
    );
    // A pause names the next course; a due time tomorrow names the day.
    let later = [
        Some(Due::Tomorrow),
        Some(Due::At(berlin(5, 5, 2, 30).fixed_offset())),
    ];
    assert_eq!(
        status::line(&all, &later, Lang::En),
        "stretch 0/3 today (done for today), massage 0/12 (next due 05-05 02:30)"
    );
}

/// Every ```ron block of docs/PHYSIOTHERAPIST.md: a whole routine, or a
/// routine's `pain:` field, set into the rules' test routine.
#[test]
fn the_physiotherapist_guide_examples_validate() {
    let doc = include_str!("../../../docs/PHYSIOTHERAPIST.md");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in doc.lines() {
        match current.as_mut() {
            None if line.trim_end() == "```ron" => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => blocks.extend(current.take()),
            Some(b) => {
                b.push_str(line);
                b.push('\n');
            }
        }
    }
    assert!(blocks.len() >= 2, "the guide lost its examples");
    for block in blocks {
        let text = if block.trim_start().starts_with("Routine(") {
            block.clone()
        } else if block.trim_start().starts_with("progression:") {
            super::diagnostics::in_progression_example(&block)
        } else {
            let field = block.trim().trim_end_matches(',');
            PAINFUL.replace(
                "pain: PainRules(propose_at: 6, variant: \"gentle\", report_rise: 2)",
                field,
            )
        };
        if let Err(d) = parse_routine(text.as_bytes()) {
            panic!("docs/PHYSIOTHERAPIST.md: invalid example\n{block}\n{d:?}");
        }
    }
}

#[test]
fn the_report_flags_sessions_after_which_pain_rose() {
    use limber::cli::report::{RoutineRules, report};
    use limber::core::progress::summarize;
    use limber::i18n::Lang;
    use limber::store::history::sample::{Spec, routine_ref};
    let r = routine_ref("piriformis-massage", 1);
    let at = |h| berlin(5, 4, h, 0).fixed_offset();
    let mut lines = Vec::new();
    lines.extend(Spec::new(&r, "a", at(8)).pain(Some(2), Some(3)).lines());
    lines.extend(Spec::new(&r, "b", at(12)).pain(Some(2), Some(6)).lines());
    let sessions = summarize(&lines);
    let rises = [RoutineRules {
        routine: "piriformis-massage".to_string(),
        title: None,
        report_rise: Some(2),
        schedule: Schedule {
            times_per_day: 2,
            interval: None,
            course: None,
        },
    }];
    let text = report(&sessions, &[], &rises, date(5, 4), Lang::En);
    assert!(text.contains("## Pain rose after the session"), "{text}");
    // The threshold as a number, not a field name.
    assert!(
        text.contains("- piriformis-massage: a rise of 2 points or more"),
        "{text}"
    );
    assert!(!text.contains("report_rise"), "{text}");
    assert!(
        text.contains("| 2026-05-04 12:00 | piriformis-massage | – | 2 | 6 |"),
        "{text}"
    );
    assert!(
        !text.contains("| 2026-05-04 08:00 | piriformis-massage"),
        "{text}"
    );
    let ru = report(&sessions, &[], &rises, date(5, 4), Lang::Ru);
    assert!(ru.contains("## Боль усилилась после сеанса"), "{ru}");
    // Without the rule, no such section.
    assert!(!report(&sessions, &[], &[], date(5, 4), Lang::En).contains("Pain rose"));

    // With the massage's interval of 4 h, a session an hour after the one
    // at 12:00 is counted as started too soon: told, never blocked.
    lines.extend(Spec::new(&r, "c", at(13)).lines());
    let sessions = summarize(&lines);
    let mut rules = rises.clone();
    rules[0].schedule.interval = Some(Dur(std::time::Duration::from_secs(4 * 3600)));
    let text = report(&sessions, &[], &rules, date(5, 4), Lang::En);
    assert!(
        text.contains(
            "- piriformis-massage: Sessions started sooner than 4 h after the last completed one: 1"
        ),
        "{text}"
    );
    let before = report(&sessions, &[], &rises, date(5, 4), Lang::En);
    assert!(!before.contains("sooner than"), "{before}");
}
