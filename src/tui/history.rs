//! The history screen for one routine: a calendar of recent months, course
//! and streak figures, a pain chart and a scrollable list of sessions.
//!
//! Every figure is drawn as text or a symbol as well as a colour, so the
//! screen reads the same on a monochrome terminal or to a colour-blind user.

use chrono::{Datelike, Duration, Months, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, StatefulWidget, Widget, Wrap,
};

use crate::cli::history::duration;
use crate::core::progress::{
    CourseState, PainPoint, RoutineProgress, SessionOutcome, SessionSummary, Target, pain_trend,
    progress,
};
use crate::core::record::StepStatus;

/// Days the pain chart spans, ending today.
pub const PAIN_DAYS: i64 = 30;
/// Width of one calendar month: 7 cells of 4.
const MONTH_WIDTH: u16 = 28;

/// Everything the screen shows, prepared once from the log.
#[derive(Clone, Debug)]
pub struct HistoryView {
    pub title: String,
    pub today: NaiveDate,
    pub progress: RoutineProgress,
    /// Daily averages over the last [`PAIN_DAYS`] days.
    pub pain: Vec<PainPoint>,
    /// This routine's sessions, newest first.
    pub sessions: Vec<SessionSummary>,
    /// Unreadable lines in the log, to warn about (0: none).
    pub problems: usize,
}

impl HistoryView {
    /// The view of `target`'s routine (titled `title`) as of `today`.
    pub fn new(
        sessions: &[SessionSummary],
        target: &Target,
        title: &str,
        today: NaiveDate,
    ) -> Self {
        let since = today - Duration::days(PAIN_DAYS - 1);
        let mut mine: Vec<SessionSummary> = sessions
            .iter()
            .filter(|s| s.routine.id == target.routine_id)
            .cloned()
            .collect();
        mine.reverse();
        HistoryView {
            title: title.to_string(),
            today,
            progress: progress(sessions, target, today),
            pain: pain_trend(sessions, Some(&target.routine_id), Some(since))
                .into_iter()
                .filter(|p| p.date <= today)
                .collect(),
            sessions: mine,
            problems: 0,
        }
    }

    /// Notes how many log lines could not be read.
    pub fn with_problems(mut self, problems: usize) -> Self {
        self.problems = problems;
        self
    }
}

/// Which session is selected, and the first one shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HistoryState {
    pub selected: usize,
    /// Updated while rendering, to keep the selection in sight.
    pub offset: usize,
}

impl HistoryState {
    pub fn select_next(&mut self, view: &HistoryView) {
        self.selected = (self.selected + 1).min(view.sessions.len().saturating_sub(1));
    }

