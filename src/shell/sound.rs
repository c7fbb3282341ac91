//! Sounds you can tell apart from a mat: short tones for "go", "rest",
//! "switch side", the last seconds and the end, written by limber as WAV
//! and played by a player found on the `PATH` (PipeWire, PulseAudio, ALSA,
//! macOS), else the terminal bell. Over SSH the sound would play on the
//! wrong machine, so the bell (which the user's own terminal rings) is
//! used. Both front ends ask here what a phase sounds like.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::core::plan::{Phase, PhaseKind};
use crate::store::config::{EventSound, Sounds};

/// What a sound says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Work starts: two rising notes.
    Go,
    /// Rest, or get ready: two falling notes.
    Rest,
    /// Switch side: three quick equal notes.
    Switch,
    /// One of the last three seconds: a short high tick.
    Tick,
    /// The session is over: a rising chord, slower.
    End,
}

impl Cue {
    pub const ALL: [Cue; 5] = [Cue::Go, Cue::Rest, Cue::Switch, Cue::Tick, Cue::End];

    /// The notes: (frequency in Hz, length in ms); 0 Hz is a silence.
    pub fn notes(self) -> &'static [(u32, u32)] {
        match self {
            Cue::Go => &[(660, 110), (0, 30), (990, 160)],
            Cue::Rest => &[(587, 160), (0, 30), (392, 220)],
            Cue::Switch => &[(784, 70), (0, 50), (784, 70), (0, 50), (784, 70)],
            Cue::Tick => &[(1320, 60)],
            Cue::End => &[(523, 150), (659, 150), (784, 150), (1047, 300)],
        }
    }

    /// How the configuration file's `[sounds]` says this cue sounds.
    pub fn chosen(self, sounds: &Sounds) -> EventSound {
        match self {
            Cue::Go => sounds.go,
            Cue::Rest => sounds.rest,
            Cue::Switch => sounds.switch,
            Cue::Tick => sounds.countdown,
            Cue::End => sounds.end,
        }
    }

    fn file_name(self) -> &'static str {
        match self {
            Cue::Go => "go.wav",
            Cue::Rest => "rest.wav",
            Cue::Switch => "switch.wav",
            Cue::Tick => "tick.wav",
            Cue::End => "end.wav",
        }
    }
}

/// How the session sounds: `--sound tones|bell|off` (`--quiet` is off).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Tones,
    Bell,
    Off,
}

/// Beats shorter than this do not each sound: a 2-second Push/Relax would
/// sound all the time. Only the first beat of each rep does.
const FAST_BEAT: Duration = Duration::from_secs(4);

/// Phases shorter than this have no countdown ticks: the tick would
/// follow the phase's own sound at once.
const TICKED_FROM: Duration = Duration::from_secs(10);

/// The sound that starts `phase`, if any.
pub fn phase_cue(phase: &Phase) -> Option<Cue> {
    let fast = phase.duration.is_some_and(|d| d < FAST_BEAT);
    match &phase.kind {
        PhaseKind::Work | PhaseKind::Hold => Some(Cue::Go),
        // Holding on past the minimum: nothing new to do, so no sound.
        PhaseKind::HoldOn => None,
        PhaseKind::Beat { .. } => match phase.beat.map_or(1, |b| b.n) {
            1 => Some(Cue::Go),
            _ if fast => None,
            _ => Some(Cue::Rest),
        },
        PhaseKind::Rest | PhaseKind::SetRest | PhaseKind::RestAfter | PhaseKind::GetReady => {
            Some(Cue::Rest)
        }
        PhaseKind::SwitchSide => Some(Cue::Switch),
        PhaseKind::WaitForUser => Some(Cue::Rest),
    }
}

/// The sound for one of the last seconds of `phase`, if it has them.
pub fn countdown_cue(phase: &Phase) -> Option<Cue> {
    phase
        .duration
        .filter(|d| *d >= TICKED_FROM)
        .map(|_| Cue::Tick)
}

const RATE: u32 = 22_050;

