//! The configuration file, `$XDG_CONFIG_HOME/limber/config.toml`: what a
//! user sets once instead of giving flags every time. Every key is
//! optional; flags override the file. Read through the safe reader, so a
//! FIFO or a huge file is refused at once; a mistake is an error with its
//! line and column, never silently ignored.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use serde::Deserialize;

use crate::core::lang::Lang;
use crate::core::routine::Side;

use super::safe_file::{ReadError, read_capped};

/// The most a configuration file may hold; it needs a few hundred bytes.
pub const MAX_BYTES: usize = 64 * 1024;

/// What the file says; `None` where it says nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub language: Option<Language>,
    /// The terminal bell; `false` is `--quiet`.
    pub sound: Option<bool>,
    /// How each event sounds, the `[sounds]` table.
    pub sounds: Option<Sounds>,
    /// The voice coach; `true` is `--voice`.
    pub voice: Option<bool>,
    /// When reminders may come.
    pub waking_hours: Option<WakingHours>,
    /// Whether reminders come at all.
    pub reminders: Option<bool>,
    /// The affected leg, when `--side` is not given.
    pub side: Option<Side>,
}

/// Where a setting's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    File,
    Flag,
    Locale,
    /// Chosen in an earlier session and saved (the side).
    Saved,
    Default,
}

/// The settings in force, each with where it came from. `limber config`,
/// `limber remind status` and `limber remind check` all read these, so two
/// commands can no longer disagree about one setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InForce {
    pub sound: (bool, Source),
    pub sounds: (Sounds, Source),
    pub voice: (bool, Source),
    pub waking_hours: (WakingHours, Source),
    pub reminders: (bool, Source),
    pub side: (Side, Source),
}

fn or_default<T>(v: Option<T>, default: T) -> (T, Source) {
    match v {
        Some(v) => (v, Source::File),
        None => (default, Source::Default),
    }
}

impl Config {
    /// The one home of the defaults: the file's value, else (for the side)
    /// the one saved last time, else the default. Reminders default to on:
    /// installing the timer is how a user asks for them.
    pub fn in_force(&self, saved_side: Option<Side>) -> InForce {
        InForce {
            sound: or_default(self.sound, true),
            sounds: or_default(self.sounds, Sounds::default()),
            voice: or_default(self.voice, false),
            waking_hours: or_default(self.waking_hours, WakingHours::default_hours()),
            reminders: or_default(self.reminders, true),
            side: match (self.side, saved_side) {
                (Some(s), _) => (s, Source::File),
                (None, Some(s)) => (s, Source::Saved),
                (None, None) => (Side::Left, Source::Default),
            },
        }
    }
}

/// How one event sounds: `"tone"` (the player's tone, else the bell),
/// `"bell"` (the terminal bell) or `"off"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventSound {
    #[default]
    Tone,
    Bell,
    Off,
}

/// The `[sounds]` table: each event's sound, a tone where it says
/// nothing. `sound = false` and `--quiet` still silence them all, and
/// `--sound bell` makes every tone a bell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Sounds {
    /// Work starts.
    pub go: EventSound,
    /// A rest or a get-ready starts.
    pub rest: EventSound,
    pub switch: EventSound,
    /// Each of the last three seconds.
    pub countdown: EventSound,
    /// The session is over.
    pub end: EventSound,
}

impl Sounds {
    /// The events as the file names them, with their sound, in order.
    pub fn each(&self) -> [(&'static str, EventSound); 5] {
        [
            ("go", self.go),
            ("rest", self.rest),
            ("switch", self.switch),
            ("countdown", self.countdown),
            ("end", self.end),
        ]
    }
}

/// A language code limber speaks, as the file spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Language(pub Lang);

impl TryFrom<String> for Language {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Lang::from_code(&s).map(Language).ok_or_else(|| {
            let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
            format!(
                "unknown language `{s}`; expected one of: {}",
                known.join(", ")
            )
        })
    }
}

/// From when to when in the day reminders may come, `"08:00-22:00"`; the
/// end may be before the start (`"22:00-06:00"` for night shifts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct WakingHours {
    pub from: NaiveTime,
    pub to: NaiveTime,
}

impl WakingHours {
    /// 08:00 to 22:00, when the file says nothing.
    pub fn default_hours() -> WakingHours {
        WakingHours {
            from: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
            to: NaiveTime::from_hms_opt(22, 0, 0).unwrap_or_default(),
        }
    }

    /// Whether `t` is inside these hours.
    pub fn contains(&self, t: NaiveTime) -> bool {
        crate::core::remind::Allowed {
            reminders: true,
            from: self.from,
            to: self.to,
        }
        .awake(t)
    }
}

impl fmt::Display for WakingHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.from.format("%H:%M"),
            self.to.format("%H:%M")
        )
    }
}

impl TryFrom<String> for WakingHours {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let wrong =
            || format!("`{s}` is not a span of hours; expected HH:MM-HH:MM, like \"08:00-22:00\"");
        let (a, b) = s.split_once('-').ok_or_else(wrong)?;
        let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| wrong());
        let (from, to) = (time(a)?, time(b)?);
        if from == to {
            return Err(format!(
                "`{s}` is an empty span of hours; the start and the end must differ"
            ));
        }
        Ok(WakingHours { from, to })
    }
}

