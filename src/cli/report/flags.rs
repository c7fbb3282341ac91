//! What a physiotherapist should see first: pain that rose after a
//! session, sessions stopped for pain, notes that mention a warning sign,
//! sessions started too soon (over-use), days missed in a row and pain at
//! the top of the scale during a step, flagged morning checks. Each kind
//! newest first.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use maud::{Markup, html};

use super::md::{capped, cell, header, row};
use super::page;
use super::patient::Patient;
use crate::core::due::too_soon_sessions;
use crate::core::outcome::morning::MorningFlag;
use crate::core::pain::{DURING_TOP, rise_to_report};
use crate::core::progress::SessionOutcome;
use crate::core::record::StopReason;
use crate::core::sanitize::visible;
use crate::i18n::{ReportStrings, durations, fill};
use crate::shell::speech::leg;

/// Days in a row without a completed session that make a flag: two can
/// be a busy weekend, three is a pattern worth a question.
pub const MISSED_IN_A_ROW: u32 = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FlagKind {
    PainRose,
    StoppedForPain,
    WarningNote,
    TooSoon,
    Missed,
    /// Pain of [`DURING_TOP`] or more during a step that asks for it.
    StepPain,
    /// A morning check flagged by `core::outcome::morning::flags`.
    Morning,
}

impl FlagKind {
    pub const ALL: [FlagKind; 7] = [
        FlagKind::PainRose,
        FlagKind::StoppedForPain,
        FlagKind::WarningNote,
        FlagKind::TooSoon,
        FlagKind::Missed,
        FlagKind::StepPain,
        FlagKind::Morning,
    ];

    pub fn heading(self, p: &Patient) -> &str {
        match self {
            FlagKind::PainRose => &p.t.c.report_rises,
            FlagKind::StoppedForPain => &p.t.r.flag_stopped,
            FlagKind::WarningNote => &p.t.r.flag_warning,
            FlagKind::TooSoon => &p.t.r.flag_too_soon,
            FlagKind::Missed => &p.t.r.flag_missed,
            FlagKind::StepPain => &p.t.r.flag_step_pain,
            FlagKind::Morning => &p.t.r.flag_morning,
        }
    }
}

/// One flag: its kind, when (the session's local time, or the last day
/// missed), the routine and what to show.
#[derive(Clone, Debug)]
pub struct Flag {
    pub kind: FlagKind,
    pub at: NaiveDateTime,
    pub routine: String,
    /// Pain before and after, where it matters.
    pub pain: (Option<u8>, Option<u8>),
    /// The note, or for missed days the first day missed.
    pub note: Option<String>,
    pub from: Option<NaiveDate>,
    pub days: u32,
}

impl Flag {
    fn new(kind: FlagKind, at: NaiveDateTime, routine: &str) -> Self {
        Flag {
            kind,
            at,
            routine: routine.to_string(),
            pain: (None, None),
            note: None,
            from: None,
            days: 0,
        }
    }
}

/// Whether `note` mentions a warning sign, in either language: a patient
/// may write in a language other than the reader's.
pub fn warns(note: &str, words: &[&ReportStrings]) -> bool {
    let note = note.to_lowercase();
    words
        .iter()
        .flat_map(|r| r.warning_words.iter())
        .any(|w| note.contains(&w.to_lowercase()))
}

