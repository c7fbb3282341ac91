//! The countdown fills the screen from a mat: at 120x40 and above the
//! digits take at least half the width or the height, and the phase, side,
//! cue and next-up stay on screen. A manual step shows READY? as large,
//! with the time spent waiting counted up.

use std::time::Duration;

use ratatui::buffer::Buffer;

use crate::common::coach::{app, draw};
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::plan::PhaseKind;
use limber::core::routine::Side;
use limber::i18n::Strings;
use limber::shell::keymap::Action;
use limber::shell::options::Start;
use limber::store::routines::{Loaded, Origin, load_file};
use limber::tui::app::App;
use limber::tui::screen::Screen;

fn session(lang: Lang) -> App {
    let mut app = app(lang, true);
    let start = Start {
        routine: "piriformis-stretch".to_string(),
        side: Some(Side::Right),
        variant: None,
        pain: Some(3),
        pain_after: None,
        note: None,
    };
    app.start(&start, Mono::ZERO);
    app
}

fn kind(app: &App) -> Option<PhaseKind> {
    match app.screen() {
        Screen::Session(r) => r.session().current().map(|(_, p)| p.kind.clone()),
        _ => None,
    }
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// Columns and rows of the box around the big letters: everything drawn
/// between the phase name (row 1) and the phase gauge, the row above the
/// one that says the time left in total.
fn digits_box(buf: &Buffer, s: &Strings) -> (u16, u16) {
    let total = s.total_left.split('{').next().unwrap().trim().to_string();
    let total = if total.is_empty() {
        s.total_left.rsplit('}').next().unwrap().trim().to_string()
    } else {
        total
    };
    let gauge = (0..buf.area.height)
        .find(|&y| row(buf, y).contains(&total))
        .expect("the total gauge")
        - 1;
    let (mut x0, mut x1, mut y0, mut y1) = (u16::MAX, 0, u16::MAX, 0);
    for y in 2..gauge {
        for x in 0..buf.area.width {
            // The exercise picture is drawn in Braille; it is not digits.
            let braille = buf[(x, y)]
                .symbol()
                .chars()
                .all(|c| ('\u{2800}'..='\u{28ff}').contains(&c));
            if buf[(x, y)].symbol() != " " && !braille {
                (x0, x1, y0, y1) = (x0.min(x), x1.max(x + 1), y0.min(y), y1.max(y + 1));
            }
        }
    }
    assert!(x1 > x0, "no digits:\n{}", text(buf));
    (x1 - x0, y1 - y0)
}

fn text(buf: &Buffer) -> String {
    (0..buf.area.height).map(|y| row(buf, y) + "\n").collect()
}

#[test]
fn the_digits_take_half_the_width_or_height_from_120x40() {
    for lang in Lang::ALL {
        let s = Strings::load(lang);
        let mut app = session(lang);
        // The first exercise's work, with a cue and a side.
        let mut t = 0;
        while !matches!(kind(&app), Some(PhaseKind::Hold | PhaseKind::Beat { .. })) {
            t += 100;
            app.tick(Mono::from_millis(t));
        }
        app.tick(Mono::from_millis(t + 1500));
        for (w, h) in [(120, 40), (160, 48), (200, 60)] {
            let buf = draw(&app, (w, h));
            let (dw, dh) = digits_box(&buf, &s);
            let (fw, fh) = (f64::from(dw) / f64::from(w), f64::from(dh) / f64::from(h));
            assert!(
                fw >= 0.5 || fh >= 0.5,
                "{lang:?} {w}x{h}: {:.0} % wide, {:.0} % high\n{}",
                fw * 100.0,
                fh * 100.0,
                text(&buf)
            );
            let screen = text(&buf);
            assert!(screen.contains(&s.next_up), "next-up:\n{screen}");
            // A sided phase names its leg (the knee pushes alternate within
            // each rep, so they name none).
            let sided = match app.screen() {
                Screen::Session(r) => r.session().current().is_some_and(|(_, p)| p.side.is_some()),
                _ => false,
            };
            assert_eq!(
                screen.contains(&s.leg_left) || screen.contains(&s.leg_right),
                sided,
                "the side:\n{screen}"
            );
            assert!(screen.contains("» "), "the cue:\n{screen}");
        }
    }
}

#[test]
fn the_digits_grow_with_the_terminal() {
    let s = Strings::load(Lang::En);
    let mut app = session(Lang::En);
    app.tick(Mono::from_secs(2));
    let sizes = [(80, 24), (120, 40), (200, 60)];
    let boxes: Vec<_> = sizes
        .iter()
        .map(|&size| digits_box(&draw(&app, size), &s))
        .collect();
    assert!(
        boxes.windows(2).all(|b| b[1].0 > b[0].0 && b[1].1 > b[0].1),
        "{boxes:?}"
    );
    // 200x60, once, to look at.
    insta::assert_snapshot!("get_ready_200x60", text(&draw(&app, (200, 60))));
}

#[test]
fn a_manual_step_shows_ready_large_and_counts_the_wait_up() {
    let s = Strings::load(Lang::En);
    let mut app = session(Lang::En);
    let short =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/short.ron");
    let routine = load_file(&short, None).expect("short test routine loads");
    app.shared
        .library
        .routines
        .push(Loaded::new(routine, Origin::File(short)));
    let start = Start {
        routine: "short".to_string(),
        side: Some(Side::Right),
        variant: None,
        pain: Some(3),
        pain_after: None,
        note: None,
    };
    app.start(&start, Mono::ZERO);
    let mut t = 0;
    while kind(&app) != Some(PhaseKind::WaitForUser) {
        assert!(t < 3_600_000, "no manual step");
        t += 1000;
        app.tick(Mono::from_millis(t));
        if kind(&app).is_some_and(|k| k != PhaseKind::WaitForUser) {
            app.update(Action::Next, Mono::from_millis(t));
        }
    }
    let since = Mono::from_millis(t);
    // The screen changes once a second, and only then.
    assert_eq!(app.next_wake(), Some(since + Duration::from_secs(1)));
    app.tick(since + Duration::from_millis(65_400));
    assert_eq!(app.next_wake(), Some(since + Duration::from_secs(66)));
    let buf = draw(&app, (120, 40));
    let (dw, _) = digits_box(&buf, &s);
    assert!(f64::from(dw) / 120.0 >= 0.5, "{}", text(&buf));
    let screen = text(&buf);
    assert!(screen.contains(&s.press_enter_ready), "{screen}");
    // Too small for big letters, the wait is counted in words.
    let small = text(&draw(&app, (40, 12)));
    assert!(small.contains("1:05"), "{small}");
}
