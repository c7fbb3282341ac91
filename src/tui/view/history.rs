//! Draws the history screen of one routine: a calendar of recent months, course
//! and streak figures, a pain chart and a scrollable list of sessions.
//!
//! Every figure is drawn as text or a symbol as well as a colour, so the
//! screen reads the same on a monochrome terminal or to a colour-blind user.
//! The words, dates and numbers are the view's language's.

use std::collections::HashMap;

use chrono::{Datelike, Duration, Months, NaiveDate, Timelike};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, StatefulWidget, Widget, Wrap,
};
use unicode_width::UnicodeWidthStr;

use crate::core::progress::{CourseState, SessionOutcome, SessionSummary};
use crate::core::record::StepStatus;
use crate::i18n::Words;
use crate::i18n::{durations, fill};
use crate::tui::format::one_line;
use crate::tui::screen::history::{HistoryState, HistoryView};

/// The least area the screen is drawn in; below it, it asks for more,
/// and says how much. A month (30 columns) beside figures 40 wide; the
/// header, figures, chart and one session with its details.
const MIN_WIDTH: u16 = 70;
const MIN_HEIGHT: u16 = 20;

/// Width of one calendar month: 7 cells of 4.
const MONTH_WIDTH: u16 = 28;

const MET: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
const PARTIAL: Style = Style::new().fg(Color::Yellow);
const MISSED: Style = Style::new().fg(Color::Red);
const DIM: Style = Style::new().fg(Color::DarkGray);

impl StatefulWidget for &HistoryView {
    type State = HistoryState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut HistoryState) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            // The size is the terminal's, which is what a user can change:
            // the screen's area plus what is missing from it.
            let whole = buf.area;
            let need = |have: u16, area: u16, min: u16| have + min.saturating_sub(area);
            let text = fill(
                &self.words.s.screen_larger,
                &[
                    (
                        "width",
                        &need(whole.width, area.width, MIN_WIDTH).to_string(),
                    ),
                    (
                        "height",
                        &need(whole.height, area.height, MIN_HEIGHT).to_string(),
                    ),
                    ("now", &format!("{}×{}", whole.width, whole.height)),
                ],
            );
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let [header, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        render_header(self, header, buf);

        // One month column on narrow screens, two on wide ones.
        let months_across: u16 = if body.width >= 110 { 2 } else { 1 };
        let left_width = months_across * (MONTH_WIDTH + 2);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Min(0)]).areas(body);
        let selected = self
            .sessions
            .get(state.selected.min(self.sessions.len().saturating_sub(1)))
            .map(|s| s.local_date);
        render_calendar(self, left, buf, months_across, selected);

        let chart_height = if right.height >= 34 { 12 } else { 7 };
        let [stats, chart, list] = Layout::vertical([
            Constraint::Length(6),
            Constraint::Length(chart_height),
            Constraint::Min(0),
        ])
        .areas(right);
        render_stats(self, stats, buf);
        render_pain(self, chart, buf);
        render_sessions(self, list, buf, state);
    }
}

