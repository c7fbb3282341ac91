use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::FromArgMatches;

use limber::cli::args::{
    self, Cli, ColorArg, Command, Global, HistoryFormat, LogCommand, RemindCommand, RunArgs,
    SessionFlags,
};
use limber::cli::remind;
use limber::cli::{config as show_config, edit, export, history, log, new, plain, routines};
use limber::cli::{suggest, validate};
use limber::core::diagnostic::Diagnostic;
use limber::core::due::next_due;
use limber::core::lang::Lang;
use limber::core::progress::{SessionSummary, Target, progress_days, targets_for};
use limber::core::remind::{Allowed, RoutineDue};
use limber::core::ron_spans::Pos;
use limber::core::sanitize::visible;
use limber::i18n::{CliStrings, fill};
use limber::shell::exit::Exit;
use limber::shell::notify::Desktop;
use limber::shell::options::{Options, Start};
use limber::shell::output::{Stderr, Stdout, use_color};
use limber::shell::timer::Kind;
use limber::store::config::{self, Config, ConfigError};
use limber::store::history::{self as store_history, History};
use limber::store::paths;
use limber::store::routines::{Library, load_library};
use limber::tui;

/// `--color` as given, read before clap parses, so clap's own errors follow it too.
fn color_flag(args: &[OsString]) -> Option<bool> {
    let mut choice = None;
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--color") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(v) if v.starts_with('=') => Some(v[1..].to_string()),
            _ => continue,
        };
        choice = match value.as_deref() {
            Some("always") => Some(true),
            Some("never") => Some(false),
            _ => None,
        };
    }
    choice
}

fn main() -> ExitCode {
    let argv: Vec<OsString> = std::env::args_os().collect();
    let clap_color = match color_flag(&argv) {
        Some(true) => clap::ColorChoice::Always,
        Some(false) => clap::ColorChoice::Never,
        None => clap::ColorChoice::Auto,
    };
    // clap quotes the argument it did not take: shown, never obeyed. Help
    // and version go to stdout as clap writes them.
    let matches = match args::command().color(clap_color).try_get_matches_from(argv) {
        Ok(m) => m,
        Err(e) if e.use_stderr() => {
            let _ = write!(Stderr::new(false), "{}", e.render());
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
        Err(e) => e.exit(),
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let choice = match cli.global.color {
        ColorArg::Auto => None,
        ColorArg::Always => Some(true),
        ColorArg::Never => Some(false),
    };
    let var = |k| std::env::var(k).ok();
    let color = use_color(
        choice,
        io::stderr().is_terminal(),
        var("NO_COLOR").as_deref(),
        var("TERM").as_deref(),
    );
    let mut err = Stderr::new(color);
    // Printed from the definition alone: no configuration, no files.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut out = Stdout::new();
            clap_complete::generate(*shell, &mut args::command(), "limber", &mut out);
            return Exit::Done.into();
        }
        Some(Command::Man) => {
            let man = clap_mangen::Man::new(args::command());
            let mut out = Stdout::new();
            return match man.render(&mut out) {
                Ok(()) => Exit::Done.into(),
                Err(e) => {
                    let _ = writeln!(err, "limber man: {e}");
                    Exit::Failed.into()
                }
            };
        }
        _ => {}
    }
    let locale = Lang::from_locale(
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    );
    let flag_lang = cli.global.lang.map(Lang::from);
    let config_file = paths::config_file(cli.global.config.clone());
    let config = match config_file.as_deref().map(config::load).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => {
            let _ = report_config_error(&e, flag_lang.unwrap_or(locale), &mut err);
            return Exit::Usage.into();
        }
    };
    let (lang, source) = match (flag_lang, config.language) {
        (Some(l), _) => (l, show_config::Source::Flag),
        (None, Some(l)) => (l.0, show_config::Source::File),
        (None, None) => (locale, show_config::Source::Locale),
    };
    let name = command_name(&matches);
    let outer = &cli.session;
    let session_command = matches!(
        cli.command,
        None | Some(Command::Run(_) | Command::Preview { .. })
    );
    if (outer.quiet || outer.voice || outer.no_voice || outer.sound.is_some()) && !session_command {
        let command = name.as_deref().unwrap_or_default();
        args::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "--quiet, --sound, --voice and --no-voice are for the coach, `run` and `preview`, not `{command}`"
                ),
            )
            .exit();
    }
    let ctx = Ctx {
        lang,
        lang_source: source,
        config,
        config_file,
    };
    match dispatch(cli.command, cli.global, cli.session, &ctx, &mut err) {
        Ok(exit) => exit.into(),
        Err(e) => {
            let name = name.map(|n| format!(" {n}")).unwrap_or_default();
            let _ = writeln!(err, "limber{name}: {e}");
            Exit::Failed.into()
        }
    }
}

