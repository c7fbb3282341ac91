//! The setup screen says when a session starts sooner than the routine's
//! interval after the last one (issue 22 item 5): told, not blocked.

use chrono::{DateTime, Duration as Days, FixedOffset, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::coach;
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::record::LogLine;
use limber::i18n::{ClinicStrings, Strings};
use limber::shell::keymap::Action;
use limber::store::history::sample::{Spec, routine_ref};
use limber::store::routines::{Library, builtin};
use limber::tui::app::App;
use limber::tui::view;

fn at(days_back: i64, h: u32) -> DateTime<FixedOffset> {
    let d = coach::today() - Days::days(days_back);
    FixedOffset::east_opt(3600)
        .unwrap()
        .from_local_datetime(&d.and_hms_opt(h, 0, 0).unwrap())
        .unwrap()
}

/// Completed massages at (days back, hour).
fn massages(when: &[(i64, u32)]) -> Vec<LogLine> {
    let massage = routine_ref("piriformis-massage", 1);
    when.iter()
        .flat_map(|&(back, h)| Spec::new(&massage, &format!("m{back}-{h}"), at(back, h)).lines())
        .collect()
}

fn app(lang: Lang, lines: &[LogLine]) -> App {
    let library = Library {
        routines: builtin(lang),
        broken: Vec::new(),
    };
    coach::with_log(
        coach::coach(lang, library, true),
        lines,
        &coach::afternoon(),
    )
}

fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| _ = view::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

/// The screen's text on one line, without borders, so a wrapped
/// phrase is still found.
fn flat(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.trim_matches('"').trim_matches(['│', ' ']))
        .collect::<Vec<_>>()
        .join(" ")
}

fn open_massage_setup(app: &mut App) {
    for a in [Action::Down, Action::Confirm] {
        app.update(a, Mono::ZERO);
    }
}

#[test]
fn setup_says_a_session_is_too_soon_and_still_lets_it_start() {
    for lang in Lang::ALL {
        // A massage at 14:00; it is 15:00: the next is advised from 18:00.
        let mut app = app(lang, &massages(&[(0, 14)]));
        open_massage_setup(&mut app);
        let screen = draw(&app);
        insta::assert_snapshot!(format!("setup_too_soon_{}", lang.code()), screen);
        let (c, s) = (ClinicStrings::load(lang), Strings::load(lang));
        let said = c
            .setup_too_soon
            .replace("{interval}", &format!("4 {}", s.unit_hour))
            .replace("{time}", "18:00");
        assert!(flat(&screen).contains(&said), "{lang:?}: {screen}");
        // Advice, not a block: Enter starts the session.
        app.update(Action::Confirm, Mono::ZERO);
        assert!(
            !matches!(app.screen(), limber::tui::screen::Screen::Setup(_)),
            "{lang:?}: the session did not start"
        );

        // Four hours and more after the last one: nothing is said.
        let mut app = app_at_ease(lang);
        open_massage_setup(&mut app);
        let head = c.setup_too_soon.split('{').next().unwrap().to_string();
        assert!(!flat(&draw(&app)).contains(&head), "{lang:?}");
    }
}

fn app_at_ease(lang: Lang) -> App {
    app(lang, &massages(&[(0, 9)]))
}

#[test]
fn home_says_the_course_goal_is_reached_and_the_course_goes_on() {
    // Thirteen days in a row up to today: past the goal of 12.
    let when: Vec<(i64, u32)> = (0..13).map(|back| (back, 9)).collect();
    let app = app(Lang::En, &massages(&when));
    let screen = flat(&draw(&app));
    assert!(
        screen.contains("course: 13 days done, goal of 12 reached"),
        "{screen}"
    );
    assert!(!screen.contains("next course from"), "{screen}");
}
