//! `limber checkin`: the morning check (pain and stiffness this morning,
//! better, the same or worse than yesterday), from its options, asking on
//! standard input for what they leave out; and the same check in plain
//! mode on the first start of a day. The answer goes to the log; a
//! flagged morning is said at once.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use super::ask::Asker;
use super::context::Context;
use super::error::Error;
use crate::core::outcome::morning::{mornings, today_flag};
use crate::core::outcome::{Answer, Compared, Measure};
use crate::i18n::outcome::outcome;
use crate::i18n::{Lang, OutcomeStrings};
use crate::shell::exit::Exit;
use crate::shell::outcomes::answer;
use crate::store::history::History;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ComparedArg {
    Better,
    Same,
    Worse,
}

impl From<ComparedArg> for Compared {
    fn from(c: ComparedArg) -> Compared {
        match c {
            ComparedArg::Better => Compared::Better,
            ComparedArg::Same => Compared::Same,
            ComparedArg::Worse => Compared::Worse,
        }
    }
}

/// `limber checkin`'s options.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct CheckinArgs {
    /// Pain this morning, 0-10
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
    pub pain: Option<u8>,
    /// Stiffness this morning, 0-10
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
    pub stiffness: Option<u8>,
    /// Compared with yesterday
    #[arg(long, value_enum)]
    pub compared: Option<ComparedArg>,
}

impl CheckinArgs {
    fn any(&self) -> bool {
        self.pain.is_some() || self.stiffness.is_some() || self.compared.is_some()
    }
}

/// Whether to ask on standard input for what the options leave out: at a
/// terminal always; from a pipe only when no option was given (a script
/// that gives some means the rest skipped, and never waits).
pub fn asks(given_any: bool) -> bool {
    io::stdin().is_terminal() || !given_any
}

/// `limber checkin`.
pub fn run(ctx: &mut Context, args: &CheckinArgs) -> Result<Exit, Error> {
    let dir = ctx.data_dir.clone().ok_or(Error::NoDataDir)?;
    let history = super::log::open(&dir, ctx.lang, &mut ctx.err)?;
    let o = outcome(ctx.lang);
    let measure = if asks(args.any()) {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        let mut asker = Asker::new(&mut input, &mut ctx.out, o);
        ask(&mut asker, args)?
    } else {
        given(args)
    };
    save(&history, measure, ctx.lang, &mut ctx.out)?;
    Ok(Exit::Done)
}

fn given(args: &CheckinArgs) -> Measure {
    Measure::Morning {
        pain: args.pain,
        stiffness: args.stiffness,
        compared: args.compared.map(Into::into),
    }
}

/// The morning check, each part from `args` or asked.
pub fn ask(asker: &mut Asker, args: &CheckinArgs) -> io::Result<Measure> {
    let o: &OutcomeStrings = asker.o;
    writeln!(asker.out, "{}", o.morning_title)?;
    let pain = match args.pain {
        Some(p) => Some(p),
        None => asker.score(&o.morning_pain)?,
    };
    let stiffness = match args.stiffness {
        Some(s) => Some(s),
        None => asker.score(&o.morning_stiffness)?,
    };
    let compared = match args.compared {
        Some(c) => Some(c.into()),
        None => asker.compared(&o.morning_compared)?,
    };
    Ok(Measure::Morning {
        pain,
        stiffness,
        compared,
    })
}

/// Saves the morning check and says so, and says the morning's flag.
pub fn save(
    history: &History,
    measure: Measure,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<Answer, Error> {
    let o = outcome(lang);
    let skipped = matches!(
        measure,
        Measure::Morning {
            pain: None,
            stiffness: None,
            compared: None
        }
    );
    let a = answer(measure, crate::shell::clock::local_now().fixed_offset());
    history.append_answer(&a)?;
    if skipped {
        writeln!(out, "{}", o.morning_skipped)?;
        return Ok(a);
    }
    writeln!(out, "{}", o.morning_saved)?;
    let days = mornings(&history.mornings()?);
    if let Some(flag) = today_flag(&days, a.at.date_naive()) {
        writeln!(out, "{}", o.flag_line(&flag))?;
        writeln!(out, "{}", o.morning_flag_advice)?;
    }
    Ok(a)
}

/// Plain mode's morning check: asked on the first start of a day, at a
/// terminal, before the session takes the keyboard. A log that cannot be
/// opened leaves it to the session's own report of the log.
pub fn plain_morning(data_dir: Option<&Path>, lang: Lang) -> Result<(), Error> {
    let Some(dir) = data_dir else {
        return Ok(());
    };
    let Ok(opened) = History::open(dir) else {
        return Ok(());
    };
    let history = opened.history;
    let today = crate::shell::clock::local_now().date_naive();
    if !crate::core::outcome::due::morning_due(history.last_morning()?, today) {
        return Ok(());
    }
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut out = io::stdout();
    let mut asker = Asker::new(&mut input, &mut out, outcome(lang));
    let measure = ask(&mut asker, &CheckinArgs::default())?;
    save(&history, measure, lang, &mut out)?;
    Ok(())
}

/// For tests and callers with their own input: the morning check read
/// from `input`.
pub fn ask_from(input: &mut dyn BufRead, out: &mut dyn Write, lang: Lang) -> io::Result<Measure> {
    let mut asker = Asker::new(input, out, outcome(lang));
    ask(&mut asker, &CheckinArgs::default())
}

/// What `limber status` adds to its line: today's morning flag, after a
/// dash; empty when there is none.
pub fn status_flag(history: Option<&History>, lang: Lang) -> Result<String, Error> {
    let Some(h) = history else {
        return Ok(String::new());
    };
    let today = crate::shell::clock::local_now().date_naive();
    let days = mornings(&h.mornings()?);
    Ok(today_flag(&days, today)
        .map(|f| format!(" — {}", outcome(lang).flag_line(&f)))
        .unwrap_or_default())
}
