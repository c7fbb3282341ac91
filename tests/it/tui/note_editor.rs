//! The finish screen's note edits as a line does: ←/→, Home/End,
//! Backspace before the cursor, Delete at it, by grapheme, so a letter
//! with a combining mark or an emoji with its modifier is never split.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

use crate::common::coach;
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::routine::Side;
use limber::shell::keymap::{Action, Ctx, action_for};
use limber::shell::options::Start;
use limber::shell::runner::NOTE_MAX;
use limber::store::routines::{Library, Loaded, Origin, builtin, load_file};
use limber::tui::app::App;
use limber::tui::screen::Screen;
use limber::tui::screen::line_edit::LineEdit;

/// The finish screen of the short test routine, stopped at once, the
/// note open for typing.
fn editing(lang: Lang) -> App {
    let mut routines = builtin(lang);
    let short = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/short.ron");
    let routine = load_file(&short, None).expect("short test routine loads");
    routines.push(Loaded::new(routine, Origin::File(short)));
    let library = Library {
        routines,
        broken: Vec::new(),
    };
    let mut app = coach::with_log(coach::coach(lang, library, true), &[], &coach::afternoon());
    app.start(
        &Start {
            routine: "short".to_string(),
            side: Some(Side::Left),
            variant: None,
            pain: Some(2),
            pain_after: None,
            note: None,
        },
        Mono::ZERO,
    );
    for a in [Action::Stop, Action::StopOther, Action::Note] {
        app.update(a, Mono::from_millis(500));
    }
    assert_eq!(app.ctx(), Ctx::FinishNote);
    app
}

/// Presses `keys` as the terminal sends them, through the key table.
fn keys(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        let action = action_for(app.ctx(), KeyEvent::new(code, KeyModifiers::NONE))
            .unwrap_or_else(|| panic!("{code:?} does nothing in the note"));
        app.update(action, Mono::from_millis(500));
    }
}

fn typed(app: &mut App, text: &str) {
    let codes: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    keys(app, &codes);
}

fn note(app: &App) -> &LineEdit {
    match app.screen() {
        Screen::Finish(f) => &f.note,
        _ => panic!("not on the finish screen"),
    }
}

#[test]
fn arrows_home_end_backspace_and_delete_edit_at_the_cursor() {
    let mut app = editing(Lang::En);
    typed(&mut app, "knee sore");
    keys(&mut app, &[KeyCode::Home]);
    typed(&mut app, "left ");
    assert_eq!(note(&app).text(), "left knee sore");
    keys(
        &mut app,
        &[
            KeyCode::End,
            KeyCode::Left,
            KeyCode::Left,
            KeyCode::Left,
            KeyCode::Left,
        ],
    );
    // The cursor is on the "s" of "sore": Backspace takes the space
    // before it, Delete the "s".
    keys(&mut app, &[KeyCode::Backspace, KeyCode::Delete]);
    assert_eq!(note(&app).text(), "left kneeore");
    typed(&mut app, ", m");
    assert_eq!(note(&app).text(), "left knee, more");
    keys(
        &mut app,
        &[
            KeyCode::Right,
            KeyCode::Right,
            KeyCode::Right,
            KeyCode::Right,
            KeyCode::Right,
        ],
    );
    keys(&mut app, &[KeyCode::Delete]);
    assert_eq!(
        note(&app).text(),
        "left knee, more",
        "Delete at the end deletes nothing"
    );
    keys(&mut app, &[KeyCode::Home, KeyCode::Backspace]);
    assert_eq!(
        note(&app).text(),
        "left knee, more",
        "Backspace at the start deletes nothing"
    );
    // Letters bound elsewhere (l, r, g, G) are text in the note.
    keys(&mut app, &[KeyCode::End]);
    typed(&mut app, " lrgG");
    assert_eq!(note(&app).text(), "left knee, more lrgG");
    // Enter ends the editing; the note stays for the log.
    keys(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.ctx(), Ctx::Finish);
    assert_eq!(note(&app).text(), "left knee, more lrgG");
}

#[test]
fn a_grapheme_is_never_split() {
    let mut app = editing(Lang::Ru);
    // «й» written as и and a combining breve; a thumb with a skin tone.
    typed(&mut app, "бо\u{0438}\u{0306}👍🏽!");
    keys(&mut app, &[KeyCode::Left, KeyCode::Left]);
    keys(&mut app, &[KeyCode::Backspace]);
    assert_eq!(note(&app).text(), "бо👍🏽!");
    keys(&mut app, &[KeyCode::Delete]);
    assert_eq!(note(&app).text(), "бо!");
    keys(&mut app, &[KeyCode::Home, KeyCode::Right, KeyCode::Delete]);
    assert_eq!(note(&app).text(), "б!");
}

#[test]
fn the_note_stops_at_its_length_and_refuses_control_characters() {
    let mut line = LineEdit::default();
    for _ in 0..NOTE_MAX + 10 {
        line.insert('ж', NOTE_MAX);
    }
    assert_eq!(line.text().chars().count(), NOTE_MAX);
    let mut line = LineEdit::default();
    line.insert('\u{1b}', NOTE_MAX);
    line.insert('\u{7}', NOTE_MAX);
    assert!(line.is_empty());
}

/// The cursor is the one underlined cell, not reversed as the rest of the
/// field is, in the middle and at the end.
#[test]
fn the_cursor_shows_where_the_next_letter_goes() {
    let mut app = editing(Lang::En);
    typed(&mut app, "sore");
    keys(&mut app, &[KeyCode::Left, KeyCode::Left]);
    let buf = coach::draw(&app, (80, 24));
    let reversed: Vec<(u16, u16)> = (0..24)
        .flat_map(|y| (0..80).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::UNDERLINED))
        .collect();
    assert_eq!(reversed.len(), 1, "{reversed:?}");
    let (x, y) = reversed[0];
    assert_eq!(buf[(x, y)].symbol(), "r");
    assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(buf[(x - 1, y)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(x - 2, y)].symbol(), "s");
    insta::assert_snapshot!("note_cursor_80x24", {
        let mut out = String::new();
        for y in 0..24 {
            for x in 0..80 {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    });
    keys(&mut app, &[KeyCode::End]);
    let buf = coach::draw(&app, (80, 24));
    let (x, y) = (0..24)
        .flat_map(|y| (0..80).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::UNDERLINED))
        .expect("a cursor at the end");
    assert_eq!(buf[(x, y)].symbol(), "▏");
    assert_eq!(buf[(x - 1, y)].symbol(), "e");
}
