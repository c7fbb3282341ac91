//! After a session: what was done and skipped, time, pain, a note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::core::record::Outcome;
use crate::core::results::EntryStatus;
use crate::i18n::durations::clock;
use crate::i18n::fill;
use crate::shell::speech::leg;
use crate::tui::app::App;
use crate::tui::format::one_line;
use crate::tui::screen::finish::Finish;

use super::wrap::scrolling;

/// Draws the finish screen; returns the most it can scroll.
pub fn render(app: &App, finish: &Finish, frame: &mut Frame, area: Rect) -> u16 {
    let s = &app.shared.strings;
    let results = &finish.results;
    let title = match results.outcome {
        Some(Outcome::Completed) => &s.finish_title,
        Some(Outcome::CompletedWithSkips) => &s.finish_with_skips,
        _ => &s.finish_stopped,
    };
    let block = Block::bordered().title(Span::styled(
        format!(" {title} · {} ", one_line(&finish.routine.title)),
        app.shared.theme.title(),
    ));
    let mut lines = Vec::new();
    for entry in &results.entries {
        let begun = matches!(entry.status, EntryStatus::Partial | EntryStatus::InProgress)
            && entry.reps_done == 0;
        let (mark, status) = match entry.status {
            EntryStatus::Done => ("✓", &s.finish_done),
            _ if begun => ("~", &s.finish_begun),
            EntryStatus::Partial | EntryStatus::InProgress => ("~", &s.finish_partial),
            EntryStatus::Skipped => ("–", &s.finish_skipped),
            EntryStatus::NotReached => (" ", &s.finish_not_reached),
        };
        let step = finish
            .plan()
            .steps()
            .get(entry.step)
            .map_or("".into(), |st| one_line(&st.title));
        let side = entry
            .side
            .map(|side| format!(" ({})", leg(s, side).to_lowercase()))
            .unwrap_or_default();
        // A hold "as long as possible": the time achieved.
        let held = entry
            .held
            .map(|h| format!(", {}", fill(&s.held_time, &[("time", &clock(h.as_secs()))])))
            .unwrap_or_default();
        // "begun, no whole rep" says the count already.
        let count = if begun {
            String::new()
        } else {
            format!(", {}/{}", entry.reps_done, entry.reps_planned)
        };
        lines.push(Line::raw(format!(
            "[{mark}] {step}{side}: {status}{count}{held}"
        )));
    }
    lines.push(Line::raw(""));
    if results.outcome == Some(Outcome::CompletedWithSkips) {
        lines.push(Line::styled(
            s.finish_skips_rule.as_str(),
            app.shared.theme.heading(),
        ));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", s.finish_active), app.shared.theme.heading()),
        Span::raw(clock(results.active.as_secs())),
    ]));
    let pain = finish
        .pain_after
        .map_or_else(|| s.setup_pain_skip.clone(), |p| p.to_string());
    // Worth telling the physiotherapist: in the screen's text, above what
    // it asks for.
    if let Some((before, after)) = finish.pain_rose() {
        lines.push(Line::styled(
            fill(
                &app.shared.clinic.finish_pain_rose,
                &[
                    ("before", &before.to_string()),
                    ("after", &after.to_string()),
                ],
            ),
            app.shared.theme.warning(),
        ));
    }
    // The field is reversed while typing; the cursor is the grapheme
    // under it (a bar at the end) not reversed and underlined, so it
    // shows on a monochrome terminal and moves no text.
    let note: Vec<Span> = if finish.editing_note {
        let style = app.shared.theme.selected();
        let (before, under, after) = finish.note.around_cursor();
        // At the end, a bar: a wrapped line drops a trailing space.
        let under = if under.is_empty() { "▏" } else { under };
        vec![
            Span::styled(before, style),
            Span::styled(
                under,
                style
                    .remove_modifier(Modifier::REVERSED)
                    .add_modifier(Modifier::UNDERLINED),
            ),
            Span::styled(after, style),
        ]
    } else if finish.note.is_empty() {
        vec![Span::styled(
            s.finish_note_hint.as_str(),
            app.shared.theme.dim(),
        )]
    } else {
        vec![Span::styled(finish.note.text(), app.shared.theme.dim())]
    };
    // Pain and note are what the screen asks for: always in view.
    let asked = [
        Line::from(vec![
            Span::styled(
                format!("{}: ", s.finish_pain_after),
                app.shared.theme.heading(),
            ),
            Span::raw(pain),
        ]),
        Line::from(
            std::iter::once(Span::styled(
                format!("{}: ", s.finish_note),
                app.shared.theme.heading(),
            ))
            .chain(note)
            .collect::<Vec<_>>(),
        ),
    ];
    scrolling(
        frame.buffer_mut(),
        area,
        block,
        &lines,
        &asked,
        app.scroll(),
        &s.scroll_more,
        app.shared.theme.dim(),
    )
}
