//! The appendix: how sessions are counted, and which version of each
//! routine (by hash) the sessions followed. It settles a question; it is
//! not what a physiotherapist reads first.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::md::{cell, header, row};
use super::patient::Patient;
use crate::core::sanitize::visible;
use crate::i18n::RxStrings;

/// (routine, version, hash prefix) → (sessions, first, last).
fn used(p: &Patient) -> BTreeMap<(String, u32, String), (usize, NaiveDate, NaiveDate)> {
    let mut used = BTreeMap::new();
    for s in &p.shown {
        let prefix: String = s
            .routine
            .hash
            .chars()
            .take(12)
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let key = (s.routine.id.clone(), s.routine.version, prefix);
        let e = used.entry(key).or_insert((0, s.local_date, s.local_date));
        e.0 += 1;
        e.1 = e.1.min(s.local_date);
        e.2 = e.2.max(s.local_date);
    }
    used
}

/// (prescription id, version) → (sessions, first, last); `None` for the
/// sessions of routines nobody prescribed. Empty when no session ran
/// under a prescription, so a log without any shows no table.
type ByPrescription = BTreeMap<Option<(String, u32)>, (usize, NaiveDate, NaiveDate)>;

fn prescribed(p: &Patient) -> ByPrescription {
    let mut out: ByPrescription = BTreeMap::new();
    for s in &p.shown {
        let key = s.prescription.as_ref().map(|r| (r.id.clone(), r.version));
        let e = out.entry(key).or_insert((0, s.local_date, s.local_date));
        e.0 += 1;
        e.1 = e.1.min(s.local_date);
        e.2 = e.2.max(s.local_date);
    }
    if out.keys().all(Option::is_none) {
        out.clear();
    }
    out
}

fn rx_cells(
    p: &Patient,
    rx: &RxStrings,
    k: &Option<(String, u32)>,
    v: &(usize, NaiveDate, NaiveDate),
) -> Vec<String> {
    let (id, version) = match k {
        Some((id, version)) => (visible(id).into_owned(), version.to_string()),
        None => (rx.report_unprescribed.clone(), String::new()),
    };
    vec![
        id,
        version,
        v.0.to_string(),
        p.t.w.f.date(v.1),
        p.t.w.f.date(v.2),
    ]
}

fn cells(p: &Patient, k: &(String, u32, String), v: &(usize, NaiveDate, NaiveDate)) -> Vec<String> {
    vec![
        p.name(&k.0),
        k.1.to_string(),
        k.2.clone(),
        v.0.to_string(),
        p.t.w.f.date(v.1),
        p.t.w.f.date(v.2),
    ]
}

pub fn markdown(p: &Patient, out: &mut String) {
    let _ = writeln!(out, "\n## {}\n\n{}\n", p.t.r.appendix, p.t.r.rule);
    let rx = RxStrings::get(p.t.w.lang);
    let by_rx = prescribed(p);
    if !by_rx.is_empty() {
        let _ = writeln!(out, "### {}\n\n{}\n", rx.report_title, rx.report_about);
        header(out, &rx.report_columns);
        for (k, v) in &by_rx {
            let c: Vec<String> = rx_cells(p, rx, k, v).iter().map(|c| cell(c)).collect();
            row(out, &c);
        }
        out.push('\n');
    }
    let used = used(p);
    if used.is_empty() {
        return;
    }
    header(out, &p.t.r.versions_columns);
    for (k, v) in &used {
        let mut c: Vec<String> = cells(p, k, v).iter().map(|c| cell(c)).collect();
        c[2] = format!("`{}`", c[2]);
        row(out, &c);
    }
}

pub fn html(p: &Patient) -> Markup {
    let used = used(p);
    let rx = RxStrings::get(p.t.w.lang);
    let by_rx = prescribed(p);
    html! {
        section #appendix {
            h2 { (p.t.r.appendix) }
            p.about { (p.t.r.rule) }
            @if !by_rx.is_empty() {
                h3 { (rx.report_title) }
                p.about { (rx.report_about) }
                table #prescriptions {
                    thead { tr { @for c in &rx.report_columns { th { (c) } } } }
                    tbody { @for (k, v) in &by_rx { tr { @for c in rx_cells(p, rx, k, v) { td { (c) } } } } }
                }
            }
            @if !used.is_empty() {
                table {
                    thead { tr { @for c in &p.t.r.versions_columns { th { (c) } } } }
                    tbody { @for (k, v) in &used { tr { @for c in cells(p, k, v) { td { (c) } } } } }
                }
            }
            p.made { (p.t.r.made_by) " " (env!("CARGO_PKG_VERSION")) }
        }
    }
}