/// Every flag of the window, newest first.
pub fn flags(p: &Patient) -> Vec<Flag> {
    let mut out = Vec::new();
    let en = ReportStrings::load(crate::i18n::Lang::En);
    let ru = ReportStrings::load(crate::i18n::Lang::Ru);
    for s in &p.shown {
        let at = s.started_at.naive_local();
        let rule = p.rule(&s.routine.id).and_then(|r| r.report_rise);
        if rise_to_report(rule, s.pain_before, s.pain_after).is_some() {
            let mut f = Flag::new(FlagKind::PainRose, at, &s.routine.id);
            f.pain = (s.pain_before, s.pain_after);
            out.push(f);
        }
        if s.outcome == SessionOutcome::Stopped(StopReason::Pain) {
            let mut f = Flag::new(FlagKind::StoppedForPain, at, &s.routine.id);
            f.pain = (s.pain_before, s.pain_after);
            f.note.clone_from(&s.note);
            out.push(f);
        }
        if let Some(note) = s.note.as_deref().filter(|n| warns(n, &[&en, &ru])) {
            let mut f = Flag::new(FlagKind::WarningNote, at, &s.routine.id);
            f.note = Some(note.to_string());
            out.push(f);
        }
        for sp in s.step_pain.iter().filter(|sp| sp.pain >= DURING_TOP) {
            let mut f = Flag::new(FlagKind::StepPain, at, &s.routine.id);
            f.pain = (Some(sp.pain), None);
            let mut step = p.step_name(&s.routine.id, &sp.step);
            if let Some(side) = sp.side {
                step = format!("{step}, {}", leg(&p.t.ui, side).to_lowercase());
            }
            f.note = Some(step);
            out.push(f);
        }
    }
    for r in &p.rules {
        for s in too_soon_sessions(&p.all, &r.routine, &r.schedule) {
            if p.window.keeps(s.local_date) {
                out.push(Flag::new(
                    FlagKind::TooSoon,
                    s.started_at.naive_local(),
                    &r.routine,
                ));
            }
        }
    }
    if let Some((from, to)) = p.span() {
        for rp in p.routines() {
            let first = rp.first_day.unwrap_or(from).max(from);
            // Today is not over: it is never missed yet.
            let last = to.min(p.today - Duration::days(1));
            let mut run: Option<(NaiveDate, u32)> = None;
            let mut date = first;
            let mut close = |run: &mut Option<(NaiveDate, u32)>, end: NaiveDate| {
                if let Some((start, n)) = run.take()
                    && n >= MISSED_IN_A_ROW
                {
                    let mut f = Flag::new(
                        FlagKind::Missed,
                        end.and_hms_opt(23, 59, 0).unwrap_or_default(),
                        &rp.target.routine_id,
                    );
                    f.from = Some(start);
                    f.days = n;
                    out.push(f);
                }
            };
            let mut prev = first;
            while date <= last {
                let d = rp.day(date);
                if d.target > 0 {
                    if d.completed == 0 {
                        let (start, n) = run.unwrap_or((date, 0));
                        run = Some((start, n + 1));
                        prev = date;
                    } else {
                        close(&mut run, prev);
                    }
                }
                date += Duration::days(1);
            }
            close(&mut run, prev);
        }
    }
    newest_first(&mut out);
    out
}

fn newest_first(flags: &mut [Flag]) {
    flags.sort_by(|a, b| b.at.cmp(&a.at).then(a.kind.cmp(&b.kind)));
}

/// Adds the flagged morning checks of the window to `p.flags`, once the
/// answers are attached (`measures::attach`).
pub fn add_mornings(p: &mut Patient) {
    let mornings: Vec<Flag> = p
        .outcomes
        .shown_mornings()
        .filter_map(|(day, flag)| {
            // A morning belongs to the patient, not to a routine.
            let mut f = Flag::new(FlagKind::Morning, day.date.into(), "");
            f.note = Some(morning_reasons(p, flag.as_ref()?));
            Some(f)
        })
        .collect();
    if !mornings.is_empty() {
        p.flags.extend(mornings);
        newest_first(&mut p.flags);
    }
}

/// Why a morning was flagged, in the clinician's words.
fn morning_reasons(p: &Patient, flag: &MorningFlag) -> String {
    let r = &p.t.r;
    let words = [
        &r.flag_morning_rise,
        &r.flag_morning_baseline,
        &r.flag_morning_worse,
    ];
    crate::i18n::outcome::reasons(flag, words, &score(None))
}

fn score(p: Option<u8>) -> String {
    p.map_or_else(|| "–".into(), |p| p.to_string())
}

/// How a flag of `kind` reads in a list.
fn describe(p: &Patient, f: &Flag) -> String {
    let r = &p.t.r;
    match f.kind {
        FlagKind::PainRose | FlagKind::StoppedForPain => fill(
            &r.flag_pain,
            &[("before", &score(f.pain.0)), ("after", &score(f.pain.1))],
        ),
        FlagKind::WarningNote => visible(f.note.as_deref().unwrap_or("")).into_owned(),
        FlagKind::Morning => f.note.clone().unwrap_or_default(),
        FlagKind::TooSoon => r.flag_too_soon_one.clone(),
        FlagKind::StepPain => fill(
            &r.flag_step_pain_one,
            &[
                ("pain", &score(f.pain.0)),
                ("step", f.note.as_deref().unwrap_or("")),
            ],
        ),
        FlagKind::Missed => fill(
            &r.flag_missed_one,
            &[
                ("days", &p.t.w.count(&p.t.w.s.days, u64::from(f.days))),
                ("from", &p.t.w.f.date(f.from.unwrap_or_default())),
                ("to", &p.t.w.f.date(f.at.date())),
            ],
        ),
    }
}

fn when(p: &Patient, f: &Flag) -> String {
    match f.kind {
        FlagKind::Missed | FlagKind::Morning => p.t.w.f.date(f.at.date()),
        _ => f.at.format(&date_time_pattern(p)).to_string(),
    }
}

/// The local date and time as the reader's language writes them.
fn date_time_pattern(p: &Patient) -> String {
    match p.t.w.lang {
        crate::i18n::Lang::En => "%Y-%m-%d %H:%M".into(),
        crate::i18n::Lang::Ru => "%d.%m.%Y %H:%M".into(),
    }
}