fn render_header(view: &HistoryView, area: Rect, buf: &mut Buffer) {
    let (p, w) = (&view.progress, &view.words);
    let today = fill(
        &w.s.screen_today,
        &[
            ("done", &p.today_done.to_string()),
            ("target", &p.today_target.to_string()),
        ],
    );
    let spans = vec![
        Span::styled(
            view.title.clone(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!("  {today}  ·  {}", w.f.weekday_date(view.today))),
    ];
    Line::from(spans).render(area, buf);
}

/// The first day of the month `back` months before `today`'s.
fn month_start(today: NaiveDate, back: u32) -> NaiveDate {
    let first = today.with_day(1).unwrap_or(today);
    first.checked_sub_months(Months::new(back)).unwrap_or(first)
}

const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// A calendar cell: the day of the month, then one symbol for how the day
/// went against its target.
fn day_cell(view: &HistoryView, date: NaiveDate) -> [Span<'static>; 2] {
    let p = &view.progress;
    let day = p.day(date);
    // Superscript digits stay apart from the day number: "12²" is the
    // 12th with two sessions done, where "122" would be a puzzle.
    let (mark, style) = if date > view.today {
        (' ', DIM)
    } else if p.in_pause(date) {
        ('-', DIM)
    } else if day.target == 0 {
        (' ', DIM)
    } else if day.met() {
        ('✓', MET)
    } else if day.completed == 0 {
        ('·', MISSED)
    } else {
        (SUPERSCRIPT[day.completed.min(9) as usize], PARTIAL)
    };
    let mut number = Style::new();
    if date == view.today {
        number = number.add_modifier(Modifier::REVERSED);
    } else if date > view.today {
        number = DIM;
    }
    [
        Span::styled(format!("{:>2}", date.day()), number),
        Span::styled(format!("{mark} "), style),
    ]
}

fn month_lines(view: &HistoryView, start: NaiveDate) -> Vec<Line<'static>> {
    let f = &view.words.f;
    // Exactly two characters a name, whatever the catalog says: the grid
    // below is four columns a day.
    let weekdays: Vec<String> = f.weekdays_min.iter().map(|d| format!("{d:<2.2}")).collect();
    let mut lines = vec![
        Line::styled(
            f.month_year(start),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::styled(weekdays.join("  "), DIM),
    ];
    let pad = start.weekday().num_days_from_monday() as usize;
    let mut week: Vec<Span> = vec![Span::raw("    "); pad];
    let mut date = start;
    while date.month() == start.month() {
        week.extend(day_cell(view, date));
        if date.weekday().num_days_from_monday() == 6 {
            lines.push(Line::from(std::mem::take(&mut week)));
        }
        date += Duration::days(1);
    }
    if !week.is_empty() {
        lines.push(Line::from(week));
    }
    lines
}

/// The calendar, newest month first; when the selected session is older
/// than the months that fit, the calendar follows it (its month first).
fn render_calendar(
    view: &HistoryView,
    area: Rect,
    buf: &mut Buffer,
    across: u16,
    selected: Option<NaiveDate>,
) {
    let block = Block::new().borders(Borders::RIGHT).border_style(DIM);
    let inner = block.inner(area);
    block.render(area, buf);
    let target = view.progress.target.times_per_day.to_string();
    let s = &view.words.s;
    let legend = vec![
        Line::styled(fill(&s.legend_met, &[("target", &target)]), DIM),
        Line::styled(s.legend_rest.clone(), DIM),
    ];
    let [months_area, legend_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(inner);
    Paragraph::new(legend).render(legend_area, buf);

    // Newest month first, so this month is always in sight.
    let columns: Vec<Rect> =
        Layout::horizontal(vec![Constraint::Length(MONTH_WIDTH + 2); across as usize])
            .split(months_area)
            .to_vec();
    // Which months fit, counted back from `first`, as (column, y, back).
    let layout = |first: u32| {
        let mut placed = Vec::new();
        let mut back = first;
        for (c, col) in columns.iter().enumerate() {
            let mut y = col.y;
            loop {
                let h = month_lines(view, month_start(view.today, back)).len() as u16;
                if y + h > col.bottom() {
                    break;
                }
                placed.push((c, y, back));
                y += h + 1;
                back += 1;
            }
        }
        placed
    };
    let selected_back = selected.map(|d| {
        let months =
            (view.today.year() - d.year()) * 12 + view.today.month() as i32 - d.month() as i32;
        u32::try_from(months).unwrap_or(0)
    });
    let mut placed = layout(0);
    if let Some(b) = selected_back
        && !placed.iter().any(|&(_, _, back)| back == b)
    {
        placed = layout(b);
    }
    for (c, y, back) in placed {
        let col = columns[c];
        let mut lines = month_lines(view, month_start(view.today, back));
        if let Some(date) = selected {
            mark_day(&mut lines, view, back, date);
        }
        let h = lines.len() as u16;
        let r = Rect::new(
            col.x + 1,
            y,
            MONTH_WIDTH.min(col.width.saturating_sub(1)),
            h,
        );
        Paragraph::new(lines).render(r, buf);
    }
}

/// Underlines the selected session's day (today is already reversed),
/// when it is in this month.
fn mark_day(lines: &mut [Line<'static>], view: &HistoryView, back: u32, date: NaiveDate) {
    let start = month_start(view.today, back);
    if (start.year(), start.month()) != (date.year(), date.month()) {
        return;
    }
    let label = format!("{:>2}", date.day());
    for line in lines.iter_mut().skip(2) {
        for span in line.spans.iter_mut() {
            if span.content == label {
                span.style = span
                    .style
                    .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
                return;
            }
        }
    }
}

fn render_stats(view: &HistoryView, area: Rect, buf: &mut Buffer) {
    let (p, w) = (&view.progress, &view.words);
    let n = |v: u32| v.to_string();
    let course = match p.course {
        None => w.s.course_none.clone(),
        Some(c) => match c.state {
            CourseState::InProgress { done, of } => fill(
                &w.s.course_in_progress,
                &[
                    ("k", &n(c.number)),
                    ("done", &n(done)),
                    ("of", &w.count(&w.s.of_sessions, u64::from(of))),
                ],
            ),
            CourseState::Pause {
                completed_on,
                next_start,
            } => fill(
                &w.s.course_pause,
                &[
                    ("k", &n(c.courses_completed)),
                    ("date", &w.f.day_month(completed_on)),
                    ("until", &w.f.date(next_start)),
                ],
            ),
            CourseState::Ready { since } => fill(
                &w.s.course_ready,
                &[("k", &n(c.number)), ("date", &w.f.day_month(since))],
            ),
        },
    };
    let labels = [
        &w.s.label_today,
        &w.s.label_course,
        &w.s.label_streak,
        &w.s.label_adherence,
    ];
    let width = labels.iter().map(|l| l.width()).max().unwrap_or(0) + 1;
    let values = [
        fill(
            &w.s.today_value,
            &[("done", &n(p.today_done)), ("target", &n(p.today_target))],
        ),
        course,
        fill(
            &w.s.streak_value,
            &[
                ("days", &w.count(&w.s.days, u64::from(p.current_streak))),
                ("longest", &n(p.longest_streak)),
            ],
        ),
        fill(
            &w.s.adherence_value,
            &[
                ("week", &w.percent(&p.adherence_7)),
                ("month", &w.percent(&p.adherence_30)),
            ],
        ),
    ];
    let lines: Vec<Line> = labels
        .iter()
        .zip(values)
        .map(|(label, value)| {
            Line::from(vec![
                Span::styled(format!("{label:<width$}"), DIM),
                Span::raw(value),
            ])
        })
        .collect();
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(format!(" {} ", w.s.progress_title))
                .border_style(DIM),
        )
        .render(area, buf);
}

/// Pain before and after each session of the chart's span, at its day and
/// time of day, so the sessions of one day are points of their own.
fn render_pain(view: &HistoryView, area: Rect, buf: &mut Buffer) {
    let w = &view.words;
    let span = view.days.max(1);
    let days = w.count(&w.s.days, span as u64);
    let block = Block::bordered()
        .title(format!(" {} ", fill(&w.s.pain_title, &[("days", &days)])))
        .border_style(DIM);
    let start = view.today - Duration::days(span - 1);
    // Newest first in the list: the chart wants them oldest first.
    let shown: Vec<&SessionSummary> = view
        .sessions
        .iter()
        .rev()
        .filter(|s| (start..=view.today).contains(&s.local_date))
        .filter(|s| s.pain_before.is_some() || s.pain_after.is_some())
        .collect();
    if shown.is_empty() {
        Paragraph::new(Line::styled(w.s.pain_none.as_str(), DIM))
            .block(block)
            .render(area, buf);
        return;
    }
    let x = |s: &SessionSummary| {
        let time = s.started_at.time().num_seconds_from_midnight();
        (s.local_date - start).num_days() as f64 + f64::from(time) / 86_400.0
    };
    let points = |pick: fn(&SessionSummary) -> Option<u8>| -> Vec<(f64, f64)> {
        shown
            .iter()
            .filter_map(|s| pick(s).map(|v| (x(s), f64::from(v))))
            .collect()
    };
    let before = points(|s| s.pain_before);
    let after = points(|s| s.pain_after);
    let datasets = vec![
        Dataset::default()
            .name(w.s.pain_before.as_str())
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(Style::new().fg(Color::Yellow))
            .data(&before),
        Dataset::default()
            .name(w.s.pain_after.as_str())
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(Color::Cyan))
            .data(&after),
    ];
    let middle = start + Duration::days(span / 2);
    Chart::new(datasets)
        .block(block)
        .hidden_legend_constraints((Constraint::Length(0), Constraint::Length(0)))
        .x_axis(
            Axis::default()
                .bounds([0.0, span as f64])
                .labels([
                    w.f.day_month(start),
                    w.f.day_month(middle),
                    w.f.day_month(view.today),
                ])
                .style(DIM),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 10.0])
                .labels(["0", "5", "10"])
                .style(DIM),
        )
        .render(area, buf);
}

