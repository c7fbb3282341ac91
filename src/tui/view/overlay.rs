//! Help, "really quit?", "why are you stopping?" and pain during a step.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::wrap::{Wrapped, wrap};
use super::{centered, clear};
use crate::shell::keymap::{Ctx, offered_hints};
use crate::shell::prompt::Question;
use crate::tui::app::App;
use crate::tui::screen::Overlay;

/// Draws `overlay` centred in `body`, or in the whole `screen` (over the
/// footer) when its text would not fit in `body`: no line is ever cut.
pub fn render(app: &App, overlay: Overlay, frame: &mut Frame, body: Rect, screen: Rect) {
    let s = &app.shared.strings;
    // Help also comes as running text, for a screen too small for a table.
    let mut compact: Vec<Line> = Vec::new();
    let (title, lines, width): (&str, Vec<Line>, usize) = match overlay {
        Overlay::Help => {
            // Help for the screen underneath, not for the overlay itself.
            let mut under = app.screen.ctx();
            if under == Ctx::FinishNote {
                under = Ctx::Finish;
            }
            // What the screen has now: no "variant" without variants.
            let hints: Vec<(String, &str)> =
                offered_hints(under, s, app.shared.lang, false, |a| super::offered(app, a))
                    .into_iter()
                    .map(|h| (h.keys, h.meaning))
                    .collect();
            let mut spans = Vec::new();
            for (label, hint) in &hints {
                // A no-break space keeps each key with its meaning.
                spans.push(Span::styled(
                    format!("{label}\u{a0}"),
                    app.shared.theme.heading(),
                ));
                spans.push(Span::raw(format!("{hint}   ")));
            }
            compact.push(Line::from(spans));
            let column = hints
                .iter()
                .map(|(l, _)| Line::raw(l.as_str()).width())
                .max();
            let column = column.unwrap_or(0);
            let lines: Vec<Line> = hints
                .into_iter()
                .map(|(label, hint)| {
                    let pad = " ".repeat(column - Line::raw(label.as_str()).width());
                    Line::from(vec![
                        Span::styled(format!("{label}{pad}  "), app.shared.theme.heading()),
                        Span::raw(hint),
                    ])
                })
                .collect();
            (s.help_title.as_str(), lines, 44)
        }
        Overlay::Ask(Question::Quit) => {
            // A preview is never logged: it must not say it was saved.
            let text = if app.shared.record {
                &s.quit_confirm
            } else {
                &s.quit_preview
            };
            (
                s.quit_title.as_str(),
                vec![Line::styled(text.as_str(), app.shared.theme.heading())],
                48,
            )
        }
        Overlay::CoursePause(date) => (
            s.course_pause_title.as_str(),
            vec![Line::styled(
                crate::i18n::fill(
                    &s.course_pause_confirm,
                    &[("date", &app.shared.formats.date(date))],
                ),
                app.shared.theme.heading(),
            )],
            48,
        ),
        Overlay::Ask(Question::StepPain { entry, keep }) => {
            super::session::pain_question(app, entry, keep)
        }
        Overlay::Ask(Question::Stop { selected }) => {
            let item = |i: usize, text: &str| {
                let style = if i == selected {
                    app.shared.theme.selected()
                } else {
                    app.shared.theme.heading()
                };
                Line::styled(text.to_string(), style)
            };
            (
                s.stop_title.as_str(),
                vec![item(0, &s.stop_pain), item(1, &s.stop_other)],
                36,
            )
        }
    };
    let title = format!(" {title} ");
    // Wide enough for the title and the longest line, as the screen allows.
    let longest = lines.iter().map(Line::width).max().unwrap_or(0);
    let want = longest
        .min(width)
        .max(Line::raw(title.as_str()).width() + 2)
        + 2;
    let fit = |lines: &[Line], area: Rect| {
        let w = (want as u16).min(area.width);
        let rows: usize = lines
            .iter()
            .map(|l| wrap(l, w.saturating_sub(2), true).len())
            .sum();
        (w, rows as u16 + 2)
    };
    let (mut area, (mut w, mut h)) = (body, fit(&lines, body));
    if h > body.height {
        area = screen;
        (w, h) = fit(&lines, screen);
    }
    let lines = if h > screen.height && !compact.is_empty() {
        (w, h) = fit(&compact, screen);
        compact
    } else {
        lines
    };
    let rect = centered(area, w, h);
    clear(frame, rect);
    frame.render_widget(
        Wrapped::new(lines, true)
            .block(Block::bordered().title(Span::styled(title, app.shared.theme.title()))),
        rect,
    );
}
