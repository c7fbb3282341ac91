//! The report's "dose over time": a row where a ruled step's dose changed
//! with the sessions run at it, in Markdown and on the page (with a chart),
//! in both languages; absent for a log without doses.

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};
use limber::cli::report::{Patient, Setting, Window, html, markdown};
use limber::core::lang::Lang;
use limber::core::progress::summarize;
use limber::core::progression::{Dose, StepDose};
use limber::i18n::DoseStrings;
use limber::store::history::sample::{Spec, routine_ref};
use scraper::{Html, Selector};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn dose(hold: u64, reps: u32) -> Vec<StepDose> {
    vec![
        StepDose {
            step: "knee-across".into(),
            dose: Dose {
                hold_ms: Some(hold * 1000),
                reps: Some(1),
                sets: Some(1),
            },
        },
        StepDose {
            step: "band-abduction".into(),
            dose: Dose {
                hold_ms: None,
                reps: Some(reps),
                sets: Some(1),
            },
        },
    ]
}

/// Ten days at 30 s and 8 reps, then four at 35 s and 10 reps.
fn patient(lang: Lang, with_dose: bool) -> Patient {
    let r = routine_ref("stretch-rising", 1);
    let tz = FixedOffset::east_opt(3600).unwrap();
    let lines: Vec<_> = (0..14u64)
        .flat_map(|i| {
            let day = today().checked_sub_days(Days::new(14 - i)).unwrap();
            let at = tz
                .from_local_datetime(&day.and_hms_opt(9, 0, 0).unwrap())
                .unwrap();
            let d = if !with_dose {
                vec![]
            } else if i < 10 {
                dose(30, 8)
            } else {
                dose(35, 10)
            };
            Spec::new(&r, &format!("s{i}"), at)
                .pain(Some(3), Some(3))
                .dose(d)
                .lines()
        })
        .collect();
    Patient::new(
        summarize(&lines),
        Setting {
            targets: &[],
            rules: Vec::new(),
            step_titles: Default::default(),
            now: tz
                .from_local_datetime(&today().and_hms_opt(12, 0, 0).unwrap())
                .unwrap(),
            window: Window::default(),
            lang,
            label: None,
        },
    )
}

#[test]
fn the_markdown_lists_each_change_with_its_sessions() {
    let md = markdown(&patient(Lang::En, true));
    let section = md.split("## Dose over time").nth(1).expect("the section");
    assert!(
        section.contains("| 2026-11-09 | stretch-rising | knee-across | 30 s, 1 rep, 1 set | 10 |"),
        "{section}"
    );
    assert!(
        section.contains("| 2026-11-19 | stretch-rising | knee-across | 35 s, 1 rep, 1 set | 4 |"),
        "{section}"
    );
    assert!(
        section.contains("| 2026-11-19 | stretch-rising | band-abduction | 10 reps, 1 set | 4 |"),
        "{section}"
    );
    let ru = markdown(&patient(Lang::Ru, true));
    let title = &DoseStrings::load(Lang::Ru).report_title;
    let section = ru
        .split(&format!("## {title}"))
        .nth(1)
        .expect("the Russian section");
    assert!(
        section.contains("35 с, 1 повтор, 1 подход | 4 |"),
        "{section}"
    );
    assert!(section.contains("10 повторов, 1 подход | 4 |"), "{section}");
    // The section is there once, and absent without doses.
    assert_eq!(md.matches("## Dose over time").count(), 1);
    assert!(!markdown(&patient(Lang::En, false)).contains("Dose over time"));
}

#[test]
fn the_page_has_the_table_and_a_chart_per_step() {
    for lang in Lang::ALL {
        let page = html(&patient(lang, true));
        let doc = Html::parse_document(&page);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let rows = Selector::parse("section#dose tbody tr").unwrap();
        assert_eq!(doc.select(&rows).count(), 4);
        let charts = Selector::parse("section#dose figure svg").unwrap();
        assert_eq!(doc.select(&charts).count(), 2);
    }
    let page = html(&patient(Lang::En, false));
    assert!(!page.contains("id=\"dose\""));
}
