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
use limber::cli::{key, prescription};
use limber::i18n::CliStrings;
use limber::shell::exit::Exit;
use limber::shell::options::{Options, Start};
use limber::shell::output::{Stderr, use_color};
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
    let matches = match args::command()
        .color(clap_color)
        .try_get_matches_from(&argv)
    {
        Ok(m) => m,
        Err(e) if e.use_stderr() => {
            let mut err = Stderr::new(false);
            let _ = write!(err, "{}", e.render());
            // clap speaks English only: a hint in the user's language after it.
            if let Some(hint) = cli::suggest::usage_hint(cli::context::usage_lang(&argv)) {
                let _ = writeln!(err, "{hint}");
            }
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
    if let Some(exit) = args::print_definition(&cli.command, color) {
        return exit.into();
    }
    let mut ctx = match Context::load(cli.global.clone(), Stderr::new(color)) {
        Ok(ctx) => ctx,
        Err(exit) => return exit.into(),
    };
    let name = args::command_name(&matches);
    args::refuse_misplaced_session_flags(&cli, name.as_deref());
    match dispatch(cli.command, &cli.session, &mut ctx) {
        Ok(exit) => exit.into(),
        Err(e) => cli::report_error(
            &e,
            name.as_deref(),
            &CliStrings::load(ctx.lang),
            &mut ctx.err,
        )
        .into(),
    }
}

fn dispatch(
    command: Option<CliCommand>,
    outer: &SessionFlags,
    ctx: &mut Context,
) -> Result<Exit, Error> {
    let launch = match command {
        None => cli::run::home(ctx, outer)?,
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
            until,
            format,
            log,
            logs,
            output,
        }) => {
            let req = report::ReportRequest {
                window: report::Window { since, until },
                format,
                logs: log,
                logs_dir: logs,
                output,
            };
            return report::run(ctx, &req);
        }
        Some(CliCommand::Status) => return status::run(ctx),
        Some(CliCommand::Remind { command }) => return remind::run(ctx, command),
        Some(CliCommand::Log { command }) => return log::run(ctx, command),
        Some(CliCommand::Edit { routine, draft }) => return edit::run(ctx, &routine, draft),
        Some(CliCommand::New { id }) => return new::run(ctx, &id),
        Some(CliCommand::Checkin(args)) => return cli::checkin::run(ctx, &args),
        Some(CliCommand::Measure(args)) => return cli::measure::run(ctx, &args),
        Some(CliCommand::Export {
            routine,
            variant,
            side,
            format,
            output,
        }) => {
            let req = export::Request {
                routine: &routine,
                variant: variant.as_deref(),
                side: side.map(Into::into),
                format,
                output: output.as_deref(),
            };
            return export::run(ctx, &req);
        }
        Some(CliCommand::Key { command }) => return key::run(ctx, command),
        Some(CliCommand::Prescribe(args)) => return prescription::prescribe::run(ctx, &args),
        Some(CliCommand::Prescription { command }) => return prescription::run(ctx, command),
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
