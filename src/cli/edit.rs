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

use crate::cli::error::Error;
use std::ffi::OsString;
use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli::context::Routines;
use crate::cli::new::shell_quote;
use crate::core::diagnostic::Diagnostic;
use crate::core::lang::Lang;
use crate::core::parse::MAX_BYTES;
use crate::core::parse::parse_routine;
use crate::core::ron_spans::{Seg, SpanIndex};
use crate::core::routine::Routine;
use crate::i18n::{CliStrings, fill};
use crate::shell::exit::Exit;
use crate::store::atomic::write_atomically;
use crate::store::routines::{BUILTIN, Origin};
use crate::store::safe_file::read_capped;

/// The editor command: `$VISUAL`, else `$EDITOR`, else `nano` if it is on
/// the `PATH`, else `vi`.
pub fn editor_command(
    visual: Option<&str>,
    editor: Option<&str>,
    has_nano: impl FnOnce() -> bool,
) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| if has_nano() { "nano" } else { "vi" }.to_string())
}

/// Runs `editor` on `file` through the shell, so that an editor with
/// arguments (`EDITOR="code -w"`) works. The file name is passed as a
/// separate argument, never spliced into the command.
fn run_editor(editor: &str, file: &Path) -> io::Result<std::process::ExitStatus> {
    #[cfg(unix)]
    {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(file)
            .status()
    }
    #[cfg(not(unix))]
    {
        let mut line = OsString::from(editor);
        line.push(" \"");
        line.push(file.as_os_str());
        line.push("\"");
        Command::new("cmd").arg("/C").arg(line).status()
    }
}

/// `name` with `suffix` appended to the file name: `a.ron` and `.bak` give
/// `a.ron.bak`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    path.with_file_name(name)
}

/// Reads a routine, a draft or the editor's copy through the safe reader:
/// a FIFO or `/dev/zero` left in its place is an error, not a hang.
fn read_routine(path: &Path) -> io::Result<Vec<u8>> {
    Ok(read_capped(path, MAX_BYTES)?)
}

/// The private directory the editor's copy lives in: a `tempfile::TempDir`
/// (mode 0700) holding the copy (0600), the path it is an edit of, and the
/// id of this process. Removed when dropped: on every return, error and
/// panic. A `kill -9` cannot run that; the next edit of the same file finds
/// the directory ([`orphans`]) and keeps what the editor left as a draft.
struct Scratch {
    /// Held for its drop, which removes the directory.
    _dir: tempfile::TempDir,
    copy: PathBuf,
}

const TARGET_FILE: &str = "target";
const PID_FILE: &str = "pid";

impl Scratch {
    fn new(target: &Path, start: &[u8]) -> io::Result<Scratch> {
        let mut builder = tempfile::Builder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o700));
        }
        let dir = match scratch_root() {
            Some(root) => builder.prefix("edit-").tempdir_in(root)?,
            None => builder.prefix("limber-edit-").tempdir()?,
        };
        let name = target.file_name().unwrap_or_else(|| "routine.ron".as_ref());
        let copy = dir.path().join(name);
        write_private(&copy, start)?;
        let target = std::path::absolute(target)?;
        write_private(
            &dir.path().join(TARGET_FILE),
            target.as_os_str().as_encoded_bytes(),
        )?;
        write_private(
            &dir.path().join(PID_FILE),
            std::process::id().to_string().as_bytes(),
        )?;
        Ok(Scratch { _dir: dir, copy })
    }
}

/// A new file only its owner may read and write.
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}

/// `$TMPDIR/limber-<uid>`, where every edit's scratch directory lives, so
/// the next edit can find one a `kill -9` left behind. Created 0700; `None`
/// (scratch directories then go straight into `$TMPDIR`, and cannot be
/// found again) when it is not a directory of this user's that only this
/// user can enter.
fn scratch_root() -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt};
        // SAFETY: getuid has no preconditions and cannot fail.
        let uid = unsafe { libc::getuid() };
        let root = std::env::temp_dir().join(format!("limber-{uid}"));
        let _ = fs::DirBuilder::new().mode(0o700).create(&root);
        let meta = fs::symlink_metadata(&root).ok()?;
        (meta.is_dir() && meta.uid() == uid && meta.mode() & 0o077 == 0).then_some(root)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Whether process `pid` still runs (an edit in progress in it).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let exists = unsafe { libc::kill(pid, 0) } == 0;
        exists || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

