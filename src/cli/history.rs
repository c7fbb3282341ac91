//! `limber history`: pure functions from session summaries to `String`
//! (the table, CSV, JSON), and the command that reads the log and prints
//! one. `status` and `report` have their own files.
//!
//! The table (like the report and the status line) is for people: they speak
//! the user's language, with its dates and numbers. CSV and JSON are for
//! spreadsheets and scripts: their column names, outcome codes, ISO dates
//! and numbers are the same in every language, so nothing that reads them
//! breaks when `LANG` changes.

use std::io::{self, Write as _};

use chrono::NaiveDate;
use serde::Serialize;

use super::args::HistoryFormat;
use super::context::Context;
use super::error::Error;
use super::suggest;
use super::table::{CELL_CAP, Column};
use crate::core::progress::{
    CourseProgress, CourseState, SessionOutcome, SessionSummary, StepPain, StepSummary,
};
use crate::core::record::{RoutineRef, StopReason};
use crate::core::routine::Side;
use crate::core::sanitize::visible;
use crate::i18n::{CliStrings, Lang, Words, durations, fill};
use crate::shell::exit::Exit;
use crate::store::history::History;
use crate::store::routines::Library;

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

pub(super) fn pain(before: Option<u8>, after: Option<u8>) -> String {
    let p = |v: Option<u8>| v.map_or("–".to_string(), |v| v.to_string());
    match (before, after) {
        (None, None) => String::new(),
        _ => format!("{}→{}", p(before), p(after)),
    }
}

/// How each column gives way on a narrow terminal: the note, routine,
/// variant and outcome are clipped first; then the variant, active time,
/// side, steps, time and note go, in that order; date and pain stay.
const COLUMNS: [Column; 10] = [
    Column::FIXED,
    Column::FIXED.then_drop(5),
    Column::clip(10),
    Column::clip(6).then_drop(1),
    Column::clip(4).then_drop(3),
    Column::clip(9),
    Column::FIXED.then_drop(4),
    Column::FIXED,
    Column::FIXED.then_drop(2),
    Column::clip(12).then_drop(6),
];

/// The sessions as an aligned plain-text table in `lang`, oldest first,
/// for a file or a pipe (each cell clipped at [`super::table::CELL_CAP`]).
pub fn table(sessions: &[SessionSummary], filter: &Filter, lang: Lang) -> String {
    table_fit(sessions, filter, lang, None)
}