fn outcome_style(o: SessionOutcome) -> Style {
    match o {
        SessionOutcome::Completed => MET,
        SessionOutcome::Stopped(_) => MISSED,
        SessionOutcome::CompletedWithSkips
        | SessionOutcome::Abandoned
        | SessionOutcome::Interrupted => PARTIAL,
    }
}

fn session_line(s: &SessionSummary, selected: bool, w: &Words) -> Line<'static> {
    let steps = s.step_counts();
    let score = |v: Option<u8>| v.map_or("–".into(), |v| v.to_string());
    let pain = match (s.pain_before, s.pain_after) {
        (None, None) => String::new(),
        (b, a) => fill(
            &w.s.session_pain,
            &[("before", &score(b)), ("after", &score(a))],
        ),
    };
    let marker = if selected { "▶ " } else { "  " };
    let width = w.s.outcome_width() + 1;
    let mut line = Line::from(vec![
        Span::raw(marker),
        Span::raw(format!("{} ", w.f.date_time(&s.started_at))),
        Span::styled(
            format!("{:<width$}", w.s.outcome(s.outcome)),
            outcome_style(s.outcome),
        ),
        Span::raw(format!("{}/{}  {pain}", steps.done, steps.planned)),
    ]);
    if selected {
        line = line.style(Style::new().add_modifier(Modifier::REVERSED));
    }
    line
}

