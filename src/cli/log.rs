//! `limber log export`, `limber log import` and `limber log repair`, and
//! opening the log for the commands that read it: the store returns what
//! it found (an imported old log, damaged lines, a damaged database, rows
//! it could not read) and this prints it.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone};

use super::args::LogCommand;
use super::context::Context;
use super::error::Error;
use crate::core::progress::merge::{self, Changed};
use crate::core::sanitize::visible;
use crate::i18n::{CliStrings, Lang, Words, fill};
use crate::shell::exit::Exit;
use crate::shell::journal::migration_text;
use crate::shell::runner::NOTE_MAX;
use crate::store::history::{self, History, HistoryError};
use crate::store::private;
use crate::store::safe_file;

/// Opens the log in `data_dir` for a command that writes it, telling `err`
/// what the opening found. A damaged database is an error, with what to do.
pub fn open(data_dir: &Path, lang: Lang, err: &mut dyn Write) -> Result<History, Error> {
    told_opened(History::open(data_dir), lang, err)
}

/// [`open`] for a command that only reads: the log is opened read-only
/// (see [`History::open_read`]), so it can be read where it cannot be
/// written.
pub fn open_read(data_dir: &Path, lang: Lang, err: &mut dyn Write) -> Result<History, Error> {
    told_opened(History::open_read(data_dir), lang, err)
}

fn told_opened(
    opened: Result<history::Opened, HistoryError>,
    lang: Lang,
    err: &mut dyn Write,
) -> Result<History, Error> {
    let s = CliStrings::load(lang);
    match opened {
        Ok(opened) => {
            if let Some(m) = &opened.migration {
                for line in migration_text(&s, m) {
                    writeln!(err, "{line}")?;
                }
            }
            Ok(opened.history)
        }
        Err(e) => Err(told(&s, e, err)),
    }
}

/// `limber log export | import`.
pub fn run(ctx: &mut Context, command: LogCommand) -> Result<Exit, Error> {
    let dir = ctx.data_dir.as_deref().ok_or(Error::NoDataDir)?;
    let store = match command {
        LogCommand::Export { .. } => open_read(dir, ctx.lang, &mut ctx.err)?,
        _ => open(dir, ctx.lang, &mut ctx.err)?,
    };
    match command {
        LogCommand::Export { output, label } => export(
            &store,
            output.as_deref(),
            // The patient as the prescription names them, unless told otherwise.
            label
                .or_else(|| crate::store::prescription::patient(dir))
                .as_deref(),
            ctx.lang,
            &mut ctx.out,
            &mut ctx.err,
        ),
        LogCommand::Import {
            files,
            merge_existing,
        } => import(
            &store,
            &Importing {
                files: &files,
                merge_existing,
                now: crate::shell::clock::local_now(),
            },
            ctx.lang,
            &mut ctx.out,
            &mut ctx.err,
        ),
        LogCommand::Repair => repair(&store, ctx.lang, &mut ctx.out, &mut ctx.err),
    }
}

/// Tells `err`, once, how many rows of the log the reads so far have
/// skipped as unreadable, and what rebuilds them. Nothing if none.
pub fn tell_unreadable(history: &History, lang: Lang, err: &mut dyn Write) -> Result<(), Error> {
    let n = history.unreadable();
    if n > 0 {
        let s = CliStrings::load(lang);
        writeln!(err, "{}", s.log_unreadable.of(lang, n as u64))?;
    }
    Ok(())
}

/// Reports `e` to `err` (with advice for a damaged database) and returns
/// the error the command ends with.
fn told(s: &CliStrings, e: HistoryError, err: &mut dyn Write) -> Error {
    if e.is_damaged() {
        let file = e.path.display().to_string();
        let _ = writeln!(
            err,
            "{}",
            fill(
                &s.log_damaged,
                &[("error", &e.to_string()), ("file", &file)]
            )
        );
        Error::Damaged
    } else {
        Error::History(e)
    }
}

