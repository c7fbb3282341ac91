//! `limber remind check | install | remove | status`: a desktop
//! notification when a session is due, from a per-user timer.
//!
//! `timer.rs` writes and switches the per-user timer; `notify.rs` shows
//! the notification. Both are process plumbing only this command uses.

pub mod answers;
pub mod notify;
pub mod timer;

use notify::{Desktop, Notifier};
use timer::{TimerError, TimerKind, UnitFile};

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone};

use super::args::RemindCommand;
use super::config::{on_off, source_word};
use super::context::Context;
use super::error::Error;
use crate::core::lang::Lang;
use crate::core::remind::{Allowed, DueKey, RoutineDue, keep, to_send};
use crate::core::sanitize::{visible, visible_lines};
use crate::i18n::{CliStrings, fill};
use crate::shell::dues::{Scope, dues};
use crate::shell::exit::Exit;
use crate::store;
use crate::store::config::InForce;
use crate::store::paths;
use crate::store::routines::Library;

/// `limber remind check | install | remove | status`.
pub fn run(ctx: &mut Context, command: RemindCommand) -> Result<Exit, Error> {
    let lang = ctx.lang;
    let settings = ctx.in_force();
    let hours = settings.waking_hours.0;
    let allowed = Allowed {
        reminders: settings.reminders.0,
        from: hours.from,
        to: hours.to,
    };
    let state = paths::state_dir(None)
        .or_else(|| ctx.data_dir.clone())
        .map(|d| store::remind::file(&d));
    let dirs = Dirs {
        systemd: paths::systemd_user_dir(),
        launchd: paths::launch_agents_dir(),
    };
    let kind = TimerKind::native();
    Ok(match command {
        RemindCommand::Check { verbose } => {
            let Some(state) = state else {
                writeln!(ctx.err, "{}", CliStrings::load(lang).remind_no_state_dir)?;
                return Ok(Exit::Failed);
            };
            let now = crate::shell::clock::local_now();
            let log = ctx.open_log()?;
            let candidates = candidates(ctx.library.get(), log.as_ref(), &now)?;
            // What was sent is kept aside to tell "nothing sent" apart.
            let mut sent = Vec::new();
            let exit = check(
                &now,
                &candidates,
                allowed,
                &state,
                &mut Desktop,
                lang,
                &mut sent,
                &mut ctx.err,
            )?;
            // The morning check and the measures due, for someone who
            // has a log.
            let exit = match &log {
                Some(h) => {
                    let asked = crate::shell::outcomes::asked(Some(h), ctx.library.get(), &now)?;
                    let more = answers::check(
                        &now,
                        &asked,
                        allowed,
                        &state,
                        &mut Desktop,
                        lang,
                        &mut sent,
                        &mut ctx.err,
                    )?;
                    if more == Exit::Done { exit } else { more }
                }
                None => exit,
            };
            ctx.out.write_all(&sent)?;
            // The timer runs it silently; a person running it by hand
            // wants to know why nothing came.
            if sent.is_empty() && exit == Exit::Done && (verbose || io::stdout().is_terminal()) {
                let s = CliStrings::load(lang);
                let why = if !allowed.reminders {
                    s.remind_why_off.clone()
                } else if !allowed.awake(now.time()) {
                    fill(&s.remind_why_asleep, &[("hours", &hours.to_string())])
                } else {
                    s.remind_why_nothing_due.clone()
                };
                writeln!(ctx.out, "{why}")?;
            }
            exit
        }
        RemindCommand::Install { dry_run } => {
            let argv = timer::check_command(&std::env::current_exe()?, &global_args(ctx));
            install(
                kind,
                &dirs,
                &argv,
                dry_run,
                lang,
                &mut ctx.out,
                &mut ctx.err,
            )?
        }
        RemindCommand::Remove { dry_run } => {
            remove(kind, &dirs, dry_run, lang, &mut ctx.out, &mut ctx.err)?
        }
        RemindCommand::Status => {
            status(kind, &dirs, &settings, state.as_deref(), lang, &mut ctx.out)?
        }
    })
}

/// The global flags the timer's `limber remind check` is run with, so it
/// reads the same log, routines, configuration and language. The paths are
/// the ones resolved now, flags and `XDG_*` alike: the timer does not run
/// with the user's environment, so a data directory named only by
/// `XDG_DATA_HOME` would otherwise be lost.
fn global_args(ctx: &Context) -> Vec<String> {
    let g = &ctx.global;
    let mut args = Vec::new();
    for (flag, v) in [
        ("--data-dir", &ctx.data_dir),
        ("--routines", &ctx.routines_dir),
        ("--config", &ctx.config_file),
    ] {
        if let Some(v) = v {
            args.push(flag.to_string());
            args.push(v.display().to_string());
        }
    }
    if let Some(l) = g.lang {
        args.push("--lang".into());
        args.push(Lang::from(l).code().into());
    }
    args
}

