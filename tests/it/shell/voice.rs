//! The voice coach, heard two ways: espeak-ng renders every line of a
//! whole built-in session to WAV (installed here when missing; the test
//! fails, never skips, without it), and the lines' order and timing are
//! held against the plan in both languages; and a fake speaker on the
//! PATH records what a real `limber run --plain --voice` says, in order.

use std::collections::HashMap;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::plan::{Plan, expand};
use limber::core::routine::Side;
use limber::core::spoken::{COUNT_FROM, Line, Manner, Say, schedule};
use limber::i18n::Strings;
use limber::shell::speech::{WORDS_PER_MINUTE, line_text, spoken_length};
use limber::store::routines::builtin;

use crate::common::pty::Env;

/// espeak-ng on the PATH: installed from Debian when missing (as root);
/// otherwise the test fails.
fn espeak() -> PathBuf {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    let find = || limber::shell::program::find(&["espeak-ng"]);
    if find().is_none() {
        INSTALL.call_once(|| {
            let apt = |args: &[&str]| {
                Command::new("apt-get")
                    .args(args)
                    .env("DEBIAN_FRONTEND", "noninteractive")
                    .status()
                    .is_ok_and(|s| s.success())
            };
            let _ = apt(&["install", "-y", "espeak-ng"])
                || (apt(&["update"]) && apt(&["install", "-y", "espeak-ng"]));
        });
    }
    find().unwrap_or_else(|| {
        panic!(
            "this test needs espeak-ng on PATH and could not install it \
             (Debian/Ubuntu: apt-get install espeak-ng)"
        )
    })
}

/// How long `text` lasts as espeak-ng says it, the way the voice asks
/// (`-v LANG -s WPM --stdin`), measured from its WAV file.
fn rendered(espeak: &Path, lang: Lang, text: &str, dir: &Path) -> Duration {
    let wav = dir.join("line.wav");
    let mut child = Command::new(espeak)
        .args(["-v", lang.code(), "-s", &WORDS_PER_MINUTE.to_string()])
        .args(["--stdin", "-w"])
        .arg(&wav)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "espeak-ng -w: {text}");
    let bytes = std::fs::read(&wav).unwrap();
    assert_eq!(&bytes[..4], b"RIFF", "{text}");
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap());
    let byte_rate = u32_at(28);
    // The samples follow the "data" chunk's header, wherever it is.
    let data = bytes.windows(4).position(|w| w == b"data").unwrap() + 8;
    Duration::from_secs_f64((bytes.len() - data) as f64 / f64::from(byte_rate))
}

/// Every built-in routine's plan in `lang`, each variant too.
fn builtin_plans(lang: Lang) -> Vec<Plan> {
    let mut plans = Vec::new();
    for loaded in builtin(lang) {
        let r = &loaded.routine;
        plans.push(expand(r, None, Side::Right).unwrap());
        for v in &r.variants {
            plans.push(expand(r, Some(&v.id), Side::Right).unwrap());
        }
    }
    plans
}

/// When each phase starts and ends in a session run without pauses, where
/// nobody lets go of a hold early and manual steps are done at once.
fn phase_times(plan: &Plan) -> Vec<(Duration, Duration)> {
    let mut t = Duration::ZERO;
    plan.phases()
        .iter()
        .map(|p| {
            let start = t;
            t += p.duration.unwrap_or_default();
            (start, t)
        })
        .collect()
}

fn the_lines_fit_the_plan_and_espeak_ng_says_each_in_time(lang: Lang) {
    let espeak = espeak();
    let dir = tempfile::tempdir().unwrap();
    let mut heard = HashMap::new();
    let plans = builtin_plans(lang);
    assert!(plans.len() >= 2);
    for plan in &plans {
        lines_of(&espeak, dir.path(), &mut heard, lang, plan);
    }
}