/// `limber log export [-o FILE] [--label NAME]`: every event as JSON
/// Lines, to a new file (0600, never over an existing one) or to `out`;
/// with a label, a first line names the patient for `report`.
pub fn export(
    history: &History,
    output: Option<&Path>,
    label: Option<&str>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let s = CliStrings::load(lang);
    let lines = history.lines()?;
    let answers = history.answers(None, None)?;
    let label = label.map(history::jsonl::label_line).unwrap_or_default();
    match output {
        None => {
            out.write_all(&label)?;
            history::jsonl::write(&lines, out)?;
            history::jsonl::write_answers(&answers, out)?;
            out.flush()?;
        }
        Some(path) => {
            let mut file = private::create_new(path).map_err(|e| Error::creating(path, e))?;
            file.write_all(&label)?;
            file.write_all(&history::jsonl::to_bytes(&lines))?;
            history::jsonl::write_answers(&answers, &mut file)?;
            file.sync_all()?;
            let file = path.display().to_string();
            writeln!(
                err,
                "{}",
                fill(
                    &s.log_exported,
                    &[("count", &lines.len().to_string()), ("file", &file)]
                )
            )?;
        }
    }
    Ok(Exit::Done)
}

/// What `limber log import` was asked to do, and when.
pub struct Importing<'a, Tz: TimeZone> {
    pub files: &'a [PathBuf],
    /// Whether sessions already in the log may be changed.
    pub merge_existing: bool,
    /// Events dated more than a day after it are refused.
    pub now: DateTime<Tz>,
}

/// `limber log import FILE...`: adds each file's events the log does not
/// have; unreadable lines are reported by number and skipped, and what
/// `core::progress::merge::vet` holds back is said.
pub fn import<Tz: TimeZone>(
    history: &History,
    job: &Importing<Tz>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let s = CliStrings::load(lang);
    if job.files.is_empty() {
        writeln!(err, "{}", s.log_import_none)?;
        return Ok(Exit::Usage);
    }
    // Never merge into a damaged database.
    if let Err(e) = history.check() {
        return Err(told(&s, e, err));
    }
    let w = Words::new(lang);
    let mut held = 0;
    for path in job.files {
        let read = read_file(path, &s, err)?;
        // A path is shown, never obeyed.
        let file = visible(&path.display().to_string()).into_owned();
        let known = history.events_of(merge::sessions_of(&read.lines))?;
        let vetted = merge::vet(read.lines, &known, &job.now, NOTE_MAX, job.merge_existing);
        if vetted.future > 0 {
            let text = s.log_import_future.of(lang, vetted.future as u64);
            writeln!(err, "{}", fill(&text, &[("file", &file)]))?;
        }
        if vetted.notes_cut > 0 {
            let text = s.log_import_notes_cut.of(lang, vetted.notes_cut as u64);
            let max = NOTE_MAX.to_string();
            writeln!(err, "{}", fill(&text, &[("file", &file), ("max", &max)]))?;
        }
        for c in &vetted.changed {
            let template = if vetted.merged {
                &s.log_import_changed
            } else {
                &s.log_import_kept
            };
            let (when, routine, what) = describe(c, &s, &w);
            let args = [
                ("file", file.as_str()),
                ("when", &when),
                ("routine", &routine),
                ("changes", &what),
            ];
            writeln!(err, "{}", fill(template, &args))?;
        }
        if !vetted.merged {
            held += vetted.changed.len();
        }
        let imported = history.import(&vetted.lines)?;
        writeln!(
            out,
            "{}",
            fill(
                &s.log_imported,
                &[
                    ("file", &file),
                    ("added", &imported.added.to_string()),
                    ("present", &imported.present.to_string()),
                ]
            )
        )?;
        import_answers(history, read.answers, &job.now, &file, lang, out, err)?;
    }
    if held > 0 {
        writeln!(err, "{}", s.log_import_merge_hint.of(lang, held as u64))?;
    }
    Ok(Exit::Done)
}

