//! The course timeline of each routine with courses, from the whole log:
//! when each course ran, the sessions it counted, and the pause after it.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};
use maud::{Markup, html};

use super::md::{cell, header, row};
use super::patient::Patient;
use crate::core::progress::RoutineProgress;
use crate::i18n::fill;

/// One course: its number, first and last day, sessions counted, and the
/// day the next may start when it is over.
pub struct Span {
    pub number: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub sessions: u32,
    pub next: Option<NaiveDate>,
}

pub fn courses(rp: &RoutineProgress) -> Vec<Span> {
    let Some(first) = rp.first_day else {
        return Vec::new();
    };
    if rp.course.is_none() {
        return Vec::new();
    }
    let counted = |from: NaiveDate, to: NaiveDate| -> u32 {
        rp.days.range(from..=to).map(|(_, d)| d.completed).sum()
    };
    let mut out = Vec::new();
    let mut from = first;
    for (i, &(pause, next)) in rp.pauses.iter().enumerate() {
        let to = pause - Duration::days(1);
        out.push(Span {
            number: i + 1,
            from,
            to,
            sessions: counted(from, to),
            next: Some(next),
        });
        // The next course starts with the first completed session from
        // the pause's end on.
        match rp.days.range(next..).find(|(_, d)| d.completed > 0) {
            Some((d, _)) => from = *d,
            None => return out,
        }
    }
    out.push(Span {
        number: rp.pauses.len() + 1,
        from,
        to: rp.today,
        sessions: counted(from, rp.today),
        next: None,
    });
    out
}

fn cells(p: &Patient, c: &Span) -> Vec<String> {
    let f = &p.t.w.f;
    vec![
        c.number.to_string(),
        f.date(c.from),
        if c.next.is_some() {
            f.date(c.to)
        } else {
            p.t.r.ongoing.clone()
        },
        c.sessions.to_string(),
        c.next.map(|d| f.date(d)).unwrap_or_default(),
    ]
}

/// "Pause between courses: 30 days (1 session done during a pause, not
/// counted)".
fn pause_line(p: &Patient, rp: &RoutineProgress) -> Option<String> {
    let c = rp.course?;
    let w = &p.t.w;
    let mut pause = w.count(&w.s.days, u64::from(c.pause_days));
    if c.pause_sessions > 0 {
        let done = w.count(&w.s.report_pause_sessions, u64::from(c.pause_sessions));
        pause = format!("{pause} ({done})");
    }
    Some(fill(&p.t.r.timeline_pause, &[("pause", &pause)]))
}

fn with_courses(p: &Patient) -> Vec<&RoutineProgress> {
    p.routines().filter(|r| r.course.is_some()).collect()
}

pub fn markdown(p: &Patient, out: &mut String) {
    let routines = with_courses(p);
    if routines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", p.t.r.timeline);
    for rp in routines {
        let _ = writeln!(out, "\n### {}\n", cell(&p.name(&rp.target.routine_id)));
        if let Some(line) = pause_line(p, rp) {
            let _ = writeln!(out, "{line}\n");
        }
        header(out, &p.t.r.timeline_columns);
        for c in courses(rp).iter().rev() {
            let c: Vec<String> = cells(p, c).iter().map(|c| cell(c)).collect();
            row(out, &c);
        }
    }
}

pub fn html(p: &Patient) -> Markup {
    let routines = with_courses(p);
    html! {
        @if !routines.is_empty() {
            section #timeline {
                h2 { (p.t.r.timeline) }
                @for rp in &routines {
                    h3 { (p.name(&rp.target.routine_id)) }
                    @if let Some(line) = pause_line(p, rp) { p.about { (line) } }
                    table {
                        thead { tr { @for c in &p.t.r.timeline_columns { th { (c) } } } }
                        tbody { @for c in courses(rp).iter().rev() { tr { @for x in cells(p, c) { td { (x) } } } } }
                    }
                }
            }
        }
    }
}
