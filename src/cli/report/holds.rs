//! Holds "as long as possible" per routine and step, the affected side
//! against the healthy one over time.

use std::fmt::Write as _;

use chrono::NaiveDate;
use maud::{Markup, PreEscaped, html};

use super::chart;
use super::md::{cell, header, row};
use super::patient::Patient;
use crate::core::routine::Side;
use crate::i18n::durations;

/// Whether a hold on `leg` was on the affected side of a session whose
/// affected side is `affected`.
pub(super) fn on_affected(leg: Option<Side>, affected: Option<Side>) -> bool {
    match (leg, affected) {
        (Some(l), Some(a)) => a == Side::Both || l == a,
        _ => true,
    }
}

/// One step's holds: (date, ms) on the affected side and on the healthy.
pub struct Holds {
    pub routine: String,
    pub step: String,
    pub affected: Vec<(NaiveDate, u64)>,
    pub healthy: Vec<(NaiveDate, u64)>,
}

pub fn holds(p: &Patient) -> Vec<Holds> {
    let mut out: Vec<Holds> = Vec::new();
    for s in &p.shown {
        for st in &s.steps {
            let Some(ms) = st.held_ms else { continue };
            let i = match out
                .iter()
                .position(|h| h.routine == s.routine.id && h.step == st.step)
            {
                Some(i) => i,
                None => {
                    out.push(Holds {
                        routine: s.routine.id.clone(),
                        step: st.step.clone(),
                        affected: Vec::new(),
                        healthy: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            let h = &mut out[i];
            if on_affected(st.side, s.side) {
                h.affected.push((s.local_date, ms));
            } else {
                h.healthy.push((s.local_date, ms));
            }
        }
    }
    out
}

pub fn markdown(p: &Patient, out: &mut String) {
    let all = holds(p);
    if all.is_empty() {
        return;
    }
    let w = &p.t.w;
    let _ = writeln!(out, "\n## {}\n\n{}\n", p.t.r.holds, p.t.r.holds_about);
    header(out, &p.t.r.holds_columns);
    let time = |ms: u64| durations::compact(ms, &w.s);
    for h in &all {
        for (side, times) in [
            (&p.t.r.side_affected, &h.affected),
            (&p.t.r.side_healthy, &h.healthy),
        ] {
            if times.is_empty() {
                continue;
            }
            let best = times.iter().map(|t| t.1).max().unwrap_or_default();
            let trend: Vec<String> = times[times.len().saturating_sub(6)..]
                .iter()
                .map(|t| time(t.1))
                .collect();
            row(
                out,
                &[
                    cell(&p.name(&h.routine)),
                    cell(&p.step_name(&h.routine, &h.step)),
                    side.clone(),
                    times.len().to_string(),
                    time(best),
                    trend.join(" → "),
                ],
            );
        }
    }
}

pub fn html(p: &Patient) -> Markup {
    let all = holds(p);
    let span = p.span();
    let secs = |v: &[(NaiveDate, u64)]| {
        v.iter()
            .map(|t| (t.0, t.1 as f64 / 1000.0))
            .collect::<Vec<_>>()
    };
    html! {
        @if !all.is_empty() {
            section #holds {
                h2 { (p.t.r.holds) }
                p.about { (p.t.r.holds_about) }
                @if let Some(span) = span {
                    @for h in &all {
                        h3 { (p.name(&h.routine)) ": " (p.step_name(&h.routine, &h.step)) }
                        figure.chart {
                            (PreEscaped(chart::holds(span, &secs(&h.affected), &secs(&h.healthy), (&p.t.r.side_affected, &p.t.r.side_healthy), &|d| p.t.w.f.date(d))))
                        }
                    }
                }
            }
        }
    }
}
