//! How a run of the coach or of plain mode was asked for.

use std::path::PathBuf;

use crate::core::lang::Lang;
use crate::core::routine::Side;

use super::voice::Voice;

pub struct Options {
    pub lang: Lang,
    /// How cues sound (`--sound`; `--quiet` is `Off`).
    pub sound: super::sound::Mode,
    /// Each event's sound (the configuration file's `[sounds]`).
    pub sounds: crate::store::config::Sounds,
    pub voice: bool,
    pub data_dir: Option<PathBuf>,
    pub routines_dir: Option<PathBuf>,
    /// The affected leg the configuration file names; it comes before the
    /// one remembered from last time (`--side` comes before both).
    pub side: Option<Side>,
    /// 1 for real time; more for `limber preview`.
    pub speed: u32,
    /// False for previews: nothing is written to the log.
    pub record: bool,
}

impl Options {
    /// The speaker `--voice` asked for; `None` also when none is installed
    /// (the caller tells the user, see [`Options::voice_missing`]).
    pub fn speaker(&self) -> Option<Voice> {
        self.voice.then(|| Voice::find(self.lang)).flatten()
    }

    /// `--voice` was given and no speaker is installed.
    pub fn voice_missing(&self, found: &Option<Voice>) -> bool {
        self.voice && found.is_none()
    }
}

/// A session asked for on the command line (`limber run ID`), named by id:
/// the library it is looked up in is the one loaded once for the process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Start {
    pub routine: String,
    pub side: Option<Side>,
    pub variant: Option<String>,
    /// Pain now (0-10), given with `--pain`: the session starts without
    /// asking.
    pub pain: Option<u8>,
    /// Pain after the session (`--pain-after`): plain mode logs it at the
    /// finish without asking.
    pub pain_after: Option<u8>,
    /// A note on the session (`--note`): plain mode logs it at the finish
    /// without asking.
    pub note: Option<String>,
}
