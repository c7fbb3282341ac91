//! Parses the command line and hands each command to its home in `cli`,
//! or the coach to `tui`: no command logic lives here.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::FromArgMatches;

use limber::cli::args::{self, Cli, CliCommand, ColorArg, SessionFlags};
use limber::cli::run::Launch;
use limber::cli::{self, Context};
use limber::cli::{Error, validate};
use limber::cli::{config, edit, export, history, log, new, remind, report, routines, status};
use limber::i18n::CliStrings;
use limber::shell::exit::Exit;
use limber::shell::options::{Options, Start};
use limber::shell::output::{Stderr, Stdout, use_color};
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
    // Printed from the definition alone: no configuration, no files.
    match &cli.command {
        Some(CliCommand::Completions { shell }) => {
            let mut out = Stdout::new();
            clap_complete::generate(*shell, &mut args::command(), "limber", &mut out);
            return Exit::Done.into();
        }
        Some(CliCommand::Man) => {
            let man = clap_mangen::Man::new(args::command());
            return match man.render(&mut Stdout::new()) {
                Ok(()) => Exit::Done.into(),
                Err(e) => {
                    let _ = writeln!(Stderr::new(color), "limber man: {e}");
                    Exit::Failed.into()
                }
            };
        }
        _ => {}
    }
    let mut ctx = match Context::load(cli.global, Stderr::new(color)) {
        Ok(ctx) => ctx,
        Err(exit) => return exit.into(),
    };
    let name = command_name(&matches);
    let outer = &cli.session;
    let session_command = matches!(
        cli.command,
        None | Some(CliCommand::Run(_) | CliCommand::Preview { .. })
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
    match dispatch(cli.command, &cli.session, &mut ctx) {
        Ok(exit) => exit.into(),
        Err(e) => cli::report(
            &e,
            name.as_deref(),
            &CliStrings::load(ctx.lang),
            &mut ctx.err,
        )
        .into(),
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

fn dispatch(
    command: Option<CliCommand>,
    outer: &SessionFlags,
    ctx: &mut Context,
) -> Result<Exit, Error> {
    let launch = match command {
        None => {
            if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
                writeln!(ctx.err, "{}", CliStrings::load(ctx.lang).no_terminal)?;
                return Ok(Exit::Usage);
            }
            Launch::Coach(cli::run::options(ctx, outer, 1, true), None)
        }
        Some(CliCommand::Completions { .. } | CliCommand::Man) => return Ok(Exit::Done),
        Some(CliCommand::Config) => return config::run(ctx),
        Some(CliCommand::Validate { paths }) => return validate::run(ctx, &paths),
        Some(CliCommand::Routines) => return routines::run(ctx),
        Some(CliCommand::Run(args)) => {
            let opts = cli::run::options(ctx, &args.session.or(outer), 1, true);
            cli::run::run(ctx, "run", args, opts)?
        }
        Some(CliCommand::Preview { run, speed }) => {
            let opts = cli::run::options(ctx, &run.session.or(outer), speed, false);
            cli::run::run(ctx, "preview", run, opts)?
        }
        Some(CliCommand::History {
            since,
            routine,
            format,
        }) => {
            return history::run(ctx, history::Filter { since, routine }, format);
        }
        Some(CliCommand::Report {
            since,
            format: _,
            log,
        }) => return report::run(ctx, since, &log),
        Some(CliCommand::Status) => return status::run(ctx),
        Some(CliCommand::Remind { command }) => return remind::run(ctx, command),
        Some(CliCommand::Log { command }) => return log::run(ctx, command),
        Some(CliCommand::Edit { routine, draft }) => return edit::run(ctx, &routine, draft),
        Some(CliCommand::New { id }) => return new::run(ctx, &id),
        Some(CliCommand::Export {
            routine,
            variant,
            side,
            format,
            output,
        }) => {
            let side = side.map(Into::into).or(ctx.config.side);
            let req = export::Request {
                routine: &routine,
                variant: variant.as_deref(),
                side,
                format,
                output: output.as_deref(),
            };
            return export::run(ctx, &req);
        }
    };
    match launch {
        Launch::Ended(exit) => Ok(exit),
        Launch::Coach(opts, start) => coach(opts, start, ctx),
    }
}

/// The full-screen coach, with the library loaded once; where the sessions
/// went is told once the terminal is restored.
fn coach(opts: Options, start: Option<Start>, ctx: &mut Context) -> Result<Exit, Error> {
    let lang = opts.lang;
    let ended = tui::run::run(opts, ctx.library.take(), start)?;
    if let Some(message) = ended.saved.message(lang) {
        writeln!(ctx.err, "{message}")?;
    }
    Ok(Exit::of_run(true, ended.saved.is_kept(), ended.signal))
}
