//! Pain per routine (a massage and the exercises hurt differently): before
//! and after each session over the window, weekly medians, and a band of
//! 2 points around the first week's median, the smallest change on a
//! 0–10 scale that patients feel as one.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use maud::{Markup, PreEscaped, html};

use super::chart::{self, PainDot, PainLegend, WeekMedian};
use super::md::{capped, cell, header, row};
use super::patient::{Patient, median, week_of};

/// The smallest change in pain (0–10) worth the name.
pub const CHANGE: f64 = 2.0;

/// One routine's weekly medians, oldest first.
pub fn weekly(p: &Patient, routine: &str) -> Vec<(WeekMedian, usize)> {
    let mut weeks: BTreeMap<NaiveDate, (Vec<u8>, Vec<u8>)> = BTreeMap::new();
    for s in p.shown_of(routine) {
        if s.pain_before.is_none() && s.pain_after.is_none() {
            continue;
        }
        let w = weeks.entry(week_of(s.local_date)).or_default();
        w.0.extend(s.pain_before);
        w.1.extend(s.pain_after);
    }
    weeks
        .into_iter()
        .map(|(week, (mut b, mut a))| {
            let n = b.len().max(a.len());
            (
                WeekMedian {
                    week,
                    before: median(&mut b),
                    after: median(&mut a),
                },
                n,
            )
        })
        .collect()
}

fn routines_with_pain(p: &Patient) -> Vec<String> {
    p.routines()
        .map(|r| r.target.routine_id.clone())
        .filter(|id| {
            p.shown_of(id)
                .any(|s| s.pain_before.is_some() || s.pain_after.is_some())
        })
        .collect()
}

fn number(p: &Patient, v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| p.t.w.f.decimal(v, 1))
}

pub fn markdown(p: &Patient, out: &mut String) {
    let _ = writeln!(out, "\n## {}\n\n{}\n", p.t.r.pain, p.t.r.pain_about);
    let routines = routines_with_pain(p);
    if routines.is_empty() {
        let _ = writeln!(out, "{}", p.t.r.pain_none);
        return;
    }
    for id in routines {
        let _ = writeln!(out, "\n### {}\n", cell(&p.name(&id)));
        header(out, &p.t.r.pain_columns);
        let mut weeks = weekly(p, &id);
        weeks.reverse();
        capped(p, out, &weeks, |out, (w, n)| {
            row(
                out,
                &[
                    p.t.w.f.date(w.week),
                    number(p, w.before),
                    number(p, w.after),
                    n.to_string(),
                ],
            );
        });
    }
}

pub fn html(p: &Patient) -> Markup {
    let routines = routines_with_pain(p);
    let span = p.span();
    html! {
        section #pain {
            h2 { (p.t.r.pain) }
            p.about { (p.t.r.pain_about) " " (p.t.r.pain_chart_about) }
            @if routines.is_empty() { p { (p.t.r.pain_none) } }
            @for id in &routines {
                h3 { (p.name(id)) }
                @if let Some(span) = span {
                    @let weeks: Vec<WeekMedian> = weekly(p, id).into_iter().map(|w| w.0).collect();
                    @let dots: Vec<PainDot> = p.shown_of(id).map(|s| PainDot { date: s.local_date, before: s.pain_before, after: s.pain_after }).collect();
                    @let baseline = weeks.iter().find_map(|w| w.before);
                    @let legend = PainLegend { before: &p.t.r.pain_before, after: &p.t.r.pain_after, band: &p.t.r.pain_band };
                    figure.chart {
                        (PreEscaped(chart::pain(span, &dots, &weeks, baseline, &legend, &|d| p.t.w.f.date(d))))
                    }
                }
            }
        }
    }
}
