//! `limber remind`: the check with a fake clock and a fake notifier, the
//! timer's files from `remind install --dry-run`, and one check against a
//! real D-Bus session bus.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone};

use limber::cli::remind::notify::Fake;
use limber::cli::remind::{Candidate, check};
use limber::core::due::Due;
use limber::core::lang::Lang;
use limber::core::remind::{Allowed, RoutineDue};
use limber::shell::exit::Exit;

use crate::common::cli;

fn at(h: u32, m: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 3, 2, h, m, 0)
        .unwrap()
}

fn allowed() -> Allowed {
    Allowed {
        reminders: true,
        from: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        to: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
    }
}

fn candidate(id: &str, title: &str, due: Due, done_today: usize) -> Candidate {
    Candidate {
        due: RoutineDue {
            routine: id.into(),
            due,
            done_today,
        },
        title: title.into(),
    }
}

/// Runs the check at `now`; what it showed, its exit and its stdout.
fn run_check(
    now: DateTime<FixedOffset>,
    routines: &[Candidate],
    allowed: Allowed,
    state: &Path,
    notifier: &mut Fake,
    lang: Lang,
) -> (Exit, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let exit = check(
        &now, routines, allowed, state, notifier, lang, &mut out, &mut err,
    )
    .unwrap();
    (
        exit,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn check_reminds_a_due_session_once_and_never_twice() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state").join("reminders.json");
    let routines = [
        candidate("stretch", "Piriformis exercises", Due::Now, 0),
        candidate("massage", "Self-massage", Due::At(at(13, 0)), 1),
    ];
    let mut fake = Fake::default();
    let (exit, out, _) = run_check(at(9, 0), &routines, allowed(), &state, &mut fake, Lang::En);
    assert_eq!(exit, Exit::Done);
    assert_eq!(
        fake.shown,
        [(
            "Time for Piriformis exercises".to_string(),
            "A session is due. Start it with: limber run stretch".to_string()
        )]
    );
    assert_eq!(out, "reminded: Piriformis exercises\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&state).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the state file is private");
    }
    // Every 15 minutes after: nothing new, from the state file alone.
    let mut again = Fake::default();
    run_check(
        at(9, 15),
        &routines,
        allowed(),
        &state,
        &mut again,
        Lang::En,
    );
    assert!(again.shown.is_empty(), "{:?}", again.shown);
    // At 13:00 the massage is due; the stretch still is not reminded again.
    let mut later = Fake::default();
    run_check(
        at(13, 0),
        &routines,
        allowed(),
        &state,
        &mut later,
        Lang::En,
    );
    assert_eq!(later.shown.len(), 1);
    assert_eq!(later.shown[0].0, "Time for Self-massage");
}

#[test]
fn check_is_quiet_during_a_course_pause_and_at_night() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("reminders.json");
    let pause = [candidate(
        "massage",
        "Self-massage",
        Due::CourseFrom(at(9, 0).date_naive().succ_opt().unwrap()),
        0,
    )];
    let mut fake = Fake::default();
    run_check(at(12, 0), &pause, allowed(), &state, &mut fake, Lang::En);
    assert!(fake.shown.is_empty());
    let due = [candidate("stretch", "Stretch", Due::Now, 0)];
    run_check(at(23, 30), &due, allowed(), &state, &mut fake, Lang::En);
    run_check(at(6, 0), &due, allowed(), &state, &mut fake, Lang::En);
    assert!(fake.shown.is_empty(), "{:?}", fake.shown);
    let off = Allowed {
        reminders: false,
        ..allowed()
    };
    run_check(at(12, 0), &due, off, &state, &mut fake, Lang::En);
    assert!(fake.shown.is_empty());
    assert!(!state.exists(), "nothing sent, nothing recorded");
}

#[test]
fn check_speaks_russian_and_retries_what_could_not_be_shown() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("reminders.json");
    let due = [candidate("stretch", "Упражнения", Due::Now, 0)];
    let mut broken = Fake {
        fail: Some("no server".into()),
        ..Fake::default()
    };
    let (exit, _, err) = run_check(at(10, 0), &due, allowed(), &state, &mut broken, Lang::Ru);
    assert_eq!(exit, Exit::Failed);
    assert!(err.contains("no server"), "{err}");
    let mut fake = Fake::default();
    run_check(at(10, 15), &due, allowed(), &state, &mut fake, Lang::Ru);
    assert_eq!(fake.shown[0].0, "Пора: Упражнения");
    assert!(fake.shown[0].1.contains("limber run stretch"));
}