/// Scratch directories of edits of `target` whose process is gone, with
/// the copy the editor left in each.
fn orphans(target: &Path) -> Vec<(PathBuf, PathBuf)> {
    let (Some(root), Ok(target)) = (scratch_root(), std::path::absolute(target)) else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(&root) else {
        return Vec::new();
    };
    let name = target.file_name().unwrap_or_else(|| "routine.ron".as_ref());
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|dir| {
            let of = read_capped(&dir.join(TARGET_FILE), 64 * 1024).ok();
            let pid = read_capped(&dir.join(PID_FILE), 32)
                .ok()
                .and_then(|b| String::from_utf8(b).ok()?.trim().parse().ok());
            of.as_deref() == Some(target.as_os_str().as_encoded_bytes())
                && pid.is_some_and(|p| p != std::process::id() && !alive(p))
        })
        .map(|dir| {
            let copy = dir.join(name);
            (dir, copy)
        })
        .collect()
}

/// Keeps the copy of an interrupted edit of `path` as its draft (when it
/// holds a change and there is no draft yet) and removes the scratch
/// directory; true when a draft was kept.
fn recover(path: &Path, before: &[u8], s: &CliStrings, err: &mut impl Write) -> io::Result<bool> {
    let draft = with_suffix(path, ".draft");
    let mut kept = false;
    for (dir, copy) in orphans(path) {
        match read_routine(&copy) {
            Ok(bytes) if bytes != before => {
                if draft.exists() {
                    // Never over a draft: the next edit after that one is
                    // dealt with offers it again.
                    continue;
                }
                write_atomically(&draft, &bytes)?;
                let shown = draft.display().to_string();
                writeln!(
                    err,
                    "{}",
                    fill(
                        &s.edit_recovered,
                        &[("file", &path.display().to_string()), ("draft", &shown)]
                    )
                )?;
                kept = true;
            }
            _ => {}
        }
        let _ = fs::remove_dir_all(&dir);
    }
    Ok(kept)
}

/// The file an edit installs into, and what it held before.
struct EditTarget {
    path: PathBuf,
    /// The routine's id before the edit, when the file was a valid routine.
    id: Option<String>,
    /// The text of the built-in routine when `path` does not exist yet: the
    /// edit starts from it, and it becomes the backup once the edit is
    /// installed. The copy is written only then, so an edit that is left,
    /// rejected or interrupted leaves nothing behind.
    builtin: Option<&'static str>,
}

/// The source text of built-in routine `id` in `lang`, else in English.
fn builtin_text(id: &str, lang: &str) -> Option<&'static str> {
    let mine = |want: &str| {
        BUILTIN.iter().find_map(|&(l, _, text)| {
            (l == want && parse_routine(text.as_bytes()).is_ok_and(|r| r.id == id)).then_some(text)
        })
    };
    mine(lang).or_else(|| mine("en"))
}