/// The subcommand as the user typed it: `run`, `log export`.
fn command_name(matches: &clap::ArgMatches) -> Option<String> {
    let (name, sub) = matches.subcommand()?;
    Some(match sub.subcommand_name() {
        Some(inner) => format!("{name} {inner}"),
        None => name.to_string(),
    })
}

/// A broken configuration file: where, what, and how to get going again.
fn report_config_error(e: &ConfigError, lang: Lang, err: &mut impl Write) -> io::Result<()> {
    let s = CliStrings::load(lang);
    match e {
        ConfigError::Unreadable(e) => {
            writeln!(err, "limber: {}", visible(&e.to_string()))?;
            writeln!(err, "{}", suggest::hint(&s, &s.config_broken))
        }
        ConfigError::Invalid {
            path,
            line,
            col,
            message,
            source_text,
        } => {
            let d = Diagnostic::new(
                Pos {
                    line: *line,
                    col: *col,
                },
                message.clone(),
            )
            .with_hint(Some(s.config_broken.clone()));
            write!(
                err,
                "{}",
                d.render(&path.display().to_string(), source_text)
            )
        }
    }
}

/// What every command is run with, besides its own arguments.
struct Ctx {
    lang: Lang,
    lang_source: show_config::Source,
    config: Config,
    config_file: Option<std::path::PathBuf>,
}

