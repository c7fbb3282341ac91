//! The morning check over time: pain and stiffness on waking charted with
//! the baseline band, and each morning in a table with the patient's
//! comparison and why it was flagged (`core::outcome::morning`).

use std::fmt::Write as _;

use maud::{Markup, PreEscaped, html};

use super::chart::{self, PainDot, PainLegend, WeekMedian};
use super::md::{capped, cell, header, row};
use super::page;
use super::patient::Patient;
use crate::core::outcome::morning::{MorningDay, MorningFlag, baseline};
use crate::i18n::outcome::outcome;

fn rows(p: &Patient) -> Vec<Vec<String>> {
    let o = outcome(p.t.w.lang);
    let score = |s: Option<u8>| s.map_or_else(|| "–".to_string(), |s| s.to_string());
    let mut out: Vec<Vec<String>> = p
        .outcomes
        .shown_mornings()
        .map(|(d, flag): &(MorningDay, Option<MorningFlag>)| {
            vec![
                p.t.w.f.date(d.date),
                score(d.pain),
                score(d.stiffness),
                d.compared
                    .map_or_else(|| "–".to_string(), |c| o.compared(c).to_string()),
                flag.as_ref().map_or_else(String::new, |f| o.flag_line(f)),
            ]
        })
        .collect();
    out.reverse();
    out
}

pub fn markdown(p: &Patient, out: &mut String) {
    if !p.outcomes.any {
        return;
    }
    let o = outcome(p.t.w.lang);
    let _ = writeln!(
        out,
        "\n## {}\n\n{}\n",
        o.report_morning, o.report_morning_about
    );
    let rows = rows(p);
    if rows.is_empty() {
        let _ = writeln!(out, "{}", o.report_none);
        return;
    }
    header(out, &o.report_morning_columns);
    capped(p, out, &rows, |out, r| {
        row(out, &r.iter().map(|c| cell(c)).collect::<Vec<_>>());
    });
}

pub fn html(p: &Patient) -> Markup {
    let o = outcome(p.t.w.lang);
    let rows = rows(p);
    let days: Vec<MorningDay> = p.outcomes.mornings.iter().map(|(d, _)| *d).collect();
    let base = baseline(&days).map(f64::from);
    let shown: Vec<PainDot> = p
        .outcomes
        .shown_mornings()
        .map(|(d, _)| PainDot {
            date: d.date,
            before: d.pain,
            after: d.stiffness,
        })
        .collect();
    // A line through the mornings themselves: the chart draws a "week"
    // three days after its start, so each morning is given as the week
    // that puts it on its own day.
    let lines: Vec<WeekMedian> = shown
        .iter()
        .map(|d| WeekMedian {
            week: d.date - chrono::Duration::days(3),
            before: d.before.map(f64::from),
            after: d.after.map(f64::from),
        })
        .collect();
    let span = match (shown.first(), shown.last()) {
        (Some(a), Some(b)) => Some((
            p.window.since.unwrap_or(a.date).min(a.date),
            p.window.until.unwrap_or(b.date).max(b.date),
        )),
        _ => None,
    };
    let [pain, stiffness, band] = &o.report_morning_legend;
    let legend = PainLegend {
        before: pain,
        after: stiffness,
        band,
    };
    html! {
        @if p.outcomes.any { section #morning {
            h2 { (o.report_morning) }
            p.about { (o.report_morning_about) }
            @if rows.is_empty() { p { (o.report_none) } } @else {
                @if let Some(span) = span {
                    figure.chart {
                        (PreEscaped(chart::pain(span, &shown, &lines, base, &legend, &|d| p.t.w.f.date(d))))
                    }
                }
                (page::table(&o.report_morning_columns, &rows, &p.t.r.and_more_html))
            }
        } }
    }
}
