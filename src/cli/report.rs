//! `limber report`: a Markdown report for the physiotherapist, from the
//! log or from exported logs given with `--log`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

use chrono::{Datelike, Duration, NaiveDate};

use super::context::Context;
use super::error::Error;
use super::history::course_text;
use super::history::{pain, stop_reason};
use super::log;
use super::markdown::{cell as md_cell, header as md_header, row as md_row};
use super::suggest;
use crate::core::due::too_soon_count;
use crate::core::pain::rise_to_report;
use crate::core::progress::{
    RoutineProgress, SessionOutcome, SessionSummary, Target, progress, targets_for,
};
use crate::core::record::StopReason;
use crate::core::routine::{Schedule, Side};
use crate::core::sanitize::visible_lines;
use crate::i18n::{CliStrings, ClinicStrings, Formats, Lang, Strings, Words, durations, fill};
use crate::shell::exit::Exit;
use crate::store::routines::Library;

/// `limber report`.
/// `limber report [--since DATE] [--log FILE...]`: on `files` when given,
/// on the user's own log else.
pub fn run(ctx: &mut Context, since: Option<NaiveDate>, files: &[PathBuf]) -> Result<Exit, Error> {
    let log = if files.is_empty() {
        ctx.open_log()?
    } else {
        Some(log::in_memory(files, ctx.lang, &mut ctx.err)?)
    };
    let sessions = match &log {
        Some(log) => log.sessions(None, since)?,
        None => Vec::new(),
    };
    if let Some(log) = &log {
        log::tell_unreadable(log, ctx.lang, &mut ctx.err)?;
    }
    // A window after the last session is not an empty log: say which it
    // is, or the report's "no sessions logged yet" misleads.
    if let (Some(since), Some(log), true) = (since, &log, sessions.is_empty()) {
        let last = log.sessions(None, None)?.iter().map(|x| x.local_date).max();
        if let Some(last) = last {
            let s = CliStrings::load(ctx.lang);
            let text = fill(
                &s.history_none_since,
                &[("since", &since.to_string()), ("last", &last.to_string())],
            );
            writeln!(ctx.err, "{}", suggest::hint(&s, &text))?;
            return Ok(Exit::Done);
        }
    }
    let library = ctx.library.get();
    let targets = known_targets(library, &sessions);
    let text = report(
        &sessions,
        &targets,
        &rules(library, ctx.lang),
        crate::shell::clock::local_now().date_naive(),
        ctx.lang,
    );
    ctx.out.write_all(text.as_bytes())?;
    Ok(Exit::Done)
}

/// What a routine tells the report: its name for the reader, and what to
/// watch for the physiotherapist.
#[derive(Clone, Debug)]
pub struct RoutineRules {
    pub routine: String,
    /// The name to print instead of the id: English ids read as names in
    /// English; in another language the command gives the title, since
    /// `piriformis-stretch` means nothing to the reader.
    pub title: Option<String>,
    /// How many points of pain after a session above pain before are
    /// worth hearing about (`report_rise`).
    pub report_rise: Option<u8>,
    /// The schedule, whose interval is the ceiling sessions are counted
    /// against.
    pub schedule: Schedule,
}

/// The rules of every loaded routine, named for a reader of `lang`.
fn rules(library: &Library, lang: Lang) -> Vec<RoutineRules> {
    library
        .routines
        .iter()
        .map(|l| RoutineRules {
            routine: l.routine.id.clone(),
            title: (lang != Lang::En).then(|| l.routine.title.clone()),
            report_rise: l.routine.pain.as_ref().and_then(|p| p.report_rise),
            schedule: l.routine.schedule.clone(),
        })
        .collect()
}

/// How the report names a routine: by the title its rules give, else by
/// the id; as a Markdown table cell.
fn name_of(rules: &[RoutineRules], id: &str) -> String {
    let title = rules.iter().find(|r| r.routine == id);
    md_cell(title.and_then(|r| r.title.as_deref()).unwrap_or(id))
}

/// Targets of the loaded routines, and of routines only the log knows.
fn known_targets(library: &Library, sessions: &[SessionSummary]) -> Vec<Target> {
    let known: Vec<Target> = library
        .routines
        .iter()
        .map(|l| Target::from(&l.routine))
        .collect();
    targets_for(sessions, &known)
}

