//! The self-care notes from both source articles: prevention, cold first
//! and warmth later, when to see a doctor. Opened from home.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::app::App;

use super::wrap::wrap;

pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let c = &app.shared.clinic;
    let block = Block::bordered().title(Span::styled(
        format!(" {} · {} ", app.shared.strings.app_title, c.care_title),
        app.shared.theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    for (heading, notes) in c.care_sections() {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(heading, app.shared.theme.heading()));
        for note in notes {
            lines.push(Line::raw(format!("• {note}")));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        c.care_sources.as_str(),
        app.shared.theme.dim(),
    ));
    let rows: Vec<Line> = lines
        .iter()
        .flat_map(|l| wrap(l, inner.width, false))
        .collect();
    // Never scrolled past the last screenful.
    let most = rows.len().saturating_sub(usize::from(inner.height));
    let skip = usize::from(scroll).min(most);
    let shown: Vec<Line> = rows.into_iter().skip(skip).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
