//! Every patient at once: `limber report --log a --log b --log c -o DIR`
//! writes a page per patient and an index, files readable by the user
//! only, without touching the reader's own data; `log export --label`
//! names the patient.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use chrono::Local;
use limber::store::history::jsonl;
use limber::store::history::sample::{demo, years};

use crate::common::cli::{command, run};

/// Every file under `dir` with its size and modification time.
fn listing(dir: &Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let m = e.metadata().unwrap();
        out.push((
            e.file_name().to_string_lossy().into_owned(),
            m.len(),
            m.modified().unwrap(),
        ));
    }
    out.sort();
    out
}

#[test]
fn three_patients_make_an_index_and_a_page_each_and_leave_the_readers_data_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let (routines, data) = (tmp.path().join("routines"), tmp.path().join("data"));
    fs::create_dir(&routines).unwrap();
    let limber = |args: &[&str]| {
        let mut cmd = command(&routines, &data);
        cmd.args(args);
        run(cmd, "")
    };
    let today = Local::now().date_naive();
    // The reader's own log, with sessions of its own.
    let own = tmp.path().join("own.jsonl");
    fs::write(&own, jsonl::to_bytes(&demo(today))).unwrap();
    let r = limber(&["log", "import", own.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // One patient's export carries a label.
    let a = tmp.path().join("a.jsonl");
    let r = limber(&[
        "log",
        "export",
        "--label",
        "Anna K.",
        "-o",
        a.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = fs::read_to_string(&a).unwrap();
    assert_eq!(text.lines().next(), Some(r#"{"label":"Anna K."}"#));
    // The label line does not trouble an import.
    let r = limber(&["log", "import", a.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("line 1"), "{}", r.stderr);

    let b = tmp.path().join("boris.jsonl");
    let c = tmp.path().join("chen.jsonl");
    fs::write(&b, jsonl::to_bytes(&years(400, today, 3))).unwrap();
    fs::write(&c, jsonl::to_bytes(&years(1500, today, 4))).unwrap();

    let before = listing(&data);
    let out = tmp.path().join("reports");
    let (a, b, c, o) = (
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        c.to_str().unwrap(),
        out.to_str().unwrap(),
    );
    // Several patients need a directory.
    let r = limber(&["report", "--log", a, "--log", b]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("-o reports/"), "{}", r.stderr);

    let r = limber(&["report", "--log", a, "--log", b, "--log", c, "-o", o]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(listing(&data), before, "the reader's data was touched");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), 0o700);
    let mut files: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["a.html", "boris.html", "chen.html", "index.html"]);
    for f in &files {
        assert_eq!(mode(&out.join(f)), 0o600, "{f}");
    }
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    // The label from the export, else the file's name; a link to each.
    for (name, file) in [
        ("Anna K.", "a.html"),
        ("boris", "boris.html"),
        ("chen", "chen.html"),
    ] {
        assert!(
            index.contains(&format!("<a href=\"{file}\">{name}</a>")),
            "{index}"
        );
    }
    assert!(index.contains("Adherence, 30 days"), "{index}");
    let page = fs::read_to_string(out.join("a.html")).unwrap();
    assert!(page.contains("limber report — Anna K."), "{page}");

    // Never over an existing report.
    let r = limber(&["report", "--log", a, "--log", b, "-o", o]);
    assert_ne!(r.code, 0);

    // `--logs DIR` reads every *.jsonl there, in Markdown when asked.
    let md = tmp.path().join("md");
    let r = limber(&[
        "report",
        "--logs",
        tmp.path().to_str().unwrap(),
        "--format",
        "md",
        "-o",
        md.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let index = fs::read_to_string(md.join("index.md")).unwrap();
    assert!(index.contains("[Anna K.](a.md)"), "{index}");
    assert!(index.contains("[own](own.md)"), "{index}");
}

#[test]
fn one_report_to_a_file_is_html_by_its_name_and_private() {
    let tmp = tempfile::tempdir().unwrap();
    let (routines, data) = (tmp.path().join("routines"), tmp.path().join("data"));
    fs::create_dir(&routines).unwrap();
    let log = tmp.path().join("a.jsonl");
    fs::write(&log, jsonl::to_bytes(&demo(Local::now().date_naive()))).unwrap();
    let page = tmp.path().join("r.html");
    let mut cmd = command(&routines, &data);
    cmd.args([
        "report",
        "--log",
        log.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ]);
    let r = run(cmd, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = fs::read_to_string(&page).unwrap();
    assert!(text.starts_with("<!DOCTYPE html>"), "{text}");
    assert_eq!(
        fs::metadata(&page).unwrap().permissions().mode() & 0o777,
        0o600
    );
}