fn avg(sum: u32, n: u32, f: &Formats) -> String {
    if n == 0 {
        "–".into()
    } else {
        f.decimal(f64::from(sum) / f64::from(n), 1)
    }
}

/// A Markdown report for the physiotherapist in `lang`: adherence,
/// courses, pain, stopped sessions, holds, and the routine versions last.
/// Routines in the history but not in `targets` are reported with a
/// once-a-day target. `rules` are the routines' own: how each is named,
/// the sessions after which pain rose by at least its `report_rise`
/// (the section appears when any routine has the rule), and the sessions
/// started sooner than its interval.
pub fn report(
    sessions: &[SessionSummary],
    targets: &[Target],
    rules: &[RoutineRules],
    today: NaiveDate,
    lang: Lang,
) -> String {
    let w = Words::new(lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", w.s.report_title);
    let (first, last) = (
        sessions.iter().map(|s| s.local_date).min(),
        sessions.iter().map(|s| s.local_date).max(),
    );
    let span = match (first, last) {
        (Some(f), Some(l)) => fill(
            &w.s.report_span,
            &[
                ("today", &w.f.date(today)),
                ("sessions", &w.count(&w.s.sessions, sessions.len() as u64)),
                ("first", &w.f.date(f)),
                ("last", &w.f.date(l)),
            ],
        ),
        _ => fill(&w.s.report_empty, &[("today", &w.f.date(today))]),
    };
    let _ = writeln!(out, "{span}\n");
    let _ = writeln!(out, "{}\n", w.s.report_rule);

    // A routine deleted since is still in the history: report it too.
    let all: Vec<RoutineProgress> = targets_for(sessions, targets)
        .iter()
        .map(|t| progress(sessions, t, today))
        .collect();

    let _ = writeln!(out, "## {}\n", w.s.report_adherence);
    md_header(&mut out, &w.s.report_adherence_columns);
    for p in &all {
        let other: u32 = p.days.values().map(|d| d.other).sum();
        let (a7, a30) = (&p.adherence_7, &p.adherence_30);
        md_row(
            &mut out,
            &[
                name_of(rules, &p.target.routine_id),
                fill(
                    &w.s.report_per_day,
                    &[("n", &p.target.times_per_day.to_string())],
                ),
                format!("{}/{}", p.today_done, p.today_target),
                format!("{}/{} ({})", a7.completed, a7.target, w.percent(a7)),
                format!("{}/{} ({})", a30.completed, a30.target, w.percent(a30)),
                w.count(&w.s.report_days, u64::from(p.current_streak)),
                w.count(&w.s.report_days, u64::from(p.longest_streak)),
                other.to_string(),
            ],
        );
    }

    report_too_soon(&mut out, sessions, rules, lang, &w);

    let courses: Vec<&RoutineProgress> = all.iter().filter(|p| p.course.is_some()).collect();
    if !courses.is_empty() {
        let _ = writeln!(out, "\n## {}\n", w.s.report_courses);
        md_header(&mut out, &w.s.report_courses_columns);
        for p in courses {
            let Some(c) = p.course else { continue };
            let mut pause = w.count(&w.s.days, u64::from(c.pause_days));
            if c.pause_sessions > 0 {
                let done = w.count(&w.s.report_pause_sessions, u64::from(c.pause_sessions));
                let _ = write!(pause, " ({done})");
            }
            md_row(
                &mut out,
                &[
                    name_of(rules, &p.target.routine_id),
                    c.number.to_string(),
                    course_text(p.course, &w).unwrap_or_default(),
                    c.courses_completed.to_string(),
                    pause,
                ],
            );
        }
    }

    report_pain(&mut out, sessions, rules, today, &w);
    report_rises(&mut out, sessions, rules, lang, &w);
    report_stopped(&mut out, sessions, rules, &w);
    report_holds(&mut out, sessions, rules, &w);
    // Versions and hashes last: they settle a dispute, they are not what a
    // physiotherapist reads first.
    report_versions(&mut out, sessions, rules, &w);
    // Ids, notes and hashes come from the log: shown, never obeyed.
    visible_lines(&out).into_owned()
}

/// Per routine with an interval, how many sessions started sooner than it
/// after the last completed one: over-use, said, never blocked.
fn report_too_soon(
    out: &mut String,
    sessions: &[SessionSummary],
    rules: &[RoutineRules],
    lang: Lang,
    w: &Words,
) {
    let c = ClinicStrings::load(lang);
    let ui = Strings::load(lang);
    let mut lines = Vec::new();
    for r in rules {
        let Some(interval) = r.schedule.interval else {
            continue;
        };
        let n = too_soon_count(sessions, &r.routine, &r.schedule);
        if n > 0 {
            let text = fill(
                &c.report_too_soon,
                &[
                    ("interval", &durations::words(interval.0, &ui, &w.f)),
                    ("n", &n.to_string()),
                ],
            );
            lines.push(format!("- {}: {text}", name_of(rules, &r.routine)));
        }
    }
    if !lines.is_empty() {
        let _ = writeln!(out, "\n{}", lines.join("\n"));
    }
}

/// Sessions after which pain rose by at least their routine's rule, with
/// each routine's rule written as a number.
fn report_rises(
    out: &mut String,
    sessions: &[SessionSummary],
    rules: &[RoutineRules],
    lang: Lang,
    w: &Words,
) {
    let rises: Vec<(&str, u8)> = rules
        .iter()
        .filter_map(|r| Some((r.routine.as_str(), r.report_rise?)))
        .collect();
    if rises.is_empty() {
        return;
    }
    let c = ClinicStrings::load(lang);
    let _ = writeln!(out, "\n## {}\n\n{}\n", c.report_rises, c.report_rises_about);
    for (routine, rise) in &rises {
        let rule = fill(&c.report_rises_rule, &[("n", &rise.to_string())]);
        let _ = writeln!(out, "- {}: {rule}", name_of(rules, routine));
    }
    let _ = writeln!(out);
    let flagged: Vec<&SessionSummary> = sessions
        .iter()
        .filter(|s| {
            let rule = rises.iter().find(|(id, _)| *id == s.routine.id);
            rise_to_report(rule.map(|(_, r)| *r), s.pain_before, s.pain_after).is_some()
        })
        .collect();
    if flagged.is_empty() {
        let _ = writeln!(out, "{}", c.report_rises_none);
        return;
    }
    md_header(out, &c.report_rises_columns);
    for s in flagged {
        let score = |p: Option<u8>| p.map_or_else(String::new, |p| p.to_string());
        md_row(
            out,
            &[
                w.f.date_time(&s.started_at),
                name_of(rules, &s.routine.id),
                s.variant.clone().unwrap_or_else(|| "–".into()),
                score(s.pain_before),
                score(s.pain_after),
            ],
        );
    }
}

/// Weekly averages over the last 12 weeks, per routine (a massage and the
/// exercises hurt differently), every outcome.
fn report_pain(
    out: &mut String,
    sessions: &[SessionSummary],
    rules: &[RoutineRules],
    today: NaiveDate,
    w: &Words,
) {
    let week_of = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let from = week_of(today) - Duration::weeks(11);
    let mut weeks: BTreeMap<(&str, NaiveDate), [u32; 4]> = BTreeMap::new();
    for s in sessions
        .iter()
        .filter(|s| s.local_date >= from && s.local_date <= today)
    {
        let week = weeks
            .entry((s.routine.id.as_str(), week_of(s.local_date)))
            .or_default();
        if let Some(p) = s.pain_before {
            week[0] += u32::from(p);
            week[1] += 1;
        }
        if let Some(p) = s.pain_after {
            week[2] += u32::from(p);
            week[3] += 1;
        }
    }
    weeks.retain(|_, week| week[1] + week[3] > 0);
    let _ = writeln!(
        out,
        "\n## {}\n\n{}\n",
        w.s.report_pain, w.s.report_pain_about
    );
    if weeks.is_empty() {
        let _ = writeln!(out, "{}", w.s.report_pain_none);
        return;
    }
    md_header(out, &w.s.report_pain_columns);
    for ((routine, start), week) in weeks {
        md_row(
            out,
            &[
                name_of(rules, routine),
                w.f.date(start),
                avg(week[0], week[1], &w.f),
                avg(week[2], week[3], &w.f),
                week[1].max(week[3]).to_string(),
            ],
        );
    }
}

fn report_versions(
    out: &mut String,
    sessions: &[SessionSummary],
    rules: &[RoutineRules],
    w: &Words,
) {
    let mut used: BTreeMap<(&str, u32, &str), (usize, NaiveDate, NaiveDate)> = BTreeMap::new();
    for s in sessions {
        let key = (
            s.routine.id.as_str(),
            s.routine.version,
            s.routine.hash.as_str(),
        );
        let e = used.entry(key).or_insert((0, s.local_date, s.local_date));
        e.0 += 1;
        e.1 = e.1.min(s.local_date);
        e.2 = e.2.max(s.local_date);
    }
    let _ = writeln!(out, "\n## {}\n", w.s.report_versions);
    if used.is_empty() {
        let _ = writeln!(out, "{}", w.s.report_none);
        return;
    }
    md_header(out, &w.s.report_versions_columns);
    for ((id, version, hash), (n, first, last)) in used {
        let prefix: String = hash
            .chars()
            .take(12)
            .filter(char::is_ascii_alphanumeric)
            .collect();
        md_row(
            out,
            &[
                name_of(rules, id),
                version.to_string(),
                format!("`{prefix}`"),
                n.to_string(),
                w.f.date(first),
                w.f.date(last),
            ],
        );
    }
}

fn report_stopped(
    out: &mut String,
    sessions: &[SessionSummary],
    rules: &[RoutineRules],
    w: &Words,
) {
    let stopped: Vec<(&SessionSummary, StopReason)> = sessions
        .iter()
        .filter_map(|s| stop_reason(s.outcome).map(|r| (s, r)))
        .collect();
    let _ = writeln!(out, "\n## {}\n", w.s.report_stopped);
    if stopped.is_empty() {
        let _ = writeln!(out, "{}", w.s.report_none);
    } else {
        md_header(out, &w.s.report_stopped_columns);
        for (s, why) in stopped {
            md_row(
                out,
                &[
                    w.f.date(s.local_date),
                    s.started_at.format("%H:%M %:z").to_string(),
                    name_of(rules, &s.routine.id),
                    w.s.reason(why).to_string(),
                    {
                        let c = s.step_counts();
                        format!("{}/{}", c.done, c.planned)
                    },
                    pain(s.pain_before, s.pain_after),
                    md_cell(s.note.as_deref().unwrap_or("")),
                ],
            );
        }
    }
    let interrupted = sessions
        .iter()
        .filter(|s| s.outcome == SessionOutcome::Interrupted)
        .count();
    let abandoned = sessions
        .iter()
        .filter(|s| s.outcome == SessionOutcome::Abandoned)
        .count();
    if interrupted + abandoned > 0 {
        let text = fill(
            &w.s.report_not_completed,
            &[
                ("abandoned", &abandoned.to_string()),
                ("interrupted", &interrupted.to_string()),
            ],
        );
        let _ = writeln!(out, "\n{text}");
    }
}

/// Holds "as long as possible": per routine, step and leg, the time held
/// in every session that logged it, oldest first. Left out when no session
/// has one.
fn report_holds(out: &mut String, sessions: &[SessionSummary], rules: &[RoutineRules], w: &Words) {
    type HoldKey = (String, String, Option<Side>);
    let mut holds: Vec<(HoldKey, Vec<u64>)> = Vec::new();
    let mut ordered: Vec<&SessionSummary> = sessions.iter().collect();
    ordered.sort_by_key(|s| s.started_at);
    for s in ordered {
        for st in &s.steps {
            let Some(ms) = st.held_ms else { continue };
            let key = (s.routine.id.clone(), st.step.clone(), st.side);
            match holds.iter_mut().find(|(k, _)| *k == key) {
                Some((_, times)) => times.push(ms),
                None => holds.push((key, vec![ms])),
            }
        }
    }
    if holds.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {}\n", w.s.report_holds);
    let _ = writeln!(out, "{}\n", w.s.report_holds_about);
    md_header(out, &w.s.report_holds_columns);
    let time = |ms: u64| durations::compact(ms, &w.s);
    for ((routine, step, leg), times) in holds {
        let best = times.iter().copied().max().unwrap_or_default();
        let latest = times.last().copied().unwrap_or_default();
        let trend: Vec<String> = times[times.len().saturating_sub(8)..]
            .iter()
            .map(|&ms| time(ms))
            .collect();
        md_row(
            out,
            &[
                name_of(rules, &routine),
                step,
                leg.map(|l| w.s.side(l).to_string()).unwrap_or_default(),
                times.len().to_string(),
                time(best),
                time(latest),
                trend.join(" → "),
            ],
        );
    }
}
