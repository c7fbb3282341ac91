//! A FIFO, `/dev/zero` and a 1 GB sparse file as a routine or as the
//! settings end at once with a clear error, through the real binary (issue
//! 13 item 2).
#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::cli::limber;

/// Puts each hostile kind of file at `path`, in turn, and calls `check`.
fn each_hostile(path: &Path, mut check: impl FnMut(&str)) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    check("FIFO");
    fs::remove_file(path).unwrap();
    std::os::unix::fs::symlink("/dev/zero", path).unwrap();
    check("character device");
    fs::remove_file(path).unwrap();
    fs::File::create(path).unwrap().set_len(1 << 30).unwrap();
    check("larger than");
    // A settings file too big is moved aside, so it may be gone.
    let _ = fs::remove_file(path);
}

#[test]
fn a_hostile_routine_file_is_a_clear_error_within_a_second() {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    fs::create_dir_all(&routines).unwrap();
    let file = routines.join("hostile.ron");
    each_hostile(&file, |words| {
        let start = Instant::now();
        let r = limber(&routines, &["validate", file.to_str().unwrap()]);
        assert!(start.elapsed() < Duration::from_secs(1), "{words}");
        assert_eq!(r.code, 1, "{words}: {}", r.stderr);
        assert!(r.stderr.contains("hostile.ron:1:1"), "{}", r.stderr);
        assert!(r.stderr.contains(words), "{words}: {}", r.stderr);
        // Loading the directory reports it and goes on.
        let start = Instant::now();
        let r = limber(&routines, &["routines"]);
        assert!(start.elapsed() < Duration::from_secs(1), "{words}");
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stderr.contains(words), "{words}: {}", r.stderr);
        assert!(r.stdout.contains("piriformis-stretch"));
    });
}

#[test]
fn hostile_settings_never_hang_a_run() {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let settings = data.join("settings.json");
    each_hostile(&settings, |words| {
        let start = Instant::now();
        let r = limber(
            &routines,
            &["preview", "--plain", "--speed", "600", "piriformis-stretch"],
        );
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{words}: {:?}",
            start.elapsed()
        );
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        assert!(
            r.stdout.contains("Piriformis exercises"),
            "{words}: {}",
            r.stderr
        );
    });
}

/// A FIFO, /dev/zero or a 1 GB file given to `log import`, `report --log`
/// or left as an old history.jsonl: a clear error within a second.
#[test]
fn hostile_log_files_are_refused_within_a_second() {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let file = tmp.path().join("export.jsonl");
    each_hostile(&file, |words| {
        let file = file.to_str().unwrap();
        for args in [vec!["log", "import", file], vec!["report", "--log", file]] {
            let start = Instant::now();
            let r = limber(&routines, &args);
            assert!(start.elapsed() < Duration::from_secs(1), "{words} {args:?}");
            assert_ne!(r.code, 0, "{words} {args:?}");
            assert!(r.stderr.contains(words), "{words} {args:?}: {}", r.stderr);
            assert!(r.stderr.contains("export.jsonl"), "{}", r.stderr);
        }
    });
    // The database itself: SQLite refuses it at open, at once.
    let db = data.join("history.sqlite3");
    for f in [
        "history.sqlite3",
        "history.sqlite3-wal",
        "history.sqlite3-shm",
    ] {
        let _ = fs::remove_file(data.join(f));
    }
    each_hostile(&db, |words| {
        let start = Instant::now();
        let r = limber(&routines, &["status"]);
        assert!(start.elapsed() < Duration::from_secs(1), "{words}");
        assert_eq!(r.code, 1, "{words}: {}", r.stderr);
        assert!(
            r.stderr.contains("history.sqlite3"),
            "{words}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    });
    let old = data.join("history.jsonl");
    each_hostile(&old, |words| {
        let start = Instant::now();
        let r = limber(&routines, &["status"]);
        assert!(start.elapsed() < Duration::from_secs(1), "{words}");
        assert!(r.stderr.contains(words), "{words}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    });
}

/// Plain mode says, as the coach does, that a damaged settings file was
/// moved aside, and where it is kept.
#[test]
fn plain_mode_reports_a_damaged_settings_file_and_keeps_it() {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    fs::write(data.join("settings.json"), b"{\"side\": \x1b[31m").unwrap();
    let r = limber(
        &routines,
        &["preview", "--plain", "--speed", "600", "piriformis-stretch"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("default settings"), "{}", r.stderr);
    assert!(r.stderr.contains("settings.json.bad-"), "{}", r.stderr);
    assert!(!r.stderr.contains('\x1b'), "{:?}", r.stderr);
    let kept: Vec<_> = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("settings.json.bad-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        fs::read(data.join(&kept[0])).unwrap(),
        b"{\"side\": \x1b[31m"
    );
}
