//! `limber new`, through the real binary.

use std::fs;
use std::process::Command;

use crate::common::cli::{self, limber};

#[test]
fn the_template_validates_as_it_is_and_is_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    let r = limber(&dir, &["new", "hip-basics"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = dir.join("hip-basics.ron");
    assert!(
        r.stdout.contains(&format!("Created {}", file.display())),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("edit hip-basics"), "{}", r.stdout);
    assert!(r.stdout.contains("validate"), "{}", r.stdout);

    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("id: \"hip-basics\""));
    assert!(text.contains("title: \"Hip basics\""));
    // Comments explain the fields.
    for field in [
        "id:",
        "version:",
        "lang:",
        "sided:",
        "schedule:",
        "kind:",
        "sides:",
    ] {
        let line = text.lines().position(|l| l.trim_start().starts_with(field));
        let line = line.unwrap_or_else(|| panic!("no `{field}` in the template"));
        assert!(
            text.lines()
                .take(line)
                .any(|l| l.trim_start().starts_with("//")),
            "{field}"
        );
    }

    let v = limber(&dir, &["validate", file.to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert_eq!(
        v.stdout.trim(),
        format!("{}: ok (hip-basics)", file.display())
    );
    let all = limber(&dir, &["validate"]);
    assert_eq!(all.code, 0, "{}", all.stderr);

    let listed = limber(&dir, &["routines"]);
    let row = listed
        .stdout
        .lines()
        .find(|l| l.starts_with("hip-basics"))
        .unwrap_or_else(|| panic!("{}", listed.stdout));
    assert!(row.contains("Hip basics"));
    assert!(listed.stderr.is_empty(), "{}", listed.stderr);

    let handout = limber(&dir, &["export", "hip-basics"]);
    assert_eq!(handout.code, 0, "{}", handout.stderr);
    assert!(handout.stdout.starts_with("# Hip basics\n"));
}

#[test]
fn the_russian_template_is_in_russian_and_validates() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    let r = limber(&dir, &["--lang", "ru", "new", "hip-basics"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = dir.join("hip-basics.ron");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("lang: \"ru\""));
    assert!(text.contains("Давление коленом на колено"));
    let v = limber(&dir, &["validate", file.to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}", v.stderr);
}

#[test]
fn in_russian_limber_new_says_what_it_did_and_what_next_in_russian() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    let r = limber(&dir, &["--lang", "ru", "new", "hip-basics"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let flag = format!("limber --routines {}", dir.display());
    assert_eq!(
        r.stdout,
        format!(
            "Создан файл {}\n\
             Что дальше:\n  \
             - адаптируйте тексты и числа для своего пациента:\n      {flag} edit hip-basics\n  \
             - проверьте все программы, которые загружает limber:\n      {flag} validate\n  \
             - распечатайте памятку для пациента:\n      \
             {flag} export hip-basics --format html -o hip-basics.html\n",
            dir.join("hip-basics.ron").display()
        )
    );

    let again = limber(&dir, &["--lang", "ru", "new", "hip-basics"]);
    assert_eq!(again.code, 1);
    assert_eq!(
        again.stderr,
        format!(
            "limber new: программа «hip-basics» уже есть в {}; чтобы изменить её, \
             выполните `{flag} edit hip-basics`\n",
            dir.join("hip-basics.ron").display()
        )
    );
    let builtin = limber(&dir, &["--lang", "ru", "new", "piriformis-massage"]);
    assert_eq!(builtin.code, 1);
    assert!(
        builtin
            .stderr
            .contains("«piriformis-massage» — встроенная программа; чтобы адаптировать её"),
        "{}",
        builtin.stderr
    );
    let invalid = limber(&dir, &["--lang", "ru", "new", "Hip Stretch"]);
    assert_eq!(invalid.code, 2);
    assert!(
        invalid
            .stderr
            .starts_with("limber new: «Hip Stretch» не подходит как идентификатор программы"),
        "{}",
        invalid.stderr
    );
    assert!(
        invalid.stderr.ends_with(" (подойдёт `hip-stretch`)\n"),
        "{}",
        invalid.stderr
    );
}

#[test]
fn a_russian_locale_chooses_russian_without_lang() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    let mut cmd = cli::command(&dir, &tmp.path().join("data"));
    cmd.env("LANG", "ru_RU.UTF-8").args(["new", "hip-basics"]);
    let r = cli::run(cmd, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("Создан файл "), "{}", r.stdout);
    let text = fs::read_to_string(dir.join("hip-basics.ron")).unwrap();
    assert!(
        text.contains("lang: \"ru\""),
        "the template follows the locale too"
    );
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    assert_eq!(limber(&dir, &["new", "hip-basics"]).code, 0);
    let file = dir.join("hip-basics.ron");
    let mine = fs::read_to_string(&file)
        .unwrap()
        .replace("Hip basics", "Anna's hip");
    fs::write(&file, &mine).unwrap();

    let again = limber(&dir, &["new", "hip-basics"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), mine);

    // A file by that name that is not a valid routine is not overwritten
    // either.
    fs::write(dir.join("knee.ron"), "not a routine").unwrap();
    let broken = limber(&dir, &["new", "knee"]);
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains("does not overwrite"),
        "{}",
        broken.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.join("knee.ron")).unwrap(),
        "not a routine"
    );
}

#[test]
fn invalid_and_builtin_ids_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    let r = limber(&dir, &["new", "Hip Stretch"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("`Hip Stretch` is not a valid routine id"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("try `hip-stretch`"));
    assert!(!dir.exists(), "nothing written");

    let r = limber(&dir, &["new", "piriformis-stretch"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("is a built-in routine"), "{}", r.stderr);
    assert!(r.stderr.contains("edit piriformis-stretch"));
    assert!(!dir.join("piriformis-stretch.ron").exists());
}

#[test]
fn the_physiotherapist_guide_shows_what_limber_new_prints() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let out = Command::new(cli::BIN)
        .args(["--data-dir", tmp.path().join("data").to_str().unwrap()])
        .args(["new", "hip-basics"])
        .env("XDG_CONFIG_HOME", &config)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(config.join("limber/routines/hip-basics.ron").is_file());
    let printed = String::from_utf8(out.stdout)
        .unwrap()
        .replace(config.to_str().unwrap(), "/home/anna/.config");
    let guide = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/PHYSIOTHERAPIST.md"
    ))
    .unwrap();
    assert!(
        guide.contains(&format!("$ limber new hip-basics\n{printed}```")),
        "{printed}"
    );
}
