//! Every patient at once: an index with a row per patient (the label,
//! adherence over 30 days, the pain trend, the last session, the flags),
//! each linking to the patient's own report.

use std::fmt::Write as _;

use chrono::Duration;
use maud::{Markup, html};

use super::md::{cell, header, row};
use super::pain::CHANGE;
use super::patient::{Patient, Texts, median};
use crate::core::progress::Adherence;

/// One patient's row and the file of their report.
pub struct PatientRow<'a> {
    pub patient: &'a Patient,
    pub file: String,
    pub name: String,
}

/// Adherence over 30 days, every routine together.
pub fn adherence_30(p: &Patient) -> Adherence {
    let mut a = Adherence::default();
    for rp in p.routines() {
        let b = rp.adherence_30;
        a.days = a.days.max(b.days);
        a.completed += b.completed;
        a.target += b.target;
    }
    a
}

/// Median pain before a session, the two weeks before last against the
/// last two, every routine: "5 → 3 ↓".
pub fn pain_trend(p: &Patient) -> String {
    let mid = p.today - Duration::days(14);
    let start = p.today - Duration::days(28);
    let (mut early, mut late) = (Vec::new(), Vec::new());
    for s in &p.all {
        let Some(v) = s.pain_before else { continue };
        if s.local_date > mid && s.local_date <= p.today {
            late.push(v);
        } else if s.local_date > start && s.local_date <= mid {
            early.push(v);
        }
    }
    let f = &p.t.w.f;
    match (median(&mut early), median(&mut late)) {
        (Some(a), Some(b)) => {
            let arrow = if b - a >= CHANGE {
                "↑"
            } else if a - b >= CHANGE {
                "↓"
            } else {
                "→"
            };
            format!("{} → {} {arrow}", f.decimal(a, 1), f.decimal(b, 1))
        }
        (None, Some(b)) => f.decimal(b, 1),
        _ => "–".into(),
    }
}

fn cells(t: &Texts, e: &PatientRow) -> Vec<String> {
    let p = e.patient;
    vec![
        e.name.clone(),
        t.w.percent(&adherence_30(p)),
        pain_trend(p),
        p.last_session()
            .map(|s| t.w.f.date(s.date_naive()))
            .unwrap_or_else(|| "–".into()),
        p.flags.len().to_string(),
    ]
}

pub fn markdown(t: &Texts, entries: &[PatientRow]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n{}\n", t.r.index_title, t.r.index_about);
    header(&mut out, &t.r.index_columns);
    for e in entries {
        let mut c: Vec<String> = cells(t, e).iter().map(|c| cell(c)).collect();
        c[0] = format!("[{}]({})", c[0].replace(['[', ']'], ""), e.file);
        row(&mut out, &c);
    }
    out
}

pub fn html(t: &Texts, entries: &[PatientRow]) -> Markup {
    html! {
        header { h1 { (t.r.index_title) } p.about { (t.r.index_about) } }
        table.index {
            thead { tr { @for c in &t.r.index_columns { th { (c) } } } }
            tbody {
                @for e in entries {
                    @let c = cells(t, e);
                    tr {
                        td { a href=(e.file) { (c[0]) } }
                        @for x in &c[1..] { td { (x) } }
                    }
                }
            }
        }
    }
}
