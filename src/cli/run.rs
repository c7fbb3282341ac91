//! `limber run` and `limber preview`: the routine and variant looked up in
//! the library, then a session in plain mode here, or in the coach, which
//! `main` starts (the commands and the coach never import each other).

use std::io::{IsTerminal, Write};

use super::args::{RunArgs, SessionFlags};
use super::context::Context;
use super::error::Error;
use super::plain;
use super::suggest::{unknown_routine, unknown_variant};
use crate::i18n::CliStrings;
use crate::shell::exit::Exit;
use crate::shell::options::{Options, Start};
use crate::shell::sound::Mode;

/// How a session command went on: over already, or handed to the coach.
pub enum Launch {
    Ended(Exit),
    /// The coach, at home or (with a start) straight into a session.
    Coach(Options, Option<Start>),
}

/// The options of a session from its flags and the configuration file:
/// for sound `--quiet`, then `--sound`, then the file's `sound = false`,
/// then tones; for the voice `--no-voice`, `--voice`, then the file.
pub fn options(ctx: &Context, flags: &SessionFlags, speed: u32, record: bool) -> Options {
    let config = &ctx.config;
    Options {
        lang: ctx.lang,
        sound: match (flags.quiet, flags.sound, config.sound) {
            (true, ..) | (false, None, Some(false)) => Mode::Off,
            (false, Some(s), _) => s.into(),
            (false, None, _) => Mode::Tones,
        },
        sounds: config.sounds.unwrap_or_default(),
        voice: flags.voice_with(config.voice),
        data_dir: ctx.data_dir.clone(),
        routines_dir: ctx.routines_dir.clone(),
        side: config.side,
        speed,
        record,
    }
}

/// `limber` without a command: the coach at home, which needs a terminal.
pub fn home(ctx: &mut Context, flags: &SessionFlags) -> Result<Launch, Error> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        writeln!(ctx.err, "{}", CliStrings::load(ctx.lang).no_terminal)?;
        return Ok(Launch::Ended(Exit::Usage));
    }
    Ok(Launch::Coach(options(ctx, flags, 1, true), None))
}

/// `limber run` (`command` is "run") or `limber preview`: an unknown
/// routine or variant is a usage error with the known ones; otherwise the
/// session runs in plain mode when asked or when stdout is no terminal,
/// and in the coach else.
pub fn run(
    ctx: &mut Context,
    command: &str,
    args: RunArgs,
    opts: Options,
) -> Result<Launch, Error> {
    let s = CliStrings::load(opts.lang);
    let library = ctx.library.get();
    let Some(loaded) = library.find(&args.routine) else {
        let told = unknown_routine(&s, command, &args.routine, library);
        writeln!(ctx.err, "{told}")?;
        return Ok(Launch::Ended(Exit::Usage));
    };
    let routine = &loaded.routine;
    if let Some(v) = &args.variant
        && !routine.variants.iter().any(|x| &x.id == v)
    {
        writeln!(ctx.err, "{}", unknown_variant(&s, command, routine, v))?;
        return Ok(Launch::Ended(Exit::Usage));
    }
    let start = Start {
        routine: routine.id.clone(),
        side: args.side.map(Into::into).or(opts.side),
        variant: args.variant,
        pain: args.pain,
        pain_after: args.pain_after,
        note: args.note,
    };
    if args.plain || !std::io::stdout().is_terminal() {
        return Ok(Launch::Ended(plain::run(loaded, start, &opts)?));
    }
    Ok(Launch::Coach(opts, Some(start)))
}