/// [`table`] fitted to a terminal `width` columns wide, when given.
pub fn table_fit(
    sessions: &[SessionSummary],
    filter: &Filter,
    lang: Lang,
    width: Option<usize>,
) -> String {
    let w = Words::new(lang);
    // No cell is shown wider than the cap, so a long note is cut before
    // it is copied or measured again.
    let cap = width.map_or(CELL_CAP, |w| w.min(CELL_CAP));
    let rows: Vec<Vec<String>> = filter
        .apply(sessions)
        .into_iter()
        .map(|s| {
            let note = s.note.as_deref().unwrap_or_default();
            // A character takes at most 4 bytes: 4 * cap bytes hold every
            // character the cell can show.
            let cut = (0..=note.len().min(4 * cap))
                .rev()
                .find(|&i| note.is_char_boundary(i))
                .unwrap_or(0);
            let note = &note[..cut];
            vec![
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
                visible(&note.replace('\n', " ")).into_owned(),
            ]
        })
        .collect();
    if rows.is_empty() {
        return format!("{}\n", w.s.table_empty);
    }
    let header = w.s.table_columns.each_ref().map(String::as_str);
    super::table::render(&header, &rows, &COLUMNS, width)
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

pub(super) fn stop_reason(o: SessionOutcome) -> Option<StopReason> {
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
    csv_with(sessions, filter, false)
}

/// [`csv`] for a terminal: the same rows, with each control character in a
/// cell shown (`\x1b`, `\x07`, a note's line break as `\x0a`) so a note
/// can neither retitle the window nor break the row; only [`csv`] written
/// to a file or a pipe is the exact text.
pub fn csv_for_terminal(sessions: &[SessionSummary], filter: &Filter) -> String {
    csv_with(sessions, filter, true)
}

fn csv_with(sessions: &[SessionSummary], filter: &Filter, shown: bool) -> String {
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
        let row: Vec<String> = fields
            .iter()
            .map(|f| {
                if shown {
                    csv_field(&visible(f))
                } else {
                    csv_field(f)
                }
            })
            .collect();
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
    /// Pain during the steps that ask (`ask_pain`); absent when none did.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    step_pain: &'a [StepPain],
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
            step_pain: &s.step_pain,
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
        // Past its goal the course goes on: "13 (goal of 12 reached)", not "13/12".
        CourseState::InProgress { done, of } => fill(
            if c.goal_reached() {
                &w.s.course_short_goal
            } else {
                &w.s.course_short
            },
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

/// `limber history [--since DATE] [--routine ID] [--format ...]`.
pub fn run(ctx: &mut Context, filter: Filter, format: HistoryFormat) -> Result<Exit, Error> {
    let log = ctx.open_log()?;
    let sessions = match &log {
        Some(log) => log.sessions(filter.routine.as_deref(), filter.since)?,
        None => Vec::new(),
    };
    if let Some(log) = &log {
        super::log::tell_unreadable(log, ctx.lang, &mut ctx.err)?;
    }
    if sessions.is_empty() {
        let exit = explain_empty(
            &filter,
            log.as_ref(),
            ctx.library.get(),
            ctx.lang,
            &mut ctx.err,
        )?;
        if exit != Exit::Done {
            return Ok(exit);
        }
    }
    let text = match format {
        HistoryFormat::Table => table_fit(&sessions, &filter, ctx.lang, ctx.out.width()),
        HistoryFormat::Csv if ctx.out.is_terminal() => csv_for_terminal(&sessions, &filter),
        HistoryFormat::Csv => csv(&sessions, &filter),
        HistoryFormat::Json => json(&sessions, &filter),
    };
    ctx.out.write_all(text.as_bytes())?;
    Ok(Exit::Done)
}

/// When `history` finds nothing: an unknown routine is a usage error
/// (with the known ids and a "did you mean"); otherwise a hint on why the
/// filter matched nothing, and the empty table as usual.
fn explain_empty(
    filter: &Filter,
    log: Option<&History>,
    library: &Library,
    lang: Lang,
    err: &mut impl io::Write,
) -> Result<Exit, Error> {
    let s = CliStrings::load(lang);
    let in_log = match log {
        Some(log) => log.routine_ids()?,
        None => Vec::new(),
    };
    if let Some(routine) = &filter.routine {
        let mut known: Vec<String> = library
            .routines
            .iter()
            .map(|l| l.routine.id.clone())
            .collect();
        for id in &in_log {
            if !known.contains(id) {
                known.push(id.clone());
            }
        }
        if !known.contains(routine) {
            let args = [
                ("routine", visible(routine).into_owned()),
                ("known", known.join(", ")),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            writeln!(err, "{}", fill(&s.history_unknown_routine, &args))?;
            if let Some(hint) = suggest::did_you_mean(&s, routine, known.iter().map(String::as_str))
            {
                writeln!(err, "{hint}")?;
            }
            return Ok(Exit::Usage);
        }
    }
    let none_of = || {
        fill(
            &s.history_none_of,
            &[(
                "routine",
                &visible(filter.routine.as_deref().unwrap_or_default()),
            )],
        )
    };
    let hint = if in_log.is_empty() {
        s.history_log_empty.clone()
    } else if let (Some(since), Some(log)) = (filter.since, log) {
        let last: Option<NaiveDate> = log
            .sessions(filter.routine.as_deref(), None)?
            .iter()
            .map(|x| x.local_date)
            .max();
        match last {
            Some(last) => fill(
                &s.history_none_since,
                &[("since", &since.to_string()), ("last", &last.to_string())],
            ),
            None => none_of(),
        }
    } else {
        none_of()
    };
    writeln!(err, "{}", suggest::hint(&s, &hint))?;
    Ok(Exit::Done)
}
