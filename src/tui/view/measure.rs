//! A measure's screen: PSFS's activities typed, then rated; minutes typed;
//! a score; or the red flags one by one, with the same-day advice shown at
//! once after a yes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::core::outcome::{MeasureKind, RedFlag};
use crate::i18n::fill;
use crate::i18n::outcome::outcome;
use crate::tui::app::App;
use crate::tui::screen::line_edit::LineEdit;
use crate::tui::screen::measure::{Asking, MeasureScreen};

use super::wrap::Wrapped;

fn typed(edit: &LineEdit) -> String {
    let (before, under, after) = edit.around_cursor();
    let under = if under.is_empty() { "▏" } else { under };
    format!("{before}{under}{after}")
}

pub fn render(app: &App, m: &MeasureScreen, frame: &mut Frame, area: Rect) {
    let o = outcome(app.shared.lang);
    let theme = &app.shared.theme;
    let block = Block::bordered().title(Span::styled(
        format!(" {} · {} ", app.shared.strings.app_title, o.name(m.kind)),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::raw("")];
    match &m.step {
        Asking::Activities { named, edit } => {
            lines.push(Line::raw(o.psfs_first.clone()));
            lines.push(Line::raw(""));
            for (i, a) in named.iter().enumerate() {
                let n = (i + 1).to_string();
                lines.push(Line::raw(format!(
                    "{}{a}",
                    fill(&o.psfs_activity, &[("n", &n)])
                )));
            }
            let n = (named.len() + 1).to_string();
            lines.push(Line::from(vec![
                Span::styled(fill(&o.psfs_activity, &[("n", &n)]), theme.selected()),
                Span::raw(typed(edit)),
            ]));
            lines.push(Line::raw(""));
            lines.push(Line::styled(o.screen_keys_text.clone(), theme.dim()));
        }
        Asking::Scores { items, scores, at } => {
            match m.kind {
                MeasureKind::UsualPain => {
                    lines.push(Line::styled(o.usual_pain_question.clone(), theme.heading()));
                }
                _ => lines.push(Line::raw(o.psfs_rate.clone())),
            }
            lines.push(Line::raw(""));
            for (i, (item, score)) in items.iter().zip(scores).enumerate() {
                let now = i == *at;
                let marker = if now { "▶ " } else { "  " };
                let style = if now {
                    theme.selected()
                } else {
                    theme.heading()
                };
                let answer = score.map_or_else(|| "–".to_string(), |s| format!("{s}/10"));
                let label = if item.is_empty() {
                    String::new()
                } else {
                    format!("{item}: ")
                };
                lines.push(Line::from(vec![
                    Span::raw(marker),
                    Span::styled(label, style),
                    Span::raw(answer),
                ]));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(o.screen_keys_score.clone(), theme.dim()));
        }
        Asking::Minutes { edit } => {
            lines.push(Line::styled(
                format!("{}?", o.sitting_question),
                theme.heading(),
            ));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("▶ ", theme.selected()),
                Span::raw(typed(edit)),
                Span::raw(format!(" {}", o.minutes_unit)),
            ]));
        }
        Asking::Flags { answers } => {
            for (i, flag) in RedFlag::ALL.into_iter().enumerate() {
                let answer = answers.get(i).map(|a| {
                    if a.yes {
                        app.shared.strings.key_yes.clone()
                    } else {
                        app.shared.strings.key_no.clone()
                    }
                });
                let now = i == answers.len();
                let marker = if now { "▶ " } else { "  " };
                let style = if now {
                    theme.selected()
                } else {
                    theme.heading()
                };
                lines.push(Line::from(vec![
                    Span::raw(marker),
                    Span::styled(format!("{}? ", o.red_flag_question(flag)), style),
                    Span::raw(answer.unwrap_or_default()),
                ]));
            }
            lines.push(Line::raw(""));
            let keys = if answers.len() == RedFlag::ALL.len() {
                &o.red_flag_close
            } else {
                &o.screen_keys_yes_no
            };
            lines.push(Line::styled(keys.clone(), theme.dim()));
        }
    }
    if m.urgent {
        lines.push(Line::raw(""));
        lines.push(Line::styled(o.red_flag_urgent.clone(), theme.warning()));
    }
    frame.render_widget(Wrapped::new(lines, false), inner);
}
