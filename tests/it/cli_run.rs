//! `limber run` without a terminal, in Russian: its errors, and where a
//! session the log refused went.

use std::fs;
use std::path::Path;

use crate::common::cli::{self, limber};

#[test]
fn an_unknown_routine_or_variant_is_refused_in_russian() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    let r = limber(&dir, &["--lang", "ru", "run", "nope"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "limber run: программы «nope» нет; есть: piriformis-stretch, piriformis-massage\n"
    );
    let r = limber(
        &dir,
        &[
            "--lang",
            "ru",
            "run",
            "piriformis-massage",
            "--variant",
            "x",
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "limber run: варианта «x» нет; у программы «piriformis-massage» есть: gentle, tennis-ball\n"
    );
    let r = limber(
        &dir,
        &[
            "--lang",
            "ru",
            "preview",
            "piriformis-stretch",
            "--variant",
            "x",
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "limber preview: варианта «x» нет; у программы «piriformis-stretch» есть: gentle\n"
    );
    // English as before.
    let r = limber(&dir, &["run", "nope"]);
    assert_eq!(
        r.stderr,
        "limber run: no routine `nope`; known: piriformis-stretch, piriformis-massage\n"
    );
}

#[test]
fn a_session_the_log_refused_is_rescued_and_said_so_in_russian() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    fs::create_dir(&dir).unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/pty-quick.ron"),
        dir.join("pty-quick.ron"),
    )
    .unwrap();
    // A file where the data directory should be: every append fails.
    let data = tmp.path().join("data");
    fs::write(&data, "").unwrap();
    // Rescued into the private state directory.
    let state = tmp.path().join("state");
    let rescue = state.join("limber");
    let mut cmd = cli::command(&dir, &data);
    cmd.env("XDG_STATE_HOME", &state)
        .args(["--lang", "ru", "run", "pty-quick", "--plain"]);
    let r = cli::run(cmd, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let saved: Vec<_> = fs::read_dir(&rescue)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(
        r.stderr.ends_with(&format!(
            "limber: сеанс не удалось записать в журнал; он сохранён в {}\n",
            saved[0].display()
        )),
        "{}",
        r.stderr
    );
}
