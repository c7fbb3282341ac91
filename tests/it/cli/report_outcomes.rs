//! The report's sections of the patient's answers, in both formats and
//! languages: the morning trend with its flags, PSFS with the minimal
//! important change marked, sitting tolerance, usual pain, and a red flag
//! answered yes at the top of the flags.

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use limber::cli::report::measures::attach;
use limber::cli::report::{Patient, Setting, Window, html, markdown};
use limber::core::lang::Lang;
use limber::core::outcome::{Answer, Compared, Measure, PsfsItem, RedFlag, RedFlagAnswer};
use limber::core::progress::summarize;
use limber::store::history::sample::{demo, demo_targets};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn at(days_ago: i64, h: u32) -> chrono::DateTime<FixedOffset> {
    let d = today() - Duration::days(days_ago);
    FixedOffset::east_opt(3600)
        .unwrap()
        .from_local_datetime(&d.and_hms_opt(h, 0, 0).unwrap())
        .unwrap()
}

fn answer(id: &str, days_ago: i64, measure: Measure) -> Answer {
    Answer {
        v: 1,
        id: id.into(),
        at: at(days_ago, 8),
        measure,
    }
}

fn morning(days_ago: i64, pain: u8, compared: Option<Compared>) -> Answer {
    answer(
        &format!("m{days_ago}"),
        days_ago,
        Measure::Morning {
            pain: Some(pain),
            stiffness: Some(2),
            compared,
        },
    )
}

fn psfs(id: &str, days_ago: i64, scores: [u8; 3]) -> Answer {
    let names = ["sitting through a film", "putting on socks", "stairs"];
    answer(
        id,
        days_ago,
        Measure::Psfs {
            items: names
                .iter()
                .zip(scores)
                .map(|(a, s)| PsfsItem {
                    activity: a.to_string(),
                    score: Some(s),
                })
                .collect(),
        },
    )
}

fn answers(red_yes: bool) -> Vec<Answer> {
    vec![
        morning(6, 3, None),
        morning(5, 3, Some(Compared::Same)),
        morning(4, 3, Some(Compared::Better)),
        // 2 above the morning before: flagged.
        morning(3, 5, Some(Compared::Same)),
        morning(2, 4, Some(Compared::Better)),
        psfs("p1", 14, [2, 5, 6]),
        psfs("p2", 0, [5, 6, 3]),
        answer("s1", 7, Measure::Sitting { minutes: 20 }),
        answer("s2", 0, Measure::Sitting { minutes: 35 }),
        answer("u1", 1, Measure::UsualPain { pain: 4 }),
        answer(
            "r1",
            1,
            Measure::RedFlags {
                answers: RedFlag::ALL
                    .iter()
                    .map(|&flag| RedFlagAnswer {
                        flag,
                        yes: red_yes && flag == RedFlag::Bladder,
                    })
                    .collect(),
            },
        ),
    ]
}

fn patient(lang: Lang, red_yes: bool) -> Patient {
    let lines = demo(today());
    let mut p = Patient::new(
        summarize(&lines),
        Setting {
            targets: &demo_targets(),
            rules: Vec::new(),
            step_titles: Default::default(),
            now: at(0, 20),
            window: Window::default(),
            lang,
            label: None,
        },
    );
    attach(&mut p, answers(red_yes));
    p
}