/// Each routine of the library with its next due session, from the one
/// gathering `status` and the coach's home use too.
fn candidates<Tz: TimeZone>(
    library: &Library,
    log: Option<&store::history::History>,
    now: &DateTime<Tz>,
) -> Result<Vec<Candidate>, Error> {
    let outlooks = dues(log, library, Scope::Library, now)?;
    Ok(outlooks
        .into_iter()
        .zip(&library.routines)
        .filter_map(|(o, l)| {
            Some(Candidate {
                due: RoutineDue {
                    routine: o.routine,
                    due: o.due?,
                    done_today: o.completed_today,
                },
                title: l.routine.title.clone(),
            })
        })
        .collect())
}

/// A routine to check, with its title in the user's language.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub due: RoutineDue,
    pub title: String,
}

/// `limber remind check`: sends a notification for each due session not
/// reminded yet, and records it in `state` so it is never sent again. A
/// notification that could not be shown is not recorded (the next check
/// tries again) and makes the exit status 1.
#[allow(clippy::too_many_arguments)]
pub fn check<Tz: TimeZone>(
    now: &DateTime<Tz>,
    candidates: &[Candidate],
    allowed: Allowed,
    state: &Path,
    notifier: &mut dyn Notifier,
    lang: Lang,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let s = CliStrings::load(lang);
    let sent = match store::remind::load(state) {
        Ok(sent) => sent,
        Err(e) => {
            let error = visible(&e.to_string()).into_owned();
            writeln!(
                err,
                "{}",
                fill(&s.remind_state_broken, &[("error", &error)])
            )?;
            Vec::new()
        }
    };
    let routines: Vec<RoutineDue> = candidates.iter().map(|c| c.due.clone()).collect();
    let reminders = to_send(now, &routines, allowed, &sent)
        .into_iter()
        .map(|key| {
            let title = candidates
                .iter()
                .find(|c| c.due.routine == key.routine)
                .map_or(key.routine.as_str(), |c| c.title.as_str());
            let title = visible(title).into_owned();
            let id = visible(&key.routine).into_owned();
            Reminder {
                summary: fill(&s.remind_summary, &[("title", &title)]),
                body: fill(&s.remind_body, &[("id", &id)]),
                title,
                key,
            }
        })
        .collect();
    let record = Record {
        sent,
        state,
        today: now.date_naive(),
    };
    show(reminders, record, notifier, &s, out, err)
}

/// What was sent already, and where those shown now are recorded.
pub(super) struct Record<'a> {
    pub sent: Vec<DueKey>,
    pub state: &'a Path,
    pub today: chrono::NaiveDate,
}

/// One notification to show: the key it is recorded under, the title
/// the command's own lines name it by, and what the notification says.
pub(super) struct Reminder {
    pub key: DueKey,
    pub title: String,
    pub summary: String,
    pub body: String,
}

/// Shows each of `reminders` and says so; those shown are recorded with
/// what was sent before, and one that could not be shown is not (the next
/// check tries again) and makes the exit status 1.
pub(super) fn show(
    reminders: Vec<Reminder>,
    mut record: Record,
    notifier: &mut dyn Notifier,
    s: &CliStrings,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let mut exit = Exit::Done;
    let before = record.sent.len();
    for r in reminders {
        match notifier.notify(&r.summary, &r.body) {
            Ok(()) => {
                writeln!(out, "{}", fill(&s.remind_sent, &[("title", &r.title)]))?;
                record.sent.push(r.key);
            }
            Err(e) => {
                let error = visible(&e).into_owned();
                let args = [("title", r.title.as_str()), ("error", &error)];
                writeln!(err, "{}", fill(&s.remind_failed, &args))?;
                exit = Exit::Failed;
            }
        }
    }
    if record.sent.len() > before {
        store::remind::save(record.state, &keep(record.sent, record.today))?;
    }
    Ok(exit)
}

/// Where the timer's files go, for each kind.
#[derive(Clone, Debug, Default)]
pub struct Dirs {
    pub systemd: Option<PathBuf>,
    pub launchd: Option<PathBuf>,
}

