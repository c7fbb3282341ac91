//! The log file: appending safely, reading tolerantly.

use std::fs;

use chrono::{DateTime, FixedOffset, TimeZone};
use limber::core::progress::{SessionOutcome, summarize};
use limber::core::record::{Event, LogLine, Outcome};
use limber::store::history::sample::{Spec, routine_ref};
use limber::store::history::{Action, History, Recorder, parse, save_elsewhere};
use proptest::prelude::*;

use crate::common::test_name;

fn at(h: u32, m: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 20, h, m, 0)
        .unwrap()
}

fn sessions(n: usize) -> Vec<LogLine> {
    let r = routine_ref("piriformis-stretch", 1);
    (0..n)
        .flat_map(|i| {
            let outcome = match i % 3 {
                0 => Some(Outcome::Completed),
                1 => Some(Outcome::Stopped(limber::core::record::StopReason::Pain)),
                _ => None,
            };
            Spec::new(&r, &format!("s{i}"), at(8 + i as u32 % 12, i as u32 % 60))
                .outcome(outcome)
                .steps(2)
                .pain(Some(5), Some(3))
                .note("ok, \"fine\"")
                .lines()
        })
        .collect()
}

fn file_bytes(lines: &[LogLine]) -> Vec<u8> {
    let mut out = Vec::new();
    for l in lines {
        serde_json::to_writer(&mut out, l).unwrap();
        out.push(b'\n');
    }
    out
}

#[test]
fn append_creates_the_directory_and_reads_back() {
    let tmp = tempfile::tempdir().unwrap();
    let history = History::in_dir(&tmp.path().join("deep/data"));
    let lines = sessions(3);
    for l in &lines {
        history.append(l).unwrap();
    }
    assert!(history.path().ends_with("deep/data/history.jsonl"));
    assert!(
        history
            .lock_path()
            .ends_with("deep/data/history.jsonl.lock")
    );
    let read = history.read().unwrap();
    assert_eq!(read.lines, lines);
    assert!(read.problems.is_empty());
    let text = fs::read_to_string(history.path()).unwrap();
    assert_eq!(text.lines().count(), lines.len());
    assert!(text.ends_with('\n'));
    assert!(text.lines().all(|l| l.starts_with("{\"v\":1,")));
}

#[test]
fn a_missing_file_is_an_empty_history() {
    let tmp = tempfile::tempdir().unwrap();
    let read = History::in_dir(tmp.path()).read().unwrap();
    assert!(read.lines.is_empty() && read.problems.is_empty());
    assert!(!tmp.path().join("history.jsonl").exists());
}

#[test]
fn an_append_after_a_torn_line_starts_on_a_fresh_line() {
    let tmp = tempfile::tempdir().unwrap();
    let history = History::in_dir(tmp.path());
    let lines = sessions(2);
    history.append(&lines[0]).unwrap();
    // A crash half way through the second line.
    let mut bytes = fs::read(history.path()).unwrap();
    let second = serde_json::to_vec(&lines[1]).unwrap();
    bytes.extend_from_slice(&second[..second.len() / 2]);
    fs::write(history.path(), &bytes).unwrap();

    let read = history.read().unwrap();
    assert_eq!(read.lines, vec![lines[0].clone()]);
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].line_no, 2);
    assert!(read.problems[0].message.contains("torn"));

    history.append(&lines[2]).unwrap();
    let read = history.read().unwrap();
    assert_eq!(read.lines, vec![lines[0].clone(), lines[2].clone()]);
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert_eq!(read.problems[0].line_no, 2);
    assert!(read.problems[0].message.contains("damaged"));
    // The damaged half line is still there, untouched.
    let text = fs::read(history.path()).unwrap();
    assert!(text.starts_with(&bytes));
}

