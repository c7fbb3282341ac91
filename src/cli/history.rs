//! Text for `limber history`, `limber report` and `limber status`: pure
//! functions from session summaries to `String`, so the commands only read
//! the log and print.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::core::progress::{
    CourseState, RoutineProgress, SessionOutcome, SessionSummary, StepSummary, Target, progress,
    targets_for,
};
use crate::core::record::{RoutineRef, StepStatus, StopReason};
use crate::core::routine::Side;

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

/// `7m05s`, `1h02m`, `45s`.
pub fn duration(ms: u64) -> String {
    let s = ms / 1000;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
    }
}

fn pain(before: Option<u8>, after: Option<u8>) -> String {
    let p = |v: Option<u8>| v.map_or("–".to_string(), |v| v.to_string());
    match (before, after) {
        (None, None) => String::new(),
        _ => format!("{}→{}", p(before), p(after)),
    }
}

fn steps_done(steps: &[StepSummary]) -> usize {
    steps
        .iter()
        .filter(|s| s.status == StepStatus::Done)
        .count()
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// The sessions as an aligned plain-text table, oldest first.
pub fn table(sessions: &[SessionSummary], filter: &Filter) -> String {
    let rows: Vec<[String; 9]> = filter
        .apply(sessions)
        .into_iter()
        .map(|s| {
            [
                s.local_date.to_string(),
                s.started_at.format("%H:%M").to_string(),
                s.routine.id.clone(),
                s.variant.clone().unwrap_or_default(),
                s.outcome.label().to_string(),
                format!("{}/{}", steps_done(&s.steps), s.steps.len()),
                pain(s.pain_before, s.pain_after),
                duration(s.active_ms),
                s.note.clone().unwrap_or_default().replace('\n', " "),
            ]
        })
        .collect();
    if rows.is_empty() {
        return "No sessions.\n".into();
    }
    let header = [
        "DATE", "TIME", "ROUTINE", "VARIANT", "OUTCOME", "STEPS", "PAIN", "ACTIVE", "NOTE",
    ];
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
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
        None => "",
    }
}

fn outcome_word(o: SessionOutcome) -> (&'static str, Option<StopReason>) {
    match o {
        SessionOutcome::Completed => ("completed", None),
        SessionOutcome::Stopped(r) => ("stopped", Some(r)),
        SessionOutcome::Abandoned => ("abandoned", None),
        SessionOutcome::Interrupted => ("interrupted", None),
    }
}

fn reason(r: Option<StopReason>) -> &'static str {
    match r {
        Some(StopReason::Pain) => "pain",
        Some(StopReason::Other) => "other",
        None => "",
    }
}

