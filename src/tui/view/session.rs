//! The guided session, readable from a mat: huge digits for the time left,
//! the phase in words, the side in capitals, what comes next.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};
use tui_big_text::{BigText, PixelSize};

use std::time::Duration;

use crate::core::plan::PhaseKind;
use crate::core::session::State;
use crate::i18n::durations::{clock, countdown};
use crate::i18n::fill;
use crate::shell::speech::{counts, leg, phase_name};
use crate::tui::app::{App, Running};
use crate::tui::format::{one_line, paragraphs};

use super::wrap::Wrapped;

pub fn render(app: &App, running: &Running, frame: &mut Frame, area: Rect) {
    let s = &app.strings;
    let now = app.now;
    let session = &running.session;
    let plan = &running.plan;
    let Some((index, phase)) = session.current() else {
        return;
    };
    let step = &plan.steps()[phase.step];
    let paused = matches!(session.state(), State::Paused { .. });

    // Header: step, side, rep and set.
    let mut header = vec![Span::styled(
        format!(
            "{} {}/{} ",
            one_line(&step.title),
            phase.step + 1,
            plan.steps().len()
        ),
        app.theme.title(),
    )];
    if let Some(side) = phase.side {
        header.push(Span::styled(
            format!(" {} ", leg(s, side)),
            app.theme.selected(),
        ));
    }
    let counts = counts(s, phase);
    if !counts.is_empty() {
        header.push(Span::raw(format!("  {}", counts.join(" · "))));
    }

    // The digits take what the height allows: the rest needs 8 rows.
    let big_rows = match area.height {
        h if h >= 20 => 8,
        h if h >= 14 => 4,
        _ => 2,
    };
    let [head, name, digits, gauges, text, next] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(big_rows),
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(Line::from(header)), head);

    // Phase name, and PAUSED in words, not only by colour.
    let name_line = if paused {
        Line::from(vec![
            Span::styled(format!(" ‖ {} ", s.paused), app.theme.paused()),
            Span::raw(format!("  {}", s.paused_hint)),
        ])
    } else {
        Line::styled(
            one_line(phase_name(s, phase)).to_uppercase(),
            app.theme.heading(),
        )
    };
    frame.render_widget(Paragraph::new(name_line).centered(), name);

    let remaining = session.remaining(now);
    let shown = match (&phase.kind, remaining) {
        (PhaseKind::WaitForUser, _) | (_, None) => s.press_enter_ready.clone(),
        (_, Some(left)) => countdown(left),
    };
    let clock_style = if paused {
        app.theme.dim()
    } else {
        app.theme.clock()
    };
    if remaining.is_some() {
        let size = match big_rows {
            8 => PixelSize::Full,
            4 => PixelSize::HalfHeight,
            _ => PixelSize::Quadrant,
        };
        let big = BigText::builder()
            .pixel_size(size)
            .style(clock_style)
            .centered()
            .lines(vec![shown.into()])
            .build();
        frame.render_widget(big, digits);
    } else {
        frame.render_widget(
            Paragraph::new(shown).style(app.theme.heading()).centered(),
            digits,
        );
    }

    let [phase_gauge, total_gauge] = Layout::vertical([Constraint::Length(1); 2]).areas(gauges);
    frame.render_widget(
        Gauge::default()
            .gauge_style(app.theme.gauge())
            .ratio(session.progress(now).unwrap_or(0.0).clamp(0.0, 1.0))
            .label(one_line(phase_name(s, phase)).into_owned()),
        phase_gauge,
    );
    let left_total = session.time_left(now);
    frame.render_widget(
        Gauge::default()
            .gauge_style(app.theme.gauge())
            .ratio(done_ratio(plan.total(), left_total))
            .label(fill(
                &s.total_left,
                &[("time", &clock(left_total.as_secs()))],
            )),
        total_gauge,
    );

    let mut lines = Vec::new();
    if let Some(gap) = running.away {
        lines.push(Line::styled(
            fill(&s.time_away, &[("time", &clock(gap.as_secs()))]),
            app.theme.warning(),
        ));
    }
    if let Some(cue) = cue(&step.cues, phase.duration, remaining).filter(|_| phase.kind.is_work()) {
        lines.push(Line::styled(
            format!("» {}", one_line(cue)),
            app.theme.heading(),
        ));
    }
    // What this step alone needs (a helper, a couch), before it starts.
    if phase.kind == PhaseKind::GetReady && !step.equipment.is_empty() {
        let items: Vec<_> = step
            .equipment
            .iter()
            .map(|e| one_line(s.equipment(e)))
            .collect();
        lines.push(Line::styled(
            fill(&app.clinic.get_ready_needs, &[("items", &items.join(", "))]),
            app.theme.warning(),
        ));
    }
    lines.extend(paragraphs(&step.instructions).map(Line::raw));
    frame.render_widget(Wrapped::new(lines, true), text);

    let next_text = match plan.phase(index + 1) {
        Some(next) => {
            let mut t = one_line(phase_name(s, next)).into_owned();
            if next.step != phase.step {
                t = format!("{}: {t}", one_line(&plan.steps()[next.step].title));
            }
            if let Some(side) = next.side.filter(|side| Some(*side) != phase.side) {
                t = format!("{t} ({})", leg(s, side));
            }
            t
        }
        None => s.next_finish.clone(),
    };
    frame.render_widget(
        Wrapped::new(
            vec![Line::from(vec![
                Span::styled(format!("{}: ", s.next_up), app.theme.heading()),
                Span::raw(next_text),
            ])],
            true,
        ),
        next,
    );
}

/// Share of the planned time already behind.
fn done_ratio(total: Duration, left: Duration) -> f64 {
    if total.is_zero() {
        return 0.0;
    }
    (1.0 - left.as_secs_f64() / total.as_secs_f64()).clamp(0.0, 1.0)
}

/// How long each cue stays before the next one shows.
const CUE_EVERY: Duration = Duration::from_secs(15);

/// The cue for this moment of a phase: they take turns, so a long hold
/// gets all of them.
fn cue(cues: &[String], planned: Option<Duration>, left: Option<Duration>) -> Option<&str> {
    if cues.is_empty() {
        return None;
    }
    let elapsed = match (planned, left) {
        (Some(p), Some(l)) => p.saturating_sub(l),
        _ => Duration::ZERO,
    };
    let turn = (elapsed.as_secs() / CUE_EVERY.as_secs()) as usize;
    cues.get(turn % cues.len()).map(String::as_str)
}
