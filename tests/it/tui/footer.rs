//! The footer as the terminal narrows: stop, pause and quit are the last
//! hints to go, on every session screen, at 40x12, 80x24 and 120x40, in
//! both languages; stop keeps its word longest.

use std::path::Path;

use crate::common::coach;
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::plan::PhaseKind;
use limber::core::routine::Side;
use limber::shell::keymap::Action;
use limber::shell::options::Start;
use limber::store::routines::{Library, Loaded, Origin, builtin, load_file};
use limber::tui::app::App;
use limber::tui::screen::Screen;

const SIZES: [(u16, u16); 3] = [(40, 12), (80, 24), (120, 40)];

/// The built-in routines of `lang` and tests/fixtures/routines/short.ron,
/// which has every kind of step in a few seconds.
fn library(lang: Lang) -> Library {
    let mut routines = builtin(lang);
    let short = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/short.ron");
    let routine = load_file(&short, None).expect("short test routine loads");
    routines.push(Loaded::new(routine, Origin::File(short)));
    Library {
        routines,
        broken: Vec::new(),
    }
}

fn app(lang: Lang) -> App {
    coach::with_log(
        coach::coach(lang, library(lang), true),
        &[],
        &coach::afternoon(),
    )
}

fn start(lang: Lang, routine: &str) -> App {
    let mut app = app(lang);
    app.start(
        &Start {
            routine: routine.to_string(),
            side: Some(Side::Right),
            variant: None,
            pain: Some(3),
            pain_after: None,
            note: None,
        },
        Mono::ZERO,
    );
    if matches!(app.screen(), Screen::Setup(_)) {
        app.update(Action::Confirm, Mono::ZERO);
    }
    app
}

/// The bottom row of what `app` draws at `size`.
fn footer(app: &App, (w, h): (u16, u16)) -> String {
    let buf = coach::draw(app, (w, h));
    (0..w)
        .map(|x| buf[(x, h - 1)].symbol())
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// What each language calls the three keys that must stay.
fn must_stay(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::En => ["s stop", "Space", "q"],
        Lang::Ru => ["s/ы стоп", "пробел", "q/й"],
    }
}

fn name(kind: &PhaseKind) -> &'static str {
    match kind {
        PhaseKind::GetReady => "get-ready",
        PhaseKind::Work => "work",
        PhaseKind::Hold => "hold",
        PhaseKind::HoldOn => "hold-on",
        PhaseKind::Rest => "rest",
        PhaseKind::Beat { .. } => "beat",
        PhaseKind::SwitchSide => "switch-side",
        PhaseKind::SetRest => "set-rest",
        PhaseKind::RestAfter => "rest-after",
        PhaseKind::WaitForUser => "manual step",
    }
}

/// Runs the short routine through every phase, a tenth of a second at a
/// time, and hands each new phase (and a pause in the first work phase)
/// to `look`, with the app at that moment.
fn every_session_screen(lang: Lang, mut look: impl FnMut(&str, &App)) {
    let mut app = start(lang, "short");
    let mut last = None;
    let mut paused = false;
    for t in 1..10_000u64 {
        let now = Mono::from_millis(t * 100);
        let Screen::Session(r) = app.screen() else {
            break;
        };
        let Some((index, phase)) = r.session().current() else {
            break;
        };
        let kind = phase.kind.clone();
        if last != Some(index) {
            last = Some(index);
            look(name(&kind), &app);
            if kind == PhaseKind::Work && !paused {
                paused = true;
                app.update(Action::TogglePause, now);
                look("paused", &app);
                app.update(Action::TogglePause, now);
            }
            if kind == PhaseKind::WaitForUser {
                app.update(Action::Confirm, now);
                continue;
            }
        }
        app.tick(now);
    }
}

#[test]
fn stop_pause_and_quit_stay_on_every_session_screen() {
    for lang in [Lang::En, Lang::Ru] {
        let mut seen = Vec::new();
        let mut table = String::new();
        every_session_screen(lang, |screen, app| {
            // Every phase is checked; the snapshot keeps the first of each kind.
            let first = !seen.iter().any(|s| s == screen);
            if first {
                seen.push(screen.to_string());
            }
            for size in SIZES {
                let row = footer(app, size);
                for want in must_stay(lang) {
                    assert!(
                        row.contains(want),
                        "{lang:?} {screen} at {}x{}: no `{want}` in `{row}`",
                        size.0,
                        size.1
                    );
                }
                if first {
                    let size = format!("{}x{}", size.0, size.1);
                    table.push_str(&format!("{size:>7} {screen:<12} {row}\n"));
                }
            }
        });
        for screen in [
            "get-ready",
            "work",
            "rest",
            "switch-side",
            "paused",
            "manual step",
        ] {
            assert!(
                seen.iter().any(|s| s == screen),
                "{lang:?}: never saw {screen}: {seen:?}"
            );
        }
        insta::assert_snapshot!(format!("session_footers_{}", lang.code()), table);
    }
}

/// The Enter a manual step waits for comes first and keeps its word at
/// 40 columns, beside stop.
#[test]
fn a_manual_step_keeps_enter_and_stop() {
    for (lang, ready, stop) in [
        (Lang::En, "Enter ready", "s stop"),
        (Lang::Ru, "Enter готов", "s/ы стоп"),
    ] {
        let mut manual = None;
        every_session_screen(lang, |screen, app| {
            if screen == "manual step" {
                manual = Some(footer(app, (40, 12)));
            }
        });
        let row = manual.expect("the short routine has a manual step");
        assert!(row.starts_with(ready), "{lang:?}: `{row}`");
        assert!(row.contains(stop), "{lang:?}: `{row}`");
    }
}

/// Setup at 40x12: the pain keys stay; Russian writes ten as the key
/// the Russian layout has, «е».
#[test]
fn the_pain_keys_stay_on_setup_and_finish_at_40x12() {
    for (lang, pain) in [
        (Lang::En, "0-9,t pain score"),
        (Lang::Ru, "0-9,е оценка боли"),
    ] {
        let mut app = app(lang);
        app.start(
            &Start {
                routine: "piriformis-stretch".to_string(),
                side: None,
                variant: None,
                pain: None,
                pain_after: None,
                note: None,
            },
            Mono::ZERO,
        );
        assert!(matches!(app.screen(), Screen::Setup(_)));
        let row = footer(&app, (40, 12));
        assert!(row.contains(pain), "{lang:?}: `{row}`");
        // The Russian pain key works as its label says.
        assert_eq!(
            limber::shell::keymap::action_for(
                limber::shell::keymap::Ctx::Setup,
                crossterm::event::KeyEvent::new(
                    crossterm::event::KeyCode::Char('е'),
                    crossterm::event::KeyModifiers::NONE
                )
            ),
            Some(Action::Pain(10))
        );
        // Stop the session at once: the finish screen asks for pain too.
        let mut app = start(lang, "short");
        app.update(Action::Stop, Mono::from_millis(500));
        app.update(Action::StopOther, Mono::from_millis(500));
        assert!(matches!(app.screen(), Screen::Finish(_)), "not finished");
        let row = footer(&app, (40, 12));
        assert!(row.contains(pain), "{lang:?}: `{row}`");
    }
}
