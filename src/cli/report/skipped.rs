//! Steps skipped, and how often: per routine and step, skipped before any
//! work and cut short, against the sessions that reached the step.

use std::fmt::Write as _;

use maud::{Markup, html};

use super::md::{cell, header, row};
use super::patient::Patient;
use crate::core::record::StepStatus;

/// (routine, step, skipped, partly done, sessions that logged it), the
/// most skipped first.
pub fn skipped(p: &Patient) -> Vec<(String, String, u32, u32, u32)> {
    let mut out: Vec<(String, String, u32, u32, u32)> = Vec::new();
    for s in &p.shown {
        let mut seen: Vec<&str> = Vec::new();
        for st in &s.steps {
            if seen.contains(&st.step.as_str()) && st.status == StepStatus::Done {
                continue;
            }
            let i = match out
                .iter()
                .position(|x| x.0 == s.routine.id && x.1 == st.step)
            {
                Some(i) => i,
                None => {
                    out.push((s.routine.id.clone(), st.step.clone(), 0, 0, 0));
                    out.len() - 1
                }
            };
            if !seen.contains(&st.step.as_str()) {
                out[i].4 += 1;
                seen.push(&st.step);
            }
            match st.status {
                StepStatus::Skipped => out[i].2 += 1,
                StepStatus::Partial => out[i].3 += 1,
                StepStatus::Done => {}
            }
        }
    }
    out.retain(|x| x.2 + x.3 > 0);
    out.sort_by_key(|x| std::cmp::Reverse(x.2 + x.3));
    out
}

fn cells(p: &Patient, x: &(String, String, u32, u32, u32)) -> Vec<String> {
    vec![
        p.name(&x.0),
        p.step_name(&x.0, &x.1),
        x.2.to_string(),
        x.3.to_string(),
        x.4.to_string(),
    ]
}

pub fn markdown(p: &Patient, out: &mut String) {
    let all = skipped(p);
    let _ = writeln!(out, "\n## {}\n", p.t.r.skipped);
    if all.is_empty() {
        let _ = writeln!(out, "{}", p.t.r.none);
        return;
    }
    header(out, &p.t.r.skipped_columns);
    for x in &all {
        let c: Vec<String> = cells(p, x).iter().map(|c| cell(c)).collect();
        row(out, &c);
    }
}

pub fn html(p: &Patient) -> Markup {
    let all = skipped(p);
    html! {
        section #skipped {
            h2 { (p.t.r.skipped) }
            @if all.is_empty() { p { (p.t.r.none) } } @else {
                table {
                    thead { tr { @for c in &p.t.r.skipped_columns { th { (c) } } } }
                    tbody { @for x in &all { tr { @for c in cells(p, x) { td { (c) } } } } }
                }
            }
        }
    }
}
