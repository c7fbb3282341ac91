//! `limber checkin`, `limber measure` and `status`'s morning flag through
//! the real binary: answers from options and from standard input, what is
//! said, what the log keeps, and answers carried by export and import.

use std::path::Path;

use crate::common::cli::{command, run};
use limber::core::outcome::{Compared, Measure};
use limber::store::history::History;

fn limber_in(data: &Path, args: &[&str], input: &str) -> crate::common::cli::Run {
    let mut cmd = command(&data.with_file_name("routines"), data);
    cmd.args(args);
    run(cmd, input)
}

fn answers(data: &Path) -> Vec<limber::core::outcome::Answer> {
    History::open(data)
        .unwrap()
        .history
        .answers(None, None)
        .unwrap()
}

#[test]
fn checkin_from_options_and_from_standard_input_is_logged() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let r = limber_in(
        &data,
        &["checkin", "--pain", "2", "--compared", "better"],
        "",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "Morning check saved.\n");
    // Asked on stdin: a wrong score is asked again, Enter skips stiffness.
    let r = limber_in(&data, &["checkin"], "12\n4\n\nw\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Please type a number from 0 to 10"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Morning flag: worse than yesterday."),
        "{}",
        r.stdout
    );
    let all = answers(&data);
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[1].measure,
        Measure::Morning {
            pain: Some(4),
            stiffness: None,
            compared: Some(Compared::Worse)
        }
    );
    let r = limber_in(&data, &["status"], "");
    assert!(
        r.stdout
            .trim_end()
            .ends_with("— Morning flag: worse than yesterday."),
        "{}",
        r.stdout
    );
    let r = limber_in(&data, &["--lang", "ru", "status"], "");
    assert!(
        r.stdout.contains("Утро с отметкой: хуже, чем вчера."),
        "{}",
        r.stdout
    );
    // Out of range from a script is a usage error, nothing logged.
    let r = limber_in(&data, &["checkin", "--pain", "11"], "");
    assert_eq!(r.code, 2);
    assert_eq!(answers(&data).len(), 2);
}

#[test]
fn psfs_names_activities_the_first_time_and_rates_them_after() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let r = limber_in(
        &data,
        &["measure", "psfs"],
        "sitting through a film\nsocks\n\n",
    );
    assert!(
        r.stdout.contains("PSFS needs at least 3 activities"),
        "{}",
        r.stdout
    );
    assert!(answers(&data).is_empty());
    let r = limber_in(
        &data,
        &["measure", "psfs"],
        "sitting through a film\nputting on socks\nclimbing stairs\n\n3\n5\n\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Activity 1:"), "{}", r.stdout);
    // The second time: no activity asked, each one shown for its rating.
    let r = limber_in(&data, &["--lang", "ru", "measure", "psfs"], "6\n6\n6\n");
    assert!(!r.stdout.contains("Дело 1"), "{}", r.stdout);
    assert!(r.stdout.contains("putting on socks (0–10"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("Шкала функциональных ограничений пациента (PSFS): записано.")
    );
    let all = answers(&data);
    let scores: Vec<Vec<Option<u8>>> = all
        .iter()
        .map(|a| match &a.measure {
            Measure::Psfs { items } => items.iter().map(|i| i.score).collect(),
            m => panic!("{m:?}"),
        })
        .collect();
    assert_eq!(scores, vec![vec![Some(3), Some(5), None], vec![Some(6); 3]]);
}

#[test]
fn a_yes_to_a_red_flag_gives_the_same_day_advice_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let r = limber_in(&data, &["measure", "red-flags"], "n\nmaybe\ny\nn\nn\n");
    let urgent = r
        .stdout
        .find("Urgent, the same day or call an ambulance")
        .unwrap();
    let next = r.stdout.find("Fever, or feeling unwell").unwrap();
    assert!(urgent < next, "said before the next question: {}", r.stdout);
    assert!(r.stdout.contains("Please answer y or n."));
    let r = limber_in(&data, &["measure", "red-flags", "--no-flags"], "");
    assert!(r.stdout.contains("No warning signs."), "{}", r.stdout);
    assert!(!r.stdout.contains("Urgent"));
    let r = limber_in(
        &data,
        &["--lang", "ru", "measure", "red-flags", "--yes", "fever"],
        "",
    );
    assert!(r.stdout.contains("Срочно (в тот же день"), "{}", r.stdout);
    assert_eq!(answers(&data).len(), 3);
    let r = limber_in(&data, &["measure", "mood"], "");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no measure `mood`"), "{}", r.stderr);
}

#[test]
fn export_and_import_carry_the_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    limber_in(&data, &["measure", "sitting", "--minutes", "25"], "");
    limber_in(&data, &["measure", "usual-pain", "--pain", "4"], "");
    let file = tmp.path().join("out.jsonl");
    let r = limber_in(&data, &["log", "export", "-o", file.to_str().unwrap()], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let other = tmp.path().join("other");
    let r = limber_in(&other, &["log", "import", file.to_str().unwrap()], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("2 answers added, 0 already in the log"),
        "{}",
        r.stdout
    );
    assert_eq!(answers(&other), answers(&data));
    let r = limber_in(&other, &["log", "import", file.to_str().unwrap()], "");
    assert!(
        r.stdout.contains("0 answers added, 2 already in the log"),
        "{}",
        r.stdout
    );
    // One from the future is refused.
    let future = "{\"v\":1,\"id\":\"f\",\"at\":\"2999-01-01T08:00:00+00:00\",\"measure\":\"usual_pain\",\"pain\":3}\n";
    let path = tmp.path().join("future.jsonl");
    std::fs::write(&path, future).unwrap();
    let r = limber_in(&other, &["log", "import", path.to_str().unwrap()], "");
    assert!(
        r.stderr.contains(
            "answers not imported (dated in the future, or with values limber never asks for): 1"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(answers(&other).len(), 2);
}