/// Why the configuration file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Not a regular file, no permission, too big.
    #[error(transparent)]
    Unreadable(#[from] ReadError),
    /// A mistake at `line`:`col` (1-based, in characters).
    #[error("{}:{line}:{col}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
        /// The line at fault, to quote; `None` when it is not text (a NUL
        /// or another control character: `/proc/self/environ`, a binary),
        /// so a diagnostic never echoes what a file that is no
        /// configuration holds.
        quoted: Option<String>,
    },
}

/// The configuration at `path`; the default when there is no file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let bytes = match read_capped(path, MAX_BYTES) {
        Ok(b) => b,
        Err(e) if e.is_not_found() => return Ok(Config::default()),
        Err(e) => return Err(ConfigError::Unreadable(e)),
    };
    parse(path, &bytes)
}

/// The configuration in `bytes`, read from `path`.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Config, ConfigError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let text = String::from_utf8_lossy(bytes);
            let (line, col) = line_col(&String::from_utf8_lossy(good), good.len());
            return Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                line,
                col,
                message: "not UTF-8 text".into(),
                quoted: quotable(&text, line),
            });
        }
    };
    toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let (line, col) = line_col(text, at);
        ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            col,
            message: e.message().trim().to_string(),
            quoted: quotable(text, line),
        }
    })
}

/// Line `line` of `text` if it is a line of text: no control character
/// but a tab (a line break ends it; a CR before one is left out).
fn quotable(text: &str, line: usize) -> Option<String> {
    let l = text.split('\n').nth(line.saturating_sub(1))?;
    let l = l.strip_suffix('\r').unwrap_or(l);
    (!l.chars().any(|c| c.is_control() && c != '\t')).then(|| l.to_string())
}

/// The 1-based line and character column of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Config, ConfigError> {
        parse(Path::new("c.toml"), text.as_bytes())
    }

    #[test]
    fn the_file_comes_before_the_saved_side_and_reminders_default_to_on() {
        let none = Config::default().in_force(Some(Side::Right));
        assert_eq!(none.reminders, (true, Source::Default));
        assert_eq!(none.side, (Side::Right, Source::Saved));
        assert_eq!(
            Config::default().in_force(None).side,
            (Side::Left, Source::Default)
        );
        let file = Config {
            side: Some(Side::Both),
            reminders: Some(false),
            ..Config::default()
        }
        .in_force(Some(Side::Right));
        assert_eq!(file.side, (Side::Both, Source::File));
        assert_eq!(file.reminders, (false, Source::File));
    }

    #[test]
    fn every_key_reads() {
        let c = parsed(
            "language = \"ru\"\nsound = false\nvoice = true\nwaking_hours = \"07:30-21:00\"\nreminders = true\nside = \"right\"\n",
        )
        .unwrap();
        assert_eq!(c.language, Some(Language(Lang::Ru)));
        assert_eq!(c.sound, Some(false));
        assert_eq!(c.side, Some(Side::Right));
        assert_eq!(c.waking_hours.unwrap().to_string(), "07:30-21:00");
        assert_eq!(parsed("").unwrap(), Config::default());
    }

    #[test]
    fn each_event_has_its_own_sound_and_a_tone_where_the_table_is_silent() {
        let c = parsed("voice = true\n[sounds]\ncountdown = \"off\"\nend = \"bell\"\n").unwrap();
        assert_eq!(c.voice, Some(true));
        let sounds = c.in_force(None).sounds;
        assert_eq!(sounds.1, Source::File);
        assert_eq!(
            sounds.0.each().map(|(_, s)| s),
            [
                EventSound::Tone,
                EventSound::Tone,
                EventSound::Tone,
                EventSound::Off,
                EventSound::Bell
            ]
        );
        let e = parsed("[sounds]\ngo = \"loud\"\n").unwrap_err().to_string();
        assert!(e.starts_with("c.toml:2:6: unknown variant `loud`"), "{e}");
        let e = parsed("[sounds]\ntick = \"off\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown field `tick`"), "{e}");
    }

    #[test]
    fn a_mistake_says_where() {
        let e = parsed("sound = false\nside = \"middle\"\n").unwrap_err();
        assert!(e.to_string().starts_with("c.toml:2:8: "), "{e}");
        let e = parsed("language = \"de\"\n").unwrap_err().to_string();
        assert!(e.contains("unknown language `de`"), "{e}");
        let e = parsed("colour = 1\n").unwrap_err().to_string();
        assert!(e.starts_with("c.toml:1:1: unknown field `colour`"), "{e}");
        let e = parsed("sound = \n").unwrap_err().to_string();
        assert!(e.starts_with("c.toml:1:"), "{e}");
        let e = parsed("waking_hours = \"8-22\"\n").unwrap_err().to_string();
        assert!(e.contains("HH:MM-HH:MM"), "{e}");
    }

    #[test]
    fn waking_hours_may_cross_midnight() {
        let night = WakingHours::try_from("22:00-06:00".to_string()).unwrap();
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        assert!(night.contains(t(23)) && night.contains(t(5)) && !night.contains(t(12)));
        assert!(WakingHours::default_hours().contains(t(12)));
    }

    #[test]
    fn no_file_is_the_default_and_a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load(&dir.path().join("none.toml")).unwrap(),
            Config::default()
        );
        assert!(matches!(load(dir.path()), Err(ConfigError::Unreadable(_))));
    }
}
