//! The report's state and lists: a completed session's note is reported,
//! the course and today never depend on `--since`, flags come newest
//! first, and the streak counts days with a session.

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use limber::cli::report::{Patient, RoutineRules, Setting, Window, html, markdown};
use limber::core::lang::Lang;
use limber::core::progress::{Target, summarize};
use limber::core::record::{LogLine, Outcome, StopReason};
use limber::core::routine::Schedule;
use limber::store::history::sample::{Spec, demo, demo_targets, routine_ref};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2026, 11, 23)
}

fn at(d: NaiveDate, h: u32) -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .from_local_datetime(&d.and_hms_opt(h, 0, 0).unwrap())
        .unwrap()
}

fn rules() -> Vec<RoutineRules> {
    let schedule = |n| Schedule {
        times_per_day: n,
        interval: None,
        course: None,
    };
    vec![
        RoutineRules {
            routine: "piriformis-stretch".into(),
            title: Some("Stretch".into()),
            report_rise: Some(2),
            schedule: schedule(3),
        },
        RoutineRules {
            routine: "piriformis-massage".into(),
            title: Some("Massage".into()),
            report_rise: Some(2),
            schedule: schedule(3),
        },
    ]
}

fn patient(lines: &[LogLine], targets: &[Target], window: Window, lang: Lang) -> Patient {
    Patient::new(
        summarize(lines),
        Setting {
            targets,
            rules: rules(),
            step_titles: Default::default(),
            now: at(today(), 20),
            window,
            lang,
            label: None,
        },
    )
}

#[test]
fn a_note_on_a_completed_session_is_in_both_formats() {
    let r = routine_ref("piriformis-stretch", 1);
    let mut lines = demo(today());
    let note = "Numbness in right foot after massage, new";
    lines.extend(
        Spec::new(&r, "noted", at(today(), 9))
            .pain(Some(3), Some(3))
            .note(note)
            .lines(),
    );
    for lang in [Lang::En, Lang::Ru] {
        let p = patient(&lines, &demo_targets(), Window::default(), lang);
        let md = markdown(&p);
        let page = html(&p);
        // Listed among the notes, and flagged as a warning sign.
        assert!(md.matches(note).count() >= 2, "{md}");
        assert!(page.matches(note).count() >= 2, "{page}");
    }
}

/// The summary's lines: one per routine, with today, the course and the
/// next due.
fn state(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with("- **")).collect()
}

#[test]
fn the_course_line_is_the_same_with_and_without_since() {
    let lines = demo(today());
    let whole = markdown(&patient(
        &lines,
        &demo_targets(),
        Window::default(),
        Lang::En,
    ));
    for since in [date(2026, 11, 1), date(2026, 11, 20), date(2026, 6, 1)] {
        let window = Window {
            since: Some(since),
            until: None,
        };
        let part = markdown(&patient(&lines, &demo_targets(), window, Lang::En));
        let (a, b) = (state(&whole), state(&part));
        // The flag counts may differ with the window; the routines' state
        // may not.
        assert_eq!(a[..a.len() - 1], b[..b.len() - 1], "since {since}");
        assert!(a.iter().any(|l| l.contains("Course:")), "{whole}");
    }
    let until = Window {
        since: None,
        until: Some(date(2026, 11, 10)),
    };
    let part = markdown(&patient(&lines, &demo_targets(), until, Lang::En));
    assert_eq!(state(&whole)[..2], state(&part)[..2]);
}

#[test]
fn flags_come_newest_first_and_name_no_field() {
    let r = routine_ref("piriformis-stretch", 1);
    let mut lines = Vec::new();
    for (n, d) in [3, 1, 5, 2, 4].into_iter().enumerate() {
        lines.extend(
            Spec::new(&r, &format!("rise{n}"), at(date(2026, 11, d), 9))
                .pain(Some(2), Some(6))
                .lines(),
        );
        lines.extend(
            Spec::new(&r, &format!("stop{n}"), at(date(2026, 11, d), 12))
                .outcome(Some(Outcome::Stopped(StopReason::Pain)))
                .pain(Some(5), Some(5))
                .lines(),
        );
    }
    let p = patient(&lines, &[], Window::default(), Lang::En);
    let md = markdown(&p);
    assert!(!md.contains("report_rise"), "{md}");
    for section in ["### Pain rose after the session", "### Stopped for pain"] {
        let start = md
            .find(section)
            .unwrap_or_else(|| panic!("{section}: {md}"));
        let rows: Vec<&str> = md[start..]
            .lines()
            .filter(|l| l.starts_with("| 2026-11-"))
            .take(5)
            .collect();
        let days: Vec<&str> = rows.iter().map(|l| &l[10..12]).collect();
        assert_eq!(days, ["05", "04", "03", "02", "01"], "{section}: {md}");
    }
    // The flags come before pain, adherence and the appendix.
    let order = [
        "## Flags",
        "## Pain per routine",
        "## Adherence",
        "## Notes",
        "## Appendix",
    ];
    let at: Vec<usize> = order.iter().map(|h| md.find(h).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{md}");
}

#[test]
fn two_of_three_sessions_a_day_show_a_streak_and_days_with_a_session() {
    let r = routine_ref("piriformis-stretch", 1);
    let mut lines = Vec::new();
    for day in 0..365 {
        let d = today() - Duration::days(364 - day);
        for (k, h) in [8, 14].into_iter().enumerate() {
            lines.extend(Spec::new(&r, &format!("s{day}-{k}"), at(d, h)).lines());
        }
    }
    let target = Target {
        routine_id: r.id.clone(),
        name: "stretch".into(),
        times_per_day: 3,
        course: None,
    };
    let md = markdown(&patient(&lines, &[target], Window::default(), Lang::En));
    assert!(md.contains("365 days with a session (longest 365)"), "{md}");
    assert!(
        md.contains("a session on 30 of 30 days, the full target on 0"),
        "{md}"
    );
}
