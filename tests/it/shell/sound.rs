//! The sound cues through a player on the PATH: a fake `pw-play` (a shell
//! script in a temporary directory) records what it was asked to play.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use limber::core::plan::{PhaseKind, expand};
use limber::core::routine::Side;
use limber::shell::sound::{Cue, Mode, Plays, Sound, choose, countdown_cue, phase_cue};
use limber::store::routines::builtin;

fn fake_player(dir: &Path, name: &str, log: &Path) {
    let script = format!(
        // One short line in one write: players running at once do not mix.
        "#!/bin/sh\nline=\"$1 $(head -c 4 \"$1\")\"\necho \"$line\" >> '{log}'\n",
        log = log.display()
    );
    let path = dir.join(name);
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn wait_for_lines(log: &Path, n: usize) -> Vec<String> {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let lines: Vec<String> = text.lines().map(String::from).collect();
        if lines.len() >= n || start.elapsed() > Duration::from_secs(10) {
            return lines;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_player_on_the_path_plays_each_cue_as_its_own_wav() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("played.log");
    fake_player(dir.path(), "aplay", &log);
    fake_player(dir.path(), "pw-play", &log);
    // PipeWire first, whatever else is installed.
    let plays = choose(Mode::Tones, false, Some(dir.path().as_os_str()));
    assert_eq!(plays, Plays::Player(dir.path().join("pw-play")));
    let mut sound = Sound::new(plays);
    for cue in [Cue::Go, Cue::Rest, Cue::Switch, Cue::Tick, Cue::End] {
        assert!(!sound.play(cue), "{cue:?}: no bell when a player runs");
    }
    let lines = wait_for_lines(&log, 5);
    assert_eq!(lines.len(), 5, "{lines:?}");
    // The players run at once, so they may finish in any order.
    for name in ["go", "rest", "switch", "tick", "end"] {
        let want = format!("/{name}.wav RIFF");
        assert!(
            lines.iter().any(|l| l.ends_with(&want)),
            "{want}: {lines:?}"
        );
    }
    // Over SSH the same PATH gives the bell.
    let over_ssh = choose(Mode::Tones, true, Some(dir.path().as_os_str()));
    assert_eq!(over_ssh, Plays::Bell);
    // A player that cannot start falls back to the bell.
    let mut gone = Sound::new(Plays::Player(dir.path().join("no-such-player")));
    assert!(gone.play(Cue::Go));
}

#[test]
fn fast_beats_and_short_phases_do_not_sound_every_time() {
    let routine = builtin(limber::core::lang::Lang::En)
        .into_iter()
        .find(|l| l.routine.id == "piriformis-stretch")
        .unwrap()
        .routine;
    let plan = expand(&routine, None, Side::Left).unwrap();
    let mut go = 0;
    let mut silent_beats = 0;
    for phase in plan.phases() {
        let cue = phase_cue(phase);
        match (&phase.kind, cue) {
            (PhaseKind::Beat { .. }, None) => silent_beats += 1,
            (PhaseKind::SwitchSide, c) => assert_eq!(c, Some(Cue::Switch)),
            (PhaseKind::Rest, c) => assert_eq!(c, Some(Cue::Rest)),
            (_, Some(Cue::Go)) => go += 1,
            _ => {}
        }
        if phase.duration.is_some_and(|d| d < Duration::from_secs(10)) {
            assert_eq!(countdown_cue(phase), None, "{phase:?}");
        }
    }
    assert!(go > 0);
    assert!(
        silent_beats > 0,
        "the 5 s / 3 s knee pushes ring only on Push"
    );
}

#[test]
fn an_event_set_to_bell_or_off_never_starts_the_player() {
    use limber::store::config::{EventSound, Sounds};
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("played.log");
    fake_player(dir.path(), "pw-play", &log);
    let plays = choose(Mode::Tones, false, Some(dir.path().as_os_str()));
    let sounds = Sounds {
        countdown: EventSound::Off,
        switch: EventSound::Bell,
        ..Sounds::default()
    };
    let mut sound = Sound::new(plays).events(sounds);
    assert!(!sound.play(Cue::Tick), "countdown = off: no bell either");
    assert!(sound.play(Cue::Switch), "switch = bell: the bell rings");
    assert!(!sound.play(Cue::Go), "go: the player's tone");
    wait_for_lines(&log, 1);
    // Give a stray player the time to show up too.
    std::thread::sleep(Duration::from_millis(200));
    let lines = wait_for_lines(&log, 1);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].ends_with("/go.wav RIFF"), "{lines:?}");
}