/// The files a timer of `kind` needs; none for cron.
fn files(
    kind: TimerKind,
    dirs: &Dirs,
    argv: &[String],
) -> Option<Result<Vec<UnitFile>, TimerError>> {
    Some(match kind {
        TimerKind::Systemd => timer::systemd_units(dirs.systemd.as_deref()?, argv),
        TimerKind::Launchd => timer::launchd_agent(dirs.launchd.as_deref()?, argv).map(|f| vec![f]),
        TimerKind::Cron => Ok(Vec::new()),
    })
}

/// The files of an installed timer, by name (no command line needed).
fn installed_files(kind: TimerKind, dirs: &Dirs) -> Option<Vec<UnitFile>> {
    files(kind, dirs, &[])?.ok()
}

/// The message for a word refused by the timer's files.
fn refused(s: &CliStrings, e: &TimerError) -> String {
    match e {
        TimerError::Control { word } => fill(&s.remind_control, &[("word", &visible(word))]),
    }
}

/// What enables (`on`) or disables the timer, as (program, args).
fn switch_commands(kind: TimerKind, files: &[UnitFile], on: bool) -> Vec<(String, Vec<String>)> {
    let (systemctl, launchctl) = if on {
        ("enable", "load")
    } else {
        ("disable", "unload")
    };
    match kind {
        TimerKind::Systemd => {
            let reload = (
                "systemctl".into(),
                vec!["--user".into(), "daemon-reload".into()],
            );
            let switch = (
                "systemctl".into(),
                vec![
                    "--user".into(),
                    systemctl.into(),
                    "--now".into(),
                    format!("{}.timer", timer::UNIT),
                ],
            );
            if on {
                vec![reload, switch]
            } else {
                vec![switch]
            }
        }
        TimerKind::Launchd => files
            .iter()
            .map(|f| {
                (
                    "launchctl".into(),
                    vec![launchctl.into(), "-w".into(), f.path.display().to_string()],
                )
            })
            .collect(),
        TimerKind::Cron => Vec::new(),
    }
}

fn shown(commands: &[(String, Vec<String>)]) -> String {
    commands
        .iter()
        .map(|(p, a)| format!("{p} {}", a.join(" ")))
        .collect::<Vec<_>>()
        .join(" && ")
}

fn run_all(commands: &[(String, Vec<String>)]) -> Result<(), String> {
    for (program, args) in commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        timer::run(program, &args)?;
    }
    Ok(())
}

/// Enables the timer: for systemd, reloads, then asks how each unit
/// loaded, since `enable` succeeds for a timer whose service systemd
/// refused (a bad setting shows only when the timer fires).
fn switch_on(
    kind: TimerKind,
    files: &[UnitFile],
    commands: &[(String, Vec<String>)],
    s: &CliStrings,
) -> Result<(), String> {
    if kind != TimerKind::Systemd {
        return run_all(commands);
    }
    let (reload, rest) = commands.split_at(1.min(commands.len()));
    run_all(reload)?;
    for f in files {
        let Some(name) = f.path.file_name() else {
            continue;
        };
        let name = name.to_string_lossy();
        let state = timer::load_state(&name)?;
        if state != "loaded" {
            return Err(fill(
                &s.remind_rejected,
                &[("unit", &name), ("state", &visible(&state))],
            ));
        }
    }
    run_all(rest)
}

/// `limber remind install [--dry-run]`: writes the timer's files and
/// enables it; with `dry_run`, prints the files and the command instead.
pub fn install(
    kind: TimerKind,
    dirs: &Dirs,
    argv: &[String],
    dry_run: bool,
    lang: Lang,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let s = CliStrings::load(lang);
    if kind == TimerKind::Cron {
        match timer::crontab_line(argv) {
            Ok(line) => {
                writeln!(out, "{}", s.remind_crontab)?;
                writeln!(out, "{}", visible(&line))?;
                return Ok(Exit::Done);
            }
            Err(e) => {
                writeln!(err, "{}", refused(&s, &e))?;
                return Ok(Exit::Failed);
            }
        }
    }
    let files = match files(kind, dirs, argv) {
        None => {
            writeln!(err, "{}", s.remind_no_config_dir)?;
            return Ok(Exit::Failed);
        }
        Some(Err(e)) => {
            writeln!(err, "{}", refused(&s, &e))?;
            return Ok(Exit::Failed);
        }
        Some(Ok(files)) => files,
    };
    let enable = switch_commands(kind, &files, true);
    // Paths come from the environment: shown, never obeyed.
    let cli = visible(&shown(&enable)).into_owned();
    if dry_run {
        writeln!(out, "{}", fill(&s.remind_dry_run, &[("cli", &cli)]))?;
        for f in &files {
            let path = f.path.display().to_string();
            write!(out, "\n# {}\n{}", visible(&path), visible_lines(&f.text))?;
        }
        return Ok(Exit::Done);
    }
    for f in &files {
        if let Some(dir) = f.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        store::atomic::write_atomically(&f.path, f.text.as_bytes())?;
        let path = f.path.display().to_string();
        writeln!(
            out,
            "{}",
            fill(&s.remind_wrote, &[("path", &visible(&path))])
        )?;
    }
    match switch_on(kind, &files, &enable, &s) {
        Ok(()) => {
            writeln!(out, "{}", fill(&s.remind_enabled, &[("cli", &cli)]))?;
            Ok(Exit::Done)
        }
        Err(e) => {
            writeln!(err, "limber remind install: {}", visible(&e))?;
            Ok(Exit::Failed)
        }
    }
}

