//! `limber validate` as a physiotherapist runs it: every mistake with its
//! position, and an exit status scripts can trust.

use std::path::Path;
use std::process::{Command, Output};

fn limber(args: &[&str], routines: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_limber"))
        .env("LANG", "C")
        .arg("--routines")
        .arg(routines)
        .args(args)
        .output()
        .unwrap()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn three_semantic_mistakes_are_all_printed_with_positions_and_exit_1() {
    let empty = tempfile::tempdir().unwrap();
    let file = fixture("invalid/three-mistakes.ron");
    let out = limber(&["validate", &file], empty.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for want in [
        format!("{file}:7:39: times_per_day must be at least 1"),
        format!("{file}:14:48: a beat must be more than zero"),
        format!("{file}:20:20: this step works the affected side"),
    ] {
        assert!(stderr.contains(&want), "missing {want:?} in\n{stderr}");
    }
    assert!(
        stderr.contains("1 of 1 routine file is invalid"),
        "{stderr}"
    );
}

#[test]
fn valid_files_exit_0_and_a_missing_path_is_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let ok = limber(&["validate", &fixture("routines/short.ron")], empty.path());
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("ok (short)"));

    let missing = limber(&["validate", "/no/such/routine.ron"], empty.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
}

#[test]
fn without_paths_it_checks_builtins_and_the_routines_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("invalid/three-mistakes.ron"),
        dir.path().join("mine.ron"),
    )
    .unwrap();
    let out = limber(&["validate"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("built-in ru/piriformis-massage.ron: ok"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("mine.ron:7:39:"));

    // A broken user file never stops the others from loading.
    let listed = limber(&["routines"], dir.path());
    assert_eq!(listed.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("piriformis-stretch"));
    assert!(String::from_utf8_lossy(&listed.stderr).contains("not loaded:"));
}