fn find_target(
    routine: &str,
    lang: Lang,
    s: &CliStrings,
    (dir, library): (&Path, &Routines),
    flag: &str,
    err: &mut impl Write,
) -> io::Result<Result<EditTarget, Exit>> {
    // A path to a file: edit that file, whatever is in it.
    let as_path = Path::new(routine);
    if routine.ends_with(".ron") || routine.contains(std::path::MAIN_SEPARATOR) {
        if as_path.is_file() {
            return Ok(Ok(EditTarget {
                path: as_path.to_path_buf(),
                id: load_file_id(as_path),
                builtin: None,
            }));
        }
        if let Ok(meta) = std::fs::metadata(as_path) {
            let kind = &s.edit_kinds[usize::from(!meta.is_dir())];
            let path = crate::core::sanitize::visible(routine);
            writeln!(
                err,
                "{}",
                fill(&s.edit_not_a_file, &[("path", &path), ("kind", kind)])
            )?;
            return Ok(Err(Exit::Usage));
        }
        writeln!(err, "{}", fill(&s.edit_no_such_file, &[("path", routine)]))?;
        return Ok(Err(Exit::Usage));
    }
    let library = library.get();
    let own = dir.join(format!("{routine}.ron"));
    match library.find(routine).map(|l| &l.origin) {
        Some(Origin::File(path)) => Ok(Ok(EditTarget {
            path: path.clone(),
            id: Some(routine.to_string()),
            builtin: None,
        })),
        Some(Origin::BuiltIn) if own.exists() => {
            if library.broken.iter().any(|b| b.path == own) {
                // The user's own copy has mistakes: fixing it is the point.
                return Ok(Ok(EditTarget {
                    path: own,
                    id: None,
                    builtin: None,
                }));
            }
            let other = load_file_id(&own).unwrap_or_default();
            let file = own.display().to_string();
            let cli = format!("limber{flag} edit {}", shell_quote(&file));
            writeln!(
                err,
                "{}",
                fill(
                    &s.edit_holds_other,
                    &[
                        ("file", &file),
                        ("other", &other),
                        ("routine", routine),
                        ("cli", &cli)
                    ]
                )
            )?;
            Ok(Err(Exit::Failed))
        }
        Some(Origin::BuiltIn) => {
            let Some(text) = builtin_text(routine, lang.code()) else {
                writeln!(
                    err,
                    "{}",
                    fill(&s.edit_builtin_missing, &[("routine", routine)])
                )?;
                return Ok(Err(Exit::Usage));
            };
            Ok(Ok(EditTarget {
                path: own,
                id: Some(routine.to_string()),
                builtin: Some(text),
            }))
        }
        None => {
            if own.exists() {
                // Broken, or a routine with another id: edit the file.
                let id = load_file_id(&own);
                return Ok(Ok(EditTarget {
                    path: own,
                    id,
                    builtin: None,
                }));
            }
            let told = crate::cli::suggest::unknown_routine(s, "edit", routine, library);
            let cli = format!("limber{flag} new {routine}");
            writeln!(err, "{}", told.message)?;
            writeln!(err, "{}", fill(&s.edit_start_new, &[("cli", &cli)]))?;
            if let Some(hint) = told.hint {
                writeln!(err, "{hint}")?;
            }
            Ok(Err(Exit::Usage))
        }
    }
}

fn load_file_id(path: &Path) -> Option<String> {
    read_routine(path)
        .ok()
        .and_then(|b| parse_routine(&b).ok())
        .map(|r| r.id)
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

enum EditAnswer {
    EditAgain,
    Keep,
    Draft,
}

/// What `answer` asks for. The prompt shows the letters of the interface
/// language, but the answers of both are understood: a script written for
/// one language works in the other, and so does a hand used to it.
fn choice(answer: &str) -> Option<EditAnswer> {
    let answer = answer.trim().to_lowercase();
    [Lang::En, Lang::Ru].into_iter().find_map(|lang| {
        let a = CliStrings::load(lang).edit_answers;
        let has = |list: &[String]| list.contains(&answer);
        if has(&a.again) {
            Some(EditAnswer::EditAgain)
        } else if has(&a.keep) {
            Some(EditAnswer::Keep)
        } else if has(&a.draft) {
            Some(EditAnswer::Draft)
        } else {
            None
        }
    })
}

/// Asks what to do with an invalid edit, a line at a time; end of input
/// means keep the previous version.
/// With `echo`, the answer is repeated on `err`, so that a log of a
/// non-interactive run reads like a conversation.
fn ask(
    s: &CliStrings,
    input: &mut impl BufRead,
    echo: bool,
    err: &mut impl Write,
) -> io::Result<EditAnswer> {
    loop {
        write!(err, "{}", s.edit_prompt)?;
        err.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(err)?;
            return Ok(EditAnswer::Keep);
        }
        if echo {
            writeln!(err, "{}", line.trim_end())?;
        }
        match choice(&line) {
            Some(answer) => return Ok(answer),
            None => writeln!(err, "{}", s.edit_answer_please)?,
        }
    }
}

