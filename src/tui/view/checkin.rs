//! The morning check's screen, and what home shows of the patient's
//! answers: today's morning flag and the measures due.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::i18n::outcome::outcome;
use crate::tui::app::App;
use crate::tui::screen::checkin::Checkin;

use super::wrap::Wrapped;

pub fn render(app: &App, c: &Checkin, frame: &mut Frame, area: Rect) {
    let o = outcome(app.shared.lang);
    let theme = &app.shared.theme;
    let block = Block::bordered().title(Span::styled(
        format!(" {} · {} ", app.shared.strings.app_title, o.morning_title),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let score = |s: Option<u8>| s.map_or_else(|| "–".to_string(), |s| format!("{s}/10"));
    let rows = [
        (
            o.morning_pain.as_str(),
            score(c.pain),
            o.screen_keys_score.as_str(),
        ),
        (
            o.morning_stiffness.as_str(),
            score(c.stiffness),
            o.screen_keys_score.as_str(),
        ),
        (
            o.morning_compared.as_str(),
            c.compared
                .map_or_else(|| "–".to_string(), |x| o.compared(x).to_string()),
            o.screen_keys_compared.as_str(),
        ),
    ];
    let mut lines = vec![Line::raw("")];
    for (i, (question, answer, keys)) in rows.into_iter().enumerate() {
        let now = i == c.at;
        let marker = if now { "▶ " } else { "  " };
        let style = if now {
            theme.selected()
        } else {
            theme.heading()
        };
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(format!("{question}: "), style),
            Span::raw(answer),
        ]));
        if now {
            lines.push(Line::styled(format!("    {keys}"), theme.dim()));
        }
        lines.push(Line::raw(""));
    }
    frame.render_widget(Wrapped::new(lines, false), inner);
}

/// Home's lines about the answers: today's morning flag with its advice,
/// and the measures due with the key that asks them. None when nothing
/// is flagged or due.
pub fn home_lines(app: &App) -> Vec<Line<'static>> {
    let o = outcome(app.shared.lang);
    let asked = &app.shared.asked;
    let mut lines = Vec::new();
    if let Some(flag) = &asked.flag {
        lines.push(Line::styled(o.flag_line(flag), app.shared.theme.warning()));
        lines.push(Line::styled(
            o.morning_flag_advice.clone(),
            app.shared.theme.dim(),
        ));
    }
    if !asked.due.is_empty() {
        lines.push(Line::styled(
            format!("{} — {}", o.due_line(&asked.due), o.due_hint),
            app.shared.theme.heading(),
        ));
    }
    if !lines.is_empty() {
        lines.push(Line::raw(""));
    }
    lines
}