fn detail_lines(
    s: &SessionSummary,
    w: &Words,
    titles: &HashMap<String, String>,
) -> Vec<Line<'static>> {
    let hash: String = s.routine.hash.chars().take(7).collect();
    let mut parts = vec![
        fill(
            &w.s.detail_version,
            &[("version", &s.routine.version.to_string()), ("hash", &hash)],
        ),
        s.started_at.format("UTC%:z").to_string(),
    ];
    if let Some(v) = &s.variant {
        parts.push(fill(&w.s.detail_variant, &[("variant", v)]));
    }
    if let Some(side) = s.side {
        parts.push(w.s.side(side).to_string());
    }
    let time = |ms: u64| durations::compact(ms, &w.s);
    parts.push(fill(&w.s.detail_active, &[("time", &time(s.active_ms))]));
    if s.paused_ms > 0 {
        parts.push(fill(&w.s.detail_paused, &[("time", &time(s.paused_ms))]));
    }
    let first = parts.join(" · ");
    let steps: Vec<String> = s
        .steps
        .iter()
        .map(|st| {
            let mark = match st.status {
                StepStatus::Done => "✓",
                StepStatus::Partial => "½",
                StepStatus::Skipped => "✗",
            };
            // A hold "as long as possible": the time held.
            let held = st
                .held_ms
                .map(|ms| {
                    format!(
                        " ({})",
                        fill(&w.s.detail_held, &[("time", &durations::compact(ms, &w.s))])
                    )
                })
                .unwrap_or_default();
            let title = titles
                .get(&st.step)
                .map_or(st.step.as_str(), String::as_str);
            format!("{mark} {}{held}", one_line(title))
        })
        .collect();
    // The note before the steps: on a small screen it is what must show.
    let mut lines = vec![Line::styled(first, DIM)];
    if let Some(note) = &s.note {
        lines.push(Line::raw(fill(&w.s.detail_note, &[("note", note)])));
    }
    lines.push(Line::raw(if steps.is_empty() {
        w.s.detail_no_steps.clone()
    } else {
        steps.join("  ")
    }));
    lines
}

fn render_sessions(view: &HistoryView, area: Rect, buf: &mut Buffer, state: &mut HistoryState) {
    let w = &view.words;
    let n = view.sessions.len();
    state.selected = state.selected.min(n.saturating_sub(1));
    let title = if n == 0 {
        format!(" {} ", w.s.sessions_title)
    } else {
        let at = fill(
            &w.s.sessions_title_at,
            &[
                ("i", &(state.selected + 1).to_string()),
                ("n", &n.to_string()),
            ],
        );
        format!(" {at} ")
    };
    let block = Block::bordered().title(title).border_style(DIM);
    let inner = block.inner(area);
    block.render(area, buf);
    if n == 0 {
        Paragraph::new(Line::styled(w.s.sessions_none.as_str(), DIM)).render(inner, buf);
        return;
    }
    let selected = &view.sessions[state.selected];
    let details = detail_lines(selected, w, &view.step_titles);
    // The detail pane gets the rows its wrapped lines need and the rule
    // above them; the list keeps at least the selected row.
    let width = usize::from(inner.width.max(1));
    let wrapped: usize = details
        .iter()
        .map(|l| l.width().div_ceil(width).max(1))
        .sum();
    let detail_height = (wrapped as u16 + 1).min(inner.height.saturating_sub(1).max(2));
    let [list, detail] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(detail_height)]).areas(inner);

    let rows = list.height.max(1) as usize;
    if state.selected < state.offset {
        state.offset = state.selected;
    } else if state.selected >= state.offset + rows {
        state.offset = state.selected + 1 - rows;
    }
    state.offset = state.offset.min(n.saturating_sub(rows));
    // Only the visible rows are built: ten years are 15,000 sessions.
    let lines: Vec<Line> = view.sessions[state.offset..(state.offset + rows).min(n)]
        .iter()
        .enumerate()
        .map(|(i, s)| session_line(s, state.offset + i == state.selected, w))
        .collect();
    Paragraph::new(lines).render(list, buf);
    Paragraph::new(details)
        .block(Block::new().borders(Borders::TOP).border_style(DIM))
        .wrap(Wrap { trim: true })
        .render(detail, buf);
}
