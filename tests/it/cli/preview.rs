//! `limber preview` walks through a routine fast and logs nothing.

use std::time::{Duration, Instant};

use crate::common::cli;

#[test]
fn preview_of_the_massage_at_60x_takes_about_20_seconds_and_logs_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("history.jsonl"), b"").unwrap();
    let mut cmd = cli::command(&tmp.path().join("no-routines"), &data);
    cmd.args([
        "--lang",
        "en",
        "preview",
        "piriformis-massage",
        "--speed",
        "60",
    ]);
    let started = Instant::now();
    let out = cli::run(cmd, "");
    let took = started.elapsed();
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("Session complete"), "{}", out.stdout);
    // 20 min 30 s of plan (steps and get-ready) at 60x is 20.5 s.
    assert!(took >= Duration::from_secs(20), "too fast: {took:?}");
    assert!(took < Duration::from_secs(40), "too slow: {took:?}");
    assert_eq!(std::fs::read(data.join("history.jsonl")).unwrap(), b"");
}