/// The rules behind the flags that have one: each routine's rise, the
/// interval, the run of missed days.
fn rise_rules(p: &Patient) -> Vec<(String, u8)> {
    p.rules
        .iter()
        .filter(|r| p.all.iter().any(|s| s.routine.id == r.routine))
        .filter_map(|r| Some((r.routine.clone(), r.report_rise?)))
        .collect()
}

/// Per routine: "Sessions started sooner than 4 h after the last
/// completed one: 3", the interval written out.
fn too_soon_lines(p: &Patient, flags: &[&Flag]) -> Vec<String> {
    p.rules
        .iter()
        .filter_map(|r| {
            let interval = r.schedule.interval?;
            let n = flags.iter().filter(|f| f.routine == r.routine).count();
            (n > 0).then(|| {
                let text = fill(
                    &p.t.c.report_too_soon,
                    &[
                        ("interval", &durations::words(interval.0, &p.t.ui, &p.t.w.f)),
                        ("n", &n.to_string()),
                    ],
                );
                format!("{}: {text}", p.name(&r.routine))
            })
        })
        .collect()
}

pub fn markdown(p: &Patient, out: &mut String) {
    let _ = writeln!(out, "\n## {}\n", p.t.r.flags);
    super::measures::red_flags_markdown(p, out);
    if p.flags.is_empty() && !super::measures::any_yes(p) {
        let _ = writeln!(out, "{}\n", p.t.r.flags_none);
    }
    for kind in FlagKind::ALL {
        let of_kind: Vec<&Flag> = p.flags.iter().filter(|f| f.kind == kind).collect();
        let rises = rise_rules(p);
        if kind == FlagKind::PainRose && !rises.is_empty() {
            let _ = writeln!(
                out,
                "\n### {}\n\n{}\n",
                p.t.c.report_rises, p.t.c.report_rises_about
            );
            for (routine, rise) in &rises {
                let rule = fill(&p.t.c.report_rises_rule, &[("n", &rise.to_string())]);
                let _ = writeln!(out, "- {}: {rule}", cell(&p.name(routine)));
            }
            let _ = writeln!(out);
            if of_kind.is_empty() {
                let _ = writeln!(out, "{}", p.t.c.report_rises_none);
                continue;
            }
            header(out, &p.t.c.report_rises_columns);
            capped(p, out, &of_kind, |out, f| {
                let s = p.shown.iter().find(|s| s.started_at.naive_local() == f.at);
                row(
                    out,
                    &[
                        when(p, f),
                        cell(&p.name(&f.routine)),
                        cell(s.and_then(|s| s.variant.as_deref()).unwrap_or("–")),
                        score(f.pain.0),
                        score(f.pain.1),
                    ],
                );
            });
            continue;
        }
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {} ({})\n", kind.heading(p), of_kind.len());
        if kind == FlagKind::TooSoon {
            for line in too_soon_lines(p, &of_kind) {
                let _ = writeln!(out, "- {}", cell(&line));
            }
            let _ = writeln!(out);
        }
        header(out, &p.t.r.flags_columns);
        capped(p, out, &of_kind, |out, f| {
            row(
                out,
                &[when(p, f), cell(&p.name(&f.routine)), cell(&describe(p, f))],
            );
        });
    }
}

pub fn html(p: &Patient) -> Markup {
    let rises = rise_rules(p);
    html! {
        section #flags {
            h2 { (p.t.r.flags) }
            (super::measures::red_flags_html(p))
            @if p.flags.is_empty() && !super::measures::any_yes(p) { p { (p.t.r.flags_none) } }
            @for kind in FlagKind::ALL {
                @let of_kind: Vec<&Flag> = p.flags.iter().filter(|f| f.kind == kind).collect();
                @if !of_kind.is_empty() {
                    h3 { (kind.heading(p)) " (" (of_kind.len()) ")" }
                    @if kind == FlagKind::TooSoon {
                        ul { @for line in too_soon_lines(p, &of_kind) { li { (line) } } }
                    }
                    @if kind == FlagKind::PainRose {
                        p.about {
                            (p.t.c.report_rises_about) " "
                            @for (i, (routine, rise)) in rises.iter().enumerate() {
                                @if i > 0 { "; " }
                                (p.name(routine)) ": "
                                (fill(&p.t.c.report_rises_rule, &[("n", &rise.to_string())]))
                            }
                        }
                    }
                    @let rows: Vec<Vec<String>> = of_kind.iter().map(|f| vec![when(p, f), p.name(&f.routine), describe(p, f)]).collect();
                    (page::table(&p.t.r.flags_columns, &rows, &p.t.r.and_more_html))
                }
            }
        }
    }
}
