//! `limber measure NAME`: one outcome measure (PSFS, sitting tolerance,
//! usual pain, the red-flag check-in), from its options or asked on
//! standard input. PSFS names its 3-5 activities the first time and rates
//! them each time after; a yes to any red flag is answered at once with
//! the same-day advice.

use std::io::{self, Write};

use super::ask::Asker;
use super::checkin::asks;
use super::context::Context;
use super::error::Error;
use crate::core::outcome::vet::{ACTIVITY_MAX, PSFS_MAX, PSFS_MIN};
use crate::core::outcome::{
    Measure, MeasureKind, PsfsItem, RedFlag, RedFlagAnswer, psfs_activities,
};
use crate::i18n::fill;
use crate::i18n::outcome::outcome;
use crate::shell::exit::Exit;
use crate::shell::outcomes::answer;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FlagArg {
    Bladder,
    SaddleNumbness,
    Fever,
    Weakness,
}

impl From<FlagArg> for RedFlag {
    fn from(f: FlagArg) -> RedFlag {
        match f {
            FlagArg::Bladder => RedFlag::Bladder,
            FlagArg::SaddleNumbness => RedFlag::SaddleNumbness,
            FlagArg::Fever => RedFlag::Fever,
            FlagArg::Weakness => RedFlag::Weakness,
        }
    }
}

/// `limber measure`'s name and options.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct MeasureArgs {
    /// psfs, sitting, usual-pain or red-flags
    pub name: String,
    /// usual-pain: the usual pain over the last 24 hours, 0-10
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
    pub pain: Option<u8>,
    /// sitting: minutes the patient can sit before the pain makes them get up
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=1440))]
    pub minutes: Option<u32>,
    /// psfs, the first time: an activity the patient finds hard (3 to 5, repeat the option)
    #[arg(long, value_name = "TEXT")]
    pub activity: Vec<String>,
    /// psfs: the score of each activity in order, 0 (unable) to 10 (as before)
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
    pub score: Vec<u8>,
    /// red-flags: a sign answered yes (repeat for more); the others are no
    #[arg(long, value_enum, value_name = "FLAG")]
    pub yes: Vec<FlagArg>,
    /// red-flags: every sign answered no
    #[arg(long, conflicts_with = "yes")]
    pub no_flags: bool,
}

impl MeasureArgs {
    fn any(&self) -> bool {
        self.pain.is_some()
            || self.minutes.is_some()
            || !self.activity.is_empty()
            || !self.score.is_empty()
            || !self.yes.is_empty()
            || self.no_flags
    }
}

/// `limber measure NAME`.
pub fn run(ctx: &mut Context, args: &MeasureArgs) -> Result<Exit, Error> {
    let o = outcome(ctx.lang);
    let Some(kind) = MeasureKind::from_cli(&args.name) else {
        let name = crate::core::sanitize::visible(&args.name).into_owned();
        writeln!(ctx.err, "{}", fill(&o.measure_unknown, &[("name", &name)]))?;
        return Ok(Exit::Usage);
    };
    let dir = ctx.data_dir.clone().ok_or(Error::NoDataDir)?;
    let history = super::log::open(&dir, ctx.lang, &mut ctx.err)?;
    let known = psfs_activities(&history.answers(Some("psfs"), None)?);
    let ask = asks(args.any());
    let stdin = io::stdin();
    let mut input: Box<dyn io::BufRead> = if ask {
        Box::new(stdin.lock())
    } else {
        Box::new(io::empty())
    };
    let mut asker = Asker::new(&mut *input, &mut ctx.out, o);
    let measure = ask_measure(&mut asker, kind, args, &known)?;
    let Some(measure) = measure else {
        writeln!(ctx.out, "{}", o.nothing_saved)?;
        return Ok(Exit::Done);
    };
    let a = answer(measure, crate::shell::clock::local_now().fixed_offset());
    history.append_answer(&a)?;
    if let Measure::RedFlags { answers } = &a.measure
        && answers.iter().all(|x| !x.yes)
    {
        writeln!(ctx.out, "{}", o.red_flags_none)?;
    }
    writeln!(
        ctx.out,
        "{}",
        fill(&o.measure_saved, &[("measure", o.name(kind))])
    )?;
    Ok(Exit::Done)
}

/// The measure's answer from `args`, asking for what they leave out;
/// `None` when nothing was answered (or PSFS got too few activities).
/// `known`: PSFS's activities from earlier answers.
pub fn ask_measure(
    asker: &mut Asker,
    kind: MeasureKind,
    args: &MeasureArgs,
    known: &[String],
) -> io::Result<Option<Measure>> {
    let o = asker.o;
    writeln!(asker.out, "{}", o.name(kind))?;
    Ok(match kind {
        MeasureKind::Psfs => psfs(asker, args, known)?,
        MeasureKind::Sitting => match args.minutes {
            Some(m) => Some(m),
            None => asker.minutes(&o.sitting_question)?,
        }
        .map(|minutes| Measure::Sitting { minutes }),
        MeasureKind::UsualPain => match args.pain {
            Some(p) => Some(p),
            None => asker.score(&o.usual_pain_question)?,
        }
        .map(|pain| Measure::UsualPain { pain }),
        MeasureKind::RedFlags => red_flags(asker, args)?,
    })
}

fn psfs(asker: &mut Asker, args: &MeasureArgs, known: &[String]) -> io::Result<Option<Measure>> {
    let o = asker.o;
    let cut = |s: &str| s.trim().chars().take(ACTIVITY_MAX).collect::<String>();
    let mut activities: Vec<String> = if !args.activity.is_empty() {
        args.activity
            .iter()
            .map(|a| cut(a))
            .filter(|a| !a.is_empty())
            .collect()
    } else {
        known.to_vec()
    };
    activities.truncate(PSFS_MAX);
    if activities.is_empty() {
        writeln!(asker.out, "{}", o.psfs_first)?;
        while activities.len() < PSFS_MAX {
            let n = (activities.len() + 1).to_string();
            match asker.line(&fill(&o.psfs_activity, &[("n", &n)]))? {
                Some(a) if !a.is_empty() => activities.push(cut(&a)),
                _ => break,
            }
        }
    }
    if activities.len() < PSFS_MIN {
        writeln!(asker.out, "{}", o.psfs_too_few)?;
        return Ok(None);
    }
    writeln!(asker.out, "{}", o.psfs_rate)?;
    let mut items = Vec::with_capacity(activities.len());
    for (i, activity) in activities.into_iter().enumerate() {
        let score = match args.score.get(i) {
            Some(&s) => Some(s),
            None => asker.score(&activity)?,
        };
        items.push(PsfsItem { activity, score });
    }
    Ok(Some(Measure::Psfs { items }))
}

fn red_flags(asker: &mut Asker, args: &MeasureArgs) -> io::Result<Option<Measure>> {
    let o = asker.o;
    let given = !args.yes.is_empty() || args.no_flags;
    let mut answers = Vec::new();
    let mut told = false;
    for flag in RedFlag::ALL {
        let yes = if given {
            args.yes.iter().any(|&f| RedFlag::from(f) == flag)
        } else {
            match asker.yes_no(o.red_flag_question(flag))? {
                Some(yes) => yes,
                None => break,
            }
        };
        // At once, before any other question.
        if yes && !told {
            writeln!(asker.out, "{}", o.red_flag_urgent)?;
            told = true;
        }
        answers.push(RedFlagAnswer { flag, yes });
    }
    Ok((!answers.is_empty()).then_some(Measure::RedFlags { answers }))
}
