//! Every note the patient wrote after a session, whatever its outcome,
//! newest first.

use std::fmt::Write as _;

use maud::{Markup, html};

use super::md::{capped, cell, header, row};
use super::page;
use super::patient::Patient;
use crate::core::progress::SessionSummary;
use crate::core::sanitize::visible;

pub fn noted(p: &Patient) -> Vec<&SessionSummary> {
    let mut out: Vec<&SessionSummary> = p
        .shown
        .iter()
        .filter(|s| s.note.as_deref().is_some_and(|n| !n.trim().is_empty()))
        .collect();
    out.reverse();
    out
}

fn cells(p: &Patient, s: &SessionSummary) -> Vec<String> {
    let score = |v: Option<u8>| v.map_or_else(|| "–".into(), |v| v.to_string());
    vec![
        p.t.w.f.date_time(&s.started_at),
        p.name(&s.routine.id),
        p.t.w.s.outcome(s.outcome).to_string(),
        format!("{} → {}", score(s.pain_before), score(s.pain_after)),
        visible(s.note.as_deref().unwrap_or("")).into_owned(),
    ]
}

pub fn markdown(p: &Patient, out: &mut String) {
    let all = noted(p);
    let _ = writeln!(out, "\n## {}\n", p.t.r.notes);
    if all.is_empty() {
        let _ = writeln!(out, "{}", p.t.r.none);
        return;
    }
    header(out, &p.t.r.notes_columns);
    capped(p, out, &all, |out, s| {
        let c: Vec<String> = cells(p, s).iter().map(|c| cell(c)).collect();
        row(out, &c);
    });
}

pub fn html(p: &Patient) -> Markup {
    let all = noted(p);
    html! {
        section #notes {
            h2 { (p.t.r.notes) }
            @if all.is_empty() { p { (p.t.r.none) } } @else {
                @let rows: Vec<Vec<String>> = all.iter().map(|s| cells(p, s)).collect();
                (page::table(&p.t.r.notes_columns, &rows, &p.t.r.and_more_html))
            }
        }
    }
}
