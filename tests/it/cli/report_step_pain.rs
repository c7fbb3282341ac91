//! The report's "pain during steps": per step and side (affected or
//! healthy), the median, latest and highest answer, the step that provokes
//! most, and a flag for pain at the top of the scale, in both formats and
//! both languages.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use limber::cli::report::{Patient, RoutineRules, Setting, Window, html, markdown};
use limber::core::lang::Lang;
use limber::core::progress::summarize;
use limber::core::record::{Event, LogLine};
use limber::core::routine::{Schedule, Side};
use limber::store::history::sample::{Spec, demo_targets, routine_ref};

fn at(day: u32, h: u32) -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .from_local_datetime(
            &NaiveDate::from_ymd_opt(2026, 11, day)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap(),
        )
        .unwrap()
}

/// A session of the stretch (affected side left) on `day` with these
/// answers: (step, side, pain).
fn session(day: u32, answers: &[(&str, Option<Side>, u8)]) -> Vec<LogLine> {
    let r = routine_ref("piriformis-stretch", 5);
    let mut lines = Spec::new(&r, &format!("s{day}"), at(day, 9))
        .pain(Some(2), Some(2))
        .lines();
    let template = lines[0].clone();
    for (i, (step, side, pain)) in answers.iter().enumerate() {
        let mut line = template.clone();
        line.id = format!("s{day}-pain-{i}");
        line.event = Event::StepPain {
            index: i,
            step: step.to_string(),
            side: *side,
            pain: *pain,
            kept: false,
        };
        lines.insert(1 + i, line);
    }
    lines
}

fn log() -> Vec<LogLine> {
    let left = Some(Side::Left);
    let right = Some(Side::Right);
    let mut lines = Vec::new();
    lines.extend(session(
        20,
        &[
            ("knee-pushes", None, 2),
            ("knee-across", left, 5),
            ("knee-across", right, 3),
        ],
    ));
    lines.extend(session(
        21,
        &[
            ("knee-pushes", None, 3),
            ("knee-across", left, 6),
            ("knee-across", right, 3),
        ],
    ));
    lines.extend(session(
        22,
        &[
            ("knee-pushes", None, 4),
            ("knee-across", left, 9),
            ("knee-across", right, 2),
        ],
    ));
    lines
}

fn patient(lines: &[LogLine], lang: Lang) -> Patient {
    let titles = [
        ("knee-pushes", "Knee pushes"),
        ("knee-across", "Knee-across hold"),
    ]
    .into_iter()
    .map(|(id, t)| {
        (
            ("piriformis-stretch".to_string(), id.to_string()),
            t.to_string(),
        )
    })
    .collect();
    Patient::new(
        summarize(lines),
        Setting {
            targets: &demo_targets(),
            rules: vec![RoutineRules {
                routine: "piriformis-stretch".into(),
                title: Some("Stretch".into()),
                report_rise: Some(2),
                schedule: Schedule {
                    times_per_day: 3,
                    interval: None,
                    course: None,
                },
            }],
            step_titles: titles,
            now: at(23, 20),
            window: Window::default(),
            lang,
            label: None,
        },
    )
}

#[test]
fn each_step_and_side_has_its_median_latest_and_highest_in_markdown() {
    let md = markdown(&patient(&log(), Lang::En));
    let section = md
        .split("## Pain during steps")
        .nth(1)
        .expect("the section is there");
    assert!(
        section.contains("| Routine | Step | Side | Answers | Median | Latest | Highest |"),
        "{section}"
    );
    assert!(
        section.contains("| Stretch | Knee pushes | – | 3 | 3 | 4 | 4 |"),
        "{section}"
    );
    assert!(
        section.contains("| Stretch | Knee-across hold | affected side | 3 | 6 | 9 | 9 |"),
        "{section}"
    );
    assert!(
        section.contains("| Stretch | Knee-across hold | healthy side | 3 | 3 | 2 | 3 |"),
        "{section}"
    );
    assert!(
        section.contains("Most provoking: Knee-across hold, affected side (median 6)."),
        "{section}"
    );
    // Nine is the top of the scale: a flag, named with its step and leg.
    let flags = md.split("## Flags").nth(1).unwrap();
    assert!(
        flags.contains("### Pain 8 or more during a step (1)"),
        "{flags}"
    );
    assert!(
        flags.contains("pain 9 during Knee-across hold, left leg"),
        "{flags}"
    );
}

#[test]
fn the_page_and_the_russian_report_say_the_same() {
    let page = html(&patient(&log(), Lang::En));
    assert!(page.contains("<section id=\"step-pain\">"), "{page}");
    assert!(page.contains(
        "<td>Knee-across hold</td><td>affected side</td><td>3</td><td>6</td><td>9</td><td>9</td>"
    ));
    assert!(page.contains("Most provoking: Knee-across hold, affected side (median 6)."));
    let md = markdown(&patient(&log(), Lang::Ru));
    assert!(md.contains("## Боль во время упражнений"), "{md}");
    assert!(
        md.contains("| Stretch | Knee-across hold | больная сторона | 3 | 6 | 9 | 9 |"),
        "{md}"
    );
    assert!(md.contains("Больше всего беспокоит: Knee-across hold, больная сторона (медиана 6)."));
    assert!(
        md.contains("боль 9 во время упражнения «Knee-across hold, левая нога»"),
        "{md}"
    );
    let page = html(&patient(&log(), Lang::Ru));
    assert!(page.contains("Боль 8 и выше во время упражнения"));
}

#[test]
fn without_answers_there_is_no_section_and_an_even_count_has_a_half() {
    let r = routine_ref("piriformis-stretch", 4);
    let plain = Spec::new(&r, "old", at(20, 9)).lines();
    let md = markdown(&patient(&plain, Lang::En));
    assert!(!md.contains("Pain during steps"), "{md}");
    assert!(!html(&patient(&plain, Lang::En)).contains("step-pain"));
    let mut two = session(20, &[("knee-pushes", None, 2)]);
    two.extend(session(21, &[("knee-pushes", None, 5)]));
    let md = markdown(&patient(&two, Lang::En));
    assert!(
        md.contains("| Stretch | Knee pushes | – | 2 | 3.5 | 5 | 5 |"),
        "{md}"
    );
    assert!(
        !md.contains("Most provoking"),
        "one step provokes nothing by comparison"
    );
    assert!(markdown(&patient(&two, Lang::Ru)).contains("| 2 | 3,5 | 5 | 5 |"));
}
