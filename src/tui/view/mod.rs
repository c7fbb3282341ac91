//! Drawing: `draw(&App)` reads the state and never changes it.

mod care;
mod checkin;
mod digits;
mod finish;
mod history;
mod home;
mod measure;
mod overlay;
pub mod pose;
mod session;
mod setup;
mod wrap;

use ratatui::Frame;
use ratatui::buffer::CellWidth;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use wrap::Wrapped;

use super::app::App;
use super::screen::Screen;
use crate::i18n::fill;
use crate::shell::keymap::{Action, Hint, KEPT, offered_hints, rank};

/// Below this the screen says "enlarge the terminal" instead of drawing.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Draws the coach as `app` is; returns the most the screen can scroll
/// at this size, for [`App::fit_scroll`].
pub fn draw(app: &App, frame: &mut Frame) -> u16 {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = fill(
            &app.shared.strings.enlarge,
            &[
                ("w", &MIN_WIDTH.to_string()),
                ("h", &MIN_HEIGHT.to_string()),
            ],
        );
        frame.render_widget(Wrapped::new(vec![Line::raw(text)], true), area);
        return 0;
    }
    let notice_height = u16::from(app.shared.notice.is_some());
    let [body, notice, footer] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(notice_height),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut scroll_max = 0;
    match &app.screen {
        Screen::Safety(_) => scroll_max = home::safety(app, frame, body),
        Screen::Home(h) => home::home(app, h.selected, frame, body),
        Screen::History(h) => {
            // The widget moves its scroll offset while drawing; drawing must
            // not change the app, so it gets a copy.
            let mut state = h.state;
            frame.render_stateful_widget(&h.view, body, &mut state);
        }
        Screen::Setup(setup) => scroll_max = setup::render(app, setup, frame, body),
        Screen::Session(running) => session::render(app, running, frame, body),
        Screen::Finish(finish) => scroll_max = finish::render(app, finish, frame, body),
        Screen::Care(c) => care::render(app, c.scroll, frame, body),
        Screen::Checkin(c) => checkin::render(app, c, frame, body),
        Screen::Measure(m) => measure::render(app, m, frame, body),
    }
    if let Some(text) = &app.shared.notice {
        frame.render_widget(
            Paragraph::new(text.as_str()).style(app.shared.theme.warning()),
            notice,
        );
    }
    render_footer(app, frame, footer);
    if let Some(o) = app.overlay() {
        overlay::render(app, o, frame, body, area);
    }
    scroll_max
}

fn render_footer(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.shared.strings;
    let waiting = app.waits_for_user();
    // "Show me" only where the picture is not always on screen.
    let large = pose::always_shown(frame.area());
    let mut items = offered_hints(app.ctx(), s, app.shared.lang, true, |a| {
        offered(app, a) && !(large && a == Action::ShowMe)
    });
    // On a step that waits for Enter, Enter comes first.
    if waiting && let Some(i) = items.iter().position(|h| h.meaning == s.key_ready) {
        let ready = items.remove(i);
        items.insert(0, ready);
    }
    let line = footer_line(&items, waiting, area.width, app);
    frame.render_widget(Paragraph::new(line), area);
}

/// Whether the screen has what `action` acts on now: a routine without
/// variants offers no "variant", one without sides no "side", a single
/// routine no "next routine". The footer and help leave the rest out.
pub(crate) fn offered(app: &App, action: Action) -> bool {
    match (&app.screen, action) {
        (Screen::Setup(setup), Action::Variant) => app
            .shared
            .loaded(&setup.routine)
            .is_some_and(|l| !l.routine.variants.is_empty()),
        (Screen::Setup(setup), Action::Left | Action::Right) => app
            .shared
            .loaded(&setup.routine)
            .is_some_and(|l| l.routine.sided),
        (Screen::History(_), Action::NextRoutine) => app.shared.library.routines.len() > 1,
        (Screen::Home(_), Action::Measure) => !app.shared.asked.due.is_empty(),
        _ => true,
    }
}

/// The footer for `width` columns, in the table's order. As it narrows,
/// the hint of the highest [`rank`] goes first (the rightmost of a rank
/// first); those ranked below [`KEPT`] (stop, pause, quit, the Enter a
/// manual step waits for) never go, but at worst lose their words, stop's
/// last. Help lists everything.
fn footer_line<'a>(items: &'a [Hint<'a>], waiting: bool, width: u16, app: &App) -> Line<'a> {
    let width = usize::from(width);
    let rank_of = |h: &Hint| rank(h.action, waiting);
    let cost = |h: &Hint, bare: bool| {
        let keys = Line::raw(h.keys.as_str()).width();
        if bare {
            keys
        } else {
            keys + 1 + Line::raw(h.meaning).width()
        }
    };
    // Each shown hint, and whether it is down to its keys.
    let mut shown: Vec<(&Hint, bool)> = items.iter().map(|h| (h, false)).collect();
    let total = |shown: &[(&Hint, bool)]| {
        shown.iter().map(|(h, bare)| cost(h, *bare)).sum::<usize>()
            + 2 * shown.len().saturating_sub(1)
    };
    while total(&shown) > width {
        let worst = |candidates: &mut dyn Iterator<Item = (usize, u8)>| {
            candidates.max_by_key(|&(i, r)| (r, i)).map(|(i, _)| i)
        };
        let droppable = worst(
            &mut shown
                .iter()
                .enumerate()
                .map(|(i, (h, _))| (i, rank_of(h)))
                .filter(|&(_, r)| r >= KEPT),
        );
        if let Some(i) = droppable {
            shown.remove(i);
            continue;
        }
        let wordy = worst(
            &mut shown
                .iter()
                .enumerate()
                .filter(|(_, (_, bare))| !bare)
                .map(|(i, (h, _))| (i, rank_of(h))),
        );
        match wordy {
            Some(i) => shown[i].1 = true,
            None => break,
        }
    }
    let mut spans = Vec::new();
    for (h, bare) in shown {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(h.keys.as_str(), app.shared.theme.heading()));
        if !bare {
            spans.push(Span::raw(format!(" {}", h.meaning)));
        }
    }
    Line::from(spans)
}

/// A rectangle of at most `width` x `height`, centred in `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Empties `rect` for an overlay. A wide glyph just left of it keeps its
/// right half inside: a terminal would draw that half over the overlay's
/// left border and hide it, so the glyph goes too.
pub(crate) fn clear(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    let buf = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        for back in 1..=rect.x.saturating_sub(buf.area.x).min(3) {
            let cell = &mut buf[(rect.x - back, y)];
            if cell.symbol().cell_width() > back {
                cell.set_symbol(" ");
            }
        }
    }
}
