//! The guided session, readable from a mat: huge digits for the time left,
//! the phase in words, the side in capitals, what comes next.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};
use tui_big_text::{BigText, PixelSize};

use std::time::Duration;

use crate::core::plan::{Phase, PhaseKind};
use crate::core::routine::{Kind, Step};
use crate::core::session::State;
use crate::i18n::durations::{clock, countdown, left_in_total};
use crate::i18n::fill;
use crate::shell::speech::{asked_step, counts, leg, phase_name};
use crate::tui::app::App;
use crate::tui::format::{one_line, paragraphs};
use crate::tui::screen::session::Running;

use super::digits::{BigLetters, Scale, can_draw, fit, width};
use super::pose::{MIN_COLS, MIN_ROWS, PoseCanvas, always_shown, picture_cols};
use super::wrap::{Wrapped, wrap};

pub fn render(app: &App, running: &Running, frame: &mut Frame, area: Rect) {
    let s = &app.shared.strings;
    let now = app.shared.now;
    let session = running.session();
    let plan = running.plan();
    let Some((index, phase)) = session.current() else {
        return;
    };
    let step = &plan.steps()[phase.step];
    let paused = matches!(session.state(), State::Paused { .. });

    // The picture of the step, or of this beat: it changes only when the
    // phase does, so the terminal gets its cells only then. It takes a
    // column at the right, the room the digits can spare: always on a
    // large screen, and on a small one while the digits matter least
    // (getting ready, resting, switching sides) or when asked ("show me").
    let beat = match phase.kind {
        PhaseKind::Beat { .. } => phase.beat.map(|b| b.n),
        _ => None,
    };
    let pose = running.poses.for_step(step, beat);
    let calm = matches!(
        phase.kind,
        PhaseKind::GetReady
            | PhaseKind::Rest
            | PhaseKind::SetRest
            | PhaseKind::RestAfter
            | PhaseKind::SwitchSide
    );
    let large = always_shown(area);
    let least = pose
        .filter(|_| large || calm || running.show_me)
        .map(|_| picture_cols(area, large))
        .filter(|&cols| cols >= MIN_COLS && area.height.saturating_sub(1) >= MIN_ROWS)
        .unwrap_or(0);

    // Header: a preview says so first, then step, side, rep and set.
    let mut header = Vec::new();
    if !app.shared.record {
        let badge = fill(
            &s.preview_badge,
            &[("speed", &app.shared.speed.to_string())],
        );
        header.push(Span::styled(
            format!(" {badge} "),
            app.shared.theme.preview(),
        ));
        header.push(Span::raw(" "));
    }
    // "Knee-across hold · step 2 of 5": the step counter names itself, so
    // it is not read as a rep count.
    let step_of = fill(
        &s.step_of,
        &[
            ("n", &(phase.step + 1).to_string()),
            ("of", &plan.steps().len().to_string()),
        ],
    );
    // The leg before the step counter: on a narrow terminal the counter
    // is what gets cut, never which leg to work.
    header.push(Span::styled(
        format!("{} ", one_line(&step.title)),
        app.shared.theme.title(),
    ));
    if let Some(side) = phase.side {
        header.push(Span::styled(
            format!(" {} ", leg(s, side)),
            app.shared.theme.selected(),
        ));
    }
    header.push(Span::styled(
        format!("· {step_of}"),
        app.shared.theme.title(),
    ));
    // A step of one rep has no rep to count.
    let mut counted = phase.clone();
    counted.rep = counted.rep.filter(|r| r.of > 1);
    let counts = counts(s, &counted);
    if !counts.is_empty() {
        header.push(Span::raw(format!("  {}", counts.join(" · "))));
    }

    // The big letters: the time left, or on a manual step READY? and the
    // time spent waiting. They take the most the screen allows and leave
    // a row each to the header, phase, gauges, cue and next-up.
    let remaining = session.remaining(now);
    let waited = match session.state() {
        State::Waiting { since, .. } => Some(now.since(*since)),
        _ => None,
    };
    // The count-up of a hold "as long as possible" shows the time held,
    // counting up to its ceiling; its minimum counts down as any hold.
    let held = session
        .holding(now)
        .filter(|_| phase.kind == PhaseKind::HoldOn);
    let mut lines = Vec::new();
    if let Some(gap) = running.runner().away() {
        lines.push(Line::styled(
            fill(&s.time_away, &[("time", &clock(gap.as_secs()))]),
            app.shared.theme.warning(),
        ));
    }
    if let Some(pain) = running.runner().too_much() {
        lines.push(Line::styled(
            fill(
                &app.shared.clinic.step_pain_high,
                &[("pain", &pain.to_string())],
            ),
            app.shared.theme.warning(),
        ));
    }
    if phase.kind == PhaseKind::WaitForUser {
        lines.push(Line::styled(
            s.press_enter_ready.as_str(),
            app.shared.theme.heading(),
        ));
    }
    if let (Some(held), Some(left)) = (held, remaining) {
        let ceiling = clock((held + left).as_secs());
        lines.push(Line::styled(
            format!(
                "{} · {}",
                s.hold_on_hint,
                fill(&s.hold_up_to, &[("time", &ceiling)])
            ),
            app.shared.theme.selected(),
        ));
    }
    if let Some(cue) = cue(step, phase, remaining) {
        lines.push(Line::styled(
            format!("» {}", one_line(cue)),
            app.shared.theme.heading(),
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
            fill(
                &app.shared.clinic.get_ready_needs,
                &[("items", &items.join(", "))],
            ),
            app.shared.theme.warning(),
        ));
    }
    lines.extend(paragraphs(&step.instructions).map(Line::raw));
    let room = area
        .height
        .saturating_sub(RESERVED)
        .min(area.height * 3 / 5);
    let big_for = |cols: u16| match (&phase.kind, remaining, held) {
        (PhaseKind::WaitForUser, _, _) | (_, None, _) => {
            let counted = clock(waited.unwrap_or_default().as_secs());
            Big::manual(&s.ready_big, counted, cols, room)
        }
        (_, Some(left), Some(held)) => {
            let widest = clock((held + left).as_secs());
            Big::countdown(clock(held.as_secs()), &widest, cols, room, area.height)
        }
        (_, Some(left), None) => {
            // Sized for the phase's longest time, so the digits keep
            // their size as the seconds run down.
            let widest = countdown(phase.duration.unwrap_or(left).max(left));
            Big::countdown(countdown(left), &widest, cols, room, area.height)
        }
    };
    // On a small screen the picture comes unasked only when the step's
    // words still fit beside it: they are what the patient must read.
    let text_rows = |big: &Big, cols: u16| {
        let rows = area.height.saturating_sub(1 + big.rows() + 2 + 2);
        let needed: usize = lines.iter().map(|l| wrap(l, cols, true).len()).sum();
        needed <= usize::from(rows)
    };
    // The picture takes what the digits leave, at least its share.
    let share = |big: &Big, least: u16| match big.cols() {
        Some(digits) if least > 0 => least.max(area.width.saturating_sub(digits + 2)),
        _ => least,
    };
    let mut big = big_for(area.width - least);
    let mut picture_cols = share(&big, least);
    if picture_cols > 0 && !large && !running.show_me && !text_rows(&big, area.width - picture_cols)
    {
        big = big_for(area.width);
        picture_cols = 0;
    }
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let [main, picture] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(picture_cols)]).areas(body);
    let [name, digits, gauges, text, next] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(big.rows()),
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(main);
    frame.render_widget(Paragraph::new(Line::from(header)), head);

    // Phase name, and PAUSED in words, not only by colour.
    let name_line = if paused {
        Line::from(vec![
            Span::styled(format!(" ‖ {} ", s.paused), app.shared.theme.paused()),
            Span::raw(format!("  {}", s.paused_hint)),
        ])
    } else {
        let mut name = one_line(phase_name(s, phase)).to_uppercase();
        if let (Some(waited), false) = (waited, big.shows_count()) {
            name = format!("{name} · {}", clock(waited.as_secs()));
        }
        Line::styled(name, app.shared.theme.heading())
    };
    frame.render_widget(Paragraph::new(name_line).centered(), name);

    if let Some(pose) = pose.filter(|_| picture.width > 0) {
        frame.render_widget(
            PoseCanvas {
                pose,
                side: phase.side,
                theme: app.shared.theme,
            },
            picture,
        );
    }

    let clock_style = if paused {
        app.shared.theme.dim()
    } else {
        app.shared.theme.clock()
    };
    big.render(frame, digits, clock_style, app.shared.theme.heading());

    let [phase_gauge, total_gauge] = Layout::vertical([Constraint::Length(1); 2]).areas(gauges);
    frame.render_widget(
        Gauge::default()
            .gauge_style(app.shared.theme.gauge())
            .ratio(session.progress(now).unwrap_or(0.0).clamp(0.0, 1.0))
            .label(one_line(phase_name(s, phase)).into_owned()),
        phase_gauge,
    );
    // Holds "as long as possible" count at their minimum, their possible
    // extra written beside it, so the total never jumps.
    let left = session.left(now);
    frame.render_widget(
        Gauge::default()
            .gauge_style(app.shared.theme.gauge())
            .ratio(done_ratio(plan.total(), left.planned))
            .label(left_in_total(left, s)),
        total_gauge,
    );

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
                Span::styled(format!("{}: ", s.next_up), app.shared.theme.heading()),
                Span::raw(next_text),
            ])],
            true,
        ),
        next,
    );
}