/// The answers of one file, vetted (`core::outcome::vet`) and added; said
/// only when the file has any.
fn import_answers<Tz: TimeZone>(
    history: &History,
    answers: Vec<crate::core::outcome::Answer>,
    now: &DateTime<Tz>,
    file: &str,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Error> {
    if answers.is_empty() {
        return Ok(());
    }
    let o = crate::i18n::outcome::outcome(lang);
    let vetted = crate::core::outcome::vet::vet_answers(answers, now);
    let refused = vetted.future + vetted.out_of_range;
    if refused > 0 {
        let n = refused.to_string();
        writeln!(
            err,
            "{}",
            fill(&o.log_answers_refused, &[("file", file), ("n", &n)])
        )?;
    }
    let imported = history.import_answers(&vetted.answers)?;
    let args = [
        ("file", file),
        ("added", &imported.added.to_string()),
        ("present", &imported.present.to_string()),
    ];
    writeln!(out, "{}", fill(&o.log_answers_imported, &args))?;
    Ok(())
}

/// A changed session as it is listed: when it started, its routine, and
/// each change "before → after" (a note by name only: it may be long).
fn describe(c: &Changed, s: &CliStrings, w: &Words) -> (String, String, String) {
    let pain = |p: Option<u8>| p.map_or_else(|| "–".to_string(), |p| p.to_string());
    let what: Vec<String> = c
        .fields
        .iter()
        .map(|&field| match field {
            "outcome" => format!(
                "{}: {} → {}",
                s.log_field_outcome,
                w.s.outcome(c.before.outcome),
                w.s.outcome(c.after.outcome)
            ),
            "pain_before" => format!(
                "{}: {} → {}",
                s.log_field_pain_before,
                pain(c.before.pain_before),
                pain(c.after.pain_before)
            ),
            "pain_after" => format!(
                "{}: {} → {}",
                s.log_field_pain_after,
                pain(c.before.pain_after),
                pain(c.after.pain_after)
            ),
            _ => s.log_field_note.clone(),
        })
        .collect();
    (
        w.f.date_time(&c.before.started_at),
        // Ids come from a file: shown, never obeyed.
        visible(&c.before.routine.id).into_owned(),
        what.join(", "),
    )
}

/// `limber log repair`: every summary and day count rebuilt from the
/// events, and what that fixed.
pub fn repair(
    history: &History,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let s = CliStrings::load(lang);
    // A damaged file is never written, not even to repair it.
    if let Err(e) = history.check() {
        return Err(told(&s, e, err));
    }
    let r = history.repair()?;
    if r.unreadable_events > 0 {
        let n = r.unreadable_events as u64;
        writeln!(err, "{}", s.log_repair_bad_events.of(lang, n))?;
    }
    writeln!(
        out,
        "{}",
        fill(
            &s.log_repaired,
            &[
                ("sessions", &r.sessions.to_string()),
                ("fixed", &r.fixed.to_string()),
            ]
        )
    )?;
    Ok(Exit::Done)
}

/// The logs in `files`, merged into a store in memory: someone else's
/// export read without touching the user's own data.
pub fn in_memory(files: &[PathBuf], lang: Lang, err: &mut dyn Write) -> Result<History, Error> {
    let s = CliStrings::load(lang);
    let history = History::in_memory()?;
    for path in files {
        let read = read_file(path, &s, err)?;
        history.import(&read.lines)?;
        let vetted =
            crate::core::outcome::vet::vet_answers(read.answers, &crate::shell::clock::local_now());
        history.import_answers(&vetted.answers)?;
    }
    Ok(history)
}

fn read_file(path: &Path, s: &CliStrings, err: &mut dyn Write) -> Result<history::Read, Error> {
    // Regular files only, and no more than a log can be: a FIFO or
    // /dev/zero given by mistake is an error, not a hang.
    let bytes = safe_file::read_capped(path, history::MAX_JSONL_BYTES)?;
    let read = history::parse(&bytes);
    let file = path.display().to_string();
    for p in &read.problems {
        writeln!(
            err,
            "{}",
            fill(
                &s.log_line_skipped,
                &[
                    ("path", &file),
                    ("line", &p.line_no.to_string()),
                    ("problem", &p.message)
                ]
            )
        )?;
    }
    Ok(read)
}

/// One exported log read for a report: its label, if the export carries
/// one, and its events. Damaged lines are told to `err` and skipped.
pub fn read_export(
    path: &Path,
    lang: Lang,
    err: &mut dyn Write,
) -> Result<(Option<String>, Vec<crate::core::record::LogLine>), Error> {
    read_export_all(path, lang, err).map(|(label, lines, _)| (label, lines))
}

/// [`read_export`] with the patient's answers, vetted as an import vets
/// them (an export made before answers existed has none).
pub fn read_export_all(path: &Path, lang: Lang, err: &mut dyn Write) -> Result<ExportRead, Error> {
    let s = CliStrings::load(lang);
    let read = read_file(path, &s, err)?;
    let now = crate::shell::clock::local_now();
    let answers = crate::core::outcome::vet::vet_answers(read.answers, &now).answers;
    Ok((read.label, read.lines, answers))
}

/// An export's label, events and answers.
pub type ExportRead = (
    Option<String>,
    Vec<crate::core::record::LogLine>,
    Vec<crate::core::outcome::Answer>,
);
