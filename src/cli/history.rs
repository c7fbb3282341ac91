//! Text for `limber history`, `limber report` and `limber status`: pure
//! functions from session summaries to `String`, so the commands only read
//! the log and print.
//!
//! The table, the report and the status line are for people: they speak
//! the user's language, with its dates and numbers. CSV and JSON are for
//! spreadsheets and scripts: their column names, outcome codes, ISO dates
//! and numbers are the same in every language, so nothing that reads them
//! breaks when `LANG` changes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::core::due::Due;
use crate::core::pain::rise_to_report;
use crate::core::progress::{
    CourseProgress, CourseState, Glance, RoutineProgress, SessionOutcome, SessionSummary,
    StepSummary, Target, progress, targets_for,
};
use crate::core::record::{RoutineRef, StopReason};
use crate::core::routine::Side;
use crate::core::sanitize::{visible, visible_lines};
use crate::i18n::{ClinicStrings, Formats, Lang, Words, durations, fill};

/// Which sessions `history` shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Sessions from this local date on.
    pub since: Option<NaiveDate>,
    /// Only this routine id.
    pub routine: Option<String>,
}

impl Filter {
    pub fn keeps(&self, s: &SessionSummary) -> bool {
        self.since.is_none_or(|d| s.local_date >= d)
            && self.routine.as_ref().is_none_or(|r| *r == s.routine.id)
    }

    pub fn apply<'a>(&self, sessions: &'a [SessionSummary]) -> Vec<&'a SessionSummary> {
        sessions.iter().filter(|s| self.keeps(s)).collect()
    }
}

fn pain(before: Option<u8>, after: Option<u8>) -> String {
    let p = |v: Option<u8>| v.map_or("–".to_string(), |v| v.to_string());
    match (before, after) {
        (None, None) => String::new(),
        _ => format!("{}→{}", p(before), p(after)),
    }
}

/// `s` padded to `width` terminal columns: a note in CJK takes two each.
fn pad(s: &str, width: usize) -> String {
    let n = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// The sessions as an aligned plain-text table in `lang`, oldest first.
pub fn table(sessions: &[SessionSummary], filter: &Filter, lang: Lang) -> String {
    let w = Words::new(lang);
    let rows: Vec<[String; 10]> = filter
        .apply(sessions)
        .into_iter()
        .map(|s| {
            [
                w.f.date(s.local_date),
                s.started_at.format("%H:%M").to_string(),
                visible(&s.routine.id).into_owned(),
                visible(s.variant.as_deref().unwrap_or_default()).into_owned(),
                s.side
                    .map(|side| w.s.side(side).to_string())
                    .unwrap_or_default(),
                w.s.outcome(s.outcome).to_string(),
                {
                    let c = s.step_counts();
                    format!("{}/{}", c.done, c.planned)
                },
                pain(s.pain_before, s.pain_after),
                durations::compact(s.active_ms, &w.s),
                visible(&s.note.clone().unwrap_or_default().replace('\n', " ")).into_owned(),
            ]
        })
        .collect();
    if rows.is_empty() {
        return format!("{}\n", w.s.table_empty);
    }
    let header = w.s.table_columns.each_ref().map(String::as_str);
    let mut widths = header.map(|h| h.width());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let text: Vec<String> = cells.iter().zip(widths).map(|(c, w)| pad(c, w)).collect();
        out.push_str(text.join("  ").trim_end());
        out.push('\n');
    };
    line(&header);
    for row in &rows {
        line(&row.iter().map(String::as_str).collect::<Vec<_>>());
    }
    out
}

