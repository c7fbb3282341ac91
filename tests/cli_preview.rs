//! `limber preview` walks through a routine fast and logs nothing.

use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn preview_of_the_massage_at_60x_takes_about_20_seconds_and_logs_nothing() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("history.jsonl"), b"").unwrap();
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_limber"))
        .args(["--lang", "en", "--data-dir"])
        .arg(data.path())
        .args(["--routines"])
        .arg(data.path().join("no-routines"))
        .args(["preview", "piriformis-massage", "--speed", "60"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Session complete"), "{stdout}");
    // 20 min 30 s of plan (steps and get-ready) at 60x is 20.5 s.
    assert!(took >= Duration::from_secs(20), "too fast: {took:?}");
    assert!(took < Duration::from_secs(40), "too slow: {took:?}");
    assert_eq!(
        std::fs::read(data.path().join("history.jsonl")).unwrap(),
        b""
    );
}