/// One session of `plan`, rendered by `espeak` into `dir`; `heard` keeps
/// each line's length, so a line is rendered once.
fn lines_of(
    espeak: &Path,
    dir: &Path,
    heard: &mut HashMap<String, Duration>,
    lang: Lang,
    plan: &Plan,
) {
    let strings = Strings::load(lang);
    let text = |line: &Line| line_text(&strings, lang, plan, line);
    let length = |line: &Line| spoken_length(&text(line));
    let lines: Vec<(Mono, Line)> = schedule(plan, &length);
    let times = phase_times(plan);
    let end = times.last().unwrap().1;

    // Order: "first up" opens with the first step, every step is named
    // once and in turn, and "session complete" closes.
    let named: Vec<(usize, bool)> = lines
        .iter()
        .flat_map(|(_, l)| &l.says)
        .filter_map(|s| match s {
            Say::Exercise { step, first, .. } => Some((*step, *first)),
            _ => None,
        })
        .collect();
    let want: Vec<(usize, bool)> = (0..plan.steps().len()).map(|s| (s, s == 0)).collect();
    assert_eq!(named, want, "{lang:?}");
    let first = text(&lines[0].1);
    let first_up = strings.voice_first_up.split('{').next().unwrap();
    assert!(first.starts_with(first_up), "{first}");
    assert!(first.contains(&plan.steps()[0].title), "{first}");
    if let Some(cue) = plan.steps()[0].cues.first() {
        assert!(
            first.contains(cue.as_str()),
            "the first step's cue fits its get-ready: {first}"
        );
    }
    let (last_at, last) = lines.last().unwrap();
    assert_eq!((last_at.0, &last.says[..]), (end, &[Say::Complete][..]));
    assert_eq!(text(last), strings.voice_complete);

    // Timing: each line at the moment the plan gives it.
    let mut counted = 0;
    for (at, line) in &lines {
        let at = at.0;
        let what = &line.says[0];
        let ok = match what {
            Say::Exercise { .. } | Say::NextUp { .. } => {
                times.iter().any(|(start, _)| *start == at)
            }
            Say::Phase { index } => times[*index].0 == at,
            Say::Count(n) => {
                counted += 1;
                times.iter().zip(plan.phases()).any(|((_, e), p)| {
                    p.duration.is_some_and(|d| d >= COUNT_FROM)
                        && *e == at + Duration::from_secs((*n).into())
                })
            }
            Say::Halfway { left_secs } => times.iter().any(|(s, e)| {
                *e - *s >= Duration::from_secs(20) && at + Duration::from_secs(*left_secs) == *e
            }),
            Say::Complete => at == end,
            Say::Cue { .. } => false,
            // Asked as the work of a side ends: as the next phase starts.
            Say::StepPain => times.iter().any(|(start, _)| *start == at),
        };
        assert!(ok, "{lang:?}: {what:?} at {at:?}");
    }
    assert!(counted > 5, "the last seconds are counted: {counted}");

    // Heard: each line as espeak-ng says it lasts no longer than the
    // script reckoned, and ends before the next line that waits for it
    // (within its wait). A line cuts only the one before it at a phase's
    // start, and then never a step's opening or a count.
    let mut said = |line: &Line| {
        let t = text(line);
        *heard
            .entry(t.clone())
            .or_insert_with(|| rendered(espeak, lang, &t, dir))
    };
    for pair in lines.windows(2) {
        let [(at, line), (next_at, next)] = pair else {
            unreachable!()
        };
        let lasts = said(line);
        assert!(
            lasts <= length(line),
            "{lang:?}: {:?} lasts {lasts:?}, reckoned {:?}",
            text(line),
            length(line)
        );
        let ends = at.0 + lasts;
        match next.manner {
            Manner::Wait(most) => assert!(
                ends <= next_at.0 + most,
                "{lang:?}: {:?} still speaking at {next_at:?} ({:?})",
                text(line),
                text(next)
            ),
            Manner::Cut | Manner::Final if ends > next_at.0 => {
                let opens = matches!(line.says[0], Say::Exercise { .. } | Say::Count(_));
                assert!(
                    !opens,
                    "{lang:?}: {:?} cut at {next_at:?} by {:?}",
                    text(line),
                    text(next)
                );
            }
            _ => {}
        }
    }
}

#[test]
fn espeak_ng_says_every_line_of_a_session_in_order_and_in_time_in_english() {
    the_lines_fit_the_plan_and_espeak_ng_says_each_in_time(Lang::En);
}

#[test]
fn espeak_ng_says_every_line_of_a_session_in_order_and_in_time_in_russian() {
    the_lines_fit_the_plan_and_espeak_ng_says_each_in_time(Lang::Ru);
}