/// The sessions as CSV with a header row, CRLF line ends (RFC 4180).
pub fn csv(sessions: &[SessionSummary], filter: &Filter) -> String {
    let mut out = String::from(
        "session,date,time,utc_offset,routine,version,hash,variant,side,outcome,stop_reason,\
         steps_done,steps_logged,pain_before,pain_after,active_s,paused_s,note\r\n",
    );
    for s in filter.apply(sessions) {
        let (word, why) = outcome_word(s.outcome);
        let num = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
        let fields = [
            s.id.clone(),
            s.local_date.to_string(),
            s.started_at.format("%H:%M:%S").to_string(),
            s.started_at.format("%:z").to_string(),
            s.routine.id.clone(),
            s.routine.version.to_string(),
            s.routine.hash.clone(),
            s.variant.clone().unwrap_or_default(),
            side(s.side).into(),
            word.into(),
            reason(why).into(),
            steps_done(&s.steps).to_string(),
            s.steps.len().to_string(),
            num(s.pain_before),
            num(s.pain_after),
            (s.active_ms / 1000).to_string(),
            (s.paused_ms / 1000).to_string(),
            s.note.clone().unwrap_or_default(),
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
    pain_before: Option<u8>,
    pain_after: Option<u8>,
    note: Option<&'a str>,
    active_ms: u64,
    paused_ms: u64,
}

/// The sessions as a pretty-printed JSON array, oldest first.
pub fn json(sessions: &[SessionSummary], filter: &Filter) -> String {
    let items: Vec<JsonSession> = filter
        .apply(sessions)
        .into_iter()
        .map(|s| {
            let (outcome, stop_reason) = outcome_word(s.outcome);
            JsonSession {
                id: &s.id,
                routine: &s.routine,
                variant: s.variant.as_deref(),
                side: s.side,
                started_at: s.started_at.to_rfc3339(),
                date: s.local_date,
                outcome,
                stop_reason,
                steps: &s.steps,
                pain_before: s.pain_before,
                pain_after: s.pain_after,
                note: s.note.as_deref(),
                active_ms: s.active_ms,
                paused_ms: s.paused_ms,
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// How a course stands, in words: `5/12`, `pause until 2026-02-11`.
pub fn course_text(p: &RoutineProgress) -> Option<String> {
    let c = p.course?;
    Some(match c.state {
        CourseState::InProgress { done, of } => format!("{done}/{of}"),
        CourseState::Pause { next_start, .. } => format!("pause until {next_start}"),
        CourseState::Ready { .. } => format!("0/{} (course {} may start)", c.sessions, c.number),
    })
}

/// One line for a shell prompt: `stretch 2/3 today, massage 5/12`.
/// Routines with a course show the course, others today's count.
pub fn status(sessions: &[SessionSummary], targets: &[Target], today: NaiveDate) -> String {
    let parts: Vec<String> = targets
        .iter()
        .map(|t| {
            let p = progress(sessions, t, today);
            match course_text(&p) {
                Some(c) => format!("{} {c}", t.name),
                None => format!("{} {}/{} today", t.name, p.today_done, p.today_target),
            }
        })
        .collect();
    parts.join(", ")
}

fn avg(sum: u32, n: u32) -> String {
    if n == 0 {
        "–".into()
    } else {
        format!("{:.1}", f64::from(sum) / f64::from(n))
    }
}

/// A Markdown report for the physiotherapist: adherence, courses, pain,
/// routine versions, and every stopped session with its reason. Routines in
/// the history but not in `targets` are reported with a once-a-day target.
pub fn report(sessions: &[SessionSummary], targets: &[Target], today: NaiveDate) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# limber report\n");
    let (first, last) = (
        sessions.iter().map(|s| s.local_date).min(),
        sessions.iter().map(|s| s.local_date).max(),
    );
    match (first, last) {
        (Some(f), Some(l)) => {
            let _ = writeln!(
                out,
                "As of {today}. {} session{} logged from {f} to {l}.\n",
                sessions.len(),
                if sessions.len() == 1 { "" } else { "s" }
            );
        }
        _ => {
            let _ = writeln!(out, "As of {today}. No sessions logged yet.\n");
        }
    }
    let _ = writeln!(
        out,
        "Only completed sessions count toward targets, courses and streaks.\n"
    );

    // A routine deleted since is still in the history: report it too.
    let all: Vec<RoutineProgress> = targets_for(sessions, targets)
        .iter()
        .map(|t| progress(sessions, t, today))
        .collect();

    let _ = writeln!(out, "## Adherence\n");
    let _ = writeln!(
        out,
        "| Routine | Target | Today | Last 7 days | Last 30 days | Streak | Longest | Not counted |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    for p in &all {
        let other: u32 = p.days.values().map(|d| d.other).sum();
        let _ = writeln!(
            out,
            "| {} | {}/day | {}/{} | {}/{} ({}) | {}/{} ({}) | {} d | {} d | {} |",
            p.target.routine_id,
            p.target.times_per_day,
            p.today_done,
            p.today_target,
            p.adherence_7.completed,
            p.adherence_7.target,
            p.adherence_7.percent(),
            p.adherence_30.completed,
            p.adherence_30.target,
            p.adherence_30.percent(),
            p.current_streak,
            p.longest_streak,
            other,
        );
    }

    let courses: Vec<&RoutineProgress> = all.iter().filter(|p| p.course.is_some()).collect();
    if !courses.is_empty() {
        let _ = writeln!(out, "\n## Courses\n");
        let _ = writeln!(
            out,
            "| Routine | Course | Progress | Completed courses | Pause |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|");
        for p in courses {
            let Some(c) = p.course else { continue };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} days{} |",
                p.target.routine_id,
                c.number,
                course_text(p).unwrap_or_default(),
                c.courses_completed,
                c.pause_days,
                if c.pause_sessions > 0 {
                    format!(
                        " ({} sessions done during pauses, not counted)",
                        c.pause_sessions
                    )
                } else {
                    String::new()
                }
            );
        }
    }

    report_pain(&mut out, sessions, today);
    report_versions(&mut out, sessions);
    report_stopped(&mut out, sessions);
    out
}

/// Weekly averages over the last 12 weeks, all routines, every outcome.
fn report_pain(out: &mut String, sessions: &[SessionSummary], today: NaiveDate) {
    let week_of = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let from = week_of(today) - Duration::weeks(11);
    let mut weeks: BTreeMap<NaiveDate, [u32; 4]> = BTreeMap::new();
    for s in sessions
        .iter()
        .filter(|s| s.local_date >= from && s.local_date <= today)
    {
        let w = weeks.entry(week_of(s.local_date)).or_default();
        if let Some(p) = s.pain_before {
            w[0] += u32::from(p);
            w[1] += 1;
        }
        if let Some(p) = s.pain_after {
            w[2] += u32::from(p);
            w[3] += 1;
        }
    }
    weeks.retain(|_, w| w[1] + w[3] > 0);
    let _ = writeln!(
        out,
        "\n## Pain (0–10), weekly averages, last 12 weeks\n\nAll routines and outcomes, as rated before and after each session.\n"
    );
    if weeks.is_empty() {
        let _ = writeln!(out, "No pain recorded.");
        return;
    }
    let _ = writeln!(out, "| Week of | Before | After | Sessions rated |");
    let _ = writeln!(out, "|---|---|---|---|");
    for (week, w) in weeks {
        let _ = writeln!(
            out,
            "| {week} | {} | {} | {} |",
            avg(w[0], w[1]),
            avg(w[2], w[3]),
            w[1].max(w[3])
        );
    }
}

fn report_versions(out: &mut String, sessions: &[SessionSummary]) {
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
    let _ = writeln!(out, "\n## Routine versions used\n");
    if used.is_empty() {
        let _ = writeln!(out, "None.");
        return;
    }
    let _ = writeln!(
        out,
        "| Routine | Version | Hash | Sessions | First | Last |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for ((id, version, hash), (n, first, last)) in used {
        let prefix: String = hash.chars().take(12).collect();
        let _ = writeln!(
            out,
            "| {id} | {version} | `{prefix}` | {n} | {first} | {last} |"
        );
    }
}

fn report_stopped(out: &mut String, sessions: &[SessionSummary]) {
    let stopped: Vec<&SessionSummary> = sessions
        .iter()
        .filter(|s| matches!(s.outcome, SessionOutcome::Stopped(_)))
        .collect();
    let _ = writeln!(out, "\n## Stopped sessions\n");
    if stopped.is_empty() {
        let _ = writeln!(out, "None.");
    } else {
        let _ = writeln!(
            out,
            "| Date | Time | Routine | Reason | Steps done | Pain | Note |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|---|");
        for s in &stopped {
            let (_, why) = outcome_word(s.outcome);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {}/{} | {} | {} |",
                s.local_date,
                s.started_at.format("%H:%M %:z"),
                s.routine.id,
                reason(why),
                steps_done(&s.steps),
                s.steps.len(),
                pain(s.pain_before, s.pain_after),
                md_cell(s.note.as_deref().unwrap_or("")),
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
        let _ = writeln!(
            out,
            "\nAlso not completed: {abandoned} left without a reason, {interrupted} interrupted \
             (limber closed mid-session)."
        );
    }
}

/// Keeps a note from breaking the table it sits in.
fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}
