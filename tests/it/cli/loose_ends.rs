//! The loose ends a new user tripped on (issue 27), through the real
//! binary: `config` and `remind status` agreeing on one setting, messages
//! that say what happened and what to do, the man page's keys, clap's
//! usage errors followed by a hint in the user's language.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::cli::{self, Run};

/// A routines directory, a data directory and a home of its own (so the
/// timer's files and the state directory are the test's), with the
/// configuration file at `LIMBER_CONFIG` not written yet.
struct Home {
    _tmp: tempfile::TempDir,
    routines: PathBuf,
    data: PathBuf,
    home: PathBuf,
}

impl Home {
    fn new() -> Home {
        let tmp = tempfile::tempdir().unwrap();
        let routines = tmp.path().join("routines");
        let data = tmp.path().join("data");
        let home = tmp.path().join("home");
        for d in [&routines, &data, &home] {
            fs::create_dir(d).unwrap();
        }
        Home {
            _tmp: tmp,
            routines,
            data,
            home,
        }
    }

    /// The file `cli::command` names with `LIMBER_CONFIG`.
    fn config(&self) -> PathBuf {
        self.data.with_file_name("no-config.toml")
    }

    fn run(&self, args: &[&str]) -> Run {
        let mut cmd = cli::command(&self.routines, &self.data);
        cmd.env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("XDG_STATE_HOME", self.home.join("state"))
            .args(args);
        cli::run(cmd, "")
    }
}

/// The value and source `limber config` prints for `key`.
fn config_line<'a>(stdout: &'a str, key: &str) -> &'a str {
    stdout
        .lines()
        .find_map(|l| l.trim_start().strip_prefix(key))
        .unwrap_or_else(|| panic!("no `{key}` in:\n{stdout}"))
        .trim()
}

