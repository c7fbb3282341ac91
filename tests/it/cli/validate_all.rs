//! `limber validate` reports every mistake in one run, as README and
//! `--help` promise: the parser's as far as it can go, then every semantic
//! one; at most 50 a file, each quoted line cut around its caret, so a
//! routine of 25,000 mistakes is checked in bounded memory; and a symlink
//! in a directory is refused, not followed.

use std::path::Path;
use std::process::Command;

use crate::common::cli;

const SHORT: &str = include_str!("../../fixtures/routines/short.ron");

/// The `path:line:col:` headlines in `stderr`.
fn headlines<'a>(stderr: &'a str, file: &str) -> Vec<&'a str> {
    stderr
        .lines()
        .filter(|l| l.starts_with(file) && l[file.len()..].starts_with(':'))
        .filter(|l| {
            l.split(':')
                .nth(1)
                .is_some_and(|n| n.parse::<u32>().is_ok())
        })
        .collect()
}

#[test]
fn a_file_with_four_mistakes_shows_all_four_in_one_run() {
    let mut text = SHORT.to_string();
    for (from, to) in [
        // Two the parser finds: a misspelt field, a duration it cannot read.
        ("reps: 2, rest", "rep: 2, rest"),
        ("switch_side: \"1s\"", "switch_side: \"1 sec\""),
        // Two the checks after it find: an id used twice, an empty title.
        ("id: \"manual\"", "id: \"timed\""),
        ("title: \"Reps step\"", "title: \"\""),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("four.ron");
    std::fs::write(&file, &text).unwrap();
    let shown = file.display().to_string();
    let r = cli::limber(&dir.path().join("routines"), &["validate", &shown]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let found = headlines(&r.stderr, &shown);
    assert_eq!(found.len(), 4, "{}", r.stderr);
    for needle in [
        "unknown field `rep` in Hold",
        "1 sec",
        "step id `timed` is already used by step 1",
        "step title must not be empty",
    ] {
        assert!(
            found.iter().any(|l| l.contains(needle)),
            "{needle}:\n{}",
            r.stderr
        );
    }
}

/// An 875 KB routine on one line: 25,000 steps with the same id.
fn duplicates(path: &Path) {
    let step = "Step(id:\"a\",title:\"A\",kind:Manual),";
    let text = format!(
        "Routine(id:\"dup\",version:1,lang:\"en\",title:\"D\",schedule:Schedule(),steps:[{}])\n",
        step.repeat(25_000)
    );
    assert!(
        text.len() > 850_000 && text.len() < 1024 * 1024,
        "{}",
        text.len()
    );
    std::fs::write(path, text).unwrap();
}

#[test]
fn twenty_five_thousand_mistakes_validate_in_a_gibibyte_with_a_capped_list() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dup.ron");
    duplicates(&file);
    let shown = file.display().to_string();
    let out = Command::new("prlimit")
        .arg("--as=1073741824")
        .arg(cli::BIN)
        .args(["--routines"])
        .arg(dir.path().join("routines"))
        .args(["--data-dir"])
        .arg(dir.path().join("data"))
        .args(["validate", &shown])
        .env("LANG", "C")
        .output()
        .expect("prlimit (util-linux)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    let found = headlines(&stderr, &shown);
    assert_eq!(found.len(), 50, "{}", &stderr[..stderr.len().min(2000)]);
    let more = stderr
        .lines()
        .find(|l| l.starts_with(&format!("{shown}: and ")))
        .unwrap_or_else(|| {
            panic!(
                "no `and N more`: {}",
                &stderr[stderr.len().saturating_sub(500)..]
            )
        });
    let n: usize = more
        .trim_start_matches(&format!("{shown}: and "))
        .trim_end_matches(" more")
        .parse()
        .unwrap();
    assert!(n >= 24_900, "{more}");
    // Each quoted line is a window around its caret, not 875 KB.
    let longest = stderr.lines().map(str::len).max().unwrap();
    assert!(longest < 600, "a line of {longest} bytes");
    assert!(stderr.len() < 100_000, "{} bytes", stderr.len());
}

#[test]
fn a_symlink_in_a_directory_is_refused_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    std::fs::create_dir(&routines).unwrap();
    std::fs::write(routines.join("good.ron"), SHORT).unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "password = hunter2\n").unwrap();
    std::os::unix::fs::symlink(&secret, routines.join("link.ron")).unwrap();
    let shown = routines.display().to_string();
    let r = cli::limber(&dir.path().join("other"), &["validate", &shown]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);
    assert!(r.stderr.contains("link.ron"), "{}", r.stderr);
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    assert!(r.stdout.contains("good.ron"), "{}", r.stdout);
}
