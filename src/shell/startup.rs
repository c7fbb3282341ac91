//! What every run of a session front end does first, the coach's and
//! plain mode's alike: read the settings (a damaged file is moved aside and
//! must be announced), open the session log (which may have a problem to
//! announce too) and find the speaker `--voice` asked for. Kept in one
//! place so the two front ends cannot drift apart again, as plain mode did
//! with the saved side.

use crate::core::progress::Target;
use crate::core::routine::Side;
use crate::i18n::{Strings, fill};
use crate::store::settings::{self, Settings};

use super::journal::Journal;
use super::options::Options;
use super::voice::Voice;

/// What start-up found: the settings to use, the log, the speaker, and
/// what the user must be told. Each front end says it its own way (plain
/// mode on standard error, the coach in its notice line).
pub struct Startup {
    /// The saved settings, with the configuration file's side (if it
    /// names one) over the saved one.
    pub settings: Settings,
    /// The settings file was unreadable and defaults are used: why, in the
    /// user's language.
    pub settings_problem: Option<String>,
    pub journal: Journal,
    /// What opening the log found (a damaged or unopenable database, the
    /// import of an old log), each already a sentence for the user.
    pub log_notices: Vec<String>,
    /// `None` without `--voice`, or when no speaker is installed.
    pub voice: Option<Voice>,
    /// `--voice` was asked for and no speaker is installed.
    pub voice_missing: bool,
}

/// Starts a run: `courses` are the routines whose course walk the log
/// keeps once its check passes (see [`Journal::keeping`]). The check itself
/// is left to the caller ([`Journal::start_check`]): the coach starts it
/// after its first frame.
pub fn startup(opts: &Options, courses: Vec<Target>) -> Startup {
    let (mut settings, problem) = match opts.data_dir.as_deref() {
        Some(dir) => settings::load(dir),
        None => (Settings::default(), None),
    };
    if let Some(side) = opts.side {
        settings.side = Some(side);
    }
    let settings_problem = problem.map(|p| {
        let template = &Strings::get(opts.lang).settings_problem;
        fill(template, &[("problem", &p.to_string())])
    });
    let mut journal = journal(opts).keeping(courses);
    let log_notices = journal.notice(opts.lang);
    let voice = opts.speaker();
    let voice_missing = opts.voice_missing(&voice);
    Startup {
        settings,
        settings_problem,
        journal,
        log_notices,
        voice,
        voice_missing,
    }
}

/// Where this run's sessions go: the log, unless it is a preview, which
/// writes nothing. Opening it is IO, so it lives here, not on [`Options`].
pub fn journal(opts: &Options) -> Journal {
    Journal::new(opts.data_dir.as_deref().filter(|_| opts.record))
}

/// The leg a session is for: the one asked for (`--side`, or the
/// configuration file's), else the one saved last time, else the left.
pub fn side(asked: Option<Side>, settings: &Settings) -> Side {
    asked.or(settings.side).unwrap_or(Side::Left)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_side_asked_for_comes_before_the_saved_one_and_the_left_comes_last() {
        let saved = Settings {
            side: Some(Side::Right),
            ..Settings::default()
        };
        assert_eq!(side(Some(Side::Both), &saved), Side::Both);
        assert_eq!(side(None, &saved), Side::Right);
        assert_eq!(side(None, &Settings::default()), Side::Left);
    }
}
