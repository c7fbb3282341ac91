//! The log database: appending, summaries kept in step, migration of the
//! old JSON Lines log, export and import, privacy, and the tolerant reader
//! of JSON Lines files.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};
use limber::core::progress::{summarize, tally};
use limber::core::record::{Event, LogLine, Outcome};
use limber::store::history::sample::{Spec, routine_ref};
use limber::store::history::{History, Recorder, parse};
use limber::store::private;
use proptest::prelude::*;

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
    limber::store::history::jsonl::to_bytes(lines)
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn open(dir: &Path) -> History {
    History::open(dir).unwrap().history
}

#[test]
fn append_creates_a_private_store_and_reads_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("deep/data");
    let history = open(&dir);
    let lines = sessions(3);
    for l in &lines {
        history.append(l).unwrap();
    }
    assert!(history.path().ends_with("deep/data/history.sqlite3"));
    assert_eq!(history.lines().unwrap(), lines);
    assert_eq!(history.sessions(None, None).unwrap(), summarize(&lines));
    // Every file and directory it made is the user's alone, the WAL and
    // its index too (they exist while the store is open).
    assert_eq!(mode(&tmp.path().join("deep")), 0o700);
    assert_eq!(mode(&dir), 0o700);
    for name in [
        "history.sqlite3",
        "history.sqlite3-wal",
        "history.sqlite3-shm",
    ] {
        assert_eq!(mode(&dir.join(name)), 0o600, "{name}");
    }
    drop(history);
    assert_eq!(open(&dir).lines().unwrap(), lines);
}

#[test]
fn duplicate_event_ids_are_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let history = open(tmp.path());
    let lines = sessions(2);
    history.append_all(&lines).map_err(|(_, e)| e).unwrap();
    history
        .append_all(&lines[2..5])
        .map_err(|(_, e)| e)
        .unwrap();
    assert_eq!(history.lines().unwrap(), lines);
    let again = history.import(&lines).unwrap();
    assert_eq!((again.added, again.present), (0, lines.len()));
    assert_eq!(history.sessions(None, None).unwrap().len(), 2);
}

#[test]
fn sessions_and_days_are_bounded_by_routine_and_date() {
    let tmp = tempfile::tempdir().unwrap();
    let history = open(tmp.path());
    let lines = limber::store::history::sample::demo(at(9, 0).date_naive());
    history.import(&lines).unwrap();
    let all = summarize(&lines);
    for id in ["piriformis-stretch", "piriformis-massage"] {
        let days = history.days(id).unwrap();
        assert_eq!(days, tally(&all, id), "{id}");
        let since = all[all.len() / 2].local_date;
        let mine: Vec<_> = all
            .iter()
            .filter(|s| s.routine.id == id && s.local_date >= since)
            .cloned()
            .collect();
        assert_eq!(history.sessions(Some(id), Some(since)).unwrap(), mine);
    }
    assert_eq!(history.routine_ids().unwrap().len(), 2);
}

#[test]
fn a_stamped_line_goes_into_the_log_as_stamped() {
    let tmp = tempfile::tempdir().unwrap();
    let history = open(tmp.path());
    let r = routine_ref("piriformis-stretch", 1);
    let mut rec = Recorder::new(r, at(9, 0), 0x4d2, 7);
    let start = Event::SessionStarted {
        side: None,
        variant: None,
        pain_before: None,
        steps_planned: None,
        dose: vec![],
        prescription: None,
    };
    let line = rec.stamp(start, at(9, 0));
    assert!(line.id.starts_with(rec.session_id()));
    assert_eq!(line.at.offset().local_minus_utc(), 3600);
    history.append(&line).unwrap();
    assert_eq!(history.lines().unwrap(), vec![line]);
}

/// The process id and the caller's count of sessions are what keep two
/// sessions started in the same ns apart.
#[test]
fn session_ids_differ_by_process_and_by_count() {
    let r = routine_ref("piriformis-stretch", 1);
    let id = |process, nth| {
        Recorder::new(r.clone(), at(9, 0), process, nth)
            .session_id()
            .to_string()
    };
    assert!(id(0x4d2, 7).ends_with("-4d2-7"), "{}", id(0x4d2, 7));
    assert_ne!(id(1, 0), id(2, 0));
    assert_ne!(id(1, 0), id(1, 1));
    assert_eq!(id(1, 0), id(1, 0));
}

#[test]
fn an_old_log_is_imported_once_with_its_damaged_lines_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = sessions(3);
    let mut text = String::new();
    text += &serde_json::to_string(&lines[0]).unwrap();
    text += "\nnot json at all\n";
    for l in &lines[1..] {
        text += &serde_json::to_string(l).unwrap();
        text += "\n";
    }
    // A retried append that had in fact reached the disk, and a torn end.
    text += &serde_json::to_string(&lines[4]).unwrap();
    text += "\n{\"v\":1,\"id\"";
    let old = tmp.path().join("history.jsonl");
    fs::write(&old, &text).unwrap();
    fs::set_permissions(&old, fs::Permissions::from_mode(0o644)).unwrap();

    let opened = History::open(tmp.path()).unwrap();
    let m = opened.migration.expect("imported");
    assert_eq!(m.added, lines.len());
    let at: Vec<usize> = m.problems.iter().map(|p| p.line_no).collect();
    assert_eq!(at, vec![2, lines.len() + 3]);
    assert!(m.problems[0].message.contains("damaged"));
    let renamed = tmp.path().join("history.jsonl.imported");
    assert_eq!(m.renamed_to.as_deref(), Some(renamed.as_path()));
    assert!(!old.exists());
    // Renamed, not changed, and readable by the user alone now.
    assert_eq!(fs::read_to_string(&renamed).unwrap(), text);
    assert_eq!(mode(&renamed), 0o600);
    assert_eq!(opened.history.lines().unwrap(), lines);
    assert_eq!(
        opened.history.sessions(None, None).unwrap(),
        summarize(&lines)
    );
    drop(opened.history);

    // A second start imports nothing.
    let again = History::open(tmp.path()).unwrap();
    assert!(again.migration.is_none());
    assert_eq!(again.history.lines().unwrap().len(), lines.len());
}