/// Everything `limber edit` needs from outside, so tests can pass their own.
pub struct Env {
    pub editor: String,
    /// Repeat the answers read from a standard input that is not a terminal.
    pub echo_answers: bool,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |k| std::env::var(k).ok();
        Env {
            editor: editor_command(var("VISUAL").as_deref(), var("EDITOR").as_deref(), || {
                crate::shell::program::find(&["nano"]).is_some()
            }),
            echo_answers: !io::stdin().is_terminal(),
        }
    }
}

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

/// Runs the editor as `system(3)` does: Ctrl-C and Ctrl-\ are the editor's
/// (limber, in the same process group, is not killed by them and so never
/// leaves its scratch copy behind), and SIGTERM or SIGHUP are noted and
/// answered once the editor is done.
fn run_editor_guarded(
    editor: &str,
    file: &Path,
) -> io::Result<(io::Result<std::process::ExitStatus>, Option<Exit>)> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let last = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for sig in [SIGINT, SIGQUIT, SIGTERM, SIGHUP] {
            ids.push(signal_hook::flag::register_usize(
                sig,
                Arc::clone(&last),
                sig as usize,
            )?);
        }
        let status = run_editor(editor, file);
        for id in ids {
            signal_hook::low_level::unregister(id);
        }
        let sig = last.load(Ordering::SeqCst) as i32;
        let ended = (sig == SIGTERM || sig == SIGHUP).then_some(Exit::Terminated);
        Ok((status, ended))
    }
    #[cfg(not(unix))]
    {
        let _ = (Arc::new(AtomicUsize::new(0)), Ordering::SeqCst);
        Ok((run_editor(editor, file), None))
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

    #[test]
    fn editor_is_visual_then_editor_then_nano_or_vi() {
        assert_eq!(editor_command(Some("v"), Some("e"), || true), "v");
        assert_eq!(editor_command(Some(" "), Some("e"), || true), "e");
        assert_eq!(editor_command(None, Some("code -w"), || true), "code -w");
        assert_eq!(editor_command(None, Some(""), || true), "nano");
        assert_eq!(editor_command(None, None, || false), "vi");
    }

    #[test]
    fn backups_and_drafts_are_not_routine_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.ron");
        fs::write(&file, "x").unwrap();
        fs::write(with_suffix(&file, ".bak"), "x").unwrap();
        fs::write(with_suffix(&file, ".draft"), "x").unwrap();
        write_atomically(&dir.path().join("s.ron"), b"y").unwrap();
        let files = crate::store::routines::routine_files(dir.path()).unwrap();
        assert_eq!(files, [file, dir.path().join("s.ron")]);
    }

    #[test]
    fn answers_of_either_language_are_understood_in_both() {
        for lang in [Lang::En, Lang::Ru] {
            let a = CliStrings::load(lang).edit_answers;
            for answer in &a.again {
                assert!(
                    matches!(choice(answer), Some(EditAnswer::EditAgain)),
                    "{answer}"
                );
            }
            for answer in &a.keep {
                assert!(matches!(choice(answer), Some(EditAnswer::Keep)), "{answer}");
            }
            for answer in &a.draft {
                assert!(
                    matches!(choice(answer), Some(EditAnswer::Draft)),
                    "{answer}"
                );
            }
        }
        assert!(matches!(choice(" E\n"), Some(EditAnswer::EditAgain)));
        assert!(matches!(choice("С\n"), Some(EditAnswer::Draft)));
        assert!(choice("maybe").is_none());
        assert!(choice("").is_none());
    }

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
