//! Escape sequences and bidi overrides from a routine file or the log never
//! reach the terminal raw (issue 13 item 3): each output shows them as
//! `\x1b`, `\x07`, `U+202E`; CSV and JSON keep the exact text.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use limber::cli::history::{Filter, csv, json, table};
use limber::cli::report::report;
use limber::core::lang::Lang;
use limber::core::progress::{Target, summarize};
use limber::store::history::sample::{demo, demo_targets};

use crate::common::cli::{Run, limber, status};

/// An OSC that renames the window (ended by BEL), a colour, and a
/// right-to-left override.
const EVIL: &str = "Evil\x1b]2;pwned\x07 \x1b[31mred\u{202E}abc";
const SHOWN: &str = r"Evil\x1b]2;pwned\x07 \x1b[31mredU+202Eabc";

fn assert_clean(what: &str, text: &str) {
    for bad in ['\x1b', '\x07', '\u{202E}', '\u{9b}'] {
        assert!(
            !text.contains(bad),
            "{what} wrote {bad:?} raw:\n{}",
            text.escape_debug()
        );
    }
}

fn assert_run_clean(what: &str, r: &Run) {
    assert_clean(&format!("{what} (stdout)"), &r.stdout);
    assert_clean(&format!("{what} (stderr)"), &r.stderr);
}

/// A routines directory holding the `short` fixture retitled to [`EVIL`].
fn sandbox() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    fs::create_dir_all(&routines).unwrap();
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/short.ron"),
    )
    .unwrap();
    let evil = text.replace("\"Short test routine\"", &format!("\"{EVIL}\""));
    assert_ne!(evil, text);
    fs::write(routines.join("short.ron"), &evil).unwrap();
    // The same escape on a line with a mistake, for validate's source line.
    let broken = evil.replace("version: 1,", "version: \"\x1b[2J\u{202E}\",");
    fs::write(tmp.path().join("broken.ron"), broken).unwrap();
    (tmp, routines)
}

#[test]
fn routines_shows_an_escape_in_a_title() {
    let (_tmp, routines) = sandbox();
    let r = limber(&routines, &["routines"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_run_clean("routines", &r);
    assert!(r.stdout.contains(SHOWN), "{}", r.stdout);
}

#[test]
fn validate_shows_escapes_in_source_lines() {
    let (tmp, routines) = sandbox();
    let r = limber(
        &routines,
        &["validate", routines.join("short.ron").to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_run_clean("validate (valid)", &r);
    let broken = tmp.path().join("broken.ron");
    let r = limber(&routines, &["validate", broken.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_run_clean("validate (broken)", &r);
    assert!(
        r.stderr.contains(r#"version: "\x1b[2JU+202E","#),
        "{}",
        r.stderr
    );
}

#[test]
fn run_plain_shows_an_escape_in_a_title() {
    let (_tmp, routines) = sandbox();
    // `preview` is `run --plain` sped up (and never logged).
    let r = limber(&routines, &["preview", "--plain", "--speed", "50", "short"]);
    assert_run_clean("run --plain", &r);
    assert!(r.stdout.contains(SHOWN), "{}", r.stdout);
}

#[test]
fn export_escapes_for_its_format_and_the_terminal() {
    let (_tmp, routines) = sandbox();
    let md = limber(&routines, &["export", "short"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert_run_clean("export md", &md);
    // Markdown escapes the backslash and brackets of the visible form.
    assert!(
        md.stdout
            .contains(r"# Evil\\x1b\]2;pwned\\x07 \\x1b\[31mredU+202Eabc"),
        "{}",
        md.stdout
    );
    let html = limber(&routines, &["export", "short", "--format", "html"]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert_run_clean("export html", &html);
    assert!(
        html.stdout.contains(&format!("<h1>{SHOWN}</h1>")),
        "{}",
        html.stdout
    );
}

#[test]
fn log_fields_are_shown_in_history_status_and_report_but_exact_in_csv_and_json() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut sessions = summarize(&demo(today));
    let last = sessions.last_mut().unwrap();
    last.note = Some(EVIL.to_string());
    last.variant = Some("v\x1b[2J".to_string());
    last.routine.id = format!("id{EVIL}");
    let all = Filter::default();
    let t = table(&sessions, &all, Lang::En);
    assert_clean("history table", &t);
    assert!(t.contains(SHOWN), "{t}");
    assert!(t.contains(r"v\x1b[2J"), "{t}");
    let mut targets: Vec<Target> = demo_targets();
    targets.push(Target::fallback(&format!("id{EVIL}")));
    let st = status(&sessions, &targets, today, Lang::En);
    assert_clean("status", &st);
    let rep = report(&sessions, &targets, &[], today, Lang::En);
    assert_clean("report", &rep);
    assert!(rep.contains(&format!("id{SHOWN}")), "{rep}");
    // Machine formats keep the log's text exactly.
    assert!(csv(&sessions, &all).contains(EVIL));
    let j: serde_json::Value = serde_json::from_str(&json(&sessions, &all)).unwrap();
    assert!(j.as_array().unwrap().iter().any(|s| s["note"] == EVIL));
}