/// The pain question after a step with `ask_pain`, for the overlay: its
/// title, lines and width. The step and side it asks about, the question,
/// and what Enter does; the footer has the keys (0-9, and t or е for 10).
pub fn pain_question(
    app: &App,
    entry: usize,
    keep: Option<u8>,
) -> (&str, Vec<Line<'static>>, usize) {
    let s = &app.shared.strings;
    let subject = match &app.screen {
        crate::tui::screen::Screen::Session(running) => asked_step(s, running.plan(), entry),
        _ => String::new(),
    };
    let enter = match keep {
        Some(pain) => fill(&s.step_pain_keep, &[("pain", &pain.to_string())]),
        None => s.step_pain_none.clone(),
    };
    let lines = vec![
        Line::styled(one_line(&subject).into_owned(), app.shared.theme.title()),
        Line::styled(s.step_pain_question.clone(), app.shared.theme.heading()),
        Line::styled(enter, app.shared.theme.selected()),
    ];
    (s.step_pain_title.as_str(), lines, 52)
}

/// Rows the screen keeps for everything but the big letters: header,
/// phase, two gauges, two rows of cue and text, and next-up.
const RESERVED: u16 = 9;

/// What the big letters show, at the size chosen for the screen.
enum Big {
    /// Scaled block digits.
    Scaled(String, Scale),
    /// tui-big-text's quadrant size (2 rows), for a small terminal.
    Small(String),
    /// The label big, and the count beneath it when there is room.
    Manual {
        label: Option<(String, Scale)>,
        count: Option<(String, Scale)>,
    },
}

