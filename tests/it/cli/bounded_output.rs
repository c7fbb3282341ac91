//! Output that stays bounded whatever the files hold: tables that fit the
//! terminal (never wrapped mid-word) and never pad every row to one huge
//! note, a closed pipe that ends the command quietly, `export -o` as
//! private as `log export -o`, ids that could be read as options refused,
//! and a configuration that is not text never echoed.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use chrono::{FixedOffset, TimeZone};
use unicode_width::UnicodeWidthStr;

use limber::store::history::History;
use limber::store::history::sample::{Spec, routine_ref};

use crate::common::cli::{self, BIN};
use crate::common::pty::{Env, Pty};

/// An env whose log holds a session per routine, one of them stopped for
/// pain with a long note.
fn env_with_sessions(note: &str) -> Env {
    let env = Env::new(&[]);
    let at = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2026, 2, 3, 7, 5, 9)
        .unwrap();
    let mut lines = Spec::new(&routine_ref("piriformis-stretch", 1), "s1", at)
        .steps(2)
        .variant("standing")
        .outcome(Some(limber::core::record::Outcome::Stopped(
            limber::core::record::StopReason::Pain,
        )))
        .pain(Some(3), Some(5))
        .note(note)
        .lines();
    lines.extend(
        Spec::new(&routine_ref("piriformis-massage", 1), "s2", at)
            .steps(1)
            .lines(),
    );
    History::open(&env.data())
        .unwrap()
        .history
        .import(&lines)
        .unwrap();
    env
}

/// Every row of what `args` printed in an 80-column terminal.
fn at_80_columns(env: &Env, args: &[&str]) -> Vec<String> {
    let mut pty = Pty::spawn(env, args, 80, 30);
    let status = pty.wait_exit();
    assert!(status.success(), "{}", pty.screen());
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    raw.split("\r\n")
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn routines_and_history_fit_an_80_column_terminal() {
    let env = env_with_sessions(
        "calf tight after the second hold, eased by walking; will tell the physio",
    );
    for args in [
        &["routines"][..],
        &["history"],
        &["--lang", "ru", "routines"],
        &["--lang", "ru", "history"],
    ] {
        let rows = at_80_columns(&env, args);
        assert!(rows.len() >= 3, "{args:?}: {rows:?}");
        for row in &rows {
            assert!(
                row.width() <= 80,
                "{args:?}: {} columns: {row}",
                row.width()
            );
        }
        // Clipped cells say so.
        assert!(rows.iter().any(|r| r.contains('…')), "{args:?}: {rows:?}");
    }
    // The history keeps what matters: date, outcome, pain.
    let rows = at_80_columns(&env, &["history"]);
    let stopped = rows.iter().find(|r| r.contains("3→5")).unwrap();
    assert!(stopped.starts_with("2026-02-03"), "{stopped}");
    // The routines keep the schedule, clipped, not wrapped.
    let rows = at_80_columns(&env, &["routines"]);
    assert!(rows[0].contains("SCHEDULE"), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("3x a day")), "{rows:?}");
}

#[test]
fn a_huge_note_is_clipped_and_does_not_pad_the_other_rows() {
    let note = "word ".repeat(200_000); // 1 MB
    let env = env_with_sessions(&note);
    let out = env.command(&["history"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.len() < 2_000, "{} bytes of table", text.len());
    let rows: Vec<&str> = text.lines().collect();
    assert!(
        rows[0].ends_with("NOTE"),
        "the last column is not padded: {:?}",
        rows[0]
    );
    let noted = rows.iter().find(|r| r.contains("word word")).unwrap();
    assert!(noted.ends_with('…'), "{noted}");
    assert!(noted.width() < 300, "{}", noted.width());
    // The other row ends where its own cells do.
    let other = rows
        .iter()
        .find(|r| r.contains("piriformis-massage"))
        .unwrap();
    assert!(!other.ends_with(' '), "{other:?}");
    assert!(other.width() < 120, "{other:?}");
}

/// `limber ARGS | head` in bash, limber started after head is gone;
/// limber's exit status and standard error.
fn piped(env: &Env, args: &str, head: &str) -> (i32, String) {
    let err = env.dir.path().join("stderr");
    let script = format!(
        "{{ sleep 0.2; exec '{BIN}' --routines '{r}' --data-dir '{d}' {args} 2>'{e}'; }} | {head} >/dev/null; \
         exit ${{PIPESTATUS[0]}}",
        r = env.routines().display(),
        d = env.data().display(),
        e = err.display(),
    );
    let status = Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("LANG", "C")
        .status()
        .unwrap();
    (
        status.code().unwrap_or(-1),
        std::fs::read_to_string(err).unwrap(),
    )
}

#[test]
fn a_closed_pipe_ends_every_listing_quietly() {
    let env = env_with_sessions("fine");
    for (args, head) in [
        ("log export", "head -c0"),
        ("history", "head -1"),
        ("routines", "head -1"),
        ("history --format json", "head -c0"),
    ] {
        let (code, stderr) = piped(&env, args, head);
        assert!(!stderr.contains("Broken pipe"), "{args}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args}: {stderr}");
        assert_eq!(code, 0, "{args} | {head}: {stderr}");
    }
}

#[test]
fn export_to_a_file_is_private_and_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    let out = dir.path().join("handout.html");
    let r = cli::limber(
        &routines,
        &["export", "piriformis-stretch", "-o", out.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
    // A second export to the same name leaves the first as it is.
    std::fs::write(&out, "mine").unwrap();
    let r = cli::limber(
        &routines,
        &["export", "piriformis-stretch", "-o", out.to_str().unwrap()],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("exists already"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    // A link planted at the name is not written through.
    let target = dir.path().join("target.txt");
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let r = cli::limber(
        &routines,
        &["export", "piriformis-stretch", "-o", link.to_str().unwrap()],
    );
    assert_ne!(r.code, 0, "{}", r.stderr);
    assert!(!target.exists(), "written through a link");
}

#[test]
fn new_refuses_ids_a_command_line_reads_as_options() {
    for id in ["-", "--", "-a", "-rf"] {
        let dir = tempfile::tempdir().unwrap();
        let routines = dir.path().join("routines");
        let r = cli::limber(&routines, &["new", "--", id]);
        assert_eq!(r.code, 2, "{id}: {}\n{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("not a valid routine id"), "{}", r.stderr);
        assert!(
            !routines.join(format!("{id}.ron")).exists(),
            "{id}.ron was created"
        );
    }
}

#[test]
fn a_configuration_that_is_not_text_is_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    let mut cmd = cli::command(&routines, &dir.path().join("data"));
    cmd.env("LIMBER_SECRET_FOR_THE_TEST", "hunter2").args([
        "--config",
        "/proc/self/environ",
        "status",
    ]);
    let r = cli::run(cmd, "");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("/proc/self/environ:1:"), "{}", r.stderr);
    assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);
    assert!(!r.stderr.contains("PATH="), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 2, "{}", r.stderr);
    // A text file too long for a line on screen is quoted in part only.
    let long = dir.path().join("long.toml");
    std::fs::write(&long, format!("side = \"{}\"\nx = 1\n", "l".repeat(10_000))).unwrap();
    let mut cmd = cli::command(&routines, &dir.path().join("data"));
    cmd.args(["--config", long.to_str().unwrap(), "status"]);
    let r = cli::run(cmd, "");
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.len() < 1_000, "{}", r.stderr);
    assert!(!r.stderr.contains("x = 1"), "{}", r.stderr);
}
