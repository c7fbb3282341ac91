//! No panic for any system time: a clock before 1970 (chrono's
//! `Local::now` panics there) or centuries ahead (where a time in ns no
//! longer fits an i64). The real binary runs under `faketime`, which this
//! test needs: it installs it with apt-get where it can (a fresh Debian
//! machine, as root), and fails, saying so, where it cannot.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, FixedOffset};
use limber::core::record::RoutineRef;
use limber::store::history::Recorder;
use limber::store::history::sample::routine_ref;

use crate::common::cli::{BIN, Run, run};

/// `faketime` on `PATH`. On a fresh Debian machine (as root, as CI runs)
/// the test installs it first, so the README's `cargo test` stays the one
/// command; where it cannot, it fails and says what to install.
fn faketime() -> PathBuf {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    let find = || {
        std::env::var_os("PATH")
            .iter()
            .flat_map(std::env::split_paths)
            .map(|dir| dir.join("faketime"))
            .find(|p| p.is_file())
    };
    if find().is_none() {
        INSTALL.call_once(|| {
            let apt = |args: &[&str]| {
                Command::new("apt-get")
                    .args(args)
                    .env("DEBIAN_FRONTEND", "noninteractive")
                    .status()
                    .is_ok_and(|s| s.success())
            };
            let _ = apt(&["install", "-y", "faketime"])
                || (apt(&["update"]) && apt(&["install", "-y", "faketime"]));
        });
    }
    find().unwrap_or_else(|| {
        panic!(
            "this test needs faketime on PATH and could not install it \
             (Debian/Ubuntu: apt-get install faketime)"
        )
    })
}

/// `limber ARGS` with its wall clock starting at `start` (UTC) and running
/// on; the monotonic clock is left alone, so sessions time as usual.
fn limber_at(start: &str, dir: &Path, args: &[&str], input: &str) -> Run {
    let mut cmd = Command::new(faketime());
    cmd.arg("-f")
        .arg(format!("@{start}"))
        .arg(BIN)
        .arg("--routines")
        .arg(dir.join("routines"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .args(args)
        .env("DONT_FAKE_MONOTONIC", "1")
        .env("TZ", "UTC")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("VISUAL")
        .env_remove("EDITOR");
    run(cmd, input)
}

fn no_panic(what: &str, r: &Run) {
    assert_ne!(r.code, 101, "{what} panicked:\n{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{what}:\n{}", r.stderr);
}

#[test]
fn the_binary_runs_before_1970_and_in_2500() {
    let quick = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/pty-quick.ron");
    for (start, date) in [
        ("1969-12-31 12:00:00", "1969-12-31"),
        ("2500-01-01 12:00:00", "2500-01-01"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("routines")).unwrap();
        std::fs::copy(&quick, dir.path().join("routines/pty-quick.ron")).unwrap();
        for args in [&["status"][..], &["history"]] {
            no_panic(
                &format!("{args:?} at {start}"),
                &limber_at(start, dir.path(), args, ""),
            );
        }
        let r = limber_at(start, dir.path(), &["run", "pty-quick", "--plain"], "");
        no_panic(&format!("run at {start}"), &r);
        for args in [
            &["status"][..],
            &["history"],
            &["report"],
            &["log", "export"],
        ] {
            no_panic(
                &format!("{args:?} at {start}"),
                &limber_at(start, dir.path(), args, ""),
            );
        }
        // And the fake clock did reach limber: the session is on that date.
        let csv = limber_at(start, dir.path(), &["history", "--format", "csv"], "");
        no_panic("history --format csv", &csv);
        assert!(
            csv.stdout.contains(date),
            "faketime did not move limber's clock to {date}:\n{}",
            csv.stdout
        );
    }
}

fn at(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap()
}

/// The time part of a session id: everything before the process id.
fn time_part(r: &Recorder) -> String {
    let id = r.session_id();
    let (time, _) = id.rsplitn(3, '-').last().map(|t| (t, ())).unwrap();
    time.to_string()
}

#[test]
fn session_ids_stay_unique_where_ns_overflow() {
    let r: RoutineRef = routine_ref("stretch", 1);
    let times = [
        "1969-12-31T23:59:59.5+00:00",
        "1677-09-21T00:12:44+00:00",
        "1000-01-01T00:00:00-12:00",
        "0001-01-01T00:00:00+00:00",
        "2500-01-01T00:00:00+00:00",
        "2500-01-01T00:00:00.000000001+00:00",
        "9999-12-31T23:59:59.999999999+14:00",
    ];
    let parts: Vec<String> = times
        .iter()
        .map(|t| time_part(&Recorder::new(r.clone(), at(t), 1, 0)))
        .collect();
    let mut unique = parts.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), times.len(), "{parts:?}");
    assert!(parts[4].starts_with('s'), "{parts:?}");
}