/// The files `remind install --dry-run` prints, by name.
fn printed_files(stdout: &str) -> Vec<(PathBuf, String)> {
    stdout
        .split("\n# ")
        .skip(1)
        .map(|part| {
            let (path, text) = part.split_once('\n').unwrap();
            (PathBuf::from(path), text.to_string())
        })
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn install_dry_run_prints_valid_systemd_units_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    let data = dir.path().join("data");
    let config_home = dir.path().join("config");
    let mut cmd = cli::command(&routines, &data);
    cmd.env("XDG_CONFIG_HOME", &config_home)
        .args(["remind", "install", "--dry-run"]);
    let run = cli::run(cmd, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "systemctl --user daemon-reload && systemctl --user enable --now limber-remind.timer"
        ),
        "{}",
        run.stdout
    );
    assert!(!config_home.exists(), "--dry-run wrote something");
    let files = printed_files(&run.stdout);
    let unit_dir = config_home.join("systemd").join("user");
    let names: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(
        names,
        [
            unit_dir.join("limber-remind.service"),
            unit_dir.join("limber-remind.timer")
        ]
    );
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/remind");
    let config = data.with_file_name("no-config.toml");
    // The directories given are passed on to the timer.
    for (path, text) in &files {
        let name = path.file_name().unwrap();
        let expected = std::fs::read_to_string(fixtures.join(name))
            .unwrap()
            .replace("@LIMBER@", cli::BIN)
            .replace("@DATA@", &data.display().to_string())
            .replace("@CONFIG@", &config.display().to_string())
            .replace("@ROUTINES@", &routines.display().to_string());
        assert_eq!(text, &expected, "{}", path.display());
    }
    if let Some(analyze) = limber::shell::program::find(&["systemd-analyze"]) {
        let units = dir.path().join("units");
        std::fs::create_dir(&units).unwrap();
        let mut args = vec!["verify".to_string()];
        for (path, text) in &files {
            let p = units.join(path.file_name().unwrap());
            std::fs::write(&p, text).unwrap();
            args.push(p.display().to_string());
        }
        let out = Command::new(analyze).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "systemd-analyze verify: {stderr}");
        assert!(
            !stderr.contains("Unknown"),
            "systemd-analyze verify: {stderr}"
        );
    }
}

/// Ends a process this test started, when the test ends however it ends.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `program` on the PATH; installed from the Debian packages when missing
/// and running as root; otherwise the test fails, it never passes silently.
fn need(program: &str, packages: &[&str]) -> PathBuf {
    if let Some(p) = limber::shell::program::find(&[program]) {
        return p;
    }
    // Root, as `id -u` says.
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    assert!(
        root,
        "{program} is needed for this test: install it with `apt-get install {}`",
        packages.join(" ")
    );
    for package in packages {
        let ok = Command::new("apt-get")
            .args(["install", "-y", package])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success());
        if ok && let Some(p) = limber::shell::program::find(&[program]) {
            return p;
        }
    }
    panic!(
        "{program} is needed for this test and `apt-get install -y {}` did not provide it",
        packages.join(" ")
    );
}