#[test]
fn a_symlink_at_the_rescue_path_is_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("state");
    private::create_dir(&dir).unwrap();
    let victim = tmp.path().join("victim");
    fs::write(&victim, "theirs").unwrap();
    std::os::unix::fs::symlink(&victim, dir.join("limber-unsaved-x.jsonl")).unwrap();
    let saved =
        private::save_new(std::slice::from_ref(&dir), "limber-unsaved-x", b"line\n").unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "theirs");
    assert_ne!(saved, dir.join("limber-unsaved-x.jsonl"));
    assert!(saved.starts_with(&dir));
    assert_eq!(fs::read_to_string(&saved).unwrap(), "line\n");
    assert_eq!(mode(&saved), 0o600);
    assert_eq!(mode(&dir), 0o700);
}

#[test]
fn a_rescue_never_goes_to_a_directory_others_can_read() {
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o755)).unwrap();
    let saved = private::save_new(std::slice::from_ref(&shared), "r", b"x\n").unwrap();
    assert!(!saved.starts_with(&shared), "{}", saved.display());
    assert_eq!(mode(saved.parent().unwrap()), 0o700);
    assert_eq!(mode(&saved), 0o600);
    fs::remove_dir_all(saved.parent().unwrap()).unwrap();
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Events reaching the store in any order, some twice, leave the same
    /// summaries and day counts as the events say.
    #[test]
    fn summaries_follow_the_events_in_any_order(
        keys in proptest::collection::vec(any::<u64>(), 32),
        dups in proptest::collection::vec(any::<proptest::sample::Index>(), 0..6),
    ) {
        let lines = sessions(4);
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by_key(|&i| keys[i % keys.len()] ^ i as u64);
        let mut mixed: Vec<LogLine> = order.iter().map(|&i| lines[i].clone()).collect();
        mixed.extend(dups.iter().map(|i| lines[i.index(lines.len())].clone()));
        let history = History::in_memory().unwrap();
        for l in &mixed {
            history.append(l).unwrap();
        }
        let expected = summarize(&lines);
        prop_assert_eq!(history.sessions(None, None).unwrap(), expected.clone());
        prop_assert_eq!(
            history.days("piriformis-stretch").unwrap(),
            tally(&expected, "piriformis-stretch")
        );
        prop_assert_eq!(history.event_count().unwrap(), lines.len());
    }

    /// Export, then import into an empty store: the same history.
    #[test]
    fn export_then_import_gives_the_same_history(
        n in 0usize..6,
        keys in proptest::collection::vec(any::<u64>(), 32),
    ) {
        let lines = sessions(n);
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by_key(|&i| keys[i % keys.len()] ^ i as u64);
        let a = History::in_memory().unwrap();
        for &i in &order {
            a.append(&lines[i]).unwrap();
        }
        let exported = file_bytes(&a.lines().unwrap());
        let read = parse(&exported);
        prop_assert!(read.problems.is_empty());
        let b = History::in_memory().unwrap();
        prop_assert_eq!(b.import(&read.lines).unwrap().added, lines.len());
        prop_assert_eq!(b.lines().unwrap(), a.lines().unwrap());
        prop_assert_eq!(b.sessions(None, None).unwrap(), a.sessions(None, None).unwrap());
        prop_assert_eq!(b.sessions(None, None).unwrap(), summarize(&lines));
        prop_assert_eq!(b.import(&read.lines).unwrap().added, 0);
    }
}

/// A data directory and settings file that round one made 0755 and 0644
/// become the user's alone when limber next uses them; a symlinked one,
/// maybe somebody else's, is left as it is.
#[test]
fn files_an_earlier_limber_left_open_become_private() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    let settings = dir.join("settings.json");
    fs::write(
        &settings,
        r#"{"safety_acknowledged": true, "side": "left"}"#,
    )
    .unwrap();
    fs::set_permissions(&settings, fs::Permissions::from_mode(0o644)).unwrap();

    drop(open(&dir));
    assert_eq!(mode(&dir), 0o700);
    let (loaded, problem) = limber::store::settings::load(&dir);
    assert!(problem.is_none() && loaded.safety_acknowledged);
    assert_eq!(mode(&settings), 0o600);

    // Through a symlink: neither the link's target nor the target's
    // directory is changed.
    let shared = tmp.path().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o755)).unwrap();
    let target = shared.join("settings.json");
    fs::write(&target, "{}").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
    let linked = tmp.path().join("linked");
    fs::create_dir(&linked).unwrap();
    std::os::unix::fs::symlink(&target, linked.join("settings.json")).unwrap();
    limber::store::settings::load(&linked);
    assert_eq!(mode(&target), 0o644);
    let link_dir = tmp.path().join("link-dir");
    std::os::unix::fs::symlink(&shared, &link_dir).unwrap();
    drop(open(&link_dir));
    assert_eq!(mode(&shared), 0o755);
}
