//! `limber routines` in both languages, through the real binary.

use std::fs;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

use crate::common::cli::{self, limber};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temporary directory and an empty routines directory in it.
fn sandbox() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    fs::create_dir(&routines).unwrap();
    (tmp, routines)
}

fn row<'a>(listing: &'a str, id: &str) -> &'a str {
    listing
        .lines()
        .find(|l| l.starts_with(id))
        .unwrap_or_else(|| panic!("no {id} in\n{listing}"))
}

#[test]
fn russian_listing_has_russian_headings_schedules_and_sources() {
    let (_tmp, dir) = sandbox();
    fs::copy(fixture("routines/short.ron"), dir.join("short.ron")).unwrap();
    fs::copy(fixture("invalid/reps-zero.ron"), dir.join("broken.ron")).unwrap();
    let r = limber(&dir, &["--lang", "ru", "routines"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let header = r.stdout.lines().next().unwrap();
    let words: Vec<&str> = header
        .split("  ")
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    assert_eq!(
        words,
        [
            "ID [ВАРИАНТЫ]",
            "НАЗВАНИЕ",
            "ДЛИТЕЛЬНОСТЬ",
            "РАСПИСАНИЕ",
            "ИСТОЧНИК"
        ],
        "{header}"
    );
    let massage = row(&r.stdout, "piriformis-massage [gentle, tennis-ball]");
    assert!(
        massage.contains("Самомассаж грушевидной мышцы"),
        "{massage}"
    );
    assert!(
        massage.contains(
            "2 раза в день, интервал 4 ч; курс — не меньше 12 дней с сеансом, затем перерыв 30 дней"
        ),
        "{massage}"
    );
    assert!(massage.ends_with("  встроенная"), "{massage}");
    let short = row(&r.stdout, "short");
    assert!(short.contains("2 раза в день"), "{short}");
    assert!(
        short.ends_with(&dir.join("short.ron").display().to_string()),
        "{short}"
    );
    // limber's words are Russian; the diagnostic itself stays English.
    let broken = dir.join("broken.ron").display().to_string();
    assert!(
        r.stderr.starts_with(&format!("не загружен: {broken}:")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("reps must be at least 1"), "{}", r.stderr);
}

#[test]
fn the_locale_chooses_russian_without_lang() {
    let (_tmp, dir) = sandbox();
    let data = dir.with_file_name("data");
    for (var, value) in [
        ("LANG", "ru_RU.UTF-8"),
        ("LC_MESSAGES", "ru_RU.UTF-8"),
        ("LC_ALL", "ru_RU.UTF-8"),
    ] {
        let mut cmd = cli::command(&dir, &data);
        cmd.env(var, value).arg("routines");
        let r = cli::run(cmd, "");
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.starts_with("ID [ВАРИАНТЫ]"), "{var}: {}", r.stdout);
        assert!(
            row(&r.stdout, "piriformis-stretch").contains("Упражнения для грушевидной мышцы"),
            "{var}: {}",
            r.stdout
        );
    }
    // LC_ALL outranks LANG, and --lang outranks both.
    let mut cmd = cli::command(&dir, &data);
    cmd.env("LANG", "ru_RU.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .arg("routines");
    assert!(cli::run(cmd, "").stdout.starts_with("ID [VARIANTS]"));
    let mut cmd = cli::command(&dir, &data);
    cmd.env("LANG", "ru_RU.UTF-8")
        .args(["--lang", "en", "routines"]);
    assert!(cli::run(cmd, "").stdout.starts_with("ID [VARIANTS]"));
}

#[test]
fn a_title_with_wide_and_combining_characters_keeps_the_columns() {
    let (_tmp, dir) = sandbox();
    let short = fs::read_to_string(fixture("routines/short.ron")).unwrap();
    let wide = short
        .replace("id: \"short\"", "id: \"wide\"")
        .replace("Short test routine", "梨状筋ストレッチ 🧘 Cafe\u{301}");
    fs::write(dir.join("wide.ron"), wide).unwrap();
    let r = limber(&dir, &["routines"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Where each column starts, in terminal cells, on every line.
    let starts = |line: &str, cell: &str| {
        let at = line
            .find(cell)
            .unwrap_or_else(|| panic!("{cell} in {line}"));
        line[..at].width()
    };
    let lines: Vec<&str> = r.stdout.lines().collect();
    let header = ["LENGTH", "SCHEDULE", "SOURCE"].map(|h| starts(lines[0], h));
    for line in &lines[1..] {
        let cells: Vec<&str> = line
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let [.., length, schedule, source] = cells[..] else {
            panic!("{line}");
        };
        assert_eq!(
            [length, schedule, source].map(|c| starts(line, c)),
            header,
            "\n{}",
            r.stdout
        );
    }
}
