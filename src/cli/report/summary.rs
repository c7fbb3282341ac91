//! The top of the report: who, as of when, what the window holds, and one
//! screen of summary per routine: today, the course, what is due next,
//! adherence, the streak, the count of each kind of flag.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};
use maud::{Markup, html};

use super::flags::FlagKind;
use super::md::cell;
use super::patient::Patient;
use crate::cli::history::course_text;
use crate::core::due::{Due, next_due};
use crate::core::progress::RoutineProgress;
use crate::i18n::fill;

/// "As of … . 1,500 sessions from … to …" with the window when one is set.
fn span(p: &Patient) -> String {
    let w = &p.t.w;
    let mut text = match (p.shown.first(), p.shown.last()) {
        (Some(f), Some(l)) => fill(
            &p.t.r.span,
            &[
                ("today", &w.f.date(p.today)),
                ("sessions", &w.count(&w.s.sessions, p.shown.len() as u64)),
                ("first", &w.f.date(f.local_date)),
                ("last", &w.f.date(l.local_date)),
            ],
        ),
        _ => fill(&p.t.r.empty, &[("today", &w.f.date(p.today))]),
    };
    if p.window.since.is_some() || p.window.until.is_some() {
        let bound = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "…".into(), |d| w.f.date(d));
        let _ = write!(
            text,
            " {}",
            fill(
                &p.t.r.window,
                &[
                    ("since", &bound(p.window.since)),
                    ("until", &bound(p.window.until))
                ]
            )
        );
    }
    text
}

/// When the routine's next session is due, said in words.
pub fn due_text(p: &Patient, rp: &RoutineProgress) -> String {
    // A routine only the log knows is held to its target, no interval.
    let schedule = match p.rule(&rp.target.routine_id) {
        Some(rule) => rule.schedule.clone(),
        None => crate::core::routine::Schedule {
            times_per_day: rp.target.times_per_day,
            interval: None,
            course: rp.target.course.clone(),
        },
    };
    let completed: Vec<DateTime<FixedOffset>> = p
        .all
        .iter()
        .rev()
        .filter(|s| s.routine.id == rp.target.routine_id && s.is_completed())
        .take_while(|s| s.local_date + chrono::Duration::days(2) > p.today)
        .map(|s| s.started_at)
        .collect();
    let pause = rp.course.and_then(|c| c.next_start());
    match next_due(&p.now, &schedule, &completed, pause) {
        Due::Now => p.t.r.due_now.clone(),
        Due::At(t) => fill(&p.t.r.due_at, &[("time", &t.format("%H:%M").to_string())]),
        Due::Tomorrow => p.t.r.due_tomorrow.clone(),
        Due::CourseFrom(d) => fill(&p.t.r.due_course, &[("date", &p.t.w.f.date(d))]),
    }
}

/// One routine's state in one line of facts.
pub fn facts(p: &Patient, rp: &RoutineProgress) -> Vec<(String, String)> {
    let w = &p.t.w;
    let r = &p.t.r;
    let a30 = rp.adherence_30;
    let mut out = vec![(
        r.label_today.clone(),
        format!("{}/{}", rp.today_done, rp.today_target),
    )];
    if let Some(c) = course_text(rp.course, w) {
        out.push((r.label_course.clone(), c));
    }
    out.push((r.label_due.clone(), due_text(p, rp)));
    out.push((
        r.label_adherence.clone(),
        fill(
            &r.adherence_value,
            &[
                ("week", &w.percent(&rp.adherence_7)),
                ("month", &w.percent(&a30)),
            ],
        ),
    ));
    out.push((
        r.label_days.clone(),
        fill(
            &r.days_value,
            &[
                ("with", &a30.days_with_session.to_string()),
                ("on", &a30.days_on_target.to_string()),
                ("of", &a30.days_due.to_string()),
            ],
        ),
    ));
    out.push((
        r.label_streak.clone(),
        fill(
            &r.streak_value,
            &[
                ("days", &w.count(&w.s.days, u64::from(rp.current_streak))),
                ("longest", &rp.longest_streak.to_string()),
            ],
        ),
    ));
    if let Some(side) = p.affected_side(&rp.target.routine_id) {
        out.push((r.label_side.clone(), w.s.side(side).to_string()));
    }
    out
}

/// "3 pain rises, 1 stopped for pain": the count of each kind.
pub fn flag_counts(p: &Patient) -> Vec<(String, usize)> {
    super::measures::red_flag_count(p)
        .into_iter()
        .chain(
            FlagKind::ALL
                .iter()
                .map(|k| {
                    (
                        k.heading(p).to_string(),
                        p.flags.iter().filter(|f| f.kind == *k).count(),
                    )
                })
                .filter(|(_, n)| *n > 0),
        )
        .collect()
}

fn title(p: &Patient) -> String {
    match &p.label {
        Some(l) => format!("{} — {l}", p.t.r.title),
        None => p.t.r.title.clone(),
    }
}

pub fn markdown(p: &Patient, out: &mut String) {
    let _ = writeln!(out, "# {}\n", cell(&title(p)));
    let _ = writeln!(out, "{}\n", span(p));
    for rp in p.routines() {
        let facts = facts(p, rp);
        let line: Vec<String> = facts.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let _ = writeln!(
            out,
            "- **{}**: {}",
            cell(&p.name(&rp.target.routine_id)),
            cell(&line.join("; "))
        );
    }
    let counts = flag_counts(p);
    let flags = if counts.is_empty() {
        p.t.r.flags_none.clone()
    } else {
        counts
            .iter()
            .map(|(k, n)| format!("{k}: {n}"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let _ = writeln!(out, "- **{}**: {}", p.t.r.flags, cell(&flags));
}

pub fn html(p: &Patient) -> Markup {
    let counts = flag_counts(p);
    html! {
        header {
            h1 { (title(p)) }
            p.span { (span(p)) }
            div.cards {
                @for rp in p.routines() {
                    div.card {
                        h3 { (p.name(&rp.target.routine_id)) }
                        dl { @for (k, v) in facts(p, rp) { dt { (k) } dd { (v) } } }
                    }
                }
            }
            p.flagline {
                strong { (p.t.r.flags) ": " }
                @if counts.is_empty() { (p.t.r.flags_none) }
                @for (i, (k, n)) in counts.iter().enumerate() {
                    @if i > 0 { "; " }
                    (k) ": " (n)
                }
            }
        }
    }
}
