//! The history screen in the coach: Tab goes to the next routine's
//! history, `d` goes round the pain chart's spans, the sessions of one day
//! are points of their own, and a screen too small says the size it needs.

use chrono::{FixedOffset, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::coach;
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::progress::summarize;
use limber::core::record::LogLine;
use limber::shell::keymap::Action;
use limber::store::history::sample::{Spec, demo, demo_targets, routine_ref};
use limber::store::routines::{Library, builtin};
use limber::tui::app::App;
use limber::tui::screen::history::{HistoryState, HistoryView};
use limber::tui::screen::{Out, Screen};

const STRETCH: &str = "piriformis-stretch";
const MASSAGE: &str = "piriformis-massage";

/// Six weeks of both routines, two or three stretch sessions a day.
fn lines() -> Vec<LogLine> {
    demo(coach::today())
}

/// The coach in `lang` on the history screen of the stretch.
fn history(lang: Lang) -> App {
    let library = Library {
        routines: builtin(lang),
        broken: Vec::new(),
    };
    let mut app = coach::with_log(
        coach::coach(lang, library, true),
        &lines(),
        &coach::afternoon(),
    );
    press(&mut app, &[Action::History]);
    app
}

fn press(app: &mut App, actions: &[Action]) {
    for a in actions {
        let outs = app.update(*a, Mono::ZERO);
        coach::serve(app, outs, &lines());
    }
}

fn text(app: &App, size: (u16, u16)) -> String {
    let buf = coach::draw(app, size);
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn shown(app: &App) -> (&str, i64) {
    match app.screen() {
        Screen::History(h) => (h.routine.as_str(), h.view.days),
        _ => panic!("not on the history screen"),
    }
}

#[test]
fn tab_goes_round_the_routines_keeping_the_chart_span() {
    let mut app = history(Lang::En);
    assert_eq!(shown(&app), (STRETCH, 30));
    press(&mut app, &[Action::ChartSpan]);
    assert_eq!(shown(&app), (STRETCH, 90));
    // Tab asks the shell for the next routine's sessions.
    let outs = app.update(Action::NextRoutine, Mono::ZERO);
    assert_eq!(outs, [Out::LoadSessions(MASSAGE.to_string())]);
    coach::serve(&mut app, outs, &lines());
    assert_eq!(shown(&app), (MASSAGE, 90));
    let Screen::History(h) = app.screen() else {
        unreachable!()
    };
    assert!(h.view.sessions.iter().all(|s| s.routine.id == MASSAGE));
    assert!(text(&app, (80, 24)).contains("Piriformis self-massage"));
    press(&mut app, &[Action::NextRoutine]);
    assert_eq!(shown(&app), (STRETCH, 90));
}

#[test]
fn d_goes_round_30_90_and_365_days_and_the_chart_says_which() {
    let mut app = history(Lang::En);
    for days in [90, 365, 30] {
        press(&mut app, &[Action::ChartSpan]);
        assert_eq!(shown(&app).1, days);
        let screen = text(&app, (120, 40));
        assert!(
            screen.contains(&format!("Pain 0–10, {days} days")),
            "{screen}"
        );
    }
    // In Russian too, with the number's own form.
    let mut app = history(Lang::Ru);
    press(&mut app, &[Action::ChartSpan]);
    let screen = text(&app, (120, 40));
    assert!(screen.contains("Боль 0–10 за 90 дней"), "{screen}");
}

/// Three sessions on one day with pain before 1, 5 and 9: three dots at
/// three heights, not their average.
#[test]
fn several_sessions_of_a_day_are_points_of_their_own() {
    let tz = FixedOffset::east_opt(3600).unwrap();
    let day = coach::today();
    let r = routine_ref(STRETCH, 1);
    let mut log = Vec::new();
    for (i, (hour, pain)) in [(8, 1), (13, 5), (19, 9)].into_iter().enumerate() {
        let start = tz
            .from_local_datetime(&day.and_hms_opt(hour, 0, 0).unwrap())
            .unwrap();
        log.extend(
            Spec::new(&r, &format!("s{i}"), start)
                .pain(Some(pain), None)
                .lines(),
        );
    }
    let view = HistoryView::new(
        &summarize(&log),
        &demo_targets()[0],
        "Piriformis exercises",
        day,
        Lang::En,
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut state = HistoryState::default();
    terminal
        .draw(|f| f.render_stateful_widget(&view, f.area(), &mut state))
        .unwrap();
    let buf = terminal.backend().buffer();
    let mut rows: Vec<u16> = Vec::new();
    // The chart is on the right of the calendar, above the list.
    for y in 0..buf.area.height {
        for x in 62..buf.area.width {
            if buf[(x, y)].symbol() == "•" && !rows.contains(&y) {
                rows.push(y);
            }
        }
    }
    // The title's legend has one "•" too.
    assert!(rows.len() >= 4, "dots on rows {rows:?}");
}

#[test]
fn a_screen_too_small_says_the_size_it_needs() {
    for (lang, want) in [
        (Lang::En, "at least 70×21 to see the history (it is 40×12)"),
        (Lang::Ru, "хотя бы до 70×21 (сейчас 40×12)"),
    ] {
        let app = history(lang);
        // The footer's row is the terminal's too: 21 rows, not 20.
        assert!(!text(&app, (70, 21)).contains("70×21"));
        let screen = text(&app, (40, 12));
        let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(want), "{lang:?}: {screen}");
        // The footer still says how to leave.
        assert!(screen.lines().last().unwrap().contains("Esc"), "{screen}");
    }
}

#[test]
fn snapshots_of_both_routines_in_both_languages() {
    for (lang, name) in [(Lang::En, "en"), (Lang::Ru, "ru")] {
        let mut app = history(lang);
        for routine in ["stretch", "massage"] {
            for size in [(80, 24), (120, 40)] {
                insta::assert_snapshot!(
                    format!("history_{name}_{routine}_{}x{}", size.0, size.1),
                    text(&app, size)
                );
            }
            press(&mut app, &[Action::NextRoutine]);
        }
    }
}