#[test]
fn damaged_and_newer_lines_are_reported_skipped_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let history = History::in_dir(tmp.path());
    let lines = sessions(1);
    let mut text = String::new();
    text += &serde_json::to_string(&lines[0]).unwrap();
    text += "\nnot json at all\n";
    // A newer limber added a field: still readable.
    let mut newer: serde_json::Value = serde_json::to_value(&lines[1]).unwrap();
    newer["mood"] = "sunny".into();
    newer["v"] = 2.into();
    text += &newer.to_string();
    text += "\n";
    // And an event this version does not know.
    let mut unknown = serde_json::to_value(&lines[2]).unwrap();
    unknown["event"] = "heart_rate".into();
    unknown["v"] = 3.into();
    unknown["id"] = "x/99".into();
    text += &unknown.to_string();
    text += "\n\n";
    text += &serde_json::to_string(&lines[2]).unwrap();
    text += "\n";
    fs::write(history.path(), &text).unwrap();

    let read = history.read().unwrap();
    assert_eq!(read.lines.len(), 3);
    assert_eq!(read.lines[0], lines[0]);
    assert_eq!(read.lines[1].id, lines[1].id);
    assert_eq!(read.lines[2], lines[2]);
    let at: Vec<usize> = read.problems.iter().map(|p| p.line_no).collect();
    assert_eq!(at, vec![2, 4]);
    assert!(read.problems[0].message.contains("damaged"));
    assert!(read.problems[1].message.contains("newer limber (format 3)"));
    assert_eq!(fs::read_to_string(history.path()).unwrap(), text);
}

#[test]
fn duplicate_event_ids_count_once() {
    let lines = sessions(2);
    let mut doubled = lines.clone();
    doubled.extend(lines[2..5].iter().cloned());
    let read = parse(&file_bytes(&doubled));
    assert_eq!(read.lines, lines);
    assert_eq!(read.duplicates, 3);
    assert!(read.problems.is_empty());
}

#[test]
fn write_errors_name_the_path_and_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    // A file where the data directory should be: fails even as root.
    let blocker = tmp.path().join("blocker");
    fs::write(&blocker, "").unwrap();
    let bad = History::in_dir(&blocker.join("data"));
    let r = routine_ref("piriformis-stretch", 1);
    let mut rec = Recorder::new(r, at(9, 0));
    let event = Event::SessionStarted {
        side: None,
        variant: None,
        pain_before: Some(4),
    };
    let err = rec.record(&bad, event.clone(), at(9, 0)).unwrap_err();
    assert_eq!(err.action, Action::CreateDir);
    assert!(err.to_string().contains("blocker"), "{err}");
    let end = Event::SessionEnded {
        outcome: Outcome::Completed,
        active_ms: 1,
        paused_ms: 0,
    };
    assert!(rec.record(&bad, end, at(9, 20)).is_err());
    assert_eq!(rec.unsaved().len(), 2);

    // "Save elsewhere" keeps the lines in log format.
    let elsewhere = tmp.path().join("rescued.jsonl");
    rec.save_unsaved_elsewhere(&elsewhere).unwrap();
    assert!(rec.unsaved().is_empty());
    let read = History::at(&elsewhere).read().unwrap();
    assert_eq!(read.lines.len(), 2);
    assert_eq!(read.lines[0].event, event);
    assert_eq!(read.lines[0].session, rec.session_id());
    let s = summarize(&read.lines);
    assert_eq!(s[0].outcome, SessionOutcome::Completed);

    // Retry: once the log works, unsaved lines go first, in order.
    let good = History::in_dir(&tmp.path().join("good"));
    assert!(rec.record(&bad, event.clone(), at(10, 0)).is_err());
    rec.record(&good, event.clone(), at(10, 1)).unwrap();
    let read = good.read().unwrap();
    assert_eq!(read.lines.len(), 2);
    assert_eq!(read.lines[0].at, at(10, 0));
    assert_eq!(read.lines[1].at, at(10, 1));
    save_elsewhere(&[], &tmp.path().join("none")).unwrap();
    assert!(!tmp.path().join("none").exists());
}

