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
        LogCommand::Export { output } => export(
            &store,
            output.as_deref(),
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

/// `limber log export [-o FILE]`: every event as JSON Lines, to a new file
/// (0600, never over an existing one) or to `out`.
pub fn export(
    history: &History,
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let s = CliStrings::load(lang);
    let lines = history.lines()?;
    match output {
        None => {
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