/// `cue` as a WAV file: 16-bit mono PCM, each note with a short fade in
/// and out so it does not click.
pub fn wav(cue: Cue) -> Vec<u8> {
    let mut samples: Vec<i16> = Vec::new();
    for &(freq, ms) in cue.notes() {
        let n = (RATE * ms / 1000) as usize;
        let fade = (RATE as usize / 200).min(n / 2).max(1);
        for i in 0..n {
            if freq == 0 {
                samples.push(0);
                continue;
            }
            let t = i as f64 / f64::from(RATE);
            let edge = (i.min(n - 1 - i) as f64 / fade as f64).min(1.0);
            let v = (2.0 * std::f64::consts::PI * f64::from(freq) * t).sin() * edge * 0.5;
            samples.push((v * f64::from(i16::MAX)) as i16);
        }
    }
    let data = (samples.len() * 2) as u32;
    let mut out = Vec::with_capacity(44 + data as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes()); // bytes a second
    out.extend_from_slice(&2u16.to_le_bytes()); // bytes a frame
    out.extend_from_slice(&16u16.to_le_bytes()); // bits a sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data.to_le_bytes());
    for s in samples {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

/// Players limber knows, in the order it tries them.
pub const PLAYERS: [&str; 4] = ["pw-play", "paplay", "aplay", "afplay"];

/// What to do for a cue: play a file, ring the bell, or nothing.
#[derive(Debug, PartialEq, Eq)]
pub enum Plays {
    Player(PathBuf),
    Bell,
    Off,
}

/// Decides how cues are heard, from `--sound`, `SSH_CONNECTION` and the
/// players on `path`.
pub fn choose(mode: Mode, ssh: bool, path: Option<&OsStr>) -> Plays {
    match mode {
        Mode::Off => Plays::Off,
        Mode::Bell => Plays::Bell,
        Mode::Tones if ssh => Plays::Bell,
        Mode::Tones => path
            .and_then(|p| super::program::find_in(&PLAYERS, p))
            .map_or(Plays::Bell, Plays::Player),
    }
}

/// The session's sounds: the cue files, written once to a private
/// temporary directory, and the players still running.
pub struct Sound {
    plays: Plays,
    events: Sounds,
    dir: Option<tempfile::TempDir>,
    running: Vec<Child>,
}

impl Sound {
    /// For this process: its `PATH` and `SSH_CONNECTION`.
    pub fn from_env(mode: Mode) -> Sound {
        let ssh = std::env::var_os("SSH_CONNECTION").is_some_and(|v| !v.is_empty());
        Sound::new(choose(mode, ssh, std::env::var_os("PATH").as_deref()))
    }

    /// Writes the cue files for a player; falls back to the bell when they
    /// cannot be written.
    pub fn new(plays: Plays) -> Sound {
        let mut sound = Sound {
            plays,
            events: Sounds::default(),
            dir: None,
            running: Vec::new(),
        };
        if matches!(sound.plays, Plays::Player(_)) {
            let written = tempfile::Builder::new()
                .prefix("limber-sounds")
                .tempdir()
                .and_then(|dir| {
                    for cue in Cue::ALL {
                        std::fs::write(dir.path().join(cue.file_name()), wav(cue))?;
                    }
                    Ok(dir)
                });
            match written {
                Ok(dir) => sound.dir = Some(dir),
                Err(_) => sound.plays = Plays::Bell,
            }
        }
        sound
    }

    /// Each event as `[sounds]` chose it: a tone, the bell, or silence.
    pub fn events(mut self, events: Sounds) -> Sound {
        self.events = events;
        self
    }

    pub fn plays(&self) -> &Plays {
        &self.plays
    }

    /// The file played for `cue`, when a player is used.
    pub fn file(&self, cue: Cue) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.path().join(cue.file_name()))
    }

    /// Sounds `cue`; true when the caller should ring the terminal bell
    /// instead (no player, or it would not start).
    pub fn play(&mut self, cue: Cue) -> bool {
        // Players that are done are reaped, so none is left a zombie.
        self.running
            .retain_mut(|c| matches!(c.try_wait(), Ok(None)));
        match (cue.chosen(&self.events), &self.plays) {
            (EventSound::Off, _) | (_, Plays::Off) => return false,
            (EventSound::Bell, _) => return true,
            (EventSound::Tone, _) => {}
        }
        let (Plays::Player(player), Some(file)) = (&self.plays, self.file(cue)) else {
            return self.plays == Plays::Bell;
        };
        match spawn(player, &file) {
            Ok(child) => {
                self.running.push(child);
                false
            }
            Err(_) => true,
        }
    }
}