    pub fn select_previous(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn page_down(&mut self, view: &HistoryView, rows: usize) {
        self.selected = (self.selected + rows.max(1)).min(view.sessions.len().saturating_sub(1));
    }

    pub fn page_up(&mut self, rows: usize) {
        self.selected = self.selected.saturating_sub(rows.max(1));
    }

    pub fn select_first(&mut self) {
        self.selected = 0;
    }

    pub fn select_last(&mut self, view: &HistoryView) {
        self.selected = view.sessions.len().saturating_sub(1);
    }
}

const MET: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
const PARTIAL: Style = Style::new().fg(Color::Yellow);
const MISSED: Style = Style::new().fg(Color::Red);
const DIM: Style = Style::new().fg(Color::DarkGray);

impl StatefulWidget for &HistoryView {
    type State = HistoryState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut HistoryState) {
        if area.width < 40 || area.height < 12 {
            Paragraph::new("Make the terminal larger to see the history.")
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
        render_calendar(self, left, buf, months_across);

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
    let p = &view.progress;
    let mut spans = vec![
        Span::styled(
            view.title.clone(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(
            "  today {}/{}  ·  {}",
            p.today_done,
            p.today_target,
            view.today.format("%a %Y-%m-%d")
        )),
    ];
    if view.problems > 0 {
        spans.push(Span::styled(
            format!("  ⚠ {} unreadable log lines skipped", view.problems),
            MISSED,
        ));
    }
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
    let mut lines = vec![
        Line::styled(
            start.format("%B %Y").to_string(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::styled("Mo  Tu  We  Th  Fr  Sa  Su", DIM),
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

fn render_calendar(view: &HistoryView, area: Rect, buf: &mut Buffer, across: u16) {
    let block = Block::new().borders(Borders::RIGHT).border_style(DIM);
    let inner = block.inner(area);
    block.render(area, buf);
    let target = view.progress.target.times_per_day;
    let legend = vec![
        Line::styled(format!("✓ {target} of {target} done  ² 2 done"), DIM),
        Line::styled("· none  - course pause", DIM),
    ];
    let [months_area, legend_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(inner);
    Paragraph::new(legend).render(legend_area, buf);

    // Newest month first, so this month is always in sight.
    let columns: Vec<Rect> =
        Layout::horizontal(vec![Constraint::Length(MONTH_WIDTH + 2); across as usize])
            .split(months_area)
            .to_vec();
    let mut back = 0;
    for col in columns {
        let mut y = col.y;
        loop {
            let lines = month_lines(view, month_start(view.today, back));
            let h = lines.len() as u16;
            if y + h > col.bottom() {
                break;
            }
            let r = Rect::new(
                col.x + 1,
                y,
                MONTH_WIDTH.min(col.width.saturating_sub(1)),
                h,
            );
            Paragraph::new(lines).render(r, buf);
            y += h + 1;
            back += 1;
        }
    }
}

fn render_stats(view: &HistoryView, area: Rect, buf: &mut Buffer) {
    let p = &view.progress;
    let course = match p.course {
        None => "none".to_string(),
        Some(c) => match c.state {
            CourseState::InProgress { done, of } => {
                format!("course {}: {done}/{of} sessions", c.number)
            }
            CourseState::Pause {
                completed_on,
                next_start,
            } => format!(
                "course {} done {}; pause until {}",
                c.courses_completed,
                completed_on.format("%m-%d"),
                next_start
            ),
            CourseState::Ready { since } => {
                format!(
                    "course {} may start (since {})",
                    c.number,
                    since.format("%m-%d")
                )
            }
        },
    };
    let label = |s: &'static str| Span::styled(format!("{s:<10}"), DIM);
    let lines = vec![
        Line::from(vec![
            label("Today"),
            Span::raw(format!("{}/{} completed", p.today_done, p.today_target)),
        ]),
        Line::from(vec![label("Course"), Span::raw(course)]),
        Line::from(vec![
            label("Streak"),
            Span::raw(format!(
                "{} days (longest {})",
                p.current_streak, p.longest_streak
            )),
        ]),
        Line::from(vec![
            label("Adherence"),
            Span::raw(format!(
                "7 days {}  ·  30 days {}",
                p.adherence_7.percent(),
                p.adherence_30.percent()
            )),
        ]),
    ];
    Paragraph::new(lines)
        .block(Block::bordered().title(" Progress ").border_style(DIM))
        .render(area, buf);
}

fn render_pain(view: &HistoryView, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered()
        .title(format!(" Pain 0–10, {PAIN_DAYS} days: • before  ⣀ after "))
        .border_style(DIM);
    if view.pain.is_empty() {
        Paragraph::new(Line::styled("No pain recorded in these days.", DIM))
            .block(block)
            .render(area, buf);
        return;
    }
    let start = view.today - Duration::days(PAIN_DAYS - 1);
    let x = |d: NaiveDate| (d - start).num_days() as f64;
    let before: Vec<(f64, f64)> = view
        .pain
        .iter()
        .filter_map(|p| p.before.map(|v| (x(p.date), v)))
        .collect();
    let after: Vec<(f64, f64)> = view
        .pain
        .iter()
        .filter_map(|p| p.after.map(|v| (x(p.date), v)))
        .collect();
    let datasets = vec![
        Dataset::default()
            .name("before")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(Style::new().fg(Color::Yellow))
            .data(&before),
        Dataset::default()
            .name("after")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(Color::Cyan))
            .data(&after),
    ];
    Chart::new(datasets)
        .block(block)
        .hidden_legend_constraints((Constraint::Length(0), Constraint::Length(0)))
        .x_axis(
            Axis::default()
                .bounds([0.0, (PAIN_DAYS - 1) as f64])
                .labels([
                    start.format("%m-%d").to_string(),
                    view.today.format("%m-%d").to_string(),
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
        SessionOutcome::Abandoned | SessionOutcome::Interrupted => PARTIAL,
    }
}

fn session_line(s: &SessionSummary, selected: bool) -> Line<'static> {
    let done = s
        .steps
        .iter()
        .filter(|st| st.status == StepStatus::Done)
        .count();
    let pain = match (s.pain_before, s.pain_after) {
        (None, None) => String::new(),
        (b, a) => format!(
            "pain {}→{}",
            b.map_or("–".into(), |v| v.to_string()),
            a.map_or("–".into(), |v| v.to_string())
        ),
    };
    let marker = if selected { "▶ " } else { "  " };
    let mut line = Line::from(vec![
        Span::raw(marker),
        Span::raw(format!("{} ", s.started_at.format("%Y-%m-%d %H:%M"))),
        Span::styled(
            format!("{:<15}", s.outcome.label()),
            outcome_style(s.outcome),
        ),
        Span::raw(format!("{done}/{}  {pain}", s.steps.len())),
    ]);
    if selected {
        line = line.style(Style::new().add_modifier(Modifier::REVERSED));
    }
    line
}

fn detail_lines(s: &SessionSummary) -> Vec<Line<'static>> {
    let mut parts = vec![
        format!(
            "v{} #{}",
            s.routine.version,
            s.routine.hash.chars().take(7).collect::<String>()
        ),
        s.started_at.format("UTC%:z").to_string(),
    ];
    if let Some(v) = &s.variant {
        parts.push(format!("variant {v}"));
    }
    if let Some(side) = s.side {
        parts.push(format!("{side:?}").to_lowercase());
    }
    parts.push(format!("{} active", duration(s.active_ms)));
    if s.paused_ms > 0 {
        parts.push(format!("{} paused", duration(s.paused_ms)));
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
            format!("{mark}{}", st.step)
        })
        .collect();
    let mut lines = vec![
        Line::styled(first, DIM),
        Line::raw(if steps.is_empty() {
            "no steps logged".to_string()
        } else {
            steps.join(" ")
        }),
    ];
    if let Some(note) = &s.note {
        lines.push(Line::raw(format!("“{note}”")));
    }
    lines
}

fn render_sessions(view: &HistoryView, area: Rect, buf: &mut Buffer, state: &mut HistoryState) {
    let n = view.sessions.len();
    state.selected = state.selected.min(n.saturating_sub(1));
    let title = if n == 0 {
        " Sessions ".to_string()
    } else {
        format!(" Sessions {}/{n} (↑↓) ", state.selected + 1)
    };
    let block = Block::bordered().title(title).border_style(DIM);
    let inner = block.inner(area);
    block.render(area, buf);
    if n == 0 {
        Paragraph::new(Line::styled("No sessions yet.", DIM)).render(inner, buf);
        return;
    }
    let selected = &view.sessions[state.selected];
    let details = detail_lines(selected);
    // Room for the lines plus one wrapped line and the rule above them.
    let detail_height = (details.len() as u16 + 2).min(inner.height / 2);
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
        .map(|(i, s)| session_line(s, state.offset + i == state.selected))
        .collect();
    Paragraph::new(lines).render(list, buf);
    Paragraph::new(details)
        .block(Block::new().borders(Borders::TOP).border_style(DIM))
        .wrap(Wrap { trim: true })
        .render(detail, buf);
}
