//! Shared helpers for the tests that run a `limber` command to its end: the
//! real binary with its own routines and data directories, in the C locale
//! and without the caller's editor, so that nothing from the machine
//! running the tests leaks in.
//!
//! Used as `crate::common::cli`.

use std::io::{ErrorKind, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_limber");

/// How a command ended, and what it printed.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `limber --routines ROUTINES --data-dir DATA`, ready for more arguments,
/// in the C locale (English) with no `$VISUAL` or `$EDITOR`.
pub fn command(routines: &Path, data: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--routines")
        .arg(routines)
        .arg("--data-dir")
        .arg(data)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .env_remove("NO_COLOR")
        // Never the configuration file of whoever runs the tests.
        .env("LIMBER_CONFIG", data.with_file_name("no-config.toml"));
    cmd
}

/// Runs `cmd` with `input` on its standard input, to its end.
pub fn run(mut cmd: Command, input: &str) -> Run {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let written = child.stdin.take().unwrap().write_all(input.as_bytes());
    // A command that does not read its input may be gone already.
    if let Err(e) = written
        && e.kind() != ErrorKind::BrokenPipe
    {
        panic!("writing to limber's stdin: {e}");
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// `limber ARGS` with `routines` as its routines directory and `data`
/// beside it (so `routines` should be inside a temporary directory), and
/// nothing on its standard input.
pub fn limber(routines: &Path, args: &[&str]) -> Run {
    let mut cmd = command(routines, &routines.with_file_name("data"));
    cmd.args(args);
    run(cmd, "")
}

/// `limber status`'s line for `sessions` as of `today`, without due times:
/// the figures the status line is built from, as the command gathers them.
pub fn status(
    sessions: &[limber::core::progress::SessionSummary],
    targets: &[limber::core::progress::Target],
    today: chrono::NaiveDate,
    lang: limber::core::lang::Lang,
) -> String {
    let all: Vec<_> = targets
        .iter()
        .map(|t| limber::core::progress::progress(sessions, t, today).glance())
        .collect();
    limber::cli::status::line(&all, &[], lang)
}
