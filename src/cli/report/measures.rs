//! The patient's answers in the report: what the log holds of them
//! ([`Outcomes`], computed once beside the sessions), and the section of
//! the outcome measures: PSFS per activity with the minimal important
//! change of 2 marked, sitting tolerance and usual pain over time, and
//! every red-flag check-in. A red flag answered yes also goes to the top
//! of the flags section ([`red_flags_markdown`], [`red_flags_html`]).

use std::fmt::Write as _;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::md::{capped, cell, header, row};
use super::page;
use super::patient::{Patient, Window};
use crate::core::outcome::morning::{MorningDay, MorningFlag, flags, mornings};
use crate::core::outcome::{Answer, Measure, RedFlag};
use crate::i18n::fill;
use crate::i18n::outcome::{OutcomeStrings, outcome};

/// The minimal important change of PSFS, in points.
pub const PSFS_MIC: i32 = 2;

/// The answers a report shows, computed once.
#[derive(Clone, Debug, Default)]
pub struct Outcomes {
    /// Every morning of the log, oldest first, each with its flag (the
    /// baseline is the log's first mornings, whatever the window).
    pub mornings: Vec<(MorningDay, Option<MorningFlag>)>,
    /// The answers in the window, oldest first, mornings aside.
    pub shown: Vec<Answer>,
    pub window: Window,
    /// The log has any answer at all: without one (a log from before
    /// answers), the report has no section for them.
    pub any: bool,
}

impl Outcomes {
    pub fn new(mut answers: Vec<Answer>, window: Window) -> Outcomes {
        answers.sort_by_key(|a| a.at);
        let any = !answers.is_empty();
        let days = mornings(&answers);
        let flagged = flags(&days);
        Outcomes {
            mornings: days.into_iter().zip(flagged).collect(),
            shown: answers
                .into_iter()
                .filter(|a| !matches!(a.measure, Measure::Morning { .. }))
                .filter(|a| window.keeps(a.at.date_naive()))
                .collect(),
            window,
            any,
        }
    }

    /// The mornings in the window that said anything.
    pub fn shown_mornings(&self) -> impl Iterator<Item = &(MorningDay, Option<MorningFlag>)> {
        self.mornings
            .iter()
            .filter(|(d, _)| self.window.keeps(d.date) && !d.is_empty())
    }

    /// Red-flag check-ins with a yes: (day, the signs answered yes).
    pub fn red_flag_yes(&self) -> Vec<(NaiveDate, Vec<RedFlag>)> {
        self.shown
            .iter()
            .filter_map(|a| match &a.measure {
                Measure::RedFlags { answers } => {
                    let yes: Vec<RedFlag> =
                        answers.iter().filter(|x| x.yes).map(|x| x.flag).collect();
                    (!yes.is_empty()).then(|| (a.at.date_naive(), yes))
                }
                _ => None,
            })
            .rev()
            .collect()
    }
}

/// The answers of an export or the log, into `p` (one call per report).
pub fn attach(p: &mut Patient, answers: Vec<Answer>) {
    p.outcomes = Outcomes::new(answers, p.window);
    super::flags::add_mornings(p);
}

fn o(p: &Patient) -> &'static OutcomeStrings {
    outcome(p.t.w.lang)
}

fn yes_lines(p: &Patient) -> Vec<String> {
    let o = o(p);
    p.outcomes
        .red_flag_yes()
        .into_iter()
        .map(|(date, yes)| {
            let names: Vec<&str> = yes.iter().map(|&f| o.red_flag_name(f)).collect();
            fill(
                &o.report_red_flag_yes,
                &[("date", &p.t.w.f.date(date)), ("flags", &names.join(", "))],
            )
        })
        .collect()
}

/// The summary's count of check-ins with a yes, first of the flags.
pub fn red_flag_count(p: &Patient) -> Option<(String, usize)> {
    let n = p.outcomes.red_flag_yes().len();
    (n > 0).then(|| (o(p).report_red_flags.clone(), n))
}

/// Whether any red flag was answered yes in the window.
pub fn any_yes(p: &Patient) -> bool {
    !p.outcomes.red_flag_yes().is_empty()
}

/// The red flags answered yes, first in the flags section.
pub fn red_flags_markdown(p: &Patient, out: &mut String) {
    let lines = yes_lines(p);
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {}\n", o(p).report_red_flags);
    for l in lines {
        let _ = writeln!(out, "- **{}**", cell(&l));
    }
    let _ = writeln!(out);
}

pub fn red_flags_html(p: &Patient) -> Markup {
    let lines = yes_lines(p);
    html! {
        @if !lines.is_empty() {
            h3.red-flags { (o(p).report_red_flags) }
            ul.red-flags { @for l in &lines { li { strong { (l) } } } }
        }
    }
}