/// A speaker named espeak-ng that writes its arguments and the line it
/// was given to `said`, one line each.
fn fake_speaker(dir: &Path, said: &Path) {
    let script = format!(
        "#!/bin/sh\n{{ printf '%s|' \"$*\"; cat; echo; }} >> '{}'\n",
        said.display()
    );
    let path = dir.join("espeak-ng");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn wait_for(path: &Path, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if pred(&text) || start.elapsed() > Duration::from_secs(30) {
            return text;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `limber run voice-walk --plain --voice` in `lang` with the fake speaker
/// first on the PATH: what it was asked to say, a line each.
fn a_whole_session_said(lang: &str) -> Vec<String> {
    let env = Env::new(&["voice-walk"]);
    env.acknowledge_safety();
    let bin = env.dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let said = env.dir.path().join("said");
    fake_speaker(&bin, &said);
    let mut cmd = env.command(&[
        "--lang",
        lang,
        "run",
        "voice-walk",
        "--plain",
        "--voice",
        "--sound",
        "off",
        "--side",
        "right",
    ]);
    let path = std::env::var("PATH").unwrap_or_default();
    cmd.env("PATH", format!("{}:{path}", bin.display()))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    // The manual first step waits for a line; it comes once "first up" is
    // said, so nothing cuts it before the speaker has it.
    wait_for(&said, |t| t.ends_with('\n'));
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"\n").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The last line outlives the run; the speaker may still be writing it.
    let text = wait_for(&said, |t| t.lines().count() >= 12);
    text.lines().map(String::from).collect()
}

#[test]
fn a_fake_speaker_hears_a_whole_session_in_order_in_english() {
    let said = a_whole_session_said("en");
    let want = [
        "First up: Lie down. Knees bent, feet flat.",
        // A 1-second get-ready has no room for the cue.
        "Knee press, right leg.",
        "Hold.",
        "3",
        "2",
        "1",
        "Rest. Next up: Knee across, left leg.",
        "Knee across, left leg.",
        "Hold.",
        "Switch sides. Next up: right leg.",
        "Hold.",
        "Session complete. Well done.",
    ];
    let want: Vec<String> = want
        .iter()
        .map(|l| format!("-v en -s {WORDS_PER_MINUTE} --stdin|{l}"))
        .collect();
    assert_eq!(said, want);
}

#[test]
fn a_fake_speaker_hears_a_whole_session_in_order_in_russian() {
    let said = a_whole_session_said("ru");
    let want = [
        "Начинаем: Lie down. Knees bent, feet flat.",
        "Knee press, правая нога.",
        "Держите.",
        "3",
        "2",
        "1",
        "Отдых. Далее: Knee across, левая нога.",
        "Knee across, левая нога.",
        "Держите.",
        "Смените ногу. Далее: правая нога.",
        "Держите.",
        "Сеанс завершён. Отлично!",
    ];
    let want: Vec<String> = want
        .iter()
        .map(|l| format!("-v ru -s {WORDS_PER_MINUTE} --stdin|{l}"))
        .collect();
    assert_eq!(said, want);
}

/// A speaker that takes 2 s a line: it writes when it starts and when it
/// ends, with the time, so the test sees what was cut and what waited.
fn slow_speaker(dir: &Path, log: &Path) -> PathBuf {
    let script = format!(
        "#!/bin/sh\nline=$(cat)\necho \"start $line $(date +%s.%N)\" >> '{log}'\nsleep 2\necho \"end $line\" >> '{log}'\n",
        log = log.display()
    );
    let path = dir.join("espeak-ng");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn started_at(text: &str, line: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("start {line} ")))
        .unwrap_or_else(|| panic!("{line} never started: {text}"))
        .parse()
        .unwrap()
}

#[test]
fn a_line_cuts_or_waits_a_bounded_moment_and_the_last_outlives_the_voice() {
    use limber::shell::voice::{Spoken, Voice};
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("said");
    let mut voice = Voice::new(slow_speaker(dir.path(), &log), Lang::En);
    let line = |text: &str, manner| Spoken {
        text: text.into(),
        manner,
    };
    voice.say(line("one", Manner::Cut));
    wait_for(&log, |t| t.contains("start one"));
    // Waits at most 400 ms for "one" (2 s long), then cuts it.
    voice.say(line("two", Manner::Wait(Duration::from_millis(400))));
    let text = wait_for(&log, |t| t.contains("start two"));
    let waited = started_at(&text, "two") - started_at(&text, "one");
    assert!((0.35..1.5).contains(&waited), "waited {waited} s: {text}");
    // A new phase cuts at once; the last line is said to its end, even
    // though the voice is gone before it is.
    voice.say(line("three", Manner::Cut));
    wait_for(&log, |t| t.contains("start three"));
    voice.say(line("four", Manner::Final));
    wait_for(&log, |t| t.contains("start four"));
    drop(voice);
    let text = wait_for(&log, |t| t.contains("end four"));
    assert!(text.contains("end four"), "{text}");
    for cut in ["one", "two", "three"] {
        assert!(
            !text.contains(&format!("end {cut}")),
            "{cut} was cut: {text}"
        );
    }
}
