//! Help, "really quit?", and "why are you stopping?".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::wrap::Wrapped;
use super::{centered, clear};
use crate::shell::keymap::{Ctx, hints};
use crate::shell::prompt::Question;
use crate::tui::app::{App, Overlay};

pub fn render(app: &App, overlay: Overlay, frame: &mut Frame, area: Rect) {
    let s = &app.strings;
    let (title, lines, width) = match overlay {
        Overlay::Help => {
            // Help for the screen underneath, not for the overlay itself.
            let mut under = App::ctx_of_screen(&app.screen);
            if under == Ctx::FinishNote {
                under = Ctx::Finish;
            }
            let lines: Vec<Line> = hints(under, s, app.lang, false)
                .into_iter()
                .map(|(label, hint)| {
                    Line::from(vec![
                        Span::styled(format!("{label:>9}  "), app.theme.heading()),
                        Span::raw(hint),
                    ])
                })
                .collect();
            (s.help_title.as_str(), lines, 44)
        }
        Overlay::Ask(Question::Quit) => (
            "",
            vec![Line::styled(s.quit_confirm.as_str(), app.theme.heading())],
            44,
        ),
        Overlay::CoursePause(date) => (
            "",
            vec![Line::styled(
                crate::i18n::fill(
                    &s.course_pause_confirm,
                    &[("date", &app.formats.date(date))],
                ),
                app.theme.heading(),
            )],
            48,
        ),
        Overlay::Ask(Question::Stop { selected }) => {
            let item = |i: usize, text: &str| {
                let style = if i == selected {
                    app.theme.selected()
                } else {
                    app.theme.heading()
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
    let height = lines.len() as u16 + 2;
    let rect = centered(area, width, height);
    clear(frame, rect);
    frame.render_widget(
        Wrapped::new(lines, true)
            .block(Block::bordered().title(Span::styled(format!(" {title} "), app.theme.title()))),
        rect,
    );
}