#[test]
fn recorder_ids_are_unique_and_stamped_with_the_offset() {
    let r = routine_ref("piriformis-stretch", 1);
    let mut a = Recorder::new(r.clone(), at(9, 0));
    let mut b = Recorder::new(r, at(9, 0));
    assert_ne!(a.session_id(), b.session_id());
    let l1 = a.stamp(
        Event::Feedback {
            pain_after: None,
            note: None,
        },
        at(9, 1),
    );
    let l2 = a.stamp(
        Event::Feedback {
            pain_after: None,
            note: None,
        },
        at(9, 2),
    );
    let l3 = b.stamp(
        Event::Feedback {
            pain_after: None,
            note: None,
        },
        at(9, 2),
    );
    assert_ne!(l1.id, l2.id);
    assert_ne!(l2.id, l3.id);
    assert_eq!(l1.session, a.session_id());
    assert_eq!(l1.v, limber::core::record::LOG_VERSION);
    let json = serde_json::to_string(&l1).unwrap();
    assert!(
        json.contains("\"at\":\"2026-11-20T09:01:00+01:00\""),
        "{json}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Cutting the file at any byte keeps every line before the cut and
    /// reports at most one torn line.
    #[test]
    fn a_cut_at_any_byte_loses_at_most_the_last_line(frac in 0.0f64..=1.0) {
        let lines = sessions(4);
        let bytes = file_bytes(&lines);
        let cut = ((bytes.len() as f64) * frac) as usize;
        let read = parse(&bytes[..cut]);
        let complete = bytes[..cut].iter().filter(|&&b| b == b'\n').count();
        prop_assert_eq!(&read.lines[..], &lines[..complete]);
        let torn = cut > 0 && bytes[cut - 1] != b'\n';
        prop_assert_eq!(read.problems.len(), usize::from(torn));
        if torn {
            prop_assert_eq!(read.problems[0].line_no, complete + 1);
        }
    }

    #[test]
    fn shuffled_or_duplicated_lines_give_the_same_summaries(
        keys in proptest::collection::vec(any::<u64>(), 64),
        dups in proptest::collection::vec(any::<proptest::sample::Index>(), 0..10),
    ) {
        let lines = sessions(6);
        let expected = summarize(&lines);
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by_key(|&i| keys[i % keys.len()] ^ i as u64);
        let mut mixed: Vec<LogLine> = order.iter().map(|&i| lines[i].clone()).collect();
        mixed.extend(dups.iter().map(|i| lines[i.index(lines.len())].clone()));
        prop_assert_eq!(summarize(&mixed), expected.clone());
        // Through the reader too.
        let read = parse(&file_bytes(&mixed));
        prop_assert_eq!(read.duplicates, dups.len());
        prop_assert_eq!(summarize(&read.lines), expected);
    }
}

/// Every possible cut, checked exhaustively on a smaller file.
#[test]
fn every_cut_of_a_small_file() {
    let lines = sessions(2);
    let bytes = file_bytes(&lines);
    for cut in 0..=bytes.len() {
        let read = parse(&bytes[..cut]);
        let complete = bytes[..cut].iter().filter(|&&b| b == b'\n').count();
        assert_eq!(read.lines, lines[..complete], "cut at {cut}");
        assert!(read.problems.len() <= 1);
    }
}

#[test]
fn a_bare_file_name_is_in_the_current_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = sessions(1);
    // Child process: changing the directory of the test process would
    // disturb the other tests.
    if std::env::var("LIMBER_TEST_CWD").is_ok() {
        History::at("bare.jsonl").append(&lines[0]).unwrap();
        return;
    }
    let this = test_name(
        module_path!(),
        "a_bare_file_name_is_in_the_current_directory",
    );
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", &this])
        .env("LIMBER_TEST_CWD", "1")
        .current_dir(tmp.path())
        .status()
        .unwrap();
    assert!(status.success());
    let read = History::at(tmp.path().join("bare.jsonl")).read().unwrap();
    assert_eq!(read.lines, vec![lines[0].clone()]);
}
