//! The morning check and a due measure through the real binary in a
//! pseudo-terminal: the check comes on the first start of a day (coach and
//! plain mode), once, and its answer is logged; PSFS asks for activities
//! the first time and ratings after.

use chrono::Duration;
use limber::core::outcome::{Compared, Measure, PsfsItem};
use limber::store::history::History;

use crate::common::pty::{Env, Pty};

fn read_safety(env: &Env) {
    std::fs::write(
        env.data().join("settings.json"),
        br#"{"safety_acknowledged": true}"#,
    )
    .unwrap();
}

fn answers(env: &Env) -> Vec<limber::core::outcome::Answer> {
    History::open(&env.data())
        .unwrap()
        .history
        .answers(None, None)
        .unwrap()
}

#[test]
fn the_coach_asks_the_morning_check_once_a_day_and_logs_it() {
    let env = Env::new(&["pty-quick"]);
    read_safety(&env);
    let mut t = Pty::spawn(&env, &[], 80, 24);
    t.wait_all(&["Morning check", "Pain this morning"]);
    t.send_str("2");
    t.wait_text("Pain this morning: 2/10");
    t.send_str("\r"); // stiffness skipped
    t.send_str("w");
    let home = t.wait_text("Morning flag: worse than yesterday.");
    assert!(home.contains("PTY quick"), "{home}");
    t.send_str("q");
    t.wait_exit();
    assert_eq!(
        answers(&env)
            .iter()
            .map(|a| a.measure.clone())
            .collect::<Vec<_>>(),
        vec![Measure::Morning {
            pain: Some(2),
            stiffness: None,
            compared: Some(Compared::Worse)
        }]
    );
    // The second start that day goes home at once.
    let mut t = Pty::spawn(&env, &[], 80, 24);
    let home = t.wait_text("PTY quick");
    assert!(!home.contains("Pain this morning"), "{home}");
    t.send_str("q");
    t.wait_exit();
    assert_eq!(answers(&env).len(), 1);
}

#[test]
fn esc_skips_the_whole_check_and_it_is_not_asked_again_that_day() {
    let env = Env::new(&["pty-quick"]);
    read_safety(&env);
    let mut t = Pty::spawn(&env, &["--lang", "ru"], 80, 24);
    t.wait_text("Утренняя проверка");
    t.send(b"\x1b");
    t.wait_text("PTY quick");
    t.send_str("q");
    t.wait_exit();
    let all = answers(&env);
    assert_eq!(all.len(), 1);
    assert!(matches!(
        all[0].measure,
        Measure::Morning {
            pain: None,
            stiffness: None,
            compared: None
        }
    ));
}

#[test]
fn plain_mode_asks_the_morning_check_on_the_first_start_of_a_day() {
    let env = Env::new(&["pty-quick"]);
    read_safety(&env);
    let mut t = Pty::spawn(
        &env,
        &[
            "run",
            "pty-quick",
            "--plain",
            "--pain",
            "1",
            "--pain-after",
            "1",
        ],
        80,
        24,
    );
    t.wait_text("Pain this morning (0-10, Enter skips):");
    t.send_str("4\r");
    t.wait_text("Stiffness this morning");
    t.send_str("\r");
    t.wait_text("Compared with yesterday");
    t.send_str("b\r");
    t.wait_text("Morning check saved.");
    t.wait_text("Note (type it");
    t.send_str("\r");
    t.wait_exit();
    let all = answers(&env);
    assert_eq!(
        all[0].measure,
        Measure::Morning {
            pain: Some(4),
            stiffness: None,
            compared: Some(Compared::Better)
        }
    );
    // Again the same day: straight to the session.
    let mut t = Pty::spawn(
        &env,
        &[
            "run",
            "pty-quick",
            "--plain",
            "--pain",
            "1",
            "--pain-after",
            "1",
        ],
        80,
        24,
    );
    let screen = t.wait_text("Note (type it");
    assert!(!screen.contains("Pain this morning"), "{screen}");
    t.send_str("\r");
    t.wait_exit();
    assert_eq!(answers(&env).len(), 1);
}

#[test]
fn a_due_psfs_asks_for_activities_the_first_time_and_ratings_after() {
    let env = Env::new(&["pty-quick"]);
    env.acknowledge_safety();
    env.checked_in_today();
    let mut t = Pty::spawn(&env, &[], 100, 30);
    t.wait_text("Due: PSFS, sitting");
    t.send_str("m");
    t.wait_text("Name 3 to 5 activities");
    for a in ["sitting through a film", "putting on socks", "stairs"] {
        t.send_str(a);
        t.send_str("\r");
    }
    t.send_str("\r");
    t.wait_text("How well can you do each one today?");
    t.send_str("3");
    t.send_str("5");
    t.send_str("t");
    let home = t.wait_text("PTY quick");
    assert!(
        !home.contains("(PSFS)"),
        "answered, so no longer due: {home}"
    );
    t.send_str("q");
    t.wait_exit();
    let psfs: Vec<_> = answers(&env)
        .into_iter()
        .filter(|a| matches!(a.measure, Measure::Psfs { .. }))
        .collect();
    let item = |a: &str, s| PsfsItem {
        activity: a.into(),
        score: Some(s),
    };
    assert_eq!(
        psfs[0].measure,
        Measure::Psfs {
            items: vec![
                item("sitting through a film", 3),
                item("putting on socks", 5),
                item("stairs", 10)
            ]
        }
    );
    // Fifteen days on, PSFS is due again: the same activities, rated.
    let mut old = psfs[0].clone();
    old.id = "older".into();
    old.at -= Duration::days(15);
    let again = Env::new(&["pty-quick"]);
    read_safety(&again);
    again.checked_in_today();
    History::open(&again.data())
        .unwrap()
        .history
        .append_answer(&old)
        .unwrap();
    let mut t = Pty::spawn(&again, &[], 100, 30);
    t.wait_text("Due: PSFS, sitting");
    t.send_str("m");
    let rating = t.wait_all(&["How well can you do each one today?", "putting on socks: –"]);
    assert!(!rating.contains("Name 3 to 5"), "{rating}");
    t.send_str("6");
    t.send_str("6");
    t.send_str("6");
    t.wait_text("PTY quick");
    t.send_str("q");
    t.wait_exit();
    let last = answers(&again).into_iter().last().unwrap();
    assert!(
        matches!(&last.measure, Measure::Psfs { items } if items.iter().all(|i| i.score == Some(6)) && items.len() == 3)
    );
}
