//! Dialogs, footer and preview at every size from the minimum: each dialog
//! shows its title and every word of its text inside its border (none cut
//! at an edge), in both languages; the footer never loses help and quit;
//! a preview says PREVIEW and its speed, and never that it was saved.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::common::coach::{app, draw, serve};
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::routine::Side;
use limber::i18n::Strings;
use limber::shell::keymap::{Action, Ctx, hints};
use limber::shell::options::Start;
use limber::shell::prompt::Question;
use limber::tui::app::App;
use limber::tui::screen::Overlay;

const SIZES: [(u16, u16); 5] = [(40, 12), (41, 13), (57, 19), (80, 24), (120, 40)];

fn at(secs: u64) -> Mono {
    Mono::from_millis(secs * 1000)
}

/// The stretch routine, 12 s in.
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
    app.tick(at(12));
    app
}

/// Each screen a user can open help on, reached as a user would.
fn screens(lang: Lang) -> Vec<(&'static str, App)> {
    let mut out = vec![("safety", app(lang, false)), ("home", app(lang, true))];
    let mut history = app(lang, true);
    let outs = history.update(Action::History, Mono::ZERO);
    serve(&mut history, outs, &[]);
    out.push(("history", history));
    let mut setup = app(lang, true);
    setup.update(Action::Confirm, Mono::ZERO);
    out.push(("setup", setup));
    out.push(("session", session(lang)));
    let mut finish = session(lang);
    finish.update(Action::Stop, at(12));
    finish.update(Action::StopOther, at(12));
    assert_eq!(finish.ctx(), Ctx::Finish);
    out.push(("finish", finish));
    out
}

fn text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row(buf, y, 0, buf.area.width) + "\n")
        .collect()
}

fn row(buf: &Buffer, y: u16, from: u16, to: u16) -> String {
    (from..to).map(|x| buf[(x, y)].symbol()).collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text inside the bordered box titled `title`, rows joined by
/// spaces, or why there is none.
fn dialog(buf: &Buffer, title: &str) -> Result<String, String> {
    let head = format!("┌ {title} ");
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() != "┌" || !row(buf, y, x, buf.area.width).starts_with(&head) {
                continue;
            }
            let right = (x + 1..buf.area.width)
                .find(|&r| buf[(r, y)].symbol() == "┐")
                .ok_or("no top-right corner")?;
            let bottom = (y + 1..buf.area.height)
                .find(|&b| buf[(x, b)].symbol() == "└")
                .ok_or("no bottom border: the dialog is cut")?;
            if buf[(right, bottom)].symbol() != "┘" {
                return Err("the box is not closed".into());
            }
            let inner: Vec<String> = (y + 1..bottom).map(|r| row(buf, r, x + 1, right)).collect();
            return Ok(squeeze(&inner.join(" ")));
        }
    }
    Err(format!("no box titled {title:?}"))
}

/// What each dialog must show whole: its title and its lines.
fn expected(app: &App, s: &Strings) -> (String, Vec<String>) {
    match app.overlay().expect("a dialog is open") {
        Overlay::Help => {
            let ctx = app.screen().ctx();
            let lines = hints(ctx, s, app.shared.lang, false)
                .into_iter()
                .map(|(label, hint)| squeeze(&format!("{label} {hint}")))
                .collect();
            (s.help_title.clone(), lines)
        }
        Overlay::Ask(Question::Quit) => {
            let text = if app.shared.record {
                &s.quit_confirm
            } else {
                &s.quit_preview
            };
            (s.quit_title.clone(), vec![squeeze(text)])
        }
        Overlay::Ask(Question::StepPain { keep, .. }) => {
            let enter = match keep {
                Some(pain) => limber::i18n::fill(&s.step_pain_keep, &[("pain", &pain.to_string())]),
                None => s.step_pain_none.clone(),
            };
            (
                s.step_pain_title.clone(),
                vec![squeeze(&s.step_pain_question), squeeze(&enter)],
            )
        }
        Overlay::Ask(Question::Stop { .. }) => (
            s.stop_title.clone(),
            vec![squeeze(&s.stop_pain), squeeze(&s.stop_other)],
        ),
        Overlay::CoursePause(date) => {
            let text = limber::i18n::fill(
                &s.course_pause_confirm,
                &[("date", &app.shared.formats.date(date))],
            );
            (s.course_pause_title.clone(), vec![squeeze(&text)])
        }
    }
}

/// Every dialog over every screen it can open on.
fn dialogs(lang: Lang) -> Vec<(String, App)> {
    let mut out = Vec::new();
    for (name, mut app) in screens(lang) {
        app.update(Action::Help, at(12));
        out.push((format!("help on {name}"), app));
    }
    for record in [true, false] {
        let mut quit = session(lang);
        quit.shared.record = record;
        quit.shared.speed = if record { 1 } else { 10 };
        quit.update(Action::Quit, at(12));
        out.push((format!("quit (record: {record})"), quit));
    }
    let mut stop = session(lang);
    stop.update(Action::Stop, at(12));
    out.push(("stop reason".into(), stop));
    // The knee pushes ask for pain when they end, at 90 s.
    let mut pain = session(lang);
    pain.tick(at(90));
    assert_eq!(pain.ctx(), Ctx::StepPain);
    out.push(("pain during a step".into(), pain));
    out
}