fn dispatch(
    command: Option<Command>,
    global: Global,
    outer: SessionFlags,
    ctx: &Ctx,
    err: &mut Stderr,
) -> io::Result<Exit> {
    let lang = ctx.lang;
    let routines_dir = paths::routines_dir(global.routines.clone());
    let data_dir = paths::data_dir(global.data_dir.clone());
    let config = &ctx.config;
    let options = |flags: &SessionFlags, speed, record| Options {
        lang,
        // --quiet, then --sound, then the file's `sound = false`, then tones.
        sound: match (flags.quiet, flags.sound, config.sound) {
            (true, ..) | (false, None, Some(false)) => limber::shell::sound::Mode::Off,
            (false, Some(s), _) => s.into(),
            (false, None, _) => limber::shell::sound::Mode::Tones,
        },
        voice: flags.voice_with(config.voice),
        data_dir: data_dir.clone(),
        routines_dir: routines_dir.clone(),
        side: config.side,
        speed,
        record,
    };
    // Loaded once for the whole process: every command and screen after
    // this names routines by id in this one library.
    let library = || load_library(lang, routines_dir.as_deref());
    match command {
        None => {
            if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
                let s = CliStrings::load(lang);
                writeln!(err, "{}", s.no_terminal)?;
                return Ok(Exit::Usage);
            }
            coach(options(&outer, 1, true), library(), None, err)
        }
        Some(Command::Completions { .. } | Command::Man) => Ok(Exit::Done),
        Some(Command::Config) => {
            let rescue_dir = paths::state_dir(None).or_else(|| data_dir.clone());
            let resolved = show_config::Resolved {
                lang: (lang, ctx.lang_source),
                config: config.clone(),
                paths: show_config::Paths {
                    config_file: ctx.config_file.clone(),
                    database: data_dir.as_ref().map(|d| d.join(store_history::FILE_NAME)),
                    data_dir: data_dir.clone(),
                    routines_dir: routines_dir.clone(),
                    rescue_dir,
                },
            };
            Stdout::new().write_all(show_config::text(&resolved, lang).as_bytes())?;
            Ok(Exit::Done)
        }
        Some(Command::Validate { paths }) => validate::run(
            &paths,
            routines_dir.as_deref(),
            lang,
            &mut Stdout::new(),
            err,
        ),
        Some(Command::Routines) => {
            routines::run(&library(), lang, &mut Stdout::new(), err)?;
            Ok(Exit::Done)
        }
        Some(Command::Run(args)) => {
            let opts = options(&args.session.or(&outer), 1, true);
            run_routine("run", args, opts, library(), err)
        }
        Some(Command::Preview { run, speed }) => {
            let opts = options(&run.session.or(&outer), speed, false);
            run_routine("preview", run, opts, library(), err)
        }
        Some(Command::History {
            since,
            routine,
            format,
        }) => {
            let log = open_log(data_dir.as_deref(), lang, err)?;
            let sessions = match &log {
                Some(log) => log
                    .sessions(routine.as_deref(), since)
                    .map_err(io::Error::other)?,
                None => Vec::new(),
            };
            let filter = history::Filter { since, routine };
            if sessions.is_empty() {
                let exit = explain_empty(&filter, log.as_ref(), &library(), lang, err)?;
                if exit != Exit::Done {
                    return Ok(exit);
                }
            }
            let text = match format {
                HistoryFormat::Table => history::table(&sessions, &filter, lang),
                HistoryFormat::Csv => history::csv(&sessions, &filter),
                HistoryFormat::Json => history::json(&sessions, &filter),
            };
            Stdout::new().write_all(text.as_bytes())?;
            Ok(Exit::Done)
        }
        Some(Command::Report {
            since,
            format: _,
            log: files,
        }) => {
            let sessions = if files.is_empty() {
                match open_log(data_dir.as_deref(), lang, err)? {
                    Some(log) => log.sessions(None, since).map_err(io::Error::other)?,
                    None => Vec::new(),
                }
            } else {
                log::in_memory(&files, lang, err)?
                    .sessions(None, since)
                    .map_err(io::Error::other)?
            };
            let library = library();
            let targets = known_targets(&library, &sessions);
            let rises: Vec<(String, u8)> = library
                .routines
                .iter()
                .filter_map(|l| {
                    let rise = l.routine.pain.as_ref()?.report_rise?;
                    Some((l.routine.id.clone(), rise))
                })
                .collect();
            let text = history::report_with_rises(
                &sessions,
                &targets,
                &rises,
                limber::shell::clock::local_now().date_naive(),
                lang,
            );
            Stdout::new().write_all(text.as_bytes())?;
            Ok(Exit::Done)
        }
        Some(Command::Status) => {
            let line = status(data_dir.as_deref(), &library(), lang, err)?;
            writeln!(Stdout::new(), "{line}")?;
            Ok(Exit::Done)
        }
        Some(Command::Remind { command }) => {
            remind(command, &global, data_dir.as_deref(), &library, ctx, err)
        }
        Some(Command::Log { command }) => {
            let Some(dir) = data_dir.as_deref() else {
                return Err(io::Error::other("no data directory: give --data-dir"));
            };
            let store = log::open(dir, lang, err)?;
            match command {
                LogCommand::Export { output } => log::export(
                    &store,
                    output.as_deref(),
                    lang,
                    &mut io::stdout().lock(),
                    err,
                ),
                LogCommand::Import { files } => {
                    log::import(&store, &files, lang, &mut io::stdout(), err)
                }
            }
        }
        Some(Command::Edit { routine, draft }) => edit::run(
            &routine,
            draft,
            lang,
            routines_dir.as_deref(),
            global.routines.as_deref(),
            &edit::Env::from_process(),
            &mut io::stdin().lock(),
            &mut Stdout::new(),
            err,
        ),
        Some(Command::New { id }) => new::run(
            &id,
            lang,
            routines_dir.as_deref(),
            global.routines.as_deref(),
            &mut Stdout::new(),
            err,
        ),
        Some(Command::Export {
            routine,
            variant,
            side,
            format,
            output,
        }) => export::run(
            &export::Request {
                routine: &routine,
                variant: variant.as_deref(),
                side: side.map(Into::into).or(config.side),
                format,
                output: output.as_deref(),
            },
            lang,
            routines_dir.as_deref(),
            &mut Stdout::new(),
            err,
        ),
    }
}

