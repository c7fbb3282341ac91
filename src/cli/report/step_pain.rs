//! Pain during the steps that ask for it (`ask_pain`): per routine, step
//! and side (the affected or the healthy one), the median, latest and
//! highest answer over the window, and the step that provokes most. A
//! physiotherapist sees which of the exercises hurts, not only whether a
//! session did.

use std::fmt::Write as _;

use maud::{Markup, html};

use super::holds::on_affected;
use super::md::{cell, header, row};
use super::patient::{Patient, median};
use crate::core::routine::Side;

/// Which side of the patient a step's answers are about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leg {
    /// A step done with both legs at once, or with none.
    Neither,
    Affected,
    Healthy,
}

/// The answers for one step on one side, oldest first.
pub struct StepPains {
    pub routine: String,
    pub step: String,
    pub leg: Leg,
    pub answers: Vec<u8>,
}

impl StepPains {
    pub fn median(&self) -> Option<f64> {
        median(&mut self.answers.clone())
    }
}

fn leg(side: Option<Side>, affected: Option<Side>) -> Leg {
    match side {
        None => Leg::Neither,
        Some(_) if on_affected(side, affected) => Leg::Affected,
        Some(_) => Leg::Healthy,
    }
}

/// Every step with an answer in the window, in the order first answered.
pub fn step_pains(p: &Patient) -> Vec<StepPains> {
    let mut out: Vec<StepPains> = Vec::new();
    for s in &p.shown {
        for sp in &s.step_pain {
            let l = leg(sp.side, s.side);
            let found = out
                .iter()
                .position(|x| x.routine == s.routine.id && x.step == sp.step && x.leg == l);
            let i = found.unwrap_or_else(|| {
                out.push(StepPains {
                    routine: s.routine.id.clone(),
                    step: sp.step.clone(),
                    leg: l,
                    answers: Vec::new(),
                });
                out.len() - 1
            });
            out[i].answers.push(sp.pain);
        }
    }
    out
}

/// The step whose answers hurt most: the highest median, then the highest
/// latest answer. Only when more than one step was asked about.
pub fn most_provoking(all: &[StepPains]) -> Option<&StepPains> {
    if all.len() < 2 {
        return None;
    }
    let key = |x: &StepPains| (x.median().unwrap_or(0.0), x.answers.last().copied());
    all.iter().max_by(|a, b| {
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
    })
}

/// A median as people write it: "4", "4.5" (or "4,5").
fn number(p: &Patient, v: Option<f64>) -> String {
    match v {
        None => "–".into(),
        Some(v) if v.fract() == 0.0 => format!("{v:.0}"),
        Some(v) => p.t.w.f.decimal(v, 1),
    }
}

fn leg_name(p: &Patient, l: Leg) -> String {
    match l {
        Leg::Neither => "–".into(),
        Leg::Affected => p.t.r.side_affected.clone(),
        Leg::Healthy => p.t.r.side_healthy.clone(),
    }
}

fn cells(p: &Patient, x: &StepPains) -> Vec<String> {
    let latest = x.answers.last().map_or_else(|| "–".into(), u8::to_string);
    let highest = x
        .answers
        .iter()
        .max()
        .map_or_else(|| "–".into(), u8::to_string);
    vec![
        p.name(&x.routine),
        p.step_name(&x.routine, &x.step),
        leg_name(p, x.leg),
        x.answers.len().to_string(),
        number(p, x.median()),
        latest,
        highest,
    ]
}

/// "Most provoking: Knee-across hold, affected side (median 6)."
fn most_line(p: &Patient, all: &[StepPains]) -> Option<String> {
    let x = most_provoking(all)?;
    let mut step = p.step_name(&x.routine, &x.step);
    if x.leg != Leg::Neither {
        step = format!("{step}, {}", leg_name(p, x.leg));
    }
    Some(crate::i18n::fill(
        &p.t.r.step_pain_most,
        &[("step", &step), ("median", &number(p, x.median()))],
    ))
}

pub fn markdown(p: &Patient, out: &mut String) {
    let all = step_pains(p);
    if all.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}\n",
        p.t.r.step_pain, p.t.r.step_pain_about
    );
    header(out, &p.t.r.step_pain_columns);
    for x in &all {
        let c: Vec<String> = cells(p, x).iter().map(|c| cell(c)).collect();
        row(out, &c);
    }
    if let Some(line) = most_line(p, &all) {
        let _ = writeln!(out, "\n{}", cell(&line));
    }
}

pub fn html(p: &Patient) -> Markup {
    let all = step_pains(p);
    html! {
        @if !all.is_empty() {
            section #step-pain {
                h2 { (p.t.r.step_pain) }
                p.about { (p.t.r.step_pain_about) }
                table {
                    thead { tr { @for c in &p.t.r.step_pain_columns { th { (c) } } } }
                    tbody { @for x in &all { tr { @for c in cells(p, x) { td { (c) } } } } }
                }
                @if let Some(line) = most_line(p, &all) { p { strong { (line) } } }
            }
        }
    }
}
