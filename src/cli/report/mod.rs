//! `limber report`: what a physiotherapist reads in a minute, in Markdown
//! or as one HTML page, from the user's own log or from exported logs,
//! one patient or many.
//!
//! The report is a list of sections ([`SECTIONS`]), each in a file of its
//! own with a Markdown and an HTML form, in the order a clinician reads:
//! the summary, flags, pain, adherence, holds, skipped steps, notes, the
//! course timeline, the appendix, and the dose a progression rule set. A new section is a new file and a
//! line in [`SECTIONS`]. Every section reads one [`Patient`], computed
//! once: the state (course, today, next due) from the whole log, the
//! charts and lists from the window `--since`/`--until`.

mod adherence;
mod chart;
mod dose;
pub mod flags;
mod holds;
mod index;
mod md;
pub mod measures;
pub mod morning;
mod notes;
mod page;
mod pain;
mod patient;
mod skipped;
mod step_pain;
mod summary;
mod timeline;
mod versions;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{FixedOffset, NaiveDate, TimeZone};
use maud::{Markup, html};

use super::args::ReportFormat;
use super::context::Context;
use super::error::Error;
use super::log;
use super::suggest;
use crate::core::progress::{SessionSummary, Target, summarize};
use crate::core::sanitize::visible_lines;
use crate::i18n::{CliStrings, Lang, fill};
use crate::shell::exit::Exit;
use crate::store::private;

pub use patient::{Patient, RoutineRules, Setting, Window};

/// One section of the report, in both forms.
pub struct Section {
    pub markdown: fn(&Patient, &mut String),
    pub html: fn(&Patient) -> Markup,
}

/// The sections, in the order they are read: what needs acting on, then
/// the measures of how the patient is doing, then what was done, the
/// versions last as an appendix.
pub const SECTIONS: [Section; 13] = [
    Section {
        markdown: summary::markdown,
        html: summary::html,
    },
    Section {
        markdown: flags::markdown,
        html: flags::html,
    },
    Section {
        markdown: pain::markdown,
        html: pain::html,
    },
    Section {
        markdown: morning::markdown,
        html: morning::html,
    },
    Section {
        markdown: step_pain::markdown,
        html: step_pain::html,
    },
    Section {
        markdown: measures::markdown,
        html: measures::html,
    },
    Section {
        markdown: adherence::markdown,
        html: adherence::html,
    },
    Section {
        markdown: dose::markdown,
        html: dose::html,
    },
    Section {
        markdown: holds::markdown,
        html: holds::html,
    },
    Section {
        markdown: skipped::markdown,
        html: skipped::html,
    },
    Section {
        markdown: notes::markdown,
        html: notes::html,
    },
    Section {
        markdown: timeline::markdown,
        html: timeline::html,
    },
    Section {
        markdown: versions::markdown,
        html: versions::html,
    },
];

/// The report in Markdown.
pub fn markdown(p: &Patient) -> String {
    let mut out = String::new();
    for s in &SECTIONS {
        (s.markdown)(p, &mut out);
    }
    // Sections each open with a blank line: never two in a row.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    // Ids, notes and hashes come from the log: shown, never obeyed.
    visible_lines(&out).into_owned()
}

/// The report as one HTML page.
pub fn html(p: &Patient) -> String {
    let body = html! { @for s in &SECTIONS { ((s.html)(p)) } };
    let title = match &p.label {
        Some(l) => format!("{} — {l}", p.t.r.title),
        None => p.t.r.title.clone(),
    };
    page::page(p.t.w.lang, &title, body)
}

/// The report in `format`.
pub fn render(p: &Patient, format: ReportFormat) -> String {
    match format {
        ReportFormat::Md => markdown(p),
        ReportFormat::Html => html(p),
    }
}

/// The Markdown report of `sessions` as of `today` (noon UTC), over the
/// whole log: for tests and callers without a clock or a library.
pub fn report(
    sessions: &[SessionSummary],
    targets: &[Target],
    rules: &[RoutineRules],
    today: NaiveDate,
    lang: Lang,
) -> String {
    let now = FixedOffset::east_opt(0)
        .expect("UTC")
        .from_utc_datetime(&today.and_hms_opt(12, 0, 0).unwrap_or_default());
    let p = Patient::new(
        sessions.to_vec(),
        Setting {
            targets,
            rules: rules.to_vec(),
            step_titles: Default::default(),
            now,
            window: Window::default(),
            lang,
            label: None,
        },
    );
    markdown(&p)
}

/// What `limber report` was asked for.
pub struct ReportRequest {
    pub window: Window,
    pub format: Option<ReportFormat>,
    pub logs: Vec<PathBuf>,
    pub logs_dir: Option<PathBuf>,
    pub output: Option<PathBuf>,
}

/// The format asked for, else the output file's extension, else Markdown.
fn choose(format: Option<ReportFormat>, output: Option<&Path>) -> ReportFormat {
    format.unwrap_or_else(|| {
        match output
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("html" | "htm") => ReportFormat::Html,
            _ => ReportFormat::Md,
        }
    })
}

/// The most exported logs one `--logs DIR` reads.
const MAX_LOGS: usize = 2000;

/// The `*.jsonl` regular files of `dir`, by name.
fn logs_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let file_error = |source| Error::File {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(file_error)? {
        let entry = entry.map_err(file_error)?;
        let path = entry.path();
        // Regular files only: a link or a FIFO named *.jsonl is left alone.
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if regular && path.extension().is_some_and(|e| e == "jsonl") {
            out.push(path);
        }
    }
    out.sort();
    out.truncate(MAX_LOGS);
    Ok(out)
}