/// `limber remind remove [--dry-run]`: disables the timer and removes its files.
pub fn remove(
    kind: TimerKind,
    dirs: &Dirs,
    dry_run: bool,
    lang: Lang,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let s = CliStrings::load(lang);
    if kind == TimerKind::Cron {
        writeln!(out, "{}", s.remind_crontab_remove)?;
        return Ok(Exit::Done);
    }
    let Some(files) = installed_files(kind, dirs) else {
        writeln!(err, "{}", s.remind_no_config_dir)?;
        return Ok(Exit::Failed);
    };
    let present: Vec<&UnitFile> = files.iter().filter(|f| f.path.exists()).collect();
    if present.is_empty() {
        writeln!(out, "{}", s.remind_not_installed)?;
        return Ok(Exit::Done);
    }
    let disable = switch_commands(kind, &files, false);
    if dry_run {
        writeln!(
            out,
            "{}",
            fill(
                &s.remind_would_remove,
                &[("cli", &visible(&shown(&disable)))]
            )
        )?;
        for f in &present {
            writeln!(out, "  {}", visible(&f.path.display().to_string()))?;
        }
        return Ok(Exit::Done);
    }
    let mut exit = Exit::Done;
    if let Err(e) = run_all(&disable) {
        // The files go all the same: a timer without its files does not run.
        writeln!(err, "limber remind remove: {}", visible(&e))?;
        exit = Exit::Failed;
    }
    for f in present {
        std::fs::remove_file(&f.path)?;
        let path = f.path.display().to_string();
        writeln!(
            out,
            "{}",
            fill(&s.remind_removed, &[("path", &visible(&path))])
        )?;
    }
    if kind == TimerKind::Systemd {
        let _ = timer::run("systemctl", &["--user", "daemon-reload"]);
    }
    Ok(exit)
}

/// `limber remind status`: whether the timer is installed, the settings
/// that decide, and the last reminder sent.
pub fn status(
    kind: TimerKind,
    dirs: &Dirs,
    settings: &InForce,
    state: Option<&Path>,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<Exit> {
    let s = CliStrings::load(lang);
    let files = installed_files(kind, dirs).unwrap_or_default();
    let present: Vec<&UnitFile> = files.iter().filter(|f| f.path.exists()).collect();
    if present.is_empty() {
        writeln!(out, "{}", s.remind_not_installed)?;
    }
    for f in present {
        let path = f.path.display().to_string();
        writeln!(
            out,
            "{}",
            fill(&s.remind_installed_at, &[("path", &visible(&path))])
        )?;
    }
    let (on, on_from) = settings.reminders;
    let (hours, hours_from) = settings.waking_hours;
    writeln!(
        out,
        "{}",
        fill(
            &s.remind_settings,
            &[
                ("state", on_off(&s, on)),
                ("state_source", source_word(&s, on_from)),
                ("hours", &hours.to_string()),
                ("hours_source", source_word(&s, hours_from)),
            ]
        )
    )?;
    let last: Option<DueKey> = state
        .and_then(|p| store::remind::load(p).ok())
        .and_then(|sent| sent.into_iter().max_by_key(|k| k.date));
    if let Some(k) = last {
        let (routine, date) = (visible(&k.routine).into_owned(), k.date.to_string());
        writeln!(
            out,
            "{}",
            fill(&s.remind_last, &[("routine", &routine), ("date", &date)])
        )?;
    }
    Ok(Exit::Done)
}
