//! `limber edit ROUTINE`: edit a routine the way `visudo` edits sudoers.
//!
//! The editor works on a temporary copy. Only a valid routine is installed,
//! atomically, with the previous version kept as `<file>.bak`. An invalid
//! edit is shown with every diagnostic and then edited again, dropped, or
//! saved as `<file>.draft`; neither backups nor drafts end in `.ron`, so
//! limber never loads them as routines.
//!
//! A built-in routine not yet in the routines directory is edited from its
//! text (in the chosen language) and installed as `<id>.ron`, with the
//! built-in text as the backup. Nothing is written before a valid edit is
//! installed, so an edit that is left, rejected or interrupted leaves the
//! built-in routine in use.
//!
//! The editor's copy is private (0600 in a 0700 directory under
//! `$TMPDIR/limber-<uid>`) and removed however limber ends; Ctrl-C goes to
//! the editor, SIGTERM/SIGHUP keep a changed copy as the draft. After a
//! `kill -9` the next edit of the same file keeps what the editor left as
//! the draft and offers it. Every file is read through the safe reader, so
//! a FIFO or `/dev/zero` left in place of the copy is an error, not a hang.
//!
//! This file holds the command and the edit loop; `editor.rs` runs the
//! editor, `scratch.rs` keeps its copy, `lookup.rs` finds the file,
//! `questions.rs` asks what to do with an invalid edit.

mod editor;
mod lookup;
mod questions;
mod scratch;

pub use editor::{Env, editor_command};

use editor::run_editor_guarded;
use lookup::{EditTarget, find_target};
use questions::{EditAnswer, ask};
use scratch::{Scratch, read_routine, recover, with_suffix};

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::Path;

use crate::cli::context::Routines;
use crate::cli::error::Error;
use crate::cli::new::shell_quote;
use crate::core::diagnostic::Diagnostic;
use crate::core::lang::Lang;
use crate::core::parse::parse_routine;
use crate::core::ron_spans::{Seg, SpanIndex};
use crate::core::routine::Routine;
use crate::i18n::{CliStrings, fill};
use crate::shell::exit::Exit;
use crate::store::atomic::write_atomically;

/// Edits `routine` (an id, or a path to a `.ron` file). With `from_draft`
/// the editor starts from the draft an earlier edit saved. Messages go to
/// `out`, diagnostics and questions to `err`, answers come from `input`.
pub fn run(
    ctx: &mut crate::cli::context::Context,
    routine: &str,
    draft: bool,
) -> Result<Exit, Error> {
    let (dir, flag) = (ctx.routines_dir.as_deref(), ctx.global.routines.as_deref());
    let env = Env::from_process();
    let input = &mut io::stdin().lock();
    Ok(edit_routine(
        routine,
        draft,
        ctx.lang,
        dir,
        flag,
        &ctx.library,
        &env,
        input,
        &mut ctx.out,
        &mut ctx.err,
    )?)
}