#[test]
fn config_and_remind_status_agree_without_a_configuration_file() {
    let h = Home::new();
    let config = h.run(&["config"]);
    assert_eq!(config.code, 0, "{}", config.stderr);
    assert_eq!(config_line(&config.stdout, "reminders"), "on  (default)");
    assert_eq!(
        config_line(&config.stdout, "waking hours"),
        "08:00-22:00  (default)"
    );
    let status = h.run(&["remind", "status"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status
            .stdout
            .contains("reminders on (default), waking hours 08:00-22:00 (default)\n"),
        "{}",
        status.stdout
    );
}

#[test]
fn config_and_remind_status_agree_with_a_configuration_file() {
    let h = Home::new();
    fs::write(
        h.config(),
        "reminders = false\nwaking_hours = \"09:30-21:00\"\n",
    )
    .unwrap();
    let config = h.run(&["config"]);
    assert_eq!(config.code, 0, "{}", config.stderr);
    assert_eq!(
        config_line(&config.stdout, "reminders"),
        "off  (from the configuration file)"
    );
    assert_eq!(
        config_line(&config.stdout, "waking hours"),
        "09:30-21:00  (from the configuration file)"
    );
    let status = h.run(&["remind", "status"]);
    assert!(
        status.stdout.contains(
            "reminders off (from the configuration file), waking hours 09:30-21:00 (from the configuration file)\n"
        ),
        "{}",
        status.stdout
    );
    let ru = h.run(&["--lang", "ru", "remind", "status"]);
    assert!(
        ru.stdout.contains(
            "напоминания выкл. (из файла настроек), часы бодрствования 09:30-21:00 (из файла настроек)\n"
        ),
        "{}",
        ru.stdout
    );
}

#[test]
fn config_shows_the_side_in_force_and_where_it_came_from() {
    let h = Home::new();
    assert_eq!(
        config_line(&h.run(&["config"]).stdout, "side"),
        "left  (default)"
    );
    fs::write(h.data.join("settings.json"), br#"{"side": "right"}"#).unwrap();
    assert_eq!(
        config_line(&h.run(&["config"]).stdout, "side"),
        "right  (chosen last time)"
    );
    fs::write(h.config(), "side = \"left\"\n").unwrap();
    assert_eq!(
        config_line(&h.run(&["config"]).stdout, "side"),
        "left  (from the configuration file)"
    );
    let ru = h.run(&["--lang", "ru", "config"]);
    assert!(
        ru.stdout.contains("каталог восстановления"),
        "{}",
        ru.stdout
    );
    assert!(!ru.stdout.contains("спасённого"), "{}", ru.stdout);
}

#[test]
fn config_help_keeps_its_example_a_line_a_key() {
    let h = Home::new();
    let help = h.run(&["config", "--help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    assert!(
        help.stdout
            .contains("\n  language = \"ru\"              # en or ru\n  sound = false "),
        "{}",
        help.stdout
    );
}

#[test]
fn export_over_an_existing_file_says_to_choose_another_name() {
    let h = Home::new();
    let out = h.routines.with_file_name("sessions.jsonl");
    fs::write(&out, "mine\n").unwrap();
    let r = h.run(&["log", "export", "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "limber log export: {} exists already, and limber never writes over a file: give another name with -o, or move that file away first\n",
            out.display()
        )
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), "mine\n");
    let ru = h.run(&["--lang", "ru", "log", "export", "-o", out.to_str().unwrap()]);
    assert_eq!(ru.code, 1);
    assert!(ru.stderr.contains("укажите другое имя"), "{}", ru.stderr);
}

/// One session of the quick fixture in the log, today.
fn one_session(h: &Home) {
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/pty-quick.ron"),
        h.routines.join("pty-quick.ron"),
    )
    .unwrap();
    let r = h.run(&["run", "pty-quick", "--plain"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn report_since_after_the_last_session_says_so_not_an_empty_log() {
    let h = Home::new();
    one_session(&h);
    let r = h.run(&["report", "--since", "2999-01-01"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let today = chrono::Local::now().date_naive();
    assert_eq!(
        r.stderr,
        format!("  hint: no sessions on or after 2999-01-01; the last was on {today}\n")
    );
    // Without the window, the session is reported.
    let all = h.run(&["report"]);
    assert!(
        !all.stdout.contains("No sessions logged yet"),
        "{}",
        all.stdout
    );
}

#[test]
fn remind_check_by_hand_says_why_nothing_was_sent() {
    let h = Home::new();
    fs::write(h.config(), "reminders = false\n").unwrap();
    let r = h.run(&["remind", "check", "-v"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(
        r.stdout,
        "nothing sent: reminders are off (reminders = false in the configuration file)\n"
    );
    // The timer runs it without a terminal and without -v: silent.
    assert_eq!(h.run(&["remind", "check"]).stdout, "");
    // Waking hours of one minute, twelve hours from now: outside them.
    let from = chrono::Local::now().time() + chrono::Duration::hours(12);
    let hours = format!(
        "{}-{}",
        from.format("%H:%M"),
        (from + chrono::Duration::minutes(1)).format("%H:%M")
    );
    fs::write(h.config(), format!("waking_hours = \"{hours}\"\n")).unwrap();
    let r = h.run(&["remind", "check", "--verbose"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!("nothing sent: outside the waking hours {hours}\n")
    );
    let ru = h.run(&["--lang", "ru", "remind", "check", "-v"]);
    assert_eq!(
        ru.stdout,
        format!("ничего не отправлено: сейчас не часы бодрствования ({hours})\n")
    );
}

#[test]
fn the_timer_carries_the_data_directory_named_only_by_the_environment() {
    let h = Home::new();
    let xdg_data = h.home.join("xdg-data");
    let mut cmd = std::process::Command::new(cli::BIN);
    cmd.env("HOME", &h.home)
        .env("XDG_CONFIG_HOME", h.home.join("config"))
        .env("XDG_DATA_HOME", &xdg_data)
        .env("LANG", "C")
        .env("LIMBER_CONFIG", h.config())
        .args(["remind", "install", "--dry-run"]);
    let r = cli::run(cmd, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let data_dir = format!("--data-dir {}", xdg_data.join("limber").display());
    let config = format!("--config {}", h.config().display());
    assert!(
        r.stdout.contains(&data_dir) && r.stdout.contains(&config),
        "{}",
        r.stdout
    );
}

#[test]
fn the_man_page_lists_the_session_keys() {
    let h = Home::new();
    let r = h.run(&["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let keys = r.stdout.split_once(".SH KEYS\n").map(|(_, k)| k);
    let keys = keys.unwrap_or_else(|| panic!("no KEYS section:\n{}", r.stdout));
    for key in ["Space", "pause", "skip step", "Ctrl-C"] {
        assert!(keys.contains(key), "{key} missing:\n{keys}");
    }
}

#[test]
fn a_usage_error_ends_with_a_hint_in_the_users_language() {
    let h = Home::new();
    let ru = h.run(&["--lang", "ru", "history", "--since", "вчера"]);
    assert_eq!(ru.code, 2);
    assert!(
        ru.stderr.starts_with("error: invalid value 'вчера'")
            && ru.stderr.ends_with(
                "  подсказка: limber не понял командную строку (сообщение выше на английском); что принимает каждая команда, покажет `limber --help`\n"
            ),
        "{}",
        ru.stderr
    );
    // The language of the configuration file, when --lang is not given.
    fs::write(h.config(), "language = \"ru\"\n").unwrap();
    let r = h.run(&["history", "--since", "x"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("  подсказка: "), "{}", r.stderr);
    // English: clap's own "try '--help'" is the hint.
    fs::remove_file(h.config()).unwrap();
    let en = h.run(&["history", "--since", "x"]);
    assert_eq!(en.code, 2);
    assert!(!en.stderr.contains("hint"), "{}", en.stderr);
}

#[test]
fn russian_status_and_report_name_routines_by_their_titles() {
    let h = Home::new();
    let status = h.run(&["--lang", "ru", "status"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status
            .stdout
            .starts_with("Упражнения для грушевидной мышцы: сегодня 0/3"),
        "{}",
        status.stdout
    );
    assert!(!status.stdout.contains("stretch"), "{}", status.stdout);
    let report = h.run(&["--lang", "ru", "report"]);
    assert!(
        report
            .stdout
            .contains("| Самомассаж грушевидной мышцы | 2 в день |"),
        "{}",
        report.stdout
    );
    assert!(!report.stdout.contains("piriformis-"), "{}", report.stdout);
    // English names them by their titles too.
    let en = h.run(&["report"]);
    assert!(
        en.stdout.contains("| Piriformis self-massage | 2/day |"),
        "{}",
        en.stdout
    );
}

#[test]
fn the_handout_on_paper_names_no_keys() {
    let h = Home::new();
    for lang in ["en", "ru"] {
        for routine in ["piriformis-stretch", "piriformis-massage"] {
            let r = h.run(&["--lang", lang, "export", routine]);
            assert_eq!(r.code, 0, "{}", r.stderr);
            for key in [
                "press s",
                "Esc",
                "Enter",
                "Space",
                "пробел",
                "нажмите",
                "(ы)",
            ] {
                assert!(
                    !r.stdout.contains(key),
                    "{lang} {routine}: {key}\n{}",
                    r.stdout
                );
            }
        }
    }
    let en = h.run(&["export", "piriformis-stretch"]);
    assert!(
        en.stdout
            .contains("- Stop at once if the pain rises sharply.\n"),
        "{}",
        en.stdout
    );
    let ru = h.run(&["--lang", "ru", "export", "piriformis-stretch"]);
    assert!(
        ru.stdout
            .contains("- При резком усилении боли сразу остановитесь.\n"),
        "{}",
        ru.stdout
    );
}