/// Reads `path` until `pred` holds of its text, for at most `limit`.
fn wait_for(path: &Path, limit: Duration, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if pred(&text) || start.elapsed() > limit {
            return text;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn check_calls_notify_on_a_real_dbus_session_bus() {
    let daemon = need("dbus-daemon", &["dbus-daemon", "dbus"]);
    let monitor = need("dbus-monitor", &["dbus-bin", "dbus"]);
    let dir = tempfile::tempdir().unwrap();
    let mut bus = Reaped(
        Command::new(daemon)
            .args(["--session", "--print-address", "--nofork"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut address = String::new();
    BufReader::new(bus.0.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();
    let address = address.trim().to_string();
    assert!(address.starts_with("unix:"), "dbus-daemon said {address:?}");
    let seen = dir.path().join("monitor.txt");
    let _monitor = Reaped(
        Command::new(monitor)
            .arg("--address")
            .arg(&address)
            .arg("type='method_call',interface='org.freedesktop.Notifications'")
            .stdout(std::fs::File::create(&seen).unwrap())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    // The monitor prints its own NameAcquired/NameLost once it listens.
    wait_for(&seen, Duration::from_secs(5), |t| !t.is_empty());
    // Waking hours around now, whatever the time the test runs at.
    let now = chrono::Local::now().time();
    let hour = |h: i64| {
        (now + chrono::Duration::hours(h))
            .format("%H:%M")
            .to_string()
    };
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("waking_hours = \"{}-{}\"\n", hour(-2), hour(2)),
    )
    .unwrap();
    let routines = dir.path().join("routines");
    let mut cmd = cli::command(&routines, &dir.path().join("data"));
    cmd.env("LIMBER_CONFIG", &config)
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .args(["remind", "check"]);
    let start = Instant::now();
    let run = cli::run(cmd, "");
    assert!(start.elapsed() < Duration::from_secs(30), "the check hung");
    let text = wait_for(&seen, Duration::from_secs(5), |t| {
        t.contains("Time for Piriformis")
    });
    assert!(
        text.contains("member=Notify") && text.contains("Time for Piriformis"),
        "no Notify call on the bus; limber said {:?} {:?}; the monitor saw:\n{text}",
        run.stdout,
        run.stderr
    );
    assert!(text.contains("string \"limber\""), "{text}");
    // With no notification server on this bus, the call fails and nothing
    // is recorded, so the next check tries again; with one, it is recorded.
    let state = dir
        .path()
        .join("state")
        .join("limber")
        .join("reminders.json");
    match run.code {
        0 => assert!(state.exists(), "{}", run.stdout),
        1 => {
            assert!(
                run.stderr.contains("could not show the reminder"),
                "{}",
                run.stderr
            );
            assert!(!state.exists());
        }
        other => panic!("exit {other}: {}", run.stderr),
    }
}

/// The morning check and the measures due are reminded as a session is:
/// once a day each, only in the waking hours, in the user's language.
#[test]
fn check_reminds_the_morning_check_and_the_measures_once_a_day() {
    use limber::cli::remind::answers;
    use limber::core::outcome::MeasureKind;
    use limber::shell::outcomes::Asked;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("reminders.json");
    let asked = Asked {
        morning_due: true,
        due: vec![MeasureKind::Psfs, MeasureKind::RedFlags],
        ..Asked::default()
    };
    let run = |now, allowed, fake: &mut Fake, lang| {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let exit = answers::check(
            &now, &asked, allowed, &state, fake, lang, &mut out, &mut err,
        )
        .unwrap();
        (exit, String::from_utf8(out).unwrap())
    };
    let mut night = Fake::default();
    run(at(6, 0), allowed(), &mut night, Lang::En);
    assert!(night.shown.is_empty(), "asleep");
    let mut fake = Fake::default();
    let (exit, out) = run(at(9, 0), allowed(), &mut fake, Lang::En);
    assert_eq!(exit, Exit::Done);
    assert_eq!(
        fake.shown,
        [
            (
                "Morning check".to_string(),
                "How was this morning? Answer in limber, or with: limber checkin".to_string()
            ),
            (
                "Questions for your physiotherapist".to_string(),
                "Due: PSFS, warning signs. Answer in limber (m on home), or with: limber measure NAME"
                    .to_string()
            )
        ]
    );
    assert_eq!(
        out,
        "reminded: Morning check\nreminded: Questions for your physiotherapist\n"
    );
    let mut again = Fake::default();
    run(at(9, 15), allowed(), &mut again, Lang::Ru);
    assert!(again.shown.is_empty(), "once a day: {:?}", again.shown);
    // The next day, in Russian.
    let tomorrow = at(9, 0) + chrono::Duration::days(1);
    let mut ru = Fake::default();
    run(tomorrow, allowed(), &mut ru, Lang::Ru);
    assert_eq!(ru.shown[0].0, "Утренняя проверка");
    assert!(
        ru.shown[1]
            .1
            .starts_with("Пора ответить: PSFS, тревожные признаки."),
        "{:?}",
        ru.shown
    );
}