/// `limber report`.
pub fn run(ctx: &mut Context, req: &ReportRequest) -> Result<Exit, Error> {
    let format = choose(req.format, req.output.as_deref());
    let mut files = req.logs.clone();
    if let Some(dir) = &req.logs_dir {
        files.extend(logs_in(dir)?);
    }
    if files.len() > 1 || req.logs_dir.is_some() {
        return many(ctx, req, &files);
    }
    let (label, sessions, answers) = match files.first() {
        Some(path) => {
            let (label, lines, answers) = log::read_export_all(path, ctx.lang, &mut ctx.err)?;
            (label, summarize(&lines), answers)
        }
        None => match ctx.open_log()? {
            Some(log) => {
                let sessions = log.sessions(None, None)?;
                let answers = log.answers(None, None)?;
                log::tell_unreadable(&log, ctx.lang, &mut ctx.err)?;
                (None, sessions, answers)
            }
            None => (None, Vec::new(), Vec::new()),
        },
    };
    // A window after the last session is not an empty log: say which it
    // is, or the report's "no sessions logged yet" misleads.
    let last = sessions.iter().map(|x| x.local_date).max();
    if let (Some(since), Some(last)) = (req.window.since, last)
        && since > last
    {
        let s = CliStrings::load(ctx.lang);
        let text = fill(
            &s.history_none_since,
            &[("since", &since.to_string()), ("last", &last.to_string())],
        );
        writeln!(ctx.err, "{}", suggest::hint(&s, &text))?;
        return Ok(Exit::Done);
    }
    let mut p = patient(ctx, sessions, req.window, label);
    measures::attach(&mut p, answers);
    let text = render(&p, format);
    match &req.output {
        None => ctx.out.write_all(text.as_bytes())?,
        Some(path) => write_new(path, text.as_bytes())?,
    }
    Ok(Exit::Done)
}

/// One patient's report data, with the loaded routines' rules and names.
fn patient(
    ctx: &Context,
    sessions: Vec<SessionSummary>,
    window: Window,
    label: Option<String>,
) -> Patient {
    let library = ctx.library.get();
    Patient::new(
        sessions,
        Setting {
            targets: &patient::known_targets(library),
            rules: patient::rules(library),
            step_titles: patient::step_titles(library),
            now: crate::shell::clock::local_now().fixed_offset(),
            window,
            lang: ctx.lang,
            label,
        },
    )
}

/// Creates `path` 0600, never over an existing file: a report is health
/// data.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = private::create_new(path).map_err(|e| Error::creating(path, e))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

/// A file name from `stem` that no other patient's report has taken.
fn file_name(stem: &str, ext: &str, taken: &mut Vec<String>) -> String {
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let safe = if safe.is_empty() || safe == "index" {
        format!("patient-{safe}")
    } else {
        safe
    };
    let mut name = format!("{safe}.{ext}");
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{safe}-{n}.{ext}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// Every patient at once: a report per exported log and an index, into
/// the directory `-o DIR` (made 0700 when new).
fn many(ctx: &mut Context, req: &ReportRequest, files: &[PathBuf]) -> Result<Exit, Error> {
    let t = patient::Texts::new(ctx.lang);
    let Some(dir) = req.output.as_deref() else {
        writeln!(ctx.err, "{}", t.r.many_need_dir)?;
        return Ok(Exit::Usage);
    };
    // `-o x.html` with several patients is a mistake: a directory is meant.
    let format = match (req.format, dir.extension()) {
        (None, _) => ReportFormat::Html,
        (Some(f), None) => f,
        (Some(_), Some(_)) => {
            writeln!(ctx.err, "{}", t.r.many_need_dir)?;
            return Ok(Exit::Usage);
        }
    };
    private::create_dir(dir).map_err(|source| Error::File {
        path: dir.to_path_buf(),
        source,
    })?;
    let ext = match format {
        ReportFormat::Md => "md",
        ReportFormat::Html => "html",
    };
    let mut taken = vec![format!("index.{ext}")];
    let mut patients = Vec::new();
    for path in files {
        let (label, lines, answers) = log::read_export_all(path, ctx.lang, &mut ctx.err)?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = label.clone().unwrap_or_else(|| stem.clone());
        let mut p = patient(ctx, summarize(&lines), req.window, Some(name.clone()));
        measures::attach(&mut p, answers);
        let file = file_name(&stem, ext, &mut taken);
        write_new(&dir.join(&file), render(&p, format).as_bytes())?;
        patients.push((p, file, name));
    }
    let entries: Vec<index::PatientRow> = patients
        .iter()
        .map(|(p, file, name)| index::PatientRow {
            patient: p,
            file: file.clone(),
            name: crate::core::sanitize::visible(name).into_owned(),
        })
        .collect();
    let index = match format {
        ReportFormat::Md => visible_lines(&index::markdown(&t, &entries)).into_owned(),
        ReportFormat::Html => page::page(ctx.lang, &t.r.index_title, index::html(&t, &entries)),
    };
    let index_path = dir.join(&taken[0]);
    write_new(&index_path, index.as_bytes())?;
    writeln!(
        ctx.err,
        "{}",
        fill(
            &t.r.many_written,
            &[
                ("n", &entries.len().to_string()),
                ("index", &index_path.display().to_string()),
            ]
        )
    )?;
    Ok(Exit::Done)
}
