//! `limber validate` as a physiotherapist runs it: every mistake with its
//! position, and an exit status scripts can trust.

use std::path::{Path, PathBuf};

use crate::common::cli::limber;

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

#[test]
fn russian_validate_speaks_russian_around_english_diagnostics() {
    let (_tmp, dir) = sandbox();
    let ok = limber(
        &dir,
        &["--lang", "ru", "validate", &fixture("routines/short.ron")],
    );
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_eq!(
        ok.stdout.trim(),
        format!("{}: без ошибок (short)", fixture("routines/short.ron"))
    );

    let file = fixture("invalid/three-mistakes.ron");
    let bad = limber(&dir, &["--lang", "ru", "validate", &file]);
    assert_eq!(bad.code, 1);
    // The diagnostics stay English, like ron's own; the summary is Russian.
    assert!(
        bad.stderr
            .contains(&format!("{file}:7:39: times_per_day must be at least 1")),
        "{}",
        bad.stderr
    );
    assert!(
        bad.stderr.ends_with("Файлов программ с ошибками: 1 из 1\n"),
        "{}",
        bad.stderr
    );

    let missing = limber(&dir, &["--lang", "ru", "validate", "/no/such/routine.ron"]);
    assert_eq!(missing.code, 2);
    assert_eq!(
        missing.stderr,
        "limber validate: /no/such/routine.ron: нет такого файла или каталога\n"
    );

    // Without paths: the built-ins are named in Russian too.
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(&file, dir.join("mine.ron")).unwrap();
    std::fs::copy(fixture("routines/short.ron"), dir.join("short.ron")).unwrap();
    let all = limber(&dir, &["--lang", "ru", "validate"]);
    assert_eq!(all.code, 1);
    assert!(
        all.stdout
            .contains("встроенная ru/piriformis-massage.ron: без ошибок (piriformis-massage)"),
        "{}",
        all.stdout
    );
    assert!(
        all.stderr.ends_with("Файлов программ с ошибками: 1 из 6\n"),
        "{}",
        all.stderr
    );
}

#[test]
fn the_english_summary_agrees_with_the_number_of_files() {
    let (_tmp, dir) = sandbox();
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(fixture("invalid/three-mistakes.ron"), dir.join("mine.ron")).unwrap();
    let all = limber(&dir, &["validate"]);
    assert_eq!(all.code, 1);
    assert!(
        all.stderr.ends_with("1 of 5 routine files are invalid\n"),
        "{}",
        all.stderr
    );
}

/// A physiotherapist's own pose, in the poses/ folder beside the routines,
/// is found; a pose name that is not there is a `path:line:col` diagnostic
/// with the closest name as a hint.
#[test]
fn pose_names_are_checked_against_built_in_and_own_poses() {
    let (_tmp, dir) = sandbox();
    std::fs::create_dir_all(dir.join("poses")).unwrap();
    let pose = std::fs::read_to_string(fixture("../../assets/poses/knee-across.ron"))
        .unwrap()
        .replace("id: \"knee-across\"", "id: \"side-lying-clam\"");
    std::fs::write(dir.join("poses/side-lying-clam.ron"), pose).unwrap();
    let routine = std::fs::read_to_string(fixture("routines/short.ron")).unwrap();
    let step = "Step(";
    assert!(routine.contains(step));
    let mine = routine.replacen(step, "Step(\n            pose: \"side-lying-clam\",", 1);
    std::fs::write(dir.join("mine.ron"), &mine).unwrap();
    let out = limber(&dir, &["validate", dir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("side-lying-clam.ron: ok (side-lying-clam)"),
        "{}",
        out.stdout
    );

    let typo = mine.replace("pose: \"side-lying-clam\"", "pose: \"side-lying-clamp\"");
    std::fs::write(dir.join("mine.ron"), &typo).unwrap();
    let out = limber(&dir, &["validate", dir.join("mine.ron").to_str().unwrap()]);
    assert_eq!(out.code, 1);
    let line = typo
        .lines()
        .position(|l| l.contains("side-lying-clamp"))
        .unwrap()
        + 1;
    let col = typo.lines().nth(line - 1).unwrap().find('"').unwrap() + 1;
    let file = dir.join("mine.ron").display().to_string();
    let want = format!("{file}:{line}:{col}: unknown pose `side-lying-clamp`");
    assert!(
        out.stderr.contains(&want),
        "missing {want:?} in\n{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("hint: did you mean `side-lying-clam`?"),
        "{}",
        out.stderr
    );
}
