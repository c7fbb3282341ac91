//! Before a session: side, variant, what you need, pain now.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::core::pain::proposed_variant;
use crate::core::plan::{self, step_size};
use crate::core::progression::{apply, logged};
use crate::core::routine::{Kind, Side};
use crate::i18n::clinic::time_of_day;
use crate::i18n::durations::{length, words};
use crate::i18n::{DoseStrings, fill};
use crate::shell::dose;
use crate::tui::app::App;
use crate::tui::format::{one_line, paragraphs};
use crate::tui::screen::setup::Setup;

use super::wrap::scrolling;

/// Draws the setup screen; returns the most it can scroll.
pub fn render(app: &App, setup: &Setup, frame: &mut Frame, area: Rect) -> u16 {
    let s = &app.shared.strings;
    let Some(loaded) = app.shared.loaded(&setup.routine) else {
        return 0;
    };
    let r = &loaded.routine;
    let variant = setup.variant.checked_sub(1).and_then(|i| r.variants.get(i));
    let variant_id = variant.map(|v| v.id.as_str());
    // The main steps as the progression rule doses them today.
    let doses = app.shared.doses.get(&r.id).map_or(&[][..], Vec::as_slice);
    let dosed = match (variant, doses.is_empty()) {
        (None, false) => Cow::Owned(apply(r, &logged(doses))),
        _ => Cow::Borrowed(r),
    };
    let total = length(plan::length(&dosed, variant_id), s);
    let block = Block::bordered().title(Span::styled(
        format!(" {} · {total} ", one_line(&r.title)),
        app.shared.theme.title(),
    ));
    let mut lines = Vec::new();
    if r.sided {
        let style = |side| {
            if setup.side == side {
                app.shared.theme.selected()
            } else {
                app.shared.theme.dim()
            }
        };
        let mark = |side| if setup.side == side { "●" } else { "○" };
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", s.setup_side), app.shared.theme.heading()),
            Span::styled(
                format!("{} {}", mark(Side::Left), s.side_left),
                style(Side::Left),
            ),
            Span::raw("  "),
            Span::styled(
                format!("{} {}", mark(Side::Right), s.side_right),
                style(Side::Right),
            ),
            Span::raw("  "),
            Span::styled(
                format!("{} {}", mark(Side::Both), s.side_both),
                style(Side::Both),
            ),
        ]));
    }
    if !r.variants.is_empty() {
        let names = std::iter::once(s.setup_variant_main.as_str())
            .map(Into::into)
            .chain(r.variants.iter().map(|v| one_line(&v.title)));
        let mut spans = vec![Span::styled(
            format!("{}: ", s.setup_variant),
            app.shared.theme.heading(),
        )];
        for (i, name) in names.enumerate() {
            let (mark, style) = if i == setup.variant {
                ("●", app.shared.theme.selected())
            } else {
                ("○", app.shared.theme.dim())
            };
            spans.push(Span::styled(format!("{mark} {name}"), style));
            spans.push(Span::raw("  "));
        }
        lines.push(Line::from(spans));
        if let Some(v) = variant.filter(|v| !v.description.is_empty()) {
            for row in paragraphs(&v.description) {
                lines.push(Line::styled(format!("  {row}"), app.shared.theme.dim()));
            }
        }
    }
    let pain = setup
        .pain
        .map_or_else(|| s.setup_pain_skip.clone(), |p| p.to_string());
    lines.push(Line::from(vec![
        Span::styled(
            format!("{}: ", s.setup_pain_before),
            app.shared.theme.heading(),
        ),
        Span::raw(pain),
    ]));
    // High pain proposes the routine's gentle variant; the user chooses.
    if let (Some(proposed), Some(at)) = (
        proposed_variant(r, setup.pain),
        r.pain.as_ref().and_then(|p| p.propose_at),
    ) && variant.map(|v| &v.id) != Some(&proposed.id)
    {
        lines.push(Line::styled(
            fill(
                &app.shared.clinic.setup_propose,
                &[
                    ("pain", &at.to_string()),
                    ("variant", &one_line(&proposed.title)),
                ],
            ),
            app.shared.theme.warning(),
        ));
    }
    // Sooner than the interval after the last session: said, not blocked.
    let stats = app.shared.stats.get(&r.id);
    if let (Some(until), Some(interval)) = (stats.and_then(|st| st.too_soon), r.schedule.interval) {
        lines.push(Line::styled(
            fill(
                &app.shared.clinic.setup_too_soon,
                &[
                    ("interval", &words(interval.0, s, &app.shared.formats)),
                    ("time", &time_of_day(&until)),
                ],
            ),
            app.shared.theme.warning(),
        ));
    }
    // What the rule changed and why, step by step.
    let changes = dose::lines(r, doses, variant_id, app.shared.lang);
    if !changes.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            DoseStrings::get(app.shared.lang).setup_heading.as_str(),
            app.shared.theme.heading(),
        ));
        for change in changes {
            lines.push(Line::raw(format!("  • {}", one_line(&change))));
        }
    }
    let needs = r.equipment_for(variant.map(|v| v.id.as_str()));
    if !needs.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            s.setup_equipment.as_str(),
            app.shared.theme.heading(),
        ));
        for (e, step) in needs {
            let item = one_line(s.equipment(e));
            let item = match step {
                Some(step) => fill(
                    &app.shared.clinic.setup_equipment_for,
                    &[("item", &item), ("step", &one_line(&step.title))],
                ),
                None => item.into_owned(),
            };
            // A bullet, not a box: nothing here can be ticked.
            lines.push(Line::raw(format!("  • {item}")));
        }
    }
    if !r.safety.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            s.setup_safety.as_str(),
            app.shared.theme.heading(),
        ));
        for note in &r.safety {
            for (i, row) in paragraphs(note).enumerate() {
                let mark = if i == 0 { "!" } else { " " };
                lines.push(Line::raw(format!("  {mark} {row}")));
            }
        }
    }
    // What the session holds: each step and how long it takes.
    let steps = dosed.steps_for(variant_id).unwrap_or(&[]);
    if !steps.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            s.setup_steps.as_str(),
            app.shared.theme.heading(),
        ));
        for (i, step) in steps.iter().enumerate() {
            let time = match step.kind {
                Kind::Manual => s.setup_step_manual.clone(),
                _ => words(
                    step_size(&dosed, step, i + 1 == steps.len(), Side::Left).total,
                    s,
                    &app.shared.formats,
                ),
            };
            lines.push(Line::from(vec![
                Span::raw(format!("  {}. {}", i + 1, one_line(&step.title))),
                Span::styled(format!("  {time}"), app.shared.theme.dim()),
            ]));
        }
    }
    lines.push(Line::raw(""));
    let start = [Line::styled(
        s.setup_start.as_str(),
        app.shared.theme.title(),
    )];
    scrolling(
        frame.buffer_mut(),
        area,
        block,
        &lines,
        &start,
        app.scroll(),
        &s.scroll_more,
        app.shared.theme.dim(),
    )
}
