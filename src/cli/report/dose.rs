//! The dose over time: what each session ran of the steps a progression
//! rule names, as logged with it (`SessionSummary::dose`): a row where a
//! step's dose changed, and a chart per step.

use std::fmt::Write as _;

use chrono::NaiveDate;
use maud::{Markup, PreEscaped, html};

use super::md::{capped, cell, header, row};
use super::patient::Patient;
use crate::core::progression::Dose;
use crate::i18n::DoseStrings;

/// One step's dose from one day on, and the sessions run at it.
pub struct Stretch {
    pub routine: String,
    pub step: String,
    pub from: NaiveDate,
    pub dose: Dose,
    pub sessions: usize,
}

/// Every change of every ruled step in the window, oldest first by step.
pub fn stretches(p: &Patient) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    for s in &p.shown {
        for d in &s.dose {
            let last = out
                .iter_mut()
                .rev()
                .find(|x| x.routine == s.routine.id && x.step == d.step);
            match last {
                Some(x) if x.dose == d.dose => x.sessions += 1,
                _ => out.push(Stretch {
                    routine: s.routine.id.clone(),
                    step: d.step.clone(),
                    from: s.local_date,
                    dose: d.dose,
                    sessions: 1,
                }),
            }
        }
    }
    // Each routine's steps in the order the log names them (the rule's).
    let mut order: Vec<(String, String)> = Vec::new();
    for x in &out {
        let key = (x.routine.clone(), x.step.clone());
        if !order.contains(&key) {
            order.push(key);
        }
    }
    out.sort_by_key(|x| {
        let at = order
            .iter()
            .position(|(r, s)| *r == x.routine && *s == x.step);
        (x.routine.clone(), at, x.from)
    });
    out
}

pub fn markdown(p: &Patient, out: &mut String) {
    let all = stretches(p);
    if all.is_empty() {
        return;
    }
    let s = DoseStrings::get(p.t.w.lang);
    let _ = writeln!(out, "\n## {}\n\n{}\n", s.report_title, s.report_about);
    header(out, &s.report_columns);
    capped(p, out, &all, |out, x| {
        row(
            out,
            &[
                p.t.w.f.date(x.from),
                cell(&p.name(&x.routine)),
                cell(&p.step_name(&x.routine, &x.step)),
                s.dose(x.dose, p.t.w.lang),
                x.sessions.to_string(),
            ],
        );
    });
}

pub fn html(p: &Patient) -> Markup {
    let all = stretches(p);
    let s = DoseStrings::get(p.t.w.lang);
    let lang = p.t.w.lang;
    let mut steps: Vec<(&str, &str)> = all
        .iter()
        .map(|x| (x.routine.as_str(), x.step.as_str()))
        .collect();
    steps.dedup();
    html! {
        @if !all.is_empty() {
            section #dose {
                h2 { (s.report_title) }
                p.about { (s.report_about) }
                table {
                    thead { tr { @for c in &s.report_columns { th { (c) } } } }
                    tbody {
                        @for x in &all {
                            tr {
                                td { (p.t.w.f.date(x.from)) }
                                td { (p.name(&x.routine)) }
                                td { (p.step_name(&x.routine, &x.step)) }
                                td { (s.dose(x.dose, lang)) }
                                td { (x.sessions) }
                            }
                        }
                    }
                }
                @if let Some(span) = p.span() {
                    @for (routine, step) in &steps {
                        @let points: Vec<&Stretch> = all.iter().filter(|x| x.routine == *routine && x.step == *step).collect();
                        h3 { (p.name(routine)) ": " (p.step_name(routine, step)) }
                        figure.chart { (PreEscaped(chart(span, &points, &|d| p.t.w.f.date(d)))) }
                    }
                }
            }
        }
    }
}

/// The step's main number over the window as steps: the hold in seconds
/// where it has one, else the reps, drawn level until the next change.
fn chart(
    (from, to): (NaiveDate, NaiveDate),
    points: &[&Stretch],
    fmt: &dyn Fn(NaiveDate) -> String,
) -> String {
    let hold = points.iter().any(|x| x.dose.hold_ms.is_some());
    let value = |d: Dose| match (hold, d.hold_ms, d.reps) {
        (true, Some(ms), _) => ms as f64 / 1000.0,
        (false, _, Some(n)) => f64::from(n),
        _ => 0.0,
    };
    let day = |d: NaiveDate| (d - from).num_days() as f64;
    let end = day(to).max(1.0) + 1.0;
    let mut line: Vec<(f64, f64)> = Vec::new();
    for x in points {
        if let Some(&(_, before)) = line.last() {
            line.push((day(x.from), before));
        }
        line.push((day(x.from), value(x.dose)));
    }
    if let Some(&(_, last)) = line.last() {
        line.push((end, last));
    }
    super::chart::steps(from, end, &line, hold, fmt)
}