/// A text cell defused against spreadsheet formulas (OWASP "CSV
/// injection"): one starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading `'`, so a spreadsheet shows it as text instead of
/// running it.
pub fn defused(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Holds "as long as possible" of a session, for CSV: `step/side=ms` for
/// each, split by `;`, e.g. `knee-across/left=42500;knee-across/right=40000`.
fn held_ms(s: &SessionSummary) -> String {
    s.steps
        .iter()
        .filter_map(|st| {
            let ms = st.held_ms?;
            let leg = side(st.side);
            let at = if leg.is_empty() {
                st.step.clone()
            } else {
                format!("{}/{leg}", st.step)
            };
            Some(format!("{at}={ms}"))
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// One CSV field, quoted per RFC 4180 when it has to be: a few lines here
/// rather than a crate for writing flat rows.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn side(s: Option<Side>) -> &'static str {
    match s {
        Some(Side::Left) => "left",
        Some(Side::Right) => "right",
        Some(Side::Both) => "both",
        None => "",
    }
}

fn stop_reason(o: SessionOutcome) -> Option<StopReason> {
    match o {
        SessionOutcome::Stopped(r) => Some(r),
        _ => None,
    }
}

/// A stop's reason as CSV writes it, in every language.
fn reason_code(r: Option<StopReason>) -> &'static str {
    match r {
        Some(StopReason::Pain) => "pain",
        Some(StopReason::Other) => "other",
        None => "",
    }
}

/// The sessions as CSV with a header row, CRLF line ends (RFC 4180).
///
/// Machine-readable, so the same in every interface language: English
/// column names and outcome codes, ISO dates, `.` in numbers. A
/// spreadsheet or a script must not break when `LANG` changes. The
/// columns are named as the JSON keys are (`id`, `active_ms`, ...), and
/// text taken from the log (ids, variant, note) is [`defused`].
pub fn csv(sessions: &[SessionSummary], filter: &Filter) -> String {
    let mut out = String::from(
        "id,date,time,utc_offset,routine,version,hash,variant,side,outcome,stop_reason,\
         steps_done,steps_planned,pain_before,pain_after,active_ms,paused_ms,held_ms,note\r\n",
    );
    for s in filter.apply(sessions) {
        let num = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
        let fields = [
            defused(&s.id),
            s.local_date.to_string(),
            s.started_at.format("%H:%M:%S").to_string(),
            s.started_at.format("%:z").to_string(),
            defused(&s.routine.id),
            s.routine.version.to_string(),
            defused(&s.routine.hash),
            defused(s.variant.as_deref().unwrap_or_default()),
            side(s.side).into(),
            s.outcome.code().into(),
            reason_code(stop_reason(s.outcome)).into(),
            s.step_counts().done.to_string(),
            s.step_counts().planned.to_string(),
            num(s.pain_before),
            num(s.pain_after),
            s.active_ms.to_string(),
            s.paused_ms.to_string(),
            held_ms(s),
            defused(s.note.as_deref().unwrap_or_default()),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[derive(Serialize)]
struct JsonSession<'a> {
    id: &'a str,
    routine: &'a RoutineRef,
    variant: Option<&'a str>,
    side: Option<Side>,
    started_at: String,
    date: NaiveDate,
    outcome: &'static str,
    stop_reason: Option<StopReason>,
    steps: &'a [StepSummary],
    steps_done: u32,
    steps_planned: u32,
    pain_before: Option<u8>,
    pain_after: Option<u8>,
    note: Option<&'a str>,
    active_ms: u64,
    paused_ms: u64,
}

/// The sessions as a pretty-printed JSON array, oldest first.
///
/// Like [`csv`], the same in every interface language: English keys and
/// outcome codes, RFC 3339 times.
pub fn json(sessions: &[SessionSummary], filter: &Filter) -> String {
    let items: Vec<JsonSession> = filter
        .apply(sessions)
        .into_iter()
        .map(|s| JsonSession {
            id: &s.id,
            routine: &s.routine,
            variant: s.variant.as_deref(),
            side: s.side,
            started_at: s.started_at.to_rfc3339(),
            date: s.local_date,
            outcome: s.outcome.code(),
            stop_reason: stop_reason(s.outcome),
            steps: &s.steps,
            steps_done: s.step_counts().done,
            steps_planned: s.step_counts().planned,
            pain_before: s.pain_before,
            pain_after: s.pain_after,
            note: s.note.as_deref(),
            active_ms: s.active_ms,
            paused_ms: s.paused_ms,
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// How a course stands, in words: `5/12`, `pause until 2026-02-11`.
pub fn course_text(course: Option<CourseProgress>, w: &Words) -> Option<String> {
    let c = course?;
    Some(match c.state {
        CourseState::InProgress { done, of } => fill(
            &w.s.course_short,
            &[("done", &done.to_string()), ("of", &of.to_string())],
        ),
        CourseState::Pause { next_start, .. } => {
            fill(&w.s.course_short_pause, &[("date", &w.f.date(next_start))])
        }
        CourseState::Ready { .. } => fill(
            &w.s.course_short_ready,
            &[
                ("of", &c.sessions.to_string()),
                ("k", &c.number.to_string()),
            ],
        ),
    })
}

/// One line for a shell prompt in `lang`: `stretch 2/3 today, massage
/// 5/12`. Routines with a course show the course, others today's count.
pub fn status(
    sessions: &[SessionSummary],
    targets: &[Target],
    today: NaiveDate,
    lang: Lang,
) -> String {
    let all: Vec<Glance> = targets
        .iter()
        .map(|t| progress(sessions, t, today).glance())
        .collect();
    status_of(&all, lang)
}

/// The status line from each routine's progress (see [`status`]).
pub fn status_of(all: &[Glance], lang: Lang) -> String {
    status_with_due(all, &[], lang)
}

/// [`status_of`], each routine followed by when its next session is due
/// (`due[i]` for `all[i]`; none where `due` is shorter): "massage 5/12
/// (next due 15:40)". The day after a course pause is said by the course.
pub fn status_with_due(all: &[Glance], due: &[Option<Due>], lang: Lang) -> String {
    let w = Words::new(lang);
    let c = ClinicStrings::load(lang);
    let parts: Vec<String> = all
        .iter()
        .map(|p| {
            let t = &p.target;
            match course_text(p.course, &w) {
                Some(c) => fill(&w.s.status_course, &[("name", &t.name), ("course", &c)]),
                None => fill(
                    &w.s.status_today,
                    &[
                        ("name", &t.name),
                        ("done", &p.today_done.to_string()),
                        ("target", &p.today_target.to_string()),
                    ],
                ),
            }
        })
        .zip(due.iter().chain(std::iter::repeat(&None)))
        .map(|(line, due)| match due {
            Some(d) => {
                let today = all.first().map_or_else(NaiveDate::default, |p| p.today);
                fill(
                    &c.status_due,
                    &[("line", &line), ("due", &c.due(d, today, &w.f))],
                )
            }
            None => line,
        })
        .collect();
    // Names come from the log: shown, never obeyed.
    visible(&parts.join(", ")).into_owned()
}

fn avg(sum: u32, n: u32, f: &Formats) -> String {
    if n == 0 {
        "–".into()
    } else {
        f.decimal(f64::from(sum) / f64::from(n), 1)
    }
}

/// A Markdown table row: `| a | b |`.
fn md_row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    let cells: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

/// A Markdown table's header and the rule below it.
fn md_header(out: &mut String, columns: &[String]) {
    md_row(out, columns);
    let _ = writeln!(out, "|{}", "---|".repeat(columns.len()));
}

/// A Markdown report for the physiotherapist in `lang`: adherence,
/// courses, pain, routine versions, and every stopped session with its
/// reason. Routines in the history but not in `targets` are reported with a
/// once-a-day target.
pub fn report(
    sessions: &[SessionSummary],
    targets: &[Target],
    today: NaiveDate,
    lang: Lang,
) -> String {
    report_with_rises(sessions, targets, &[], today, lang)
}

/// [`report`], flagging the sessions after which pain rose by at least the
/// `report_rise` of their routine: `rises` pairs a routine id with it. The
/// section appears when any routine has the rule.
pub fn report_with_rises(
    sessions: &[SessionSummary],
    targets: &[Target],
    rises: &[(String, u8)],
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
                md_cell(&p.target.routine_id),
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
                    md_cell(&p.target.routine_id),
                    c.number.to_string(),
                    course_text(p.course, &w).unwrap_or_default(),
                    c.courses_completed.to_string(),
                    pause,
                ],
            );
        }
    }

    report_pain(&mut out, sessions, today, &w);
    report_rises(&mut out, sessions, rises, lang, &w);
    report_versions(&mut out, sessions, &w);
    report_stopped(&mut out, sessions, &w);
    report_holds(&mut out, sessions, &w);
    // Ids, notes and hashes come from the log: shown, never obeyed.
    visible_lines(&out).into_owned()
}

/// Sessions after which pain rose by at least their routine's rule.
fn report_rises(
    out: &mut String,
    sessions: &[SessionSummary],
    rises: &[(String, u8)],
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
                s.routine.id.clone(),
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

fn report_versions(out: &mut String, sessions: &[SessionSummary], w: &Words) {
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
                md_cell(id),
                version.to_string(),
                format!("`{prefix}`"),
                n.to_string(),
                w.f.date(first),
                w.f.date(last),
            ],
        );
    }
}

fn report_stopped(out: &mut String, sessions: &[SessionSummary], w: &Words) {
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
                    md_cell(&s.routine.id),
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
fn report_holds(out: &mut String, sessions: &[SessionSummary], w: &Words) {
    type Key = (String, String, Option<Side>);
    let mut holds: Vec<(Key, Vec<u64>)> = Vec::new();
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
                routine,
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

/// Keeps text from the log from breaking the table it sits in, or from
/// being taken as HTML by a Markdown viewer: `<`, `>` and `&` become
/// entities, `|` is escaped, line breaks become spaces.
fn md_cell(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}
