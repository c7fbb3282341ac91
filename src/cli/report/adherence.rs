//! Adherence per routine: prescribed against done over the last 7 and 30
//! days, days with a session beside days on target, the streak, a
//! calendar heat map of the window and sessions per week.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};
use maud::{Markup, PreEscaped, html};

use super::chart;
use super::md::{cell, header, row};
use super::patient::{Patient, week_of};
use crate::core::progress::{Adherence, RoutineProgress};
use crate::i18n::fill;

fn done_of(p: &Patient, a: &Adherence) -> String {
    format!("{}/{} ({})", a.completed, a.target, p.t.w.percent(a))
}

fn days_of(a: &Adherence) -> String {
    format!("{}/{}", a.days_with_session, a.days_due)
}

fn on_target_of(a: &Adherence) -> String {
    format!("{}/{}", a.days_on_target, a.days_due)
}

/// The cells of a routine's row, in the order of `adherence_columns`.
fn cells(p: &Patient, rp: &RoutineProgress) -> Vec<String> {
    let w = &p.t.w;
    let other: u32 = rp.days.values().map(|d| d.other).sum();
    vec![
        p.name(&rp.target.routine_id),
        fill(
            &p.t.r.per_day,
            &[("n", &rp.target.times_per_day.to_string())],
        ),
        done_of(p, &rp.adherence_7),
        done_of(p, &rp.adherence_30),
        days_of(&rp.adherence_30),
        on_target_of(&rp.adherence_30),
        fill(
            &p.t.r.streak_value,
            &[
                ("days", &w.count(&w.s.days, u64::from(rp.current_streak))),
                ("longest", &rp.longest_streak.to_string()),
            ],
        ),
        other.to_string(),
    ]
}

/// (week's Monday, completed, target) for every week of the window.
fn weeks(
    p: &Patient,
    rp: &RoutineProgress,
    (from, to): (NaiveDate, NaiveDate),
) -> Vec<(NaiveDate, u32, u32)> {
    let mut out: BTreeMap<NaiveDate, (u32, u32)> = BTreeMap::new();
    let first = rp.first_day.unwrap_or(from).max(from);
    let mut date = week_of(from);
    while date <= to {
        out.entry(week_of(date)).or_default();
        date += Duration::weeks(1);
    }
    let mut date = first;
    while date <= to {
        let d = rp.day(date);
        let e = out.entry(week_of(date)).or_default();
        e.0 += d.completed;
        e.1 += d.target;
        date += Duration::days(1);
    }
    let _ = p;
    out.into_iter().map(|(w, (c, t))| (w, c, t)).collect()
}

fn days(rp: &RoutineProgress, (from, to): (NaiveDate, NaiveDate)) -> Vec<(NaiveDate, u32, u32)> {
    let mut out = Vec::new();
    let mut date = from;
    while date <= to {
        let d = rp.day(date);
        out.push((date, d.completed, d.target));
        date += Duration::days(1);
    }
    out
}

pub fn markdown(p: &Patient, out: &mut String) {
    let _ = writeln!(
        out,
        "\n## {}\n\n{}\n",
        p.t.r.adherence, p.t.r.adherence_about
    );
    header(out, &p.t.r.adherence_columns);
    for rp in &p.progress {
        let c: Vec<String> = cells(p, rp).iter().map(|c| cell(c)).collect();
        row(out, &c);
    }
    if let Some(span) = p.span() {
        for rp in p.routines() {
            let weeks = weeks(p, rp, span);
            let recent: Vec<String> = weeks
                .iter()
                .rev()
                .take(12)
                .rev()
                .map(|(_, c, t)| format!("{c}/{t}"))
                .collect();
            let _ = writeln!(
                out,
                "\n{}: {}",
                cell(&fill(
                    &p.t.r.per_week_md,
                    &[("routine", &p.name(&rp.target.routine_id))]
                )),
                recent.join(", ")
            );
        }
    }
}

pub fn html(p: &Patient) -> Markup {
    let span = p.span();
    let weekdays: [String; 7] = p.t.r.weekdays.clone();
    html! {
        section #adherence {
            h2 { (p.t.r.adherence) }
            p.about { (p.t.r.adherence_about) }
            table {
                thead { tr { @for c in &p.t.r.adherence_columns { th { (c) } } } }
                tbody { @for rp in &p.progress { tr { @for c in cells(p, rp) { td { (c) } } } } }
            }
            @if let Some(span) = span {
                @let heat = (span.0.max(span.1 - Duration::days(364)), span.1);
                @for rp in p.routines() {
                    h3 { (p.name(&rp.target.routine_id)) }
                    p.legend { (p.t.r.heat_about) }
                    figure.chart.heat {
                        (PreEscaped(chart::heat_map(heat, &days(rp, heat), &weekdays, &|d| p.t.w.f.day_month(d))))
                    }
                    figure.chart {
                        (PreEscaped(chart::per_week(&weeks(p, rp, span), (&p.t.r.per_week_done, &p.t.r.per_week_target), &|d| p.t.w.f.day_month(d))))
                    }
                }
            }
        }
    }
}