impl Big {
    fn countdown(text: String, widest: &str, cols: u16, room: u16, height: u16) -> Big {
        match fit(widest, cols, room) {
            Some(scale) if width(&text, scale) <= cols => Big::Scaled(text, scale),
            _ if height >= 8 => Big::Small(text),
            _ => Big::Small(String::new()),
        }
    }

    fn manual(label: &str, count: String, cols: u16, room: u16) -> Big {
        let label = label.to_uppercase();
        let label = can_draw(&label)
            .then(|| fit(&label, cols, room * 2 / 3).or_else(|| fit(&label, cols, room)))
            .flatten()
            .map(|scale| (label, scale));
        let left = room - label.as_ref().map_or(0, |(_, s)| s.rows());
        let count = fit("00:00", cols, left).map(|scale| (count, scale));
        Big::Manual { label, count }
    }

    fn rows(&self) -> u16 {
        match self {
            Big::Scaled(_, scale) => scale.rows(),
            Big::Small(text) if text.is_empty() => 0,
            Big::Small(_) => 2,
            Big::Manual { label, count } => [label, count]
                .iter()
                .map(|part| part.as_ref().map_or(0, |(_, s)| s.rows()))
                .sum(),
        }
    }

    /// Columns the big letters take, when known.
    fn cols(&self) -> Option<u16> {
        match self {
            Big::Scaled(text, scale) => Some(width(text, *scale)),
            Big::Small(_) => None,
            Big::Manual { label, count } => [label, count]
                .iter()
                .filter_map(|part| part.as_ref().map(|(t, s)| width(t, *s)))
                .max(),
        }
    }

    /// The waiting time is among the big letters.
    fn shows_count(&self) -> bool {
        matches!(self, Big::Manual { count: Some(_), .. })
    }

    fn render(&self, frame: &mut Frame, area: Rect, style: Style, label_style: Style) {
        match self {
            Big::Scaled(text, scale) => frame.render_widget(
                BigLetters {
                    text,
                    scale: *scale,
                    style,
                },
                area,
            ),
            Big::Small(text) => frame.render_widget(
                BigText::builder()
                    .pixel_size(PixelSize::Quadrant)
                    .style(style)
                    .centered()
                    .lines(vec![text.clone().into()])
                    .build(),
                area,
            ),
            Big::Manual { label, count } => {
                let rows =
                    |part: &Option<(String, Scale)>| part.as_ref().map_or(0, |(_, s)| s.rows());
                let [top, bottom] = Layout::vertical([
                    Constraint::Length(rows(label)),
                    Constraint::Length(rows(count)),
                ])
                .areas(area);
                for (part, at, style) in [(label, top, label_style), (count, bottom, style)] {
                    if let Some((text, scale)) = part {
                        frame.render_widget(
                            BigLetters {
                                text,
                                scale: *scale,
                                style,
                            },
                            at,
                        );
                    }
                }
            }
        }
    }
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
/// gets all of them. A step's cues speak of its effort, so on a tempo they
/// belong to its working beats, the longest ones ("Push" for 5 s, not
/// "Relax" for 3 s; both when they are equal), where they take turns rep by
/// rep; a beat is over before a 15-second turn would come.
fn cue<'a>(step: &'a Step, phase: &Phase, left: Option<Duration>) -> Option<&'a str> {
    let cues = &step.cues;
    if cues.is_empty() || !phase.kind.is_work() {
        return None;
    }
    let turn = match (&step.kind, phase.beat) {
        (Kind::Reps { tempo, .. }, Some(beat)) => {
            let longest = tempo.iter().map(|b| b.duration.0).max()?;
            let this = tempo.get(beat.n.checked_sub(1)? as usize)?;
            if this.duration.0 < longest {
                return None;
            }
            phase.rep.map_or(0, |r| r.n.saturating_sub(1)) as usize
        }
        _ => {
            let elapsed = match (phase.duration, left) {
                (Some(p), Some(l)) => p.saturating_sub(l),
                _ => Duration::ZERO,
            };
            (elapsed.as_secs() / CUE_EVERY.as_secs()) as usize
        }
    };
    cues.get(turn % cues.len()).map(String::as_str)
}
