use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::Local;
use clap::Parser;

use limber::cli::args::{Cli, Command, Global, HistoryFormat, LogCommand, RunArgs};
use limber::cli::{edit, export, history, log, new, plain, routines, validate};
use limber::core::due::next_due;
use limber::core::lang::Lang;
use limber::core::progress::{SessionSummary, Target, progress_days, targets_for};
use limber::i18n::{CliStrings, fill};
use limber::shell::exit::Exit;
use limber::shell::options::{Options, Start};
use limber::shell::output::Stdout;
use limber::store::history::History;
use limber::store::paths;
use limber::store::routines::{Library, load_library};
use limber::tui;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.global.lang.map(Lang::from).unwrap_or_else(|| {
        let var = |k| std::env::var(k).ok();
        Lang::from_locale(
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    });
    match dispatch(cli.command, cli.global, lang) {
        Ok(exit) => exit.into(),
        Err(e) => {
            eprintln!("limber: {e}");
            Exit::Failed.into()
        }
    }
}

fn dispatch(command: Option<Command>, global: Global, lang: Lang) -> io::Result<Exit> {
    let routines_dir = paths::routines_dir(global.routines.clone());
    let data_dir = paths::data_dir(global.data_dir.clone());
    let options = |speed, record| Options {
        lang,
        quiet: global.quiet,
        voice: global.voice,
        data_dir: data_dir.clone(),
        routines_dir: routines_dir.clone(),
        speed,
        record,
    };
    // Loaded once for the whole process: every command and screen after
    // this names routines by id in this one library.
    let library = || load_library(lang, routines_dir.as_deref());
    match command {
        None => coach(options(1, true), library(), None),
        Some(Command::Validate { paths }) => validate::run(
            &paths,
            routines_dir.as_deref(),
            lang,
            &mut Stdout::new(),
            &mut io::stderr(),
        ),
        Some(Command::Routines) => {
            routines::run(&library(), lang, &mut Stdout::new(), &mut io::stderr())?;
            Ok(Exit::Done)
        }
        Some(Command::Run(args)) => run_routine(args, options(1, true), library()),
        Some(Command::Preview { run, speed }) => run_routine(run, options(speed, false), library()),
        Some(Command::History {
            since,
            routine,
            format,
        }) => {
            let sessions = match open_log(data_dir.as_deref(), lang)? {
                Some(log) => log
                    .sessions(routine.as_deref(), since)
                    .map_err(io::Error::other)?,
                None => Vec::new(),
            };
            let filter = history::Filter { since, routine };
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
                match open_log(data_dir.as_deref(), lang)? {
                    Some(log) => log.sessions(None, since).map_err(io::Error::other)?,
                    None => Vec::new(),
                }
            } else {
                log::in_memory(&files, lang, &mut io::stderr())?
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
                Local::now().date_naive(),
                lang,
            );
            Stdout::new().write_all(text.as_bytes())?;
            Ok(Exit::Done)
        }
        Some(Command::Status) => {
            let line = status(data_dir.as_deref(), &library(), lang)?;
            writeln!(Stdout::new(), "{line}")?;
            Ok(Exit::Done)
        }
        Some(Command::Log { command }) => {
            let Some(dir) = data_dir.as_deref() else {
                return Err(io::Error::other("no data directory: give --data-dir"));
            };
            let store = log::open(dir, lang, &mut io::stderr())?;
            match command {
                LogCommand::Export { output } => log::export(
                    &store,
                    output.as_deref(),
                    lang,
                    &mut io::stdout().lock(),
                    &mut io::stderr(),
                ),
                LogCommand::Import { files } => {
                    log::import(&store, &files, lang, &mut io::stdout(), &mut io::stderr())
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
            &mut io::stderr(),
        ),
        Some(Command::New { id }) => new::run(
            &id,
            lang,
            routines_dir.as_deref(),
            global.routines.as_deref(),
            &mut Stdout::new(),
            &mut io::stderr(),
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
                side: side.map(Into::into),
                format,
                output: output.as_deref(),
            },
            lang,
            routines_dir.as_deref(),
            &mut Stdout::new(),
            &mut io::stderr(),
        ),
    }
}

/// The log in the data directory, if there is one; what opening it found
/// (an imported old log, a damaged database) is told on stderr.
fn open_log(data_dir: Option<&Path>, lang: Lang) -> io::Result<Option<History>> {
    data_dir
        .map(|dir| log::open(dir, lang, &mut io::stderr()))
        .transpose()
}

/// `limber status`: from one row a day per routine, so it stays instant
/// however long the history.
fn status(data_dir: Option<&Path>, library: &Library, lang: Lang) -> io::Result<String> {
    let now = Local::now();
    let today = now.date_naive();
    let mut targets: Vec<Target> = library
        .routines
        .iter()
        .map(|l| Target::from(&l.routine))
        .collect();
    let Some(log) = open_log(data_dir, lang)? else {
        let all: Vec<_> = targets
            .iter()
            .map(|t| progress_days(&[], t, today))
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
        let days = log.days(&t.routine_id).map_err(io::Error::other)?;
        let p = progress_days(&days, t, today);
        // When the next is due, for the routines limber has: from the
        // completed sessions of yesterday and today.
        due.push(match library.find(&t.routine_id) {
            Some(l) => {
                let completed: Vec<_> = log
                    .sessions(Some(&t.routine_id), today.pred_opt())
                    .map_err(io::Error::other)?
                    .iter()
                    .filter(|s| s.is_completed())
                    .map(|s| s.started_at)
                    .collect();
                let pause = p.course.and_then(|c| c.next_start());
                Some(next_due(&now, &l.routine.schedule, &completed, pause))
            }
            None => None,
        });
        all.push(p);
    }
    Ok(history::status_with_due(&all, &due, lang))
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
fn coach(opts: Options, library: Library, start: Option<Start>) -> io::Result<Exit> {
    let lang = opts.lang;
    let ended = tui::run::run(opts, library, start)?;
    if let Some(message) = ended.saved.message(lang) {
        eprintln!("{message}");
    }
    Ok(Exit::of_run(true, ended.saved.is_kept(), ended.signal))
}

fn run_routine(args: RunArgs, opts: Options, library: Library) -> io::Result<Exit> {
    let s = CliStrings::load(opts.lang);
    let Some(loaded) = library.find(&args.routine) else {
        let known = library.ids();
        let args = [
            ("command", "run"),
            ("routine", args.routine.as_str()),
            ("known", known.as_str()),
        ];
        eprintln!("{}", fill(&s.no_routine, &args));
        return Ok(Exit::Usage);
    };
    let routine = &loaded.routine;
    if let Some(v) = &args.variant
        && !routine.variants.iter().any(|x| &x.id == v)
    {
        let known: Vec<&str> = routine.variants.iter().map(|x| x.id.as_str()).collect();
        let known = known.join(", ");
        let template = if known.is_empty() {
            &s.run_no_variants
        } else {
            &s.run_no_variant
        };
        let args = [
            ("routine", routine.id.as_str()),
            ("variant", v.as_str()),
            ("known", known.as_str()),
        ];
        eprintln!("{}", fill(template, &args));
        return Ok(Exit::Usage);
    }
    let start = Start {
        routine: routine.id.clone(),
        side: args.side.map(Into::into),
        variant: args.variant,
        pain: args.pain,
    };
    if args.plain || !io::stdout().is_terminal() {
        return plain::run(loaded, start, &opts);
    }
    coach(opts, library, Some(start))
}