/// When `history` finds nothing: an unknown routine is a usage error
/// (with the known ids and a "did you mean"); otherwise a hint on why the
/// filter matched nothing, and the empty table as usual.
fn explain_empty(
    filter: &history::Filter,
    log: Option<&History>,
    library: &Library,
    lang: Lang,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let s = CliStrings::load(lang);
    let in_log = match log {
        Some(log) => log.routine_ids().map_err(io::Error::other)?,
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
    let hint = if in_log.is_empty() {
        s.history_log_empty.clone()
    } else if let (Some(since), Some(log)) = (filter.since, log) {
        let last: Option<NaiveDate> = log
            .sessions(filter.routine.as_deref(), None)
            .map_err(io::Error::other)?
            .iter()
            .map(|x| x.local_date)
            .max();
        match last {
            Some(last) => fill(
                &s.history_none_since,
                &[("since", &since.to_string()), ("last", &last.to_string())],
            ),
            None => fill(
                &s.history_none_of,
                &[(
                    "routine",
                    &visible(filter.routine.as_deref().unwrap_or_default()),
                )],
            ),
        }
    } else {
        fill(
            &s.history_none_of,
            &[(
                "routine",
                &visible(filter.routine.as_deref().unwrap_or_default()),
            )],
        )
    };
    writeln!(err, "{}", suggest::hint(&s, &hint))?;
    Ok(Exit::Done)
}

/// The log in the data directory, if there is one; what opening it found
/// (an imported old log, a damaged database) is told on stderr.
fn open_log(
    data_dir: Option<&Path>,
    lang: Lang,
    err: &mut impl Write,
) -> io::Result<Option<History>> {
    data_dir.map(|dir| log::open(dir, lang, err)).transpose()
}

/// `limber status`: from one row a day per routine, so it stays instant
/// however long the history.
fn status(
    data_dir: Option<&Path>,
    library: &Library,
    lang: Lang,
    err: &mut impl Write,
) -> io::Result<String> {
    let now = limber::shell::clock::local_now();
    let today = now.date_naive();
    let mut targets: Vec<Target> = library
        .routines
        .iter()
        .map(|l| Target::from(&l.routine))
        .collect();
    let Some(log) = open_log(data_dir, lang, err)? else {
        let all: Vec<_> = targets
            .iter()
            .map(|t| progress_days(&[], t, today).glance())
            .collect();
        let due: Vec<_> = library
            .routines
            .iter()
            .map(|l| Some(next_due(&now, &l.routine.schedule, &[], None)))
            .collect();
        return Ok(history::status_with_due(&all, &due, lang));
    };
    for id in log.routine_ids().map_err(io::Error::other)? {
        if !targets.iter().any(|t| t.routine_id == id) {
            targets.push(Target::fallback(&id));
        }
    }
    let mut all = Vec::new();
    let mut due = Vec::new();
    for t in &targets {
        let g = log.glance(t, today).map_err(io::Error::other)?;
        // When the next is due, for the routines limber has.
        due.push(match library.find(&t.routine_id) {
            Some(l) => {
                // Yesterday's too: a late one sets the time after midnight.
                let completed = log
                    .completed_since(&t.routine_id, today.pred_opt())
                    .map_err(io::Error::other)?;
                let pause = g.course.and_then(|c| c.next_start());
                Some(next_due(&now, &l.routine.schedule, &completed, pause))
            }
            None => None,
        });
        all.push(g);
    }
    Ok(history::status_with_due(&all, &due, lang))
}

/// Each routine's next due session, as `limber remind check` needs it.
fn routine_dues(
    now: &chrono::DateTime<chrono::Local>,
    data_dir: Option<&Path>,
    library: &Library,
    lang: Lang,
    err: &mut impl Write,
) -> io::Result<Vec<remind::Candidate>> {
    let today = now.date_naive();
    let log = open_log(data_dir, lang, err)?;
    let mut out = Vec::new();
    for l in &library.routines {
        let r = &l.routine;
        let (completed, pause) = match &log {
            Some(log) => {
                let g = log
                    .glance(&Target::from(r), today)
                    .map_err(io::Error::other)?;
                let completed = log
                    .completed_since(&r.id, today.pred_opt())
                    .map_err(io::Error::other)?;
                (completed, g.course.and_then(|c| c.next_start()))
            }
            None => (Vec::new(), None),
        };
        let done_today = completed.iter().filter(|t| t.date_naive() == today).count();
        out.push(remind::Candidate {
            due: RoutineDue {
                routine: r.id.clone(),
                due: next_due(now, &r.schedule, &completed, pause),
                done_today,
            },
            title: r.title.clone(),
        });
    }
    Ok(out)
}

/// `limber remind ...`.
fn remind(
    command: RemindCommand,
    global: &Global,
    data_dir: Option<&Path>,
    library: &dyn Fn() -> Library,
    ctx: &Ctx,
    err: &mut Stderr,
) -> io::Result<Exit> {
    let lang = ctx.lang;
    let hours = ctx
        .config
        .waking_hours
        .unwrap_or_else(config::WakingHours::default_hours);
    let allowed = Allowed {
        reminders: ctx.config.reminders.unwrap_or(true),
        from: hours.from,
        to: hours.to,
    };
    let state = paths::state_dir(None)
        .or_else(|| data_dir.map(Path::to_path_buf))
        .map(|d| limber::store::remind::file(&d));
    let dirs = remind::Dirs {
        systemd: paths::systemd_user_dir(),
        launchd: paths::launch_agents_dir(),
    };
    let kind = Kind::native();
    let mut out = Stdout::new();
    match command {
        RemindCommand::Check => {
            let Some(state) = state else {
                writeln!(err, "{}", CliStrings::load(lang).remind_no_state_dir)?;
                return Ok(Exit::Failed);
            };
            let now = limber::shell::clock::local_now();
            let candidates = routine_dues(&now, data_dir, &library(), lang, err)?;
            remind::check(
                &now,
                &candidates,
                allowed,
                &state,
                &mut Desktop,
                lang,
                &mut out,
                err,
            )
        }
        RemindCommand::Install { dry_run } => {
            let exe = std::env::current_exe()?;
            let mut args = Vec::new();
            let mut add = |flag: &str, v: &Option<std::path::PathBuf>| {
                if let Some(v) = v {
                    args.push(flag.to_string());
                    args.push(v.display().to_string());
                }
            };
            add("--data-dir", &global.data_dir);
            add("--routines", &global.routines);
            add("--config", &global.config);
            if let Some(l) = global.lang {
                args.push("--lang".into());
                args.push(Lang::from(l).code().into());
            }
            let argv = limber::shell::timer::check_command(&exe, &args);
            remind::install(kind, &dirs, &argv, dry_run, lang, &mut out, err)
        }
        RemindCommand::Remove { dry_run } => {
            remind::remove(kind, &dirs, dry_run, lang, &mut out, err)
        }
        RemindCommand::Status => remind::status(
            kind,
            &dirs,
            allowed,
            &hours.to_string(),
            state.as_deref(),
            lang,
            &mut out,
        ),
    }
}

/// Targets of the loaded routines, and of routines only the log knows.
fn known_targets(library: &Library, sessions: &[SessionSummary]) -> Vec<Target> {
    let known: Vec<Target> = library
        .routines
        .iter()
        .map(|l| Target::from(&l.routine))
        .collect();
    targets_for(sessions, &known)
}

/// The full-screen coach; where the sessions went is told once the
/// terminal is restored.
fn coach(
    opts: Options,
    library: Library,
    start: Option<Start>,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let lang = opts.lang;
    let ended = tui::run::run(opts, library, start)?;
    if let Some(message) = ended.saved.message(lang) {
        writeln!(err, "{message}")?;
    }
    Ok(Exit::of_run(true, ended.saved.is_kept(), ended.signal))
}

fn run_routine(
    command: &str,
    args: RunArgs,
    opts: Options,
    library: Library,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let s = CliStrings::load(opts.lang);
    let Some(loaded) = library.find(&args.routine) else {
        let known = library.ids();
        let routine = visible(&args.routine);
        let fill_args = [
            ("command", command),
            ("routine", &routine),
            ("known", known.as_str()),
        ];
        writeln!(err, "{}", fill(&s.no_routine, &fill_args))?;
        let ids = library.routines.iter().map(|l| l.routine.id.as_str());
        if let Some(hint) = suggest::did_you_mean(&s, &args.routine, ids) {
            writeln!(err, "{hint}")?;
        }
        return Ok(Exit::Usage);
    };
    let routine = &loaded.routine;
    if let Some(v) = &args.variant
        && !routine.variants.iter().any(|x| &x.id == v)
    {
        let known: Vec<&str> = routine.variants.iter().map(|x| x.id.as_str()).collect();
        let hint = suggest::did_you_mean(&s, v, known.iter().copied());
        let known = known.join(", ");
        let template = if known.is_empty() {
            &s.run_no_variants
        } else {
            &s.run_no_variant
        };
        let variant = visible(v);
        let fill_args = [
            ("command", command),
            ("routine", routine.id.as_str()),
            ("variant", &variant),
            ("known", known.as_str()),
        ];
        writeln!(err, "{}", fill(template, &fill_args))?;
        if let Some(hint) = hint {
            writeln!(err, "{hint}")?;
        }
        return Ok(Exit::Usage);
    }
    let start = Start {
        routine: routine.id.clone(),
        side: args.side.map(Into::into).or(opts.side),
        variant: args.variant,
        pain: args.pain,
        pain_after: args.pain_after,
        note: args.note,
    };
    if args.plain || !io::stdout().is_terminal() {
        return plain::run(loaded, start, &opts);
    }
    coach(opts, library, Some(start), err)
}
