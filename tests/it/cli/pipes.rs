//! A reader that goes away (`limber status | head -0`) ends the command
//! quietly with its usual status, never a "Broken pipe" panic (issue 13
//! item 4).
#![cfg(unix)]

use std::process::Command;

use crate::common::cli::BIN;

/// Runs `limber ARGS | head HEAD` in `sh`; returns limber's exit status and
/// its standard error.
fn piped(args: &str, head: &str) -> (i32, String) {
    let tmp = tempfile::tempdir().unwrap();
    let err = tmp.path().join("stderr");
    let script = format!(
        "{{ sleep 0.2; exec '{BIN}' --routines '{r}' --data-dir '{d}' {args} 2>'{e}'; }} | {head}; \
         exit ${{PIPESTATUS[0]}}",
        r = tmp.path().join("routines").display(),
        d = tmp.path().join("data").display(),
        e = err.display(),
    );
    // bash for PIPESTATUS; `sleep` first so `head -0` is gone before limber
    // writes.
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
fn a_closed_stdout_ends_quietly() {
    for (args, head) in [
        ("status", "head -0"),
        ("history", "head -c10"),
        ("routines", "head -1"),
        ("history --format csv", "head -0"),
        ("export piriformis-stretch", "head -1"),
        ("validate", "head -0"),
    ] {
        let (code, stderr) = piped(args, head);
        assert!(!stderr.contains("panicked"), "{args}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args}: {stderr}");
        assert_eq!(code, 0, "{args} | {head}: {stderr}");
    }
}