fn spawn(player: &Path, file: &Path) -> std::io::Result<Child> {
    Command::new(player)
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32_at(b: &[u8], i: usize) -> u32 {
        u32::from_le_bytes(b[i..i + 4].try_into().unwrap())
    }

    #[test]
    fn each_cue_is_a_short_wav_of_its_own_length() {
        for cue in Cue::ALL {
            let w = wav(cue);
            assert_eq!(&w[..4], b"RIFF");
            assert_eq!(&w[8..16], b"WAVEfmt ");
            assert_eq!(u32_at(&w, 24), RATE);
            let ms: u32 = cue.notes().iter().map(|(_, ms)| ms).sum();
            let frames: u32 = cue.notes().iter().map(|(_, ms)| RATE * ms / 1000).sum();
            let data = u32_at(&w, 40);
            assert_eq!(data as usize, w.len() - 44);
            assert_eq!(data, frames * 2, "{cue:?}");
            assert!((50..=800).contains(&ms), "{cue:?} lasts {ms} ms");
        }
    }

    /// Zero crossings measure a tone's frequency, from the file itself.
    fn measured_hz(w: &[u8], from_ms: u32, ms: u32) -> f64 {
        let samples: Vec<i16> = w[44..]
            .chunks(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let a = (RATE * from_ms / 1000) as usize;
        let b = (RATE * (from_ms + ms) / 1000) as usize;
        let part = &samples[a..b.min(samples.len())];
        let ups = part.windows(2).filter(|p| p[0] < 0 && p[1] >= 0).count();
        ups as f64 * 1000.0 / f64::from(ms)
    }

    #[test]
    fn the_cues_sound_different() {
        // The first note of each, as measured in the file.
        let first: Vec<f64> = Cue::ALL
            .iter()
            .map(|&c| measured_hz(&wav(c), 10, 40))
            .collect();
        for (i, a) in first.iter().enumerate() {
            let want = f64::from(Cue::ALL[i].notes()[0].0);
            assert!((a - want).abs() < want * 0.1, "{:?}: {a} Hz", Cue::ALL[i]);
        }
        // Go rises, Rest falls: told apart by ear, not by pitch alone.
        let rise = |c: Cue| {
            let n = c.notes();
            n.last().unwrap().0 as i64 - n[0].0 as i64
        };
        assert!(rise(Cue::Go) > 0 && rise(Cue::Rest) < 0 && rise(Cue::End) > 0);
        assert_eq!(rise(Cue::Switch), 0);
        let mut shapes: Vec<_> = Cue::ALL.iter().map(|c| c.notes()).collect();
        shapes.dedup();
        assert_eq!(shapes.len(), Cue::ALL.len());
    }

    #[test]
    fn over_ssh_or_without_a_player_the_bell_rings() {
        let empty = tempfile::tempdir().unwrap();
        let path = empty.path().as_os_str();
        assert_eq!(choose(Mode::Tones, false, Some(path)), Plays::Bell);
        assert_eq!(choose(Mode::Tones, true, Some(path)), Plays::Bell);
        assert_eq!(choose(Mode::Off, false, Some(path)), Plays::Off);
        assert_eq!(choose(Mode::Bell, false, None), Plays::Bell);
        let mut off = Sound::new(Plays::Off);
        assert!(!off.play(Cue::Go));
        let mut bell = Sound::new(Plays::Bell);
        assert!(bell.play(Cue::Go));
    }

    #[test]
    fn each_event_sounds_as_the_file_chose() {
        let sounds = Sounds {
            countdown: EventSound::Off,
            end: EventSound::Bell,
            ..Sounds::default()
        };
        // With a player that cannot start, a tone falls back to the bell,
        // so the bell rings for a tone, for "bell", and never for "off".
        let player = Plays::Player("/nonexistent/limber-player".into());
        let mut sound = Sound::new(player).events(sounds);
        assert!(sound.play(Cue::Go));
        assert!(!sound.play(Cue::Tick), "countdown = off");
        assert!(sound.play(Cue::End));
        // `--quiet` silences even the events set to the bell.
        let mut quiet = Sound::new(Plays::Off).events(sounds);
        assert!(!quiet.play(Cue::End));
        // `--sound bell`: every event not off rings.
        let mut bell = Sound::new(Plays::Bell).events(sounds);
        assert!(bell.play(Cue::Go) && !bell.play(Cue::Tick));
    }
}