#[test]
fn no_line_of_any_dialog_is_cut_at_any_size_in_either_language() {
    let mut failures = Vec::new();
    for lang in Lang::ALL {
        let s = Strings::load(lang);
        for (name, app) in dialogs(lang) {
            let (title, lines) = expected(&app, &s);
            assert!(!title.is_empty(), "{name}: a dialog without a title");
            for size in SIZES {
                let buf = draw(&app, size);
                let place = format!("{name}, {lang:?}, {}x{}", size.0, size.1);
                match dialog(&buf, &title) {
                    Err(e) => failures.push(format!("{place}: {e}\n{}", text(&buf))),
                    Ok(inside) => {
                        for line in &lines {
                            if !inside.contains(line.as_str()) {
                                failures.push(format!(
                                    "{place}: {line:?} not whole in {inside:?}\n{}",
                                    text(&buf)
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Stop (with its word) on a session and the quit key everywhere are in
/// the footer at every width; help goes before them (tests/it/tui/footer.rs
/// has the order).
#[test]
fn the_footer_keeps_stop_and_quit_at_every_width() {
    for lang in Lang::ALL {
        let s = Strings::load(lang);
        let quit = if lang == Lang::Ru { "q/й" } else { "q" };
        let stop = if lang == Lang::Ru { "s/ы" } else { "s" };
        let stop = format!("{stop} {}", s.key_stop);
        for (name, app) in screens(lang) {
            for width in 40..=130 {
                let buf = draw(&app, (width, 12));
                let footer = row(&buf, 11, 0, width);
                let keys: Vec<&str> = footer.split_whitespace().collect();
                assert!(
                    keys.contains(&quit),
                    "{name}, {lang:?}, {width} columns: {footer:?}"
                );
                if app.ctx() == Ctx::Session {
                    assert!(
                        footer.contains(&stop),
                        "{name}, {lang:?}, {width} columns: {footer:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_preview_says_so_with_its_speed_and_never_that_it_is_saved() {
    for lang in Lang::ALL {
        let s = Strings::load(lang);
        let mut app = session(lang);
        app.shared.record = false;
        app.shared.speed = 10;
        let badge = s.preview_badge.replace("{speed}", "10");
        for size in SIZES {
            let screen = text(&draw(&app, size));
            assert!(screen.contains(&badge), "{lang:?} {size:?}:\n{screen}");
        }
        app.update(Action::Quit, at(12));
        let screen = text(&draw(&app, (80, 24)));
        assert!(!screen.contains("saved"), "{screen}");
        assert!(!screen.contains("сохран"), "{screen}");
    }
}

#[test]
fn screens_taller_than_the_terminal_scroll_to_their_end() {
    for lang in Lang::ALL {
        let s = Strings::load(lang);
        let mut safety = app(lang, false);
        let first = text(&draw(&safety, (40, 12)));
        assert!(first.contains(s.scroll_more.as_str()), "{first}");
        // Far past the end: the view stops at the last line and the app
        // is told how far it can go, so PageUp answers at once.
        for _ in 0..40 {
            safety.update(Action::PageDown, Mono::ZERO);
        }
        let mut terminal = Terminal::new(TestBackend::new(40, 12)).unwrap();
        let mut max = 0;
        terminal
            .draw(|f| max = limber::tui::view::draw(&safety, f))
            .unwrap();
        safety.fit_scroll(max);
        assert_eq!(safety.scroll(), max);
        let end = text(&draw(&safety, (40, 12)));
        let last = s.safety_lines.last().unwrap();
        let tail: String = last.split_whitespace().last().unwrap().into();
        assert!(end.contains(&tail), "{end}");
        safety.update(Action::PageUp, Mono::ZERO);
        assert!(safety.scroll() < max);
        // The setup screen always shows what to press to start.
        let mut setup = app(lang, true);
        setup.update(Action::Down, Mono::ZERO);
        setup.update(Action::Confirm, Mono::ZERO);
        setup.update(Action::Variant, Mono::ZERO);
        for size in SIZES {
            let screen = text(&draw(&setup, size));
            assert!(screen.contains(&s.setup_start), "{size:?}\n{screen}");
        }
    }
}

#[test]
fn the_setup_screen_lists_the_steps_with_their_times() {
    let s = Strings::load(Lang::En);
    let mut setup = app(Lang::En, true);
    setup.update(Action::Confirm, Mono::ZERO);
    let screen = text(&draw(&setup, (120, 40)));
    assert!(screen.contains(&s.setup_steps), "{screen}");
    let routine = &setup.shared.library.routines[0].routine;
    for (i, step) in routine.steps.iter().enumerate() {
        let want = format!("{}. {}", i + 1, step.title);
        assert!(screen.contains(&want), "{want:?}\n{screen}");
    }
    assert!(screen.contains(" min"), "{screen}");
}