#[allow(clippy::too_many_arguments)]
fn edit_routine(
    routine: &str,
    from_draft: bool,
    lang: Lang,
    dir: Option<&Path>,
    flag: Option<&Path>,
    library: &Routines,
    env: &Env,
    input: &mut impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let s = CliStrings::load(lang);
    let Some(dir) = dir else {
        writeln!(err, "{}", fill(&s.no_routines_dir, &[("command", "edit")]))?;
        return Ok(Exit::Usage);
    };
    let flag = flag
        .map(|d| format!(" --routines {}", shell_quote(&d.display().to_string())))
        .unwrap_or_default();
    let target = match find_target(routine, lang, &s, (dir, library), &flag, err)? {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let draft = with_suffix(&target.path, ".draft");
    let shown = draft.display().to_string();
    let current = match target.builtin {
        Some(text) => text.as_bytes().to_vec(),
        None => read_routine(&target.path).unwrap_or_default(),
    };
    recover(&target.path, &current, &s, err)?;
    if from_draft && !draft.is_file() {
        let key = &s.edit_answers.draft[0];
        writeln!(
            err,
            "{}",
            fill(&s.edit_no_draft, &[("draft", &shown), ("key", key)])
        )?;
        return Ok(Exit::Usage);
    }
    if !from_draft && draft.is_file() {
        let cli = format!("limber{flag} edit --draft {}", shell_quote(routine));
        writeln!(
            err,
            "{}",
            fill(&s.edit_draft_exists, &[("draft", &shown), ("cli", &cli)])
        )?;
    }
    Ok(
        match edit(&target, from_draft, lang, env, input, out, err)? {
            EditOutcome::Installed | EditOutcome::Unchanged => Exit::Done,
            EditOutcome::Rejected => Exit::Failed,
            EditOutcome::Ended(exit) => exit,
        },
    )
}

enum EditOutcome {
    Installed,
    Unchanged,
    Rejected,
    /// A signal asked limber to end while the editor ran.
    Ended(Exit),
}

/// Parses an edited file; besides the loader's checks, the id must stay
/// what it was, because the session log refers to routines by id.
fn check(bytes: &[u8], id: Option<&str>) -> Result<Routine, Vec<Diagnostic>> {
    let routine = parse_routine(bytes)?;
    match id {
        Some(id) if routine.id != id => {
            let text = String::from_utf8_lossy(bytes);
            let pos = SpanIndex::new(&text).locate(&[Seg::Field("id")]);
            Err(vec![
                Diagnostic::new(
                    pos,
                    format!("the id changed from `{id}` to `{}`", routine.id),
                )
                .with_hint(Some(format!(
                    "keep `id: \"{id}\"`: the session log knows the routine by its id; \
                     for a new routine run `limber new {}`",
                    routine.id
                ))),
            ])
        }
        _ => Ok(routine),
    }
}

fn edit(
    target: &EditTarget,
    from_draft: bool,
    lang: Lang,
    env: &Env,
    input: &mut impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<EditOutcome> {
    let s = &CliStrings::load(lang);
    let path = &target.path;
    let shown = path.display().to_string();
    // What stays in use when nothing is installed.
    let previous = match (&target.id, target.builtin) {
        (Some(id), Some(_)) => fill(&s.edit_previous_builtin, &[("id", id)]),
        _ => fill(&s.edit_previous_file, &[("file", &shown)]),
    };
    let draft_shown = with_suffix(path, ".draft").display().to_string();
    let before = match target.builtin {
        Some(text) => text.as_bytes().to_vec(),
        None => read_routine(path)?,
    };
    let draft = with_suffix(path, ".draft");
    let start = if from_draft {
        read_routine(&draft)?
    } else {
        before.clone()
    };
    let scratch = Scratch::new(path, &start)?;
    let copy = &scratch.copy;
    loop {
        let (status, ended) = run_editor_guarded(&env.editor, copy)?;
        if let Some(exit) = ended {
            // SIGTERM or SIGHUP while the editor ran: no one is left to ask,
            // so a change is kept as the draft, never lost.
            if let Ok(after) = read_routine(copy)
                && after != before
            {
                write_atomically(&draft, &after)?;
                writeln!(
                    err,
                    "{}",
                    fill(
                        &s.edit_recovered,
                        &[("file", &shown), ("draft", &draft_shown)]
                    )
                )?;
            }
            drop(scratch);
            return Ok(EditOutcome::Ended(exit));
        }
        match status {
            Ok(status_code) if status_code.success() => {}
            Ok(status_code) => {
                let how = status_code
                    .code()
                    .map(|c| fill(&s.edit_editor_status, &[("code", &c.to_string())]))
                    .unwrap_or_else(|| s.edit_editor_stopped.clone());
                writeln!(
                    err,
                    "{}",
                    fill(
                        &s.edit_editor_failed,
                        &[
                            ("editor", &env.editor),
                            ("how", &how),
                            ("previous", &previous)
                        ]
                    )
                )?;
                if status_code.code() == Some(127) {
                    writeln!(err, "{}", s.edit_set_editor)?;
                }
                return Ok(EditOutcome::Rejected);
            }
            Err(e) => {
                writeln!(
                    err,
                    "{}",
                    fill(
                        &s.edit_cannot_run,
                        &[("editor", &env.editor), ("error", &e.to_string())]
                    )
                )?;
                return Ok(EditOutcome::Rejected);
            }
        }
        let after = match read_routine(copy) {
            Ok(after) => after,
            Err(e) => {
                writeln!(
                    err,
                    "limber edit: {e}; {}",
                    fill(&s.edit_kept, &[("previous", &previous)])
                )?;
                return Ok(EditOutcome::Rejected);
            }
        };
        if after == before {
            writeln!(out, "{}", s.edit_no_changes)?;
            return Ok(EditOutcome::Unchanged);
        }
        match check(&after, target.id.as_deref()) {
            Ok(routine) => {
                let outcome = install(target, s, &before, &after, &routine, out, err)?;
                if from_draft && matches!(outcome, EditOutcome::Installed) {
                    fs::remove_file(&draft)?;
                    writeln!(
                        out,
                        "{}",
                        fill(&s.edit_draft_removed, &[("draft", &draft_shown)])
                    )?;
                }
                return Ok(outcome);
            }
            Err(diagnostics) => {
                let text = String::from_utf8_lossy(&after);
                for d in &diagnostics {
                    write!(err, "{}", d.render(&shown, &text))?;
                }
                let problems = s.edit_problem_count.of(lang, diagnostics.len() as u64);
                writeln!(
                    err,
                    "{}",
                    fill(&s.edit_problems, &[("problems", &problems)])
                )?;
                match ask(s, input, env.echo_answers, err)? {
                    EditAnswer::EditAgain => continue,
                    EditAnswer::Keep => {
                        writeln!(err, "{}", fill(&s.edit_kept, &[("previous", &previous)]))?;
                        return Ok(EditOutcome::Rejected);
                    }
                    EditAnswer::Draft => {
                        write_atomically(&draft, &after)?;
                        writeln!(
                            err,
                            "{}",
                            fill(
                                &s.edit_draft_saved,
                                &[("draft", &draft_shown), ("previous", &previous)]
                            )
                        )?;
                        return Ok(EditOutcome::Rejected);
                    }
                }
            }
        }
    }
}

fn install(
    target: &EditTarget,
    s: &CliStrings,
    before: &[u8],
    after: &[u8],
    routine: &Routine,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<EditOutcome> {
    let path = &target.path;
    let backup = with_suffix(path, ".bak");
    // Someone else changed the file meanwhile: do not overwrite their work.
    let on_disk = read_routine(path).ok();
    let moved = match target.builtin {
        Some(_) => on_disk.is_some(),
        None => on_disk.as_deref() != Some(before),
    };
    if moved {
        let draft = with_suffix(path, ".draft");
        write_atomically(&draft, after)?;
        writeln!(
            err,
            "{}",
            fill(
                &s.edit_changed_on_disk,
                &[
                    ("file", &path.display().to_string()),
                    ("draft", &draft.display().to_string())
                ]
            )
        )?;
        return Ok(EditOutcome::Rejected);
    }
    write_atomically(&backup, before)?;
    write_atomically(path, after)?;
    let installed = if target.builtin.is_some() {
        &s.edit_installed_builtin
    } else {
        &s.edit_installed
    };
    writeln!(
        out,
        "{}",
        fill(
            installed,
            &[
                ("file", &path.display().to_string()),
                ("id", &routine.id),
                ("version", &routine.version.to_string()),
                ("backup", &backup.display().to_string())
            ]
        )
    )?;
    let old_version = parse_routine(before).ok().map(|r| r.version);
    if let Some(old) = old_version
        && routine.version <= old
    {
        writeln!(
            out,
            "{}",
            fill(
                &s.edit_same_version,
                &[("version", &routine.version.to_string())]
            )
        )?;
    }
    Ok(EditOutcome::Installed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::routines::BUILTIN;

    #[test]
    fn a_changed_id_is_a_diagnostic_at_the_id() {
        let text = BUILTIN[0]
            .2
            .replace("id: \"piriformis-stretch\"", "id: \"piriformis-stretch-2\"");
        let d = check(text.as_bytes(), Some("piriformis-stretch")).unwrap_err();
        assert_eq!(d.len(), 1);
        let line = text.lines().nth(d[0].pos.line - 1).unwrap();
        assert!(line.trim_start().starts_with("id:"), "{line}");
        assert!(check(text.as_bytes(), None).is_ok());
    }
}
