//! How much of the screen the picture gets: at least a third of the width
//! or the height from 120x40 up, at every phase; at 80x24 while getting
//! ready and on `i` ("show me"), and not while the digits matter most.

use ratatui::buffer::Buffer;

use crate::common::coach::{app, draw};
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::plan::{Phase, PhaseKind};
use limber::core::routine::Side;
use limber::shell::keymap::Action;
use limber::shell::options::Start;
use limber::tui::app::App;
use limber::tui::screen::Screen;

fn at(tenths: u64) -> Mono {
    Mono::from_millis(tenths * 100)
}

/// `routine` for a left-affected patient, run until `want` holds for the
/// current phase (checked every 0.1 s), then a second into it.
fn until(routine: &str, variant: Option<&str>, want: impl Fn(&Phase, &str) -> bool) -> (App, u64) {
    let mut app = app(Lang::En, true);
    let start = Start {
        routine: routine.to_string(),
        side: Some(Side::Left),
        variant: variant.map(str::to_string),
        pain: Some(3),
        pain_after: None,
        note: None,
    };
    app.start(&start, Mono::ZERO);
    for t in 0..100_000 {
        if let Screen::Session(r) = app.screen()
            && let Some((_, p)) = r.session().current()
            && want(p, &r.plan().steps()[p.step].id)
        {
            app.tick(at(t + 10));
            return (app, t + 10);
        }
        app.tick(at(t + 1));
        crate::common::coach::answer_pain(&mut app, at(t + 1));
    }
    panic!("the phase never came");
}

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// The columns and rows the picture's Braille dots span.
fn picture(buf: &Buffer) -> Option<(u16, u16)> {
    let mut span: Option<(u16, u16, u16, u16)> = None;
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = buf[(x, y)].symbol().chars().next().unwrap_or(' ');
            if ('\u{2801}'..='\u{28ff}').contains(&c) {
                let s = span.get_or_insert((x, y, x, y));
                *s = (s.0.min(x), s.1.min(y), s.2.max(x), s.3.max(y));
            }
        }
    }
    span.map(|(x0, y0, x1, y1)| (x1 - x0 + 1, y1 - y0 + 1))
}

/// One phase of each kind of picture: a view from the feet, lying along
/// the mat, a side view, standing, and the massage from above.
fn phases() -> Vec<(&'static str, App)> {
    let beat = |n: u32| {
        move |p: &Phase, step: &str| {
            step == "knee-pushes"
                && matches!(p.kind, PhaseKind::Beat { .. })
                && p.beat.is_some_and(|b| b.n == n)
        }
    };
    let work = |want: &'static str, kind: PhaseKind| {
        move |p: &Phase, step: &str| step == want && p.kind == kind
    };
    vec![
        (
            "knee pushes, right knee",
            until("piriformis-stretch", None, beat(3)).0,
        ),
        (
            "knee-across",
            until(
                "piriformis-stretch",
                None,
                work("knee-across", PhaseKind::Hold),
            )
            .0,
        ),
        (
            "figure-four",
            until(
                "piriformis-stretch",
                None,
                work("figure-four", PhaseKind::Hold),
            )
            .0,
        ),
        (
            "band abduction",
            until("piriformis-stretch", None, |p, s| {
                s == "band-abduction" && matches!(p.kind, PhaseKind::Beat { .. })
            })
            .0,
        ),
        (
            "massage, knots",
            until("piriformis-massage", None, work("knots", PhaseKind::Work)).0,
        ),
        (
            "tennis ball",
            until(
                "piriformis-massage",
                Some("tennis-ball"),
                work("rolling", PhaseKind::Work),
            )
            .0,
        ),
    ]
}

#[test]
fn the_picture_takes_a_third_of_a_large_screen() {
    for (what, app) in phases() {
        for (w, h) in [(120, 40), (200, 60)] {
            let buf = draw(&app, (w, h));
            let (cols, rows) =
                picture(&buf).unwrap_or_else(|| panic!("{what} {w}x{h}: no picture"));
            assert!(
                cols * 3 >= w || rows * 3 >= h,
                "{what} {w}x{h}: the picture is {cols}x{rows}, under a third"
            );
        }
    }
}

#[test]
fn at_80x24_the_picture_shows_while_getting_ready_and_on_show_me() {
    let (ready, _) = until("piriformis-stretch", None, |p, _| {
        p.kind == PhaseKind::GetReady
    });
    let (cols, rows) = picture(&draw(&ready, (80, 24))).expect("no picture while getting ready");
    assert!(cols >= 20 && rows >= 6, "a thumbnail of {cols}x{rows}");

    let (mut hold, t) = until("piriformis-stretch", None, |p, step| {
        step == "knee-across" && p.kind == PhaseKind::Hold
    });
    assert_eq!(
        picture(&draw(&hold, (80, 24))),
        None,
        "the digits keep the hold"
    );
    hold.update(Action::ShowMe, at(t));
    let (cols, rows) = picture(&draw(&hold, (80, 24))).expect("no picture on `i`");
    assert!(cols >= 20 && rows >= 6, "a thumbnail of {cols}x{rows}");
    insta::assert_snapshot!("show_me_knee_across_80x24", text(&draw(&hold, (80, 24))));
    hold.update(Action::ShowMe, at(t));
    assert_eq!(picture(&draw(&hold, (80, 24))), None, "`i` again hides it");
}

/// `i` is bound on the session screen, with `ш`, its key on a Russian
/// keyboard.
#[test]
fn show_me_is_i_and_its_russian_twin() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use limber::shell::keymap::{Ctx, action_for};
    for c in ['i', 'ш', 'I'] {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(action_for(Ctx::Session, key), Some(Action::ShowMe), "{c}");
    }
}
