//! `limber log export` and `limber log import`, and opening the log for the
//! commands that read it: the store returns what it found (an imported old
//! log, damaged lines, a damaged database) and this prints it.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::LogCommand;
use super::context::Context;
use super::error::Error;
use crate::i18n::{CliStrings, Lang, fill};
use crate::shell::exit::Exit;
use crate::shell::journal::migration_text;
use crate::store::history::{self, History, HistoryError};
use crate::store::private;
use crate::store::safe_file;

/// Opens the log in `data_dir` for a command, telling `err` what the
/// opening found. A damaged database is an error, with what to do.
pub fn open(data_dir: &Path, lang: Lang, err: &mut dyn Write) -> Result<History, Error> {
    let s = CliStrings::load(lang);
    match History::open(data_dir) {
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
    let store = open(dir, ctx.lang, &mut ctx.err)?;
    match command {
        LogCommand::Export { output, label } => export(
            &store,
            output.as_deref(),
            label.as_deref(),
            ctx.lang,
            &mut ctx.out,
            &mut ctx.err,
        ),
        LogCommand::Import { files } => {
            import(&store, &files, ctx.lang, &mut ctx.out, &mut ctx.err)
        }
    }
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
    let label = label.map(history::jsonl::label_line).unwrap_or_default();
    match output {
        None => {
            out.write_all(&label)?;
            history::jsonl::write(&lines, out)?;
            out.flush()?;
        }
        Some(path) => {
            let mut file = private::create_new(path).map_err(|source| {
                if source.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::Exists {
                        path: path.to_path_buf(),
                    }
                } else {
                    Error::File {
                        path: path.to_path_buf(),
                        source,
                    }
                }
            })?;
            file.write_all(&label)?;
            file.write_all(&history::jsonl::to_bytes(&lines))?;
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

/// `limber log import FILE...`: adds each file's events the log does not
/// have; unreadable lines are reported by number and skipped.
pub fn import(
    history: &History,
    files: &[PathBuf],
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let s = CliStrings::load(lang);
    if files.is_empty() {
        writeln!(err, "{}", s.log_import_none)?;
        return Ok(Exit::Usage);
    }
    // Never merge into a damaged database.
    if let Err(e) = history.check() {
        return Err(told(&s, e, err));
    }
    for path in files {
        let read = read_file(path, &s, err)?;
        let imported = history.import(&read.lines)?;
        writeln!(
            out,
            "{}",
            fill(
                &s.log_imported,
                &[
                    ("file", &path.display().to_string()),
                    ("added", &imported.added.to_string()),
                    ("present", &imported.present.to_string()),
                ]
            )
        )?;
    }
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
    let s = CliStrings::load(lang);
    let read = read_file(path, &s, err)?;
    Ok((read.label, read.lines))
}
