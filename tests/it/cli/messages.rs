//! Every error message says what to do, in one style (`limber COMMAND:
//! problem`, then `  hint: ...`), with the right command name and exit
//! code; options only on the commands they affect; completions, the man
//! page and `limber config`. All through the real binary.

use std::fs;

use crate::common::cli::{command, limber, run};

fn dirs() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    fs::create_dir(&routines).unwrap();
    (tmp, routines)
}

#[test]
fn since_says_the_form_it_takes() {
    let (_t, r) = dirs();
    let out = limber(&r, &["history", "--since", "yesterday"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("invalid value 'yesterday' for '--since <YYYY-MM-DD>'")
            && out
                .stderr
                .contains("expected a date as YYYY-MM-DD, like 2026-03-01"),
        "{}",
        out.stderr
    );
    let out = limber(&r, &["report", "--since", "2026-13-01"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("YYYY-MM-DD"), "{}", out.stderr);
}

#[test]
fn a_mistyped_routine_or_variant_gets_a_did_you_mean() {
    let (_t, r) = dirs();
    let out = limber(&r, &["run", "piriformis-strech"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "limber run: no routine `piriformis-strech`; known: piriformis-stretch, piriformis-massage\n  hint: did you mean `piriformis-stretch`?\n"
    );
    let out = limber(
        &r,
        &["preview", "piriformis-massage", "--variant", "gentel"],
    );
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "limber preview: `piriformis-massage` has no variant `gentel`; variants: gentle, tennis-ball\n  hint: did you mean `gentle`?\n"
    );
    let out = limber(&r, &["preview", "nope"]);
    assert!(
        out.stderr.starts_with("limber preview: no routine `nope`"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("hint"),
        "nothing close: {}",
        out.stderr
    );
    let out = limber(&r, &["export", "piriformis-stretc"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `piriformis-stretch`?"),
        "{}",
        out.stderr
    );
    let out = limber(&r, &["--lang", "ru", "run", "piriformis-strech"]);
    assert!(
        out.stderr
            .contains("  подсказка: может быть, `piriformis-stretch`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_history_filter_that_matches_nothing_says_why() {
    let (_t, r) = dirs();
    let out = limber(&r, &["history", "--routine", "nope"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "limber history: no routine `nope` in the log or the routines; known: piriformis-stretch, piriformis-massage\n"
    );
    assert_eq!(out.stdout, "");
    let out = limber(&r, &["history", "--routine", "piriformis-strech"]);
    assert!(
        out.stderr.contains("did you mean `piriformis-stretch`?"),
        "{}",
        out.stderr
    );
    let out = limber(&r, &["history", "--routine", "piriformis-stretch"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "No sessions.\n");
    assert!(
        out.stderr.starts_with("  hint: the log is empty"),
        "{}",
        out.stderr
    );
}

#[test]
fn file_errors_name_the_path() {
    let (t, r) = dirs();
    let dir = t.path().display().to_string();
    let out = limber(&r, &["export", "piriformis-stretch", "-o", &dir]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        format!("limber export: {dir}: is a directory; give a file name\n")
    );
    let out = limber(&r, &["edit", &dir]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        format!(
            "limber edit: {dir}: a directory, not a routine file; give a routine id (see `limber routines`) or a .ron file\n"
        )
    );
    let missing = t.path().join("none").join("x.md");
    let out = limber(
        &r,
        &[
            "export",
            "piriformis-stretch",
            "-o",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        format!(
            "limber export: {}: No such file or directory\n",
            missing.display()
        )
    );
}

#[test]
fn validate_on_an_empty_directory_says_there_was_nothing_to_check() {
    let (_t, r) = dirs();
    let out = limber(&r, &["validate", r.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        format!(
            "limber validate: {}: no routine files (*.ron) found\n",
            r.display()
        )
    );
}

#[test]
fn the_coach_without_a_terminal_says_what_to_run() {
    let (_t, r) = dirs();
    let out = limber(&r, &[]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "limber: the coach needs a terminal, and standard input or output is not one; for one line per milestone run `limber run ROUTINE --plain` (see `limber routines`), or start limber in a terminal\n"
    );
}

#[test]
fn session_options_are_only_on_session_commands() {
    let (_t, r) = dirs();
    for args in [
        &["history", "--quiet"][..],
        &["report", "--voice"],
        &["status", "--quiet"],
        &["--quiet", "history"],
    ] {
        let out = limber(&r, args);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.contains("error:"), "{args:?}: {}", out.stderr);
    }
    let help = limber(&r, &["history", "--help"]).stdout;
    assert!(
        !help.contains("--quiet") && !help.contains("--voice"),
        "{help}"
    );
    let help = limber(&r, &["run", "--help"]).stdout;
    assert!(
        help.contains("--quiet") && help.contains("--voice"),
        "{help}"
    );
    assert!(help.contains("Keys during a session"), "{help}");
    assert!(help.contains("Space") && help.contains("pause"), "{help}");
    assert!(help.contains("--color <WHEN>"), "{help}");
}

#[test]
fn color_is_for_terminals_or_when_asked() {
    let (_t, r) = dirs();
    let plain = limber(&r, &["run", "nope"]);
    assert!(!plain.stderr.contains('\x1b'), "{}", plain.stderr);
    let colored = limber(&r, &["--color", "always", "run", "nope"]);
    assert!(
        colored
            .stderr
            .starts_with("\x1b[1;31mlimber run:\x1b[0m no routine `nope`"),
        "{:?}",
        colored.stderr
    );
    let mut cmd = command(&r, &r.with_file_name("data"));
    cmd.args(["--color", "never", "run", "nope"]);
    assert!(!run(cmd, "").stderr.contains('\x1b'));
    let out = limber(&r, &["--color", "sometimes", "status"]);
    assert_eq!(out.code, 2);
}

#[test]
fn completions_name_the_subcommands() {
    let (_t, r) = dirs();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = limber(&r, &["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        for word in ["history", "preview", "validate", "completions"] {
            assert!(out.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    assert!(
        limber(&r, &["completions", "bash"])
            .stdout
            .contains("_limber()")
    );
    assert!(
        limber(&r, &["completions", "zsh"])
            .stdout
            .starts_with("#compdef limber")
    );
    assert!(
        limber(&r, &["completions", "fish"])
            .stdout
            .contains("complete -c limber")
    );
    assert_eq!(limber(&r, &["completions", "tcsh"]).code, 2);
}

#[test]
fn the_man_page_is_roff_with_the_commands() {
    let (_t, r) = dirs();
    let out = limber(&r, &["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &out.stdout[..80]
    );
    assert!(out.stdout.contains(".TH limber 1"), "a roff title header");
    for word in [
        "limber\\-run",
        "limber\\-history",
        "limber\\-config",
        "Exit status",
    ] {
        assert!(out.stdout.contains(word), "{word}");
    }
}

#[test]
fn config_shows_settings_and_every_path() {
    let (t, r) = dirs();
    let data = r.with_file_name("data");
    let file = t.path().join("config.toml");
    fs::write(
        &file,
        "language = \"ru\"\nsound = false\nwaking_hours = \"07:00-21:30\"\nreminders = true\nside = \"right\"\n[sounds]\ncountdown = \"off\"\nend = \"bell\"\n",
    )
    .unwrap();
    let mut cmd = command(&r, &data);
    cmd.env("LIMBER_CONFIG", &file).arg("config");
    let out = run(cmd, "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.stdout;
    assert!(text.contains("язык"), "the file's language: {text}");
    assert!(text.contains("ru  (из файла настроек)"), "{text}");
    assert!(text.contains("07:00-21:30"), "{text}");
    assert!(text.contains("правая"), "{text}");
    assert!(text.contains(&file.display().to_string()), "{text}");
    assert!(
        text.contains(&data.join("history.sqlite3").display().to_string()),
        "{text}"
    );
    assert!(text.contains(&r.display().to_string()), "{text}");
    // A flag overrides the file.
    let mut cmd = command(&r, &data);
    cmd.env("LIMBER_CONFIG", &file)
        .args(["--lang", "en", "config"]);
    let text = run(cmd, "").stdout;
    assert!(
        text.contains("language      en  (from the command line)"),
        "{text}"
    );
    assert!(
        text.contains("sound         off  (from the configuration file)"),
        "{text}"
    );
    assert!(
        text.contains("event sounds  go tone, rest tone, switch tone, countdown off, end bell  (from the configuration file)"),
        "{text}"
    );
    assert!(text.contains("rescue dir"), "{text}");
    // No file: defaults, and the file's path is shown as not found.
    let out = limber(&r, &["config"]);
    assert!(
        out.stdout.contains("no-config.toml (not found)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("(default)"), "{}", out.stdout);
}

#[test]
fn a_broken_config_file_is_an_error_with_line_and_column() {
    let (t, r) = dirs();
    let file = t.path().join("config.toml");
    fs::write(&file, "sound = false\nside = \"middle\"\n").unwrap();
    let mut cmd = command(&r, &r.with_file_name("data"));
    cmd.env("LIMBER_CONFIG", &file).arg("status");
    let out = run(cmd, "");
    assert_eq!(out.code, 2);
    let path = file.display();
    assert_eq!(
        out.stderr,
        format!(
            "{path}:2:8: unknown variant `middle`, expected one of `left`, `right`, `both`\n  |\n2 | side = \"middle\"\n  |        ^\n  = hint: fix the configuration file, or move it away to use the defaults\n"
        )
    );
    fs::write(&file, "voice = yes\n").unwrap();
    let mut cmd = command(&r, &r.with_file_name("data"));
    cmd.env("LIMBER_CONFIG", &file).arg("routines");
    let out = run(cmd, "");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(&format!("{path}:1:9: ")),
        "{}",
        out.stderr
    );
    // Only regular files are read.
    let mut cmd = command(&r, &r.with_file_name("data"));
    cmd.env("LIMBER_CONFIG", t.path()).arg("status");
    let out = run(cmd, "");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("not a regular file but a directory"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_config_file_sets_the_language_and_the_side() {
    let (t, r) = dirs();
    let file = t.path().join("config.toml");
    fs::write(
        &file,
        "language = \"ru\"\nside = \"right\"\nsound = false\n",
    )
    .unwrap();
    let mut cmd = command(&r, &r.with_file_name("data"));
    cmd.env("LIMBER_CONFIG", &file).args(["run", "nope"]);
    let out = run(cmd, "");
    assert!(
        out.stderr.contains("программы"),
        "in Russian: {}",
        out.stderr
    );
}

#[test]
fn a_command_that_fails_says_so_last_in_the_users_language() {
    let (tmp, routines) = dirs();
    let data = routines.with_file_name("data");
    fs::create_dir(&data).unwrap();
    fs::write(
        data.join(limber::store::history::FILE_NAME),
        b"not a database",
    )
    .unwrap();
    for (lang, last) in [
        ("en", "limber status: the history database is damaged"),
        ("ru", "limber status: база истории повреждена"),
    ] {
        let r = limber(&routines, &["--lang", lang, "status"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert_eq!(r.stderr.lines().last(), Some(last), "{}", r.stderr);
        assert!(r.stdout.is_empty(), "{}", r.stdout);
    }
    for command in ["history", "report", "log export"] {
        let mut args = vec!["--lang", "ru"];
        args.extend(command.split(' '));
        let r = limber(&routines, &args);
        assert_eq!(r.code, 1, "{command}: {}", r.stderr);
        let last = format!("limber {command}: база истории повреждена");
        assert_eq!(r.stderr.lines().last(), Some(last.as_str()), "{}", r.stderr);
    }
    drop(tmp);
}
