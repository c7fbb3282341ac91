//! The first-run safety notice and the home screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::core::due::Due;
use crate::core::plan;
use crate::core::routine::CourseCount;
use crate::i18n::durations::length;
use crate::i18n::fill;
use crate::tui::app::App;
use crate::tui::format::one_line;

use super::wrap::{Wrapped, scrolling};

/// Draws the safety notice; returns the most it can scroll.
pub fn safety(app: &App, frame: &mut Frame, area: Rect) -> u16 {
    let s = &app.shared.strings;
    let mut lines = vec![
        Line::styled(s.safety_title.as_str(), app.shared.theme.title()),
        Line::raw(""),
    ];
    for l in &s.safety_lines {
        lines.push(Line::raw(format!("• {l}")));
    }
    lines.push(Line::raw(""));
    let accept = [Line::styled(
        s.safety_accept.as_str(),
        app.shared.theme.heading(),
    )];
    scrolling(
        frame.buffer_mut(),
        area,
        Block::bordered(),
        &lines,
        &accept,
        app.scroll(),
        &s.scroll_more,
        app.shared.theme.dim(),
    )
}

pub fn home(app: &App, selected: usize, frame: &mut Frame, area: Rect) {
    let s = &app.shared.strings;
    let block = Block::bordered().title(Span::styled(
        format!(" {} · {} ", s.app_title, s.home_routines),
        app.shared.theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let broken = &app.shared.library.broken;
    let [list, errors] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(if broken.is_empty() {
            0
        } else {
            (broken.len() as u16 + 1).min(inner.height / 3)
        }),
    ])
    .areas(inner);
    let mut lines = super::checkin::home_lines(app);
    if app.shared.library.routines.is_empty() {
        lines.push(Line::raw(s.home_no_routines.as_str()));
    }
    if let Some(physio) = app.shared.library.prescriber() {
        let said = &crate::i18n::RxStrings::get(app.shared.lang).home_prescribed;
        let line = fill(said, &[("name", &one_line(&physio.name))]);
        lines.push(Line::styled(line, app.shared.theme.dim()));
        lines.push(Line::raw(""));
    }
    for (i, loaded) in app.shared.library.routines.iter().enumerate() {
        let r = &loaded.routine;
        let total = length(plan::length(r, None), s);
        let marker = if i == selected { "▶ " } else { "  " };
        let style = if i == selected {
            app.shared.theme.selected()
        } else {
            app.shared.theme.heading()
        };
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(one_line(&r.title), style),
            Span::raw(format!("  {total}")),
        ]));
        let stats = app.shared.stats.get(&r.id).cloned().unwrap_or_default();
        let mut progress = vec![fill(
            &s.home_today,
            &[
                ("n", &stats.today.to_string()),
                ("target", &r.schedule.times_per_day.to_string()),
            ],
        )];
        if let Some(course) = &r.schedule.course {
            let done = stats.course_done.unwrap_or(0);
            let days = course.count == CourseCount::Days;
            let done_of = match (course.goal_reached(done), days) {
                (false, true) => &app.shared.clinic.home_course_days,
                (false, false) => &s.home_course,
                (true, true) => &app.shared.clinic.home_course_goal_days,
                (true, false) => &s.home_course_goal,
            };
            progress.push(match stats.next_course {
                Some(date) => fill(
                    &s.home_next_course,
                    &[("date", &app.shared.formats.date(date))],
                ),
                None => fill(
                    done_of,
                    &[
                        ("k", &done.to_string()),
                        ("n", &course.sessions.to_string()),
                    ],
                ),
            });
        }
        // The next course's date is said above already.
        if let Some(due) = stats.next_due.filter(|d| !matches!(d, Due::CourseFrom(_))) {
            progress.push(
                app.shared
                    .clinic
                    .due(&due, app.shared.today, &app.shared.formats),
            );
        }
        lines.push(Line::raw(format!("    {}", progress.join(" · "))));
        let equipment: Vec<_> = r
            .equipment
            .iter()
            .map(|e| one_line(s.equipment(e)))
            .collect();
        if !equipment.is_empty() {
            lines.push(Line::styled(
                format!("    {}", equipment.join(", ")),
                app.shared.theme.dim(),
            ));
        }
        lines.push(Line::raw(""));
    }
    frame.render_widget(Wrapped::new(lines, false), list);
    if !broken.is_empty() {
        let mut lines = vec![Line::styled(
            s.home_broken.as_str(),
            app.shared.theme.warning(),
        )];
        for b in broken {
            if let Some(d) = b.diagnostics.first() {
                lines.push(Line::raw(d.headline(&b.path.display().to_string())));
            }
        }
        frame.render_widget(Wrapped::new(lines, true), errors);
    }
}
