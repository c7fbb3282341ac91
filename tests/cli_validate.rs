//! `limber validate` as a physiotherapist runs it: every mistake with its
//! position, and an exit status scripts can trust.

use std::path::{Path, PathBuf};

#[path = "common/cli.rs"]
mod cli;
use cli::limber;

/// A temporary directory and the routines directory in it, not created.
fn sandbox() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    (tmp, routines)
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
    let (_tmp, empty) = sandbox();
    let file = fixture("invalid/three-mistakes.ron");
    let out = limber(&empty, &["validate", &file]);
    assert_eq!(out.code, 1);
    let stderr = &out.stderr;
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
    let (_tmp, empty) = sandbox();
    let ok = limber(&empty, &["validate", &fixture("routines/short.ron")]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.contains("ok (short)"));

    let missing = limber(&empty, &["validate", "/no/such/routine.ron"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no such file"));
}

#[test]
fn without_paths_it_checks_builtins_and_the_routines_directory() {
    let (_tmp, dir) = sandbox();
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(fixture("invalid/three-mistakes.ron"), dir.join("mine.ron")).unwrap();
    let out = limber(&dir, &["validate"]);
    assert_eq!(out.code, 1);
    let stdout = &out.stdout;
    assert!(
        stdout.contains("built-in ru/piriformis-massage.ron: ok"),
        "{stdout}"
    );
    assert!(out.stderr.contains("mine.ron:7:39:"));

    // A broken user file never stops the others from loading.
    let listed = limber(&dir, &["routines"]);
    assert_eq!(listed.code, 0);
    assert!(listed.stdout.contains("piriformis-stretch"));
    assert!(listed.stderr.contains("not loaded:"));
}
