//! `limber remind install`: what reaches the timer's files from a path.
//! A word with a control character is refused for every kind of timer, `$`
//! and `%` are written so systemd reads them back as they are, `--dry-run`
//! shows an escape instead of sending it, and a unit systemd does not
//! accept is a failure.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use limber::cli::remind::timer::{self, TimerError};

use crate::common::cli;

fn dry_run(data: &Path, config_home: &Path) -> cli::Run {
    let routines = data.with_file_name("routines");
    let mut cmd = cli::command(&routines, data);
    cmd.env("XDG_CONFIG_HOME", config_home)
        .args(["remind", "install", "--dry-run"]);
    cli::run(cmd, "")
}

#[test]
fn a_control_character_in_any_word_is_refused_for_every_kind_of_timer() {
    for bad in [
        "/tmp/a\nExecStartPost=/bin/rm -rf ~",
        "/tmp/\x1b]2;x\x07",
        "/tmp/a\rb",
    ] {
        let argv =
            timer::check_command(Path::new("/bin/limber"), &["--data-dir".into(), bad.into()]);
        let refused = |r: Result<String, TimerError>| match r {
            Err(TimerError::Control { word }) => assert_eq!(word, bad),
            Ok(text) => panic!("{bad:?} was written: {text}"),
        };
        refused(timer::systemd_units(Path::new("/u"), &argv).map(|f| f[0].text.clone()));
        refused(timer::launchd_agent(Path::new("/u"), &argv).map(|f| f.text));
        refused(timer::crontab_line(&argv));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_newline_in_the_data_path_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data\nExecStartPost=/bin/false");
    let config_home = dir.path().join("config");
    let run = dry_run(&data, &config_home);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("ExecStart"), "{}", run.stdout);
    assert!(
        run.stderr.contains("data\\x0aExecStartPost=/bin/false")
            && run.stderr.contains("control character"),
        "{}",
        run.stderr
    );
    // Without --dry-run: refused before a file is written or a program run.
    let routines = dir.path().join("routines");
    let mut cmd = cli::command(&routines, &data);
    cmd.env("XDG_CONFIG_HOME", &config_home)
        .env("PATH", fake_systemctl(dir.path(), "loaded", 0))
        .args(["remind", "install"]);
    let run = cli::run(cmd, "");
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(!config_home.exists(), "a unit was written: {}", run.stdout);
    assert!(
        !dir.path().join("systemctl.calls").exists(),
        "systemctl was run"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_dollar_and_a_percent_in_a_path_reach_systemd_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d ${USER}$HOME 50%h");
    let config_home = dir.path().join("config");
    let run = dry_run(&data, &config_home);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let service = run
        .stdout
        .split("\n# ")
        .find(|part| part.contains("limber-remind.service\n"))
        .and_then(|part| part.split_once('\n'))
        .map(|(_, text)| text.to_string())
        .unwrap();
    let shown = data.display().to_string();
    let expected_word = format!("\"{}\"", shown.replace('$', "$$").replace('%', "%%"));
    let exec = service
        .lines()
        .find(|l| l.starts_with("ExecStart="))
        .unwrap();
    assert!(
        exec.contains(&format!("--data-dir {expected_word} ")),
        "{exec}"
    );
    // systemd itself reads the unit: no unknown setting, no bad quoting.
    let analyze = need_systemd_analyze();
    let units = dir.path().join("units");
    std::fs::create_dir(&units).unwrap();
    let path = units.join("limber-remind.service");
    std::fs::write(&path, &service).unwrap();
    let out = Command::new(analyze)
        .arg("verify")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "systemd-analyze verify: {stderr}\n{service}"
    );
    assert!(!stderr.contains("Unknown"), "{stderr}");
    assert!(!stderr.contains("Ignoring"), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn dry_run_shows_an_escape_in_a_path_instead_of_sending_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let config_home = dir.path().join("conf\x1b]2;pwned\x07");
    let run = dry_run(&data, &config_home);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\x1b'), "{:?}", run.stdout);
    assert!(!run.stdout.contains('\x07'), "{:?}", run.stdout);
    assert!(
        run.stdout.contains("conf\\x1b]2;pwned\\x07"),
        "{}",
        run.stdout
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_unit_systemd_rejects_is_a_failure_not_reminders_on() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let routines = dir.path().join("routines");
    for (state, enable_status) in [("bad-setting", 0), ("loaded", 1)] {
        let config_home = dir.path().join(format!("config-{state}"));
        let mut cmd = cli::command(&routines, &data);
        cmd.env("XDG_CONFIG_HOME", &config_home)
            .env("PATH", fake_systemctl(dir.path(), state, enable_status))
            .args(["remind", "install"]);
        let run = cli::run(cmd, "");
        assert_eq!(run.code, 1, "{state}: {}\n{}", run.stdout, run.stderr);
        assert!(!run.stdout.contains("reminders are on"), "{}", run.stdout);
        assert!(
            run.stderr.contains("limber remind install:"),
            "{}",
            run.stderr
        );
        if state == "bad-setting" {
            assert!(run.stderr.contains("bad-setting"), "{}", run.stderr);
            let calls = std::fs::read_to_string(dir.path().join("systemctl.calls")).unwrap();
            assert!(
                !calls.contains("enable"),
                "enabled a rejected unit: {calls}"
            );
        }
        std::fs::remove_file(dir.path().join("systemctl.calls")).unwrap();
    }
    // A unit systemd loads is on.
    let config_home = dir.path().join("config-ok");
    let mut cmd = cli::command(&routines, &data);
    cmd.env("XDG_CONFIG_HOME", &config_home)
        .env("PATH", fake_systemctl(dir.path(), "loaded", 0))
        .args(["remind", "install"]);
    let run = cli::run(cmd, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("reminders are on"), "{}", run.stdout);
}

/// A directory for PATH holding a `systemctl` that records its arguments
/// in `dir/systemctl.calls`, answers `show` with `LoadState=STATE` and
/// exits with `enable_status` on `enable`; the rest of PATH stays.
fn fake_systemctl(dir: &Path, state: &str, enable_status: i32) -> String {
    let bin: PathBuf = dir.join(format!("bin-{state}-{enable_status}"));
    std::fs::create_dir_all(&bin).unwrap();
    let script = format!(
        "#!/bin/sh\n\
         echo \"$*\" >> '{calls}'\n\
         case \"$*\" in\n\
         *show*) echo '{state}' ;;\n\
         *enable*) exit {enable_status} ;;\n\
         esac\n\
         exit 0\n",
        calls = dir.join("systemctl.calls").display()
    );
    let path = bin.join("systemctl");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// `systemd-analyze`, installed from Debian's `systemd` when missing (the
/// tests run as root); never skipped.
fn need_systemd_analyze() -> PathBuf {
    if let Some(p) = limber::shell::program::find(&["systemd-analyze"]) {
        return p;
    }
    let ok = Command::new("apt-get")
        .args(["install", "-y", "systemd"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "systemd-analyze is needed: apt-get install systemd failed"
    );
    limber::shell::program::find(&["systemd-analyze"]).expect("systemd-analyze after install")
}
