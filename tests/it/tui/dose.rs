//! A dose raised by the routine's progression rule, on the coach's setup
//! screen in both languages: what changed and why, the step's new length,
//! and the dose handed to the session for the log.

use chrono::{Days, FixedOffset, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::coach;
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::parse::parse_routine;
use limber::core::progression::Dose;
use limber::core::record::RoutineRef;
use limber::core::routine::{Kind, Routine};
use limber::i18n::DoseStrings;
use limber::shell::keymap::Action;
use limber::store::history::sample::Spec;
use limber::store::routines::{Library, Loaded, Origin};
use limber::tui::app::App;
use limber::tui::screen::Screen;
use limber::tui::view;

/// The example of docs/PHYSIOTHERAPIST.md, in `lang`, without its morning
/// condition: the log of this test has no morning checks.
pub fn example(lang: Lang) -> Routine {
    let mut text = include_str!("../../../docs/examples/progression.ron")
        .replace("mornings_no_worse: true,", "");
    if lang == Lang::Ru {
        for (en, ru) in [
            ("lang: \"en\"", "lang: \"ru\""),
            (
                "Exercises with a rising dose",
                "Упражнения с растущей нагрузкой",
            ),
            ("\"Knee across\"", "\"Колено к полу через ногу\""),
            ("\"Figure four\"", "\"Растяжка грушевидной мышцы\""),
            (
                "\"Leg out against a band\"",
                "\"Отведение ноги с эспандером\"",
            ),
        ] {
            text = text.replace(en, ru);
        }
    }
    parse_routine(text.as_bytes()).expect("the example is valid")
}

/// Two calm sessions a day (pain 3 before and after) on the 8 days before
/// the screen tests' day: a week of them raises the doses yesterday.
pub fn calm_week(routine: &Routine) -> Vec<limber::core::record::LogLine> {
    let tz = FixedOffset::east_opt(3600).unwrap();
    let reference = RoutineRef::of(routine);
    (1..=8u64)
        .flat_map(|back| {
            let day = coach::today().checked_sub_days(Days::new(back)).unwrap();
            [9, 17].map(|hour| {
                let at = tz
                    .from_local_datetime(&day.and_hms_opt(hour, 0, 0).unwrap())
                    .unwrap();
                Spec::new(&reference, &format!("s{back}-{hour}"), at)
                    .pain(Some(3), Some(3))
                    .steps(3)
                    .lines()
            })
        })
        .flatten()
        .collect()
}

fn app(lang: Lang) -> App {
    let routine = example(lang);
    let lines = calm_week(&routine);
    let library = Library {
        routines: vec![Loaded::new(routine, Origin::BuiltIn)],
        broken: Vec::new(),
    };
    coach::with_log(
        coach::coach(lang, library, true),
        &lines,
        &coach::afternoon(),
    )
}

fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| _ = view::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

/// The rows of a screen joined without their borders, so a line wrapped
/// over two rows is still found.
fn flat(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.trim_matches('"').trim_matches(['│', ' ']).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_raised_dose_is_shown_with_its_reason_on_setup_and_goes_to_the_session() {
    for lang in Lang::ALL {
        let mut app = app(lang);
        app.update(Action::Confirm, Mono::ZERO);
        app.update(Action::Pain(3), Mono::ZERO);
        let screen = draw(&app);
        insta::assert_snapshot!(format!("setup_dose_raised_{}", lang.code()), screen);
        let s = DoseStrings::load(lang);
        let title = &app.shared.loaded("stretch-rising").unwrap().routine.steps[0].title;
        let change = app.shared.doses["stretch-rising"][0]
            .last
            .clone()
            .expect("the hold was raised");
        let line = s.change(title, &change, lang);
        assert!(flat(&screen).contains(&line), "{line}\n{screen}");
        assert!(flat(&screen).contains(&s.setup_heading), "{screen}");
        // The pinned figure-four is not said to change.
        let pinned = app.shared.doses["stretch-rising"]
            .iter()
            .find(|d| d.step == "figure-four")
            .unwrap();
        assert!(pinned.last.is_none());
        assert_eq!(
            pinned.dose,
            Dose {
                hold_ms: Some(30_000),
                reps: Some(3),
                sets: Some(1),
            }
        );
        // The session runs the raised dose and logs it.
        app.update(Action::Confirm, Mono::ZERO);
        let Screen::Session(running) = app.screen() else {
            panic!("a session")
        };
        let dose = &running.session().meta().dose;
        assert_eq!(dose.len(), 3);
        assert_eq!(dose[0].step, "knee-across");
        assert_eq!(dose[0].dose.hold_ms, Some(35_000));
        assert_eq!(
            (dose[1].step.as_str(), dose[1].dose.reps),
            ("band-abduction", Some(10))
        );
        let Kind::Hold { duration, .. } = &running.plan().steps()[0].kind else {
            panic!("a hold")
        };
        assert_eq!(duration.0.as_secs(), 35);
        // The session is named by the routine as written.
        assert_eq!(
            running.runner().reference().hash,
            RoutineRef::of(&running.routine).hash
        );
    }
}

#[test]
fn english_says_the_reason_as_a_physiotherapist_would() {
    let app = app(Lang::En);
    let d = &app.shared.doses["stretch-rising"];
    let s = DoseStrings::load(Lang::En);
    let change = d[0].last.as_ref().unwrap();
    assert_eq!(
        s.change("Knee across", change, Lang::En),
        "Knee across: Hold 35 s, was 30 s: 7 days with pain during at most 5 and at least 10 sessions done"
    );
    let ru = DoseStrings::load(Lang::Ru);
    assert_eq!(
        ru.change("Колено к полу через ногу", change, Lang::Ru),
        "Колено к полу через ногу: удержание 35 с (было 30 с) — за 7 дней: боль во время упражнений не выше 5 и сделано не меньше 10 сеансов"
    );
}

#[test]
fn each_reason_to_step_back_reads_naturally_in_both_languages() {
    use limber::core::progression::Why;
    let cases = [
        (
            Why::PainRose { rise: 2 },
            "pain after a session rose by 2 points",
            "после сеанса боль усилилась на 2 балла",
        ),
        (
            Why::MorningRose { rise: 3 },
            "pain in the morning rose by 3 points over the morning before",
            "утренняя боль усилилась на 3 балла по сравнению с прошлым утром",
        ),
        (
            Why::WorseMornings { count: 2 },
            "2 mornings worse than the day before",
            "2 раза по утрам было хуже, чем накануне",
        ),
        (
            Why::Calm {
                days: 1,
                max_pain: None,
                mornings_no_worse: true,
                sessions: Some(1),
            },
            "1 day with mornings no worse and at least 1 session done",
            "за 1 день: по утрам не хуже и сделано не меньше 1 сеанса",
        ),
    ];
    let (en, ru) = (DoseStrings::load(Lang::En), DoseStrings::load(Lang::Ru));
    for (why, in_en, in_ru) in cases {
        assert_eq!(en.why(why, Lang::En), in_en);
        assert_eq!(ru.why(why, Lang::Ru), in_ru);
    }
}
