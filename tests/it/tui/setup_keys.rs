//! The setup screen's keys say what they do: ↑/↓ scroll (there is no
//! cursor for them to move), `v` goes round the variants and is offered
//! only where there are variants, ←/→ only on a routine with sides; what
//! a session needs is a list, not boxes that cannot be ticked.

use std::path::Path;

use crate::common::coach;
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::shell::keymap::Action;
use limber::shell::options::Start;
use limber::store::routines::{Library, Loaded, Origin, builtin, load_file};
use limber::tui::app::App;
use limber::tui::screen::Screen;

fn fixture(name: &str) -> Loaded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/routines")
        .join(format!("{name}.ron"));
    let routine = load_file(&path, None).expect("fixture loads");
    Loaded::new(routine, Origin::File(path))
}

/// The setup screen of `routine` in `lang`.
fn setup(lang: Lang, routine: &str) -> App {
    let mut routines = builtin(lang);
    routines.push(fixture("short"));
    routines.push(fixture("pty-quick"));
    let library = Library {
        routines,
        broken: Vec::new(),
    };
    let mut app = coach::with_log(coach::coach(lang, library, true), &[], &coach::afternoon());
    app.start(
        &Start {
            routine: routine.to_string(),
            side: None,
            variant: None,
            pain: None,
            pain_after: None,
            note: None,
        },
        Mono::ZERO,
    );
    assert!(matches!(app.screen(), Screen::Setup(_)), "not on setup");
    app
}

fn variant(app: &App) -> usize {
    match app.screen() {
        Screen::Setup(s) => s.variant,
        _ => panic!("not on setup"),
    }
}

fn screen(app: &App, (w, h): (u16, u16)) -> String {
    let buf = coach::draw(app, (w, h));
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn footer(app: &App) -> String {
    screen(app, (120, 40))
        .lines()
        .last()
        .unwrap()
        .trim_end()
        .to_string()
}

#[test]
fn up_and_down_scroll_and_only_v_changes_the_variant() {
    let mut app = setup(Lang::En, "piriformis-massage");
    assert_eq!(variant(&app), 0);
    for a in [Action::Down, Action::Down, Action::Up] {
        app.update(a, Mono::ZERO);
        assert_eq!(variant(&app), 0, "{a:?} changed the variant");
    }
    // ↓ twice and ↑ once: one row down.
    assert_eq!(app.scroll(), 1);
    app.update(Action::Variant, Mono::ZERO);
    assert_eq!(variant(&app), 1);
    let row = footer(&app);
    assert!(row.contains("v variant"), "{row}");
    assert!(!row.contains("move"), "no cursor, no `move`: {row}");
}

#[test]
fn variant_is_offered_only_with_variants_and_side_only_with_sides() {
    for (lang, variant_hint, side) in [
        (Lang::En, "variant", "side"),
        (Lang::Ru, "вариант", "сторона"),
    ] {
        // Sides, no variants.
        let mut app = setup(lang, "short");
        let row = footer(&app);
        assert!(!row.contains(variant_hint), "{lang:?}: {row}");
        assert!(row.contains(side), "{lang:?}: {row}");
        app.update(Action::Variant, Mono::ZERO);
        assert_eq!(variant(&app), 0);
        // Help reads the same rows and leaves it out too.
        app.update(Action::Help, Mono::ZERO);
        let help = screen(&app, (120, 40));
        assert!(
            !help.contains(variant_hint) && help.contains(side),
            "{lang:?}: {help}"
        );
        // Neither.
        let row = footer(&setup(lang, "pty-quick"));
        assert!(
            !row.contains(variant_hint) && !row.contains(side),
            "{lang:?}: {row}"
        );
        // Both.
        let row = footer(&setup(lang, "piriformis-stretch"));
        assert!(
            row.contains(variant_hint) && row.contains(side),
            "{lang:?}: {row}"
        );
    }
}

#[test]
fn what_a_session_needs_is_a_list_not_boxes() {
    for lang in [Lang::En, Lang::Ru] {
        let text = screen(&setup(lang, "piriformis-massage"), (120, 40));
        assert!(!text.contains('☐'), "{text}");
        assert!(text.contains("  • "), "{text}");
    }
}

#[test]
fn setup_in_both_languages_at_80x24() {
    for lang in [Lang::En, Lang::Ru] {
        let app = setup(lang, "piriformis-stretch");
        insta::assert_snapshot!(
            format!("setup_{}_80x24", lang.code()),
            screen(&app, (80, 24))
        );
    }
}