/// PSFS per activity: the first score and the latest in the window, and
/// the change, marked when it reaches the minimal important change.
fn psfs_rows(p: &Patient) -> Vec<Vec<String>> {
    let mut first: Vec<(String, u8)> = Vec::new();
    let mut latest: Vec<(String, u8)> = Vec::new();
    for a in &p.outcomes.shown {
        if let Measure::Psfs { items } = &a.measure {
            for i in items {
                let Some(score) = i.score else { continue };
                if !first.iter().any(|(n, _)| *n == i.activity) {
                    first.push((i.activity.clone(), score));
                }
                match latest.iter_mut().find(|(n, _)| *n == i.activity) {
                    Some(l) => l.1 = score,
                    None => latest.push((i.activity.clone(), score)),
                }
            }
        }
    }
    first
        .iter()
        .map(|(name, f)| {
            let l = latest.iter().find(|(n, _)| n == name).map_or(*f, |x| x.1);
            let change = i32::from(l) - i32::from(*f);
            let mark = if change >= PSFS_MIC {
                " ▲"
            } else if change <= -PSFS_MIC {
                " ▼"
            } else {
                ""
            };
            vec![
                crate::core::sanitize::visible(name).into_owned(),
                f.to_string(),
                l.to_string(),
                format!("{change:+}{mark}"),
            ]
        })
        .collect()
}

/// (date, answer) of sitting tolerance or usual pain, newest first.
fn trend(p: &Patient, sitting: bool) -> Vec<Vec<String>> {
    let o = o(p);
    p.outcomes
        .shown
        .iter()
        .rev()
        .filter_map(|a| {
            match a.measure {
                Measure::Sitting { minutes } if sitting => {
                    Some(format!("{minutes} {}", o.minutes_unit))
                }
                Measure::UsualPain { pain } if !sitting => Some(format!("{pain}/10")),
                _ => None,
            }
            .map(|v| vec![p.t.w.f.date(a.at.date_naive()), v])
        })
        .collect()
}

/// Every red-flag check-in: (date, the signs answered yes or "no").
fn check_ins(p: &Patient) -> Vec<Vec<String>> {
    let o = o(p);
    p.outcomes
        .shown
        .iter()
        .rev()
        .filter_map(|a| match &a.measure {
            Measure::RedFlags { answers } => {
                let yes: Vec<&str> = answers
                    .iter()
                    .filter(|x| x.yes)
                    .map(|x| o.red_flag_name(x.flag))
                    .collect();
                let text = if yes.is_empty() {
                    p.t.ui.key_no.clone()
                } else {
                    yes.join(", ")
                };
                Some(vec![p.t.w.f.date(a.at.date_naive()), text])
            }
            _ => None,
        })
        .collect()
}

pub fn markdown(p: &Patient, out: &mut String) {
    if !p.outcomes.any {
        return;
    }
    let o = o(p);
    let _ = writeln!(out, "\n## {}\n", o.report_measures);
    let _ = writeln!(out, "\n### {}\n\n{}\n", o.report_psfs, o.report_psfs_about);
    let rows = psfs_rows(p);
    if rows.is_empty() {
        let _ = writeln!(out, "{}", o.report_none);
    } else {
        header(out, &o.report_psfs_columns);
        for r in &rows {
            row(out, &r.iter().map(|c| cell(c)).collect::<Vec<_>>());
        }
    }
    for (title, rows) in [
        (&o.report_sitting, trend(p, true)),
        (&o.report_usual_pain, trend(p, false)),
        (&o.report_check_ins, check_ins(p)),
    ] {
        let _ = writeln!(out, "\n### {title}\n");
        if rows.is_empty() {
            let _ = writeln!(out, "{}", o.report_none);
            continue;
        }
        header(out, &o.report_trend_columns);
        capped(p, out, &rows, |out, r| {
            row(out, &[r[0].clone(), cell(&r[1])])
        });
    }
}

pub fn html(p: &Patient) -> Markup {
    let o = o(p);
    let psfs = psfs_rows(p);
    html! {
        @if p.outcomes.any { section #measures {
            h2 { (o.report_measures) }
            h3 { (o.report_psfs) }
            p.about { (o.report_psfs_about) }
            @if psfs.is_empty() { p { (o.report_none) } } @else {
                (page::table(&o.report_psfs_columns, &psfs, &p.t.r.and_more_html))
            }
            @for (title, rows) in [(o.report_sitting.clone(), trend(p, true)), (o.report_usual_pain.clone(), trend(p, false)), (o.report_check_ins.clone(), check_ins(p))] {
                h3 { (title) }
                @if rows.is_empty() { p { (o.report_none) } } @else {
                    (page::table(&o.report_trend_columns, &rows, &p.t.r.and_more_html))
                }
            }
        } }
    }
}
