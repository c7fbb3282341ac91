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
use crate::core::pain::rise_to_report;
use crate::core::progress::{
    RoutineProgress, SessionOutcome, SessionSummary, Target, progress, targets_for,
};
use crate::core::record::StopReason;
use crate::core::routine::Side;
use crate::core::sanitize::visible_lines;
use crate::i18n::{CliStrings, ClinicStrings, Formats, Lang, Words, durations, fill};
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
    // English ids read as names in English; in another language the
    // routine is named by its title.
    let names = Names {
        titles: if ctx.lang == Lang::En {
            Vec::new()
        } else {
            library
                .routines
                .iter()
                .map(|l| (l.routine.id.clone(), l.routine.title.clone()))
                .collect()
        },
    };
    let text = report_named(
        &sessions,
        &targets,
        &rises(library),
        &names,
        crate::shell::clock::local_now().date_naive(),
        ctx.lang,
    );
    ctx.out.write_all(text.as_bytes())?;
    Ok(Exit::Done)
}

/// Each routine's `report_rise`: how many points of pain after a session
/// the physiotherapist wants to hear about.
fn rises(library: &Library) -> Vec<(String, u8)> {
    library
        .routines
        .iter()
        .filter_map(|l| {
            let rise = l.routine.pain.as_ref()?.report_rise?;
            Some((l.routine.id.clone(), rise))
        })
        .collect()
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
/// courses, pain, routine versions, and every stopped session with its
/// reason. Routines in the history but not in `targets` are reported with a
/// once-a-day target. The sessions after which pain rose by at least the
/// `report_rise` of their routine are flagged: `rises` pairs a routine id
/// with it, and the section appears when any routine has the rule.
pub fn report(
    sessions: &[SessionSummary],
    targets: &[Target],
    rises: &[(String, u8)],
    today: NaiveDate,
    lang: Lang,
) -> String {
    report_named(sessions, targets, rises, &Names::default(), today, lang)
}

/// How the report names a routine: by the title `titles` pairs with its
/// id, else by the id. The command gives titles in Russian, where an
/// English id such as `piriformis-stretch` means nothing to the reader.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub titles: Vec<(String, String)>,
}

impl Names {
    /// The routine's name as a Markdown table cell.
    fn of(&self, id: &str) -> String {
        let title = self.titles.iter().find(|(i, _)| i == id);
        md_cell(title.map_or(id, |(_, t)| t.as_str()))
    }
}

/// [`report`], each routine named as `names` says.
pub fn report_named(
    sessions: &[SessionSummary],
    targets: &[Target],
    rises: &[(String, u8)],
    names: &Names,
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
                names.of(&p.target.routine_id),
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
                    names.of(&p.target.routine_id),
                    c.number.to_string(),
                    course_text(p.course, &w).unwrap_or_default(),
                    c.courses_completed.to_string(),
                    pause,
                ],
            );
        }
    }

    report_pain(&mut out, sessions, today, &w);
    report_rises(&mut out, sessions, rises, names, lang, &w);
    report_versions(&mut out, sessions, names, &w);
    report_stopped(&mut out, sessions, names, &w);
    report_holds(&mut out, sessions, names, &w);
    // Ids, notes and hashes come from the log: shown, never obeyed.
    visible_lines(&out).into_owned()
}

/// Sessions after which pain rose by at least their routine's rule.
fn report_rises(
    out: &mut String,
    sessions: &[SessionSummary],
    rises: &[(String, u8)],
    names: &Names,
    lang: Lang,
    w: &Words,
) {
    if rises.is_empty() {
        return;
    }
    let c = ClinicStrings::load(lang);
    let _ = writeln!(out, "\n## {}\n\n{}\n", c.report_rises, c.report_rises_about);
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
                names.of(&s.routine.id),
                s.variant.clone().unwrap_or_else(|| "–".into()),
                score(s.pain_before),
                score(s.pain_after),
            ],
        );
    }
}

/// Weekly averages over the last 12 weeks, all routines, every outcome.
fn report_pain(out: &mut String, sessions: &[SessionSummary], today: NaiveDate, w: &Words) {
    let week_of = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let from = week_of(today) - Duration::weeks(11);
    let mut weeks: BTreeMap<NaiveDate, [u32; 4]> = BTreeMap::new();
    for s in sessions
        .iter()
        .filter(|s| s.local_date >= from && s.local_date <= today)
    {
        let week = weeks.entry(week_of(s.local_date)).or_default();
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
    for (start, week) in weeks {
        md_row(
            out,
            &[
                w.f.date(start),
                avg(week[0], week[1], &w.f),
                avg(week[2], week[3], &w.f),
                week[1].max(week[3]).to_string(),
            ],
        );
    }
}

fn report_versions(out: &mut String, sessions: &[SessionSummary], names: &Names, w: &Words) {
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
                names.of(id),
                version.to_string(),
                format!("`{prefix}`"),
                n.to_string(),
                w.f.date(first),
                w.f.date(last),
            ],
        );
    }
}

fn report_stopped(out: &mut String, sessions: &[SessionSummary], names: &Names, w: &Words) {
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
                    names.of(&s.routine.id),
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
fn report_holds(out: &mut String, sessions: &[SessionSummary], names: &Names, w: &Words) {
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
                names.of(&routine),
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