#[test]
fn the_morning_trend_and_the_measures_are_in_both_formats_and_languages() {
    for (lang, morning, flag, psfs, sitting, usual) in [
        (
            Lang::En,
            "## Morning check",
            "Morning flag: pain 5, was 3 the morning before; pain 5, your first mornings were 3.",
            "| sitting through a film | 2 | 5 | +3 ▲ |",
            "35 min",
            "4/10",
        ),
        (
            Lang::Ru,
            "## Утренняя проверка",
            "Утро с отметкой: боль 5, накануне утром была 3; боль 5, в первые утра была 3.",
            "| sitting through a film | 2 | 5 | +3 ▲ |",
            "35 мин",
            "4/10",
        ),
    ] {
        let p = patient(lang, false);
        let md = markdown(&p);
        assert!(md.contains(morning), "{md}");
        assert!(md.contains(flag), "{md}");
        assert!(md.contains(psfs), "{md}");
        // Within the minimal important change: no mark; a fall of 3: ▼.
        assert!(md.contains("| putting on socks | 5 | 6 | +1 |"), "{md}");
        assert!(md.contains("| stairs | 6 | 3 | -3 ▼ |"), "{md}");
        assert!(md.contains(sitting) && md.contains(usual), "{md}");
        let page = html(&p);
        let doc = scraper::Html::parse_document(&page);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        let section = doc.select(&sel("section#morning")).next().unwrap();
        assert!(section.select(&sel("svg")).next().is_some(), "the chart");
        assert!(section.text().collect::<String>().contains(flag));
        let measures: String = doc
            .select(&sel("section#measures"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(
            measures.contains("+3 ▲") && measures.contains("-3 ▼"),
            "{measures}"
        );
        assert!(measures.contains(sitting));
        // No yes: nothing at the top.
        assert!(doc.select(&sel("ul.red-flags")).next().is_none());
    }
}

#[test]
fn a_red_flag_answered_yes_is_at_the_top_of_the_flags() {
    for (lang, said) in [
        (Lang::En, "warning signs answered yes: bladder or bowel"),
        (
            Lang::Ru,
            "ответ «да» на тревожные признаки: мочеиспускание или стул",
        ),
    ] {
        let p = patient(lang, true);
        let md = markdown(&p);
        let flags = md.find(&format!("## {}", p.t.r.flags)).unwrap();
        let red = md.find(said).unwrap();
        let next = md[flags + 3..].find("\n## ").unwrap() + flags + 3;
        assert!(flags < red && red < next, "in the flags section: {md}");
        let first_kind = md[flags..].find("### ").unwrap() + flags;
        assert!(
            red < md[first_kind + 4..]
                .find("### ")
                .map_or(usize::MAX, |i| i + first_kind + 4),
            "first of the flags: {md}"
        );
        // Counted in the summary's flag line.
        let summary = md
            .lines()
            .find(|l| l.starts_with(&format!("- **{}**", p.t.r.flags)))
            .unwrap();
        assert!(summary.contains(": 1"), "{summary}");
        let page = html(&p);
        let doc = scraper::Html::parse_document(&page);
        let sel = scraper::Selector::parse("section#flags > *").unwrap();
        let kids: Vec<_> = doc.select(&sel).collect();
        assert_eq!(kids[0].value().name(), "h2");
        assert!(
            kids[1].value().classes().any(|c| c == "red-flags"),
            "first after the heading"
        );
        assert!(kids[2].text().collect::<String>().contains(said));
    }
}

#[test]
fn a_flagged_morning_is_among_the_flags_with_its_reasons() {
    for (lang, heading, said) in [
        (
            Lang::En,
            "Mornings flagged (1)",
            "morning pain 5, 3 the morning before; morning pain 5, baseline 3",
        ),
        (
            Lang::Ru,
            "Утра с отметкой (1)",
            "боль утром 5, накануне утром 3; боль утром 5, исходно 3",
        ),
    ] {
        let p = patient(lang, false);
        let md = markdown(&p);
        let flags = md.find(&format!("## {}", p.t.r.flags)).unwrap();
        let next = md[flags + 3..].find("\n## ").unwrap() + flags + 3;
        let section = &md[flags..next];
        assert!(section.contains(&format!("### {heading}")), "{section}");
        assert!(section.contains(said), "{section}");
        // The day, not a time of day: a morning check has no session.
        assert!(section.contains(&p.t.w.f.date(today() - chrono::Duration::days(3))));
        let page = html(&p);
        assert!(page.contains(said), "{page}");
    }
}
